"""The report's tables (what the XLSX and the PDF show) from its JSON shape, and the
documentation of that shape."""

from __future__ import annotations

import re
from pathlib import Path

from app.i18n import document_words
from app.services.registry import Services
from app.services.reports.period import Period
from app.services.reports.report_tables import report_tables, summary_rows
from app.services.reports.values import figure_keys, report_json

DOCS = Path(__file__).resolve().parents[2] / "docs" / "report-format.md"


def report_data(**changes: object) -> dict:
    data = {
        "period": {"from": "2025-01-01", "to": "2025-03-31"},
        "participants": {
            "total": 40,
            "by_gender": {"woman": 30, "man": None, "non_binary": 0, "not_stated": 6},
            "by_age_band": {"under_18": 0, "18_29": 12, "30_54": 20, "55_plus": 8, "unknown": 0},
            "by_kind": {"forum": 30, "capsule": 25, "other": 0},
        },
        "completed": {"total": 20, "by_gender": {"woman": 15, "man": None, "non_binary": 0}},
        "hours": {"delivered": 12.5, "person_hours": 310.0},
        "sessions": 7,
        "organisations": {
            "reached": 12,
            "completed": None,
            "by_type": {"association": 9, "foundation": None, "retired_kind": 3},
            "by_territory": {"St. Mary's": 7, "Valladolid": 5, "": None},
        },
        "mentoring": {
            "pairs_active": 4,
            "pairs_closed": 0,
            "sessions": 9,
            "hours": 11.5,
            "goals_achieved": 2,
        },
        "practices": {"collected": 3, "published": 1, "shared": 2, "adopted": 1},
        "certificates": {"issued": 18},
        "cascades": {"count": 2, "people_reached": 35},
        "suppressed_below": 5,
    }
    data.update(changes)
    return data


def tables(data: dict) -> dict[str, object]:
    return {table.key: table for table in report_tables(data, document_words("en"))}


def rows(table: object) -> dict[str, tuple[object, ...]]:
    return {row.label: row.values for row in table.rows}  # type: ignore[attr-defined]


def test_breakdowns_keep_the_reports_order_with_their_total_last() -> None:
    found = tables(report_data())
    gender = found["participants.by_gender"]
    assert [row.label for row in gender.rows] == [
        "Woman",
        "Man",
        "Non-binary",
        "Prefers not to say",
        "Total",
    ]
    assert rows(gender)["Man"] == (None, None)  # hidden in both columns
    assert rows(gender)["Prefers not to say"] == (6, 0)  # not listed for completed: 0
    assert rows(gender)["Total"] == (40, 20) and gender.rows[-1].total
    territories = found["organisations.by_territory"]
    assert [row.label for row in territories.rows] == [
        "St. Mary's",
        "Valladolid",
        "Territory not recorded",
        "Total",
    ]


def test_every_value_keeps_its_key_path_even_with_dots_in_a_name() -> None:
    found = tables(report_data())
    territory = found["organisations.by_territory"].rows[0]
    assert territory.keys == ("organisations.by_territory.St. Mary's",)
    assert territory.values == (7,)
    gender = found["participants.by_gender"].rows[0]
    assert gender.keys == ("participants.by_gender.woman", "completed.by_gender.woman")
    by_type = rows(found["organisations.by_type"])
    assert by_type["retired_kind"] == (3,)  # a code no longer known is still shown
    assert by_type["Total"] == (12,)  # organisations reached


def test_the_summary_lists_every_single_figure_once() -> None:
    summary = summary_rows(report_data(), document_words("en"))
    keys = [row.keys[0] for row in summary]
    assert len(keys) == len(set(keys)) == 19
    values = {row.keys[0]: row.values[0] for row in summary}
    assert values["organisations.completed"] is None
    assert values["hours.delivered"] == 12.5 and values["cascades.people_reached"] == 35


def test_the_documentation_names_every_key_of_the_report(services: Services) -> None:
    text = DOCS.read_text(encoding="utf-8")
    report = services.reports.build(Period.year(2025))
    paths = {".".join(key.split(".")[:2]) for key in figure_keys(report)}
    paths |= {"period.from", "period.to", "suppressed_below"}
    missing = sorted(path for path in paths if f"`{path}`" not in text)
    assert missing == []
    codes = set()
    for section in ("participants", "organisations"):
        for name, value in report_json(report)[section].items():
            if isinstance(value, dict) and name != "by_territory":
                codes |= set(value)
    assert sorted(code for code in codes if not re.search(f"`{code}`", text)) == []
