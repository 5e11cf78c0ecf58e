"""Export the calendar as .ics: what goes in, where the file goes, then the export itself,
run by the command line in a separate process with progress and Stop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.cards import MAX_LEAD_DAYS
from models.clients import TierData
from models.events import AttendeeChoice
from models.vocab import DateKind, EventKind
from ui import files, labels
from ui.attendee_picker import AttendeePicker
from ui.job_dialog import JobDialog, pydate

GOOGLE_LIMIT = 1_000_000


class ExportDialog(JobDialog):
    def __init__(
        self,
        database: Path,
        tiers: list[TierData],
        clients: list[AttendeeChoice],
        today: dt.date,
        parent: Any = None,
    ) -> None:
        super().__init__(database, parent)
        self.setWindowTitle(self.tr("Export the calendar"))
        self._target: Path | None = None
        self._written: list[Path] = []

        intro = QLabel(
            self.tr(
                "Writes an .ics file that Outlook and Google Calendar import. Import it into a "
                "calendar of its own: a later export can then replace it without duplicates."
            )
        )
        intro.setWordWrap(True)

        self.events_from = QDateEdit(QDate(today.year, today.month, today.day))
        self.events_to = QDateEdit(self.events_from.date().addYears(1))
        for edit in (self.events_from, self.events_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")  # as the calendar writes days
        period = QHBoxLayout()
        period.addWidget(self.events_from)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.events_to)
        period.addStretch(1)

        self.date_kinds: dict[str, QCheckBox] = {}
        self.event_kinds: dict[str, QCheckBox] = {}
        kinds = QGridLayout()
        kinds.addWidget(self._heading(self.tr("Every year")), 0, 0)
        kinds.addWidget(self._heading(self.tr("Events in the period")), 0, 1)
        for row, (kind, text) in enumerate(labels.date_kinds().items(), 1):
            self.date_kinds[kind] = box = QCheckBox(text)
            box.setChecked(True)
            kinds.addWidget(box, row, 0)
        for row, (kind, text) in enumerate(labels.event_kinds().items(), 1):
            self.event_kinds[kind] = box = QCheckBox(text)
            box.setChecked(True)
            kinds.addWidget(box, row, 1)
        include = QGroupBox(self.tr("Include"))
        include.setLayout(kinds)

        self.tiers: dict[str, QCheckBox] = {}
        tier_row = QHBoxLayout()
        for tier in tiers:
            self.tiers[tier.name] = box = QCheckBox(tier.label or tier.name)
            box.setChecked(True)
            tier_row.addWidget(box)
        tier_row.addStretch(1)

        self.clients = AttendeePicker(clients)
        self.clients.search.setPlaceholderText(self.tr("Only some clients? Type a name"))
        self.clients.chosen.setMaximumHeight(self.fontMetrics().height() * 4)
        self.clients.chosen.setToolTip(self.tr("None chosen: every client"))
        self.prepare_days = QSpinBox()
        self.prepare_days.setRange(0, MAX_LEAD_DAYS)
        self.prepare_days.setSpecialValueText(self.tr("None"))
        self.prepare_days.setSuffix(self.tr(" days before"))
        prepare_hint = self._hint(
            self.tr(
                "An all-day “prepare” item (buy a gift, book the table). Google ignores the "
                "reminders of imported files; a prepare day shows in every calendar."
            )
        )
        self.reveal_preferences = QCheckBox(
            self.tr("Tell their tastes in the descriptions (drinks, desserts, allergies, gifts)")
        )
        self.split = QCheckBox(self.tr("Split into files of at most 1 MB (Google's limit)"))
        privacy = self._hint(self.tr("Notes on clients are never exported."))

        form = QFormLayout()
        form.addRow(self.tr("Events from"), period)
        form.addRow(include)
        if tiers:
            form.addRow(self.tr("Clients of the tiers"), tier_row)
        form.addRow(self.tr("Clients"), self.clients)
        form.addRow(self.tr("Prepare days"), self.prepare_days)
        form.addRow(prepare_hint)
        form.addRow(self.reveal_preferences)
        form.addRow(privacy)
        form.addRow(self.split)

        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            self.tr("Export…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setDefault(True)
        self.split_button = self.buttons.addButton(
            self.tr("Split into smaller files"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.reveal_button = self.buttons.addButton(
            self.tr("Show in folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.split_button.setVisible(False)
        self.reveal_button.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addWidget(self.job)
        layout.addWidget(self.buttons)

        self.export_button.clicked.connect(self._on_export_clicked)
        self.split_button.clicked.connect(self._on_split_clicked)
        self.reveal_button.clicked.connect(self._on_reveal_clicked)
        self.buttons.rejected.connect(self.reject)
        self.job.finished.connect(self._on_job_finished)
        self.job.cancelled.connect(self._on_job_cancelled)

    def _heading(self, text: str) -> QLabel:
        return QLabel(f"<b>{text}</b>")

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("hint")
        label.setWordWrap(True)
        return label

    # -- What the options say -----------------------------------------------------------

    def command(self, target: Path) -> list[str]:
        """The export-ics command line for these options."""
        command = [
            "export-ics",
            str(target),
            "--from",
            pydate(self.events_from.date()).isoformat(),
            "--to",
            pydate(self.events_to.date()).isoformat(),
        ]
        date_kinds = [k for k, box in self.date_kinds.items() if box.isChecked()]
        event_kinds = [f"event:{k}" for k, box in self.event_kinds.items() if box.isChecked()]
        if len(date_kinds) < len(DateKind) or len(event_kinds) < len(EventKind):
            command += ["--kinds", ",".join(date_kinds + event_kinds)]
        if not all(box.isChecked() for box in self.tiers.values()):
            for name, box in self.tiers.items():
                if box.isChecked():
                    command += ["--tier", name]
        for client_id in self.clients.client_ids():
            command += ["--client", str(client_id)]
        if self.prepare_days.value():
            command += ["--prepare-days", str(self.prepare_days.value())]
        if self.reveal_preferences.isChecked():
            command.append("--reveal-preferences")
        if self.split.isChecked():
            command.append("--split")
        return command

    def _problem(self) -> str:
        if self.events_to.date() < self.events_from.date():
            return self.tr("The period ends before it starts.")
        if not any(b.isChecked() for b in [*self.date_kinds.values(), *self.event_kinds.values()]):
            return self.tr("Choose at least one kind of date or event.")
        if self.tiers and not any(box.isChecked() for box in self.tiers.values()):
            return self.tr("Choose at least one tier.")
        return ""

    # -- Running -------------------------------------------------------------------------

    @Slot()
    def _on_export_clicked(self) -> None:
        if problem := self._problem():
            self.say(problem, error=True)
            return
        target = files.ask_save_path(
            self, self.tr("Export the calendar"), "rapport.ics", self.tr("Calendars (*.ics)")
        )
        if target is None:
            return
        if target.suffix.lower() != ".ics":
            target = target.with_name(target.name + ".ics")
        self._run(target)

    @Slot()
    def _on_split_clicked(self) -> None:
        self.split.setChecked(True)
        if self._target is not None:
            self._run(self._target)

    def _run(self, target: Path) -> None:
        self._target = target
        self._written = []
        self._busy(True)
        self.result.setVisible(False)
        self.split_button.setVisible(False)
        self.reveal_button.setVisible(False)
        self.job.start(self.command(target))

    def _busy(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy)
        for widget in self.findChildren(QWidget):
            if isinstance(widget, (QCheckBox, QDateEdit, QSpinBox, AttendeePicker)):
                widget.setEnabled(not busy)

    @Slot(bool, str, str)
    def _on_job_finished(self, ok: bool, output: str, error: str) -> None:
        self._busy(False)
        if not ok:
            if error:
                self.say(error, error=True)
            return
        self._written = [
            Path(line.removeprefix("Wrote ").rsplit(" (", 1)[0])
            for line in output.splitlines()
            if line.startswith("Wrote ")
        ]
        sizes = [p.stat().st_size for p in self._written if p.exists()]
        names = ", ".join(p.name for p in self._written)
        text = self.tr("Wrote {files} ({size:.2f} MB).").format(
            files=names, size=sum(sizes) / 1_000_000
        )
        if len(self._written) > 1:
            text = self.tr("Wrote {n} files of at most 1 MB: {files}.").format(
                n=len(self._written), files=names
            )
        too_large = any(size > GOOGLE_LIMIT for size in sizes)
        if too_large:
            text += " " + self.tr(
                "Over 1 MB: Google Calendar refuses files this large (Outlook takes them). "
                "Split it to import into Google."
            )
        self.say(text)
        self.split_button.setVisible(too_large)
        self.reveal_button.setVisible(bool(self._written))

    @Slot()
    def _on_job_cancelled(self) -> None:
        self.say(self.tr("Stopped: no file was written."))

    @Slot()
    def _on_reveal_clicked(self) -> None:
        if self._written:
            files.reveal(self._written[0])
