"""Printing a client's pre-meeting brief from the window: a print preview (which prints),
or a PDF saved where the person says."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from models import briefs, exporting
from models.briefs import MeetingBrief
from models.errors import RapportError
from ui import files
from ui.brief_document import brief_document, page_layout, page_size_for, pdf_bytes


class BriefPrinter(QObject):
    """Signals:
    error(object): a RapportError to tell the person about (the client is gone...).
    status_message(str): a short line for the status bar.
    """

    error = Signal(object)
    status_message = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._previews: dict[QPrintPreviewDialog, QPrinter] = {}

    @Slot(int)
    def preview(self, client_id: int) -> QPrintPreviewDialog | None:
        """Open the print preview of the brief; printing is one click from there."""
        brief = self._brief(client_id)
        if brief is None:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # A real printer keeps the paper it is set up with; printing to a file (no printer
        # installed) gets the locale's.
        pdf_only = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        paper = page_size_for() if pdf_only else printer.pageLayout().pageSize()
        printer.setPageLayout(page_layout(paper))
        printer.setDocName(self.tr("Brief: {name}").format(name=brief.name))
        dialog = QPrintPreviewDialog(printer, self._window)
        dialog.setWindowTitle(self.tr("Brief: {name}").format(name=brief.name))
        # Laid out again for each printer and paper the person picks in the preview.
        dialog.paintRequested.connect(lambda device: brief_document(brief, device).print_(device))
        dialog.finished.connect(lambda _result: self._on_preview_finished(dialog))
        self._previews[dialog] = printer  # the dialog only borrows it
        dialog.open()
        return dialog

    @Slot(int)
    def save_pdf(self, client_id: int) -> None:
        brief = self._brief(client_id)
        if brief is None:
            return
        name = re.sub(r'[\\/:*?"<>|\s]+', " ", brief.name).strip() or "client"
        target = files.ask_save_path(
            self._window,
            self.tr("Save the brief as PDF"),
            self.tr("Brief - {name}").format(name=name) + ".pdf",
            self.tr("PDF documents (*.pdf)"),
        )
        if target is None:
            return
        if not target.suffix:
            target = target.with_name(target.name + ".pdf")
        try:
            exporting.write_files(target, (b"", iter([pdf_bytes(brief)]), b""))
        except OSError as exc:
            self.status_message.emit(
                self.tr("Could not save {file}: {reason}").format(
                    file=target.name, reason=exc.strerror or exc
                )
            )
            return
        self.status_message.emit(
            self.tr("Saved the brief of {name} as {file}.").format(name=brief.name, file=target)
        )

    def _brief(self, client_id: int) -> MeetingBrief | None:
        try:
            return briefs.meeting_brief(client_id, dt.date.today())
        except RapportError as exc:
            self.error.emit(exc)
            return None

    def _on_preview_finished(self, dialog: QPrintPreviewDialog) -> None:
        self._previews.pop(dialog, None)
        dialog.deleteLater()
