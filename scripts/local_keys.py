"""The local stack's token issuer: an RSA key generated on first use, kept in .local/ (not in git).

The app verifies local tokens with exactly the code it uses in the cloud; only the JWKS URL is a file:// one.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import time
import uuid
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

LOCAL_ISSUER = "https://login.local.shanxi-internship.test"
LOCAL_AUDIENCE = "shanxi-internship-api"
KEY_ID = "local-dev-key"
# The issuer `make dev` runs (scripts/local_issuer.py) and the one its API trusts; in-process tests keep LOCAL_ISSUER.
DEFAULT_ISSUER_PORT = 8090
# Namespaces the hash, so a local subject cannot be mistaken for (or matched against) a plain hash of an ID number.
_SUBJECT_SALT = b"shanxi-internship-local-subject:"


def local_issuer_url(port: int | None = None) -> str:
    """http://127.0.0.1:$ISSUER_PORT, the `iss` of browser sign-ins and of devtoken.py tokens under `make dev`."""
    chosen = port if port is not None else int(os.environ.get("ISSUER_PORT", str(DEFAULT_ISSUER_PORT)))
    return f"http://127.0.0.1:{chosen}"


def subject_for_id_number(id_number: str) -> str:
    """The `sub` a person gets from the local issuer: the same for the same ID number, every time and everywhere.

    The province's unified login gives a person one stable subject; this mirrors it, so data prepared with
    `devtoken.py --name N --id-number X` (no --sub) belongs to whoever signs in in the browser with X.
    """
    digest = hashlib.sha256(_SUBJECT_SALT + id_number.strip().upper().encode()).hexdigest()
    return f"sx-{digest[:32]}"


def ensure_key(directory: Path) -> tuple[Path, Path]:
    """(private key PEM, JWKS document) in `directory`, created once."""
    directory.mkdir(parents=True, exist_ok=True)
    private_path, jwks_path = directory / "signing-key.pem", directory / "jwks.json"
    if not jwks_path.exists():
        # Two processes may start at once on a fresh checkout (`make test`'s workers, a stack and a test): each
        # writes its pair under names of its own, and the first to link its JWKS in place wins; the others use its
        # key. The JWKS goes in last, so a JWKS that exists always has its private key beside it.
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        public_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
        public_jwk.update({"kid": KEY_ID, "use": "sig", "alg": "RS256"})
        mine = f".{os.getpid()}-{secrets.token_hex(4)}"
        own_private, own_jwks = directory / f"signing-key.pem{mine}", directory / f"jwks.json{mine}"
        own_private.write_bytes(pem)
        own_private.chmod(0o600)
        own_jwks.write_text(json.dumps({"keys": [public_jwk]}))
        try:
            os.link(own_private, private_path)  # fails if another process's key is already there
            os.link(own_jwks, jwks_path)
        except FileExistsError:
            _wait_for(jwks_path)
        finally:
            own_private.unlink()
            own_jwks.unlink()
    return private_path, jwks_path


def _wait_for(path: Path) -> None:
    """The winner links its JWKS right after its key: at most a moment away."""
    deadline = time.monotonic() + 30
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared beside its signing key"
        time.sleep(0.05)


def mint(
    private_path: Path,
    *,
    sub: str,
    name: str | None = None,
    id_number: str | None = None,
    roles: list[str] | None = None,
    region: str | None = None,
    ttl: int = 3600,
    issuer: str = LOCAL_ISSUER,
    audience: str = LOCAL_AUDIENCE,
    extra: dict[str, Any] | None = None,
    kid: str = KEY_ID,
) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": audience,
        "sub": sub,
        "iat": now,
        "nbf": now - 1 if ttl > 0 else now + ttl - 60,
        "exp": now + ttl,
        "jti": uuid.uuid4().hex,
        "roles": roles or [],
    }
    for claim, value in (("name", name), ("id_number", id_number), ("region", region)):
        if value is not None:
            claims[claim] = value
    claims.update(extra or {})
    return jwt.encode(claims, private_path.read_bytes(), algorithm="RS256", headers={"kid": kid})
