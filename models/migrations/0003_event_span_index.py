"""Schema 3: index events by (starts_at, ends_at) instead of starts_at alone.

"What overlaps these six weeks" reads a range of starts (widened back for long events) and
keeps those that end after the first day; with both columns in the index SQLite answers
that from the index alone, without reading a table row per candidate.
"""


def up(migrator, db):
    migrator.migrate(
        migrator.drop_index("event", "event_starts_at"),
        migrator.add_index("event", ("starts_at", "ends_at"), False),
    )
