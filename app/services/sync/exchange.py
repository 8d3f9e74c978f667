"""The exchange folder: its layout, atomic writes, and change files ("segments").

```
<folder>/FORMAT.json                          written once: format, version, exchange id
<folder>/devices/<device id>/device.json      written once: the laptop's name
<folder>/devices/<device id>/status.json      rewritten by its laptop: sequence, clock, time
<folder>/devices/<device id>/log/<seq>-<hash8>.json   immutable change files
<folder>/blobs/sha256/<aa>/<hash>             attachments, named by their hash
```

A segment is a one-line JSON header (format, device, sequence, sha256 and length of the body)
followed by the body (JSON). Names are only hints: a copy renamed by Dropbox or Syncthing, or
moved on a USB stick, is read for what it says, and the same content read twice changes nothing.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.services.sync.clock import is_stamp
from app.services.sync.ops import Op

FORMAT = "tejido-sync"
SEGMENT_FORMAT = "tejido-sync-segment"
VERSION = 1
MAX_SEGMENT_BYTES = 512 * 1024 * 1024
_CLUTTER = (".tmp", ".part", ".partial", ".crdownload", ".!sync", ".download")
_CLUTTER_NAMES = {"desktop.ini", ".DS_Store", "Thumbs.db", "Icon\r"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,59}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")


class Unreadable(Exception):
    """A file that does not parse or verify (yet): retried later, never deleted."""


@dataclass(frozen=True, slots=True)
class Segment:
    device: str
    seq: int
    sha256: str
    ops: list[Op]


def atomic_write(path: Path, data: bytes) -> None:
    """Write under a temporary name in the same folder, flush to disk, then rename."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with temporary.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def is_clutter(name: str) -> bool:
    return name.startswith((".", "~$", "~")) or name.endswith(_CLUTTER) or name in _CLUTTER_NAMES


class Exchange:
    """One exchange folder on disk."""

    def __init__(self, root: Path):
        self.root = root

    @property
    def format_file(self) -> Path:
        return self.root / "FORMAT.json"

    def device_dir(self, device: str) -> Path:
        return self.root / "devices" / device

    def log_dir(self, device: str) -> Path:
        return self.device_dir(device) / "log"

    def blob_path(self, sha: str) -> Path:
        return self.root / "blobs" / "sha256" / sha[:2] / sha

    def exists(self) -> bool:
        return self.format_file.is_file()

    def create(self) -> None:
        if self.exists():
            return
        info = {"format": FORMAT, "version": VERSION, "exchange": str(uuid.uuid4())}
        self.root.mkdir(exist_ok=True)
        atomic_write(self.format_file, json.dumps(info, indent=2).encode())

    def check_format(self) -> None:
        try:
            info = json.loads(self.format_file.read_bytes())
        except (OSError, ValueError) as error:
            raise Unreadable(str(error)) from error
        if not isinstance(info, dict) or info.get("format") != FORMAT:
            raise Unreadable("not a Tejido exchange folder")
        if not isinstance(info.get("version"), int) or info["version"] > VERSION:
            raise Unreadable("made by a newer Tejido")

    def write_device(self, device: str, name: str, version: str) -> None:
        path = self.device_dir(device) / "device.json"
        if not path.exists():
            info = {"device": device, "name": name, "app_version": version}
            self._write(path, json.dumps(info, ensure_ascii=False).encode())

    def write_status(self, device: str, status: dict[str, object]) -> None:
        data = json.dumps(status, ensure_ascii=False, sort_keys=True).encode()
        self._write(self.device_dir(device) / "status.json", data)

    def _write(self, path: Path, data: bytes) -> None:
        """Write a file inside the folder. When the folder itself is gone (a stick unplugged, a
        folder renamed or not synced yet) this fails rather than make a new one where no other
        laptop would ever read what is written."""
        if not self.exists():
            raise FileNotFoundError(errno.ENOENT, "the sync folder is gone", str(self.root))
        folder = self.root
        for part in path.parent.relative_to(self.root).parts:
            folder = folder / part
            folder.mkdir(exist_ok=True)
        atomic_write(path, data)

    def read_json(self, path: Path) -> dict[str, object] | None:
        try:
            found = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) else None

    def devices(self) -> list[str]:
        folder = self.root / "devices"
        try:
            return sorted(
                e.name for e in os.scandir(folder) if e.is_dir() and not is_clutter(e.name)
            )
        except OSError:
            return []

    def segment_files(self) -> Iterator[tuple[Path, os.stat_result]]:
        """Every file that may be a segment, whatever its name (renamed copies included)."""
        for device in self.devices():
            try:
                entries = list(os.scandir(self.log_dir(device)))
            except OSError:
                continue
            for entry in entries:
                if is_clutter(entry.name):
                    continue
                try:
                    if entry.is_file():
                        yield Path(entry.path), entry.stat()
                except OSError:
                    continue

    def publish(self, device: str, seq: int, data: bytes, sha: str) -> Path:
        path = self.log_dir(device) / f"{seq:012d}-{sha[:8]}.json"
        if not path.exists():
            self._write(path, data)
        return path

    def store_blob(self, sha: str, data: bytes) -> None:
        path = self.blob_path(sha)
        if not path.exists():
            self._write(path, data)

    def read_blob(self, sha: str) -> bytes:
        try:
            data = self.blob_path(sha).read_bytes()
        except OSError as error:
            raise Unreadable(f"attachment {sha[:12]} not here yet") from error
        if hashlib.sha256(data).hexdigest() != sha:
            raise Unreadable(f"attachment {sha[:12]} incomplete")
        return data


def encode_segment(device: str, seq: int, ops: list[Op]) -> tuple[bytes, str]:
    body = json.dumps(
        {"device": device, "seq": seq, "ops": [list(op) for op in ops]},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    sha = hashlib.sha256(body).hexdigest()
    header = {
        "format": SEGMENT_FORMAT,
        "version": VERSION,
        "device": device,
        "seq": seq,
        "sha256": sha,
        "length": len(body),
    }
    return json.dumps(header, separators=(",", ":")).encode() + b"\n" + body, sha


def read_header(path: Path) -> dict[str, object]:
    """The header line of a segment (cheap: its hash tells whether it is known already)."""
    try:
        with path.open("rb") as source:
            line = source.readline(4096)
    except OSError as error:
        raise Unreadable(str(error)) from error
    return _header(line)


def _header(line: bytes) -> dict[str, object]:
    """A segment's header line, checked: its format and its content hash."""
    try:
        header = json.loads(line)
    except ValueError as error:
        raise Unreadable("the header does not parse") from error
    if not isinstance(header, dict) or header.get("format") != SEGMENT_FORMAT:
        raise Unreadable("not a change file")
    if not isinstance(header.get("sha256"), str) or not _SHA.match(header["sha256"]):
        raise Unreadable("no content hash")
    return header


def decode_segment(data: bytes) -> Segment:
    line, _, body = data.partition(b"\n")
    header = _header(line)
    if not isinstance(header.get("version"), int) or header["version"] > VERSION:
        raise Unreadable("made by a newer Tejido")
    if header.get("length") != len(body):
        raise Unreadable("incomplete (shorter or longer than announced)")
    sha = hashlib.sha256(body).hexdigest()
    if header.get("sha256") != sha:
        raise Unreadable("the content does not match its hash")
    try:
        content = json.loads(body)
    except ValueError as error:
        raise Unreadable("the content does not parse") from error
    device, seq = content.get("device"), content.get("seq")
    if (
        not isinstance(device, str)
        or not isinstance(seq, int)
        or not isinstance(content.get("ops"), list)
    ):
        raise Unreadable("the content is not a change list")
    return Segment(device=device, seq=seq, sha256=sha, ops=[_op(item) for item in content["ops"]])


def _is_knowledge(text: str) -> bool:
    """Empty, or stamps separated by commas (one per laptop)."""
    return not text or (len(text) < 4096 and all(is_stamp(s) for s in text.split(",")))


def _op(item: object) -> Op:
    """One operation, checked for shape (values are checked when they are applied)."""
    if not isinstance(item, list) or len(item) != 7 or not all(type(x) is str for x in item):
        raise Unreadable("a change is malformed")
    op = Op(*item)
    if (
        not is_stamp(op.hlc)
        or not _NAME.match(op.table)
        or not _NAME.match(op.field)
        or len(op.record) > 64
        or not _is_knowledge(op.base)
        or not _is_knowledge(op.rbase)
    ):
        raise Unreadable("a change is malformed")
    return op
