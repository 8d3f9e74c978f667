"""Confidential notes of a mentoring session never leave the data folder.

A marker word is planted in the confidential notes of two sessions (one of them in the trash)
and searched for in everything that goes out: the export-data JSON, the agreement and summary
PDFs (their text, their raw bytes and every decompressed stream), every ``tejido mentoring``
output, the rows the services give to lists and list exports, the people and attendance
exports, and ``tejido sync`` (its output, the sync section of export-data, and the files of the
exchange folder but the change files, which carry the notes to the organisation's other
laptops on purpose). Each search also looks for a visible marker the same path must carry (a session
summary, the agreement's goals, a name), so a search that finds nothing proves something.
"""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

import pytest

from app.cli import main
from app.services.activities import ActivityData, SessionData
from app.services.activity_exports import export_attendance
from app.services.export_data import build_export, export_all
from app.services.mentoring_values import GoalData, RelationshipData, SessionLogData
from app.services.organisations import OrganisationData
from app.services.people import MembershipData, PersonData
from app.services.profile import ProfileData
from app.services.registry import Services
from app.services.table_export import export_table

SECRET = "Zxqvorth"  # only ever typed in confidential notes
SUMMARY = "Plimbard"  # in a session's summary: the session log shows it
AGREED = "Gorvendal"  # in the agreement's goals: every document of the pair shows it
TODAY = date(2026, 11, 28)


@dataclass(frozen=True, slots=True)
class Planted:
    services: Services
    data_dir: Path
    pair_id: str
    mentee_id: str
    mentee_organisation_id: str
    activity_id: str


def _people(services: Services) -> tuple[str, str, str, str]:
    ours = services.organisations.save(
        OrganisationData(name="Asociación Arcoíris", expertise="Captación de fondos privados.")
    )
    theirs = services.organisations.save(
        OrganisationData(
            name="Fundación Puente", needs="Queremos empezar la captación de fondos privados."
        )
    )
    mentor = services.people.save(
        PersonData("Lucía Mentora Vidal", memberships=(MembershipData(ours.id, role="staff"),))
    )
    mentee = services.people.save(
        PersonData("Oumar Mentee Diallo", memberships=(MembershipData(theirs.id, role="staff"),))
    )
    return mentor.id, ours.id, mentee.id, theirs.id


@pytest.fixture
def planted(services: Services, data_dir: Path) -> Planted:
    from app.services.mentors import MentorData

    services.profile.save(ProfileData(name="Red Tejido", default_language="en"))
    mentor_id, ours, mentee_id, theirs = _people(services)
    services.mentors.save(
        MentorData(mentor_id, organisation_id=ours, areas=("fundraising",), capacity=3)
    )
    pair = services.mentoring.save(
        RelationshipData(
            mentor_id,
            mentee_id,
            mentor_organisation_id=ours,
            mentee_organisation_id=theirs,
            areas=("fundraising",),
            start_date=date(2026, 3, 2),
            planned_end=date(2026, 12, 20),
            status="active",
            agreement_goals=f"{AGREED}: diversificar la financiación",
        ),
        today=TODAY,
    )
    pair_id = pair.data.id or ""
    goal = services.mentoring.save_goal(
        GoalData(pair_id, "Diversificar la financiación", due_date=date(2026, 10, 1)),
        today=date(2026, 3, 2),
    )
    services.mentoring.save_goal(GoalData(**{**_fields(goal), "progress": 40}), today=TODAY)
    notes = f"{SECRET}: tensiones con la dirección de su entidad."
    for day, summary in ((date(2026, 4, 6), SUMMARY), (date(2026, 5, 4), "Seguimiento")):
        services.mentoring.save_session(
            SessionLogData(pair_id, day, summary=summary, confidential_notes=notes), today=TODAY
        )
    trashed = services.mentoring.sessions(pair_id)[0]  # the newest: the May one
    services.mentoring.delete_session(trashed.id)
    activity = services.activities.save(
        ActivityData(
            "Cápsula de captación",
            kind="capsule",
            sessions=(SessionData(date(2026, 2, 3), time(10), time(12)),),
        )
    )
    services.registrations.register(activity.id, mentee_id)
    services.attendance.mark(activity.sessions[0].id, mentee_id, "present")
    return Planted(services, data_dir, pair_id, mentee_id, theirs, activity.id)


def _fields(goal: GoalData) -> dict[str, object]:
    return {name: getattr(goal, name) for name in GoalData.__slots__}  # type: ignore[attr-defined]


def assert_kept_out(haystack: str, visible: str) -> None:
    """The secret is absent and the visible marker present (the search does see the text)."""
    assert visible in haystack, f"{visible!r} should be there: the search found nothing at all"
    assert SECRET not in haystack


def pdf_haystack(path: Path) -> str:
    """Everything a PDF holds as text: the extracted text, metadata, the raw bytes and every
    stream decompressed, with UTF-16 text turned into plain letters."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    parts = [page.extract_text() or "" for page in reader.pages]
    parts.append(json.dumps({k: str(v) for k, v in (reader.metadata or {}).items()}))
    raw = path.read_bytes()
    chunks = [raw]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    for chunk in chunks:
        parts.append(chunk.decode("latin-1"))
        parts.append(chunk.replace(b"\x00", b"").decode("latin-1"))  # UTF-16BE text
    return "\n".join(parts)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str, data_dir: Path) -> str:
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_the_notes_are_kept_and_shown_in_the_sessions_own_form(planted: Planted) -> None:
    rows = planted.services.mentoring.sessions(planted.pair_id)
    assert [row.summary for row in rows] == [SUMMARY]
    assert rows[0].has_confidential_notes
    assert SECRET in planted.services.mentoring.get_session(rows[0].id).confidential_notes


def test_not_in_the_export_data_json(planted: Planted, tmp_path: Path) -> None:
    document = build_export(planted.services.db)
    assert len(document["mentoring_sessions"]) == 2  # the trashed one too, without notes
    assert all("confidential_notes" not in row for row in document["mentoring_sessions"])
    assert_kept_out(json.dumps(document, ensure_ascii=False), SUMMARY)
    path = tmp_path / "export.json"
    export_all(planted.services.db, path)
    assert_kept_out(path.read_text(encoding="utf-8"), SUMMARY)


def test_not_in_the_export_data_command(planted: Planted, tmp_path: Path, capsys) -> None:
    path = tmp_path / "cli-export.json"
    out = run_cli(capsys, "export-data", "--out", str(path), data_dir=planted.data_dir)
    assert SECRET not in out
    assert_kept_out(path.read_text(encoding="utf-8"), SUMMARY)


def test_not_in_the_agreement_pdf(planted: Planted, tmp_path: Path) -> None:
    from app.services.mentoring_documents import agreement_pdf

    path = tmp_path / "agreement.pdf"
    assert agreement_pdf(planted.services.db, planted.pair_id, path) >= 1
    assert_kept_out(pdf_haystack(path), AGREED)


def test_not_in_the_summary_pdf(planted: Planted, tmp_path: Path) -> None:
    from app.services.mentoring_documents import summary_pdf

    path = tmp_path / "summary.pdf"
    assert summary_pdf(planted.services.db, planted.pair_id, path) >= 1
    haystack = pdf_haystack(path)
    assert_kept_out(haystack, SUMMARY)
    assert AGREED in haystack or "Diversificar" in haystack


@pytest.mark.parametrize("document", ["agreement", "summary"])
def test_not_in_the_documents_printed_from_the_command_line(
    planted: Planted, tmp_path: Path, capsys, document: str
) -> None:
    path = tmp_path / f"{document}-cli.pdf"
    out = run_cli(
        capsys,
        "mentoring",
        document,
        planted.pair_id,
        "--out",
        str(path),
        data_dir=planted.data_dir,
    )
    assert SECRET not in out
    assert_kept_out(pdf_haystack(path), SUMMARY if document == "summary" else AGREED)


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "table"])
@pytest.mark.parametrize(
    "command",
    [["list"], ["health", "--all"], ["suggest", "Fundación Puente"], ["totals"]],
    ids=["list", "health", "suggest", "totals"],
)
def test_not_in_the_mentoring_command_output(
    planted: Planted, capsys, command: list[str], as_json: bool
) -> None:
    args = ["mentoring", *command, *(["--json"] if as_json else [])]
    out = run_cli(capsys, *args, data_dir=planted.data_dir)
    if as_json:
        json.loads(out)
    visible = {"list": "Oumar", "health": "Oumar", "suggest": "Lucía", "totals": "1"}[command[0]]
    assert_kept_out(out, visible)


def test_not_in_what_the_mentoring_services_give_to_lists(planted: Planted) -> None:
    """Lists and their exports are built from these rows: none of them may carry the notes."""
    services, pair_id = planted.services, planted.pair_id
    given = [
        services.mentoring.list(limit=None),
        services.mentoring.list(limit=None, trash=True),
        services.mentoring.get(pair_id),
        services.mentoring.sessions(pair_id),
        services.mentoring.goals(pair_id),
        [services.mentoring.goal_history(g.id) for g in services.mentoring.goals(pair_id)],
        services.mentors.list(),
        services.mentoring_health.check(today=TODAY, include_healthy=True),
        services.mentoring_health.totals(),
        services.mentoring_suggestions.needs(),
        services.mentoring_suggestions.suggest(planted.mentee_organisation_id),
    ]
    assert_kept_out(repr(given), SUMMARY)


def test_not_in_a_list_exported_from_the_session_log(planted: Planted, tmp_path: Path) -> None:
    rows = planted.services.mentoring.sessions(planted.pair_id)
    path = tmp_path / "log.csv"
    fields = [name for name in rows[0].__slots__]  # type: ignore[attr-defined]
    export_table(path, fields, [[str(getattr(row, f)) for f in fields] for row in rows])
    assert_kept_out(path.read_text(encoding="utf-8-sig"), SUMMARY)


def test_not_in_the_people_lists_or_the_persons_record(planted: Planted) -> None:
    services = planted.services
    given = [
        services.people.list(limit=None),
        services.people.get(planted.mentee_id),
        services.organisations.list(limit=None),
        services.attendance.history(person_id=planted.mentee_id),
    ]
    assert_kept_out(repr(given), "Oumar Mentee Diallo")


def test_not_in_the_attendance_export(planted: Planted, tmp_path: Path) -> None:
    path = tmp_path / "attendance.xlsx"
    assert export_attendance(planted.services.db, planted.activity_id, path) == 1
    with zipfile.ZipFile(path) as workbook:
        xml = "".join(workbook.read(name).decode("utf-8") for name in workbook.namelist())
    assert_kept_out(xml, "Oumar Mentee Diallo")


@pytest.mark.parametrize("fmt", ["json", "xlsx", "pdf"])
def test_not_in_the_funders_report(planted: Planted, tmp_path: Path, capsys, fmt: str) -> None:
    from app.services.reports.period import Period

    period = Period.year(2026)
    records = [
        planted.services.reports.records(period, key)
        for key in ("mentoring.pairs_active", "mentoring.sessions", "organisations.reached")
    ]
    assert SECRET not in repr(records)
    assert "Oumar Mentee Diallo" in repr(records)  # the records are really there
    path = tmp_path / f"report.{fmt}"
    run_cli(
        capsys,
        "report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--format",
        fmt,
        "--out",
        str(path),
        data_dir=planted.data_dir,
    )
    if fmt == "pdf":
        haystack = pdf_haystack(path)
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path)
        haystack = repr([list(s.iter_rows(values_only=True)) for s in book.worksheets])
    else:
        haystack = path.read_text(encoding="utf-8")
    assert SECRET not in haystack and "2026" in haystack


def _edit_notes(data_dir: Path, pair_id: str, notes: str) -> None:
    from dataclasses import replace

    from app.services.context import DataFolder
    from app.services.registry import build_services

    services = build_services(DataFolder(data_dir))
    try:
        (row,) = services.mentoring.sessions(pair_id)
        session = services.mentoring.get_session(row.id)
        services.mentoring.save_session(replace(session, confidential_notes=notes), today=TODAY)
    finally:
        services.db.dispose()


def test_not_in_the_sync_command_nor_the_exchange_folders_own_files(
    planted: Planted, tmp_path: Path, capsys
) -> None:
    """Two laptops sync the notes, then both edit them (a conflict on the notes themselves):
    the command's output, its status, export-data's sync section and the laptops' files in the
    exchange folder never show them; only the change files carry them."""
    shared, other = tmp_path / "shared", tmp_path / "laptop-b"
    shared.mkdir()
    a, b = planted.data_dir, other
    out = run_cli(capsys, "sync", "--folder", str(shared), "--name", "A", "--json", data_dir=a)
    assert json.loads(out)["exported"] > 0 and SECRET not in out
    out = run_cli(capsys, "sync", "--folder", str(shared), "--name", "B", "--json", data_dir=b)
    assert json.loads(out)["ingested"] >= 1 and SECRET not in out
    _edit_notes(a, planted.pair_id, f"{SECRET} según A")
    _edit_notes(b, planted.pair_id, f"{SECRET} según B")
    outputs = []
    for folder in (a, b, a):
        outputs.append(run_cli(capsys, "sync", "--json", data_dir=folder))
    assert json.loads(outputs[-1])["conflicts"] == 1  # the notes conflict: listed, not shown
    for folder in (a, b):
        outputs.append(run_cli(capsys, "sync", data_dir=folder))
        outputs.append(run_cli(capsys, "sync", "--status", data_dir=folder))
        outputs.append(run_cli(capsys, "sync", "--status", "--json", data_dir=folder))
        path = tmp_path / f"export-{folder.name}.json"
        outputs.append(run_cli(capsys, "export-data", "--out", str(path), data_dir=folder))
        exported = path.read_text(encoding="utf-8")
        assert_kept_out(exported, SUMMARY)
        assert '"field": "confidential_notes"' in exported  # the conflict, without its values
    assert_kept_out("\n".join(outputs), "conflict to settle")
    root = shared / "Tejido-sync"
    own_files = [root / "FORMAT.json", *root.glob("devices/*/*.json")]
    assert len(own_files) == 5  # FORMAT, and device.json and status.json of each laptop
    assert_kept_out("\n".join(f.read_text(encoding="utf-8") for f in own_files), '"name": "A"')
    carried = "\n".join(f.read_text(encoding="utf-8") for f in root.glob("devices/*/log/*"))
    assert f"{SECRET} según B" in carried  # within the organisation, on purpose
