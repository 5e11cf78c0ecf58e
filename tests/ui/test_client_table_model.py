import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from models.client_list import ClientRow
from models.search import fold
from ui import client_table_model as col
from ui.client_table_model import ClientTableModel

TODAY = dt.date(2026, 11, 27)


def row(id_: int, name: str, company: str = "", tier: str = "", nxt=None, last=None) -> ClientRow:
    return ClientRow(
        id_,
        name,
        company,
        tier,
        nxt,
        "birthday" if nxt else "",
        "",
        last,
        fold(f"{name} {company}"),
        fold(name),
        fold(company),
    )


ROWS = [
    row(1, "Élodie Marchand", "Bistro Lumière", "A", dt.date(2027, 2, 28), dt.date(2026, 11, 1)),
    row(2, "Дмитрий Иванов", "", "B", None, dt.date(2026, 6, 1)),
    row(3, "anna Roy", "Atelier Roy", "", dt.date(2026, 12, 1), None),
    row(4, "王秀英", "Jade Tea", "C", dt.date(2026, 11, 28), dt.date(2026, 11, 20)),
]


@pytest.fixture
def model(qtmodeltester) -> ClientTableModel:
    m = ClientTableModel()
    m.set_rows(ROWS, TODAY)
    qtmodeltester.check(m)
    return m


def names(m: ClientTableModel) -> list[str]:
    return [m.index(r, col.NAME).data() for r in range(m.rowCount())]


def test_shows_name_company_tier_next_date_and_last_contact(model: ClientTableModel) -> None:
    r = model.row_of(1)
    texts = [model.index(r, c).data() for c in range(model.columnCount())]
    assert texts[:3] == ["Élodie Marchand", "Bistro Lumière", "A"]
    assert texts[3] == "28 Feb · birthday"
    assert texts[4] == "3 weeks ago"
    assert model.index(model.row_of(4), col.NEXT_DATE).data() == "tomorrow · birthday"


def test_tooltips_give_the_whole_text_and_the_exact_date(model: ClientTableModel) -> None:
    tip = Qt.ItemDataRole.ToolTipRole
    r = model.row_of(1)
    assert model.index(r, col.NAME).data(tip) == "Élodie Marchand"
    assert model.index(r, col.NEXT_DATE).data(tip) == "28 Feb · birthday\n28 Feb 2027"
    assert model.index(model.row_of(3), col.LAST_CONTACT).data(tip) is None  # nothing to say
    assert model.data(QModelIndex()) is None
    assert model.data(QModelIndex(), tip) is None


def test_search_folds_accents_and_case(model: ClientTableModel) -> None:
    model.set_filter("ELODIE")
    assert names(model) == ["Élodie Marchand"]
    model.set_filter("дмитрий")
    assert names(model) == ["Дмитрий Иванов"]
    model.set_filter("roy atelier")
    assert names(model) == ["anna Roy"]
    model.set_filter("")
    assert len(names(model)) == 4


@pytest.mark.parametrize(
    ("column", "ascending", "descending"),
    [
        (
            col.NAME,
            ["anna Roy", "Élodie Marchand", "Дмитрий Иванов", "王秀英"],
            ["王秀英", "Дмитрий Иванов", "Élodie Marchand", "anna Roy"],
        ),
        (
            col.COMPANY,
            ["anna Roy", "Élodie Marchand", "王秀英", "Дмитрий Иванов"],
            ["王秀英", "Élodie Marchand", "anna Roy", "Дмитрий Иванов"],  # no company: last
        ),
        (
            col.TIER,
            ["Élodie Marchand", "Дмитрий Иванов", "王秀英", "anna Roy"],
            ["王秀英", "Дмитрий Иванов", "Élodie Marchand", "anna Roy"],  # no tier: last
        ),
        (
            col.NEXT_DATE,
            ["王秀英", "anna Roy", "Élodie Marchand", "Дмитрий Иванов"],
            ["Élodie Marchand", "anna Roy", "王秀英", "Дмитрий Иванов"],  # no date: last
        ),
        (
            # Never contacted counts as the longest ago: first when ascending.
            col.LAST_CONTACT,
            ["anna Roy", "Дмитрий Иванов", "Élodie Marchand", "王秀英"],
            ["王秀英", "Élodie Marchand", "Дмитрий Иванов", "anna Roy"],
        ),
    ],
)
def test_sorts_by_every_column_in_both_orders(
    model: ClientTableModel, qtmodeltester, column: int, ascending: list[str], descending: list[str]
) -> None:
    model.sort(column, Qt.SortOrder.AscendingOrder)
    assert names(model) == ascending
    model.sort(column, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    assert names(model) == descending


def test_a_search_keeps_the_sort_order(model: ClientTableModel) -> None:
    model.sort(col.NAME, Qt.SortOrder.DescendingOrder)
    model.set_filter("o")  # anna Roy, Élodie Marchand, Дмитрий (no), 王秀英 (no)
    assert names(model) == ["Élodie Marchand", "anna Roy"]


def test_update_rows_replaces_adds_and_removes(model: ClientTableModel) -> None:
    model.update_rows([row(1, "Élodie Marchand-Roy"), row(9, "Zoé Nouvelle")], removed_ids=[2])
    assert sorted(names(model)) == sorted(
        ["Élodie Marchand-Roy", "anna Roy", "王秀英", "Zoé Nouvelle"]
    )
    assert model.total_count() == 4
    assert model.row_of(2) is None


def test_rows_put_in_place_give_what_sorting_them_all_gives() -> None:
    """Rows are found and put in place by their name key (ClientTableModel.update_rows):
    among names that are equal too, the order that sorting every row again gives (the
    rows already there first, then the new ones in the order given)."""
    import random

    rng = random.Random(7)
    first = ["Ana", "Bea", "Cid", "Dan"]  # few names: many rows share one

    def named(n: int) -> ClientRow:
        return row(n, f"{rng.choice(first)} {rng.choice(first)}")

    expected = [named(n) for n in range(1, 301)]
    m = ClientTableModel()
    m.set_rows(expected, TODAY)
    # Renames, new clients (ids above 300), the same client twice, removals of clients
    # here and not here; one row, a few, a piece of the list as it loads (new ids only).
    changes = [
        ([named(n) for n in rng.sample(range(1, 340), size)], rng.sample(range(1, 350), gone))
        for size, gone in [(1, 0), (0, 1), (20, 5), (1, 1), (200, 40)] * 4
    ]
    changes += [([named(n) for n in range(1000, 1300)], []), ([named(7), named(7)], [])]
    for rows, removed in changes:
        m.update_rows(rows, removed)
        fresh = {r.id: r for r in rows}
        expected = [r for r in expected if r.id not in fresh and r.id not in removed]
        expected = sorted(expected + list(fresh.values()), key=lambda r: r.name_key)
        assert [m.client_id(n) for n in range(m.rowCount())] == [r.id for r in expected]
        assert [m.index(n, col.NAME).data() for n in range(m.rowCount())] == [
            r.name for r in expected
        ]


def test_ties_keep_names_a_to_z_in_both_orders(model: ClientTableModel) -> None:
    model.update_rows([row(5, "Zoé Ardent", tier="A"), row(6, "Bruno Abel", tier="A")])
    model.sort(col.TIER, Qt.SortOrder.AscendingOrder)
    assert names(model)[:3] == ["Bruno Abel", "Élodie Marchand", "Zoé Ardent"]
    model.sort(col.TIER, Qt.SortOrder.DescendingOrder)
    assert names(model)[-4:] == ["Bruno Abel", "Élodie Marchand", "Zoé Ardent", "anna Roy"]


def test_typing_on_and_back_gives_what_a_fresh_search_gives(model: ClientTableModel) -> None:
    """Recent searches are kept (a keystroke narrows the last one, a backspace finds an
    earlier one again); rows that change make them stale."""
    for text in ("a", "an", "ann", "anna", "anna r", "anna", "an", "a"):
        model.set_filter(text)
        fresh = ClientTableModel()
        fresh.set_rows(ROWS, TODAY)
        fresh.set_filter(text)
        assert names(model) == names(fresh), text
    model.set_filter("ann")
    assert names(model) == ["anna Roy"]
    model.update_rows([row(7, "Annabel Lee")])
    assert names(model) == ["anna Roy", "Annabel Lee"]
    model.set_filter("anna")
    model.set_filter("ann")
    assert names(model) == ["anna Roy", "Annabel Lee"]
    model.sort(col.NAME, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["Annabel Lee", "anna Roy"]
