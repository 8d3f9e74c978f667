"""Which column of a spreadsheet goes to which field of a person: one row per column.

Each column shows its title, two example values from the file and a combo with the fields of
:data:`app.services.importing.FIELDS` (or "ignore"), pre-filled from the guessed mapping. The
widget only collects the choice; the import service checks it again.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.i18n import _, format_number, ngettext
from app.services.importing import FIELDS, TableInfo
from app.services.importing.headers import JOINED_FIELDS, has_name
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

SAMPLES = 2
IGNORE = ""


def column_title(headers: tuple[str, ...], index: int) -> str:
    """The column's title as the file gives it, or "Column 3" when its title cell is empty."""
    title = headers[index] if index < len(headers) else ""
    return title or _("Column {number}").format(number=index + 1)


class MappingWidget(Retranslatable, QWidget):
    """The columns of a file and, for each, the Tejido field it goes to. ``changed`` on edits."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.info: TableInfo | None = None
        self.titles: list[QLabel] = []
        self.examples: list[QLabel] = []
        self.combos: list[QComboBox] = []
        self.column_header, self.example_header, self.field_header = QLabel(), QLabel(), QLabel()
        self.grid_holder = QWidget()
        self.grid = QGridLayout(self.grid_holder)
        self.grid.setColumnStretch(1, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.grid_holder)
        self.about, self.problem_label = QLabel(wordWrap=True), QLabel(wordWrap=True)
        for label in (self.about, self.problem_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.about)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.problem_label)
        self.changed.connect(self._show_problem)
        self.retranslate_ui()

    def set_table(self, info: TableInfo) -> None:
        """Show the columns of ``info``, each combo set to the guessed field."""
        self.info = info
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None and item.widget() not in self._headers():
                item.widget().deleteLater()
        self.titles, self.examples, self.combos = [], [], []
        for column, label in enumerate(self._headers()):
            self.grid.addWidget(label, 0, column)
        for index in range(len(info.headers)):
            self._add_column(index, info.mapping.get(index, IGNORE))
        self.grid.setRowStretch(len(info.headers) + 1, 1)
        self.retranslate_ui()
        self.changed.emit()

    def _headers(self) -> tuple[QLabel, QLabel, QLabel]:
        return self.column_header, self.example_header, self.field_header

    def _add_column(self, index: int, field: str) -> None:
        title, example, combo = QLabel(), QLabel(), QComboBox()
        title.setBuddy(combo)
        title.setTextFormat(Qt.TextFormat.PlainText)
        example.setTextFormat(Qt.TextFormat.PlainText)
        example.setWordWrap(True)
        combo.addItem("", IGNORE)
        for code in FIELDS:
            combo.addItem("", code)
        combo.setCurrentIndex(max(0, combo.findData(field)))
        combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        row = index + 1
        self.grid.addWidget(title, row, 0)
        self.grid.addWidget(example, row, 1)
        self.grid.addWidget(combo, row, 2)
        self.titles.append(title)
        self.examples.append(example)
        self.combos.append(combo)

    def retranslate_ui(self) -> None:
        self.column_header.setText(_("Column in the file"))
        self.example_header.setText(_("Examples"))
        self.field_header.setText(_("Goes to"))
        self.scroll.setAccessibleName(_("Columns of the file and where each one goes"))
        self.problem_label.setAccessibleName(_("Problem with the choice of columns"))
        self._show_problem()
        if self.info is None:
            return
        self.about.setText(
            ngettext(
                "{file} has {count} row to import. Say where each column goes; the examples "
                "are taken from the file.",
                "{file} has {count} rows to import. Say where each column goes; the examples "
                "are taken from the file.",
                self.info.row_count,
            ).format(file=self.info.file_name, count=format_number(self.info.row_count))
        )
        headers = self.info.headers
        for index, (title, example, combo) in enumerate(
            zip(self.titles, self.examples, self.combos, strict=True)
        ):
            name = column_title(headers, index)
            title.setText(name)
            values = [row[index] for row in self.info.sample if index < len(row) and row[index]]
            example.setText(", ".join(values[:SAMPLES]) or _("(empty)"))
            example.setAccessibleName(_("Examples from the column {column}").format(column=name))
            combo.setItemText(0, _("Ignore this column"))
            for item, code in enumerate(FIELDS, start=1):
                combo.setItemText(item, _(FIELDS[code]))
            combo.setAccessibleName(_("Where the column {column} goes").format(column=name))

    # -- the choice ---------------------------------------------------------------------------

    def mapping(self) -> dict[int, str]:
        """``{column index: field}`` for the columns not ignored."""
        return {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}

    def set_field(self, index: int, field: str) -> None:
        """Choose ``field`` (or :data:`IGNORE`) for the column ``index``."""
        self.combos[index].setCurrentIndex(max(0, self.combos[index].findData(field)))

    def _show_problem(self) -> None:
        text = self.problem()
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def has_name(self) -> bool:
        """Whether some column goes to a name (a person cannot be made without one)."""
        return has_name(self.mapping())

    def problem(self) -> str:
        """What is wrong with the choice, in plain words ("" when it can be used)."""
        if self.info is None:
            return ""
        if not self.has_name():
            return _(
                "Choose the column that holds the names: “Full name”, or “Given name” and "
                "“Family name(s)”. Without a name no person can be imported."
            )
        seen: dict[str, int] = {}
        for index, field in sorted(self.mapping().items()):
            if field in seen and field not in JOINED_FIELDS:
                return _(
                    "“{field}” is chosen for more than one column; only the column {column} "
                    "will be used."
                ).format(
                    field=_(FIELDS[field]), column=column_title(self.info.headers, seen[field])
                )
            seen.setdefault(field, index)
        return ""
