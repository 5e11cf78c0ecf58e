"""The client service matrix: a draft of the plan edited with the keyboard and saved at once."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QMessageBox

from models import client_list, clients, courtship, db
from models.courtship import TierPlan
from ui.changes import Change, ChangeHub
from ui.plan_editor import PlanEditor
from ui.plan_table_model import (
    BUDGET,
    FIRST_GESTURE,
    LABEL,
    NAME,
    PlanTableModel,
    column_of,
)


@pytest.fixture
def hub() -> ChangeHub:
    return ChangeHub()


@pytest.fixture
def editor(database: db.OpenedDatabase, hub: ChangeHub, qtbot) -> Iterator[PlanEditor]:
    widget = PlanEditor(hub)
    qtbot.addWidget(widget)
    widget.resize(1100, 500)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


@pytest.fixture
def no_question(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("asked a question")

    monkeypatch.setattr(QMessageBox, "question", fail)


def tiers() -> dict[str, TierPlan]:
    return {t.name: t for t in courtship.plan()}


def go_to(editor: PlanEditor, row: int, column: int) -> None:
    index = editor.model.index(row, column)
    editor.table.setFocus()
    editor.table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def type_into(editor: PlanEditor, qtbot, row: int, column: int, text: str) -> None:
    """Typing over a cell, as a person does: the first key opens the editor."""
    go_to(editor, row, column)
    qtbot.keyClicks(editor.table, text[0])
    qtbot.keyClicks(editor.table.focusWidget(), text[1:])
    qtbot.keyClick(editor.table.focusWidget(), Qt.Key.Key_Return)
    # Qt commits a Return on its next turn of the event loop.
    qtbot.waitUntil(lambda: editor.table.state() != QAbstractItemView.State.EditingState)


def save(editor: PlanEditor, hub: ChangeHub, qtbot) -> None:
    with qtbot.waitSignal(hub.changed, check_params_cb=lambda c: c == Change(plan=True)):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)


def test_the_model_passes_the_model_tester(database, qtmodeltester) -> None:
    model = PlanTableModel()
    model.set_plan(courtship.plan())
    qtmodeltester.check(model)
    model.add_tier(TierPlan("D", rules={"gift": 365}))
    model.move_tier(3, 0)
    qtmodeltester.check(model)


def test_it_shows_the_stored_plan_readably(editor: PlanEditor) -> None:
    model = editor.model
    assert [model.index(r, NAME).data() for r in range(model.rowCount())] == ["A", "B", "C"]
    assert model.index(0, column_of("keep_in_touch")).data() == "every 3 weeks"
    assert model.index(0, column_of("thank_you_meal")).data() == "every 3 months"
    assert model.index(1, column_of("keep_in_touch")).data() == "every 45 days"
    assert model.index(2, column_of("gift")).data() == ""
    assert model.headerData(FIRST_GESTURE, Qt.Orientation.Horizontal) == "Keep in touch"


def test_an_interval_typed_and_saved_changes_the_plan(
    editor: PlanEditor, hub: ChangeHub, qtbot
) -> None:
    assert not editor.save_button.isEnabled()
    type_into(editor, qtbot, 0, column_of("outing"), "120")
    assert editor.model.index(0, column_of("outing")).data() == "every 4 months"
    assert tiers()["A"].rules["outing"] == 180  # a draft until saved
    assert editor.save_button.isEnabled()
    save(editor, hub, qtbot)
    assert tiers()["A"].rules["outing"] == 120
    assert not editor.save_button.isEnabled()


def test_a_gesture_a_tier_did_not_have_can_be_given(
    editor: PlanEditor, hub: ChangeHub, qtbot
) -> None:
    type_into(editor, qtbot, 2, column_of("discount"), "365")
    save(editor, hub, qtbot)
    assert tiers()["C"].rules == {"keep_in_touch": 90, "check_in_call": 120, "discount": 365}


def test_delete_blanks_an_interval_and_the_tier_loses_the_gesture(
    editor: PlanEditor, hub: ChangeHub, qtbot
) -> None:
    go_to(editor, 1, column_of("gift"))
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert editor.model.index(1, column_of("gift")).data() == ""
    save(editor, hub, qtbot)
    assert "gift" not in tiers()["B"].rules
    assert tiers()["B"].rules["keep_in_touch"] == 45


def test_a_budget_is_typed_as_a_decimal_and_stored_in_cents(
    editor: PlanEditor, hub: ChangeHub, qtbot
) -> None:
    type_into(editor, qtbot, 2, BUDGET, "75.5")
    save(editor, hub, qtbot)
    assert tiers()["C"].yearly_budget_cents == 7550
    go_to(editor, 2, BUDGET)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    save(editor, hub, qtbot)
    assert tiers()["C"].yearly_budget_cents is None


def test_tiers_are_added_renamed_reordered_and_removed(
    editor: PlanEditor, hub: ChangeHub, qtbot, no_question
) -> None:
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.model.rowCount() == 4
    # The new tier's name is open for typing, with a free name suggested.
    assert editor.table.focusWidget().text() == "D"
    qtbot.keyClicks(editor.table.focusWidget(), "Gold")
    qtbot.keyClick(editor.table.focusWidget(), Qt.Key.Key_Tab)  # on to the description
    assert editor.model.tier(3).name == "Gold"
    qtbot.keyClick(editor.table.focusWidget(), Qt.Key.Key_Escape)
    type_into(editor, qtbot, 3, LABEL, "Our oldest friends")
    type_into(editor, qtbot, 3, column_of("personal_note"), "30")
    go_to(editor, 3, NAME)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert editor.table.currentIndex().row() == 1
    type_into(editor, qtbot, 3, NAME, "Bronze")  # C, renamed
    save(editor, hub, qtbot)
    plan = courtship.plan()
    assert [t.name for t in plan] == ["A", "Gold", "B", "Bronze"]
    assert plan[1].label == "Our oldest friends" and plan[1].rules == {"personal_note": 30}
    assert plan[3].rules["keep_in_touch"] == 90  # the same tier, renamed

    go_to(editor, 1, NAME)  # Gold has no clients: removed without a question
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    save(editor, hub, qtbot)
    assert [t.name for t in courtship.plan()] == ["A", "B", "Bronze"]


def test_removing_a_tier_with_clients_asks_first(
    editor: PlanEditor, hub: ChangeHub, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = tiers()["B"].id
    for name in ("Ana", "Ben"):
        clients.create_client(name, tier_id=b)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def question(parent, title, text, *args):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    go_to(editor, 1, NAME)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert asked and "2 clients are in tier “B”" in asked[0]
    assert editor.model.rowCount() == 3  # cancelled

    answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert [editor.model.tier(r).name for r in range(editor.model.rowCount())] == ["A", "C"]
    assert tiers().keys() == {"A", "B", "C"}  # nothing is removed before Save
    save(editor, hub, qtbot)
    assert tiers().keys() == {"A", "C"}
    assert {c.tier for c in client_list.list_clients(dt.date.today())} == {""}


def test_a_duplicate_name_is_refused_with_a_message_and_nothing_is_saved(
    editor: PlanEditor, hub: ChangeHub, qtbot
) -> None:
    before = courtship.plan()
    type_into(editor, qtbot, 2, column_of("gift"), "200")
    type_into(editor, qtbot, 2, NAME, "a")
    with qtbot.assertNotEmitted(hub.changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.problem.isVisible()
    assert editor.problem.text() == (
        "Not saved. The tier name in row 3: That name is already taken."
    )
    assert editor.table.currentIndex().row() == 2  # pointing at the refused cell
    assert editor.model.index(2, NAME).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert courtship.plan() == before

    type_into(editor, qtbot, 2, NAME, "Silver")  # fixing it clears the message
    assert not editor.problem.isVisible()
    save(editor, hub, qtbot)
    assert tiers()["Silver"].rules["gift"] == 200


def test_a_blank_name_is_refused(editor: PlanEditor, hub: ChangeHub, qtbot) -> None:
    go_to(editor, 0, NAME)
    editor.model.setData(editor.table.currentIndex(), "  ")
    assert editor.model.index(0, NAME).data() == "(required)"
    with qtbot.assertNotEmitted(hub.changed):
        assert not editor.save()
    assert "cannot be empty" in editor.problem.text()
    assert tiers().keys() == {"A", "B", "C"}


def test_revert_forgets_the_draft(editor: PlanEditor, qtbot, no_question) -> None:
    type_into(editor, qtbot, 0, column_of("gift"), "90")
    go_to(editor, 2, NAME)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.revert_button, Qt.MouseButton.LeftButton)
    assert editor.model.plan() == courtship.plan()
    assert not editor.has_unsaved_changes() and not editor.revert_button.isEnabled()


def test_ctrl_s_saves_what_is_being_typed(editor: PlanEditor, hub: ChangeHub, qtbot) -> None:
    go_to(editor, 0, column_of("gift"))
    qtbot.keyClicks(editor.table, "2")
    qtbot.keyClicks(editor.table.focusWidget(), "00")
    with qtbot.waitSignal(hub.changed):
        qtbot.keyClick(
            editor.table.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
    assert tiers()["A"].rules["gift"] == 200


def test_a_plan_saved_elsewhere_shows_unless_there_are_unsaved_edits(
    editor: PlanEditor, hub: ChangeHub, qtbot
) -> None:
    plan = courtship.plan()
    courtship.save_plan([plan[0], plan[1]])
    hub.announce(Change(plan=True))
    assert editor.model.rowCount() == 2
    type_into(editor, qtbot, 0, column_of("gift"), "100")
    courtship.save_plan([plan[0]])
    hub.announce(Change(plan=True))
    assert editor.model.rowCount() == 2  # what was typed stays
    assert editor.model.tier(0).rules["gift"] == 100


def test_read_only_shows_the_plan_without_editing(database, hub: ChangeHub, qtbot) -> None:
    editor = PlanEditor(hub, read_only=True)
    qtbot.addWidget(editor)
    editor.show()
    index = editor.model.index(0, column_of("gift"))
    assert not editor.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not editor.save_button.isVisibleTo(editor)
    assert not editor.add_button.isVisibleTo(editor)
    go_to(editor, 0, column_of("gift"))
    qtbot.keyClicks(editor.table, "5")
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert index.data() == "every year"
    assert not editor.has_unsaved_changes()


def test_budgets_follow_the_currency_setting(editor: PlanEditor, hub: ChangeHub) -> None:
    from models import settings

    plan = courtship.plan()
    courtship.save_plan([replace(plan[0], yearly_budget_cents=50_000), *plan[1:]])
    settings.set_value(settings.CURRENCY, "CHF")
    hub.announce(Change(everything=True))  # as the settings dialog does
    assert "CHF" in editor.model.headerData(BUDGET, Qt.Orientation.Horizontal)
    assert "CHF" in editor.model.index(0, BUDGET).data()
    assert "500" in editor.model.index(0, BUDGET).data()


def test_the_client_list_and_card_follow_a_renamed_tier(sample_window, qtbot) -> None:
    page = sample_window.clients_page
    row = next(r for r in client_list.list_clients(dt.date.today()) if r.tier == "A")
    page.show_client(row.id)
    editor = PlanEditor(sample_window.hub)
    qtbot.addWidget(editor)
    editor.show()
    type_into(editor, qtbot, 0, NAME, "Gold")
    save(editor, sample_window.hub, qtbot)
    model = page.list.model
    assert model.index(model.row_of(row.id), 2).data() == "Gold"
    assert page.card.header.tier.currentText() == "Gold · Key clients"
