"""Finding people or organisations entered twice, comparing them, and merging them into one."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.services.duplicates import REASONS, DuplicateGroup
from app.services.registry import Services
from app.views.dialogs.duplicate_records_table import ORGANISATIONS, PEOPLE, DuplicateRecordsTable
from app.views.errors import show_error
from app.views.widgets.translatable import Retranslatable
from app.views.workers import Job, run_job

log = logging.getLogger(__name__)

__all__ = ["ORGANISATIONS", "PEOPLE", "DuplicatesDialog"]


class DuplicatesDialog(Retranslatable, QDialog):
    """Groups of records that look like one (same name, e-mail, phone or tax id).

    The person ticks the record to keep and the records to merge into it (see
    :class:`DuplicateRecordsTable`); everything attached to a merged one (organisations, consent,
    attendance) ends up on the kept one, and records left unticked stay as they are: a phone
    shared by a whole office does not make its people one. ``merged`` counts the merges done, so
    the caller knows to read its lists again.
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
        self.records = DuplicateRecordsTable(kind)
        self.records_label.setBuddy(self.records)
        self.merge_button = QPushButton()
        self.status = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.group_list.currentRowChanged.connect(self._on_group_list_current_row_changed)
        self.records.changed.connect(self._update_button)
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        self.resize(1150, 600)
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
                "tick the record to keep and the records to merge into it: nothing attached to "
                "them is lost. Records left unticked stay as they are."
            )
        )
        self.groups_label.setText(_("&Groups found:"))
        self.group_list.setAccessibleName(_("Groups of possible duplicates"))
        self.records_label.setText(_("&Records in this group (arrows to move, Space to tick):"))
        self.records.setAccessibleName(_("Records in the group: the one to keep, those to merge"))
        self.merge_button.setText(_("&Merge the ticked records into the kept one"))
        self.records.retranslate_ui()
        for row, group in enumerate(self.groups or ()):
            self.group_list.item(row).setText(_group_text(group))
        if self.groups is not None:
            self._show_count()

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
            self.group_list.addItem(QListWidgetItem(_group_text(group)))
        self._show_count()
        if groups:
            self.group_list.setCurrentRow(0)
        else:
            self.records.show_group(None)
        self._update_button()

    def _show_count(self) -> None:
        count = len(self.groups or ())
        self.status.setText(
            ngettext("{count} group found.", "{count} groups found.", count).format(count=count)
            if count
            else _("No duplicates found.")
        )

    def _show_records(self, group: DuplicateGroup) -> None:
        get = self.services.people.get if self.kind == PEOPLE else self.services.organisations.get
        self.records.show_group(group, [get(record_id) for record_id in group.ids])

    def current_group(self) -> DuplicateGroup | None:
        row = self.group_list.currentRow()
        return self.groups[row] if self.groups and 0 <= row < len(self.groups) else None

    def _update_button(self) -> None:
        self.merge_button.setEnabled(
            self.job is None
            and self.current_group() is not None
            and self.records.keep_id is not None
            and bool(self.records.merged_ids())
        )

    # -- slots ----------------------------------------------------------------------------------

    def _on_group_list_current_row_changed(self, _row: int) -> None:
        group = self.current_group()
        if group is not None:
            self._show_records(group)
        self._update_button()

    def _on_merge_button_clicked(self) -> None:
        group, keep_id, others = (
            self.current_group(),
            self.records.keep_id,
            self.records.merged_ids(),
        )
        if group is None or keep_id is None or not others:
            return
        question = _merge_question(group, keep_id, len(others))
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


def _group_text(group: DuplicateGroup) -> str:
    reason = _(REASONS[group.reason]) if group.reason in REASONS else group.reason
    return _("{reason}: {names}").format(reason=reason, names=" / ".join(group.names))


def _merge_question(group: DuplicateGroup, keep_id: str, merging: int) -> str:
    """The confirmation: which record is kept, how many join it, how many stay apart."""
    keep_name = group.names[group.ids.index(keep_id)]
    question = ngettext(
        "Keep “{name}” and merge {count} other record into it?",
        "Keep “{name}” and merge {count} other records into it?",
        merging,
    ).format(name=keep_name, count=merging)
    left = len(group.ids) - merging - 1
    if left:
        question += " " + ngettext(
            "{count} record left unticked stays as it is.",
            "{count} records left unticked stay as they are.",
            left,
        ).format(count=left)
    return (
        question
        + "\n\n"
        + _(
            "Everything attached to any of them (organisations, consent, attendance) is kept, "
            "now on “{name}”; its empty fields are filled from the others. A backup is made "
            "first."
        ).format(name=keep_name)
    )
