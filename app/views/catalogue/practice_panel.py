"""The panel beside the catalogue's list: the chosen practice in full, with its pages (the
practice, its attachments, its adoptions, where it comes from) and its sheet as a PDF."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFoundError
from app.i18n import _, format_number
from app.services.catalogue_values import PracticeData
from app.services.registry import Services
from app.views.catalogue import practice_facts as facts
from app.views.catalogue.adoptions_page import AdoptionsPage
from app.views.catalogue.attachments_page import AttachmentsPage
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job

log = logging.getLogger(__name__)

PRACTICE, ATTACHMENTS, ADOPTIONS, PROVENANCE = range(4)


class PracticePanel(Retranslatable, QWidget):
    """One good practice in full: its title, its facts and texts, its attachments (opened only
    when asked), its adoptions and its provenance (origin, revision, edited here, withdrawn by
    its origin, hidden). ``show_practice(None)`` shows a hint instead.

    ``edit_requested(id)`` asks for the practice's form; ``changed()`` says its adoptions changed.
    """

    edit_requested = Signal(str)
    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.practice: PracticeData | None = None
        self.job: Job | None = None
        self.attachments = AttachmentsPage(services)
        self.adoptions = AdoptionsPage(services)
        self.stack = QStackedWidget()
        self.empty = paragraph()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.sheet_button.clicked.connect(self.save_sheet)
        self.adoptions.changed.connect(self._on_adoptions_changed)
        self.retranslate_ui()
        self.show_practice(None)

    def _build_content(self) -> QWidget:
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pages = QTabWidget()
        self.pages.addTab(_scrolled(self._build_overview()), "")
        self.pages.addTab(self.attachments, "")
        self.pages.addTab(self.adoptions, "")
        self.pages.addTab(_scrolled(self._build_provenance()), "")
        self.edit_button, self.sheet_button = QPushButton(), QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sheet_button)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        return content

    def _build_overview(self) -> QWidget:
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.facts_form = _form()
        self.texts_box = QVBoxLayout()  # headings over running text (wraps at any width)
        for key in facts.FACTS:
            value = paragraph(selectable=True, plain=key != "links")
            if key == "links":
                value.setTextFormat(Qt.TextFormat.RichText)
                value.setOpenExternalLinks(True)  # only web addresses are made links
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            self._add_row(self.facts_form, key, value)
        for key in facts.text_headings():
            self._add_text(key)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(self.facts_form)
        layout.addLayout(self.texts_box)
        layout.addStretch(1)
        return body

    def _build_provenance(self) -> QWidget:
        self.provenance_form = _form()
        for key in facts.PROVENANCE:
            self._add_row(self.provenance_form, key, paragraph(selectable=True))
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(self.provenance_form)
        layout.addStretch(1)
        return body

    def _add_row(self, form: QFormLayout, key: str, value: QLabel) -> None:
        label = QLabel()
        form.addRow(label, value)
        self.labels[key], self.values[key] = label, value

    def _add_text(self, key: str) -> None:
        heading, value = QLabel(), paragraph(selectable=True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setBuddy(value)
        value.setContentsMargins(0, 0, 0, 6)
        self.texts_box.addWidget(heading)
        self.texts_box.addWidget(value)
        self.labels[key], self.values[key] = heading, value

    def retranslate_ui(self) -> None:
        self.empty.setText(
            _(
                "Choose a practice in the list to read it here, with its attachments and "
                "adoptions. To add one, use New (Ctrl+N)."
            )
        )
        self.pages.setAccessibleName(_("Pages of the practice"))
        self.title.setAccessibleName(_("The practice"))
        self.edit_button.setText(_("Edit practi&ce…"))
        self.edit_button.setToolTip(_("Change the practice: its texts, area, attachments, review"))
        self.sheet_button.setText(_("Practice sheet PD&F…"))
        self.sheet_button.setToolTip(_("Save the practice as a PDF sheet to share or print"))
        labels = {
            **facts.fact_labels(),
            **facts.text_headings(),
            **facts.provenance_labels(),
        }
        for key, text in labels.items():
            self.labels[key].setText(text)
            self.values[key].setAccessibleName(text.rstrip(":"))
        self._fill()

    # -- what is shown --------------------------------------------------------------------------

    def show_practice(self, practice_id: str | None) -> None:
        """Show the practice ``practice_id`` (read again), or the hint for ``None``."""
        data = None
        if practice_id:
            try:
                data = self.services.catalogue.get(practice_id)
            except NotFoundError:
                log.info("practice %s is gone", practice_id)
        self.practice = data
        live = data is not None and data.deleted_at is None
        self.edit_button.setEnabled(live)
        self.sheet_button.setEnabled(live)  # a practice in the trash is not printed
        self.attachments.set_attachments(data.attachments if data else ())
        self.adoptions.set_practice(data.id if data else None, live)
        self.stack.setCurrentIndex(1 if data else 0)
        self._fill()

    def refresh(self) -> None:
        """Read the practice shown again (after a change made elsewhere)."""
        self.show_practice(self.practice_id())

    def practice_id(self) -> str | None:
        return self.practice.id if self.practice else None

    def _fill(self) -> None:
        data = self.practice
        titles = (
            _("Pract&ice"),
            _("Attach&ments ({count})").format(
                count=format_number(len(data.attachments) if data else 0)
            ),
            _("A&doptions ({count})").format(count=format_number(self.adoptions.count())),
            _("Pro&venance"),
        )
        for number, text in enumerate(titles):
            self.pages.setTabText(number, text)
        if data is None:
            for value in self.values.values():
                value.clear()
            return
        self.title.setText(facts.practice_heading(data))
        values = facts.fact_values(data)
        values.update({key: getattr(data, key) for key in facts.text_headings()})
        values.update(facts.provenance_values(data, self._own_name(), self._derived_title(data)))
        for key, text in values.items():
            self.values[key].setText(text)
            self._show_row(key, bool(text))

    def _show_row(self, key: str, visible: bool) -> None:
        if key in facts.FACTS:
            self.facts_form.setRowVisible(self.values[key], visible)
        elif key in facts.PROVENANCE:
            self.provenance_form.setRowVisible(self.values[key], visible)
        else:
            self.labels[key].setVisible(visible)
            self.values[key].setVisible(visible)

    def _own_name(self) -> str:
        return self.services.profile.get().name

    def _derived_title(self, data: PracticeData) -> str:
        if not data.derived_from:
            return ""
        try:
            return self.services.catalogue.get(data.derived_from).title
        except NotFoundError:
            return _("A practice no longer in this catalogue")

    # -- actions --------------------------------------------------------------------------------

    def _on_edit_button_clicked(self) -> None:
        if self.practice is not None and self.practice.id and self.edit_button.isEnabled():
            self.edit_requested.emit(self.practice.id)

    def _on_adoptions_changed(self) -> None:
        self._fill()
        self.changed.emit()

    def save_sheet(self) -> None:
        """Save the practice's sheet as a PDF (then open or print it)."""
        if self.practice is None or self.practice.deleted_at is not None:
            return
        from app.views.catalogue.catalogue_documents import save_sheet

        self.job = save_sheet(self, self.services, self.practice)


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _scrolled(body: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    return scroll
