"""岗位订阅 over the routes: the public search's filters and its 400s, five at most, and a digest that matches
the search it was saved from (a property test against GET /v1/positions)."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib import wiring
from chalicelib.adapters import saved_search_store
from chalicelib.services import saved_searches
from scripts.stored_factories import new_position
from tests import flows
from tests.conftest import body


@pytest.fixture
def me(token: Any) -> flows.Person:
    return flows.person(token, sub="u-subscriber", name="王晓雨")


def save(client: Any, who: flows.Person, filters: dict[str, Any], sms: Any = False) -> Any:
    return flows.post(client, "/v1/saved-searches", who.token, {"filters": filters, "sms": sms})


def test_save_list_delete(client: Any, me: flows.Person) -> None:
    created = save(client, me, {"city": "140100", "keyword": "软件"}, sms=True)
    assert created.status_code == 201
    saved = body(created)
    assert saved["filters"] == {"city": "140100", "keyword": "软件"} and saved["sms"] is True
    listed = body(flows.get(client, "/v1/saved-searches", me.token))
    assert listed == {"items": [saved], "next_cursor": None}
    assert flows.delete(client, f"/v1/saved-searches/{saved['search_id']}", me.token).status_code == 204
    assert flows.delete(client, f"/v1/saved-searches/{saved['search_id']}", me.token).status_code == 204
    assert body(flows.get(client, "/v1/saved-searches", me.token))["items"] == []


def test_a_sixth_is_409(client: Any, me: flows.Person) -> None:
    for i in range(5):
        assert save(client, me, {"keyword": f"岗位{i}"}).status_code == 201
    sixth = save(client, me, {})
    assert sixth.status_code == 409
    assert body(sixth)["error"]["code"] == "SAVED_SEARCH_LIMIT_REACHED"
    assert body(sixth)["error"]["message"] == "最多保存5个岗位订阅"


@pytest.mark.parametrize(
    "filters",
    [
        {"education": "phd"},
        {"industry": "ZZ"},
        {"city": "110000"},
        {"county": "999999"},
        {"city": "140200", "county": "140105"},
        {"keyword": "  "},
        {"colour": "red"},
    ],
)
def test_filters_the_search_refuses_are_refused_alike(client: Any, me: flows.Person, filters: dict[str, str]) -> None:
    searched = client.http.get(f"/v1/positions?{urlencode(filters)}")
    saved = save(client, me, filters)
    assert searched.status_code == saved.status_code == 400
    assert body(saved)["error"]["code"] == body(searched)["error"]["code"]


@pytest.mark.parametrize(
    "payload",
    [
        {"filters": [], "sms": False},
        {"filters": {"city": 1}},
        {"sms": "yes"},
        {"x": 1},
        {"filters": {"limit": "5"}},
        {"filters": {"sort": "stipend"}},  # a digest has its own order
    ],
)
def test_a_malformed_body_is_400(client: Any, me: flows.Person, payload: dict[str, Any]) -> None:
    answer = flows.post(client, "/v1/saved-searches", me.token, payload)
    assert answer.status_code == 400 and body(answer)["error"]["code"] == "MALFORMED_REQUEST"


# ----------------------------------------------------------------------------------------------- property

SAVED_AT = datetime.now(UTC) - timedelta(hours=2)
PUBLISHED_AT = SAVED_AT + timedelta(hours=1)
PLACES = ("140105", "140106", "140100", "140212")
TITLES = ("软件开发见习生", "财务助理", "机械设计见习生")
POSITIONS = [
    (county, title, education, industry)
    for county in PLACES
    for title, education, industry in zip(TITLES, ("bachelor", "master", "bachelor"), ("I", "M", "C"), strict=True)
]

SUBSCRIBERS = itertools.count()
filters_strategy = st.fixed_dictionaries(
    {},
    optional={
        "city": st.sampled_from(["140100", "140200"]),
        "county": st.sampled_from([*PLACES, "140200"]),
        "education": st.sampled_from(["bachelor", "master", "any"]),
        "industry": st.sampled_from(["I", "M", "C", "A"]),
        "keyword": st.sampled_from(["软件", "见习", "财务", "山西", "没有的词"]),
    },
)


@pytest.fixture
def catalogue(client: Any) -> list[str]:
    return [
        new_position(county, title, now=PUBLISHED_AT, education=education, industry=industry)
        for county, title, education, industry in POSITIONS
    ]


@pytest.mark.usefixtures("catalogue")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filters_strategy)
def test_a_digest_lists_what_its_search_shows(
    client: Any, token: Any, monkeypatch: pytest.MonkeyPatch, filters: dict[str, str]
) -> None:
    who = flows.person(token, sub=f"u-{next(SUBSCRIBERS)}", name="王晓雨")  # a new person each example
    searched = client.http.get(f"/v1/positions?{urlencode({**filters, 'limit': 50})}")
    monkeypatch.setattr("chalicelib.api.saved_searches.utc_now", lambda: SAVED_AT)
    saved = save(client, who, filters)
    assert saved.status_code == (201 if searched.status_code == 200 else searched.status_code)
    if searched.status_code != 200:
        return
    shown = {p["position_id"] for p in json.loads(searched.body)["items"]}
    digested = saved_searches.digest_for(
        who.sub, saved_search_store.mine(who.sub), datetime.now(UTC), ports=wiring.ports()
    )
    assert set(digested) == shown
    assert len(digested) == len(shown)  # each position once
