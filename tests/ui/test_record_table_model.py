import pytest
from PySide6.QtCore import Qt

from models.dates import PartialDate
from models.errors import Problem
from models.validation import contact_problem
from ui.card_sections import parse_partial
from ui.record_table_model import Column, Draft, RecordTableModel

COLUMNS = [
    Column("kind", "Type", "choice", lambda: {"email": "Email", "phone": "Phone"}),
    Column(
        "value", "Value", required=True, check=lambda v, d: contact_problem(d.values["kind"], v)
    ),
    Column("day", "Day", "date", parse=parse_partial, format=lambda v: v.iso() if v else ""),
    Column("vip", "VIP", "check"),
]


@pytest.fixture
def model(qtmodeltester) -> RecordTableModel:
    m = RecordTableModel(COLUMNS)
    m.set_drafts(
        [Draft({"kind": "email", "value": "a@example.com", "day": None, "vip": False}, "src")]
    )
    qtmodeltester.check(m)
    return m


def test_a_value_that_does_not_parse_stays_visible_with_its_problem(model, qtbot) -> None:
    with qtbot.waitSignal(model.edited):
        assert model.setData(model.index(0, 2), "31 April")
    assert model.index(0, 2).data() == "31 April"
    assert model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "does not exist" in model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert not model.is_complete()
    assert model.first_problem()[2] is Problem.NO_SUCH_DAY
    model.setData(model.index(0, 2), "30 April")
    assert model.draft(0).values["day"] == PartialDate(4, 30)
    assert model.is_complete()


def test_rules_see_the_whole_row(model) -> None:
    model.setData(model.index(0, 0), "phone")
    assert model.first_problem()[2] is Problem.BAD_PHONE
    model.setData(model.index(0, 1), "+33 1 23 45 67 89")
    assert model.is_complete()


def test_new_rows_are_incomplete_but_not_yet_in_error(model, qtmodeltester) -> None:
    model.add_draft(Draft({"kind": "email", "value": "", "day": None, "vip": False}))
    qtmodeltester.check(model)
    assert not model.is_complete()
    assert model.first_problem() is None
    assert model.index(1, 1).data() == "(required)"
    model.setData(model.index(1, 1), "  ")
    assert model.first_problem()[2] is Problem.REQUIRED


def test_checkboxes_edit_through_check_state(model) -> None:
    model.setData(model.index(0, 3), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.draft(0).values["vip"] is True


def test_resetting_with_the_same_rows_keeps_them_and_updates_sources(model, qtbot) -> None:
    row = model.draft(0)
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_drafts([Draft(dict(row.values), "saved source")])
    assert model.draft(0) is row and row.source == "saved source"


def test_read_only_refuses_edits(model) -> None:
    model.set_read_only(True)
    assert not model.setData(model.index(0, 1), "b@example.com")
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
