"""``tejido sign-in-sheet`` and ``tejido handout`` as used at a terminal."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.services.activities import ActivityData, SessionData
from app.services.context import DataFolder
from app.services.people import PersonData
from app.services.registry import build_services

NAMES = ("Łukasz Wiśniewski", "Анна Иванова", "Νίκος Παπαδόπουλος", "José María Núñez")


@pytest.fixture
def programme(data_dir: Path) -> None:
    """A two-session capsule in English with four people registered (one facilitator)."""
    services = build_services(DataFolder(data_dir))
    try:
        capsule = services.activities.save(
            ActivityData(
                title="Fundraising",
                kind="capsule",
                language="en",
                key_content="Funding is a relationship.",
                sessions=(
                    SessionData(date(2025, 3, 3), time(10), time(12), place="Sala 2"),
                    SessionData(date(2025, 3, 10), time(10), time(12), place="Sala 3"),
                ),
            )
        )
        for name in NAMES:
            person = services.people.save(PersonData(full_name=name))
            role = "facilitator" if name == NAMES[0] else "attendee"
            services.registrations.register(capsule.id or "", person.id or "", role=role)
    finally:
        services.db.dispose()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_sign_in_sheet_of_a_session_in_spanish(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: None, tmp_path: Path
) -> None:
    out_file = tmp_path / "hoja.pdf"
    code, out, err = run(
        capsys,
        "sign-in-sheet",
        "fundraising",
        "--session",
        "2025-03-10",
        "--out",
        str(out_file),
        "--lang",
        "es",
        "--blank-rows",
        "3",
        "--data-dir",
        str(data_dir),
    )
    assert (code, err) == (0, "")
    assert str(out_file) in out and "2025-03-10" in out and "1 page" in out
    text = pdf_text(out_file)
    for name in NAMES:
        assert name in text
    assert "10 de marzo de 2025" in text and "Sala 3" in text
    assert "Nombre" in text and "Organización" in text
    assert "7" in text.split() and "8" not in text.split()  # 4 people and 3 blank rows


def test_sign_in_sheet_needs_the_session_when_there_are_several(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: None, tmp_path: Path
) -> None:
    out_file = tmp_path / "sheet.pdf"
    code, out, err = run(
        capsys, "sign-in-sheet", "Fundraising", "--out", str(out_file), "--data-dir", str(data_dir)
    )
    assert code == 1 and out == ""
    assert "--session" in err and "2025-03-03" in err
    assert not out_file.exists()


def test_handout_in_english_by_default(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: None, tmp_path: Path
) -> None:
    out_file = tmp_path / "handout.pdf"
    code, out, err = run(
        capsys, "handout", "Fundraising", "--out", str(out_file), "--data-dir", str(data_dir)
    )
    assert (code, err) == (0, "")
    assert str(out_file) in out
    text = pdf_text(out_file)
    assert "Key content and reflections" in text and "Funding is a relationship." in text
    assert "Contacts" in text and NAMES[0] in text and NAMES[1] not in text
    assert "Summary" not in text  # no description: the section is left out


def test_unknown_activity_and_missing_data_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: None, tmp_path: Path
) -> None:
    out_file = tmp_path / "x.pdf"
    code, _out, err = run(
        capsys, "handout", "Nothing like it", "--out", str(out_file), "--data-dir", str(data_dir)
    )
    assert code == 1 and "Nothing like it" in err and len(err.strip().splitlines()) == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _out, err = run(capsys, "handout", "x", "--out", str(out_file), "--data-dir", str(empty))
    assert code == 1 and "no Tejido data" in err
    assert not any(empty.iterdir())  # reading never creates a database
    assert not out_file.exists()


def test_language_must_be_one_tejido_prints_in(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: None, tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["handout", "Fundraising", "--out", str(tmp_path / "x.pdf"), "--lang", "fr"])
    assert exit_info.value.code == 2
    assert "--lang" in capsys.readouterr().err
