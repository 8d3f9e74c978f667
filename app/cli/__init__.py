"""The command line: a second face over the same services, with no GUI.

``tejido`` alone starts the program. Expected problems print one plain line on stderr and exit 1;
usage errors exit 2 (argparse). No traceback for anything a person can fix.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from app import __version__
from app.cli import (
    activities,
    attendance,
    backups,
    bundles,
    catalogue,
    certificates,
    data,
    demo,
    documents,
    mentoring,
    people,
    report,
    sync,
)
from app.errors import TejidoError
from app.i18n import _, set_language

log = logging.getLogger(__name__)

# Each module adds its sub-commands with ``register(subparsers, common)``.
COMMAND_MODULES = (
    demo,
    data,
    backups,
    people,
    activities,
    attendance,
    certificates,
    documents,
    mentoring,
    catalogue,
    bundles,
    report,
    sync,
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=_("the data folder (default: TEJIDO_DATA_DIR or your user data folder)"),
    )
    parser = argparse.ArgumentParser(
        prog="tejido",
        description=_("Tejido: forum meetings, training capsules, mentoring and good practices."),
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"tejido {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in COMMAND_MODULES:
        module.register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    import os

    from app.paths import resolve_data_dir
    from app.settings import load_settings

    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(os.environ.get("TEJIDO_LANG") or _language_from_env())
    parser = build_parser()
    args = parser.parse_args(args_list)
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if args.command is None:
        from app.main import run_gui

        return run_gui(data_dir)
    if not os.environ.get("TEJIDO_LANG"):
        saved = load_settings(data_dir).language if data_dir.exists() else None
        if saved:
            set_language(saved)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args, data_dir) or 0)
    except TejidoError as error:
        print(_("tejido: {message}").format(message=error), file=sys.stderr)
        return 1
    except BrokenPipeError:  # the output was cut short (``| head``): not a problem
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(_("tejido: interrupted; nothing was left half-done."), file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - a bug: logged for whoever helps, one line for the person
        log.exception("unexpected error in 'tejido %s'", args.command)
        print(
            _(
                "tejido: an unexpected problem stopped the command; your saved data is safe. "
                "Run it again with TEJIDO_DEBUG=1 to see the details for whoever helps you."
            ),
            file=sys.stderr,
        )
        if os.environ.get("TEJIDO_DEBUG"):
            raise
        return 1


def _language_from_env() -> str | None:
    import locale
    import os

    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        return locale.getlocale()[0]
    except ValueError:
        return None
