"""The time zone the window shows times in: the computer's own. A module of its own so that
the pages that show times need not import the event editor to learn it."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QTimeZone

from models.timezones import UTC, is_zone


@cache
def display_zone() -> str:
    """The computer's time zone as an IANA name, from Qt (which knows Windows' names too).
    Asked once (Qt takes some 10 ms to answer): every page and editor shows one zone."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    return name if is_zone(name) else UTC
