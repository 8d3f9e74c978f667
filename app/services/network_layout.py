"""A deterministic force-directed layout (Fruchterman and Reingold, with their grid for the
repulsion) in pure Python, for the network map.

The same graph always gets the same picture: the nodes start on a spiral in the order given
(the most connected first, so hubs start in the middle), there is no randomness, and every
loop runs in a fixed order. Repulsion is only felt within two ideal distances (the grid
variant), so a step costs about the number of nodes plus the number of edges, not its square;
pulls are weaker in dense networks so they do not collapse into a ball. A weak pull to the
middle keeps separate groups from drifting to the edges. The positions returned fill the
square [0, 1] x [0, 1] (one axis fully, the other centred).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

log = logging.getLogger(__name__)

ITERATIONS = 60
GRAVITY = 0.1  # the pull to the middle of a node at the border, in ideal distances
SPRING_DEGREE = 2.0  # pulls are weakened when nodes have more links than this on average
REACH = 2.0  # repulsion is felt within this many ideal distances
START_TEMPERATURE = 0.2  # the longest step at first, as a share of the square; cools to 0
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

Point = tuple[float, float]
WeightedEdge = tuple[int, int, float]


def force_layout(
    count: int, edges: Sequence[WeightedEdge], iterations: int = ITERATIONS
) -> list[Point]:
    """Positions in [0, 1] for ``count`` nodes linked by ``edges`` (index a, index b, weight).

    Deterministic: the same arguments give the same positions (no randomness, a fixed order;
    only the maths library of another platform might round the last digit differently).
    """
    if count == 0:
        return []
    if count == 1:
        return [(0.5, 0.5)]
    xs, ys = _spiral(count)
    k = math.sqrt(1.0 / count)
    springs = _springs(count, edges)
    temperature = START_TEMPERATURE
    cooling = temperature / (iterations + 1)
    for _step in range(iterations):
        fx = [0.0] * count
        fy = [0.0] * count
        _repel(xs, ys, fx, fy, k)
        _attract(xs, ys, fx, fy, springs, k)
        _move(xs, ys, fx, fy, k, temperature)
        temperature -= cooling
    return _fit(xs, ys)


def _springs(count: int, edges: Sequence[WeightedEdge]) -> list[tuple[int, int, float]]:
    """Each edge's pull: heavier links pull harder (logarithmically), and every pull is weaker
    when nodes have many links, so a dense network spreads out instead of collapsing into a
    ball (where every node would repel every other and each step would cost n²)."""
    links = [(a, b, weight) for a, b, weight in edges if a != b]
    mean_degree = 2.0 * len(links) / count
    damping = min(1.0, SPRING_DEGREE / mean_degree) if mean_degree else 1.0
    return [(a, b, damping * (1.0 + math.log(max(weight, 1.0)))) for a, b, weight in links]


def _spiral(count: int) -> tuple[list[float], list[float]]:
    """Start positions on a sunflower spiral: the first nodes in the middle."""
    xs, ys = [], []
    for index in range(count):
        radius = 0.5 * math.sqrt((index + 0.5) / count)
        angle = index * GOLDEN_ANGLE
        xs.append(0.5 + radius * math.cos(angle))
        ys.append(0.5 + radius * math.sin(angle))
    return xs, ys


def _repel(xs: list[float], ys: list[float], fx: list[float], fy: list[float], k: float) -> None:
    """Every pair closer than 2k pushes apart with k²/d (each pair once, through a grid)."""
    reach = REACH * k
    cells: dict[tuple[int, int], list[tuple[int, float, float]]] = {}
    for index, (x, y) in enumerate(zip(xs, ys, strict=True)):
        cells.setdefault((math.floor(x / reach), math.floor(y / reach)), []).append((index, x, y))
    k2, reach2 = k * k, reach * reach
    for (cx, cy), members in cells.items():
        for nx, ny in ((cx, cy), (cx + 1, cy), (cx - 1, cy + 1), (cx, cy + 1), (cx + 1, cy + 1)):
            others = cells.get((nx, ny))
            if others is None:
                continue
            same = nx == cx and ny == cy
            for position, (i, xi, yi) in enumerate(members):
                push_x = push_y = 0.0
                for j, xj, yj in others[position + 1 :] if same else others:
                    dx, dy = xi - xj, yi - yj
                    d2 = dx * dx + dy * dy
                    if d2 >= reach2:
                        continue
                    if d2 < 1e-12:  # the same place: part them along a direction set by the pair
                        dx, dy, d2 = 1e-4 * (1 + (i % 7)), 1e-4 * (1 + (j % 5)), 1e-8
                    push = k2 / d2  # (k²/d) along the unit vector (dx/d, dy/d)
                    push_x += dx * push
                    push_y += dy * push
                    fx[j] -= dx * push
                    fy[j] -= dy * push
                fx[i] += push_x
                fy[i] += push_y


def _attract(
    xs: list[float],
    ys: list[float],
    fx: list[float],
    fy: list[float],
    springs: list[tuple[int, int, float]],
    k: float,
) -> None:
    """Every edge pulls its ends together with d²/k, stronger for heavier links."""
    for a, b, strength in springs:
        dx, dy = xs[a] - xs[b], ys[a] - ys[b]
        pull = math.sqrt(dx * dx + dy * dy) / k * strength  # (d²/k) along (dx/d, dy/d)
        fx[a] -= dx * pull
        fy[a] -= dy * pull
        fx[b] += dx * pull
        fy[b] += dy * pull


def _move(
    xs: list[float],
    ys: list[float],
    fx: list[float],
    fy: list[float],
    k: float,
    temperature: float,
) -> None:
    """Move each node along its force (plus the pull to the middle), no further than the
    temperature, and keep it inside the square."""
    pull = 2.0 * GRAVITY * k  # a node at the border is pulled with GRAVITY x k
    for i in range(len(xs)):
        dx = fx[i] - pull * (xs[i] - 0.5)
        dy = fy[i] - pull * (ys[i] - 0.5)
        length = math.sqrt(dx * dx + dy * dy)
        if length > 0.0:
            step = min(length, temperature) / length
            xs[i] = min(1.0, max(0.0, xs[i] + dx * step))
            ys[i] = min(1.0, max(0.0, ys[i] + dy * step))


def _fit(xs: list[float], ys: list[float]) -> list[Point]:
    """Scale the drawing (the same on both axes) to fill [0, 1], centred."""
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    span = max(right - left, bottom - top)
    if span <= 0.0:
        return [(0.5, 0.5)] * len(xs)
    shift_x = (span - (right - left)) / 2
    shift_y = (span - (bottom - top)) / 2
    return [
        ((x - left + shift_x) / span, (y - top + shift_y) / span)
        for x, y in zip(xs, ys, strict=True)
    ]
