"""见习单位 (issue 19): the unit's own business, signed in through 法人登录: 单位中心 and 见习单位认定申请."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.answers.units import Unit
from chalicelib.api.contract import UNIT
from chalicelib.api.operation import operations
from chalicelib.api.queries import NoQuery
from chalicelib.domain.principal import Principal
from chalicelib.ports import Ports
from chalicelib.services import units

bp = Blueprint(__name__)
operation = operations(bp)


@operation(
    method="GET",
    path="/unit",
    operation_id="getUnit",
    summary="My unit (单位中心)",
    description="The calling unit's recognition status, 业务办理属地 and its quota of positions (名额): "
    "`position_quota` headcount at once, of which `quota_used` is held by its open and pending_review "
    "positions. A unit that never applied is `unregistered`, named as its token names it.",
    tag="unit",
    access=UNIT,
    query=NoQuery,
    answer=Unit,
    answer_description="The unit.",
)
def my_unit(caller: Principal, ports: Ports) -> Any:
    return units.mine(caller, ports=ports)
