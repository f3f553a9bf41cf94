"""The unit's flows (issue 19) over the routes, as tests/flows.py has the person's: sign in through 法人登录,
upload the 营业执照, apply, be recognised, publish a position."""

from __future__ import annotations

from typing import Any

from scripts.factories import recognition_form, unit_claims, unit_position_body
from tests import flows
from tests.conftest import body
from tests.flows import TokenFactory


def unit_token(token: TokenFactory, serial: int = 901, org_name: str = "山西晋阳科技有限公司") -> str:
    claims = unit_claims(serial, org_name)
    unit = {"credit_code": claims.pop("credit_code"), "org_name": claims.pop("org_name")}
    return token(**claims, extra=unit)


def apply(client: Any, unit: str, **changes: Any) -> Any:
    licence = flows.uploaded(client, unit, kind="business_licence")
    return flows.post(client, "/v1/unit/recognition", unit, recognition_form([licence], **changes))


def applied(client: Any, unit: str, **changes: Any) -> str:
    answer = apply(client, unit, **changes)
    assert answer.status_code == 201, answer.body
    return str(body(answer)["recognition_id"])


def credit_code_of(client: Any, unit: str) -> str:
    return str(body(flows.get(client, "/v1/unit", unit))["credit_code"])


def recognised(client: Any, unit: str, reviewer: str, **changes: Any) -> str:
    applied(client, unit, **changes)
    code = credit_code_of(client, unit)
    decided = flows.post(client, f"/v1/admin/units/{code}/approve", reviewer, {})
    assert decided.status_code == 200, decided.body
    return code


def published(client: Any, unit: str, **overrides: Any) -> str:
    answer = flows.post(client, "/v1/unit/positions", unit, unit_position_body(**overrides))
    assert answer.status_code == 201, answer.body
    return str(body(answer)["position_id"])


def approved_position(client: Any, unit: str, reviewer: str, **overrides: Any) -> str:
    position_id = published(client, unit, **overrides)
    decided = flows.post(client, f"/v1/admin/positions/{position_id}/approve", reviewer, {})
    assert decided.status_code == 200, decided.body
    return position_id
