import datetime as dt

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
    d = EventDialog(DINNER, CHOICES, lambda ids: asked.append(ids) or [BRIEF] if ids else [])
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


def test_save_asks_and_a_refusal_is_shown_in_the_dialog(dialog: EventDialog, qtbot) -> None:
    dialog.title.clear()
    with qtbot.waitSignal(dialog.save_requested) as sent:
        dialog.buttons.accepted.emit()
    assert sent.args[0].title == ""
    dialog.show_problem("title", Problem.REQUIRED)
    assert not dialog.problem.isHidden() and "empty" in dialog.problem.text()
    assert dialog.result() == 0  # still open: nothing is lost


def test_moving_the_start_keeps_the_length(dialog: EventDialog) -> None:
    dialog.starts.setDateTime(dialog.starts.dateTime().addDays(2))
    event = dialog.event
    assert event.ends_at - event.starts_at == dt.timedelta(hours=2, minutes=30)
