"""``tejido catalogue search``, ``sheet`` and ``booklet`` as used at a terminal."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.services.catalogue_values import PracticeData
from app.services.context import DataFolder
from app.services.registry import build_services

TITLES = {
    "mentoring": ("Mentoría entre iguales para el empleo", "Empleo"),
    "garden": ("Huertos escolares", "Medio ambiente"),
    "canteen": ("Comedor compartido para mayores", "Personas mayores"),
    "cooperative": ("Cooperativa de cuidados", "Empleo"),
}


@pytest.fixture
def practices(data_dir: Path) -> dict[str, str]:
    """Four practices in three areas (named in Spanish, as a Spanish catalogue's are)."""
    services = build_services(DataFolder(data_dir))
    ids = {}
    try:
        for key, (title, area) in TITLES.items():
            data = PracticeData(
                title=title,
                area=area,
                organisation_name="Asociación La Rondilla",
                year=2023,
                summary=f"{title}: una práctica del barrio.",
                description="Las parejas se reúnen en el centro cívico cada dos semanas.",
                status="published",
            )
            ids[key] = services.catalogue.save(data, today=date(2025, 1, 1)).id or ""
    finally:
        services.db.dispose()
    return ids


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    return code, out, err


def test_search_ignores_accents_and_case_and_shows_what_matched(
    capsys: pytest.CaptureFixture[str], data_dir: Path, practices: dict[str, str]
) -> None:
    code, out, err = run(capsys, data_dir, "catalogue", "search", "CIVICO")
    assert (code, err) == (0, "")
    for title, _area in TITLES.values():
        assert title in out
    assert "[cívico]" in out  # the words that matched, from the text they were found in
    assert out.strip().endswith("4 practices.")


def test_search_in_one_area_named_any_way(
    capsys: pytest.CaptureFixture[str], data_dir: Path, practices: dict[str, str]
) -> None:
    code, out, _err = run(capsys, data_dir, "catalogue", "search", "--area", "EMPLEO")
    assert code == 0
    assert "Mentoría entre iguales" in out and "Cooperativa de cuidados" in out
    assert "Huertos" not in out and "Comedor" not in out
    code, out, _err = run(capsys, data_dir, "catalogue", "search", "mentor", "--area", "empleo")
    assert "Mentoría entre iguales" in out and "Cooperativa" not in out
    assert out.strip().endswith("1 practice.")


def test_search_as_json_with_a_limit(
    capsys: pytest.CaptureFixture[str], data_dir: Path, practices: dict[str, str]
) -> None:
    code, out, _err = run(
        capsys, data_dir, "catalogue", "search", "barrio", "--limit", "2", "--json"
    )
    assert code == 0
    found = json.loads(out)
    assert found["total"] == 4 and found["query"] == "barrio"
    assert len(found["practices"]) == 2
    first = found["practices"][0]
    assert first["id"] in practices.values() and "[barrio]" in first["snippet"]
    assert "\n" not in first["snippet"]
    code, out, _err = run(capsys, data_dir, "catalogue", "search", "barrio", "--limit", "2")
    assert "The first 2 of 4 practices (use --limit to see more)." in out


def test_search_says_so_when_nothing_matches_or_the_area_is_unknown(
    capsys: pytest.CaptureFixture[str], data_dir: Path, practices: dict[str, str]
) -> None:
    code, out, err = run(capsys, data_dir, "catalogue", "search", "zzzz")
    assert (code, err) == (0, "")
    assert "No practice matches" in out
    code, out, err = run(capsys, data_dir, "catalogue", "search", "x", "--area", "Nowhere")
    assert code == 1 and out == ""
    assert (
        "There is no area called “Nowhere”" in err and "Medio ambiente" in err and "Housing" in err
    )
    code, _out, err = run(capsys, data_dir, "catalogue", "search", "x", "--limit", "0")
    assert code == 1 and "limit" in err


def test_search_reads_only_and_needs_a_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _out, err = run(capsys, empty, "catalogue", "search", "x")
    assert code == 1 and "There is no Tejido data" in err
    assert list(empty.iterdir()) == []


def test_the_sheet_of_a_practice_named_by_words_or_id(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    practices: dict[str, str],
    tmp_path: Path,
) -> None:
    out_file = tmp_path / "ficha.pdf"
    code, out, err = run(
        capsys, data_dir, "catalogue", "sheet", "huertos", "--out", str(out_file), "--lang", "es"
    )
    assert (code, err) == (0, "")
    assert "Huertos escolares" in out and str(out_file) in out and "1 page" in out
    text = PdfReader(out_file).pages[0].extract_text()
    assert "Huertos escolares" in text and "Asociación La Rondilla" in text
    code, out, _err = run(
        capsys, data_dir, "catalogue", "sheet", practices["canteen"], "--out", str(out_file)
    )
    assert code == 0 and "Comedor compartido para mayores" in out


def test_a_sheet_needs_exactly_one_practice(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    practices: dict[str, str],
    tmp_path: Path,
) -> None:
    out_file = tmp_path / "ficha.pdf"
    code, out, err = run(capsys, data_dir, "catalogue", "sheet", "c", "--out", str(out_file))
    assert code == 1 and out == ""
    assert "Several practices match “c”" in err and practices["cooperative"] in err
    code, _out, err = run(capsys, data_dir, "catalogue", "sheet", "zzzz", "--out", str(out_file))
    assert code == 1 and "No practice matches “zzzz”" in err
    assert not out_file.exists()


def test_a_booklet_of_two_areas(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    practices: dict[str, str],
    tmp_path: Path,
) -> None:
    out_file = tmp_path / "cuaderno.pdf"
    code, out, err = run(
        capsys,
        data_dir,
        "catalogue",
        "booklet",
        "--area",
        "empleo",
        "--area",
        "Medio Ambiente",
        "--out",
        str(out_file),
    )
    assert (code, err) == (0, "")
    reader = PdfReader(out_file)
    assert f"({len(reader.pages)} pages)" in out
    text = "\n".join(page.extract_text() for page in reader.pages)
    for key in ("mentoring", "cooperative", "garden"):
        assert TITLES[key][0] in text
    assert "Comedor compartido" not in text
    code, _out, err = run(
        capsys, data_dir, "catalogue", "booklet", "--area", "Housing", "--out", str(out_file)
    )
    assert code == 1 and "There are no practices to print" in err
