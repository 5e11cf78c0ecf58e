"""Planning from the window: the meal planner, saving, undo, done."""

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from models import clients, events
from models.cards import ClientCard, PreferenceData, RelativeData
from models.entities import Interaction
from ui.event_dialog import EventDialog
from ui.main_window import MainWindow


def open_dialog() -> EventDialog:
    [dialog] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, EventDialog) and w.isVisible()
    ]
    return dialog


@pytest.fixture
def majo(window: MainWindow) -> ClientCard:
    return clients.save_card(
        ClientCard(
            name="María José García López",
            nickname="Majo",
            relatives=(RelativeData("Javier", "spouse"), RelativeData("Lucía", "child")),
            preferences=(
                PreferenceData("restaurant", "Yayo Daporta"),
                PreferenceData("allergy", "Kiwi"),
            ),
        )
    )


def test_plan_a_thank_you_meal_from_the_card(window: MainWindow, majo: ClientCard, qtbot) -> None:
    window.clients_page.show_client(majo.id)
    window.clients_page.card.header.plan_meal.click()
    dialog = open_dialog()
    event = dialog.event
    assert event.title == "Thank-you dinner with Majo & Javier"
    assert event.location == "Yayo Daporta"
    assert event.kind == "thank_you_meal" and event.asked_for_nothing
    assert [(a.client_id, a.relative_id) for a in event.attendees] == [
        (majo.id, None),
        (majo.id, majo.relatives[0].id),
    ]
    assert "Allergies: Kiwi" in dialog.briefs_panel.toPlainText()

    dialog.buttons.accepted.emit()
    assert dialog.result() == EventDialog.DialogCode.Accepted
    [stored] = events.events_between(
        dt.date.today(), dt.date.today() + dt.timedelta(days=14), "UTC"
    )
    assert stored.title == "Thank-you dinner with Majo & Javier"
    window.undo_action.trigger()
    assert (
        events.events_between(dt.date.today(), dt.date.today() + dt.timedelta(days=14), "UTC") == []
    )
    window.redo_action.trigger()
    assert (
        len(events.events_between(dt.date.today(), dt.date.today() + dt.timedelta(days=14), "UTC"))
        == 1
    )


def test_a_refused_event_keeps_the_dialog_open(window: MainWindow, qtbot) -> None:
    window.events.plan_on(dt.date.today())
    dialog = open_dialog()
    dialog.title.clear()
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and not dialog.problem.isHidden()
    assert events.events_between(dt.date.today(), dt.date.today(), "UTC") == []
    dialog.reject()


def planned_meal(window: MainWindow, majo: ClientCard):
    """Plan the suggested thank-you meal with Majo and save it; its calendar entry."""
    window.events.plan_meal(majo.id)
    open_dialog().buttons.accepted.emit()
    [planned] = events.events_between(
        dt.date.today(), dt.date.today() + dt.timedelta(days=14), "UTC"
    )
    return planned


def test_editing_bumps_the_sequence_and_done_logs_the_meal(
    window: MainWindow, majo: ClientCard, qtbot
) -> None:
    planned = planned_meal(window, majo)
    window.events.edit(planned.event_id)
    dialog = open_dialog()
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    dialog.buttons.accepted.emit()
    done = events.load_event(planned.event_id)
    assert done.sequence == 1 and done.status == "done" and done.uid == planned.uid
    [logged] = Interaction.select().where(Interaction.event == planned.event_id)
    assert (logged.client_id, logged.kind, logged.asked_for_nothing) == (majo.id, "meal", True)
    window.undo_action.trigger()  # back to planned: the logged meal goes too
    assert Interaction.select().where(Interaction.event == planned.event_id).count() == 0
    assert events.load_event(planned.event_id).sequence == 2


def test_delete_from_the_dialog_is_undoable(window: MainWindow, majo: ClientCard) -> None:
    planned = planned_meal(window, majo)
    window.events.edit(planned.event_id)
    dialog = open_dialog()
    dialog.delete_button.click()
    assert (
        events.events_between(dt.date.today(), dt.date.today() + dt.timedelta(days=14), "UTC") == []
    )
    window.undo_action.trigger()
    assert events.load_event(planned.event_id).uid == planned.uid


def test_an_invitation_is_saved_for_the_guests_with_an_email(
    window: MainWindow, majo: ClientCard, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from models import settings
    from models.cards import ContactPointData
    from ui import files

    target = tmp_path / "dinner.ics"
    asked, shown = [], []
    monkeypatch.setattr(files, "ask_save_path", lambda *args: asked.append(args[2]) or target)
    monkeypatch.setattr(files, "reveal", shown.append)
    clients.save_card(
        replace(
            clients.load_card(majo.id),
            contact_points=(ContactPointData("email", "majo@example.com"),),
        )
    )
    meal = planned_meal(window, majo)
    window.events.edit(meal.event_id)
    dialog = open_dialog()
    assert dialog.invitation_button is not None
    dialog.invitation_button.click()
    assert "Preferences" in dialog.problem.text() and asked == []  # who is it from?

    settings.set_values({settings.OWNER_NAME: "Ana", settings.OWNER_EMAIL: "ana@example.com"})
    dialog.title.setText("Changed, not saved")
    dialog.invitation_button.click()
    assert "Save your changes first" in dialog.problem.text() and asked == []

    dialog.title.setText(meal.title)
    dialog.invitation_button.click()
    assert asked == [f"{meal.title}.ics"]
    text = target.read_bytes().decode().replace("\r\n ", "")
    assert "METHOD:REQUEST" in text and "mailto:majo@example.com" in text
    assert "ORGANIZER;CN=Ana:mailto:ana@example.com" in text
    assert shown == [target]
    assert "attach it to an email to María José García López" in dialog.problem.text()
    assert dialog.problem.objectName() != "problem"
    assert not list(tmp_path.glob(".*.part"))


def test_the_owner_email_is_checked_before_it_is_kept(window: MainWindow, qtbot) -> None:
    from models import settings
    from ui.settings_dialog import SettingsDialog

    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    dialog._owner_name.setText("Ana Planner")
    dialog._owner_email.setText("ana at example")
    dialog.findChild(QDialogButtonBox).accepted.emit()
    assert dialog.isVisible() and "email" in dialog._problem.text()
    assert settings.owner() == ("", "")
    dialog._owner_email.setText("ana@example.com")
    with qtbot.waitSignal(window.hub.changed):
        dialog.findChild(QDialogButtonBox).accepted.emit()
    assert settings.owner() == ("Ana Planner", "ana@example.com")
