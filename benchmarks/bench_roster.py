"""Taking attendance: open the roster of a 300-person activity, and mark people from the keyboard.

The data is built here, through the services, in a temporary data folder: 300 people registered
in one activity, among 1,500 people of the directory and 20 other activities with their marks.

- Open: the dialog built (its one query included), shown, and its first paint processed.
  Baseline: a bare dialog with a plain table of the same 300 × 6 texts, shown and painted.
- Mark: from the key press (``QTest.keyClick`` on the list, or Enter in the search box after
  three letters) to the mark saved in the database and shown in the model, events processed.
  Baseline: the same change written with plain ``sqlite3`` (UPDATE + COMMIT, synchronous=FULL).

Figures are medians (and the worst) over repeated runs. Targets: open ≤ 100 ms, mark ≤ 30 ms.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random  # noqa: E402
import re  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from datetime import time as clock  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import Qt, qInstallMessageHandler  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QTableView, QVBoxLayout  # noqa: E402

from app.i18n import set_language  # noqa: E402
from app.services.activities import ActivityData, SessionData  # noqa: E402
from app.services.context import DataFolder  # noqa: E402
from app.services.people import MembershipData, PersonData  # noqa: E402
from app.services.registry import Services, build_services  # noqa: E402
from app.views.dialogs.roster_dialog import RosterDialog  # noqa: E402
from benchmarks.common import report  # noqa: E402

GIVEN = "José María,Ana,Àngels,Iñaki,Zoë,Fátima,Luis,Nerea,Oumar,Lucía,Andreea,Pau,Chloé,Björn"
FAMILY = "Núñez,Pérez,Puig,Etxeberria,Müller,El Idrissi,Gómez,Ruiz,Diallo,Popescu,Vidal,Castro"
ORGANISATIONS = [f"Asociación {n}" for n in range(40)]
ROSTER, DIRECTORY, OTHER_ACTIVITIES = 300, 1500, 20
TAG = re.compile(r"\b[bcdfghjklmnpqrstvwxz]{3}\b")  # no name of the lists above is like it


def tag(number: int) -> str:
    """Three letters unique to a person ("Bcd"), what is typed at the door to find them."""
    letters = "bcdfghjklmnpqrstvwxz"
    a, rest = divmod(number, 400)
    return (letters[a % 20] + letters[rest // 20] + letters[rest % 20]).capitalize()


def build(services: Services) -> str:
    """Fill the directory and the activities; returns the id of the 300-person session."""
    rng = random.Random(7)
    given, family = GIVEN.split(","), FAMILY.split(",")
    people = []
    for number in range(DIRECTORY):
        name = f"{rng.choice(given)} {tag(number)} {rng.choice(family)} {rng.choice(family)}"
        organisation = MembershipData(None, rng.choice(ORGANISATIONS), "staff")
        gender = rng.choice(["woman", "woman", "man", "non_binary", "not_stated"])
        saved = services.people.save(PersonData(name, gender=gender, memberships=(organisation,)))
        people.append(saved.id)
    session_id = ""
    for number in range(OTHER_ACTIVITIES + 1):
        sessions = tuple(
            SessionData(date(2025, 1 + week // 4, 1 + 7 * (week % 4)), clock(10), clock(12))
            for week in range(4)
        )
        activity = services.activities.save(
            ActivityData(f"Cápsula {number}", kind="capsule", sessions=sessions)
        )
        size = ROSTER if number == 0 else 40
        chosen = rng.sample(people, size)
        for person_id in chosen:
            services.registrations.register(activity.id, person_id)
        if number == 0:
            session_id = activity.sessions[-1].id
            continue
        for session in activity.sessions:
            for person_id in chosen[:30]:
                services.attendance.mark(session.id, person_id, "present")
    return session_id


def open_roster(services: Services, session_id: str) -> float:
    start = time.perf_counter()
    dialog = RosterDialog(services, session_id)
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    QApplication.processEvents()
    elapsed = time.perf_counter() - start
    dialog.close()
    dialog.deleteLater()
    QApplication.processEvents()
    return elapsed


def open_bare(texts: list[list[str]]) -> float:
    start = time.perf_counter()
    dialog = QDialog()
    model = QStandardItemModel(len(texts), 6, dialog)
    for row, cells in enumerate(texts):
        for column, text in enumerate(cells):
            model.setItem(row, column, QStandardItem(text))
    table = QTableView()
    table.setModel(model)
    QVBoxLayout(dialog).addWidget(table)
    dialog.resize(1000, 650)
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    QApplication.processEvents()
    elapsed = time.perf_counter() - start
    dialog.close()
    dialog.deleteLater()
    QApplication.processEvents()
    return elapsed


def timed_marks(dialog: RosterDialog, count: int) -> tuple[list[float], list[float]]:
    """Marks by keys 1–5 on the list, and by three letters then Enter in the search box."""
    rows = list(dialog.model.rows())
    by_key, by_enter = [], []
    for number in range(count):
        row = rows[number]
        dialog.select_person(row.person_id)
        dialog.table.setFocus()
        start = time.perf_counter()
        QTest.keyClick(dialog.table, Qt.Key(Qt.Key.Key_1 + number % 5))
        QApplication.processEvents()
        by_key.append(time.perf_counter() - start)
    for row in rows[count : 2 * count]:
        dialog.search.setFocus()
        QTest.keyClicks(dialog.search, TAG.search(row.name_key)[0])  # three letters, unique
        start = time.perf_counter()
        QTest.keyClick(dialog.search, Qt.Key.Key_Return)
        QApplication.processEvents()
        by_enter.append(time.perf_counter() - start)
    return by_key, by_enter


def raw_marks(database: Path, ids: list[str], count: int) -> list[float]:
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA synchronous=FULL")
    times = []
    for number in range(count):
        start = time.perf_counter()
        connection.execute("BEGIN")
        connection.execute(
            "UPDATE attendance SET status = ?, taken_at = ? WHERE id = ?",
            ("late" if number % 2 else "present", "2025-03-04 10:00:00", ids[number % len(ids)]),
        )
        connection.execute("COMMIT")
        times.append(time.perf_counter() - start)
    connection.close()
    return times


def check_saved(services: Services, dialog: RosterDialog, session_id: str) -> None:
    saved = {r.person_id: r.mark for r in services.attendance.roster(session_id).rows}
    shown = {r.person_id: r.mark for r in dialog.model.rows()}
    if saved != shown:
        raise SystemExit("the marks shown differ from the marks saved")


def ms(values: list[float]) -> tuple[float, float]:
    return statistics.median(values) * 1000, max(values) * 1000


def quiet(_kind, _context, message: str) -> None:  # type: ignore[no-untyped-def]
    """Qt's messages, without the offscreen platform's note on every window shown."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def main(runs: int = 15, marks: int = 60) -> None:
    set_language("en")
    qInstallMessageHandler(quiet)
    app = QApplication.instance() or QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="tejido-roster-")) / "data"
    folder.mkdir()
    services = build_services(DataFolder(folder))
    start = time.perf_counter()
    session_id = build(services)
    print(f"data built in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    roster = services.attendance.roster(session_id)
    texts = [[r.full_name, r.organisation_name, r.role, "", "", ""] for r in roster.rows]
    open_roster(services, session_id), open_bare(texts)  # warm up: first fonts, first styles
    opens = [open_roster(services, session_id) for _ in range(runs)]
    bare = [open_bare(texts) for _ in range(runs)]
    query = []
    for _ in range(runs):
        begin = time.perf_counter()
        services.attendance.roster(session_id)
        query.append(time.perf_counter() - begin)
    dialog = RosterDialog(services, session_id)
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    by_key, by_enter = timed_marks(dialog, marks)
    check_saved(services, dialog, session_id)
    ids = [r.person_id for r in dialog.model.rows()[:marks]]
    with sqlite3.connect(folder / "tejido.db") as raw:
        attendance_ids = [
            row[0]
            for row in raw.execute(
                "SELECT id FROM attendance WHERE session_id = ? AND person_id IN "
                f"({','.join('?' * len(ids))})",
                (session_id, *ids),
            )
        ]
    raw = raw_marks(folder / "tejido.db", attendance_ids, marks)
    (open_median, open_worst), (bare_median, _) = ms(opens), ms(bare)
    print(f"roster query alone: median {ms(query)[0]:.1f} ms ({len(roster.rows)} people)")
    report("roster of 300 people, open to first paint", open_median, bare_median, "ms", "≤ 100 ms")
    print(f"  worst of {runs}: {open_worst:.1f} ms")
    raw_median = ms(raw)[0]
    for name, values in (("mark by key 1–5 on the list", by_key), ("mark by Enter", by_enter)):
        median, worst = ms(values)
        report(f"{name}, key press to saved and shown", median, raw_median, "ms", "≤ 30 ms")
        print(f"  worst of {len(values)}: {worst:.1f} ms")
    dialog.close()
    services.db.dispose()
    del app


if __name__ == "__main__":
    main()
