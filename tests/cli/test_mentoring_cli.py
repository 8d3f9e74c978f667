"""``tejido mentoring ...`` as used at a terminal: lists, health, suggestions, totals and the
two PDFs, and never a confidential note in anything printed."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.services.context import DataFolder
from app.services.mentoring_values import RelationshipData, SessionLogData
from app.services.mentors import MentorData
from app.services.organisations import OrganisationData
from app.services.people import MembershipData, PersonData
from app.services.registry import build_services

SECRET = "ZQX-CONFIDENTIAL-7781"


@pytest.fixture
def programme(data_dir: Path) -> dict[str, str]:
    """Two pairs with the same mentor: Ana (active, last met 20 weeks ago) and Ander
    (closed); a third organisation that needs fundraising help; Marta, a mentor who offers it."""
    services = build_services(DataFolder(data_dir))
    try:
        org = {
            name: services.organisations.save(OrganisationData(name=name, **more)).id or ""
            for name, more in (
                ("Fundación Alimenta", {}),
                ("Asociación La Rondilla", {}),
                ("Asociación Barrio Vivo", {"needs": "Captación de fondos y subvenciones"}),
                ("Cooperativa Tejer", {}),
            )
        }

        def person(name: str, organisation: str) -> str:
            membership = (MembershipData(organisation_id=org[organisation]),)
            return services.people.save(PersonData(full_name=name, memberships=membership)).id

        pedro = person("Pedro Mentor Ruiz", "Fundación Alimenta")
        ana = person("Ana Aprendiz Gómez", "Asociación La Rondilla")
        ander = person("Ander Aprendiz Etxeberria", "Asociación La Rondilla")
        marta = person("Marta Fondos Vidal", "Cooperativa Tejer")
        services.mentors.save(
            MentorData(
                person_id=marta,
                organisation_id=org["Cooperativa Tejer"],
                areas=("fundraising",),
                capacity=2,
            )
        )
        ids = {"org": org["Asociación Barrio Vivo"]}
        long_ago = date.today() - timedelta(weeks=30)
        for name, mentee, status in (("ana", ana, "active"), ("ander", ander, "closed")):
            detail = services.mentoring.save(
                RelationshipData(
                    mentor_id=pedro,
                    mentee_id=mentee,
                    mentor_organisation_id=org["Fundación Alimenta"],
                    mentee_organisation_id=org["Asociación La Rondilla"],
                    areas=("management",),
                    start_date=long_ago,
                    status=status,
                    closure_reason="goals_achieved" if status == "closed" else "",
                    closed_on=date.today() if status == "closed" else None,
                )
            )
            ids[name] = detail.data.id or ""
            services.mentoring.save_session(
                SessionLogData(
                    relationship_id=ids[name],
                    date=date.today() - timedelta(weeks=20),
                    minutes=90,
                    topics="Strategic plan",
                    confidential_notes=f"{SECRET} personal trouble",
                )
            )
    finally:
        services.db.dispose()
    return ids


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert SECRET not in out + err
    return code, out, err


def test_list_shows_the_pairs_as_a_table_or_json(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str]
) -> None:
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "mentoring", "list")
    assert code == 0
    assert "Ana Aprendiz Gómez" in out and "Ander Aprendiz Etxeberria" in out
    assert "Pedro Mentor Ruiz" in out and "2 pairs." in out
    code, out, _err = run(
        capsys, "--data-dir", str(data_dir), "mentoring", "list", "--status", "active", "--json"
    )
    rows = json.loads(out)
    assert [row["id"] for row in rows] == [programme["ana"]]
    assert rows[0]["mentee_organisation"] == "Asociación La Rondilla"
    assert rows[0]["sessions"] == 1 and rows[0]["status"] == "active"
    assert all("confidential" not in key for key in rows[0])


def test_health_flags_the_pair_that_has_not_met_for_weeks(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str]
) -> None:
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "mentoring", "health")
    assert code == 0
    assert "Ana Aprendiz Gómez" in out and "No session for 20 weeks" in out
    assert "Ander" not in out, "a closed pair needs no attention"
    code, out, _err = run(
        capsys, "--data-dir", str(data_dir), "mentoring", "health", "--weeks", "30", "--json"
    )
    rows = json.loads(out)
    assert all("no_session" not in [f["code"] for f in row["flags"]] for row in rows)
    code, _out, err = run(
        capsys, "--data-dir", str(data_dir), "mentoring", "health", "--weeks", "0"
    )
    assert code == 1 and "weeks" in err


def test_suggest_names_a_mentor_with_the_reasons(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str]
) -> None:
    code, out, _err = run(
        capsys, "--data-dir", str(data_dir), "mentoring", "suggest", "barrio vivo"
    )
    assert code == 0
    assert "Asociación Barrio Vivo" in out
    assert "1. Marta Fondos Vidal (Cooperativa Tejer)" in out
    assert "   - " in out, "each reason on its own line"
    code, out, _err = run(
        capsys, "--data-dir", str(data_dir), "mentoring", "suggest", programme["org"], "--json"
    )
    found = json.loads(out)
    assert found["organisation_name"] == "Asociación Barrio Vivo"
    assert found["suggestions"][0]["mentor_name"] == "Marta Fondos Vidal"
    assert found["suggestions"][0]["reasons"]
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "mentoring", "suggest", "asociacion")
    assert code == 1 and "2 organisations match" in err
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "mentoring", "suggest", "Nadie")
    assert code == 1 and "No organisation" in err


def test_totals_for_everything_and_for_a_period(
    capsys: pytest.CaptureFixture[str], data_dir: Path, programme: dict[str, str]
) -> None:
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "mentoring", "totals", "--json")
    totals = json.loads(out)
    assert code == 0
    assert totals["sessions"] == 2 and totals["hours"] == 3 and totals["pairs_closed"] == 1
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "mentoring", "totals")
    assert "Since the programme began:" in out and "Sessions" in out
    code, out, _err = run(
        capsys, "--data-dir", str(data_dir), "mentoring", "totals", "--to", "2000-12-31", "--json"
    )
    assert json.loads(out)["sessions"] == 0 and json.loads(out)["to"] == "2000-12-31"
    code, _out, err = run(
        capsys, "--data-dir", str(data_dir), "mentoring", "totals", "--from", "31/12/2025"
    )
    assert code == 1 and "YYYY-MM-DD" in err


def test_agreement_and_summary_of_a_pair_named_by_words_or_id(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    programme: dict[str, str],
    tmp_path: Path,
) -> None:
    agreement = tmp_path / "acuerdo.pdf"
    code, out, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "mentoring",
        "agreement",
        "ana pedro",
        "--out",
        str(agreement),
        "--lang",
        "es",
    )
    assert code == 0, err
    assert "Ana Aprendiz Gómez" in out and str(agreement) in out
    text = "".join(page.extract_text() for page in PdfReader(agreement).pages)
    assert "Ana Aprendiz Gómez" in text and "Pedro Mentor Ruiz" in text
    summary = tmp_path / "summary.pdf"
    code, out, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "mentoring",
        "summary",
        programme["ander"],
        "--out",
        str(summary),
    )
    assert code == 0, err
    text = "".join(page.extract_text() for page in PdfReader(summary).pages)
    assert "Ander Aprendiz Etxeberria" in text and "Strategic plan" in text
    assert SECRET not in text


def test_a_pair_that_words_do_not_name_exactly_is_refused_clearly(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    programme: dict[str, str],
    tmp_path: Path,
) -> None:
    out_file = tmp_path / "x.pdf"
    argv = ("--data-dir", str(data_dir), "mentoring", "summary")
    code, _out, err = run(capsys, *argv, "aprendiz", "--out", str(out_file))
    assert code == 1
    assert (
        "2 mentoring pairs match" in err and programme["ana"] in err and programme["ander"] in err
    )
    code, _out, err = run(capsys, *argv, "Rondilla", "--out", str(out_file))
    assert code == 1 and "No mentoring pair" in err, "organisations do not name a pair"
    assert not out_file.exists()
