"""The browser half of `make dev` (scripts/web_stack.py) on free loopback ports: both servers answer, the API is
told about them, a port in use is a clear error, and stop() frees the ports at once."""

from __future__ import annotations

import json
import socket
import urllib.request
from pathlib import Path

import pytest

from scripts.loopback import free_port, listening
from scripts.web_stack import WebStack


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 - loopback URLs built here
        return bytes(answer.read())


def stack(tmp_path: Path) -> WebStack:
    (tmp_path / "index.html").write_text("<!doctype html><title>客户端</title>")
    return WebStack(api_port=8000, moto_port=5000, web_port=free_port(), issuer_port=free_port(), dist=tmp_path)


def test_both_servers_answer_and_stop_frees_their_ports(tmp_path: Path) -> None:
    web = stack(tmp_path)
    web.start()
    try:
        config = json.loads(fetch(f"{web.web_origin}/config.json"))
        assert config == {
            "apiBaseUrl": "http://127.0.0.1:8000/v1",
            "issuer": web.issuer,
            "clientId": "shanxi-internship-web",
        }
        assert "客户端" in fetch(f"{web.web_origin}/verify/0123456789abcdef0123456789abcdef").decode()
        discovery = json.loads(fetch(f"{web.issuer}/.well-known/openid-configuration"))
        assert discovery["issuer"] == web.issuer
    finally:
        web.stop()
    assert not listening(web.web_port) and not listening(web.issuer_port)


def test_the_api_learns_the_clients_origin_and_the_issuer(tmp_path: Path) -> None:
    web = stack(tmp_path)
    assert web.environment() == {
        "ALLOWED_ORIGINS": web.web_origin,
        "TOKEN_ISSUER": web.issuer,
        "ISSUER_PORT": str(web.issuer_port),
        "PUBLIC_BASE_URL": web.web_origin,
    }


def test_a_port_in_use_names_the_variable_that_moves_it(tmp_path: Path) -> None:
    web = stack(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", web.web_port))
        taken.listen()
        with pytest.raises(SystemExit, match="WEB_PORT"):
            web.start()
    assert not listening(web.issuer_port)  # the one that did start is stopped again


def test_the_banner_says_when_the_client_is_not_built(tmp_path: Path) -> None:
    web = WebStack(api_port=8000, moto_port=5000, dist=tmp_path / "missing")
    assert "web/dist is missing" in web.banner()
    assert "http://127.0.0.1:8090" in web.banner()
