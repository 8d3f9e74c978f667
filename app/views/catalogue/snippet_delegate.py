"""Draws a practice's title with, under it, the snippet of text that matched the search (the
matching words in bold), so people see why a practice was found without opening it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.views.catalogue.catalogue_table_model import SNIPPET_ROLE, snippet_html

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
PADDING = 4


def snippet_document(snippet: str, option: QStyleOptionViewItem) -> QTextDocument:
    """One line of rich text, a little smaller than the list's font."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = option.font
    font.setPointSizeF(max(font.pointSizeF() * 0.9, 6.0))
    document.setDefaultFont(font)
    document.setHtml(f"<span style='white-space:pre'>{snippet_html(snippet)}</span>")
    return document


class SnippetDelegate(QStyledItemDelegate):
    """The title on the first line; when the row carries a snippet, the snippet on a second line
    in the list's secondary colour (matches in bold), cut at the column's edge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        snippet = index.data(SNIPPET_ROLE) or ""
        if not snippet:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        title = option.text
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = option.rect.adjusted(PADDING, PADDING // 2, -PADDING, -PADDING // 2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        metrics = option.fontMetrics
        painter.save()
        painter.setClipRect(option.rect)
        painter.setFont(option.font)
        painter.setPen(option.palette.color(group, text_role))
        line = metrics.height()
        shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            rect.x(), rect.y(), rect.width(), line, int(Qt.AlignmentFlag.AlignLeft), shown
        )
        document = snippet_document(snippet, option)
        context = QAbstractTextDocumentLayout.PaintContext()
        colour_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(group, colour_role)
        if not selected:
            colour.setAlpha(190)  # secondary, while keeping the contrast readable
        context.palette.setColor(QPalette.ColorRole.Text, colour)
        painter.translate(rect.x(), rect.y() + line + 1)
        context.clip = QRectF(0, 0, rect.width(), rect.height() - line)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        if index.data(SNIPPET_ROLE):
            size.setHeight(two_lines(option.fontMetrics.height()))
        return size


def two_lines(line_height: int) -> int:
    """The height of a row with a title and a snippet under it."""
    return line_height * 2 + PADDING + 3
