"""Schema 2: drop the index on client.deleted_at.

Almost every client has deleted_at NULL, so the index selects nothing; but without table
statistics SQLite preferred it to key_date(month, day) and scanned every client and every
date to answer "what happens in March" (57 ms -> 14 ms at 10k clients without it).
"""


def up(migrator, db):
    migrator.migrate(migrator.drop_index("client", "client_deleted_at"))
