"""Issue 23's "Done when", over HTTP against `make dev`'s stack: a person rates an approved application once (a
second time 409); the 差评 is listed for the reviewers of its region and for no other, followed up, and the summary
counts it; and 统计分析 of the county moves by exactly what the test did after each step of the chain (submitted,
approved, rated). A unit rating its paid claim is in test_subsidies_over_http.py, at the end of that chain."""

from __future__ import annotations

import uuid

import requests

from scripts.demo_data import demo_trainees
from scripts.walkthrough import Walk, graduate_form
from tests.e2e.conftest import LocalStack
from tests.e2e.statistics_figures import figures, moved

COUNTY = "140105"  # 小店区, where the demo trainee lives


def _listed(walk: Walk, staff: dict[str, str], rating_id: str, **query: str) -> bool:
    """Whether the region's 差评 list holds the rating, page after page (lowest level first, oldest first)."""
    params: dict[str, str] = {"level_max": "2", "limit": "50", **query}
    while True:
        page = walk.call("GET", "/admin/ratings", 200, staff, params=params)
        if any(item["rating_id"] == rating_id for item in page["items"]):
            return True
        if not page.get("next_cursor"):
            return False
        params["cursor"] = page["next_cursor"]


def test_a_person_rates_once_and_the_regions_reviewers_follow_it_up(local_stack: LocalStack) -> None:
    walk = Walk(local_stack.api, say=lambda _line: None, issuer=local_stack.issuer)
    trainee = demo_trainees()[0]  # 王晓雨 of 小店区, under a subject of this test's own
    person = walk.token(sub=f"rate-{uuid.uuid4().hex[:12]}", name=trainee["name"], id_number=trainee["id_number"])
    city = walk.token(sub="rating-reviewer-taiyuan", roles=["reviewer"], region="140100")
    datong = walk.token(sub="rating-reviewer-datong", roles=["reviewer"], region="140200")
    summary_query = {"county": COUNTY}

    start = figures(walk, city, COUNTY)
    form = graduate_form(trainee, [walk.upload(person, "id_card"), walk.upload(person, "graduation_certificate")])
    case = walk.call("POST", "/applications", 201, person, json=form)["application_id"]
    assert moved(start, submitted := figures(walk, city, COUNTY)) == {"applications.submitted": 1}
    walk.call("POST", f"/admin/applications/{case}/approve", 200, city, json={})
    assert moved(submitted, approved := figures(walk, city, COUNTY)) == {"applications.approved": 1}

    summary_before = walk.call("GET", "/admin/ratings/summary", 200, city, params=summary_query)
    rating = {"case_type": "application", "case_id": case, "level": 1, "tags": ["流程繁琐"], "comment": "等了很久"}
    rated = walk.call("POST", "/ratings", 201, person, json=rating)
    twice = requests.post(f"{walk.base}/ratings", headers=person, json={**rating, "level": 5}, timeout=30)
    assert (twice.status_code, twice.json()["error"]["code"]) == (409, "ALREADY_RATED")
    assert walk.call("GET", f"/applications/{case}", 200, person)["rating"]["level_label"] == "非常不满意"
    assert moved(approved, figures(walk, city, COUNTY)) == {"ratings.level_1": 1, "ratings.count": 1}
    summary = walk.call("GET", "/admin/ratings/summary", 200, city, params=summary_query)
    assert (summary["counts"]["1"], summary["bad"]) == (summary_before["counts"]["1"] + 1, summary_before["bad"] + 1)

    rating_id = rated["rating_id"]
    assert _listed(walk, city, rating_id, county=COUNTY) and _listed(walk, city, rating_id)
    assert not _listed(walk, datong, rating_id)  # another city's reviewers never see it
    elsewhere = requests.get(f"{walk.base}/admin/ratings/{rating_id}", headers=datong, timeout=30)
    assert (elsewhere.status_code, elsewhere.json()["error"]["code"]) == (404, "RATING_NOT_FOUND")
    outside = requests.get(f"{walk.base}/admin/ratings", headers=datong, params={"county": COUNTY}, timeout=30)
    assert (outside.status_code, outside.json()["error"]["code"]) == (403, "OUTSIDE_REGION")

    follow_up = {"action": "回访", "note": "已电话回访，说明审核时限"}
    walk.call("POST", f"/admin/ratings/{rating_id}/follow-ups", 201, city, json=follow_up)
    history = walk.call("GET", f"/admin/ratings/{rating_id}", 200, city)["follow_ups"]
    assert [(f["action"], f["note"]) for f in history] == [("回访", follow_up["note"])]
