"""Undoable writes. Each command has already been done when it is pushed (the page saves
first, to report a refusal before anything lands on the stack), so its first redo() is a
no-op; later undo()/redo() replay through the services and announce the change."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from models import clients, courtship, events, interactions
from models.cards import ClientCard
from models.errors import RapportError
from models.events import EventData
from models.interactions import InteractionData
from ui.changes import Change, ChangeHub, event_change


class _DoneCommand(QUndoCommand):
    def __init__(self, text: str, hub: ChangeHub) -> None:
        super().__init__(text)
        self._hub = hub
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, step: object) -> None:
        try:
            change = step()  # type: ignore[operator]
        except RapportError as exc:
            # The data moved under the stack (should not happen with one writer): stop
            # offering this step rather than apply it to something else.
            self.setObsolete(True)
            self._hub.report(exc)
            return
        self._hub.announce(change)

    def _do(self) -> Change:
        raise NotImplementedError

    def _undo(self) -> Change:
        raise NotImplementedError


class EditCardCommand(_DoneCommand):
    def __init__(self, before: ClientCard, after: ClientCard, text: str, hub: ChangeHub) -> None:
        super().__init__(text, hub)
        self._before, self._after = before, after

    def _do(self) -> Change:
        self._after = clients.restore_card(self._after)
        return Change(clients=frozenset({self._after.id}), focus=self._after.id)

    def _undo(self) -> Change:
        self._before = clients.restore_card(self._before)
        return Change(clients=frozenset({self._before.id}), focus=self._before.id)


class CreateClientCommand(_DoneCommand):
    def __init__(self, client_id: int, text: str, hub: ChangeHub) -> None:
        super().__init__(text, hub)
        self._id = client_id

    def _do(self) -> Change:
        clients.undelete_client(self._id)
        return Change(clients=frozenset({self._id}), focus=self._id)

    def _undo(self) -> Change:
        clients.delete_client(self._id)
        return Change(removed=frozenset({self._id}))


class DeleteClientCommand(_DoneCommand):
    def __init__(self, client_id: int, text: str, hub: ChangeHub) -> None:
        super().__init__(text, hub)
        self._id = client_id

    def _do(self) -> Change:
        clients.delete_client(self._id)
        return Change(removed=frozenset({self._id}))

    def _undo(self) -> Change:
        clients.undelete_client(self._id)
        return Change(clients=frozenset({self._id}), focus=self._id)


class EventCommand(_DoneCommand):
    """An event going from one state to another: None before = created, None after =
    deleted. Undo and redo put the other state back (restore_event keeps the uid and
    raises the sequence, so an exported calendar takes the change)."""

    def __init__(
        self, before: EventData | None, after: EventData | None, text: str, hub: ChangeHub
    ) -> None:
        super().__init__(text, hub)
        self._before, self._after = before, after
        self._id = (after or before).id  # type: ignore[union-attr]

    def _do(self) -> Change:
        self._after = self._put(self._after)
        return event_change(self._before, self._after)

    def _undo(self) -> Change:
        self._before = self._put(self._before)
        return event_change(self._before, self._after)

    def _put(self, state: EventData | None) -> EventData | None:
        if state is None:
            events.delete_event(self._id)
            return None
        return events.restore_event(state)


class InteractionCommand(_DoneCommand):
    """A history entry going from one state to another: None before = logged, None after =
    deleted. An entry comes back with its id, so later steps on the stack still find it."""

    def __init__(
        self,
        before: InteractionData | None,
        after: InteractionData | None,
        text: str,
        hub: ChangeHub,
    ) -> None:
        super().__init__(text, hub)
        self._before, self._after = before, after

    def _do(self) -> Change:
        return self._put(self._before, self._after)

    def _undo(self) -> Change:
        return self._put(self._after, self._before)

    @staticmethod
    def _put(current: InteractionData | None, wanted: InteractionData | None) -> Change:
        if wanted is None:
            interactions.delete_interaction(current.id)  # type: ignore[union-attr]
        elif current is None:
            interactions.log_interaction(wanted)
        else:
            interactions.update_interaction(wanted)
        client_ids = {s.client_id for s in (current, wanted) if s is not None}
        return Change(clients=frozenset(client_ids))


class EditClientPlanCommand(_DoneCommand):
    """A client's own courtship terms (rules, snooze, budget) from one state to another."""

    def __init__(
        self, before: courtship.ClientPlan, after: courtship.ClientPlan, text: str, hub: ChangeHub
    ) -> None:
        super().__init__(text, hub)
        self._before, self._after = before, after

    def _do(self) -> Change:
        courtship.save_client_plan(self._after)
        return Change(clients=frozenset({self._after.client_id}))

    def _undo(self) -> Change:
        courtship.save_client_plan(self._before)
        return Change(clients=frozenset({self._before.client_id}))
