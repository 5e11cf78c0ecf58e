"""The one "what changed" signal: whoever writes announces a Change once, and every view
refreshes itself from it (STYLE.md, "After a write, emit one 'what changed' signal")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from models.errors import RapportError

if TYPE_CHECKING:
    from models.events import EventData


@dataclass(frozen=True)
class Change:
    clients: frozenset[int] = frozenset()  # created or edited
    removed: frozenset[int] = frozenset()  # deleted
    everything: bool = False  # e.g. after sample clients were loaded
    focus: int | None = None  # the client to show, e.g. the one an Undo just changed
    events: frozenset[int] = frozenset()  # created, edited or deleted events
    # The tiers or their cadence (the plan) changed: what is due moves, and tier names
    # shown beside clients may have changed, but no client's card did (except that a
    # removed tier leaves its clients without one).
    plan: bool = False


class ChangeHub(QObject):
    """Signals:
    changed(Change): data was written.
    failed(object): a write (say, an Undo) was refused; the RapportError says why.
    """

    changed = Signal(object)
    failed = Signal(object)

    def announce(self, change: Change) -> None:
        self.changed.emit(change)

    def report(self, error: RapportError) -> None:
        self.failed.emit(error)


def event_change(before: EventData | None, after: EventData | None) -> Change:
    """What an event's change touches: the event, and its guests' clients (their last
    contact moves when it is marked done)."""
    states = [s for s in (before, after) if s is not None]
    return Change(
        clients=frozenset(a.client_id for s in states for a in s.attendees),
        events=frozenset(s.id for s in states if s.id is not None),
    )
