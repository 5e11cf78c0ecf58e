"""The tables. DESIGN.md "Data model" describes them; migrations/ creates them.

Services (clients.py, occurrences.py, ...) are the only readers and writers; nothing outside
models/ touches these classes. Every child row of a client carries `client` (even a relative's
date) so that "all of this client's X" is one indexed query and deleting a client cascades.
"""

from __future__ import annotations

import datetime as dt

from peewee import (
    SQL,
    BlobField,
    BooleanField,
    CharField,
    Check,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

database = DatabaseProxy()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Tier(BaseModel):
    name = CharField(unique=True)
    label = TextField(default="")
    weight = IntegerField(default=1)  # orders the overdue list: heavier tiers first
    position = IntegerField(default=0)
    # Amounts are whole cents of the owner's currency (migration 0005).
    yearly_budget_cents = IntegerField(null=True)


class Client(BaseModel):
    uid = CharField(unique=True)  # stable across exports (vCard UID, iCalendar)
    name = TextField()
    given_name = TextField(default="")
    family_name = TextField(default="")
    nickname = TextField(default="")
    company = TextField(default="")
    job_title = TextField(default="")
    tier = ForeignKeyField(Tier, null=True, on_delete="SET NULL")
    client_since = DateField(null=True)
    how_we_met = TextField(default="")
    notes = TextField(default="")
    archived = BooleanField(default=False)
    # Set by delete, so that Undo can bring the client back whole; purged for good when the
    # window closes (or at the next start, if it did not close cleanly).
    deleted_at = DateTimeField(null=True)  # no index: nearly all NULL (migration 0002)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    version = IntegerField(default=1)  # bumped by every card save; guards against lost edits
    photo = BlobField(null=True)  # last: the list query never reads it
    snoozed_until = DateField(null=True)  # off the due list until then (migration 0005)
    yearly_budget_cents = IntegerField(null=True)  # overrides the tier's budget


class ClientSearch(BaseModel):
    """What the client list searches and sorts by, folded once when the card is written
    (migration 0006): the list reads one narrow row per client instead of folding every
    card's text at every start. Its own table, so that reading it never walks a photo's
    overflow pages."""

    client = ForeignKeyField(Client, primary_key=True, on_delete="CASCADE")
    name = TextField(index=True)  # the folded name: the list's own order
    company = TextField()  # the folded company
    text = TextField()  # name, company, notes, family, tastes, contact points


class ContactPoint(BaseModel):
    client = ForeignKeyField(Client, backref="contact_points", on_delete="CASCADE")
    kind = CharField()  # vocab.ContactKind
    label = TextField(default="")
    value = TextField()
    position = IntegerField(default=0)


class Relative(BaseModel):
    client = ForeignKeyField(Client, backref="relatives", on_delete="CASCADE")
    name = TextField()
    relation = CharField()  # vocab.Relation
    notes = TextField(default="")
    position = IntegerField(default=0)


class KeyDate(BaseModel):
    """A yearly date of a client, or of one of their relatives when `relative` is set."""

    uid = CharField(unique=True)
    client = ForeignKeyField(Client, backref="key_dates", on_delete="CASCADE")
    relative = ForeignKeyField(Relative, null=True, backref="key_dates", on_delete="CASCADE")
    kind = CharField()  # vocab.DateKind
    label = TextField(default="")  # the name of a custom date
    month = IntegerField(constraints=[Check("month BETWEEN 1 AND 12")])
    day = IntegerField(constraints=[Check("day BETWEEN 1 AND 31")])
    year = IntegerField(null=True)  # unknown years are first-class: no age is shown
    lead_days = IntegerField(default=7)
    note = TextField(default="")

    class Meta:
        indexes = (
            # Covers what a month grid reads for each date (migration 0004).
            (("month", "day", "year", "client", "relative"), False),
            # The dates reminded early, which the dashboard lists (migration 0007).
            (("lead_days",), False),
        )


class Preference(BaseModel):
    client = ForeignKeyField(Client, backref="preferences", on_delete="CASCADE")
    category = CharField()  # vocab.PreferenceCategory
    value = TextField()
    note = TextField(default="")
    last_confirmed = DateField(null=True)
    position = IntegerField(default=0)


class PreferenceChange(BaseModel):
    """What a preference used to be: "used to prefer Merlot (until 2026-03-01)"."""

    preference = ForeignKeyField(Preference, backref="changes", on_delete="CASCADE")
    old_value = TextField()
    changed_on = DateField()


class Aspiration(BaseModel):
    client = ForeignKeyField(Client, backref="aspirations", on_delete="CASCADE")
    title = TextField()
    status = CharField(default="dream")  # vocab.AspirationStatus
    how_to_help = TextField(default="")
    last_discussed = DateField(null=True)
    position = IntegerField(default=0)


class Promise(BaseModel):
    client = ForeignKeyField(Client, backref="promises", on_delete="CASCADE")
    what = TextField()
    made_on = DateField(null=True)
    due = DateField(null=True, index=True)
    status = CharField(default="open")  # vocab.PromiseStatus; "late" is derived
    position = IntegerField(default=0)


class Event(BaseModel):
    """A planned calendar item. Times are wall-clock times in `timezone` (IANA)."""

    uid = CharField(unique=True)
    sequence = IntegerField(default=0)  # iCalendar SEQUENCE: bumped by every edit
    kind = CharField()  # vocab.EventKind
    title = TextField()
    all_day = BooleanField(default=False)
    starts_at = DateTimeField()
    ends_at = DateTimeField()  # exclusive; for all-day events the day after the last
    timezone = TextField(default="")
    location = TextField(default="")
    description = TextField(default="")
    reminder_minutes = IntegerField(null=True)
    status = CharField(default="planned")  # vocab.EventStatus
    asked_for_nothing = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    version = IntegerField(default=1)

    class Meta:
        # Covers "what overlaps these days, where" for the calendar grids (migration 0003).
        indexes = ((("starts_at", "ends_at", "timezone", "all_day"), False),)


class EventAttendee(BaseModel):
    event = ForeignKeyField(Event, backref="attendees", on_delete="CASCADE")
    client = ForeignKeyField(Client, backref="attendances", on_delete="CASCADE")
    relative = ForeignKeyField(Relative, null=True, on_delete="CASCADE")


class Interaction(BaseModel):
    client = ForeignKeyField(Client, backref="interactions", on_delete="CASCADE")
    kind = CharField()  # vocab.InteractionKind
    occurred_on = DateField()
    summary = TextField(default="")
    tone = CharField(default="neutral")  # vocab.Tone
    asked_for_nothing = BooleanField(default=False)
    event = ForeignKeyField(Event, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    value_cents = IntegerField(null=True)  # what a gift or discount was worth (migration 0005)

    class Meta:
        indexes = ((("client", "occurred_on"), False),)


class CadenceRule(BaseModel):
    """How often a gesture is due: for a tier, or for one client (an override)."""

    tier = ForeignKeyField(Tier, null=True, backref="cadence_rules", on_delete="CASCADE")
    client = ForeignKeyField(Client, null=True, backref="cadence_rules", on_delete="CASCADE")
    gesture = CharField()  # vocab.Gesture
    interval_days = IntegerField(constraints=[Check("interval_days > 0")])

    class Meta:
        constraints = [SQL("CHECK ((tier_id IS NULL) != (client_id IS NULL))")]


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()  # JSON


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Tier,
    Client,
    ClientSearch,
    ContactPoint,
    Relative,
    KeyDate,
    Preference,
    PreferenceChange,
    Aspiration,
    Promise,
    Event,
    EventAttendee,
    Interaction,
    CadenceRule,
    Setting,
)
