"""What the import dialog says about a finished import: counts, notes on rows, restored ones."""

from __future__ import annotations

from app.services.importing.summary import ImportSummary, RowWarning
from app.views.import_preview_model import MAX_LISTED_WARNINGS, done_counts, planned_counts


def _summary(**changes) -> ImportSummary:
    values = dict(
        file_name="gente.csv",
        created=3,
        updated=1,
        duplicates=(),
        rejected=(),
        warnings=(),
        organisations_created=2,
        dry_run=False,
    )
    values.update(changes)
    return ImportSummary(**values)


def test_counts_of_a_finished_import() -> None:
    text = done_counts(_summary())
    assert "3 people were created." in text
    assert "1 person was updated." in text
    assert "2 organisations were created." in text
    assert "trash" not in text and "Notes" not in text


def test_notes_on_rows_are_listed_in_their_own_words() -> None:
    warning = RowWarning(line=7, message="Consent was withdrawn on 2025-01-02; not recorded again.")
    text = done_counts(_summary(warnings=(warning,)))
    assert "Row 7: Consent was withdrawn on 2025-01-02; not recorded again." in text


def test_a_long_list_of_notes_is_cut_with_a_count() -> None:
    notes = tuple(RowWarning(line=n, message="Gender not understood.") for n in range(2, 52))
    text = done_counts(_summary(warnings=notes))
    assert text.count("Gender not understood.") == MAX_LISTED_WARNINGS
    assert f"…and {50 - MAX_LISTED_WARNINGS} more." in text


def test_organisations_brought_back_from_the_trash_are_said() -> None:
    summary = _summary(organisations_restored=("Asociación Ñandú",))
    assert "1 organisation was brought back from the trash." in done_counts(summary)
    assert "1 organisation will be brought back from the trash." in planned_counts(
        _summary(organisations_restored=("Asociación Ñandú",), dry_run=True)
    )
