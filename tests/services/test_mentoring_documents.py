"""The mentoring agreement and summary PDFs, read back: who and what is on them, in which
language, and never a confidential note."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.errors import NotFoundError, ValidationError
from app.i18n import set_language
from app.services import mentoring_documents
from app.services.mentoring_values import GoalData, RelationshipData, SessionLogData
from app.services.organisations import OrganisationData
from app.services.people import PersonData
from app.services.profile import ProfileData
from app.services.registry import Services
from tests.pdf_checks import qpdf_check

SECRET = "ZQX-CONFIDENTIAL-7781"
MENTOR, MENTEE = "María José Fernández", "Łukasz Wiśniewski"


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text + "\n" + str(reader.metadata or {})


def squash(text: str) -> str:
    """Text with line breaks and doubled spaces folded, so a wrapped sentence can be found."""
    return " ".join(text.split())


def save_goal(services: Services, goal: GoalData, **changes: object) -> GoalData:
    today = changes.pop("today")
    return services.mentoring.save_goal(dataclasses.replace(goal, **changes), today=today)  # type: ignore[arg-type]


@pytest.fixture
def pair(services: Services) -> str:
    """A closed pair across two organisations, with two goals (one achieved, with history),
    three sessions (one trashed) and confidential notes in every session."""
    services.profile.save(ProfileData(name="Red de Entidades", default_language="en"))
    alimenta = services.organisations.save(OrganisationData(name="Fundación Alimenta"))
    rondilla = services.organisations.save(OrganisationData(name="Asociación La Rondilla"))
    mentor = services.people.save(PersonData(full_name=MENTOR))
    mentee = services.people.save(PersonData(full_name=MENTEE))
    detail = services.mentoring.save(
        RelationshipData(
            mentor_id=mentor.id or "",
            mentee_id=mentee.id or "",
            mentor_organisation_id=alimenta.id,
            mentee_organisation_id=rondilla.id,
            areas=("fundraising", "governance"),
            start_date=date(2025, 1, 15),
            planned_end=date(2025, 12, 15),
            frequency="fortnightly",
            status="closed",
            closed_on=date(2025, 12, 1),
            closure_reason="goals_achieved",
            final_assessment="The board approved the plan.",
            agreement_goals="Depend less on one public grant.",
            agreement_commitments="- Meet every two weeks\n- Prepare one question",
        ),
        today=date(2025, 12, 1),
    )
    pair_id = detail.data.id or ""
    plan = services.mentoring.save_goal(
        GoalData(
            relationship_id=pair_id,
            description="Write a fundraising plan",
            baseline="No written plan",
            target="A plan approved by the board",
            due_date=date(2025, 6, 30),
            progress=10,
        ),
        today=date(2025, 2, 1),
    )
    plan = save_goal(services, plan, progress=60, today=date(2025, 4, 1))
    save_goal(services, plan, progress=100, today=date(2025, 6, 20))
    services.mentoring.save_goal(
        GoalData(relationship_id=pair_id, description="Find two private funders"),
        today=date(2025, 2, 1),
    )
    for day, topics, mentor_rating in (
        (date(2025, 3, 4), "Funding map", 4),
        (date(2025, 2, 4), "First meeting", None),
        (date(2025, 5, 6), "Abandoned topic", 2),
    ):
        services.mentoring.save_session(
            SessionLogData(
                relationship_id=pair_id,
                date=day,
                minutes=90,
                mode="video",
                topics=topics,
                summary=f"Summary of {topics.lower()}.",
                agreements=f"Agreed after {topics.lower()}.",
                next_steps="Call two companies.",
                mentor_rating=mentor_rating,
                mentee_rating=5,
                confidential_notes=f"{SECRET} the board is in conflict",
            ),
            today=date(2025, 12, 31),
        )
    trashed = [x for x in services.mentoring.sessions(pair_id) if x.topics == "Abandoned topic"]
    services.mentoring.delete_session(trashed[0].id)
    return pair_id


def test_the_agreement_names_both_sides_and_what_they_agreed(
    services: Services, pair: str, tmp_path: Path
) -> None:
    out = tmp_path / "agreement.pdf"
    pages = mentoring_documents.agreement_pdf(services.db, pair, out)
    qpdf_check(out)
    assert len(PdfReader(out).pages) == pages >= 1
    text = squash(pdf_text(out))
    for expected in (
        "Mentoring agreement",
        MENTOR,
        MENTEE,
        "Fundación Alimenta",
        "Asociación La Rondilla",
        "Fundraising, Governance and board",
        "Every two weeks",
        "January 15, 2025",
        "December 15, 2025",
        "Depend less on one public grant.",
        "1. Write a fundraising plan",
        "Starting point: No written plan",
        "Target: A plan approved by the board",
        "By: June 30, 2025",
        "2. Find two private funders",
        "Meet every two weeks",
        "Red de Entidades",
    ):
        assert expected in text, expected
    # no confidentiality text was written: the standard clause stands in for it
    assert "Confidentiality" in text and "keep confidential" in text
    assert text.count("Signature") >= 2 and text.count("Date") >= 2
    assert SECRET not in text


def test_the_summary_shows_goals_sessions_and_totals_but_no_confidential_note(
    services: Services, pair: str, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    pages = mentoring_documents.summary_pdf(services.db, pair, out)
    qpdf_check(out)
    assert len(PdfReader(out).pages) == pages
    text = squash(pdf_text(out))
    for expected in (
        "Mentoring summary",
        "Closed",
        "Goals achieved",  # the closure reason and the figure's label
        "December 1, 2025",
        "The board approved the plan.",
        "1 of 2",  # goals achieved
        "Achieved on: June 20, 2025",
        "No progress recorded yet",  # the second goal's chart
        "Funding map",
        "Summary of funding map.",
        "Agreed after funding map.",
        "Next steps: Call two companies.",
        "Mentor: 4/5",
        "Mentee: 5/5",
        "Mentor: –",  # the first meeting had no mentor rating
        "2 sessions, 3 hours in all.",
    ):
        assert expected in text, expected
    assert text.index("First meeting") < text.index("Funding map"), "oldest first"
    assert "Abandoned topic" not in text, "a session in the trash is not summarised"
    assert SECRET not in text and "in conflict" not in text
    assert SECRET.encode() not in out.read_bytes()


def test_the_content_has_no_place_for_confidential_notes(services: Services, pair: str) -> None:
    with services.db.session() as s:
        content = mentoring_documents.mentoring_content(s, pair, with_sessions=True)
    assert "confidential" not in " ".join(f.name for f in dataclasses.fields(content.sessions[0]))
    assert SECRET not in repr(content)
    assert [x.topics for x in content.sessions] == ["First meeting", "Funding map"]
    plan = content.goals[0]
    assert [progress for _day, progress in plan.history] == [10, 60, 100]
    assert content.minutes == 180 and content.goals_achieved == 1


def test_the_agreement_has_room_to_write_when_nothing_was_agreed_yet(
    services: Services, pair: str, tmp_path: Path
) -> None:
    detail = services.mentoring.get(pair)
    blank = dataclasses.replace(
        detail.data,
        agreement_goals="",
        agreement_commitments="",
        agreement_confidentiality="What is said here stays here.",
        status="proposed",
    )
    services.mentoring.save(blank)
    for goal in services.mentoring.goals(pair):
        services.mentoring.delete_goal(goal.id or "")
    out = tmp_path / "blank.pdf"
    mentoring_documents.agreement_pdf(services.db, pair, out)
    text = squash(pdf_text(out))
    assert "Goals" in text and "Commitments" in text
    assert "What is said here stays here." in text
    assert "keep confidential" not in text, "the written clause replaces the standard one"


def test_the_language_is_the_one_asked_else_the_profiles_else_the_programs(
    services: Services, pair: str, tmp_path: Path
) -> None:
    set_language("es")
    out = tmp_path / "pair.pdf"
    mentoring_documents.summary_pdf(services.db, pair, out)
    assert "January 15, 2025" in pdf_text(out), "the profile says English"
    mentoring_documents.agreement_pdf(services.db, pair, out, language="es")
    assert "15 de enero de 2025" in pdf_text(out)
    profile = services.profile.get()
    services.profile.save(dataclasses.replace(profile, default_language="es"))
    set_language("en")
    mentoring_documents.agreement_pdf(services.db, pair, out)
    assert "15 de enero de 2025" in pdf_text(out)
    with pytest.raises(ValidationError):
        mentoring_documents.agreement_pdf(services.db, pair, out, language="tlh")


def test_a_pair_in_the_trash_or_gone_is_not_printed_and_the_old_file_stays(
    services: Services, pair: str, tmp_path: Path
) -> None:
    out = tmp_path / "old.pdf"
    out.write_bytes(b"%PDF-old")
    services.mentoring.delete([pair])
    with pytest.raises(NotFoundError, match="trash"):
        mentoring_documents.summary_pdf(services.db, pair, out)
    with pytest.raises(NotFoundError):
        mentoring_documents.agreement_pdf(services.db, "no-such-pair", out)
    assert out.read_bytes() == b"%PDF-old"
    services.mentoring.restore([pair])
    with pytest.raises(ValidationError, match=r"\.pdf"):
        mentoring_documents.agreement_pdf(services.db, pair, tmp_path / "agreement.txt")


def test_a_long_log_and_very_long_texts_flow_over_pages_with_the_header_repeated(
    services: Services, pair: str, tmp_path: Path
) -> None:
    essay = "A long account of what happened in the session, told in detail. " * 250
    services.mentoring.save_session(
        SessionLogData(relationship_id=pair, date=date(2025, 6, 1), topics="Essay", summary=essay),
        today=date(2025, 12, 31),
    )
    for day in range(1, 29):
        services.mentoring.save_session(
            SessionLogData(relationship_id=pair, date=date(2025, 7, day), topics=f"Topic {day}"),
            today=date(2025, 12, 31),
        )
    out = tmp_path / "long.pdf"
    pages = mentoring_documents.summary_pdf(services.db, pair, out)
    qpdf_check(out)
    reader = PdfReader(out)
    assert pages >= 4
    log_pages = [p.extract_text() for p in reader.pages if "Topic 2" in p.extract_text()]
    assert all("Topics and summary" in page for page in log_pages)
    text = squash(pdf_text(out))
    assert "Topic 28" in text and "31 sessions" in text
