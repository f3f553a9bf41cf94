"""The local issuer's 法人登录 tab (issue 19): the unit and its agent sign in, a wrong check character is refused
beside its field, and the access token carries the unit's credit code and name."""

from __future__ import annotations

import re
from pathlib import Path

import jwt
import pytest
from werkzeug.test import Client, TestResponse

from chalicelib.domain.principal import principal_from_claims
from scripts.factories import credit_code, id_number, with_wrong_check_char
from scripts.local_issuer import LocalIssuer
from tests.unit.test_local_issuer import ISSUER, WEB, authorize_query, code_of, pkce, redeem

CODE = credit_code(321)


@pytest.fixture
def browser(key_paths: tuple[Path, Path]) -> Client:
    return Client(LocalIssuer(ISSUER, WEB, key_paths[0].parent))


def unit_sign_in(browser: Client, challenge: str, **typed: str) -> TestResponse:
    page = browser.get("/authorize", query_string={**authorize_query(challenge), "door": "unit"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "<title>法人登录" in text
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', text))
    assert hidden["door"] == "unit"
    form = {"org_name": "山西晋阳科技有限公司", "credit_code": CODE, "name": "李明", "id_number": id_number(), **typed}
    return browser.post("/authorize", data={**hidden, **form})


def test_both_doors_are_tabs_and_the_unit_door_asks_for_the_unit_and_its_agent(browser: Client) -> None:
    _, challenge = pkce()
    person = browser.get("/authorize", query_string=authorize_query(challenge)).get_data(as_text=True)
    assert 'id="tab-person"' in person and 'aria-selected="true"' in person.split('id="tab-unit"')[0]
    unit = browser.get("/authorize", query_string={**authorize_query(challenge), "door": "unit"}).get_data(as_text=True)
    for label in ("单位名称", "统一社会信用代码", "经办人姓名", "经办人身份证号"):
        assert f">{label}</label>" in unit


def test_a_wrong_check_character_is_refused_beside_the_field(browser: Client) -> None:
    _, challenge = pkce()
    refused = unit_sign_in(browser, challenge, credit_code=with_wrong_check_char(CODE))
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert '<p class="error" id="credit_code-error">统一社会信用代码校验位错误</p>' in text
    assert 'id="credit_code"' in text and "aria-invalid" in text.split('id="credit_code"')[1].split(">")[0]


def test_the_agent_signs_in_for_the_unit(browser: Client) -> None:
    verifier, challenge = pkce()
    code = code_of(unit_sign_in(browser, challenge))
    tokens = redeem(browser, code, verifier).get_json()
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    unit = principal_from_claims(claims)
    assert (unit.credit_code, unit.org_name, unit.name, unit.is_unit) == (CODE, "山西晋阳科技有限公司", "李明", True)
