"""Words the certificate screens share: kinds, designs, statuses and the verdict of a check,
each with a symbol so that colour is never the only signal."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.i18n import N_, _, format_date, format_datetime

KIND_LABELS: dict[str, str] = {
    "attendance": N_("Attendance"),
    "completion": N_("Completion"),
}
KIND_TITLES: dict[str, str] = {
    "attendance": N_("Certificate of attendance"),
    "completion": N_("Certificate of completion"),
}
DESIGN_LABELS: dict[str, str] = {
    "classic": N_("Classic"),
    "modern": N_("Modern"),
    "minimal": N_("Minimal"),
}
DESIGN_DESCRIPTIONS: dict[str, str] = {
    "classic": N_("Centred serif text inside a fine double border in your organisation's colour."),
    "modern": N_(
        "A panel in your organisation's colour on the left with the logo and the QR code; "
        "clean text on the right."
    ),
    "minimal": N_("Plenty of white space, clean text and one thin line in your colour."),
}
STATUS_SYMBOLS = {"valid": "✔", "replaced": "↻", "revoked": "✘"}
STATUS_LABELS: dict[str, str] = {
    "valid": N_("Valid"),
    "replaced": N_("Replaced"),
    "revoked": N_("Revoked"),
}
STATUS_TONES = {"valid": "good", "replaced": "warning", "revoked": "bad"}


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def kind_title(kind: str) -> str:
    return _(KIND_TITLES[kind]) if kind in KIND_TITLES else kind


def status_text(status: str) -> str:
    """ "✔ Valid", "↻ Replaced", "✘ Revoked" in the current language."""
    label = _(STATUS_LABELS[status]) if status in STATUS_LABELS else status
    return f"{STATUS_SYMBOLS.get(status, '')} {label}".strip()


def dates_text(first: date | None, last: date | None) -> str:
    """One date, or "first – last"."""
    first, last = first or last, last or first
    if first is None or last is None:
        return ""
    if first == last:
        return format_date(first)
    return _("{first} – {last}").format(first=format_date(first), last=format_date(last))


def hours_text(minutes: int) -> str:
    """Minutes as hours to one decimal ("7.5 h"), or empty for none."""
    if minutes <= 0:
        return ""
    from app.i18n import format_number

    return _("{hours} h").format(hours=format_number(round(minutes / 60, 1)))


def local_text(value: datetime | None) -> str:
    """A stored UTC time as the computer's local time, short."""
    if value is None:
        return ""
    return format_datetime(value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None), "short")
