"""Two processes writing at once (issue 8, "Prove it" 3): the totals are exact and "database
is locked" never reaches the person.

The window and an import it runs in a process of its own both write to the file (the job
runs with --window-job: the window holds the lock for both, models/db.py). Before
models/storage.py began its transactions with BEGIN IMMEDIATE, a service that reads
before it writes failed at once with SQLITE_BUSY whenever the other process had committed
in between (two writers of 150 entries each: 383 of 600 writes refused).

Two plain `main.py import` commands are another matter: the second finds the file held by
the first and says so in one line (DatabaseInUseError), by design.
"""

from __future__ import annotations

from pathlib import Path

from models import db
from tests.reliability.helpers import Child, connect, integrity, rounds

ENTRIES = rounds(100, 1500)  # interactions each process logs; a card every fifth
CARDS = rounds(150, 2000)  # vCards in each of the two files imported at once


def make_database(path: Path) -> None:
    db.open_database(path)
    db.close_database()


def vcards(prefix: str, count: int) -> bytes:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{prefix} {n}\r\n"
        f"EMAIL:{prefix.lower()}.{n}@example.com\r\nEND:VCARD\r\n"
        for n in range(count)
    ).encode()


def count(path: Path, table: str) -> int:
    con = connect(path)
    try:
        assert integrity(con) == [("ok",)]
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_two_processes_logging_at_once_lose_nothing_and_never_see_a_lock(tmp_path: Path) -> None:
    path = tmp_path / "rapport.db"
    make_database(path)
    writers = [Child("log", str(path), who, str(ENTRIES)) for who in ("A", "B")]
    statuses = [child.finish() for child in writers]
    for child, status in zip(writers, statuses, strict=True):
        assert (status, child.stderr) == (0, ""), child.stderr[-2000:]
    assert count(path, "interaction") == 2 * ENTRIES
    assert count(path, "client") == 2 * (1 + len(range(0, ENTRIES, 5)))
    assert count(path, "contact_point") == 2 * len(range(0, ENTRIES, 5))


def test_two_imports_the_window_runs_at_once_both_arrive_whole(tmp_path: Path) -> None:
    path = tmp_path / "rapport.db"
    make_database(path)
    sources = []
    for prefix in ("North", "South"):
        sources.append(tmp_path / f"{prefix}.vcf")
        sources[-1].write_bytes(vcards(prefix, CARDS))
    jobs = [
        Child("main", "--db", str(path), "--window-job", "import", str(source))
        for source in sources
    ]
    for job in jobs:
        assert (job.finish(), job.stderr) == (0, "")
        assert (
            job.lines[-1]
            == f"Imported {CARDS} new clients, merged 0 contacts into clients, skipped 0."
        )
    assert count(path, "client") == 2 * CARDS
    assert count(path, "contact_point") == 2 * CARDS


def test_a_second_import_command_is_told_the_file_is_in_use(tmp_path: Path) -> None:
    path = tmp_path / "rapport.db"
    make_database(path)
    sources = []
    for prefix in ("East", "West"):
        sources.append(tmp_path / f"{prefix}.vcf")
        sources[-1].write_bytes(vcards(prefix, CARDS))
    jobs = [Child("main", "--db", str(path), "import", str(source)) for source in sources]
    done = 0
    for job in jobs:
        status = job.finish()
        if status == 0:
            done += 1
            assert job.stderr == ""
        else:
            # Refused whole, in one line; never SQLite's "database is locked".
            assert status == 1
            assert job.stderr.count("\n") == 1, job.stderr
            assert "is open in another Rapport window" in job.stderr
            assert "locked" not in job.stderr and "Traceback" not in job.stderr
    assert done >= 1
    assert count(path, "client") == done * CARDS
