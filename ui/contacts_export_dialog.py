"""Export clients: as contact cards for a phone or an address book (vCard), as CSV for
Google Contacts, or as Rapport's JSON (everything: a copy to keep, or all Rapport holds
about one person for a privacy request). Runs the command line in a separate process."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from models.events import Attendee, AttendeeChoice
from ui import files
from ui.attendee_picker import AttendeePicker
from ui.job_dialog import JobDialog

VCARD_3, VCARD_4, CSV, JSON = "vcf3", "vcf4", "csv", "json"


class ContactsExportDialog(JobDialog):
    def __init__(
        self,
        database: Path,
        clients: list[AttendeeChoice],
        *,
        chosen: Sequence[int] = (),
        kind: str = VCARD_3,
        parent: Any = None,
    ) -> None:
        super().__init__(database, parent)
        self.setWindowTitle(self.tr("Export clients"))
        self.setMinimumWidth(480)
        self._written: Path | None = None
        self.kinds = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for key, text, hint in (
            (VCARD_3, self.tr("Contact cards (vCard 3.0)"),
             self.tr("For phones, Apple Contacts, Google Contacts and Outlook: read everywhere.")),
            (VCARD_4, self.tr("Contact cards (vCard 4.0)"),
             self.tr("The newer version, for programs that ask for it.")),
            (CSV, self.tr("CSV for Google Contacts"),
             self.tr("Google's own columns: Google Contacts imports it as it is.")),
            (JSON, self.tr("Everything Rapport holds (JSON)"),
             self.tr("Tastes, family, dates, dreams, promises, history and events: a copy to "
                     "keep, or what you owe a client who asks what you hold about them.")),
        ):  # fmt: skip
            button = QRadioButton(text)
            button.setProperty("kind", key)
            button.setChecked(key == kind)
            self.kinds.addButton(button)
            note = QLabel(hint)
            note.setObjectName("hint")
            note.setWordWrap(True)
            note.setContentsMargins(24, 0, 0, 4)
            layout.addWidget(button)
            layout.addWidget(note)
        self.clients = AttendeePicker(clients)
        self.clients.search.setPlaceholderText(self.tr("Only some clients? Type a name"))
        self.clients.chosen.setMaximumHeight(self.fontMetrics().height() * 5)
        self.clients.set_attendees([Attendee(client_id) for client_id in chosen])
        everyone = QLabel(self.tr("Clients (none chosen: every client)"))
        layout.addWidget(everyone)
        layout.addWidget(self.clients)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        layout.addWidget(self.job)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            self.tr("Export…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setDefault(True)
        self.reveal_button = self.buttons.addButton(
            self.tr("Show in folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.reveal_button.setVisible(False)
        layout.addWidget(self.buttons)

        self.export_button.clicked.connect(self._on_export_clicked)
        self.reveal_button.clicked.connect(self._on_reveal_clicked)
        self.buttons.rejected.connect(self.reject)
        self.job.finished.connect(self._on_job_finished)
        self.job.cancelled.connect(self._on_job_cancelled)

    def kind(self) -> str:
        checked = self.kinds.checkedButton()
        return str(checked.property("kind")) if checked is not None else VCARD_3

    def command(self, target: Path) -> list[str]:
        kind = self.kind()
        command = {
            VCARD_3: ["export-vcf", str(target), "--version", "3.0"],
            VCARD_4: ["export-vcf", str(target), "--version", "4.0"],
            CSV: ["export-csv", str(target)],
            JSON: ["export-json", str(target)],
        }[kind]
        for client_id in self.clients.client_ids():
            command += ["--client", str(client_id)]
        return command

    def _suggested_name(self) -> str:
        ids = self.clients.client_ids()
        stem = "rapport-clients"
        if len(ids) == 1:
            name = self.clients.chosen.item(0).text()
            stem = "".join(c if c.isalnum() or c in " -_" else " " for c in name).strip() or stem
        suffix = {VCARD_3: ".vcf", VCARD_4: ".vcf", CSV: ".csv", JSON: ".json"}[self.kind()]
        return stem + suffix

    @Slot()
    def _on_export_clicked(self) -> None:
        suffix = {VCARD_3: "vcf", VCARD_4: "vcf", CSV: "csv", JSON: "json"}[self.kind()]
        target = files.ask_save_path(
            self,
            self.tr("Export clients"),
            self._suggested_name(),
            self.tr("Files (*.{suffix})").format(suffix=suffix),
        )
        if target is None:
            return
        if target.suffix.lower() != f".{suffix}":
            target = target.with_name(f"{target.name}.{suffix}")
        self._written = None
        self.reveal_button.setVisible(False)
        self.result.setVisible(False)
        self.export_button.setEnabled(False)
        self.job.start(self.command(target))

    @Slot(bool, str, str)
    def _on_job_finished(self, ok: bool, output: str, error: str) -> None:
        self.export_button.setEnabled(True)
        if not ok:
            if error:
                self.say(error, error=True)
            return
        line = next((x for x in output.splitlines() if x.startswith("Wrote ")), "")
        self._written = Path(line.removeprefix("Wrote ").rsplit(" (", 1)[0]) if line else None
        self.say(line or self.tr("Done."))
        self.reveal_button.setVisible(self._written is not None)

    @Slot()
    def _on_job_cancelled(self) -> None:
        self.say(self.tr("Stopped: no file was written."))

    @Slot()
    def _on_reveal_clicked(self) -> None:
        if self._written is not None:
            files.reveal(self._written)
