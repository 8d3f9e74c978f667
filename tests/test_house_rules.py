"""The house rules, held by tools: layer contracts, lint, complete translations."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from app.tools import translations

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else (shutil.which(name) or name)


def test_layer_contracts_hold() -> None:
    """Views never touch the database; the core never imports Qt (import-linter)."""
    result = subprocess.run(
        [_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_lint_clean() -> None:
    result = subprocess.run(
        [_tool("ruff"), "check", "app", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_template_is_current() -> None:
    """translations/messages.pot holds exactly the messages of the code (run `update`)."""
    committed = translations.POT.read_bytes()
    fresh = translations.template_bytes(translations.build_template())
    assert committed == fresh, "run: python -m app.tools.translations update"


def test_spanish_and_english_are_complete() -> None:
    for language in ("es", "en"):
        missing = translations.missing(language)
        assert missing == [], f"{language} lacks {len(missing)} messages, e.g. {missing[:5]}"
