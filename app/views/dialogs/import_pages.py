"""The pages of the import dialog: choose a file, preview what will happen, read the summary.

The column mapping page is :class:`app.views.mapping_widget.MappingWidget`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.importing import POLICIES, ImportPlan, ImportSummary, RejectedRow
from app.views.import_preview_model import (
    ImportPreviewModel,
    done_counts,
    planned_counts,
    rejected_report,
)
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)


class FilePage(Retranslatable, QWidget):
    """What a spreadsheet must look like, the problem with the last file, and "Choose a file"."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.intro, self.problem = paragraph(), paragraph()
        self.problem.hide()
        self.choose_button = QPushButton()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.retranslate_ui()

    def show_problem(self, text: str) -> None:
        """Say why the last file could not be used ("" to say nothing)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(
            _(
                "Choose a spreadsheet (Excel .xlsx or CSV) with one person a row. Its first row "
                "holds the column titles, for example “Nombre”, “Apellidos”, “Entidad”, "
                "“Correo”. Nothing is saved until you press Import."
            )
        )
        again = bool(self.problem.text())
        self.choose_button.setText(_("&Choose another file…") if again else _("&Choose a file…"))
        self.choose_button.setAccessibleName(_("Choose the spreadsheet to import"))
        self.problem.setAccessibleName(_("Problem with the file"))


class PreviewPage(Retranslatable, QWidget):
    """The counts, the choice for possible duplicates, and every row with what will happen."""

    policy_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self.counts = paragraph()
        self.policy_box = QGroupBox()
        self.policy_group = QButtonGroup(self)
        self.policy_buttons: dict[str, QRadioButton] = {}
        choices = QVBoxLayout(self.policy_box)
        for number, policy in enumerate(POLICIES):
            button = QRadioButton()
            button.setChecked(policy == "skip")
            self.policy_group.addButton(button, number)
            self.policy_buttons[policy] = button
            choices.addWidget(button)
        self.policy_group.idClicked.connect(lambda number: self.policy_changed.emit(self.policy()))
        self.model = ImportPreviewModel(self)
        self.table_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setCornerButtonEnabled(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table_label.setBuddy(self.table)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.policy_box, 2)
        layout.addLayout(top)
        layout.addWidget(self.table_label)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def policy(self) -> str:
        """What to do with possible duplicates: ``"skip"``, ``"create"`` or ``"update"``."""
        return POLICIES[max(0, self.policy_group.checkedId())]

    def show_plan(self, plan: ImportPlan) -> None:
        """Show what importing ``plan`` would do."""
        self.plan = plan
        self.policy_buttons[plan.policy].setChecked(True)
        self.model.set_rows(plan.outcomes)
        self.table.resizeColumnsToContents()
        self.counts.setText(planned_counts(plan.summary()))

    def retranslate_ui(self) -> None:
        self.policy_box.setTitle(
            _("Rows that may be someone already in Tejido (same name or phone)")
        )
        texts = {
            "skip": _("&Skip them (recommended)"),
            "create": _("Create them as new people &anyway"),
            "update": _("&Treat them as the same person and fill in what that person is missing"),
        }
        for policy, button in self.policy_buttons.items():
            button.setText(texts[policy])
            button.setAccessibleName(texts[policy].replace("&", ""))
        self.counts.setAccessibleName(_("What the import will do"))
        self.table_label.setText(_("&Rows of the file and what will happen to each:"))
        self.table.setAccessibleName(_("Rows of the file and what will happen to each"))
        self.model.retranslate()
        if self.plan is not None:
            self.counts.setText(planned_counts(self.plan.summary()))


class SummaryPage(Retranslatable, QWidget):
    """What the import did, and the rejected rows with a button to copy them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary: ImportSummary | None = None
        self.heading, self.counts, self.rejected_label = paragraph(), paragraph(), QLabel()
        self.rejected = QPlainTextEdit()
        self.rejected.setReadOnly(True)
        self.rejected_label.setBuddy(self.rejected)
        self.copy_button = QPushButton()
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.counts, self.rejected_label):
            layout.addWidget(widget)
        layout.addWidget(self.rejected, 1)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addStretch(1)
        layout.addLayout(row)
        # Takes the free space only while the list of rejected rows (stretch 1) is hidden.
        layout.addStretch(0)
        self.retranslate_ui()

    def show_summary(self, summary: ImportSummary) -> None:
        """Show what the import did."""
        self.summary = summary
        for widget in (self.rejected_label, self.rejected, self.copy_button):
            widget.setVisible(bool(summary.rejected))
        self.retranslate_ui()

    def rejected_text(self) -> str:
        """The rejected rows, tab-separated, as the copy button puts them on the clipboard."""
        return rejected_report(self.summary.rejected if self.summary else ())

    def _on_copy_button_clicked(self) -> None:
        QApplication.clipboard().setText(self.rejected_text())

    def retranslate_ui(self) -> None:
        self.counts.setAccessibleName(_("What the import did"))
        self.rejected_label.setText(_("Rows &not imported, and why:"))
        self.rejected.setAccessibleName(_("Rows not imported, and why"))
        self.copy_button.setText(_("&Copy the list of rejected rows"))
        self.copy_button.setAccessibleName(_("Copy the list of rejected rows"))
        if self.summary is None:
            return
        self.heading.setText(
            _("The import of {file} is finished.").format(file=self.summary.file_name)
        )
        self.counts.setText(done_counts(self.summary))
        self.rejected.setPlainText("\n".join(map(rejected_line, self.summary.rejected)))


def rejected_line(row: RejectedRow) -> str:
    if row.name:
        return _("Row {line} ({name}): {reason}").format(
            line=row.line, name=row.name, reason=row.reason
        )
    return _("Row {line}: {reason}").format(line=row.line, reason=row.reason)
