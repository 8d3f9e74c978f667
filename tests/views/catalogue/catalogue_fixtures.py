"""A small catalogue for the view tests: practices in several areas (one with none), with
themes, organisations, years and statuses, attachments, one hidden, one in the trash and one
that came from another organisation (edited here, withdrawn by its origin)."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.models import Practice
from app.services.attachments import store_file
from app.services.catalogue_values import PracticeData
from app.services.organisations import OrganisationData
from app.services.profile import ProfileData

TODAY = date(2026, 3, 1)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass(frozen=True)
class Catalogue:
    education: str  # "Aula abierta de educación digital" (Education, with two attachments)
    employment: str  # "Empleo joven en el barrio" (Employment)
    garden: str  # "Huerto comunitario" (Environment, published)
    loose: str  # "Cuidados sin área" (no area)
    hidden: str  # "Biblioteca escondida" (Education, hidden)
    trashed: str  # "Práctica descartada" (in the trash)
    imported: str  # "Mentoría entre entidades" (from Fundación Luz, edited here, withdrawn)
    organisation_id: str  # Asociación Río, in the directory


def save(services, **fields) -> str:  # type: ignore[no-untyped-def]
    return services.catalogue.save(PracticeData(**fields), today=TODAY).id


def attach(services, tmp: Path) -> tuple:  # type: ignore[no-untyped-def]
    pdf = tmp / "guia-del-aula.pdf"
    pdf.write_bytes(PDF_BYTES)
    png = tmp / "cartel.png"
    png.write_bytes(_png())
    return (
        store_file(services.db, pdf, "Guía del aula"),
        store_file(services.db, png, "Cartel"),
    )


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def build_catalogue(services, tmp: Path) -> Catalogue:  # type: ignore[no-untyped-def]
    services.profile.save(ProfileData(name="Red Tejido", default_language="en"))
    river = services.organisations.save(OrganisationData(name="Asociación Río"))
    files = attach(services, tmp)
    education = save(
        services,
        title="Aula abierta de educación digital",
        area="Education",
        themes=("social_innovation", "participation"),
        organisation_name="Asociación Río",
        territory="Zaragoza",
        target_group="Personas mayores",
        year=2024,
        summary="Talleres semanales de alfabetización digital con voluntariado joven.",
        description="Cada martes, jóvenes voluntarios enseñan a usar el móvil y la banca en línea.",
        results="Ciento veinte personas aprendieron a pedir cita médica por internet.",
        lessons="Los grupos pequeños funcionan mejor que las charlas.",
        links=("https://example.org/aula", "javascript:alert(1)"),
        licence="CC BY 4.0",
        status="reviewed",
        reviewer="Marta Gil",
        reviewed_on=date(2026, 2, 10),
        attachments=files,
    )
    employment = save(
        services,
        title="Empleo joven en el barrio",
        area="Employment",
        themes=("participation",),
        organisation_name="Fundación Sol",
        year=2023,
        summary="Itinerarios de empleo con empresas del barrio y mentoría.",
        status="draft",
    )
    garden = save(
        services,
        title="Huerto comunitario",
        area="Environment",
        themes=("equality",),
        organisation_name="Asociación Río",
        year=2023,
        summary="Un huerto en un solar cedido por el ayuntamiento; educación ambiental.",
        status="published",
    )
    loose = save(services, title="Cuidados sin área", summary="Red de cuidados entre vecinas.")
    hidden = save(
        services,
        title="Biblioteca escondida",
        area="Education",
        summary="Préstamo de libros en la sede.",
    )
    services.catalogue.set_hidden([hidden], True)
    trashed = save(services, title="Práctica descartada", area="Education")
    services.catalogue.delete([trashed])
    imported = save(
        services,
        title="Mentoría entre entidades",
        area="Social inclusion",
        summary="Profesionales de una entidad acompañan a otra durante un año.",
        status="published",
    )
    with services.db.session() as s:
        practice = s.get(Practice, imported)
        practice.origin_id = "0b5f3e4e-4a36-4d1c-9d07-3f1d3a9b2c11"
        practice.origin_name = "Fundación Luz"
        practice.revision = 3
        practice.edited_locally = True
        practice.withdrawn = True
    return Catalogue(education, employment, garden, loose, hidden, trashed, imported, river.id)


def fake_module(monkeypatch, name: str, **attributes) -> types.ModuleType:  # type: ignore[no-untyped-def]
    """Stand ``attributes`` in for module ``name`` (a dialog or a writer of another helper)."""
    module = types.ModuleType(name)
    for key, value in attributes.items():
        setattr(module, key, value)
    monkeypatch.setitem(sys.modules, name, module)
    return module


def titles(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(row, 0).data() for row in range(model.rowCount())]
