import datetime as dt

from models import clients, events, settings
from models.cards import ClientCard, KeyDateData, PromiseData, RelativeData
from models.dates import PartialDate
from models.events import Attendee, EventData
from ui import dashboard_page
from ui.main_window import MainWindow


def in_days(n: int) -> dt.date:
    return dt.date.today() + dt.timedelta(days=n)


def test_the_week_ahead_opens_on_dates_events_and_promises(window: MainWindow, qtbot) -> None:
    soon, far = in_days(3), in_days(25)
    card = clients.save_card(
        ClientCard(
            name="Élodie Marchand",
            relatives=(
                RelativeData(
                    "Léa",
                    "child",
                    key_dates=(KeyDateData("birthday", PartialDate(soon.month, soon.day, 2016)),),
                ),
                # 25 days ahead, but reminded 30 days ahead: already on the list.
                RelativeData(
                    "Hugo",
                    "spouse",
                    key_dates=(
                        KeyDateData("birthday", PartialDate(far.month, far.day), lead_days=30),
                    ),
                ),
            ),
            promises=(
                PromiseData("Send the article", due=in_days(-2)),
                PromiseData("Introduce her to our printer", due=in_days(5)),
                PromiseData("Next year's idea", due=in_days(60)),
            ),
        )
    )
    start = dt.datetime.combine(in_days(2), dt.time(19, 30))
    events.create_event(
        EventData(
            "thank_you_meal",
            "Dinner with Élodie",
            start,
            start + dt.timedelta(hours=2),
            location="Le Comptoir",
            attendees=(Attendee(card.id),),
        )
    )
    page = window.dashboard_page
    window.nav.setCurrentRow(window.pages.indexOf(page))
    page.reload()
    dates = page.dates.lines.text()
    assert "Léa" in dates and "turns" in dates and "time to find a gift" in dates
    assert "Hugo" in dates
    assert "Dinner with Élodie" in page.events.lines.text()
    promises = page.promises.lines.text()
    assert "Send the article (late since" in promises
    assert "Introduce her to our printer (due in 5 days)" in promises
    assert "Next year" not in promises
    assert "#b3261e" in promises.lower()  # late is red
    with qtbot.waitSignal(page.open_client) as opened:
        page.promises.lines.linkActivated.emit(f"client:{card.id}")
    assert opened.args == [card.id]
    assert window.pages.currentWidget() is window.clients_page  # the link opened the card
    settings.set_value(settings.DASHBOARD_DAYS, 2)
    window.nav.setCurrentRow(window.pages.indexOf(page))  # back: it refreshes as it shows
    qtbot.waitUntil(lambda: "the next 2 days" in page.subheading.text())
    # Three days out is beyond a 2-day horizon, but its 7-day lead time has begun: it stays.
    assert "Léa" in page.dates.lines.text()
    assert "Dinner with Élodie" not in page.events.lines.text()  # in 2 days: beyond
    assert "printer" not in page.promises.lines.text()  # due in 5 days: beyond the horizon


def test_an_empty_week_says_so(window: MainWindow) -> None:
    page = window.dashboard_page
    window.nav.setCurrentRow(window.pages.indexOf(page))
    page.reload()
    assert "No birthday or anniversary" in page.dates.lines.text()
    assert "Nothing planned" in page.events.lines.text()


def test_a_busy_fortnight_shows_the_first_dates_and_sends_to_the_calendar(
    window: MainWindow, qtbot
) -> None:
    """A base of 100k clients has 17,000 dates in a fortnight: the page shows the soonest
    and says how many more the calendar holds (laying them all out froze the window)."""
    shown = dashboard_page.WEEK_SHOWN
    clients.add_cards([
        ClientCard(name=f"Client {n:02}", key_dates=(KeyDateData(
            "birthday", PartialDate(in_days(1 + n // 20).month, in_days(1 + n // 20).day)),))
        for n in range(shown + 5)
    ])  # fmt: skip
    page = window.dashboard_page
    window.nav.setCurrentRow(window.pages.indexOf(page))
    page.reload()
    text = page.dates.lines.text()
    assert text.count("Client ") == shown
    assert "Client 00" in text and f"Client {shown + 4}" not in text  # the soonest first
    assert "and 5 more: see the Calendar" in text
    page.dates.lines.linkActivated.emit("calendar:0")
    assert window.pages.currentWidget() is window.calendar_page


def test_who_is_overdue_is_read_once_for_reloads_asked_together_and_not_when_hidden(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """At 100k clients the read takes half a second, in its own turn of the event loop:
    three reloads in one turn read once, and a page left before its turn reads nothing."""
    from models import courtship

    reads = []
    real = courtship.due_items
    monkeypatch.setattr(courtship, "due_items", lambda *a: reads.append(a) or real(*a))
    page = window.dashboard_page
    window.nav.setCurrentRow(window.pages.indexOf(page))
    qtbot.waitUntil(lambda: len(reads) == 1)  # the reload of the page coming into view
    for _ in range(3):
        page.reload()
    qtbot.wait(50)
    assert len(reads) == 2
    page.reload()
    window.nav.setCurrentRow(window.pages.indexOf(window.clients_page))
    qtbot.wait(50)
    assert len(reads) == 2
