"""The "Our organisation" tab over real services."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QPushButton,
)

import app.i18n
from app.services.demo.images import demo_logo_png
from app.services.profile import ProfileData
from app.views.profile_tab import ProfileTab

SAVED = ProfileData(
    name="Asociación Vecinal La Trama",
    tax_id="G12345674",
    municipality="Zaragoza",
    email="hola@latrama.org",
    signatory_name="Lucía Gómez",
    signatory_role="Presidenta",
    areas_of_action=("Social inclusion", "Huertos urbanos"),
    default_language="es",
)


class Shouting(gettext.NullTranslations):
    """A stand-in catalogue that makes every translated string visibly different."""

    def gettext(self, message: str) -> str:
        return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)


@pytest.fixture
def tab(qtbot, services) -> ProfileTab:
    widget = ProfileTab(services)
    qtbot.addWidget(widget)
    return widget


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kw: (str(path), ""))


def test_shows_the_saved_profile_and_saves_what_is_typed(qtbot, services) -> None:
    services.profile.save(SAVED)
    tab = ProfileTab(services)
    qtbot.addWidget(tab)
    assert tab.fields["name"].text() == "Asociación Vecinal La Trama"
    assert tab.fields["default_language"].currentData() == "es"
    assert tab.fields["areas_of_action"].areas() == ("Social inclusion", "Huertos urbanos")

    tab.fields["legal_form"].setText("Asociación")
    tab.fields["phone"].setText("976 000 000")
    tab.fields["website"].setText("https://latrama.org")
    tab.fields["default_language"].setCurrentIndex(tab.fields["default_language"].findData("en"))
    with qtbot.waitSignal(tab.saved):
        tab.save_button.click()

    saved = services.profile.get()
    assert saved.legal_form == "Asociación"
    assert saved.phone == "976 000 000"
    assert saved.website == "https://latrama.org"
    assert saved.default_language == "en"
    assert saved.signatory_name == "Lucía Gómez"
    assert not tab.save_button.isEnabled()
    assert tab.status.text() == "The profile was saved."


def test_save_is_enabled_only_after_a_change_and_revert_undoes_it(tab, services) -> None:
    services.profile.save(SAVED)
    tab.refresh()
    assert not tab.save_button.isEnabled()
    assert not tab.revert_button.isEnabled()

    tab.fields["municipality"].setText("Huesca")
    assert tab.save_button.isEnabled()
    assert tab.has_unsaved_changes()

    tab.fields["municipality"].setText("Zaragoza")
    assert not tab.save_button.isEnabled()

    tab.fields["municipality"].setText("Huesca")
    tab.revert_button.click()
    assert tab.fields["municipality"].text() == "Zaragoza"
    assert not tab.save_button.isEnabled()
    assert services.profile.get().municipality == "Zaragoza"


def test_a_wrong_tax_id_is_shown_by_the_field_and_nothing_is_lost(tab, services) -> None:
    services.profile.save(SAVED)
    tab.refresh()
    tab.fields["tax_id"].setText("12345678A")
    tab.fields["municipality"].setText("Teruel")

    assert tab.save() is False

    assert "12345678A" in tab.form.error_text("tax_id")
    assert tab.form.errors["tax_id"].isVisibleTo(tab)
    assert services.profile.get().tax_id == "G12345674"
    assert services.profile.get().municipality == "Zaragoza"
    assert tab.fields["tax_id"].text() == "12345678A"
    assert tab.fields["municipality"].text() == "Teruel"
    assert tab.save_button.isEnabled()

    tab.fields["tax_id"].setText("12345678Z")  # corrected as typed: the message goes
    assert tab.form.error_text("tax_id") == ""
    assert tab.save()
    assert services.profile.get().tax_id == "12345678Z"


def test_an_empty_name_is_refused_by_the_name_field(tab, services) -> None:
    services.profile.save(SAVED)
    tab.refresh()
    tab.fields["name"].setText("  ")
    assert tab.save() is False
    assert tab.form.error_text("name") != ""
    assert services.profile.get().name == "Asociación Vecinal La Trama"


def test_a_logo_is_previewed_and_its_bytes_saved(tab, services, tmp_path, monkeypatch) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(demo_logo_png())
    choose_file(monkeypatch, logo)
    tab.fields["name"].setText("La Trama")
    picker = tab.fields["logo"]
    assert picker.preview.pixmap().isNull()

    picker.choose_button.click()

    assert not picker.preview.pixmap().isNull()
    assert picker.remove_button.isEnabled()
    assert tab.save()
    assert services.profile.get().logo == demo_logo_png()

    picker.remove_button.click()
    assert picker.preview.pixmap().isNull()
    assert tab.save()
    assert services.profile.get().logo is None


def test_a_file_that_is_not_an_image_is_refused_with_a_message(
    tab, services, tmp_path, monkeypatch
) -> None:
    services.profile.save(replace_logo(SAVED, demo_logo_png()))
    tab.refresh()
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture", encoding="utf-8")
    choose_file(monkeypatch, notes)
    picker = tab.fields["signature_image"]

    picker.choose_button.click()

    assert "PNG, JPEG or GIF" in picker.problem()
    assert picker.message.isVisibleTo(tab)
    assert picker.image_bytes() is None
    assert not tab.save_button.isEnabled()

    choose_file(monkeypatch, notes)
    tab.fields["logo"].choose_button.click()
    assert tab.fields["logo"].image_bytes() == demo_logo_png()  # the image before is kept


def test_an_image_dropped_on_the_picker_is_taken(tab, tmp_path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(demo_logo_png())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(logo))])
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tab.fields["logo"].dropEvent(drop)
    assert tab.fields["logo"].image_bytes() == demo_logo_png()
    assert tab.save_button.isEnabled()


def replace_logo(data: ProfileData, logo: bytes) -> ProfileData:
    from dataclasses import replace

    return replace(data, logo=logo)


def test_areas_of_action_are_stored_as_source_strings_and_own_areas_added(tab, services) -> None:
    tab.fields["name"].setText("La Trama")
    areas = tab.fields["areas_of_action"]
    first = areas.list.item(0)
    assert first.text() == "Social inclusion"
    first.setCheckState(Qt.CheckState.Checked)
    areas.new_area.setText("Huertos urbanos")
    areas.add_button.click()
    areas.new_area.setText("social INCLUSION")  # already there: not added twice
    areas.add_button.click()

    assert tab.save()
    assert services.profile.get().areas_of_action == ("Social inclusion", "Huertos urbanos")


def test_an_area_typed_but_not_added_is_saved_too(tab, services) -> None:
    services.profile.save(SAVED)
    tab.refresh()
    assert not tab.save_button.isEnabled()
    tab.fields["areas_of_action"].new_area.setText("Radio, huertos URBANOS")
    assert tab.save_button.isEnabled()
    assert tab.save()
    assert services.profile.get().areas_of_action == (
        "Social inclusion",
        "Huertos urbanos",
        "Radio",
    )


def test_document_colour_is_chosen_in_the_colour_dialog(tab, services, monkeypatch) -> None:
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args, **kw: QColor("#123abc"))
    tab.fields["name"].setText("La Trama")
    tab.fields["document_colour"].click()
    assert tab.fields["document_colour"].text() == "#123ABC"
    assert tab.save()
    assert services.profile.get().document_colour == "#123ABC"


def test_incomplete_profile_note_until_name_and_signatory(tab) -> None:
    tab.show()
    assert tab.note.isVisible()
    assert "signatory" in tab.note.text()
    tab.fields["name"].setText("La Trama")
    assert tab.note.isVisible()
    tab.fields["signatory_name"].setText("Lucía Gómez")
    assert not tab.note.isVisible()


def test_ctrl_s_saves(qtbot, tab, services) -> None:
    with qtbot.waitActive(tab):
        tab.show()
        tab.activateWindow()
    tab.fields["name"].setFocus()
    qtbot.keyClicks(tab.fields["name"], "La Trama")
    with qtbot.waitSignal(tab.saved):
        qtbot.keyClick(tab.fields["name"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert services.profile.get().name == "La Trama"


def test_every_input_has_a_label_or_accessible_name(tab) -> None:
    for name, label in tab.form.labels.items():
        assert label.buddy() is tab.fields[name]
        assert label.text()
    inputs = tab.findChildren(QLineEdit) + tab.findChildren(QComboBox)
    inputs += tab.findChildren(QListWidget) + tab.findChildren(QPushButton)
    for widget in inputs:
        assert widget.accessibleName() or widget.text(), widget


def test_tab_order_follows_the_screen(tab) -> None:
    order = []
    widget = tab.fields["name"]
    for _step in range(40):
        if widget in tab.fields.values() and widget not in order:
            order.append(widget)
        widget = widget.nextInFocusChain()
    names = [next(k for k, v in tab.fields.items() if v is w) for w in order]
    text_fields = [n for n in names if isinstance(tab.fields[n], QLineEdit)]
    assert text_fields[:6] == [
        "name",
        "legal_form",
        "tax_id",
        "registration_number",
        "address",
        "postal_code",
    ]


def test_labels_are_set_again_when_the_language_changes(tab, monkeypatch) -> None:
    assert tab.groups[0].title() == "Identity"
    monkeypatch.setattr(app.i18n, "_current", Shouting())
    QApplication.sendEvent(tab, QEvent(QEvent.Type.LanguageChange))
    assert tab.groups[0].title() == "IDENTITY"
    assert tab.form.labels["tax_id"].text() == "TAX ID (CIF/NIF)"
    assert tab.fields["areas_of_action"].list.item(0).text() == "SOCIAL INCLUSION"
    assert tab.save_button.text() == "SAVE"
    assert tab.fields["logo"].choose_button.text() == "CHOOSE A FILE…"


def test_an_image_over_2_mb_is_refused_without_reading_it(tab, tmp_path, monkeypatch) -> None:
    huge = tmp_path / "poster.png"
    with huge.open("wb") as out:
        out.write(demo_logo_png())
        out.truncate(2 * 1024 * 1024 + 1)  # sparse: big on paper, nothing to read
    read: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original(self))
    choose_file(monkeypatch, huge)
    picker = tab.fields["logo"]

    picker.choose_button.click()

    assert picker.problem() == "The image is larger than 2 MB; use a smaller one."
    assert picker.message.isVisibleTo(tab)
    assert read == []  # refused from its size alone
    assert picker.image_bytes() is None
    assert not tab.save_button.isEnabled()
