"""The catalogue's practices: saving every field, validation, revisions of our own practices,
practices from other organisations edited here, the trash, hiding, and the lists for filters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.errors import NotFoundError, ValidationError
from app.services.catalogue_values import CatalogueFilters, PracticeData
from app.services.profile import ProfileData
from app.services.registry import Services
from tests.services.catalogue_helpers import OTHER_ORIGIN, TODAY, add, imported

FULL = PracticeData(
    title="  Huerto   comunitario  ",
    area="environment",
    themes=("participation", "social_innovation", "participation"),
    organisation_name=" Colectivo  Sembrando ",
    territory="Valencia",
    target_group="Familias del barrio",
    year=2022,
    summary="Un solar convertido en huerto.",
    context="No había zonas verdes.",
    objectives="• Cultivar juntas\n• Aprender",
    description="Cada sábado.",
    resources="Semillas donadas.",
    results="40 familias.",
    evidence="Hojas de asistencia.",
    lessons="Empezar pequeño.",
    sustainability="Cuotas.",
    transferability="Fácil de copiar.",
    gender_perspective="Horarios que concilian.",
    accessibility="Bancales elevados.",
    contact="huerto@example.org",
    links=(" https://example.org/huerto ", "", "https://example.org/video"),
    licence="CC BY 4.0",
    status="published",
    reviewer="Carmen Ibáñez",
    reviewed_on=date(2026, 2, 1),
)


def test_a_new_practice_keeps_every_field_cleaned(services: Services) -> None:
    services.profile.save(ProfileData(name="Red Tejido"))
    saved = services.catalogue.save(FULL, today=TODAY)
    assert saved == services.catalogue.get(saved.id)
    assert saved.title == "Huerto comunitario"
    assert saved.area == "Environment"  # the taxonomy's spelling
    assert saved.themes == ("participation", "social_innovation")
    assert saved.organisation_name == "Colectivo Sembrando"
    assert saved.links == ("https://example.org/huerto", "https://example.org/video")
    assert saved.objectives == "• Cultivar juntas\n• Aprender"  # line breaks kept
    for field in ("context", "results", "accessibility", "contact", "licence", "reviewer"):
        assert getattr(saved, field) == getattr(FULL, field)
    assert (saved.year, saved.status, saved.reviewed_on) == (2022, "published", date(2026, 2, 1))
    assert (saved.revision, saved.own, saved.edited_locally, saved.hidden) == (
        1,
        True,
        False,
        False,
    )
    assert saved.origin_name == "Red Tejido" and saved.origin_id


@pytest.mark.parametrize(
    "change, field",
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"status": "approved"}, "status"),
        ({"year": 1900}, "year"),
        ({"year": TODAY.year + 2}, "year"),
        ({"themes": ("astrology",)}, None),
        ({"summary": "x" * 20_001}, None),
    ],
)
def test_what_cannot_be_saved_is_refused_and_nothing_is_kept(
    services: Services, change: dict, field: str | None
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.catalogue.save(replace(FULL, **change), today=TODAY)
    assert caught.value.field == field
    assert str(caught.value)
    assert services.catalogue.count("", CatalogueFilters(include_hidden=True)) == 0


def test_next_year_is_accepted_for_a_practice_about_to_start(services: Services) -> None:
    saved = services.catalogue.save(replace(FULL, year=TODAY.year + 1), today=TODAY)
    assert saved.year == TODAY.year + 1


def test_our_published_practice_gets_a_new_revision_when_its_content_changes(
    services: Services,
) -> None:
    saved = services.catalogue.save(FULL, today=TODAY)
    assert saved.revision == 1
    again = services.catalogue.save(saved, today=TODAY)  # saved unchanged
    assert again.revision == 1
    changed = services.catalogue.save(replace(again, results="55 familias."), today=TODAY)
    assert changed.revision == 2
    assert services.catalogue.save(changed, today=TODAY).revision == 2
    renamed_area = services.catalogue.save(replace(changed, area="Housing"), today=TODAY)
    assert renamed_area.revision == 3  # the area travels with the practice


def test_a_draft_changes_without_new_revisions(services: Services) -> None:
    draft = services.catalogue.save(replace(FULL, status="draft"), today=TODAY)
    for text in ("Uno.", "Dos.", "Tres."):
        draft = services.catalogue.save(replace(draft, summary=text), today=TODAY)
    assert draft.revision == 1 and draft.summary == "Tres."


def test_local_state_does_not_count_as_content(services: Services) -> None:
    saved = services.catalogue.save(FULL, today=TODAY)
    services.catalogue.set_hidden([saved.id], True)
    services.catalogue.set_hidden([saved.id], False)
    assert services.catalogue.save(services.catalogue.get(saved.id), today=TODAY).revision == 1


def test_a_practice_from_another_organisation_edited_here_is_marked_and_keeps_its_origin(
    services: Services,
) -> None:
    practice_id = imported(services, "Mentoría entre entidades", area="Education", revision=4)
    before = services.catalogue.get(practice_id)
    assert (before.own, before.revision, before.edited_locally) == (False, 4, False)
    unchanged = services.catalogue.save(before, today=TODAY)
    assert unchanged.edited_locally is False  # opening and saving changes nothing
    edited = services.catalogue.save(replace(before, summary="Adaptada aquí."), today=TODAY)
    assert edited.edited_locally is True
    assert (edited.revision, edited.origin_id, edited.own) == (4, OTHER_ORIGIN, False)
    assert edited.origin_name == "Red Asociativa del Cantábrico"


def test_an_unknown_practice_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.catalogue.get("no-such-id")
    with pytest.raises(NotFoundError):
        services.catalogue.save(replace(FULL, id="no-such-id"), today=TODAY)


def test_trash_restore_and_hide_say_how_many_and_show_in_the_practice(services: Services) -> None:
    first, second = add(services, "Uno"), add(services, "Dos")
    assert services.catalogue.delete([first, second, "unknown"]) == 2
    assert services.catalogue.get(first).deleted_at is not None
    assert services.catalogue.count() == 0
    assert services.catalogue.restore([first]) == 1
    assert services.catalogue.get(first).deleted_at is None
    assert services.catalogue.set_hidden([first], True) == 1
    assert services.catalogue.get(first).hidden is True
    assert services.catalogue.count() == 0
    assert services.catalogue.count("", CatalogueFilters(trash=True)) == 1


def test_the_years_and_organisations_offered_as_filters(services: Services) -> None:
    add(services, "A", year=2019, organisation_name="Zeta")
    add(services, "B", year=2024, organisation_name="Ágora")
    add(services, "C", year=2019, organisation_name="beta")
    add(services, "D")
    assert services.catalogue.years() == [2024, 2019]
    assert services.catalogue.organisation_names() == ["Ágora", "beta", "Zeta"]


def test_searching_an_empty_catalogue_writes_nothing(services: Services) -> None:
    assert services.catalogue.search("huerto") == []
    assert services.catalogue.count() == 0
    assert services.profile.get() == ProfileData()  # no empty profile made by a mere look


def test_the_first_publication_keeps_revision_one_and_each_published_change_adds_one(services):
    draft = services.catalogue.save(PracticeData(title="Banco de tiempo"))
    assert draft.revision == 1
    published = services.catalogue.save(replace(draft, status="published"))
    assert published.revision == 1  # nobody received another version before
    edited = services.catalogue.save(replace(published, summary="Horas entre vecinas"))
    assert edited.revision == 2
    back = services.catalogue.save(replace(edited, status="draft", summary="En revisión"))
    assert back.revision == 2  # a draft is not sent out
    again = services.catalogue.save(replace(back, status="published"))
    assert again.revision == 3  # what goes out differs from revision 2
    same = services.catalogue.save(replace(again, status="draft"))
    assert services.catalogue.save(replace(same, status="published")).revision == 3
