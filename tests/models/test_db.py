import datetime as dt
import hashlib
import os
import re
import sqlite3
import stat
from pathlib import Path

import peewee
import pytest

from models import client_list, clients, db, settings
from models.dates import PartialDate
from models.entities import ALL_MODELS, Client, Interaction, database
from models.errors import (
    DatabaseInUseError,
    ForeignDatabaseError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    StorageError,
    StorageProblem,
)
from models.vocab import Feb29Rule

DATA = Path(__file__).parent.parent / "data"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pragma(name: str) -> object:
    return database.execute_sql(f"PRAGMA {name}").fetchone()[0]


def test_new_database_is_private_and_configured(database: db.OpenedDatabase, db_path: Path) -> None:
    assert database.migrated_from == 0
    assert database.schema_version == db.latest_schema_version() >= 1
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    clients.create_client("Anyone")  # makes SQLite write its WAL
    for companion in db_path.parent.glob(db_path.name + "*"):
        assert stat.S_IMODE(companion.stat().st_mode) == 0o600, companion
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2
    assert pragma("busy_timeout") == db.BUSY_TIMEOUT_MS
    assert pragma("cache_size") == -db.CACHE_KIB
    assert pragma("user_version") == database.schema_version
    assert pragma("application_id") == db.APPLICATION_ID


def test_new_database_has_the_default_courtship_plan(database: db.OpenedDatabase) -> None:
    assert [t.name for t in clients.tiers()] == ["A", "B", "C"]


def test_path_comes_from_argument_then_environment_then_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert db.resolve_path().parent.name == db.APP_NAME
    assert str(db.resolve_path()).startswith(os.environ["XDG_DATA_HOME"])
    monkeypatch.setenv(db.ENV_VAR, str(tmp_path / "env.db"))
    assert db.resolve_path() == tmp_path / "env.db"
    assert db.resolve_path(tmp_path / "arg.db") == tmp_path / "arg.db"


def test_default_location_is_created(monkeypatch: pytest.MonkeyPatch) -> None:
    opened = db.open_database()
    try:
        assert opened.path == db.default_path()
        assert opened.path.exists()
    finally:
        db.close_database()


def test_reopening_keeps_data_and_does_not_migrate_again(db_path: Path) -> None:
    db.open_database(db_path)
    clients.create_client("Élodie Marchand")
    db.close_database()
    reopened = db.open_database(db_path)
    try:
        assert reopened.migrated_from == reopened.schema_version
        assert [
            row.name for row in client_list.list_clients(__import__("datetime").date.today())
        ] == ["Élodie Marchand"]
    finally:
        db.close_database()


def test_newer_schema_is_refused_and_left_unchanged(db_path: Path) -> None:
    db.open_database(db_path)
    db.close_database()
    with sqlite3.connect(db_path) as con:
        con.execute(f"PRAGMA user_version = {db.latest_schema_version() + 1}")
    before = digest(db_path)
    with pytest.raises(NewerSchemaError) as info:
        db.open_database(db_path)
    assert info.value.found == db.latest_schema_version() + 1
    assert digest(db_path) == before
    assert database.obj is None


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 200,  # a picture renamed .db
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Someone\r\nEND:VCARD\r\n",
        b"SQLite format 3\x00" + b"\xff" * 84,  # a damaged header
    ],
)
def test_files_that_are_not_databases_are_refused_and_unchanged(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "not-a.db"
    path.write_bytes(content)
    with pytest.raises(NotADatabaseError):
        db.open_database(path)
    assert path.read_bytes() == content


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE things (id INTEGER PRIMARY KEY)")
    before = digest(path)
    with pytest.raises(ForeignDatabaseError):
        db.open_database(path)
    assert digest(path) == before


def test_a_missing_file_is_not_created_when_not_asked(tmp_path: Path) -> None:
    with pytest.raises(MissingDatabaseError):
        db.open_database(tmp_path / "nothing.db", create=False)
    assert not (tmp_path / "nothing.db").exists()


def test_second_writer_is_refused_or_gets_a_read_only_connection(db_path: Path) -> None:
    db.open_database(db_path)
    clients.create_client("First window")
    # Another process would hold its own lock; a second FileLock on the file behaves alike.
    held = db._lock
    db._lock = None
    try:
        with pytest.raises(DatabaseInUseError):
            db.open_database(db_path)
        opened = db.open_database(db_path, read_only_if_busy=True)
        assert opened.read_only
        assert client_list.client_count() == 1
        with pytest.raises(StorageError) as info:
            clients.create_client("Second window")
        assert info.value.problem is StorageProblem.READ_ONLY
    finally:
        db.close_database()
        db._lock = held
        db._release_lock()


def test_lock_is_released_on_close(db_path: Path) -> None:
    db.open_database(db_path)
    db.close_database()
    opened = db.open_database(db_path)
    assert not opened.read_only
    db.close_database()


def test_schema_one_database_with_data_migrates_and_reads(db_path: Path) -> None:
    db_path.parent.mkdir()
    with sqlite3.connect(db_path) as con:
        con.executescript((DATA / "schema1_with_data.sql").read_text(encoding="utf-8"))
    opened = db.open_database(db_path)
    try:
        assert opened.migrated_from == 1
        assert opened.schema_version == db.latest_schema_version()
        assert settings.feb29_rule() is Feb29Rule.MAR_1
        card = clients.load_card(1)
        assert card.name == "Élodie Marchand"
        assert card.version == 3
        assert next(c.value for c in card.contact_points) == "elodie@bistro-lumiere.example.com"
        assert [(r.name, r.birthday) for r in card.relatives] == [
            ("Hugo", PartialDate(7, 14)),
            ("Léa", PartialDate(1, 3, 2016)),
        ]
        assert card.preferences[0].history[0].old_value == "Sancerre"
        assert card.promises[0].what.startswith("Send the article")
        assert clients.load_card(2).nickname == "Дима"
        saved = clients.save_card(
            card.__class__(**{**card.__dict__, "notes": "Edited after upgrade"})
        )
        assert saved.version == 4
    finally:
        db.close_database()


def test_migrations_build_exactly_the_schema_the_models_declare(
    database: db.OpenedDatabase, tmp_path: Path
) -> None:
    """A migration that forgets a column or an index fails here, not on a user's machine."""
    migrated = _schema(database.path)
    reference = peewee.SqliteDatabase(str(tmp_path / "reference.db"))
    with reference.bind_ctx(ALL_MODELS):
        reference.create_tables(ALL_MODELS)
    reference.close()
    assert migrated == _schema(tmp_path / "reference.db")


def _schema(path: Path) -> dict[str, object]:
    with sqlite3.connect(path) as con:
        tables = [
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'schema_migration' ORDER BY name"
            )
        ]
        return {
            table: {
                "columns": sorted(
                    (r[1], r[2].upper(), r[3], r[5])
                    for r in con.execute(f"PRAGMA table_info({table})")
                ),
                "indexes": sorted(
                    (r[2], tuple(c[2] for c in con.execute(f"PRAGMA index_info('{r[1]}')")))
                    for r in con.execute(f"PRAGMA index_list({table})")
                ),
                "foreign_keys": sorted(
                    (r[2], r[3], r[4], r[6])
                    for r in con.execute(f"PRAGMA foreign_key_list({table})")
                ),
            }
            for table in tables
        }


def test_client_table_is_bound_to_the_opened_file(database: db.OpenedDatabase) -> None:
    clients.create_client("Bound")
    with sqlite3.connect(database.path) as con:
        assert con.execute("SELECT name FROM client").fetchall() == [("Bound",)]
    assert Client.select().count() == 1


def test_a_migration_that_fails_leaves_a_file_the_next_start_finishes(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed or interrupted migration must not make the file look like another
    program's: the next start finishes the job."""
    from playhouse import migrations

    real_up = migrations.Runner.up

    def crash_after_the_first(self, target=None, fake=False):
        real_up(self, target="0001_initial")
        raise OSError("power cut")

    monkeypatch.setattr(migrations.Runner, "up", crash_after_the_first)
    with pytest.raises(OSError, match="power cut"):
        db.open_database(db_path)
    db.close_database()
    monkeypatch.setattr(migrations.Runner, "up", real_up)
    opened = db.open_database(db_path)
    try:
        assert opened.schema_version == db.latest_schema_version()
        assert [t.name for t in clients.tiers()] == ["A", "B", "C"]
    finally:
        db.close_database()


@pytest.mark.parametrize("written_after", [False, True])
def test_a_check_started_ahead_counts_only_for_the_file_it_read(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, written_after: bool
) -> None:
    """The window starts quick_check in a thread before loading its modules (db.check_ahead);
    opening uses that verdict, unless the file was written since, when it checks again."""
    from models.errors import CorruptDatabaseError

    db.open_database(db_path)
    clients.create_client("Élodie Marchand")
    db.close_database()

    def says_damaged(self: object) -> None:
        self.result = [("*** in database main *** Page 7: btreeInitPage() returns error 11",)]  # type: ignore[attr-defined]

    monkeypatch.setattr(db._CheckAhead, "_run", says_damaged)
    db.check_ahead(db_path)
    if written_after:
        con = sqlite3.connect(db_path)
        con.execute("UPDATE client SET name = 'Élodie M.'")
        con.commit()
        con.close()
        opened = db.open_database(db_path)  # checked again, now: sound
        db.close_database()
        assert opened.read_only is False
    else:
        with pytest.raises(CorruptDatabaseError):
            db.open_database(db_path)
        assert not db_path.exists()  # kept aside, as a damage found at opening is
    assert db._ahead is None


@pytest.mark.usefixtures("database")
def test_insert_many_stores_what_peewee_would() -> None:
    """Rows with the first row's columns go column by column; others (a row with a column
    more, or fewer) one by one; either way each value as its field stores it (a date or a
    timestamp as the same text as peewee's own save), and the defaults filled in (the
    timestamps once for the rows of one call)."""
    from models.storage import insert_many
    from models.vocab import InteractionKind

    plain = {"uid": "a", "name": "Ann", "archived": True, "client_since": dt.date(2020, 1, 2)}
    insert_many(Client, [plain, plain | {"uid": "b", "name": "Bo", "archived": False,
                                         "client_since": None}])  # fmt: skip
    insert_many(Client, [{"uid": "c", "name": "Cy"}, {"uid": "d", "name": 4, "notes": "n"}])
    insert_many(Interaction, [
        {"client": 1, "kind": InteractionKind.MEAL, "occurred_on": dt.date(2024, 5, 1)},
        {"client": 2, "kind": "call", "occurred_on": dt.date(2024, 5, 2), "value_cents": 250},
    ])  # fmt: skip
    got = [
        (c.uid, c.name, c.archived, c.client_since, c.notes, c.version, c.created_at is not None)
        for c in Client.select().order_by(Client.uid)
    ]
    assert got == [
        ("a", "Ann", True, dt.date(2020, 1, 2), "", 1, True),
        ("b", "Bo", False, None, "", 1, True),
        ("c", "Cy", False, None, "", 1, True),
        ("d", "4", False, None, "n", 1, True),
    ]
    stored = database.execute_sql(
        "SELECT kind, occurred_on, value_cents, tone, asked_for_nothing FROM interaction"
    ).fetchall()
    assert stored == [("meal", "2024-05-01", None, "neutral", 0), ("call", "2024-05-02", 250,
                                                                      "neutral", 0)]  # fmt: skip
    when = dt.datetime(2025, 3, 4, 5, 6, 7, 89)
    Client.create(uid="by-peewee", name="Di", deleted_at=when, client_since=dt.date(2021, 1, 2))
    insert_many(Client, [{"uid": "mine", "name": "Ed", "deleted_at": when,
                          "client_since": dt.date(2021, 1, 2)}])  # fmt: skip
    texts = database.execute_sql(
        "SELECT uid, deleted_at, client_since, created_at, updated_at FROM client"
    ).fetchall()
    by_uid = {uid: rest for uid, *rest in texts}
    assert by_uid["mine"][:2] == by_uid["by-peewee"][:2] == ["2025-03-04 05:06:07.000089",
                                                             "2021-01-02"]  # fmt: skip
    shape = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?")  # str(datetime)
    assert all(shape.fullmatch(text) for row in texts for text in row[3:])
    assert by_uid["a"][2:] == by_uid["b"][2:]  # one call, one moment


@pytest.mark.usefixtures("database")
def test_insert_many_breaks_a_rule_as_one_error_whatever_the_rows() -> None:
    """A broken rule is a bug of ours (peewee's IntegrityError), never "the database
    failed", whether the rows go together or one by one."""
    from models.storage import insert_many, transaction

    insert_many(Client, [{"uid": "a", "name": "Ann"}])
    together = [{"uid": "a", "name": "Again"}]
    one_by_one = [{"uid": "b", "name": "Bo"}, {"uid": "a", "name": "Again", "notes": "n"}]
    for rows in (together, one_by_one):
        with pytest.raises(peewee.IntegrityError), transaction():
            insert_many(Client, rows)
    assert [c.name for c in Client.select()] == ["Ann"]


@pytest.mark.usefixtures("database")
def test_rows_as_tuples_store_what_the_same_rows_as_dicts_do() -> None:
    from models.storage import insert_many, insert_rows

    names = ("uid", "name", "archived", "client_since", "deleted_at")
    values = [
        ("a", "Ann", True, dt.date(2020, 1, 2), dt.datetime(2025, 3, 4, 5, 6, 7, 89)),
        ("b", 4, False, None, None),
    ]
    insert_many(Client, [dict(zip(names, row, strict=True)) for row in values])
    insert_rows(Client, names, [(f"t{uid}", *rest) for uid, *rest in values])
    insert_rows(Client, names, [])  # nothing to add: nothing happens
    stored = database.execute_sql(
        "SELECT uid, name, archived, client_since, deleted_at, notes, version, "
        "created_at IS NOT NULL FROM client ORDER BY id"
    ).fetchall()
    assert [row[1:] for row in stored[:2]] == [row[1:] for row in stored[2:]]
    assert stored[0][1:] == ("Ann", 1, "2020-01-02", "2025-03-04 05:06:07.000089", "", 1, 1)
    assert [row[0] for row in stored] == ["a", "b", "ta", "tb"]
