"""The courtship programme in the window: logging a contact from anywhere (Ctrl+L), the
card's history and what needs attention, the due list and its actions, the dashboard's
overdue lines, and the offer to celebrate a dream come true."""

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from models import clients, courtship, interactions
from models.cards import AspirationData, ClientCard, PreferenceData, PromiseData
from models.courtship import TierPlan
from models.entities import Client
from ui.changes import Change
from ui.interaction_dialog import InteractionDialog
from ui.main_window import MainWindow
from ui.timeline_model import TimelineModel

TODAY = dt.date.today()


def add_client(name: str, *, tier: str | None = "A", added_days_ago: int = 0, **fields) -> int:
    tier_ids = {t.name: t.id for t in clients.tiers()}
    card = clients.save_card(ClientCard(name=name, tier_id=tier_ids.get(tier or ""), **fields))
    created = dt.datetime.combine(TODAY - dt.timedelta(days=added_days_ago), dt.time(9))
    Client.update(created_at=created).where(Client.id == card.id).execute()
    return card.id  # type: ignore[return-value]


def open_dialog(window: MainWindow) -> InteractionDialog:
    window.log_action.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, InteractionDialog)]
    visible = [d for d in dialogs if d.isVisible()]
    assert len(visible) == 1
    return visible[0]


def test_ctrl_l_logs_for_a_client_typed_in_and_undo_removes_it(window: MainWindow) -> None:
    ann = add_client("Ann Lee")
    add_client("Bob Marsh")
    window.hub.announce(Change(everything=True))
    window._show_page(window.dashboard_page)
    assert window.log_action.shortcut().toString() == "Ctrl+L"
    dialog = open_dialog(window)
    assert dialog.client.isVisible()
    dialog.client.setText("nobody")
    dialog._on_save()
    assert dialog.isVisible() and "nobody" in dialog.problem.text()
    dialog.client.setText("ann")  # part of the name, any case
    dialog.kind.setCurrentIndex(dialog.kind.findData("gift"))
    assert dialog.value.isVisible()
    dialog.value.setValue(45.5)
    dialog.summary.setText("A bottle of Albariño")
    dialog.tones["positive"].setChecked(True)
    dialog._on_save()
    assert not dialog.isVisible()
    [entry] = interactions.timeline(ann)
    assert (entry.kind, entry.value_cents, entry.tone) == ("gift", 4550, "positive")
    assert entry.summary == "A bottle of Albariño"

    window.undo_action.trigger()
    assert interactions.timeline(ann) == []
    window.redo_action.trigger()
    assert interactions.timeline(ann) == [entry]


def test_a_call_carries_no_value(window: MainWindow) -> None:
    ann = add_client("Ann Lee")
    window.clients_page.show_client(ann)
    window._show_page(window.clients_page)
    dialog = open_dialog(window)
    assert not dialog.client.isVisible() and dialog.client_fixed.text() == "Ann Lee"
    dialog.kind.setCurrentIndex(dialog.kind.findData("gift"))
    dialog.value.setValue(10)
    dialog.kind.setCurrentIndex(dialog.kind.findData("call"))
    assert not dialog.value.isVisible()
    dialog._on_save()
    assert interactions.timeline(ann)[0].value_cents is None


def test_the_card_shows_its_history_and_edits_it(window: MainWindow, monkeypatch) -> None:
    ann = add_client("Ann Lee")
    interactions.log_interaction(
        interactions.InteractionData(ann, "meal", TODAY - dt.timedelta(days=3), "Lunch", "positive")
    )
    interactions.log_interaction(
        interactions.InteractionData(ann, "call", TODAY - dt.timedelta(days=40), tone="negative")
    )
    window.clients_page.show_client(ann)
    history = window.clients_page.card.history
    assert history.model.rowCount() == 2
    assert history.model.index(0, 2).data() == "Lunch"  # newest first
    assert "1 went well, 1 went badly" in history.summary.text()

    history.table.selectRow(1)
    history.remove_button.click()
    assert [e.kind for e in interactions.timeline(ann)] == ["meal"]
    assert history.model.rowCount() == 1
    window.undo_action.trigger()
    assert history.model.rowCount() == 2

    history.table.selectRow(0)
    history._on_activated(history.model.index(0, 0))
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, InteractionDialog) and w.isVisible()
    )
    dialog.summary.setText("Lunch at the harbour")
    dialog._on_save()
    assert interactions.timeline(ann)[0].summary == "Lunch at the harbour"


def test_the_card_empty_history_says_how_to_begin(window: MainWindow) -> None:
    ann = add_client("Ann Lee")
    window.clients_page.show_client(ann)
    history = window.clients_page.card.history
    assert history.empty.isVisible() and not history.table.isVisible()
    assert "Ctrl+L" in history.empty.text()


def test_attention_shows_late_promises_and_due_gestures_and_logs_from_them(
    window: MainWindow,
) -> None:
    ann = add_client(
        "Ann Lee",
        added_days_ago=400,
        promises=(
            PromiseData("Send the article", TODAY - dt.timedelta(days=2)),
            PromiseData("Introduce her to Bob", TODAY + dt.timedelta(days=3)),
        ),
    )
    window.clients_page.show_client(ann)
    attention = window.clients_page.card.attention
    assert attention.isVisible()
    text = attention.due.text()
    assert "Send the article" in text and "Introduce her to Bob" in text
    assert "Keep in touch: overdue by" in text
    logged = []
    window.clients_page.card.log_requested.connect(lambda cid, kind: logged.append((cid, kind)))
    attention._on_link_activated("log:meal")
    assert logged == [(ann, "meal")]


def test_confirming_a_stale_taste_is_one_click_and_undoable(window: MainWindow) -> None:
    ann = add_client("Ann Lee", tier=None)
    card = clients.load_card(ann)
    old = TODAY - dt.timedelta(days=800)
    card = clients.restore_card(
        replace(
            card,
            preferences=(
                PreferenceData("drink", "Rioja", last_confirmed=old),
                PreferenceData("dessert", "Flan", last_confirmed=TODAY),
            ),
        )
    )
    window.clients_page.show_client(ann)
    attention = window.clients_page.card.attention
    assert "Rioja" in attention.reconfirm.text() and "Flan" not in attention.reconfirm.text()
    stale_id = card.preferences[0].id
    attention._on_link_activated(f"confirm:{stale_id}")
    assert clients.load_card(ann).preferences[0].last_confirmed == TODAY
    assert not attention.isVisible()  # nothing left to confirm or do
    window.undo_action.trigger()
    assert clients.load_card(ann).preferences[0].last_confirmed == old


def test_the_due_view_lists_the_most_pressing_first_and_acts(window: MainWindow) -> None:
    courtship.save_plan(
        [
            TierPlan("A", weight=3, rules={"keep_in_touch": 30}, id=clients.tiers()[0].id),
            TierPlan("B", weight=1, rules={"keep_in_touch": 30}, id=clients.tiers()[1].id),
        ]
    )
    light = add_client("Light B", tier="B", added_days_ago=50)  # 20 days x 1
    heavy = add_client("Heavy A", tier="A", added_days_ago=40)  # 10 days x 3
    window._show_page(window.courtship_page)
    view = window.courtship_page.due
    view.reload()
    names = [view.model.index(r, 1).data() for r in range(view.model.rowCount())]
    assert names == ["Heavy A", "Light B"]
    assert view.model.index(0, 4).data() == "10 days"
    assert view.model.index(0, 4).data(Qt.ItemDataRole.ForegroundRole) is not None

    view.table.selectRow(1)
    asked = []
    view.log_requested.connect(lambda cid, kind: asked.append((cid, kind)))
    view.log_button.click()
    assert asked == [(light, "call")]
    view._on_snooze(30)
    assert courtship.client_plan(light).snoozed_until == TODAY + dt.timedelta(days=30)
    view.reload()
    assert [view.model.index(r, 1).data() for r in range(view.model.rowCount())] == ["Heavy A"]
    window.undo_action.trigger()
    assert courtship.client_plan(light).snoozed_until is None
    assert view.model.rowCount() == 2
    opened = []
    view.open_client.connect(opened.append)
    view.table.selectRow(0)
    view.open_button.click()
    assert opened == [heavy]


def test_the_due_view_says_when_nothing_is_due(window: MainWindow) -> None:
    window._show_page(window.courtship_page)
    view = window.courtship_page.due
    view.reload()
    assert view.empty.isVisible() and view.heading.text() == "Nothing overdue"


def test_the_dashboard_lists_the_overdue_and_links_to_the_rest(window: MainWindow, qtbot) -> None:
    for n in range(10):
        add_client(f"Client {n:02}", added_days_ago=100 + n)
    window._show_page(window.dashboard_page)
    window.dashboard_page.reload()
    # The overdue come in the next turn of the event loop, after the dates.
    qtbot.waitUntil(lambda: "Client 09" in window.dashboard_page.overdue.lines.text())
    text = window.dashboard_page.overdue.lines.text()
    assert "Client 09: keep in touch" in text
    assert "more: see Courtship" in text
    window.dashboard_page.overdue._on_link_activated("courtship:0")
    assert window.pages.currentWidget() is window.courtship_page


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
def test_a_dream_come_true_offers_a_celebration(window: MainWindow, monkeypatch, answer) -> None:
    ann = add_client("Ann Lee", aspirations=(AspirationData("Open a second shop"),))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or answer)
    planned = []
    monkeypatch.setattr(window.events, "_open", planned.append)
    window.clients_page.show_client(ann)
    card = clients.load_card(ann)
    achieved = replace(card.aspirations[0], status="achieved")
    window.clients_page._on_edit_requested(card, replace(card, aspirations=(achieved,)), "Edit")
    assert len(asked) == 1
    if answer == QMessageBox.StandardButton.Yes:
        [event] = planned
        assert event.title == "Celebrate: Open a second shop"
        assert [a.client_id for a in event.attendees] == [ann]
    else:
        assert planned == []


def test_the_timeline_model_is_a_sound_qt_model(qtmodeltester, database) -> None:
    model = TimelineModel()
    ann = add_client("Ann Lee")
    entry = interactions.log_interaction(
        interactions.InteractionData(ann, "discount", TODAY, "10% off", value_cents=1234)
    )
    model.set_entries([entry], "EUR")
    qtmodeltester.check(model)
    assert "12.34" in model.index(0, 4).data()


@pytest.mark.parametrize(
    ("answer", "closes", "interval"),
    [
        (QMessageBox.StandardButton.Save, True, 5),
        (QMessageBox.StandardButton.Discard, True, 21),
        (QMessageBox.StandardButton.Cancel, False, 21),
    ],
)
def test_closing_with_an_unsaved_plan_asks_first(
    window: MainWindow, monkeypatch, answer, closes, interval
) -> None:
    model = window.courtship_page.plan.model
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Keep in touch"
    )
    assert model.setData(model.index(0, column), 5, Qt.ItemDataRole.EditRole)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or answer)
    assert window.close() is closes
    assert len(asked) == 1
    assert courtship.plan()[0].rules["keep_in_touch"] == interval


def test_the_courtship_page_holds_the_due_list_the_plan_and_the_ledger(
    sample_window: MainWindow,
) -> None:
    page = sample_window.courtship_page
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles == ["Due and overdue", "Plan", "Appreciation"]
    sample_window._show_page(page)
    page.tabs.setCurrentWidget(page.ledger)
    opened = []
    page.ledger.open_client.connect(opened.append)
    ann = clients.names()[0][0]
    page.ledger.open_client.emit(ann)
    assert sample_window.pages.currentWidget() is sample_window.clients_page
    assert sample_window.clients_page.card.card().id == ann
