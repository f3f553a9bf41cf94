"""The local OpenID Connect issuer (scripts/local_issuer.py) through werkzeug's test client: the client's whole
sign-in as oidc-client-ts does it, and every way a request must be refused."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from werkzeug.test import Client, TestResponse

from chalicelib.adapters.tokens import JwksVerifier
from chalicelib.domain.principal import principal_from_claims
from infra.web_client import CLIENT_ID
from scripts.devtoken import main as devtoken
from scripts.local_issuer import CODE_TTL_SECONDS, LocalIssuer
from scripts.local_keys import LOCAL_AUDIENCE, subject_for_id_number

ISSUER = "http://127.0.0.1:8090"
WEB = "http://127.0.0.1:8080"
CALLBACK = f"{WEB}/callback"
WANG = "140105200404120266"  # 王晓雨 of the demo data: a valid check digit


@pytest.fixture
def issuer(key_paths: tuple[Path, Path]) -> LocalIssuer:
    return LocalIssuer(ISSUER, WEB, key_paths[0].parent)


@pytest.fixture
def browser(issuer: LocalIssuer) -> Client:
    return Client(issuer)


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize_query(challenge: str, **overrides: str) -> dict[str, str]:
    query = {
        "client_id": CLIENT_ID,
        "redirect_uri": CALLBACK,
        "response_type": "code",
        "scope": "openid profile",
        "state": "s-123",
        "nonce": "n-456",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    query.update(overrides)
    return query


def sign_in(browser: Client, challenge: str, **person: str) -> TestResponse:
    page = browser.get("/authorize", query_string=authorize_query(challenge))
    assert page.status_code == 200
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.get_data(as_text=True)))
    form = {"name": "王晓雨", "id_number": WANG, "role": "applicant", "region": "", **person}
    return browser.post("/authorize", data={**hidden, **form})


def code_of(response: TestResponse) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == CALLBACK
    query = parse_qs(location.query)
    assert query["state"] == ["s-123"]
    return query["code"][0]


def redeem(browser: Client, code: str, verifier: str, **overrides: str) -> TestResponse:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": CALLBACK,
        "client_id": CLIENT_ID,
        "code_verifier": verifier,
        **overrides,
    }
    return browser.post("/token", data=form, headers={"Origin": WEB})


def subject_of(token: str) -> str:
    return str(jwt.decode(token, options={"verify_signature": False})["sub"])


def test_discovery_names_every_endpoint_on_the_issuer_and_answers_the_web_origin(browser: Client) -> None:
    answer = browser.get("/.well-known/openid-configuration", headers={"Origin": WEB})
    document: dict[str, Any] = answer.get_json()
    assert document["issuer"] == ISSUER
    endpoints = {
        "authorization_endpoint": "/authorize",
        "token_endpoint": "/token",
        "jwks_uri": "/jwks",
        "end_session_endpoint": "/logout",
        "userinfo_endpoint": "/userinfo",
    }
    assert {name: document[name] for name in endpoints} == {name: ISSUER + path for name, path in endpoints.items()}
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert answer.headers["Access-Control-Allow-Origin"] == WEB
    assert "Access-Control-Allow-Origin" not in browser.get("/jwks", headers={"Origin": "https://evil.test"}).headers


def test_the_login_page_is_the_unified_logins_with_labelled_fields(browser: Client) -> None:
    page = browser.get("/authorize", query_string=authorize_query(pkce()[1]))
    html = page.get_data(as_text=True)
    assert '<html lang="zh-CN">' in html
    assert "<h1>山西省政务服务网统一认证中心</h1>" in html
    assert re.search(r'role="tab"[^>]*aria-selected="true"[^>]*>个人登录<', html)
    fields = (("name", "姓名"), ("id_number", "身份证号"), ("role", "角色"), ("region", "区划"))
    unlabelled = [
        c for c, label in fields if f'<label for="{c}">{label}</label>' not in html or f'id="{c}"' not in html
    ]
    assert unlabelled == []
    assert '<option value="reviewer">审核经办人员</option>' in html
    assert '<option value="140105">太原市小店区</option>' in html
    assert len(re.findall(r'<option value="14\d{4}"', html)) == 1 + 11 + 117
    assert "width=device-width" in html
    assert "script-src" not in page.headers["Content-Security-Policy"]  # default-src 'none': no script at all
    assert "<script" not in html


def test_sign_in_with_pkce_gives_tokens_the_api_accepts(browser: Client, key_paths: tuple[Path, Path]) -> None:
    verifier, challenge = pkce()
    answer = redeem(browser, code_of(sign_in(browser, challenge)), verifier)
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == WEB
    assert answer.headers["Cache-Control"] == "no-store"
    tokens = answer.get_json()
    claims = JwksVerifier(ISSUER, LOCAL_AUDIENCE, key_paths[1].as_uri()).verify(tokens["access_token"])
    person = principal_from_claims(claims)
    assert (person.name, person.id_number, person.subject) == ("王晓雨", WANG, subject_for_id_number(WANG))
    assert person.roles == {"applicant"} and person.region is None
    id_token = jwt.decode(tokens["id_token"], options={"verify_signature": False})
    assert (id_token["aud"], id_token["nonce"], id_token["sub"]) == (CLIENT_ID, "n-456", person.subject)


def test_staff_sign_in_carries_their_role_and_region(browser: Client, key_paths: tuple[Path, Path]) -> None:
    verifier, challenge = pkce()
    signed_in = sign_in(browser, challenge, name="郭建平", role="reviewer", region="140100")
    tokens = redeem(browser, code_of(signed_in), verifier).get_json()
    claims = JwksVerifier(ISSUER, LOCAL_AUDIENCE, key_paths[1].as_uri()).verify(tokens["access_token"])
    assert principal_from_claims(claims).roles == {"applicant", "reviewer"}
    assert claims["region"] == "140100"


def test_the_same_id_number_is_the_same_subject_every_time_and_in_devtoken(
    browser: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    subjects = []
    for name in ("王晓雨", "王晓雨"):
        verifier, challenge = pkce()
        tokens = redeem(browser, code_of(sign_in(browser, challenge, name=name)), verifier).get_json()
        subjects.append(jwt.decode(tokens["access_token"], options={"verify_signature": False})["sub"])
    verifier, challenge = pkce()
    other = redeem(browser, code_of(sign_in(browser, challenge, id_number="14010519491231005X")), verifier)
    assert (
        subjects[0]
        == subjects[1]
        != jwt.decode(other.get_json()["access_token"], options={"verify_signature": False})["sub"]
    )
    devtoken(["--name", "王晓雨", "--id-number", WANG])
    printed = jwt.decode(capsys.readouterr().out.strip(), options={"verify_signature": False})
    assert printed["sub"] == subjects[0]


def test_a_wrong_verifier_is_refused_and_burns_the_code(browser: Client) -> None:
    verifier, challenge = pkce()
    code = code_of(sign_in(browser, challenge))
    wrong = redeem(browser, code, pkce()[0])
    assert wrong.status_code == 400 and wrong.get_json()["error"] == "invalid_grant"
    assert redeem(browser, code, verifier).get_json()["error"] == "invalid_grant"


def test_a_code_is_redeemed_once_even_by_racing_requests(issuer: LocalIssuer) -> None:
    verifier, challenge = pkce()
    code = code_of(sign_in(Client(issuer), challenge))
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: redeem(Client(issuer), code, verifier).status_code, range(8)))
    assert sorted(statuses) == [200] + [400] * 7


def test_an_expired_code_is_refused(issuer: LocalIssuer, browser: Client) -> None:
    verifier, challenge = pkce()
    code = code_of(sign_in(browser, challenge))
    later = issuer.state.clock() + CODE_TTL_SECONDS + 1
    issuer.state.clock = lambda: later
    assert redeem(browser, code, verifier).get_json()["error"] == "invalid_grant"


def test_token_requests_that_break_the_protocol_are_refused(browser: Client) -> None:
    verifier, challenge = pkce()
    code = code_of(sign_in(browser, challenge))
    assert redeem(browser, code, verifier, grant_type="password").get_json()["error"] == "unsupported_grant_type"
    assert redeem(browser, code, verifier, client_id="other").status_code == 401
    assert redeem(browser, code, "short").get_json()["error"] == "invalid_request"
    assert redeem(browser, code, verifier, redirect_uri=f"{WEB}/elsewhere").get_json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    ("id_number", "message"),
    [
        ("140105200404120267", "公民身份号码校验位错误"),
        ("", "请输入身份证号"),
        ("12345", "公民身份号码应为18位"),
    ],
)
def test_a_bad_id_number_is_refused_beside_its_field(browser: Client, id_number: str, message: str) -> None:
    page = sign_in(browser, pkce()[1], id_number=id_number)
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert re.search(r'id="id_number"[^>]*aria-describedby="id_number-hint id_number-error" aria-invalid="true"', html)
    assert re.search(rf'<p class="error" id="id_number-error">{message}', html)
    assert "Location" not in page.headers


def test_staff_without_a_region_and_a_missing_name_are_refused(browser: Client) -> None:
    html = sign_in(browser, pkce()[1], name=" ", role="reviewer").get_data(as_text=True)
    assert '<p class="error" id="name-error">请输入姓名</p>' in html
    assert '<p class="error" id="region-error">经办人员须选择区划</p>' in html
    assert '<option value="reviewer" selected>' in html  # what was chosen stays chosen


@pytest.mark.parametrize("bad", [{"client_id": "other"}, {"redirect_uri": "https://evil.test/callback"}])
def test_an_unknown_client_or_redirect_uri_is_refused_on_the_issuers_own_page(
    browser: Client, bad: dict[str, str]
) -> None:
    answer = browser.get("/authorize", query_string=authorize_query(pkce()[1], **bad))
    assert answer.status_code == 400 and "Location" not in answer.headers
    assert "登录请求无效" in answer.get_data(as_text=True)


def test_a_request_without_pkce_goes_back_with_invalid_request(browser: Client) -> None:
    answer = browser.get("/authorize", query_string=authorize_query("x", code_challenge_method="plain"))
    assert answer.status_code == 303
    assert parse_qs(urlsplit(answer.headers["Location"]).query)["error"] == ["invalid_request"]


def test_silent_renew_needs_a_session_and_logout_ends_it(browser: Client) -> None:
    verifier, challenge = pkce()
    silent = authorize_query(challenge, prompt="none")
    refused = browser.get("/authorize", query_string=silent)
    assert parse_qs(urlsplit(refused.headers["Location"]).query)["error"] == ["login_required"]
    code_of(sign_in(browser, challenge))
    assert redeem(browser, code_of(browser.get("/authorize", query_string=silent)), verifier).status_code == 200
    out = browser.get("/logout", query_string={"post_logout_redirect_uri": f"{WEB}/", "state": "bye"})
    assert (out.status_code, out.headers["Location"]) == (303, f"{WEB}/?state=bye")
    again = browser.get("/authorize", query_string=silent)
    assert parse_qs(urlsplit(again.headers["Location"]).query)["error"] == ["login_required"]
    assert browser.get("/logout", query_string={"post_logout_redirect_uri": "https://evil.test/"}).status_code == 400


def test_userinfo_answers_the_holder_of_an_access_token(browser: Client) -> None:
    verifier, challenge = pkce()
    access = redeem(browser, code_of(sign_in(browser, challenge)), verifier).get_json()["access_token"]
    info = browser.get("/userinfo", headers={"Authorization": f"Bearer {access}"}).get_json()
    assert info == {"sub": subject_for_id_number(WANG), "name": "王晓雨"}
    assert browser.get("/userinfo", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_the_dev_servers_origin_signs_in_too_and_no_other(key_paths: tuple[Path, Path]) -> None:
    """`make web` serves the client from Vite's dev server: its callback and its token fetch are the client's."""
    dev = "http://127.0.0.1:5173"
    browser = Client(LocalIssuer(ISSUER, WEB, key_paths[0].parent, dev_origins=(dev,)))
    verifier, challenge = pkce()
    page = browser.get("/authorize", query_string=authorize_query(challenge, redirect_uri=f"{dev}/callback"))
    assert page.status_code == 200
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.get_data(as_text=True)))
    answer = browser.post("/authorize", data={**hidden, "name": "王晓雨", "id_number": WANG, "role": "applicant"})
    code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": f"{dev}/callback",
            "client_id": CLIENT_ID, "code_verifier": verifier}  # fmt: skip
    token = browser.post("/token", data=form, headers={"Origin": dev})
    assert token.status_code == 200 and token.headers["Access-Control-Allow-Origin"] == dev
    elsewhere = browser.get(
        "/authorize", query_string=authorize_query(challenge, redirect_uri="http://127.0.0.1:9/callback")
    )
    assert elsewhere.status_code == 400
