"""Finding people or organisations entered twice, comparing them, and merging them into one."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.services.duplicates import REASONS, DuplicateGroup
from app.services.registry import Services
from app.services.vocabulary import MEMBERSHIP_ROLES
from app.views.errors import show_error
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

PEOPLE = "people"
ORGANISATIONS = "organisations"


class DuplicatesDialog(Retranslatable, QDialog):
    """Groups of records that look like one (same name, e-mail, phone or tax id).

    The person picks the record to keep; the others are merged into it and everything attached
    to any of them (organisations, consent, attendance) ends up on the kept one. ``merged``
    counts the merges done, so the caller knows to read its lists again.
    """

    def __init__(self, services: Services, kind: str = PEOPLE, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.kind = kind
        self.groups: list[DuplicateGroup] | None = None
        self.merged = 0
        self.job: Job | None = None
        self.intro = QLabel(wordWrap=True)
        self.groups_label, self.records_label = QLabel(), QLabel(wordWrap=True)
        self.group_list = QListWidget()
        self.groups_label.setBuddy(self.group_list)
        self.records = QTableWidget(0, 0)
        self.records.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.records.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.records.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.records.verticalHeader().hide()
        self.records_label.setBuddy(self.records)
        self.merge_button = QPushButton()
        self.status = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.group_list.currentRowChanged.connect(self._on_group_list_current_row_changed)
        self.records.itemSelectionChanged.connect(self._update_button)
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        self.resize(900, 520)
        self.retranslate_ui()
        self.find()

    def _lay_out(self) -> None:
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.groups_label)
        left.addWidget(self.group_list, 1)
        right.addWidget(self.records_label)
        right.addWidget(self.records, 1)
        right.addWidget(self.merge_button)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        people = self.kind == PEOPLE
        self.setWindowTitle(_("Duplicate people") if people else _("Duplicate organisations"))
        self.intro.setText(
            _(
                "These records look like the same one entered more than once. Choose a group, "
                "select the record to keep, and merge: nothing attached to any of them is lost."
            )
        )
        self.groups_label.setText(_("&Groups found:"))
        self.group_list.setAccessibleName(_("Groups of possible duplicates"))
        self.records_label.setText(_("&Records in this group (select the one to keep):"))
        self.records.setAccessibleName(_("Records in the group; the selected one is kept"))
        self.merge_button.setText(_("&Keep the selected one and merge the others into it"))
        self.records.setHorizontalHeaderLabels([title() for title, _value in self._columns()])
        if self.groups is not None:
            self._show_groups(self.groups)

    # -- reading --------------------------------------------------------------------------------

    def find(self) -> None:
        """Look for duplicates in the background and list the groups."""
        finder = (
            self.services.duplicates.find_people
            if self.kind == PEOPLE
            else self.services.duplicates.find_organisations
        )
        self.status.setText(_("Looking for duplicates…"))
        self.job = run_job(
            self,
            _("Looking for duplicates…"),
            lambda _p, _c: finder(),
            self._show_groups,
            self._on_find_failed,
            cancellable=False,
        )

    def _show_groups(self, groups: list[DuplicateGroup]) -> None:
        self.job = None
        self.groups = groups
        self.group_list.clear()
        for group in groups:
            reason = _(REASONS[group.reason]) if group.reason in REASONS else group.reason
            text = _("{reason}: {names}").format(reason=reason, names=" / ".join(group.names))
            self.group_list.addItem(QListWidgetItem(text))
        if groups:
            self.status.setText(
                ngettext("{count} group found.", "{count} groups found.", len(groups)).format(
                    count=len(groups)
                )
            )
            self.group_list.setCurrentRow(0)
        else:
            self.status.setText(_("No duplicates found."))
            self.records.setRowCount(0)
        self._update_button()

    def _columns(self) -> list[tuple[Callable[[], str], Callable[[str], str]]]:
        """(title, value of one record id) for the comparison table."""
        if self.kind == PEOPLE:
            return [
                (lambda: _("Name"), lambda p: p.full_name),
                (lambda: _("E-mail"), lambda p: p.email),
                (lambda: _("Phone"), lambda p: p.phone),
                (
                    lambda: _("Birth year"),
                    lambda p: "" if p.birth_year is None else str(p.birth_year),
                ),
                (lambda: _("Organisations"), _memberships_text),
            ]
        return [
            (lambda: _("Name"), lambda o: o.name),
            (lambda: _("Tax id"), lambda o: o.tax_id),
            (lambda: _("Municipality"), lambda o: o.municipality),
            (lambda: _("E-mail"), lambda o: o.email),
            (lambda: _("Phone"), lambda o: o.phone),
        ]

    def _show_records(self, group: DuplicateGroup) -> None:
        get = self.services.people.get if self.kind == PEOPLE else self.services.organisations.get
        columns = self._columns()
        self.records.setColumnCount(len(columns))
        self.records.setHorizontalHeaderLabels([title() for title, _value in columns])
        self.records.setRowCount(len(group.ids))
        for row, record_id in enumerate(group.ids):
            record = get(record_id)
            for column, (_title, value) in enumerate(columns):
                self.records.setItem(row, column, QTableWidgetItem(value(record)))
        header = self.records.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.records.selectRow(0)

    def current_group(self) -> DuplicateGroup | None:
        row = self.group_list.currentRow()
        return self.groups[row] if self.groups and 0 <= row < len(self.groups) else None

    def keep_row(self) -> int | None:
        rows = self.records.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_button(self) -> None:
        self.merge_button.setEnabled(
            self.job is None and self.current_group() is not None and self.keep_row() is not None
        )

    # -- slots ----------------------------------------------------------------------------------

    def _on_group_list_current_row_changed(self, _row: int) -> None:
        group = self.current_group()
        if group is not None:
            self._show_records(group)
        self._update_button()

    def _on_merge_button_clicked(self) -> None:
        group, row = self.current_group(), self.keep_row()
        if group is None or row is None:
            return
        keep_id, keep_name = group.ids[row], group.names[row]
        others = [i for i in group.ids if i != keep_id]
        question = ngettext(
            "Keep “{name}” and merge {count} other record into it?",
            "Keep “{name}” and merge {count} other records into it?",
            len(others),
        ).format(name=keep_name, count=len(others))
        question += "\n\n" + _(
            "Everything attached to any of them (organisations, consent, attendance) is kept, "
            "now on “{name}”; its empty fields are filled from the others. A backup is made "
            "first."
        ).format(name=keep_name)
        answer = QMessageBox.question(self, _("Merge duplicates"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        merge = (
            self.services.duplicates.merge_people
            if self.kind == PEOPLE
            else self.services.duplicates.merge_organisations
        )
        self.merge_button.setEnabled(False)
        self.job = run_job(
            self,
            _("Merging…"),
            lambda _p, _c: merge(keep_id, others),
            self._on_merged,
            self._on_merge_failed,
            cancellable=False,
        )

    def _on_merged(self, _result: object) -> None:
        self.merged += 1
        self.job = None
        self.find()

    def _on_find_failed(self, error: BaseException) -> None:
        self.job = None
        self.status.setText("")
        show_error(self, error)

    def _on_merge_failed(self, error: BaseException) -> None:
        self.job = None
        show_error(self, error)
        self.find()


def _memberships_text(person) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(
        _("{organisation} ({role})").format(
            organisation=m.organisation_name,
            role=_(MEMBERSHIP_ROLES[m.role]) if m.role in MEMBERSHIP_ROLES else m.role,
        )
        for m in person.memberships
    )
