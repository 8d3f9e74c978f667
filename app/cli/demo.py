"""``tejido demo [--scale small|large]``: fill an empty data folder with example data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import open_services
from app.i18n import _
from app.services.demo import SCALES, fill_demo
from app.settings import load_settings, update_settings


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "demo",
        parents=[common],
        help=_("fill an empty data folder with realistic example data"),
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    with open_services(data_dir) as services:

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

        summary = fill_demo(services.db, args.scale, progress)
    update_settings(
        data_dir, first_run_done=True, extra={**load_settings(data_dir).extra, "demo": True}
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        _(
            "Example data added to {path}: {organisations} organisations, {people} people, "
            "{activities} activities with {sessions} sessions and {marks} attendance marks."
        ).format(
            path=data_dir,
            organisations=summary.organisations,
            people=summary.people,
            activities=summary.activities,
            sessions=summary.sessions,
            marks=summary.attendance,
        )
    )
    print(
        _(
            "Mentoring: {mentors} mentors and {pairs} mentoring pairs with {sessions} sessions "
            "in their logs."
        ).format(
            mentors=summary.mentors,
            pairs=summary.mentoring_pairs,
            sessions=summary.mentoring_sessions,
        )
    )
    print(
        _(
            "Catalogue: {practices} good practices with {attachments} attachments and "
            "{adoptions} adoptions."
        ).format(
            practices=summary.practices,
            attachments=summary.practice_attachments,
            adoptions=summary.adoptions,
        )
    )
    print(
        _("Network: {projects} collaborative projects and {cascades} cascades.").format(
            projects=summary.projects, cascades=summary.cascades
        )
    )
    return 0
