"""Two catalogues for the bundle dialogs: ours (the ``services`` fixture) and another
organisation's, which publishes practices and exports bundles of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.services.catalogue_values import PracticeData
from app.services.context import DataFolder
from app.services.profile import ProfileData
from app.services.registry import Services, build_services

TODAY = date(2025, 6, 1)
ORIGIN = "Asociación Raíces"
HERE = "Fundación Puente"


def origin_catalogue(tmp_path: Path) -> Iterator[Services]:
    """Another organisation's catalogue, in its own data folder (for a fixture to yield)."""
    folder = tmp_path / "origin"
    folder.mkdir()
    built = build_services(DataFolder(folder))
    built.profile.save(ProfileData(name=ORIGIN))
    yield built
    built.db.dispose()


def named_here(services: Services) -> Services:
    """Our catalogue, with our organisation's name."""
    services.profile.save(ProfileData(name=HERE))
    return services


def publish(services: Services, title: str, **values: object) -> PracticeData:
    values.setdefault("status", "published")
    values.setdefault("area", "Inclusión social")
    return services.catalogue.save(PracticeData(title=title, **values), today=TODAY)  # type: ignore[arg-type]


def edit(services: Services, practice_id: str, **values: object) -> PracticeData:
    return services.catalogue.save(
        replace(services.catalogue.get(practice_id), **values), today=TODAY
    )


def export(services: Services, path: Path, **options: object) -> Path:
    return services.bundles.export(path, **options).path


def titles(services: Services) -> list[str]:
    return sorted(row.title for row in services.catalogue.search("", limit=100))


class Boxes:
    """Stands in for the message boxes and records what they said."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.warned: list[str] = []
        self.told: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", self._box(self.warned))
        monkeypatch.setattr(QMessageBox, "information", self._box(self.told))

    @staticmethod
    def _box(into: list[str]):  # type: ignore[no-untyped-def]
        def box(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
            into.append(text)
            return QMessageBox.StandardButton.Ok

        return staticmethod(box)
