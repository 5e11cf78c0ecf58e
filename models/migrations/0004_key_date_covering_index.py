"""Schema 4: the (month, day) index of key dates also holds year, client and relative.

A month grid needs, for every date of six weeks, only whose it is and whether it is kept
that year, to count a day's dates and choose the few it shows: with these columns in the
index SQLite answers without reading a table row per date.
"""


def up(migrator, db):
    migrator.migrate(
        migrator.drop_index("key_date", "key_date_month_day"),
        migrator.add_index("key_date", ("month", "day", "year", "client_id", "relative_id"), False),
    )
