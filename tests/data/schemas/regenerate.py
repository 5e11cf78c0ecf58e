"""Write schema<N>.sql here for every schema before the latest: a Rapport database as the
Rapport of schema N left it, with data in every table, as SQL text (a review can read it;
a binary .db could not be).

    .venv/bin/python tests/data/schemas/regenerate.py

Each file is tests/data/schema1_with_data.sql (made once by schema 1, never regenerated)
taken up to schema N by the numbered migrations themselves, which are frozen once
released: the same file that version's Rapport would have written. The output is the
same on every run (the migration dates are fixed), so a diff shows only a new file.

When a migration is added, run this script: it writes the file of the schema that just
became "earlier" (tests/reliability/test_migration_safety.py fails until it is there).
A schema whose migration adds columns should give them values in SCHEMA_DATA, so that
the next migration is tested on data in them.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[2])]  # the repository

from peewee import SqliteDatabase  # noqa: E402
from playhouse.migrations import Runner  # noqa: E402

from models.db import APPLICATION_ID, MIGRATIONS_DIR, latest_schema_version  # noqa: E402

SOURCE = HERE.parent / "schema1_with_data.sql"
APPLIED = "2026-01-01 10:00:00"
# Values for what schema N added, set once the file is at schema N.
SCHEMA_DATA: dict[int, list[str]] = {
    5: [
        "UPDATE client SET snoozed_until = '2026-06-01', yearly_budget_cents = 120000 WHERE id = 1",
        "UPDATE tier SET yearly_budget_cents = 50000 WHERE name = 'A'",
        "UPDATE interaction SET value_cents = 4550",
    ],
}


def dump(version: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rapport.db"
        con = sqlite3.connect(path)
        con.executescript(SOURCE.read_text(encoding="utf-8"))
        con.close()
        database = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
        runner = Runner(database, directory=str(MIGRATIONS_DIR))
        names = [m.name for m in runner.migrations()]
        runner.up(target=names[version - 1])  # schema 1 is there: 2..version
        for statement in (s for v in range(2, version + 1) for s in SCHEMA_DATA.get(v, [])):
            database.execute_sql(statement)
        database.execute_sql("UPDATE schema_migration SET applied = ?", (APPLIED,))
        database.execute_sql(f"PRAGMA user_version = {version}")
        database.close()
        con = sqlite3.connect(path)
        try:
            lines = list(con.iterdump())
        finally:
            con.close()
    header = [
        f"-- A Rapport database as schema {version} wrote it, with data in every table.",
        "-- Written by tests/data/schemas/regenerate.py: do not edit, run it again.",
        f"PRAGMA application_id = {APPLICATION_ID};",
        f"PRAGMA user_version = {version};",
    ]
    return "\n".join(header + lines) + "\n"


def main() -> None:
    for version in range(1, latest_schema_version()):
        target = HERE / f"schema{version}.sql"
        target.write_text(dump(version), encoding="utf-8")
        print(f"wrote {target.relative_to(HERE.parents[2])}")


if __name__ == "__main__":
    main()
