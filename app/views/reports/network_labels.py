"""The names on the network map (a label under an organisation's shape, the same size at
every zoom, and the choice of which names to show so that none covers another), and the
making of a map's shapes, lines and labels."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.views.reports.network_items import (
    SPAN,
    LinkInfo,
    LinkItem,
    NodeInfo,
    NodeItem,
    link_kind,
    link_width,
    node_radius,
    short_name,
)

log = logging.getLogger(__name__)


class LabelItem(QGraphicsItem):
    """An organisation's name under its shape, the same size at every zoom, on a soft
    background so it stays readable over the lines."""

    PAD = 3.0

    def __init__(self, text: str, node: NodeItem) -> None:
        super().__init__()
        self.text = text
        self.node = node
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setZValue(40.0)
        self.setPos(node.pos() + QPointF(0.0, node.radius))
        metrics = QFontMetricsF(QApplication.font())
        width = metrics.horizontalAdvance(text) + 2 * self.PAD
        self._rect = QRectF(-width / 2, 2.0, width, metrics.height() + self.PAD)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._rect

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        palette = QApplication.palette()
        back = QColor(palette.base().color())
        back.setAlpha(215)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back)
        painter.drawRoundedRect(self._rect, 4.0, 4.0)
        painter.setPen(palette.text().color())
        painter.setFont(QApplication.font())
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


def label_box(view: QGraphicsView, label: LabelItem) -> QRectF:
    """Where a label falls on the screen, in viewport pixels (with a little room around)."""
    corner = QPointF(view.mapFromScene(label.pos()))
    return label.boundingRect().translated(corner).adjusted(-2, -1, 2, 1)


def place_labels(
    view: QGraphicsView,
    nodes: Sequence[NodeItem],
    allowed: float,
    focus: str | None = None,
    near: set[str] | None = None,
) -> None:
    """Show the names of the organisations with the most people first (those ranked under
    ``allowed``), skipping any that would cover a name already shown. The ``focus``
    organisation's name comes first; with ``near``, only those organisations are named."""
    placed: list[QRectF] = []
    for node in sorted(nodes, key=lambda n: (n.organisation_id != focus, n.rank)):
        label = node.label
        if not isinstance(label, LabelItem):
            continue
        wanted = node.organisation_id == focus or (
            node.rank < allowed and (near is None or node.organisation_id in near)
        )
        box = label_box(view, label)
        show = wanted and not any(box.intersects(other) for other in placed)
        label.setVisible(show)
        if show:
            placed.append(box)


def make_items(
    nodes: Sequence[NodeInfo], links: Sequence[LinkInfo], stretch: float = 1.0
) -> tuple[dict[str, NodeItem], list[LinkItem]]:
    """The shapes (with their labels) and lines of a map, placed over :data:`SPAN` units
    (``stretch`` times wider); links to an organisation not given are left out."""
    most = max((n.people for n in nodes), default=0)
    by_people = sorted(nodes, key=lambda n: (-n.people, n.name))
    ranks = {n.organisation_id: rank for rank, n in enumerate(by_people)}
    shapes: dict[str, NodeItem] = {}
    for info in nodes:
        radius = node_radius(info.people, most, len(nodes))
        node = NodeItem(
            info.organisation_id, info.kind, radius, ranks[info.organisation_id], info.tip
        )
        node.setPos(QPointF(info.x * SPAN * stretch, info.y * SPAN))
        node.label = LabelItem(short_name(info.name), node)
        shapes[info.organisation_id] = node
    heaviest = max((link.weight for link in links), default=0)
    lines = []
    for info in links:
        a, b = shapes.get(info.a), shapes.get(info.b)
        if a is not None and b is not None:
            kind = link_kind(info.met, info.mentoring, info.projects)
            width = link_width(info.weight, heaviest)
            lines.append(LinkItem(a, b, kind, width, info.met, info.tip))
    return shapes, lines
