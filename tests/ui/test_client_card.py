import datetime as dt

import pytest
from PySide6.QtCore import Qt

from models.cards import ClientCard, ContactPointData, KeyDateData, RelativeData
from models.dates import PartialDate
from ui.client_card import ClientCardEditor

CARD = ClientCard(
    id=7,
    uid="u7",
    version=3,
    name="Élodie Marchand",
    company="Bistro Lumière",
    contact_points=(ContactPointData("email", "elodie@example.com", "work", id=1),),
    relatives=(
        RelativeData(
            "Léa",
            "child",
            key_dates=(KeyDateData("birthday", PartialDate(1, 3, 2016), id=5, uid="k5"),),
            id=2,
        ),
    ),
)


@pytest.fixture
def card(qtbot) -> ClientCardEditor:
    editor = ClientCardEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.show_card(CARD)
    return editor


def test_shows_every_part_of_the_card(card: ClientCardEditor) -> None:
    assert card.header.name.line.text() == "Élodie Marchand"
    assert card.header.company.line.text() == "Bistro Lumière"
    contacts = card.sections["contact_points"].model
    assert contacts.index(0, 2).data() == "elodie@example.com"
    family = card.sections["relatives"].model
    assert family.index(0, 0).data() == "Léa"
    assert family.index(0, 2).data().startswith("3 Jan 2016 (")
    dates = card.sections["key_dates"].model
    assert dates.index(0, 0).data() == "Léa"  # whose date it is


def test_finishing_a_field_requests_one_edit(card: ClientCardEditor, qtbot) -> None:
    line = card.header.company.line
    line.clear()
    line.insert("Bistro Lumière & Fils")  # keyClicks takes ASCII only
    with qtbot.waitSignal(card.edit_requested) as sent:
        qtbot.keyClick(line, Qt.Key.Key_Return)
    before, after, text = sent.args
    assert before is CARD
    assert after.company == "Bistro Lumière & Fils"
    assert text == "Edit company"


def test_an_empty_name_is_refused_next_to_the_field(card: ClientCardEditor, qtbot) -> None:
    line = card.header.name.line
    line.clear()
    with qtbot.assertNotEmitted(card.edit_requested):
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert card.header.name.has_problem()


def test_a_bad_email_is_shown_with_its_reason_and_not_saved(card: ClientCardEditor, qtbot) -> None:
    section = card.sections["contact_points"]
    with qtbot.assertNotEmitted(card.edit_requested):
        section.model.setData(section.model.index(0, 2), "elodie-at-example")
    assert section._problem.isVisible()
    assert "email" in section._problem.text()
    with qtbot.waitSignal(card.edit_requested) as sent:
        section.model.setData(section.model.index(0, 2), "elodie@bistro.example.com")
    assert sent.args[1].contact_points[0] == ContactPointData(
        "email", "elodie@bistro.example.com", "work", id=1
    )
    assert not section._problem.isVisible()


def test_a_relatives_birthday_is_edited_in_the_family_list(card: ClientCardEditor, qtbot) -> None:
    family = card.sections["relatives"].model
    with qtbot.waitSignal(card.edit_requested) as sent:
        family.setData(family.index(0, 2), "4 Jan 2016")
    [lea] = sent.args[1].relatives
    assert lea.key_dates[0].date == PartialDate(1, 4, 2016)
    assert lea.key_dates[0].uid == "k5"  # the same date, moved: its identity stays


def test_a_new_row_is_saved_only_when_complete(card: ClientCardEditor, qtbot) -> None:
    section = card.sections["aspirations"]
    with qtbot.assertNotEmitted(card.edit_requested):
        section.add_row()
    section.table.closePersistentEditor(section.table.currentIndex())
    with qtbot.waitSignal(card.edit_requested) as sent:
        section.model.setData(section.model.index(0, 0), "Open a bistro in Annecy")
    assert sent.args[1].aspirations[0].title == "Open a bistro in Annecy"


def test_a_new_card_asks_for_a_name_first(qtbot) -> None:
    editor = ClientCardEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.start_new()
    assert not editor.sections["contact_points"].isVisible()
    assert not editor.header.company.isEnabled()
    editor.header.name.line.insert("Zoé Nouvelle")
    with qtbot.waitSignal(editor.create_requested) as sent:
        qtbot.keyClick(editor.header.name.line, Qt.Key.Key_Return)
    assert sent.args == ["Zoé Nouvelle"]


def test_read_only_card_offers_no_editing(card: ClientCardEditor) -> None:
    card.set_read_only(True)
    assert card.header.company.line.isReadOnly()
    assert not card.header.tier.isEnabled()
    model = card.sections["contact_points"].model
    assert not model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    assert card.notes.isReadOnly()


def test_promises_past_due_say_late(qtbot) -> None:
    from models.cards import PromiseData

    editor = ClientCardEditor()
    qtbot.addWidget(editor)
    editor.show_card(
        ClientCard(
            name="X", id=1, promises=(PromiseData("Send the article", dt.date(2020, 1, 1), id=1),)
        )
    )
    model = editor.sections["promises"].model
    assert model.index(0, 2).data() == "Late"
