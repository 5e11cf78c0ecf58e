"""Files under resources/, looked up by name (icons are plain SVG; nothing generated)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ROOT = Path(__file__).resolve().parent.parent / "resources"


def icon(name: str) -> QIcon:
    return QIcon(str(ROOT / "icons" / f"{name}.svg"))


def stylesheet() -> str:
    return (ROOT / "style.qss").read_text(encoding="utf-8")
