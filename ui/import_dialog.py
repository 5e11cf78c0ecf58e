"""Import a calendar file (.ics): choose it, see what it would change, say whose each date
is, then import. Reading the file and writing the database both run in a separate process
(the import command), with progress and Stop; the window stays responsive."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models import events, ics_import, importing
from models.ics_import import Person, Preview, Status
from ui import files, labels
from ui.import_preview_model import WHAT, WHOSE, ImportPreviewModel
from ui.job_dialog import JobDialog, pydate, qdate

_Index = QModelIndex | QPersistentModelIndex


class WhoseDelegate(QStyledItemDelegate):
    """Edits whose a date is: the title's matches, a new card, leaving it out, anyone."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._people: list[Person] | None = None

    def people(self) -> list[Person]:
        if self._people is None:
            self._people = sorted(
                (
                    Person(c.client_id, c.relative_id, c.name if c.relative_id is None else
                           f"{c.name} ({labels.relation_of(c.relation, c.client_name)})")
                    for c in events.attendee_choices()
                ),
                key=lambda p: p.name.casefold(),
            )  # fmt: skip
        return self._people

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> Any:
        model = index.model()
        assert isinstance(model, ImportPreviewModel)
        combo = QComboBox(parent)
        for text, whose in model.options(index.row(), self.people()):
            combo.addItem(text, whose)
        combo.activated.connect(lambda: self._on_activated(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model = index.model()
        assert isinstance(model, ImportPreviewModel)
        current = model.whose(index.row())
        for n in range(editor.count()):
            if editor.itemData(n) == current:
                editor.setCurrentIndex(n)
                break

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def _on_activated(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)


class ImportDialog(JobDialog):
    """Signals:
    imported(): the database changed.
    """

    imported = Signal()

    def __init__(self, database: Path, today: dt.date, parent: Any = None) -> None:
        super().__init__(database, parent)
        self.setWindowTitle(self.tr("Import a calendar"))
        self.resize(860, 560)
        self._source: Path | None = None
        self._stage = ""
        self._choices_file: Path | None = None

        intro = QLabel(
            self.tr(
                "Adds the events and the yearly dates (birthdays, anniversaries) of an .ics "
                "file exported from Outlook or Google Calendar. Nothing changes until you "
                "press Import; importing the same file again adds nothing twice."
            )
        )
        intro.setWordWrap(True)
        self.file_label = QLabel(self.tr("No file chosen"))
        self.file_label.setObjectName("hint")
        self.choose_button = QPushButton(self.tr("Choose file…"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)

        self.events_from = QDateEdit(qdate(today - dt.timedelta(days=365)))
        self.events_to = QDateEdit(qdate(today + dt.timedelta(days=2 * 365)))
        for edit in (self.events_from, self.events_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")  # as the calendar writes days
        self.refresh_button = QPushButton(self.tr("Update preview"))
        self.refresh_button.setEnabled(False)
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("Events from")))
        period.addWidget(self.events_from)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.events_to)
        period.addWidget(self.refresh_button)
        period.addStretch(1)
        period_hint = QLabel(
            self.tr("Repeating events come in one by one within these days; yearly dates always.")
        )
        period_hint.setObjectName("hint")
        period_hint.setWordWrap(True)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ImportPreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(WHOSE, WhoseDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addLayout(period)
        layout.addWidget(period_hint)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        # Takes the room while there is no table (stretch 0: a shown table, stretch 1, wins).
        layout.addStretch(0)
        layout.addWidget(self.result)
        layout.addWidget(self.job)
        layout.addWidget(self.buttons)

        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.refresh_button.clicked.connect(self._preview)
        self.events_from.dateChanged.connect(self._on_period_changed)
        self.events_to.dateChanged.connect(self._on_period_changed)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.buttons.rejected.connect(self.reject)
        self.job.finished.connect(self._on_job_finished)
        self.job.cancelled.connect(self._on_job_cancelled)
        self.model.dataChanged.connect(self._on_choices_changed)

    def choose(self, source: Path) -> None:
        """Preview `source` (what Choose file… does once the person picked it)."""
        self._source = source
        self.file_label.setText(str(source))
        self._preview()

    # -- Steps ---------------------------------------------------------------------------

    @Slot()
    def _on_choose_clicked(self) -> None:
        source = files.ask_open_path(
            self, self.tr("Import a calendar"), self.tr("Calendars (*.ics *.ical *.ifb)")
        )
        if source is not None:
            self.choose(source)

    @Slot()
    def _on_period_changed(self) -> None:
        if self._source is None or self.job.running():
            return
        # The preview no longer says what Import would do: it must be made again first.
        self.refresh_button.setEnabled(True)
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("The days changed: press Update preview."))

    def _period(self) -> list[str]:
        start = pydate(self.events_from.date())
        end = max(pydate(self.events_to.date()), start + dt.timedelta(days=1))
        return ["--from", start.isoformat(), "--to", end.isoformat()]

    @Slot()
    def _preview(self) -> None:
        if self._source is None or self.job.running():
            return
        self._stage = "preview"
        self._busy(True)
        self.result.setVisible(False)
        self.job.start(["import", str(self._source), *self._period(), "--preview-json"])

    @Slot()
    def _on_import_clicked(self) -> None:
        if self._source is None or self.job.running():
            return
        handle, name = tempfile.mkstemp(prefix="rapport-choices-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(ics_import.choices_to_json(self.model.choices()))
        self._choices_file = Path(name)
        self._stage = "import"
        self._busy(True)
        self.job.start(
            ["import", str(self._source), *self._period(), "--choices", str(self._choices_file)]
        )

    def _busy(self, busy: bool) -> None:
        for widget in (self.choose_button, self.events_from, self.events_to, self.table):
            widget.setEnabled(not busy)
        self.refresh_button.setEnabled(False)
        self.import_button.setEnabled(not busy and self.model.chosen_count() > 0)

    @Slot(bool, str, str)
    def _on_job_finished(self, ok: bool, output: str, error: str) -> None:
        stage, self._stage = self._stage, ""
        if self._choices_file is not None:
            self._choices_file.unlink(missing_ok=True)
            self._choices_file = None
        if not ok:
            self._busy(False)
            if error:
                self.say(error, error=True)
            if stage == "preview":
                self._show(None)
            return
        if stage == "preview":
            json_line = next(
                (line for line in reversed(output.splitlines()) if line.startswith("{")), ""
            )
            kind, preview = importing.parse_preview(json_line)
            if kind is not importing.Kind.CALENDAR:
                self._busy(False)
                self.say(
                    self.tr("This is a contacts file, not a calendar: import it with "
                            "File ▸ Import contacts."), error=True)  # fmt: skip
                self._show(None)
                return
            self._show(ics_import.preview_from_json(preview))
            self._busy(False)
            return
        self._busy(False)
        self.import_button.setEnabled(False)  # done: a second press would find it all there
        self.say(output.splitlines()[-1] if output else self.tr("Imported."))
        self.imported.emit()

    @Slot()
    def _on_job_cancelled(self) -> None:
        self.say(self.tr("Stopped: nothing was imported."))

    @Slot()
    def _on_choices_changed(self) -> None:
        self.import_button.setEnabled(
            not self.job.running()
            and not self.refresh_button.isEnabled()  # a stale preview imports nothing
            and self.model.chosen_count() > 0
        )

    def _show(self, preview: Preview | None) -> None:
        self.table.setVisible(preview is not None)
        if preview is None:
            self.summary.setText("")
            self.import_button.setEnabled(False)
            return
        self.model.set_preview(preview)
        self.summary.setText(self._summary(preview))
        self.import_button.setEnabled(self.model.chosen_count() > 0)

    def _summary(self, preview: Preview) -> str:
        counts = preview.counts()
        new_events = sum(1 for e in preview.events if e.status is Status.NEW)
        new_dates = sum(1 for d in preview.dates if d.status is Status.NEW)
        parts = [
            text.format(n=n)
            for n, text in (
                (new_events, self.tr("1 new event") if new_events == 1
                 else self.tr("{n} new events")),
                (counts.get(Status.CHANGED, 0), self.tr("changed since the last import: {n}")),
                (new_dates, self.tr("1 date for a client") if new_dates == 1
                 else self.tr("{n} dates for your clients")),
                (counts.get(Status.UNMATCHED, 0), self.tr("waiting for you to say whose: {n}")),
                (counts.get(Status.SAME, 0), self.tr("already here: {n}")),
            )
            if n
        ]  # fmt: skip
        text = "; ".join(parts) + "." if parts else self.tr("Nothing new in this file.")
        if preview.outside:
            text += " " + self.tr("Outside these days, left out: {n}.").format(n=preview.outside)
        return text
