"""The appreciation ledger view: tier lines, the client table (money, over budget, sorting),
who received what, the empty state, the period, and reloading on a change."""

import datetime as dt
from collections.abc import Iterator

import pytest
from playhouse.test_utils import count_queries
from PySide6.QtCore import QLocale, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QStandardItemModel
from PySide6.QtWidgets import QStyleOptionViewItem

from models import clients, courtship, db
from models.cards import ClientCard
from models.courtship import ClientPlan, TierPlan
from models.interactions import InteractionData, log_interaction
from ui import ledger_entries_model as ent
from ui import ledger_table_model as col
from ui import ledger_view
from ui import tier_totals_model as tier
from ui.budget_bar_delegate import BudgetBarDelegate
from ui.changes import Change, ChangeHub
from ui.ledger_view import LedgerView

TODAY = dt.date.today()
RED = QColor("#B3261E")


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture(autouse=True)
def _english_dollars() -> Iterator[None]:
    """Amounts as an American locale writes them, whatever the machine's."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def add(name: str, tier_id: int | None = None) -> int:
    return clients.save_card(ClientCard(name=name, tier_id=tier_id)).id  # type: ignore[return-value]


def give(client_id: int, kind: str, on: dt.date, cents: int | None, summary: str = "") -> None:
    log_interaction(InteractionData(client_id, kind, on, summary=summary, value_cents=cents))


@pytest.fixture
def ids(database: db.OpenedDatabase) -> dict[str, int]:
    """Tier A with a budget of 500.00 a client (Bob has his own 200.00), tier B without
    one, and Dee without a tier."""
    a, b = courtship.save_plan([TierPlan("A", yearly_budget_cents=50_000), TierPlan("B")])
    people = {
        "Ann": add("Ann", a.id),
        "Bob": add("Bob", a.id),
        "Cy": add("Cy", b.id),
        "Dee": add("Dee"),
        "Eve": add("Eve", a.id),
    }
    courtship.save_client_plan(ClientPlan(people["Bob"], yearly_budget_cents=20_000))
    give(people["Ann"], "gift", ago(10), 10_000, "Wine")
    give(people["Ann"], "discount", TODAY, 2_550, "Spring order")
    give(people["Ann"], "meal", ago(30), 12_000, "Dinner at Le Comptoir")
    give(people["Bob"], "outing", ago(60), 25_000, "Opera")
    give(people["Cy"], "gift", ago(100), 8_000)
    give(people["Dee"], "gift", ago(5), 1_500, "Flowers")
    give(people["Dee"], "meal", ago(400), 4_000, "Too long ago")
    give(people["Eve"], "gift", ago(3), None, "A book, no value noted")
    give(people["Eve"], "call", ago(3), 999, "Not appreciation given")
    return people


@pytest.fixture
def hub() -> ChangeHub:
    return ChangeHub()


@pytest.fixture
def view(ids, hub, qtbot) -> LedgerView:
    widget = LedgerView(hub)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget.tier_model.rowCount() > 0)
    return widget


def texts(model, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def client_names(view: LedgerView) -> list[str]:
    model = view.line_model
    return [model.index(r, col.CLIENT).data() for r in range(model.rowCount())]


def line_row(view: LedgerView, name: str) -> int:
    return client_names(view).index(name)


def test_models_pass_the_model_tester(view: LedgerView, qtmodeltester) -> None:
    qtmodeltester.check(view.tier_model)
    qtmodeltester.check(view.line_model)
    qtmodeltester.check(view.entry_model)


def test_one_line_per_tier_with_what_was_given_against_the_budgets(view: LedgerView) -> None:
    model = view.tier_model
    assert [texts(model, r) for r in range(model.rowCount())] == [
        # 3 clients, Ann and Bob received; 495.50 of 500 + 200 + 500: 41%.
        ["A", "3", "2", "$495.50", "$165.17", "$1,200.00", "41%"],
        ["B", "1", "1", "$80.00", "$80.00", "", ""],
        ["No tier", "1", "1", "$15.00", "$15.00", "", ""],
    ]
    assert model.index(0, tier.USED).data(tier.USED_ROLE) == pytest.approx(49_550 / 120_000)
    assert model.index(1, tier.USED).data(tier.USED_ROLE) is None
    assert model.index(0, tier.USED).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "$590.50 given to 4 clients" in view.summary.text()


def test_a_tier_over_its_budget_is_red(view: LedgerView, ids) -> None:
    give(ids["Eve"], "gift", ago(1), 80_000)
    view.reload()
    index = view.tier_model.index(0, tier.USED)
    assert index.data() == "108%"
    assert index.data(Qt.ItemDataRole.ForegroundRole) == RED
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Over budget by $95.50"
    assert view.tier_model.index(1, tier.USED).data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_client_table_shows_money_per_kind_total_budget_and_remaining(
    view: LedgerView,
) -> None:
    model = view.line_model
    assert texts(model, line_row(view, "Ann")) == [
        "Ann",
        "A",
        "$100.00",
        "$25.50",
        "$120.00",
        "",
        "$245.50",
        "$500.00",
        "$254.50",
        "3",
    ]
    # Nothing given yet, but a budget: on the list, with all of it left.
    assert texts(model, line_row(view, "Eve"))[6:] == ["$0.00", "$500.00", "$500.00", "0"]
    # No budget: neither budget nor remaining.
    assert texts(model, line_row(view, "Cy"))[6:] == ["$80.00", "", "", "1"]


def test_a_client_over_budget_has_the_remaining_in_red(view: LedgerView) -> None:
    model = view.line_model
    bob = model.index(line_row(view, "Bob"), col.REMAINING)
    assert bob.data() == "($50.00)"
    assert bob.data(Qt.ItemDataRole.ForegroundRole) == RED
    assert bob.data(Qt.ItemDataRole.ToolTipRole) == "Over budget by $50.00"
    ann = model.index(line_row(view, "Ann"), col.REMAINING)
    assert ann.data(Qt.ItemDataRole.ForegroundRole) is None
    total = model.index(line_row(view, "Bob"), col.TOTAL)
    assert total.data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_clients_come_most_given_first(view: LedgerView) -> None:
    assert client_names(view) == ["Bob", "Ann", "Cy", "Dee", "Eve"]
    header = view.clients.horizontalHeader()
    assert header.sortIndicatorSection() == col.TOTAL
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


@pytest.mark.parametrize(
    ("column", "ascending", "descending"),
    [
        (col.CLIENT, ["Ann", "Bob", "Cy", "Dee", "Eve"], ["Eve", "Dee", "Cy", "Bob", "Ann"]),
        # No tier: last both ways; ties in name order.
        (col.TIER, ["Ann", "Bob", "Eve", "Cy", "Dee"], ["Cy", "Ann", "Bob", "Eve", "Dee"]),
        # Nothing of the kind: last both ways.
        (col.GIFTS, ["Dee", "Cy", "Ann", "Bob", "Eve"], ["Ann", "Cy", "Dee", "Bob", "Eve"]),
        (col.DISCOUNTS, ["Ann", "Bob", "Cy", "Dee", "Eve"], ["Ann", "Bob", "Cy", "Dee", "Eve"]),
        (col.MEALS, ["Ann", "Bob", "Cy", "Dee", "Eve"], ["Ann", "Bob", "Cy", "Dee", "Eve"]),
        (col.OUTINGS, ["Bob", "Ann", "Cy", "Dee", "Eve"], ["Bob", "Ann", "Cy", "Dee", "Eve"]),
        (col.TOTAL, ["Eve", "Dee", "Cy", "Ann", "Bob"], ["Bob", "Ann", "Cy", "Dee", "Eve"]),
        # No budget: last both ways.
        (col.BUDGET, ["Bob", "Ann", "Eve", "Cy", "Dee"], ["Ann", "Eve", "Bob", "Cy", "Dee"]),
        (col.REMAINING, ["Bob", "Ann", "Eve", "Cy", "Dee"], ["Eve", "Ann", "Bob", "Cy", "Dee"]),
        (col.COUNT, ["Eve", "Bob", "Cy", "Dee", "Ann"], ["Ann", "Bob", "Cy", "Dee", "Eve"]),
    ],
)
def test_the_client_table_sorts_by_every_column_with_blanks_last(
    view: LedgerView, qtmodeltester, column: int, ascending: list[str], descending: list[str]
) -> None:
    view.clients.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert client_names(view) == ascending
    view.clients.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert client_names(view) == descending
    qtmodeltester.check(view.line_model)


def entry_rows(view: LedgerView) -> list[list[str]]:
    model = view.entry_model
    return [texts(model, r)[1:] for r in range(model.rowCount())]


def test_everyone_s_entries_newest_first(view: LedgerView) -> None:
    assert entry_rows(view) == [
        ["Ann", "Great-customer discount", "Spring order", "$25.50"],
        ["Dee", "Gift", "Flowers", "$15.00"],
        ["Ann", "Gift", "Wine", "$100.00"],
        ["Ann", "Meal", "Dinner at Le Comptoir", "$120.00"],
        ["Bob", "Outing", "Opera", "$250.00"],
        ["Cy", "Gift", "", "$80.00"],
    ]
    assert view.entries_title.text() == "Who received what"
    assert not view.show_all.isEnabled()


def test_selecting_a_client_shows_what_they_received(view: LedgerView) -> None:
    view.clients.selectRow(line_row(view, "Ann"))
    assert [row[2] for row in entry_rows(view)] == [
        "Spring order",
        "Wine",
        "Dinner at Le Comptoir",
    ]
    assert view.entries_title.text() == "What Ann received: $245.50"
    # A sort keeps the client chosen.
    view.clients.sortByColumn(col.CLIENT, Qt.SortOrder.AscendingOrder)
    assert view.clients.selectionModel().selectedRows()[0].row() == 0
    assert len(entry_rows(view)) == 3
    view.show_all.click()
    assert len(entry_rows(view)) == 6
    assert not view.clients.selectionModel().hasSelection()


def test_the_entries_sort_by_value_and_summary_with_blanks_last(view: LedgerView) -> None:
    view.entries.sortByColumn(ent.VALUE, Qt.SortOrder.AscendingOrder)
    assert [row[3] for row in entry_rows(view)][:2] == ["$15.00", "$25.50"]
    view.entries.sortByColumn(ent.SUMMARY, Qt.SortOrder.DescendingOrder)
    assert [row[2] for row in entry_rows(view)] == [
        "Wine",
        "Spring order",
        "Opera",
        "Flowers",
        "Dinner at Le Comptoir",
        "",
    ]


def test_enter_or_a_double_click_opens_the_card(view: LedgerView, ids, qtbot) -> None:
    view.clients.setFocus()
    view.clients.selectRow(line_row(view, "Cy"))
    with qtbot.waitSignal(view.open_client) as opened:
        qtbot.keyClick(view.clients, Qt.Key.Key_Return)
    assert opened.args == [ids["Cy"]]
    view.show_all.click()
    rect = view.entries.visualRect(view.entry_model.index(1, ent.SUMMARY))
    viewport = view.entries.viewport()
    with qtbot.assertNotEmitted(view.open_client):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # selects only
    with qtbot.waitSignal(view.open_client) as opened:
        # The press a real double-click begins with: views only open what was pressed.
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [ids["Dee"]]


def test_a_change_reloads_it_when_shown_and_when_shown_again(
    view: LedgerView, ids, hub: ChangeHub, qtbot
) -> None:
    give(ids["Eve"], "gift", ago(1), 4_000, "Chocolates")
    hub.announce(Change(clients=frozenset({ids["Eve"]})))
    assert texts(view.line_model, line_row(view, "Eve"))[6] == "$40.00"

    view.hide()
    give(ids["Eve"], "meal", ago(1), 6_000)
    hub.announce(Change(clients=frozenset({ids["Eve"]})))
    assert texts(view.line_model, line_row(view, "Eve"))[6] == "$40.00"  # not while hidden
    view.show()
    qtbot.waitUntil(lambda: texts(view.line_model, line_row(view, "Eve"))[6] == "$100.00")


def test_a_reload_keeps_the_chosen_client(view: LedgerView, ids, hub: ChangeHub) -> None:
    view.select_client(ids["Cy"])
    give(ids["Cy"], "meal", ago(2), 1_000)
    hub.announce(Change(clients=frozenset({ids["Cy"]})))
    assert view.selected_client() == ids["Cy"]
    assert len(entry_rows(view)) == 2


def test_the_period_can_be_a_calendar_year(view: LedgerView, ids) -> None:
    give(ids["Cy"], "gift", dt.date(TODAY.year - 1, 1, 1), 700, "New Year last year")
    give(ids["Cy"], "gift", dt.date(TODAY.year - 1, 12, 31), 300, "New Year's Eve")
    view.period.setCurrentIndex(view.period.findData(ledger_view.LAST_YEAR))
    assert {row[2] for row in entry_rows(view)} >= {"New Year last year", "New Year's Eve"}
    model = view.entry_model
    dates = [model.index(r, ent.DATE).data() for r in range(model.rowCount())]
    assert all(d.endswith(str(TODAY.year - 1)) for d in dates)
    assert view.summary.text().startswith(f"1 Jan {TODAY.year - 1} to 31 Dec {TODAY.year - 1}")
    view.period.setCurrentIndex(view.period.findData(ledger_view.THIS_YEAR))
    assert "New Year's Eve" not in {row[2] for row in entry_rows(view)}
    assert view.summary.text().startswith(f"1 Jan {TODAY.year} to ")


@pytest.mark.parametrize(
    ("choice", "today", "expected"),
    [
        (ledger_view.LAST_12_MONTHS, dt.date(2026, 11, 27), (dt.date(2025, 11, 28), None)),
        (ledger_view.THIS_YEAR, dt.date(2026, 11, 27), (dt.date(2026, 1, 1), None)),
        (
            ledger_view.LAST_YEAR,
            dt.date(2026, 11, 27),
            (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ),
    ],
)
def test_periods(choice: str, today: dt.date, expected) -> None:
    start, end = ledger_view.period(choice, today)
    assert (start, end) == (expected[0], expected[1] or today)


def test_nothing_given_says_how_to_record_a_gift(database, hub, qtbot) -> None:
    ann = add("Ann")
    give(ann, "gift", ago(3), None, "No value")
    view = LedgerView(hub)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(view.is_empty)
    assert "Ctrl+L" in view.empty_text.text()
    give(ann, "gift", ago(2), 2_000)
    hub.announce(Change(clients=frozenset({ann})))
    assert not view.is_empty()
    model = view.tier_model
    assert texts(model, model.rowCount() - 1)[:4] == ["No tier", "1", "1", "$20.00"]


def test_a_long_name_does_not_widen_the_view(view: LedgerView, ids, hub: ChangeHub) -> None:
    name = "Maximilian Alexander von Hohenzollern-Sigmaringen " * 3
    card = clients.load_card(ids["Cy"])
    clients.save_card(ClientCard(**{**card.__dict__, "name": name[:120]}))
    hub.announce(Change(clients=frozenset({ids["Cy"]})))
    view.select_client(ids["Cy"])
    assert view.minimumSizeHint().width() < 700
    assert (
        view.line_model.index(line_row(view, name[:120]), col.CLIENT).data(
            Qt.ItemDataRole.ToolTipRole
        )
        == name[:120]
    )
    view.grab()  # paints every delegate without an error


def test_loading_takes_the_same_few_queries_for_any_number_of_clients(view: LedgerView) -> None:
    with count_queries() as few:
        view.reload()
    for n in range(30):
        give(add(f"Client {n}"), "gift", ago(n), 100 + n)
    with count_queries() as many:
        view.reload()
    assert many.count == few.count


@pytest.mark.parametrize(
    ("share", "red"), [(0.0, False), (0.5, False), (1.0, False), (2.0, True), (float("inf"), True)]
)
def test_the_budget_bar_turns_red_over_budget(view: LedgerView, share: float, red: bool) -> None:
    model = QStandardItemModel(1, 1)
    model.setData(model.index(0, 0), share, tier.USED_ROLE)
    image = QImage(200, 30, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 200, 30)
    option.palette = view.palette()
    painter = QPainter(image)
    try:
        BudgetBarDelegate(tier.USED_ROLE).paint(painter, option, model.index(0, 0))
    finally:
        painter.end()
    # The bar is a slim strip above the bottom edge, filled from the left.
    start, end = image.pixelColor(6, 26), image.pixelColor(193, 26)
    assert (start == RED) is red
    assert (end == RED) is red
    assert start != QColor("white")
    assert (start == end) is (share == 0 or share >= 1)  # empty, or full
