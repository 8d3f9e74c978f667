"""The network of organisations for a period, drawn as a map of who meets whom.

Two organisations are linked when, in the period (both ends included; ``None`` leaves that end
open):

- their people *met*: people registered on behalf of each (the registration's organisation)
  were marked as attending (present, late, left early) a live session in the period of the same
  live activity; ``met`` counts the activities they shared;
- a *mentoring* pair joined a mentor of one and a mentee of the other, and the pair really ran
  (active, paused or closed) over a span that overlaps the period, as in the mentoring totals;
- they take part in the same live collaborative *project* whose dates overlap the period
  (no start or no end date leaves that side open).

The weight of a link is ``met + 2 x mentoring + 3 x projects``: a pair or a project ties two
organisations more than sitting in the same room once. Organisations and people in the trash or
merged into another never count. ``area`` (a :class:`AreaChoice` value, or any area name in
any language) keeps the activities and projects with that area of action and the pairs with
that mentoring area, compared folded (no case, no accents).

A node's ``people`` is how many of the organisation's people took part (attended, or were in a
pair). Only organisations with at least one link are drawn, the most connected first (the sum
of the weights of their links, then more people, then by name). Beyond ``limit`` organisations
(300 unless asked) the least connected are left out; beyond :data:`MAX_EDGES` links between
those drawn, the weakest are, except each organisation's heaviest link so none is drawn alone.
The map says so (:attr:`NetworkMap.capped`, :meth:`NetworkMap.note`). Positions come from the
deterministic layout of :mod:`app.services.network_layout`: the same data give the same map.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from app.db import Database
from app.errors import ValidationError
from app.i18n import _, format_number, ngettext
from app.services import network_queries as queries
from app.services.network_layout import force_layout
from app.services.network_queries import AreaChoice

log = logging.getLogger(__name__)

__all__ = ["AreaChoice", "Edge", "NetworkMap", "NetworkService", "Node", "network"]

MAX_NODES = 300
MAX_EDGES = 1500
MET_WEIGHT = 1
MENTORING_WEIGHT = 2
PROJECT_WEIGHT = 3

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Node:
    """An organisation on the map; ``x`` and ``y`` are in [0, 1]."""

    organisation_id: str
    name: str
    kind: str  # ORGANISATION_KINDS code
    people: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Edge:
    """A link between two organisations (``a`` < ``b``, organisation ids) and what made it."""

    a: str
    b: str
    met: int  # activities their people attended together
    mentoring: int  # mentoring pairs between them
    projects: int  # collaborative projects they share
    weight: int


@dataclass(frozen=True, slots=True)
class NetworkMap:
    """The nodes (most connected first) and links drawn, and how many there were in all."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    organisations: int = 0  # linked organisations before the cap
    links: int = 0  # links between the drawn organisations before the cap on links

    @property
    def capped(self) -> bool:
        """Whether some organisations or links were left out to keep the map readable."""
        return self.organisations > len(self.nodes) or self.links > len(self.edges)

    def note(self) -> str:
        """What was left out, in words for the user ("" when nothing was)."""
        notes = []
        if self.organisations > len(self.nodes):
            notes.append(
                ngettext(
                    "The map shows the {shown} most connected of {total} linked organisation.",
                    "The map shows the {shown} most connected of {total} linked organisations.",
                    self.organisations,
                ).format(
                    shown=format_number(len(self.nodes)), total=format_number(self.organisations)
                )
            )
        if self.links > len(self.edges):
            notes.append(
                ngettext(
                    "Only the {shown} strongest of their {total} link are drawn.",
                    "Only the {shown} strongest of their {total} links are drawn.",
                    self.links,
                ).format(shown=format_number(len(self.edges)), total=format_number(self.links))
            )
        return " ".join(notes)


def network(
    db: Database,
    start: date | None,
    end: date | None,
    area: str = "",
    limit: int = MAX_NODES,
) -> NetworkMap:
    """The network of organisations from ``start`` to ``end`` (included), laid out.

    Raises :class:`ValidationError` when the period ends before it starts or ``limit`` < 1.
    """
    _check(start, end, limit)
    with db.session() as s:
        facts = queries.read_links(s, start, end, area)
        strength = _strength(facts)
        people = facts.people
        names = queries.organisations(s, list(strength))
    ranked = sorted(
        strength,
        key=lambda org: (-strength[org], -people.get(org, 0), names[org][2], org),
    )
    chosen = ranked[:limit]
    edges, links = _edges(facts, set(chosen))
    index = {org: position for position, org in enumerate(chosen)}
    points = force_layout(
        len(chosen), [(index[edge.a], index[edge.b], edge.weight) for edge in edges]
    )
    nodes = tuple(
        Node(org, names[org][0], names[org][1], people.get(org, 0), x, y)
        for org, (x, y) in zip(chosen, points, strict=True)
    )
    log.info(
        "network map: %d of %d organisations, %d of %d links",
        len(nodes),
        len(ranked),
        len(edges),
        links,
    )
    return NetworkMap(nodes, edges, organisations=len(ranked), links=links)


def _check(start: date | None, end: date | None, limit: int) -> None:
    if start and end and end < start:
        raise ValidationError(_("The period ends before it starts. Check the two dates."))
    if limit < 1:
        raise ValidationError(_("The map must show at least one organisation."))


def _strength(facts: queries.LinkFacts) -> Counter[str]:
    """Each linked organisation's sum of link weights, counted without forming the pairs."""
    strength: Counter[str] = Counter()
    for weight, groups in ((MET_WEIGHT, facts.activities), (PROJECT_WEIGHT, facts.projects)):
        for group in groups:
            for org in group:
                strength[org] += weight * (len(group) - 1)
    for mentor_org, mentee_org in facts.pairs:
        strength[mentor_org] += MENTORING_WEIGHT
        strength[mentee_org] += MENTORING_WEIGHT
    return +strength  # organisations alone in every group have no link


def _edges(facts: queries.LinkFacts, chosen: set[str]) -> tuple[tuple[Edge, ...], int]:
    """The links between ``chosen`` organisations, heaviest first (see :func:`_keep`); and how
    many there were."""
    met = _pair_counts(facts.activities, chosen)
    projects = _pair_counts(facts.projects, chosen)
    mentoring: Counter[Pair] = Counter(
        _ordered(a, b) for a, b in facts.pairs if a in chosen and b in chosen
    )
    weights: Counter[Pair] = Counter()
    for weight, counts in ((MET_WEIGHT, met), (MENTORING_WEIGHT, mentoring)):
        for pair, count in counts.items():
            weights[pair] += weight * count
    for pair, count in projects.items():
        weights[pair] += PROJECT_WEIGHT * count
    heaviest = sorted(weights, key=lambda pair: (-weights[pair], pair))
    edges = tuple(
        Edge(a, b, met[(a, b)], mentoring[(a, b)], projects[(a, b)], weights[(a, b)])
        for a, b in _keep(heaviest)
    )
    return edges, len(heaviest)


def _keep(pairs: list[Pair]) -> list[Pair]:
    """At most MAX_EDGES of the ``pairs`` (sorted heaviest first), in the same order: each
    organisation's heaviest link, so none is drawn alone, then the heaviest of the rest."""
    if len(pairs) <= MAX_EDGES:
        return pairs
    kept: set[int] = set()
    linked: set[str] = set()
    for position, (a, b) in enumerate(pairs):
        if a not in linked or b not in linked:
            kept.add(position)
            linked.update((a, b))
    for position in range(len(pairs)):
        if len(kept) >= MAX_EDGES:
            break
        kept.add(position)
    return [pairs[position] for position in sorted(kept)]


def _pair_counts(groups: list[tuple[str, ...]], chosen: set[str]) -> Counter[Pair]:
    """For every two chosen organisations, in how many groups they are together."""
    counts: Counter[Pair] = Counter()
    for group in groups:
        members = sorted(org for org in group if org in chosen)
        counts.update(combinations(members, 2))
    return counts


def _ordered(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def network_areas(db: Database) -> tuple[AreaChoice, ...]:
    """The areas the map can be filtered by: those of live activities and projects and the
    mentoring areas of live pairs, shown translated, in alphabetical order."""
    with db.session() as s:
        return queries.areas(s)


class NetworkService:
    """The network map of the organisations (read only)."""

    def __init__(self, db: Database):
        self.db = db

    def build(
        self,
        start: date | None,
        end: date | None,
        area: str = "",
        limit: int = MAX_NODES,
    ) -> NetworkMap:
        """The map of the organisations linked from ``start`` to ``end`` (included; None leaves
        that end open), only through ``area`` if given, with at most ``limit`` organisations
        (see :func:`network`)."""
        return network(self.db, start, end, area, limit)

    def areas(self) -> tuple[AreaChoice, ...]:
        """The choices of the area filter (see :func:`network_areas`)."""
        return network_areas(self.db)
