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
