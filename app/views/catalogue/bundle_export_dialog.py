"""Exporting good practices to a bundle file another organisation can import.

The person chooses what goes in (the practices selected in the catalogue, the practices of some
areas, or everything published), then the file; the bundle is written in the background and the
dialog says what was written where, with buttons to open its folder.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.services.registry import Services
from app.views.errors import show_error
from app.views.widgets.codes_checklist import CodesChecklist
from app.views.widgets.paragraph import paragraph
from app.views.widgets.saved_file import ask_save_path, show_saved
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job
from app.views.your_name import your_name

log = logging.getLogger(__name__)

SELECTION, AREAS, EVERYTHING = range(3)
SUFFIXES = (".tejido", ".zip")


class BundleExportDialog(Retranslatable, QDialog):
    """Choose what to export and where; the bundle is written in the background.

    ``exec()`` returns true once a bundle was written; ``written`` then holds the service's
    ``ExportResult`` (path, practices, attachments, withdrawn, sha256). ``job`` is the
    background work running or last run.
    """

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        practice_ids: list[str] | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.practice_ids = list(practice_ids or [])
        self.written: Any = None
        self.job: Job | None = None
        self.busy = False
        self.intro = paragraph()
        self.scope_box = QGroupBox()
        self.scope = QButtonGroup(self)
        self.scope_buttons = [QRadioButton() for _i in range(3)]
        self.areas = CodesChecklist([(a.id, a.name) for a in services.catalogue.areas()], rows=6)
        self.published_only = QCheckBox()
        self.published_only.setChecked(True)
        self.buttons = QDialogButtonBox()
        self.export_button = QPushButton()
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._lay_out()
        self.scope.idClicked.connect(lambda _id: self._update())
        self.areas.changed.connect(self._on_areas_changed)
        self.export_button.clicked.connect(self.choose_file_and_export)
        self.buttons.rejected.connect(self.reject)
        start = SELECTION if self.practice_ids else EVERYTHING
        self.scope_buttons[start].setChecked(True)
        self.scope_buttons[SELECTION].setEnabled(bool(self.practice_ids))
        self.resize(560, 520)
        self.retranslate_ui()

    def _lay_out(self) -> None:
        scope_layout = QVBoxLayout(self.scope_box)
        for number, button in enumerate(self.scope_buttons):
            self.scope.addButton(button, number)
            scope_layout.addWidget(button)
            if number == AREAS:
                scope_layout.addWidget(self.areas)
        scope_layout.addWidget(self.published_only)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.scope_box, 1)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Export a catalogue bundle"))
        self.intro.setText(
            _(
                "A bundle is one file with good practices and their attachments. Another "
                "organisation can import it into its own Tejido: send it by e-mail, on a USB "
                "stick or through a shared folder. Nothing in your catalogue changes."
            )
        )
        self.scope_box.setTitle(_("What goes in the bundle"))
        count = len(self.practice_ids)
        self.scope_buttons[SELECTION].setText(
            ngettext(
                "The practice selected in the catalogue",
                "The {count} practices selected in the catalogue",
                count,
            ).format(count=count)
            if count
            else _("The practices selected in the catalogue (none is selected)")
        )
        self.scope_buttons[AREAS].setText(_("The practices of these areas:"))
        self.scope_buttons[EVERYTHING].setText(_("Every published practice"))
        self.areas.setAccessibleName(_("Areas to export"))
        self.published_only.setText(_("Only practices whose review status is “published”"))
        self.export_button.setText(_("&Export…"))
        self.export_button.setAccessibleName(_("Choose the file and export the bundle"))
        self._update()

    def choice(self) -> int:
        """What goes in: SELECTION, AREAS or EVERYTHING."""
        return self.scope.checkedId()

    def export_arguments(self) -> dict[str, Any]:
        """The keyword arguments for ``BundleService.export`` that the choices make."""
        everything = self.choice() == EVERYTHING
        arguments: dict[str, Any] = {
            "published_only": everything or self.published_only.isChecked(),
            "exported_by": your_name(),
        }
        if self.choice() == SELECTION:
            arguments["practice_ids"] = list(self.practice_ids)
        elif self.choice() == AREAS:
            arguments["areas"] = tuple(self.areas.checked())
        return arguments

    def _on_areas_changed(self) -> None:
        if self.areas.checked():
            self.scope_buttons[AREAS].setChecked(True)  # ticking an area chooses the areas
        self._update()

    def _update(self) -> None:
        choice = self.choice()
        self.published_only.setEnabled(choice != EVERYTHING and not self.busy)
        ready = choice != AREAS or bool(self.areas.checked())
        self.export_button.setEnabled(ready and not self.busy)
        self.scope_box.setEnabled(not self.busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not self.busy)

    def reject(self) -> None:
        """Esc and Cancel close the dialog, except while the bundle is being written."""
        if not self.busy:
            super().reject()

    # -- writing ------------------------------------------------------------------------------

    def choose_file_and_export(self) -> None:
        """Ask where to save the bundle, then write it in the background."""
        path = ask_save_path(
            self,
            _("Save the catalogue bundle"),
            _("good-practices"),
            _("Tejido bundles (*.tejido);;ZIP files (*.zip)"),
            SUFFIXES,
        )
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the bundle to ``path`` in the background; success is said and closes."""
        arguments = self.export_arguments()
        log.info("bundle export: scope %d", self.choice())
        self.busy = True
        self._update()
        self.job = run_job(
            self,
            _("Writing the bundle {file}…").format(file=path.name),
            lambda progress, cancelled: self.services.bundles.export(
                path, progress=progress, cancelled=cancelled, **arguments
            ),
            self._on_exported,
            self._on_failed,
        )

    def _on_failed(self, error: BaseException) -> None:
        self.busy = False
        self._update()
        show_error(self, error)

    def _on_exported(self, result: Any) -> None:
        self.busy = False
        self.written = result
        self._update()
        show_saved(self, _("Catalogue bundle"), written_text(result), Path(result.path))
        self.accept()


def written_text(result: Any) -> str:
    """What went into the bundle, in words: practices, attachments, withdrawn ones, where."""
    lines = [
        ngettext(
            "{count} practice was written to the bundle.",
            "{count} practices were written to the bundle.",
            result.practices,
        ).format(count=result.practices),
        ngettext(
            "{count} attachment is included.",
            "{count} attachments are included.",
            result.attachments,
        ).format(count=result.attachments),
    ]
    if result.withdrawn:
        lines.append(
            ngettext(
                "{count} of them is listed as withdrawn, so those who imported it know.",
                "{count} of them are listed as withdrawn, so those who imported them know.",
                result.withdrawn,
            ).format(count=result.withdrawn)
        )
    lines.append(_("The file is {path}").format(path=result.path))
    return "\n".join(lines)
