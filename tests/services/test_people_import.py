"""Importing people from a spreadsheet: what is created, updated, reported, and never half-done."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import event

from app.backup_files import integrity_problem
from app.errors import Cancelled, ImportRejected, ValidationError
from app.services.importing import ImportService, writing
from app.services.organisations import OrganisationData
from app.services.people import ConsentData, MembershipData, PersonData
from app.services.registry import Services

HEADER = "Nombre;Apellidos;Entidad;Cargo;Sexo;Año de nacimiento;Correo;Teléfono;Consentimiento"


def csv_file(tmp_path: Path, *rows: str, header: str = HEADER, name: str = "socias.csv") -> Path:
    """A Spanish Excel CSV (semicolons, Windows-1252, CRLF)."""
    path = tmp_path / name
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("cp1252"))
    return path


def dump(services: Services) -> str:
    """Every row of the database, to show that nothing at all changed."""
    con = sqlite3.connect(services.folder.database)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def people(services: Services) -> dict[str, PersonData]:
    return {row.full_name: services.people.get(row.id) for row in services.people.list(limit=None)}


@pytest.fixture
def importer(services: Services) -> ImportService:
    return ImportService(services.db, services.folder)


def test_a_spanish_spreadsheet_becomes_people_organisations_and_consent(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    path = csv_file(
        tmp_path,
        "José;Núñez Ibáñez;Asociación Peñascal;Presidente;H;1975;JOSE@example.org;600 11 22 33;sí",
        "Begoña;Güell;asociación  peñascal;;Mujer;02/03/1980;;;",
        "Ainhoa;Etxeberria;Fundación Añil;voluntaria;No binario;;ainhoa@example.org;;x",
    )
    summary = importer.apply(path)
    assert (summary.created, summary.updated, summary.organisations_created) == (3, 0, 2)
    assert summary.rejected == () and summary.duplicates == ()
    found = people(services)
    jose = found["José Núñez Ibáñez"]
    assert (jose.given_name, jose.family_name, jose.gender) == ("José", "Núñez Ibáñez", "man")
    assert (jose.birth_year, jose.email, jose.phone) == (1975, "jose@example.org", "600 11 22 33")
    assert [(m.organisation_name, m.role) for m in jose.memberships] == [
        ("Asociación Peñascal", "board_member")
    ]
    assert [(c.purpose, c.collected_by) for c in jose.consents] == [
        ("programme", "import: socias.csv")
    ]
    begona = found["Begoña Güell"]
    assert (begona.gender, begona.birth_year, begona.consents) == ("woman", 1980, ())
    # The same organisation written differently is one organisation; the role defaults to member.
    assert [(m.organisation_id, m.role) for m in begona.memberships] == [
        (jose.memberships[0].organisation_id, "member")
    ]
    assert found["Ainhoa Etxeberria"].gender == "non_binary"
    assert found["Ainhoa Etxeberria"].memberships[0].role == "volunteer"
    assert summary.backup is not None and summary.backup.exists()


def test_english_headers_and_a_comma_csv(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Full name,Organisation,Gender,Year of birth,E-mail,Phone,Language,Notes\n"
        '"Smith, Ann",Red Cross,woman,1990,ann@example.org,+34 600 000 111,English,"likes\nbooks"\n'
        "Bob Jones,,male,1985,,,,\n",
        encoding="utf-8",
    )
    summary = importer.apply(path)
    assert summary.created == 2
    ann = people(services)["Smith, Ann"]
    assert (ann.gender, ann.preferred_language, ann.notes) == ("woman", "en", "likes\nbooks")
    assert people(services)["Bob Jones"].gender == "man"


@pytest.mark.parametrize(
    ("value", "gender"),
    [
        ("Mujer", "woman"), ("M", "woman"), ("F", "woman"), ("femenino", "woman"),
        ("woman", "woman"), ("Hombre", "man"), ("H", "man"), ("V", "man"), ("varón", "man"),
        ("man", "man"), ("No binario", "non_binary"), ("", "not_stated"),
    ],
)  # fmt: skip
def test_gender_values_as_people_write_them(
    tmp_path: Path, importer: ImportService, value: str, gender: str
) -> None:
    plan = importer.preview(csv_file(tmp_path, f"Ana Ruiz;{value}", header="Nombre;Sexo"))
    assert plan.rows[0].columns["gender"] == gender
    assert plan.summary().warnings == ()


def test_an_unknown_gender_is_not_stated_with_a_warning(
    tmp_path: Path, importer: ImportService
) -> None:
    plan = importer.preview(csv_file(tmp_path, "Ana Ruiz;cosa rara", header="Nombre;Sexo"))
    assert plan.rows[0].columns["gender"] == "not_stated"
    [warning] = plan.summary().warnings
    assert warning.line == 2 and "cosa rara" in warning.message


def test_rejected_rows_keep_their_excel_line_and_reason(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    path = tmp_path / "lista.csv"
    path.write_bytes(
        "Listado de socias;;\r\n"
        ";;\r\n"
        "Nombre;Notas;Año de nacimiento\r\n"
        'Ana Ruiz;"nota en\r\ndos líneas";1980\r\n'
        ";sin nombre;1990\r\n"
        "Eva Sanz;;1850\r\n"
        "Luz Gil;;1977\r\n".encode("cp1252")
    )
    summary = importer.apply(path)
    assert summary.created == 2
    assert [(r.line, r.reason) for r in summary.rejected][0] == (5, "A person needs a name.")
    assert summary.rejected[1].line == 6 and "Year of birth" in summary.rejected[1].reason
    assert sorted(people(services)) == ["Ana Ruiz", "Luz Gil"]


def test_an_invalid_email_rejects_the_row(tmp_path: Path, importer: ImportService) -> None:
    plan = importer.preview(csv_file(tmp_path, "Ana Ruiz;ana(at)example", header="Nombre;Email"))
    assert [(r.line, r.name) for r in plan.rejected] == [(2, "Ana Ruiz")]
    assert "ana(at)example" in plan.rejected[0].reason


def test_an_xlsx_workbook(tmp_path: Path, services: Services, importer: ImportService) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nombre y apellidos", "Fecha de nacimiento", "Móvil", "Asociación"])
    sheet.append(["Lucía Peña", datetime(1984, 3, 2), 600112233, "Fundación Añil"])
    path = tmp_path / "socias.xlsx"
    workbook.save(path)
    assert importer.apply(path).created == 1
    lucia = people(services)["Lucía Peña"]
    assert (lucia.birth_year, lucia.phone) == (1984, "600112233")
    assert lucia.memberships[0].organisation_name == "Fundación Añil"


def _existing(services: Services, **values: object) -> PersonData:
    return services.people.save(PersonData(**values))  # type: ignore[arg-type]


def test_an_email_match_updates_without_blanking_anything(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    organisation = services.organisations.save(OrganisationData(name="Cruz Roja"))
    old = _existing(
        services,
        full_name="José Núñez",
        email="jose@example.org",
        birth_year=1975,
        notes="ya estaba",
        memberships=(MembershipData(organisation.id or "", role="staff"),),
        consents=(ConsentData(purpose="programme", granted_at=datetime(2024, 1, 1)),),
    )
    path = csv_file(tmp_path, "Pepe;Núñez García;Fundación Añil;;H;;Jose@Example.org;611222333;sí")
    summary = importer.apply(path)
    assert (summary.created, summary.updated, summary.duplicates) == (0, 1, ())
    new = services.people.get(old.id or "")
    assert new.full_name == "José Núñez"  # the name staff know is kept
    assert (new.birth_year, new.notes) == (1975, "ya estaba")  # empty cells blank nothing
    assert (new.phone, new.gender) == ("611222333", "man")  # what the file gives is filled in
    assert sorted(m.organisation_name for m in new.memberships) == ["Cruz Roja", "Fundación Añil"]
    assert len(new.consents) == 1  # the programme consent was already there


@pytest.mark.parametrize(
    ("policy", "created", "updated", "count"),
    [("skip", 0, 0, 1), ("create", 1, 0, 2), ("update", 0, 1, 1)],
)
def test_a_name_match_follows_the_duplicates_policy(
    tmp_path: Path,
    services: Services,
    importer: ImportService,
    policy: str,
    created: int,
    updated: int,
    count: int,
) -> None:
    old = _existing(services, full_name="José Núñez", birth_year=1975)
    path = csv_file(tmp_path, "jose ; NUÑEZ ;;;;;;600 000 999;", header=HEADER)
    summary = importer.apply(path, policy=policy)
    assert (summary.created, summary.updated) == (created, updated)
    [duplicate] = summary.duplicates
    assert (duplicate.line, duplicate.matched_id, duplicate.matched_name) == (
        2,
        old.id,
        "José Núñez",
    )
    assert duplicate.action == policy
    assert services.people.count() == count
    phone = services.people.get(old.id or "").phone
    assert phone == ("600 000 999" if policy == "update" else "")


def test_a_phone_match_is_a_possible_duplicate(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    old = _existing(services, full_name="María López", phone="+34 600 11 22 33")
    plan = importer.preview(csv_file(tmp_path, "Maria;Lopez Gil;;;;;;600112233;"))
    assert plan.summary().duplicates[0].matched_id == old.id


def test_duplicates_within_the_file(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    path = csv_file(
        tmp_path,
        "Ana;Ruiz;Cruz Roja;;;;ana@example.org;;",
        "Ana María;Ruiz Gil;Cáritas;;Mujer;;ANA@example.org;;",  # same e-mail: same person
        "Luis;Gómez;;;;;;;",
        "luis;gomez;;;;;;;",  # same folded name: skipped by default
    )
    summary = importer.apply(path)
    assert (summary.created, summary.updated) == (2, 1)
    assert [(d.line, d.matched_line, d.matched_id, d.action) for d in summary.duplicates] == [
        (3, 2, None, "update"),
        (5, 4, None, "skip"),
    ]
    ana = people(services)["Ana Ruiz"]
    assert ana.gender == "woman"
    assert sorted(m.organisation_name for m in ana.memberships) == ["Cruz Roja", "Cáritas"]
    assert services.people.count() == 2


def test_a_person_in_the_trash_is_not_matched(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    old = _existing(services, full_name="Ana Ruiz", email="ana@example.org")
    services.people.delete([old.id or ""])
    summary = importer.apply(csv_file(tmp_path, "Ana;Ruiz;;;;;ana@example.org;;"))
    assert (summary.created, summary.duplicates) == (1, ())


def test_preview_and_dry_run_write_nothing(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    before = dump(services)
    plan = importer.preview(csv_file(tmp_path, "Ana;Ruiz;Cruz Roja;;;;;;sí"))
    summary = plan.summary()
    assert (summary.dry_run, summary.created, summary.organisations_created) == (True, 1, 1)
    assert [o.action for o in plan.preview] == ["create"]
    assert dump(services) == before
    assert not services.folder.backups.exists() or not any(services.folder.backups.iterdir())


def test_apply_matches_against_the_database_as_it_is_then(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    plan = importer.preview(csv_file(tmp_path, "Ana;Ruiz;;;;;ana@example.org;;"))
    assert plan.summary().created == 1
    _existing(services, full_name="Ana Ruiz Gil", email="ana@example.org")  # added meanwhile
    summary = importer.apply(plan)
    assert (summary.created, summary.updated) == (0, 1)
    assert services.people.count() == 1


def test_a_chosen_mapping_is_used(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    path = csv_file(tmp_path, "Ana Ruiz;ana@example.org", header="Quién;Dónde escribir")
    with pytest.raises(ImportRejected, match="names"):
        importer.preview(path)
    info = importer.inspect(path)
    assert info.headers == ("Quién", "Dónde escribir") and info.mapping == {}
    with pytest.raises(ValidationError):
        importer.preview(path, mapping={1: "email"})  # still no name column
    summary = importer.apply(path, mapping={0: "full_name", 1: "email"})
    assert summary.created == 1
    assert people(services)["Ana Ruiz"].email == "ana@example.org"


def test_a_refused_file_leaves_the_database_as_it_was(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    _existing(services, full_name="Ana Ruiz")
    before = dump(services)
    empty = tmp_path / "vacio.csv"
    empty.write_bytes(b"")
    with pytest.raises(ImportRejected):
        importer.apply(empty)
    with pytest.raises(ImportRejected):
        importer.apply(csv_file(tmp_path, "1;2", header="Columna A;Columna B"))
    assert dump(services) == before


def test_an_error_in_the_middle_leaves_the_database_unchanged(
    tmp_path: Path,
    services: Services,
    importer: ImportService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _existing(services, full_name="Ana Ruiz", email="ana@example.org")
    before = dump(services)

    def broken(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    # People and organisations are written by then; consents fail.
    monkeypatch.setattr(writing, "_write_consents", broken)
    path = csv_file(
        tmp_path,
        "Ana;Ruiz;Cruz Roja;;Mujer;;ana@example.org;600111222;sí",
        *(f"Persona;Número {i};Entidad {i};;;;;;sí" for i in range(1200)),
    )
    with pytest.raises(RuntimeError, match="disk on fire"):
        importer.apply(path)
    assert dump(services) == before


def test_cancel_rolls_everything_back(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    before = dump(services)
    path = csv_file(tmp_path, *(f"Persona;Número {i};Entidad;;;;;;sí" for i in range(1500)))
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled, match="cancelled"):
        importer.apply(
            path,
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) > 1,
        )
    assert len(seen) == 2 and 0 < seen[1][0] < seen[1][1]  # it stopped half-way...
    assert dump(services) == before  # ...and nothing of it stayed


def test_ten_thousand_rows_in_one_transaction_with_progress(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    rows = [
        f"Persona {i % 97};Apellido {i};Entidad {i % 40};socia;Mujer;{1940 + i % 60};"
        f"p{i}@example.org;6{i:08d};sí"
        for i in range(10_000)
    ]
    path = csv_file(tmp_path, *rows)
    plan = importer.preview(path)
    commits: list[object] = []

    def on_commit(connection: object) -> None:
        commits.append(connection)

    event.listen(services.db.engine, "commit", on_commit)
    seen: list[tuple[int, int]] = []
    summary = importer.apply(plan, progress=lambda done, total: seen.append((done, total)))
    event.remove(services.db.engine, "commit", on_commit)
    assert (summary.created, summary.organisations_created, summary.rejected) == (10_000, 40, ())
    assert len(commits) == 1
    assert services.people.count() == 10_000
    assert seen[-1][0] == seen[-1][1] and [d for d, _t in seen] == sorted(d for d, _t in seen)


KILLED_IMPORT = """
import sys, time
from pathlib import Path
from app.services.context import DataFolder
from app.services.importing import ImportService
from app.services.registry import build_services

services = build_services(DataFolder(Path(sys.argv[1])))
marker = Path(sys.argv[3])

def progress(done, total):
    if done >= 1000 and not marker.exists():
        marker.write_text("half-way")
        time.sleep(60)  # killed here, in the middle of the transaction

ImportService(services.db, services.folder).apply(sys.argv[2], progress=progress)
"""


def test_a_process_killed_half_way_leaves_nothing_behind(
    tmp_path: Path, services: Services
) -> None:
    _existing(services, full_name="Ana Ruiz")
    services.db.dispose()
    before = dump(services)
    path = csv_file(tmp_path, *(f"Persona;Número {i};Entidad {i % 9};;;;;;sí" for i in range(3000)))
    marker = tmp_path / "half-way"
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, str(services.folder.root), str(path), str(marker)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the import never got half-way"
    finally:
        child.kill()
        child.wait()
    assert dump(services) == before  # (opening it rolls a hot journal back, as SQLite does)
    assert integrity_problem(services.folder.database) is None
