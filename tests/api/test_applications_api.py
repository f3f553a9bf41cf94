"""The applicant's side of 就业见习人员申请 (API.md; user manual 3.2.2): submit, my cases, detail, withdraw, /v1/me."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

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
    return flows.person(token, sub="u-li", name="李四", birth=date(2002, 3, 9), sequence="224")


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


def test_a_complete_form_is_accepted_with_申报成功(
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


def test_an_unemployed_youth_is_accepted_with_her_gender_and_birth_date(client: Any, token: Any) -> None:
    wang = flows.person(token, sub="u-wang", name="王芳", birth=date(2007, 1, 2), sequence="246")
    files = flows.youth_attachments(client, wang.token)
    answer = flows.submit(client, wang.token, flows.youth_form(wang, files))
    assert answer.status_code == 201, answer.body
    assert (body(answer)["gender"], body(answer)["birth_date"]) == ("female", "2007-01-02")


# ----------------------------------------------------------------------------------------------- field rules


RULES = [
    pytest.param({"id_number": "14010520030517123"}, "id_number", id="id-17-chars"),
    pytest.param({"id_number": "1401052003051712345"}, "id_number", id="id-19-chars"),
    pytest.param({"id_number": "14010520030230123X"}, "id_number", id="id-not-a-date"),
    pytest.param({"name": "张三丰"}, "name", id="name-not-the-claim"),
    pytest.param({"phone": "12812345678"}, "phone", id="phone-12x"),
    pytest.param({"phone": "1381234567"}, "phone", id="phone-10-digits"),
    pytest.param({"phone": "0351-7731427"}, "phone", id="phone-landline"),
    pytest.param({"education": "any"}, "education", id="education-any"),
    pytest.param({"person_category": "retired"}, "person_category", id="category-unknown"),
    pytest.param({"locality": "140000"}, "locality", id="locality-province"),
    pytest.param({"locality": "149999"}, "locality", id="locality-unknown"),
    pytest.param({"locality": "110101"}, "locality", id="locality-beijing"),
    pytest.param({"school": ""}, "school", id="graduate-without-school"),
    pytest.param({"major": ""}, "major", id="graduate-without-major"),
    pytest.param({"graduation_date": None}, "graduation_date", id="graduate-without-date"),
    pytest.param({"graduation_date": "2026-02-30"}, "graduation_date", id="graduation-not-a-date"),
    pytest.param({"address": ""}, "address", id="address-missing"),
    pytest.param({"address": "路" * 201}, "address", id="address-too-long"),
    pytest.param({"attachments": []}, "attachments", id="no-attachments"),
]


@pytest.mark.parametrize(("changes", "field"), RULES)
def test_each_broken_rule_is_a_field_error_in_chinese(
    client: Any, zhang: Person, zhang_files: list[str], changes: dict[str, Any], field: str
) -> None:
    answer = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files, **changes))

    errors = field_errors(answer)  # also asserts 422 and a Chinese message for each
    assert body(answer)["error"]["code"] == "VALIDATION_FAILED"
    assert list(errors) == [field]
    assert my_cases(client, zhang)["items"] == []


def test_a_wrong_check_digit_is_invalid_checksum(client: Any, zhang: Person, zhang_files: list[str]) -> None:
    form = flows.graduate_form(zhang, zhang_files, id_number=flows.with_wrong_check_digit(zhang.id_number))
    answer = flows.submit(client, zhang.token, form)
    assert field_errors(answer) == {"id_number": ["INVALID_CHECKSUM"]}
    (detail,) = body(answer)["error"]["details"]
    assert detail["message"] == "公民身份号码校验位错误"


def test_a_valid_id_number_of_someone_else_is_refused(client: Any, zhang: Person, zhang_files: list[str]) -> None:
    other = flows.id_number(date(2001, 8, 8), sequence="777")
    answer = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files, id_number=other))
    assert field_errors(answer) == {"id_number": ["NOT_YOURS"]}


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


def test_an_unknown_field_is_400(client: Any, zhang: Person, zhang_files: list[str]) -> None:
    answer = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files, status="approved"))
    assert answer.status_code == 400
    assert [d["field"] for d in body(answer)["error"]["details"]] == ["status"]
    assert my_cases(client, zhang)["items"] == []


@pytest.mark.parametrize(
    "changes", [{"attachments": "abc"}, {"phone": 13812345678}, {"graduation_date": 20250701}], ids=str
)
def test_a_wrong_json_type_is_400(client: Any, zhang: Person, zhang_files: list[str], changes: dict[str, Any]) -> None:
    answer = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files, **changes))
    assert answer.status_code == 400
    assert [d["code"] for d in body(answer)["error"]["details"]] == ["WRONG_TYPE"]


# ----------------------------------------------------------------------------------------------- graduates: dates


def test_graduation_today_in_china_is_not_in_the_future(
    client: Any, monkeypatch: pytest.MonkeyPatch, zhang: Person, zhang_files: list[str]
) -> None:
    set_clock(monkeypatch, EDGE)  # 12-01 in China, still 11-30 in UTC
    answer = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files, graduated=EDGE_DAY))
    assert answer.status_code == 201, answer.body


def test_graduation_tomorrow_is_in_the_future(
    client: Any, monkeypatch: pytest.MonkeyPatch, zhang: Person, zhang_files: list[str]
) -> None:
    set_clock(monkeypatch, EDGE)
    form = flows.graduate_form(zhang, zhang_files, graduated=EDGE_DAY + timedelta(days=1))
    assert field_errors(flows.submit(client, zhang.token, form)) == {"graduation_date": ["IN_THE_FUTURE"]}


def test_graduation_exactly_24_months_before_submission_is_accepted(
    client: Any, monkeypatch: pytest.MonkeyPatch, zhang: Person, zhang_files: list[str]
) -> None:
    set_clock(monkeypatch, EDGE)
    form = flows.graduate_form(zhang, zhang_files, graduated=date(2024, 12, 1))
    assert flows.submit(client, zhang.token, form).status_code == 201


@pytest.mark.xfail(
    strict=True,
    reason="BUG: domain/applications.py counts whole months, so 24 months and up to 30 days more is accepted",
)
def test_graduation_24_months_and_a_day_before_submission_is_refused(
    client: Any, monkeypatch: pytest.MonkeyPatch, zhang: Person, zhang_files: list[str]
) -> None:
    set_clock(monkeypatch, EDGE)
    form = flows.graduate_form(zhang, zhang_files, graduated=date(2024, 11, 30))
    assert field_errors(flows.submit(client, zhang.token, form)) == {"graduation_date": ["NOT_ELIGIBLE"]}


def test_graduation_25_months_before_submission_is_refused(
    client: Any, monkeypatch: pytest.MonkeyPatch, zhang: Person, zhang_files: list[str]
) -> None:
    set_clock(monkeypatch, EDGE)
    form = flows.graduate_form(zhang, zhang_files, graduated=date(2024, 11, 1))
    assert field_errors(flows.submit(client, zhang.token, form)) == {"graduation_date": ["NOT_ELIGIBLE"]}


# ----------------------------------------------------------------------------------------------- youth: age


@pytest.mark.parametrize(
    ("birth", "accepted"),
    [
        pytest.param(date(2010, 12, 1), True, id="16th-birthday-today-in-china"),
        pytest.param(date(2010, 12, 2), False, id="16-tomorrow"),
        pytest.param(date(2001, 12, 2), True, id="25-tomorrow"),
        pytest.param(date(2001, 12, 1), False, id="25th-birthday-today-in-china"),
    ],
)
def test_a_youth_is_16_to_24_on_the_china_day_of_submission(
    client: Any, monkeypatch: pytest.MonkeyPatch, token: Any, birth: date, accepted: bool
) -> None:
    youth = flows.person(token, sub="u-youth", name="赵六", birth=birth)
    files = flows.youth_attachments(client, youth.token)
    set_clock(monkeypatch, EDGE)  # in UTC it is still 11-30: the day before each birthday

    answer = flows.submit(client, youth.token, flows.youth_form(youth, files))

    if accepted:
        assert answer.status_code == 201, answer.body
    else:
        assert field_errors(answer) == {"person_category": ["NOT_ELIGIBLE"]}


# ----------------------------------------------------------------------------------------------- locality


def test_a_citys_own_level_is_a_locality(client: Any, zhang: Person, zhang_files: list[str]) -> None:
    answer = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files, locality="140100"))
    assert answer.status_code == 201, answer.body
    assert me(client, zhang)["locality"] == {"code": "140100", "name": "太原市市本级"}


# ----------------------------------------------------------------------------------------------- attachments


def test_someone_elses_attachment_is_a_field_error(
    client: Any, zhang: Person, li: Person, zhang_files: list[str]
) -> None:
    lis_card = flows.uploaded(client, li.token, "id_card")
    form = flows.graduate_form(zhang, [lis_card, zhang_files[1]])
    assert field_errors(flows.submit(client, zhang.token, form)) == {"attachments": ["NOT_FOUND", "MISSING_ID_CARD"]}
    # and Li's card is untouched: Li can still delete it
    assert flows.delete(client, f"/v1/attachments/{lis_card}", li.token).status_code == 204


def test_an_attachment_still_awaiting_its_upload_is_a_field_error(
    client: Any, zhang: Person, zhang_files: list[str]
) -> None:
    waiting = flows.awaiting(client, zhang.token, "other")
    errors = field_errors(flows.submit(client, zhang.token, flows.graduate_form(zhang, [*zhang_files, waiting])))
    assert errors == {"attachments": ["NOT_UPLOADED"]}


def test_an_unknown_attachment_is_a_field_error(client: Any, zhang: Person, zhang_files: list[str]) -> None:
    errors = field_errors(flows.submit(client, zhang.token, flows.graduate_form(zhang, [*zhang_files, "nope"])))
    assert errors == {"attachments": ["NOT_FOUND"]}


def test_a_graduate_without_a_graduation_certificate_is_refused(client: Any, zhang: Person) -> None:
    files = [flows.uploaded(client, zhang.token, "id_card"), flows.uploaded(client, zhang.token, "other")]
    errors = field_errors(flows.submit(client, zhang.token, flows.graduate_form(zhang, files)))
    assert errors == {"attachments": ["MISSING_GRADUATION_CERTIFICATE"]}


def test_a_youth_without_an_unemployment_registration_is_refused(client: Any, token: Any) -> None:
    youth = flows.person(token, sub="u-youth", name="赵六", birth=date(2006, 6, 6))
    files = flows.graduate_attachments(client, youth.token)  # id_card + graduation_certificate
    errors = field_errors(flows.submit(client, youth.token, flows.youth_form(youth, files)))
    assert errors == {"attachments": ["MISSING_UNEMPLOYMENT_REGISTRATION"]}


def test_without_an_id_card_the_form_is_refused(client: Any, zhang: Person) -> None:
    files = [flows.uploaded(client, zhang.token, "graduation_certificate")]
    errors = field_errors(flows.submit(client, zhang.token, flows.graduate_form(zhang, files)))
    assert errors == {"attachments": ["MISSING_ID_CARD"]}


def test_the_same_attachment_twice_is_a_field_error(client: Any, zhang: Person, zhang_files: list[str]) -> None:
    form = flows.graduate_form(zhang, [*zhang_files, zhang_files[0]])
    assert field_errors(flows.submit(client, zhang.token, form)) == {"attachments": ["DUPLICATE"]}


# ----------------------------------------------------------------------------------------------- one live case


def test_a_second_application_while_one_is_pending_is_409(client: Any, zhang: Person, zhang_files: list[str]) -> None:
    flows.submitted(client, zhang, zhang_files)
    again = flows.submit(client, zhang.token, flows.graduate_form(zhang, flows.graduate_attachments(client, zhang.token)))
    assert again.status_code == 409
    assert body(again)["error"]["code"] == "APPLICATION_EXISTS"
    assert len(my_cases(client, zhang)["items"]) == 1


def test_a_second_application_after_approval_is_409(
    client: Any, token: Any, zhang: Person, zhang_files: list[str]
) -> None:
    application_id = flows.submitted(client, zhang, zhang_files)
    flows.post(client, f"/v1/admin/applications/{application_id}/approve", flows.reviewer(token), {})
    again = flows.submit(client, zhang.token, flows.graduate_form(zhang, flows.graduate_attachments(client, zhang.token)))
    assert again.status_code == 409
    assert body(again)["error"]["code"] == "APPLICATION_EXISTS"


def test_after_withdrawal_the_person_applies_again_with_the_same_attachments(
    client: Any, zhang: Person, zhang_files: list[str]
) -> None:
    first = flows.submitted(client, zhang, zhang_files)
    assert flows.withdraw(client, zhang.token, first).status_code == 200

    again = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files))

    assert again.status_code == 201, again.body
    assert body(again)["application_id"] != first
    assert [i["status"] for i in my_cases(client, zhang)["items"]] == ["pending", "withdrawn"]


def test_after_rejection_the_person_applies_again_with_the_same_attachments(
    client: Any, token: Any, zhang: Person, zhang_files: list[str]
) -> None:
    first = flows.submitted(client, zhang, zhang_files)
    rejected = flows.post(
        client, f"/v1/admin/applications/{first}/reject", flows.reviewer(token), {"reason": "毕业证书不清晰"}
    )
    assert rejected.status_code == 200

    again = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files))

    assert again.status_code == 201, again.body
    assert [i["status"] for i in my_cases(client, zhang)["items"]] == ["pending", "rejected"]


# ----------------------------------------------------------------------------------------------- Idempotency-Key


def test_a_repeat_with_the_same_key_and_body_returns_the_first_answer(
    client: Any, zhang: Person, zhang_files: list[str]
) -> None:
    form = flows.graduate_form(zhang, zhang_files)
    first = flows.submit(client, zhang.token, form, **{"Idempotency-Key": "submit-1"})
    again = flows.submit(client, zhang.token, form, **{"Idempotency-Key": "submit-1"})

    assert first.status_code == again.status_code == 201
    assert body(again) == body(first)
    assert len(my_cases(client, zhang)["items"]) == 1


def test_the_same_key_with_another_body_is_422(client: Any, zhang: Person, zhang_files: list[str]) -> None:
    first = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files), **{"Idempotency-Key": "k"})
    assert first.status_code == 201
    other = flows.graduate_form(zhang, zhang_files, phone="13900000000")
    again = flows.submit(client, zhang.token, other, **{"Idempotency-Key": "k"})
    assert again.status_code == 422
    assert body(again)["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    (case,) = my_cases(client, zhang)["items"]
    assert case["application_id"] == body(first)["application_id"]


def test_a_key_of_64_characters_is_fine_and_65_is_400(client: Any, zhang: Person, zhang_files: list[str]) -> None:
    form = flows.graduate_form(zhang, zhang_files)
    too_long = flows.submit(client, zhang.token, form, **{"Idempotency-Key": "k" * 65})
    assert too_long.status_code == 400
    assert my_cases(client, zhang)["items"] == []
    assert flows.submit(client, zhang.token, form, **{"Idempotency-Key": "k" * 64}).status_code == 201


def test_two_people_using_the_same_key_get_their_own_answers(
    client: Any, zhang: Person, li: Person, zhang_files: list[str]
) -> None:
    mine = flows.submit(client, zhang.token, flows.graduate_form(zhang, zhang_files), **{"Idempotency-Key": "same"})
    lis_form = flows.graduate_form(li, flows.graduate_attachments(client, li.token))
    theirs = flows.submit(client, li.token, lis_form, **{"Idempotency-Key": "same"})
    assert mine.status_code == theirs.status_code == 201
    assert body(theirs)["application_id"] != body(mine)["application_id"]
    assert body(theirs)["birth_date"] == "2002-03-09"


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


def test_my_cases_are_newest_first(client: Any, zhang: Person, three_cases: list[str]) -> None:
    items = my_cases(client, zhang)["items"]
    assert [i["application_id"] for i in items] == three_cases[::-1]
    assert [(i["status"], i["status_label"]) for i in items] == [
        ("pending", "未审核"),
        ("withdrawn", "已撤回"),
        ("withdrawn", "已撤回"),
    ]
    assert [i["month"] for i in items] == ["2026-12", "2026-12", "2026-11"]
    assert {i["id_number"] for i in items} == {zhang.id_number[:6] + "********" + zhang.id_number[-4:]}


def test_my_cases_by_status_and_by_china_month(client: Any, zhang: Person, three_cases: list[str]) -> None:
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
def test_a_bad_list_query_is_400(client: Any, zhang: Person, query: str) -> None:
    assert flows.get(client, f"/v1/applications{query}", zhang.token).status_code == 400


def test_my_cases_page_by_cursor(client: Any, zhang: Person, three_cases: list[str]) -> None:
    first = my_cases(client, zhang, "?limit=2")
    assert [i["application_id"] for i in first["items"]] == three_cases[:0:-1]
    assert first["next_cursor"]

    second = my_cases(client, zhang, f"?limit=2&cursor={first['next_cursor']}")

    assert [i["application_id"] for i in second["items"]] == three_cases[:1]
    assert second["next_cursor"] is None


def test_a_tampered_or_foreign_cursor_is_400(client: Any, zhang: Person, li: Person, three_cases: list[str]) -> None:
    cursor = my_cases(client, zhang, "?limit=1")["next_cursor"]
    payload, _, signature = cursor.partition(".")
    tampered = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + signature

    for who, query in (
        (zhang, f"?limit=1&cursor={tampered}"),
        (zhang, "?limit=1&cursor=garbage"),
        (zhang, f"?limit=1&status=withdrawn&cursor={cursor}"),  # another query's cursor
        (li, f"?limit=1&cursor={cursor}"),  # another person's cursor
    ):
        answer = flows.get(client, f"/v1/applications{query}", who.token)
        assert answer.status_code == 400, query
        assert body(answer)["error"]["code"] == "INVALID_CURSOR"


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
        {"status": "pending", "status_label": "未审核", "at": "2026-12-01T01:30:00+08:00", "actor": "applicant", "comment": None}
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

    for answer in (
        flows.get(client, f"/v1/applications/{application_id}", li.token),
        flows.withdraw(client, li.token, application_id),
        flows.get(client, "/v1/applications/no-such-case", li.token),
    ):
        assert answer.status_code == 404
        assert body(answer)["error"]["code"] == "APPLICATION_NOT_FOUND"
    assert my_cases(client, li)["items"] == []
    assert body(flows.get(client, f"/v1/applications/{application_id}", zhang.token))["status"] == "pending"


def test_applicant_routes_need_a_signed_in_person(client: Any) -> None:
    for answer in (
        client.http.get("/v1/applications"),
        client.http.get("/v1/me"),
        client.http.post("/v1/applications", headers={"Content-Type": "application/json"}, body="{}"),
        client.http.get("/v1/applications", headers={"Authorization": "Bearer not-a-token"}),
    ):
        assert answer.status_code == 401
        assert body(answer)["error"]["code"] == "UNAUTHENTICATED"
