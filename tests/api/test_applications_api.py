"""The applicant's side of 就业见习人员申请 (API.md; user manual 3.2.2): submit, my cases, detail, withdraw, /v1/me."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from scripts import factories
from tests import flows
from tests.conftest import body
from tests.flows import Person, field_errors, set_clock, utc

# 2026-11-30T17:30:00Z is already 2026-12-01 in China.
EDGE = utc("2026-11-30T17:30:00+00:00")
EDGE_DAY = date(2026, 12, 1)


@pytest.fixture
def zhang(token: Any) -> Person:
    return flows.person(token)


@pytest.fixture
def li(token: Any) -> Person:
    return flows.person(token, sub="u-li", name="李四", birth=date(2002, 3, 9), serial=224)


@pytest.fixture
def zhang_files(client: Any, zhang: Person) -> list[str]:
    """Zhang's id_card and graduation_certificate, both uploaded (green)."""
    return flows.graduate_attachments(client, zhang.token)


def my_cases(client: Any, who: Person, query: str = "") -> dict[str, Any]:
    answer = flows.get(client, f"/v1/applications{query}", who.token)
    assert answer.status_code == 200, answer.body
    listed: dict[str, Any] = body(answer)
    return listed


def me(client: Any, who: Person) -> dict[str, Any]:
    answer = flows.get(client, "/v1/me", who.token)
    assert answer.status_code == 200, answer.body
    found: dict[str, Any] = body(answer)
    return found


# ----------------------------------------------------------------------------------------------- 申报成功


def test_a_complete_form_is_accepted_and_says_so(
    client: Any, monkeypatch: pytest.MonkeyPatch, zhang: Person, zhang_files: list[str]
) -> None:
    set_clock(monkeypatch, EDGE)
    answer = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files, graduated=date(2026, 7, 1)))

    assert answer.status_code == 201
    created = body(answer)
    assert set(created) == {
        "application_id",
        "status",
        "status_label",
        "submitted_at",
        "month",
        "message",
        "gender",
        "birth_date",
    }
    assert created["status"] == "pending"
    assert created["status_label"] == "未审核"
    assert created["message"] == "申报成功"
    assert datetime.fromisoformat(created["submitted_at"]) == EDGE
    assert created["submitted_at"].endswith("+08:00")
    assert created["month"] == "2026-12"
    assert created["gender"] == "male"  # 17th digit 3 is odd
    assert created["birth_date"] == "2003-05-17"

    # 个人中心 → 未审核: the new case is there.
    (item,) = my_cases(client, zhang, "?status=pending")["items"]
    assert item["application_id"] == created["application_id"]
    assert item["status_label"] == "未审核"


# ----------------------------------------------------------------------------------------------- field rules


# One rule failure of the domain's (tests/unit/test_application_rules.py checks each rule), and what the parser
# refuses before any rule runs: a 422 naming the field, each message in Chinese, and no case filed.
@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"phone": "12812345678"}, "INVALID_PHONE"),
        ({"graduation_date": None}, "REQUIRED"),
        ({"graduation_date": "2026-02-30"}, "INVALID_DATE"),
        ({"address": ""}, "REQUIRED"),
    ],
)
def test_a_broken_rule_is_a_field_error_in_chinese(
    client: Any, zhang: Person, zhang_files: list[str], changes: dict[str, Any], code: str
) -> None:
    answer = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files, **changes))

    assert body(answer)["error"]["code"] == "VALIDATION_FAILED"
    assert field_errors(answer) == {next(iter(changes)): [code]}  # also: 422, and each message is Chinese
    assert my_cases(client, zhang)["items"] == []


def test_a_wrong_check_digit_says_so(client: Any, zhang: Person, zhang_files: list[str]) -> None:
    form = flows.graduate_form(zhang, zhang_files, id_number=factories.with_wrong_check_char(zhang.id_number))
    answer = flows.submit(client, zhang.token, form)
    assert field_errors(answer) == {"id_number": ["INVALID_CHECKSUM"]}
    assert body(answer)["error"]["details"][0]["message"] == "公民身份号码校验位错误"


def test_every_broken_rule_is_reported_at_once(client: Any, zhang: Person) -> None:
    form = flows.graduate_form(
        zhang,
        [flows.awaiting(client, zhang.token)],
        name="张三丰",
        phone="123",
        education="any",
        locality="140000",
        graduation_date="2099-01-01",
    )
    errors = field_errors(flows.submit(client, zhang.token, form))
    assert set(errors) == {"name", "phone", "education", "locality", "graduation_date", "attachments"}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"status": "approved"}, "UNKNOWN_FIELD"),
        ({"attachments": "abc"}, "WRONG_TYPE"),
        ({"phone": 13812345678}, "WRONG_TYPE"),
        ({"graduation_date": 20250701}, "WRONG_TYPE"),
    ],
)
def test_an_unknown_field_or_a_wrong_json_type_is_400(
    client: Any, zhang: Person, zhang_files: list[str], changes: dict[str, Any], code: str
) -> None:
    answer = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files, **changes))
    assert answer.status_code == 400
    assert [(d["field"], d["code"]) for d in body(answer)["error"]["details"]] == [(next(iter(changes)), code)]
    assert my_cases(client, zhang)["items"] == []


# ----------------------------------------------------------------------------------------------- graduates: dates


# The window itself is the domain's (tests/unit/test_application_rules.py); here, that the route's "today" is
# China's (each edge of it: tests/services/test_applications.py).
def test_graduation_today_in_china_is_accepted(
    client: Any, monkeypatch: pytest.MonkeyPatch, zhang: Person, zhang_files: list[str]
) -> None:
    set_clock(monkeypatch, EDGE)  # 12-01 in China, still 11-30 in UTC
    accepted = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files, graduated=EDGE_DAY))
    assert accepted.status_code == 201, accepted.body


# ----------------------------------------------------------------------------------------------- youth: age


# Each edge of the age rule is the domain's (tests/unit/test_application_rules.py); here, the birthday falls on
# the China day of submission, while in UTC it is still the day before (the 25th: tests/services/
# test_applications.py).
def test_a_youth_is_16_on_the_china_day_of_the_16th_birthday(
    client: Any, monkeypatch: pytest.MonkeyPatch, token: Any
) -> None:
    set_clock(monkeypatch, EDGE)
    birth = date(2010, 12, 1)
    youth = flows.person(token, sub="u-youth", name="王芳", birth=birth, serial=246)
    answer = flows.submit(client, youth.token, flows.youth_form(youth, flows.youth_attachments(client, youth.token)))
    assert answer.status_code == 201, answer.body
    assert (body(answer)["gender"], body(answer)["birth_date"]) == ("female", birth.isoformat())


# ----------------------------------------------------------------------------------------------- attachments


# What each attachment is, as the store tells it: whose, uploaded or not, there at all. Which kinds a category
# needs, and duplicates, are the domain's rules (tests/unit/test_application_rules.py).
@pytest.mark.parametrize(
    "case",
    [
        ("li's id card", ["NOT_FOUND", "MISSING_ID_CARD"]),  # Li's card is not Zhang's, and does not count
        ("awaiting its upload", ["NOT_UPLOADED"]),
        ("no-such-attachment", ["NOT_FOUND"]),
    ],
)
def test_each_attachment_the_store_does_not_vouch_for_is_a_field_error(
    client: Any, zhang: Person, li: Person, zhang_files: list[str], case: tuple[str, list[str]]
) -> None:
    attachment, codes = case
    card, certificate = zhang_files
    lis_card = flows.uploaded(client, li.token, "id_card")
    sent = {
        "li's id card": [lis_card, certificate],
        "awaiting its upload": [card, certificate, flows.awaiting(client, zhang.token, "other")],
        "no-such-attachment": [card, certificate, "no-such-attachment"],
    }[attachment]

    form = flows.graduate_form(zhang, sent, graduated=date(2026, 7, 1))
    assert field_errors(flows.submit(client, zhang.token, form)) == {"attachments": codes}

    assert my_cases(client, zhang)["items"] == []
    assert flows.delete(client, f"/v1/attachments/{lis_card}", li.token).status_code == 204  # untouched, still Li's


# ----------------------------------------------------------------------------------------------- one live case


def test_a_second_application_while_one_is_pending_or_approved_is_409(
    client: Any, token: Any, zhang: Person, zhang_files: list[str]
) -> None:
    application_id = flows.submitted(client, zhang, zhang_files)
    fresh_files = flows.graduate_attachments(client, zhang.token)
    for _ in ("pending", "approved"):
        again = flows.submit(client, zhang.token, flows.graduate_form(zhang, fresh_files))
        assert again.status_code == 409
        assert body(again)["error"]["code"] == "APPLICATION_EXISTS"
        approve = flows.post(client, f"/v1/admin/applications/{application_id}/approve", flows.reviewer(token), {})
    assert approve.status_code == 409  # approved on the first round, so the second approval is refused
    assert [i["status"] for i in my_cases(client, zhang)["items"]] == ["approved"]


def test_after_withdrawal_or_rejection_the_person_applies_again_with_the_same_attachments(
    client: Any, token: Any, zhang: Person, zhang_files: list[str]
) -> None:
    first = flows.submitted(client, zhang, zhang_files)
    assert flows.withdraw(client, zhang.token, first).status_code == 200

    second = flows.submitted(client, zhang, zhang_files)
    rejected = flows.post(
        client, f"/v1/admin/applications/{second}/reject", flows.reviewer(token), {"reason": "毕业证书不清晰"}
    )
    assert rejected.status_code == 200

    third = flows.submitted(client, zhang, zhang_files)

    assert len({first, second, third}) == 3
    assert [(i["application_id"], i["status"]) for i in my_cases(client, zhang)["items"]] == [
        (third, "pending"),
        (second, "rejected"),
        (first, "withdrawn"),
    ]


def test_of_two_racing_submissions_exactly_one_wins(
    client: Any, monkeypatch: pytest.MonkeyPatch, zhang: Person, zhang_files: list[str]
) -> None:
    fresh_files = flows.graduate_attachments(client, zhang.token)
    flows.submitted(client, zhang, zhang_files)
    # The second request read the person before the first one wrote: only the transaction can refuse it.
    monkeypatch.setattr("chalicelib.adapters.person_store.get", lambda subject: None)

    late = flows.submit(client, zhang.token, flows.graduate_form(zhang, fresh_files))

    assert late.status_code == 409
    assert body(late)["error"]["code"] == "APPLICATION_EXISTS"
    assert len(my_cases(client, zhang)["items"]) == 1
    for attachment_id in fresh_files:  # nothing half-written: the loser's attachments were not claimed
        assert flows.delete(client, f"/v1/attachments/{attachment_id}", zhang.token).status_code == 204


# ----------------------------------------------------------------------------------------------- Idempotency-Key


def test_a_repeat_with_the_same_idempotency_key_and_body_returns_the_first_answer(
    client: Any, zhang: Person, zhang_files: list[str]
) -> None:
    form = flows.graduate_form(zhang, zhang_files)
    too_long = flows.submit(client, zhang.token, form, **{"Idempotency-Key": "k" * 65})
    assert too_long.status_code == 400
    assert my_cases(client, zhang)["items"] == []

    key = {"Idempotency-Key": "k" * 64}
    first = flows.submit(client, zhang.token, form, **key)
    again = flows.submit(client, zhang.token, form, **key)

    assert first.status_code == again.status_code == 201
    assert body(again) == body(first)
    (case,) = my_cases(client, zhang)["items"]
    assert case["application_id"] == body(first)["application_id"]

    changed = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files, phone="13900000000"), **key)
    assert changed.status_code == 422
    assert body(changed)["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert len(my_cases(client, zhang)["items"]) == 1


def test_two_people_using_the_same_idempotency_key_get_their_own_answers(
    client: Any, zhang: Person, li: Person, zhang_files: list[str]
) -> None:
    mine = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files), **{"Idempotency-Key": "same"})
    lis_form = flows.graduate_form(li, flows.graduate_attachments(client, li.token))
    theirs = flows.submit(client, li.token, lis_form, **{"Idempotency-Key": "same"})
    assert mine.status_code == theirs.status_code == 201
    assert body(theirs)["application_id"] != body(mine)["application_id"]
    assert body(theirs)["birth_date"] == "2002-03-09"
    assert len(my_cases(client, li)["items"]) == 1


# ----------------------------------------------------------------------------------------------- 我的办件


@pytest.fixture
def three_cases(client: Any, monkeypatch: pytest.MonkeyPatch, zhang: Person, zhang_files: list[str]) -> list[str]:
    """Oldest first: withdrawn (November), withdrawn (December in China, November in UTC), pending (December)."""
    ids = []
    for moment in ("2026-11-30T15:59:59+00:00", "2026-11-30T17:30:00+00:00", "2026-12-05T02:00:00+00:00"):
        set_clock(monkeypatch, utc(moment))
        ids.append(flows.submitted(client, zhang, zhang_files, graduated=date(2026, 7, 1)))
        if len(ids) < 3:
            assert flows.withdraw(client, zhang.token, ids[-1]).status_code == 200
    return ids


def test_my_cases_newest_first_by_status_and_by_china_month(client: Any, zhang: Person, three_cases: list[str]) -> None:
    items = my_cases(client, zhang)["items"]
    assert [i["application_id"] for i in items] == three_cases[::-1]
    assert [(i["status"], i["status_label"]) for i in items] == [
        ("pending", "未审核"),
        ("withdrawn", "已撤回"),
        ("withdrawn", "已撤回"),
    ]
    assert [i["month"] for i in items] == ["2026-12", "2026-12", "2026-11"]
    assert {i["id_number"] for i in items} == {zhang.id_number[:6] + "********" + zhang.id_number[-4:]}

    def ids(query: str) -> list[str]:
        return [i["application_id"] for i in my_cases(client, zhang, query)["items"]]

    oldest, edge, newest = three_cases
    assert ids("?status=withdrawn") == [edge, oldest]
    assert ids("?status=pending") == [newest]
    assert ids("?status=approved") == []
    assert ids("?month=2026-11") == [oldest]
    assert ids("?month=2026-12") == [newest, edge]
    assert ids("?month=2026-12&status=withdrawn") == [edge]
    assert ids("?month=2027-01") == []


@pytest.mark.parametrize("query", ["?status=done", "?month=2026-13", "?month=202612", "?limit=0", "?limit=51", "?x=1"])
def test_a_bad_filter_of_my_cases_is_400(client: Any, zhang: Person, query: str) -> None:
    assert flows.get(client, f"/v1/applications{query}", zhang.token).status_code == 400


def test_my_cases_page_by_cursor_and_refuse_a_tampered_or_foreign_one(
    client: Any, zhang: Person, li: Person, three_cases: list[str]
) -> None:
    first = my_cases(client, zhang, "?limit=2")
    assert [i["application_id"] for i in first["items"]] == three_cases[:0:-1]
    cursor = first["next_cursor"]
    assert cursor

    second = my_cases(client, zhang, f"?limit=2&cursor={cursor}")

    assert [i["application_id"] for i in second["items"]] == three_cases[:1]
    assert second["next_cursor"] is None

    pages, query = [], "?limit=1&status=withdrawn"
    while True:  # a filtered list pages through exactly what matches
        page = my_cases(client, zhang, query)
        pages.append([i["application_id"] for i in page["items"]])
        if not page["next_cursor"]:
            break
        query = f"?limit=1&status=withdrawn&cursor={page['next_cursor']}"
    assert pages == [[three_cases[1]], [three_cases[0]]]

    payload, _, signature = cursor.partition(".")
    tampered = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + signature
    refused = {
        "tampered": (zhang, f"?limit=2&cursor={tampered}"),
        "garbage": (zhang, "?limit=2&cursor=garbage"),
        "another query's": (zhang, f"?limit=2&status=withdrawn&cursor={cursor}"),
        "another person's": (li, f"?limit=2&cursor={cursor}"),
    }
    answers = {case: flows.get(client, f"/v1/applications{query}", who.token) for case, (who, query) in refused.items()}
    assert flows.refusals(answers) == dict.fromkeys(refused, (400, "INVALID_CURSOR"))


# ----------------------------------------------------------------------------------------------- detail


def test_the_detail_shows_the_form_masked_with_attachments_and_history(
    client: Any, monkeypatch: pytest.MonkeyPatch, zhang: Person, zhang_files: list[str]
) -> None:
    set_clock(monkeypatch, EDGE)
    application_id = flows.submitted(client, zhang, zhang_files, graduated=date(2026, 7, 1))

    answer = flows.get(client, f"/v1/applications/{application_id}", zhang.token)

    assert answer.status_code == 200
    detail = body(answer)
    assert detail["id_number"] == zhang.id_number[:6] + "********" + zhang.id_number[-4:]
    assert detail["phone"] == "138****5678"
    assert zhang.id_number not in answer.body.decode()
    assert "13812345678" not in answer.body.decode()
    assert (detail["name"], detail["gender"], detail["birth_date"]) == ("张三", "male", "2003-05-17")
    assert (detail["status"], detail["status_label"], detail["month"]) == ("pending", "未审核", "2026-12")
    assert detail["graduation_date"] == "2026-07-01"
    assert detail["locality"] == "140105"
    assert [a["attachment_id"] for a in detail["attachments"]] == zhang_files
    assert [a["kind"] for a in detail["attachments"]] == ["id_card", "graduation_certificate"]
    assert detail["history"] == [
        {
            "status": "pending",
            "status_label": "未审核",
            "at": "2026-12-01T01:30:00+08:00",
            "actor": "applicant",
            "comment": None,
        }
    ]


# ----------------------------------------------------------------------------------------------- withdraw


def test_a_pending_application_is_withdrawn_and_its_history_shows_it(
    client: Any, monkeypatch: pytest.MonkeyPatch, zhang: Person, zhang_files: list[str]
) -> None:
    set_clock(monkeypatch, utc("2026-12-02T01:00:00+00:00"))
    application_id = flows.submitted(client, zhang, zhang_files, graduated=date(2026, 7, 1))
    set_clock(monkeypatch, utc("2026-12-02T03:00:00+00:00"))

    answer = flows.withdraw(client, zhang.token, application_id)

    assert answer.status_code == 200
    assert (body(answer)["status"], body(answer)["status_label"]) == ("withdrawn", "已撤回")
    history = body(flows.get(client, f"/v1/applications/{application_id}", zhang.token))["history"]
    assert [(h["status"], h["status_label"], h["actor"], h["at"]) for h in history] == [
        ("pending", "未审核", "applicant", "2026-12-02T09:00:00+08:00"),
        ("withdrawn", "已撤回", "applicant", "2026-12-02T11:00:00+08:00"),
    ]
    assert me(client, zhang)["trainee_status"] == "none"


def test_only_a_pending_application_can_be_withdrawn(
    client: Any, token: Any, zhang: Person, zhang_files: list[str]
) -> None:
    withdrawn = flows.submitted(client, zhang, zhang_files)
    flows.withdraw(client, zhang.token, withdrawn)
    again = flows.withdraw(client, zhang.token, withdrawn)
    assert again.status_code == 409
    assert body(again)["error"]["code"] == "NOT_WITHDRAWABLE"

    approved = flows.submitted(client, zhang, zhang_files)
    flows.post(client, f"/v1/admin/applications/{approved}/approve", flows.reviewer(token), {})
    refused = flows.withdraw(client, zhang.token, approved)
    assert refused.status_code == 409
    assert body(refused)["error"]["code"] == "NOT_WITHDRAWABLE"
    assert body(flows.get(client, f"/v1/applications/{approved}", zhang.token))["status"] == "approved"


# ----------------------------------------------------------------------------------------------- /v1/me


def test_me_follows_the_trainee_status_from_none_to_pending_to_approved(
    client: Any, token: Any, zhang: Person, zhang_files: list[str]
) -> None:
    before = me(client, zhang)
    assert before["trainee_status"] == "none"
    assert before["locality"] is None
    assert before["subject"] == zhang.sub
    assert before["name"] == "张三"
    assert before["id_number_masked"] == zhang.id_number[:6] + "********" + zhang.id_number[-4:]

    application_id = flows.submitted(client, zhang, zhang_files)
    pending = me(client, zhang)
    assert pending["trainee_status"] == "pending"
    assert pending["locality"] == {"code": "140105", "name": "太原市小店区"}

    flows.post(client, f"/v1/admin/applications/{application_id}/approve", flows.reviewer(token), {})
    approved = me(client, zhang)
    assert approved["trainee_status"] == "approved"
    assert approved["locality"] == {"code": "140105", "name": "太原市小店区"}


# ----------------------------------------------------------------------------------------------- not yours


def test_someone_elses_application_answers_as_if_it_did_not_exist(
    client: Any, zhang: Person, li: Person, zhang_files: list[str]
) -> None:
    application_id = flows.submitted(client, zhang, zhang_files)

    answers = {
        "read": flows.get(client, f"/v1/applications/{application_id}", li.token),
        "withdraw": flows.withdraw(client, li.token, application_id),
        "read an unknown one": flows.get(client, "/v1/applications/no-such-case", li.token),
    }
    assert flows.refusals(answers) == dict.fromkeys(answers, (404, "APPLICATION_NOT_FOUND"))
    assert my_cases(client, li)["items"] == []
    assert body(flows.get(client, f"/v1/applications/{application_id}", zhang.token))["status"] == "pending"


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/v1/applications", {}),
        ("GET", "/v1/me", {}),
        ("POST", "/v1/applications", {"Content-Type": "application/json"}),
        ("GET", "/v1/applications", {"Authorization": "Bearer not-a-token"}),
    ],
)
def test_applicant_routes_need_a_signed_in_person(client: Any, method: str, path: str, headers: dict[str, str]) -> None:
    answer = client.http.request(method, path, headers=headers, body="{}" if method == "POST" else b"")
    assert answer.status_code == 401
    assert body(answer)["error"]["code"] == "UNAUTHENTICATED"
