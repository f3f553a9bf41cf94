"""RS256 bearer tokens, verified against the issuer's JWKS.

The same code runs in the cloud and on a laptop; only the JWKS URL differs (https:// there, file:// here).
PyJWT and cryptography are imported on the first protected request, not at cold start: public search never
pays for them.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from functools import cache
from typing import TYPE_CHECKING, Any

from chalicelib.config import settings

if TYPE_CHECKING:
    from jwt import PyJWK

ALGORITHMS = ["RS256"]  # fixed: never taken from the token's header
CLOCK_SKEW_SECONDS = 30
# An unknown `kid` may mean the issuer rotated keys; refetch, but not more often than this, so forged kids
# cannot turn us into a flood against the issuer.
REFETCH_INTERVAL_SECONDS = 300
# The keys are fetched once per container, on its first signed-in request, which waits for them: a slow
# issuer may cost that request this long (per connect and per read), then it answers 503 SERVICE_BUSY.
FETCH_TIMEOUT_SECONDS = 2
# After a failed fetch, signed-in requests answer 503 at once for this long instead of each waiting out the
# timeout again: a slow or unreachable issuer costs a container one timeout per interval, not one per request.
RETRY_FAILED_FETCH_SECONDS = 10


class TokenRejected(Exception):
    pass


class KeysUnavailable(Exception):
    """The issuer's JWKS could not be fetched: nobody can be verified right now, through no fault of theirs."""


class JwksVerifier:
    def __init__(self, issuer: str, audience: str, jwks_url: str) -> None:
        if not jwks_url.startswith(("https://", "file://")):
            raise ValueError("JWKS_URL must be https:// (or file:// for the local stack)")
        self._issuer = issuer
        self._audience = audience
        self._jwks_url = jwks_url
        self._keys: dict[str, PyJWK] = {}
        self._fetched_at = 0.0
        self._failed_at: float | None = None
        self._lock = threading.Lock()

    def _fetch(self) -> None:
        import jwt

        if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_FAILED_FETCH_SECONDS:
            raise KeysUnavailable("the last fetch failed moments ago")
        try:
            with urllib.request.urlopen(self._jwks_url, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310 - scheme checked above
                document = json.load(response)
            keys = {key.key_id: key for key in jwt.PyJWKSet.from_dict(document).keys if key.key_id}
        except (OSError, ValueError, jwt.PyJWTError) as error:  # a bad document is the issuer's fault too
            self._failed_at = time.monotonic()
            raise KeysUnavailable(type(error).__name__) from error
        self._keys = keys
        self._fetched_at = time.monotonic()
        self._failed_at = None

    def _key(self, kid: str) -> PyJWK:
        with self._lock:
            stale = time.monotonic() - self._fetched_at > REFETCH_INTERVAL_SECONDS
            if kid not in self._keys and (not self._fetched_at or stale):
                self._fetch()
            if kid not in self._keys:
                raise TokenRejected("unknown key id")
            return self._keys[kid]

    def verify(self, token: str) -> dict[str, Any]:
        import jwt

        try:
            header = jwt.get_unverified_header(token)
            kid = header.get("kid")
            if header.get("alg") not in ALGORITHMS or not isinstance(kid, str):
                raise TokenRejected("algorithm or key id not accepted")
            claims: dict[str, Any] = jwt.decode(
                token,
                self._key(kid),
                algorithms=ALGORITHMS,
                audience=self._audience,
                issuer=self._issuer,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as error:
            raise TokenRejected(type(error).__name__) from error
        except (OSError, ValueError) as error:
            raise KeysUnavailable(type(error).__name__) from error
        return claims


@cache
def verifier() -> JwksVerifier:
    config = settings()
    return JwksVerifier(config.token_issuer, config.token_audience, config.jwks_url)
