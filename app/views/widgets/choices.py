"""The fixed choices of the directory as shown: a code's label, and a drop-down of codes.

The tables are those of :mod:`app.services.vocabulary`: codes are stored, labels (marked with
``N_``) are translated where shown.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtWidgets import QComboBox, QWidget

from app.i18n import _
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


def choice_label(choices: Mapping[str, str], code: str) -> str:
    """The translated label of ``code`` in ``choices`` (the code itself if it is unknown)."""
    return _(choices[code]) if code in choices else code


class ChoiceBox(Retranslatable, QComboBox):
    """A drop-down of the codes of ``choices``, in their order, showing their translated labels.

    ``currentData()`` is the chosen code.
    """

    def __init__(self, choices: Mapping[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self._choices = choices
        for code in choices:
            self.addItem("", code)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for row, code in enumerate(self._choices):
            self.setItemText(row, _(self._choices[code]))

    def choose(self, code: str) -> None:
        """Show ``code`` as chosen (the first choice if it is unknown)."""
        self.setCurrentIndex(max(0, self.findData(code)))
