"""Opening the log dialog and storing what it says: from Ctrl+L anywhere, from a card, from
a line of the due list ("log a call"), or to edit or delete an entry of a card's history.
Every write goes on the undo stack."""

from __future__ import annotations

import datetime as dt

from models import clients, interactions, settings
from models.errors import RapportError, ValidationError
from models.interactions import InteractionData
from models.vocab import InteractionKind
from ui.changes import Change
from ui.commands import InteractionCommand
from ui.dialog_editor import DialogEditor
from ui.interaction_dialog import InteractionDialog


class InteractionEditor(DialogEditor):
    def log(
        self, client_id: int | None = None, kind: str = InteractionKind.CALL.value
    ) -> InteractionDialog | None:
        """A new entry: for this client, or one chosen in the dialog."""
        entry = None
        if client_id is not None:
            entry = InteractionData(client_id, kind, dt.date.today())
        return self._open(entry)

    def edit(self, interaction_id: int) -> InteractionDialog | None:
        try:
            return self._open(interactions.get_interaction(interaction_id))
        except RapportError as exc:
            self.error.emit(exc)
            return None

    def delete(self, interaction_id: int) -> None:
        if self._read_only:
            return
        try:
            gone = interactions.delete_interaction(interaction_id)
        except RapportError as exc:
            self.error.emit(exc)
            return
        self._push(gone, None, self.tr("Delete from the history"))

    # -- Inside --------------------------------------------------------------------------

    def _open(self, entry: InteractionData | None) -> InteractionDialog | None:
        if self._read_only:
            return None
        try:
            names = clients.names()
            currency = settings.currency()
        except RapportError as exc:
            self.error.emit(exc)
            return None
        dialog = InteractionDialog(entry, names, currency=currency, parent=self._window)
        dialog.save_requested.connect(lambda data: self._on_save_requested(dialog, data))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_save_requested(self, dialog: InteractionDialog, entry: InteractionData) -> None:
        try:
            if entry.id is None:
                before, saved = None, interactions.log_interaction(entry)
                text = self.tr("Log a contact")
            else:
                before = interactions.get_interaction(entry.id)
                saved = interactions.update_interaction(entry)
                text = self.tr("Edit the history")
        except ValidationError as exc:
            dialog.show_problem(exc.field, exc.problem)
            return
        except RapportError as exc:
            self.error.emit(exc)
            return
        self._push(before, saved, text)
        dialog.accept()

    def _push(
        self, before: InteractionData | None, after: InteractionData | None, text: str
    ) -> None:
        self._undo.push(InteractionCommand(before, after, text, self._hub))
        states = [s for s in (before, after) if s is not None]
        self._hub.announce(Change(clients=frozenset(s.client_id for s in states)))
