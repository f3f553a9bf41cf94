"""好差评 on each owner's case detail (issue 23): the trainee's and the unit's placement, the unit's 认定申请 and its
paid subsidy claim show `rating: null` before, and the party's own rating after `POST /v1/ratings`; a placement's
two parties each see their own rating only."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest

from scripts.factories import id_number
from tests import flows, unit_flows
from tests.api.test_placement_units_api import TODAY, Caller, applied, terms
from tests.api.test_subsidies_api import APPROVED_AT, at, claim, put_month, seed
from tests.conftest import body
from tests.services.subsidy_steps import UNIT_CODE


@pytest.fixture
def dynamo_calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """The DynamoDB operations made from here on (cleared by the test before the request it measures)."""
    from botocore.client import BaseClient

    seen: Counter[str] = Counter()
    original = BaseClient._make_api_call

    def counted(self: Any, operation: str, params: dict[str, Any]) -> Any:
        if self.meta.service_model.service_name == "dynamodb":
            seen[operation] += 1
        return original(self, operation, params)

    monkeypatch.setattr(BaseClient, "_make_api_call", counted)
    return seen


def read_with(calls: Counter[str], client: Any, token: str, path: str) -> tuple[Any, dict[str, int]]:
    """The detail's rating, and the DynamoDB calls that answered it."""
    calls.clear()
    rating = rating_on(client, token, path)
    return rating, dict(calls)


def rated(client: Any, token: str, case_type: str, case_id: str, level: int, *tags: str) -> dict[str, Any]:
    payload = {"case_type": case_type, "case_id": case_id, "level": level, "tags": list(tags)}
    answer = flows.post(client, "/v1/ratings", token, payload)
    assert answer.status_code == 201, answer.body
    return dict(body(answer))


def rating_on(client: Any, token: str, path: str) -> Any:
    answer = flows.get(client, path, token)
    assert answer.status_code == 200, answer.body
    return body(answer)["rating"]


@pytest.fixture
def parties(client: Any, token: Any) -> dict[str, Caller]:
    from scripts.stored_factories import approved_trainee, person

    trainee = person("rating-trainee", 41, "周晓岚")
    approved_trainee(trainee)
    claims = {"sub": trainee.subject, "name": trainee.name, "id_number": trainee.id_number}
    return {
        "trainee": Caller(client, token(**claims)),
        "unit": Caller(client, unit_flows.unit_token(token, 1234, "山西测试")),
        "reviewer": Caller(client, token(sub="reviewer-r", roles=["reviewer"], region="140100")),
    }


def test_a_finished_placement_shows_each_partys_own_rating(
    parties: dict[str, Caller], dynamo_calls: Counter[str]
) -> None:
    trainee, unit, reviewer = parties["trainee"], parties["unit"], parties["reviewer"]
    placement_id = applied(parties)  # a position of credit_code(1234), the unit's
    assert unit.post(f"/v1/unit/placements/{placement_id}/offer", terms()).status_code == 200
    assert trainee.post(f"/v1/placements/{placement_id}/accept").status_code == 200
    assert reviewer.post(f"/v1/admin/placements/{placement_id}/confirm").status_code == 200
    end = {"end_date": (TODAY + timedelta(days=30)).isoformat(), "reason": "retained", "note": "转正"}
    assert unit.post(f"/v1/unit/placements/{placement_id}/end", end).status_code == 200
    mine, theirs = f"/v1/placements/{placement_id}", f"/v1/unit/placements/{placement_id}"

    def rate(who: Caller, level: int, tag: str) -> Any:
        payload = {"case_type": "placement", "case_id": placement_id, "level": level, "tags": [tag]}
        answer = who.post("/v1/ratings", payload)
        assert answer.status_code == 201, answer.body
        return body(answer)

    before = (body(trainee.get(mine))["rating"], body(unit.get(theirs))["rating"])
    by_trainee = rate(trainee, 5, "流程便捷")
    between = body(unit.get(theirs))["rating"]  # the trainee's rating is not the unit's
    by_unit = rate(unit, 2, "材料繁多")

    assert before == (None, None) and between is None
    shown = body(trainee.get(mine))["rating"]
    assert (shown["rating_id"], shown["level_label"], shown["tags"]) == (
        by_trainee["rating_id"],
        "非常满意",
        ["流程便捷"],
    )
    dynamo_calls.clear()
    shown = body(unit.get(theirs))["rating"]
    assert (shown["rating_id"], shown["level_label"], shown["bad"]) == (by_unit["rating_id"], "不满意", True)
    assert dict(dynamo_calls) == {"GetItem": 2}  # the placement, the rating by its derived id


def test_a_decided_recognition_shows_the_units_rating(client: Any, token: Any, dynamo_calls: Counter[str]) -> None:
    unit = unit_flows.unit_token(token, 1301, "山西评价科技有限公司")
    recognition_id = unit_flows.applied(client, unit)
    code = unit_flows.credit_code_of(client, unit)
    reviewer = flows.reviewer(token, "140100", "r-units")
    path = f"/v1/unit/recognitions/{recognition_id}"

    pending = body(flows.get(client, path, unit))
    refused = flows.post(client, f"/v1/admin/units/{code}/reject", reviewer, {"reason": "营业执照不清晰"})
    assert refused.status_code == 200, refused.body
    before = rating_on(client, unit, path)
    given = rated(client, unit, "recognition", recognition_id, 3, "指引清晰")
    other = flows.get(client, path, unit_flows.unit_token(token, 1302, "另一家单位"))

    assert (pending["status"], pending["rating"], before) == ("pending", None, None)
    after, calls = read_with(dynamo_calls, client, unit, path)
    assert (after["rating_id"], after["level_label"]) == (given["rating_id"], "基本满意")
    assert calls == {"GetItem": 2}  # the recognition, the rating by its derived id
    assert flows.refusals({"other": other}) == {"other": (404, "CASE_NOT_FOUND")}


def test_a_paid_claim_shows_the_units_rating(
    client: Any, monkeypatch: pytest.MonkeyPatch, token: Any, dynamo_calls: Counter[str]
) -> None:
    agent = {"sub": "agent-r", "name": "经办人", "id_number": id_number(serial=88)}  # rating asks for a real name
    unit = str(token(**agent, extra={"credit_code": UNIT_CODE, "org_name": "吕梁示例科技"}))
    staff = str(token(sub="r-lishi", name="审核员", roles=["reviewer"], region="141102"))
    at(monkeypatch, APPROVED_AT)
    record = seed(5, "王小雨")
    assert put_month(client, unit, record.placement_id, "2025-04", (21, 21)).status_code == 200
    claim_id = body(claim(client, unit, ["2025-04"], [record.placement_id], "rk1"))["claim_id"]
    path = f"/v1/unit/subsidy-claims/{claim_id}"
    approved = flows.post(client, f"/v1/admin/subsidy-claims/{claim_id}/approve", staff, {"comment": "材料齐全"})
    assert approved.status_code == 200, approved.body
    at(monkeypatch, APPROVED_AT + timedelta(days=8))  # the 公示 is over
    payment = {"voucher_no": "LS-2025-0701", "paid_on": "2025-06-24"}
    assert flows.post(client, f"/v1/admin/subsidy-claims/{claim_id}/disburse", staff, payment).status_code == 200

    before = body(flows.get(client, path, unit))
    given = rated(client, unit, "subsidy_claim", claim_id, 4, "界面友好")
    after, calls = read_with(dynamo_calls, client, unit, path)

    assert (before["status"], before["rating"]) == ("paid", None)
    assert (after["rating_id"], after["level_label"], after["case_type_label"]) == (
        given["rating_id"],
        "满意",
        "见习补贴申领",
    )
    assert calls == {"GetItem": 2}  # the claim, the rating by its derived id
