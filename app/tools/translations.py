"""Translation catalogues: extract the .pot, update the .po files, compile the .mo files, check.

python -m app.tools.translations extract   rewrite translations/messages.pot from the code
python -m app.tools.translations update    extract, then merge the .pot into every .po
python -m app.tools.translations compile   build the .mo files (done by dev.py setup)
python -m app.tools.translations check     list messages missing or fuzzy in a .po; exit 1 if any
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
LANGUAGES = ("es", "en")
SKIP_DIRS = ("tools",)


def po_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "tejido.po"


def build_template() -> Catalog:
    """Every message marked in the code, sorted, without line numbers (stable diffs)."""
    catalog = Catalog(project="Tejido", msgid_bugs_address="", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT / "app",
        method_map=[("**.py", "python")],
        keywords=DEFAULT_KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        if filename.split("/")[0] in SKIP_DIRS:
            continue
        catalog.add(
            message, None, [(f"app/{filename}", lineno)], auto_comments=comments, context=context
        )
    return catalog


def template_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, sort_output=True, include_lineno=False, omit_header=False, width=100)
    # The creation date changes on every run; drop it so an unchanged .pot stays byte-identical.
    return b"\n".join(
        line for line in buffer.getvalue().split(b"\n") if not line.startswith(b'"POT-Creation')
    )


def extract() -> Catalog:
    catalog = build_template()
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(template_bytes(catalog))
    return catalog


def update() -> None:
    template = extract()
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            with path.open("rb") as fp:
                catalog = read_po(fp, locale=language)
        else:
            catalog = Catalog(locale=language, project="Tejido", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        if language == "en":  # the source language: a message is its own translation
            for message in catalog:
                if not message.id:
                    continue
                if message.pluralizable and not all(message.string or ()):
                    message.string = (message.id[0], message.id[1])
                elif not message.pluralizable and not message.string:
                    message.string = message.id
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        write_po(
            buffer, catalog, sort_output=True, include_lineno=False, width=100, ignore_obsolete=True
        )
        path.write_bytes(buffer.getvalue())


def compile_all() -> None:
    for language in LANGUAGES:
        path = po_path(language)
        if not path.exists():
            continue
        with path.open("rb") as fp:
            catalog = read_po(fp, locale=language)
        with path.with_suffix(".mo").open("wb") as fp:
            write_mo(fp, catalog)


def missing(language: str) -> list[str]:
    """Messages of the code that the language's .po lacks, leaves empty or marks fuzzy."""
    path = po_path(language)
    if not path.exists():
        return ["<no catalogue>"]
    with path.open("rb") as fp:
        catalog = read_po(fp, locale=language)
    problems = []
    for message in build_template():
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        strings = found.string if found else None
        if isinstance(strings, tuple | list):
            empty = not all(strings)
        else:
            empty = not strings
        if found is None or empty or found.fuzzy:
            problems.append(message.id if isinstance(message.id, str) else message.id[0])
    return problems


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        bad = {language: missing(language) for language in LANGUAGES}
        for language, messages in bad.items():
            for message in messages:
                print(f"{language}: {message}")
        return 1 if any(bad.values()) else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
