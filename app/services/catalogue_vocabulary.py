"""The fixed lists of the good-practice catalogue: review statuses, licences, attachment types.

Codes are stored; labels are marked with ``N_`` and shown with ``_(label)``.
"""

from __future__ import annotations

from app.i18n import N_

PRACTICE_STATUSES: dict[str, str] = {
    "draft": N_("Draft"),
    "reviewed": N_("Reviewed"),
    "published": N_("Published"),
}

# Licences offered in the form (any other text may be typed).
LICENCES: tuple[str, ...] = (
    "CC BY 4.0",
    "CC BY-SA 4.0",
    "CC BY-NC 4.0",
    "CC BY-NC-SA 4.0",
    "CC0 1.0",
)

# The kinds of file a practice may carry, by media type, with the file name extension used
# when the file is written out to be opened. Anything else is refused.
ATTACHMENT_TYPES: dict[str, str] = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "text/plain": "txt",
    "text/csv": "csv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
}
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
