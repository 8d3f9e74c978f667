"""Checks of a PDF's structure with `qpdf --check`, shared by the document tests.

Where qpdf is not installed the check is skipped, except in CI (``CI`` set), where `.ci/run`
installs it and a missing qpdf must fail rather than pass silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def qpdf_check(path: Path) -> None:
    """Assert that qpdf finds no fault in the PDF at ``path``."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        if os.environ.get("CI"):
            pytest.fail("qpdf is missing: .ci/run should have installed it")
        pytest.skip("qpdf is not installed here")
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
