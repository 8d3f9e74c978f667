"""Certificates in the example data: completion certificates of the latest closed capsules,
one of them revoked and one re-issued with a corrected name, so the register shows each state.

Issued through the certificate service (signed with a key made for the example organisation),
after the rest of the data: keys and codes are random, so this part differs between fills.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from app.db import Database
from app.models import Activity

log = logging.getLogger(__name__)

ACTIVITIES = {"small": 4, "large": 100}


def issue_demo_certificates(db: Database, scale: str) -> int:
    """Issue the example certificates; returns how many were issued."""
    from app.services.certificates import CertificateService

    service = CertificateService(db)
    with db.session() as s:
        capsules = list(
            s.scalars(
                select(Activity.id)
                .where(
                    Activity.kind == "capsule",
                    Activity.status == "closed",
                    Activity.deleted_at.is_(None),
                )
                .order_by(Activity.last_date.desc(), Activity.id)
                .limit(ACTIVITIES[scale])
            )
        )
    issued = 0
    for number, activity_id in enumerate(capsules):
        people = [p.person_id for p in service.eligible(activity_id, "completion")]
        if not people:
            continue
        language = "en" if number % 3 == 2 else "es"
        design = ("classic", "modern", "minimal")[number % 3]
        issued += len(
            service.issue(activity_id, people, kind="completion", language=language, design=design)
        )
    rows = service.register(limit=2)
    if len(rows) == 2:
        service.revoke(rows[0].id, "Emitido por error: la persona no completó la cápsula.")
        service.reissue(rows[1].id, person_name=rows[1].person_name.upper())
    log.info("demo certificates: %d", issued)
    return issued
