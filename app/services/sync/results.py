"""What sync's service returns: settings, a pass's result, the panel's status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.services.sync.devices import DeviceInfo


@dataclass(frozen=True, slots=True)
class SyncSettings:
    enabled: bool
    folder: str
    device_name: str
    device_id: str


@dataclass(frozen=True, slots=True)
class HeldBatch:
    """A file from another laptop that would delete many records here, waiting for review."""

    sha256: str
    device_name: str
    seq: int
    operations: int
    deletions: dict[str, int]  # records it would delete, by table


@dataclass(frozen=True, slots=True)
class SyncStatus:
    settings: SyncSettings
    last_pass_at: datetime | None
    last_summary: dict[str, object]
    devices: list[DeviceInfo]
    incomplete: list[tuple[str, str, datetime | None]]  # (file, problem, first seen)
    held: list[HeldBatch]
    pending: int  # operations not yet published
    conflicts: int


@dataclass(frozen=True, slots=True)
class PassResult:
    exported: int  # operations published
    ingested: int  # files applied
    operations: int  # operations applied
    conflicts: int  # open conflicts after the pass
    incomplete: list[tuple[str, str]]  # (file, problem)
    review: list[str]  # files held for review (hashes)
    devices: int
    brought: dict[str, int] = field(default_factory=dict)
    new_identity: bool = False
