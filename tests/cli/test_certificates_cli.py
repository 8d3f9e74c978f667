"""``tejido certificates issue`` and ``tejido certificates verify`` as used at a terminal."""

from __future__ import annotations

import json
import zipfile
from datetime import date, time
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.services.activities import ActivityData, SessionData
from app.services.context import DataFolder
from app.services.people import PersonData
from app.services.profile import ProfileData
from app.services.registry import build_services

NAMES = ("Łucja Őry-Núñez", "Ана Кузнецова", "Ελένη Παπαδοπούλου")


@pytest.fixture
def programme(data_dir: Path) -> dict[str, str]:
    """A capsule of two sessions attended by three people (and one who never came), and a
    forum meeting nobody attended."""
    services = build_services(DataFolder(data_dir))
    try:
        services.profile.save(ProfileData(name="Asociación Tejido", signatory_name="Marta Gil"))
        capsule = services.activities.save(
            ActivityData(
                title="Igualdad de género",
                kind="capsule",
                sessions=(
                    SessionData(date(2025, 3, 3), time(10), time(12)),
                    SessionData(date(2025, 3, 10), time(10), time(12)),
                ),
            )
        )
        forum = services.activities.save(
            ActivityData(title="Vivienda", sessions=(SessionData(date(2025, 5, 6)),))
        )
        for name in (*NAMES, "Nadie Vino"):
            person = services.people.save(PersonData(full_name=name))
            services.registrations.register(capsule.id or "", person.id or "")
            if name != "Nadie Vino":
                for session in capsule.sessions:
                    services.attendance.mark(session.id or "", person.id or "", "present")
    finally:
        services.db.dispose()
    return {"capsule": capsule.id or "", "forum": forum.id or ""}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def payloads(data_dir: Path) -> list[str]:
    services = build_services(DataFolder(data_dir))
    try:
        return [
            services.certificates.content_of(row.id).payload
            for row in services.certificates.register()
        ]
    finally:
        services.db.dispose()


def test_issue_into_one_pdf_then_verify_it(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "certificados.pdf"
    code, printed, err = run(
        capsys, "certificates", "issue", "Igualdad", "--out", str(out), "--lang", "en",
        "--data-dir", str(data_dir),
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "3 certificates for “Igualdad de género” written to" in printed
    reader = PdfReader(out)
    assert len(reader.pages) == 3
    text = "\n".join(page.extract_text() for page in reader.pages)
    for name in NAMES:
        assert name in text
    code, printed, err = run(
        capsys, "certificates", "verify", str(out), "--data-dir", str(data_dir)
    )
    assert (code, err) == (0, "")
    assert printed.count("VALID") == 3 and "NOT VALID" not in printed
    for name in NAMES:
        assert name in printed


def test_issue_one_file_per_person_as_json(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "certificados"
    code, printed, err = run(
        capsys, "certificates", "issue", programme["capsule"], "--out", str(folder), "--json",
        "--data-dir", str(data_dir),
    )  # fmt: skip
    assert (code, err) == (0, "")
    issued = json.loads(printed)
    assert sorted(i["person"] for i in issued) == sorted(NAMES)
    files = {Path(i["file"]) for i in issued}
    assert len(files) == 3 and all(f.parent == folder and f.is_file() for f in files)
    for item in issued:
        code, printed, _err = run(
            capsys, "certificates", "verify", item["file"], "--json", "--data-dir", str(data_dir)
        )
        [result] = json.loads(printed)
        assert (code, result["valid"], result["code"]) == (0, True, item["code"])


def test_issue_a_zip(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "certificados.zip"
    code, _printed, err = run(
        capsys, "certificates", "issue", "Igualdad", "--out", str(out), "--zip",
        "--kind", "completion", "--design", "modern", "--data-dir", str(data_dir),
    )  # fmt: skip
    assert (code, err) == (0, "")
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
    assert len(names) == 3 and all(n.endswith(".pdf") for n in names)


def test_verify_the_text_under_the_qr_code(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str], tmp_path: Path
) -> None:
    services = build_services(DataFolder(data_dir))
    try:
        person = services.certificates.eligible(programme["capsule"])[0]
        [content] = services.certificates.issue(
            programme["capsule"], [person.person_id], language="en"
        )
    finally:
        services.db.dispose()
    code, printed, err = run(
        capsys, "certificates", "verify", content.payload, "--data-dir", str(data_dir)
    )
    assert (code, err) == (0, "")
    assert printed.startswith("VALID\n") and person.full_name in printed
    assert "Hours: 4" in printed and content.code in printed
    forged = content.payload.replace(
        content.payload[10], "A" if content.payload[10] != "A" else "B"
    )
    code, printed, err = run(capsys, "certificates", "verify", forged, "--data-dir", str(data_dir))
    assert code == 1 and printed.startswith("NOT VALID\n")


def test_nobody_to_certify_and_unknown_activity(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    code, _out, err = run(
        capsys, "certificates", "issue", "Vivienda", "--out", str(out), "--data-dir", str(data_dir)
    )
    assert code == 1 and "Nobody has attended" in err and not out.exists()
    code, _out, err = run(
        capsys, "certificates", "issue", "Cocina", "--out", str(out), "--data-dir", str(data_dir)
    )
    assert code == 1 and "No activity is called" in err
    code, _out, err = run(capsys, "certificates", "verify", "hello", "--data-dir", str(data_dir))
    assert code == 1


def test_verify_only_reads(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    code, _out, err = run(capsys, "certificates", "verify", "TJ1.x.y", "--data-dir", str(empty))
    assert code == 1 and "no Tejido data" in err
    assert not empty.exists()
