"""Sign-in sheets and handouts built from the database: who is on them, in which language."""

from __future__ import annotations

import io
from datetime import date, time
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from app.errors import NotFoundError, ValidationError
from app.services import activity_documents
from app.services.activities import ActivityData, SessionData
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.services.profile import ProfileData
from app.services.registry import Services

NAMES = ("Łukasz Wiśniewski", "Анна Иванова", "Νίκος Παπαδόπουλος", "José María Núñez")


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def capsule(services: Services) -> dict[str, str]:
    """A capsule in English with two sessions and people in every role and status."""
    activity = services.activities.save(
        ActivityData(
            title="Fundraising",
            kind="capsule",
            language="en",
            venue="Centro Cívico",
            description="Two sessions on funding.",
            key_content="Funding is a relationship.",
            sessions=(
                SessionData(date(2025, 3, 3), time(10), time(12), place="Sala 2", content="Map"),
                SessionData(date(2025, 3, 10), content="Workshop"),
            ),
        )
    )
    caritas = services.organisations.save(OrganisationData(name="Cáritas"))
    ids = {
        "activity": activity.id or "",
        **{s.date.isoformat(): s.id or "" for s in activity.sessions},
    }
    people = {
        name: services.people.save(PersonData(full_name=name)).id or ""
        for name in (*NAMES, "Zoe Cancelled", "Yago Waiting", "Irene Invited", "Ana Experta")
    }
    register = services.registrations.register
    for name in NAMES:
        register(ids["activity"], people[name], organisation_id=caritas.id)
    register(ids["activity"], people["Zoe Cancelled"], status="cancelled")
    register(ids["activity"], people["Yago Waiting"], status="waiting_list")
    register(ids["activity"], people["Irene Invited"], status="invited")
    register(ids["activity"], people["Ana Experta"], role="expert", organisation_id=caritas.id)
    register(ids["activity"], people["Łukasz Wiśniewski"], role="facilitator")
    return ids


def test_letterhead_comes_from_the_profile(services: Services) -> None:
    with services.db.session() as s:
        assert activity_documents.letterhead(s).name == ""
    services.profile.save(
        ProfileData(
            name="Red de Entidades",
            address="Calle Mayor 1",
            postal_code="47001",
            municipality="Valladolid",
            website="https://red.example.org",
            email="hola@red.example.org",
            signatory_name="Marta Gil",
            signatory_role="Presidenta",
            document_colour="#7A3E9D",
            logo=png(),
        )
    )
    with services.db.session() as s:
        head = activity_documents.letterhead(s)
    assert head.name == "Red de Entidades"
    assert head.address == "Calle Mayor 1, 47001 Valladolid"
    assert (head.colour, head.signatory_name, head.signatory_role) == (
        "#7A3E9D",
        "Marta Gil",
        "Presidenta",
    )
    assert head.logo == png() and head.signature_image is None
    assert (head.website, head.email) == ("https://red.example.org", "hola@red.example.org")


def test_sign_in_sheet_lists_who_holds_a_place_in_name_order(
    services: Services, capsule: dict[str, str]
) -> None:
    with services.db.session() as s:
        content = activity_documents.sign_in_content(s, capsule["activity"], capsule["2025-03-03"])
    names = [p.name for p in content.people]
    assert "Zoe Cancelled" not in names and "Yago Waiting" not in names
    assert {"Irene Invited", "Ana Experta", *NAMES} == set(names)
    assert names[:3] == ["Ana Experta", "Irene Invited", "José María Núñez"]
    by_name = {p.name: p.organisation for p in content.people}
    assert by_name["Анна Иванова"] == "Cáritas" and by_name["Irene Invited"] == ""
    assert (content.place, content.start_time, content.language) == ("Sala 2", time(10), "en")
    with services.db.session() as s:
        other = activity_documents.sign_in_content(s, capsule["activity"], capsule["2025-03-10"])
    assert other.place == "Centro Cívico"  # no place of its own: the activity's venue


def test_sign_in_sheet_pdf_has_the_names(
    services: Services, capsule: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "sheet.pdf"
    pages = activity_documents.sign_in_sheet(
        services.db, capsule["activity"], capsule["2025-03-03"], path, language="es", blank_rows=5
    )
    assert pages == 1
    text = PdfReader(path).pages[0].extract_text()
    for name in NAMES:
        assert name in text
    assert "Zoe Cancelled" not in text
    assert "3 de marzo de 2025" in text


def test_wrong_session_language_or_blank_rows_are_refused(
    services: Services, capsule: dict[str, str], tmp_path: Path
) -> None:
    other = services.activities.save(
        ActivityData(title="Other", sessions=(SessionData(date(2025, 4, 1)),))
    )
    foreign = other.sessions[0].id or ""
    path = tmp_path / "sheet.pdf"
    with pytest.raises(NotFoundError):
        activity_documents.sign_in_sheet(services.db, capsule["activity"], foreign, path)
    with pytest.raises(ValidationError):
        activity_documents.sign_in_sheet(
            services.db, capsule["activity"], capsule["2025-03-03"], path, language="fr"
        )
    with pytest.raises(ValidationError):
        activity_documents.sign_in_sheet(
            services.db, capsule["activity"], capsule["2025-03-03"], path, blank_rows=-1
        )
    assert not path.exists()
    services.activities.delete([capsule["activity"]])
    with pytest.raises(NotFoundError, match="trash"):
        activity_documents.handout(services.db, capsule["activity"], path)


def test_handout_contacts_are_the_facilitators_and_experts(
    services: Services, capsule: dict[str, str]
) -> None:
    with services.db.session() as s:
        content = activity_documents.handout_content(s, capsule["activity"], language="es")
    assert content.contacts == (("Ana Experta", "Cáritas"), ("Łukasz Wiśniewski", "Cáritas"))
    assert content.sessions == ((date(2025, 3, 3), "Map"), (date(2025, 3, 10), "Workshop"))
    assert (content.first_date, content.last_date) == (date(2025, 3, 3), date(2025, 3, 10))
    assert (content.summary, content.key_content) == (
        "Two sessions on funding.",
        "Funding is a relationship.",
    )
    assert content.language == "es" and content.practices == ()


def test_handout_pdf_in_the_activitys_language(
    services: Services, capsule: dict[str, str], tmp_path: Path
) -> None:
    services.activities.save(
        ActivityData(title="Vivienda", language="es", sessions=(SessionData(date(2025, 5, 6)),))
    )
    english, spanish = tmp_path / "en.pdf", tmp_path / "es.pdf"
    assert activity_documents.handout(services.db, capsule["activity"], english) == 1
    spanish_id = services.activities.find("Vivienda").id
    activity_documents.handout(services.db, spanish_id, spanish)
    text = PdfReader(english).pages[0].extract_text()
    assert "Key content and reflections" in text and "Ana Experta" in text
    assert "6 de mayo de 2025" in PdfReader(spanish).pages[0].extract_text()
