"""App-wide options stored in the database (so they travel with the file), as JSON values.
Only values that differ from the defaults are stored."""

from __future__ import annotations

import json
from typing import Any

from models.entities import Setting
from models.errors import Problem, ValidationError
from models.storage import transaction
from models.validation import contact_problem
from models.vocab import Feb29Rule

FEB29_RULE = "feb29_rule"
DASHBOARD_DAYS = "dashboard_days"
OWNER_NAME = "owner_name"  # who invitations come from
OWNER_EMAIL = "owner_email"
RECONFIRM_DAYS = "reconfirm_days"  # a taste not confirmed for this long is asked again
CURRENCY = "currency"  # ISO 4217 code of gift and discount values; "" = the system's
BACKUPS_KEEP = "backups_keep"  # how many automatic backups to keep (models/backup.py)

DEFAULTS: dict[str, Any] = {
    FEB29_RULE: Feb29Rule.FEB_28.value,
    DASHBOARD_DAYS: 14,
    OWNER_NAME: "",
    OWNER_EMAIL: "",
    RECONFIRM_DAYS: 365,
    CURRENCY: "",
    BACKUPS_KEEP: 10,
}

_VALIDATORS = {
    FEB29_RULE: lambda v: v in {r.value for r in Feb29Rule},
    DASHBOARD_DAYS: lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 90,
    OWNER_NAME: lambda v: isinstance(v, str) and len(v) <= 500,
    OWNER_EMAIL: lambda v: isinstance(v, str) and (not v or contact_problem("email", v) is None),
    RECONFIRM_DAYS: lambda v: isinstance(v, int) and not isinstance(v, bool) and 30 <= v <= 3650,
    CURRENCY: lambda v: (
        isinstance(v, str) and (v == "" or (len(v) == 3 and v.isascii() and v.isupper()))
    ),
    BACKUPS_KEEP: lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 100,
}


def is_valid(key: str, value: Any) -> bool:
    """Whether `value` may be stored for `key` (for code that reads settings without the
    models, as backups do from a file's own connection)."""
    return key in DEFAULTS and _VALIDATORS.get(key, lambda _v: True)(value)


def get(key: str) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    return DEFAULTS[key] if row is None else json.loads(row.value)


def set_value(key: str, value: Any) -> None:
    set_values({key: value})


def set_values(values: dict[str, Any]) -> None:
    """Store several settings at once: all of them, or (on a refusal) none."""
    for key, value in values.items():
        if key not in DEFAULTS:
            raise ValidationError("setting", Problem.UNKNOWN_VALUE, key)
        if not _VALIDATORS.get(key, lambda _v: True)(value):
            raise ValidationError(key, Problem.UNKNOWN_VALUE, value)
    with transaction():
        for key, value in values.items():
            if value == DEFAULTS[key]:
                Setting.delete().where(Setting.key == key).execute()
            else:
                Setting.replace(key=key, value=json.dumps(value)).execute()


def feb29_rule() -> Feb29Rule:
    return Feb29Rule(get(FEB29_RULE))


def dashboard_days() -> int:
    return int(get(DASHBOARD_DAYS))


def owner() -> tuple[str, str]:
    """(name, email) of the person using Rapport, for invitations."""
    return str(get(OWNER_NAME)), str(get(OWNER_EMAIL))


def reconfirm_days() -> int:
    return int(get(RECONFIRM_DAYS))


def currency() -> str:
    return str(get(CURRENCY))


def backups_keep() -> int:
    return int(get(BACKUPS_KEEP))
