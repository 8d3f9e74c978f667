"""The pages of the bundle import dialog: choose a file, read the dry run and decide, read what
was done. The choice column of the dry run is edited with a drop-down list."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.views.catalogue.bundle_plan_model import CHOICES_ROLE, BundlePlanModel
from app.views.catalogue.bundle_words import done_text, plan_counts, plan_report, source_text
from app.views.widgets.form_fields import WARNING_SIGN, problem_style
from app.views.widgets.paragraph import paragraph
from app.views.widgets.translatable import Retranslatable

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
# Beyond this many decisions the drop-down lists open on a double click or F2 only.
MAX_OPEN_EDITORS = 200


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down list of the choices a row allows; a pick is saved at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for code, label in index.data(CHOICES_ROLE) or []:
            combo.addItem(label, code)
        combo.setAccessibleName(
            _("Your choice for {title}").format(title=index.siblingAtColumn(0).data())
        )
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class BundleFilePage(Retranslatable, QWidget):
    """What a bundle is, the problem with the last file, and "Choose a file"."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.intro, self.problem = paragraph(), paragraph(selectable=True)
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
        """Say why the last file was refused ("" to say nothing)."""
        self.problem.setText(f"{WARNING_SIGN} {text}" if text else "")
        self.problem.setStyleSheet(problem_style(self.problem))
        self.problem.setVisible(bool(text))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(
            _(
                "Choose a catalogue bundle (a .tejido or .zip file exported from Tejido by "
                "another organisation, or by yours). First you will see what importing it would "
                "do; nothing is saved until you press Import."
            )
        )
        again = bool(self.problem.text())
        self.choose_button.setText(_("&Choose another file…") if again else _("&Choose a file…"))
        self.choose_button.setAccessibleName(_("Choose the bundle to import"))
        self.problem.setAccessibleName(_("Why the file was refused"))


class BundlePlanPage(Retranslatable, QWidget):
    """Where the bundle comes from, the counts per outcome, and every practice with what will
    happen, why, and a choice where there is a decision to make."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan: Any = None
        self.source, self.counts, self.nothing = paragraph(), paragraph(), paragraph()
        self.detail = paragraph(selectable=True)
        self.nothing.hide()
        self.model = BundlePlanModel(self)
        self.table_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(
            BundlePlanModel.CHOICE_COLUMN, ChoiceDelegate(self.table)
        )
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table_label.setBuddy(self.table)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_detail())
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.counts)
        layout.addWidget(self.nothing)
        layout.addWidget(self.table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.retranslate_ui()

    def show_plan(self, plan: Any) -> None:
        """Show ``plan``: its source, its counts and its items with their default choices."""
        self.plan = plan
        self.model.set_items(plan.items)
        rows = self.model.rows_with_choices()
        if len(rows) <= MAX_OPEN_EDITORS:
            for row in rows:
                self.table.openPersistentEditor(
                    self.model.index(row, BundlePlanModel.CHOICE_COLUMN)
                )
        self.table.resizeColumnsToContents()
        for column in range(BundlePlanModel.CHOICE_COLUMN):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 320))
        choice = BundlePlanModel.CHOICE_COLUMN
        self.table.setColumnWidth(choice, max(self.table.columnWidth(choice), 170))
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.retranslate_ui()

    def choices(self) -> dict[str, str]:
        """The choice for every item that offers one (the default where none was made)."""
        return dict(self.model.choices)

    def retranslate_ui(self) -> None:
        self.table_label.setText(_("&Practices in the file:"))
        self.copy_button.setText(_("C&opy the list"))
        self.copy_button.setAccessibleName(_("Copy the list of practices to paste elsewhere"))
        self.model.retranslate()
        self.nothing.setText(_("Importing this file would change nothing in your catalogue."))
        if self.plan is None:
            return
        self.source.setText(source_text(self.plan))
        self.counts.setText(plan_counts(self.model.items()))
        self._show_detail()

    def _show_detail(self) -> None:
        """The whole reason of the current row, under the table (the cell may cut it)."""
        index = self.table.currentIndex()
        if not index.isValid():
            self.detail.setText("")
            return
        item = self.model.row_at(index.row())
        self.detail.setText(_("{title}: {reason}").format(title=item.title, reason=item.reason))

    def update_nothing(self, writes: bool) -> None:
        """Say so when importing would change nothing."""
        self.nothing.setVisible(self.plan is not None and not writes)

    def _on_copy_button_clicked(self) -> None:
        QApplication.clipboard().setText(plan_report(self.model.items(), self.model.choices))


class BundleDonePage(Retranslatable, QWidget):
    """What the import did, and where the backup made just before it is."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: Any = None
        self.summary = paragraph(selectable=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def show_result(self, result: Any) -> None:
        """Say what the import ``result`` did."""
        self.result = result
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.summary.setText(done_text(self.result) if self.result is not None else "")
