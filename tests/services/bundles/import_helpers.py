"""Helpers for the bundle import tests: a second organisation's catalogue that publishes
bundles, and short ways to publish, edit, export and import."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app.services.catalogue_values import PracticeData
from app.services.context import DataFolder
from app.services.profile import ProfileData
from app.services.registry import Services, build_services

TODAY = date(2025, 6, 1)
ORIGIN_NAME, HERE_NAME = "Asociación Raíces", "Fundación Puente"


def origin_catalogue(tmp_path: Path) -> Iterator[Services]:
    """Another organisation's catalogue (its own data folder), which publishes bundles."""
    folder = tmp_path / "origin"
    folder.mkdir(parents=True)
    built = build_services(DataFolder(folder))
    built.profile.save(ProfileData(name=ORIGIN_NAME))
    yield built
    built.db.dispose()


def named_here(services: Services) -> Services:
    services.profile.save(ProfileData(name=HERE_NAME))
    return services


def publish(services, title: str = "Huertos comunitarios", **values) -> PracticeData:
    values.setdefault("status", "published")
    values.setdefault("area", "Inclusión social")
    return services.catalogue.save(PracticeData(title=title, **values), today=TODAY)


def edit(services, practice_id: str, **values) -> PracticeData:
    current = services.catalogue.get(practice_id)
    return services.catalogue.save(replace(current, **values), today=TODAY)


def export(services, tmp_path: Path, name: str, **options) -> Path:
    return services.bundles.export(tmp_path / name, **options).path


def bring(here, path: Path, choices=None):
    """Inspect then apply a bundle; returns the dry run and the result."""
    plan = here.bundles.inspect(path)
    return plan, here.bundles.apply(plan, choices or {}, imported_by="Marta")


def count(services, model) -> int:
    with services.db.session() as s:
        return s.scalar(select(func.count()).select_from(model))
