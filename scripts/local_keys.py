"""The local stack's token issuer: an RSA key generated on first use, kept in .local/ (not in git).

The app verifies local tokens with exactly the code it uses in the cloud; only the JWKS URL is a file:// one.
"""

from __future__ import annotations

import json
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


def ensure_key(directory: Path) -> tuple[Path, Path]:
    """(private key PEM, JWKS document) in `directory`, created once."""
    directory.mkdir(parents=True, exist_ok=True)
    private_path, jwks_path = directory / "signing-key.pem", directory / "jwks.json"
    if not private_path.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        private_path.write_bytes(pem)
        private_path.chmod(0o600)
        public_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
        public_jwk.update({"kid": KEY_ID, "use": "sig", "alg": "RS256"})
        jwks_path.write_text(json.dumps({"keys": [public_jwk]}))
    return private_path, jwks_path


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
