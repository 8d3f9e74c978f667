"""The example catalogue: practices over every area, ours and from other networks (with their
bundles and provenance), every local state shown, real attachments, adoptions, handouts; and each
practice as the catalogue service itself would have saved it."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.i18n import set_language
from app.models import ActivityPractice, Bundle, Practice, PracticeProvenance
from app.services.attachment_types import sniff_media_type
from app.services.attachments import read_bytes
from app.services.catalogue import own_identity
from app.services.catalogue_values import CatalogueFilters, validate_practice
from app.services.context import DataFolder
from app.services.demo import fill_demo
from app.services.demo.activities import REFERENCE_DATE
from app.services.demo.generate import DemoSummary
from app.services.demo.practice_seeds import OTHER_NETWORKS
from app.services.registry import Services, build_services
from app.services.vocabulary import AREAS_OF_ACTION

EVERYTHING = CatalogueFilters(include_hidden=True)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, DemoSummary]]:
    set_language("en")
    folder = tmp_path_factory.mktemp("demo-catalogue")
    services = build_services(DataFolder(folder))
    summary = fill_demo(services.db, "small")
    yield services, summary
    services.db.dispose()


@pytest.fixture
def demo(filled: tuple[Services, DemoSummary]) -> Services:
    return filled[0]


def practices(services: Services) -> list[Practice]:
    with services.db.session() as s:
        rows = list(s.scalars(select(Practice).order_by(Practice.title_key)))
        s.expunge_all()
        return rows


def test_the_small_catalogue_has_its_amounts(filled: tuple[Services, DemoSummary]) -> None:
    services, summary = filled
    assert (summary.practices, summary.practice_attachments, summary.adoptions) == (60, 15, 25)
    rows = practices(services)
    assert len(rows) == 60 and len({row.title for row in rows}) == 60
    assert 20 <= len(services.adoptions.list()) <= 25  # those of a trashed practice aside
    assert (
        services.catalogue.count("", EVERYTHING)
        + services.catalogue.count("", CatalogueFilters(trash=True))
        == 60
    )


def test_every_area_has_practices_and_a_few_have_none(demo: Services) -> None:
    counts = {a.name: a.count for a in demo.catalogue.area_counts("", EVERYTHING)}
    assert all(counts[name] >= 2 for name in AREAS_OF_ACTION)
    assert counts[""] >= 1  # drafts not filed under an area yet


def test_ours_and_other_networks_practices_with_every_local_state(demo: Services) -> None:
    rows = practices(demo)
    with demo.db.session() as s:
        own_id = own_identity(s)[0]
    origins = Counter(row.origin_name for row in rows)
    assert origins["Red Tejido Asociativo"] == 40
    assert {name for name, _towns in OTHER_NETWORKS} <= set(origins)
    theirs = [row for row in rows if row.origin_name != "Red Tejido Asociativo"]
    assert len({row.origin_id for row in theirs}) == 3 and own_id not in {
        r.origin_id for r in theirs
    }
    assert all(row.status == "published" and row.organisation_id is None for row in theirs)
    assert {row.revision for row in theirs} > {1}
    assert any(row.hidden for row in theirs) and any(row.withdrawn for row in theirs)
    assert any(row.edited_locally for row in theirs)
    ours = [row for row in rows if row.origin_name == "Red Tejido Asociativo"]
    assert Counter(row.status for row in ours).keys() == {"draft", "reviewed", "published"}
    assert all(row.organisation_id for row in ours)  # collected from the directory
    assert sum(1 for row in ours if row.deleted_at) == 1
    assert not any(row.hidden or row.withdrawn or row.edited_locally for row in ours)


def test_each_imported_practice_came_in_its_networks_bundle(demo: Services) -> None:
    with demo.db.session() as s:
        bundles = list(s.scalars(select(Bundle)))
        provenance = {p.practice_id: p for p in s.scalars(select(PracticeProvenance))}
    theirs = [row for row in practices(demo) if row.origin_name != "Red Tejido Asociativo"]
    assert len(bundles) == 3 and all(b.direction == "import" for b in bundles)
    by_publisher = {b.publisher_id: b for b in bundles}
    for row in theirs:
        bundle = by_publisher[row.origin_id]
        assert row.id in bundle.practice_ids and bundle.publisher_name == row.origin_name
        assert provenance[row.id].bundle_record_id == bundle.id
        assert provenance[row.id].revision == row.revision
    assert set(provenance) == {row.id for row in theirs}


def test_opening_and_saving_any_practice_changes_nothing(demo: Services) -> None:
    for row in practices(demo):
        data = demo.catalogue.get(row.id)
        validate_practice(data, REFERENCE_DATE.year)
        again = demo.catalogue.save(data, today=REFERENCE_DATE)
        assert (again.revision, again.edited_locally) == (row.revision, row.edited_locally), (
            row.title
        )


def test_attachments_are_real_files_of_their_kind(demo: Services) -> None:
    attached = [a for row in practices(demo) for a in demo.catalogue.get(row.id).attachments]
    assert len(attached) == 15
    kinds = Counter(a.media_type for a in attached)
    assert kinds == {"application/pdf": 12, "image/png": 3}
    for attachment in attached:
        data = read_bytes(demo.db, attachment.sha256)
        assert (
            sniff_media_type(data, Path(attachment.original_name).suffix) == attachment.media_type
        )
        assert len(data) == attachment.size
    sheet = next(a for a in attached if a.media_type == "application/pdf")
    text = PdfReader(io.BytesIO(read_bytes(demo.db, sheet.sha256))).pages[0].extract_text()
    assert "Ficha resumen" in text


def test_adoptions_are_by_other_organisations_after_the_practice_began(demo: Services) -> None:
    rows = demo.adoptions.list()
    assert len(rows) >= 20
    by_id = {row.id: row for row in practices(demo)}
    for adoption in rows:
        practice = by_id[adoption.practice_id]
        assert adoption.organisation_id != practice.organisation_id
        assert practice.status == "published" and not practice.withdrawn
        if adoption.adopted_on:
            assert date(practice.year, 1, 1) < adoption.adopted_on <= REFERENCE_DATE
    assert any(row.adopted_on is None for row in rows)


def test_some_practices_are_handed_out_at_activities(demo: Services) -> None:
    with demo.db.session() as s:
        links = list(s.scalars(select(ActivityPractice)))
    assert 10 <= len(links) <= 20
    assert len({link.activity_id for link in links}) == 10


def test_the_catalogue_is_searchable_in_spanish(demo: Services) -> None:
    found = demo.catalogue.search("vivienda")
    assert found and any("[" in row.snippet for row in found)
    assert demo.catalogue.count("huertos urbanos") >= 1
    assert demo.catalogue.count("soledad no deseada") >= 1


def test_filled_in_spanish_the_areas_are_spanish(tmp_path: Path) -> None:
    set_language("es")
    services = build_services(DataFolder(tmp_path))
    try:
        fill_demo(services.db, "small")
        names = [a.name for a in services.catalogue.area_counts() if a.count]
        assert "Vivienda" in names and "Housing" not in names
    finally:
        services.db.dispose()
        set_language("en")  # module fixtures of later files are made before the autouse reset
