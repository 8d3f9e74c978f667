"""Sync as the GUI and the command line use it: set up, run a pass, list and settle conflicts,
read a record's history. Passes use their own connection, with foreign keys unchecked while
applying other laptops' rows (a child may arrive before its parent)."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, event

from app import __version__
from app.db import Database, make_engine
from app.errors import ValidationError
from app.i18n import _
from app.migrate import SCHEMA_HEAD
from app.services.context import DataFolder
from app.services.sync.capture import capture, install_triggers, mark_everything
from app.services.sync.devices import (
    device_names,
    list_devices,
    refresh_devices,
    write_status,
)
from app.services.sync.exchange import Exchange, Unreadable
from app.services.sync.export import export_pending, finish_interrupted
from app.services.sync.hooks import capture_on_commit, new_device_id, outrun, remember_changes
from app.services.sync.inbox import (
    Conflict,
    HistoryEntry,
    history,
    keep_value,
    open_conflicts,
    restore_value,
    settle_deletion,
    typed_value,
)
from app.services.sync.ingest import ingest
from app.services.sync.results import HeldBatch, PassResult, SyncSettings, SyncStatus
from app.services.sync.state import now_text, read_state, update_state

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
EXCHANGE_PREFIX = "Tejido-sync"


def exchange_root(chosen: Path) -> Path:
    """The exchange folder for a folder a person chose: itself when it is one, else the one
    Tejido made inside it (so choosing the same Dropbox folder on every laptop just works)."""
    if (chosen / "FORMAT.json").is_file():
        return chosen
    return chosen / EXCHANGE_PREFIX


class SyncService:
    def __init__(self, db: Database, folder: DataFolder):
        self.db = db
        self.folder = folder
        self._engine: Engine | None = None
        self._lock = threading.Lock()  # one pass at a time in this program
        state = self._state()
        if state is not None and state.enabled:
            self._start_capturing()

    # -- settings -------------------------------------------------------------------------

    def settings(self) -> SyncSettings:
        state = self._state()
        if state is None:
            return SyncSettings(False, "", "", "")
        return SyncSettings(state.enabled, state.folder, state.device_name, state.device_id)

    def set_up(
        self, chosen: Path, device_name: str, progress: Progress | None = None
    ) -> SyncSettings:
        """Start syncing through ``chosen`` (a folder that others replicate)."""
        name = " ".join(device_name.split())
        if not name:
            raise ValidationError(_("Give this laptop a name."), field="device_name")
        if len(name) > 100:
            raise ValidationError(
                _("The name is too long (100 characters at most)."), field="device_name"
            )
        if not chosen.is_dir():
            raise ValidationError(
                _("The folder {folder} does not exist.").format(folder=chosen), field="folder"
            )
        root = exchange_root(chosen)
        exchange = Exchange(root)
        try:
            exchange.create()
            exchange.check_format()
        except (OSError, Unreadable) as error:
            raise ValidationError(
                _("Tejido cannot use {folder} for sync: {problem}").format(
                    folder=root, problem=error
                ),
                field="folder",
            ) from error
        with self._connect() as conn:
            state = read_state(conn)
            if state is None:
                conn.exec_driver_sql(
                    "INSERT INTO sync_state (id, enabled, device_id, device_name, folder, clock, "
                    "last_seq, schema, last_summary) VALUES (1, 1, ?, ?, ?, '', 0, '', '{}')",
                    (new_device_id(), name, str(root)),
                )
            else:
                if state.folder and Path(state.folder) != root:
                    # A new folder starts empty: publish everything known here again there
                    # (operations keep their stamps, so a laptop reading both changes nothing).
                    conn.exec_driver_sql("UPDATE sync_ops SET pending = 1")
                update_state(conn, enabled=1, device_name=name, folder=str(root))
            self._prepare(conn, progress)
            state = read_state(conn)
        assert state is not None
        exchange.write_device(state.device_id, name, __version__)
        self._start_capturing()
        return self.settings()

    def rename_device(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise ValidationError(_("Give this laptop a name."), field="device_name")
        with self._connect() as conn:
            update_state(conn, device_name=name[:100])

    def turn_off(self) -> None:
        """Stop syncing (changes keep being recorded for when it is turned on again)."""
        with self._connect() as conn:
            update_state(conn, enabled=0)

    # -- the pass -------------------------------------------------------------------------

    def run_pass(self, progress: Progress | None = None, approve: Iterable[str] = ()) -> PassResult:
        """Export pending changes, ingest new files, and write this laptop's status."""
        state = self._state()
        if state is None or not state.enabled:
            raise ValidationError(_("Sync is not set up: choose a folder first."), field="folder")
        exchange = Exchange(Path(state.folder))
        if not exchange.exists():
            raise ValidationError(
                _(
                    "The sync folder {folder} cannot be reached. If it is on a USB stick or a "
                    "network drive, connect it and try again; nothing was changed."
                ).format(folder=state.folder),
                field="folder",
            )
        with self._lock:
            try:
                return self._pass(exchange, progress, frozenset(approve))
            except OSError as error:  # the folder went away or filled up during the pass
                log.warning("sync: the folder failed during a pass (%s)", type(error).__name__)
                raise ValidationError(
                    _(
                        "The sync folder {folder} could not be written ({problem}). What was "
                        "done so far is kept and the rest waits for the next sync: check that "
                        "the folder is connected and has room, and try again."
                    ).format(folder=state.folder, problem=error.strerror or error),
                    field="folder",
                ) from error

    def _pass(
        self, exchange: Exchange, progress: Progress | None, approve: frozenset[str]
    ) -> PassResult:
        engine = self._sync_engine()
        with engine.begin() as conn:
            capture(conn)
            finish_interrupted(conn, exchange)
        state = self._state()
        assert state is not None
        first = ingest(engine, exchange, state.device_id, approve, _scaled(progress, 0, 50))
        renewed = False
        if first.foreign_own or outrun(exchange, state):
            self._new_identity(exchange)
            renewed = True
            state = self._state()
            assert state is not None
            again = ingest(engine, exchange, state.device_id, approve, _scaled(progress, 50, 60))
            first.ingested += again.ingested
            first.operations += again.operations
            first.brought.update(again.brought)
            first.incomplete, first.review = again.incomplete, again.review
        exported = export_pending(engine, exchange, _scaled(progress, 60, 100))
        with engine.begin() as conn:
            write_status(conn, exchange)
            devices = refresh_devices(conn, exchange)
            conflicts = conn.exec_driver_sql("SELECT count(*) FROM sync_conflicts").scalar_one()
            result = PassResult(
                exported=exported,
                ingested=first.ingested,
                operations=first.operations,
                conflicts=conflicts,
                incomplete=first.incomplete,
                review=sorted(set(first.review)),
                devices=len(devices),
                brought=dict(first.brought),
                new_identity=renewed,
            )
            update_state(conn, last_pass_at=now_text(), last_summary=json.dumps(_summary(result)))
        return result

    def _new_identity(self, exchange: Exchange) -> None:
        """Restored from an old backup or copied from another laptop: become a new laptop, and
        read the files of the old identity as another laptop's (nothing is lost)."""
        with self._sync_engine().begin() as conn:
            state = read_state(conn)
            assert state is not None
            new = new_device_id()
            conn.exec_driver_sql(
                "UPDATE sync_segments SET status = 'ingested' WHERE status = 'own'"
            )
            update_state(conn, device_id=new, last_seq=0)
            log.warning("sync: this laptop takes a new identity (restored or copied)")
        exchange.write_device(new, state.device_name, __version__)

    # -- what the panel, the inbox and the history show -----------------------------------

    def status(self) -> SyncStatus:
        settings = self.settings()
        with self.db.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT last_pass_at, last_summary FROM sync_state WHERE id = 1"
            ).fetchone()
            devices = list_devices(conn, settings.device_id) if settings.device_id else []
            incomplete = conn.exec_driver_sql(
                "SELECT path, problem, first_seen FROM sync_files WHERE status = 'incomplete' "
                "ORDER BY path"
            ).fetchall()
            held = [
                HeldBatch(sha, names.get(device, "") or device[:8], seq, count, json.loads(summary))
                for names in [device_names(conn)]
                for sha, device, seq, count, summary in conn.exec_driver_sql(
                    "SELECT sha256, device_id, seq, op_count, summary FROM sync_segments "
                    "WHERE status = 'review' ORDER BY device_id, seq"
                )
            ]
            pending = conn.exec_driver_sql(
                "SELECT count(*) FROM sync_ops WHERE pending = 1"
            ).scalar_one()
            conflicts = conn.exec_driver_sql("SELECT count(*) FROM sync_conflicts").scalar_one()
        last = _as_datetime(row[0]) if row else None
        return SyncStatus(
            settings=settings,
            last_pass_at=last,
            last_summary=json.loads(row[1] or "{}") if row else {},
            devices=devices,
            incomplete=[(p, problem, _as_datetime(when)) for p, problem, when in incomplete],
            held=held,
            pending=pending,
            conflicts=conflicts,
        )

    def conflict_count(self) -> int:
        with self.db.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM sync_conflicts").scalar_one()

    def conflicts(self) -> list[Conflict]:
        me = self.settings().device_id
        with self.db.engine.connect() as conn:
            return open_conflicts(conn, me)

    def keep(self, conflict: Conflict, value: str) -> None:
        """Settle a field conflict with ``value`` (one of the versions' canonical values)."""
        with self._connect() as conn:
            keep_value(conn, conflict, value)

    def keep_edited(self, conflict: Conflict, text: str) -> None:
        """Settle a field conflict with a value the person wrote."""
        value = typed_value(conflict, text)
        with self._connect() as conn:
            keep_value(conn, conflict, value)

    def settle_deletion(self, conflict: Conflict, *, restore: bool) -> None:
        with self._connect() as conn:
            settle_deletion(conn, conflict, restore=restore)

    def history(self, table: str, record: str) -> list[HistoryEntry]:
        with self.db.engine.connect() as conn:
            return history(conn, table, record)

    def restore(self, table: str, record: str, field: str, value: str) -> None:
        """Put back an earlier value of a field (for every laptop)."""
        if self._state() is None:
            raise ValidationError(_("Sync is not set up: there is no history to restore from."))
        with self._connect() as conn:
            restore_value(conn, table, record, field, value)

    # -- helpers --------------------------------------------------------------------------

    def _state(self):  # type: ignore[no-untyped-def]
        with self.db.engine.connect() as conn:
            return read_state(conn)

    def _connect(self):  # type: ignore[no-untyped-def]
        return self._sync_engine().begin()

    def _sync_engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.db.path, foreign_keys=False, immediate=True)
        return self._engine

    def _prepare(self, conn: Connection, progress: Progress | None) -> None:
        """Triggers in place; after a schema change (or at set-up) every record compared."""
        install_triggers(conn)
        state = read_state(conn)
        if state is not None and state.schema != SCHEMA_HEAD:
            mark_everything(conn)
            capture(conn, progress, historical=not state.schema)
            update_state(conn, schema=SCHEMA_HEAD)

    def _start_capturing(self) -> None:
        with self._connect() as conn:
            self._prepare(conn, None)
        if getattr(self.db, "_sync_hooked", False):
            return
        self.db._sync_hooked = True  # type: ignore[attr-defined]
        event.listen(self.db._sessions, "after_begin", remember_changes)
        self.db.commit_hooks.append(capture_on_commit)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def _as_datetime(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _scaled(progress: Progress | None, start: int, end: int) -> Progress | None:
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        share = done / total if total else 1
        progress(start + int((end - start) * share), 100)

    return report


def _summary(result: PassResult) -> dict[str, object]:
    return {
        "exported": result.exported,
        "ingested": result.ingested,
        "operations": result.operations,
        "brought": result.brought,
        "incomplete": len(result.incomplete),
        "review": len(result.review),
    }
