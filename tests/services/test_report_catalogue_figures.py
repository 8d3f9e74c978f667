"""Good practices, certificates and cascades in the report: what counts in a period."""

from __future__ import annotations

from datetime import date, datetime

from app.models import (
    Bundle,
    Cascade,
    Certificate,
    OrganisationProfile,
    Person,
    Practice,
    PracticeAdoption,
)
from app.models.organisation import Organisation
from app.services.activities import ActivityData
from app.services.registry import Services
from app.services.reports.period import Period
from app.services.reports.values import report_json

YEAR = Period.year(2025)
OTHER_ORIGIN = "00000000-0000-4000-8000-000000000000"


def _practice(s, key: str, origin: str, created: str, **fields: object) -> Practice:  # type: ignore[no-untyped-def]
    stamp = datetime.fromisoformat(created)
    practice = Practice(
        origin_id=origin,
        title=f"Practice {key}",
        title_key=f"practice {key}",
        created_at=stamp,
        updated_at=fields.pop("updated_at", stamp),
        **fields,
    )
    s.add(practice)
    return practice


def test_practices_collected_published_shared_and_adopted(services: Services) -> None:
    with services.db.session() as s:
        profile = OrganisationProfile(name="Us")
        org = Organisation(name="Them", name_key="them")
        s.add_all([profile, org])
        s.flush()
        own = profile.id
        p1 = _practice(
            s, "1", own, "2025-02-01 10:00", status="published", reviewed_on=date(2025, 3, 1)
        )
        p2 = _practice(
            s, "2", own, "2024-06-01 10:00", status="published", updated_at=datetime(2025, 5, 5, 8)
        )
        p3 = _practice(s, "3", OTHER_ORIGIN, "2025-04-01 10:00", status="published")
        p4 = _practice(s, "4", own, "2025-04-01 10:00", deleted_at=datetime(2025, 4, 2))
        p5 = _practice(s, "5", own, "2025-12-31 23:59", status="draft")
        s.flush()
        for direction, at, ids in (
            ("export", datetime(2025, 6, 1, 12), [p1.id, p2.id]),
            ("export", datetime(2025, 7, 1, 12), [p2.id, p3.id]),
            ("import", datetime(2025, 7, 2, 12), [p5.id]),
            ("export", datetime(2024, 7, 1, 12), [p5.id]),
        ):
            s.add(Bundle(direction=direction, bundle_id=at.isoformat(), at=at, practice_ids=ids))
        for practice, day, trashed in (
            (p1, date(2025, 3, 3), None),
            (p1, date(2025, 9, 9), None),
            (p3, date(2024, 3, 3), None),
            (p5, date(2025, 3, 3), datetime(2025, 4, 1)),
            (p4, date(2025, 3, 3), None),
        ):
            s.add(
                PracticeAdoption(
                    practice_id=practice.id,
                    organisation_id=org.id,
                    adopted_on=day,
                    deleted_at=trashed,
                )
            )
    practices = services.reports.json(YEAR)["practices"]
    # Collected: 1, 3, 5 (4 is in the trash, 2 is from 2024). Published, our own: 1 (reviewed
    # in 2025) and 2 (no review date: changed in 2025); 3 is another catalogue's. Shared in our
    # exports of 2025: 1, 2, 3 (each once). Adopted: 1 (twice, counted once).
    assert practices == {"collected": 3, "published": 2, "shared": 3, "adopted": 1}
    assert services.reports.json(Period.year(2024))["practices"]["shared"] == 1


def _certificate(s, code: str, person: Person, issued: datetime, **fields: object) -> Certificate:  # type: ignore[no-untyped-def]
    certificate = Certificate(
        code=code,
        kind=fields.pop("kind", "attendance"),
        activity_id=fields.pop("activity_id"),
        person_id=person.id,
        person_name=person.full_name,
        activity_title="Skills",
        issued_at=issued,
        payload="",
        **fields,
    )
    s.add(certificate)
    s.flush()
    return certificate


def test_certificates_issued_count_a_replaced_one_once(services: Services) -> None:
    activity = services.activities.save(ActivityData(title="Skills"))
    with services.db.session() as s:
        ana = Person(full_name="Ana", name_key="ana")
        s.add(ana)
        s.flush()
        on = {"activity_id": activity.id}
        _certificate(s, "C1", ana, datetime(2025, 2, 1, 10), **on)
        c3 = _certificate(s, "C3", ana, datetime(2025, 3, 2, 10), kind="completion", **on)
        _certificate(
            s, "C2", ana, datetime(2025, 3, 1, 10), kind="completion", replaced_by_id=c3.id, **on
        )
        _certificate(s, "C4", ana, datetime(2025, 4, 1, 10), revoked_at=datetime(2025, 4, 2), **on)
        _certificate(s, "C5", ana, datetime(2025, 5, 1, 10), deleted_at=datetime(2025, 5, 2), **on)
        _certificate(s, "C6", ana, datetime(2024, 12, 31, 23), **on)
        _certificate(s, "C7", ana, datetime(2025, 12, 31, 23, 59), **on)
    # C1, C3 (which replaced C2), C7 on the last evening of the year.
    assert services.reports.json(YEAR)["certificates"] == {"issued": 3}
    records = services.reports.records(YEAR, "certificates.issued")
    assert [row[0] for row in records.rows] == ["C1", "C3", "C7"]


def test_cascades_count_and_people_reached_are_never_hidden(services: Services) -> None:
    with services.db.session() as s:
        ana = Person(full_name="Ana", name_key="ana")
        s.add(ana)
        s.flush()
        for day, reached, trashed in (
            (date(2025, 3, 1), 10, None),
            (date(2025, 5, 1), 5, None),
            (date(2025, 6, 1), 100, datetime(2025, 6, 2)),
            (date(2024, 6, 1), 7, None),
        ):
            s.add(
                Cascade(person_id=ana.id, held_on=day, people_reached=reached, deleted_at=trashed)
            )
    cascades = report_json(services.reports.build(YEAR, suppress_below=50))["cascades"]
    assert cascades == {"count": 2, "people_reached": 15}
    rows = services.reports.records(YEAR, "cascades.people_reached").rows
    assert [row[-1] for row in rows] == ["10", "5"]
