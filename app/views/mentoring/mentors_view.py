"""The Mentors page: the people who offer their time as mentors, with the areas they cover, how
many pairs they can hold and how many they hold now; added, changed and trashed here."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from app.errors import TejidoError
from app.i18n import _, format_number, ngettext
from app.services.mentoring_vocabulary import MENTORING_AREAS
from app.services.registry import Services
from app.views.errors import show_error
from app.views.mentoring.mentor_dialog import MentorDialog
from app.views.mentoring.mentors_table_model import MentorFilters, MentorsTableModel, areas_text
from app.views.widgets.paragraph import paragraph
from app.views.widgets.record_list import RecordListPanel
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class MentorDetails(Retranslatable, QWidget):
    """Beside the list: the selected mentor's areas, places, expertise and notes."""

    def __init__(self, model: MentorsTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.mentor_id: str | None = None
        self.title = paragraph(selectable=True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = paragraph(selectable=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.retranslate_ui()

    def show_record(self, mentor_id: str | None) -> None:
        """Show the mentor ``mentor_id`` (a hint when ``None``)."""
        self.mentor_id = mentor_id
        self._render()

    def retranslate_ui(self) -> None:
        self._render()

    def _render(self) -> None:
        row = self.model.record_of(self.mentor_id) if self.mentor_id else None
        if row is None:
            self.title.setText("")
            self.text.setText(_("Select one mentor to see what they offer."))
            return
        self.title.setText(row.person_name)
        free = max(0, row.capacity - row.active_pairs)
        lines = [
            _("Organisation: {name}").format(name=row.organisation_name)
            if row.organisation_name
            else _("No organisation: they mentor on their own."),
            _("Areas: {areas}").format(areas=areas_text(row.areas))
            if row.areas
            else _("No area chosen yet."),
            _("Pairs now: {pairs}").format(pairs=format_number(row.active_pairs)),
            _("Places free: {free} of {capacity}").format(
                free=format_number(free), capacity=format_number(row.capacity)
            ),
        ]
        if not row.available:
            lines.append(_("Not taking new pairs for now."))
        if row.expertise:
            lines += ["", _("Expertise:"), row.expertise]
        self.text.setText("\n".join(lines))


class MentorsView(RecordListPanel):
    """The mentors of the network, by name: searched as you type (name, organisation,
    expertise), filtered by area and by who can take a new pair, with a trash and an export.

    ``changed`` (from the list panel) is emitted after any mentor is added, changed, trashed
    or restored, so the suggestions can be read again.
    """

    def __init__(self, services: Services, parent: QWidget | None = None):
        self.services = services
        model = MentorsTableModel(services.mentors)
        super().__init__(model, MentorDetails(model), parent)
        self.duplicates_button.hide()  # a person is a mentor once: nothing to merge here

    def _build(self) -> None:
        super()._build()
        self.area_filter = QComboBox()
        self.area_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.available_toggle = QCheckBox()
        row = QHBoxLayout()
        row.addWidget(self.area_filter)
        row.addWidget(self.available_toggle)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, row)
        chain = [self.search, self.area_filter, self.available_toggle, self.trash_toggle]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _connect(self) -> None:
        super()._connect()
        self.area_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.available_toggle.toggled.connect(self._on_filter_changed)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.area_filter.setAccessibleName(_("Area"))
        self.area_filter.setToolTip(_("Show only the mentors of this area"))
        self.available_toggle.setText(_("Only a&vailable ones"))
        self.available_toggle.setToolTip(
            _("Show only the mentors who take new pairs and have a free place")
        )
        self._fill_areas()

    def _fill_areas(self) -> None:
        """The areas in the current language, by name, keeping the one chosen."""
        chosen = self.area_filter.currentData() or ""
        areas = sorted(((c, _(label)) for c, label in MENTORING_AREAS.items()), key=lambda x: x[1])
        self.area_filter.blockSignals(True)
        self.area_filter.clear()
        self.area_filter.addItem(_("All areas"), "")
        for code, label in areas:
            self.area_filter.addItem(label, code)
        self.area_filter.setCurrentIndex(max(0, self.area_filter.findData(chosen)))
        self.area_filter.blockSignals(False)

    def chosen_filters(self) -> MentorFilters:
        return MentorFilters(
            area=self.area_filter.currentData() or "",
            available_only=self.available_toggle.isChecked(),
        )

    def _on_filter_changed(self) -> None:
        self.model.set_filters(self.chosen_filters())

    # -- what the Mentoring tab asks ---------------------------------------------------------------

    def new_mentor(self) -> None:
        """Open the form of a new mentor (Ctrl+N on this page)."""
        self.add_record()

    # -- hooks of the list panel ------------------------------------------------------------------

    def list_name(self) -> str:
        return _("Mentors")

    def search_hint(self) -> str:
        return _("Type part of a name, an organisation or an expertise")

    def count_text(self, count: int, trash: bool) -> str:
        if trash:
            text = ngettext("{count} mentor in the trash", "{count} mentors in the trash", count)
        else:
            text = ngettext("{count} mentor", "{count} mentors", count)
        return text.format(count=format_number(count))

    def trash_question(self, count: int) -> str:
        return ngettext(
            "Move {count} mentor to the trash? Their pairs go on and keep their history; they "
            "are no longer suggested. You can restore them later from the trash.",
            "Move {count} mentors to the trash? Their pairs go on and keep their history; they "
            "are no longer suggested. You can restore them later from the trash.",
            count,
        ).format(count=format_number(count))

    def export_file_stem(self) -> str:
        return _("mentors")

    def open_editor(self, record_id: str | None) -> str | None:
        try:
            data = self.services.mentors.get(record_id) if record_id else None
            dialog = MentorDialog(self.services, data, self)
        except TejidoError as error:  # moved to the trash or removed since the list was read
            show_error(self, error)
            return None
        return dialog.saved_id if dialog.exec() else None

    def find_duplicates(self) -> bool:
        return False

    def move_to_trash(self, ids: list[str]) -> int:
        return self.services.mentors.delete(ids)

    def restore(self, ids: list[str]) -> int:
        return self.services.mentors.restore(ids)
