"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call that returns
nothing; after about 5,000 calls the process aborts with "none_dealloc" (DESIGN.md,
Known pitfalls). 20,000 such calls here would crash this test run on a bad upgrade."""

import sys

from PySide6.QtWidgets import QLabel


def test_twenty_thousand_void_calls_keep_none_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(20_000):
        label.setText("x" if n % 2 else "y")  # returns None
        label.setIndent(n % 4)
    assert label.indent() == 3
    # On Python 3.12+ None is immortal and its count is fixed; on 3.11 it must not shrink.
    assert sys.getrefcount(None) >= before - 100
