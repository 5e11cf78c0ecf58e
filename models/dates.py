"""Yearly dates with an optional year, the app-wide Feb 29 rule, ages, and parsing what
people type ("12 March", "1980-03-12", "12.3.1980", "--03-12").

Pure functions over the standard library; nothing here knows the database.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from models.errors import Problem, ValidationError
from models.vocab import Feb29Rule

MIN_YEAR = 1800
# A year in the future is accepted up to here: a wedding can be entered before it happens.
MAX_YEAR_AHEAD = 5

ENGLISH_MONTHS: tuple[tuple[str, ...], ...] = tuple(
    (calendar.month_name[m].lower(), calendar.month_abbr[m].lower()) for m in range(1, 13)
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A day of the year, with the year when it is known."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        check_partial_date(self.month, self.day, self.year)

    def iso(self) -> str:
        """ISO 8601 / vCard form: 1980-03-12, or --03-12 without a year."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


# The days of each month in a leap year: without a year, Feb 29 is a real birthday.
_MONTH_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_latest_year = 0  # the latest year accepted when last asked; it only grows with time


def check_partial_date(month: int, day: int, year: int | None, field: str = "date") -> None:
    # Every date of an import passes here twice: the clock is read only for a year past
    # the limit it gave last time.
    global _latest_year
    if year is not None and not MIN_YEAR <= year <= _latest_year:
        _latest_year = dt.date.today().year + MAX_YEAR_AHEAD
        if not MIN_YEAR <= year <= _latest_year:
            raise ValidationError(field, Problem.YEAR_OUT_OF_RANGE, year)
    if not 1 <= month <= 12:
        raise ValidationError(field, Problem.NO_SUCH_DAY, (month, day))
    last = _MONTH_DAYS[month]
    if month == 2 and year is not None and not calendar.isleap(year):
        last = 28
    if not 1 <= day <= last:
        raise ValidationError(field, Problem.NO_SUCH_DAY, (month, day, year))


def occurrence(month: int, day: int, year: int, rule: Feb29Rule = Feb29Rule.FEB_28) -> dt.date:
    """The date on which a yearly (month, day) is kept in `year`, per the app's Feb 29 rule."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return dt.date(year, 3, 1) if rule is Feb29Rule.MAR_1 else dt.date(year, 2, 28)
    return dt.date(year, month, day)


def next_occurrence(
    month: int, day: int, on_or_after: dt.date, rule: Feb29Rule = Feb29Rule.FEB_28
) -> dt.date:
    candidate = occurrence(month, day, on_or_after.year, rule)
    if candidate < on_or_after:
        candidate = occurrence(month, day, on_or_after.year + 1, rule)
    return candidate


def kept_in(year: int, since: int | None) -> bool:
    """Whether a yearly date that began in `since` is kept in `year`: nothing is kept
    before or in the year the date itself happened (a child's birth, a wedding)."""
    return since is None or year > since


def next_kept(
    month: int, day: int, since: int | None, on_or_after: dt.date, rule: Feb29Rule
) -> dt.date:
    """The next day, from `on_or_after`, on which the yearly date is kept."""
    if since is not None and on_or_after.year <= since:
        on_or_after = dt.date(since + 1, 1, 1)
    return next_occurrence(month, day, on_or_after, rule)


def age_on(birth: PartialDate, today: dt.date, rule: Feb29Rule = Feb29Rule.FEB_28) -> int | None:
    """Completed years today (for "Léa, 7"); None when the year is unknown."""
    if birth.year is None:
        return None
    had_birthday = today >= occurrence(birth.month, birth.day, today.year, rule)
    return today.year - birth.year - (0 if had_birthday else 1)


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NO_YEAR = re.compile(r"^(?:--)?(\d{1,2})-(\d{1,2})$")  # vCard --MM-DD, or MM-DD
_NUMERIC = re.compile(r"^(\d{1,2})([./])(\d{1,2})(?:[./](\d{4}|\d{2}))?\.?$")
# Chinese, Japanese and Korean: 1980年3月12日, 3月12日, 1980년 3월 12일.
_CJK = re.compile(r"^(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일号]?$")
_WORDS = re.compile(r"[^\W\d_]+\.?|\d+", re.UNICODE)
# Words that may stand between day, month and year: "12th of March", "12 de marzo".
_FILLERS = frozenset({"of", "the", "de", "del", "der", "den", "th", "st", "nd", "rd", "er"})


def parse_partial_date(
    text: str,
    *,
    month_names: Sequence[Sequence[str]] = ENGLISH_MONTHS,
    day_first: bool = True,
    field: str = "date",
) -> PartialDate | None:
    """What a person typed, as a PartialDate; None for blank. Raises ValidationError.

    Understood: ISO (1980-03-12, 19800312), vCard without year (--03-12, 03-12), numbers with
    dots (day first: 12.3.1980) or slashes (order from `day_first`), and month names in any
    order with the day ("12 March 1980", "March 12, 1980", "12 mars"), and the Chinese,
    Japanese and Korean forms (1980年3月12日, 3월 12일). `month_names` lists, per month,
    the names to accept (the UI passes its locale's long and short names).
    """
    s = " ".join(text.strip().split())
    if not s:
        return None
    try:
        return _parse(s, month_names, day_first, field)
    except ValueError:  # digits int() cannot read, dates datetime cannot build
        raise ValidationError(field, Problem.BAD_DATE, s) from None


def _parse(
    s: str, month_names: Sequence[Sequence[str]], day_first: bool, field: str
) -> PartialDate | None:
    if m := _ISO.match(s) or _ISO_BASIC.match(s):
        return _make(int(m[2]), int(m[3]), int(m[1]), field)
    if m := _NO_YEAR.match(s):
        return _make(int(m[1]), int(m[2]), None, field)
    if m := _CJK.match(s):
        return _make(int(m[2]), int(m[3]), int(m[1]) if m[1] else None, field)
    if m := _NUMERIC.match(s):
        a, sep, b, y = int(m[1]), m[2], int(m[3]), m[4]
        day, month = (a, b) if sep == "." or day_first else (b, a)
        return _make(month, day, _full_year(y, field) if y else None, field)
    return _parse_words(s, month_names, field)


def _parse_words(s: str, month_names: Sequence[Sequence[str]], field: str) -> PartialDate:
    lookup = {
        name.lower().rstrip("."): index + 1
        for index, names in enumerate(month_names)
        for name in names
        if name
    }
    month: int | None = None
    numbers: list[str] = []
    for token in _WORDS.findall(s.replace(",", " ")):
        word = token.lower().rstrip(".")
        if token.isdecimal():
            numbers.append(token)
        elif month is None and word in lookup:
            month = lookup[word]
        elif word not in _FILLERS:
            raise ValidationError(field, Problem.BAD_DATE, s)
    if month is None or not 1 <= len(numbers) <= 2:
        raise ValidationError(field, Problem.BAD_DATE, s)
    if len(numbers) == 1:
        return _make(month, int(numbers[0]), None, field)
    # "12 March 1980", "March 12, 1980" and "1980 March 12": the year is the one over 31.
    first, second = numbers
    day, year = (second, first) if int(first) > 31 else (first, second)
    return _make(month, int(day), _full_year(year, field), field)


def _full_year(text: str, field: str) -> int:
    if len(text) == 4:
        return int(text)
    if len(text) == 2:
        # Two digits: the most recent such year not in the future (a birthday or anniversary).
        two = int(text)
        this_year = dt.date.today().year
        year = this_year - this_year % 100 + two
        return year if year <= this_year else year - 100
    raise ValidationError(field, Problem.YEAR_OUT_OF_RANGE, text)


def _make(month: int, day: int, year: int | None, field: str) -> PartialDate:
    check_partial_date(month, day, year, field)
    return PartialDate(month, day, year)
