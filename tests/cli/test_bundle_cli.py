"""``tejido bundle export`` and ``tejido bundle import`` as used at a terminal: one organisation
exports its published practices, another looks at the dry run, imports, and settles a conflict."""

from __future__ import annotations

import dataclasses
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.services.attachments import store_file
from app.services.catalogue_values import PracticeData
from app.services.context import DataFolder
from app.services.profile import ProfileData
from app.services.registry import Services, build_services

REPORT_KEYS = {"new", "updated", "unchanged", "older", "conflicts", "duplicates", "rejected"}


def open_folder(path: Path, name: str) -> Services:
    path.mkdir(exist_ok=True)
    services = build_services(DataFolder(path))
    if not services.profile.get().name:
        services.profile.save(ProfileData(name=name))
    return services


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """Fundación Alimenta's data: three published practices (one with a PDF) and a draft."""
    folder = tmp_path / "alimenta"
    services = open_folder(folder, "Fundación Alimenta")
    try:
        pdf = tmp_path / "guia.pdf"
        pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
        guide = store_file(services.db, pdf, "Guía")
        for title, area, attachments in (
            ("Mentoría para el empleo", "Employment", (guide,)),
            ("Huertos escolares", "Environment", ()),
            ("Banco de tiempo", "Community participation", ()),
        ):
            data = PracticeData(title=title, area=area, status="published", attachments=attachments)
            services.catalogue.save(data, today=date(2025, 1, 1))
        services.catalogue.save(PracticeData(title="Borrador"), today=date(2025, 1, 1))
    finally:
        services.db.dispose()
    return folder


@pytest.fixture
def target(tmp_path: Path) -> Path:
    """Red de Entidades' data, with an empty catalogue."""
    folder = tmp_path / "red"
    open_folder(folder, "Red de Entidades").db.dispose()
    return folder


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    return code, out, err


def export(capsys: pytest.CaptureFixture[str], origin: Path, out: Path) -> dict:
    code, printed, err = run(capsys, origin, "bundle", "export", "--out", str(out), "--json")
    assert (code, err) == (0, ""), err
    return json.loads(printed)


def titles(folder: Path) -> list[str]:
    services = build_services(DataFolder(folder))
    try:
        return sorted(row.title for row in services.catalogue.search(limit=100))
    finally:
        services.db.dispose()


def test_export_writes_the_published_practices(
    capsys: pytest.CaptureFixture[str], origin: Path, tmp_path: Path
) -> None:
    out = tmp_path / "alimenta.tejido"
    written = export(capsys, origin, out)
    assert written["path"] == str(out) and out.exists()
    assert (written["practices"], written["attachments"], written["withdrawn"]) == (3, 1, 0)
    assert export(capsys, origin, out)["sha256"] == written["sha256"]  # the same bytes again
    code, printed, err = run(
        capsys, origin, "bundle", "export", "--out", str(tmp_path / "e.zip"), "--area", "employment"
    )
    assert (code, err) == (0, "")
    assert printed.splitlines()[0] == f"Wrote 1 practice to {tmp_path / 'e.zip'}."
    assert "With 1 attached file." in printed


def test_export_refuses_a_wrong_name_a_place_inside_the_data_or_an_unknown_area(
    capsys: pytest.CaptureFixture[str], origin: Path, tmp_path: Path
) -> None:
    for out, area, reason in (
        (tmp_path / "alimenta.txt", "Employment", "ending in .tejido"),
        (origin / "inside.tejido", "Employment", "outside the data folder"),
        (tmp_path / "alimenta.tejido", "Nowhere", "no area called “Nowhere”"),
    ):
        code, printed, err = run(
            capsys, origin, "bundle", "export", "--out", str(out), "--area", area
        )
        assert code == 1 and printed == "" and reason in err
        assert not out.exists()


def test_a_dry_run_reports_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], origin: Path, target: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "alimenta.tejido"
    export(capsys, origin, bundle)
    before = sorted(p.name for p in target.rglob("*"))
    code, printed, err = run(capsys, target, "bundle", "import", str(bundle), "--dry-run", "--json")
    assert (code, err) == (0, "")
    report = json.loads(printed)
    assert REPORT_KEYS <= set(report)
    assert sorted(item["title"] for item in report["new"]) == [
        "Banco de tiempo",
        "Huertos escolares",
        "Mentoría para el empleo",
    ]
    assert all(item["reason"] for item in report["new"])
    assert report["dry_run"] is True and report["publisher"] == "Fundación Alimenta"
    assert titles(target) == []
    assert sorted(p.name for p in target.rglob("*")) == before  # no backup, no lock left
    code, printed, _err = run(capsys, target, "bundle", "import", str(bundle), "--dry-run")
    assert "Dry run of alimenta.tejido: nothing was saved." in printed and "New: 3" in printed


def test_import_then_import_again_changes_nothing(
    capsys: pytest.CaptureFixture[str], origin: Path, target: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "alimenta.tejido"
    export(capsys, origin, bundle)
    code, printed, err = run(capsys, target, "bundle", "import", str(bundle))
    assert (code, err) == (0, "")
    assert "Practices added: 3" in printed and "Backup made before the import" in printed
    assert titles(target) == ["Banco de tiempo", "Huertos escolares", "Mentoría para el empleo"]
    code, printed, err = run(capsys, target, "bundle", "import", str(bundle), "--json")
    report = json.loads(printed)
    assert (code, err) == (0, "")
    assert len(report["unchanged"]) == 3 and report["new"] == []
    assert report["imported"]["changed"] is False and report["imported"]["backup"] is None


@pytest.mark.parametrize(
    ("option", "said", "kept"),
    [
        ((), "You kept yours.", ["Huertos escolares (nuestra versión)"]),
        (("--conflicts", "theirs"), "You took theirs.", ["Huertos escolares y comunitarios"]),
        (
            ("--conflicts", "both"),
            "You kept both.",
            ["Huertos escolares (nuestra versión)", "Huertos escolares y comunitarios"],
        ),
    ],
)
def test_a_conflict_keeps_mine_unless_told_otherwise(
    capsys: pytest.CaptureFixture[str],
    origin: Path,
    target: Path,
    tmp_path: Path,
    option: tuple[str, ...],
    said: str,
    kept: list[str],
) -> None:
    first = tmp_path / "v1.tejido"
    export(capsys, origin, first)
    run(capsys, target, "bundle", "import", str(first))
    rename(target, "Huertos escolares", "Huertos escolares (nuestra versión)")
    rename(origin, "Huertos escolares", "Huertos escolares y comunitarios")  # revision 2
    second = tmp_path / "v2.tejido"
    export(capsys, origin, second)

    code, printed, _err = run(
        capsys, target, "bundle", "import", str(second), "--dry-run", "--json"
    )
    conflicts = json.loads(printed)["conflicts"]
    assert code == 0 and [item["title"] for item in conflicts] == [
        "Huertos escolares y comunitarios"
    ]
    assert conflicts[0]["choices"] == ["mine", "theirs", "both"]

    code, printed, _err = run(capsys, target, "bundle", "import", str(second), *option)
    assert code == 0 and "Conflicts: 1" in printed
    listed = [line for line in printed.splitlines() if "Huertos escolares y comunitarios" in line]
    assert len(listed) == 1 and listed[0].endswith(said)  # listed with its reason and choice
    assert [t for t in titles(target) if t.startswith("Huertos")] == kept


def rename(folder: Path, title: str, new_title: str) -> None:
    services = build_services(DataFolder(folder))
    try:
        row = next(r for r in services.catalogue.search(limit=100) if r.title == title)
        data = services.catalogue.get(row.id)
        services.catalogue.save(dataclasses.replace(data, title=new_title), today=date(2025, 2, 1))
    finally:
        services.db.dispose()


def test_a_refused_file_says_why_and_leaves_the_data_as_it_was(
    capsys: pytest.CaptureFixture[str], target: Path, tmp_path: Path
) -> None:
    not_zip = tmp_path / "carta.tejido"
    not_zip.write_bytes(b"Dear colleagues, here is our catalogue.")
    leaving = tmp_path / "leaving.tejido"
    with zipfile.ZipFile(leaving, "w") as archive:
        archive.writestr("../../outside.txt", "x")
    database = (target / "tejido.db").read_bytes()
    for bundle in (not_zip, leaving):
        for dry_run in ((), ("--dry-run",)):
            code, printed, err = run(capsys, target, "bundle", "import", str(bundle), *dry_run)
            assert code == 1 and printed == ""
            assert err.startswith("tejido: ") and len(err.splitlines()) == 1
            assert "Traceback" not in err
    assert "../../outside.txt" in err  # the reason names what is wrong
    assert (target / "tejido.db").read_bytes() == database
    assert not (tmp_path / "outside.txt").exists()
