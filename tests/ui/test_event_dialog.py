import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from models.briefs import FamilyMember, TableBrief
from models.errors import Problem
from models.events import Attendee, AttendeeChoice, EventData
from ui.event_dialog import EventDialog

CHOICES = [
    AttendeeChoice(1, None, "María José García", "María José García", ""),
    AttendeeChoice(1, 11, "Javier", "María José García", "spouse"),
    AttendeeChoice(2, None, "Klaus Müller-Brandt", "Klaus Müller-Brandt", ""),
]
BRIEF = TableBrief(
    1, "Majo", ("Albariño",), ("Tarta de Santiago",), (), (), ("Vegetarian",),
    ("Shellfish — severe",), (), (FamilyMember("Javier", "spouse", None),), ("Send the article",),
)  # fmt: skip
DINNER = EventData(
    kind="thank_you_meal",
    title="Thank-you dinner",
    starts_at=dt.datetime(2026, 12, 9, 21, 30),
    ends_at=dt.datetime(2026, 12, 10, 0, 0),
    timezone="Europe/Madrid",
    reminder_minutes=120,
    asked_for_nothing=True,
    attendees=(Attendee(1),),
    id=5,
    uid="u5",
    version=3,
)


@pytest.fixture
def dialog(qtbot) -> EventDialog:
    asked: list[list[int]] = []
    d = EventDialog(
        DINNER, CHOICES, lambda ids: asked.append(ids) or [BRIEF] if ids else [], "Europe/Paris"
    )
    qtbot.addWidget(d)
    d.asked = asked  # type: ignore[attr-defined]
    return d


def test_the_form_describes_the_event_it_was_given(dialog: EventDialog) -> None:
    assert dialog.event == DINNER
    assert dialog.remind_unit.currentData() == "hours" and dialog.remind_amount.value() == 2


def test_all_day_events_end_the_day_after_their_last_day(dialog: EventDialog) -> None:
    dialog.all_day.setChecked(True)
    event = dialog.event
    assert (event.starts_at, event.ends_at) == (dt.datetime(2026, 12, 9), dt.datetime(2026, 12, 11))
    assert event.timezone == "" and not dialog.zone.isEnabled()


def test_reminders_and_no_reminder(dialog: EventDialog) -> None:
    dialog.remind_unit.setCurrentIndex(dialog.remind_unit.findData("days"))
    dialog.remind_amount.setValue(3)
    assert dialog.event.reminder_minutes == 3 * 24 * 60
    dialog.remind.setChecked(False)
    assert dialog.event.reminder_minutes is None


def test_guests_are_found_without_accents_and_bring_their_brief(dialog: EventDialog, qtbot) -> None:
    picker = dialog.attendees
    qtbot.keyClicks(picker.search, "muller")
    assert not picker.results.isHidden()
    assert picker._results_model.stringList() == ["Klaus Müller-Brandt"]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert dialog.event.attendees == (Attendee(1), Attendee(2))
    assert dialog.asked[-1] == [1, 2]
    qtbot.keyClicks(picker.search, "javi")
    assert picker._results_model.stringList() == ["Javier (spouse of María José García)"]


def test_the_brief_warns_about_allergies_and_dietary_needs(dialog: EventDialog) -> None:
    text = dialog.briefs_panel.toPlainText()
    assert "Allergies: Shellfish — severe" in text
    assert "Dietary needs: Vegetarian" in text
    assert "Javier (spouse)" in text
    assert "color:#b3261e" in dialog.briefs_panel.toHtml().lower()


def test_a_refusal_is_worded_under_the_form_and_what_was_typed_stays(
    dialog: EventDialog, qtbot
) -> None:
    dialog.location.setText("Casa Solla")
    dialog.ends.setDateTime(dialog.starts.dateTime().addSecs(-3600))
    with qtbot.waitSignal(dialog.save_requested) as sent:
        dialog.buttons.accepted.emit()
    dialog.show_problem("ends_at", Problem.OUT_OF_RANGE)  # what the editor does on a refusal
    assert "must end after it starts" in dialog.problem.text()
    assert dialog.event == sent.args[0] and dialog.event.location == "Casa Solla"


@pytest.mark.parametrize("hours", [2, -3])
def test_moving_the_start_keeps_the_length(dialog: EventDialog, hours: int) -> None:
    dialog.starts.setDateTime(dialog.starts.dateTime().addSecs(hours * 3600))
    event = dialog.event
    assert event.starts_at == DINNER.starts_at + dt.timedelta(hours=hours)
    assert event.ends_at - event.starts_at == dt.timedelta(hours=2, minutes=30)


def test_all_day_and_back_keeps_the_times_and_the_zone(dialog: EventDialog) -> None:
    dialog.all_day.setChecked(True)
    dialog.all_day.setChecked(False)
    event = dialog.event
    assert (event.starts_at, event.ends_at, event.timezone) == (
        DINNER.starts_at,
        DINNER.ends_at,
        "Europe/Madrid",
    )


def test_an_all_day_event_made_timed_gets_the_computers_zone(qtbot) -> None:
    outing = replace(
        DINNER,
        all_day=True,
        timezone="",
        starts_at=dt.datetime(2026, 12, 9),
        ends_at=dt.datetime(2026, 12, 10),
    )
    d = EventDialog(outing, CHOICES, lambda ids: [], "Europe/Paris")
    qtbot.addWidget(d)
    d.all_day.setChecked(False)
    assert d.event.timezone == "Europe/Paris"
    assert d.event.starts_at == dt.datetime(2026, 12, 9, 19, 0)


def test_a_guest_who_is_no_longer_a_client_is_kept(qtbot) -> None:
    with_gone = replace(DINNER, attendees=(Attendee(1), Attendee(99)))
    d = EventDialog(with_gone, CHOICES, lambda ids: [], "Europe/Paris")
    qtbot.addWidget(d)
    assert d.event.attendees == (Attendee(1), Attendee(99))
    assert "deleted" in d.attendees.chosen.item(1).text()


def test_long_reminders_are_not_cut(dialog: EventDialog) -> None:
    dialog.remind_unit.setCurrentIndex(dialog.remind_unit.findData("minutes"))
    dialog.remind_amount.setValue(1001)
    assert dialog.event.reminder_minutes == 1001


def test_read_only_offers_no_save(dialog: EventDialog) -> None:
    dialog.set_read_only(True)
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    assert not dialog.delete_button.isEnabled()
