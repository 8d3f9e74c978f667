"""What ``tejido sync`` prints: a pass's outcome and sync's status, as sentences or as JSON.

Only counts, names of laptops and kinds of records: never a value of a record (the confidential
notes of mentoring sessions travel in the exchange folder, never on the terminal).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from app.i18n import _, format_datetime, ngettext
from app.services.sync.describe import table_label
from app.services.sync.service import HeldBatch, PassResult, SyncStatus

Approve = Callable[[str], str]  # a held file's hash -> the command that applies it


def pass_json(result: PassResult, held: list[HeldBatch]) -> dict[str, object]:
    """The pass as ``--json`` prints it."""
    return {
        "exported": result.exported,
        "ingested": result.ingested,
        "conflicts": result.conflicts,
        "incomplete": len(result.incomplete),
        "devices": result.devices,
        "review": [held_json(batch) for batch in held],
        "new_identity": result.new_identity,
    }


def held_json(batch: HeldBatch) -> dict[str, object]:
    return {
        "sha256": batch.sha256,
        "device_name": batch.device_name,
        "seq": batch.seq,
        "operations": batch.operations,
        "deletions": dict(sorted(batch.deletions.items())),
    }


def print_pass(result: PassResult, held: list[HeldBatch], approve: Approve) -> None:
    """What the pass did, one sentence a line."""
    if result.new_identity:
        print(
            _(
                "This laptop's data was restored from a backup or copied from another laptop: "
                "it now syncs as a new laptop, and what it had sent before was read back, so "
                "nothing is lost."
            )
        )
    sent, files = result.exported, result.ingested
    print(
        ngettext("Sent {count} change.", "Sent {count} changes.", sent).format(count=sent)
        if sent
        else _("Nothing new to send.")
    )
    print(
        ngettext(
            "Received {count} file from the other laptops.",
            "Received {count} files from the other laptops.",
            files,
        ).format(count=files)
        if files
        else _("Nothing new from the other laptops.")
    )
    for count, line in _count_lines(result):
        if count:
            print(line.format(count=count))
    for batch in held:
        print_held(batch, approve)


def _count_lines(result: PassResult) -> list[tuple[int, str]]:
    changed, waiting = sum(result.brought.values()), len(result.incomplete)
    return [
        (
            changed,
            ngettext("{count} record changed here.", "{count} records changed here.", changed),
        ),
        (
            result.conflicts,
            ngettext(
                "{count} conflict to settle in the Sync menu.",
                "{count} conflicts to settle in the Sync menu.",
                result.conflicts,
            ),
        ),
        (
            waiting,
            ngettext(
                "{count} file cannot be read yet (still being copied, or damaged); it will be "
                "tried again at the next sync.",
                "{count} files cannot be read yet (still being copied, or damaged); they will be "
                "tried again at the next sync.",
                waiting,
            ),
        ),
        (
            result.devices,
            ngettext(
                "{count} laptop uses this folder, this one included.",
                "{count} laptops use this folder, this one included.",
                result.devices,
            ),
        ),
    ]


def print_held(batch: HeldBatch, approve: Approve) -> None:
    """Which laptop's file is held, what it would delete, and the command that applies it."""
    total = sum(batch.deletions.values())
    details = ", ".join(
        _("{kind}: {count}").format(kind=table_label(table), count=count)
        for table, count in sorted(batch.deletions.items())
    )
    print(
        ngettext(
            "A change file from {laptop} would delete {count} record here ({details}), so it "
            "is held until you check it.",
            "A change file from {laptop} would delete {count} records here ({details}), so it "
            "is held until you check it.",
            total,
        ).format(laptop=batch.device_name, count=total, details=details)
    )
    print(
        _("If these deletions are meant, apply them with: {command}").format(
            command=approve(batch.sha256)
        )
    )


def status_json(status: SyncStatus) -> dict[str, object]:
    """``--status --json``: the settings, what waits, and every laptop known."""
    settings = status.settings
    return {
        "enabled": settings.enabled,
        "folder": settings.folder or None,
        "device_name": settings.device_name or None,
        "device_id": settings.device_id or None,
        "last_pass_at": _utc(status.last_pass_at),
        "pending": status.pending,
        "conflicts": status.conflicts,
        "incomplete": len(status.incomplete),
        "devices": len(status.devices),
        "review": [held_json(batch) for batch in status.held],
        "laptops": [
            {
                "id": d.device_id,
                "name": d.name,
                "last_seen": _utc(d.last_seen),
                "clock_ahead_s": d.clock_ahead_s,
                "this_laptop": d.is_this,
            }
            for d in status.devices
        ],
    }


def print_status(status: SyncStatus, approve: Approve) -> None:
    settings = status.settings
    if not settings.enabled:
        print(_("Sync is not set up on this laptop (or it was turned off)."))
        return
    print(_("Sync folder: {folder}").format(folder=settings.folder))
    print(_("This laptop: {name}").format(name=settings.device_name))
    print(_("Last sync: {when}").format(when=_local(status.last_pass_at) or _("never")))
    print(_("Changes waiting to be sent: {count}").format(count=status.pending))
    print(_("Conflicts to settle in the Sync menu: {count}").format(count=status.conflicts))
    print(_("Files not readable yet: {count}").format(count=len(status.incomplete)))
    print(_("Laptops on this folder:"))
    for device in status.devices:
        seen = _local(device.last_seen) or _("never")
        line = _("{name}: last seen {when}").format(name=device.name, when=seen)
        if device.is_this:
            line += " " + _("(this laptop)")
        if device.clock_ahead_s:
            line += " " + _("(its clock is ahead of this one's)")
        print("  " + line)
    for batch in status.held:
        print_held(batch, approve)


def _utc(value: datetime | None) -> str | None:
    return value.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z") if value else None


def _local(value: datetime | None) -> str:
    """A naive UTC time as local time, in the current language."""
    if value is None:
        return ""
    return format_datetime(value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None), "short")
