"""The Clients page: the list beside the selected client's card, or the first-run empty
state. It turns the card's requests into service calls and undoable commands, and
refreshes itself from the "what changed" signal."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from models import client_list, clients, courtship, demo, settings
from models.cards import ClientCard
from models.errors import ConflictError, NotFoundError, RapportError, ValidationError
from models.vocab import AspirationStatus
from ui.changes import Change, ChangeHub
from ui.client_card import ClientCardEditor
from ui.client_list import ClientListPanel
from ui.commands import CreateClientCommand, DeleteClientCommand, EditCardCommand
from ui.empty_state import EmptyState

# The first piece of the list, read as the page is made: many screens of rows, in a few ms.
FIRST_PIECE = 1_000
# What each further piece may take of a turn of the event loop: the longest a keystroke
# waits while a large base loads. The same piece takes 15 ms on one machine and 45 on
# another, so each is sized from the time the one before took.
PIECE_SECONDS = 0.025


def next_piece_size(size: int, seconds: float) -> int:
    """How many clients to read next, after `size` took `seconds` (reading them and
    putting them in the list): what fits PIECE_SECONDS at that pace, growing at most
    fourfold a turn (a piece in the database's cache says little of the next)."""
    fits = size * PIECE_SECONDS / max(seconds, 1e-4)
    return int(max(250, min(fits, size * 4, 50_000)))


class ClientsPage(QWidget):
    """Signals:
    status_message(str): a short line for the status bar.
    error(object): a write was refused (a RapportError) and the person should know.
    dream_achieved(int, str): an edit marked this client's dream (its title) achieved.
    """

    status_message = Signal(str)
    dream_achieved = Signal(int, str)
    error = Signal(object)

    def __init__(
        self, undo_stack: QUndoStack, hub: ChangeHub, *, read_only: bool, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._undo = undo_stack
        self._hub = hub
        self._read_only = read_only

        self.empty_state = EmptyState()
        self.list = ClientListPanel()
        self.card = ClientCardEditor()
        self._no_selection = QLabel(
            self.tr("Choose a client on the left, or press Ctrl+N to add one.")
        )
        self._no_selection.setObjectName("hint")
        self._no_selection.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._no_selection.setWordWrap(True)
        self._card_stack = QStackedWidget()
        self._card_stack.addWidget(self._no_selection)
        self._card_stack.addWidget(self.card)

        self._splitter = QSplitter()
        self._splitter.addWidget(self.list)
        self._splitter.addWidget(self._card_stack)
        self._splitter.setStretchFactor(0, 1)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setSizes([520, 640])
        self._splitter.setChildrenCollapsible(False)
        self._pages = QStackedWidget()
        self._pages.addWidget(self.empty_state)
        self._pages.addWidget(self._splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages)

        self._tier_names: dict[int, str] = {}
        self._pieces: client_list.Pieces | None = None  # of the list, while some are unread
        self._piece_size = FIRST_PIECE
        self._next_piece = QTimer(self)
        self._next_piece.setSingleShot(True)
        self._refresh_tiers()
        for widget in (self.card, self.list, self.empty_state):
            widget.set_read_only(read_only)
        self._connect_signals()
        self.reload()

    def _connect_signals(self) -> None:
        self.list.client_selected.connect(self._on_client_selected)
        self.list.delete_requested.connect(self._on_delete_requested)
        self.card.edit_requested.connect(self._on_edit_requested)
        self.card.create_requested.connect(self._on_create_requested)
        self.card.photo_refused.connect(self._on_photo_refused)
        self.empty_state.add_requested.connect(self.new_client)
        self.empty_state.sample_requested.connect(self.load_sample)
        self._hub.changed.connect(self._on_changed)
        self._next_piece.timeout.connect(self._on_next_piece)

    # -- Actions -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the list again: its first piece now, then a piece per turn of the event
        loop, so that a base of 100k clients (half a second to two of reading) never
        freezes the window. Changes announced meanwhile apply to the rows shown; the
        pieces still to come are read as the database then is."""
        today = dt.date.today()
        self._pieces = client_list.Pieces(today)
        self.list.set_expected(client_list.client_count())
        started = time.perf_counter()
        self.list.set_rows(self._pieces.read(FIRST_PIECE) or [], today)
        self._piece_size = next_piece_size(FIRST_PIECE, time.perf_counter() - started)
        self._show_page()
        self._next_piece.start()

    @Slot()
    def new_client(self) -> None:
        if self._read_only:
            return
        self._pages.setCurrentWidget(self._splitter)
        self.list.select(None)
        self._card_stack.setCurrentWidget(self.card)
        self.card.start_new()

    @Slot()
    def delete_selected(self) -> None:
        client_id = self.list.selected_id()
        if client_id is not None:
            self._on_delete_requested(client_id)

    @Slot()
    def load_sample(self) -> None:
        if self._read_only or client_list.has_clients():
            return
        try:
            count = demo.load_sample(dt.date.today())
        except RapportError as exc:
            self.error.emit(exc)
            return
        self._hub.announce(Change(everything=True))
        self.status_message.emit(self.tr("Loaded {n} sample clients.").format(n=count))

    @Slot()
    def focus_search(self) -> None:
        self._pages.setCurrentWidget(self._splitter)
        self.list.focus_search()

    def show_client(self, client_id: int) -> None:
        """Open this client's card (clearing a search that hides it)."""
        self._pages.setCurrentWidget(self._splitter)
        with QSignalBlocker(self.list):
            self.list.select(client_id)
        self._on_client_selected(client_id)

    def loading(self) -> bool:
        """Whether pieces of the list are still to come (see reload)."""
        return self._pieces is not None

    def has_clients(self) -> bool:
        return self.list.model.total_count() > 0

    # -- Slots ---------------------------------------------------------------------------

    @Slot(object)
    def _on_client_selected(self, client_id: int | None) -> None:
        if client_id is None:
            self.card.show_card(None)
            self._card_stack.setCurrentWidget(self._no_selection)
            return
        try:
            card = clients.load_card(client_id)
        except NotFoundError:
            self.reload()
            return
        self.card.show_card(card)
        today = dt.date.today()
        self.card.show_courtship(
            courtship.for_card(card, today, settings.reconfirm_days()), today, settings.currency()
        )
        self._card_stack.setCurrentWidget(self.card)

    @Slot(object, object, str)
    def _on_edit_requested(self, before: ClientCard, after: ClientCard, text: str) -> None:
        try:
            saved = clients.save_card(after)
        except ValidationError as exc:
            self.card.show_problem(exc.field, exc.problem)
            return
        except (ConflictError, NotFoundError) as exc:
            self.error.emit(exc)
            self._hub.announce(Change(clients=frozenset({before.id})))
            return
        except RapportError as exc:  # the disk is full, the file read-only...
            self.error.emit(exc)  # the card keeps what was typed, unsaved
            return
        self._undo.push(EditCardCommand(before, saved, text, self._hub))
        self._hub.announce(Change(clients=frozenset({saved.id})))
        was = {a.id: a.status for a in before.aspirations}
        for dream in saved.aspirations:
            if dream.status == AspirationStatus.ACHIEVED and was.get(dream.id) not in (
                None,
                AspirationStatus.ACHIEVED,
            ):
                self.dream_achieved.emit(saved.id, dream.title)

    @Slot(str)
    def _on_create_requested(self, name: str) -> None:
        try:
            card = clients.create_client(name)
        except RapportError as exc:
            self.error.emit(exc)
            return
        text = self.tr("Add {name}").format(name=card.name)
        self._undo.push(CreateClientCommand(card.id, text, self._hub))
        self._hub.announce(Change(clients=frozenset({card.id}), focus=card.id))

    @Slot(int)
    def _on_delete_requested(self, client_id: int) -> None:
        if self._read_only:
            return
        try:
            name = clients.load_card(client_id).name
            clients.delete_client(client_id)
        except RapportError as exc:
            self.error.emit(exc)
            return
        text = self.tr("Delete {name}").format(name=name)
        self._undo.push(DeleteClientCommand(client_id, text, self._hub))
        self._hub.announce(Change(removed=frozenset({client_id})))
        self.status_message.emit(
            self.tr("Deleted {name}. Undo brings the card back whole.").format(name=name)
        )

    @Slot(str)
    def _on_photo_refused(self, reason: str) -> None:
        self.status_message.emit(
            self.tr("That file is not a picture Rapport can read ({reason}).").format(reason=reason)
        )

    @Slot(object)
    def _on_changed(self, change: Change) -> None:
        today = dt.date.today()
        shown = self.card.card()
        # The list shows tier names: a renamed or removed tier changes the rows of clients
        # the change does not name.
        tiers_moved = (change.plan or change.everything) and self._refresh_tiers()
        # One card load per change: the list's own re-selection stays quiet meanwhile.
        with QSignalBlocker(self.list):
            if change.everything or tiers_moved:
                self.reload()
            else:
                fresh = (
                    client_list.list_clients(today, sorted(change.clients))
                    if change.clients
                    else []
                )
                self.list.update_rows(fresh, sorted(change.removed))
            if change.focus is not None:
                self.list.select(change.focus)
        self._show_page()
        if change.focus is not None:
            self._on_client_selected(change.focus)
        elif shown is not None and (shown.id in change.clients or change.plan):
            # A new plan: their tier choices and what is due for them.
            self._on_client_selected(shown.id)
        elif shown is not None and (shown.id in change.removed or change.everything):
            self._on_client_selected(self.list.selected_id())

    @Slot()
    def _on_next_piece(self) -> None:
        started = time.perf_counter()
        rows = self._pieces.read(self._piece_size) if self._pieces is not None else None
        if rows is None:
            self._pieces = None
            self.list.set_expected(None)
            return
        self.list.update_rows(rows)
        self._show_page()  # the first rows may come now: the first ids' clients deleted
        self._piece_size = next_piece_size(self._piece_size, time.perf_counter() - started)
        self._next_piece.start()

    def _refresh_tiers(self) -> bool:
        """The card's tier choices from storage; True when a tier was renamed or removed."""
        tiers = clients.tiers()
        names = {t.id: t.name for t in tiers}
        self.card.set_tiers(tiers)
        moved = any(names.get(tier_id) != name for tier_id, name in self._tier_names.items())
        self._tier_names = names
        return moved

    def _show_page(self) -> None:
        creating = self._card_stack.currentWidget() is self.card and self.card.card() is None
        empty = not self.has_clients() and not creating
        self._pages.setCurrentWidget(self.empty_state if empty else self._splitter)
