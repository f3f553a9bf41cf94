"""Separation of duties: a reviewer never decides their own application; reading it is allowed but audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests import flows
from tests.api.test_review_api import audit_items
from tests.conftest import body
from tests.flows import Person


@pytest.fixture
def applicant(token: Any) -> Person:
    return flows.person(token, sub="u-staff-member", name="李四", birth=date(2003, 5, 17))


def reviewer_like(token: Any, who: Person, *, same_sub: bool) -> str:
    """The applicant's own staff account (same subject), or a second account with the same ID number."""
    sub = who.sub if same_sub else "staff-account-of-lisi"
    return str(token(sub=sub, name=who.name, id_number=who.id_number, roles=["reviewer"], region="140100"))


@pytest.mark.parametrize("decision", ["approve", "reject"])
@pytest.mark.parametrize("same_sub", [True, False], ids=["same-subject", "same-id-number"])
def test_a_reviewer_cannot_decide_their_own_application_and_the_refusal_is_audited(
    client: Any, token: Any, applicant: Person, decision: str, same_sub: bool
) -> None:
    application_id = flows.submitted(client, applicant)
    reviewer = reviewer_like(token, applicant, same_sub=same_sub)
    payload = {"comment": "材料齐全"} if decision == "approve" else {"reason": "材料不全"}

    answer = flows.post(client, f"/v1/admin/applications/{application_id}/{decision}", reviewer, payload)

    assert answer.status_code == 403, answer.body
    assert body(answer)["error"]["code"] == "OWN_APPLICATION"
    assert body(answer)["error"]["message"] == "不能审核本人的申请"
    case = body(flows.get(client, f"/v1/applications/{application_id}", applicant.token))
    assert case["status"] == "pending"
    [event] = audit_items()
    assert (event["application_id"], event["action"], event["outcome"]) == (application_id, decision, "refused_own")


def test_a_reviewer_reading_their_own_case_is_audited_as_such(client: Any, token: Any, applicant: Person) -> None:
    application_id = flows.submitted(client, applicant)

    answer = flows.get(
        client, f"/v1/admin/applications/{application_id}", reviewer_like(token, applicant, same_sub=False)
    )

    assert answer.status_code == 200, answer.body
    [event] = audit_items()
    assert (event["action"], event["outcome"]) == ("read_detail", "shown_own")


def test_another_reviewer_still_decides_the_case(client: Any, token: Any, applicant: Person) -> None:
    application_id = flows.submitted(client, applicant)

    answer = flows.post(
        client, f"/v1/admin/applications/{application_id}/approve", flows.reviewer(token), {"comment": "材料齐全"}
    )

    assert answer.status_code == 200, answer.body
