"""Fill an empty data folder with a realistic programme: the profile, organisations, people.

Deterministic (fixed seed) so benchmarks and screenshots are comparable. Rows are inserted in
bulk, in one transaction. Later kinds of data (activities, mentoring, the catalogue) add their
own generator step to :data:`STEPS`.
"""

from __future__ import annotations

import logging
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError
from app.i18n import _
from app.models import (
    Consent,
    Membership,
    Organisation,
    OrganisationProfile,
    Person,
    natural_id,
    new_id,
    utcnow,
)
from app.services import text
from app.services.demo import names
from app.services.demo.images import demo_logo_png, demo_signature_png
from app.services.vocabulary import AREAS_OF_ACTION

log = logging.getLogger(__name__)

SCALES: dict[str, dict[str, int]] = {
    "small": {"organisations": 40, "people": 400},
    "large": {"organisations": 2000, "people": 50000},
}
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    organisations: int
    people: int


def has_data(s: Session) -> bool:
    for model in (OrganisationProfile, Organisation, Person):
        if s.scalar(select(func.count()).select_from(model)):
            return True
    return False


def fill_demo(db: Database, scale: str = "small", progress: Progress | None = None) -> DemoSummary:
    """Fill an empty database with example data; refuses a database that holds data already."""
    if scale not in SCALES:
        raise ValidationError(_("The scale must be small or large."))
    sizes = SCALES[scale]
    rng = random.Random(20261128)
    with db.session() as s:
        if has_data(s):
            raise ValidationError(
                _(
                    "This data folder already holds data, so no example data was added. Use an "
                    "empty folder, for example with --data-dir."
                )
            )
        _profile(s)
        organisations = _organisations(s, rng, sizes["organisations"])
        if progress:
            progress(1, 3)
        _people(s, rng, sizes["people"], organisations, progress)
    log.info("demo data (%s) created", scale)
    return DemoSummary(organisations=sizes["organisations"], people=sizes["people"])


def _profile(s: Session) -> None:
    s.add(
        OrganisationProfile(
            name="Red Tejido Asociativo",
            legal_form="Asociación",
            tax_id="G46123451",
            registration_number="CV-01-012345-V",
            address="Calle de la Paz, 12",
            postal_code="46003",
            municipality="Valencia",
            province="Valencia",
            country="España",
            phone="+34 963 00 00 00",
            email="hola@tejido.example.org",
            website="https://tejido.example.org",
            logo=demo_logo_png(),
            signatory_name="Carmen Ibáñez Soler",
            signatory_role="Coordinadora del programa",
            signature_image=demo_signature_png(),
            areas_of_action=list(AREAS_OF_ACTION[:5]),
            default_language="es",
        )
    )


def _ascii(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", word) if c.isascii() and c.isalnum()
    ).lower()


def _organisations(s: Session, rng: random.Random, count: int) -> list[str]:
    rows, seen = [], set()
    kinds = ["association"] * 6 + ["foundation", "federation", "cooperative", "informal_group"]
    now = utcnow()
    while len(rows) < count:
        place, province = rng.choice(names.PLACES)
        word = rng.choice(names.ORGANISATION_WORDS)
        name = rng.choice(names.ORGANISATION_PATTERNS).format(a=word, place=place)
        if name in seen:
            name = f"{name} {len(rows) + 1}"
        seen.add(name)
        rows.append(
            {
                "id": new_id(),
                "name": name,
                "name_key": text.fold(name),
                "kind": rng.choice(kinds),
                "municipality": place,
                "province": province,
                "country": "España",
                "email": f"info@{_ascii(word)}{len(rows)}.example.org",
                "phone": f"+34 9{rng.randint(10, 99)} {rng.randint(100000, 999999)}",
                "areas_of_action": rng.sample(AREAS_OF_ACTION, k=rng.randint(1, 3)),
                "year_founded": rng.randint(1975, 2024),
                "staff_count": rng.randint(0, 40),
                "volunteer_count": rng.randint(0, 200),
                "created_at": now,
                "updated_at": now,
            }
        )
    s.execute(insert(Organisation), rows)
    return [r["id"] for r in rows]


def _person(rng: random.Random, index: int) -> dict[str, object]:
    gender = rng.choices(["woman", "man", "non_binary", "not_stated"], [58, 36, 2, 4])[0]
    pool = {"woman": names.GIVEN_WOMEN, "man": names.GIVEN_MEN}.get(gender, names.GIVEN_NEUTRAL)
    given = rng.choice(pool)
    family = f"{rng.choice(names.FAMILY)} {rng.choice(names.FAMILY)}"
    full_name = f"{given} {family}"
    has_email = rng.random() < 0.8
    email = f"{_ascii(given) or 'p'}.{_ascii(family)[:10] or 'x'}{index}@example.org"
    phone = f"6{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
    return {
        "id": new_id(),
        "full_name": full_name,
        "given_name": given,
        "family_name": family,
        "name_key": text.fold(full_name),
        "gender": gender,
        "birth_year": rng.randint(1945, 2008) if rng.random() < 0.9 else None,
        "email": email if has_email else "",
        "phone": phone,
        "phone_key": text.normalise_phone(phone),
        "preferred_language": rng.choice(["es", "es", "es", "en"]),
    }


# Every 50th person is someone already there, typed again at another session (as happens).
RETYPED_EVERY = 50


def _retyped(rng: random.Random, original: dict[str, object]) -> dict[str, object]:
    """The same person entered twice: the name typed without accents or in capitals."""
    name = str(original["full_name"])
    typed = rng.choice([_ascii_words(name), name.upper(), "  ".join(name.split())])
    copy = dict(original, id=new_id(), full_name=typed, name_key=text.fold(typed))
    if rng.random() < 0.5:
        copy["email"] = ""
    return copy


def _ascii_words(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _people(
    s: Session,
    rng: random.Random,
    count: int,
    organisations: list[str],
    progress: Progress | None,
) -> None:
    roles = ["staff", "volunteer", "volunteer", "board_member", "member", "member"]
    batch = 5000
    start = datetime(2024, 1, 8, 9, 0)
    for first in range(0, count, batch):
        people, memberships, consents = [], [], []
        for index in range(first, min(count, first + batch)):
            if index % RETYPED_EVERY == RETYPED_EVERY - 1:
                person = _retyped(rng, people[-rng.randint(1, min(len(people), 40))])
            else:
                person = _person(rng, index)
            stamp = start + timedelta(minutes=index * 7)
            person.update(created_at=stamp, updated_at=stamp)
            people.append(person)
            for organisation_id in rng.sample(organisations, k=rng.choice([1, 1, 1, 2])):
                memberships.append(
                    {
                        "id": natural_id("membership", person["id"], organisation_id),
                        "person_id": person["id"],
                        "organisation_id": organisation_id,
                        "role": rng.choice(roles),
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
            consents.append(
                {
                    "id": new_id(),
                    "person_id": person["id"],
                    "purpose": "programme",
                    "granted_at": stamp,
                    "collected_by": "Carmen Ibáñez Soler",
                    "notice_version": "2024-01",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
        s.execute(insert(Person), people)
        s.execute(insert(Membership), memberships)
        s.execute(insert(Consent), consents)
        if progress:
            progress(min(count, first + batch), count)
