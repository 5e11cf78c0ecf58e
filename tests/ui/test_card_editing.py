"""Edits across a card's sections, saved for real: what one list saves must never be
undone by another list that still holds an unfinished row."""

import pytest

from models import clients
from models.cards import ClientCard, KeyDateData, RelativeData
from models.dates import PartialDate
from ui.changes import Change
from ui.main_window import MainWindow


@pytest.fixture
def page(window: MainWindow):
    card = clients.save_card(
        ClientCard(
            name="Élodie Marchand",
            relatives=(
                RelativeData(
                    "Kid",
                    "child",
                    key_dates=(
                        KeyDateData("name_day", PartialDate(5, 5)),
                        KeyDateData("birthday", PartialDate(1, 3, 2016)),
                        KeyDateData("birthday", PartialDate(1, 4, 2016), note="second"),
                    ),
                ),
                RelativeData("Hugo", "spouse"),
            ),
        )
    )
    window.hub.announce(Change(everything=True))
    window.clients_page.list.select(card.id)
    return window.clients_page


def stored(page) -> ClientCard:
    return clients.load_card(page.card.card().id)


def row_of(model, column: int, text: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, column).data() == text)


def test_a_date_saved_in_one_list_survives_a_save_of_another(page, qtbot) -> None:
    family = page.card.sections["relatives"].model
    dates = page.card.sections["key_dates"].model
    page.card.sections["relatives"].add_row()  # unfinished: no name yet
    name_day = row_of(dates, 1, "Name day")
    with qtbot.waitSignal(page.card.edit_requested):
        dates.setData(dates.index(name_day, 3), "6 June")
    assert stored(page).relatives[0].key_dates[0].date == PartialDate(6, 6)
    new_row = family.rowCount() - 1
    assert family.index(new_row, 0).data() == "(required)"  # still there, unfinished
    with qtbot.waitSignal(page.card.edit_requested):
        family.setData(family.index(new_row, 0), "Zoé")
    card = stored(page)
    assert [r.name for r in card.relatives] == ["Kid", "Hugo", "Zoé"]
    assert card.relatives[0].key_dates[0].date == PartialDate(6, 6)


def test_editing_one_relative_keeps_every_date_of_the_others(page, qtbot) -> None:
    family = page.card.sections["relatives"].model
    hugo = row_of(family, 0, "Hugo")
    with qtbot.waitSignal(page.card.edit_requested):
        family.setData(family.index(hugo, 3), "Sails on Sundays")
    kid = stored(page).relatives[0]
    assert [(k.kind, k.date, k.note) for k in kid.key_dates] == [
        ("name_day", PartialDate(5, 5), ""),
        ("birthday", PartialDate(1, 3, 2016), ""),
        ("birthday", PartialDate(1, 4, 2016), "second"),
    ]


def test_undo_shows_the_stored_values_again(page, qtbot, window: MainWindow) -> None:
    family = page.card.sections["relatives"].model
    hugo = row_of(family, 0, "Hugo")
    with qtbot.waitSignal(page.card.edit_requested):
        family.setData(family.index(hugo, 3), "Sails on Sundays")
    window.undo_action.trigger()
    assert stored(page).relatives[1].notes == ""
    assert family.index(row_of(family, 0, "Hugo"), 3).data() == ""


def test_notes_too_long_are_kept_on_screen_with_the_reason(page) -> None:
    from models.validation import NOTES_MAX

    too_long = ("x" * 79 + "\n") * (NOTES_MAX // 80 + 1)  # lines: a quick layout
    page.card.notes.setPlainText(too_long)
    page.card.notes.commit()
    assert not page.card._notes_problem.isHidden()
    assert "too long" in page.card._notes_problem.text()
    assert stored(page).notes == ""
    assert page.card.notes.toPlainText() == too_long


def test_a_list_refused_by_the_service_says_so_and_keeps_the_rows(page, qtbot) -> None:
    section = page.card.sections["relatives"]
    family = section.model
    hugo = row_of(family, 0, "Hugo")
    family.setData(family.index(hugo, 3), "y" * 10_001)
    assert "too long" in section._problem.text()  # caught by the table before any save
    # A rule only the service knows about (simulated) is reported under the list.
    page.card.show_problem(
        "relatives[1].notes", __import__("models.errors").errors.Problem.TOO_LONG
    )
    assert section._problem.text().startswith("Not saved")


def test_searching_does_not_reload_the_open_card(page, qtbot, monkeypatch) -> None:
    shown = page.card.card()
    loads = []
    monkeypatch.setattr(clients, "load_card", lambda cid: loads.append(cid) or shown)
    qtbot.keyClicks(page.list.search, "elo")
    assert loads == []
    page.list.search.clear()
    qtbot.keyClicks(page.list.search, "zzz")  # hides the client: its card stays open
    assert page.card.card() is shown and page.card.isVisible()
    page.list.search.clear()
    assert page.list.selected_id() == shown.id  # and it is selected again
    assert loads == []


def test_the_undo_button_undoes_unsaved_typing_first(page, qtbot, window: MainWindow) -> None:
    family = page.card.sections["relatives"].model
    with qtbot.waitSignal(page.card.edit_requested):  # something to undo on the stack
        family.setData(family.index(row_of(family, 0, "Hugo"), 3), "Sails")
    company = page.card.header.company.line
    window.activateWindow()
    company.setFocus()
    qtbot.waitUntil(company.hasFocus)
    qtbot.keyClicks(company, "Bistro")
    window.undo_action.trigger()  # a click on the toolbar leaves the focus in the field
    assert company.text() == ""
    assert stored(page).relatives[1].notes == "Sails"  # the saved edit is still there
    window.undo_action.trigger()  # now the field has nothing of its own: the saved edit goes
    assert stored(page).relatives[1].notes == ""


def test_tab_after_editing_a_cell_saves_and_moves_to_the_next_cell(
    page, qtbot, window: MainWindow
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    section = page.card.sections["relatives"]
    table, family = section.table, section.model
    hugo = row_of(family, 0, "Hugo")
    window.activateWindow()
    table.setFocus()
    table.setCurrentIndex(family.index(hugo, 3))
    table.edit(family.index(hugo, 3))
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Sails")
    with qtbot.waitSignal(page.card.edit_requested):
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.wait(50)
    assert stored(page).relatives[1].notes == "Sails"
    assert table.state() == QAbstractItemView.State.EditingState
    assert (table.currentIndex().row(), table.currentIndex().column()) != (hugo, 3)


def test_a_save_that_reorders_the_list_does_not_break_the_cell_editor(
    window: MainWindow, qtbot
) -> None:
    """Changing a preference's category moves its row (the list is grouped by category):
    the table is rebuilt, which must happen after Qt has finished with the cell editor."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QComboBox

    from models.cards import PreferenceData

    card = clients.create_client(
        "Grouped", preferences=(PreferenceData("drink", "Tea"), PreferenceData("food", "Pasta"))
    )
    window.hub.announce(Change(clients=frozenset({card.id}), focus=card.id))
    section = window.clients_page.card.sections["preferences"]
    table, model = section.table, section.model
    window.activateWindow()
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    table.edit(model.index(0, 0))
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("dessert"))
    with qtbot.waitSignal(window.clients_page.card.edit_requested):
        qtbot.keyClick(combo, Qt.Key.Key_Tab)
    qtbot.wait(50)
    assert [p.category for p in clients.load_card(card.id).preferences] == ["dessert", "food"]
    assert [model.index(r, 1).data() for r in range(2)] == ["Pasta", "Tea"]  # food before dessert
