"""Schema 6: what the client list searches and sorts by, folded when the card is written.

The client list used to join every client's relatives, tastes and contact points and fold
the lot at every start (7.6 s with 100,000 clients), then fold names and companies again to
sort them. The table is filled here from what the cards hold, folded the way
models/search.py folds today (a later change of folding would refill it in a migration of
its own).
"""

from peewee import ForeignKeyField, Model, TextField

from models.search import fold, haystack


def up(migrator, db):
    class Client(Model):
        class Meta:
            database = db
            table_name = "client"

    class ClientSearch(Model):
        client = ForeignKeyField(Client, primary_key=True, on_delete="CASCADE")
        name = TextField(index=True)
        company = TextField()
        text = TextField()

        class Meta:
            database = db
            table_name = "client_search"

    db.create_tables([ClientSearch])
    parts = {}
    for client_id, *texts in db.execute_sql(
        "SELECT id, name, company, nickname, job_title, notes, how_we_met FROM client"
    ):
        parts[client_id] = list(texts)
    for sql in (
        "SELECT client_id, name, notes FROM relative ORDER BY client_id, position, id",
        "SELECT client_id, value, note FROM preference ORDER BY client_id, position, id",
        "SELECT client_id, value FROM contact_point ORDER BY client_id, position, id",
    ):
        for client_id, *texts in db.execute_sql(sql):
            parts[client_id].extend(texts)
    rows = [
        (client_id, fold(texts[0]), fold(texts[1]), haystack(texts))
        for client_id, texts in parts.items()
    ]
    for start in range(0, len(rows), 200):
        chunk = rows[start : start + 200]
        db.execute_sql(
            "INSERT INTO client_search (client_id, name, company, text) VALUES "
            + ", ".join("(?, ?, ?, ?)" for _ in chunk),
            [value for row in chunk for value in row],
        )
