"""What the network map is drawn with: an organisation's shape, a link's line and a name label.

An organisation's colour *and* shape say its kind (colour is never the only signal; the legend,
the list beside the map and the tool tips say it in words too); its size says how many of its
people took part. A link's width says how strong it is and its line style how it came about:
a shared project (solid), a mentoring pair (dashed) or only meeting at activities (dotted,
faint: it is the most common).
The colours are the Okabe and Ito palette, told apart by people with colour blindness.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsPathItem,
)

log = logging.getLogger(__name__)

# Kind of organisation -> (fill colour, sides of its shape: 0 a circle; turned by half a side
# when negative, so 4 is a square and -4 a diamond, 3 a triangle up and -3 one down).
KIND_LOOKS: dict[str, tuple[str, int]] = {
    "association": ("#0072B2", 0),
    "foundation": ("#E69F00", 4),
    "federation": ("#009E73", -4),
    "cooperative": ("#CC79A7", 3),
    "public_body": ("#D55E00", 6),
    "informal_group": ("#56B4E9", -3),
    "other": ("#8C8C8C", 5),
}

# How two organisations are linked, strongest first -> (colour on light, on dark, dash pattern,
# opacity). Meeting at activities is the most common link: quiet, so the rarer ones show.
LINK_KINDS = ("projects", "mentoring", "met")
LINK_LOOKS: dict[str, tuple[str, str, tuple[float, ...], int]] = {
    "projects": ("#9A4A00", "#FFB74D", (), 235),
    "mentoring": ("#6A3D9A", "#CE93D8", (4.0, 2.0), 220),
    "met": ("#5F6B78", "#9AA5B1", (0.01, 2.2), 120),
}

SPAN = 1000.0  # scene units across the square of the layout
MIN_RADIUS = 7.0  # scene units (the map is about 1000 wide)
MAX_RADIUS = 30.0
ROOMY = 50  # organisations that fit on the map at full size
CROWDED = 0.4  # the smallest shrink, however many there are
MIN_WIDTH = 1.0  # pixels, whatever the zoom
MAX_WIDTH = 6.0
LONGEST_NAME = 28  # characters of a name on the map
DIMMED = 0.18  # the opacity of what is not near the organisation pointed at


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """What the canvas needs of an organisation, with its tool tip already worded."""

    organisation_id: str
    name: str
    kind: str
    people: int
    x: float
    y: float
    tip: str


@dataclass(frozen=True, slots=True)
class LinkInfo:
    """What the canvas needs of a link, with its tool tip already worded."""

    a: str
    b: str
    met: int
    mentoring: int
    projects: int
    weight: float
    tip: str


def short_name(name: str) -> str:
    """A name short enough for a label on the map (the tool tip and list say it whole)."""
    return name if len(name) <= LONGEST_NAME else name[: LONGEST_NAME - 1].rstrip() + "…"


def dark_palette() -> bool:
    """True when the window's background is dark (then lighter lines are used)."""
    return QApplication.palette().base().color().lightness() <= 128


def kind_look(kind: str) -> tuple[QColor, int]:
    """The fill colour and sides of an organisation of ``kind`` (an unknown one as "other")."""
    colour, sides = KIND_LOOKS.get(kind, KIND_LOOKS["other"])
    return QColor(colour), sides


def link_kind(met: int, mentoring: int, projects: int) -> str:
    """The strongest way two organisations are linked: "projects", "mentoring" or "met"."""
    if projects:
        return "projects"
    return "mentoring" if mentoring else "met"


def link_pen(kind: str, width: float, emphasised: bool = False) -> QPen:
    """The pen of a link of ``kind``: a cosmetic line ``width`` pixels wide at any zoom (fully
    opaque when ``emphasised``)."""
    light, dark, dashes, alpha = LINK_LOOKS[kind]
    colour = QColor(dark if dark_palette() else light)
    colour.setAlpha(255 if emphasised else alpha)
    pen = QPen(colour, width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    if dashes:
        pen.setDashPattern(list(dashes))
    return pen


def shape_path(sides: int, radius: float, centre: QPointF | None = None) -> QPainterPath:
    """The outline of a shape with ``sides`` (see :data:`KIND_LOOKS`) having the area of a
    circle of ``radius``, so two organisations of the same size look as big."""
    centre = centre or QPointF(0.0, 0.0)
    path = QPainterPath()
    count = abs(sides)
    if count < 3:
        path.addEllipse(centre, radius, radius)
        return path
    # the circumradius of a regular polygon with the circle's area
    outer = radius * math.sqrt(2 * math.pi / (count * math.sin(2 * math.pi / count)))
    start = -math.pi / 2 + (math.pi / count if sides > 0 and count % 2 == 0 else 0.0)
    if sides < 0 and count % 2 == 1:
        start += math.pi  # a triangle pointing down
    elif sides < 0:
        start -= math.pi / count  # a diamond: a square standing on a corner
    points = [
        QPointF(
            centre.x() + outer * math.cos(start + 2 * math.pi * i / count),
            centre.y() + outer * math.sin(start + 2 * math.pi * i / count),
        )
        for i in range(count)
    ]
    path.addPolygon(QPolygonF([*points, points[0]]))
    path.closeSubpath()
    return path


def node_radius(people: int, most: int, count: int = 1) -> float:
    """A shape's radius: its area grows with the people of the organisation who took part;
    all shapes are smaller on a map of many (``count``) organisations, so they do not pile up."""
    share = math.sqrt(max(people, 0) / most) if most > 0 else 0.0
    crowd = min(1.0, max(CROWDED, math.sqrt(ROOMY / max(count, 1))))
    return crowd * (MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share)


def link_width(weight: float, heaviest: float) -> float:
    """A link's width in pixels: the heaviest link of the map is the widest."""
    share = math.sqrt(max(weight, 0.0) / heaviest) if heaviest > 0 else 0.0
    return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * share


class NodeItem(QGraphicsPathItem):
    """One organisation on the map, centred on its position; ``rank`` 0 is the one with the
    most people (labels are given in that order)."""

    def __init__(self, organisation_id: str, kind: str, radius: float, rank: int, tip: str) -> None:
        colour, sides = kind_look(kind)
        super().__init__(shape_path(sides, radius))
        self.organisation_id = organisation_id
        self.radius = radius
        self.rank = rank
        self.colour = colour
        self.marked = False
        self.label: QGraphicsItem | None = None  # its name, when it has one
        self.setBrush(QBrush(colour))
        self.setToolTip(tip)
        self.setZValue(10 + 1 / (1 + rank))  # bigger organisations above smaller ones
        self.set_marked(False)

    def set_marked(self, marked: bool) -> None:
        """Ring the organisation chosen in the list (or pointed at) so it stands out."""
        self.marked = marked
        outline = QApplication.palette().text().color() if marked else QColor("#FFFFFF")
        if not marked and dark_palette():
            outline = QColor("#202124")
        pen = QPen(outline, 3.0 if marked else 1.2)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setZValue(30.0 if marked else 10 + 1 / (1 + self.rank))


class LinkItem(QGraphicsPathItem):
    """A link between two organisations: a straight line of the look of its strongest kind."""

    def __init__(
        self, a: NodeItem, b: NodeItem, kind: str, width: float, met: int, tip: str
    ) -> None:
        path = QPainterPath(a.pos())
        path.lineTo(b.pos())
        super().__init__(path)
        self.ends = (a.organisation_id, b.organisation_id)
        self.kind = kind
        self.width = width
        self.met = met  # activities their people attended together
        self.setPen(link_pen(kind, width))
        self.setToolTip(tip)
        self.setZValue(1.0 + LINK_KINDS[::-1].index(kind))  # projects above mentoring above met

    def set_emphasis(self, on: bool) -> None:
        """Draw the link stronger while one of its organisations is pointed at."""
        self.setPen(link_pen(self.kind, self.width + (1.0 if on else 0.0), emphasised=on))
        self.setZValue((5.0 if on else 1.0) + LINK_KINDS[::-1].index(self.kind))
