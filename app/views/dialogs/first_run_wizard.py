"""The first-run assistant: language, the organisation's essentials, where backups go.

Finishing saves the profile and marks the first run done. "Try with example data" saves nothing
in the real data folder: it sets ``wants_demo`` and closes, and the main window switches to the
separate folder given by :func:`demo_folder_for`. The pages are in :mod:`first_run_pages`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QDialog, QPushButton, QWidget, QWizard

from app.errors import TejidoError, ValidationError
from app.i18n import _
from app.services.profile import ProfileData
from app.services.registry import Services
from app.settings import update_settings
from app.views.dialogs.first_run_pages import BackupsPage, EssentialsPage, LanguagePage
from app.views.errors import show_error
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


def demo_folder_for(data_dir: Path) -> Path:
    """The separate folder for the example data, beside the real one: ``<name>-demo``."""
    return data_dir.parent / f"{data_dir.name}-demo"


class FirstRunWizard(Retranslatable, QWizard):
    """The assistant shown on the first start of a data folder with no organisation profile.

    After ``exec()``: ``wants_demo`` is True when the person chose to try the example data (nothing
    was saved in the real folder); otherwise, when accepted, the profile is saved, the language and
    extra copy folder are in the settings, and ``first_run_done`` is True.
    """

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.wants_demo = False
        self.language_page = LanguagePage()
        self.essentials_page = EssentialsPage(services.profile.get())
        self.backups_page = BackupsPage(services)
        self.addPage(self.language_page)
        self.essentials_id = self.addPage(self.essentials_page)
        self.addPage(self.backups_page)
        self.demo_button = QPushButton()
        self.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.setButton(QWizard.WizardButton.CustomButton1, self.demo_button)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonLayout(
            [
                QWizard.WizardButton.CustomButton1,
                QWizard.WizardButton.Stretch,
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
                QWizard.WizardButton.CancelButton,
            ]
        )
        self.setMinimumSize(560, 440)
        self.resize(680, 520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Getting started with Tejido"))
        self.setButtonText(QWizard.WizardButton.CustomButton1, _("Try with example data"))
        self.demo_button.setToolTip(
            _("Open a separate folder filled with an invented association; your data is untouched.")
        )
        texts = {
            QWizard.WizardButton.BackButton: _("Back"),
            QWizard.WizardButton.NextButton: _("Next"),
            QWizard.WizardButton.FinishButton: _("Finish"),
            QWizard.WizardButton.CancelButton: _("Cancel"),
        }
        for button, label in texts.items():
            self.setButtonText(button, label)

    @property
    def language(self) -> str:
        """The language chosen on the first page."""
        return self.language_page.language()

    def profile_data(self) -> ProfileData:
        return self.essentials_page.profile_data(self.language)

    def accept(self) -> None:
        if self.wants_demo:
            QDialog.done(self, QDialog.DialogCode.Accepted)  # no page checks: nothing is saved
            return
        if self.validateCurrentPage() and self._save():
            super().accept()

    def _save(self) -> bool:
        """Save the profile and the settings; on a problem, show it on its page and stay."""
        try:
            self.services.profile.save(self.profile_data())
        except ValidationError as error:
            while self.currentId() not in (self.essentials_id, self.startId()):
                self.back()
            if not self.essentials_page.show_problem(error):
                show_error(self, error)
            return False
        except TejidoError as error:
            show_error(self, error)
            return False
        update_settings(
            self.services.folder.root,
            first_run_done=True,
            language=self.language,
            backup_copy_dir=self.backups_page.copy_dir(),
        )
        log.info("first run finished")
        return True

    def _on_demo_button_clicked(self) -> None:
        log.info("first run: example data chosen")
        self.wants_demo = True
        self.accept()
