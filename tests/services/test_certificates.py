"""Certificates: who may have one, issuing (all or none), the register, corrections, wording."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest

from app.errors import Cancelled, NotFoundError, ValidationError
from app.i18n import document_words
from app.services import certificate_issuing, signing
from app.services.activities import ActivityData, SessionData
from app.services.certificate_wording import format_hours
from app.services.people import PersonData
from app.services.profile import ProfileData
from app.services.registry import Services

DAYS = ("2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24")


def new_activity(
    services: Services,
    percent: int | None = None,
    minutes: int | None = None,
    timed: bool = True,
) -> ActivityData:
    """A training capsule of four past two-hour sessions, and our organisation's profile."""
    services.profile.save(ProfileData(name="Asociación Tejido", signatory_name="Marta Gil"))
    hours = (time(10), time(12)) if timed else (None, None)
    return services.activities.save(
        ActivityData(
            title="Igualdad de género",
            kind="capsule",
            min_attendance_percent=percent,
            min_minutes=minutes,
            sessions=tuple(SessionData(date.fromisoformat(d), *hours) for d in DAYS),
        )
    )


def enrol(services: Services, activity: ActivityData, name: str, *marks: str | None) -> str:
    """Register ``name`` and mark them at the sessions in order (``None``: not marked)."""
    saved = services.people.save(PersonData(full_name=name))
    assert saved.id is not None
    services.registrations.register(activity.id or "", saved.id)
    for session, mark in zip(activity.sessions, marks, strict=False):
        if mark is not None:
            services.attendance.mark(session.id or "", saved.id, mark)
    return saved.id


@pytest.fixture
def capsule(services: Services) -> tuple[ActivityData, dict[str, str]]:
    """No rule; Łucja came three times, Ana twice (once late), Bea only excused, Carla never."""
    activity = new_activity(services)
    people = {
        "Łucja": enrol(services, activity, "Łucja Őry-Núñez", "present", "present", "present"),
        "Ana": enrol(services, activity, "Ana Ruiz", "present", "absent", "late"),
        "Bea": enrol(services, activity, "Bea Sanz", "excused", "absent"),
        "Carla": enrol(services, activity, "Carla Vidal"),
    }
    return activity, people


def test_attendance_needs_one_session_attended(
    services: Services, capsule: tuple[ActivityData, dict[str, str]]
) -> None:
    activity, _people = capsule
    eligible = {p.full_name: p for p in services.certificates.eligible(activity.id or "")}
    assert set(eligible) == {"Łucja Őry-Núñez", "Ana Ruiz"}
    assert (eligible["Ana Ruiz"].sessions_attended, eligible["Ana Ruiz"].minutes) == (2, 240)
    assert not eligible["Ana Ruiz"].has_certificate


def test_completion_needs_the_activitys_rule(services: Services) -> None:
    activity = new_activity(services, percent=75)
    enrol(services, activity, "Ana Ruiz", "present", "present", "left_early")
    enrol(services, activity, "Bea Sanz", "present", "present", "absent", "absent")
    names = [p.full_name for p in services.certificates.eligible(activity.id or "", "completion")]
    assert names == ["Ana Ruiz"]
    assert len(services.certificates.eligible(activity.id or "", "attendance")) == 2


def test_issuing_signs_registers_and_fills_in_the_wording(
    services: Services, capsule: tuple[ActivityData, dict[str, str]]
) -> None:
    activity, people = capsule
    [content] = services.certificates.issue(
        activity.id or "", [people["Łucja"]], language="en", issued_by="Marta"
    )
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", content.code)
    assert (content.person_name, content.minutes, content.heading) == (
        "Łucja Őry-Núñez",
        360,
        "Certificate of attendance",
    )
    assert content.body == (
        "Asociación Tejido certifies that Łucja Őry-Núñez attended the training capsule "
        "“Igualdad de género”, held from March 3, 2025 to March 24, 2025, for a total of "
        "6 hours."
    )
    assert content.letterhead.signatory_name == "Marta Gil"
    result = services.certificates.verify_text(content.payload)
    assert (result.valid, result.code, result.minutes) == (True, content.code, 360)
    assert result.issuer == "Asociación Tejido"
    [row] = services.certificates.register()
    assert (row.code, row.status, row.issued_by, row.person_id) == (
        content.code,
        "valid",
        "Marta",
        people["Łucja"],
    )


def test_a_certificate_in_spanish_has_spanish_dates(
    services: Services, capsule: tuple[ActivityData, dict[str, str]]
) -> None:
    activity, people = capsule
    [content] = services.certificates.issue(activity.id or "", [people["Ana"]], language="es")
    assert "3 de marzo de 2025" in content.body and "24 de marzo de 2025" in content.body
    assert content.language == "es"


def test_an_untimed_activity_does_not_print_zero_hours(services: Services) -> None:
    activity = new_activity(services, timed=False)
    ana = enrol(services, activity, "Ana Ruiz", "present")
    [content] = services.certificates.issue(activity.id or "", [ana], language="en")
    assert content.minutes == 0
    assert "hour" not in content.body and content.body.endswith("2025.")


def test_hours_in_words() -> None:
    words = document_words("en")
    assert format_hours(60, words) == "1 hour"
    assert format_hours(750, words) == "12 hours and 30 minutes"
    assert format_hours(45, words) == "45 minutes"


def test_completion_certificates_name_the_rule_met(services: Services) -> None:
    activity = new_activity(services, percent=75, minutes=300)
    ana = enrol(services, activity, "Ana Ruiz", "present", "present", "present")
    [content] = services.certificates.issue(
        activity.id or "", [ana], kind="completion", language="en"
    )
    assert content.heading == "Certificate of completion"
    assert "attending at least 75% of the sessions and at least 5 hours" in content.body
    assert services.certificates.verify_text(content.payload).kind == "completion"


def test_someone_not_eligible_is_named_and_nothing_is_issued(
    services: Services, capsule: tuple[ActivityData, dict[str, str]]
) -> None:
    activity, people = capsule
    with pytest.raises(ValidationError, match="Bea Sanz did not attend"):
        services.certificates.issue(activity.id or "", [people["Ana"], people["Bea"]])
    with pytest.raises(ValidationError, match="Bea Sanz has not completed"):
        services.certificates.issue(activity.id or "", [people["Bea"]], kind="completion")
    assert services.certificates.register_count() == 0


def test_no_profile_name_no_certificates(services: Services) -> None:
    activity = services.activities.save(
        ActivityData(title="Foro", sessions=(SessionData(date(2025, 3, 3)),))
    )
    ana = enrol(services, activity, "Ana Ruiz", "present")
    with pytest.raises(ValidationError, match="organisation's name"):
        services.certificates.issue(activity.id or "", [ana])
    assert services.certificates.register_count() == 0


def test_a_failure_half_way_leaves_no_certificate(
    services: Services,
    capsule: tuple[ActivityData, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    activity, people = capsule
    real, calls = certificate_issuing.write_certificate, []

    def failing(*args: object) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk gone")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(certificate_issuing, "write_certificate", failing)
    with pytest.raises(OSError):
        services.certificates.issue(activity.id or "", [people["Łucja"], people["Ana"]])
    assert len(calls) == 2
    assert services.certificates.register_count() == 0


def test_issuing_again_replaces_the_live_certificate(
    services: Services, capsule: tuple[ActivityData, dict[str, str]]
) -> None:
    activity, people = capsule
    [first] = services.certificates.issue(activity.id or "", [people["Ana"]])
    assert services.certificates.eligible(activity.id or "")[0].has_certificate
    second, _lucja = services.certificates.issue(
        activity.id or "", [people["Ana"], people["Łucja"]]
    )
    statuses = {r.code: r.status for r in services.certificates.register()}
    assert statuses[first.code] == "replaced" and statuses[second.code] == "valid"
    old = services.certificates.verify_text(first.payload)
    assert (old.valid, old.reason, old.replaced) == (True, signing.REPLACED, True)
    assert services.certificates.register_count() == 3


def test_reissue_with_a_corrected_name(
    services: Services, capsule: tuple[ActivityData, dict[str, str]]
) -> None:
    activity, people = capsule
    [old] = services.certificates.issue(activity.id or "", [people["Ana"]], language="en")
    old_id = services.certificates.register()[0].id
    new = services.certificates.reissue(old_id, person_name=" Ana  Ruiz-Pérez ", language="es")
    assert new.code != old.code and new.payload != old.payload
    assert (new.person_name, new.language, new.minutes) == ("Ana Ruiz-Pérez", "es", 240)
    assert "Ana Ruiz-Pérez" in new.body
    rows = {r.code: r for r in services.certificates.register()}
    assert rows[old.code].status == "replaced"
    assert rows[old.code].replaced_by_id == rows[new.code].id
    assert services.certificates.verify_text(new.payload).person_name == "Ana Ruiz-Pérez"
    with pytest.raises(ValidationError, match="already replaced"):
        services.certificates.reissue(old_id, person_name="Ana")


def test_revoked_is_not_valid(
    services: Services, capsule: tuple[ActivityData, dict[str, str]]
) -> None:
    activity, people = capsule
    [content] = services.certificates.issue(activity.id or "", [people["Ana"]])
    [row] = services.certificates.register()
    services.certificates.revoke(row.id, "Issued by mistake")
    result = services.certificates.verify_text(content.payload)
    assert (result.valid, result.reason) == (False, signing.REVOKED)
    assert result.revoke_reason == "Issued by mistake" and result.revoked_at is not None
    [row] = services.certificates.register()
    assert row.status == "revoked"
    with pytest.raises(ValidationError):
        services.certificates.revoke(row.id, "again")
    with pytest.raises(ValidationError, match="revoked"):
        services.certificates.reissue(row.id)
    with pytest.raises(NotFoundError):
        services.certificates.revoke("no-such-id")
    # A revoked certificate no longer counts: the person can be issued a new one.
    assert not services.certificates.eligible(activity.id or "")[0].has_certificate


def test_content_of_prints_again_what_was_issued(
    services: Services, capsule: tuple[ActivityData, dict[str, str]]
) -> None:
    activity, people = capsule
    [issued] = services.certificates.issue(
        activity.id or "", [people["Łucja"]], language="en", design="modern"
    )
    services.people.save(
        PersonData(**{**_person_fields(services, people["Łucja"]), "full_name": "Other"})
    )
    services.activities.save(replace(services.activities.get(activity.id or ""), title="Renamed"))
    services.certificates.save_wording("attendance", "en", "New heading", "{name} was there.")
    again = services.certificates.content_of(services.certificates.register()[0].id)
    assert again == issued  # the wording and activity as printed, not as they are now


def _person_fields(services: Services, person_id: str) -> dict[str, object]:
    person = services.people.get(person_id)
    return {f: getattr(person, f) for f in PersonData.__dataclass_fields__}


def test_the_register_searches_and_filters(
    services: Services, capsule: tuple[ActivityData, dict[str, str]]
) -> None:
    activity, people = capsule
    contents = services.certificates.issue(activity.id or "", [people["Łucja"], people["Ana"]])
    other = services.activities.save(
        ActivityData(title="Foro de vivienda", sessions=(SessionData(date(2025, 5, 6)),))
    )
    services.certificates.issue(other.id or "", [enrol(services, other, "Dora Pi", "present")])
    assert services.certificates.register_count() == 3
    assert [r.person_name for r in services.certificates.register("ŁUCJA ory")] == [
        "Łucja Őry-Núñez"
    ]
    assert services.certificates.register_count(activity_id=activity.id) == 2
    assert services.certificates.register_count("vivienda") == 1
    code = contents[1].code.lower()
    assert [r.code for r in services.certificates.register(code)] == [contents[1].code]
    assert len(services.certificates.register(limit=2)) == 2
    assert len(services.certificates.register(offset=2)) == 1


def test_edited_wording_is_used_and_can_be_reset(
    services: Services, capsule: tuple[ActivityData, dict[str, str]]
) -> None:
    activity, people = capsule
    default = services.certificates.wording("attendance", "en")
    assert not default.custom and "{name}" in default.body
    services.certificates.save_wording(
        "attendance", "en", "Diploma", "{name} took part in {activity} ({hours}), {dates}."
    )
    assert services.certificates.wording("attendance", "en").custom
    assert not services.certificates.wording("attendance", "es").custom
    [content] = services.certificates.issue(activity.id or "", [people["Ana"]], language="en")
    assert content.heading == "Diploma"
    assert content.body == (
        "Ana Ruiz took part in Igualdad de género (4 hours), from March 3, 2025 to March 24, 2025."
    )
    reset = services.certificates.save_wording("attendance", "en", "", "")
    assert reset == default
    assert services.certificates.wording("attendance", "en") == default


@pytest.mark.parametrize(
    ("heading", "body", "message"),
    [
        ("Diploma", "{name} attended {place}.", "not one of the fields"),
        ("Diploma", "{name} attended {activity", "no pair"),
        ("Diploma", "{name} attended } {activity}", "no pair"),
        ("Diploma", "{name.upper} attended", "not one of the fields"),
        ("Diploma {", "{name}", "no pair"),
        ("Diploma", "Somebody attended {activity}.", "must name the person"),
        ("", "{name} attended.", "heading"),
    ],
)
def test_broken_wording_is_refused(
    services: Services, heading: str, body: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.certificates.save_wording("attendance", "en", heading, body)
    assert not services.certificates.wording("attendance", "en").custom


def test_unknown_choices_are_refused(
    services: Services, capsule: tuple[ActivityData, dict[str, str]]
) -> None:
    activity, people = capsule
    for choice in ({"kind": "diploma"}, {"language": "xx"}, {"design": "gothic"}):
        with pytest.raises(ValidationError):
            services.certificates.issue(activity.id or "", [people["Ana"]], **choice)
    with pytest.raises(ValidationError, match="at least one person"):
        services.certificates.issue(activity.id or "", [])
    with pytest.raises(NotFoundError):
        services.certificates.issue("no-such-activity", [people["Ana"]])


def test_a_cancelled_bulk_issue_leaves_no_certificate_and_no_file(
    services: Services, capsule: tuple[ActivityData, dict[str, str]], tmp_path: Path
) -> None:
    activity, people = capsule
    folder = tmp_path / "certificados"
    answers = iter((False, True))  # cancel while the second file is being written
    with pytest.raises(Cancelled):
        services.certificates.issue_to_files(
            activity.id or "",
            [people["Łucja"], people["Ana"]],
            out=folder,
            cancelled=lambda: next(answers),
        )
    assert services.certificates.register_count() == 0
    assert list(folder.iterdir()) == []


def test_bulk_issue_into_a_folder_then_verify_each_file(
    services: Services, capsule: tuple[ActivityData, dict[str, str]], tmp_path: Path
) -> None:
    activity, people = capsule
    ticks: list[tuple[int, int]] = []
    issued = services.certificates.issue_to_files(
        activity.id or "",
        [people["Łucja"], people["Ana"]],
        out=tmp_path / "out",
        pattern="{code} {name}",
        progress=lambda done, total: ticks.append((done, total)),
    )
    assert ticks[-1] == (2, 2)
    assert [f.name for f in issued.files] == [
        f"{c.code} {c.person_name}.pdf" for c in issued.contents
    ]
    for content, path in zip(issued.contents, issued.files, strict=True):
        [result] = services.certificates.verify_pdf(path)
        assert (result.valid, result.code) == (True, content.code)


def test_a_merged_pdf_verifies_page_by_page(
    services: Services, capsule: tuple[ActivityData, dict[str, str]], tmp_path: Path
) -> None:
    activity, people = capsule
    out = tmp_path / "todos.pdf"
    issued = services.certificates.issue_to_files(
        activity.id or "", [people["Łucja"], people["Ana"]], out=out, language="en"
    )
    assert issued.files == (out, out) and issued.path == out
    [row] = [r for r in services.certificates.register() if r.code == issued.contents[0].code]
    services.certificates.revoke(row.id)
    results = services.certificates.verify_pdf(out)
    assert [(r.code, r.valid) for r in results] == [
        (issued.contents[0].code, False),
        (issued.contents[1].code, True),
    ]
    with pytest.raises(ValidationError, match="No Tejido certificate"):
        empty = tmp_path / "empty.pdf"
        _blank_pdf(empty)
        services.certificates.verify_pdf(empty)


def _blank_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with path.open("wb") as fp:
        writer.write(fp)
