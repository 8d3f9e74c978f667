"""The Goals page of a mentoring pair: its goals with their progress as bars, the chosen goal's
progress over time as a small chart, and the doors to add, change or delete a goal."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _, format_number, ngettext
from app.services.mentoring_values import GoalData
from app.services.registry import Services
from app.views.errors import show_error
from app.views.mentoring.goals_table_model import (
    PROGRESS_COLUMN,
    GoalsTableModel,
    ProgressDelegate,
    first_line,
    is_overdue,
)
from app.views.mentoring.progress_chart import ProgressChart, percent_text
from app.views.widgets.paragraph import paragraph
from app.views.widgets.sorted_rows import RowsTable
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


def goals_summary(goals: list[GoalData]) -> str:
    """ "4 goals: 1 achieved, 1 overdue · average progress 55 %"."""
    if not goals:
        return _("No goals yet. Add the goals the pair agreed on, with a target and a due date.")
    count = ngettext("{count} goal", "{count} goals", len(goals)).format(
        count=format_number(len(goals))
    )
    achieved = sum(1 for g in goals if g.progress >= 100)
    overdue = sum(1 for g in goals if is_overdue(g))
    parts = [_("{count} achieved").format(count=format_number(achieved))]
    if overdue:
        parts.append(_("{count} overdue").format(count=format_number(overdue)))
    average = round(sum(g.progress for g in goals) / len(goals))
    return _("{goals}: {states} · average progress {percent}").format(
        goals=count, states=", ".join(parts), percent=percent_text(average)
    )


class GoalsPage(Retranslatable, QWidget):
    """The goals of one pair, in their order, each with its progress drawn as a bar. The chart
    below draws the chosen goal's progress over time. Enter or a double-click edits the goal.

    ``changed`` is emitted after a goal was added, changed or deleted.
    """

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.relationship_id: str | None = None
        self._editable = True
        self.model = GoalsTableModel(self)
        self.table = RowsTable(self.model)
        self.table.setItemDelegateForColumn(PROGRESS_COLUMN, ProgressDelegate(self.table))
        self.summary = paragraph()
        self.chart_title = paragraph()
        self.chart = ProgressChart()
        self.add_button, self.edit_button = QPushButton(), QPushButton()
        self.delete_button = QPushButton()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        top, bottom = QWidget(), QWidget()
        upper = QVBoxLayout(top)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.addWidget(self.summary)
        upper.addWidget(self.table, 1)
        upper.addLayout(buttons)
        lower = QVBoxLayout(bottom)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.chart_title)
        lower.addWidget(self.chart, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.add_button.clicked.connect(self.add_goal)
        self.edit_button.clicked.connect(self.edit_goal)
        self.delete_button.clicked.connect(self.delete_goal)
        self.table.row_activated.connect(lambda _row: self.edit_goal())
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.delete_goal)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Add goa&l…"))
        self.add_button.setToolTip(_("Add a goal the pair agreed on"))
        self.edit_button.setText(_("E&dit goal…"))
        self.edit_button.setToolTip(_("Change the goal or record its progress (Enter)"))
        self.delete_button.setText(_("Delete goal"))
        self.delete_button.setToolTip(
            _("Delete the selected goal and its progress history (Delete)")
        )
        self.table.setAccessibleName(_("Goals of the pair"))
        self.chart.setAccessibleName(_("Progress of the chosen goal over time"))
        self.model.retranslate()
        self._update_summary()
        self._show_history()

    # -- what is shown --------------------------------------------------------------------------

    def set_relationship(self, relationship_id: str | None) -> None:
        """Remember the pair to show; :meth:`reload` reads and shows its goals."""
        self.relationship_id = relationship_id

    def set_editable(self, editable: bool) -> None:
        """Allow adding and changing goals (not for a pair in the trash)."""
        self._editable = editable
        self._update_buttons()

    def reload(self) -> None:
        """Read the goals again, keeping the chosen one chosen."""
        chosen = self.table.current()
        goals = self.services.mentoring.goals(self.relationship_id) if self.relationship_id else []
        self.model.set_rows(goals)
        wanted = chosen.id if chosen else None
        row = self.model.row_where(lambda g: g.id == wanted) if wanted else None
        self.table.select(row if row is not None else (0 if goals else None))
        self._update_summary()
        self._show_history()
        self._update_buttons()

    def select_goal(self, goal_id: str) -> None:
        self.table.select(self.model.row_where(lambda g: g.id == goal_id))

    def _update_summary(self) -> None:
        self.summary.setText(goals_summary(self.model.rows()) if self.relationship_id else "")

    def _update_buttons(self) -> None:
        chosen = self.table.current() is not None
        self.add_button.setEnabled(self._editable and self.relationship_id is not None)
        self.edit_button.setEnabled(self._editable and chosen)
        self.delete_button.setEnabled(self._editable and chosen)

    def _on_selection_changed(self) -> None:
        self._show_history()
        self._update_buttons()

    def _show_history(self) -> None:
        goal = self.table.current()
        if goal is None or goal.id is None:
            self.chart_title.setText(_("Choose a goal to see its progress over time."))
            self.chart.set_history([])
            return
        self.chart_title.setText(
            _("Progress of “{goal}” over time:").format(goal=first_line(goal.description))
        )
        self.chart.set_history(self.services.mentoring.goal_history(goal.id), goal.due_date)

    # -- actions --------------------------------------------------------------------------------

    def add_goal(self) -> None:
        """Open an empty goal form; the new goal is chosen once saved."""
        if self.relationship_id is None or not self.add_button.isEnabled():
            return
        self._open(GoalData(relationship_id=self.relationship_id, description=""))

    def edit_goal(self) -> None:
        """Open the chosen goal's form (to change it or record its progress)."""
        goal = self.table.current()
        if goal is None or not self.edit_button.isEnabled():
            return
        self._open(goal)

    def _open(self, goal: GoalData) -> None:
        from app.views.mentoring.goal_dialog import GoalDialog

        dialog = GoalDialog(self.services, goal, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.reload()
        if dialog.saved_id:
            self.select_goal(dialog.saved_id)
        self.changed.emit()

    def delete_goal(self) -> None:
        """Delete the chosen goal (after asking), with its progress history."""
        goal = self.table.current()
        if goal is None or goal.id is None or not self.delete_button.isEnabled():
            return
        question = _(
            "Delete the goal “{goal}”? Its progress history goes with it and it no longer "
            "counts in the pair's summary."
        ).format(goal=first_line(goal.description))
        answer = QMessageBox.question(self, _("Delete goal"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.mentoring.delete_goal(goal.id)
        except TejidoError as error:  # gone already: show the goals as they are now
            show_error(self, error)
        else:
            log.info("goal deleted: %s", goal.id)
        self.reload()
        self.changed.emit()
