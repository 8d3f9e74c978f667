"""Reading spreadsheets as staff really have them, and guessing which column is which."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.errors import ImportRejected
from app.services.importing import reader
from app.services.importing.headers import FIELDS, check_mapping, guess_field, guess_mapping
from app.services.importing.reader import read_table

SPANISH = (
    "Nombre;Apellidos;Entidad;Sexo;Año de nacimiento;Correo electrónico\r\n"
    "José;Núñez Ibáñez;Asociación Peñascal;Hombre;1975;jose@example.org\r\n"
    "Begoña;Güell;Fundación Añil;Mujer;1980;\r\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_spanish_excel_csv_in_windows_1252(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "socias.csv", SPANISH.encode("cp1252")))
    assert table.encoding == "cp1252"
    assert table.delimiter == ";"
    assert table.headers[4] == "Año de nacimiento"
    assert table.rows[0] == (
        2,
        ("José", "Núñez Ibáñez", "Asociación Peñascal", "Hombre", "1975", "jose@example.org"),
    )
    assert table.rows[1][1][:2] == ("Begoña", "Güell")


def test_utf8_with_bom_leaves_no_mark_on_the_first_header(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "socias.csv", SPANISH.encode("utf-8-sig")))
    assert table.headers[0] == "Nombre"
    assert table.rows[0][1][1] == "Núñez Ibáñez"


def test_utf8_without_bom(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "socias.csv", SPANISH.encode("utf-8")))
    assert table.encoding == "utf-8"
    assert table.rows[1][1][2] == "Fundación Añil"


def test_comma_csv_with_quotes_keeps_excel_line_numbers(tmp_path: Path) -> None:
    text = 'Name,Organisation,Notes\n"Smith, Ann",Red Cross,"two\nlines"\n\nBob Jones,,plain\n'
    table = read_table(write(tmp_path, "people.csv", text.encode()))
    assert table.delimiter == ","
    assert table.rows[0] == (2, ("Smith, Ann", "Red Cross", "two\nlines"))
    # The quoted line break is inside row 2; the blank row 3 is skipped; Bob is row 4 in Excel.
    assert table.rows[1] == (4, ("Bob Jones", "", "plain"))


def test_tab_separated_and_utf16_unicode_text(tmp_path: Path) -> None:
    text = "Nombre\tCorreo\r\nAinhoa Etxeberria\tainhoa@example.org\r\n"
    table = read_table(write(tmp_path, "tab.txt", text.encode("utf-8")))
    assert table.delimiter == "\t"
    unicode_text = read_table(write(tmp_path, "unicode.txt", text.encode("utf-16")))
    assert unicode_text.encoding == "utf-16"
    assert unicode_text.rows == ((2, ("Ainhoa Etxeberria", "ainhoa@example.org")),)


def test_a_title_row_above_the_header_is_passed_over(tmp_path: Path) -> None:
    text = "Listado de participantes 2025;;\r\n;;\r\nNombre;Apellidos;Email\r\nAna;Ruiz;a@x.org\r\n"
    table = read_table(write(tmp_path, "lista.csv", text.encode("cp1252")))
    assert table.header_line == 3
    assert table.headers == ("Nombre", "Apellidos", "Email")
    assert table.rows == ((4, ("Ana", "Ruiz", "a@x.org")),)


def test_xlsx_cells_read_as_people_see_them(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nombre y apellidos", "Fecha de nacimiento", "Teléfono", "Socia"])
    sheet.append(["Lucía Peña", datetime(1984, 3, 2), 600112233, True])
    sheet.append([])  # a blank row in the middle
    sheet.append(["Raúl Sáez", 1979.0, None, None])
    path = tmp_path / "socias.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.encoding == "xlsx"
    assert table.headers == ("Nombre y apellidos", "Fecha de nacimiento", "Teléfono", "Socia")
    assert table.rows[0] == (2, ("Lucía Peña", "1984-03-02", "600112233", "1"))
    assert table.rows[1] == (4, ("Raúl Sáez", "1979", "", ""))


@pytest.mark.parametrize(
    "data",
    [b"", b"\xef\xbb\xbf", b";;;\r\n;;;\r\n", b"   \n\n"],
    ids=["zero bytes", "only a BOM", "only separators", "only blanks"],
)
def test_an_empty_file_is_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ImportRejected, match="empty"):
        read_table(write(tmp_path, "vacio.csv", data))


def test_binary_junk_is_not_a_spreadsheet(tmp_path: Path) -> None:
    junk = bytes((i * 37 + 11) % 256 for i in range(4000))
    with pytest.raises(ImportRejected, match="not a spreadsheet"):
        read_table(write(tmp_path, "datos.csv", junk))


def test_a_pdf_renamed_csv_is_refused_by_name(tmp_path: Path) -> None:
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
    with pytest.raises(ImportRejected, match="PDF"):
        read_table(write(tmp_path, "lista.csv", pdf))


def test_an_xlsx_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="damaged Excel"):
        read_table(write(tmp_path, "lista.xlsx", b"Nombre;Correo\nAna;a@x.org\n"))
    with pytest.raises(ImportRejected, match="damaged Excel"):
        read_table(write(tmp_path, "roto.xlsx", b"PK\x03\x04" + b"\x00garbage" * 50))


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fotos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("foto.txt", "hola")
    with pytest.raises(ImportRejected, match="not a spreadsheet"):
        read_table(path)


def _workbook_with(tmp_path: Path, part: str, data: bytes | None) -> Path:
    """A real workbook with one of its parts replaced by ``data`` (or left out when ``None``)."""
    workbook = Workbook()
    workbook.active.append(["Nombre", "Correo"])
    workbook.active.append(["Ana Ruiz", "ana@example.org"])
    good = tmp_path / "bueno.xlsx"
    workbook.save(good)
    damaged = tmp_path / "socias.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as archive:
        for name in source.namelist():
            if name != part:
                archive.writestr(name, source.read(name))
            elif data is not None:
                archive.writestr(name, data)
    return damaged


@pytest.mark.parametrize(
    ("part", "data"),
    [
        ("xl/worksheets/sheet1.xml", b"\x00garbage <<< not xml"),
        ("xl/worksheets/sheet1.xml", b'<worksheet xmlns="http://schemas.openxmlformats.org/'),
        ("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row><c r='ZZZZZZZ'/></row>"),
        ("xl/workbook.xml", b"garbage"),
        ("xl/styles.xml", b"garbage"),
    ],
    ids=["garbage sheet", "cut-off sheet", "broken cell", "garbage workbook", "garbage styles"],
)
def test_a_workbook_with_damaged_xml_is_refused_plainly(
    tmp_path: Path, part: str, data: bytes
) -> None:
    path = _workbook_with(tmp_path, part, data)
    with pytest.raises(ImportRejected) as refused:
        read_table(path)
    assert str(refused.value) == (
        "The file socias.xlsx is not a spreadsheet that Tejido can read (a damaged Excel file). "
        "Open it in Excel or LibreOffice and save it as .xlsx or as CSV. Nothing was imported."
    )


def test_a_workbook_whose_sheet_is_missing_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="not a spreadsheet"):
        read_table(_workbook_with(tmp_path, "xl/worksheets/sheet1.xml", None))


def test_a_broken_encoding_is_refused_with_advice(tmp_path: Path) -> None:
    # 0x81 and 0x9d are neither UTF-8 here nor defined in Windows-1252.
    data = b"Nombre;Correo\r\nJos\x81 P\x9drez;j@x.org\r\n"
    with pytest.raises(ImportRejected, match="neither UTF-8 nor Windows-1252"):
        read_table(write(tmp_path, "roto.csv", data))


def test_too_large_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "grande.csv", SPANISH.encode())
    monkeypatch.setattr(reader, "MAX_ROWS", 2)
    with pytest.raises(ImportRejected, match="too large"):
        read_table(path)
    monkeypatch.setattr(reader, "MAX_ROWS", 200_000)
    monkeypatch.setattr(reader, "MAX_BYTES", 100)
    with pytest.raises(ImportRejected, match="too large"):
        read_table(path)


def test_a_missing_file_is_refused_plainly(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="cannot be opened"):
        read_table(tmp_path / "no-existe.csv")


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("NOMBRE COMPLETO:", "full_name"),
        ("Nombre y apellidos", "full_name"),
        ("Apellidos", "family_name"),
        ("Segundo apellido", "family_name"),
        ("Nombre de la entidad", "organisation"),
        ("Organización", "organisation"),
        ("asociacion", "organisation"),
        ("Rol en la entidad", "role"),
        ("Cargo", "role"),
        ("Sexo / Género", "gender"),
        ("AÑO DE NACIMIENTO", "birth_year"),
        ("Fecha nac.", "birth_year"),
        ("e-mail", "email"),
        ("Correo electrónico", "email"),
        ("Tel.", "phone"),
        ("Teléfono móvil", "phone"),
        ("Idioma", "preferred_language"),
        ("Observaciones", "notes"),
        ("¿Acepta la política de privacidad?", "consent"),
        ("First name", "given_name"),
        ("Surname", "family_name"),
        ("Organisation name", "organisation"),
        ("Lugar de nacimiento", None),
        ("Email de la entidad", None),
        ("DNI", None),
    ],
)
def test_headers_are_recognised_whatever_their_spelling(header: str, field: str | None) -> None:
    assert guess_field(header) == field


def test_a_lone_nombre_column_is_the_full_name() -> None:
    assert guess_mapping(["Nombre", "Correo"]) == {0: "full_name", 1: "email"}
    assert guess_mapping(["Nombre", "Apellidos"]) == {0: "given_name", 1: "family_name"}


def test_two_surname_columns_both_fill_the_family_name_but_one_email_wins() -> None:
    mapping = guess_mapping(["Nombre", "Primer apellido", "Segundo apellido", "Email", "Correo"])
    assert mapping == {0: "given_name", 1: "family_name", 2: "family_name", 3: "email"}


def test_a_corrected_mapping_drops_unknown_fields_and_repeats() -> None:
    assert check_mapping({2: "email", 0: "full_name", 1: "email", 3: "shoe_size"}) == {
        0: "full_name",
        1: "email",
    }
    assert set(FIELDS) >= {"full_name", "organisation", "consent"}
