"""Example people: Spanish and foreign names with accents and other scripts, their memberships
of organisations and their consent for the programme. Every 50th person is someone already
there, typed again at another session (to find and merge)."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.models import Consent, Membership, Person, natural_id
from app.services import text
from app.services.demo import names

NewId = Callable[[], str]
STAMP = datetime(2024, 1, 8, 9, 0)


def ascii_word(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", word) if c.isascii() and c.isalnum()
    ).lower()


def _person(rng: random.Random, new_id: NewId, index: int) -> dict[str, object]:
    gender = rng.choices(["woman", "man", "non_binary", "not_stated"], [58, 36, 2, 4])[0]
    pool = {"woman": names.GIVEN_WOMEN, "man": names.GIVEN_MEN}.get(gender, names.GIVEN_NEUTRAL)
    given = rng.choice(pool)
    family = f"{rng.choice(names.FAMILY)} {rng.choice(names.FAMILY)}"
    full_name = f"{given} {family}"
    has_email = rng.random() < 0.8
    email = f"{ascii_word(given) or 'p'}.{ascii_word(family)[:10] or 'x'}{index}@example.org"
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


def _retyped(rng: random.Random, new_id: NewId, original: dict[str, object]) -> dict[str, object]:
    """The same person entered twice: the name typed without accents or in capitals."""
    name = str(original["full_name"])
    typed = rng.choice([_ascii_words(name), name.upper(), "  ".join(name.split())])
    copy = dict(original, id=new_id(), full_name=typed, name_key=text.fold(typed))
    if rng.random() < 0.5:
        copy["email"] = ""
    return copy


def _ascii_words(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


Pooled = list[tuple[str, str | None, str]]


def fill_people(
    s: Session,
    rng: random.Random,
    new_id: NewId,
    count: int,
    organisations: list[str],
    advance: Callable[[int], None],
) -> Pooled:
    """Insert the people; returns ``(id, first organisation, name)`` of each, for activities.

    The people typed twice take part too: their marks follow them when they are merged."""
    batch = 5000
    pooled: Pooled = []
    for first in range(0, count, batch):
        people, memberships, consents = [], [], []
        for index in range(first, min(count, first + batch)):
            if index % RETYPED_EVERY == RETYPED_EVERY - 1:
                person = _retyped(rng, new_id, people[-rng.randint(1, min(len(people), 40))])
            else:
                person = _person(rng, new_id, index)
            stamp = STAMP + timedelta(minutes=index * 7)
            person.update(created_at=stamp, updated_at=stamp)
            people.append(person)
            links = _memberships(rng, str(person["id"]), organisations, stamp)
            memberships += links
            consents.append(_consent(new_id, str(person["id"]), stamp))
            pooled.append((str(person["id"]), links[0]["organisation_id"], person["full_name"]))
        s.execute(insert(Person.__table__), people)
        s.execute(insert(Membership.__table__), memberships)
        s.execute(insert(Consent.__table__), consents)
        advance(len(people))
    return pooled


def _memberships(
    rng: random.Random, person_id: str, organisations: list[str], stamp: datetime
) -> list[dict[str, object]]:
    roles = ["staff", "volunteer", "volunteer", "board_member", "member", "member"]
    return [
        {
            "id": natural_id("membership", person_id, organisation_id),
            "person_id": person_id,
            "organisation_id": organisation_id,
            "role": rng.choice(roles),
            "created_at": stamp,
            "updated_at": stamp,
        }
        for organisation_id in rng.sample(organisations, k=rng.choice([1, 1, 1, 2]))
    ]


def _consent(new_id: NewId, person_id: str, stamp: datetime) -> dict[str, object]:
    return {
        "id": new_id(),
        "person_id": person_id,
        "purpose": "programme",
        "granted_at": stamp,
        "collected_by": "Carmen Ibáñez Soler",
        "notice_version": "2024-01",
        "created_at": stamp,
        "updated_at": stamp,
    }
