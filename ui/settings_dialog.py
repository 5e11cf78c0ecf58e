"""Preferences: app-wide options that travel with the database file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from models.validation import contact_problem
from models.vocab import ContactKind, Feb29Rule
from ui import labels

# Offered in the list; any other ISO 4217 code can be typed.
_COMMON_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CAD", "AUD", "NZD", "JPY", "CNY", "INR",
                      "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON", "TRY", "ILS", "AED",
                      "ZAR", "BRL", "MXN", "SGD", "HKD", "KRW")  # fmt: skip


class SettingsDialog(QDialog):
    def __init__(
        self,
        feb29_rule: Feb29Rule,
        dashboard_days: int,
        owner: tuple[str, str] = ("", ""),
        parent: Any = None,
        *,
        reconfirm_days: int = 365,
        currency: str = "",
        backups_keep: int = 10,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._feb29 = QComboBox()
        self._feb29.addItem(self.tr("On February 28"), Feb29Rule.FEB_28)
        self._feb29.addItem(self.tr("On March 1"), Feb29Rule.MAR_1)
        self._feb29.setCurrentIndex(self._feb29.findData(feb29_rule))
        explain = QLabel(
            self.tr(
                "Applies to the calendar, the lists and every export, so that all of them "
                "show a leap-day birthday on the same day."
            )
        )
        explain.setObjectName("hint")
        explain.setWordWrap(True)
        self._days = QSpinBox()
        self._days.setRange(1, 90)
        self._days.setValue(dashboard_days)
        self._days.setSuffix(self.tr(" days"))
        form = QFormLayout()
        form.addRow(self.tr("February 29 dates, in other years"), self._feb29)
        form.addRow(explain)
        form.addRow(self.tr("“This week” looks ahead"), self._days)
        self._owner_name = QLineEdit(owner[0])
        self._owner_email = QLineEdit(owner[1])
        self._owner_email.setPlaceholderText("name@example.com")
        form.addRow(self.tr("Your name"), self._owner_name)
        form.addRow(self.tr("Your email"), self._owner_email)
        owner_hint = QLabel(self.tr("Invitations you send from Rapport come from this address."))
        owner_hint.setObjectName("hint")
        owner_hint.setWordWrap(True)
        form.addRow(owner_hint)
        self._reconfirm = QSpinBox()
        self._reconfirm.setRange(30, 3650)
        self._reconfirm.setSingleStep(30)
        self._reconfirm.setValue(reconfirm_days)
        self._reconfirm.setSuffix(self.tr(" days"))
        form.addRow(self.tr("Re-confirm tastes after"), self._reconfirm)
        reconfirm_hint = QLabel(
            self.tr(
                "A taste or interest not confirmed for this long joins the list to confirm "
                "at your next meeting: people change."
            )
        )
        reconfirm_hint.setObjectName("hint")
        reconfirm_hint.setWordWrap(True)
        form.addRow(reconfirm_hint)
        self._currency = QComboBox()
        self._currency.setEditable(True)
        self._currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        system = QLocale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
        codes = [system] if system else []
        codes += [c for c in _COMMON_CURRENCIES if c != system]
        self._currency.addItems(["", *codes])
        self._currency.setCurrentText(currency)
        self._currency.lineEdit().setMaxLength(3)
        self._currency.lineEdit().setPlaceholderText(system)
        form.addRow(self.tr("Currency"), self._currency)
        currency_hint = QLabel(
            self.tr(
                "The three-letter code (EUR, USD, GBP…) of the amounts of gifts, discounts "
                "and budgets. Blank: the system's."
            )
        )
        currency_hint.setObjectName("hint")
        currency_hint.setWordWrap(True)
        form.addRow(currency_hint)
        self._backups = QSpinBox()
        self._backups.setRange(1, 100)  # settings.BACKUPS_KEEP's range
        self._backups.setValue(backups_keep)
        form.addRow(self.tr("Automatic backups kept"), self._backups)
        backups_hint = QLabel(
            self.tr(
                "Rapport copies your data into its backups folder on the first start of each "
                "day and before each upgrade, and deletes the oldest copies beyond this "
                "number. Copies you save elsewhere with “Back up now” are yours to keep."
            )
        )
        backups_hint.setObjectName("hint")
        backups_hint.setWordWrap(True)
        form.addRow(backups_hint)
        self._problem = QLabel()
        self._problem.setObjectName("problem")
        self._problem.hide()
        form.addRow(self._problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_ok_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def feb29_rule(self) -> Feb29Rule:
        return Feb29Rule(self._feb29.currentData())

    @property
    def dashboard_days(self) -> int:
        return self._days.value()

    @property
    def owner(self) -> tuple[str, str]:
        return self._owner_name.text().strip(), self._owner_email.text().strip()

    @property
    def reconfirm_days(self) -> int:
        return self._reconfirm.value()

    @property
    def backups_keep(self) -> int:
        return self._backups.value()

    @property
    def currency(self) -> str:
        """An ISO 4217 code, or "" for the system's."""
        return self._currency.currentText().strip().upper()

    def _on_ok_clicked(self) -> None:
        email = self.owner[1]
        if email and (problem := contact_problem(ContactKind.EMAIL, email)) is not None:
            self._problem.setText(
                self.tr("Your email: {text}").format(text=labels.problem(problem))
            )
            self._problem.show()
            self._owner_email.setFocus()
            return
        code = self.currency
        if code and not (len(code) == 3 and code.isascii() and code.isalpha()):
            self._problem.setText(
                self.tr("Currency: a three-letter code such as EUR or USD, or blank.")
            )
            self._problem.show()
            self._currency.setFocus()
            return
        self.accept()
