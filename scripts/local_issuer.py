"""The local OpenID Connect issuer that `make dev` runs: the province's unified login, on a laptop.

    .venv/bin/python scripts/local_issuer.py --port 8090 --web-origin http://127.0.0.1:8080

It speaks the protocol the web client uses against the province's issuer: discovery, authorize (a login page that
asks for 姓名 and 身份证号, and for staff 角色 and 区划; its 法人登录 tab, opened by `login_type=unit`,
asks for 单位名称, 统一社会信用代码 and the agent's 姓名 and 身份证号, and its tokens carry `credit_code` and
`org_name`), token (authorization code with PKCE S256 only; a code works once, for CODE_TTL_SECONDS), JWKS,
userinfo and end_session. Tokens are signed with the key scripts/local_keys.py keeps in .local/, so the API
verifies them with its ordinary JWKS code, and devtoken.py tokens are the same kind.

Built on werkzeug (routing, requests, responses, its threaded server and test client; installed with
moto[server]) and PyJWT (signing; already a runtime pin). Authlib's authorization server was the other candidate:
it needs a framework integration (Flask or Django) plus the same client, code and token hooks written here, for
one public client and one grant; the protocol checks that matter (PKCE, single-use codes, exact redirect URIs)
are a few lines each below, and each has a test.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import re
import secrets
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jwt
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from infra.web_client import CLIENT_ID  # noqa: E402
from scripts import login_page  # noqa: E402
from scripts.local_keys import (  # noqa: E402
    KEY_ID,
    LOCAL_AUDIENCE,
    ensure_key,
    local_issuer_url,
    mint,
    subject_for_id_number,
)

CODE_TTL_SECONDS = 60
ACCESS_TOKEN_TTL_SECONDS = 3600
SESSION_COOKIE = "sx_local_sso"
# RFC 7636 §4.1: 43 to 128 characters of the unreserved set.
_VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
_AUTHORIZE_FIELDS = (
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
)
_PAGE_POLICY = "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'"


class OAuthError(Exception):
    """An error answered as RFC 6749 JSON ({"error", "error_description"})."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error, self.description, self.status = error, description, status


@dataclass(frozen=True)
class Grant:
    """What an authorization code stands for until it is redeemed."""

    identity: login_page.Identity
    redirect_uri: str
    code_challenge: str
    nonce: str | None
    expires_at: float


@dataclass
class IssuerState:
    """Codes and sign-in sessions, in memory: a restart signs everyone out, as it should locally."""

    codes: dict[str, Grant] = field(default_factory=dict)
    sessions: dict[str, login_page.Identity] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    clock: Callable[[], float] = time.monotonic

    def issue_code(self, grant: Grant) -> str:
        code = secrets.token_urlsafe(32)
        with self.lock:
            now = self.clock()
            self.codes = {c: g for c, g in self.codes.items() if g.expires_at > now}
            self.codes[code] = grant
        return code

    def redeem(self, code: str) -> Grant | None:
        """The grant, once: a second redemption (or a racing one) finds nothing."""
        with self.lock:
            grant = self.codes.pop(code, None)
        return grant if grant is not None and grant.expires_at > self.clock() else None


def _unit_claims(identity: login_page.Identity) -> dict[str, str]:
    """法人登录's claims (issue 19): the unit the agent acts for; nothing for 个人登录."""
    if identity.credit_code is None:
        return {}
    return {"credit_code": identity.credit_code, "org_name": identity.org_name or ""}


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode()


class LocalIssuer:
    """The WSGI application."""

    def __init__(self, issuer: str, web_origin: str, key_directory: Path, *, dev_origins: tuple[str, ...] = ()) -> None:
        self.issuer = issuer.rstrip("/")
        self.web_origin = web_origin.rstrip("/")
        # The built client, and Vite's dev server under `make web`: the same client, registered at both origins.
        self.web_origins = (self.web_origin, *(o.rstrip("/") for o in dev_origins))
        self.redirect_uris = frozenset(f"{origin}/callback" for origin in self.web_origins)
        self.post_logout_redirect_uris = frozenset(f"{origin}/" for origin in self.web_origins)
        self.private_path, self.jwks_path = ensure_key(key_directory)
        self.state = IssuerState()
        self.routes = Map(
            [
                Rule("/.well-known/openid-configuration", endpoint="discovery", methods=["GET"]),
                Rule("/authorize", endpoint="authorize", methods=["GET", "POST"]),
                Rule("/token", endpoint="token", methods=["POST", "OPTIONS"]),
                Rule("/jwks", endpoint="jwks", methods=["GET"]),
                Rule("/userinfo", endpoint="userinfo", methods=["GET", "POST", "OPTIONS"]),
                Rule("/logout", endpoint="logout", methods=["GET"]),
                Rule("/login.css", endpoint="stylesheet", methods=["GET"]),
            ]
        )

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        try:
            endpoint, _ = self.routes.bind_to_environ(environ).match()
            response: Response = getattr(self, f"_{endpoint}")(request)
        except OAuthError as error:
            response = self._json({"error": error.error, "error_description": error.description}, error.status)
        except NotFound:
            response = self._page("页面不存在", "请检查地址是否正确。", 404)
        except HTTPException as error:
            response = Response(error.description, error.code or 400, mimetype="text/plain")
        origin = request.headers.get("Origin")
        if origin in self.web_origins:
            # The client fetches discovery, token and userinfo from the browser (oidc-client-ts uses fetch).
            response.headers["Access-Control-Allow-Origin"] = origin
            response.vary.add("Origin")
        return response(environ, start_response)

    # ------------------------------------------------------------------------------------------- documents
    def _discovery(self, _request: Request) -> Response:
        return self._json(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "userinfo_endpoint": f"{self.issuer}/userinfo",
                "end_session_endpoint": f"{self.issuer}/logout",
                "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["none"],
                "scopes_supported": ["openid", "profile"],
                "claims_supported": ["sub", "name", "id_number", "roles", "region", "credit_code", "org_name"],
            }
        )

    def _jwks(self, _request: Request) -> Response:
        return self._json(json.loads(self.jwks_path.read_text()))

    def _stylesheet(self, _request: Request) -> Response:
        response = Response(login_page.STYLESHEET, mimetype="text/css")
        response.headers["Cache-Control"] = "no-cache"
        return response

    # ----------------------------------------------------------------------------------------- authorize
    def _authorize(self, request: Request) -> Response:
        values = request.form if request.method == "POST" else request.args
        fields = {name: values[name] for name in _AUTHORIZE_FIELDS if values.get(name)}
        if fields.get("client_id") != CLIENT_ID or fields.get("redirect_uri") not in self.redirect_uris:
            # Never redirect to a URI we do not know (RFC 6749 §4.1.2.1): say it on our own page.
            return self._page("登录请求无效", "应用标识或回调地址未登记，请从就业见习服务入口重新登录。", 400)
        problem = self._request_problem(fields)
        if problem:
            return self._back(fields, error="invalid_request", error_description=problem)
        if request.method == "GET":
            if values.get("prompt") == "none":
                return self._silent(request, fields)
            return self._login(login_page.LoginForm(kind=login_page.login_kind(values.get("login_type"))), fields)
        form = login_page.LoginForm.read(dict(request.form))
        identity = form.identity()
        if identity is None:
            return self._login(form, fields, status=400)
        response = self._grant(identity, fields)
        session = secrets.token_urlsafe(32)
        with self.state.lock:
            self.state.sessions[session] = identity
        response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="Lax", path="/")
        return response

    @staticmethod
    def _request_problem(fields: dict[str, str]) -> str | None:
        if fields.get("response_type") != "code":
            return "response_type must be code"
        if "openid" not in fields.get("scope", "").split():
            return "scope must include openid"
        if fields.get("code_challenge_method") != "S256" or not fields.get("code_challenge"):
            return "PKCE with code_challenge_method S256 is required"
        return None

    def _silent(self, request: Request, fields: dict[str, str]) -> Response:
        """prompt=none (oidc-client-ts's silent renew): a code for the signed-in person, or login_required."""
        with self.state.lock:
            identity = self.state.sessions.get(request.cookies.get(SESSION_COOKIE, ""))
        if identity is None:
            return self._back(fields, error="login_required")
        return self._grant(identity, fields)

    def _login(self, form: login_page.LoginForm, fields: dict[str, str], status: int = 200) -> Response:
        response = Response(login_page.render(form, fields), status, mimetype="text/html")
        # The form posts here and we redirect to the client: form-action must allow both (Chrome checks redirects).
        response.headers["Content-Security-Policy"] = f"{_PAGE_POLICY}; form-action 'self' {' '.join(self.web_origins)}"
        response.headers["Cache-Control"] = "no-store"
        return response

    def _grant(self, identity: login_page.Identity, fields: dict[str, str]) -> Response:
        grant = Grant(
            identity=identity,
            redirect_uri=fields["redirect_uri"],
            code_challenge=fields["code_challenge"],
            nonce=fields.get("nonce"),
            expires_at=self.state.clock() + CODE_TTL_SECONDS,
        )
        return self._back(fields, code=self.state.issue_code(grant))

    @staticmethod
    def _back(fields: dict[str, str], **parameters: str) -> Response:
        """303 to the client's redirect URI, carrying its state back."""
        if "state" in fields:
            parameters["state"] = fields["state"]
        response = Response(status=303)
        response.headers["Location"] = f"{fields['redirect_uri']}?{urlencode(parameters)}"
        response.headers["Cache-Control"] = "no-store"
        return response

    # --------------------------------------------------------------------------------------------- token
    def _token(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return self._preflight("POST, OPTIONS")
        form = request.form
        if form.get("grant_type") != "authorization_code":
            raise OAuthError("unsupported_grant_type", "only authorization_code is supported")
        if form.get("client_id") != CLIENT_ID:
            raise OAuthError("invalid_client", "unknown client_id", 401)
        verifier = form.get("code_verifier", "")
        if not _VERIFIER.match(verifier):
            raise OAuthError("invalid_request", "code_verifier is missing or malformed")
        grant = self.state.redeem(form.get("code", ""))
        if grant is None:
            raise OAuthError("invalid_grant", "the code is unknown, expired or already used")
        if form.get("redirect_uri") != grant.redirect_uri:
            raise OAuthError("invalid_grant", "redirect_uri differs from the authorization request")
        if not hmac.compare_digest(s256(verifier), grant.code_challenge):
            raise OAuthError("invalid_grant", "code_verifier does not match the code_challenge")
        access_token = self._access_token(grant.identity)
        return self._json(
            {
                "access_token": access_token,
                "id_token": self._id_token(grant, access_token),
                "token_type": "Bearer",
                "expires_in": ACCESS_TOKEN_TTL_SECONDS,
                "scope": "openid profile",
            }
        )

    def _access_token(self, identity: login_page.Identity) -> str:
        return mint(
            self.private_path,
            sub=subject_for_id_number(identity.id_number),
            name=identity.name,
            id_number=identity.id_number,
            roles=identity.roles,
            region=identity.region,
            ttl=ACCESS_TOKEN_TTL_SECONDS,
            issuer=self.issuer,
            audience=LOCAL_AUDIENCE,
            extra=_unit_claims(identity),
        )

    def _id_token(self, grant: Grant, access_token: str) -> str:
        now = int(time.time())
        digest = hashlib.sha256(access_token.encode("ascii")).digest()
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": subject_for_id_number(grant.identity.id_number),
            "name": grant.identity.name,
            "iat": now,
            "auth_time": now,
            "exp": now + ACCESS_TOKEN_TTL_SECONDS,
            "at_hash": base64.urlsafe_b64encode(digest[:16]).rstrip(b"=").decode(),
        }
        if grant.nonce:
            claims["nonce"] = grant.nonce
        # The client reads the unit from its ID token (a 法人登录 shows the 单位网厅 menu).
        claims.update(_unit_claims(grant.identity))
        return jwt.encode(claims, self.private_path.read_bytes(), algorithm="RS256", headers={"kid": KEY_ID})

    # ----------------------------------------------------------------------------------- userinfo, logout
    def _userinfo(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return self._preflight("GET, POST, OPTIONS")
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        public_key = jwt.PyJWKSet.from_dict(json.loads(self.jwks_path.read_text())).keys[0]
        try:
            if scheme.lower() != "bearer":
                raise jwt.InvalidTokenError("no bearer token")
            claims = jwt.decode(token, public_key, algorithms=["RS256"], audience=LOCAL_AUDIENCE, issuer=self.issuer)
        except jwt.PyJWTError as error:
            raise OAuthError("invalid_token", "the access token is not valid", 401) from error
        unit = {claim: claims[claim] for claim in ("credit_code", "org_name") if claim in claims}
        return self._json({"sub": claims["sub"], "name": claims.get("name"), **unit})

    def _logout(self, request: Request) -> Response:
        target = request.args.get("post_logout_redirect_uri")
        if target is not None and target not in self.post_logout_redirect_uris:
            return self._page("退出请求无效", "退出后的返回地址未登记。", 400)
        if target is None:
            response = self._page("您已安全退出", "统一认证中心的登录状态已清除。")
        else:
            state = request.args.get("state")
            response = Response(status=303)
            response.headers["Location"] = target + (f"?{urlencode({'state': state})}" if state else "")
        with self.state.lock:
            self.state.sessions.pop(request.cookies.get(SESSION_COOKIE, ""), None)
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="Lax")
        return response

    # ------------------------------------------------------------------------------------------- helpers
    def _preflight(self, methods: str) -> Response:
        response = Response(status=204)
        response.headers["Access-Control-Allow-Methods"] = methods
        response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, Accept"
        response.headers["Access-Control-Max-Age"] = "600"
        return response

    @staticmethod
    def _json(document: Any, status: int = 200) -> Response:
        response = Response(json.dumps(document, ensure_ascii=False), status, mimetype="application/json")
        response.headers["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _page(title: str, text: str, status: int = 200) -> Response:
        response = Response(login_page.message_page(title, text), status, mimetype="text/html")
        response.headers["Content-Security-Policy"] = _PAGE_POLICY
        return response


def main(argv: list[str] | None = None) -> int:
    from werkzeug.serving import make_server

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--web-origin", default="http://127.0.0.1:8080")
    args = parser.parse_args(argv)
    issuer = local_issuer_url(args.port)
    server = make_server("127.0.0.1", args.port, LocalIssuer(issuer, args.web_origin, ROOT / ".local"), threaded=True)
    print(f"local issuer on {issuer} for the client at {args.web_origin}", flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
