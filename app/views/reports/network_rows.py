"""The network map in words: the list of organisations beside the map (for keyboard and screen
reader users, and to find one by name) with its buttons, the tool tips, the summary, and what
the canvas is given."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, format_number, ngettext
from app.services.network_map import NetworkMap
from app.services.vocabulary import ORGANISATION_KINDS
from app.views.reports.network_items import LinkInfo, NodeInfo
from app.views.widgets.sorted_rows import RowsTable, SortColumn, SortedRowsModel
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

Cell = str | int


@dataclass(frozen=True, slots=True)
class OrganisationLine:
    """One organisation of the map as listed beside it."""

    organisation_id: str
    name: str
    kind: str
    people: int
    links: int  # organisations it is linked with on the map


def kind_name(kind: str) -> str:
    """The kind of organisation in words (an unknown code as "Other")."""
    return _(ORGANISATION_KINDS.get(kind, ORGANISATION_KINDS["other"]))


def people_text(count: int) -> str:
    return ngettext("{count} person took part", "{count} people took part", count).format(
        count=format_number(count)
    )


def links_text(count: int) -> str:
    return ngettext(
        "Linked with {count} organisation", "Linked with {count} organisations", count
    ).format(count=format_number(count))


def node_tip(line: OrganisationLine) -> str:
    """An organisation's tool tip: name, kind, people, links, and what a click does."""
    return "\n".join(
        (
            line.name,
            kind_name(line.kind),
            people_text(line.people),
            links_text(line.links),
            _("Click to open the organisation."),
        )
    )


def link_tip(a: str, b: str, met: int, mentoring: int, projects: int) -> str:
    """A link's tool tip: the two names and every way they are linked."""
    lines = [_("{first} and {second}").format(first=a, second=b)]
    if projects:
        lines.append(
            ngettext(
                "Share {count} collaborative project",
                "Share {count} collaborative projects",
                projects,
            ).format(count=format_number(projects))
        )
    if mentoring:
        lines.append(
            ngettext("{count} mentoring pair", "{count} mentoring pairs", mentoring).format(
                count=format_number(mentoring)
            )
        )
    if met:
        lines.append(
            ngettext(
                "Their people met at {count} activity",
                "Their people met at {count} activities",
                met,
            ).format(count=format_number(met))
        )
    return "\n".join(lines)


def map_parts(
    network: NetworkMap,
) -> tuple[list[NodeInfo], list[LinkInfo], list[OrganisationLine]]:
    """What the canvas draws and what the list shows, worded in the current language."""
    degree: Counter[str] = Counter()
    for edge in network.edges:
        degree[edge.a] += 1
        degree[edge.b] += 1
    names = {node.organisation_id: node.name for node in network.nodes}
    lines = [
        OrganisationLine(n.organisation_id, n.name, n.kind, n.people, degree[n.organisation_id])
        for n in network.nodes
    ]
    nodes = [
        NodeInfo(n.organisation_id, n.name, n.kind, n.people, n.x, n.y, node_tip(line))
        for n, line in zip(network.nodes, lines, strict=True)
    ]
    links = [
        LinkInfo(
            e.a,
            e.b,
            e.met,
            e.mentoring,
            e.projects,
            e.weight,
            link_tip(names.get(e.a, ""), names.get(e.b, ""), e.met, e.mentoring, e.projects),
        )
        for e in network.edges
    ]
    return nodes, links, lines


def summary_text(network: NetworkMap, shown_links: int | None = None, meetings: int = 1) -> str:
    """What the map shows, and what was left out to keep it readable (``shown_links``: how
    many links are drawn when those of fewer than ``meetings`` meetings were thinned out)."""
    organisations = ngettext(
        "{count} organisation", "{count} organisations", len(network.nodes)
    ).format(count=format_number(len(network.nodes)))
    links = ngettext("{count} link", "{count} links", len(network.edges)).format(
        count=format_number(len(network.edges))
    )
    text = _("On the map: {organisations} and {links} between them.").format(
        organisations=organisations, links=links
    )
    if network.organisations > len(network.nodes):
        text += " " + _(
            "To keep the map readable, only the {shown} most connected of the {total} linked "
            "organisations are drawn."
        ).format(
            shown=format_number(len(network.nodes)), total=format_number(network.organisations)
        )
    elif network.links > len(network.edges):
        text += " " + _(
            "To keep the map readable, only the {shown} strongest of the {total} links are drawn."
        ).format(shown=format_number(len(network.edges)), total=format_number(network.links))
    hidden = len(network.edges) - (len(network.edges) if shown_links is None else shown_links)
    if hidden > 0:
        text += " " + ngettext(
            "{count} link of organisations that met at fewer than {meetings} activities is not "
            "drawn; lower “Meetings drawn” to see it.",
            "{count} links of organisations that met at fewer than {meetings} activities are "
            "not drawn; lower “Meetings drawn” to see them.",
            hidden,
        ).format(count=format_number(hidden), meetings=format_number(meetings))
    return text


class OrganisationLinesModel(SortedRowsModel[OrganisationLine]):
    """The organisations of the map: name, kind, people who took part, organisations linked."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(
            (
                SortColumn(lambda: _("Organisation"), lambda r: r.name, width=24),
                SortColumn(
                    lambda: _("People"),
                    lambda r: format_number(r.people),
                    right=True,
                    key=lambda r: r.people,
                    width=7,
                ),
                SortColumn(
                    lambda: _("Links"),
                    lambda r: format_number(r.links),
                    right=True,
                    key=lambda r: r.links,
                    width=6,
                ),
                SortColumn(lambda: _("Kind"), lambda r: kind_name(r.kind), width=14),
            ),
            parent,
        )

    def tool_tip(self, row: OrganisationLine) -> str | None:
        return node_tip(row)

    def user_data(self, row: OrganisationLine) -> str:
        return row.organisation_id

    def row_of(self, organisation_id: str) -> int | None:
        """The row of the organisation, or ``None`` when it is not listed."""
        return self.row_where(lambda r: r.organisation_id == organisation_id)

    def total(self) -> int:
        """How many organisations are listed (for the export's log)."""
        return self.rowCount()

    def export_work(self) -> tuple[list[str], Callable[..., list[list[Cell]]]]:
        """The headers as shown and work giving the rows as shown (already all in memory)."""
        headers = [column.title() for column in self.columns]
        cells: list[list[Cell]] = [
            [row.name, kind_name(row.kind), row.people, row.links] for row in self.rows()
        ]

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> list:
            progress(len(cells), len(cells))
            return cells

        return headers, work


class OrganisationsSide(Retranslatable, QWidget):
    """Beside the map: its organisations in a list (found by typing, opened with Enter), with
    the buttons to open the one selected and to export the list."""

    def __init__(self, model: OrganisationLinesModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.table = RowsTable(model)
        self.label.setBuddy(self.table)
        self.open_button, self.export_button = QPushButton(), QPushButton()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(_("Organisations on the &map:"))
        self.table.setAccessibleName(_("Organisations on the map"))
        self.open_button.setText(_("&Open organisation"))
        self.open_button.setToolTip(_("Open the selected organisation (Enter or double-click)"))
        self.export_button.setText(_("E&xport list…"))
        self.export_button.setToolTip(_("Save the organisations of the map to a spreadsheet"))
        self.table.rows_model.retranslate()
