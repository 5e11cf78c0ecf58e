import pytest
from PySide6.QtCore import Qt

from ui.table_model import RowsTableModel

DISPLAY, TIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
HORIZONTAL, VERTICAL = Qt.Orientation.Horizontal, Qt.Orientation.Vertical


class _Words(RowsTableModel[str]):
    def __init__(self, rows: list[str], tips: dict[int, str]) -> None:
        super().__init__()
        self._headers = ("Word", "Length")
        self._header_tips = tips
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def data(self, index, role=DISPLAY):
        if not index.isValid() or role != DISPLAY:
            return None
        word = self._rows[index.row()]
        return word if index.column() == 0 else str(len(word))


@pytest.mark.parametrize("rows", [[], ["one", "three"]])
def test_a_table_of_rows_under_titles_is_a_sound_qt_model(qtmodeltester, rows) -> None:
    model = _Words(rows, {})
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (len(rows), 2)
    assert model.rowCount(model.index(0, 0)) == 0  # no children: a flat table


@pytest.mark.parametrize(
    ("orientation", "role", "expected"),
    [
        (HORIZONTAL, DISPLAY, "Length"),
        (HORIZONTAL, TIP, "How many letters"),
        (HORIZONTAL, Qt.ItemDataRole.FontRole, None),
        (VERTICAL, DISPLAY, None),
        (VERTICAL, TIP, None),
    ],
)
def test_headers_are_the_titles_and_their_tips(orientation, role, expected) -> None:
    model = _Words(["one"], {1: "How many letters"})
    assert model.headerData(1, orientation, role) == expected
    assert model.headerData(0, HORIZONTAL, TIP) is None  # a title without a tip
