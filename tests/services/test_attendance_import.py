"""Importing attendance from a sign-in list or an online form: who each row is, what is marked,
what is reported by line, and that nothing is ever half-imported."""

from __future__ import annotations

import sqlite3
from datetime import date, time
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.errors import Cancelled, ImportRejected, NotFoundError, ValidationError
from app.services.activities import ActivityData, SessionData
from app.services.importing import attendance_writing
from app.services.importing.attendance_import import AttendanceImportService
from app.services.people import MembershipData, PersonData
from app.services.registry import Services

HEADER = "Nombre y apellidos;Correo;Teléfono;Entidad;Sexo;Asistencia;Minutos;Observaciones"


def csv_file(tmp_path: Path, *rows: str, header: str = HEADER, name: str = "firmas.csv") -> Path:
    """A Spanish Excel CSV: semicolons, Windows-1252, CRLF."""
    path = tmp_path / name
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("cp1252"))
    return path


def dump(services: Services) -> str:
    """Every row of the database, to show that nothing at all changed."""
    con = sqlite3.connect(services.folder.database)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def capsule(services: Services, *days: str, title: str = "Cápsula de igualdad") -> ActivityData:
    sessions = tuple(
        SessionData(date=date.fromisoformat(d), start_time=time(10), end_time=time(12))
        for d in days
    )
    return services.activities.save(ActivityData(title=title, kind="capsule", sessions=sessions))


def add_person(services: Services, full_name: str, **values: object) -> str:
    saved = services.people.save(PersonData(full_name=full_name, **values))  # type: ignore[arg-type]
    assert saved.id is not None
    return saved.id


def marks(services: Services, session_id: str) -> dict[str, tuple[str, int | None, str]]:
    """``{name: (mark, minutes, remarks)}`` at the session."""
    roster = services.attendance.roster(session_id)
    return {r.full_name: (r.mark, r.minutes, r.remarks) for r in roster.rows if r.mark}


@pytest.fixture
def importer(services: Services) -> AttendanceImportService:
    return AttendanceImportService(services.db, services.folder)


@pytest.fixture
def activity(services: Services) -> ActivityData:
    return capsule(services, "2025-03-05", "2025-03-12")


def test_a_spanish_sign_in_list_marks_registers_and_creates_people(
    tmp_path: Path, services: Services, importer: AttendanceImportService, activity: ActivityData
) -> None:
    ana = add_person(services, "Ana Martín", email="ana@example.org")
    path = csv_file(
        tmp_path,
        "Ana Martín;ANA@example.org;;;Mujer;sí;;",
        "José Núñez Ibáñez;;600 11 22 33;Asociación Peñascal;hombre;tarde;90;Llegó a las 10:30",
        "Begoña Güell;;;asociación  peñascal;No binario;se fue antes;1:15;",
        "Íñigo Etxeberria;;;;;justificada;;Médico",
        "Lucía Pérez;;;;;ausente;;",
    )
    session = activity.sessions[0]
    plan = importer.preview(path, activity.id, session.id)
    assert [o.action for o in plan.outcomes] == ["update", "create", "create", "create", "create"]
    assert plan.outcomes[0].person.person_id == ana and plan.outcomes[0].matched_by == "email"
    summary = importer.apply(plan)
    assert summary.marks == {"present": 1, "late": 1, "left_early": 1, "excused": 1, "absent": 1}
    assert (summary.people_matched, summary.people_created, summary.registered) == (1, 4, 5)
    assert summary.organisations_created == 1 and summary.rejected == ()
    assert summary.backup is not None and summary.backup.exists()
    assert marks(services, session.id) == {
        "Ana Martín": ("present", None, ""),
        "José Núñez Ibáñez": ("late", 90, "Llegó a las 10:30"),
        "Begoña Güell": ("left_early", 75, ""),
        "Íñigo Etxeberria": ("excused", None, "Médico"),
        "Lucía Pérez": ("absent", None, ""),
    }
    registrations = {r.full_name: r for r in services.registrations.list(activity.id)}
    assert {r.status for r in registrations.values()} == {"registered"}
    assert registrations["Begoña Güell"].organisation_name == "Asociación Peñascal"
    jose = services.people.get(registrations["José Núñez Ibáñez"].person_id)
    assert (jose.gender, jose.phone) == ("man", "600 11 22 33")
    taken_by = {h.taken_by for h in services.attendance.history(activity_id=activity.id)}
    assert taken_by == {"import: firmas.csv"}


def test_an_xlsx_form_export_with_a_date_column_goes_to_each_sessions_date(
    tmp_path: Path, services: Services, importer: AttendanceImportService, activity: ActivityData
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Marca temporal", "Dirección de correo electrónico", "Nombre", "Fecha"])
    sheet.append(["2025-03-05 12:01", "rosa@example.org", "Rosa Vidal", date(2025, 3, 5)])
    sheet.append(["2025-03-12 12:00", "rosa@example.org", "Rosa Vidal", "12/03/2025"])
    sheet.append(["2025-03-12 12:03", "pau@example.org", "Pau Roig", "3/12/2025"])  # US order
    sheet.append(["2025-03-19 12:00", "pau@example.org", "Pau Roig", "19/03/2025"])
    path = tmp_path / "respuestas.xlsx"
    book.save(path)
    info = importer.inspect(path)
    assert info.mapping == {1: "email", 2: "full_name", 3: "session_date"}  # not the time stamp
    summary = importer.apply(importer.preview(path, activity.id))
    first, second = activity.sessions
    assert marks(services, first.id) == {"Rosa Vidal": ("present", None, "")}
    assert set(marks(services, second.id)) == {"Rosa Vidal", "Pau Roig"}
    assert summary.people_created == 2 and summary.sessions == (first.date, second.date)
    assert [(r.line, r.name) for r in summary.rejected] == [(5, "Pau Roig")]
    assert "no session on" in summary.rejected[0].reason


def test_without_a_date_column_a_session_must_be_chosen(
    tmp_path: Path, importer: AttendanceImportService, activity: ActivityData
) -> None:
    path = csv_file(tmp_path, "Ana Martín;;;;;;;")
    with pytest.raises(ValidationError):
        importer.preview(path, activity.id)
    with pytest.raises(NotFoundError):
        importer.preview(path, activity.id, "not-a-session")
    with pytest.raises(NotFoundError):
        importer.preview(path, "not-an-activity", activity.sessions[0].id)


def test_people_are_matched_by_email_then_phone_then_name(
    tmp_path: Path, services: Services, importer: AttendanceImportService, activity: ActivityData
) -> None:
    by_email = add_person(services, "Carmen Ruiz", email="carmen@example.org")
    by_phone = add_person(services, "Marta Gil Soto", phone="+34 611 22 33 44")
    by_name = add_person(services, "José Pérez")
    path = csv_file(
        tmp_path,
        "C. Ruiz;carmen@example.org;;;;;;",
        "Marta Gil;;611223344;;;;;",
        "jose  PEREZ;;;;;;;",
    )
    plan = importer.preview(path, activity.id, activity.sessions[0].id)
    assert [(o.person.person_id, o.matched_by) for o in plan.outcomes] == [
        (by_email, "email"),
        (by_phone, "phone"),
        (by_name, "name"),
    ]
    summary = importer.apply(plan)
    assert (summary.people_matched, summary.people_created, summary.duplicates) == (3, 0, ())
    assert services.people.get(by_name).full_name == "José Pérez"  # a stored name is kept


def test_possible_duplicates_are_created_and_named_in_the_summary(
    tmp_path: Path, services: Services, importer: AttendanceImportService, activity: ActivityData
) -> None:
    other_email = add_person(services, "Rosa Vidal", email="rosa@example.org")
    add_person(services, "Ana López")
    add_person(services, "Ana López", email="ana.lopez@example.org")
    family_phone = add_person(services, "Carmen Sanz", phone="600 99 88 77")
    path = csv_file(
        tmp_path,
        "Rosa Vidal;rosa.v@example.org;;;;;;",  # same name, another e-mail
        "Ana López;;;;;;;",  # two people have that name
        "Lucía Ortega;;600998877;;;;;",  # the phone of someone with another name
    )
    session_id = activity.sessions[0].id
    # Skipping them writes nothing for those rows; "match" takes them as that person.
    skipped = importer.preview(path, activity.id, session_id, duplicates="skip")
    assert [o.action for o in skipped.outcomes] == ["skip"] * 3
    matched = importer.preview(path, activity.id, session_id, duplicates="match")
    assert matched.outcomes[0].person.person_id == other_email
    summary = importer.apply(importer.preview(path, activity.id, session_id))
    assert summary.people_created == 3
    assert summary.duplicate_names() == ("Rosa Vidal", "Ana López", "Lucía Ortega")
    looks_like = [(d.line, d.matched_id, d.action) for d in summary.duplicates]
    assert looks_like[0] == (2, other_email, "create")
    assert looks_like[2] == (4, family_phone, "create")
    assert services.people.count() == 7
    assert len(marks(services, session_id)) == 3


def test_bad_rows_are_reported_by_their_excel_line_and_the_rest_imported(
    tmp_path: Path, services: Services, importer: AttendanceImportService, activity: ActivityData
) -> None:
    path = csv_file(
        tmp_path,
        "Ana Martín;;;;;sí;;",
        ";sin-nombre@example.org;;;;sí;;",
        "Pau Roig;no-es-un-correo;;;;sí;;",
        "Rosa Vidal;;;;;quizás;;",
        "Marta Gil;;;;;tarde;mucho;",
    )
    summary = importer.apply(importer.preview(path, activity.id, activity.sessions[0].id))
    reasons = {r.line: r.reason for r in summary.rejected}
    assert sorted(reasons) == [3, 4, 5, 6]
    assert "name" in reasons[3] and "E-mail" in reasons[4]
    assert "quizás" in reasons[5] and "mucho" in reasons[6]
    assert marks(services, activity.sessions[0].id) == {"Ana Martín": ("present", None, "")}


def test_the_same_person_twice_in_a_session_keeps_the_later_row_with_a_warning(
    tmp_path: Path, services: Services, importer: AttendanceImportService, activity: ActivityData
) -> None:
    path = csv_file(
        tmp_path,
        "Ana Martín;ana@example.org;;;;presente;;",
        "Pau Roig;;;;;;;",
        "ana martin;ana@example.org;;;;tarde;20;",
    )
    summary = importer.apply(importer.preview(path, activity.id, activity.sessions[0].id))
    assert summary.people_created == 2 and summary.marks == {"present": 1, "late": 1}
    assert [w.line for w in summary.warnings] == [4]
    assert "row 2" in summary.warnings[0].message
    assert marks(services, activity.sessions[0].id)["Ana Martín"] == ("late", 20, "")


def test_a_mark_taken_at_the_roster_that_changes_is_warned_about(
    tmp_path: Path, services: Services, importer: AttendanceImportService, activity: ActivityData
) -> None:
    ana = add_person(services, "Ana Martín", email="ana@example.org")
    services.registrations.register(activity.id, ana)
    services.attendance.mark(activity.sessions[0].id, ana, "late", remarks="bus")
    path = csv_file(tmp_path, "Ana Martín;ana@example.org;;;;;;")
    plan = importer.preview(path, activity.id, activity.sessions[0].id)
    assert plan.to_register == 0
    assert "Late" in plan.summary().warnings[0].message
    importer.apply(plan)
    assert marks(services, activity.sessions[0].id) == {"Ana Martín": ("present", None, "bus")}


def test_a_registered_role_is_kept_and_a_cancelled_person_who_came_is_registered(
    tmp_path: Path, services: Services, importer: AttendanceImportService, activity: ActivityData
) -> None:
    expert = add_person(services, "Laura Expósito")
    cancelled = add_person(
        services, "Pau Roig", memberships=(MembershipData(None, "Cruz Roja", "member"),)
    )
    services.registrations.register(activity.id, expert, role="expert")
    services.registrations.register(activity.id, cancelled, status="cancelled")
    path = csv_file(tmp_path, "Laura Expósito;;;;;;;", "Pau Roig;;;;;;;")
    summary = importer.apply(importer.preview(path, activity.id, activity.sessions[0].id))
    assert summary.registered == 1
    rows = {r.full_name: (r.role, r.status) for r in services.registrations.list(activity.id)}
    assert rows == {
        "Laura Expósito": ("expert", "registered"),
        "Pau Roig": ("attendee", "registered"),
    }


def test_a_failure_mid_import_leaves_the_database_as_it_was(
    tmp_path: Path,
    services: Services,
    importer: AttendanceImportService,
    activity: ActivityData,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = csv_file(tmp_path, *(f"Persona {n};;;Entidad {n};;;;" for n in range(10)))
    plan = importer.preview(path, activity.id, activity.sessions[0].id)
    before = dump(services)
    real, calls = attendance_writing.write_mark, []

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("disk unplugged")
        return real(*args, **kwargs)

    monkeypatch.setattr(attendance_writing, "write_mark", failing)
    with pytest.raises(RuntimeError):
        importer.apply(plan)
    assert dump(services) == before
    assert len(calls) == 5


def test_a_cancel_leaves_the_database_as_it_was(
    tmp_path: Path, services: Services, importer: AttendanceImportService, activity: ActivityData
) -> None:
    path = csv_file(tmp_path, *(f"Persona {n};;;;;;;" for n in range(10)))
    plan = importer.preview(path, activity.id, activity.sessions[0].id)
    before = dump(services)
    seen: list[int] = []
    with pytest.raises(Cancelled):
        importer.apply(
            plan,
            progress=lambda done, _total: seen.append(done),
            cancelled=lambda: len(seen) > 3,
        )
    assert dump(services) == before


def test_a_preview_writes_nothing(
    tmp_path: Path, services: Services, importer: AttendanceImportService, activity: ActivityData
) -> None:
    path = csv_file(tmp_path, "Ana Martín;;;Cruz Roja;;;;", "Pau Roig;;;;;;;")
    before = dump(services)
    summary = importer.preview(path, activity.id, activity.sessions[0].id).summary()
    assert summary.dry_run and summary.backup is None
    assert (summary.people_created, summary.registered, summary.organisations_created) == (2, 2, 1)
    assert summary.marks == {"present": 2}
    assert dump(services) == before


def test_a_file_that_is_not_a_sign_in_list_is_refused_whole(
    tmp_path: Path, importer: AttendanceImportService, activity: ActivityData
) -> None:
    path = csv_file(tmp_path, "1;2", header="Importe;Concepto")
    with pytest.raises(ImportRejected, match="names"):
        importer.preview(path, activity.id, activity.sessions[0].id)
    with pytest.raises(ValidationError):
        importer.preview(path, activity.id, activity.sessions[0].id, mapping={0: "mark"})


def test_an_english_utf8_form_with_commas_is_read_too(
    tmp_path: Path, services: Services, importer: AttendanceImportService, activity: ActivityData
) -> None:
    path = tmp_path / "form.csv"
    rows = (
        "Full name,Email,Gender,Attendance,Minutes,Remarks",
        "Zoë Müller,zoe@example.org,woman,Left early,1h 15,Train",
        "Ángel Ruiz,,man,Excused,,",
    )
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-8-sig"))
    summary = importer.apply(importer.preview(path, activity.id, activity.sessions[1].id))
    assert summary.marks == {"left_early": 1, "excused": 1}
    assert marks(services, activity.sessions[1].id) == {
        "Zoë Müller": ("left_early", 75, "Train"),
        "Ángel Ruiz": ("excused", None, ""),
    }
