"""Importing catalogue bundles: a dry run first, then one transaction; the round trip,
importing twice, revisions in any order, conflicts and their three choices, anomalies, and
withdrawn and hidden practices (more in test_bundle_import_checks.py)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select

from app.models import Bundle, Practice, PracticeProvenance, PracticeVersion
from app.services.attachments import read_bytes, store_file
from app.services.catalogue_values import EXCHANGED_FIELDS
from tests.services.bundles.import_helpers import (
    bring,
    count,
    edit,
    export,
    named_here,
    origin_catalogue,
    publish,
)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


@pytest.fixture
def origin(tmp_path):
    yield from origin_catalogue(tmp_path)


@pytest.fixture
def here(services):
    return named_here(services)


def test_round_trip_into_an_empty_catalogue(origin, here, tmp_path):
    (tmp_path / "guia.pdf").write_bytes(PDF)
    (tmp_path / "foto.png").write_bytes(PNG)
    files = (store_file(origin.db, tmp_path / "guia.pdf", "Guía"),)
    files += (store_file(origin.db, tmp_path / "foto.png", "Foto"),)
    first = publish(
        origin,
        themes=("participation", "gender"),
        year=2023,
        links=("https://example.org/huertos",),
        summary="Vecinos que cultivan juntos.\nSegunda línea.",
        description="Un solar cedido por el ayuntamiento.",
        licence="CC BY 4.0",
        reviewed_on=date(2024, 5, 2),
        attachments=files,
    )
    second = publish(origin, "Banco del tiempo", area="Voluntariado")
    path = export(origin, tmp_path, "raices.tejido")

    plan, result = bring(here, path)

    assert [item.outcome for item in plan.items] == ["new", "new"]
    assert {r["title"] for r in plan.report()["new"]} == {
        "Huertos comunitarios",
        "Banco del tiempo",
    }
    assert (result.added, result.attachments, result.changed) == (2, 2, True)
    for sent in (first, second):
        got = here.catalogue.get(sent.id)
        assert [getattr(got, f) for f in EXCHANGED_FIELDS] == [
            getattr(sent, f) for f in EXCHANGED_FIELDS
        ]
        assert [dataclasses.replace(a, id=None) for a in got.attachments] == [
            dataclasses.replace(a, id=None) for a in sent.attachments
        ]
        assert (got.origin_name, got.revision, got.own) == ("Asociación Raíces", 1, False)
    got = here.catalogue.get(first.id)
    assert [(a.title, a.original_name) for a in got.attachments] == [
        ("Guía", "guia.pdf"),
        ("Foto", "foto.png"),
    ]
    assert [read_bytes(here.db, a.sha256) for a in got.attachments] == [PDF, PNG]
    assert [row.id for row in here.catalogue.search("cultivan")] == [first.id]
    with here.db.session() as s:
        bundle = s.scalars(select(Bundle).where(Bundle.direction == "import")).one()
        assert (bundle.file_name, bundle.by, bundle.publisher_name) == (
            "raices.tejido",
            "Marta",
            "Asociación Raíces",
        )
        assert bundle.bundle_id == plan.sha256 and len(bundle.bundle_id) == 64
        outcomes = s.execute(select(PracticeProvenance.outcome, PracticeProvenance.revision))
        assert sorted(outcomes.all()) == [("new", 1), ("new", 1)]
    assert result.backup is not None and "before-bundle-import" in result.backup.name


def test_importing_the_same_bundle_twice_changes_nothing(origin, here, tmp_path):
    publish(origin)
    path = export(origin, tmp_path, "raices.tejido")
    bring(here, path)
    backups = sorted(here.folder.backups.iterdir())
    before = here.catalogue.search()

    plan, result = bring(here, path)

    assert [item.outcome for item in plan.items] == ["unchanged"]
    assert plan.imported_before is not None and plan.issuer == "known"
    assert not plan.writes() and not result.changed and result.skipped == 1
    assert here.catalogue.search() == before
    assert sorted(here.folder.backups.iterdir()) == backups  # no backup, nothing to protect
    assert count(here, Bundle) == 1


@pytest.mark.parametrize("order", [(1, 2, 3), (3, 2, 1), (2, 3, 1), (3, 1, 2)])
def test_revisions_in_any_order_end_at_the_newest(origin, here, tmp_path, order):
    practice = publish(origin, summary="Primera versión")
    bundles = {1: export(origin, tmp_path, "v1.tejido")}
    edit(origin, practice.id, summary="Segunda versión")
    bundles[2] = export(origin, tmp_path, "v2.tejido")
    edit(origin, practice.id, summary="Tercera versión")
    bundles[3] = export(origin, tmp_path, "v3.tejido")

    outcomes = [bring(here, bundles[n])[0].items[0].outcome for n in order]

    got = here.catalogue.get(practice.id)
    assert (got.revision, got.summary) == (3, "Tercera versión")
    newest_so_far = [max(order[: i + 1]) == n for i, n in enumerate(order)]
    expected = ["new"] + ["updated" if newest else "older" for newest in newest_so_far[1:]]
    assert outcomes == expected
    with here.db.session() as s:
        reasons = list(s.scalars(select(PracticeVersion.reason)))
    assert reasons == ["replaced"] * outcomes.count("updated")


def _conflict(origin, here, tmp_path):
    """Imported at revision 1, edited here, then revision 2 comes: a conflict."""
    practice = publish(origin, summary="Texto original")
    bring(here, export(origin, tmp_path, "v1.tejido"))
    edit(here, practice.id, summary="Adaptado a nuestro barrio")
    edit(origin, practice.id, summary="Texto revisado por su origen")
    path = export(origin, tmp_path, "v2.tejido")
    plan = here.bundles.inspect(path)
    item = plan.items[0]
    assert (item.outcome, item.choices, item.default) == (
        "conflict",
        ("mine", "theirs", "both"),
        "mine",
    )
    assert plan.report()["conflicts"][0]["id"] == practice.id
    assert here.catalogue.get(practice.id).edited_locally
    return practice, path, plan


def test_a_conflict_keeps_mine_by_default_and_does_not_ask_again(origin, here, tmp_path):
    practice, path, plan = _conflict(origin, here, tmp_path)

    result = here.bundles.apply(plan)

    got = here.catalogue.get(practice.id)
    assert (got.summary, got.edited_locally, result.kept_mine) == (
        "Adaptado a nuestro barrio",
        True,
        1,
    )
    with here.db.session() as s:
        theirs = s.scalars(select(PracticeVersion)).one()
        assert theirs.reason == "kept_mine"
        assert theirs.snapshot["fields"]["summary"] == "Texto revisado por su origen"
    assert here.bundles.inspect(path).items[0].outcome == "unchanged"


def test_a_conflict_can_take_theirs(origin, here, tmp_path):
    practice, _path, plan = _conflict(origin, here, tmp_path)

    result = here.bundles.apply(plan, {practice.id: "theirs"})

    got = here.catalogue.get(practice.id)
    assert (got.summary, got.revision, got.edited_locally) == (
        "Texto revisado por su origen",
        2,
        False,
    )
    assert result.updated == 1 and count(here, Practice) == 1
    with here.db.session() as s:
        mine = s.scalars(select(PracticeVersion)).one()
        assert (mine.reason, mine.revision) == ("replaced", 1)
        assert mine.snapshot["fields"]["summary"] == "Adaptado a nuestro barrio"
        assert mine.snapshot["edited_locally"] is True
        assert (
            s.scalar(select(PracticeProvenance.outcome).where(PracticeProvenance.revision == 2))
            == "theirs"
        )


def test_a_conflict_can_keep_both_as_a_local_fork(origin, here, tmp_path):
    practice, _path, plan = _conflict(origin, here, tmp_path)

    result = here.bundles.apply(plan, {practice.id: "both"})

    theirs = here.catalogue.get(practice.id)
    assert (theirs.summary, theirs.revision, theirs.own) == (
        "Texto revisado por su origen",
        2,
        False,
    )
    rows = here.catalogue.search("huertos")
    assert len(rows) == 2 and result.forked == 1
    fork = here.catalogue.get(next(r.id for r in rows if r.id != practice.id))
    assert (fork.summary, fork.derived_from, fork.own) == (
        "Adaptado a nuestro barrio",
        practice.id,
        True,
    )
    assert (fork.origin_name, fork.revision, fork.area) == (
        "Fundación Puente",
        1,
        "Inclusión social",
    )


def test_same_revision_with_other_content_is_an_anomaly_to_ask_about(origin, here, tmp_path):
    practice = publish(origin, summary="Uno", status="reviewed")
    bring(here, export(origin, tmp_path, "a.tejido", published_only=False))
    edit(origin, practice.id, summary="Otro")  # not published: its revision stays 1
    path = export(origin, tmp_path, "b.tejido", published_only=False)

    plan = here.bundles.inspect(path)
    assert (plan.items[0].outcome, plan.items[0].choices) == ("anomaly", ("mine", "theirs"))
    assert plan.report()["conflicts"][0]["outcome"] == "anomaly"
    here.bundles.apply(plan, {practice.id: "theirs"})

    assert here.catalogue.get(practice.id).summary == "Otro"


def test_withdrawn_by_its_origin_is_marked_never_deleted(origin, here, tmp_path):
    practice = publish(origin)
    other = publish(origin, "Banco del tiempo")
    bring(here, export(origin, tmp_path, "v1.tejido"))
    origin.catalogue.delete([practice.id])
    path = export(origin, tmp_path, "withdrawn.tejido")

    plan, result = bring(here, path)

    assert {i.id: i.outcome for i in plan.items} == {
        practice.id: "withdrawn",
        other.id: "unchanged",
    }
    got = here.catalogue.get(practice.id)
    assert (got.withdrawn, got.deleted_at, result.withdrawn) == (True, None, 1)
    assert bring(here, path)[0].items[0].outcome in ("unchanged",)


def test_a_withdrawn_practice_never_seen_here_is_not_added(origin, here, tmp_path):
    practice = publish(origin)
    publish(origin, "Banco del tiempo")
    origin.catalogue.delete([practice.id])

    plan, result = bring(here, export(origin, tmp_path, "withdrawn.tejido"))

    assert plan.item(practice.id).outcome == "withdrawn"
    assert result.added == 1 and [r.title for r in here.catalogue.search()] == ["Banco del tiempo"]


@pytest.mark.parametrize(("choice", "hidden"), [(None, True), ("show", False)])
def test_a_hidden_practice_asks_to_be_shown_when_a_newer_revision_comes(
    origin, here, tmp_path, choice, hidden
):
    practice = publish(origin, summary="Uno")
    path = export(origin, tmp_path, "v1.tejido")
    bring(here, path)
    here.catalogue.set_hidden([practice.id], True)
    assert bring(here, path)[0].items[0].outcome == "unchanged"  # same revision: nothing to ask
    edit(origin, practice.id, summary="Dos")
    plan = here.bundles.inspect(export(origin, tmp_path, "v2.tejido"))
    assert (plan.items[0].outcome, plan.items[0].default) == ("hidden", "keep_hidden")

    here.bundles.apply(plan, {practice.id: choice} if choice else {})

    got = here.catalogue.get(practice.id)
    assert (got.summary, got.revision, got.hidden) == ("Dos", 2, hidden)
