"""List cursors: opaque, signed, bound to the query that issued them (settings come from the `environment` fixture)."""

from __future__ import annotations

import pytest

from chalicelib.api.cursor import decode, encode, query_identity
from chalicelib.config import settings
from chalicelib.errors import BadRequest

KEY = {"scope": {"S": "C140100"}, "rank": {"S": "2030-06-01T10:00:00+08:00#abc"}}
QUERY = query_identity("positions", scope="C140100", filters={"keyword": "见习", "education": None})


def assert_invalid(cursor: str, query: str = QUERY) -> None:
    with pytest.raises(BadRequest) as caught:
        decode(cursor, query)
    assert caught.value.status == 400
    assert caught.value.code == "INVALID_CURSOR"
    assert "翻页" in caught.value.message


def test_a_cursor_round_trips_on_the_same_query() -> None:
    cursor = encode(KEY, QUERY)

    assert cursor is not None
    assert decode(cursor, QUERY) == KEY


def test_no_key_means_no_cursor_and_no_cursor_means_the_first_page() -> None:
    assert encode(None, QUERY) is None
    assert decode(None, QUERY) is None


def test_a_cursor_is_url_safe_and_does_not_show_the_key_in_clear() -> None:
    cursor = encode(KEY, QUERY)

    assert cursor is not None
    assert all(c.isalnum() or c in "-_." for c in cursor)
    assert "C140100" not in cursor


@pytest.mark.parametrize(
    "other",
    [
        query_identity("positions", scope="C140200", filters={"keyword": "见习", "education": None}),
        query_identity("positions", scope="C140100", filters={"keyword": "见习2", "education": None}),
        query_identity("positions", scope="C140100", filters={"keyword": "见习", "education": "bachelor"}),
        query_identity("trainee_positions", scope="C140100", filters={"keyword": "见习", "education": None}),
        query_identity("positions", scope="C140100", filters={"keyword": "见习"}, subject="someone-else"),
    ],
)
def test_a_cursor_from_another_query_is_refused(other: str) -> None:
    cursor = encode(KEY, QUERY)
    assert cursor is not None

    assert_invalid(cursor, other)


def test_the_query_identity_ignores_argument_order_and_absent_filters() -> None:
    assert query_identity("r", a=1, b=None, c="x") == query_identity("r", c="x", a=1)
    assert query_identity("r", a=1) != query_identity("r", a=2)


def _flip(text: str, at: int) -> str:
    return text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1 :]


def test_every_single_character_edit_is_refused() -> None:
    cursor = encode(KEY, QUERY)
    assert cursor is not None

    def outcome(edited: str) -> str:
        try:
            decoded = decode(edited, QUERY)
        except BadRequest as error:
            return error.code
        # base64's padding bits can absorb an edit of the last character: the key must be unchanged
        return "the same key" if decoded == KEY else "another key"

    outcomes = {at: outcome(_flip(cursor, at)) for at in range(len(cursor)) if cursor[at] != "."}
    assert {at: seen for at, seen in outcomes.items() if seen not in ("INVALID_CURSOR", "the same key")} == {}


@pytest.mark.parametrize("cursor", ["", ".", "abc", "abc.", ".abc", "a.b.c", "%%%.%%%", "eyJ9.xxxx"])
def test_garbage_is_refused(cursor: str) -> None:
    assert_invalid(cursor)


def test_a_forged_payload_with_the_original_signature_is_refused() -> None:
    cursor = encode(KEY, QUERY)
    other = encode({"scope": {"S": "P"}, "rank": {"S": "z"}}, QUERY)
    assert cursor is not None
    assert other is not None

    forged = other.partition(".")[0] + "." + cursor.partition(".")[2]

    assert_invalid(forged)


def test_a_cursor_signed_with_another_secret_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    cursor = encode(KEY, QUERY)
    assert cursor is not None
    monkeypatch.setenv("CURSOR_SECRET", "another-deployment-secret")
    settings.cache_clear()

    assert_invalid(cursor)
    assert decode(encode(KEY, QUERY), QUERY) == KEY
