"""Amounts typed as the locale writes decimals, held as whole cents."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale

from ui.money_edit import cents_text, parse_cents


@pytest.fixture
def german() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("text", "cents"),
    [("", None), ("  ", None), ("0", 0), ("12", 1200), ("1250.5", 125_050), ("0.07", 7)],
)
def test_typed_amounts_become_cents(text: str, cents: int | None) -> None:
    assert parse_cents(text) == cents


@pytest.mark.parametrize("text", ["abc", "-5", "12..5", "1e20"])
def test_what_is_no_amount_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_cents(text)


def test_the_locale_decimal_comma_is_read_and_written(german) -> None:
    assert parse_cents("1250,50") == 125_050
    assert parse_cents("1250.50") == 125_050  # the plain form every keyboard can type
    assert cents_text(125_050) == "1250,50"
