"""Asking for files and showing them: the one place the window talks to the desktop's file
dialogs and file manager (tests replace these functions)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget


def documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def ask_save_path(parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
    """Where the person wants the file written; None when they cancel."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(documents() / suggested), filters)
    return Path(path) if path else None


def ask_open_path(parent: QWidget, title: str, filters: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(documents()), filters)
    return Path(path) if path else None


def reveal(path: Path) -> None:
    """Open the folder holding `path` in the file manager."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
