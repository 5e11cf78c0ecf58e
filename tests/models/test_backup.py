"""Backups, restores and the start-up check (models/backup.py, models/db.py): every copy is
checked, nothing is ever deleted but rotated backups, and a damaged database is kept aside
with the newest good backup offered."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import shutil
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from models import backup, client_list, clients, db, settings
from models.errors import (
    BackupError,
    BackupProblem,
    CorruptDatabaseError,
    Damage,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    ValidationError,
)

DATA = Path(__file__).parent.parent / "data"
NOON = dt.datetime(2027, 3, 15, 12, 0, tzinfo=dt.UTC)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names_in(path: Path) -> list[str]:
    with sqlite3.connect(db.read_only_uri(path), uri=True) as con:
        return [row[0] for row in con.execute("SELECT name FROM client ORDER BY name")]


def integrity(path: Path) -> str:
    with sqlite3.connect(db.read_only_uri(path), uri=True) as con:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def damage_an_index(path: Path) -> None:
    """Index damage that quick_check does not see and integrity_check does: the unique
    index on client.uid declared partial (WHERE 0) while it holds every row."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA writable_schema = ON")
        con.execute("UPDATE sqlite_master SET sql = sql || ' WHERE 0' WHERE name = 'client_uid'")
        con.commit()
    finally:
        con.close()


@pytest.fixture
def filled(db_path: Path) -> Path:
    """A closed Rapport database holding two clients."""
    db.open_database(db_path)
    clients.create_client("Élodie Marchand")
    clients.create_client("Дмитрий Иванов")
    db.close_database()
    return db_path


def test_a_backup_is_a_checked_private_copy_named_for_its_time_and_schema(
    database: db.OpenedDatabase,
) -> None:
    clients.create_client("Anna Roy")  # committed, still in the write-ahead log
    made = backup.take(database.path, now=NOON)
    assert made.path.parent == database.path.parent / "backups"
    assert made.path.name == f"rapport-20270315T120000Z-schema{database.schema_version}.db"
    assert (made.taken, made.schema) == (NOON, database.schema_version)
    assert made.size == made.path.stat().st_size > 0
    assert mode(made.path) == 0o600
    assert mode(made.path.parent) == 0o700
    assert names_in(made.path) == ["Anna Roy"]
    assert integrity(made.path) == "ok"
    with sqlite3.connect(made.path) as con:  # one self-contained file, nothing beside it
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert con.execute("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID
    assert [p.name for p in made.path.parent.iterdir()] == [made.path.name]
    assert backup.list_backups(database.path) == [made]


def test_back_up_to_a_chosen_file_replaces_it_whole(
    database: db.OpenedDatabase, tmp_path: Path
) -> None:
    clients.create_client("Anna Roy")
    target = tmp_path / "copy.db"
    target.write_bytes(b"an older copy")
    assert backup.back_up(database.path, target) == target
    assert names_in(target) == ["Anna Roy"]
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db", "data"]  # no .part left
    with pytest.raises(BackupError) as info:
        backup.back_up(database.path, database.path)
    assert info.value.problem == BackupProblem.SAME_FILE


def test_rotation_keeps_the_newest_n_of_this_database_and_nothing_else(
    database: db.OpenedDatabase,
) -> None:
    settings.set_value(settings.BACKUPS_KEEP, 3)
    folder = backup.folder(database.path)
    folder.mkdir(mode=0o700)
    strangers = ["notes.txt", "other-20200101T000000Z-schema1.db", "rapport.corrupt-x.db"]
    for name in strangers:
        (folder / name).write_bytes(b"not ours to delete")
    made = [backup.take(database.path, now=NOON + dt.timedelta(days=n)) for n in range(5)]
    assert backup.list_backups(database.path) == made[:1:-1]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        strangers + [b.path.name for b in made[2:]]
    )


def test_two_backups_in_one_second_both_keep(database: db.OpenedDatabase) -> None:
    first, second = backup.take(database.path, now=NOON), backup.take(database.path, now=NOON)
    assert second.path.name.endswith("-2.db")
    assert backup.list_backups(database.path) == [second, first]


@pytest.mark.parametrize("value", [0, -1, 101, True, "10", 2.5, None])
def test_the_number_of_backups_kept_is_validated(
    database: db.OpenedDatabase, value: object
) -> None:
    with pytest.raises(ValidationError):
        settings.set_value(settings.BACKUPS_KEEP, value)
    assert settings.backups_keep() == 10


def test_the_start_up_backup_is_due_once_a_day(database: db.OpenedDatabase) -> None:
    assert backup.due(database.path, NOON)
    backup.take(database.path, now=NOON)
    assert not backup.due(database.path, NOON + dt.timedelta(hours=1))
    assert backup.due(database.path, NOON + dt.timedelta(days=1))
    # A backup dated in the future (a clock once wrong) is not today's.
    backup.take(database.path, now=NOON + dt.timedelta(days=400))
    assert backup.due(database.path, NOON + dt.timedelta(days=2))


def test_a_copy_that_fails_the_integrity_check_is_deleted_and_reported(filled: Path) -> None:
    earlier = backup.take(filled, now=NOON)
    damage_an_index(filled)
    with pytest.raises(BackupError) as info:
        backup.take(filled, now=NOON + dt.timedelta(days=1))
    assert info.value.problem == BackupProblem.COPY_FAILED_CHECK
    assert "client_uid" in info.value.detail
    assert list(backup.folder(filled).iterdir()) == [earlier.path]  # no copy, no .part
    with pytest.raises(BackupError):
        backup.back_up(filled, filled.parent / "copy.db")
    assert not (filled.parent / "copy.db").exists()


def test_a_migration_is_preceded_by_a_backup_of_the_old_schema(db_path: Path) -> None:
    db_path.parent.mkdir()
    with sqlite3.connect(db_path) as con:
        con.executescript((DATA / "schema1_with_data.sql").read_text(encoding="utf-8"))
    opened = db.open_database(db_path)
    db.close_database()
    assert opened.migrated_from == 1
    [made] = backup.list_backups(db_path)
    assert made.schema == 1 and re.fullmatch(r"rapport-\d{8}T\d{6}Z-schema1\.db", made.path.name)
    assert integrity(made.path) == "ok"
    with sqlite3.connect(made.path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    assert names_in(made.path) == names_in(db_path) == ["Élodie Marchand", "Дмитрий Иванов"]


def test_a_migration_that_cannot_be_backed_up_is_refused_and_changes_nothing(
    db_path: Path,
) -> None:
    db_path.parent.mkdir()
    with sqlite3.connect(db_path) as con:
        con.executescript((DATA / "schema1_with_data.sql").read_text(encoding="utf-8"))
    (db_path.parent / "backups").write_text("a file where the folder goes")
    before = digest(db_path)
    with pytest.raises(BackupError) as info:
        db.open_database(db_path)
    assert info.value.problem == BackupProblem.CANNOT_WRITE
    assert digest(db_path) == before
    db.lock_database(db_path)  # the lock was released
    db.close_database()


# -- The start-up check ------------------------------------------------------------------


def _flip_bytes(data: bytes, path: Path) -> bytes:
    """Flip the b-tree page header of the client table's root page."""
    with sqlite3.connect(db.read_only_uri(path), uri=True) as con:
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'client'").fetchone()
    start = (root[0] - 1) * 4096
    damaged = bytearray(data)
    for offset in range(start, start + 8):
        damaged[offset] ^= 0xFF
    return bytes(damaged)


CORRUPTIONS: dict[str, tuple[Callable[[bytes, Path], bytes], Damage]] = {
    "empty file": (lambda data, path: b"", Damage.EMPTY),
    "zeros": (lambda data, path: bytes(len(data)), Damage.OVERWRITTEN),
    "broken header": (
        lambda data, path: b"SQLite format 3\x00" + b"\xff" * 84 + data[100:],
        Damage.OVERWRITTEN,
    ),
    "flipped bytes": (_flip_bytes, Damage.MALFORMED),
    "truncated": (lambda data, path: data[: len(data) // 2], Damage.TRUNCATED),
    "random bytes": (lambda data, path: random.Random(8).randbytes(len(data)), Damage.OVERWRITTEN),
}


def corrupt(path: Path, how: str) -> bytes:
    damage, _ = CORRUPTIONS[how]
    content = damage(path.read_bytes(), path)
    path.write_bytes(content)
    return content


@pytest.mark.parametrize("how", list(CORRUPTIONS))
def test_a_damaged_database_is_kept_aside_and_the_newest_good_backup_offered(
    filled: Path, how: str
) -> None:
    older = backup.take(filled, now=NOON)
    newest = backup.take(filled, now=NOON + dt.timedelta(days=1))
    damage_an_index(newest.path)  # the newest fails the check: the one before is offered
    content = corrupt(filled, how)
    Path(f"{filled}-wal").write_bytes(b"a write-ahead log that goes with it")
    with pytest.raises(CorruptDatabaseError) as info:
        db.open_database(filled)
    error = info.value
    assert error.damage == CORRUPTIONS[how][1]
    assert (error.backup, error.backup_taken) == (older.path, older.taken)
    assert re.fullmatch(r"rapport\.corrupt-\d{8}T\d{6}Z\.db", error.kept_aside.name)
    assert error.kept_aside.read_bytes() == content  # renamed, never changed
    assert Path(f"{error.kept_aside}-wal").read_bytes() == b"a write-ahead log that goes with it"
    assert not filled.exists() and not Path(f"{filled}-wal").exists()
    assert {b.path for b in backup.list_backups(filled)} == {older.path, newest.path}
    db.open_database(filled, read_only_if_busy=True)  # the lock was released
    db.close_database()

    backup.restore(error.backup, filled)
    db.open_database(filled)
    try:
        assert [c.name for c in client_list.list_clients(NOON.date())] != []
        assert names_in(filled) == ["Élodie Marchand", "Дмитрий Иванов"]
    finally:
        db.close_database()


@pytest.mark.parametrize("how", ["flipped bytes", "truncated"])
def test_a_damaged_database_that_says_it_is_ours_is_kept_aside_without_backups(
    filled: Path, how: str
) -> None:
    content = corrupt(filled, how)
    with pytest.raises(CorruptDatabaseError) as info:
        db.open_database(filled)
    assert info.value.backup is None and info.value.backup_taken is None
    assert info.value.kept_aside.read_bytes() == content


@pytest.mark.parametrize("how", ["zeros", "broken header", "random bytes"])
def test_garbage_that_no_backup_vouches_for_is_refused_untouched(filled: Path, how: str) -> None:
    """Nothing says it was ours (it may be another program's file): not ours to rename."""
    content = corrupt(filled, how)
    with pytest.raises(NotADatabaseError):
        db.open_database(filled)
    assert filled.read_bytes() == content
    assert list(filled.parent.glob("*corrupt*")) == []


def test_an_empty_file_without_backups_becomes_a_new_database(db_path: Path) -> None:
    db_path.parent.mkdir()
    db_path.write_bytes(b"")  # what a first start that stopped at once leaves
    opened = db.open_database(db_path)
    db.close_database()
    assert opened.migrated_from == 0


def test_another_programs_database_is_refused_untouched_even_beside_backups(
    filled: Path,
) -> None:
    backup.take(filled, now=NOON)
    filled.unlink()
    with sqlite3.connect(filled) as con:
        con.execute("CREATE TABLE things (id INTEGER PRIMARY KEY)")
    before = digest(filled)
    with pytest.raises(ForeignDatabaseError):
        db.open_database(filled)
    assert digest(filled) == before


def test_only_the_writer_checks_and_keeps_aside(filled: Path) -> None:
    """A read-only window (another holds the lock) refuses the file and leaves it there."""
    content = corrupt(filled, "truncated")
    with pytest.raises(NotADatabaseError):
        db.open_database(filled, read_only=True)
    assert filled.read_bytes() == content


def test_newest_good_skips_backups_that_fail_or_are_too_new(filled: Path) -> None:
    good = backup.take(filled, now=NOON)
    damaged = backup.take(filled, now=NOON + dt.timedelta(days=1))
    damage_an_index(damaged.path)
    too_new = backup.folder(filled) / (
        f"rapport-20270320T000000Z-schema{db.latest_schema_version() + 1}.db"
    )
    shutil.copy(good.path, too_new)
    assert backup.list_backups(filled)[0].path == too_new
    assert backup.newest_good(filled) == good
    shutil.rmtree(backup.folder(filled))
    assert backup.newest_good(filled) is None


def test_keep_aside_renames_the_file_and_its_companions_and_never_overwrites(
    tmp_path: Path,
) -> None:
    database = tmp_path / "rapport.db"
    for end in ("", "-wal", "-shm"):
        Path(f"{database}{end}").write_bytes(end.encode() or b"main")
    first = backup.keep_aside(database, NOON)
    database.write_bytes(b"second")
    second = backup.keep_aside(database, NOON)
    assert first.name == "rapport.corrupt-20270315T120000Z.db"
    assert second.name == "rapport.corrupt-20270315T120000Z-2.db"
    assert first.read_bytes() == b"main" and second.read_bytes() == b"second"
    assert Path(f"{first}-wal").read_bytes() == b"-wal"
    assert Path(f"{first}-shm").read_bytes() == b"-shm"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [first.name, f"{first.name}-wal", f"{first.name}-shm", second.name]
    )


# -- Restoring ---------------------------------------------------------------------------


def test_restore_replaces_the_database_after_backing_it_up(filled: Path, tmp_path: Path) -> None:
    source = tmp_path / "kept.db"
    backup.back_up(filled, source)
    db.open_database(filled)
    clients.create_client("Added after the backup")
    db.close_database()

    done = backup.restore(source, filled, now=NOON)
    assert names_in(filled) == ["Élodie Marchand", "Дмитрий Иванов"]
    assert done.previous is not None and not done.previous_damaged
    assert names_in(done.previous) == [
        "Added after the backup",
        "Élodie Marchand",
        "Дмитрий Иванов",
    ]
    assert mode(filled) == 0o600
    assert integrity(filled) == "ok"
    assert sorted(p.name for p in filled.parent.iterdir()) == [
        "backups",
        "rapport.db",
        "rapport.db.lock",
    ]


def test_restore_never_reads_the_old_files_write_ahead_log(filled: Path, tmp_path: Path) -> None:
    """A database left by a crash has commits only in its -wal: they go into the backup
    taken first, and never into the restored file."""
    source = tmp_path / "kept.db"
    backup.back_up(filled, source)
    writer = sqlite3.connect(filled)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE client SET name = 'Only in the log'")
    writer.commit()
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for end in ("", "-wal"):  # the files as a kill -9 leaves them
        shutil.copy(f"{filled}{end}", crashed / f"rapport.db{end}")
    writer.close()
    current = crashed / "rapport.db"
    assert Path(f"{current}-wal").stat().st_size > 0

    done = backup.restore(source, current)
    assert not Path(f"{current}-wal").exists()
    assert names_in(current) == ["Élodie Marchand", "Дмитрий Иванов"]
    assert done.previous is not None
    assert names_in(done.previous) == ["Only in the log", "Only in the log"]


def test_restore_over_a_damaged_database_keeps_it_aside(filled: Path, tmp_path: Path) -> None:
    source = tmp_path / "kept.db"
    backup.back_up(filled, source)
    content = corrupt(filled, "truncated")
    done = backup.restore(source, filled)
    assert done.previous_damaged and done.previous is not None
    assert done.previous.read_bytes() == content
    assert names_in(filled) == ["Élodie Marchand", "Дмитрий Иванов"]


def test_restore_where_there_is_no_database(filled: Path, tmp_path: Path) -> None:
    source = tmp_path / "kept.db"
    backup.back_up(filled, source)
    target = tmp_path / "elsewhere" / "new.db"
    target.parent.mkdir()
    done = backup.restore(source, target)
    assert done.previous is None
    assert names_in(target) == ["Élodie Marchand", "Дмитрий Иванов"]


def test_restore_of_an_older_schema_migrates_on_opening(db_path: Path, tmp_path: Path) -> None:
    old = tmp_path / "schema1.db"
    with sqlite3.connect(old) as con:
        con.executescript((DATA / "schema1_with_data.sql").read_text(encoding="utf-8"))
    db.open_database(db_path)
    db.close_database()
    assert backup.restore(old, db_path).schema == 1
    opened = db.open_database(db_path)
    db.close_database()
    assert (opened.migrated_from, opened.schema_version) == (1, db.latest_schema_version())
    assert {b.schema for b in backup.list_backups(db_path)} == {1, db.latest_schema_version()}


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as con:
        con.execute(f"PRAGMA user_version = {db.latest_schema_version() + 1}")


def _foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE things (id INTEGER PRIMARY KEY)")


@pytest.mark.parametrize(
    ("spoil", "refusal"),
    [
        (damage_an_index, BackupError),
        (lambda path: corrupt(path, "truncated"), NotADatabaseError),
        (lambda path: path.write_bytes(b"BEGIN:VCARD\r\nEND:VCARD\r\n"), NotADatabaseError),
        (lambda path: path.write_bytes(b""), NotADatabaseError),
        (_foreign, ForeignDatabaseError),
        (_newer, NewerSchemaError),
        (lambda path: path.unlink(), BackupError),
    ],
    ids=["fails integrity", "truncated", "not a database", "empty", "foreign", "newer", "missing"],
)
def test_restore_refuses_what_it_cannot_use_and_changes_nothing(
    filled: Path, tmp_path: Path, spoil: Callable[[Path], object], refusal: type[Exception]
) -> None:
    source = tmp_path / "kept.db"
    backup.back_up(filled, source)
    spoil(source)
    before = digest(filled)
    with pytest.raises(refusal):
        backup.restore(source, filled)
    assert digest(filled) == before
    assert not backup.folder(filled).exists()  # refused before the database was touched
    assert [p.name for p in filled.parent.iterdir() if p.name.startswith(".")] == []


def test_restoring_the_database_onto_itself_is_refused(filled: Path) -> None:
    with pytest.raises(BackupError) as info:
        backup.restore(filled, filled)
    assert info.value.problem == BackupProblem.SAME_FILE
