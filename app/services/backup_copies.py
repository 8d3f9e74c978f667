"""The extra copy folder (a USB stick, another disk) where every backup is copied too.

Each data folder copies into a subfolder of its own, named for an id made once and kept in its
settings, so several laptops or data folders can share one stick: each one's retention rule
sees, and deletes, only its own copies. The organisation profile's id is not used for this: the
laptops of one association share it, and they are exactly the ones that share a stick.
"""

from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path

from app.backup_files import copy_file_into
from app.errors import ValidationError
from app.i18n import _
from app.services.context import DataFolder
from app.settings import load_settings, update_settings

log = logging.getLogger(__name__)

FOLDER_ID = "folder_id"  # key in the settings' ``extra``: this data folder's own id
_FOLDER_ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")


def folder_id(root: Path, *, create: bool = True) -> str | None:
    """The data folder's own id, made once and kept in its settings (``None``: none yet)."""
    extra = load_settings(root).extra
    found = extra.get(FOLDER_ID)
    if isinstance(found, str) and _FOLDER_ID_PATTERN.match(found):
        return found
    if not create:
        return None
    made = uuid.uuid4().hex
    update_settings(root, extra={**extra, FOLDER_ID: made})
    log.info("data folder id made for the extra backup copies")
    return made


def chosen_copy_folder(root: Path) -> Path | None:
    """The extra copy folder named in the settings (as the person chose it), or ``None``."""
    chosen = load_settings(root).backup_copy_dir
    return Path(chosen) if chosen else None


def own_copy_folder(root: Path, *, create_id: bool = True) -> Path | None:
    """The subfolder of the extra copy folder that belongs to this data folder, or ``None``."""
    chosen = chosen_copy_folder(root)
    if chosen is None:
        return None
    own_id = folder_id(root, create=create_id)
    return None if own_id is None else chosen / f"tejido-backups-{own_id}"


def choose_copy_folder(data: DataFolder, folder: Path | None) -> None:
    """Choose (or with ``None`` stop using) the extra copy folder; it must exist now.

    Raises :class:`ValidationError` for a missing folder or one inside the data folder.
    """
    value = None
    if folder is not None:
        folder = folder.expanduser().absolute()
        if not folder.is_dir():
            raise ValidationError(
                _("The folder {folder} does not exist.").format(folder=folder), field="folder"
            )
        if folder.resolve() in (data.root.resolve(), data.backups.resolve()):
            raise ValidationError(
                _("Choose a folder on another disk, such as a USB stick."), field="folder"
            )
        value = str(folder)
    update_settings(data.root, backup_copy_dir=value)
    if value is not None:
        folder_id(data.root)  # made now, not later by a backup in a background thread


def copy_to_extra_folder(data: DataFolder, made: Path) -> tuple[Path | None, str | None]:
    """Copy the backup ``made`` into this data folder's own subfolder of the extra folder.

    Returns the copy's path, or ``None`` and a plain-words warning (the backup itself is fine).
    A missing stick is never created on the internal disk.
    """
    folder = chosen_copy_folder(data.root)
    if folder is None:
        return None, None
    if not folder.is_dir():
        log.warning("extra backup folder not available")
        return None, _(
            "The extra copy folder {folder} is not available (is the USB stick plugged "
            "in?). The backup was made and is kept in {backups}."
        ).format(folder=folder, backups=data.backups)
    own = own_copy_folder(data.root)
    assert own is not None  # a folder is chosen, and the id is made on demand
    try:
        own.mkdir(exist_ok=True)
        return copy_file_into(made, own), None
    except OSError as error:
        log.warning("extra backup copy failed: %s", error.strerror)
        return None, _(
            "The backup could not be copied to {folder} ({reason}). The backup was made "
            "and is kept in {backups}."
        ).format(folder=folder, reason=error.strerror or error, backups=data.backups)
