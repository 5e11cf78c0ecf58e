"""The window driven the way a person uses it, on a real (temporary) database."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from models import client_list, clients
from models.cards import KeyDateData
from models.dates import PartialDate, next_occurrence
from ui import labels
from ui.changes import Change
from ui.main_window import MainWindow


def names_shown(win: MainWindow) -> list[str]:
    model = win.clients_page.list.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_first_run_explains_and_offers_both_ways_to_begin(window: MainWindow, qtbot) -> None:
    page = window.clients_page
    assert page.empty_state.isVisible()
    assert page.empty_state.add_button.isVisible() and page.empty_state.sample_button.isVisible()
    qtbot.mouseClick(page.empty_state.sample_button, Qt.MouseButton.LeftButton)
    assert not page.empty_state.isVisible()
    assert page.list.model.total_count() == client_list.client_count() == 40
    assert not window.sample_action.isEnabled()  # only into an empty database


def test_add_a_client_then_undo_and_redo(window: MainWindow, qtbot) -> None:
    page = window.clients_page
    qtbot.mouseClick(page.empty_state.add_button, Qt.MouseButton.LeftButton)
    name = page.card.header.name.line
    assert page.card.isVisible() and not page.card.header.company.isEnabled()
    name.insert("Zoé Nouvelle")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert names_shown(window) == ["Zoé Nouvelle"]
    assert page.card.card().name == "Zoé Nouvelle"
    assert page.list.selected_id() == page.card.card().id

    window.undo_action.trigger()
    assert client_list.client_count() == 0
    assert page.empty_state.isVisible()
    window.redo_action.trigger()
    assert names_shown(window) == ["Zoé Nouvelle"]
    assert page.card.card().name == "Zoé Nouvelle"


def test_edit_saves_at_once_and_undo_restores(sample_window: MainWindow, qtbot) -> None:
    page = sample_window.clients_page
    target = next(
        r for r in client_list.list_clients(dt.date.today()) if r.name.startswith("María José")
    )
    page.list.select(target.id)
    line = page.card.header.company.line
    line.selectAll()
    line.insert("Bodegas García e Hijas")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert clients.load_card(target.id).company == "Bodegas García e Hijas"
    assert sample_window.undo_stack.undoText() == "Edit company"
    company_cell = page.list.model.index(page.list.model.row_of(target.id), 1)
    assert company_cell.data() == "Bodegas García e Hijas"

    sample_window.undo_action.trigger()
    assert clients.load_card(target.id).company == "Bodegas García"
    assert page.card.header.company.line.text() == "Bodegas García"


def test_delete_asks_nothing_and_undo_brings_the_card_back_whole(
    sample_window: MainWindow, qtbot
) -> None:
    page = sample_window.clients_page
    target = next(
        r for r in client_list.list_clients(dt.date.today()) if r.name.startswith("María José")
    )
    before = clients.load_card(target.id)
    page.list.select(target.id)
    page.list.table.setFocus()
    qtbot.keyClick(page.list.table, Qt.Key.Key_Delete)
    assert target.name not in names_shown(sample_window)
    assert client_list.client_count() == 39
    assert "Deleted María José" in sample_window.statusBar().currentMessage()

    sample_window.undo_action.trigger()
    assert clients.load_card(target.id) == before
    assert page.list.selected_id() == target.id


def test_search_as_you_type_reaches_family_and_tastes(sample_window: MainWindow, qtbot) -> None:
    page = sample_window.clients_page
    sample_window.find_action.trigger()
    assert page.list.search.hasFocus() or QApplication.focusWidget() is page.list.search
    qtbot.keyClicks(page.list.search, "javier")  # María José's husband
    assert names_shown(sample_window) == ["María José García López"]
    page.list.search.clear()
    qtbot.keyClicks(page.list.search, "no such client anywhere")
    assert page.list.no_match.isVisible()
    assert "No client matches" in page.list.no_match.text()


def test_standard_shortcuts_are_bound(window: MainWindow) -> None:
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.redo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)


def test_a_second_window_reads_only_and_says_so(read_only_window: MainWindow, qtbot) -> None:
    page = read_only_window.clients_page
    assert read_only_window.read_only_banner.isVisible()
    for action in (read_only_window.new_action, read_only_window.delete_action,
                   read_only_window.settings_action, page.list.delete_action):  # fmt: skip
        assert not action.isEnabled()
    assert names_shown(read_only_window) == ["Held Elsewhere"]
    client_id = page.list.model.client_id(0)
    page.list.select(client_id)
    name = page.card.header.name.line
    assert name.isReadOnly()
    name.setText("Renamed")
    name.editingFinished.emit()  # what leaving the field would do
    contacts = page.card.sections["contact_points"]
    assert not contacts.model.setData(contacts.model.index(0, 2), "x@example.com")
    page.delete_selected()
    page.new_client()
    assert read_only_window.undo_stack.count() == 0
    assert [r.name for r in client_list.list_clients(dt.date.today())] == ["Held Elsewhere"]


def test_the_feb_29_rule_is_a_preference_and_moves_the_next_date(
    sample_window: MainWindow, qtbot
) -> None:
    from models import settings
    from models.vocab import Feb29Rule
    from ui.settings_dialog import SettingsDialog

    sample_window.settings_action.trigger()
    dialog = sample_window.findChild(SettingsDialog)
    assert dialog is not None and dialog.feb29_rule is Feb29Rule.FEB_28
    dialog._feb29.setCurrentIndex(dialog._feb29.findData(Feb29Rule.MAR_1))
    leap = clients.create_client(
        "Leap Day", key_dates=(KeyDateData("birthday", PartialDate(2, 29, 1980)),)
    )
    sample_window.hub.announce(Change(clients=frozenset({leap.id})))
    model = sample_window.clients_page.list.model
    next_date = model.index(model.row_of(leap.id), 3)
    on_28 = next_occurrence(2, 29, dt.date.today(), Feb29Rule.FEB_28)
    assert next_date.data(Qt.ItemDataRole.ToolTipRole).endswith(labels.date(on_28))
    with qtbot.waitSignal(sample_window.hub.changed):
        dialog.accept()
    assert settings.feb29_rule() is Feb29Rule.MAR_1
    next_date = model.index(model.row_of(leap.id), 3)
    on_1 = next_occurrence(2, 29, dt.date.today(), Feb29Rule.MAR_1)
    assert next_date.data(Qt.ItemDataRole.ToolTipRole).endswith(labels.date(on_1))


def test_ctrl_z_in_a_saved_field_undoes_the_save_not_the_typing(window: MainWindow, qtbot) -> None:
    """Right after a new client is saved the cursor is still in the name field; Ctrl+Z
    there must undo "Add", not wipe the field it was typed in."""
    page = window.clients_page
    page.new_client()
    name = page.card.header.name.line
    name.setFocus()
    qtbot.keyClicks(name, "Zoe Nouvelle")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert client_list.client_count() == 1
    window.activateWindow()
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert client_list.client_count() == 0


def test_ctrl_z_while_typing_undoes_the_typing(sample_window: MainWindow, qtbot) -> None:
    page = sample_window.clients_page
    page.list.select(page.list.model.client_id(0))
    company = page.card.header.company.line
    company.setFocus()
    before = company.text()
    company.end(False)
    qtbot.keyClicks(company, " and Sons")
    qtbot.keyClick(company, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert company.text() == before
    assert sample_window.undo_stack.count() == 0
