"""The drawing of the network map: zoom with the wheel or + and -, pan by dragging (or the
arrow keys), point at an organisation to see its links, click it to open it.

The map is laid out by the service in the square [0, 1]; here it is spread over a scene about
:data:`SPAN` units wide (a little wider than high when the window is). Names are shown for the
organisations with the most people, more of them as one zooms in, never on top of each other.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QFrame, QGraphicsScene, QGraphicsView, QWidget

from app.views.reports.network_items import (
    DIMMED,
    LinkInfo,
    LinkItem,
    NodeInfo,
    NodeItem,
)
from app.views.reports.network_labels import make_items, place_labels

log = logging.getLogger(__name__)

MARGIN = 60.0
WIDEST = 1.5  # the map is stretched sideways at most this much to fill a wide window
STEP = 1.25  # one press of + or one notch of the wheel
MIN_ZOOM, MAX_ZOOM = 0.5, 16.0  # relative to the whole map in view
LABELS_AT_FIT = 14  # names shown with the whole map in view (more when zoomed in)


class NetworkCanvas(QGraphicsView):
    """The map itself. :meth:`show_map` draws organisations and links; ``organisation_clicked``
    says which organisation was clicked (a press and release without dragging)."""

    organisation_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.nodes: dict[str, NodeItem] = {}
        self.links: list[LinkItem] = []
        self.neighbours: dict[str, set[str]] = {}
        self.placeholder = ""
        self.fewest_meetings = 1
        self._fit_scale = 1.0
        self._fitted = True  # follow the window's size until someone zooms or pans
        self._pressed: QPoint | None = None
        self._pointed: str | None = None
        self._chosen: str | None = None
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        for policy in (self.setHorizontalScrollBarPolicy, self.setVerticalScrollBarPolicy):
            policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # a map: drag it, no bars
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setBackgroundBrush(self.palette().base())

    # -- drawing --------------------------------------------------------------------------------

    def show_map(self, nodes: Iterable[NodeInfo], links: Iterable[LinkInfo]) -> None:
        """Draw ``nodes`` (most connected first) and ``links`` instead of the map shown."""
        nodes, links = list(nodes), list(links)
        self.scene().clear()
        self.nodes, self.links, self.neighbours = {}, [], {}
        self._pointed = self._chosen = None
        self.nodes, self.links = make_items(nodes, links, self._stretch(nodes))
        for node in self.nodes.values():
            self.scene().addItem(node)
            if node.label is not None:
                self.scene().addItem(node.label)
        for link in self.links:
            self.scene().addItem(link)
        self._link_neighbours()
        rect = QRectF()
        for node in self.nodes.values():
            rect = rect.united(node.sceneBoundingRect())
        self.scene().setSceneRect(rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
        self.fit()

    def show_meetings_from(self, count: int) -> None:
        """Draw the links made only by meeting at activities when the organisations met at
        ``count`` activities or more (1: all of them), to thin out a crowded map. Mentoring
        pairs and shared projects are always drawn; the organisations stay where they are."""
        self.fewest_meetings = count
        self._link_neighbours()
        self._emphasise(self._pointed or self._chosen)

    def shown_links(self) -> int:
        """How many links are drawn (those not thinned out)."""
        return sum(1 for link in self.links if link.isVisible())

    def links_drawn_from(self, count: int) -> int:
        """How many links would be drawn with :meth:`show_meetings_from` ``count``."""
        return sum(1 for link in self.links if link.kind != "met" or link.met >= count)

    def _link_neighbours(self) -> None:
        self.neighbours = {organisation_id: set() for organisation_id in self.nodes}
        for link in self.links:
            link.setVisible(link.kind != "met" or link.met >= self.fewest_meetings)
            if link.isVisible():
                a, b = link.ends
                self.neighbours[a].add(b)
                self.neighbours[b].add(a)

    def _stretch(self, nodes: list[NodeInfo]) -> float:
        """How much wider than high to spread the map, so it fills a wide window."""
        if len(nodes) < 3 or self.viewport().height() <= 0:
            return 1.0
        width = max(n.x for n in nodes) - min(n.x for n in nodes)
        height = max(n.y for n in nodes) - min(n.y for n in nodes)
        if width <= 0 or height <= 0:
            return 1.0
        wanted = self.viewport().width() / self.viewport().height()
        return max(1.0, min(WIDEST, wanted * height / width))

    # -- zoom -----------------------------------------------------------------------------------

    def zoom(self) -> float:
        """The zoom relative to the whole map in view (1.0 right after :meth:`fit`)."""
        return self.transform().m11() / self._fit_scale if self._fit_scale else 1.0

    def fit(self) -> None:
        """Show the whole map."""
        self.resetTransform()
        if self.nodes:
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._fit_scale = self.transform().m11() or 1.0
        self._fitted = True
        self._place_labels()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom in (``factor`` > 1) or out, keeping ``anchor`` (a scene point) where it is on
        screen (the middle of the view by default); within :data:`MIN_ZOOM`..:data:`MAX_ZOOM`."""
        wanted = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom() * factor))
        factor = wanted / self.zoom()
        if abs(factor - 1.0) < 1e-6:
            return
        if anchor is None:
            anchor = self.mapToScene(self.viewport().rect().center())
        before = self.mapFromScene(anchor)
        self.scale(factor, factor)
        after = self.mapFromScene(anchor)
        shift = after - before
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + shift.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + shift.y())
        self._fitted = False
        self._place_labels()

    def zoom_in(self) -> None:
        self.zoom_by(STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / STEP)

    # -- pointing and choosing -----------------------------------------------------------------

    def choose(self, organisation_id: str | None, *, centre: bool = True) -> None:
        """Mark an organisation (chosen in the list) with a ring and show its links; ``None``
        marks none. With ``centre`` the view moves to it when it is out of sight."""
        if self._chosen in self.nodes:
            self.nodes[self._chosen].set_marked(False)
        self._chosen = organisation_id if organisation_id in self.nodes else None
        if self._chosen is not None:
            node = self.nodes[self._chosen]
            node.set_marked(True)
            if centre and not self.mapToScene(self.viewport().rect()).boundingRect().contains(
                node.pos()
            ):
                self.centerOn(node)
        self._emphasise(self._pointed or self._chosen)

    def chosen(self) -> str | None:
        """The organisation marked from the list, or ``None``."""
        return self._chosen

    def node_at(self, position: QPoint) -> str | None:
        """The organisation drawn at ``position`` (viewport pixels), or ``None``."""
        for item in self.items(position):
            if isinstance(item, NodeItem):
                return item.organisation_id
        return None

    def _emphasise(self, organisation_id: str | None) -> None:
        """Dim everything that is not the organisation, its links and the organisations it is
        linked with; ``None`` shows everything plainly."""
        near = None
        if organisation_id is not None:
            near = self.neighbours.get(organisation_id, set()) | {organisation_id}
        for node_id, node in self.nodes.items():
            node.setOpacity(1.0 if near is None or node_id in near else DIMMED)
        for link in self.links:
            on = organisation_id is not None and organisation_id in link.ends
            link.set_emphasis(on)
            link.setOpacity(1.0 if near is None or on else DIMMED / 2)
        self._place_labels()

    def _place_labels(self) -> None:
        focus = self._pointed or self._chosen
        near = self.neighbours.get(focus, set()) | {focus} if focus else None
        place_labels(self, list(self.nodes.values()), LABELS_AT_FIT * self.zoom() ** 2, focus, near)

    # -- events ---------------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        notches = event.angleDelta().y() / 120
        if notches:
            self.zoom_by(STEP**notches, self.mapToScene(event.position().toPoint()))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        super().mouseReleaseEvent(event)
        pressed, self._pressed = self._pressed, None
        if event.button() != Qt.MouseButton.LeftButton or pressed is None:
            return
        moved = (event.position().toPoint() - pressed).manhattanLength()
        if moved >= QApplication.startDragDistance():
            self._fitted = False  # dragged: the person chose what to look at
            return
        organisation_id = self.node_at(pressed)
        if organisation_id is not None:
            self.organisation_clicked.emit(organisation_id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        super().mouseMoveEvent(event)
        if self._pressed is not None:
            return  # dragging the map
        pointed = self.node_at(event.position().toPoint())
        if pointed != self._pointed:
            self._pointed = pointed
            self.viewport().setCursor(
                Qt.CursorShape.PointingHandCursor if pointed else Qt.CursorShape.OpenHandCursor
            )
            self._emphasise(pointed or self._chosen)

    def leaveEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().leaveEvent(event)
        if self._pointed is not None:
            self._pointed = None
            self._emphasise(self._chosen)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 (Qt's name)
        """With nothing to draw, say why in the middle of the view."""
        if self.nodes or not self.placeholder:
            return
        painter.save()
        painter.resetTransform()
        painter.setPen(self.palette().placeholderText().color())
        area = self.viewport().rect().adjusted(24, 24, -24, -24)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), self.placeholder)
        painter.restore()
