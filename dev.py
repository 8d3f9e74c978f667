#!/usr/bin/env python3
"""Set up and run Tejido from a fresh clone, on Windows, macOS or Linux, with only Python 3.11+.

    python3 dev.py run     set up, then start Tejido on a demo data folder (filled on first start)
    python3 dev.py test    set up, then run every test (the command CI runs)
    python3 dev.py setup   create .venv with the locked dependencies and build the translations
    python3 dev.py build   build the one-folder program with PyInstaller (dist/tejido) and try it
    python3 dev.py lock    regenerate requirements/*.txt from pyproject.toml (needs uv in .venv)
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements" / "dev.txt"
DEMO_DIR = ROOT / ".demo-data"


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def run(*args: str | Path, **kwargs) -> None:  # type: ignore[no-untyped-def]
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)


def setup() -> Path:
    """Create .venv and install the locked dependencies when the lock changed."""
    if sys.version_info < (3, 11):
        sys.exit("Tejido needs Python 3.11 or newer.")
    python = venv_python()
    if not python.exists():
        print("Creating .venv …")
        venv.create(VENV, with_pip=True)
    stamp = VENV / ".tejido-lock-hash"
    digest = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print("Installing dependencies (requirements/dev.txt) …")
        pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        run(*pip, "--require-hashes", "-r", LOCK)
        run(*pip, "--no-deps", "--no-build-isolation", "-e", ".")
        stamp.write_text(digest)
    run(python, "-m", "app.tools.translations", "compile")
    # Bytecode for our own code too (the editable install does not compile it), so that the
    # first start is as fast as every later one.
    run(python, "-m", "compileall", "-q", "app")
    return python


def build(python: Path) -> int:
    """Build dist/tejido with PyInstaller, then run the built program on a scratch folder."""
    import tempfile

    run(python, "-m", "PyInstaller", "packaging/tejido.spec", "--noconfirm", "--log-level=WARN",
        "--distpath", "dist", "--workpath", "build")
    program = ROOT / "dist" / "tejido" / ("tejido.exe" if os.name == "nt" else "tejido")
    if sys.platform == "darwin":
        program = ROOT / "dist" / "Tejido.app" / "Contents" / "MacOS" / "tejido"
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        run(program, "--version")
        run(program, "demo", "--data-dir", data)
        run(program, "export-data", "--data-dir", data, "--out", Path(scratch) / "all.json")
        # The documents: fonts, ReportLab, the QR code and the signatures are all packaged.
        listing = subprocess.run([str(program), "activities", "list", "--json", "--data-dir",
                                  str(data)], check=True, capture_output=True, text=True).stdout
        closed = [a["id"] for a in json.loads(listing)
                  if a["kind"] == "capsule" and a["status"] == "closed"]
        certificates = Path(scratch) / "certificates.pdf"
        run(program, "certificates", "issue", closed[-1], "--data-dir", data, "--out", certificates)
        run(program, "certificates", "verify", certificates, "--data-dir", data)
        run(program, "handout", closed[-1], "--data-dir", data, "--out", Path(scratch) / "h.pdf")
        # Mentoring and catalogue documents, and a bundle through jsonschema into a new folder.
        run(program, "mentoring", "health", "--data-dir", data)
        run(program, "catalogue", "booklet", "--data-dir", data, "--out", Path(scratch) / "b.pdf")
        bundle = Path(scratch) / "catalogue.tejido"
        run(program, "bundle", "export", "--data-dir", data, "--out", bundle)
        run(program, "bundle", "import", bundle, "--data-dir", Path(scratch) / "other")
        # The funders' report as PDF (its charts) and the dashboard's Qt Charts module.
        run(program, "report", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "pdf",
            "--data-dir", data, "--out", Path(scratch) / "report.pdf")
        # Sync: the demo folder and the bundle's folder exchange changes through a shared folder.
        shared = Path(scratch) / "shared"
        shared.mkdir()
        for folder, name in ((data, "A"), (Path(scratch) / "other", "B"), (data, "A")):
            run(program, "sync", "--data-dir", folder, "--folder", shared, "--name", name)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TEJIDO_EXIT_AFTER_START="1")
        run(program, "--data-dir", data, env=env)
    files = (ROOT / "dist" / "tejido").rglob("*")
    size = sum(f.stat().st_size for f in files if f.is_file() and not f.is_symlink())
    print(f"Built {program} ({size / 2**20:.0f} MB); it starts, makes demo data, exports, "
          "issues and verifies certificates, prints a booklet, exports and imports a bundle, "
          "writes a report, and syncs two folders.")
    return 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "run"
    if command == "lock":
        for name, extra in (("app", []), ("dev", ["--extra", "dev"])):
            run(venv_python(), "-m", "uv", "pip", "compile", "pyproject.toml", *extra,
                "--universal", "--generate-hashes", "--python-version", "3.11",
                "-o", f"requirements/{name}.txt")
        return 0
    python = setup()
    if command == "setup":
        return 0
    if command == "run":
        env = dict(os.environ, TEJIDO_DATA_DIR=os.environ.get("TEJIDO_DATA_DIR", str(DEMO_DIR)))
        data_dir = Path(env["TEJIDO_DATA_DIR"])
        if not (data_dir / "tejido.db").exists():
            run(python, "-m", "app", "demo", "--data-dir", data_dir, env=env)
        return subprocess.call([str(python), "-m", "app", *argv[1:]], cwd=ROOT, env=env)
    if command == "build":
        return build(python)
    if command == "test":
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        return subprocess.call([str(python), "-m", "pytest", *argv[1:]], cwd=ROOT, env=env)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
