"""`make bench` / `python -m benchmarks [--clients N | --big] [--runs K] [--only GROUP...]`:
each figure of issue 7 several times, its median, min and max beside a floor measured in
the same run and the ratio, and the target it is held to; a table and a JSON file in
benchmarks/results/.

Groups (`--only`): start (cold start, peak memory), list (load, keystroke, sort),
card (save, load), calendar (key dates, month and week switch), export (.ics against the
icalendar floor, memory), import (10k vCards end to end), typing (latency in the window
while an export and an import run in their separate process).
The default run (10k clients) runs them all; `--big` (100k clients) runs start, list and
card: the calendar, export and import figures are defined on the 10k base.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# An installed Rapport starts from cached bytecode (pip compiles it; Python caches what it
# imports): the processes timed here may write theirs, and the first run of each does.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

from benchmarks import generate as generator
from benchmarks import tree_pss_kib
from models import client_list, clients, db, occurrences, runtime, search

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "main.py"
TODAY = dt.date(2026, 11, 27)
GROUPS = ("start", "list", "card", "calendar", "export", "import", "typing")
BIG_GROUPS = ("start", "list", "card")
MIB = 1024  # peak_kib is in KiB


@dataclass(frozen=True)
class Target:
    """What a figure is held to: its median at most `limit` (in its unit), or its ratio
    to the floor at most `ratio`; neither: reported only."""

    text: str
    limit: float | None = None
    ratio: float | None = None

    def met(self, median: float, floor: float | None) -> bool | None:
        if self.limit is not None:
            return median <= self.limit
        if self.ratio is not None and floor:
            return median / floor <= self.ratio
        return None


REPORT = Target("report it")


class Bench:
    def __init__(self, runs: int) -> None:
        self.runs = runs
        self.figures: list[dict[str, object]] = []

    def timed(self, fn: Callable[[], object], per: int = 1, runs: int = 0) -> list[float]:
        times = []
        for _ in range(runs or self.runs):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000 / per)
        return times

    def figure(
        self,
        name: str,
        fn: Callable[[], object],
        floor_name: str = "",
        floor: Callable[[], object] | None = None,
        per: int = 1,
        target: Target = REPORT,
        setup: Callable[[], object] | None = None,
    ) -> None:
        """Time `fn` and its floor alternately, so that both see the same machine;
        `setup`, untimed, before each run of `fn`."""
        times, floor_times = [], []
        for _ in range(self.runs):
            if setup is not None:
                setup()
            times += self.timed(fn, per, runs=1)
            if floor is not None:
                floor_times += self.timed(floor, per, runs=1)
        self.add(name, times, floor_name, floor_times, target)

    def add(
        self,
        name: str,
        values: Sequence[float],
        floor_name: str = "",
        floor_values: Sequence[float] = (),
        target: Target = REPORT,
        unit: str = "ms",
    ) -> None:
        median = statistics.median(values)
        floor = statistics.median(floor_values) if floor_values else None
        self.figures.append(
            {
                "figure": name,
                "unit": unit,
                "runs": len(values),
                "median": median,
                "min": min(values),
                "max": max(values),
                "floor": floor_name,
                "floor_median": floor,
                "ratio": median / floor if floor else None,
                "target": target.text,
                "met": target.met(median, floor),
            }
        )
        print(f"  {name}: {median:.1f} {unit}", flush=True)

    def table(self) -> str:
        header = (
            f"{'figure':56} {'unit':>4} {'median':>8} {'min':>8} {'max':>8} {'floor':>8}"
            f" {'ratio':>6}  {'target':22} met"
        )
        lines = [header, "-" * len(header)]
        for f in self.figures:
            floor = f["floor_median"]
            met = {True: "yes", False: "NO", None: ""}[f["met"]]  # type: ignore[index]
            lines.append(
                f"{f['figure']:56} {f['unit']:>4} {f['median']:8.1f} {f['min']:8.1f}"
                f" {f['max']:8.1f} {_num(floor):>8} {_ratio(f['ratio']):>6}"
                f"  {f['target']:22} {met}"
            )
        lines.append("\nfloors:")
        lines += [f"  {f['figure']}: {f['floor']}" for f in self.figures if f["floor"]]
        return "\n".join(lines)


def _num(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, float) else ""


def _ratio(value: object) -> str:
    return f"{value:.2f}x" if isinstance(value, float) else ""


# -- Processes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Child:
    ms: float  # wall time from before the start to its end
    peak_kib: int  # the peak of what it and its workers held (tree_pss_kib); 0 unasked
    output: str


def child(args: Sequence[str], *, env: dict[str, str] | None = None, memory: bool = False) -> Child:
    """Run a Python process to its end; its wall time and, with `memory`, the peak of the
    memory it and the processes it forks hold (tree_pss_kib, read every 50 ms meanwhile).
    Only when asked: the kernel walks the processes' page tables for each reading, CPU
    taken from what is timed (read every 10 ms, an import of 10k vCards took ~0.25 s
    longer)."""
    with tempfile.TemporaryFile() as out:
        start = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, *args],
            stdout=out,
            stderr=out,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
        )
        peak = [0]
        ended = threading.Event()

        def watch() -> None:
            while not ended.wait(0.05):
                peak[0] = max(peak[0], tree_pss_kib(process.pid))

        watcher = threading.Thread(target=watch)
        if memory:
            watcher.start()
        try:
            _, status, _ = os.wait4(process.pid, 0)  # the GIL is free meanwhile
            ms = (time.monotonic() - start) * 1000
        finally:  # interrupted too: the watcher stops, the child goes
            ended.set()
            if memory:
                watcher.join()
            if process.returncode is None and process.poll() is None:
                process.kill()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({process.returncode}):\n{text[-3000:]}")
    return Child(ms, peak[0], text)


def first_paint(*args: str) -> dict[str, tuple[float, int]]:
    """{"first-paint": (ms from process start, peak RSS in KiB)}, and "clients-ready" and
    "stall" (the longest the window did not answer, ms) when asked for (see
    benchmarks/first_paint.py)."""
    start = time.monotonic()
    done = child(["-m", "benchmarks.first_paint", *args])
    found = {}
    for line in done.output.splitlines():
        what, _, rest = line.partition(" ")
        if what in ("first-paint", "clients-ready"):
            at, peak, *stall = rest.split()
            found[what] = ((float(at) - start) * 1000, int(peak))
            if stall:
                found["stall"] = (float(stall[0]), 0)
    return found


# -- Groups ------------------------------------------------------------------------------


def bench_start(bench: Bench, path: Path, size: str, big: bool) -> None:
    app_ms, bare_ms, app_kib, bare_kib, ready_ms, ready_kib, stall_ms = [], [], [], [], [], [], []
    first_paint("app", str(path))  # the file into the page cache: every run alike
    for _ in range(bench.runs):
        ms, kib = first_paint("bare")["first-paint"]
        bare_ms.append(ms)
        bare_kib.append(kib / MIB)
        found = first_paint("app", str(path), "clients")
        ms, kib = found["first-paint"]
        app_ms.append(ms)
        app_kib.append(kib / MIB)
        ms, kib = found["clients-ready"]
        ready_ms.append(ms)
        ready_kib.append(kib / MIB)
        stall_ms.append(found["stall"][0])
    bench.add(
        f"cold start to first paint, {size}", app_ms,
        "a bare PySide6 window, process start to first paint", bare_ms,
        REPORT if big else Target("<= 2x bare", ratio=2),  # the target is at 10k
    )  # fmt: skip
    bench.add(
        f"peak memory of the window at first paint, {size}", app_kib,
        "a bare PySide6 window", bare_kib, REPORT, unit="MiB",
    )  # fmt: skip
    bench.add(f"  start to the client list loaded, {size}", ready_ms)
    bench.add(f"  peak memory with the client list loaded, {size}", ready_kib, unit="MiB")
    bench.add(f"  longest the window does not answer until then, {size}", stall_ms)


def bench_list(bench: Bench, path: Path, size: str, big: bool) -> None:
    con = sqlite3.connect(path)
    bench.figure(
        f"load the client list, {size}",
        lambda: client_list.list_clients(TODAY),
        "raw sqlite3 fetch of id, name, company",
        lambda: con.execute("SELECT id, name, company FROM client WHERE deleted_at IS NULL")
        .fetchall(),
    )  # fmt: skip
    con.close()
    rows = client_list.list_clients(TODAY)

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.client_list import ClientListPanel

    app = QApplication.instance() or QApplication([])
    panel = ClientListPanel()
    panel.set_rows(rows, TODAY)
    panel.resize(700, 600)
    panel.show()
    app.processEvents()
    # Each run types the start of a different client's name, letter by letter, and
    # deletes it again ("m", "ma", "mar", "mari", "maria", "mari", ..., ""), on a list that
    # has not searched before (the model keeps recent searches: a run must not reuse the
    # one before it).
    long_names = [search.fold(r.name) for r in rows if len(r.name) >= 5]
    names = [long_names[n * len(long_names) // bench.runs] for n in range(bench.runs)]
    typed = iter([word[:k] for k in range(1, 6)] for word in names)
    runs: list[list[str]] = []
    folded = [r.search_text for r in rows]

    def fresh_list() -> None:
        panel.search.clear()
        panel.set_rows(rows, TODAY)
        forward = next(typed)
        runs.append([*forward, *forward[-2::-1], ""])

    def keystrokes() -> None:
        for text in runs[-1]:
            panel.search.setText(text)  # textChanged: the model filters and resets
            panel.table.viewport().repaint()

    def filter_only() -> None:
        for text in runs[-1]:
            terms = search.query_terms(text)
            [t for t in folded if search.matches(t, terms)]

    bench.figure(
        f"keystroke -> filtered, repainted list, {size}", keystrokes,
        "Python list filter alone", filter_only, per=10, setup=fresh_list,
        target=Target("<= 33 ms" if big else "<= 16 ms", limit=33 if big else 16),
    )  # fmt: skip
    # Each run sorts by the next of four columns, on rows that just arrived (nothing
    # sorted yet: the model keeps each order until the rows change); the second figure
    # sorts again by a column sorted before.
    cycle = [3, 0, 1, 4] * (2 * bench.runs)
    columns, keys = iter(cycle), iter(cycle)

    def fresh_rows() -> None:
        panel.set_rows(rows, TODAY)

    def sort() -> None:
        panel.table.sortByColumn(next(columns), Qt.SortOrder.AscendingOrder)
        panel.table.viewport().repaint()

    def sorted_floor() -> None:
        key = next(keys)
        if key == 3:
            sorted(rows, key=lambda r: (r.next_date or dt.date.max, r.name))
        elif key == 4:
            sorted(rows, key=lambda r: (r.last_contact or dt.date.min, r.name))
        else:
            sorted(rows, key=lambda r: (r[key + 1], r.name))

    bench.figure(
        f"sort the list by a column + repaint, {size}", sort,
        "sorted() of the rows on the same key", sorted_floor, setup=fresh_rows,
        target=Target("<= 100 ms", 100),
    )  # fmt: skip
    for column in (3, 0, 1, 4):
        panel.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    bench.figure(
        f"  sort again by a column sorted before, {size}", sort,
        "sorted() of the rows on the same key", sorted_floor,
    )  # fmt: skip
    panel.close()
    panel.deleteLater()


def bench_card(bench: Bench, path: Path, size: str) -> None:
    rows = client_list.list_clients(TODAY)
    con = sqlite3.connect(path, isolation_level=None)
    state = {"card": clients.load_card(rows[len(rows) // 2].id), "n": 0}
    client_id = state["card"].id

    def save() -> None:
        state["n"] += 1
        state["card"] = clients.save_card(replace(state["card"], notes=f"edit {state['n']}"))

    def raw_update() -> None:
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE client SET how_we_met = how_we_met WHERE id = ?", (client_id,))
        con.execute("COMMIT")

    bench.figure(
        f"save one card (a field edit), {size}", save,
        "raw sqlite3 UPDATE + commit", raw_update, target=Target("<= 20 ms", 20),
    )  # fmt: skip
    bench.figure(f"load one card, {size}", lambda: clients.load_card(client_id))
    con.close()


def bench_calendar(bench: Bench, path: Path) -> None:
    con = sqlite3.connect(path)
    key_dates = con.execute("SELECT count(*) FROM key_date").fetchone()[0]
    size = f"{key_dates // 1000}k dates"
    year_end = TODAY + dt.timedelta(days=364)
    bench.figure(
        f"key dates of a year (upcoming 365), {size}",
        lambda: occurrences.key_date_occurrences(TODAY, year_end),
        "raw fetch of all key dates",
        lambda: con.execute("SELECT client_id, month, day, year FROM key_date").fetchall(),
    )
    from PySide6.QtWidgets import QApplication

    from ui.calendar_page import MONTH, WEEK, CalendarPage
    from ui.changes import ChangeHub

    app = QApplication.instance() or QApplication([])
    page = CalendarPage(ChangeHub(), "Europe/Madrid")
    page.resize(1100, 750)
    page.show()
    page.show_date(TODAY)
    app.processEvents()

    def switches(mode: int, *, read_ahead: bool) -> list[float]:
        """Milliseconds from PageDown/PageUp to a repainted grid. With read_ahead, the
        window is left idle between presses (as a person reading the month leaves it), so
        that it reads the neighbours ahead; without, every switch reads its days."""
        page.set_mode(mode)
        times = []
        for _ in range(bench.runs):
            for direction in (1, 1, -1, -1):
                if read_ahead:
                    for _ in range(5):
                        app.processEvents()
                else:
                    page._grids.clear()
                start = time.perf_counter()
                page.step(direction)
                page.stack.currentWidget().repaint()
                times.append((time.perf_counter() - start) * 1000)
        return times

    floor = bench.timed(
        lambda: con.execute(
            "SELECT month, day FROM key_date WHERE (month, day) BETWEEN (3, 1) AND (4, 11)"
        ).fetchall()
    )
    events = con.execute("SELECT count(*) FROM event").fetchone()[0]
    what = f"{key_dates // 1000}k dates + {events // 1000}k events"
    for name, mode, ahead in (
        ("month switch with repaint", MONTH, True),
        ("month switch, nothing read ahead", MONTH, False),
        ("week switch with repaint", WEEK, True),
        ("week switch, nothing read ahead", WEEK, False),
    ):
        floor_name = "raw fetch of six weeks of key dates" if mode == MONTH else ""
        bench.add(
            f"{name}, {what}", switches(mode, read_ahead=ahead), floor_name,
            floor if mode == MONTH else (), Target("<= 50 ms", 50),
        )  # fmt: skip
    page.close()
    page.deleteLater()
    con.close()


EXPORT_FROM, EXPORT_TO = "2024-06-01", "2026-12-01"  # half of the five years: ~50k events
EVENT_KINDS = "event:thank_you_meal,event:outing,event:call,event:gift_delivery,event:other"


def export_args(path: Path, out: Path, start: str, end: str) -> list[str]:
    return [str(MAIN), "--db", str(path), "export-ics", str(out), "--from", start,
            "--to", end, "--kinds", EVENT_KINDS]  # fmt: skip


def bench_export(bench: Bench, path: Path, work: Path, runs: int) -> None:
    out, floor_out = work / "export.ics", work / "floor.ics"
    app, floor, app_kib, floor_kib = [], [], [], []
    floor_args = ["-m", "benchmarks.ics_floor", str(path), str(floor_out), EXPORT_FROM, EXPORT_TO]
    for _ in range(runs):
        app.append(child(export_args(path, out, EXPORT_FROM, EXPORT_TO)).ms)
        floor.append(child(floor_args).ms)
    # Memory in runs of their own: reading it takes CPU from what is timed, the more so
    # for the export's three processes than for the floor's one.
    app_kib.append(child(export_args(path, out, EXPORT_FROM, EXPORT_TO), memory=True).peak_kib)
    floor_kib.append(child(floor_args, memory=True).peak_kib)
    count = out.read_bytes().count(b"BEGIN:VEVENT")
    floor_count = floor_out.read_bytes().count(b"BEGIN:VEVENT")
    assert count == floor_count, (count, floor_count)
    bench.add(
        f"export {count // 1000}k events to .ics (process)", app,
        "icalendar streaming the same rows (process)", floor, Target("<= 1.1x floor", ratio=1.1),
    )  # fmt: skip
    # Memory: the peak of that export (its process and its workers, PSS) less the peak of
    # an export of one day (the same command with its imports and the database open, and
    # almost nothing to write).
    small = child(export_args(path, out, EXPORT_FROM, "2024-06-02"), memory=True).peak_kib
    small_floor = child([*floor_args[:-2], EXPORT_FROM, "2024-06-02"], memory=True).peak_kib
    bench.add(
        f"export {count // 1000}k events: peak memory increase",
        [(k - small) / MIB for k in app_kib],
        "the icalendar floor's increase", [(k - small_floor) / MIB for k in floor_kib],
        Target("<= 60 MiB", 60), unit="MiB",
    )  # fmt: skip


def vcard_file(path: Path, results: Path) -> Path:
    """The 10k clients as one vCard file (Rapport's own export; cached beside the base)."""
    out = path.with_suffix(".vcf")
    if not out.exists():
        child([str(MAIN), "--db", str(path), "export-vcf", str(out) + ".tmp"])
        Path(str(out) + ".tmp").rename(out)
    return out


def empty_database(work: Path) -> Path:
    """A new, migrated database: where the imports go (copied afresh for each run)."""
    empty = work / "empty.db"
    if not empty.exists():
        db.open_database(empty)
        db.close_database()
    return empty


def bench_import(bench: Bench, path: Path, results: Path, work: Path, runs: int) -> None:
    vcf = vcard_file(path, results)
    count = vcf.read_bytes().count(b"BEGIN:VCARD")
    empty = empty_database(work)
    times = []
    for n in range(runs):
        target = work / f"import-{n}.db"
        shutil.copy(empty, target)
        done = child([str(MAIN), "--db", str(target), "import", str(vcf)])
        assert f"Imported {count} new clients" in done.output, done.output[-500:]
        times.append(done.ms)
    bench.add(
        f"import {count // 1000}k vCards end to end (process)", times,
        target=Target("<= 3000 ms", 3000),
    )  # fmt: skip
    # Where the time goes, in this process (not a figure of the issue: for the reader).
    from models import contacts_import

    data = vcf.read_bytes()
    target = work / "import-phases.db"
    shutil.copy(empty, target)
    db.close_database()
    db.open_database(target)
    start = time.perf_counter()
    found, pieces = contacts_import.read(data)  # in one process: this one may have Qt's threads
    read = list(pieces)
    read_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    preview = contacts_import.preview(found, read)
    preview_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    contacts_import.apply(preview)
    write_ms = (time.perf_counter() - start) * 1000
    db.close_database()
    db.open_database(path)
    bench.add("  of which: read the vCards (in one process)", [read_ms])
    bench.add("  of which: preview (match against clients)", [preview_ms])
    bench.add("  of which: write (add_cards)", [write_ms])


def bench_typing(bench: Bench, path: Path, results: Path, work: Path) -> None:
    """Key presses posted to a QLineEdit every 30 ms, each timed from when it was typed
    (its scheduled time) to when the line edit handled it, while the window's JobRunner
    runs an export, then an import, in its separate process; the floor: the same typing
    with nothing running."""
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    from ui.job_runner import JobRunner

    app = QApplication.instance() or QApplication([])
    edit = QLineEdit()
    edit.show()
    edit.setFocus()
    app.processEvents()
    interval = 0.030
    typed: list[float] = []  # scheduled times of the presses not yet handled
    delays: list[float] = []

    class Handled(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.KeyPress and typed:
                delays.append((time.perf_counter() - typed.pop(0)) * 1000)
            return False

    watcher = Handled()
    edit.installEventFilter(watcher)
    state = {"next": 0.0}

    def type_due() -> None:
        now = time.perf_counter()
        while state["next"] <= now:  # presses the person made while the loop was busy
            typed.append(state["next"])
            state["next"] += interval
            key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
            QCoreApplication.postEvent(edit, key)
        if len(edit.text()) > 200:
            edit.clear()

    def typing_while(start_job: Callable[[Callable[[], None]], None] | None) -> list[float]:
        delays.clear()
        typed.clear()
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(type_due)
        state["next"] = time.perf_counter()
        timer.start()
        if start_job is None:
            QTimer.singleShot(3000, loop.quit)
        else:
            start_job(loop.quit)
        loop.exec()
        timer.stop()
        app.processEvents()
        return list(delays)

    idle = typing_while(None)
    out = work / "typing-export.ics"

    def export(done: Callable[[], None]) -> None:
        runner = JobRunner(path)
        runner.finished.connect(lambda ok, said, error: done())
        runner.start(export_args(path, out, EXPORT_FROM, EXPORT_TO)[3:])
        state["runner"] = runner  # type: ignore[assignment]

    during_export = typing_while(export)
    bench.add(
        "typing latency while an export runs (process)", during_export,
        "the same typing, nothing running", idle, Target("<= 16 ms", 16),
    )  # fmt: skip
    vcf = vcard_file(path, results)
    target = work / "typing-import.db"
    shutil.copy(empty_database(work), target)

    def import_(done: Callable[[], None]) -> None:
        runner = JobRunner(target)
        runner.finished.connect(lambda ok, said, error: done())
        runner.start(["import", str(vcf)])
        state["runner"] = runner  # type: ignore[assignment]

    during_import = typing_while(import_)
    bench.add(
        "typing latency while an import runs (process)", during_import,
        "the same typing, nothing running", idle, Target("<= 16 ms", 16),
    )  # fmt: skip
    edit.close()


# -- Main --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--big", action="store_true", help="100k clients (--clients 100000)")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--process-runs", type=int, default=3, help="runs of the export and import processes"
    )
    parser.add_argument("--only", nargs="+", choices=GROUPS, help="these groups only")
    parser.add_argument("--results", type=Path, default=RESULTS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    runtime.tune_garbage_collector()  # the figures taken in this process: as main.py runs
    if args.big:
        args.clients = 100_000
    big = args.clients >= 100_000
    groups = args.only or (BIG_GROUPS if big else GROUPS)
    results: Path = args.results
    results.mkdir(parents=True, exist_ok=True)
    path = generator.database_path(results, args.clients, args.events)
    start = time.perf_counter()
    generator.generate(path, args.clients, args.events)
    print(f"{path.name}: ready in {time.perf_counter() - start:.1f} s", flush=True)
    size = f"{args.clients // 1000}k clients" if args.clients >= 1000 else f"{args.clients} clients"
    bench = Bench(args.runs)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as scratch:
        work = Path(scratch)
        if "start" in groups:
            bench_start(bench, path, size, big)
        db.open_database(path)
        try:
            if "list" in groups:
                bench_list(bench, path, size, big)
            if "card" in groups:
                bench_card(bench, path, size)
            if "calendar" in groups:
                bench_calendar(bench, path)
            if "export" in groups:
                bench_export(bench, path, work, args.process_runs)
            if "import" in groups:
                bench_import(bench, path, results, work, args.process_runs)
        finally:
            db.close_database()
        if "typing" in groups:
            bench_typing(bench, path, results, work)
    con = sqlite3.connect(path)
    counts = {
        table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("client", "relative", "key_date", "preference", "event")
    }
    con.close()
    load = max(load, os.getloadavg()[0])
    print(
        f"\n{counts['client']} clients, {counts['key_date']} key dates, {counts['event']} "
        f"events; {args.runs} runs ({args.process_runs} for processes); {os.cpu_count()} CPUs, "
        f"load average up to {load:.1f}\n"
    )
    print(bench.table())
    out = results / f"bench-{args.clients}-{args.events}.json"
    summary = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "generator_version": generator.GENERATOR_VERSION,
        "counts": counts,
        "runs": args.runs,
        "process_runs": args.process_runs,
        "cpus": os.cpu_count(),
        "load_average": load,
        "figures": bench.figures,
    }
    out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
