"""`make bench` / `python -m benchmarks [--clients N] [--runs K]`: each figure several times,
median, min and max, beside a floor measured in the same run; a table and a JSON file."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.generate import generate
from models import clients, db, occurrences, search

RESULTS = Path(__file__).resolve().parent / "results"
TODAY = dt.date(2026, 11, 27)


class Bench:
    def __init__(self, runs: int) -> None:
        self.runs = runs
        self.figures: list[dict[str, object]] = []

    def timed(self, fn: Callable[[], object], per: int = 1) -> list[float]:
        times = []
        for _ in range(self.runs):
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
    ) -> None:
        times = self.timed(fn, per)
        floor_times = self.timed(floor, per) if floor is not None else []
        self.figures.append(
            {
                "figure": name,
                "median_ms": statistics.median(times),
                "min_ms": min(times),
                "max_ms": max(times),
                "floor": floor_name,
                "floor_median_ms": statistics.median(floor_times) if floor_times else None,
            }
        )

    def print_table(self) -> None:
        header = f"{'figure':42} {'median':>8} {'min':>8} {'max':>8} {'floor':>8}  ratio"
        print(header)
        print("-" * len(header))
        for f in self.figures:
            floor = f["floor_median_ms"]
            floor_text = f"{floor:8.2f}" if floor is not None else " " * 8
            ratio = f"{f['median_ms'] / floor:5.1f}x" if floor else ""
            print(
                f"{f['figure']:42} {f['median_ms']:8.2f} {f['min_ms']:8.2f} {f['max_ms']:8.2f}"
                f" {floor_text}  {ratio}"
            )
        print("\nfloors:")
        for f in self.figures:
            if f["floor"]:
                print(f"  {f['figure']}: {f['floor']}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{args.clients}-{args.events}.db"
    start = time.perf_counter()
    generate(path, args.clients, args.events)
    print(f"{path}: ready in {time.perf_counter() - start:.1f} s")
    bench = Bench(args.runs)
    con = sqlite3.connect(path)

    def raw(sql: str) -> Callable[[], object]:
        return lambda: con.execute(sql).fetchall()

    db.open_database(path)
    rows = clients.list_clients(TODAY)
    bench.figure(
        "load the client list",
        lambda: clients.list_clients(TODAY),
        "raw sqlite3 fetch of id, name, company",
        raw("SELECT id, name, company FROM client WHERE deleted_at IS NULL"),
    )

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from ui.client_table_model import ClientTableModel

    app = QApplication.instance() or QApplication([])
    model = ClientTableModel()
    model.set_rows(rows, TODAY)
    view = QTableView()
    view.setModel(model)
    view.resize(700, 600)
    view.show()
    app.processEvents()
    words = ["m", "ma", "mar", "mari", "maria", "mar", "ma", "m", ""]
    folded = [r.search_text for r in rows]

    def keystrokes() -> None:
        for text in words:
            model.set_filter(text)
            view.viewport().repaint()

    def filter_only() -> None:
        for text in words:
            terms = search.query_terms(text)
            [t for t in folded if search.matches(t, terms)]

    bench.figure(
        "keystroke -> filtered, repainted list",
        keystrokes,
        "Python list filter alone",
        filter_only,
        per=len(words),
    )
    bench.figure(
        "sort the list by next date",
        lambda: model.sort(3, Qt.SortOrder.AscendingOrder),
        "sorted() on the same key",
        lambda: sorted(rows, key=lambda r: r.next_date or dt.date.max),
    )

    state = {"card": clients.load_card(rows[len(rows) // 2].id), "n": 0}
    client_id = state["card"].id

    def save() -> None:
        state["n"] += 1
        state["card"] = clients.save_card(replace(state["card"], notes=f"edit {state['n']}"))

    def raw_update() -> None:
        with con:
            con.execute(
                "UPDATE client SET how_we_met = ? WHERE id = ?", (str(time.time()), client_id)
            )

    bench.figure("save one card (a field edit)", save, "raw sqlite3 UPDATE + commit", raw_update)
    bench.figure("load one card", lambda: clients.load_card(client_id))
    year_end = TODAY + dt.timedelta(days=364)
    bench.figure(
        "key dates of a year (upcoming 365 days)",
        lambda: occurrences.key_date_occurrences(TODAY, year_end),
        "raw fetch of all key dates",
        raw("SELECT client_id, month, day, year FROM key_date"),
    )
    bench.figure(
        "key dates of one month",
        lambda: occurrences.key_date_occurrences(dt.date(2027, 3, 1), dt.date(2027, 3, 31)),
    )
    from ui.calendar_page import MONTH, WEEK, CalendarPage
    from ui.changes import ChangeHub

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
        for _ in range(args.runs):
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

    floor = raw("SELECT month, day FROM key_date WHERE (month, day) BETWEEN (3, 1) AND (4, 11)")
    floor_times = bench.timed(floor)
    for name, mode, ahead in (
        ("month switch with repaint", MONTH, True),
        ("month switch, nothing read ahead", MONTH, False),
        ("week switch with repaint", WEEK, True),
        ("week switch, nothing read ahead", WEEK, False),
    ):
        times = switches(mode, read_ahead=ahead)
        bench.figures.append(
            {
                "figure": name,
                "median_ms": statistics.median(times),
                "min_ms": min(times),
                "max_ms": max(times),
                "floor": "raw fetch of six weeks of key dates" if mode == MONTH else "",
                "floor_median_ms": statistics.median(floor_times) if mode == MONTH else None,
            }
        )
    key_dates = con.execute("SELECT count(*) FROM key_date").fetchone()[0]
    event_count = con.execute("SELECT count(*) FROM event").fetchone()[0]
    db.close_database()

    print(
        f"\n{args.clients} clients, {key_dates} key dates, {event_count} events, "
        f"{args.runs} runs; ms\n"
    )
    bench.print_table()
    out = RESULTS / f"bench-{args.clients}-{args.events}.json"
    summary = {
        "clients": args.clients,
        "key_dates": key_dates,
        "events": event_count,
        "figures": bench.figures,
    }
    out.write_text(json.dumps(summary, indent=2))
    print(f"\nJSON: {out}")


if __name__ == "__main__":
    main()
