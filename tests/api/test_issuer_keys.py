"""When the issuer's keys cannot be fetched, nobody can be verified: that is our outage (503), not the
person's bad login (401). When the issuer rotates keys, a token signed with the new key is accepted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scripts.local_keys import ensure_key, mint
from tests.conftest import body


def test_unreachable_keys_answer_503_with_retry_after(client: Any, token: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JWKS_URL", "file:///nonexistent/jwks.json")
    from tests.conftest import _forget_cached_clients

    _forget_cached_clients()
    answer = client.http.get("/v1/me", headers={"Authorization": f"Bearer {token(sub='u1')}"})
    assert answer.status_code == 503
    assert answer.headers["Retry-After"]
    assert body(answer)["error"]["code"] == "SERVICE_BUSY"


def test_a_rotated_key_is_picked_up(
    client: Any, tmp_path: Path, key_paths: tuple[Path, Path], monkeypatch: Any
) -> None:
    old_private, old_jwks = key_paths
    assert (
        client.http.get("/v1/me", headers={"Authorization": f"Bearer {mint(old_private, sub='u1')}"}).status_code == 200
    )
    new_private, new_jwks = ensure_key(tmp_path)
    both = json.loads(old_jwks.read_text())["keys"] + [
        {**json.loads(new_jwks.read_text())["keys"][0], "kid": "rotated-key"}
    ]
    rotated = tmp_path / "both.json"
    rotated.write_text(json.dumps({"keys": both}))
    monkeypatch.setattr("chalicelib.adapters.tokens.REFETCH_INTERVAL_SECONDS", 0)
    from chalicelib.adapters.tokens import verifier

    verifier()._jwks_url = rotated.as_uri()  # the issuer publishes the new key at the same URL
    new_token = mint(new_private, sub="u1", kid="rotated-key")
    assert client.http.get("/v1/me", headers={"Authorization": f"Bearer {new_token}"}).status_code == 200


class _CountingUrlopen:
    """urllib's urlopen, counted, with the timeout it was given; `failing` makes the issuer time out."""

    def __init__(self, failing: bool = False) -> None:
        import urllib.request

        self._real = urllib.request.urlopen
        self.calls: list[float] = []
        self.failing = failing

    def __call__(self, url: str, timeout: float) -> Any:
        self.calls.append(timeout)
        if self.failing:
            raise TimeoutError("the issuer is slow")
        return self._real(url, timeout=timeout)


def test_the_keys_are_fetched_once_per_container_with_a_short_timeout(
    client: Any, token: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    urlopen = _CountingUrlopen()
    monkeypatch.setattr("chalicelib.adapters.tokens.urllib.request.urlopen", urlopen)
    for n in range(5):
        answer = client.http.get("/v1/me", headers={"Authorization": f"Bearer {token(sub=f'u{n}')}"})
        assert answer.status_code == 200
    assert len(urlopen.calls) == 1 and urlopen.calls[0] <= 2


def test_a_slow_issuer_costs_one_timeout_then_503s_at_once_until_it_is_tried_again(
    client: Any, token: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    urlopen = _CountingUrlopen(failing=True)
    monkeypatch.setattr("chalicelib.adapters.tokens.urllib.request.urlopen", urlopen)
    headers = {"Authorization": f"Bearer {token(sub='u1')}"}
    answers = [client.http.get("/v1/me", headers=headers) for _ in range(3)]
    assert [a.status_code for a in answers] == [503, 503, 503]
    assert all(body(a)["error"]["code"] == "SERVICE_BUSY" and a.headers["Retry-After"] for a in answers)
    assert len(urlopen.calls) == 1  # the next two did not wait for the issuer again

    urlopen.failing = False  # the issuer is back; once the back-off has passed, the next request fetches
    monkeypatch.setattr("chalicelib.adapters.tokens.RETRY_FAILED_FETCH_SECONDS", 0)
    assert client.http.get("/v1/me", headers=headers).status_code == 200
    assert len(urlopen.calls) == 2
