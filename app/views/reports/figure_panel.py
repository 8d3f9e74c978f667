"""Beside the report's figures: the selected figure in large type, what it counts, and the
button that opens the records behind it."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import _
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class FigurePanel(Retranslatable, QFrame):
    """Shows one figure: its name, its value and its definition. ``open_records`` is emitted
    when "Show the records" is pressed. :meth:`show_figure` fills it, :meth:`clear` empties it
    (nothing selected, or a group)."""

    open_records = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = paragraph(selectable=True)
        self.value = QLabel()
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.value.setFont(font)
        self.share = paragraph()
        self.definition = paragraph()
        self.records_button = QPushButton()
        self.records_button.clicked.connect(self.open_records.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.value)
        layout.addWidget(self.share)
        layout.addWidget(self.definition)
        layout.addWidget(self.records_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.retranslate_ui()
        self.clear()

    def retranslate_ui(self) -> None:
        self.records_button.setText(_("Show the &records…"))
        self.records_button.setToolTip(
            _("List the records behind the selected figure (Enter or double-click)")
        )

    def show_figure(
        self,
        name: str,
        value: str,
        definition: str | None,
        records: bool = True,
        share: str | None = None,
    ) -> None:
        """Show the figure ``name`` with its ``value`` (as shown in the table), its ``share`` of
        the total (for a breakdown) and definition; ``records`` says whether there are records
        to open (not for a group of figures)."""
        self.name.setText(name)
        self.value.setText(value)
        self.value.setVisible(bool(value))
        self.value.setAccessibleName(_("{figure}: {value}").format(figure=name, value=value))
        self.share.setText(share or "")
        self.share.setVisible(bool(share))
        self.definition.setText(definition or "")
        self.records_button.setEnabled(records)

    def clear(self) -> None:
        """Nothing to show: say how to choose a figure."""
        self.name.setText(_("Choose a figure to see what it counts and the records behind it."))
        self.value.setText("")
        self.value.setVisible(False)
        self.share.setText("")
        self.share.setVisible(False)
        self.definition.setText("")
        self.records_button.setEnabled(False)
