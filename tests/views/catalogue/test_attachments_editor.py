"""The attachments of a practice's form: adding files (small ones at once, large ones in the
background, dropped ones too), refusing what a practice cannot carry, titles, order, removing
and opening."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.services.catalogue_values import PracticeData
from app.views.catalogue import attachments_editor
from app.views.catalogue.attachments_editor import AttachmentsEditor
from app.views.catalogue.practice_dialog import PracticeDialog
from tests.views.catalogue.form_helpers import PDF_BYTES, png_bytes, press_save, show, write


@pytest.fixture
def editor(qtbot, services) -> AttachmentsEditor:
    widget = AttachmentsEditor(services)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def titles(editor: AttachmentsEditor) -> list[str]:
    return [editor.table.item(row, 0).text() for row in range(editor.table.rowCount())]


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_files_are_listed_retitled_reordered_and_removed(qtbot, editor, tmp_path):
    pdf = write(tmp_path, "guia-de-acogida.pdf", PDF_BYTES)
    png = write(tmp_path, "cartel.png", png_bytes())
    editor.add_files([pdf, png])
    assert titles(editor) == ["guia-de-acogida", "cartel"]
    assert [editor.table.item(0, column).text() for column in (1, 2, 3)] == [
        "guia-de-acogida.pdf",
        "PDF",
        "1 KB",
    ]
    assert not editor.message.isVisibleTo(editor)
    editor.table.item(1, 0).setText("Cartel de la jornada")  # as typed in the cell
    editor.table.selectRow(1)
    assert not editor.down_button.isEnabled()
    click(qtbot, editor.up_button)
    assert titles(editor) == ["Cartel de la jornada", "guia-de-acogida"]
    assert editor.table.selectionModel().selectedRows()[0].row() == 0  # it moved with it
    editor.table.selectRow(1)
    click(qtbot, editor.remove_button)
    assert [(a.title, a.media_type) for a in editor.attachments()] == [
        ("Cartel de la jornada", "image/png")
    ]


def test_a_program_renamed_pdf_is_refused_and_the_same_file_is_attached_once(editor, tmp_path):
    fake = write(tmp_path, "factura.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")
    pdf = write(tmp_path, "acta.pdf", PDF_BYTES)
    editor.add_files([fake, pdf])
    assert titles(editor) == ["acta"]
    assert editor.message.isVisibleTo(editor)
    assert "factura.pdf is not a kind of file a practice can carry" in editor.message.text()
    copy = write(tmp_path, "acta-copia.pdf", PDF_BYTES)
    editor.add_files([copy])
    assert titles(editor) == ["acta"]
    assert "acta-copia.pdf is already attached." in editor.message.text()


def test_large_files_are_stored_in_the_background(qtbot, editor, tmp_path, monkeypatch):
    monkeypatch.setattr(attachments_editor, "BACKGROUND_BYTES", 10)
    editor.add_files([write(tmp_path, "memoria.pdf", PDF_BYTES + b"%" * 2000)])
    assert titles(editor) == []  # not yet: the work runs off the window's thread
    qtbot.waitUntil(lambda: titles(editor) == ["memoria"], timeout=5000)
    assert editor.attachments()[0].size == len(PDF_BYTES) + 2000


def test_files_dropped_on_the_list_are_attached(editor, tmp_path):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(write(tmp_path, "foto.png", png_bytes())))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    editor.dropEvent(event)
    assert titles(editor) == ["foto"]


def test_open_writes_the_file_out_and_hands_it_to_the_viewer(
    qtbot, editor, services, tmp_path, monkeypatch
):
    opened: list[Path] = []
    monkeypatch.setattr(
        attachments_editor, "open_in_viewer", lambda path, _parent: opened.append(path)
    )
    editor.add_files([write(tmp_path, "acta.pdf", PDF_BYTES)])
    assert opened == []  # never opened by itself
    editor.table.selectRow(0)
    click(qtbot, editor.open_button)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=5000)
    assert opened[0].read_bytes() == PDF_BYTES
    assert opened[0].name == "acta.pdf"
    assert opened[0].is_relative_to(services.folder.root / "cache" / "attachments")


def test_the_practice_is_saved_with_its_attachments_in_order(qtbot, services, tmp_path):
    dialog = show(qtbot, PracticeDialog(services, PracticeData(title="Feria de entidades")))
    dialog.attachments.add_files(
        [write(tmp_path, "a.png", png_bytes(1)), write(tmp_path, "b.png", png_bytes(2))]
    )
    dialog.attachments.table.selectRow(1)
    click(qtbot, dialog.attachments.up_button)
    press_save(qtbot, dialog)
    saved = services.catalogue.get(dialog.saved_id)
    assert [a.original_name for a in saved.attachments] == ["b.png", "a.png"]
    # Taking one off and saving again leaves the other.
    dialog = show(qtbot, PracticeDialog(services, saved))
    dialog.attachments.table.selectRow(0)
    click(qtbot, dialog.attachments.remove_button)
    press_save(qtbot, dialog)
    assert [a.original_name for a in services.catalogue.get(saved.id).attachments] == ["a.png"]
