"""Switching the language while the program runs: our catalogue and Qt's own dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QTranslator

from app.i18n import set_language

_qt_translator: QTranslator | None = None


def apply_language(code: str) -> str:
    """Make ``code`` current for our strings and for Qt's dialogs; every widget is told."""
    global _qt_translator
    app = QCoreApplication.instance()
    code = set_language(code)
    if app is None:
        return code
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{code}", folder):
        app.installTranslator(translator)
        _qt_translator = translator
    else:
        _qt_translator = None
    # installTranslator only announces a change when Qt has a catalogue for the language
    # (English has none), so announce it ourselves; widgets pass it on to their children.
    QCoreApplication.postEvent(app, QEvent(QEvent.Type.LanguageChange))
    return code
