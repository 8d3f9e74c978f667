"""The organisation profile: defaults, round trip with images, and what is refused."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import OrganisationProfile
from app.services.demo.images import demo_logo_png, demo_signature_png
from app.services.profile import MAX_IMAGE_BYTES, ProfileData
from app.services.registry import Services

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def complete_profile(**values: object) -> ProfileData:
    base = ProfileData(
        name="  Red Tejido   Asociativo ",
        tax_id="g-4612345-1",
        municipality="Valencia",
        email=" Hola@Tejido.Example.ORG ",
        logo=demo_logo_png(),
        signatory_name="Carmen Ibáñez Soler",
        signatory_role="Coordinadora",
        signature_image=demo_signature_png(),
        areas_of_action=("Health", " ", " Culture "),
        default_language="en",
        document_colour="#1a2B3c",
    )
    return replace(base, **values)  # type: ignore[arg-type]


def profile_rows(services: Services) -> int:
    with services.db.session() as s:
        return s.scalar(select(func.count()).select_from(OrganisationProfile)) or 0


def test_an_empty_database_shows_the_default_profile(services: Services) -> None:
    profile = services.profile.get()
    assert profile == ProfileData()
    assert profile.country == "España" and profile.default_language == "es"
    assert profile.logo is None
    assert not profile.is_complete
    assert profile_rows(services) == 0  # reading creates nothing


def test_save_and_read_round_trip_with_images(services: Services) -> None:
    saved = services.profile.save(complete_profile())
    read = services.profile.get()
    assert read == saved
    assert read.name == "Red Tejido Asociativo"
    assert read.tax_id == "G46123451"
    assert read.email == "hola@tejido.example.org"
    assert read.logo == demo_logo_png()
    assert read.signature_image == demo_signature_png()
    assert read.areas_of_action == ("Health", "Culture")
    assert read.document_colour == "#1a2B3c"
    assert read.is_complete


def test_saving_again_updates_the_one_profile(services: Services) -> None:
    services.profile.save(complete_profile())
    services.profile.save(complete_profile(name="Red Tejido", logo=None))
    assert profile_rows(services) == 1
    read = services.profile.get()
    assert read.name == "Red Tejido"
    assert read.logo is None  # the logo can be removed


@pytest.mark.parametrize(
    ("logo", "message_part"),
    [
        (b"%PDF-1.7 not an image", "PNG, JPEG or GIF"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "PNG, JPEG or GIF"),
        (PNG_SIGNATURE + b"\0" * MAX_IMAGE_BYTES, "2 MB"),
    ],
)
def test_a_logo_that_is_not_a_small_image_is_refused(
    services: Services, logo: bytes, message_part: str
) -> None:
    services.profile.save(complete_profile())
    with pytest.raises(ValidationError) as caught:
        services.profile.save(complete_profile(name="Changed", logo=logo))
    assert caught.value.field == "logo"
    assert message_part in str(caught.value)
    assert services.profile.get().name == "Red Tejido Asociativo"  # nothing changed
    assert services.profile.get().logo == demo_logo_png()


def test_images_of_exactly_2_mb_and_jpeg_or_gif_are_accepted(services: Services) -> None:
    for image in (
        PNG_SIGNATURE + b"\0" * (MAX_IMAGE_BYTES - len(PNG_SIGNATURE)),
        b"\xff\xd8\xff\xe0 jpeg",
        b"GIF89a gif",
    ):
        assert services.profile.save(complete_profile(signature_image=image)).signature_image
    with pytest.raises(ValidationError) as caught:
        services.profile.save(complete_profile(signature_image=b"BM bitmap"))
    assert caught.value.field == "signature_image"


@pytest.mark.parametrize(
    "colour", ["#2E6B5", "2E6B5E0", "#GGGGGG", "#2E6B5Z", "red", "", "#2E6B5E00"]
)
def test_a_bad_colour_is_refused(services: Services, colour: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.profile.save(complete_profile(document_colour=colour))
    assert caught.value.field == "document_colour"
    assert profile_rows(services) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "   "}, "name"),
        ({"tax_id": "G46123450"}, "tax_id"),  # wrong control digit, Spanish by default
        ({"email": "hola@tejido"}, "email"),
        ({"default_language": "fr"}, "default_language"),
    ],
)
def test_invalid_profile_names_the_field(
    services: Services, change: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.profile.save(complete_profile(**change))
    assert caught.value.field == field
    assert services.profile.get() == ProfileData()


def test_a_foreign_tax_id_is_kept(services: Services) -> None:
    saved = services.profile.save(complete_profile(country="France", tax_id="FR40303265045"))
    assert services.profile.get().tax_id == saved.tax_id == "FR40303265045"
