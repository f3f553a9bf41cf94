"""Inputs that once gave 500: non-ASCII digits as `limit`, JSON nested past Python's recursion limit, lone
surrogates in text. Each is a 400 in the envelope, on every route that takes it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from scripts.factories import id_number, json_headers, position_body
from tests.api.test_errors import assert_envelope

LIST_ROUTES = ("/v1/positions", "/v1/trainee/positions", "/v1/applications", "/v1/admin/applications")
# Each is a digit to str.isdigit() but not to int() (² and ③), or not a decimal digit at all.
NOT_ASCII_DIGITS = ("²", "³", "①", "٣", "１０")
DEEP = 10_000


@pytest.fixture
def everyone(token: Any) -> str:
    """One caller allowed on every route, so the answer is about the input, not the role."""
    return str(
        token(sub="all-1", name="张三", id_number=id_number(), roles=["reviewer", "position_manager"], region="140000")
    )


@pytest.mark.parametrize("limit", NOT_ASCII_DIGITS)
@pytest.mark.parametrize("path", LIST_ROUTES)
def test_a_limit_that_is_not_ascii_digits_is_400(client: Any, everyone: str, path: str, limit: str) -> None:
    answer = client.http.get(f"{path}?limit={limit}", headers=json_headers(everyone))

    error = assert_envelope(answer, 400, "MALFORMED_REQUEST", details=True)
    assert error["details"][0]["field"] == "limit"


@pytest.mark.parametrize(
    "raw",
    ["[" * DEEP + "]" * DEEP, '{"t":' * DEEP + "1" + "}" * DEEP],
    ids=["arrays", "objects"],
)
def test_json_nested_ten_thousand_deep_is_400(client: Any, everyone: str, raw: str) -> None:
    answer = client.http.post("/v1/admin/positions", headers=json_headers(everyone), body=raw)

    assert_envelope(answer, 400, "MALFORMED_JSON")


@pytest.mark.parametrize(
    ("path", "field"),
    [("/v1/admin/positions", "title"), ("/v1/admin/positions", "description"), ("/v1/attachments", "filename")],
)
def test_a_lone_surrogate_in_a_text_field_is_400(client: Any, everyone: str, path: str, field: str) -> None:
    payload: dict[str, Any] = (
        position_body()
        if path == "/v1/admin/positions"
        else {"kind": "id_card", "filename": "a.pdf", "content_type": "application/pdf", "size": 10}
    )
    raw = json.dumps({**payload, field: "见习\ud800岗位"})  # ensure_ascii: the escape "\ud800" is sent as text

    answer = client.http.post(path, headers=json_headers(everyone), body=raw)

    assert_envelope(answer, 400, "MALFORMED_JSON")


def test_a_surrogate_pair_is_an_ordinary_character(client: Any, everyone: str) -> None:
    raw = json.dumps(position_body(title="见习岗位😀"))  # sent as "\ud83d\ude00": one valid character

    answer = client.http.post("/v1/admin/positions", headers=json_headers(everyone), body=raw)

    assert answer.status_code == 201, answer.body
