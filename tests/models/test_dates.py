import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.dates import (
    MAX_YEAR_AHEAD,
    PartialDate,
    age_on,
    check_partial_date,
    next_kept,
    next_occurrence,
    occurrence,
    parse_partial_date,
)
from models.errors import Problem, ValidationError
from models.vocab import Feb29Rule

FRENCH_LONG = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
FRENCH_SHORT = "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc."
FRENCH = tuple(zip(FRENCH_LONG.split(), FRENCH_SHORT.split(), strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980-03-12", PartialDate(3, 12, 1980)),
        ("19800312", PartialDate(3, 12, 1980)),
        ("--03-12", PartialDate(3, 12)),
        ("03-12", PartialDate(3, 12)),
        ("12.3.1980", PartialDate(3, 12, 1980)),
        ("12.03.", PartialDate(3, 12)),
        ("12 March 1980", PartialDate(3, 12, 1980)),
        ("March 12, 1980", PartialDate(3, 12, 1980)),
        ("1980 March 12", PartialDate(3, 12, 1980)),
        ("12th of March", PartialDate(3, 12)),
        ("  29   feb ", PartialDate(2, 29)),
        ("Feb 29 1984", PartialDate(2, 29, 1984)),
        ("1980年3月12日", PartialDate(3, 12, 1980)),
        ("3月12日", PartialDate(3, 12)),
        ("1980년 3월 12일", PartialDate(3, 12, 1980)),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_understands_common_forms(text: str, expected: PartialDate | None) -> None:
    assert parse_partial_date(text) == expected


def test_parse_slashes_follow_the_locale_order() -> None:
    assert parse_partial_date("3/12/1980", day_first=True) == PartialDate(12, 3, 1980)
    assert parse_partial_date("3/12/1980", day_first=False) == PartialDate(3, 12, 1980)


def test_parse_accepts_the_locale_month_names() -> None:
    assert parse_partial_date("12 févr. 1990", month_names=FRENCH) == PartialDate(2, 12, 1990)
    assert parse_partial_date("1er mai", month_names=FRENCH) == PartialDate(5, 1)


def test_two_digit_years_are_never_in_the_future() -> None:
    this_year = dt.date.today().year
    parsed = parse_partial_date(f"1.1.{(this_year + 1) % 100:02d}")
    assert parsed is not None and parsed.year == this_year + 1 - 100


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("31 April", Problem.NO_SUCH_DAY),
        ("29 Feb 1981", Problem.NO_SUCH_DAY),
        ("1980-13-01", Problem.NO_SUCH_DAY),
        ("next Tuesday", Problem.BAD_DATE),
        ("12", Problem.BAD_DATE),
        ("March", Problem.BAD_DATE),
        ("1700-01-01", Problem.YEAR_OUT_OF_RANGE),
        ("² March", Problem.BAD_DATE),  # a superscript digit is not a day
        ("13月40日", Problem.NO_SUCH_DAY),
    ],
)
def test_parse_refuses_with_the_reason(text: str, problem: Problem) -> None:
    with pytest.raises(ValidationError) as info:
        parse_partial_date(text, field="birthday")
    assert info.value.problem is problem
    assert info.value.field == "birthday"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_iso_round_trips(day: dt.date) -> None:
    partial = PartialDate(day.month, day.day, day.year)
    assert parse_partial_date(partial.iso()) == partial
    assert parse_partial_date(PartialDate(day.month, day.day).iso()) == PartialDate(
        day.month, day.day
    )


@pytest.mark.parametrize(
    ("year", "rule", "expected"),
    [
        (2028, Feb29Rule.FEB_28, dt.date(2028, 2, 29)),
        (2028, Feb29Rule.MAR_1, dt.date(2028, 2, 29)),
        (2027, Feb29Rule.FEB_28, dt.date(2027, 2, 28)),
        (2027, Feb29Rule.MAR_1, dt.date(2027, 3, 1)),
        (2100, Feb29Rule.FEB_28, dt.date(2100, 2, 28)),  # not a leap year
        (2000, Feb29Rule.MAR_1, dt.date(2000, 2, 29)),  # a leap year
    ],
)
def test_feb_29_follows_the_rule_in_common_years(
    year: int, rule: Feb29Rule, expected: dt.date
) -> None:
    assert occurrence(2, 29, year, rule) == expected


def test_next_occurrence_wraps_to_next_year() -> None:
    assert next_occurrence(1, 5, dt.date(2026, 12, 30)) == dt.date(2027, 1, 5)
    assert next_occurrence(12, 30, dt.date(2026, 12, 30)) == dt.date(2026, 12, 30)


def test_age_counts_completed_years_and_is_unknown_without_a_year() -> None:
    leapling = PartialDate(2, 29, 1980)
    assert age_on(leapling, dt.date(2027, 2, 27)) == 46
    assert age_on(leapling, dt.date(2027, 2, 28)) == 47
    assert age_on(leapling, dt.date(2027, 2, 28), Feb29Rule.MAR_1) == 46
    assert age_on(PartialDate(6, 1), dt.date(2027, 6, 1)) is None


def test_a_date_is_kept_only_after_the_year_it_happened() -> None:
    rule = Feb29Rule.FEB_28
    assert next_kept(6, 1, 2028, dt.date(2026, 11, 27), rule) == dt.date(2029, 6, 1)
    assert next_kept(6, 1, 2020, dt.date(2026, 11, 27), rule) == dt.date(2027, 6, 1)
    assert next_kept(6, 1, None, dt.date(2026, 11, 27), rule) == dt.date(2027, 6, 1)


def test_check_partial_date_knows_leap_years_and_the_year_limit() -> None:
    check_partial_date(2, 29, None)  # a birthday without its year
    check_partial_date(2, 29, 2000)
    for month, day, year in [(2, 29, 1900), (2, 29, 2023), (4, 31, None), (2, 30, None)]:
        with pytest.raises(ValidationError) as refused:
            check_partial_date(month, day, year)
        assert refused.value.problem is Problem.NO_SUCH_DAY
    latest = dt.date.today().year + MAX_YEAR_AHEAD
    check_partial_date(1, 1, latest)
    with pytest.raises(ValidationError) as refused:
        check_partial_date(1, 1, latest + 1)
    assert refused.value.problem is Problem.YEAR_OUT_OF_RANGE
