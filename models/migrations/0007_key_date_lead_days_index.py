"""Schema 7: key dates indexed by their lead time.

The dashboard lists, beyond its fortnight, the dates whose lead time has already begun (a
birthday reminded 30 days ahead). Without this index SQLite read every key date of the
year ahead to find them: 0.8 s with 100,000 clients, every time the dashboard was shown.
"""


def up(migrator, db):
    migrator.migrate(migrator.add_index("key_date", ("lead_days",), False))
