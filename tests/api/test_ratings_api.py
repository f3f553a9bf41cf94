"""好差评 and 统计分析 through the routes (moto): rating once, the 差评 loop of a region, figures from counters that
equal a count of the cases this test made, after each step."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from chalicelib import wiring
from chalicelib.domain.clock import CHINA, china_date, utc_now
from chalicelib.domain.ratings import follow_up_due
from chalicelib.services import jobs
from tests import flows
from tests.conftest import body
from tests.flows import Person, get, post


@pytest.fixture
def applicant(token: Any) -> Person:
    return flows.person(token, sub="u-rater", name="王晓雨", birth=date(2003, 5, 17), serial=71)


def approve(client: Any, token: Any, application_id: str) -> None:
    answer = post(client, f"/v1/admin/applications/{application_id}/approve", flows.reviewer(token, "140000", "r-p"))
    assert answer.status_code == 200, answer.body


def figures(client: Any, staff: str, region: str = "140100") -> dict[str, Any]:
    answer = get(client, f"/v1/admin/statistics?region={region}", staff)
    assert answer.status_code == 200, answer.body
    return dict(body(answer)["totals"])


def test_rating_an_approved_application_once_and_its_detail_shows_it(
    client: Any, token: Any, applicant: Person
) -> None:
    case = flows.submitted(client, applicant)
    rating = {"case_type": "application", "case_id": case, "level": 5, "tags": ["指引清晰"]}

    early = post(client, "/v1/ratings", applicant.token, rating)
    approve(client, token, case)
    first = post(client, "/v1/ratings", applicant.token, rating)
    again = post(client, "/v1/ratings", applicant.token, rating)
    stranger = flows.person(token, sub="u-other", serial=72)
    theirs = post(client, "/v1/ratings", stranger.token, rating)

    assert flows.refusals({"early": early, "again": again, "theirs": theirs}) == {
        "early": (409, "CASE_NOT_FINISHED"),
        "again": (409, "ALREADY_RATED"),
        "theirs": (404, "CASE_NOT_FOUND"),
    }
    assert first.status_code == 201, first.body
    detail = body(get(client, f"/v1/applications/{case}", applicant.token))
    assert detail["rating"]["level_label"] == "非常满意"
    assert detail["rating"]["rating_id"] == body(first)["rating_id"]


def test_a_bad_rating_is_followed_up_in_its_region_only_and_counted(client: Any, token: Any, applicant: Person) -> None:
    taiyuan, datong = flows.reviewer(token, "140100"), flows.reviewer(token, "140200", "r-datong")
    before = figures(client, taiyuan)
    case = flows.submitted(client, applicant)  # 140105 小店区, 太原市
    assert figures(client, taiyuan)["applications.submitted"] == before["applications.submitted"] + 1
    approve(client, token, case)
    assert figures(client, taiyuan)["applications.approved"] == before["applications.approved"] + 1

    rated = body(
        post(client, "/v1/ratings", applicant.token, {"case_type": "application", "case_id": case, "level": 1})
    )
    listed = body(get(client, "/v1/admin/ratings?level_max=2", taiyuan))["items"]
    elsewhere = body(get(client, "/v1/admin/ratings?level_max=2", datong))["items"]
    step = {"action": "回访", "note": "已电话回访，说明办理时限"}
    foreign = post(client, f"/v1/admin/ratings/{rated['rating_id']}/follow-ups", datong, step)
    followed = post(client, f"/v1/admin/ratings/{rated['rating_id']}/follow-ups", taiyuan, step)
    summary = body(get(client, "/v1/admin/ratings/summary?county=140105", taiyuan))

    assert [r["rating_id"] for r in listed] == [rated["rating_id"]]
    assert elsewhere == []
    assert foreign.status_code == 404
    assert followed.status_code == 201, followed.body
    assert [f["action"] for f in body(followed)["follow_ups"]] == ["回访"]
    assert (summary["count"], summary["bad"], summary["satisfaction_rate"]) == (1, 1, 0.0)
    totals = figures(client, taiyuan)
    assert (totals["ratings.count"], totals["ratings.level_1"]) == (1, 1)


def test_statistics_answer_the_region_and_each_region_under_it(client: Any, token: Any, applicant: Person) -> None:
    case = flows.submitted(client, applicant)
    flows.withdraw(client, applicant.token, case)
    province = flows.reviewer(token, "140000", "r-province")

    report = body(get(client, "/v1/admin/statistics?region=140000&from=2026-01&to=2026-12", province))
    city = body(get(client, "/v1/admin/statistics?region=140100", flows.reviewer(token, "140100")))
    outside = get(client, "/v1/admin/statistics?region=140000", flows.reviewer(token, "140100"))
    unknown = get(client, "/v1/admin/statistics?region=990000", province)
    empty = get(client, "/v1/admin/statistics?region=", province)  # not the caller's region by default
    backwards = get(client, "/v1/admin/statistics?from=2026-05&to=2026-04", province)

    assert (report["region"], report["from"], report["to"], len(report["months"])) == (
        "140000",
        "2026-01",
        "2026-12",
        12,
    )
    assert len(report["children"]) == 11
    taiyuan = next(c for c in report["children"] if c["region"] == "140100")
    assert (taiyuan["totals"]["applications.submitted"], taiyuan["totals"]["applications.withdrawn"]) == (1, 1)
    assert city["children"][0]["region_name"] == "市本级"
    xiaodian = next(c for c in city["children"] if c["region"] == "140105")
    assert xiaodian["totals"]["applications.withdrawn"] == 1
    refused = {"outside": outside, "unknown": unknown, "empty": empty, "backwards": backwards}
    assert flows.refusals(refused) == {
        "outside": (403, "OUTSIDE_REGION"),
        "unknown": (400, "INVALID_REGION"),
        "empty": (400, "INVALID_REGION"),
        "backwards": (400, "MALFORMED_REQUEST"),
    }


def test_publishing_and_closing_a_position_moves_its_figures(client: Any, token: Any) -> None:
    from scripts.factories import position_body

    manager = token(sub="m-1", name="岗位管理员", roles=["position_manager"], region="140000")
    staff = flows.reviewer(token, "140100")
    before = figures(client, staff)
    body_ = position_body(county_code="140105", headcount=4)
    created = post(client, "/v1/admin/positions", manager, body_)
    assert created.status_code == 201, created.body
    published = figures(client, staff)
    closed = post(client, f"/v1/admin/positions/{body(created)['position_id']}/close", manager)
    assert closed.status_code == 200, closed.body
    after = figures(client, staff)

    assert published["positions.published"] - before["positions.published"] == 1
    assert published["positions.open_headcount"] - before["positions.open_headcount"] == 4
    assert after["positions.open_headcount"] == before["positions.open_headcount"]


def test_an_overdue_bad_rating_reaches_the_reviewers_of_its_region_only(
    client: Any, token: Any, applicant: Person
) -> None:
    xiaodian, taiyuan = flows.reviewer(token, "140105", "r-xiaodian"), flows.reviewer(token, "140100")
    province, datong = flows.reviewer(token, "140000", "r-province"), flows.reviewer(token, "140200", "r-datong")
    case = flows.submitted(client, applicant)  # 140105 小店区, 太原市
    approve(client, token, case)
    rated = post(client, "/v1/ratings", applicant.token, {"case_type": "application", "case_id": case, "level": 2})
    rating_id = body(rated)["rating_id"]
    due = follow_up_due(china_date(utc_now()))  # five working days on
    due_morning = datetime(due.year, due.month, due.day, 8, tzinfo=CHINA)

    eve = jobs.morning(due_morning - timedelta(days=1), ports=wiring.ports())["overdue_ratings"]
    quiet = body(get(client, "/v1/admin/messages", taiyuan))["items"]
    on_the_day = jobs.morning(due_morning, ports=wiring.ports())["overdue_ratings"]
    seen = {
        who: body(get(client, f"/v1/admin/messages{where}", staff))["items"]
        for who, staff, where in (
            ("county", xiaodian, ""),
            ("city", taiyuan, ""),
            ("city, 小店区", taiyuan, "?county=140105"),
            ("province", province, ""),
            ("city, 迎泽区", taiyuan, "?county=140106"),
            ("datong", datong, ""),
        )
    }
    refused = {
        "datong, 小店区": get(client, "/v1/admin/messages?county=140105", datong),
        "county, 迎泽区": get(client, "/v1/admin/messages?county=140106", xiaodian),
    }

    assert (eve, quiet, on_the_day) == (0, [], 1)
    links = {who: [(m["kind"], m["link"]) for m in items] for who, items in seen.items()}
    reminder = [("rating_follow_up_due", f"/v1/admin/ratings/{rating_id}")]
    assert links == {
        "county": reminder,
        "city": reminder,
        "city, 小店区": reminder,
        "province": reminder,
        "city, 迎泽区": [],
        "datong": [],
    }
    assert "差评" in seen["county"][0]["text"] and due.isoformat() in seen["county"][0]["text"]
    assert flows.refusals(refused) == {
        "datong, 小店区": (403, "OUTSIDE_REGION"),
        "county, 迎泽区": (403, "OUTSIDE_REGION"),
    }
