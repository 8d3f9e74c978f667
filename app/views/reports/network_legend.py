"""The key of the network map: what each colour and shape, each kind of line, and the size of a
shape mean, in words beside a small picture of each."""

from __future__ import annotations

import logging

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from app.i18n import _
from app.services.vocabulary import ORGANISATION_KINDS
from app.views.reports.network_items import (
    KIND_LOOKS,
    LINK_KINDS,
    kind_look,
    link_pen,
    shape_path,
)
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

ICON = 18  # pixels


def link_names() -> dict[str, str]:
    """The legend's words for each kind of link, in the current language."""
    return {
        "projects": _("Share a collaborative project"),
        "mentoring": _("Mentoring pair"),
        "met": _("Met at activities"),
    }


def _canvas(width: int) -> tuple[QPixmap, QPainter]:
    ratio = 2.0  # sharp on high-density screens too
    pixmap = QPixmap(int(width * ratio), int(ICON * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def kind_icon(kind: str, radius: float = 6.5) -> QPixmap:
    """A small picture of the shape of an organisation of ``kind``."""
    colour, sides = kind_look(kind)
    pixmap, painter = _canvas(ICON)
    painter.setPen(QPen(QColor("#FFFFFF"), 1.0))
    painter.setBrush(QBrush(colour))
    painter.drawPath(shape_path(sides, radius, QPointF(ICON / 2, ICON / 2)))
    painter.end()
    return pixmap


def link_icon(kind: str) -> QPixmap:
    """A short stretch of the line of a link of ``kind``."""
    width = 34
    pixmap, painter = _canvas(width)
    painter.setPen(link_pen(kind, 2.5, emphasised=True))
    path = QPainterPath(QPointF(3, ICON / 2))
    path.lineTo(QPointF(width - 3, ICON / 2))
    painter.drawPath(path)
    painter.end()
    return pixmap


def size_icon() -> QPixmap:
    """Three shapes growing, for "bigger: more people"."""
    width = 40
    pixmap, painter = _canvas(width)
    colour, _sides = kind_look("other")
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    for x, radius in ((4.0, 2.5), (13.0, 4.5), (28.0, 8.0)):
        painter.drawEllipse(QPointF(x, ICON / 2), radius, radius)
    painter.end()
    return pixmap


class NetworkLegend(Retranslatable, QWidget):
    """Two lines under the map: the kinds of organisation, then the kinds of link and size."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind_labels: dict[str, QLabel] = {}
        self.link_labels: dict[str, QLabel] = {}
        self.kinds_title, self.links_title = QLabel(), QLabel()
        self.size_label = QLabel()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        kinds = QHBoxLayout()
        for kind in KIND_LOOKS:
            self.kind_labels[kind] = self._entry(kinds, kind_icon(kind))
        kinds.addStretch(1)
        links = QHBoxLayout()
        for kind in LINK_KINDS:
            self.link_labels[kind] = self._entry(links, link_icon(kind))
        self.size_label = self._entry(links, size_icon())
        links.addStretch(1)
        grid.addWidget(self.kinds_title, 0, 0)
        grid.addLayout(kinds, 0, 1)
        grid.addWidget(self.links_title, 1, 0)
        grid.addLayout(links, 1, 1)
        grid.setColumnStretch(1, 1)
        self.retranslate_ui()

    @staticmethod
    def _entry(row: QHBoxLayout, pixmap: QPixmap) -> QLabel:
        picture = QLabel()
        picture.setPixmap(pixmap)
        text = QLabel()
        row.addWidget(picture)
        row.addWidget(text)
        row.addSpacing(8)
        return text

    def retranslate_ui(self) -> None:
        self.kinds_title.setText(_("Organisations:"))
        self.links_title.setText(_("Links:"))
        for kind, label in self.kind_labels.items():
            label.setText(_(ORGANISATION_KINDS[kind]))
        for kind, label in self.link_labels.items():
            label.setText(link_names()[kind])
        self.size_label.setText(_("Bigger: more people took part"))
        self.setAccessibleName(_("Key of the network map"))
