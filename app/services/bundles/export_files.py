"""The small files of a bundle, built from its records: the Frictionless descriptor, the
spreadsheet view and the README. Pure functions: the same records give the same bytes."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from app import __version__
from app.services.bundles.format import (
    DESCRIPTOR_NAME,
    FORMAT,
    FORMAT_VERSION,
    MIN_APP_VERSION,
    README_NAME,
    RECORDS_NAME,
    TABLE_NAME,
    attachment_name,
)
from app.services.catalogue_values import EXCHANGED_FIELDS
from app.services.catalogue_vocabulary import ATTACHMENT_TYPES
from app.services.table_export import neutralise


@dataclass(frozen=True, slots=True)
class BlobEntry:
    """An attachment file of the bundle: its hash, its kind and its size in bytes."""

    sha256: str
    media_type: str
    size: int

    @property
    def name(self) -> str:
        """Its entry name in the bundle."""
        return attachment_name(self.sha256, self.media_type)


# The spreadsheet's columns: the record's ids and state, then every exchanged field.
_INTEGER_COLUMNS = ("year", "revision", "attachments")
TABLE_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    *(f for f in EXCHANGED_FIELDS if f != "title"),
    "origin_id",
    "origin_name",
    "revision",
    "derived_from",
    "withdrawn",
    "attachments",
)


def encode_json(document: object) -> bytes:
    """Stable JSON bytes: sorted keys, UTF-8, one space of indent (for people to read)."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1)
    return (text + "\n").encode("utf-8")


def encode_compact_json(document: object) -> bytes:
    """Stable JSON bytes without indent (much quicker to write for thousands of records)."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def table_bytes(records: list[dict]) -> bytes:
    """``practices.csv``: one row per record, comma-separated UTF-8 (no BOM, so other tools read
    the header as it is); list values joined with "; ", formula-like text made harmless."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TABLE_COLUMNS)
    for record in records:
        writer.writerow([_cell(value) for value in _row(record)])
    return buffer.getvalue().encode("utf-8")


def _row(record: dict) -> list[object]:
    fields = record["fields"]
    values: dict[str, object] = {name: fields.get(name) for name in EXCHANGED_FIELDS}
    values.update(
        id=record["id"],
        origin_id=record["origin"]["id"],
        origin_name=record["origin"]["name"],
        revision=record["revision"],
        derived_from=record["derived_from"],
        withdrawn="true" if record["withdrawn"] else "false",
        attachments=len(record["attachments"]),
    )
    return [values[column] for column in TABLE_COLUMNS]


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return neutralise(value)  # type: ignore[arg-type]


def _table_schema() -> dict[str, object]:
    fields = []
    for column in TABLE_COLUMNS:
        field: dict[str, object] = {"name": column, "type": "string"}
        if column in _INTEGER_COLUMNS:
            field["type"] = "integer"
        elif column == "withdrawn":
            field.update(type="boolean", trueValues=["true"], falseValues=["false"])
        elif column == "reviewed_on":
            field["type"] = "date"
        elif column in ("id", "origin_id", "derived_from"):
            field["format"] = "uuid"
        if column in ("id", "title", "origin_id", "revision", "withdrawn"):
            field["constraints"] = {"required": True}
        fields.append(field)
    return {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}


def descriptor(publisher: dict, blobs: list[BlobEntry]) -> dict[str, object]:
    """The Frictionless Data Package descriptor (``datapackage.json``): the three data files and
    every attachment as resources (with size and sha256, which ``frictionless validate``
    checks), and Tejido's own properties under the ``tejido:`` prefix."""
    resources: list[dict[str, object]] = [
        _resource("records", RECORDS_NAME, "json", "application/json"),
        {
            **_resource("practices", TABLE_NAME, "csv", "text/csv"),
            "profile": "tabular-data-resource",
            "schema": _table_schema(),
        },
        _resource("readme", README_NAME, "txt", "text/plain"),
    ]
    for blob in blobs:
        extension = ATTACHMENT_TYPES[blob.media_type]
        resource = _resource(f"attachment-{blob.sha256[:16]}", blob.name, extension, "")
        resource.update(mediatype=blob.media_type, bytes=blob.size, hash=f"sha256:{blob.sha256}")
        del resource["encoding"]
        resources.append(resource)
    document: dict[str, object] = {
        "profile": "data-package",
        "name": "tejido-catalogue-bundle",
        "title": "Good practices (Tejido catalogue bundle)",
        "description": "Good practices exchanged between organisations. Read README.txt.",
        "resources": resources,
        "tejido:format": FORMAT,
        "tejido:version": FORMAT_VERSION,
        "tejido:min_app_version": MIN_APP_VERSION,
        "tejido:exporter": f"Tejido {__version__}",
        "tejido:publisher": {
            "id": publisher["id"],
            "name": publisher["name"],
            "fingerprint": publisher["fingerprint"],
        },
    }
    if publisher["name"]:
        document["contributors"] = [{"title": publisher["name"], "role": "publisher"}]
    return document


def _resource(name: str, path: str, extension: str, media_type: str) -> dict[str, object]:
    return {
        "name": name,
        "path": path,
        "format": extension,
        "mediatype": media_type,
        "encoding": "utf-8",
    }


# The README is in Spanish and English at once, whatever the language of the program: whoever
# receives the file may speak either. It is therefore not translated through gettext.
_README = """\
Catálogo de buenas prácticas (Tejido)
=====================================

Este archivo contiene {practices} buenas prácticas publicadas por {publisher}.
Para incorporarlas a su catálogo, arrastre este archivo a la ventana de Tejido o impórtelo
desde el menú Archivo. Tejido le enseñará primero qué cambiaría, y no cambiará nada hasta que
usted lo confirme. No hace falta descomprimir este archivo.

Contenido: records.json (las prácticas, el contenido que importa Tejido), practices.csv (las
mismas prácticas para abrirlas en una hoja de cálculo, solo para consulta), attachments/ ({files}
archivos adjuntos, con el nombre de su huella SHA-256) y datapackage.json (la descripción del
paquete en el formato abierto Frictionless Data Package).
Retiradas por su origen: {withdrawn}. Formato {format} versión {version}.


Good-practice catalogue (Tejido)
================================

This file holds {practices} good practices published by {publisher}.
To add them to your catalogue, drop this file on Tejido's window or import it from the File
menu. Tejido first shows you what would change, and changes nothing until you confirm.
There is no need to unzip this file.

Contents: records.json (the practices, what Tejido imports), practices.csv (the same practices
to open in a spreadsheet, for reading only), attachments/ ({files} attached files, named by
their SHA-256 fingerprint) and datapackage.json (a description of the package in the open
Frictionless Data Package format).
Withdrawn by their origin: {withdrawn}. Format {format} version {version}.
"""


def readme_bytes(publisher: dict, records: list[dict], blobs: list[BlobEntry]) -> bytes:
    """``README.txt``: what the file is and how to use it, in Spanish and English."""
    text = _README.format(
        practices=len(records),
        publisher=publisher["name"] or "?",
        files=len(blobs),
        withdrawn=sum(1 for r in records if r["withdrawn"]),
        format=FORMAT,
        version=FORMAT_VERSION,
    )
    return text.replace("\n", "\r\n").encode("utf-8")


def small_files(publisher: dict, records: list[dict], blobs: list[BlobEntry]) -> dict[str, bytes]:
    """The four small files of a bundle, by entry name."""
    payload = {"format": FORMAT, "version": FORMAT_VERSION, "publisher": publisher}
    payload["records"] = records
    return {
        DESCRIPTOR_NAME: encode_json(descriptor(publisher, blobs)),
        RECORDS_NAME: encode_compact_json(payload),
        TABLE_NAME: table_bytes(records),
        README_NAME: readme_bytes(publisher, records, blobs),
    }
