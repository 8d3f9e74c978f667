"""Importing people and organisations from spreadsheets (CSV or XLSX).

``reader`` turns a file into rows of text, ``headers`` guesses which column is which field,
``values`` reads a row as a person, ``matching`` finds who is already there, ``checks`` says what
the directory forbids writing (a withdrawn consent) or brings back (a trashed organisation),
``writing`` writes in bulk, and ``people_import.ImportService`` ties them together: preview, then
apply in one transaction; ``summary`` is what it reports.
"""

from app.services.importing.headers import FIELDS, guess_mapping
from app.services.importing.matching import POLICIES, DuplicateMatch, RowOutcome
from app.services.importing.people_import import ImportPlan, ImportService, TableInfo
from app.services.importing.reader import Table, read_table
from app.services.importing.summary import ImportSummary, RowWarning
from app.services.importing.values import RejectedRow

__all__ = [
    "FIELDS",
    "POLICIES",
    "DuplicateMatch",
    "ImportPlan",
    "ImportService",
    "ImportSummary",
    "RejectedRow",
    "RowOutcome",
    "RowWarning",
    "Table",
    "TableInfo",
    "guess_mapping",
    "read_table",
]
