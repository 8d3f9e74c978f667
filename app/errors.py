"""Expected problems, each with a message a non-technical person understands.

Anything raised as a :class:`TejidoError` is shown where it happened (a dialog, a line on stderr)
without a traceback; anything else is a bug and goes to the global handler.
"""


class TejidoError(Exception):
    """An expected problem. ``str(error)`` is already a translated, plain-words message."""


class ValidationError(TejidoError):
    """Input that cannot be saved as it is; ``field`` names the field at fault, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotFoundError(TejidoError):
    """A record asked for by id does not exist (or is in the trash when it must not be)."""


class ImportRejected(TejidoError):
    """A whole file cannot be imported (not a spreadsheet, empty, unreadable, too large)."""


class DataFolderError(TejidoError):
    """The data folder cannot be used (cloud-synced, read-only, missing permissions)."""


class AlreadyRunningError(TejidoError):
    """Another Tejido already uses this data folder."""


class DatabaseError(TejidoError):
    """The database cannot be opened safely (damaged, newer than this program, not a database)."""


class NewerDatabaseError(DatabaseError):
    """The database was written by a newer Tejido; it is refused and left untouched."""


class BackupError(TejidoError):
    """A backup could not be made, checked or restored."""


class Cancelled(TejidoError):
    """The person cancelled a long job; everything it had done was rolled back."""
