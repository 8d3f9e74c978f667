"""Importing people and organisations from spreadsheets (CSV or XLSX).

``reader`` turns a file into rows of text, ``headers`` guesses which column is which field,
``values`` reads a row as a person, ``matching`` finds who is already there, ``writing`` writes in
bulk, and ``people_import.ImportService`` ties them together: preview, then apply in one
transaction.
"""

from app.services.importing.headers import FIELDS, guess_mapping
from app.services.importing.matching import POLICIES, DuplicateMatch, RowOutcome
from app.services.importing.people_import import (
    ImportPlan,
    ImportService,
    ImportSummary,
    RowWarning,
    TableInfo,
)
from app.services.importing.reader import Table, read_table
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
