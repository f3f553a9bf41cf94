"""见习单位: the unit's own view (单位中心), its 认定申请 and their history."""

from __future__ import annotations

from chalicelib.answers import units as answers
from chalicelib.domain.principal import Principal
from chalicelib.ports import Ports


def mine(principal: Principal, *, ports: Ports) -> answers.Unit:
    assert principal.credit_code is not None
    return answers.unit(principal, ports.units.get(principal.credit_code))
