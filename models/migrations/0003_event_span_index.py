"""Schema 3: index events by (starts_at, ends_at, timezone, all_day), not starts_at alone.

"What overlaps these six weeks, and on which days in the viewer's zone" reads a range of
starts (widened back for long events); with these columns in the index SQLite answers
from the index alone, and only the events a grid shows are read in full.
"""


def up(migrator, db):
    migrator.migrate(
        migrator.drop_index("event", "event_starts_at"),
        migrator.add_index("event", ("starts_at", "ends_at", "timezone", "all_day"), False),
    )
