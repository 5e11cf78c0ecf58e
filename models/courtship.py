"""The courtship programme: the plan (tiers, and how often each gesture is due for them or
for one client), what is due and overdue, the tastes to re-confirm, and the appreciation
ledger. The window, the dashboard and the `due` command all read these.

When a gesture is due: the last time it was done (from the interaction log) plus the
interval of the client's own rule, else their tier's. Which logged kinds count as which
gesture is `SATISFIES`: any contact at all resets keep-in-touch, and a meal or a meeting
is as good as a check-in call. A gesture never done counts from the day the client was
added (or their first logged contact, if the log goes back further): an import of 300
contacts must not flood the list with years of "overdue". A snoozed client's items fall
due no earlier than the snooze's end.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from peewee import fn

from models import interactions
from models.cards import ClientCard, PreferenceData, PromiseData
from models.dashboard import promises_due
from models.entities import CadenceRule, Client, Interaction, Tier, database
from models.errors import NotFoundError, Problem, ValidationError
from models.interactions import ContactSummary, InteractionData
from models.storage import transaction
from models.validation import require, text_problem
from models.vocab import Gesture, InteractionKind, PromiseStatus

K = InteractionKind
SATISFIES: dict[Gesture, frozenset[InteractionKind]] = {
    Gesture.KEEP_IN_TOUCH: frozenset(InteractionKind),
    Gesture.CHECK_IN_CALL: frozenset({K.CALL, K.MEETING, K.MEAL, K.OUTING}),
    Gesture.THANK_YOU_MEAL: frozenset({K.MEAL}),
    Gesture.OUTING: frozenset({K.OUTING}),
    Gesture.GIFT: frozenset({K.GIFT}),
    Gesture.DISCOUNT: frozenset({K.DISCOUNT}),
    Gesture.PERSONAL_NOTE: frozenset({K.NOTE}),
}
# What to log when a gesture is done, for the one-click actions.
KIND_OF = {
    Gesture.KEEP_IN_TOUCH: K.CALL,
    Gesture.CHECK_IN_CALL: K.CALL,
    Gesture.THANK_YOU_MEAL: K.MEAL,
    Gesture.OUTING: K.OUTING,
    Gesture.GIFT: K.GIFT,
    Gesture.DISCOUNT: K.DISCOUNT,
    Gesture.PERSONAL_NOTE: K.NOTE,
}
# What the ledger counts as appreciation given (with a value).
GIVING_KINDS = frozenset({K.GIFT, K.DISCOUNT, K.MEAL, K.OUTING})

INTERVAL_MAX = 3650
WEIGHT_MAX = 10
TIER_NAME_MAX = 20
BUDGET_MAX_CENTS = 10**11  # a billion in any currency: beyond it, a typo
HORIZON_DAYS = 14  # "due soon": what the `due` command and the overdue view show ahead


# -- The plan ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TierPlan:
    name: str
    label: str = ""
    weight: int = 1
    yearly_budget_cents: int | None = None  # for each client of the tier
    rules: dict[str, int] = field(default_factory=dict)  # gesture -> interval in days
    id: int | None = None


@dataclass(frozen=True)
class ClientPlan:
    """One client's own terms: rules that override the tier's, a snooze, a budget."""

    client_id: int
    rules: dict[str, int] = field(default_factory=dict)
    snoozed_until: dt.date | None = None
    yearly_budget_cents: int | None = None


def plan() -> list[TierPlan]:
    rules: dict[int, dict[str, int]] = defaultdict(dict)
    for tier_id, gesture, days in (
        CadenceRule.select(CadenceRule.tier, CadenceRule.gesture, CadenceRule.interval_days)
        .where(CadenceRule.tier.is_null(False))
        .tuples()
    ):
        rules[tier_id][gesture] = days
    return [
        TierPlan(t.name, t.label, t.weight, t.yearly_budget_cents, _in_order(rules[t.id]), t.id)
        for t in Tier.select().order_by(Tier.position, Tier.name)
    ]


def clients_in_tiers() -> dict[int, int]:
    """How many (not deleted) clients each tier has: the plan editor warns before emptying one."""
    query = (
        Client.select(Client.tier, fn.COUNT(Client.id))
        .where(Client.tier.is_null(False) & Client.deleted_at.is_null())
        .group_by(Client.tier)
    )
    return dict(query.tuples())


def save_plan(tiers: Sequence[TierPlan]) -> list[TierPlan]:
    """Make the plan exactly `tiers`, in that order: new tiers (no id) are created, tiers
    left out are deleted (their clients keep no tier), rules are replaced. All or nothing."""
    seen: set[str] = set()
    for tier in tiers:
        check_tier(tier)
        if tier.name.strip().casefold() in seen:
            raise ValidationError("tier", Problem.DUPLICATE, tier.name)
        seen.add(tier.name.strip().casefold())
    with transaction():
        keep = [t.id for t in tiers if t.id is not None]
        Tier.delete().where(Tier.id.not_in(keep)).execute()
        # Names are unique: park the kept ones first so that two tiers can swap names.
        for tier_id in keep:
            Tier.update(name=f"\x00{tier_id}").where(Tier.id == tier_id).execute()
        saved = []
        for position, tier in enumerate(tiers):
            columns = {
                "name": tier.name.strip(),
                "label": tier.label.strip(),
                "weight": tier.weight,
                "position": position,
                "yearly_budget_cents": tier.yearly_budget_cents,
            }
            if tier.id is None:
                tier_id = Tier.insert(**columns).execute()
            elif Tier.update(**columns).where(Tier.id == tier.id).execute() == 0:
                raise NotFoundError(tier.id)
            else:
                tier_id = tier.id
            _replace_rules(tier_id=tier_id, rules=tier.rules)
            saved.append(TierPlan(**{**tier.__dict__, "name": columns["name"], "id": tier_id}))
    return saved


def client_plan(client_id: int) -> ClientPlan:
    row = Client.get_or_none((Client.id == client_id) & Client.deleted_at.is_null())
    if row is None:
        raise NotFoundError(client_id)
    rules = CadenceRule.select(CadenceRule.gesture, CadenceRule.interval_days).where(
        CadenceRule.client == client_id
    )
    return ClientPlan(
        client_id, _in_order(dict(rules.tuples())), row.snoozed_until, row.yearly_budget_cents
    )


def save_client_plan(terms: ClientPlan) -> ClientPlan:
    check_budget(terms.yearly_budget_cents)
    check_rules(terms.rules)
    with transaction():
        updated = (
            Client.update(
                snoozed_until=terms.snoozed_until, yearly_budget_cents=terms.yearly_budget_cents
            )
            .where((Client.id == terms.client_id) & Client.deleted_at.is_null())
            .execute()
        )
        if not updated:
            raise NotFoundError(terms.client_id)
        _replace_rules(client_id=terms.client_id, rules=terms.rules)
    return terms


def snooze(client_id: int, until: dt.date | None) -> ClientPlan:
    """Leave a client off the due list until `until` (None: wake them now)."""
    terms = client_plan(client_id)
    return save_client_plan(ClientPlan(**{**terms.__dict__, "snoozed_until": until}))


def _in_order(rules: dict[str, int]) -> dict[str, int]:
    return {g.value: rules[g.value] for g in Gesture if g.value in rules}


def check_tier(tier: TierPlan) -> None:
    name = tier.name.strip()
    require("tier", text_problem(name, required=True, limit=TIER_NAME_MAX), tier.name)
    require("label", text_problem(tier.label, limit=200), tier.label)
    if not _whole(tier.weight) or not 1 <= tier.weight <= WEIGHT_MAX:
        raise ValidationError("weight", Problem.OUT_OF_RANGE, tier.weight)
    check_budget(tier.yearly_budget_cents)
    check_rules(tier.rules)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_rules(rules: dict[str, int]) -> None:
    for gesture, days in rules.items():
        if gesture not in Gesture._value2member_map_:
            raise ValidationError("gesture", Problem.UNKNOWN_VALUE, gesture)
        if not _whole(days) or not 1 <= days <= INTERVAL_MAX:
            raise ValidationError("interval", Problem.OUT_OF_RANGE, days)


def check_budget(cents: int | None) -> None:
    if cents is not None and (not _whole(cents) or not 0 <= cents <= BUDGET_MAX_CENTS):
        raise ValidationError("budget", Problem.OUT_OF_RANGE, cents)


def _replace_rules(*, rules: dict[str, int], tier_id: int | None = None, client_id=None) -> None:
    owner = CadenceRule.tier == tier_id if tier_id is not None else CadenceRule.client == client_id
    CadenceRule.delete().where(owner).execute()
    if rules:
        CadenceRule.insert_many(
            [
                {"tier": tier_id, "client": client_id, "gesture": g, "interval_days": d}
                for g, d in rules.items()
            ]
        ).execute()


# -- Due and overdue ---------------------------------------------------------------------


class DueItem(NamedTuple):
    """A tuple: the due list holds one per client and gesture (40k at 10k clients)."""

    client_id: int
    client_name: str
    tier: str  # "" when the rule is the client's own and they have no tier
    weight: int  # the tier's; 1 without a tier
    gesture: str  # vocab.Gesture
    interval_days: int
    last_done: dt.date | None
    due: dt.date
    days_overdue: int  # negative: due in that many days

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def due_items(
    today: dt.date, horizon_days: int = HORIZON_DAYS, client_ids: Sequence[int] | None = None
) -> list[DueItem]:
    """Every gesture overdue or due within `horizon_days`, for clients neither archived nor
    deleted (or only these). Overdue first, the most pressing first (days overdue times the
    tier's weight), then what falls due soon, soonest first."""
    tiers = {t.id: (t.name, t.weight) for t in Tier.select(Tier.id, Tier.name, Tier.weight)}
    tier_rules: dict[int, dict[str, int]] = defaultdict(dict)
    own_rules: dict[int, dict[str, int]] = defaultdict(dict)
    for tier_id, client_id, gesture, days in CadenceRule.select(
        CadenceRule.tier, CadenceRule.client, CadenceRule.gesture, CadenceRule.interval_days
    ).tuples():
        (tier_rules[tier_id] if tier_id is not None else own_rules[client_id])[gesture] = days

    last: dict[int, dict[str, dt.date]] = defaultdict(dict)
    first: dict[int, dt.date] = {}
    parse = Interaction.occurred_on.python_value
    done_query = Interaction.select(
        Interaction.client,
        Interaction.kind,
        fn.MAX(Interaction.occurred_on),
        fn.MIN(Interaction.occurred_on),
    ).group_by(Interaction.client, Interaction.kind)
    clients = Client.select(
        Client.id, Client.name, Client.tier, Client.created_at, Client.snoozed_until
    ).where(Client.deleted_at.is_null() & ~Client.archived)
    if client_ids is not None:
        done_query = done_query.where(Interaction.client.in_(list(client_ids)))
        clients = clients.where(Client.id.in_(list(client_ids)))
    for client_id, kind, latest, earliest in database.execute(done_query).fetchall():
        last[client_id][kind] = parse(latest)
        earliest = parse(earliest)
        first[client_id] = min(first.get(client_id, earliest), earliest)

    horizon = today + dt.timedelta(days=horizon_days)
    kinds = {g.value: tuple(k.value for k in SATISFIES[g]) for g in Gesture}

    def steps_of(rules: dict[str, int]) -> list[tuple[str, int, dt.timedelta, tuple[str, ...]]]:
        """(gesture, interval in days and as a timedelta, the kinds that satisfy it)."""
        return [
            (gesture, days, dt.timedelta(days=days), kinds[gesture])
            for gesture, days in rules.items()
        ]

    # Made once per tier, not once per client: a dashboard of 100k clients asks for 400k.
    tier_steps = {tier_id: steps_of(rules) for tier_id, rules in tier_rules.items()}
    keyed = []
    for client_id, name, tier_id, created_at, snoozed in database.execute(clients).fetchall():
        own = own_rules.get(client_id)
        if own is None:
            steps = tier_steps.get(tier_id)
            if not steps:
                continue
        else:
            steps = steps_of({**tier_rules.get(tier_id, {}), **own})
        tier, weight = tiers.get(tier_id, ("", 1))
        done = last.get(client_id)
        created = dt.date.fromisoformat(str(created_at)[:10])  # stored "YYYY-MM-DD HH:MM..."
        start = min(created, first.get(client_id, created))
        wake = None if snoozed is None else Client.snoozed_until.python_value(snoozed)
        for gesture, days, interval, satisfied_by in steps:
            last_done = None
            if done:
                found = [done[k] for k in satisfied_by if k in done]
                last_done = max(found) if found else None
            due = (last_done or start) + interval
            if wake is not None and wake > due:
                due = wake
            if due <= horizon:
                late = (today - due).days
                # Overdue first, by days overdue times weight; then the soonest due.
                key = (0, -late * weight) if late > 0 else (1, -late)
                item = DueItem(client_id, name, tier, weight, gesture, days, last_done, due, late)
                keyed.append((key, -weight, name.casefold(), item))
    keyed.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in keyed]


@dataclass(frozen=True)
class DueLine:
    """A line of the `due` command: a gesture or a promise."""

    due: dt.date
    client_id: int
    client_name: str
    what: str  # the gesture, or the promise's text
    days_overdue: int
    gesture: str = ""  # vocab.Gesture; "" for a promise
    promise_id: int | None = None


def due_lines(today: dt.date, horizon_days: int = HORIZON_DAYS) -> list[DueLine]:
    """Gestures and open promises overdue or due within `horizon_days`, by date."""
    lines = [
        DueLine(i.due, i.client_id, i.client_name, i.gesture, i.days_overdue, gesture=i.gesture)
        for i in due_items(today, horizon_days)
    ]
    lines += [
        DueLine(
            p.due, p.client_id, p.client_name, p.what, (today - p.due).days, promise_id=p.promise_id
        )
        for p in promises_due(today, today + dt.timedelta(days=horizon_days))
    ]
    return sorted(lines, key=lambda line: (line.due, line.client_name.casefold(), line.what))


# -- Tastes to re-confirm ----------------------------------------------------------------


def to_reconfirm(card: ClientCard, today: dt.date, interval_days: int) -> list[PreferenceData]:
    """The tastes to confirm at the next meeting: never confirmed, or not for `interval_days`.
    Oldest first (never confirmed before all), then in the card's order."""
    limit = today - dt.timedelta(days=interval_days)
    stale = [p for p in card.preferences if p.last_confirmed is None or p.last_confirmed <= limit]
    return sorted(stale, key=lambda p: p.last_confirmed or dt.date.min)


def confirmed(card: ClientCard, preference_ids: Iterable[int], today: dt.date) -> ClientCard:
    """The card with these tastes confirmed today, to save like any edit (and undo)."""
    ids = set(preference_ids)
    prefs = tuple(
        PreferenceData(**{**p.__dict__, "last_confirmed": today}) if p.id in ids else p
        for p in card.preferences
    )
    return ClientCard(**{**card.__dict__, "preferences": prefs})


# -- The appreciation ledger -------------------------------------------------------------


@dataclass(frozen=True)
class Given:
    interaction_id: int
    client_id: int
    client_name: str
    tier: str
    occurred_on: dt.date
    kind: str  # vocab.InteractionKind
    summary: str
    value_cents: int


@dataclass(frozen=True)
class LedgerLine:
    client_id: int
    client_name: str
    tier: str
    count: int
    by_kind: dict[str, int]  # kind -> cents
    total_cents: int
    budget_cents: int | None  # the client's own, else their tier's; None: no budget

    @property
    def remaining_cents(self) -> int | None:
        return None if self.budget_cents is None else self.budget_cents - self.total_cents


@dataclass(frozen=True)
class TierTotal:
    tier: str
    clients: int  # clients of the tier (not only those who received something)
    receiving: int  # of whom received something
    total_cents: int
    budget_cents: int | None  # the sum of the budgets of the tier's clients
    # What went to the clients who have a budget: set against budget_cents, so that a
    # client without one does not make the tier look over budget.
    budgeted_cents: int = 0


@dataclass(frozen=True)
class Ledger:
    start: dt.date  # inclusive
    end: dt.date  # inclusive
    entries: list[Given]
    lines: list[LedgerLine]  # every client with something given or a budget, most given first
    tiers: list[TierTotal]


def year_before(day: dt.date) -> dt.date:
    """The day after the same date a year earlier: a window of exactly one year (Feb 29
    counts back to Mar 1)."""
    try:
        return day.replace(year=day.year - 1) + dt.timedelta(days=1)
    except ValueError:  # Feb 29
        return dt.date(day.year - 1, 3, 1)


def ledger(today: dt.date, start: dt.date | None = None, end: dt.date | None = None) -> Ledger:
    """What was given (interactions of GIVING_KINDS with a value) from `start` (default:
    the twelve months up to `end`) to `end` (default: today), per client and per tier,
    against the yearly budgets."""
    end = end or today
    start = start or year_before(end)
    tiers = {t.id: t for t in Tier.select()}
    # Plain cursors, as in due_items: peewee's row conversion took most of a second for
    # 10k clients and 20k entries.
    clients = {
        cid: (name, tier_id, budget)
        for cid, name, tier_id, budget in database.execute(
            Client.select(Client.id, Client.name, Client.tier, Client.yearly_budget_cents).where(
                Client.deleted_at.is_null()
            )
        ).fetchall()
    }
    query = (
        Interaction.select(
            Interaction.id,
            Interaction.client,
            Interaction.occurred_on,
            Interaction.kind,
            Interaction.summary,
            Interaction.value_cents,
        )
        .where(
            Interaction.kind.in_(list(GIVING_KINDS))
            & Interaction.value_cents.is_null(False)
            & (Interaction.occurred_on >= start)
            & (Interaction.occurred_on <= end)
        )
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
    )
    entries = []
    parse = Interaction.occurred_on.python_value
    for iid, cid, on, kind, summary, cents in database.execute(query).fetchall():
        if cid not in clients:
            continue  # deleted, waiting for purge
        name, tier_id, _budget = clients[cid]
        tier = tiers[tier_id].name if tier_id in tiers else ""
        entries.append(Given(iid, cid, name, tier, parse(on), kind, summary, cents))

    def budget(cid: int) -> int | None:
        _name, tier_id, own = clients[cid]
        if own is not None:
            return own
        return tiers[tier_id].yearly_budget_cents if tier_id in tiers else None

    per_client: dict[int, list[Given]] = defaultdict(list)
    for entry in entries:
        per_client[entry.client_id].append(entry)
    lines = []
    for cid, (name, tier_id, _own) in clients.items():
        given = per_client.get(cid, [])
        if not given and budget(cid) is None:
            continue
        by_kind: dict[str, int] = defaultdict(int)
        for g in given:
            by_kind[g.kind] += g.value_cents
        tier = tiers[tier_id].name if tier_id in tiers else ""
        total = sum(by_kind.values())
        lines.append(LedgerLine(cid, name, tier, len(given), dict(by_kind), total, budget(cid)))
    lines.sort(key=lambda line: (-line.total_cents, line.client_name.casefold()))

    totals = []
    for tier_id, tier in [*tiers.items(), (None, None)]:
        members = [cid for cid, (_n, t, _b) in clients.items() if t == tier_id]
        if tier is None and not members:
            continue
        budgeted = [cid for cid in members if budget(cid) is not None]
        given_to = {cid for cid in members if per_client.get(cid)}
        totals.append(
            TierTotal(
                tier.name if tier is not None else "",
                len(members),
                len(given_to),
                sum(g.value_cents for cid in given_to for g in per_client[cid]),
                sum(budget(cid) or 0 for cid in budgeted) if budgeted else None,
                sum(g.value_cents for cid in budgeted for g in per_client.get(cid, ())),
            )
        )
    position = {t.id: t.position for t in tiers.values()}
    name_position = {t.name: position[t.id] for t in tiers.values()}
    totals.sort(key=lambda t: (t.tier == "", name_position.get(t.tier, 0), t.tier))
    return Ledger(start, end, entries, lines, totals)


# -- On a card -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CardCourtship:
    """What a card shows of the programme: at its top, what needs attention; further down,
    the history with the last contact and how the moments went."""

    due: list[DueItem]  # overdue or due within a week
    late_promises: list[PromiseData]
    promises_this_week: list[PromiseData]
    to_reconfirm: list[PreferenceData]
    snoozed_until: dt.date | None
    timeline: list[InteractionData]
    contact: ContactSummary


def for_card(card: ClientCard, today: dt.date, reconfirm_days: int) -> CardCourtship:
    week = today + dt.timedelta(days=7)
    open_promises = [p for p in card.promises if p.status == PromiseStatus.OPEN and p.due]
    client_id = card.id or 0
    snoozed = Client.select(Client.snoozed_until).where(Client.id == client_id).scalar()
    return CardCourtship(
        due=due_items(today, 7, client_ids=[client_id]),
        late_promises=[p for p in open_promises if p.is_late(today)],
        promises_this_week=[p for p in open_promises if today <= p.due <= week],  # type: ignore[operator]
        to_reconfirm=to_reconfirm(card, today, reconfirm_days),
        snoozed_until=Client.snoozed_until.python_value(snoozed),
        timeline=interactions.timeline(client_id),
        contact=interactions.summary(client_id, today),
    )
