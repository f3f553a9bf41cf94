"""A web client on a configured origin can call the API from a browser; other origins cannot."""

from __future__ import annotations

from typing import Any

import pytest

PORTAL = "https://ggfw.rst.shanxi.gov.cn"


@pytest.fixture
def portal_allowed(monkeypatch: pytest.MonkeyPatch, client: Any) -> Any:
    monkeypatch.setenv("ALLOWED_ORIGINS", f"{PORTAL}, https://m.rst.shanxi.gov.cn")
    from chalicelib.config import settings

    settings.cache_clear()
    return client


def test_a_configured_origin_gets_cors_headers_on_answers_and_errors(portal_allowed: Any) -> None:
    ok = portal_allowed.http.get("/v1/positions", headers={"Origin": PORTAL})
    assert ok.headers["Access-Control-Allow-Origin"] == PORTAL
    assert "X-Request-Id" in ok.headers["Access-Control-Expose-Headers"]
    refused = portal_allowed.http.get("/v1/me", headers={"Origin": PORTAL})
    assert refused.status_code == 401 and refused.headers["Access-Control-Allow-Origin"] == PORTAL


def test_preflight_names_the_paths_methods_and_headers(portal_allowed: Any) -> None:
    answer = portal_allowed.http.request(
        "OPTIONS",
        "/v1/favourites/0123456789abcdef0123456789abcdef",
        headers={"Origin": PORTAL, "Access-Control-Request-Method": "PUT"},
    )
    assert answer.status_code == 204
    assert answer.headers["Access-Control-Allow-Origin"] == PORTAL
    assert set(answer.headers["Access-Control-Allow-Methods"].split(", ")) == {"PUT", "DELETE"}
    assert "Idempotency-Key" in answer.headers["Access-Control-Allow-Headers"]


def test_another_origin_gets_no_cors_headers(portal_allowed: Any) -> None:
    answer = portal_allowed.http.get("/v1/positions", headers={"Origin": "https://evil.example"})
    assert answer.status_code == 200
    assert "Access-Control-Allow-Origin" not in answer.headers
    preflight = portal_allowed.http.request("OPTIONS", "/v1/positions", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in preflight.headers
