"""The Network map page over real services: the organisations linked in the period drawn and
listed, filtered by period and area, a crowded map thinned out, zoom and pan, names that never
cover each other, and a click (or Enter in the list) that opens the organisation."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QMessageBox

from app.errors import DatabaseError
from app.services.network_map import Edge, NetworkMap, Node
from app.services.organisations import OrganisationData
from app.services.projects import ProjectData, ProjectMember
from app.views.dialogs.organisation_dialog import OrganisationDialog
from app.views.reports.network_canvas import MAX_ZOOM, MIN_ZOOM, NetworkCanvas
from app.views.reports.network_items import KIND_LOOKS, LinkItem, shape_path
from app.views.reports.network_labels import LabelItem, label_box
from app.views.reports.network_view import NetworkView
from tests.views.activity_fixtures import build_activity

TODAY = date.today()
START = TODAY - timedelta(days=30)


def organisation(services, name: str, kind: str = "association") -> str:
    saved = services.organisations.save(OrganisationData(name=name, kind=kind))
    assert saved.id is not None
    return saved.id


def project(services, title: str, ids: list[str], areas: tuple[str, ...] = ()) -> None:
    members = tuple(ProjectMember(org, "partner") for org in ids)
    services.projects.save(
        ProjectData(
            title=title,
            start_date=TODAY - timedelta(days=60),
            end_date=TODAY + timedelta(days=60),
            areas=areas,
            organisations=members,
        )
    )


@pytest.fixture
def orgs(services) -> dict[str, str]:
    """Luz and Río: their people met at a capsule in the last month. Luz, Zarza and Norte share
    a housing project. Sola is linked with nobody."""
    built = build_activity(services, TODAY)
    found = {
        "luz": built.organisations["Fundación Luz"],
        "rio": built.organisations["Asociación Río"],
        "zarza": organisation(services, "Cooperativa Zarza", "cooperative"),
        "norte": organisation(services, "Federación Norte", "federation"),
        "sola": organisation(services, "Asociación Sola"),
    }
    project(
        services, "Vivienda compartida", [found[k] for k in ("luz", "zarza", "norte")], ("Housing",)
    )
    return found


def drawn(qtbot, view: NetworkView) -> None:
    qtbot.waitUntil(lambda: not view.busy() and view.network is not None, timeout=20000)


def open_view(qtbot, services, start: date = START, end: date = TODAY) -> NetworkView:
    view = NetworkView(services)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    drawn(qtbot, view)
    view.filters.period.choose_dates(start, end)
    view.refresh()
    drawn(qtbot, view)
    return view


def names(view: NetworkView) -> list[str]:
    return sorted(line.name for line in view.model.rows())


def link_between(view: NetworkView, a: str, b: str) -> LinkItem:
    return next(link for link in view.canvas.links if set(link.ends) == {a, b})


def test_the_map_draws_the_linked_organisations_and_lists_them(
    qtbot, qtmodeltester, services, orgs
):
    view = open_view(qtbot, services)

    assert names(view) == [
        "Asociación Río",
        "Cooperativa Zarza",
        "Federación Norte",
        "Fundación Luz",
    ]  # Sola is linked with nobody: not on the map
    assert set(view.canvas.nodes) == {orgs[k] for k in ("luz", "rio", "zarza", "norte")}
    assert len(view.canvas.links) == 4
    luz = view.model.rows()[view.model.row_of(orgs["luz"])]
    assert (luz.links, luz.kind) == (3, "association")
    row = view.model.row_of(orgs["zarza"])
    assert view.model.index(row, 3).data() == "Cooperative"
    assert "4 organisations and 4 links" in view.status.text()
    qtmodeltester.check(view.model)


def test_a_link_says_how_the_organisations_are_linked(qtbot, services, orgs):
    view = open_view(qtbot, services)

    met = link_between(view, orgs["luz"], orgs["rio"])
    shared = link_between(view, orgs["zarza"], orgs["norte"])
    assert met.kind == "met" and shared.kind == "projects"
    assert met.pen().style() != shared.pen().style()  # not told apart by colour alone
    assert "Their people met at 1 activity" in met.toolTip()
    assert "Share 1 collaborative project" in shared.toolTip()
    assert "Cooperativa Zarza" in view.canvas.nodes[orgs["zarza"]].toolTip()


def test_a_period_with_no_links_says_so(qtbot, services, orgs):
    view = open_view(qtbot, services, date(2001, 1, 1), date(2001, 12, 31))

    assert view.model.rowCount() == 0 and not view.canvas.nodes
    assert "No organisations were linked in this period" in view.canvas.placeholder
    assert view.canvas.accessibleDescription() == view.canvas.placeholder
    assert not view.export_button.isEnabled()


def test_an_area_keeps_only_its_links(qtbot, services, orgs):
    view = open_view(qtbot, services)
    area = view.filters.area

    area.setCurrentIndex(area.findData("Housing"))

    housing = ["Cooperativa Zarza", "Federación Norte", "Fundación Luz"]
    qtbot.waitUntil(lambda: not view.busy() and names(view) == housing, timeout=20000)
    assert area.currentText() == "Housing"


def test_changing_the_period_while_drawing_ends_with_the_last_period(qtbot, services, orgs):
    view = open_view(qtbot, services)

    view.filters.period.choose_dates(date(2001, 1, 1), date(2001, 12, 31))
    view.refresh()
    view.filters.period.choose_dates(START, TODAY)
    view.refresh()  # asked while the first is worked out: runs after it
    drawn(qtbot, view)
    qtbot.waitUntil(lambda: not view.busy() and len(view.canvas.nodes) == 4, timeout=20000)


def test_choosing_an_organisation_in_the_list_marks_it_and_dims_the_others(qtbot, services, orgs):
    view = open_view(qtbot, services)

    view.table.select(view.model.row_of(orgs["rio"]))

    nodes = view.canvas.nodes
    assert view.canvas.chosen() == orgs["rio"] and nodes[orgs["rio"]].marked
    assert nodes[orgs["luz"]].opacity() == 1.0  # linked with Río
    assert nodes[orgs["zarza"]].opacity() < 0.5
    assert nodes[orgs["rio"]].label.isVisible()
    assert view.open_button.isEnabled()


def node_point(canvas: NetworkCanvas, organisation_id: str) -> QPoint:
    return canvas.mapFromScene(canvas.nodes[organisation_id].pos())


def test_pointing_at_an_organisation_shows_its_links_and_name(qtbot, services, orgs):
    view = open_view(qtbot, services)
    canvas = view.canvas
    zarza = canvas.nodes[orgs["zarza"]]

    qtbot.mouseMove(canvas.viewport(), node_point(canvas, orgs["zarza"]))
    qtbot.waitUntil(lambda: canvas.nodes[orgs["rio"]].opacity() < 0.5)

    assert canvas.nodes[orgs["norte"]].opacity() == 1.0  # they share the project
    assert zarza.label.isVisible()
    assert link_between(view, orgs["luz"], orgs["rio"]).opacity() < 0.5
    assert link_between(view, orgs["zarza"], orgs["norte"]).opacity() == 1.0

    qtbot.mouseMove(canvas.viewport(), QPoint(2, 2))  # nothing there
    qtbot.waitUntil(lambda: canvas.nodes[orgs["rio"]].opacity() == 1.0)


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The organisations whose form was opened (and closed with Cancel)."""
    seen: list[str] = []

    def fake_exec(dialog: OrganisationDialog) -> int:
        seen.append(dialog.organisation.id)
        return 0

    monkeypatch.setattr(OrganisationDialog, "exec", fake_exec)
    return seen


def test_a_click_on_an_organisation_opens_it_and_a_drag_moves_the_map(
    qtbot, services, orgs, opened
):
    view = open_view(qtbot, services)
    canvas = view.canvas

    qtbot.mouseClick(
        canvas.viewport(), Qt.MouseButton.LeftButton, pos=node_point(canvas, orgs["norte"])
    )
    assert opened == [orgs["norte"]]
    assert view.selected_id() == orgs["norte"]

    canvas.zoom_in()
    canvas.zoom_in()
    start = node_point(canvas, orgs["luz"])
    before = canvas.mapToScene(canvas.viewport().rect().center())
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas.viewport(), start + QPoint(40, 30))
    qtbot.mouseMove(canvas.viewport(), start + QPoint(80, 60))
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(80, 60))
    assert opened == [orgs["norte"]]  # a drag opens nothing
    assert canvas.mapToScene(canvas.viewport().rect().center()) != before


def test_enter_in_the_list_opens_the_organisation_and_its_new_name_is_drawn(
    qtbot, services, orgs, monkeypatch
):
    def rename(dialog: OrganisationDialog) -> int:
        saved = services.organisations.save(
            replace(dialog.organisation, name="Fundación Luz Nueva")
        )
        dialog.saved_id = saved.id
        return 1

    monkeypatch.setattr(OrganisationDialog, "exec", rename)
    view = open_view(qtbot, services)
    view.table.select(view.model.row_of(orgs["luz"]))
    view.table.setFocus()

    with qtbot.waitSignal(view.changed):
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    drawn(qtbot, view)

    assert "Fundación Luz Nueva" in names(view)
    assert view.selected_id() == orgs["luz"]  # still chosen after drawing again
    assert view.canvas.chosen() == orgs["luz"]


def test_zoom_with_keys_wheel_and_buttons_within_limits(qtbot, services, orgs):
    view = open_view(qtbot, services)
    canvas = view.canvas
    assert canvas.zoom() == pytest.approx(1.0)

    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.zoom() > 1.2
    view.zoom_out_button.click()
    view.zoom_out_button.click()
    assert canvas.zoom() < 1.0
    view.fit_button.click()
    assert canvas.zoom() == pytest.approx(1.0)
    for _ in range(40):
        view.zoom_in_button.click()
    assert canvas.zoom() == pytest.approx(MAX_ZOOM)
    qtbot.keyClick(canvas, Qt.Key.Key_0)
    for _ in range(40):
        qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.zoom() == pytest.approx(MIN_ZOOM)


def a_crowd(count: int, met: dict[tuple[int, int], int] | None = None) -> NetworkMap:
    """``count`` organisations on a circle whose people all met once (or as ``met`` says)."""
    nodes = tuple(
        Node(
            f"org-{i:02}",
            f"Asociación número {i:02}",
            "association",
            people=count - i,
            x=0.5 + 0.5 * math.cos(2 * math.pi * i / count),
            y=0.5 + 0.5 * math.sin(2 * math.pi * i / count),
        )
        for i in range(count)
    )
    edges = []
    for i in range(count):
        for j in range(i + 1, count):
            times = (met or {}).get((i, j), 1)
            edges.append(Edge(f"org-{i:02}", f"org-{j:02}", times, 0, 0, times))
    return NetworkMap(nodes, tuple(edges), organisations=count, links=len(edges))


def test_a_crowded_map_first_draws_the_links_of_those_who_met_most(qtbot, services, monkeypatch):
    crowd = a_crowd(12, {(0, 1): 3, (0, 2): 2, (1, 2): 2, (3, 4): 2})
    monkeypatch.setattr(services.network, "build", lambda *args, **kwargs: crowd)
    view = open_view(qtbot, services)

    assert view.filters.meetings.value() == 2
    assert view.canvas.shown_links() == 4
    assert "62 links of organisations that met at fewer than 2 activities" in view.status.text()
    assert view.filters.meetings.text() == "at least 2 activities"

    view.filters.meetings.setValue(1)  # chosen by the person: kept on the next drawing
    assert view.canvas.shown_links() == 66
    view.refresh()
    drawn(qtbot, view)
    assert view.filters.meetings.value() == 1 and view.canvas.shown_links() == 66


def visible_labels(canvas: NetworkCanvas) -> list[LabelItem]:
    return [n.label for n in canvas.nodes.values() if n.label.isVisible()]


def test_names_never_cover_each_other_and_more_show_when_zooming_in(qtbot, services, monkeypatch):
    crowd = a_crowd(40)
    monkeypatch.setattr(services.network, "build", lambda *args, **kwargs: crowd)
    view = open_view(qtbot, services)
    canvas = view.canvas

    at_fit = visible_labels(canvas)
    boxes = [label_box(canvas, label) for label in at_fit]
    assert 0 < len(at_fit) <= 14
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert canvas.nodes["org-00"].label in at_fit  # the most people: named first

    canvas.zoom_by(3.0, canvas.nodes["org-00"].pos())
    assert len(visible_labels(canvas)) > len(at_fit)


def test_a_problem_reading_the_map_is_said_in_words(qtbot, services, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))

    def broken(*args, **kwargs):
        raise DatabaseError("The database could not be read.")

    monkeypatch.setattr(services.network, "build", broken)
    view = NetworkView(services)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.busy(), timeout=20000)

    assert warnings == ["The database could not be read."]
    assert view.status.text() == ""


def test_the_legend_names_every_kind_of_organisation_and_link(qtbot, services):
    view = NetworkView(services)
    qtbot.addWidget(view)
    drawn(qtbot, view)

    words = {label.text() for label in view.legend.kind_labels.values()}
    words |= {label.text() for label in view.legend.link_labels.values()}
    assert {"Foundation", "Public body", "Informal group"} <= words
    assert {"Share a collaborative project", "Mentoring pair", "Met at activities"} <= words


def area_of(path: QPainterPath) -> float:
    polygon = path.toFillPolygon()
    points = [polygon.at(i) for i in range(polygon.size())]
    return (
        abs(
            sum(
                p.x() * q.y() - q.x() * p.y()
                for p, q in zip(points, points[1:] + points[:1], strict=True)
            )
        )
        / 2
    )


def test_every_kind_has_its_own_shape_and_the_same_size_covers_the_same_area():
    sides = [look[1] for look in KIND_LOOKS.values()]
    assert len(set(sides)) == len(sides)  # the shape tells the kind, not only the colour
    for count in sides:
        if abs(count) >= 3:  # the polygons are sized to the circle's area
            path = shape_path(count, 10.0, QPointF(0, 0))
            assert area_of(path) == pytest.approx(math.pi * 100, rel=1e-6)
