"""Keyword matching and its n-gram index terms: pure functions, the one definition of "a keyword matches".

A keyword matches a position when, after normalisation, it is a substring of its title, its employer name or
one of its majors, never across the boundary of two of them. Normalisation is NFKC (full-width Ａ１ is A1,
compatibility ideographs are unified) and Unicode case folding (Latin letters match whatever their case);
control and line-separator characters count as spaces, so the field separator below cannot occur in a field
or a keyword.

The index terms follow Lucene's CJK bigram analyser, applied to every character alike (Han, Latin, digits,
punctuation): each field's distinct characters (unigrams) and its adjacent pairs (bigrams), a field at a time.
Every keyword of two or more characters is found through any one of its bigrams, one character through its
unigram, so reading the postings of one term and checking the whole keyword on them gives exact recall.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final

FIELD_SEPARATOR: Final = "\n"
# Reading the counters of a 50-character keyword's 49 bigrams would cost more than it saves: a long
# keyword's rarest terms are rare anyway. At most this many, spread over the keyword.
MAX_TERMS_CONSIDERED: Final = 16
_AS_SPACE = frozenset({"Cc", "Zl", "Zp"})


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return "".join(" " if unicodedata.category(ch) in _AS_SPACE else ch for ch in folded)


def searchable_fields(title: str, employer_name: str, majors: Iterable[str]) -> list[str]:
    return [normalise(field) for field in (title, employer_name, *majors)]


def search_text(title: str, employer_name: str, majors: Iterable[str]) -> str:
    """The normalised fields joined by a separator no normalised keyword contains."""
    return FIELD_SEPARATOR.join(searchable_fields(title, employer_name, majors))


def matches(text: str, keyword: str) -> bool:
    """Does a normalised keyword occur in a `search_text`? (The separator keeps fields apart.)"""
    return bool(keyword) and keyword in text


def field_terms(field: str) -> set[str]:
    return set(field) | {field[i : i + 2] for i in range(len(field) - 1)}


def index_terms(text: str) -> frozenset[str]:
    """Every unigram and bigram of every field of a `search_text`."""
    terms: set[str] = set()
    for field in text.split(FIELD_SEPARATOR):
        terms |= field_terms(field)
    return frozenset(terms)


def query_terms(keyword: str) -> list[str]:
    """The index terms any one of which finds every match of a normalised keyword, in keyword order."""
    if len(keyword) == 1:
        return [keyword]
    bigrams = list(dict.fromkeys(keyword[i : i + 2] for i in range(len(keyword) - 1)))
    return spread(bigrams, MAX_TERMS_CONSIDERED)


def spread(items: Sequence[str], at_most: int) -> list[str]:
    if len(items) <= at_most:
        return list(items)
    step = (len(items) - 1) / (at_most - 1)
    return list(dict.fromkeys(items[round(i * step)] for i in range(at_most)))
