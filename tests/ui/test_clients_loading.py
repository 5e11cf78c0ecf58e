"""A large base loads into the Clients page a piece at a time (the window answers between
pieces); what happens meanwhile must come out as if it had loaded at once."""

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QLocale

from models import clients, db
from models.client_list import ClientRow
from ui import clients_page
from ui.changes import Change
from ui.client_list import ClientListPanel
from ui.main_window import CLIENTS, MainWindow


@pytest.fixture
def window(database: db.OpenedDatabase, monkeypatch: pytest.MonkeyPatch, qtbot) -> MainWindow:
    """A window on five clients (ids 1 to 5), whose list loads two at a time."""
    monkeypatch.setattr(clients_page, "FIRST_PIECE", 2)
    monkeypatch.setattr(clients_page, "next_piece_size", lambda size, seconds: 2)
    for n in range(1, 6):
        clients.create_client(f"Client {n}")
    win = MainWindow(database)
    qtbot.addWidget(win)
    win.show()
    return win


def names(window: MainWindow) -> list[str]:
    model = window.clients_page.list.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def loaded(window: MainWindow, qtbot) -> None:
    # Not the status line: it says "5 clients" once the last rows are in, a turn of the
    # event loop before the page finds there are no more pieces.
    qtbot.waitUntil(lambda: not window.clients_page.loading())


def test_the_list_shows_its_first_piece_at_once_and_the_rest_after(
    window: MainWindow, qtbot
) -> None:
    page = window.clients_page  # built now: its first piece is read at once
    assert names(window) == ["Client 1", "Client 2"]
    assert page.list.status.text() == "Loading clients… 2 of 5"
    assert page.has_clients() and page.loading()
    loaded(window, qtbot)
    assert names(window) == [f"Client {n}" for n in range(1, 6)]
    assert page.list.status.text() == "5 clients"


def test_changes_while_it_loads_are_kept(window: MainWindow, qtbot) -> None:
    page = window.clients_page
    clients.delete_client(5)  # in a piece not read yet
    window.hub.announce(Change(removed=frozenset({5})))
    late = clients.create_client("Late")  # after the last piece
    window.hub.announce(Change(clients=frozenset({late.id})))
    clients.save_card(replace(clients.load_card(4), name="Renamed"))  # not read yet either
    window.hub.announce(Change(clients=frozenset({4})))
    loaded(window, qtbot)
    assert names(window) == ["Client 1", "Client 2", "Client 3", "Late", "Renamed"]
    assert page.list.status.text() == "5 clients"


def test_a_client_opened_before_its_row_is_read_is_selected_when_it_is(
    window: MainWindow, qtbot
) -> None:
    page = window.clients_page
    page.show_client(5)
    assert page.card.card().name == "Client 5"
    loaded(window, qtbot)
    assert page.list.selected_id() == 5
    assert page.card.card().name == "Client 5"


def test_everything_changing_while_it_loads_starts_it_again(window: MainWindow, qtbot) -> None:
    page = window.clients_page
    clients.create_client("Added elsewhere")
    window.hub.announce(Change(everything=True))
    assert names(window) == ["Client 1", "Client 2"]
    assert page.list.status.text() == "Loading clients… 2 of 6"
    loaded(window, qtbot)
    assert len(names(window)) == 6


def test_counts_are_written_as_the_locale_writes_numbers(qtbot) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        panel = ClientListPanel()
        qtbot.addWidget(panel)
        panel.set_expected(2500)
        rows = [ClientRow(n, f"C{n}", "", "", None, "", "", None, f"c{n}", f"c{n}", "")
                for n in range(1200)]  # fmt: skip
        panel.set_rows(rows, dt.date(2026, 11, 27))
        assert panel.status.text() == "Loading clients… 1.200 of 2.500"
        panel.set_expected(None)
        assert panel.status.text() == "1.200 clients"
    finally:
        QLocale.setDefault(before)


def test_pieces_are_sized_to_a_turn_of_the_event_loop() -> None:
    fits = clients_page.next_piece_size
    turn = clients_page.PIECE_SECONDS
    assert fits(4000, turn) == 4000  # as long as a turn: the same again
    assert fits(4000, 2 * turn) == 2000  # twice as long: half
    assert fits(4000, turn / 2) == 8000  # quicker: more, though never above
    assert fits(4000, turn / 100) == 16000  # four times as many at once
    assert fits(4000, 0) == 16000
    assert fits(1000, 50 * turn) == 250  # and never so few that the list crawls
    assert fits(40000, turn / 2) == 50000


def test_the_page_made_ahead_of_time_answers_between_its_steps(window: MainWindow, qtbot) -> None:
    """prepare_clients_page: its modules now, the page in a later turn of the event loop,
    then the list a piece a turn; asked for meanwhile, the page is made at once."""
    window.prepare_clients_page()
    assert CLIENTS not in window._built
    qtbot.waitUntil(lambda: CLIENTS in window._built)
    loaded(window, qtbot)
    assert len(names(window)) == 5
    again = MainWindow(window._opened)
    qtbot.addWidget(again)
    again.prepare_clients_page()
    assert names(again) == ["Client 1", "Client 2"]  # asked for before its turn came
    qtbot.wait(10)
    assert again.clients_page is again._built[CLIENTS]  # made once


def test_a_first_piece_of_deleted_clients_still_shows_the_list(window: MainWindow, qtbot) -> None:
    for client_id in (1, 2, 3):  # the first pieces' ids (two at a time): none left there
        clients.delete_client(client_id)
    page = window.clients_page
    assert names(window) == []
    loaded(window, qtbot)
    assert names(window) == ["Client 4", "Client 5"]
    assert page._pages.currentWidget() is not page.empty_state
