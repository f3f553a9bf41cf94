"""The local signing key is made once per directory, even when several processes start on a fresh checkout at
the same moment (make test's workers, a stack and its tests): every one of them signs and verifies with one key."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from scripts.local_keys import ensure_key


def _key_of(directory: str) -> tuple[bytes, str]:
    private, jwks = ensure_key(Path(directory))
    return private.read_bytes(), jwks.read_text()


def test_processes_starting_together_share_one_key(tmp_path: Path) -> None:
    with ProcessPoolExecutor(4) as pool:
        keys = set(pool.map(_key_of, [str(tmp_path)] * 4))

    assert len(keys) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jwks.json", "signing-key.pem"]  # nothing left over
    assert keys == {_key_of(str(tmp_path))}  # and later calls read it
