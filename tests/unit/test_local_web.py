"""The web client's local server (scripts/local_web.py): what a browser gets for each kind of path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from werkzeug.test import Client

from infra.web_client import client_config, content_security_policy
from scripts.local_web import WebClientApp

CONFIG = client_config("http://127.0.0.1:8000/v1", "http://127.0.0.1:8090")
POLICY = content_security_policy(["http://127.0.0.1:8000", "http://127.0.0.1:8090"], ["http://127.0.0.1:8090"])
INDEX = '<!doctype html><html lang="zh-CN"><script type="module" src="/assets/index-3f9a1c.js"></script></html>'


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "index-3f9a1c.js").write_text("console.log('见习')")
    (tmp_path / "assets" / "index-77b2e0.css").write_text("body{}")
    (tmp_path / "assets" / "font-aa11.woff2").write_bytes(b"wOF2")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    return tmp_path


@pytest.fixture
def browser(dist: Path) -> Client:
    return Client(WebClientApp(dist, CONFIG, POLICY))


def test_config_json_tells_the_client_where_the_api_and_the_issuer_are(browser: Client) -> None:
    answer = browser.get("/config.json")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert json.loads(answer.data) == {
        "apiBaseUrl": "http://127.0.0.1:8000/v1",
        "issuer": "http://127.0.0.1:8090",
        "clientId": "shanxi-internship-web",
    }
    assert answer.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize(
    ("path", "content_type", "cache"),
    [
        ("/assets/index-3f9a1c.js", "text/javascript", "public, max-age=31536000, immutable"),
        ("/assets/index-77b2e0.css", "text/css", "public, max-age=31536000, immutable"),
        ("/assets/font-aa11.woff2", "font/woff2", "public, max-age=31536000, immutable"),
        ("/favicon.svg", "image/svg+xml", "no-cache"),
        ("/", "text/html", "no-cache"),
        ("/index.html", "text/html", "no-cache"),
    ],
)
def test_files_have_their_type_and_cache_rule(browser: Client, path: str, content_type: str, cache: str) -> None:
    answer = browser.get(path)
    assert answer.status_code == 200
    assert answer.mimetype == content_type
    assert answer.headers["Cache-Control"] == cache
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/verify/0123456789abcdef0123456789abcdef", "/search?city=140100", "/callback"])
def test_a_route_of_the_client_reloads_as_its_index_page(browser: Client, path: str) -> None:
    answer = browser.get(path)
    assert answer.status_code == 200 and answer.get_data(as_text=True) == INDEX
    assert answer.headers["Cache-Control"] == "no-cache"


def test_a_missing_file_is_not_found(browser: Client) -> None:
    assert browser.get("/assets/index-000000.js").status_code == 404  # never index.html as a script
    assert browser.post("/").status_code == 405


@pytest.mark.parametrize(
    "hostile", ["/../../../../etc/passwd", "/..%2f..%2f..%2f..%2fetc%2fpasswd", "/assets/../../../../etc/hosts"]
)
def test_nothing_outside_dist_is_served(browser: Client, hostile: str) -> None:
    answer = browser.get(hostile)
    assert (answer.status_code, answer.get_data(as_text=True)) in {(404, "not found"), (200, INDEX)}


def test_a_second_request_revalidates_with_a_304(browser: Client) -> None:
    first = browser.get("/")
    again = browser.get("/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_every_answer_carries_the_policy_without_inline_script(browser: Client) -> None:
    policy = browser.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert "frame-ancestors 'none'" in policy
    assert "connect-src 'self' http://127.0.0.1:8000 http://127.0.0.1:8090" in policy


def test_without_a_build_it_says_so_and_still_serves_the_config(tmp_path: Path) -> None:
    browser = Client(WebClientApp(tmp_path / "missing", CONFIG, POLICY))
    page = browser.get("/search")
    assert page.status_code == 503 and "网页客户端尚未构建" in page.get_data(as_text=True)
    assert browser.get("/config.json").status_code == 200
