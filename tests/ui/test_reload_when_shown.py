from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.reload_when_shown import ReloadWhenShown


def _view(qtbot) -> tuple[QWidget, ReloadWhenShown, list[int]]:
    widget = QWidget()
    qtbot.addWidget(widget)
    loads: list[int] = []
    return widget, ReloadWhenShown(widget, lambda: loads.append(1)), loads


def test_it_loads_just_after_it_is_first_shown(qtbot) -> None:
    widget, _, loads = _view(qtbot)
    widget.show()
    assert loads == []  # from the event loop, not inside the show
    qtbot.waitUntil(lambda: loads == [1])


def test_a_visible_view_loads_at_once(qtbot) -> None:
    widget, reloader, loads = _view(qtbot)
    widget.show()
    qtbot.waitUntil(lambda: loads == [1])
    reloader.reload()
    assert loads == [1, 1]


def test_a_hidden_view_loads_when_shown_again_only_if_something_changed(qtbot) -> None:
    widget, reloader, loads = _view(qtbot)
    widget.show()
    qtbot.waitUntil(lambda: loads == [1])
    widget.hide()
    widget.show()
    QCoreApplication.processEvents()  # where a zero-delay timer would fire
    assert loads == [1]  # nothing changed meanwhile
    widget.hide()
    reloader.reload()
    assert loads == [1]  # not while hidden
    widget.show()
    qtbot.waitUntil(lambda: loads == [1, 1])
