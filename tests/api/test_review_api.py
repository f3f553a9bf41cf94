"""The agency's side (API.md "Staff"): the review queue of a region, the unmasked case, approve, reject, audit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlparse

import boto3
import pytest
import requests

from chalicelib.config import settings
from tests import flows
from tests.conftest import body
from tests.flows import Person, set_clock, utc

# Where each applicant's case is handled: 太原市本级, two 太原 counties, a 大同 county.
LOCALITIES = {"shi": "140100", "xiaodian": "140105", "yingze": "140106", "datong": "140212"}


@pytest.fixture
def people(token: Any) -> dict[str, Person]:
    return {
        place: flows.person(token, sub=f"u-{place}", name="张三", birth=date(2003, 5, 17), serial=i * 10 + 1)
        for i, place in enumerate(LOCALITIES)
    }


@pytest.fixture
def cases(client: Any, monkeypatch: pytest.MonkeyPatch, people: dict[str, Person]) -> dict[str, str]:
    """One pending case per locality, a day apart: China days 11-29, 11-30, 12-01, 12-02 (datong is newest)."""
    ids = {}
    moments = (
        "2026-11-28T17:30:00+00:00",
        "2026-11-29T17:30:00+00:00",
        "2026-11-30T17:30:00+00:00",
        "2026-12-01T17:30:00+00:00",
    )
    for moment, (place, who) in zip(moments, people.items(), strict=True):
        set_clock(monkeypatch, utc(moment))
        files = flows.graduate_attachments(client, who.token)
        ids[place] = flows.submitted(client, who, files, locality=LOCALITIES[place], graduated=date(2026, 7, 1))
    return ids


def queue(client: Any, staff: str, query: str = "") -> list[str]:
    answer = flows.get(client, f"/v1/admin/applications{query}", staff)
    assert answer.status_code == 200, answer.body
    return [item["application_id"] for item in body(answer)["items"]]


def audit_items() -> list[dict[str, Any]]:
    table = boto3.resource("dynamodb").Table(settings().tables.audit)
    items: list[dict[str, Any]] = table.scan()["Items"]
    return items


# ----------------------------------------------------------------------------------------------- the queue


def test_each_reviewer_sees_the_queue_of_their_region_newest_first(
    client: Any, token: Any, cases: dict[str, str]
) -> None:
    """The wiring: the reviewer's region, the filters, the refusals (each region and filter on the fakes:
    tests/services/test_review.py)."""
    taiyuan = flows.reviewer(token, "140100")
    province = flows.reviewer(token, "140000", sub="r-province")

    assert queue(client, taiyuan) == [cases["yingze"], cases["xiaodian"], cases["shi"]]
    assert queue(client, taiyuan, "?county=140105") == [cases["xiaodian"]]
    assert queue(client, province, "?month=2026-11&status=pending") == [cases["xiaodian"], cases["shi"]]
    items = body(flows.get(client, "/v1/admin/applications?county=140100", taiyuan))["items"]
    assert (items[0]["status"], items[0]["status_label"], items[0]["month"]) == ("pending", "未审核", "2026-11")

    outside = flows.get(client, "/v1/admin/applications?county=140212", taiyuan)
    assert flows.refusals({"outside": outside}) == {"outside": (403, "OUTSIDE_REGION")}
    assert flows.get(client, "/v1/admin/applications?county=140000", province).status_code == 400


def test_the_queue_pages_by_cursor_bound_to_the_reviewer_and_query(
    client: Any, token: Any, cases: dict[str, str]
) -> None:
    province = flows.reviewer(token, "140000", sub="r-province")
    taiyuan = flows.reviewer(token, "140100")
    first = body(flows.get(client, "/v1/admin/applications?limit=3", province))
    assert [i["application_id"] for i in first["items"]] == [cases["datong"], cases["yingze"], cases["xiaodian"]]
    second = body(flows.get(client, f"/v1/admin/applications?limit=3&cursor={first['next_cursor']}", province))
    assert [i["application_id"] for i in second["items"]] == [cases["shi"]]
    assert second["next_cursor"] is None

    cursor = first["next_cursor"]
    refused = {
        "another region's": flows.get(client, f"/v1/admin/applications?limit=3&cursor={cursor}", taiyuan),
        "another query's": flows.get(
            client, f"/v1/admin/applications?limit=3&status=pending&cursor={cursor}", province
        ),
        "tampered": flows.get(client, f"/v1/admin/applications?limit=3&cursor={cursor[:-3]}xyz", province),
    }
    assert flows.refusals(refused) == dict.fromkeys(refused, (400, "INVALID_CURSOR"))


# ----------------------------------------------------------------------------------------------- outside the region


def test_a_case_outside_the_region_answers_as_if_it_did_not_exist(
    client: Any, token: Any, people: dict[str, Person], cases: dict[str, str]
) -> None:
    xiaodian = flows.reviewer(token, "140105", sub="r-xiaodian")
    datong_case = cases["datong"]
    outsiders = {
        "太原 on 大同's case": (flows.reviewer(token, "140100"), datong_case),
        "小店 on 市本级's": (xiaodian, cases["shi"]),
    }
    answers = {}
    for who, (staff, case) in outsiders.items():  # the requests of the scenario; one assert over all of them
        answers[who, "read"] = flows.get(client, f"/v1/admin/applications/{case}", staff)
        answers[who, "approve"] = flows.post(
            client, f"/v1/admin/applications/{case}/approve", staff, {"comment": "同意"}
        )
        answers[who, "reject"] = flows.post(
            client, f"/v1/admin/applications/{case}/reject", staff, {"reason": "材料不全"}
        )
    assert flows.refusals(answers) == dict.fromkeys(answers, (404, "APPLICATION_NOT_FOUND"))

    mine = body(flows.get(client, f"/v1/applications/{datong_case}", people["datong"].token))
    assert mine["status"] == "pending"
    assert len(mine["history"]) == 1
    assert audit_items() == []


# ----------------------------------------------------------------------------------------------- the case


def test_the_reviewer_sees_the_case_unmasked_with_download_links_and_the_read_is_audited(
    client: Any, token: Any, people: dict[str, Person], cases: dict[str, str]
) -> None:
    who = people["xiaodian"]
    taiyuan = flows.reviewer(token, "140100")

    answer = flows.get(client, f"/v1/admin/applications/{cases['xiaodian']}", taiyuan)

    assert answer.status_code == 200
    case = body(answer)
    assert case["id_number"] == who.id_number
    assert case["phone"] == "13812345678"
    assert (case["name"], case["gender"], case["birth_date"]) == ("张三", "male", "2003-05-17")
    assert (case["locality"], case["status"], case["status_label"]) == ("140105", "pending", "未审核")
    assert [a["kind"] for a in case["attachments"]] == ["id_card", "graduation_certificate"]
    for attachment, content in zip(case["attachments"], (flows.PDF, flows.PNG), strict=True):
        query = parse_qs(urlparse(attachment["download_url"]).query)
        assert 0 < int(query["X-Amz-Expires"][0]) <= 300
        assert requests.get(attachment["download_url"], timeout=10).content == content

    (event,) = audit_items()
    assert event["application_id"] == cases["xiaodian"]
    assert (event["actor"], event["action"], event["outcome"]) == ("r-taiyuan", "read_detail", "shown")
    assert event["actor_region"] == "140100"
    assert who.id_number not in str(event) and "13812345678" not in str(event)


def test_approval_is_recorded_in_the_history_the_audit_and_the_trainee_status(
    client: Any, token: Any, monkeypatch: pytest.MonkeyPatch, people: dict[str, Person], cases: dict[str, str]
) -> None:
    who, case = people["xiaodian"], cases["xiaodian"]
    xiaodian = flows.reviewer(token, "140105", sub="r-xiaodian")
    set_clock(monkeypatch, utc("2026-12-03T02:00:00+00:00"))

    answer = flows.post(client, f"/v1/admin/applications/{case}/approve", xiaodian, {"comment": "材料齐全，同意"})

    assert answer.status_code == 200
    assert (body(answer)["status"], body(answer)["status_label"]) == ("approved", "审核通过")
    history = body(flows.get(client, f"/v1/applications/{case}", who.token))["history"]
    assert [(h["status"], h["status_label"], h["actor"], h["comment"]) for h in history] == [
        ("pending", "未审核", "applicant", None),
        ("approved", "审核通过", "reviewer", "材料齐全，同意"),
    ]
    assert history[1]["at"] == "2026-12-03T10:00:00+08:00"
    me = body(flows.get(client, "/v1/me", who.token))
    assert me["trainee_status"] == "approved"
    assert me["locality"]["code"] == "140105"

    again = {
        "approve": flows.post(client, f"/v1/admin/applications/{case}/approve", xiaodian, {}),
        "reject": flows.post(client, f"/v1/admin/applications/{case}/reject", xiaodian, {"reason": "重复审核"}),
    }
    assert flows.refusals(again) == dict.fromkeys(again, (409, "NOT_PENDING"))

    (event,) = audit_items()
    assert (event["actor"], event["action"], event["outcome"]) == ("r-xiaodian", "approve", "approved")
    assert who.id_number not in str(event) and "13812345678" not in str(event)


def test_approval_needs_no_comment(client: Any, token: Any, people: dict[str, Person], cases: dict[str, str]) -> None:
    province = flows.reviewer(token, "140000", sub="r-province")
    answers = {
        "no body": flows.post(client, f"/v1/admin/applications/{cases['datong']}/approve", province, None),
        "an empty object": flows.post(client, f"/v1/admin/applications/{cases['shi']}/approve", province, {}),
    }
    decided = {sent: (a.status_code, body(a)["history"][-1]["comment"]) for sent, a in answers.items()}
    assert decided == dict.fromkeys(answers, (200, None))


def test_rejection_needs_a_reason_and_frees_the_person_to_apply_again(
    client: Any, token: Any, people: dict[str, Person], cases: dict[str, str]
) -> None:
    who, case = people["yingze"], cases["yingze"]
    taiyuan = flows.reviewer(token, "140100")

    refused = {
        str(payload): flows.post(client, f"/v1/admin/applications/{case}/reject", taiyuan, payload)
        for payload in ({}, {"reason": ""}, {"reason": "   "})
    }
    problems = {sent: [(d["field"], d["code"]) for d in body(a)["error"]["details"]] for sent, a in refused.items()}
    assert flows.refusals(refused) == dict.fromkeys(refused, (422, "VALIDATION_FAILED"))
    assert problems == {sent: [("reason", "REQUIRED")] for sent in refused}
    assert body(flows.get(client, f"/v1/applications/{case}", who.token))["status"] == "pending"

    answer = flows.post(client, f"/v1/admin/applications/{case}/reject", taiyuan, {"reason": "毕业证书照片不清晰"})

    assert answer.status_code == 200
    assert (body(answer)["status"], body(answer)["status_label"]) == ("rejected", "审核不通过")
    history = body(flows.get(client, f"/v1/applications/{case}", who.token))["history"]
    assert (history[-1]["status"], history[-1]["actor"], history[-1]["comment"]) == (
        "rejected",
        "reviewer",
        "毕业证书照片不清晰",
    )
    assert body(flows.get(client, "/v1/me", who.token))["trainee_status"] == "none"
    again = flows.post(client, f"/v1/admin/applications/{case}/approve", taiyuan, {})
    assert again.status_code == 409
    assert body(again)["error"]["code"] == "NOT_PENDING"
    (event,) = audit_items()
    assert (event["actor"], event["action"], event["outcome"]) == ("r-taiyuan", "reject", "rejected")

    files = [a["attachment_id"] for a in body(flows.get(client, f"/v1/applications/{case}", who.token))["attachments"]]
    assert flows.submit(client, who.token, flows.graduate_form(who, files, locality="140106")).status_code == 201


def test_a_withdrawn_case_cannot_be_decided(
    client: Any, token: Any, people: dict[str, Person], cases: dict[str, str]
) -> None:
    case = cases["shi"]
    assert flows.withdraw(client, people["shi"].token, case).status_code == 200
    taiyuan = flows.reviewer(token, "140100")
    answers = {
        "approve": flows.post(client, f"/v1/admin/applications/{case}/approve", taiyuan, {}),
        "reject": flows.post(client, f"/v1/admin/applications/{case}/reject", taiyuan, {"reason": "材料不全"}),
    }
    assert flows.refusals(answers) == dict.fromkeys(answers, (409, "NOT_PENDING"))
    assert body(flows.get(client, f"/v1/applications/{case}", people["shi"].token))["status"] == "withdrawn"


# ----------------------------------------------------------------------------------------------- who may review


def test_only_a_reviewer_with_a_region_may_review(
    client: Any, token: Any, people: dict[str, Person], cases: dict[str, str]
) -> None:
    case = cases["xiaodian"]
    not_reviewers = {
        "the applicant herself": people["xiaodian"].token,
        "a position manager": token(sub="m-taiyuan", name="岗位管理员", roles=["position_manager"], region="140100"),
        "a reviewer of no region": token(sub="r-nowhere", name="审核员", roles=["reviewer"]),  # means nothing
    }
    answers = {}
    for who, staff in not_reviewers.items():  # the requests of the scenario; one assert over all of them
        answers[who, "queue"] = flows.get(client, "/v1/admin/applications", staff)
        answers[who, "read"] = flows.get(client, f"/v1/admin/applications/{case}", staff)
        answers[who, "approve"] = flows.post(client, f"/v1/admin/applications/{case}/approve", staff, {})
        answers[who, "reject"] = flows.post(
            client, f"/v1/admin/applications/{case}/reject", staff, {"reason": "不同意"}
        )
    assert flows.refusals(answers) == dict.fromkeys(answers, (403, "FORBIDDEN"))
    assert flows.get(client, "/v1/admin/applications", "not-a-token").status_code == 401
    assert body(flows.get(client, f"/v1/applications/{case}", people["xiaodian"].token))["status"] == "pending"
    assert audit_items() == []


# ----------------------------------------------------------------------------------------------- races


@contextmanager
def stale_reads(monkeypatch: pytest.MonkeyPatch, application_id: str) -> Iterator[None]:
    """Inside, every read of this case sees it as it was on entry: requests that read just before a change."""
    from chalicelib.adapters import application_store

    stale = application_store.get(application_id)
    real_get = application_store.get
    with monkeypatch.context() as patch:
        patch.setattr(application_store, "get", lambda wanted: stale if wanted == application_id else real_get(wanted))
        yield


def test_a_review_racing_a_withdrawal_loses_and_writes_nothing(
    client: Any, token: Any, monkeypatch: pytest.MonkeyPatch, people: dict[str, Person], cases: dict[str, str]
) -> None:
    who, case = people["yingze"], cases["yingze"]
    with stale_reads(monkeypatch, case):
        assert flows.withdraw(client, who.token, case).status_code == 200

        reviewer = flows.reviewer(token)
        late = {
            "approve": flows.post(client, f"/v1/admin/applications/{case}/approve", reviewer, {}),
            "reject": flows.post(client, f"/v1/admin/applications/{case}/reject", reviewer, {"reason": "材料不全"}),
        }
        assert flows.refusals(late) == dict.fromkeys(late, (409, "NOT_PENDING"))

    mine = body(flows.get(client, f"/v1/applications/{case}", who.token))
    assert [h["status"] for h in mine["history"]] == ["pending", "withdrawn"]
    assert audit_items() == []


def test_a_withdrawal_racing_an_approval_loses_and_the_trainee_stays_approved(
    client: Any, token: Any, monkeypatch: pytest.MonkeyPatch, people: dict[str, Person], cases: dict[str, str]
) -> None:
    who, case = people["xiaodian"], cases["xiaodian"]
    with stale_reads(monkeypatch, case):
        approved = flows.post(client, f"/v1/admin/applications/{case}/approve", flows.reviewer(token), {})
        assert approved.status_code == 200

        late = flows.withdraw(client, who.token, case)

    assert late.status_code == 409
    assert body(late)["error"]["code"] == "NOT_WITHDRAWABLE"
    mine = body(flows.get(client, f"/v1/applications/{case}", who.token))
    assert [h["status"] for h in mine["history"]] == ["pending", "approved"]
    assert body(flows.get(client, "/v1/me", who.token))["trainee_status"] == "approved"
    in_use = flows.delete(client, f"/v1/attachments/{mine['attachments'][0]['attachment_id']}", who.token)
    assert in_use.status_code == 409
