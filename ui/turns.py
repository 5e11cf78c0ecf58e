"""Work spread over turns of the event loop, so that the window answers in between."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

# A single shot of 0 ms is a queued call, made before the event loop next looks at input
# and timers: a step chained that way to a long one made one long wait of the two (two
# steps of 50 ms: 103 ms without an answer; with 1 ms between them, 52).
_LATER_MS = 1


def next_turn(receiver: QObject, step: Callable[[], object]) -> None:
    """Call `step` in a later turn of the event loop, after what the person did meanwhile
    (nothing, if `receiver` is gone by then)."""
    QTimer.singleShot(_LATER_MS, receiver, step)
