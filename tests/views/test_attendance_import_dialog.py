"""The attendance import dialog over real services: session, columns, preview, import, summary."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.services.activities import ActivityData, SessionData
from app.services.people import PersonData
from app.services.registry import Services
from app.views.dialogs.attendance_import_dialog import AttendanceImportDialog, likely_session
from app.views.dialogs.attendance_import_pages import AttendancePreviewModel
from app.views.dialogs.import_dialog import FILE, MAPPING, PREVIEW, SUMMARY
from app.views.mapping_widget import IGNORE

HEADER = "Nombre y apellidos;Correo;Entidad;Asistencia;Minutos;Observaciones"
ROWS = (
    "Ana Martín;ana@example.org;;sí;;",
    "José Núñez;;Asociación Peñascal;tarde;90;Llegó tarde",
    ";sin-nombre@example.org;;sí;;",
    "Rosa Vidal;rosa.v@example.org;;;;",
)


def csv_file(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    """A Spanish Excel CSV: semicolons, Windows-1252, CRLF."""
    path = tmp_path / "firmas.csv"
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("cp1252"))
    return path


@pytest.fixture
def activity(services: Services) -> ActivityData:
    services.people.save(PersonData(full_name="Ana Martín", email="ana@example.org"))
    services.people.save(PersonData(full_name="Rosa Vidal", email="rosa@example.org"))
    sessions = tuple(
        SessionData(date=date.fromisoformat(d), start_time=time(10), end_time=time(12))
        for d in ("2025-03-05", "2025-03-12")
    )
    return services.activities.save(ActivityData(title="Foro de igualdad", sessions=sessions))


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stands in for the message boxes and records what they said."""
    said: list[str] = []

    def box(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(box))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(box))
    return said


def open_dialog(qtbot, services: Services, activity: ActivityData, path: Path, **kwargs):  # type: ignore[no-untyped-def]
    dialog = AttendanceImportDialog(services, activity.id, None, path=path, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_for(qtbot, dialog, MAPPING)
    return dialog


def wait_for(qtbot, dialog: AttendanceImportDialog, page: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.busy and dialog.pages.currentIndex() == page, timeout=10000)


def column(model: AttendancePreviewModel, number: int) -> list[str]:
    return [model.index(row, number).data() for row in range(model.rowCount())]


def test_walk_through_the_pages_and_import_the_attendance(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, tmp_path: Path, services: Services, activity: ActivityData, told
) -> None:
    second = activity.sessions[1]
    dialog = open_dialog(qtbot, services, activity, csv_file(tmp_path, *ROWS), session_id=second.id)
    assert dialog.windowTitle() == "Import attendance from a spreadsheet"
    assert dialog.mapping.mapping() == {
        0: "full_name",
        1: "email",
        2: "organisation",
        3: "mark",
        4: "minutes",
        5: "remarks",
    }
    assert dialog.mapping.combos[3].currentText() == "Attendance mark"
    assert dialog.session_combo.isVisible() and dialog.chosen_session() == second.id
    assert dialog.session_combo.accessibleName()
    assert dialog.next_button.isEnabled()

    qtbot.keyClick(dialog.next_button, Qt.Key.Key_Space)
    wait_for(qtbot, dialog, PREVIEW)
    model = dialog.preview_page.model
    qtmodeltester.check(model)
    assert column(model, 0) == ["2", "3", "4", "5"]
    happens = column(model, 4)
    assert happens[0] == "Marked as Ana Martín, already in Tejido"
    assert happens[1] == "New person"
    assert happens[2] == "Rejected"
    assert happens[3] == "New person (possible duplicate)"
    assert "Same e-mail." in column(model, 5)[0]
    assert "name" in column(model, 5)[2].lower()
    assert "May be Rosa Vidal" in column(model, 5)[3]
    assert column(model, 3)[1] == "Late (90 min)"
    counts = dialog.preview_page.counts.text()
    assert "3 marks will be written." in counts and "2 people will be created." in counts
    assert "1 row rejected." in counts
    assert services.people.count() == 2  # the preview wrote nothing
    assert dialog.next_button.accessibleName() == "Import the attendance now"

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dialog, SUMMARY)
    text = dialog.summary_page.counts.text()
    assert "3 marks were written." in text and "Find duplicates" in text
    assert "Row 5: Rosa Vidal looks like Rosa Vidal." in text
    assert "Row 4" in dialog.summary_page.rejected.toPlainText()
    roster = services.attendance.roster(second.id)
    assert {r.full_name: r.mark for r in roster.rows} == {
        "Ana Martín": "present",
        "José Núñez": "late",
        "Rosa Vidal": "present",
    }
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert told == []


def test_a_date_column_hides_the_session_choice_and_routes_rows(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, services: Services, activity: ActivityData, told
) -> None:
    path = csv_file(
        tmp_path,
        "Ana Martín;5/3/2025",
        "Ana Martín;12/03/2025",
        "Pau Roig;19/03/2025",
        header="Nombre;Fecha",
    )
    dialog = open_dialog(qtbot, services, activity, path)
    assert dialog.mapping.mapping() == {0: "full_name", 1: "session_date"}
    assert not dialog.session_combo.isVisible()
    assert "date of its row" in dialog.session_note.text()
    dialog.mapping.set_field(1, IGNORE)  # without the dates, a session must be chosen
    assert dialog.session_combo.isVisible()
    dialog.mapping.set_field(1, "session_date")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dialog, PREVIEW)
    sessions = column(dialog.preview_page.model, 2)
    assert sessions[:2] == ["Mar 5, 2025", "Mar 12, 2025"]
    assert "no session on" in column(dialog.preview_page.model, 5)[2]


def test_choosing_to_skip_possible_duplicates_previews_again(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, services: Services, activity: ActivityData, told
) -> None:
    dialog = open_dialog(qtbot, services, activity, csv_file(tmp_path, *ROWS))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, dialog, PREVIEW)
    dialog.preview_page.policy_buttons["skip"].click()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.plan.duplicates == "skip", timeout=10000)
    assert column(dialog.preview_page.model, 4)[3] == "Skipped (possible duplicate)"


def test_the_session_most_likely_meant_is_today_or_the_last_held() -> None:
    sessions = tuple(SessionData(date=date(2025, 3, d)) for d in (5, 12, 19))
    assert likely_session(sessions, date(2025, 3, 12)) == 1
    assert likely_session(sessions, date(2025, 3, 15)) == 1
    assert likely_session(sessions, date(2025, 1, 1)) == 0


def test_a_file_that_cannot_be_read_goes_back_to_the_file_page_and_says_why(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, services: Services, activity: ActivityData, told
) -> None:
    path = tmp_path / "lista.xlsx"
    path.write_bytes(b"%PDF-1.4 not a workbook")
    dialog = AttendanceImportDialog(services, activity.id, None, path=path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert dialog.pages.currentIndex() == FILE
    assert "lista.xlsx" in told[0] and dialog.file_page.problem.text() == told[0]
    assert dialog.file_page.choose_button.text() == "&Choose another file…"
    assert "sign-in list" in dialog.file_page.intro.text()
