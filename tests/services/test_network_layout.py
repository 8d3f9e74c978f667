"""The force-directed layout of the network map: inside the square, the same every time, and
linked organisations drawn near each other."""

from __future__ import annotations

import math
from itertools import combinations

from app.services.network_layout import force_layout


def two_groups() -> list[tuple[int, int, float]]:
    """Two groups of six, everyone linked inside their group, one link between the groups."""
    edges = [(a, b, 1.0) for group in (range(6), range(6, 12)) for a, b in combinations(group, 2)]
    return [*edges, (0, 6, 1.0)]


def test_no_nodes_and_one_node() -> None:
    assert force_layout(0, []) == []
    assert force_layout(1, []) == [(0.5, 0.5)]


def test_the_same_graph_gets_exactly_the_same_positions() -> None:
    assert force_layout(12, two_groups()) == force_layout(12, two_groups())


def test_the_drawing_fills_the_square_without_two_nodes_in_one_place() -> None:
    points = force_layout(30, [(i, (i + 1) % 30, 1.0) for i in range(30)])

    xs, ys = [x for x, _y in points], [y for _x, y in points]
    assert 0.0 <= min(xs) and max(xs) <= 1.0 and 0.0 <= min(ys) and max(ys) <= 1.0
    assert math.isclose(max(max(xs) - min(xs), max(ys) - min(ys)), 1.0)
    assert min(math.dist(p, q) for p, q in combinations(points, 2)) > 0.01


def test_linked_nodes_are_drawn_closer_than_others() -> None:
    points = force_layout(12, two_groups())

    def mean_distance(pairs: list[tuple[int, int]]) -> float:
        return sum(math.dist(points[a], points[b]) for a, b in pairs) / len(pairs)

    inside = [(a, b) for group in (range(6), range(6, 12)) for a, b in combinations(group, 2)]
    across = [(a, b) for a in range(6) for b in range(6, 12)]
    assert mean_distance(inside) < mean_distance(across) / 2


def test_nodes_without_links_and_loops_are_laid_out_too() -> None:
    points = force_layout(5, [(0, 0, 3.0), (1, 2, 1.0)])

    assert len(points) == 5
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in points)
