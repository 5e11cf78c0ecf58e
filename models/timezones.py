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
    key = (zone, display, wall.date())
    shift = _shifts.get(key, _UNKNOWN)
    if shift is _UNKNOWN:
        if len(_shifts) >= _SHIFTS_KEPT:
            _shifts.clear()
        shift = _shifts[key] = _day_shift(zone, display, key[2])
    if shift is not None:
        return wall + shift
    aware = wall.replace(tzinfo=_zone(zone))
    return aware.astimezone(_zone(display)).replace(tzinfo=None)


# The shift from one zone's wall clock to another's on a day neither changes its offset:
# the same for every time of that day. Converting each time with zoneinfo took 7 µs, most
# of a month grid's events (33 of 45 ms for 2,500 events at 100k).
_shifts: dict[tuple[str, str, dt.date], dt.timedelta | None] = {}
_SHIFTS_KEPT = 100_000  # (zone, display, day) triples: a few MB at most
_UNKNOWN: object = object()


def _day_shift(zone: str, display: str, day: dt.date) -> dt.timedelta | None:
    """What to add to a wall time of `day` in `zone` to get it in `display`; None when
    either zone's offset changes during the day (that day's times are converted one by
    one). No zone changes its offset twice within a day."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=_zone(zone))
    end = start + dt.timedelta(days=1)  # the same wall clock: a day later in wall time
    if start.utcoffset() != end.utcoffset():
        return None
    shown, shown_end = start.astimezone(_zone(display)), end.astimezone(_zone(display))
    if shown.utcoffset() != shown_end.utcoffset():
        return None
    return shown.replace(tzinfo=None) - start.replace(tzinfo=None)


@cache
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)
