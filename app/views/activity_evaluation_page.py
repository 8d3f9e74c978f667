"""The Evaluation page of an activity's panel: each person's scores, comment and topics wanted
next, the averages, and every topic asked for (to plan what comes next)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _, format_number, ngettext
from app.services.activities import ActivityData
from app.services.registrations import EvaluationSummary, RegistrationRow
from app.services.registry import Services
from app.views.activity_sessions_page import first_line
from app.views.errors import show_error
from app.views.widgets.paragraph import paragraph
from app.views.widgets.sorted_rows import RowsTable, SortColumn, SortedRowsModel
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

EVALUATING = ("invited", "registered")


def score_text(score: int | None) -> str:
    return "" if score is None else _("{score} of 5").format(score=format_number(score))


def average_text(label: str, average: float | None, count: int) -> str:
    """ "Satisfaction: 4.3 of 5 from 18 answers", or that there are no scores yet."""
    if average is None:
        return _("{what}: no scores yet").format(what=label)
    return ngettext(
        "{what}: {average} of 5 from {count} answer",
        "{what}: {average} of 5 from {count} answers",
        count,
    ).format(what=label, average=format_number(round(average, 1)), count=format_number(count))


def evaluated_rows(rows: Sequence[RegistrationRow]) -> list[RegistrationRow]:
    """Those who hold a place in the activity, and anyone else who left an evaluation."""
    return [
        r
        for r in rows
        if r.status in EVALUATING
        or r.satisfaction is not None
        or r.usefulness is not None
        or r.evaluation_comment
        or r.wanted_topics
    ]


EVALUATION_COLUMNS = (
    SortColumn(lambda: _("Name"), lambda r: r.full_name, width=22),
    SortColumn(
        lambda: _("Satisfaction"),
        lambda r: score_text(r.satisfaction),
        key=lambda r: r.satisfaction,
        width=9,
    ),
    SortColumn(
        lambda: _("Usefulness"),
        lambda r: score_text(r.usefulness),
        key=lambda r: r.usefulness,
        width=9,
    ),
    SortColumn(lambda: _("Comment"), lambda r: first_line(r.evaluation_comment), width=26),
    SortColumn(lambda: _("Topics wanted next"), lambda r: first_line(r.wanted_topics), width=22),
    SortColumn(lambda: _("Organisation"), lambda r: r.organisation_name, width=18),
)


class ActivityEvaluationPage(Retranslatable, QWidget):
    """The evaluations of one activity: a row per registered person (Enter records or changes
    theirs), the averages on top, and all the topics wanted next below.

    ``changed`` is emitted after an evaluation was saved.
    """

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.activity: ActivityData | None = None
        self.registrations: list[RegistrationRow] = []
        self.summary: EvaluationSummary | None = None
        self._editable = True
        self.model: SortedRowsModel[RegistrationRow] = SortedRowsModel(EVALUATION_COLUMNS, self)
        self.table = RowsTable(self.model)
        self.satisfaction, self.usefulness = QLabel(), QLabel()
        for label in (self.satisfaction, self.usefulness):
            bold = label.font()
            bold.setBold(True)
            label.setFont(bold)
        self.topics_label = QLabel()
        self.topics = QPlainTextEdit(readOnly=True)
        self.topics.setFixedHeight(self.topics.fontMetrics().lineSpacing() * 5 + 14)
        self.topics_label.setBuddy(self.topics)
        self.hint = paragraph()
        self.edit_button = QPushButton()
        averages = QHBoxLayout()
        averages.addWidget(self.satisfaction)
        averages.addSpacing(24)
        averages.addWidget(self.usefulness)
        averages.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(averages)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.topics_label)
        layout.addWidget(self.topics)
        self.edit_button.clicked.connect(self.edit_evaluation)
        self.table.row_activated.connect(lambda _row: self.edit_evaluation())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.edit_button.setText(_("Record eval&uation…"))
        self.edit_button.setToolTip(_("Record or change the selected person's evaluation (Enter)"))
        self.hint.setText(
            _("Scores go from 1 (lowest) to 5 (highest); people may leave them empty.")
        )
        self.topics_label.setText(_("Topics &wanted next:"))
        self.topics.setAccessibleName(_("Topics wanted next"))
        self.table.setAccessibleName(_("Evaluations by person"))
        self.model.retranslate()
        self._update_texts()

    def set_activity(
        self, activity: ActivityData | None, registrations: Sequence[RegistrationRow]
    ) -> None:
        """Remember what to show; :meth:`reload` reads the averages and shows it."""
        self.activity, self.registrations = activity, list(registrations)

    def reload(self) -> None:
        selected = self.table.current()
        activity_id = self.activity.id if self.activity else None
        self.summary = (
            self.services.registrations.evaluation_summary(activity_id) if activity_id else None
        )
        self.model.set_rows(evaluated_rows(self.registrations))
        wanted = selected.id if selected else None
        row = self.model.row_where(lambda r: r.id == wanted)
        self.table.select(row if row is not None else 0)
        self._update_texts()
        self._update_buttons()

    def _update_texts(self) -> None:
        summary = self.summary
        if summary is None:
            for label in (self.satisfaction, self.usefulness):
                label.clear()
            self.topics.clear()
            return
        rows = self.registrations
        self.satisfaction.setText(
            average_text(
                _("Satisfaction"),
                summary.satisfaction_average,
                sum(1 for r in rows if r.satisfaction is not None),
            )
        )
        self.usefulness.setText(
            average_text(
                _("Usefulness"),
                summary.usefulness_average,
                sum(1 for r in rows if r.usefulness is not None),
            )
        )
        topics = [
            f"• {line.strip()}"
            for t in summary.wanted_topics
            for line in t.splitlines()
            if line.strip()
        ]
        self.topics.setPlainText(
            "\n".join(topics) if topics else _("No one has asked for a topic yet.")
        )

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self._editable and self.table.current() is not None)

    def edit_evaluation(self) -> None:
        """Open the selected person's evaluation; saving it updates the averages."""
        row = self.table.current()
        if row is None or not self.edit_button.isEnabled():
            return
        from app.views.dialogs.evaluation_dialog import EvaluationDialog

        dialog = EvaluationDialog(self.services, row, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            if self.activity is not None and self.activity.id is not None:
                self.registrations = self.services.registrations.list(self.activity.id)
        except TejidoError as error:
            show_error(self, error)
        self.reload()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()
