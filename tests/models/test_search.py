import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.search import fold, matches, query_terms


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Müller", "muller"),
        ("José Álvarez", "jose alv"),
        ("Łukasz Wróbel", "lukasz wrob"),
        ("Søren Kierkegaard", "soren"),
        ("STRASSE", "straße"),
        ("Дмитрий Иванов", "дмитрий"),
        ("Дмитрий Иванов", "ИВАНОВ"),
        ("王秀英", "秀英"),
        ("Ἀθῆναι", "αθηναι"),
    ],
)
def test_query_matches_regardless_of_case_and_accents(text: str, query: str) -> None:
    assert matches(fold(text), query_terms(query))


def test_every_term_is_required() -> None:
    haystack = fold("Anna Roy, Bistro Lumière, loves Chablis")
    assert matches(haystack, query_terms("anna chablis"))
    assert not matches(haystack, query_terms("anna merlot"))


def test_empty_query_matches_everything() -> None:
    assert matches(fold("anything"), query_terms("   "))


@given(st.lists(st.text(), min_size=1, max_size=4))
@settings(max_examples=300)
def test_parts_folded_apart_and_joined_are_the_whole_folded(parts: list[str]) -> None:
    """cards.search_columns folds the name and company once, for their columns and the
    search text alike: only sound if folding goes letter by letter."""
    assert " ".join(fold(part) for part in parts) == fold(" ".join(parts))
