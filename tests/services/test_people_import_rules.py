"""What an import must never do to data already there: bring back a withdrawn consent, overwrite a
possible duplicate, or attach people to an organisation in the trash; and dates as people type
them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from app.services.importing import ImportService
from app.services.importing.values import full_year
from app.services.organisations import OrganisationData, find_or_create_organisation
from app.services.people import ConsentData, MembershipData, PersonData
from app.services.registry import Services

HEADER = "Nombre;Apellidos;Entidad;Cargo;Sexo;Año de nacimiento;Correo;Teléfono;Consentimiento"


def csv_file(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "socias.csv"
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("cp1252"))
    return path


@pytest.fixture
def importer(services: Services) -> ImportService:
    return ImportService(services.db, services.folder)


def _existing(services: Services, **values: object) -> PersonData:
    return services.people.save(PersonData(**values))  # type: ignore[arg-type]


def _withdrawn(services: Services, **values: object) -> PersonData:
    consent = ConsentData(
        purpose="programme",
        granted_at=datetime(2024, 1, 10),
        withdrawn_at=datetime(2024, 6, 1, 9, 30),
    )
    return _existing(services, consents=(consent,), **values)


# --- A withdrawn consent is never recorded again -----------------------------------------


def test_a_withdrawn_consent_is_not_recorded_again_by_a_re_import(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    old = _withdrawn(services, full_name="Ana Ruiz", email="ana@example.org")
    path = csv_file(tmp_path, "Ana;Ruiz;;;;;ana@example.org;;sí")
    planned = importer.preview(path).summary()
    summary = importer.apply(path)
    consents = services.people.get(old.id or "").consents
    assert [(c.granted_at, c.withdrawn_at) for c in consents] == [
        (datetime(2024, 1, 10), datetime(2024, 6, 1, 9, 30))
    ]
    assert summary.updated == 1
    for reported in (planned, summary):  # the dry run says it too
        [warning] = reported.warnings
        assert warning.line == 2
        assert "withdrawn on Jun 1, 2024" in warning.message
        assert "record it by hand" in warning.message


def test_a_withdrawn_consent_is_kept_when_a_duplicate_is_treated_as_the_same_person(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    old = _withdrawn(services, full_name="Ana Ruiz")
    summary = importer.apply(csv_file(tmp_path, "ana;ruiz;;;;;;;x"), policy="update")
    assert len(services.people.get(old.id or "").consents) == 1
    assert [w.line for w in summary.warnings] == [2]


def test_consent_is_still_recorded_for_people_who_never_gave_or_withdrew_it(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    withdrawn = _withdrawn(services, full_name="Ana Ruiz", email="ana@example.org")
    never = _existing(services, full_name="Eva Sanz", email="eva@example.org")
    path = csv_file(
        tmp_path,
        "Ana;Ruiz;;;;;ana@example.org;;sí",
        "Eva;Sanz;;;;;eva@example.org;;sí",
        "Luz;Gil;;;;;;;sí",
    )
    summary = importer.apply(path)
    assert len(services.people.get(never.id or "").consents) == 1
    assert len(services.people.get(withdrawn.id or "").consents) == 1
    luz = next(r for r in services.people.list(limit=None) if r.full_name == "Luz Gil")
    assert len(services.people.get(luz.id).consents) == 1
    assert [w.line for w in summary.warnings] == [2]


# --- A possible duplicate is never overwritten ----------------------------------------------


@pytest.mark.parametrize("policy", ["skip", "update"])
def test_the_same_name_with_another_email_is_another_person(
    tmp_path: Path, services: Services, importer: ImportService, policy: str
) -> None:
    old = _existing(services, full_name="José Núñez", email="jose@example.org", birth_year=1975)
    path = csv_file(tmp_path, "Jose;Nuñez;;;;1990;pepe@example.org;;")
    summary = importer.apply(path, policy=policy)
    assert (summary.created, summary.updated, summary.duplicates) == (1, 0, ())
    kept = services.people.get(old.id or "")
    assert (kept.email, kept.birth_year) == ("jose@example.org", 1975)
    assert services.people.count() == 2


def test_the_same_phone_with_another_email_is_another_person(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    _existing(services, full_name="María López", email="maria@example.org", phone="600112233")
    plan = importer.preview(csv_file(tmp_path, "Pedro;López;;;;;pedro@example.org;600 11 22 33;"))
    summary = plan.summary()
    assert (summary.created, summary.duplicates) == (1, ())


def test_treating_a_duplicate_as_the_same_person_only_fills_what_is_missing(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    old = _existing(
        services, full_name="José Núñez", phone="600 000 111", birth_year=1975, notes="ya estaba"
    )
    path = csv_file(tmp_path, "jose;NUÑEZ;Cruz Roja;;H;1980;jose@example.org;699 999 999;")
    summary = importer.apply(path, policy="update")
    assert summary.updated == 1 and summary.duplicates[0].matched_id == old.id
    new = services.people.get(old.id or "")
    assert (new.phone, new.birth_year, new.notes) == ("600 000 111", 1975, "ya estaba")
    assert (new.email, new.gender) == ("jose@example.org", "man")  # empty before: filled in
    assert [m.organisation_name for m in new.memberships] == ["Cruz Roja"]


def test_a_phone_match_treated_as_the_same_person_keeps_the_stored_email(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    old = _existing(
        services,
        full_name="María López",
        email="maria@example.org",
        phone="600112233",
        birth_year=1955,
    )
    path = csv_file(tmp_path, "Mari;López Gil;;;M;1960;;600 11 22 33;")
    summary = importer.apply(path, policy="update")
    assert summary.duplicates[0].matched_id == old.id  # no e-mail in the row: no contradiction
    new = services.people.get(old.id or "")
    assert (new.full_name, new.email, new.birth_year) == ("María López", "maria@example.org", 1955)
    assert new.gender == "woman"


def test_an_email_match_still_replaces_what_the_row_gives(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    old = _existing(services, full_name="Ana Ruiz", email="ana@example.org", phone="600 000 111")
    importer.apply(csv_file(tmp_path, "Ana;Ruiz;;;;1980;ANA@example.org;611 222 333;"))
    new = services.people.get(old.id or "")
    assert (new.phone, new.birth_year) == ("611 222 333", 1980)


def test_a_duplicate_within_the_file_only_fills_what_the_first_row_left_empty(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    path = csv_file(
        tmp_path,
        "Luis;Gómez;;;;1970;;600 000 111;",
        "luis;gomez;;;H;1999;;699 999 999;",
    )
    summary = importer.apply(path, policy="update")
    assert (summary.created, summary.updated) == (1, 1)
    [row] = services.people.list(limit=None)
    luis = services.people.get(row.id)
    assert (luis.birth_year, luis.phone, luis.gender) == (1970, "600 000 111", "man")


# --- An organisation in the trash is brought back, not used unseen ---------------------------


def test_an_organisation_in_the_trash_is_brought_back_and_reported(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    trashed = services.organisations.save(OrganisationData(name="Cruz Roja"))
    services.organisations.delete([trashed.id or ""])
    path = csv_file(tmp_path, "Ana;Ruiz;CRUZ  roja;;;;;;")
    planned = importer.preview(path).summary()
    assert (planned.organisations_created, planned.organisations_restored) == (0, ("Cruz Roja",))
    assert services.organisations.list(trash=True) != []  # the preview wrote nothing
    summary = importer.apply(path)
    assert (summary.organisations_created, summary.organisations_restored) == (0, ("Cruz Roja",))
    assert summary.as_dict()["organisations_restored"] == ["Cruz Roja"]
    assert [o.id for o in services.organisations.list()] == [trashed.id]
    assert services.organisations.list(trash=True) == []
    [row] = services.people.list(limit=None)
    assert [m.organisation_id for m in services.people.get(row.id).memberships] == [trashed.id]


def test_a_live_organisation_wins_over_one_of_the_same_name_in_the_trash(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    trashed = services.organisations.save(OrganisationData(name="Cruz Roja"))
    services.organisations.delete([trashed.id or ""])
    live = services.organisations.save(OrganisationData(name="Cruz Roja"))
    summary = importer.apply(csv_file(tmp_path, "Ana;Ruiz;Cruz Roja;;;;;;"))
    assert summary.organisations_restored == ()
    assert [o.id for o in services.organisations.list(trash=True)] == [trashed.id]
    [row] = services.people.list(limit=None)
    assert [m.organisation_id for m in services.people.get(row.id).memberships] == [live.id]


def test_find_or_create_brings_a_trashed_organisation_back(services: Services) -> None:
    trashed = services.organisations.save(OrganisationData(name="Cáritas"))
    services.organisations.delete([trashed.id or ""])
    restored: list[str] = []
    with services.db.session() as s:
        found, created = find_or_create_organisation(s, "caritas", restored=restored)
        again, created_again = find_or_create_organisation(s, "CARITAS")  # the old call works
    assert (found, created, restored) == (trashed.id, False, ["Cáritas"])
    assert (again, created_again) == (trashed.id, False)
    assert services.organisations.get(found).deleted_at is None
    assert [choice[0] for choice in services.organisations.choices()] == [trashed.id]


def test_a_skipped_row_does_not_bring_an_organisation_back(
    tmp_path: Path, services: Services, importer: ImportService
) -> None:
    trashed = services.organisations.save(OrganisationData(name="Cruz Roja"))
    services.organisations.delete([trashed.id or ""])
    _existing(
        services,
        full_name="Ana Ruiz",
        memberships=(MembershipData(None, organisation_name="Cáritas"),),
    )
    summary = importer.apply(csv_file(tmp_path, "ana;ruiz;Cruz Roja;;;;;;"))  # policy skip
    assert summary.organisations_restored == ()
    assert [o.id for o in services.organisations.list(trash=True)] == [trashed.id]


# --- Dates with two-digit years ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "year"),
    [("03/04/85", 1985), ("3-4-99", 1999), ("03/04/05", 2005), ("1.2.00", 2000)],
)
def test_a_date_with_a_two_digit_year_is_read(
    tmp_path: Path, importer: ImportService, cell: str, year: int
) -> None:
    plan = importer.preview(csv_file(tmp_path, f"Ana Ruiz;{cell}", header="Nombre;Fecha nac."))
    assert plan.rejected == ()
    assert plan.rows[0].columns["birth_year"] == year


def test_a_bare_two_digit_year_is_refused_with_a_clear_reason(
    tmp_path: Path, importer: ImportService
) -> None:
    plan = importer.preview(csv_file(tmp_path, "Ana Ruiz;85", header="Nombre;Año de nacimiento"))
    [rejected] = plan.rejected
    assert rejected.line == 2 and rejected.name == "Ana Ruiz"
    assert rejected.reason == (
        "Year of birth: “85” has only two digits: write the year with four digits."
    )


@pytest.mark.parametrize(
    ("two_digits", "year"),
    [("26", "2026"), ("00", "2000"), ("27", "1927"), ("85", "1985"), ("99", "1999")],
)
def test_two_digits_are_the_most_recent_year_not_in_the_future(two_digits: str, year: str) -> None:
    assert full_year(two_digits, today=date(2026, 11, 28)) == year
