"""Sign-in: every bad or missing token is 401 UNAUTHENTICATED in the envelope; `/v1/me` shows the caller, masked."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from scripts.factories import auth, dumps, id_number, json_headers, position_body
from scripts.local_keys import KEY_ID, LOCAL_AUDIENCE, LOCAL_ISSUER, ensure_key, mint
from tests.conftest import body

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def foreign_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another issuer's RSA key: its signatures must not pass for ours."""
    return ensure_key(tmp_path_factory.mktemp("foreign-issuer"))[0]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    values: dict[str, Any] = {
        "iss": LOCAL_ISSUER,
        "aud": LOCAL_AUDIENCE,
        "sub": "user-1",
        "iat": now,
        "nbf": now - 1,
        "exp": now + 3600,
        "roles": [],
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def unsigned(payload: dict[str, Any], alg: str = "none") -> str:
    header = {"alg": alg, "typ": "JWT", "kid": KEY_ID}
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}."


def hs256_with_public_key(private_path: Path, payload: dict[str, Any]) -> str:
    """The algorithm-confusion attack: HMAC-signed with our public key as the secret."""
    private = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
    secret = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "typ": "JWT", "kid": KEY_ID}
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def rs256(private_path: Path, payload: dict[str, Any], **headers: Any) -> str:
    return jwt.encode(payload, private_path.read_bytes(), algorithm="RS256", headers={"kid": KEY_ID, **headers})


def assert_unauthenticated(response: Any, case: str) -> None:
    assert response.status_code == 401, (case, response.status_code, response.body)
    answer = body(response)
    assert list(answer) == ["error"], case
    error = answer["error"]
    assert set(error) == {"code", "message", "request_id"}, case
    assert error["code"] == "UNAUTHENTICATED", case
    assert CHINESE.search(error["message"]), case
    assert error["request_id"] == response.headers["X-Request-Id"], case
    assert response.headers["WWW-Authenticate"].startswith("Bearer"), case
    text = response.body.decode()
    for leak in ("Traceback", "jwt", "Error", "signature", "expired", "kid"):
        assert leak not in text, (case, leak)


def _good(private: Path) -> str:
    return mint(private, sub="user-1")


def _swapped(private: Path) -> str:
    good = _good(private)
    return ".".join([good.split(".")[0], _b64(json.dumps(claims(sub="admin")).encode()), good.split(".")[2]])


Headers = Callable[[Path, Path], dict[str, str]]  # (our private key, another issuer's) -> request headers
# Each way a token can fail, by name; each a function of the keys, which are fixtures (made when a test runs).
BAD_AUTHORIZATIONS: dict[str, Headers] = {
    "missing header": lambda private, foreign: {},
    "empty header": lambda private, foreign: {"Authorization": ""},
    "basic scheme": lambda private, foreign: {"Authorization": "Basic dXNlcjpwYXNzd29yZA=="},
    "token without scheme": lambda private, foreign: {"Authorization": _good(private)},
    "scheme without token": lambda private, foreign: {"Authorization": "Bearer"},
    "scheme and blank": lambda private, foreign: {"Authorization": "Bearer   "},
    "not a jwt": lambda private, foreign: auth("not-a-jwt"),
    "three garbage parts": lambda private, foreign: auth("abc.def.ghi"),
    "alg none": lambda private, foreign: auth(unsigned(claims())),
    "alg none, capitalised": lambda private, foreign: auth(unsigned(claims(), alg="None")),
    "HS256 with the public key": lambda private, foreign: auth(hs256_with_public_key(private, claims())),
    "signed by another key": lambda private, foreign: auth(mint(foreign, sub="user-1")),
    "signature stripped": lambda private, foreign: auth(_good(private).rsplit(".", 1)[0] + "."),
    "payload swapped": lambda private, foreign: auth(_swapped(private)),
    "wrong issuer": lambda private, foreign: auth(mint(private, sub="user-1", issuer="https://login.example.com")),
    "wrong audience": lambda private, foreign: auth(mint(private, sub="user-1", audience="another-api")),
    "expired": lambda private, foreign: auth(mint(private, sub="user-1", ttl=-3600)),
    "not yet valid": lambda private, foreign: auth(mint(private, sub="user-1", extra={"nbf": int(time.time()) + 3600})),
    "unknown kid": lambda private, foreign: auth(mint(private, sub="user-1", kid="rotated-away")),
    "no kid": lambda private, foreign: auth(jwt.encode(claims(), private.read_bytes(), algorithm="RS256")),
    "no exp": lambda private, foreign: auth(rs256(private, claims(exp=None))),
    "no sub": lambda private, foreign: auth(rs256(private, claims(sub=None))),
    "empty sub": lambda private, foreign: auth(rs256(private, claims(sub=""))),
    "roles not a list": lambda private, foreign: auth(rs256(private, claims(roles="position_manager"))),
    "region outside Shanxi": lambda private, foreign: auth(rs256(private, claims(region="110000", roles=["reviewer"]))),
}


@pytest.mark.parametrize("case", list(BAD_AUTHORIZATIONS))
def test_every_token_failure_on_me_is_401_in_the_envelope(
    client: Any, key_paths: tuple[Path, Path], foreign_key: Path, case: str
) -> None:
    headers = BAD_AUTHORIZATIONS[case](key_paths[0], foreign_key)
    assert_unauthenticated(client.http.get("/v1/me", headers=headers), case)


@pytest.mark.parametrize("case", list(BAD_AUTHORIZATIONS))
def test_every_token_failure_on_a_staff_route_is_401_and_writes_nothing(
    client: Any, key_paths: tuple[Path, Path], foreign_key: Path, case: str
) -> None:
    headers = BAD_AUTHORIZATIONS[case](key_paths[0], foreign_key)
    response = client.http.post(
        "/v1/admin/positions",
        headers={"Content-Type": "application/json", **headers},
        body=dumps(position_body()),
    )
    assert_unauthenticated(response, case)
    assert body(client.http.get("/v1/positions"))["items"] == []


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_a_good_token_is_accepted_whatever_the_case_of_bearer(
    client: Any, token: Callable[..., str], scheme: str
) -> None:
    response = client.http.get("/v1/me", headers={"Authorization": f"{scheme} {token(sub='user-1')}"})
    assert response.status_code == 200
    assert body(response)["subject"] == "user-1"


def test_a_token_within_the_clock_skew_is_accepted(client: Any, token: Callable[..., str]) -> None:
    # Issued by a clock a few seconds ahead of ours: nbf slightly in the future.
    response = client.http.get("/v1/me", headers=auth(token(sub="user-1", extra={"nbf": int(time.time()) + 5})))

    assert response.status_code == 200


# ----------------------------------------------------------------------------------------------- /v1/me


def test_me_masks_the_id_number_and_implies_applicant(client: Any, token: Callable[..., str]) -> None:
    number = id_number()
    bearer = token(sub="person-1", name="张三", id_number=number)

    response = client.http.get("/v1/me", headers=auth(bearer))

    assert response.status_code == 200
    me = body(response)
    assert me == {
        "subject": "person-1",
        "name": "张三",
        "id_number_masked": "140105********1234",
        "roles": ["applicant"],
        "region": None,
        "trainee_status": "none",
        "locality": None,
        "unread_messages": 0,
    }
    assert number not in response.body.decode()
    assert "public" not in response.headers.get("Cache-Control", "")


def test_me_shows_a_lower_case_x_check_digit_as_upper_case(client: Any, token: Callable[..., str]) -> None:
    bearer = token(sub="person-2", name="李四", id_number="11010519491231002x")

    me = body(client.http.get("/v1/me", headers=auth(bearer)))

    assert me["id_number_masked"] == "110105********002X"


@pytest.mark.parametrize(
    ("roles", "region", "expected"),
    [
        (["position_manager"], "140100", ["applicant", "position_manager"]),
        (["reviewer"], "140105", ["applicant", "reviewer"]),
        (["reviewer", "position_manager"], "140000", ["applicant", "position_manager", "reviewer"]),
        (["applicant", "reviewer"], "140000", ["applicant", "reviewer"]),
    ],
)
def test_staff_without_an_id_number_see_null_and_keep_applicant(
    client: Any, token: Callable[..., str], roles: list[str], region: str, expected: list[str]
) -> None:
    bearer = token(sub="staff-1", name="王审核", roles=roles, region=region)

    response = client.http.get("/v1/me", headers=json_headers(bearer))

    assert response.status_code == 200
    me = body(response)
    assert me["id_number_masked"] is None
    assert sorted(me["roles"]) == expected
    assert me["region"] == region
    assert me["subject"] == "staff-1"


def test_unreachable_issuer_keys_are_503_not_401(
    client: Any, token: Callable[..., str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The token may be fine: the client must not drop the session, only retry (API.md: failing backends)."""
    from chalicelib.adapters import tokens
    from chalicelib.config import settings

    monkeypatch.setenv("JWKS_URL", (tmp_path / "missing-jwks.json").as_uri())
    settings.cache_clear()
    tokens.verifier.cache_clear()

    response = client.http.get("/v1/me", headers=auth(token(sub="user-1")))

    assert response.status_code == 503
    error = body(response)["error"]
    assert set(error) == {"code", "message", "request_id"}
    assert error["code"] == "SERVICE_BUSY"
    assert CHINESE.search(error["message"])
    assert int(response.headers["Retry-After"]) >= 1
