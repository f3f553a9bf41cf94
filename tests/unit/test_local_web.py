"""The web client's local server (scripts/local_web.py): what a browser gets for each kind of path."""

from __future__ import annotations

import gzip
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


BUNDLE = "export const 岗位 = " + repr(["见习岗位"] * 400) + ";\n"  # a built chunk, well over 1,000 bytes


@pytest.fixture
def bundled(dist: Path) -> Client:
    (dist / "assets" / "index-big.js").write_text(BUNDLE)
    return Client(WebClientApp(dist, CONFIG, POLICY))


def test_the_client_is_served_gzipped_as_cloudfront_serves_it(bundled: Client) -> None:
    answer = bundled.get("/assets/index-big.js", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert answer.status_code == 200 and answer.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(answer.data).decode() == BUNDLE
    assert len(answer.data) < len(BUNDLE.encode()) / 4
    assert answer.headers["Vary"] == "Accept-Encoding"
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["ETag"].startswith('W/"')
    again = bundled.get(
        "/assets/index-big.js", headers={"Accept-Encoding": "gzip", "If-None-Match": answer.headers["ETag"]}
    )
    assert again.status_code == 304


def test_small_files_ranges_and_browsers_without_gzip_get_the_bytes_as_they_are(bundled: Client) -> None:
    assert "Content-Encoding" not in bundled.get("/favicon.svg", headers={"Accept-Encoding": "gzip"}).headers
    plain = bundled.get("/assets/index-big.js")
    assert "Content-Encoding" not in plain.headers and plain.get_data(as_text=True) == BUNDLE
    ranged = bundled.get("/assets/index-big.js", headers={"Accept-Encoding": "gzip", "Range": "bytes=0-9"})
    assert ranged.status_code == 206 and "Content-Encoding" not in ranged.headers


def test_every_answer_carries_the_clouds_security_headers(browser: Client) -> None:
    for path in ("/", "/verify/abc", "/config.json", "/assets/index-3f9a1c.js"):
        headers = browser.get(path).headers
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Strict-Transport-Security"].startswith("max-age=63072000")
        assert headers["Content-Security-Policy"] == POLICY


@pytest.mark.parametrize("path", ["/callback?code=x&state=y", "/verify/0123456789abcdef", "/search?city=140100"])
def test_a_client_route_answers_the_index_page_even_gzipped(dist: Path, path: str) -> None:
    (dist / "index.html").write_text(INDEX + "<!--" + "页" * 600 + "-->")
    answer = Client(WebClientApp(dist, CONFIG, POLICY)).get(path, headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200 and answer.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(answer.data).decode().startswith(INDEX)
