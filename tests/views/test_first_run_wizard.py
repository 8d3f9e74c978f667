"""The first-run assistant: language, the organisation's essentials, backups, example data."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QWizard

import app.i18n
from app.errors import ValidationError
from app.i18n import current_language
from app.services.demo.images import demo_logo_png
from app.services.profile import ProfileData
from app.settings import load_settings
from app.views.dialogs.first_run_wizard import FirstRunWizard, demo_folder_for
from app.views.language import apply_language


class Shouting(gettext.NullTranslations):
    """A stand-in Spanish catalogue that makes every translated string visibly different."""

    def gettext(self, message: str) -> str:
        return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), message)


@pytest.fixture
def wizard(qtbot, services) -> FirstRunWizard:
    widget = FirstRunWizard(services)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def to_essentials(wizard: FirstRunWizard) -> None:
    wizard.next()
    assert wizard.currentId() == wizard.essentials_id


def fill_essentials(wizard: FirstRunWizard, tmp_path: Path) -> None:
    fields = wizard.essentials_page.fields
    fields["name"].setText("Asociación Vecinal La Trama")
    fields["tax_id"].setText("G12345674")
    fields["municipality"].setText("Zaragoza")
    fields["email"].setText("hola@latrama.org")
    fields["signatory_name"].setText("Lucía Gómez")
    fields["signatory_role"].setText("Presidenta")
    logo = tmp_path / "logo.png"
    logo.write_bytes(demo_logo_png())
    assert fields["logo"].load_file(logo)


def finish(wizard: FirstRunWizard) -> None:
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_demo_folder_is_a_sibling_of_the_data_folder(tmp_path) -> None:
    assert demo_folder_for(tmp_path / "Tejido") == tmp_path / "Tejido-demo"


def test_filling_the_pages_saves_the_profile_and_marks_the_first_run_done(
    wizard, services, data_dir, tmp_path, monkeypatch
) -> None:
    to_essentials(wizard)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # the name is required
    fill_essentials(wizard, tmp_path)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **kw: str(usb))
    wizard.backups_page.choose_button.click()
    assert str(data_dir / "backups") in wizard.backups_page.explanation.text()

    finish(wizard)

    assert wizard.result() == QDialog.DialogCode.Accepted
    assert not wizard.wants_demo
    profile = services.profile.get()
    assert profile.name == "Asociación Vecinal La Trama"
    assert profile.tax_id == "G12345674"
    assert profile.municipality == "Zaragoza"
    assert profile.email == "hola@latrama.org"
    assert (profile.signatory_name, profile.signatory_role) == ("Lucía Gómez", "Presidenta")
    assert profile.logo == demo_logo_png()
    assert profile.default_language == "en"
    settings = load_settings(data_dir)
    assert settings.first_run_done is True
    assert settings.backup_copy_dir == str(usb)
    assert settings.language == "en"


def test_a_name_saved_before_lets_the_person_go_on(qtbot, services) -> None:
    services.profile.save(ProfileData(name="La Trama", municipality="Huesca"))
    wizard = FirstRunWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    to_essentials(wizard)
    assert wizard.essentials_page.fields["municipality"].text() == "Huesca"
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.essentials_page.fields["name"].clear()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_wrong_tax_id_keeps_the_assistant_on_the_page(wizard, services, tmp_path) -> None:
    to_essentials(wizard)
    fill_essentials(wizard, tmp_path)
    wizard.essentials_page.fields["tax_id"].setText("12345678A")
    wizard.next()
    assert wizard.currentId() == wizard.essentials_id
    assert "12345678A" in wizard.essentials_page.form.error_text("tax_id")
    assert services.profile.get().name == ""


def test_a_problem_when_saving_is_shown_on_the_page_and_the_assistant_stays(
    wizard, services, data_dir, tmp_path, monkeypatch
) -> None:
    to_essentials(wizard)
    fill_essentials(wizard, tmp_path)
    wizard.next()

    def refuse(_data: ProfileData) -> ProfileData:
        raise ValidationError("That e-mail address is refused.", field="email")

    monkeypatch.setattr(services.profile, "save", refuse)
    finish(wizard)

    assert wizard.isVisible()
    assert wizard.currentId() == wizard.essentials_id
    assert wizard.essentials_page.form.error_text("email") == "That e-mail address is refused."
    assert wizard.essentials_page.fields["name"].text() == "Asociación Vecinal La Trama"
    assert load_settings(data_dir).first_run_done is False


def test_the_extra_copy_cannot_be_inside_the_data_folder(
    wizard, data_dir, tmp_path, monkeypatch
) -> None:
    to_essentials(wizard)
    fill_essentials(wizard, tmp_path)
    wizard.next()
    inside = data_dir / "copies"
    inside.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **kw: str(inside))
    wizard.backups_page.choose_button.click()
    assert "outside the data folder" in wizard.backups_page.form.error_text("backup_copy_dir")
    finish(wizard)
    assert wizard.isVisible()
    assert load_settings(data_dir).first_run_done is False
    wizard.backups_page.clear_button.click()
    finish(wizard)
    assert load_settings(data_dir).backup_copy_dir is None
    assert load_settings(data_dir).first_run_done is True


def test_try_with_example_data_leaves_the_real_folder_alone(
    wizard, services, data_dir, tmp_path
) -> None:
    before = sorted(p.name for p in data_dir.iterdir())
    to_essentials(wizard)
    wizard.essentials_page.fields["name"].setText("Half typed")
    wizard.essentials_page.fields["tax_id"].setText("123")  # not valid yet: no obstacle

    wizard.demo_button.click()

    assert wizard.wants_demo is True
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert services.profile.get() == ProfileData()
    assert sorted(p.name for p in data_dir.iterdir()) == before
    assert not (data_dir / "settings.json").exists()
    assert not demo_folder_for(data_dir).exists()  # the main window fills it, not the assistant


def test_choosing_a_language_switches_the_assistant_at_once(
    qtbot, wizard, services, data_dir, tmp_path, monkeypatch
) -> None:
    real_load = app.i18n._load_catalogue
    monkeypatch.setattr(
        app.i18n, "_load_catalogue", lambda code: Shouting() if code == "es" else real_load(code)
    )
    try:
        assert wizard.demo_button.text() == "Try with example data"
        wizard.language_page.buttons["es"].click()
        assert current_language() == "es"
        qtbot.waitUntil(lambda: wizard.demo_button.text() == "TRY WITH EXAMPLE DATA")
        assert wizard.language_page.title() == "WELCOME TO TEJIDO"
        assert wizard.essentials_page.form.labels["name"].text() == "NAME (REQUIRED)"
        to_essentials(wizard)
        fill_essentials(wizard, tmp_path)
        wizard.next()
        finish(wizard)
    finally:
        apply_language("en")
    assert services.profile.get().default_language == "es"
    assert load_settings(data_dir).language == "es"
