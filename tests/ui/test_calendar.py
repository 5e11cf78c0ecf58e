import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QBoxLayout

from models import clients, events
from models.cards import ClientCard, KeyDateData, RelativeData
from models.dates import PartialDate
from models.events import Attendee, EventData, EventOccurrence
from ui import calendar_items
from ui.agenda_model import AgendaModel
from ui.calendar_page import AGENDA, MONTH, WEEK
from ui.changes import Change
from ui.main_window import MainWindow
from ui.month_view import grid_start
from ui.week_view import _lanes


def test_a_month_grid_starts_on_the_locales_first_day() -> None:
    assert grid_start(dt.date(2026, 11, 15), 1) == dt.date(2026, 10, 26)  # a Monday
    assert grid_start(dt.date(2026, 11, 15), 7) == dt.date(2026, 11, 1)  # a Sunday
    assert grid_start(dt.date(2027, 2, 1), 1) == dt.date(2027, 2, 1)


def _event(start: int, end: int, title: str) -> EventOccurrence:
    day = dt.date(2026, 12, 9)
    return EventOccurrence(
        day, dt.datetime.combine(day, dt.time(start)), dt.datetime.combine(day, dt.time(end)),
        False, "call", title, "planned", "", "", 1, "u",
    )  # fmt: skip


def test_overlapping_events_share_the_day_side_by_side() -> None:
    a, b, c, d = _event(9, 11, "a"), _event(10, 12, "b"), _event(11, 13, "c"), _event(14, 15, "d")
    assert [(e.title, lane, lanes) for e, lane, lanes in _lanes([d, c, b, a])] == [
        ("a", 0, 2),
        ("b", 1, 2),
        ("c", 0, 2),
        ("d", 0, 1),
    ]


@pytest.fixture
def calendar(window: MainWindow):
    # Everything on today itself: the agenda starts today (an earlier day of the month
    # fell outside it); born in leap years, so that 29 February is a date too.
    today = dt.date.today()
    card = clients.save_card(
        ClientCard(
            name="Élodie Marchand",
            key_dates=(KeyDateData("birthday", PartialDate(today.month, today.day, 1980)),),
            relatives=(
                RelativeData(
                    "Léa",
                    "child",
                    key_dates=(KeyDateData("birthday", PartialDate(today.month, today.day, 2016)),),
                ),
            ),
        )
    )
    start = dt.datetime.combine(today, dt.time(19, 30))
    events.create_event(
        EventData(
            "thank_you_meal",
            "Dinner with Élodie",
            start,
            start + dt.timedelta(hours=2),
            attendees=(Attendee(card.id),),
        )
    )
    window.nav.setCurrentRow(window.pages.indexOf(window.calendar_page))
    page = window.calendar_page
    page.go_today()
    return page, card


def test_the_month_shows_key_dates_and_events_and_opens_them(calendar, qtbot) -> None:
    page, card = calendar
    day = dt.date.today()
    items = page.month._days[day].items
    assert [type(i).__name__ for i in items] == ["EventOccurrence", "Occurrence", "Occurrence"]
    page.month.repaint()
    rect, _item = next(
        (r, i) for r, i in page.month._hits if getattr(i, "relative_name", None) == "Léa"
    )
    with qtbot.waitSignal(page.open_client) as opened:
        qtbot.mouseClick(page.month, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [card.id]


def test_a_crowded_day_says_how_many_more_and_opens_the_whole_day(calendar, qtbot) -> None:
    page, _card = calendar
    day = dt.date.today()
    clients.save_card(
        ClientCard(
            name="Crowd",
            relatives=tuple(
                RelativeData(
                    f"Guest {n}",
                    "friend",
                    key_dates=(KeyDateData("birthday", PartialDate(day.month, day.day)),),
                )
                for n in range(12)
            ),
        )
    )
    page._hub.announce(Change(everything=True))  # as every write in the window does
    page.month.repaint()
    more = [r for r, target in page.month._hits if type(target).__name__ == "_More"]
    assert more, "a day with 15 items cannot show them all"
    with qtbot.waitSignal(page.month.day_requested):
        qtbot.mouseClick(page.month, Qt.MouseButton.LeftButton, pos=more[0].center())
    assert page.stack.currentIndex() == AGENDA
    assert page.agenda_model.rowCount() == 15


def test_double_click_plans_on_that_day(calendar, qtbot) -> None:
    page, _ = calendar
    first = page.month.first_day()
    cell = page.month._cells()[20]
    with qtbot.waitSignal(page.plan_on) as planned:
        qtbot.mouseDClick(
            page.month, Qt.MouseButton.LeftButton, pos=QPoint(cell.right() - 5, cell.bottom() - 5)
        )
    assert planned.args == [first + dt.timedelta(days=20)]


def test_previous_next_and_the_three_views(calendar, qtmodeltester) -> None:
    page, _ = calendar
    first, _ = page.range()
    page.step(1)
    assert page.range()[0] > first
    page.go_today()
    page.set_mode(WEEK)
    week_first, week_last = page.range()
    assert (week_last - week_first).days == 6 and week_first <= dt.date.today() <= week_last
    page.set_mode(AGENDA)
    qtmodeltester.check(page.agenda_model)
    assert page.agenda_model.rowCount() >= 3
    page.set_mode(MONTH)
    assert page.stack.currentIndex() == MONTH


def test_agenda_rows_read_well(qtmodeltester) -> None:
    model = AgendaModel()
    event = _event(19, 21, "Thank-you dinner")._replace(
        location="Casa Solla", attendees="Majo, Javier"
    )
    model.set_items([event], dt.date(2026, 12, 9), dt.date(2026, 12, 1))
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(4)] == [
        "9 Dec 2026 (in 8 days)",
        "19:00–21:00",
        "Thank-you dinner",
        "Casa Solla · Majo, Javier",
    ]


def test_the_next_and_previous_months_are_read_ahead(calendar, qtbot, monkeypatch) -> None:
    page, _ = calendar
    qtbot.waitUntil(lambda: len(page._grids) == 3)  # this month, and one either side
    reads = []
    real = page._grid.__func__

    def counting(self, mode, first, last):
        if (mode, first) not in self._grids:
            reads.append(first)
        return real(self, mode, first, last)

    monkeypatch.setattr(type(page), "_grid", counting)
    page.step(1)
    assert reads == []  # already there: the switch only paints
    page._hub.announce(Change(everything=True))
    assert len(reads) == 1  # a change makes it read again


def test_page_down_moves_to_the_next_month_wherever_the_focus_is(calendar, qtbot, window) -> None:
    page, _ = calendar
    first, _ = page.range()
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_PageDown)
    assert page.range()[0] > first


def test_a_double_click_on_a_day_of_the_next_month_plans_on_that_day(calendar, qtbot) -> None:
    page, _ = calendar
    page.go_today()
    last_index = 7 * 6 - 1
    cell = page.month._cells()[last_index]
    day = page.month.first_day() + dt.timedelta(days=last_index)
    assert day.month != page._anchor.month or day.day > 27  # a day of the next month
    spot = QPoint(cell.right() - 4, cell.bottom() - 4)
    qtbot.mouseClick(page.month, Qt.MouseButton.LeftButton, pos=spot)
    with qtbot.waitSignal(page.plan_on) as planned:
        qtbot.mouseDClick(page.month, Qt.MouseButton.LeftButton, pos=spot)
    assert planned.args == [day]


def test_week_events_open_even_after_scrolling(calendar, qtbot) -> None:
    page, _ = calendar
    page.set_mode(WEEK)
    page.week.scroll.verticalScrollBar().setValue(19 * 44 - 100)  # the dinner is at 19:30
    page.week.grid.repaint()
    dinner = next(
        r for r, item in page.week.grid.hits if getattr(item, "title", "") == "Dinner with Élodie"
    )
    page.week.scroll.verticalScrollBar().setValue(19 * 44 - 120)  # a 20 px scroll
    page.week.grid.repaint()
    assert any(
        getattr(item, "title", "") == "Dinner with Élodie" for _, item in page.week.grid.hits
    )
    with qtbot.waitSignal(page.open_event):
        qtbot.mouseClick(page.week.grid, Qt.MouseButton.LeftButton, pos=dinner.center())


def test_the_selected_day_paints_with_the_focus(calendar, qtbot) -> None:
    page, _ = calendar
    page.month.setFocus()
    qtbot.keyClick(page.month, Qt.Key.Key_Right)
    page.month.repaint()  # an error in painting fails the test (pytest-qt)
    assert page.month._selected == dt.date.today() + dt.timedelta(days=1)


def test_a_narrow_day_says_only_how_many_more(qapp) -> None:
    metrics = QFontMetrics(QFont())
    assert calendar_items.more_text(metrics, 400).format(n=12) == "+12 more"
    narrow = metrics.horizontalAdvance("+999 mo")  # a 640-pixel window's cells
    assert calendar_items.more_text(metrics, narrow).format(n=12) == "+12"


def test_the_smallest_window_shows_the_whole_calendar(calendar, qtbot) -> None:
    """At its minimum size the window's calendar stacks its bar in two rows and its grid
    still fits: nothing drawn over anything else (a 640-pixel window cut the title and
    the legend, and the grid's last week ran under the legend)."""
    page, _ = calendar
    window = page.window()
    window.show()
    window.resize(window.minimumSize())
    qtbot.waitUntil(lambda: page.width() < 600)
    assert page._bar.direction() == QBoxLayout.Direction.TopToBottom
    assert page.title.width() >= page.title.sizeHint().width()  # the title is whole
    grid = page.month.geometry()
    assert grid.height() >= page.month.minimumHeight()
    assert page.childrenRect().bottom() <= page.height()
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: page._bar.direction() == QBoxLayout.Direction.LeftToRight)
