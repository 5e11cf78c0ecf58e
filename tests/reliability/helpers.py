"""What the reliability tests share: how many rounds (more under `make stress`), starting
the helper processes of child.py, and looking at a database file from the outside.

`make stress` sets RAPPORT_STRESS=1: the same tests, with ten times the rounds and
examples. CI runs the short variants (`make test`)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

STRESS = os.environ.get("RAPPORT_STRESS", "") not in ("", "0")
REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("child.py")
SCHEMAS = REPO / "tests" / "data" / "schemas"  # schema<N>.sql: see test_migration_safety.py


def rounds(ci: int, stress: int) -> int:
    """`ci` rounds in `make test`, `stress` in `make stress`."""
    return stress if STRESS else ci


def child_command(*args: str) -> list[str]:
    return [sys.executable, str(CHILD), *args]


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "RAPPORT_DB"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env | extra


class Child:
    """A helper process whose standard output is read line by line as it comes (a
    thread), so that what it said before it was killed is known exactly."""

    def __init__(self, *args: str, preexec_fn: Callable[[], None] | None = None,
                 user: int | None = None, env: dict[str, str] | None = None) -> None:  # fmt: skip
        self.process = subprocess.Popen(
            child_command(*args),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env or child_env(),
            preexec_fn=preexec_fn,
            user=user,
        )
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.stderr = ""

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def wait_for(self, found: Callable[[str], bool], timeout: float = 60) -> bool:
        """Until a line satisfies `found` (True) or the output ends (False)."""
        with self.changed:
            return self.changed.wait_for(
                lambda: any(found(line) for line in self.lines) or not self._reader.is_alive(),
                timeout,
            ) and any(found(line) for line in self.lines)

    def kill(self) -> int:
        """SIGKILL (if it still runs); its exit status once every line it wrote is read."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        return self.finish()

    def finish(self, timeout: float = 120) -> int:
        status = self.process.wait(timeout)
        self._reader.join(timeout)
        assert self.process.stderr is not None
        self.stderr = self.process.stderr.read()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return status


def run_child(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    """Run a helper process to its end."""
    return subprocess.run(
        child_command(*args),
        capture_output=True,
        text=True,
        cwd=REPO,
        env=options.pop("env", None) or child_env(),  # type: ignore[arg-type]
        timeout=300,
        check=False,
        **options,  # type: ignore[arg-type]
    )


def copy_database(source: Path, target_dir: Path) -> Path:
    """The file, then its -wal and -shm, as a person's copy or backup program would take
    them while Rapport writes (no lock, no SQLite)."""
    target_dir.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        # No -wal or -shm at that moment: the last writer closed cleanly.
        with contextlib.suppress(FileNotFoundError):
            shutil.copyfile(f"{source}{suffix}", target_dir / f"{source.name}{suffix}")
    return target_dir / source.name


def load_dump(version: int, path: Path) -> Path:
    """A database file at `path` as the Rapport of schema `version` left it, with data."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    try:
        con.executescript((SCHEMAS / f"schema{version}.sql").read_text(encoding="utf-8"))
    finally:
        con.close()
    return path


def connect(path: Path) -> sqlite3.Connection:
    """A plain connection, as the next start makes one: it recovers the WAL if need be."""
    return sqlite3.connect(path, isolation_level=None)


def integrity(con: sqlite3.Connection) -> list[tuple[object, ...]]:
    """[("ok",)] and [] when SQLite finds the file sound and every reference resolved."""
    return (
        con.execute("PRAGMA integrity_check").fetchall()
        + con.execute("PRAGMA foreign_key_check").fetchall()
    )


def contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (SQLite's statistics aside), in rowid order."""
    con = connect(path)
    try:
        tables = [
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        con.close()
