"""The conflicts inbox and a record's history: reading them, and settling or restoring values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Time,
)

from app.errors import ValidationError
from app.i18n import _
from app.models import Base
from app.services.sync import clock
from app.services.sync.describe import (
    CONFIDENTIAL,
    field_label,
    is_internal,
    record_label,
    reference_label,
    table_label,
)
from app.services.sync.devices import device_names
from app.services.sync.merge import write_local
from app.services.sync.tables import QUIET_FIELDS, REMOVED, TRASHED
from app.services.sync.values import encode, shown


@dataclass(frozen=True, slots=True)
class Version:
    """One value of a field as written on one laptop."""

    hlc: str
    device_name: str
    when: datetime  # UTC, naive
    value: str  # canonical JSON
    shown: str
    is_this_laptop: bool


@dataclass(frozen=True, slots=True)
class Conflict:
    table: str
    record: str
    field: str  # "" for a record deleted while edited
    kind: str  # "field" or "deleted"
    table_label: str
    record_label: str
    field_label: str
    current: Version  # the value in place (for "deleted": the deletion)
    others: tuple[Version, ...]  # the values that lost (for "deleted": the latest edit)
    edited_fields: tuple[str, ...] = ()  # for "deleted": what the other laptop edited


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    hlc: str
    when: datetime
    device_name: str
    field: str
    field_label: str
    value: str
    shown: str
    is_current: bool


def stamp_time(hlc: str) -> datetime:
    return datetime.fromtimestamp(clock.wall_ms(hlc) / 1000, UTC).replace(tzinfo=None)


def _version(
    conn: Connection, names: dict[str, str], me: str, hlc: str, table: str, record: str, field: str
) -> Version:
    value = (
        conn.exec_driver_sql(
            "SELECT value FROM sync_ops WHERE hlc = ? AND table_name = ? AND record_id = ? "
            "AND field = ?",
            (hlc, table, record, field),
        ).scalar()
        or "null"
    )
    device = clock.device_of(hlc)
    return Version(
        hlc=hlc,
        device_name=names.get(device) or _("another laptop"),
        when=stamp_time(hlc),
        value=value,
        shown=reference_label(conn, field, value) or shown(value),
        is_this_laptop=device == me,
    )


def open_conflicts(conn: Connection, me: str) -> list[Conflict]:
    names = device_names(conn)
    rows = conn.exec_driver_sql(
        "SELECT table_name, record_id, field, kind, winner_hlc, group_concat(loser_hlc, ' ') "
        "FROM sync_conflicts GROUP BY table_name, record_id, field, kind, winner_hlc "
        "ORDER BY table_name, record_id, field"
    ).fetchall()
    found = []
    for table, record, field, kind, winner, losers in rows:
        if kind == "deleted":
            deleting = _deletion_field(conn, table, record)
            current = _version(conn, names, me, winner, table, record, deleting)
            latest = max(losers.split())
            edited = _concurrent_edits(conn, table, record, winner, deleting)
            other_field = edited[0] if edited else deleting
            others: tuple[Version, ...] = (
                _version(conn, names, me, latest, table, record, other_field),
            )
            field_name = ""
        else:
            current = _version(conn, names, me, winner, table, record, field)
            others = tuple(
                _version(conn, names, me, h, table, record, field) for h in sorted(losers.split())
            )
            edited = ()
            field_name = field_label(field)
        found.append(
            Conflict(
                table=table,
                record=record,
                field=field,
                kind=kind,
                table_label=table_label(table),
                record_label=record_label(conn, table, record),
                field_label=field_name,
                current=current,
                others=others,
                edited_fields=tuple(field_label(f) for f in edited),
            )
        )
    return found


def _deletion_field(conn: Connection, table: str, record: str) -> str:
    removed = conn.exec_driver_sql(
        "SELECT value FROM sync_fields WHERE table_name = ? AND record_id = ? AND field = ?",
        (table, record, REMOVED),
    ).scalar()
    return REMOVED if removed == "true" else TRASHED


def _concurrent_edits(
    conn: Connection, table: str, record: str, deletion: str, field: str
) -> tuple[str, ...]:
    """The fields edited on another laptop without seeing the deletion (and unseen by it)."""
    rows = conn.exec_driver_sql(
        "SELECT DISTINCT e.field FROM sync_ops e JOIN sync_ops d ON d.hlc = ? "
        "AND d.table_name = e.table_name AND d.record_id = e.record_id AND d.field = ? "
        "WHERE e.table_name = ? AND e.record_id = ? "
        "AND e.field NOT IN ('created_at', 'updated_at', 'deleted_at', '_deleted') "
        "AND substr(e.hlc, ?) <> substr(d.hlc, ?) AND NOT sync_saw(d.rbase, e.hlc) "
        "AND NOT sync_saw(e.rbase, d.hlc) AND NOT EXISTS (SELECT 1 FROM sync_ops x "
        "WHERE x.table_name = e.table_name AND x.record_id = e.record_id "
        "AND x.field = e.field AND x.hlc <= d.hlc AND substr(x.hlc, ?) = substr(d.hlc, ?) "
        "AND x.value = e.value) ORDER BY e.field",
        (deletion, field, table, record, *[clock.DEVICE_AT + 1] * 4),
    )
    return tuple(r[0] for r in rows if not _is_quiet(r[0]))


def _is_quiet(field: str) -> bool:
    """Stamps, hashes and search keys derived from other fields: never shown on their own."""
    return field in QUIET_FIELDS or is_internal(field)


def keep_value(conn: Connection, conflict: Conflict, value: str) -> None:
    """Settle a field conflict with one of its values (or an edited one), on every laptop."""
    if conflict.kind != "field":
        raise ValidationError(_("This conflict is about a deleted record."))
    write_local(conn, conflict.table, conflict.record, {conflict.field: value})


def typed_value(conflict: Conflict, text: str) -> str:
    """A person's edited text as a value of the conflicting field's column (its kind checked:
    text that fits, a whole number, a date); other kinds are settled by keeping a version."""
    column = Base.metadata.tables[conflict.table].columns.get(conflict.field)
    if column is None:
        raise ValidationError(_("This value cannot be edited here: keep one of the two values."))
    kind, text = column.type, text.strip()
    if not text and column.nullable and not isinstance(kind, String):
        return encode(None)
    if isinstance(kind, Boolean | JSON | LargeBinary | DateTime | Time):
        raise ValidationError(_("This value cannot be edited here: keep one of the two values."))
    if isinstance(kind, Date):
        return encode(_day(text).isoformat())
    if isinstance(kind, Integer):
        try:
            return encode(int(text))
        except ValueError as error:
            raise ValidationError(
                _("Write a whole number, or keep one of the two values.")
            ) from error
    if isinstance(kind, Float | Numeric):
        try:
            return encode(float(text.replace(",", ".")))
        except ValueError as error:
            raise ValidationError(_("Write a number, or keep one of the two values.")) from error
    length = getattr(kind, "length", None)
    if length and len(text) > length:
        raise ValidationError(
            _("The text is too long ({count} characters at most).").format(count=length)
        )
    return encode(text)


def _day(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(_("Write the date as 15/03/2026, or keep one of the two values."))


def settle_deletion(conn: Connection, conflict: Conflict, *, restore: bool) -> None:
    """Keep the record deleted, or bring it back with the other laptop's edits."""
    field = _deletion_field(conn, conflict.table, conflict.record)
    if restore:  # back in its table and out of the trash
        trashed = conn.exec_driver_sql(
            "SELECT value FROM sync_fields WHERE table_name = ? AND record_id = ? AND field = ?",
            (conflict.table, conflict.record, TRASHED),
        ).scalar()
        values = {field: "false" if field == REMOVED else "null"}
        if field == REMOVED and trashed not in (None, "null"):
            values[TRASHED] = "null"
    else:
        values = {field: "true" if field == REMOVED else conflict.current.value}
    write_local(conn, conflict.table, conflict.record, values)


def history(conn: Connection, table: str, record: str) -> list[HistoryEntry]:
    """Who changed what of a record, when and on which laptop: newest first."""
    names = device_names(conn)
    winners = {
        (field, hlc)
        for field, hlc in conn.exec_driver_sql(
            "SELECT field, hlc FROM sync_fields WHERE table_name = ? AND record_id = ?",
            (table, record),
        )
    }
    entries = []
    for hlc, field, value in conn.exec_driver_sql(
        "SELECT hlc, field, value FROM sync_ops WHERE table_name = ? AND record_id = ? "
        "ORDER BY hlc DESC, field",
        (table, record),
    ):
        if (
            field in QUIET_FIELDS
            or field.endswith("_key")
            and field != "public_key"
            or field == "id"
        ):
            continue
        secret = (table, field) in CONFIDENTIAL
        entries.append(
            HistoryEntry(
                hlc=hlc,
                when=stamp_time(hlc),
                device_name=names.get(clock.device_of(hlc)) or _("another laptop"),
                field=field,
                field_label=field_label(field),
                value=value,
                shown=_("(confidential)") if secret else shown(value),
                is_current=(field, hlc) in winners,
            )
        )
    return entries


def restore_value(conn: Connection, table: str, record: str, field: str, value: str) -> None:
    """Put back an earlier value of a field (a new change, itself in the history)."""
    write_local(conn, table, record, {field: value})
