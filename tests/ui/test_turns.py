import time

from PySide6.QtCore import QObject, QTimer

from ui import turns


def test_a_step_in_a_later_turn_comes_after_what_waited_meanwhile(qtbot) -> None:
    """What became due during a long step (a timer here, a keystroke for the person) is
    handled before the next step: a single shot of 0 ms came first (the two steps then
    one long wait)."""
    receiver = QObject()
    seen: list[str] = []
    waiting = QTimer(singleShot=True, interval=0, timeout=lambda: seen.append("waited"))

    def first() -> None:
        waiting.start()
        time.sleep(0.02)  # a long step: what waits is due before it ends
        seen.append("first")
        turns.next_turn(receiver, lambda: seen.append("second"))

    turns.next_turn(receiver, first)
    qtbot.waitUntil(lambda: "second" in seen)
    assert seen == ["first", "waited", "second"]
