from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale

from ui import labels

L, C = QLocale.Language, QLocale.Country


@pytest.fixture
def locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("language", "country", "cents", "currency", "expected"),
    [
        # The locale's own currency (or none set): its symbol and its way.
        (L.English, C.UnitedStates, 123_450, "", "$1,234.50"),
        (L.English, C.UnitedStates, 123_450, "USD", "$1,234.50"),
        (L.German, C.Germany, 123_450, "EUR", "1.234,50\u00a0€"),
        (L.German, C.Germany, -4_500, "", "-45,00\u00a0€"),
        # Another currency: its code, apart from the digits, and always the cents.
        (L.English, C.UnitedStates, 123_450, "EUR", "EUR\u00a01,234.50"),
        (L.German, C.Germany, 123_450, "USD", "1.234,50\u00a0USD"),
        (L.Japanese, C.Japan, 123_450, "EUR", "EUR\u00a01,234.50"),
        (L.English, C.UnitedStates, -4_500, "EUR", "(EUR\u00a045.00)"),
        (L.English, C.UnitedStates, None, "EUR", ""),
    ],
)
def test_money_in_the_locale_s_way(
    locale, language, country, cents: int | None, currency: str, expected: str
) -> None:
    QLocale.setDefault(QLocale(language, country))
    assert labels.money(cents, currency) == expected
