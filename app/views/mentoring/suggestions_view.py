"""The "Suggested pairs" page: on the left the organisations that declared needs, on the right
the mentors of other organisations who could help the one chosen, best match first, each with
the reasons in words; "Propose this pair…" opens a new pair prefilled with the suggestion."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _, format_number, ngettext
from app.services.mentoring_suggestions import NeedRow, Suggestion
from app.services.mentoring_values import RelationshipData
from app.services.registry import Services
from app.views.errors import show_error
from app.views.mentoring.suggestions_table_model import NeedsTableModel, SuggestionsTableModel
from app.views.widgets.paragraph import paragraph
from app.views.widgets.sorted_rows import RowsTable
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
SUGGESTED = 10
BULLET = "•"


class SuggestionsView(Retranslatable, QWidget):
    """Suggested mentoring pairs: an organisation's declared needs (its needs text and its
    demands) matched with the mentors of other organisations who offer those areas and have a
    free place. Each suggestion says why it was made.

    "Propose this pair…" (or Enter on a suggestion) emits ``propose_requested`` with an unsaved
    :class:`RelationshipData`: the mentor (their person id) and organisation, the organisation
    in need, the matching areas, status "proposed", and the mentee when the organisation has
    exactly one person in the directory (empty otherwise, to be chosen in the form).
    """

    propose_requested = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.needs_model = NeedsTableModel(self)
        self.suggestions_model = SuggestionsTableModel(self)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._read_needs)
        self._build()
        self._connect()
        self.retranslate_ui()
        self.refresh()

    def _build(self) -> None:
        self.needs_label, self.search = QLabel(), QLineEdit(clearButtonEnabled=True)
        self.needs_table = RowsTable(self.needs_model)
        _stretch(self.needs_table, 0, 1)
        self.needs_label.setBuddy(self.needs_table)
        self.needs_text = paragraph(selectable=True)
        self.needs_status = QLabel()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((self.needs_label, 0), (self.search, 0), (self.needs_table, 3)):
            column.addWidget(widget, stretch)
        column.addWidget(self.needs_text, 1, Qt.AlignmentFlag.AlignTop)
        column.addWidget(self.needs_status)
        self.suggestions_label = paragraph()
        self.suggestions_table = RowsTable(self.suggestions_model)
        _stretch(self.suggestions_table, 1, 2, 3)
        self.suggestions_label.setBuddy(self.suggestions_table)
        self.reasons = paragraph(selectable=True)
        self.propose_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.propose_button)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.suggestions_label)
        column.addWidget(self.suggestions_table, 3)
        column.addWidget(self.reasons, 1, Qt.AlignmentFlag.AlignTop)
        column.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.needs_table.selectionModel().selectionChanged.connect(self._on_need_changed)
        self.needs_table.row_activated.connect(
            lambda _row: self.suggestions_table.setFocus(Qt.FocusReason.OtherFocusReason)
        )
        self.suggestions_table.selectionModel().selectionChanged.connect(
            self._on_suggestion_changed
        )
        self.suggestions_table.row_activated.connect(lambda _row: self.propose_selected())
        self.propose_button.clicked.connect(self.propose_selected)

    def retranslate_ui(self) -> None:
        self.needs_label.setText(_("&Organisations with declared needs:"))
        self.search.setPlaceholderText(_("Type part of an organisation's name"))
        self.search.setAccessibleName(_("Search the organisations"))
        self.needs_table.setAccessibleName(_("Organisations with declared needs"))
        self.needs_table.setToolTip(_("Choose one to see the mentors who could help it"))
        self.suggestions_table.setAccessibleName(_("Mentors suggested"))
        self.propose_button.setText(_("&Propose this pair…"))
        self.propose_button.setToolTip(
            _("Open a new pair with this mentor for the organisation chosen (you can change it)")
        )
        self.needs_model.retranslate()
        self.suggestions_model.retranslate()
        if self.needs_model.rowCount():  # needs and reasons are worded by the service
            self.refresh()
        self._render()

    # -- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the needs and the suggestions again, keeping the organisation chosen."""
        self._read_needs()

    def _read_needs(self) -> None:
        self._timer.stop()
        chosen = self.selected_need()
        try:
            needs = self.services.mentoring_suggestions.needs(self.search.text())
        except TejidoError as error:
            show_error(self, error)
            needs = []
        self.needs_model.set_rows(needs)
        row = None
        if chosen is not None:
            row = self.needs_model.row_where(lambda n: n.organisation_id == chosen.organisation_id)
        self.needs_table.select(row)
        if row is None:
            self._read_suggestions()  # the selection did not change: say so anyway
        self._render()

    def _read_suggestions(self) -> None:
        chosen_mentor = self.selected_suggestion()
        need = self.selected_need()
        suggestions: list[Suggestion] = []
        if need is not None:
            try:
                suggestions = self.services.mentoring_suggestions.suggest(
                    need.organisation_id, limit=SUGGESTED
                )
            except TejidoError as error:
                show_error(self, error)
        self.suggestions_model.set_rows(suggestions)
        row = self.suggestions_model.row_where(
            lambda s: chosen_mentor is not None and s.mentor_id == chosen_mentor.mentor_id
        )
        self.suggestions_table.select(row if row is not None else (0 if suggestions else None))
        self._render()

    # -- what is said ---------------------------------------------------------------------------

    def _render(self) -> None:
        need, suggestion = self.selected_need(), self.selected_suggestion()
        count = self.needs_model.rowCount()
        self.needs_status.setText(
            ngettext(
                "{count} organisation with declared needs",
                "{count} organisations with declared needs",
                count,
            ).format(count=format_number(count))
        )
        self.needs_text.setText(self._needs_text(need, count))
        self.suggestions_label.setText(self._suggestions_title(need))
        if suggestion is None:
            self.reasons.setText("")
        else:
            lines = [_("Why {name}:").format(name=suggestion.mentor_name)]
            lines += [f"{BULLET} {reason}" for reason in suggestion.reasons]
            self.reasons.setText("\n".join(lines))
        self.propose_button.setEnabled(need is not None and suggestion is not None)

    def _needs_text(self, need: NeedRow | None, count: int) -> str:
        if need is not None:
            lines = [_("What {name} asked for:").format(name=need.organisation_name)]
            return "\n".join(lines + [f"{BULLET} {text}" for text in need.need_texts])
        if count:
            return _("Choose an organisation to see the mentors who could help it.")
        if self.search.text().strip():
            return _("No organisation with declared needs matches the search.")
        return _(
            "No organisation has declared needs yet. Write them in the Needs field of an "
            "organisation's form, or record what they ask for on the Demands page."
        )

    def _suggestions_title(self, need: NeedRow | None) -> str:
        if need is None:
            return _("Mentors suggested:")
        if not self.suggestions_model.rowCount():
            return _(
                "No mentor can be suggested for {name} now: no mentor of another organisation "
                "with a free place offers what they need. Add mentors, or free places, on the "
                "Mentors page."
            ).format(name=need.organisation_name)
        return _("&Mentors suggested for {name}, best match first:").format(
            name=need.organisation_name
        )

    # -- actions --------------------------------------------------------------------------------

    def selected_need(self) -> NeedRow | None:
        return self.needs_table.current()

    def selected_suggestion(self) -> Suggestion | None:
        return self.suggestions_table.current()

    def prefill(self) -> RelationshipData | None:
        """The new pair the selected suggestion proposes (not saved), or ``None``."""
        need, suggestion = self.selected_need(), self.selected_suggestion()
        if need is None or suggestion is None:
            return None
        return RelationshipData(
            mentor_id=suggestion.person_id,
            mentee_id=self._only_person(need.organisation_id),
            mentor_organisation_id=suggestion.organisation_id,
            mentee_organisation_id=need.organisation_id,
            areas=tuple(suggestion.matched_areas),
            status="proposed",
        )

    def _only_person(self, organisation_id: str) -> str:
        """The organisation's one person in the directory, or "" (chosen in the form)."""
        people = self.services.people.list(organisation_id=organisation_id, limit=2)
        return people[0].id if len(people) == 1 else ""

    def propose_selected(self) -> None:
        """Ask for a new pair prefilled with the selected suggestion."""
        prefill = self.prefill()
        if prefill is not None:
            log.info("pair proposed from a suggestion: mentor %s", prefill.mentor_id)
            self.propose_requested.emit(prefill)

    # -- slots ----------------------------------------------------------------------------------

    def _on_search_return_pressed(self) -> None:
        if self._timer.isActive():
            self._read_needs()
        if self.needs_model.rowCount():
            self.needs_table.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.selected_need() is None:
                self.needs_table.select(0)

    def _on_need_changed(self) -> None:
        self._read_suggestions()

    def _on_suggestion_changed(self) -> None:
        self._render()


def _stretch(table: RowsTable, *columns: int) -> None:
    """Share the table's spare width among the text ``columns`` (names, areas), leaving the
    numbers as wide as their usual content."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for number in columns:
        header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
