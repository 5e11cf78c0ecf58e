"""Comparing what a contact reader gives with the shared `*.expected.json` files: only the
keys an expected contact names are compared (the CSV files name no full name)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from models.interop.contact import Contact

SAMPLES = Path(__file__).parent.parent / "data" / "interop" / "contacts"


def expected(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / name).read_text("utf-8"))


def as_expected(contact: Contact) -> dict[str, Any]:
    """A Contact in the expected files' shape."""

    def date(value: Any) -> str | None:
        return None if value is None else value.iso()

    return {
        "full_name": contact.name or None,
        "given_name": contact.given_name or None,
        "family_name": contact.family_name or None,
        "company": contact.company or None,
        "emails": [e.value for e in contact.emails],
        "phones": [p.value for p in contact.phones],
        "birthday": date(contact.birthday),
        "anniversary": date(contact.anniversary),
        "family": [{"name": k.name, "relation": k.relation} for k in contact.family],
        "notes": contact.notes or None,
        "has_photo": contact.photo is not None,
    }


def mismatches(contacts: list[Contact], spec: dict[str, Any]) -> list[str]:
    """What differs, contact by contact and key by key ([] when all agree)."""
    wanted = spec["contacts"]
    found = [as_expected(c) for c in contacts]
    problems = []
    if len(found) != len(wanted):
        problems.append(f"{len(found)} contacts, expected {len(wanted)}")
    for n, (got, want) in enumerate(zip(found, wanted, strict=False)):
        for key, value in want.items():
            if got.get(key) != value:
                problems.append(f"contact {n + 1} {key}: {got.get(key)!r} != {value!r}")
    return problems
