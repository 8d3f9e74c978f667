"""The pages of the attendance import that differ from the people import's: what will happen to
each row (matched to whom, new person, possible duplicate, rejected and why), the counts, the
choice for possible duplicates, and the summary. They extend the people import's pages
(:mod:`app.views.dialogs.import_pages`), so both imports look and behave alike.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QWidget

from app.i18n import _, format_date, ngettext
from app.services.importing.attendance_import import AttendancePlan
from app.services.importing.attendance_matching import AttendanceOutcome
from app.services.importing.attendance_summary import AttendanceImportSummary
from app.services.vocabulary import ATTENDANCE_MARKS
from app.views.dialogs.import_pages import FilePage, PreviewPage, SummaryPage, rejected_line
from app.views.import_preview_model import action_label, reason_text, rejected_report
from app.views.widgets.rows_table_model import RowsTableModel, TextColumn

log = logging.getLogger(__name__)

# The people import's choices for possible duplicates, and what they mean here.
_POLICY_OF_BUTTON = {"skip": "skip", "create": "create", "update": "match"}
_BUTTON_OF_POLICY = {policy: button for button, policy in _POLICY_OF_BUTTON.items()}


def happens(outcome: AttendanceOutcome) -> str:
    """What will happen to the row, in words (never shown by colour alone)."""
    if outcome.action != "update":
        return action_label(outcome.person)
    if outcome.person.duplicate is not None:
        return _("Marked as {name} (possible duplicate)").format(name=outcome.matched_name)
    return _("Marked as {name}, already in Tejido").format(name=outcome.matched_name)


def why(outcome: AttendanceOutcome) -> str:
    """How the person was found, who they may be, and what in the row was not understood."""
    found = {
        "email": _("Same e-mail."),
        "phone": _("Same phone."),
        "name": _("Same name."),
        "row": _("Same person as an earlier row."),
    }.get(outcome.matched_by, "")
    return " ".join(part for part in (found, reason_text(outcome.person)) if part)


def mark_text(outcome: AttendanceOutcome) -> str:
    if not outcome.mark:
        return ""
    label = _(ATTENDANCE_MARKS[outcome.mark])
    if outcome.minutes is None:
        return label
    return _("{mark} ({minutes} min)").format(mark=label, minutes=outcome.minutes)


COLUMNS: tuple[TextColumn[AttendanceOutcome], ...] = (
    TextColumn(lambda: _("Row"), lambda o: str(o.line), right=True),
    TextColumn(lambda: _("Name"), lambda o: o.name),
    TextColumn(
        lambda: _("Session"), lambda o: format_date(o.session_date) if o.session_date else ""
    ),
    TextColumn(lambda: _("Mark"), mark_text),
    TextColumn(lambda: _("What will happen"), happens),
    TextColumn(lambda: _("Why"), why),
)


class AttendancePreviewModel(RowsTableModel[AttendanceOutcome]):
    """Every row of the file with what will happen to it, in file order; a row's tool tip says
    why and its ``UserRole`` data is the planned action code."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(COLUMNS, parent)

    def tool_tip(self, row: AttendanceOutcome) -> str | None:
        return why(row) or None

    def user_data(self, row: AttendanceOutcome) -> str:
        return row.action


def marks_line(summary: AttendanceImportSummary) -> str:
    """ "Present: 12, Late: 2" (nothing for no marks)."""
    return ", ".join(
        _("{mark}: {count}").format(mark=_(ATTENDANCE_MARKS[m]), count=n)
        for m, n in summary.marks.items()
    )


def _will_do(summary: AttendanceImportSummary) -> list[str]:
    marked, created, registered = summary.marked, summary.people_created, summary.registered
    return [
        ngettext("{count} mark will be written.", "{count} marks will be written.", marked),
        ngettext("{count} person will be created.", "{count} people will be created.", created),
        ngettext(
            "{count} person will be registered in the activity.",
            "{count} people will be registered in the activity.",
            registered,
        ),
    ]


def _did(summary: AttendanceImportSummary) -> list[str]:
    marked, created, registered = summary.marked, summary.people_created, summary.registered
    return [
        ngettext("{count} mark was written.", "{count} marks were written.", marked),
        ngettext("{count} person was created.", "{count} people were created.", created),
        ngettext(
            "{count} person was registered in the activity.",
            "{count} people were registered in the activity.",
            registered,
        ),
    ]


def counts_text(summary: AttendanceImportSummary) -> str:
    """What the import will do (a dry run) or did, one count a line, then the marks by kind."""
    matched = summary.people_matched
    duplicates, rejected = len(summary.duplicates), len(summary.rejected)
    texts = (_will_do if summary.dry_run else _did)(summary) + [
        ngettext("{count} person already in Tejido.", "{count} people already in Tejido.", matched),
        ngettext("{count} possible duplicate.", "{count} possible duplicates.", duplicates),
        ngettext("{count} row rejected.", "{count} rows rejected.", rejected),
    ]
    counts = (summary.marked, summary.people_created, summary.registered, matched, duplicates)
    lines = [t.format(count=n) for t, n in zip(texts, (*counts, rejected), strict=True)]
    if summary.marks:
        lines.append(marks_line(summary))
    return "\n".join(lines)


def duplicates_text(summary: AttendanceImportSummary) -> str:
    """The possible duplicates by name, and what to do about them ("" when there are none)."""
    if not summary.duplicates:
        return ""
    lines = [
        _("Row {line}: {name} looks like {matched}.").format(
            line=d.line, name=d.name, matched=d.matched_name
        )
        for d in summary.duplicates
    ]
    if any(d.action == "create" for d in summary.duplicates):
        lines.append(
            _(
                "They were created as new people. Check them with Find duplicates in the "
                "directory and merge those that are the same person."
            )
        )
    return "\n".join(lines)


class AttendanceFilePage(FilePage):
    """The people import's file page, saying what an attendance sheet looks like."""

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.intro.setText(
            _(
                "Choose a spreadsheet (Excel .xlsx or CSV): a sign-in list typed up after the "
                "session, or the answers of an online form. One person a row; its first row "
                "holds the column titles, for example “Nombre y apellidos”, “Correo”, "
                "“Entidad”, “Asistencia”, “Fecha”. Nothing is saved until you press Import."
            )
        )


class AttendancePreviewPage(PreviewPage):
    """The counts, the choice for possible duplicates, and every row with what will happen."""

    def __init__(self, parent: QWidget | None = None):
        self.attendance_plan: AttendancePlan | None = None
        super().__init__(parent)
        people_model, self.model = self.model, AttendancePreviewModel(self)
        self.table.setModel(self.model)
        people_model.deleteLater()
        self.policy_buttons["create"].setChecked(True)
        self.retranslate_ui()

    def policy(self) -> str:
        """What to do with possible duplicates: ``"create"``, ``"skip"`` or ``"match"``."""
        return _POLICY_OF_BUTTON[super().policy()]

    def show_plan(self, plan: AttendancePlan) -> None:  # type: ignore[override]
        """Show what importing ``plan`` would do."""
        self.attendance_plan = plan
        self.policy_buttons[_BUTTON_OF_POLICY[plan.duplicates]].setChecked(True)
        self.model.set_rows(plan.outcomes)
        self.table.resizeColumnsToContents()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.policy_box.setTitle(
            _("Rows that only look like someone already in Tejido (same name or phone)")
        )
        texts = {
            "create": _("&Create them as new people, to merge later if they are the same"),
            "skip": _("&Skip them: mark nobody for those rows"),
            "update": _("&Mark them as the person they look like"),
        }
        for button, text in texts.items():
            self.policy_buttons[button].setText(text)
            self.policy_buttons[button].setAccessibleName(text.replace("&", ""))
        self.counts.setAccessibleName(_("What the import will do"))
        plan = getattr(self, "attendance_plan", None)
        if plan is not None:
            self.counts.setText(counts_text(plan.summary()))


class AttendanceSummaryPage(SummaryPage):
    """What the import did, the possible duplicates to merge, and the rejected rows."""

    def __init__(self, parent: QWidget | None = None):
        self.attendance_summary: AttendanceImportSummary | None = None
        super().__init__(parent)

    def show_summary(self, summary: AttendanceImportSummary) -> None:  # type: ignore[override]
        """Show what the import did."""
        self.attendance_summary = summary
        for widget in (self.rejected_label, self.rejected, self.copy_button):
            widget.setVisible(bool(summary.rejected))
        self.retranslate_ui()

    def rejected_text(self) -> str:
        summary = self.attendance_summary
        return rejected_report(summary.rejected if summary else ())

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        summary = getattr(self, "attendance_summary", None)
        if summary is None:
            return
        self.heading.setText(
            _("The attendance of {file} was imported into {activity}.").format(
                file=summary.file_name, activity=summary.activity_title
            )
        )
        parts = [counts_text(summary), duplicates_text(summary)]
        if summary.backup is not None:
            parts.append(_("A backup was made just before: {path}").format(path=summary.backup))
        self.counts.setText("\n\n".join(p for p in parts if p))
        self.rejected.setPlainText("\n".join(map(rejected_line, summary.rejected)))
