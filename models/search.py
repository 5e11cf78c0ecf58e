"""Text folding for search-as-you-type: "muller" finds "Müller", "jose" finds "José", and
Cyrillic or CJK text matches as typed. Matching is plain substring search over folded text,
every word of the query required; at 100k rows it runs in Python in tens of milliseconds
(DESIGN.md, "Speed by design"), with no SQL dialect to tie us to SQLite."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# Letters that Unicode does not decompose into a base letter and an accent.
_BASE_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
     "þ": "th", "Þ": "th", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i"}
)  # fmt: skip
_HAS_BASE_LETTERS = re.compile("[øØłŁđĐðÐþÞæÆœŒı]")


# The combining-mark blocks that accents live in after NFKD: Latin, Greek, Cyrillic and
# Vietnamese diacritics, their supplements, and the kana voicing marks.
_MARKS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a]+"
)


def fold(text: str) -> str:
    """Case- and accent-insensitive form of `text` (ß→ss, é→e, Å→a, Ł→l, ﬁ→fi)."""
    if text.isascii():
        return text.lower()
    if _HAS_BASE_LETTERS.search(text):
        text = text.translate(_BASE_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return _MARKS.sub("", decomposed).casefold()


def haystack(parts: Iterable[str]) -> str:
    """What a search looks through for one record: its texts, folded, one line."""
    return fold(" ".join(part for part in parts if part))


def query_terms(query: str) -> list[str]:
    return fold(query).split()


def matches(folded_text: str, terms: list[str]) -> bool:
    return all(term in folded_text for term in terms)


def refines(terms: Sequence[str], earlier: Sequence[str]) -> bool:
    """Whether whatever matches `terms` also matches `earlier` (each earlier term lies
    inside a new one): typing on narrows what the last keystroke found."""
    return all(any(old in new for new in terms) for old in earlier)
