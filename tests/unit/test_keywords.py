"""Keyword normalisation and index terms: reading one term's postings and checking the keyword is exact."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.keywords import (
    MAX_TERMS_CONSIDERED,
    index_terms,
    matches,
    normalise,
    query_terms,
    search_text,
)

ALPHABET = "软件工程师会计Aa１1 ㈱-\n\t"
text = st.text(alphabet=ALPHABET, min_size=1, max_size=8)
position = st.tuples(text, text, st.lists(text, max_size=3))


def brute_force(fields: tuple[str, str, list[str]], keyword: str) -> bool:
    wanted = normalise(keyword)
    title, employer, majors = fields
    return bool(wanted) and any(wanted in normalise(f) for f in (title, employer, *majors))


@given(corpus=st.lists(position, max_size=12), keyword=st.text(alphabet=ALPHABET, min_size=1, max_size=5))
def test_every_query_term_finds_exactly_the_brute_force_matches(
    corpus: list[tuple[str, str, list[str]]], keyword: str
) -> None:
    wanted = normalise(keyword)
    texts = [search_text(*fields) for fields in corpus]
    expected = [i for i, fields in enumerate(corpus) if brute_force(fields, keyword)]
    for term in query_terms(wanted) if wanted else []:
        postings = [i for i, t in enumerate(texts) if term in index_terms(t)]  # what the term's partition holds
        assert [i for i in postings if matches(texts[i], wanted)] == expected


def test_normalisation_folds_width_case_and_compatibility_forms() -> None:
    assert normalise("ＪＡＶＡ开发") == "java开发"
    assert normalise("㈱山西") == "(株)山西"
    assert normalise("软件\n工程") == "软件 工程", "a control character is a space, never a field separator"


def test_a_keyword_never_matches_across_two_fields() -> None:
    text = search_text("会计助理", "山西会计师事务所", ["财务管理"])

    assert matches(text, normalise("会计师"))
    assert not matches(text, normalise("助理山西"))
    assert not matches(text, normalise("助理\n山西"))


def test_terms_are_unigrams_and_bigrams_within_each_field() -> None:
    assert index_terms(search_text("会计", "山西", [])) == {"会", "计", "会计", "山", "西", "山西"}
    assert query_terms("会") == ["会"]
    assert query_terms("会计师") == ["会计", "计师"]


def test_a_long_keyword_considers_a_bounded_spread_of_its_bigrams() -> None:
    keyword = "山西省太原市小店区坞城路九十二号山西大学计算机科学与技术学院见习基地"
    terms = query_terms(keyword)

    assert len(terms) <= MAX_TERMS_CONSIDERED
    assert terms[0] == keyword[:2] and terms[-1] == keyword[-2:]
