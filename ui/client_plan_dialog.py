"""One client's own courtship terms: for each gesture, their tier's interval or one of
their own; a snooze; a yearly budget other than their tier's. The dialog only collects
the terms (`terms`); whoever opened it saves them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
)

from models import courtship
from models.courtship import ClientPlan, TierPlan
from models.errors import Problem
from models.vocab import Gesture
from ui import labels
from ui.money_edit import MoneyEdit

_DEFAULT_DAYS = 30  # an own interval for a gesture the tier does not have


class _GestureRow:
    """The widgets of one gesture: the tier's interval, or the client's own."""

    def __init__(
        self, gesture: Gesture, tier_days: int | None, own_days: int | None, parent: QDialog
    ) -> None:
        self.gesture = gesture
        self.tier_days = tier_days
        self.as_tier = QRadioButton()
        self.own = QRadioButton()
        self.days = QSpinBox()
        self.days.setRange(1, courtship.INTERVAL_MAX)
        self.days.setValue(own_days or tier_days or _DEFAULT_DAYS)
        self.group = QButtonGroup(parent)  # one choice per gesture, not one for the dialog
        self.group.addButton(self.as_tier)
        self.group.addButton(self.own)
        (self.own if own_days is not None else self.as_tier).setChecked(True)
        self.days.setEnabled(own_days is not None)
        self.own.toggled.connect(self.days.setEnabled)

    def days_of_own(self) -> int | None:
        return self.days.value() if self.own.isChecked() else None


class ClientPlanDialog(QDialog):
    def __init__(
        self,
        name: str,
        terms: ClientPlan,
        tier: TierPlan | None,
        today: dt.date,
        currency: str = "",
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._before = terms
        self._today = today
        self.setWindowTitle(self.tr("Courtship terms for {name}").format(name=name))

        if tier is None:
            about = self.tr(
                "{name} has no tier, so only intervals of their own remind you of them."
            ).format(name=name)
        else:
            tier_name = f"{tier.name} · {tier.label}" if tier.label else tier.name
            about = self.tr(
                "{name} is in tier {tier}. Give them an interval of their own where the "
                "tier's does not suit them."
            ).format(name=name, tier=tier_name)
        intro = QLabel(about)
        intro.setWordWrap(True)

        tier_rules = tier.rules if tier is not None else {}
        self.rows: dict[str, _GestureRow] = {}
        gestures = QGroupBox(self.tr("How often"))
        grid = QGridLayout(gestures)
        grid.setColumnStretch(1, 1)
        for line, (gesture, title) in enumerate(labels.gestures().items()):
            row = _GestureRow(
                Gesture(gesture), tier_rules.get(gesture), terms.rules.get(gesture), self
            )
            if tier is None:
                row.as_tier.setText(self.tr("Not planned"))
            elif row.tier_days is None:
                row.as_tier.setText(self.tr("As the tier: not in its plan"))
            else:
                row.as_tier.setText(
                    self.tr("As the tier: {every}").format(every=labels.every(row.tier_days))
                )
            row.own.setText(self.tr("Own:"))
            row.days.setSuffix(self.tr(" days"))
            for widget in (row.as_tier, row.own, row.days):
                widget.setAccessibleDescription(title)
            name_label = QLabel(title)
            name_label.setBuddy(row.as_tier)
            grid.addWidget(name_label, line, 0)
            grid.addWidget(row.as_tier, line, 1)
            grid.addWidget(row.own, line, 2)
            grid.addWidget(row.days, line, 3)
            self.rows[gesture] = row

        self.snoozed = QCheckBox(self.tr("Snooze until"))
        self.snoozed.setChecked(terms.snoozed_until is not None)
        self.snooze_date = QDateEdit()
        self.snooze_date.setCalendarPopup(True)
        self.snooze_date.setDisplayFormat("d MMM yyyy")
        until = terms.snoozed_until or today + dt.timedelta(days=14)
        self.snooze_date.setDate(QDate(until.year, until.month, until.day))
        self.snooze_date.setEnabled(self.snoozed.isChecked())
        self.snoozed.toggled.connect(self.snooze_date.setEnabled)
        quick = QHBoxLayout()
        quick.addWidget(self.snoozed)
        quick.addWidget(self.snooze_date)
        self.quick_buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("week", self.tr("1 week")),
            ("2weeks", self.tr("2 weeks")),
            ("month", self.tr("1 month")),
            ("clear", self.tr("Clear")),
        ):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, key=key: self._on_quick_clicked(key))
            quick.addWidget(button)
            self.quick_buttons[key] = button
        quick.addStretch(1)
        snooze_hint = QLabel(
            self.tr("Nothing of their plan shows as due before that day: they asked for quiet.")
        )
        snooze_hint.setObjectName("hint")
        snooze_hint.setWordWrap(True)

        self.budget = MoneyEdit()
        self.budget.set_cents(terms.yearly_budget_cents)
        tier_budget = tier.yearly_budget_cents if tier is not None else None
        self.budget.setPlaceholderText(
            self.tr("as the tier: {amount}").format(amount=labels.money(tier_budget, currency))
            if tier_budget is not None
            else self.tr("none")
        )
        self.budget.setMinimumWidth(
            self.budget.fontMetrics().horizontalAdvance(self.budget.placeholderText() + "MM")
        )
        symbol = QLabel(currency or self.locale().currencySymbol())
        budget_row = QHBoxLayout()
        budget_row.addWidget(QLabel(self.tr("Yearly budget")))
        budget_row.addWidget(self.budget)
        budget_row.addWidget(symbol)
        budget_row.addStretch(1)
        budget_hint = QLabel(self.tr("Blank: the tier's budget applies."))
        budget_hint.setObjectName("hint")

        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_ok_clicked)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(gestures)
        layout.addLayout(quick)
        layout.addWidget(snooze_hint)
        layout.addLayout(budget_row)
        layout.addWidget(budget_hint)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    # -- Values --------------------------------------------------------------------------

    @property
    def before(self) -> ClientPlan:
        """The terms the dialog was opened with."""
        return self._before

    @property
    def terms(self) -> ClientPlan:
        """The terms as chosen (the budget as typed must be valid: see `accept`)."""
        rules = {g: d for g, row in self.rows.items() if (d := row.days_of_own()) is not None}
        until = self.snooze_date.date().toPython() if self.snoozed.isChecked() else None
        try:
            budget = self.budget.cents()
        except ValueError:
            budget = self._before.yearly_budget_cents
        return ClientPlan(self._before.client_id, rules, until, budget)

    # -- Slots ---------------------------------------------------------------------------

    def _on_quick_clicked(self, key: str) -> None:
        if key == "clear":
            self.snoozed.setChecked(False)
            return
        today = QDate(self._today.year, self._today.month, self._today.day)
        until = {"week": today.addDays(7), "2weeks": today.addDays(14)}.get(key, today.addMonths(1))
        self.snooze_date.setDate(until)
        self.snoozed.setChecked(True)

    @Slot()
    def _on_ok_clicked(self) -> None:
        if not self.budget.is_valid():
            self.problem.setText(
                self.tr("Yearly budget: {problem}").format(
                    problem=labels.problem(Problem.OUT_OF_RANGE)
                )
            )
            self.problem.show()
            self.budget.setFocus()
            return
        self.accept()
