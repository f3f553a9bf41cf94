"""The local issuer's 法人登录 (issue 19): the tab, the unit's fields and their checks, tokens that name the unit."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from werkzeug.test import Client, TestResponse

from chalicelib.adapters.tokens import JwksVerifier
from chalicelib.domain.credit_code import check_character
from chalicelib.domain.principal import principal_from_claims
from scripts.local_keys import LOCAL_AUDIENCE, subject_for_id_number
from tests.unit.test_local_issuer import ISSUER, WANG, authorize_query, code_of, pkce, redeem

CREDIT_CODE = "91350100M000100Y43"  # the standard's worked example: a valid check character
UNIT_FORM = {"org_name": "太原市晋阳数据服务有限公司", "credit_code": CREDIT_CODE, "name": "王晓雨", "id_number": WANG}


@pytest.fixture
def browser(key_paths: tuple[Path, Path]) -> Client:
    from scripts.local_issuer import LocalIssuer

    return Client(LocalIssuer(ISSUER, "http://127.0.0.1:8080", key_paths[0].parent))


def unit_page(browser: Client, challenge: str) -> str:
    page = browser.get("/authorize", query_string={**authorize_query(challenge), "login_type": "unit"})
    assert page.status_code == 200
    return page.get_data(as_text=True)


def sign_in_unit(browser: Client, challenge: str, **typed: str) -> TestResponse:
    html = unit_page(browser, challenge)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    return browser.post("/authorize", data={**hidden, **UNIT_FORM, **typed})


def error_beside(html: str, field: str) -> str:
    """The message named by the field's aria-describedby, with the field marked invalid."""
    control = re.search(rf'<input id="{field}"[^>]*>', html)
    assert control is not None, field
    assert 'aria-invalid="true"' in control.group(0) and f"{field}-error" in control.group(0)
    message = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', html)
    assert message is not None
    return message.group(1)


def test_the_login_page_has_both_tabs_and_each_links_to_the_same_request(browser: Client) -> None:
    challenge = pkce()[1]
    personal = browser.get("/authorize", query_string=authorize_query(challenge)).get_data(as_text=True)
    assert re.search(r'role="tab" id="tab-personal" aria-selected="true"[^>]*>个人登录<', personal)
    link = re.search(r'<a role="tab" id="tab-unit" aria-selected="false" href="([^"]+)">法人登录</a>', personal)
    assert link is not None
    query = parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)
    assert query["login_type"] == ["unit"] and query["code_challenge"] == [challenge]
    assert 'id="org_name"' not in personal

    unit = unit_page(browser, challenge)
    assert "<title>法人登录 · " in unit
    assert re.search(r'role="tab" id="tab-unit" aria-selected="true" aria-controls="panel-unit"[^>]*>法人登录<', unit)
    labels = {"org_name": "单位名称", "credit_code": "统一社会信用代码"}
    labels |= {"name": "经办人姓名", "id_number": "经办人身份证号"}
    assert [f for f, label in labels.items() if f'<label for="{f}">{label}</label>' not in unit] == []
    assert 'id="role"' not in unit and 'id="region"' not in unit  # an agent never signs in with a staff role


def test_a_unit_sign_in_gives_tokens_that_name_the_unit(browser: Client, key_paths: tuple[Path, Path]) -> None:
    verifier, challenge = pkce()
    # As printed on a licence: in groups, in lower case; the token carries the code as the standard writes it.
    signed_in = sign_in_unit(browser, challenge, credit_code=" 91350100m000 100y43 ")
    tokens = redeem(browser, code_of(signed_in), verifier).get_json()
    claims = JwksVerifier(ISSUER, LOCAL_AUDIENCE, key_paths[1].as_uri()).verify(tokens["access_token"])
    assert (claims["credit_code"], claims["org_name"]) == (CREDIT_CODE, UNIT_FORM["org_name"])
    assert (claims["sub"], claims["name"], claims["id_number"]) == (subject_for_id_number(WANG), "王晓雨", WANG)
    assert claims["roles"] == []
    agent = principal_from_claims(claims)  # the API's own reading of the token: a unit, never a person
    assert agent.is_unit and (agent.credit_code, agent.org_name) == (CREDIT_CODE, UNIT_FORM["org_name"])
    id_token = jwt.decode(tokens["id_token"], options={"verify_signature": False})
    assert (id_token["credit_code"], id_token["org_name"]) == (CREDIT_CODE, UNIT_FORM["org_name"])
    info = browser.get("/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}).get_json()
    assert info["credit_code"] == CREDIT_CODE


def test_a_personal_sign_in_names_no_unit(browser: Client) -> None:
    verifier, challenge = pkce()
    page = browser.get("/authorize", query_string=authorize_query(challenge)).get_data(as_text=True)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
    # A unit's fields posted on the personal tab (no login_type) give a person's token, not a unit's.
    form = {**hidden, **UNIT_FORM, "role": "applicant", "region": ""}
    tokens = redeem(browser, code_of(browser.post("/authorize", data=form)), verifier).get_json()
    for token in (tokens["access_token"], tokens["id_token"]):
        assert "credit_code" not in jwt.decode(token, options={"verify_signature": False})


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "请输入统一社会信用代码"),
        ("91350100M000100Y4", "统一社会信用代码应为18位，已输入17位"),
        ("91350100M000100O43", "统一社会信用代码只含数字和大写字母（不含I、O、S、V、Z）"),
        ("91350100M000100Y44", "统一社会信用代码校验位不正确，请对照营业执照核对"),
        ("91350100M000010Y43", "统一社会信用代码校验位不正确，请对照营业执照核对"),  # two characters swapped
    ],
)
def test_a_wrong_credit_code_is_refused_beside_its_field(browser: Client, typed: str, message: str) -> None:
    refused = sign_in_unit(browser, pkce()[1], credit_code=typed)
    assert refused.status_code == 400 and "Location" not in refused.headers  # no code issued
    html = refused.get_data(as_text=True)
    assert error_beside(html, "credit_code") == message
    assert re.search(r'<input id="credit_code"[^>]*autofocus', html)
    # What was typed stays, on the 法人登录 tab, with the request still riding along.
    assert 'name="login_type" value="unit"' in html and 'id="tab-unit" aria-selected="true"' in html
    assert f'value="{UNIT_FORM["org_name"]}"' in html


def test_every_unit_field_is_required_with_a_message_beside_it(browser: Client) -> None:
    refused = sign_in_unit(browser, pkce()[1], org_name="", credit_code="", name="", id_number="")
    html = refused.get_data(as_text=True)
    messages = {f: error_beside(html, f) for f in ("org_name", "credit_code", "name", "id_number")}
    assert messages == {
        "org_name": "请输入单位名称",
        "credit_code": "请输入统一社会信用代码",
        "name": "请输入经办人姓名",
        "id_number": "请输入经办人身份证号",
    }
    assert re.search(r'<input id="org_name"[^>]*autofocus', html)  # the first wrong field, in page order


def test_any_valid_code_signs_in_and_each_single_change_of_it_is_refused(browser: Client) -> None:
    body = "91140105MA0HXY21"
    for last in "0123456789ABCDEFGHJKLMNPQRTUWXY":
        first17 = body + last
        good = first17 + check_character(first17)
        assert sign_in_unit(browser, pkce()[1], credit_code=good).status_code == 303
        wrong = next(c for c in "0A" if c != good[-1])
        assert sign_in_unit(browser, pkce()[1], credit_code=first17 + wrong).status_code == 400
