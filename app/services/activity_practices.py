"""Good practices handed out at an activity: the links between an activity and the catalogue,
in the order the handout prints them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ActivityPractice, Practice, natural_id, utcnow


def linked_practice_ids(s: Session, activity_id: str) -> tuple[str, ...]:
    """The practices linked to the activity, in their order (trashed practices too: the link
    is kept, the handout leaves them out)."""
    return tuple(
        s.scalars(
            select(ActivityPractice.practice_id)
            .where(
                ActivityPractice.activity_id == activity_id,
                ActivityPractice.deleted_at.is_(None),
            )
            .order_by(ActivityPractice.position, ActivityPractice.id)
        )
    )


def save_practice_links(s: Session, activity_id: str, practice_ids: tuple[str, ...]) -> None:
    """Make the activity's links exactly ``practice_ids``, in that order (one row per pair,
    with a deterministic id; links taken out go to the trash)."""
    links = {
        x.practice_id: x
        for x in s.scalars(
            select(ActivityPractice).where(ActivityPractice.activity_id == activity_id)
        )
    }
    wanted = list(dict.fromkeys(practice_ids))
    for practice_id, link in links.items():
        if practice_id not in wanted:
            link.deleted_at = link.deleted_at or utcnow()
    for position, practice_id in enumerate(wanted, start=1):
        link = links.get(practice_id)
        if link is None:
            link = ActivityPractice(
                id=natural_id("activity-practice", activity_id, practice_id),
                activity_id=activity_id,
                practice_id=practice_id,
            )
            s.add(link)
        link.deleted_at, link.position = None, position


def handout_practices(s: Session, activity_id: str) -> tuple[tuple[str, str], ...]:
    """(title, summary) of the live, shown practices linked to the activity, for its handout."""
    ids = linked_practice_ids(s, activity_id)
    if not ids:
        return ()
    rows = {
        p.id: (p.title, p.summary)
        for p in s.scalars(
            select(Practice).where(
                Practice.id.in_(ids), Practice.deleted_at.is_(None), Practice.hidden.is_(False)
            )
        )
    }
    return tuple(rows[i] for i in ids if i in rows)
