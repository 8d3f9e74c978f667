"""A dialog holding a record's form: sections in a scroll area, Save and Cancel, Ctrl+S.

Saving goes through :meth:`FormDialog.save` (a subclass hook calling a service). A
:class:`ValidationError` is shown under the field it names and the dialog stays open with
everything typed still there; only a successful save closes it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import TejidoError, ValidationError
from app.i18n import _
from app.views.errors import show_error
from app.views.widgets.form_fields import WARNING_SIGN, FormFields, problem_style
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class FormDialog(Retranslatable, QDialog):
    """Base of the person and organisation forms.

    A subclass builds its sections with :meth:`section` and ``self.fields.add``, calls
    :meth:`finish` at the end of ``__init__``, and defines :meth:`save`.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fields = FormFields()
        self.saved_id: str | None = None
        self.sections: list[QGroupBox] = []
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(
            Qt.FocusPolicy.NoFocus
        )  # Tab goes to the fields, which scroll in
        self.scroll.setWidget(body)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.scroll, 1)
        self.layout_.addWidget(self.problem)
        self.resize(640, 720)

    def finish(self) -> None:
        """Add Save and Cancel after the fields (so Tab reaches them last) and set the texts."""
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.accept)
        self.layout_.addWidget(self.buttons)
        self.retranslate_ui()

    def section(self) -> QFormLayout:
        """A new titled group of fields (titles are set in ``retranslate_ui``)."""
        group = QGroupBox()
        form = QFormLayout(group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.body_layout.addWidget(group)
        self.sections.append(group)
        return form

    def retranslate_ui(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip(_("Save (Ctrl+S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip(
            _("Close without saving (Esc)")
        )

    def accept(self) -> None:
        """Save; on a problem show it by its field and stay open, otherwise close."""
        self.fields.clear_all()
        self.problem.hide()
        try:
            self.saved_id = self.save()
        except ValidationError as error:
            log.info("form not saved: problem in field %s", error.field)
            self.show_problem(error)
            return
        except TejidoError as error:
            show_error(self, error)
            return
        super().accept()

    def show_problem(self, error: ValidationError) -> None:
        """Put the problem under its field (or under the form), and take the focus there."""
        if error.field and self.fields.show_error(error.field, str(error)):
            widget = self.fields.widgets[error.field]
            self.scroll.ensureWidgetVisible(widget)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.problem.setStyleSheet(problem_style(self.problem))
        self.problem.setText(f"{WARNING_SIGN} {error}")
        self.problem.show()

    def save(self) -> str:
        """Save through the service and return the record's id; raise ValidationError if refused."""
        raise NotImplementedError
