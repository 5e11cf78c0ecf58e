"""Migration of a database from every earlier schema (issue 8, "Prove it" 5).

tests/data/schemas/schema<N>.sql holds, as SQL text, a database as the Rapport of schema N
left it, with data in every table: one file per schema before the latest. They are made
by tests/data/schemas/regenerate.py (`.venv/bin/python tests/data/schemas/regenerate.py`
after adding a migration; the first test below fails until the new file is there).

- Each opens, is migrated to the latest schema (exactly the schema a new file gets), and
  holds the same data: every row of every table it had, the new columns empty, and the
  same whole-database JSON export from all of them.
- A failure between two migrations (injected) or a kill at a random moment while a larger
  database migrates (a process killed with SIGKILL) leaves the old schema or the new one,
  never a mix: models/db.py runs the migrations and the version stamp in one transaction.
  (Before, each migration committed on its own: a kill during the fourth left schema 3
  stamped as schema 1, and the next start had to finish the job.)

Rounds: 1 timed migration and 4 killed ones of 20,000 key dates and 10,000 events;
`make stress`: 40 kills.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from playhouse import migrations

from models import client_list, clients, db, json_io
from models.cards import search_columns
from tests.reliability.helpers import SCHEMAS, Child, connect, integrity, load_dump, rounds

EARLIER = range(1, db.latest_schema_version())
KILLS = rounds(4, 40)
KEY_DATES = 20_000
SEED = random.randrange(2**32)


def schema(path: Path) -> tuple[int, frozenset[tuple[str, ...]], list[str]]:
    """(user_version, every table and index as SQL, the migrations recorded as applied)."""
    con = connect(path)
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        master = frozenset(
            con.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchall()
        )
        applied = [name for (name,) in con.execute("SELECT name FROM schema_migration ORDER BY id")]
    finally:
        con.close()
    return version, master, applied


def rows(path: Path) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    con = connect(path)
    try:
        tables = [
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: (
                [column[1] for column in con.execute(f'PRAGMA table_info("{table}")')],
                con.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall(),
            )
            for table in tables
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def latest_schema(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, frozenset, list[str]]:
    path = tmp_path_factory.mktemp("latest") / "rapport.db"
    db.open_database(path)
    db.close_database()
    return schema(path)


def test_there_is_a_file_for_every_earlier_schema(tmp_path: Path) -> None:
    missing = [v for v in EARLIER if not (SCHEMAS / f"schema{v}.sql").exists()]
    assert not missing, (
        f"no tests/data/schemas/schema{missing[0]}.sql: run "
        ".venv/bin/python tests/data/schemas/regenerate.py"
    )
    for version in EARLIER:
        found, _, applied = schema(load_dump(version, tmp_path / f"{version}.db"))
        assert (found, len(applied)) == (version, version)


def test_every_earlier_database_is_migrated_with_its_data(
    tmp_path: Path, latest_schema: tuple[int, frozenset, list[str]]
) -> None:
    exports = {}
    for version in EARLIER:
        path = load_dump(version, tmp_path / str(version) / "rapport.db")
        before = rows(path)
        opened = db.open_database(path)
        try:
            assert (opened.migrated_from, opened.schema_version) == (version, latest_schema[0])
            assert [c.name for c in clients.load_cards()] == ["Élodie Marchand", "Дмитрий Иванов"]
            exports[version] = b"".join(json_io.export(now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
            # Schema 6 folded each card's search text from the rows: as a save folds it.
            listed = {
                row.id: {"text": row.search_text, "name": row.name_key, "company": row.company_key}
                for row in client_list.list_clients(dt.date(2026, 1, 1))
            }
            assert listed == {card.id: search_columns(card) for card in clients.load_cards()}
            assert "chablis premier cru" in listed[1]["text"] and "hugo" in listed[1]["text"]
            assert listed[1]["name"] == "elodie marchand"
        finally:
            db.close_database()
        found, master, applied = schema(path)
        assert (found, master) == latest_schema[:2], f"schema {version}"
        assert len(applied) == len(latest_schema[2])
        after = rows(path)
        for table, (columns, old_rows) in before.items():
            new_columns, new_rows = after[table]
            assert new_columns[: len(columns)] == columns, (version, table)
            if table == "schema_migration":
                assert new_rows[: len(old_rows)] == old_rows
                continue
            assert [row[: len(columns)] for row in new_rows] == old_rows, (version, table)
            added = {value for row in new_rows for value in row[len(columns) :]}
            assert added <= {None}, (version, table, added)
    # The same data in each: the same whole-database export, read through the services;
    # from schema 5 on, the files also hold a snooze, budgets and values (regenerate.py).
    assert len({exports[v] for v in EARLIER if v < 5}) == 1
    assert b"Sancerre" in exports[1] and "Дима".encode() in exports[1]
    for version in (v for v in EARLIER if v >= 5):
        assert exports[version] != exports[1]
        for value in (b'"snoozed_until": "2026-06-01"', b'"yearly_budget_cents": 120000',
                      b'"value_cents": 4550'):  # fmt: skip
            assert value in exports[version], (version, value)


FAILING = [
    (version, name)
    for version in EARLIER
    for name in [m.name for m in migrations.Migration.load_directory(str(db.MIGRATIONS_DIR))][
        version:
    ]
]


@pytest.mark.parametrize(("version", "failing"), FAILING)
def test_a_failure_between_migrations_leaves_the_old_schema(
    version: int, failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    latest_schema: tuple[int, frozenset, list[str]],
) -> None:  # fmt: skip
    """Each pending migration in turn fails once the ones before it have run."""
    path = load_dump(version, tmp_path / "data" / "rapport.db")
    old, before = schema(path), rows(path)
    real = migrations.Runner._run

    def run(self: migrations.Runner, name: str, *args: object, **kwargs: object) -> None:
        if name == failing:
            raise OSError("power cut")
        real(self, name, *args, **kwargs)

    monkeypatch.setattr(migrations.Runner, "_run", run)
    with pytest.raises(OSError, match="power cut"):
        db.open_database(path)
    db.close_database()
    assert schema(path) == old
    assert rows(path) == before
    monkeypatch.setattr(migrations.Runner, "_run", real)
    assert db.open_database(path).migrated_from == version  # the next start does it all
    db.close_database()
    assert schema(path)[:2] == latest_schema[:2]


@pytest.fixture(scope="module")
def big_schema1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Schema 1 with 20,000 key dates of 2,000 clients and 10,000 events: its migration
    rebuilds two indexes, long enough for kills to land in it."""
    path = load_dump(1, tmp_path_factory.mktemp("big") / "rapport.db")
    con = sqlite3.connect(path)
    stamp = "2026-01-01 10:00:00"
    con.executemany(
        "INSERT INTO client (uid, name, given_name, family_name, nickname, company, job_title, "
        "how_we_met, notes, archived, created_at, updated_at, version) "
        "VALUES (?, ?, '', '', '', '', '', '', '', 0, ?, ?, 1)",
        ((f"bulk{n:08d}", f"Bulk {n}", stamp, stamp) for n in range(KEY_DATES // 10)),
    )
    con.executemany(
        "INSERT INTO key_date (uid, client_id, kind, label, month, day, year, lead_days, note) "
        "VALUES (?, ?, 'birthday', '', ?, ?, ?, 7, '')",
        ((f"kd{n:09d}", 3 + n % (KEY_DATES // 10), n % 12 + 1, n % 28 + 1, 1950 + n % 60)
         for n in range(KEY_DATES)),
    )  # fmt: skip
    con.executemany(
        "INSERT INTO event (uid, sequence, kind, title, all_day, starts_at, ends_at, timezone, "
        "location, description, status, asked_for_nothing, created_at, updated_at, version) "
        "VALUES (?, 0, 'call', ?, 0, ?, ?, 'Europe/Paris', '', '', 'planned', 0, ?, ?, 1)",
        ((f"ev{n:09d}", f"Event {n}", f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d} 10:00:00",
          f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d} 11:00:00", stamp, stamp)
         for n in range(KEY_DATES // 2)),
    )  # fmt: skip
    con.commit()
    con.close()
    return path


def test_a_migration_killed_at_any_moment_leaves_the_old_schema_or_the_new(
    big_schema1: Path, tmp_path: Path, latest_schema: tuple[int, frozenset, list[str]]
) -> None:
    old = schema(big_schema1)
    rng = random.Random(SEED)
    outcomes = []
    took: dict[str, float] = {}  # the first round migrates to the end and times it
    for n in range(KILLS + 1):
        path = tmp_path / str(n) / "rapport.db"
        path.parent.mkdir()
        shutil.copyfile(big_schema1, path)
        child = Child("open", str(path))
        # Every other kill falls in the migrations themselves; the others anywhere in the
        # opening (quick_check, the backup, the migrations, the close).
        mark = "migrating" if n % 2 else "opening"
        assert child.wait_for(lambda line, mark=mark: line == mark), child.stderr
        start = time.monotonic()
        if n == 0:
            assert child.wait_for(lambda line: line == "migrating"), child.stderr
            migrating = time.monotonic()
            assert child.finish() == 0, child.stderr
            took = {"opening": time.monotonic() - start, "migrating": time.monotonic() - migrating}
        else:
            part = (n - 1) // 2  # spread over that time round after round
            time.sleep((part + rng.random()) / ((KILLS + 1) // 2) * took[mark])
            assert child.kill() in (0, -9), child.stderr
        found = schema(path)
        con = connect(path)
        try:
            assert integrity(con) == [("ok",)]
            assert con.execute("SELECT count(*) FROM key_date").fetchone()[0] == KEY_DATES + 5
        finally:
            con.close()
        if found == old:
            outcomes.append("old")
        else:
            assert found[:2] == latest_schema[:2], f"a mix after a kill (seed {SEED}): {found[0]}"
            assert len(found[2]) == len(latest_schema[2])
            outcomes.append("new")
    print(f"killed migrations left: {outcomes}")
    assert outcomes[0] == "new"
    # What a kill left, the next start takes to the end.
    opened = db.open_database(path)
    db.close_database()
    assert opened.schema_version == latest_schema[0]
    assert schema(path)[:2] == latest_schema[:2]
