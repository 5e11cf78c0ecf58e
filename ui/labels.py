"""The words people read for stored values and for validation problems, translated.

models/ stores codes ("wedding_anniversary", Problem.BAD_EMAIL); this module is the one
place that turns them into text, so every view says the same thing.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from models.dates import ENGLISH_MONTHS, PartialDate
from models.errors import Problem
from models.vocab import (
    AspirationStatus,
    ContactKind,
    DateKind,
    EventKind,
    EventStatus,
    Gesture,
    InteractionKind,
    PreferenceCategory,
    PromiseStatus,
    Relation,
    Tone,
)


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def contact_kinds() -> dict[str, str]:
    return {
        ContactKind.EMAIL: _t("Email"),
        ContactKind.PHONE: _t("Phone"),
        ContactKind.ADDRESS: _t("Address"),
        ContactKind.WEB: _t("Web"),
    }


def relations() -> dict[str, str]:
    return {
        Relation.SPOUSE: _t("Spouse"),
        Relation.PARTNER: _t("Partner"),
        Relation.CHILD: _t("Child"),
        Relation.PARENT: _t("Parent"),
        Relation.SIBLING: _t("Sibling"),
        Relation.GRANDCHILD: _t("Grandchild"),
        Relation.GRANDPARENT: _t("Grandparent"),
        Relation.ASSISTANT: _t("Assistant"),
        Relation.COLLEAGUE: _t("Colleague"),
        Relation.FRIEND: _t("Friend"),
        Relation.PET: _t("Pet"),
        Relation.OTHER: _t("Other"),
    }


def date_kinds() -> dict[str, str]:
    return {
        DateKind.BIRTHDAY: _t("Birthday"),
        DateKind.WEDDING_ANNIVERSARY: _t("Wedding anniversary"),
        DateKind.BUSINESS_ANNIVERSARY: _t("Business anniversary"),
        DateKind.NAME_DAY: _t("Name day"),
        DateKind.CUSTOM: _t("Other date"),
    }


def preference_categories() -> dict[str, str]:
    return {
        PreferenceCategory.DRINK: _t("Drink"),
        PreferenceCategory.FOOD: _t("Food"),
        PreferenceCategory.DESSERT: _t("Dessert"),
        PreferenceCategory.RESTAURANT: _t("Restaurant"),
        PreferenceCategory.DIETARY: _t("Dietary need"),
        PreferenceCategory.ALLERGY: _t("Allergy"),
        PreferenceCategory.HOBBY: _t("Hobby"),
        PreferenceCategory.TEAM: _t("Team"),
        PreferenceCategory.INTEREST: _t("Interest"),
        PreferenceCategory.GIFT_LIKE: _t("Gift they'd love"),
        PreferenceCategory.GIFT_DISLIKE: _t("Gift to avoid"),
        PreferenceCategory.DISLIKE: _t("Dislike"),
        PreferenceCategory.OTHER: _t("Other"),
    }


def aspiration_statuses() -> dict[str, str]:
    return {
        AspirationStatus.DREAM: _t("Dream"),
        AspirationStatus.IN_PROGRESS: _t("In progress"),
        AspirationStatus.ACHIEVED: _t("Achieved"),
    }


def promise_statuses() -> dict[str, str]:
    return {
        PromiseStatus.OPEN: _t("Open"),
        PromiseStatus.KEPT: _t("Kept"),
        PromiseStatus.DROPPED: _t("Dropped"),
    }


def event_kinds() -> dict[str, str]:
    return {
        EventKind.THANK_YOU_MEAL: _t("Thank-you meal"),
        EventKind.OUTING: _t("Outing or sporting event"),
        EventKind.GIFT_DELIVERY: _t("Gift delivery"),
        EventKind.CALL: _t("Call"),
        EventKind.OTHER: _t("Other"),
    }


def event_statuses() -> dict[str, str]:
    return {
        EventStatus.PLANNED: _t("Planned"),
        EventStatus.DONE: _t("Done"),
        EventStatus.CANCELLED: _t("Cancelled"),
    }


def interaction_kinds() -> dict[str, str]:
    return {
        InteractionKind.CALL: _t("Call"),
        InteractionKind.MEETING: _t("Meeting"),
        InteractionKind.MEAL: _t("Meal"),
        InteractionKind.OUTING: _t("Outing"),
        InteractionKind.GIFT: _t("Gift"),
        InteractionKind.DISCOUNT: _t("Great-customer discount"),
        InteractionKind.NOTE: _t("Personal note"),
        InteractionKind.EMAIL: _t("Email"),
        InteractionKind.MESSAGE: _t("Message"),
        InteractionKind.OTHER: _t("Other"),
    }


def tones() -> dict[str, str]:
    return {
        Tone.POSITIVE: _t("Went well"),
        Tone.NEUTRAL: _t("Neutral"),
        Tone.NEGATIVE: _t("Went badly"),
    }


def gestures() -> dict[str, str]:
    return {
        Gesture.KEEP_IN_TOUCH: _t("Keep in touch"),
        Gesture.CHECK_IN_CALL: _t("Check-in call"),
        Gesture.THANK_YOU_MEAL: _t("Thank-you meal"),
        Gesture.OUTING: _t("Outing"),
        Gesture.GIFT: _t("Gift"),
        Gesture.DISCOUNT: _t("Great-customer discount"),
        Gesture.PERSONAL_NOTE: _t("Personal note"),
    }


def every(days: int | None) -> str:
    """A cadence as people say it: "every 3 weeks", "every 6 months", "every 45 days";
    "" for none. Whole weeks, months (of 30 days) and years read better than day counts."""
    if days is None:
        return ""
    if days == 1:
        return _t("every day")
    if days % 365 == 0:
        n = days // 365
        return _t("every year") if n == 1 else _t("every {n} years").format(n=n)
    if days % 30 == 0:
        n = days // 30
        return _t("every month") if n == 1 else _t("every {n} months").format(n=n)
    if days % 7 == 0 and days < 100:
        n = days // 7
        return _t("every week") if n == 1 else _t("every {n} weeks").format(n=n)
    return _t("every {n} days").format(n=days)


def money(cents: int | None, currency: str = "") -> str:
    """Cents as the locale writes money, with the owner's currency (an ISO code) or the
    system's symbol; "" for no amount."""
    if cents is None:
        return ""
    locale = QLocale()
    own = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    if not currency or currency == own:
        symbol = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
        return locale.toCurrencyString(cents / 100, symbol)
    # Another country's money keeps its code: symbols are ambiguous ("$" is a dozen
    # currencies). Two decimals, because a yen locale would round euros to whole ones.
    text = locale.toCurrencyString(cents / 100, currency, 2)
    at = text.find(currency)
    if at < 0:
        return text
    before, after = text[:at], text[at + len(currency) :]
    # Set apart from the digits ("EUR 12.50", not "EUR12.50"), as CLDR writes codes.
    if before[-1:].isdigit():
        before += "\u00a0"
    if after[:1].isdigit():
        after = "\u00a0" + after
    return before + currency + after


def relation_of(relation: str, client: str) -> str:
    """ "spouse of María José"."""
    return _t("{relation} of {client}").format(
        relation=relations().get(relation, relation).lower(), client=client
    )


def years(kind: str, years: int | None) -> str:
    """ "turns 47", "20 years", or "" when the year is unknown."""
    if years is None or kind == DateKind.NAME_DAY:
        return ""
    if kind == DateKind.BIRTHDAY:
        return _t("turns {n}").format(n=years)
    return _t("{n} years").format(n=years) if years != 1 else _t("1 year")


def problem(problem: Problem) -> str:
    """A sentence for why a value was refused, to show next to the field."""
    return {
        Problem.REQUIRED: _t("This cannot be empty."),
        Problem.TOO_LONG: _t("This is too long."),
        Problem.BAD_EMAIL: _t("This is not an email address (name@example.com)."),
        Problem.BAD_PHONE: _t("This is not a phone number: digits, spaces and + ( ) - only."),
        Problem.BAD_URL: _t("This is not a web address (example.com)."),
        Problem.BAD_DATE: _t("Not a date. Try “12 March”, “12 March 1980” or “1980-03-12”."),
        Problem.NO_SUCH_DAY: _t("That day does not exist."),
        Problem.YEAR_OUT_OF_RANGE: _t("That year is out of range."),
        Problem.OUT_OF_RANGE: _t("That number is out of range."),
        Problem.UNKNOWN_VALUE: _t("Choose one of the listed values."),
        Problem.DUPLICATE: _t("That name is already taken."),
    }[problem]


def month_names() -> tuple[tuple[str, ...], ...]:
    """Per month, the names the date parser accepts: the locale's, then English."""
    locale = QLocale()
    return tuple(
        (
            locale.monthName(m, QLocale.FormatType.LongFormat),
            locale.monthName(m, QLocale.FormatType.ShortFormat),
            locale.standaloneMonthName(m, QLocale.FormatType.LongFormat),
            *ENGLISH_MONTHS[m - 1],
        )
        for m in range(1, 13)
    )


def day_first() -> bool:
    """Whether the locale writes the day before the month in numeric dates."""
    pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat).lower()
    return pattern.find("d") < pattern.find("m")


def partial_date(value: PartialDate | None) -> str:
    """ "12 Mar 1980", or "12 Mar" when the year is unknown."""
    if value is None:
        return ""
    month = QLocale().monthName(value.month, QLocale.FormatType.ShortFormat)
    text = f"{value.day} {month}"
    return f"{text} {value.year}" if value.year is not None else text


def date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return QLocale().toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


def ago(value: dt.date | None, today: dt.date) -> str:
    """Roughly how long ago: "today", "3 days ago", "5 weeks ago", "7 months ago"."""
    if value is None:
        return ""
    days = (today - value).days
    if days <= 0:
        return _t("today")
    if days == 1:
        return _t("yesterday")
    if days < 14:
        return _t("{n} days ago").format(n=days)
    if days < 60:
        return _t("{n} weeks ago").format(n=days // 7)
    if days < 730:
        return _t("{n} months ago").format(n=days // 30)
    return _t("{n} years ago").format(n=days // 365)


def relative_day(value: dt.date | None, today: dt.date) -> str:
    """ "today", "in 3 days", "12 days ago", else the date."""
    if value is None:
        return ""
    days = (value - today).days
    if days == 0:
        return _t("today")
    if days == 1:
        return _t("tomorrow")
    if days == -1:
        return _t("yesterday")
    if 1 < days <= 30:
        return _t("in {n} days").format(n=days)
    if -60 <= days < -1:
        return _t("{n} days ago").format(n=-days)
    if 0 < days <= 330:  # within the coming year, the year goes without saying
        return QLocale().toString(QDate(value.year, value.month, value.day), "d MMM")
    return date(value)
