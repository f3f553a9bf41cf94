"""The two doors of the unified login: a 法人登录 token (with `credit_code`) acts for a unit, a 个人登录 token for a
person, and neither does the other's business. A wrong check character names no unit: 401."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.principal import InvalidClaims, principal_from_claims
from scripts.factories import auth, credit_code, id_number, with_wrong_check_char
from tests.conftest import body

UNIT_CODE = credit_code(4321)
UNIT_CLAIMS = {"sub": "agent-1", "name": "李明", "id_number": id_number(serial=77), "credit_code": UNIT_CODE}


def test_a_unit_token_names_the_unit_and_its_name() -> None:
    unit = principal_from_claims({**UNIT_CLAIMS, "org_name": "山西晋阳科技有限公司"})
    assert unit.is_unit and unit.credit_code == UNIT_CODE and unit.org_name == "山西晋阳科技有限公司"
    person = principal_from_claims({"sub": "p-1", "id_number": id_number(serial=78)})
    assert not person.is_unit and person.credit_code is None and person.org_name is None


def test_a_wrong_check_character_or_a_non_string_is_invalid() -> None:
    with pytest.raises(InvalidClaims):
        principal_from_claims({**UNIT_CLAIMS, "credit_code": with_wrong_check_char(UNIT_CODE)})
    with pytest.raises(InvalidClaims):
        principal_from_claims({**UNIT_CLAIMS, "credit_code": 91140100})


def test_agents_of_one_unit_share_its_account_and_a_person_keeps_their_own() -> None:
    first = principal_from_claims(UNIT_CLAIMS)
    second = principal_from_claims({**UNIT_CLAIMS, "sub": "agent-2"})
    assert first.account == second.account != first.subject
    assert principal_from_claims({"sub": "p-1"}).account == "p-1"


def test_a_wrong_check_character_is_401(client: Any, token: Any) -> None:
    bad = token(sub="agent-1", extra={"credit_code": with_wrong_check_char(UNIT_CODE)})
    response = client.http.get("/v1/me", headers=auth(bad))
    assert response.status_code == 401
    assert body(response)["error"]["code"] == "UNAUTHENTICATED"


def test_me_shows_the_unit(client: Any, token: Any) -> None:
    unit = token(sub="agent-1", name="李明", extra={"credit_code": UNIT_CODE, "org_name": "山西晋阳科技有限公司"})
    me = body(client.http.get("/v1/me", headers=auth(unit)))
    assert (me["credit_code"], me["org_name"]) == (UNIT_CODE, "山西晋阳科技有限公司")
    person = token(sub="p-1", name="王晓雨", id_number=id_number(serial=78))
    assert "credit_code" not in body(client.http.get("/v1/me", headers=auth(person)))


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/applications"),
        ("GET", "/v1/favourites"),
        ("PUT", "/v1/favourites/" + "a" * 32),
        ("GET", "/v1/trainee/positions"),
        ("GET", "/v1/saved-searches"),
    ],
)
def test_a_unit_token_on_a_persons_route_is_403_not_a_person(client: Any, token: Any, method: str, path: str) -> None:
    unit = token(**{k: v for k, v in UNIT_CLAIMS.items() if k != "credit_code"}, extra={"credit_code": UNIT_CODE})
    response = client.http.request(method, path, headers=auth(unit))
    assert response.status_code == 403
    assert body(response)["error"] == {
        "code": "NOT_A_PERSON",
        "message": "请使用个人账号登录",
        "request_id": body(response)["error"]["request_id"],
    }


def test_a_unit_reads_its_messages(client: Any, token: Any) -> None:
    unit = token(sub="agent-1", extra={"credit_code": UNIT_CODE})
    response = client.http.get("/v1/messages", headers=auth(unit))
    assert response.status_code == 200
    assert body(response)["items"] == []


class _Request:
    def __init__(self, bearer: str) -> None:
        self.headers = {"authorization": f"Bearer {bearer}"}


def test_a_persons_token_at_a_units_door_is_403_not_a_unit(token: Any) -> None:
    from chalicelib.api import http
    from chalicelib.api.contract import UNIT
    from chalicelib.errors import AppError

    http.start_request(None)
    with pytest.raises(AppError) as refused:
        UNIT.resolve(_Request(token(sub="p-1", id_number=id_number(serial=78))))
    assert (refused.value.status, refused.value.code, refused.value.message) == (
        403,
        "NOT_A_UNIT",
        "请使用法人账号登录",
    )
    http.start_request(None)
    unit = UNIT.resolve(_Request(token(sub="agent-1", extra={"credit_code": UNIT_CODE})))
    assert unit is not None and unit.credit_code == UNIT_CODE


def test_a_unit_that_never_applied_is_unregistered_and_a_person_is_403(client: Any, token: Any) -> None:
    unit = token(sub="agent-1", extra={"credit_code": UNIT_CODE, "org_name": "山西晋阳科技有限公司"})
    answer = body(client.http.get("/v1/unit", headers=auth(unit)))
    assert answer == {
        "credit_code": UNIT_CODE,
        "org_name": "山西晋阳科技有限公司",
        "status": "unregistered",
        "status_label": "未申请",
        "county_code": None,
        "county_name": None,
        "insured_staff": None,
        "position_quota": 0,
        "quota_used": 0,
        "recognised_at": None,
    }
    person = client.http.get("/v1/unit", headers=auth(token(sub="p-1", id_number=id_number(serial=78))))
    assert person.status_code == 403
    assert body(person)["error"]["code"] == "NOT_A_UNIT"
