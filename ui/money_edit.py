"""A box for an amount of money, typed as the locale writes decimals ("1250.50", "1.250,50")
and held as whole cents; blank means "no amount"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QLineEdit

from models.courtship import BUDGET_MAX_CENTS


def _editing_locale() -> QLocale:
    # No group separators in the box: "1250.50" is easier to change than "1,250.50".
    locale = QLocale()
    locale.setNumberOptions(locale.numberOptions() | QLocale.NumberOption.OmitGroupSeparator)
    return locale


def cents_text(cents: int | None) -> str:
    """Cents as a decimal to edit ("1250.50" or "1250,50"); "" for no amount."""
    if cents is None:
        return ""
    return _editing_locale().toString(cents / 100, "f", 2)


def parse_cents(text: str) -> int | None:
    """Typed money -> whole cents; None for blank. The locale's decimals first, then the
    plain "1250.50" that every keyboard can type. ValueError when it is no amount at all."""
    text = text.strip()
    if not text:
        return None
    for locale in (QLocale(), QLocale.c()):
        value, ok = locale.toDouble(text)
        if ok and value >= 0:
            cents = round(value * 100)
            if cents <= BUDGET_MAX_CENTS:
                return cents
    raise ValueError(text)


class MoneyEdit(QLineEdit):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        validator = QDoubleValidator(0, BUDGET_MAX_CENTS / 100, 2, self)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        validator.setLocale(_editing_locale())
        self.setValidator(validator)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def cents(self) -> int | None:
        """The amount typed, in cents (None: blank); ValueError when it is not an amount."""
        return parse_cents(self.text())

    def set_cents(self, cents: int | None) -> None:
        self.setText(cents_text(cents))

    def is_valid(self) -> bool:
        try:
            self.cents()
        except ValueError:
            return False
        return True
