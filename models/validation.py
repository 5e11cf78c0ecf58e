"""Rules for single values, shared by the services (which refuse) and the card editor (which
shows the problem next to the field while the person types). Each check returns the
Problem or None."""

from __future__ import annotations

import re
from enum import StrEnum

from models.errors import Problem, ValidationError
from models.vocab import ContactKind

NAME_MAX = 500
TEXT_MAX = 10_000
NOTES_MAX = 200_000
PHOTO_MAX_BYTES = 8 * 1024 * 1024

# Deliberately loose: one @, something before it, a dot after it, no spaces. Stricter
# patterns refuse real addresses (RFC 5321 allows far more than people expect).
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE_CHARS = re.compile(r"^[0-9+()\-./\s]*(?:(?:ext\.?|x|#)\s*\d+)?$", re.IGNORECASE)
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?[^\s/]+\.[^\s/]+(?:/\S*)?$", re.IGNORECASE)


def text_problem(value: str, *, required: bool = False, limit: int = TEXT_MAX) -> Problem | None:
    if required and not value.strip():
        return Problem.REQUIRED
    if len(value) > limit:
        return Problem.TOO_LONG
    return None


def contact_problem(kind: str, value: str) -> Problem | None:
    if problem := text_problem(value, required=True):
        return problem
    v = value.strip()
    match kind:
        case ContactKind.EMAIL:
            return None if _EMAIL.match(v) else Problem.BAD_EMAIL
        case ContactKind.PHONE:
            digits = sum(c.isdigit() for c in v)
            return None if _PHONE_CHARS.match(v) and digits >= 3 else Problem.BAD_PHONE
        case ContactKind.WEB:
            return None if _URL.match(v) else Problem.BAD_URL
        case ContactKind.ADDRESS:
            return None
    return Problem.UNKNOWN_VALUE


def vocab_problem(vocab: type[StrEnum], value: str) -> Problem | None:
    return None if value in vocab._value2member_map_ else Problem.UNKNOWN_VALUE


def require(field: str, problem: Problem | None, value: object) -> None:
    if problem is not None:
        raise ValidationError(field, problem, value)
