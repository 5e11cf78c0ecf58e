"""The benchmarks cannot rot: the generator and a few figures at a tiny size, end to end
(the table and the JSON file). No timing is asserted: benchmarks are not tests."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import __main__ as bench
from benchmarks import generate as generator
from models import client_list, db
from models.entities import Event


def test_generator_writes_through_the_services_and_is_cached(tmp_path: Path) -> None:
    path = generator.database_path(tmp_path, 12, 30)
    assert f"g{generator.GENERATOR_VERSION}" in path.name
    generator.generate(path, 12, 30)
    db.open_database(path)
    try:
        assert client_list.client_count() == 12
        assert Event.select().count() == 30
        assert all(row.next_date is not None for row in client_list.list_clients(bench.TODAY))
    finally:
        db.close_database()
    stamp = path.stat().st_mtime_ns
    generator.generate(path, 12, 30)  # there already: reused, not rebuilt
    assert path.stat().st_mtime_ns == stamp
    assert not list(tmp_path.glob("*.building*"))


def test_figures_at_a_tiny_size_make_a_table_and_json(
    tmp_path: Path, capsys: object, qapp: object
) -> None:
    argv = ["--clients", "12", "--events", "30", "--runs", "1", "--results", str(tmp_path)]
    assert bench.main([*argv, "--only", "list", "card"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "keystroke -> filtered, repainted list" in out
    figures = json.loads((tmp_path / "bench-12-30.json").read_text())["figures"]
    names = [f["figure"] for f in figures]
    assert "save one card (a field edit), 12 clients" in names
    assert all(f["median"] >= 0 and f["target"] for f in figures)


def test_the_ics_floor_writes_the_events_the_export_does(tmp_path: Path) -> None:
    path = generator.generate(generator.database_path(tmp_path, 5, 40), 5, 40)
    work = tmp_path / "work"
    work.mkdir()
    app = bench.child(
        bench.export_args(path, work / "app.ics", "2024-01-01", "2030-01-01"), memory=True
    )
    floor = bench.child(["-m", "benchmarks.ics_floor", str(path), str(work / "floor.ics"),
                         "2024-01-01", "2030-01-01"], memory=True)  # fmt: skip
    assert app.peak_kib > 0 and floor.peak_kib > 0
    count = (work / "app.ics").read_bytes().count(b"BEGIN:VEVENT")
    assert count == (work / "floor.ics").read_bytes().count(b"BEGIN:VEVENT") > 0


# Held long enough for the 50 ms samples to see it.
HOLD_8_MIB = """
import time
held = b"x" * (8 * 1024 * 1024)  # written: resident
time.sleep(0.2)
print(len(held))
"""
FORK_WORKERS_HOLDING_8_MIB = """
import os, time
shared = b"x" * (8 * 1024 * 1024)  # shared with the workers: counted once
workers = []
for _ in range(4):
    pid = os.fork()
    if pid == 0:
        held = b"x" * (8 * 1024 * 1024)  # written: resident
        time.sleep(0.4)
        os._exit(0)
    workers.append(pid)
for pid in workers:
    os.waitpid(pid, 0)
"""


def test_a_childs_peak_memory_is_its_own_not_this_processs() -> None:
    """Linux carries a parent's peak RSS over into its forked child's ru_maxrss: the
    export's memory figure read the benchmark's own size, for the export and its floor."""
    held = bytearray(200 * 1024 * 1024)
    held[::4096] = b"\1" * len(held[::4096])  # touched: resident
    small = bench.child(["-c", HOLD_8_MIB], memory=True)
    assert small.output.strip() == str(8 * 1024 * 1024)
    assert 8 * 1024 < small.peak_kib < 100 * 1024, small.peak_kib
    del held


def test_a_childs_peak_memory_counts_the_workers_it_forks() -> None:
    """An export's workers are forked processes: the figure counts what they hold, and
    what they share with their parent (copy-on-write) only once."""
    alone = bench.child(["-c", HOLD_8_MIB], memory=True).peak_kib
    forking = bench.child(["-c", FORK_WORKERS_HOLDING_8_MIB], memory=True).peak_kib
    assert 3 * 8 * 1024 < forking - alone < 5 * 8 * 1024, (alone, forking)
