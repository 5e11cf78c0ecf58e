"""Import contacts (vCard, Google or Outlook CSV) or a Rapport JSON file: choose the file,
see what each contact becomes (a new client, or merged into the client it is likely the
same as), change that row by row, then import. Reading and writing run in a separate
process (the import command), with progress and Stop."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models import contacts_import, importing
from models.contacts_import import Choice
from ui import files
from ui.contacts_preview_model import ACTION, DETAILS, ContactsPreviewModel
from ui.job_dialog import JobDialog

_Index = QModelIndex | QPersistentModelIndex

# What a person may say a CSV that is not UTF-8 is written in, most likely first.
ENCODINGS = (
    ("cp1252", "Windows, Western Europe (cp1252)"),
    ("cp1250", "Windows, Central Europe (cp1250)"),
    ("cp1251", "Windows, Cyrillic (cp1251)"),
    ("latin-1", "ISO 8859-1 (Latin-1)"),
    ("mac_roman", "Mac OS Roman"),
    ("shift_jis", "Japanese (Shift JIS)"),
    ("gb18030", "Chinese (GB 18030)"),
)


class ChoiceDelegate(QStyledItemDelegate):
    """Edits what the import does with a row: merge, keep both, or skip."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> Any:
        model = index.model()
        assert isinstance(model, ContactsPreviewModel)
        combo = QComboBox(parent)
        for text, choice in model.options(index.row()):
            combo.addItem(text, choice)
        combo.activated.connect(lambda: (self.commitData.emit(combo), self.closeEditor.emit(combo)))
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ContactsImportDialog(JobDialog):
    """Signals:
    imported(): the database changed.
    """

    imported = Signal()

    def __init__(self, database: Path, parent: Any = None) -> None:
        super().__init__(database, parent)
        self.setWindowTitle(self.tr("Import contacts"))
        self.resize(900, 560)
        self._source: Path | None = None
        self._stage = ""
        self._choices_file: Path | None = None
        self._kind: importing.Kind | None = None

        intro = QLabel(
            self.tr(
                "Adds contacts exported from Google Contacts, Outlook, a phone or Apple "
                "Contacts (vCard or CSV), or a Rapport JSON file. Contacts that look like a "
                "client you have are merged into that client: nothing on the card is lost. "
                "Nothing changes until you press Import."
            )
        )
        intro.setWordWrap(True)
        self.file_label = QLabel(self.tr("No file chosen"))
        self.file_label.setObjectName("hint")
        self.choose_button = QPushButton(self.tr("Choose file…"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)

        # Asked only when the file cannot say it itself.
        self.day_first = QRadioButton(self.tr("Day first (31/12/1990)"))
        self.month_first = QRadioButton(self.tr("Month first (12/31/1990)"))
        self.encoding = QComboBox()
        for code, text in ENCODINGS:
            self.encoding.addItem(text, code)
        self.read_again = QPushButton(self.tr("Read again"))
        self.question = QLabel()
        self.question.setWordWrap(True)
        ask_row = QHBoxLayout()
        for widget in (self.day_first, self.month_first, self.encoding, self.read_again):
            ask_row.addWidget(widget)
        ask_row.addStretch(1)
        self.asking = QWidget()
        ask_layout = QVBoxLayout(self.asking)
        ask_layout.setContentsMargins(0, 0, 0, 0)
        ask_layout.addWidget(self.question)
        ask_layout.addLayout(ask_row)
        self.asking.setVisible(False)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ContactsPreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ACTION, ChoiceDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DETAILS, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(False)
        # What a merge adds and keeps, in full for the row in hand (the column is short).
        self.details = QLabel()
        self.details.setObjectName("hint")
        self.details.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.asking)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        # Takes the room while there is no table (stretch 0: a shown table, stretch 1, wins).
        layout.addStretch(0)
        layout.addWidget(self.result)
        layout.addWidget(self.job)
        layout.addWidget(self.buttons)

        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.read_again.clicked.connect(self._preview)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.buttons.rejected.connect(self.reject)
        self.job.finished.connect(self._on_job_finished)
        self.job.cancelled.connect(self._on_job_cancelled)
        self.model.dataChanged.connect(self._on_choices_changed)
        self.model.dataChanged.connect(self._on_current_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def choose(self, source: Path) -> None:
        """Preview `source` (what Choose file… does once the person picked it)."""
        self._source = source
        self.file_label.setText(str(source))
        self.asking.setVisible(False)
        self.day_first.setAutoExclusive(False)
        self.day_first.setChecked(False)
        self.month_first.setChecked(False)
        self.day_first.setAutoExclusive(True)
        self._preview()

    # -- Steps ---------------------------------------------------------------------------

    @Slot()
    def _on_choose_clicked(self) -> None:
        source = files.ask_open_path(
            self,
            self.tr("Import contacts"),
            self.tr("Contacts (*.vcf *.vcard *.csv *.json);;All files (*)"),
        )
        if source is not None:
            self.choose(source)

    def _options(self) -> list[str]:
        options = []
        if self.day_first.isChecked():
            options.append("--day-first")
        elif self.month_first.isChecked():
            options.append("--month-first")
        if self.encoding.isVisible() and self.asking.isVisible():
            options += ["--encoding", str(self.encoding.currentData())]
        return options

    @Slot()
    def _preview(self) -> None:
        if self._source is None or self.job.running():
            return
        self._stage = "preview"
        self._busy(True)
        self.result.setVisible(False)
        self.job.start(["import", str(self._source), *self._options(), "--preview-json"])

    @Slot()
    def _on_import_clicked(self) -> None:
        if self._source is None or self.job.running():
            return
        handle, name = tempfile.mkstemp(prefix="rapport-choices-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(contacts_import.choices_to_json(self.model.choices()))
        self._choices_file = Path(name)
        self._stage = "import"
        self._busy(True)
        self.job.start(
            ["import", str(self._source), *self._options(), "--choices", str(self._choices_file)]
        )

    def _busy(self, busy: bool) -> None:
        for widget in (self.choose_button, self.table, self.asking):
            widget.setEnabled(not busy)
        self.import_button.setEnabled(not busy and self._importable())

    def _importable(self) -> bool:
        if self._kind is importing.Kind.CONTACTS:
            return self.model.counts()[Choice.SKIP] < self.model.rowCount()
        return self._kind is importing.Kind.RAPPORT_JSON

    @Slot(bool, str, str)
    def _on_job_finished(self, ok: bool, output: str, error: str) -> None:
        stage, self._stage = self._stage, ""
        if self._choices_file is not None:
            self._choices_file.unlink(missing_ok=True)
            self._choices_file = None
        lines = [line for line in output.splitlines() if line.startswith("{")]
        if stage == "preview":
            self._after_preview(ok, lines[-1] if lines else "", error)
        elif ok:
            self._kind = None
            self._busy(False)
            self.import_button.setEnabled(False)  # done: a second press would merge again
            self.say(output.splitlines()[-1] if output else self.tr("Imported."))
            self.imported.emit()
        else:
            self._busy(False)
            self.say(error, error=True)

    def _after_preview(self, ok: bool, line: str, error: str) -> None:
        self._kind = None
        if not ok:
            self._show(None)
            self._busy(False)
            refusal = json.loads(line) if line else {}
            if refusal.get("error") in ("ambiguous_dates", "encoding"):
                self._ask(refusal["error"], refusal.get("detail", ""))
            elif error:
                self.say(error, error=True)
            return
        kind, preview = importing.parse_preview(line)
        self._kind = kind
        if kind is importing.Kind.CALENDAR:
            self._kind = None
            self._show(None)
            self.say(self.tr("This is a calendar, not contacts: import it with "
                             "File ▸ Import calendar."), error=True)  # fmt: skip
        elif kind is importing.Kind.RAPPORT_JSON:
            self._show(None)
            self._show_json(json.loads(preview))
        else:
            self._show(contacts_import.preview_from_json(preview))
        self._busy(False)

    def _ask(self, reason: str, example: str) -> None:
        dates = reason == "ambiguous_dates"
        for widget in (self.day_first, self.month_first):
            widget.setVisible(dates)
        self.encoding.setVisible(not dates)
        self.question.setText(
            self.tr("This file writes dates that could be day/month or month/day "
                    "({example}). Which is it?").format(example=example)
            if dates else
            self.tr("This file is not in UTF-8, and Rapport does not guess. Which encoding "
                    "was it saved in? (Outlook on Windows: usually Western Europe.)")
        )  # fmt: skip
        self.asking.setVisible(True)

    def _show(self, preview: contacts_import.Preview | None) -> None:
        self.table.setVisible(preview is not None)
        if preview is None:
            self.summary.setText("")
            return
        self.model.set_preview(preview)
        self.summary.setText(self._summary(preview))
        # The first likely duplicate in hand, its details shown: what needs a look.
        first = next((n for n, item in enumerate(preview.items) if item.match), 0)
        self.table.setCurrentIndex(self.model.index(first, 0))

    def _show_json(self, found: dict[str, Any]) -> None:
        new, known = len(found["new_clients"]), len(found["known_clients"])
        self.summary.setText(
            self.tr("A Rapport file: {new} new clients and {events} new events. {known} "
                    "clients in it are here already and stay as they are.").format(
                new=new, events=found["new_events"], known=known)
        )  # fmt: skip

    def _summary(self, preview: contacts_import.Preview) -> str:
        text = self._counts_text()
        if preview.skipped_empty:
            text += " " + self.tr("Empty records left out: {n}.").format(n=preview.skipped_empty)
        return text

    @Slot()
    def _on_choices_changed(self) -> None:
        if self._kind is importing.Kind.CONTACTS:
            self.summary.setText(self._counts_text())
        self.import_button.setEnabled(not self.job.running() and self._importable())

    def _counts_text(self) -> str:
        counts = self.model.counts()
        return self.tr(
            "{new} new clients, {merge} merged into clients you have, {skip} skipped."
        ).format(new=counts[Choice.CREATE], merge=counts[Choice.MERGE], skip=counts[Choice.SKIP])

    @Slot()
    def _on_current_changed(self) -> None:
        row = self.table.currentIndex().row()
        text = self.model.index(row, DETAILS).data() if row >= 0 else ""
        self.details.setText(text or "")

    @Slot()
    def _on_job_cancelled(self) -> None:
        self.say(self.tr("Stopped: nothing was imported."))
