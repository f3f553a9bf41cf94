"""Position search and detail (public), and publishing by staff (position_manager), through chalice.test.Client."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest

from chalicelib import wiring
from chalicelib.domain.clock import CHINA
from chalicelib.domain.positions import WRITABLE_FIELDS
from scripts.factories import as_parsed, auth, dumps, json_headers, position_body, today
from tests.conftest import body
from tests.flows import refusals
from tests.services.test_publishing import SPREAD

# The fields of a position: what staff write, and what the server sets; search results carry the same less
# `description`.
POSITION_FIELDS = {
    *WRITABLE_FIELDS,
    *("position_id", "city_code", "city_name", "county_name", "status", "published_at", "updated_at"),
}
# Display labels the app adds next to coded values; harmless, and not personal data.
LABEL_FIELDS = {"industry_name", "education_label"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Well-formed and never issued (ids are uuid4 hex: their 13th digit is 4). Fixed, so that every process that
# collects the tests (pytest -n) names the same cases.
ABSENT_ID = "0" * 32


# ----------------------------------------------------------------------------------------------- helpers


class Clock:
    """The app's `now`, frozen and moved by the test. It starts at 10:00 of today in China: a test that creates
    positions a minute apart, or reads "today" beside it, stays on one China day whatever the hour it runs at
    (started at 15:40 UTC, half an hour of minutes crossed China's midnight and made "today" yesterday)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime.combine(today(), time(10), tzinfo=CHINA).astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    frozen = Clock()
    monkeypatch.setattr("chalicelib.api.positions.utc_now", frozen)
    return frozen


@pytest.fixture
def manager(token: Callable[..., str]) -> str:
    """A position manager for the whole province."""
    return token(sub="pm-province", name="省级岗位管理员", roles=["position_manager"], region="140000")


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.body
    error: dict[str, Any] = body(response)["error"]
    assert error["code"] == code
    assert CHINESE.search(error["message"]), error["message"]
    return error


def problem_fields(response: Any) -> dict[str, str]:
    return {d["field"]: d["code"] for d in body(response)["error"]["details"]}


def create(client: Any, bearer: str, **overrides: Any) -> Any:
    return client.http.post("/v1/admin/positions", headers=json_headers(bearer), body=dumps(position_body(**overrides)))


def created(client: Any, bearer: str, clock: Clock | None = None, **overrides: Any) -> dict[str, Any]:
    """Create a position (a minute after the previous one when the clock is frozen) and return it."""
    if clock is not None:
        clock.advance(minutes=1)
    response = create(client, bearer, **overrides)
    assert response.status_code == 201, response.body
    result: dict[str, Any] = body(response)
    return result


def patch(client: Any, bearer: str, position_id: str, changes: dict[str, Any]) -> Any:
    return client.http.patch(f"/v1/admin/positions/{position_id}", headers=json_headers(bearer), body=dumps(changes))


def close(client: Any, bearer: str, position_id: str) -> Any:
    return client.http.post(f"/v1/admin/positions/{position_id}/close", headers=json_headers(bearer), body="")


def search(client: Any, **params: Any) -> Any:
    query = urlencode(params)
    return client.http.get("/v1/positions" + (f"?{query}" if query else ""))


def found(client: Any, **params: Any) -> list[dict[str, Any]]:
    response = search(client, **params)
    assert response.status_code == 200, response.body
    items: list[dict[str, Any]] = body(response)["items"]
    return items


def ids(client: Any, **params: Any) -> list[str]:
    return [item["position_id"] for item in found(client, **params)]


def all_pages(client: Any, **params: Any) -> Iterator[list[dict[str, Any]]]:
    cursor: str | None = None
    for _ in range(100):
        response = search(client, **params, **({"cursor": cursor} if cursor else {}))
        assert response.status_code == 200, response.body
        page = body(response)
        yield page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return
    pytest.fail("paging did not end")


# ----------------------------------------------------------------------------------------------- create


def test_create_answers_the_full_position_with_server_fields(client: Any, manager: str, clock: Clock) -> None:
    response = create(client, manager)

    assert response.status_code == 201
    position = body(response)
    sent = position_body()
    assert {name: position[name] for name in sent} == sent
    assert set(position) - LABEL_FIELDS == POSITION_FIELDS
    assert position["status"] == "open"
    assert (position["city_code"], position["city_name"]) == ("140100", "太原市")
    assert position["county_name"] == "小店区"
    assert RFC3339.match(position["published_at"])
    assert RFC3339.match(position["updated_at"])
    assert datetime.fromisoformat(position["published_at"]) == clock.now
    assert body(client.http.get(f"/v1/positions/{position['position_id']}")) == position
    assert found(client) == [{k: v for k, v in position.items() if k != "description"}]


# Which regions cover which county: tests/services/test_publishing.py.
def test_staff_create_outside_their_region_is_403(client: Any, token: Callable[..., str]) -> None:
    region, county_code = "140105", "140106"  # another county of the same city
    bearer = token(sub="pm", roles=["position_manager"], region=region)
    assert_error(create(client, bearer, county_code=county_code), 403, "OUTSIDE_REGION")
    assert found(client) == []


@pytest.mark.parametrize("roles", [["reviewer"], [], ["applicant"]])
def test_create_without_the_position_manager_role_is_403(
    client: Any, token: Callable[..., str], roles: list[str]
) -> None:
    bearer = token(sub="someone", roles=roles, region="140000")
    assert_error(create(client, bearer), 403, "FORBIDDEN")
    assert found(client) == []


def test_create_without_a_token_is_401(client: Any) -> None:
    response = client.http.post("/v1/admin/positions", headers=json_headers(), body=dumps(position_body()))

    assert_error(response, 401, "UNAUTHENTICATED")


# One rule failure of the domain's (tests/unit/test_position_rules.py checks each rule), and the dates the parser
# refuses before any rule runs: a 422 naming the field, in Chinese, and nothing written.
@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("headcount", 0, "OUT_OF_RANGE"),
        ("deadline", "2026-02-30", "INVALID_DATE"),
        ("deadline", "next week", "INVALID_DATE"),
    ],
)
def test_create_field_rules_are_422_naming_the_field(
    client: Any, manager: str, field: str, value: Any, code: str
) -> None:
    response = create(client, manager, **{field: value})

    assert_error(response, 422, "VALIDATION_FAILED")
    assert problem_fields(response) == {field: code}
    assert all(CHINESE.search(d["message"]) for d in body(response)["error"]["details"])
    assert found(client) == []


# A value the answer could drop as empty (the others, and which values pass the rules: tests/services/
# test_publishing.py, tests/unit/test_position_rules.py).
def test_create_keeps_empty_values_in_the_answer(client: Any, manager: str) -> None:
    field, value = "majors", list[str]()
    response = create(client, manager, **{field: value})

    assert response.status_code == 201, response.body
    assert body(response)[field] == value


def test_a_deadline_of_today_in_china_is_accepted(client: Any, manager: str, clock: Clock) -> None:
    # 16:30 UTC is already the next day in China: "today" is the China date.
    clock.now = datetime(2030, 5, 31, 16, 30, tzinfo=UTC)
    china_today = clock.now.astimezone(CHINA).date()

    accepted = create(client, manager, deadline=china_today.isoformat())
    refused = create(client, manager, deadline=(china_today - timedelta(days=1)).isoformat())

    assert accepted.status_code == 201, accepted.body
    assert_error(refused, 422, "VALIDATION_FAILED")
    assert problem_fields(refused) == {"deadline": "IN_THE_PAST"}


def test_every_field_problem_is_reported_at_once(client: Any, manager: str) -> None:
    response = create(client, manager, headcount=0, duration_months=24, contact_phone="110", industry="Z")

    assert_error(response, 422, "VALIDATION_FAILED")
    assert problem_fields(response) == {
        "headcount": "OUT_OF_RANGE",
        "duration_months": "OUT_OF_RANGE",
        "contact_phone": "INVALID_PHONE",
        "industry": "UNKNOWN_VALUE",
    }


REQUIRED_FIELDS = sorted(set(position_body()) - {"majors"})


@pytest.mark.parametrize("missing", REQUIRED_FIELDS)
def test_a_missing_required_field_is_422_required(client: Any, manager: str, missing: str) -> None:
    sent = position_body()
    del sent[missing]

    response = client.http.post("/v1/admin/positions", headers=json_headers(manager), body=dumps(sent))

    assert_error(response, 422, "VALIDATION_FAILED")
    assert problem_fields(response) == {missing: "REQUIRED"}
    assert found(client) == []


def test_a_null_or_an_empty_body_is_422_required(client: Any, manager: str) -> None:
    null_title = client.http.post(
        "/v1/admin/positions", headers=json_headers(manager), body=dumps(position_body(title=None))
    )
    assert problem_fields(null_title) == {"title": "REQUIRED"}
    everything = client.http.post("/v1/admin/positions", headers=json_headers(manager), body="{}")
    assert_error(everything, 422, "VALIDATION_FAILED")
    assert problem_fields(everything) == dict.fromkeys(REQUIRED_FIELDS, "REQUIRED")
    assert found(client) == []


def test_majors_may_be_left_out(client: Any, manager: str) -> None:
    sent = position_body()
    del sent["majors"]

    response = client.http.post("/v1/admin/positions", headers=json_headers(manager), body=dumps(sent))

    assert response.status_code == 201, response.body
    assert body(response)["majors"] == []


@pytest.mark.parametrize("field", ["status", "position_id", "published_at", "city_code", "county_name", "salary"])
def test_an_unknown_or_server_set_body_field_is_400(client: Any, manager: str, field: str) -> None:
    response = create(client, manager, **{field: "closed"})

    error = assert_error(response, 400, "MALFORMED_REQUEST")
    assert [(d["field"], d["code"]) for d in error["details"]] == [(field, "UNKNOWN_FIELD")]
    assert found(client) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("headcount", "3"),
        ("headcount", 3.5),
        ("headcount", True),
        ("duration_months", "6"),
        ("stipend_yuan_per_month", [2000]),
        ("title", 5),
        ("majors", "软件工程"),
        ("majors", [1, 2]),
        ("deadline", 20300101),
        ("county_code", 140105),
    ],
)
def test_a_wrong_json_type_is_400(client: Any, manager: str, field: str, value: Any) -> None:
    response = create(client, manager, **{field: value})

    error = assert_error(response, 400, "MALFORMED_REQUEST")
    assert [(d["field"], d["code"]) for d in error["details"]] == [(field, "WRONG_TYPE")]
    assert found(client) == []


@pytest.mark.parametrize("raw", ['{"title": ', "not json", "[1, 2]", '"text"', "null"])
def test_a_body_that_is_not_a_json_object_is_400(client: Any, manager: str, raw: str) -> None:
    response = client.http.post("/v1/admin/positions", headers=json_headers(manager), body=raw)

    assert_error(response, 400, "MALFORMED_JSON")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_a_non_json_content_type_is_415(client: Any, manager: str, content_type: str) -> None:
    headers = {**auth(manager), "Content-Type": content_type}

    response = client.http.post("/v1/admin/positions", headers=headers, body=dumps(position_body()))

    assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert found(client) == []


def test_json_with_a_charset_is_accepted(client: Any, manager: str) -> None:
    headers = {**auth(manager), "Content-Type": "application/json; charset=utf-8"}

    response = client.http.post("/v1/admin/positions", headers=headers, body=dumps(position_body()))

    assert response.status_code == 201, response.body


def test_a_repeated_create_with_the_same_idempotency_key_publishes_once(client: Any, manager: str) -> None:
    headers = json_headers(manager, **{"Idempotency-Key": "create-0001"})
    sent = dumps(position_body())

    first = client.http.post("/v1/admin/positions", headers=headers, body=sent)
    again = client.http.post("/v1/admin/positions", headers=headers, body=sent)
    other_body = client.http.post("/v1/admin/positions", headers=headers, body=dumps(position_body(headcount=9)))

    assert (first.status_code, again.status_code) == (201, 201)
    assert body(again) == body(first)
    assert_error(other_body, 422, "IDEMPOTENCY_KEY_REUSED")
    assert ids(client) == [body(first)["position_id"]]


def test_an_idempotency_key_longer_than_64_is_400(client: Any, manager: str) -> None:
    headers = json_headers(manager, **{"Idempotency-Key": "k" * 65})

    response = client.http.post("/v1/admin/positions", headers=headers, body=dumps(position_body()))

    assert response.status_code == 400
    assert found(client) == []


# ----------------------------------------------------------------------------------------------- patch


def test_patch_changes_the_position_and_its_search_entry(client: Any, manager: str, clock: Clock) -> None:
    position = created(client, manager, clock)
    clock.advance(hours=1)

    response = patch(client, manager, position["position_id"], {"title": "数据分析见习岗", "headcount": 5})

    assert response.status_code == 200, response.body
    changed = body(response)
    assert (changed["title"], changed["headcount"]) == ("数据分析见习岗", 5)
    assert changed["published_at"] == position["published_at"]
    assert datetime.fromisoformat(changed["updated_at"]) == clock.now
    detail = body(client.http.get(f"/v1/positions/{position['position_id']}"))
    assert (detail["title"], detail["headcount"]) == ("数据分析见习岗", 5)
    [listed] = found(client)
    assert (listed["title"], listed["headcount"], listed["updated_at"]) == ("数据分析见习岗", 5, changed["updated_at"])
    assert found(client, keyword="数据分析") == [listed]
    assert found(client, keyword="行政助理") == []


# Each region against each county: tests/services/test_publishing.py.
def test_patch_or_close_outside_the_region_is_404(client: Any, manager: str, token: Callable[..., str]) -> None:
    region, county_code = "140105", "140106"
    position = created(client, manager, county_code=county_code)
    outsider = token(sub="pm-elsewhere", roles=["position_manager"], region=region)

    assert_error(patch(client, outsider, position["position_id"], {"title": "改"}), 404, "POSITION_NOT_FOUND")
    assert_error(close(client, outsider, position["position_id"]), 404, "POSITION_NOT_FOUND")
    detail = body(client.http.get(f"/v1/positions/{position['position_id']}"))
    assert (detail["title"], detail["status"]) == (position["title"], "open")
    assert ids(client) == [position["position_id"]]


@pytest.mark.parametrize("unknown", [ABSENT_ID, "x" * 300])
def test_patch_of_an_unknown_position_is_404(client: Any, manager: str, unknown: str) -> None:
    assert_error(patch(client, manager, unknown, {"title": "新"}), 404, "POSITION_NOT_FOUND")
    assert_error(close(client, manager, unknown), 404, "POSITION_NOT_FOUND")


def test_patch_field_rules_are_422_and_change_nothing(client: Any, manager: str) -> None:
    """One rule failure (the rules a change is checked by: tests/unit/test_position_rules.py)."""
    position = created(client, manager)
    listed = {k: v for k, v in position.items() if k != "description"}

    response = patch(client, manager, position["position_id"], {"headcount": 0, "title": "改过的标题"})

    assert_error(response, 422, "VALIDATION_FAILED")
    assert problem_fields(response) == {"headcount": "OUT_OF_RANGE"}
    assert found(client) == [listed]


@pytest.mark.parametrize("changes", [{"status": "open"}, {"status": "closed"}, {"position_id": "x"}, {"nope": 1}])
def test_patch_of_a_server_set_or_unknown_field_is_400(client: Any, manager: str, changes: dict[str, Any]) -> None:
    position = created(client, manager)

    assert_error(patch(client, manager, position["position_id"], changes), 400, "MALFORMED_REQUEST")
    assert body(client.http.get(f"/v1/positions/{position['position_id']}"))["status"] == "open"
    assert ids(client) == [position["position_id"]]


def test_patch_with_bad_json_or_type_is_400_and_non_json_is_415(client: Any, manager: str) -> None:
    position_id = created(client, manager)["position_id"]
    path = f"/v1/admin/positions/{position_id}"

    assert_error(client.http.patch(path, headers=json_headers(manager), body="{"), 400, "MALFORMED_JSON")
    assert_error(patch(client, manager, position_id, {"headcount": "5"}), 400, "MALFORMED_REQUEST")
    text = {**auth(manager), "Content-Type": "text/plain"}
    assert_error(client.http.patch(path, headers=text, body="{}"), 415, "UNSUPPORTED_MEDIA_TYPE")


@pytest.mark.parametrize("roles", [["reviewer"], []])
def test_patch_and_close_without_the_role_are_403_and_without_a_token_401(
    client: Any, manager: str, token: Callable[..., str], roles: list[str]
) -> None:
    position = created(client, manager)

    other = token(sub="someone", roles=roles, region="140000")
    assert_error(patch(client, other, position["position_id"], {"title": "改"}), 403, "FORBIDDEN")
    assert_error(close(client, other, position["position_id"]), 403, "FORBIDDEN")
    anonymous = client.http.post(f"/v1/admin/positions/{position['position_id']}/close", headers=json_headers())
    assert_error(anonymous, 401, "UNAUTHENTICATED")
    assert ids(client) == [position["position_id"]]


# ----------------------------------------------------------------------------------------------- close


# Every search it leaves, closing twice, editing it closed: tests/services/test_publishing.py.
@pytest.mark.parametrize("params", [{}, {"city": "140100", "education": "bachelor", "industry": "I"}])
def test_a_closed_position_leaves_every_search_at_once(client: Any, manager: str, params: dict[str, str]) -> None:
    position = created(client, manager, county_code="140105", education="bachelor", industry="I")
    other = created(client, manager, county_code="140105", education="bachelor", industry="I", title="其他岗位")

    response = close(client, manager, position["position_id"])

    assert response.status_code == 200, response.body
    assert body(response)["status"] == "closed"
    assert ids(client, **params) == [other["position_id"]]
    detail = client.http.get(f"/v1/positions/{position['position_id']}")
    assert detail.status_code == 200
    assert body(detail)["status"] == "closed"


# ----------------------------------------------------------------------------------------------- search


@pytest.fixture
def spread(client: Any, manager: str, clock: Clock) -> dict[str, str]:
    """Positions in several places and of several kinds, published a minute apart: name -> position_id."""
    return {name: created(client, manager, clock, **spec)["position_id"] for name, spec in SPREAD.items()}


# The query parameters reach the search: a region, each filter, a keyword trimmed (every filter and combination:
# tests/services/test_publishing.py).
FILTER_CASES: list[tuple[dict[str, str], list[str]]] = [
    ({}, ["datong_own", "datong", "gujiao", "taiyuan_own", "xiaodian"]),
    ({"county": "140100", "city": "140100"}, ["taiyuan_own"]),
    ({"county": "140181", "education": "any", "industry": "I", "keyword": "客服"}, ["gujiao"]),
    ({"keyword": " 客服 "}, ["gujiao"]),
    ({"city": "140200", "keyword": "会计"}, ["datong_own"]),
]


@pytest.mark.parametrize(("params", "expected"), FILTER_CASES)
def test_each_filter_and_their_combinations(
    client: Any, spread: dict[str, str], params: dict[str, str], expected: list[str]
) -> None:
    assert ids(client, **params) == [spread[name] for name in expected]


def test_search_is_public_newest_first_without_description(client: Any, spread: dict[str, str]) -> None:
    response = search(client)

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=60"
    page = body(response)
    assert [item["position_id"] for item in page["items"]] == list(reversed(spread.values()))
    assert page["next_cursor"] is None
    for item in page["items"]:
        assert "description" not in item
        assert set(item) - LABEL_FIELDS == POSITION_FIELDS - {"description"}
        assert item["status"] == "open"
    published = [item["published_at"] for item in page["items"]]
    assert published == sorted(published, reverse=True)


def test_detail_has_description_and_is_publicly_cacheable(client: Any, spread: dict[str, str]) -> None:
    response = client.http.get(f"/v1/positions/{spread['taiyuan_own']}")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=60"
    detail = body(response)
    assert set(detail) - LABEL_FIELDS == POSITION_FIELDS
    assert detail["description"] == position_body()["description"]
    assert (detail["county_code"], detail["county_name"], detail["city_name"]) == ("140100", "市本级", "太原市")


@pytest.mark.parametrize("unknown", [ABSENT_ID, "nope", "x" * 300, "%20"])
def test_detail_of_an_unknown_position_is_404(client: Any, unknown: str) -> None:
    assert_error(client.http.get(f"/v1/positions/{unknown}"), 404, "POSITION_NOT_FOUND")


def test_search_and_detail_show_no_personal_data(client: Any, token: Callable[..., str]) -> None:
    publisher = token(
        sub="pm-subject-7731",
        name="张管理",
        id_number="11010519491231002X",
        roles=["position_manager"],
        region="140000",
    )
    position = created(client, publisher)

    answers = {"search": search(client), "detail": client.http.get(f"/v1/positions/{position['position_id']}")}

    assert {route: answer.status_code for route, answer in answers.items()} == {"search": 200, "detail": 200}
    personal = ("pm-subject-7731", "张管理", "11010519491231002X", "id_number", "subject")
    shown = {route: [p for p in personal if p in answer.body.decode()] for route, answer in answers.items()}
    assert shown == {"search": [], "detail": []}


def test_regions_list_every_city_with_its_own_level_first(client: Any) -> None:
    response = client.http.get("/v1/regions")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=60"
    regions = body(response)
    assert regions["province"] == {"code": "140000", "name": "山西省"}
    assert len(regions["cities"]) == 11
    assert sum(len(city["counties"]) for city in regions["cities"]) == 128
    for city in regions["cities"]:
        assert city["counties"][0] == {"code": city["code"], "name": "市本级"}
        assert set(city) == {"code", "name", "counties"}


@pytest.mark.parametrize(
    "params",
    [
        {"city": "999900"},
        {"city": "110000"},  # Beijing
        {"city": "140105"},  # a county is not a city
        {"city": "140000"},  # nor is the province
        {"city": ""},
        {"county": "999999"},
        {"county": "140000"},
        {"county": ""},
        {"county": "140212", "city": "140100"},  # a county outside the city
        {"county": "140200", "city": "140100"},  # another city's 市本级
        {"county": "140105", "city": "999900"},
    ],
)
def test_an_unknown_or_mismatched_region_is_400_invalid_region(client: Any, params: dict[str, str]) -> None:
    assert_error(search(client, **params), 400, "INVALID_REGION")


@pytest.mark.parametrize(
    "params",
    [
        {"keyword": "k" * 51},
        {"keyword": ""},
        {"keyword": "   "},
        {"education": "phd"},
        {"education": "Bachelor"},
        {"industry": "Z"},
        {"industry": "i"},
        {"industry": "I10"},
        {"limit": "0"},
        {"limit": "51"},
        {"limit": "-1"},
        {"limit": "ten"},
        {"limit": "2.5"},
        {"limit": ""},
        {"status": "closed"},  # unknown parameters
        {"sort": "oldest"},
        {"Keyword": "见习"},
    ],
)
def test_a_bad_or_unknown_query_parameter_is_400(client: Any, params: dict[str, str]) -> None:
    response = search(client, **params)

    assert response.status_code == 400
    error = body(response)["error"]
    assert error["code"] == "MALFORMED_REQUEST"
    assert CHINESE.search(error["message"])
    assert [d["field"] for d in error["details"]] == list(params)


def test_the_query_limits_themselves_are_accepted(client: Any) -> None:
    assert found(client, keyword="见" * 50) == []
    assert found(client, limit=1) == []
    assert found(client, limit=50) == []


def seed(count: int, clock: Clock) -> None:
    """Publish `count` positions a minute apart through the bulk loader: one batch write each. (Through the API
    each create is a transaction, and moto copies every table on each one, which makes many creates slow.)"""
    from chalicelib.domain.principal import principal_from_claims
    from chalicelib.services.positions import load

    seeder = principal_from_claims({"sub": "seed", "roles": ["position_manager"], "region": "140000"})
    for _ in range(count):
        clock.advance(minutes=1)
        assert load(seeder, [as_parsed(position_body())], clock.now, ports=wiring.ports()) == 1


def test_limit_defaults_to_20_and_allows_50(client: Any, clock: Clock) -> None:
    seed(21, clock)

    everything = body(search(client, limit=50))
    assert len(everything["items"]) == 21
    assert everything["next_cursor"] is None
    published = [item["published_at"] for item in everything["items"]]
    assert published == sorted(set(published), reverse=True)
    default_page = body(search(client))
    assert default_page["items"] == everything["items"][:20]
    assert default_page["next_cursor"] is not None
    rest = body(search(client, cursor=default_page["next_cursor"]))
    assert rest["items"] == everything["items"][20:]
    assert rest["next_cursor"] is None


# Other filters, the last page, a position published meanwhile: tests/services/test_publishing.py.
@pytest.mark.parametrize(("params", "expected"), [({"city": "140100"}, 6)])
def test_paging_walks_the_full_result_set_newest_first(
    client: Any, manager: str, clock: Clock, params: dict[str, str], expected: int
) -> None:
    for i in range(9):
        created(
            client,
            manager,
            clock,
            county_code=["140105", "140100", "140212"][i % 3],
            education=["bachelor", "master", "any"][i % 3],
            title=f"{['数据', '行政', '销售'][i // 3]}见习岗{i}",
        )

    everything = found(client, **params, limit=50)
    assert len(everything) == expected

    pages = list(all_pages(client, **params, limit=2))

    walked = [item for page in pages for item in page]
    assert walked == everything  # no duplicates, no gaps, the same order
    assert all(1 <= len(page) <= 2 for page in pages)
    published = [item["published_at"] for item in walked]
    assert published == sorted(published, reverse=True)
    assert len(set(published)) == len(published)


def _tampered(cursor: str) -> list[str]:
    payload, _, signature = cursor.partition(".")
    return [
        ("A" if payload[0] != "A" else "B") + cursor[1:],  # payload edited
        cursor[:-2] + ("A" if cursor[-2] != "A" else "B") + cursor[-1],  # signature edited
        payload,  # signature dropped
        payload + ".",
        "." + signature,
        signature + "." + payload,
        "garbage",
        "x" * 3000,
    ]


def test_a_tampered_cursor_is_400_invalid_cursor(client: Any, manager: str, clock: Clock) -> None:
    for _ in range(3):
        created(client, manager, clock)
    cursor = body(search(client, limit=1))["next_cursor"]
    assert cursor

    answers = {bad: search(client, limit=1, cursor=bad) for bad in _tampered(cursor)}
    assert refusals(answers) == dict.fromkeys(answers, (400, "INVALID_CURSOR"))
    assert_error(search(client, cursor=""), 400, "INVALID_CURSOR")
    assert len(found(client, limit=1, cursor=cursor)) == 1


def test_a_cursor_from_another_query_is_400_invalid_cursor(client: Any, manager: str, clock: Clock) -> None:
    for _ in range(3):
        created(client, manager, clock)
    issued_for = {"city": "140100"}
    cursor = body(search(client, limit=1, **issued_for))["next_cursor"]
    assert cursor

    others = [
        {},
        {"city": "140200"},
        {"county": "140105"},
        {"county": "140100"},
        {"city": "140100", "keyword": "行政"},
        {"city": "140100", "education": "bachelor"},
        {"city": "140100", "industry": "I"},
    ]
    answers = {urlencode(other): search(client, limit=1, cursor=cursor, **other) for other in others}
    assert refusals(answers) == dict.fromkeys(answers, (400, "INVALID_CURSOR"))
    assert len(found(client, limit=1, cursor=cursor, **issued_for)) == 1


def test_keyword_pages_are_full_among_many_others_without_duplicates_or_gaps(client: Any, clock: Clock) -> None:
    """Matches at both ends of 220 others: every page is full, the last has no cursor, nothing is lost."""
    from chalicelib.domain.principal import principal_from_claims
    from chalicelib.services.positions import load

    seeder = principal_from_claims({"sub": "seed", "roles": ["position_manager"], "region": "140000"})

    def publish(titles: list[str]) -> None:
        clock.advance(minutes=1)
        many = [as_parsed(position_body(title=title, majors=[])) for title in titles]
        assert load(seeder, many, clock.now, ports=wiring.ports()) == len(titles)

    publish([f"数据标注见习岗{i}" for i in range(3)])
    publish([f"行政见习岗{i}" for i in range(220)])
    publish([f"数据标注见习岗{i}" for i in range(3, 6)])
    everything = [item for page in all_pages(client, limit=50) for item in page]
    assert len(everything) == 226

    pages = list(all_pages(client, keyword="数据标注", limit=4))

    walked = [item["position_id"] for page in pages for item in page]
    expected = [item["position_id"] for item in everything if "数据标注" in item["title"]]
    assert len(expected) == 6
    assert walked == expected
    assert [len(page) for page in pages] == [4, 2]
