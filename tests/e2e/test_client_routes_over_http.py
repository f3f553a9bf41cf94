"""The served client over `make dev`'s stack: every client route answers index.html, as the cloud distribution's
rules do (tests/infra/test_web.py walks the same routes on the synthesized template), compressed as CloudFront
compresses, while the API, on its own origin as in the cloud, keeps its own 404 envelope."""

from __future__ import annotations

import gzip
import re

import pytest
import requests

from .conftest import LocalStack

ROUTES = ("/callback?code=x&state=y", "/verify/0123456789abcdef0123456789abcdef", "/search?city=140100")


@pytest.mark.parametrize("route", ROUTES)
def test_a_client_route_answers_the_clients_index_page(local_stack: LocalStack, route: str) -> None:
    index = requests.get(f"{local_stack.web}/index.html", timeout=30)
    answer = requests.get(f"{local_stack.web}{route}", timeout=30)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/html")
    assert answer.text == index.text and '<div id="app">' in answer.text
    assert answer.headers["Cache-Control"] == "no-cache"


def test_the_built_client_is_served_gzipped_with_the_clouds_headers(local_stack: LocalStack) -> None:
    page = requests.get(f"{local_stack.web}/", timeout=30).text
    (script,) = re.findall(r'<script type="module"[^>]* src="(/assets/[^"]+\.js)"', page)
    plain = requests.get(f"{local_stack.web}{script}", headers={"Accept-Encoding": "identity"}, timeout=30)
    raw = requests.get(f"{local_stack.web}{script}", headers={"Accept-Encoding": "gzip"}, stream=True, timeout=30)
    body = raw.raw.read()  # the bytes on the wire, not decoded by requests
    assert raw.headers["Content-Encoding"] == "gzip" and raw.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == plain.content and len(body) < len(plain.content) / 2
    assert raw.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert raw.headers["X-Frame-Options"] == "DENY" and "script-src 'self'" in raw.headers["Content-Security-Policy"]


def test_the_apis_own_404_stays_a_404_with_its_envelope(local_stack: LocalStack) -> None:
    config = requests.get(f"{local_stack.web}/config.json", timeout=30).json()
    assert config["apiBaseUrl"] == local_stack.api  # the API's own origin, never the client's server
    missing = requests.get(f"{config['apiBaseUrl']}/positions/00000000000000000000000000000000", timeout=30)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "POSITION_NOT_FOUND"
