"""Rapport's JSON: the whole database and one client, read back without loss."""

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from models import client_list, clients, db, demo, events, json_io, settings
from models.cards import ClientCard
from models.events import Attendee, EventData

NOW = dt.datetime(2027, 1, 1, 12, 0)


def test_the_whole_database_comes_back_identical(
    database: db.OpenedDatabase, tmp_path: Path
) -> None:
    demo.load_sample(dt.date(2027, 1, 1))
    card = clients.load_cards().__next__()
    # A taste that changed (its "used to be" must travel too) and a setting off its default.
    clients.save_card(
        replace(
            card, preferences=(replace(card.preferences[0], value="Rioja"), *card.preferences[1:])
        )
    )
    settings.set_values({settings.DASHBOARD_DAYS: 21, settings.OWNER_EMAIL: "me@example.com"})
    text = b"".join(json_io.export(now=NOW))
    db.close_database()
    db.open_database(tmp_path / "restored.db")
    found = json_io.preview(json_io.read(text))
    assert (len(found.new_clients), found.known_clients) == (40, [])
    json_io.apply(json_io.read(text))
    assert b"".join(json_io.export(now=NOW)) == text
    assert settings.get(settings.DASHBOARD_DAYS) == 21
    restored = next(c for c in clients.load_cards() if c.uid == card.uid)
    assert [h.old_value for h in restored.preferences[0].history] == [card.preferences[0].value]


def test_importing_a_file_twice_adds_nothing_the_second_time(database: db.OpenedDatabase) -> None:
    demo.load_sample(dt.date(2027, 1, 1))
    text = b"".join(json_io.export(now=NOW))
    found = json_io.apply(json_io.read(text))
    assert found.new_clients == [] and len(found.known_clients) == 40
    assert found.new_events == 0
    assert client_list.client_count() == 40


def test_one_clients_file_holds_all_about_them_and_no_one_else(
    database: db.OpenedDatabase,
) -> None:
    demo.load_sample(dt.date(2027, 1, 1))
    rows = client_list.list_clients(dt.date(2027, 1, 1))
    majo = next(r for r in rows if r.name.startswith("María José"))
    other = next(r for r in rows if r.id != majo.id)
    events.create_event(
        EventData("outing", "Opera", dt.datetime(2027, 3, 1, 19), dt.datetime(2027, 3, 1, 22),
                  attendees=(Attendee(majo.id), Attendee(other.id)))
    )  # fmt: skip
    document = json.loads(b"".join(json_io.export([majo.id], now=NOW)))
    assert [c["name"] for c in document["clients"]] == [majo.name]
    assert "settings" not in document and "tiers" not in document
    text = json.dumps(document, ensure_ascii=False)
    assert other.name not in text
    opera = next(e for e in document["events"] if e["title"] == "Opera")
    assert [a["client"] for a in opera["attendees"]] == [document["clients"][0]["uid"]]
    assert {i["client"] for i in document["interactions"]} <= {document["clients"][0]["uid"]}


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"not json", "not valid JSON"),
        (b'{"format": "other"}', "not a Rapport export"),
        (b'{"format": "rapport", "version": 99}', "newer Rapport"),
        (b'{"format": "rapport", "version": 1, "clients": [{"uid": "x", "name": ""}]}',
         "clients[0].name"),
        (b'{"format": "rapport", "version": 1, "clients": [{"name": "No uid"}]}', "clients[0]"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_and_changes_nothing(
    database: db.OpenedDatabase, data: bytes, words: str
) -> None:
    clients.save_card(ClientCard(name="Already here"))
    with pytest.raises(json_io.UnreadableJsonError) as caught:
        json_io.apply(json_io.read(data))
    assert words in caught.value.detail
    assert client_list.client_count() == 1
