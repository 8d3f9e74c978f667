"""Editing the catalogue's areas of action: add, rename, put in order, remove.

Each change is saved at once (there is nothing to lose by closing); removing an area asks
first and says what happens to its practices.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError
from app.i18n import _, format_number, ngettext
from app.services.catalogue_values import AreaData, CatalogueFilters
from app.services.registry import Services
from app.views.errors import show_error
from app.views.widgets.form_fields import WARNING_SIGN, problem_style
from app.views.widgets.paragraph import paragraph
from app.views.widgets.record_table import RecordTable
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)


class AreasDialog(Retranslatable, QDialog):
    """The list of areas with how many practices each holds, and the buttons to change it.

    ``changed`` is emitted after every change saved (the catalogue refreshes its side panel);
    ``modified`` says whether anything was changed while the dialog was open.
    """

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.modified = False
        self.job: Job | None = None
        self.areas: list[AreaData] = []
        self.counts: dict[str, int] = {}
        self.help = paragraph()
        self.new_label, self.new_name = QLabel(), QLineEdit()
        self.new_label.setBuddy(self.new_name)
        self.add_button = QPushButton()
        self.table = RecordTable(2)
        self.table.setMaximumHeight(16777215)  # the list is the dialog: let it grow
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.problem = paragraph()
        self.problem.hide()
        self.rename_button, self.remove_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._lay_out()
        self._connect()
        self.reload()
        self.retranslate_ui()
        self.resize(520, 560)

    def _lay_out(self) -> None:
        adding = QHBoxLayout()
        adding.addWidget(self.new_label)
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.add_button)
        side = QVBoxLayout()
        for button in (self.rename_button, self.up_button, self.down_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addLayout(adding)
        layout.addWidget(self.problem)
        layout.addLayout(middle, 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        # Return in the name field adds (returnPressed); no button may also take that Return as
        # the dialog's default, or the same name is added twice.
        for button in (
            self.add_button,
            self.rename_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.new_name.returnPressed.connect(self._on_add_button_clicked)
        self.new_name.textChanged.connect(lambda _text: self._update_buttons())
        self.rename_button.clicked.connect(self._on_rename_button_clicked)
        self.table.itemDoubleClicked.connect(lambda _item: self._on_rename_button_clicked())
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self.table).activated.connect(
            self._on_rename_button_clicked
        )
        QShortcut(QKeySequence.StandardKey.Delete, self.table).activated.connect(
            self._on_remove_button_clicked
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Areas of the catalogue"))
        self.help.setText(
            _(
                "The areas of action the catalogue is divided into, in the order the side panel "
                "shows them. Changes are saved at once. Renaming an area keeps its practices in "
                "it."
            )
        )
        self.new_label.setText(_("Ne&w area:"))
        self.new_name.setPlaceholderText(_("Name of the area to add"))
        self.add_button.setText(_("&Add"))
        self.rename_button.setText(_("Re&name…"))
        self.rename_button.setToolTip(_("Give the chosen area another name (F2)"))
        self.up_button.setText(_("Move &up"))
        self.down_button.setText(_("Move &down"))
        self.remove_button.setText(_("&Remove…"))
        self.remove_button.setToolTip(_("Take the chosen area out of the list (Delete)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.table.setHorizontalHeaderLabels([_("Area"), _("Practices")])
        self.table.setAccessibleName(_("Areas of the catalogue"))

    # -- data -----------------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        """Read the areas and their counts again, keeping the chosen one chosen."""
        if select_id is None:
            row = self.table.selected_row()
            select_id = self.areas[row].id if row is not None and row < len(self.areas) else None
        self.areas = self.services.catalogue.areas()
        counts = self.services.catalogue.area_counts("", CatalogueFilters(include_hidden=True))
        self.counts = {c.id: c.count for c in counts if c.id}
        self.table.set_texts(
            [(a.name, format_number(self.counts.get(a.id or "", 0))) for a in self.areas]
        )
        for row, area in enumerate(self.areas):
            self.table.item(row, 1).setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            if area.id == select_id:
                self.table.selectRow(row)
        self._update_buttons()

    def _selected(self) -> AreaData | None:
        row = self.table.selected_row()
        return self.areas[row] if row is not None and row < len(self.areas) else None

    def _update_buttons(self) -> None:
        row = self.table.selected_row()
        self.add_button.setEnabled(bool(self.new_name.text().strip()))
        self.rename_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < len(self.areas) - 1)

    def _apply(
        self,
        change: Callable[[], object],
        *,
        select: bool = True,
        after: Callable[[], None] = lambda: None,
    ) -> None:
        """Run ``change()`` (service calls) in the background: renaming or removing an area
        re-indexes every practice, seconds in a large catalogue. Then show its problem, or
        reload, call ``after`` and say it changed."""
        self._show_problem("")

        def done(result: object) -> None:
            self.modified = True
            self.reload(result.id if select and isinstance(result, AreaData) else None)
            after()
            self.changed.emit()

        def failed(error: BaseException) -> None:
            if not isinstance(error, TejidoError):
                show_error(self, error)
                return
            log.info("areas not changed: %s", type(error).__name__)
            self._show_problem(str(error))
            self.reload()

        self.job = run_job(
            self, _("Saving the areas…"), lambda _p, _c: change(), done, failed, cancellable=False
        )

    def _show_problem(self, text: str) -> None:
        self.problem.setStyleSheet(problem_style(self.problem))
        self.problem.setText(f"{WARNING_SIGN} {text}" if text else "")
        self.problem.setVisible(bool(text))

    # -- slots ----------------------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        name = self.new_name.text().strip()
        if name:
            self._apply(
                lambda: self.services.catalogue.save_area(AreaData(name)),
                after=self.new_name.clear,
            )

    def _on_rename_button_clicked(self) -> None:
        area = self._selected()
        if area is None:
            return
        name, ok = QInputDialog.getText(
            self,
            _("Rename area"),
            _("New name for “{name}”:").format(name=area.name),
            QLineEdit.EchoMode.Normal,
            area.name,
        )
        if ok and name.strip() and name.strip() != area.name:
            self._apply(
                lambda: self.services.catalogue.save_area(
                    AreaData(name.strip(), area.id, area.position)
                )
            )

    def _on_remove_button_clicked(self) -> None:
        area = self._selected()
        if area is None or not self._confirm_remove(area):
            return
        self._apply(lambda: self.services.catalogue.delete_area(area.id or ""), select=False)

    def _confirm_remove(self, area: AreaData) -> bool:
        count = self.counts.get(area.id or "", 0)
        if count:
            words = ngettext(
                "Remove the area “{name}”? Its practice stays in the catalogue with no area; "
                "you can give it another area when you edit it.",
                "Remove the area “{name}”? Its {count} practices stay in the catalogue with no "
                "area; you can give them another area when you edit them.",
                count,
            ).format(name=area.name, count=format_number(count))
        else:
            words = _("Remove the area “{name}”? No practice is in it.").format(name=area.name)
        box = QMessageBox(QMessageBox.Icon.Question, _("Remove area"), words, parent=self)
        remove = box.addButton(_("Remove the area"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is remove

    def _move(self, step: int) -> None:
        """Swap the chosen area with its neighbour and number the list again from 1."""
        row = self.table.selected_row()
        if row is None or not 0 <= row + step < len(self.areas):
            return
        order = list(self.areas)
        order[row], order[row + step] = order[row + step], order[row]
        moved = order[row + step]

        def renumber() -> AreaData:
            for position, area in enumerate(order, start=1):
                if area.position != position:
                    self.services.catalogue.save_area(AreaData(area.name, area.id, position))
            return moved

        self._apply(renumber)
