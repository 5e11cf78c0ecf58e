"""Planning and changing events from anywhere (calendar, dashboard, a client's card): opens
the event dialog, stores what it asks for, and makes every change undoable."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Slot

from models import briefs, clients, events, exporting, ics_export
from models.errors import RapportError, ValidationError
from models.events import Attendee, EventData
from models.vocab import EventKind, PreferenceCategory, Relation
from ui import files
from ui.changes import event_change
from ui.commands import EventCommand
from ui.dialog_editor import DialogEditor
from ui.event_dialog import EventDialog
from ui.zones import display_zone


class EventEditor(DialogEditor):
    # -- Opening the dialog ---------------------------------------------------------------

    @Slot(object)
    def plan_on(self, when: dt.date | dt.datetime) -> None:
        """A new event at `when`: a time from the week grid, or a day (then in the evening,
        when most gestures happen)."""
        if isinstance(when, dt.datetime):
            starts = when
        else:
            starts = dt.datetime.combine(when, dt.time(19, 0))
        self._open(
            EventData(
                kind=EventKind.THANK_YOU_MEAL.value,
                title="",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                timezone=display_zone(),
                asked_for_nothing=True,
            )
        )

    @Slot(int)
    def plan_meal(self, client_id: int) -> None:
        """A thank-you meal with this client (and their spouse or partner), a week from now,
        at their favourite restaurant."""
        card = clients.load_card(client_id)
        partners = [r for r in card.relatives if r.relation in (Relation.SPOUSE, Relation.PARTNER)]
        first = card.nickname or card.given_name or card.name
        names = " & ".join([first, *(r.name for r in partners[:1])])
        restaurant = next(
            (p.value for p in card.preferences if p.category == PreferenceCategory.RESTAURANT), ""
        )
        starts = dt.datetime.combine(dt.date.today() + dt.timedelta(days=7), dt.time(19, 30))
        self._open(
            EventData(
                kind=EventKind.THANK_YOU_MEAL.value,
                title=self.tr("Thank-you dinner with {names}").format(names=names),
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2, minutes=30),
                timezone=display_zone(),
                location=restaurant,
                reminder_minutes=24 * 60,
                asked_for_nothing=True,
                attendees=(
                    Attendee(client_id),
                    *(Attendee(client_id, r.id) for r in partners[:1] if r.id is not None),
                ),
            )
        )

    @Slot(int, str)
    def plan_celebration(self, client_id: int, dream: str) -> None:
        """A dream came true: an evening to celebrate it with them, a week from now."""
        starts = dt.datetime.combine(dt.date.today() + dt.timedelta(days=7), dt.time(19, 30))
        self._open(
            EventData(
                kind=EventKind.OTHER.value,
                title=self.tr("Celebrate: {dream}").format(dream=dream),
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2, minutes=30),
                timezone=display_zone(),
                asked_for_nothing=True,
                attendees=(Attendee(client_id),),
            )
        )

    @Slot(int)
    def edit(self, event_id: int) -> None:
        try:
            self._open(events.load_event(event_id))
        except RapportError as exc:
            self.error.emit(exc)

    # -- Inside --------------------------------------------------------------------------

    def _open(self, event: EventData) -> EventDialog:
        dialog = EventDialog(
            event,
            events.attendee_choices(),
            lambda ids: briefs.table_briefs(ids, dt.date.today()),
            display_zone(),
            self._window,
        )
        dialog.set_read_only(self._read_only)
        dialog.save_requested.connect(lambda data: self._on_save_requested(dialog, data))
        dialog.delete_requested.connect(lambda data: self._on_delete_requested(dialog, data))
        dialog.invitation_requested.connect(
            lambda data: self._on_invitation_requested(dialog, data)
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_save_requested(self, dialog: EventDialog, event: EventData) -> None:
        try:
            before = None if event.id is None else events.load_event(event.id)
            saved = events.save_event(event)
        except ValidationError as exc:
            dialog.show_problem(exc.field, exc.problem)
            return
        except RapportError as exc:
            self.error.emit(exc)
            return
        text = self.tr("Plan {title}") if before is None else self.tr("Edit {title}")
        self._push(before, saved, text.format(title=saved.title))
        dialog.accept()

    def _on_delete_requested(self, dialog: EventDialog, event: EventData) -> None:
        try:
            gone = events.delete_event(event.id)  # type: ignore[arg-type]
        except RapportError as exc:
            self.error.emit(exc)
            return
        self._push(gone, None, self.tr("Delete {title}").format(title=gone.title))
        dialog.accept()

    def _on_invitation_requested(self, dialog: EventDialog, event: EventData) -> None:
        """Save the event as an invitation file, and show the folder it went to."""
        try:
            if event != events.load_event(event.id):  # type: ignore[arg-type]
                dialog.show_message(
                    self.tr("Save your changes first: the invitation tells the saved event."),
                    error=True,
                )
                return
            made = ics_export.invitation(
                event.id,  # type: ignore[arg-type]
                dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
                display_zone(),
            )
        except ValidationError as exc:
            if exc.field != "owner_email":
                raise
            dialog.show_message(
                self.tr(
                    "Invitations come from you: enter your name and email in Preferences first."
                ),
                error=True,
            )
            return
        except RapportError as exc:
            self.error.emit(exc)
            return
        name = re.sub(r'[\\/:*?"<>|\s]+', " ", event.title).strip() or "invitation"
        target = files.ask_save_path(
            dialog, self.tr("Save the invitation"), f"{name}.ics", self.tr("Invitations (*.ics)")
        )
        if target is None:
            return
        try:
            # Private (0600) like every export, and never half a file under the name.
            exporting.write_files(target, (b"", iter([made.data]), b""))
        except OSError as exc:
            dialog.show_message(
                self.tr("Could not save {file}: {reason}").format(
                    file=target.name, reason=exc.strerror or exc
                ),
                error=True,
            )
            return
        if made.invited:
            text = self.tr("Saved {file}: attach it to an email to {names}.").format(
                file=target.name, names=", ".join(made.invited)
            )
        else:
            text = self.tr("Saved {file}; no guest has an email address to invite.").format(
                file=target.name
            )
        if made.without_email and made.invited:
            text += " " + self.tr("No email address on the card of {names}.").format(
                names=", ".join(made.without_email)
            )
        dialog.show_message(text)
        files.reveal(target)

    def _push(self, before: EventData | None, after: EventData | None, text: str) -> None:
        self._undo.push(EventCommand(before, after, text, self._hub))
        self._hub.announce(event_change(before, after))
