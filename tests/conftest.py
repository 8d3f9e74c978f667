"""Shared fixtures: a fresh data folder and database per test, Qt offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TEJIDO_LANG", "en")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.i18n import set_language  # noqa: E402
from app.services.context import DataFolder  # noqa: E402
from app.services.registry import Services, build_services  # noqa: E402


@pytest.fixture(autouse=True)
def english() -> None:
    """Every test starts in English (source strings), whatever the machine's locale."""
    set_language("en")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def services(data_dir: Path) -> Services:
    """The services over a fresh, migrated database in a temporary data folder."""
    built = build_services(DataFolder(data_dir))
    yield built
    built.db.dispose()
