"""`python -m benchmarks.ics_floor DATABASE OUT FROM TO`: the floor of the .ics export,
icalendar streaming the same events (one component at a time, DESIGN.md "Speed by
design") straight from a raw sqlite3 fetch: the same properties Rapport writes (UID,
DTSTAMP, SEQUENCE, DTSTART/DTEND with TZID or as dates, TRANSP, STATUS when cancelled,
SUMMARY, DESCRIPTION with the guests, LOCATION), none of Rapport's own checks."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path


def main() -> int:
    from icalendar import Calendar, Event, vDDDTypes

    path, out, start, end = sys.argv[1:5]
    con = sqlite3.connect(path)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    guests: dict[int, list[str]] = {}
    rows = con.execute(
        "SELECT e.id, e.uid, e.sequence, e.title, e.all_day, e.starts_at, e.ends_at,"
        " e.timezone, e.location, e.description, e.status FROM event AS e"
        " WHERE e.starts_at BETWEEN ? AND ? AND e.status != 'cancelled'"
        " ORDER BY e.starts_at, e.id",
        (start, f"{end} 23:59:59"),
    )
    with Path(out).open("wb") as fh:
        cal = Calendar()
        cal.add("prodid", "-//floor//EN")
        cal.add("version", "2.0")
        head = cal.to_ical()
        fh.write(head[: head.rindex(b"END:VCALENDAR")])
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) == 500:
                _write(fh, con, batch, guests, stamp, Event, vDDDTypes)
                batch = []
        _write(fh, con, batch, guests, stamp, Event, vDDDTypes)
        fh.write(b"END:VCALENDAR\r\n")
    return 0


def _write(fh, con, batch, guests, stamp, Event, vDDDTypes) -> None:  # noqa: N803
    if not batch:
        return
    ids = [row[0] for row in batch]
    guests.clear()
    for event_id, name in con.execute(
        "SELECT a.event_id, COALESCE(r.name, c.name) FROM event_attendee AS a"
        " JOIN client AS c ON c.id = a.client_id LEFT JOIN relative AS r ON r.id = a.relative_id"
        f" WHERE a.event_id IN ({', '.join('?' * len(ids))}) ORDER BY a.id",
        ids,
    ):
        guests.setdefault(event_id, []).append(name)
    for event_id, uid, sequence, title, all_day, starts, ends, zone, where, notes, _ in batch:
        event = Event()
        event.add("uid", f"{uid}@rapport")
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        starts, ends = dt.datetime.fromisoformat(starts), dt.datetime.fromisoformat(ends)
        if all_day:
            event.add("dtstart", starts.date())
            event.add("dtend", max(ends.date(), starts.date() + dt.timedelta(days=1)))
            event.add("transp", "TRANSPARENT")
        else:
            zone = zone or "Europe/Madrid"
            event.add("dtstart", vDDDTypes(starts), parameters={"TZID": zone})
            event.add("dtend", vDDDTypes(ends), parameters={"TZID": zone})
        event.add("summary", title)
        text = "\n".join(filter(None, [notes, "With: " + ", ".join(guests.get(event_id, []))]))
        event.add("description", text)
        if where:
            event.add("location", where)
        fh.write(event.to_ical())


if __name__ == "__main__":
    sys.exit(main())
