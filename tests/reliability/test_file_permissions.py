"""Permissions of every file Rapport writes (issue 8, "Prove it" 9): the database, its -wal,
-shm and .lock, the backups, and every export (.ics, split .ics, .vcf, .csv, .json) are
private to the user (0600); the data folder and the backups folder are 0700.

All of it under a umask of 0, the most permissive there is: nothing may rely on the
person's umask to keep the files private. (The invitation the window saves is checked in
tests/ui/test_invitation_permissions.py.)
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

import main
from models import clients, db
from tests.reliability.helpers import SCHEMAS


@pytest.fixture
def open_umask() -> Iterator[None]:
    before = os.umask(0)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def private(folder: Path) -> dict[str, str]:
    """Everything under `folder` that is not private, with its mode."""
    loose = {}
    for path in [folder, *folder.rglob("*")]:
        wanted = 0o700 if path.is_dir() else 0o600
        if mode(path) != wanted:
            loose[str(path.relative_to(folder.parent))] = oct(mode(path))
    return loose


def test_the_database_and_its_companions_are_private(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "new folder" / "rapport.db"
    db.open_database(path)
    try:
        clients.create_client("Written while open")
        names = {p.name for p in path.parent.iterdir()}
        assert {"rapport.db", "rapport.db-wal", "rapport.db-shm", "rapport.db.lock"} <= names
        assert private(path.parent) == {}
    finally:
        db.close_database()
    assert private(path.parent) == {}


def test_a_migrated_database_and_its_backup_are_private(tmp_path: Path, open_umask: None) -> None:
    """An earlier schema's file is backed up before it migrates: the copy is private too,
    even when the file itself was not (it was made by another program's sqlite3)."""
    path = tmp_path / "data" / "rapport.db"
    path.parent.mkdir(mode=0o700)
    con = sqlite3.connect(path)
    con.executescript((SCHEMAS / "schema1.sql").read_text(encoding="utf-8"))
    con.close()
    path.chmod(0o600)
    opened = db.open_database(path)
    db.close_database()
    assert opened.migrated_from == 1
    backups = [p for p in path.parent.rglob("*") if p.is_file() and "backup" in str(p)]
    assert backups, sorted(path.parent.rglob("*"))
    assert private(path.parent) == {}


def test_every_export_is_private(
    tmp_path: Path, open_umask: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "data" / "rapport.db"
    assert main.main(["--db", str(path), "demo"]) == 0
    out = tmp_path / "exports"
    out.mkdir(mode=0o700)
    start = dt.date.today().isoformat()
    for argv in (
        ["export-ics", str(out / "calendar.ics"), "--from", start],
        ["export-ics", str(out / "split.ics"), "--from", start, "--prepare-days", "7", "--split"],
        ["export-vcf", str(out / "clients.vcf")],
        ["export-vcf", str(out / "clients4.vcf"), "--version", "4.0"],
        ["export-csv", str(out / "clients.csv")],
        ["export-json", str(out / "everything.json")],
        ["export-json", str(out / "one.json"), "--client", "1"],
    ):
        assert main.main(["--db", str(path), *argv]) == 0, capsys.readouterr().err
    assert len(list(out.iterdir())) == 7
    # An earlier file under the name (0644, say) is replaced by a private one.
    (out / "clients.vcf").chmod(0o644)
    assert main.main(["--db", str(path), "export-vcf", str(out / "clients.vcf")]) == 0
    assert private(out) == {}
    assert private(path.parent) == {}
