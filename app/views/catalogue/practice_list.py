"""The list of good practices: searched as you type over every text field (ranked, accents and
case ignored, the matching words shown under the title), narrowed by area, theme, organisation,
year and status, paged from SQL, with hidden practices and a trash.

It is the directory's list panel (same look, same keys: Ctrl+N, Enter, Delete, Ctrl+F). The
selected practice is shown by the Catalogue tab's panel: ``practice_selected`` tells it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.errors import NotFoundError, TejidoError
from app.i18n import _, format_number, ngettext
from app.services.catalogue_values import CatalogueFilters, PracticeData
from app.services.catalogue_vocabulary import PRACTICE_STATUSES
from app.services.registry import Services
from app.services.vocabulary import CROSS_CUTTING_THEMES
from app.views.activity_list import SelectionRelay
from app.views.catalogue.catalogue_table_model import CatalogueTableModel
from app.views.catalogue.snippet_delegate import SnippetDelegate, two_lines
from app.views.errors import show_error
from app.views.widgets.record_list import RecordListPanel
from app.views.workers import Job

log = logging.getLogger(__name__)

ALL_YEARS = 0


class PracticeListView(RecordListPanel):
    """Good practices, best match first when words are typed, else by title.

    The area is chosen in the Catalogue tab's side panel (:meth:`set_area`); the other filters
    are above the list. Hidden practices stay out of the list unless "Show hidden" is ticked;
    Hide / Show acts on the selection. ``practice_selected`` gives the id of the practice
    selected, or ``None``.
    """

    practice_selected = Signal(object)
    history_table = "practices"

    def __init__(self, services: Services, parent: QWidget | None = None):
        self.services = services
        self.relay = SelectionRelay()
        self.area_key = ""
        self.area_name = ""
        self.job: Job | None = None
        super().__init__(CatalogueTableModel(services.catalogue), self.relay, parent)
        self.relay.selected.connect(self.practice_selected)
        self.duplicates_button.hide()

    def _build(self) -> None:
        super()._build()
        self.theme_filter, self.organisation_filter = QComboBox(), QComboBox()
        self.year_filter, self.status_filter = QComboBox(), QComboBox()
        self.hidden_toggle = QCheckBox()
        row = QHBoxLayout()
        for combo in self.filter_boxes():
            # Narrow enough for a laptop at 150 %; the open list shows whole names.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
            row.addWidget(combo, 1)
        row.addWidget(self.hidden_toggle)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, row)
        self.hide_button, self.booklet_button = QPushButton(), QPushButton()
        actions = layout.itemAt(2).layout()
        actions.insertWidget(4, self.hide_button)
        actions.insertWidget(actions.count() - 1, self.booklet_button)
        chain = [self.search, *self.filter_boxes(), self.hidden_toggle, self.trash_toggle]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.table.setSortingEnabled(False)  # ranked by the search, else by title
        self.table.setItemDelegateForColumn(0, SnippetDelegate(self.table))
        self.table.horizontalHeader().setSortIndicatorShown(False)

    def _connect(self) -> None:
        super()._connect()
        for combo in self.filter_boxes():
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.hidden_toggle.toggled.connect(self._on_filter_changed)
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.booklet_button.clicked.connect(self.save_booklet)

    def filter_boxes(self) -> tuple[QComboBox, ...]:
        return (self.theme_filter, self.organisation_filter, self.year_filter, self.status_filter)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        texts = (
            (_("Cross-cutting theme"), _("Show only the practices with this theme")),
            (_("Organisation"), _("Show only the practices of this organisation")),
            (_("Year"), _("Show only the practices of this year")),
            (_("Review status"), _("Show only the practices with this review status")),
        )
        for combo, (name, tip) in zip(self.filter_boxes(), texts, strict=True):
            combo.setAccessibleName(name)
            combo.setToolTip(tip)
        self.hidden_toggle.setText(_("Sho&w hidden"))
        self.hidden_toggle.setToolTip(_("List also the practices hidden from the catalogue here"))
        self.booklet_button.setText(_("&Booklet PDF…"))
        self.booklet_button.setToolTip(
            _(
                "Save the selected practices (or, with one or none selected, the whole list as "
                "searched) as a booklet grouped by area"
            )
        )
        self._fill_filters()
        self._update_buttons()

    # -- filters ----------------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        """Set the choices of the filters (in the current language), keeping those chosen."""
        catalogue = self.services.catalogue
        themes = sorted(((c, _(label)) for c, label in CROSS_CUTTING_THEMES.items()), key=_label)
        organisations = [(name, name) for name in catalogue.organisation_names()]
        years = [(year, str(year)) for year in catalogue.years()]
        statuses = [(code, _(label)) for code, label in PRACTICE_STATUSES.items()]
        choices = (
            [("", _("All themes")), *themes],
            [("", _("All organisations")), *organisations],
            [(ALL_YEARS, _("All years")), *years],
            [("", _("All statuses")), *statuses],
        )
        for combo, items in zip(self.filter_boxes(), choices, strict=True):
            _set_items(combo, items)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)

    def chosen_filters(self) -> CatalogueFilters:
        return CatalogueFilters(
            area_id=self.area_key,
            theme=self.theme_filter.currentData() or "",
            organisation=self.organisation_filter.currentData() or "",
            year=self.year_filter.currentData() or None,
            status=self.status_filter.currentData() or "",
            include_hidden=self.hidden_toggle.isChecked(),
        )

    def set_filters(self, filters: CatalogueFilters) -> None:
        """Choose ``filters`` (the area aside, chosen in the side panel) and narrow the list."""
        values = (filters.theme, filters.organisation, filters.year or ALL_YEARS, filters.status)
        for combo, value in zip(self.filter_boxes(), values, strict=True):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.hidden_toggle.blockSignals(True)
        self.hidden_toggle.setChecked(filters.include_hidden)
        self.hidden_toggle.blockSignals(False)
        self.area_key = filters.area_id
        self._on_filter_changed()

    def set_area(self, key: str, name: str = "") -> None:
        """Narrow the list to one area (an id, "" for all, "-" for those with none)."""
        self.area_key, self.area_name = key, name
        self._on_filter_changed()

    def _on_filter_changed(self) -> None:
        self.model.set_filters(self.chosen_filters())

    def _after_reset(self) -> None:
        super()._after_reset()
        line = self.table.fontMetrics().height()
        height = two_lines(line) if self.model.searching() else line + 8
        self.table.verticalHeader().setDefaultSectionSize(height)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if not hasattr(self, "hide_button"):
            return
        rows = self._selected_rows()
        self.hide_button.setVisible(not self.model.state.trash)
        self.hide_button.setEnabled(bool(rows))
        show = bool(rows) and all(row.hidden for row in rows)
        self.hide_button.setText(_("S&how") if show else _("&Hide"))
        self.hide_button.setToolTip(
            _("Show the selected practices in the catalogue again")
            if show
            else _("Keep the selected practices out of the catalogue here (not deleted)")
        )
        self.booklet_button.setEnabled(not self.model.state.trash and self.model.total() > 0)

    def _selected_rows(self) -> list:  # type: ignore[type-arg]
        model = self.model
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [model.record(row) for row in rows if row < model.rowCount()]

    # -- what the Catalogue tab asks --------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list and the filters' choices again, keeping the search and the selection."""
        self._fill_filters()
        self.model.set_filters(self.chosen_filters(), reload=False)
        super().refresh()

    def new_practice(self) -> str | None:
        """Open the form of a new practice (in the area chosen, if one is); once saved it is
        selected in the list. Returns its id, or ``None`` when the form was cancelled."""
        if self.model.state.trash:
            self.trash_toggle.setChecked(False)
        prefill = PracticeData(title="", area=self.area_name) if self.area_name else None
        saved_id = self._open_form(prefill)
        if saved_id:
            self._after_change()
            self.select_practice(saved_id)
        return saved_id

    def edit_practice(self, practice_id: str) -> bool:
        """Open the practice's form; returns whether it was saved."""
        if not self.open_editor(practice_id):
            return False
        self._after_change()
        return True

    def select_practice(self, practice_id: str) -> bool:
        """Select it, showing the whole list if the search or filters hide it; ``False`` for
        one removed or in the trash."""
        return self.reveal(practice_id)

    def is_live(self, record_id: str) -> bool:
        try:
            return self.services.catalogue.get(record_id).deleted_at is None
        except NotFoundError:
            return False

    def clear_filters(self) -> None:
        hidden = self.hidden_toggle.isChecked()
        self.area_name = ""
        self.set_filters(CatalogueFilters(include_hidden=hidden))

    def toggle_hidden(self) -> None:
        """Hide the selected practices, or show them again when all of them are hidden."""
        rows = self._selected_rows()
        if not rows or self.model.state.trash:
            return
        hidden = not all(row.hidden for row in rows)
        try:
            self.services.catalogue.set_hidden([row.id for row in rows], hidden)
        except TejidoError as error:
            show_error(self, error)
        self._after_change()

    def save_booklet(self) -> None:
        """Save the selection (two or more) or the whole list as searched as a booklet PDF."""
        from app.views.catalogue.catalogue_documents import save_booklet

        ids = self.selected_ids()
        self.job = save_booklet(self, self.services, self.model, ids if len(ids) > 1 else None)

    # -- hooks of the list panel ------------------------------------------------------------------

    def add_record(self) -> None:
        self.new_practice()

    def list_name(self) -> str:
        return _("Good practices")

    def search_hint(self) -> str:
        return _("Type words of any field: title, summary, results, lessons…")

    def count_text(self, count: int, trash: bool) -> str:
        if trash:
            text = ngettext(
                "{count} practice in the trash", "{count} practices in the trash", count
            )
        else:
            text = ngettext("{count} good practice", "{count} good practices", count)
        return text.format(count=format_number(count))

    def trash_question(self, count: int) -> str:
        return ngettext(
            "Move {count} practice to the trash? Its attachments and adoptions stay with it, "
            "and you can restore it later from the trash.",
            "Move {count} practices to the trash? Their attachments and adoptions stay with "
            "them, and you can restore them later from the trash.",
            count,
        ).format(count=format_number(count))

    def export_file_stem(self) -> str:
        return _("good-practices")

    def open_editor(self, record_id: str | None) -> str | None:
        try:
            data = self.services.catalogue.get(record_id) if record_id else None
        except TejidoError as error:  # moved to the trash or removed since the list was read
            show_error(self, error)
            return None
        return self._open_form(data)

    def _open_form(self, data: PracticeData | None) -> str | None:
        from app.views.catalogue.practice_dialog import PracticeDialog

        dialog = PracticeDialog(self.services, data, self)
        return dialog.saved_id if dialog.exec() else None

    def find_duplicates(self) -> bool:
        return False

    def move_to_trash(self, ids: list[str]) -> int:
        return self.services.catalogue.delete(ids)

    def restore(self, ids: list[str]) -> int:
        return self.services.catalogue.restore(ids)


def _label(pair: tuple[object, str]) -> str:
    return pair[1]


def _set_items(combo: QComboBox, items: Iterable[tuple[object, str]]) -> None:
    """Replace the combo's items, keeping the chosen value if it is still there."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for value, text in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)
