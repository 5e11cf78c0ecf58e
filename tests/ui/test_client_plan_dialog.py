"""One client's own courtship terms, from the card's Courtship… button to the undo stack."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from models import client_list, courtship
from models.courtship import ClientPlan, TierPlan
from ui.client_plan_dialog import ClientPlanDialog
from ui.main_window import MainWindow

TODAY = dt.date(2025, 3, 10)
GOLD = TierPlan("A", "Key clients", 3, 50_000, {"keep_in_touch": 21, "gift": 365}, id=1)


def plain_client_in_tier_a(window: MainWindow) -> int:
    """A sample client of tier A with no terms of their own yet."""
    for row in client_list.list_clients(dt.date.today()):
        if row.tier == "A" and courtship.client_plan(row.id) == ClientPlan(row.id):
            return row.id
    raise AssertionError("no such sample client")


def ok(dialog: ClientPlanDialog, qtbot) -> None:
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def dialog(qtbot) -> ClientPlanDialog:
    terms = ClientPlan(7, {"gift": 180, "outing": 90}, None, None)
    widget = ClientPlanDialog("Ana Ruiz", terms, GOLD, TODAY, "EUR")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_each_gesture_says_what_the_tier_does(dialog: ClientPlanDialog) -> None:
    assert dialog.rows["keep_in_touch"].as_tier.text() == "As the tier: every 3 weeks"
    assert dialog.rows["keep_in_touch"].as_tier.isChecked()
    assert not dialog.rows["keep_in_touch"].days.isEnabled()
    assert dialog.rows["thank_you_meal"].as_tier.text() == "As the tier: not in its plan"
    assert dialog.rows["gift"].own.isChecked() and dialog.rows["gift"].days.value() == 180
    assert "500.00" in dialog.budget.placeholderText()
    assert dialog.terms == dialog.before  # nothing changed yet


def test_the_terms_follow_the_choices(dialog: ClientPlanDialog, qtbot) -> None:
    dialog.rows["gift"].as_tier.click()  # back to the tier's yearly gift
    dialog.rows["keep_in_touch"].own.click()
    assert dialog.rows["keep_in_touch"].days.value() == 21  # starts from the tier's
    dialog.rows["keep_in_touch"].days.setValue(10)
    qtbot.mouseClick(dialog.quick_buttons["month"], Qt.MouseButton.LeftButton)
    dialog.budget.setText("1250.5")
    assert dialog.terms == ClientPlan(
        7, {"keep_in_touch": 10, "outing": 90}, dt.date(2025, 4, 10), 125_050
    )
    qtbot.mouseClick(dialog.quick_buttons["clear"], Qt.MouseButton.LeftButton)
    dialog.budget.clear()
    assert dialog.terms.snoozed_until is None and dialog.terms.yearly_budget_cents is None


@pytest.mark.parametrize(("key", "days"), [("week", 7), ("2weeks", 14), ("month", 31)])
def test_quick_snoozes_count_from_today(dialog: ClientPlanDialog, qtbot, key, days) -> None:
    qtbot.mouseClick(dialog.quick_buttons[key], Qt.MouseButton.LeftButton)
    assert dialog.snoozed.isChecked()
    assert dialog.terms.snoozed_until == TODAY + dt.timedelta(days=days)


def test_a_budget_that_is_no_amount_is_refused(dialog: ClientPlanDialog, qtbot) -> None:
    dialog.budget.setText("12..5")
    ok(dialog, qtbot)
    assert dialog.problem.isVisible() and "Yearly budget" in dialog.problem.text()
    assert dialog.result() != ClientPlanDialog.DialogCode.Accepted
    dialog.budget.setText("12.5")
    ok(dialog, qtbot)
    assert dialog.result() == ClientPlanDialog.DialogCode.Accepted


def test_a_client_without_a_tier_can_only_have_their_own(qtbot) -> None:
    widget = ClientPlanDialog("Ana Ruiz", ClientPlan(7), None, TODAY)
    qtbot.addWidget(widget)
    assert widget.rows["gift"].as_tier.text() == "Not planned"
    assert widget.budget.placeholderText() == "none"


def test_the_card_opens_the_dialog_and_ok_saves_undoably(sample_window: MainWindow, qtbot) -> None:
    client_id = plain_client_in_tier_a(sample_window)
    before = courtship.client_plan(client_id)
    page = sample_window.clients_page
    page.show_client(client_id)
    qtbot.mouseClick(page.card.header.courtship, Qt.MouseButton.LeftButton)
    dialog = sample_window.findChild(ClientPlanDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.rows["gift"].own.click()
    dialog.rows["gift"].days.setValue(200)
    qtbot.mouseClick(dialog.quick_buttons["2weeks"], Qt.MouseButton.LeftButton)
    dialog.budget.setText("120.50")
    with qtbot.waitSignal(
        sample_window.hub.changed, check_params_cb=lambda c: c.clients == {client_id}
    ):
        ok(dialog, qtbot)
    after = ClientPlan(client_id, {"gift": 200}, dt.date.today() + dt.timedelta(days=14), 12_050)
    assert courtship.client_plan(client_id) == after
    assert page.card.card().name in sample_window.undo_stack.undoText()

    with qtbot.waitSignal(sample_window.hub.changed):
        sample_window.undo_stack.undo()
    assert courtship.client_plan(client_id) == before
    with qtbot.waitSignal(sample_window.hub.changed):
        sample_window.undo_stack.redo()
    assert courtship.client_plan(client_id) == after


def test_cancel_and_an_unchanged_ok_write_nothing(sample_window: MainWindow, qtbot) -> None:
    client_id = plain_client_in_tier_a(sample_window)
    sample_window.edit_client_plan(client_id)
    dialog = sample_window.findChild(ClientPlanDialog)
    dialog.snooze_date.setDate(QDate(2030, 1, 1))
    dialog.snoozed.setChecked(True)
    dialog.reject()
    sample_window.edit_client_plan(client_id)
    [dialog] = [d for d in sample_window.findChildren(ClientPlanDialog) if d.isVisible()]
    ok(dialog, qtbot)
    assert sample_window.undo_stack.count() == 0
    assert courtship.client_plan(client_id) == ClientPlan(client_id)


def test_a_read_only_window_offers_no_courtship_edit(read_only_window: MainWindow) -> None:
    page = read_only_window.clients_page
    page.show_client(client_list.list_clients(dt.date.today())[0].id)
    assert not page.card.header.courtship.isEnabled()
