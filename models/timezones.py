"""Time zones by IANA name ("Europe/Madrid"): the computer's own, and converting an
event's wall-clock time into the zone it is shown in."""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from functools import cache
from pathlib import Path

UTC = "UTC"


@cache
def local_zone_name() -> str:
    """The computer's zone as an IANA name: $TZ, /etc/timezone, the /etc/localtime link;
    UTC when none says (the window asks Qt instead, which also knows Windows' zones)."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    timezone_file = Path("/etc/timezone")
    if timezone_file.is_file():
        candidates.append(timezone_file.read_text(encoding="utf-8").strip())
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if name and is_zone(name):
            return name
    return UTC


def is_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, IsADirectoryError):
        return False
    return True


@cache
def all_zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones())


def to_zone(wall: dt.datetime, zone: str, display: str) -> dt.datetime:
    """A naive wall-clock time in `zone` as the naive wall-clock time in `display`.
    An empty `zone` means "floating": the same wall time everywhere."""
    if not zone or zone == display:
        return wall
    aware = wall.replace(tzinfo=_zone(zone))
    return aware.astimezone(_zone(display)).replace(tzinfo=None)


@cache
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)
