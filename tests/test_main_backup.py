"""`backup` and `restore` on the command line, and what the other commands say about a
damaged database; run in-process the way a person runs `python main.py ...`."""

from __future__ import annotations

import hashlib
import shlex
import sqlite3
import stat
from pathlib import Path

import pytest

from models import backup, db
from models.file_lock import FileLock
from tests.cli import run


def names_in(path: Path) -> list[str]:
    with sqlite3.connect(db.read_only_uri(path), uri=True) as con:
        return [row[0] for row in con.execute("SELECT name FROM client ORDER BY name")]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.db"
    assert run(capsys, "--db", str(path), "demo")[0] == 0
    return path


def test_backup_writes_a_checked_private_copy(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy.db"
    status, out, err = run(capsys, "--db", str(demo_db), "backup", str(target))
    assert (status, err) == (0, "")
    assert out.count("\n") == 1 and str(target) in out and "integrity checked" in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(names_in(target)) == 40


def test_backup_without_a_file_goes_to_the_rotating_backups(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "--db", str(demo_db), "backup")
    assert status == 0
    [made] = backup.list_backups(demo_db)
    assert str(made.path) in out


def test_restore_replaces_the_database_and_says_where_the_old_one_is(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.db"
    db.open_database(empty)
    db.close_database()
    status, out, err = run(capsys, "--db", str(demo_db), "restore", str(empty))
    assert (status, err) == (0, "")
    assert names_in(demo_db) == []
    [before] = backup.list_backups(demo_db)
    assert f"What it held before is backed up in {before.path}." in out
    assert len(names_in(before.path)) == 40


def test_restore_is_refused_while_a_window_holds_the_database(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.db"
    assert run(capsys, "--db", str(demo_db), "backup", str(copy))[0] == 0
    before = digest(demo_db)
    window = FileLock(Path(f"{demo_db}.lock"))
    assert window.acquire()
    try:
        status, out, err = run(capsys, "--db", str(demo_db), "restore", str(copy))
    finally:
        window.release()
    assert (status, out) == (1, "")
    assert err.count("\n") == 1 and "open in another Rapport window" in err
    assert digest(demo_db) == before
    assert backup.list_backups(demo_db) == []


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("restore", "{tmp}/nothing.db"), "Cannot read"),
        (("restore", "{tmp}/notes.txt"), "is not a Rapport database"),
        (("restore", "{db}"), "is the database itself"),
        (("backup", "{tmp}/no/such/folder/copy.db"), "Cannot write"),
        (("backup",), "is not a Rapport database"),
    ],
)
def test_backup_and_restore_errors_are_one_line(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    words: str,
) -> None:
    (tmp_path / "notes.txt").write_text("Call Anna about the venue.\n")
    target = demo_db if argv != ("backup",) else tmp_path / "notes.txt"
    before = digest(demo_db)
    filled = [a.format(tmp=tmp_path, db=demo_db) for a in argv]
    status, out, err = run(capsys, "--db", str(target), *filled)
    assert (status, out) == (1, "")
    assert err.startswith("rapport: ") and err.count("\n") == 1
    assert words in err
    assert "Traceback" not in err
    assert digest(demo_db) == before


def test_a_damaged_database_is_named_kept_aside_and_the_restore_command_given(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--db", str(demo_db), "backup")[0] == 0
    [made] = backup.list_backups(demo_db)
    content = demo_db.read_bytes()[:8192]  # cut off
    demo_db.write_bytes(content)

    status, out, err = run(capsys, "--db", str(demo_db), "upcoming")
    assert (status, out) == (1, "")
    assert err.count("\n") == 1
    [kept] = demo_db.parent.glob("demo.corrupt-*.db")
    assert kept.read_bytes() == content
    assert f"{demo_db} is damaged: it is shorter than it should be (cut off)" in err
    assert f"moved aside, unchanged, to {kept}" in err
    command = err.split("with: ", 1)[1].strip()
    assert command == f"rapport --db {demo_db} restore {made.path}"

    status, out, err = run(capsys, *shlex.split(command)[1:])
    assert (status, err) == (0, "")
    status, out, _ = run(capsys, "--db", str(demo_db), "upcoming", "--days", "366")
    assert status == 0 and out.count("\n") >= 40


def test_a_damaged_database_without_a_good_backup_says_so(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_db.write_bytes(demo_db.read_bytes()[:8192])
    status, _, err = run(capsys, "--db", str(demo_db), "due")
    assert status == 1 and err.count("\n") == 1
    assert "No backup of it passes SQLite's integrity check" in err
