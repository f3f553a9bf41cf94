"""The browser half of `make dev`: the web client's server and the local issuer, beside moto and the API.

Both are werkzeug's threaded servers running in devstack's own process (one thread each), so they stop when it
stops; `stop()` also shuts them down and closes their sockets, so the ports are free at once.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from werkzeug.serving import BaseWSGIServer, make_server

from infra.web_client import client_config, content_security_policy
from scripts.local_issuer import LocalIssuer
from scripts.local_keys import DEFAULT_ISSUER_PORT, local_issuer_url
from scripts.local_web import WebClientApp

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "web" / "dist"
DEFAULT_WEB_PORT = 8080


@dataclass
class WebStack:
    api_port: int
    moto_port: int
    web_port: int = DEFAULT_WEB_PORT
    issuer_port: int = DEFAULT_ISSUER_PORT
    dist: Path = DIST
    servers: list[tuple[BaseWSGIServer, threading.Thread]] = field(default_factory=list)

    @classmethod
    def from_environment(cls, api_port: int, moto_port: int) -> WebStack:
        return cls(
            api_port=api_port,
            moto_port=moto_port,
            web_port=int(os.environ.get("WEB_PORT", str(DEFAULT_WEB_PORT))),
            issuer_port=int(os.environ.get("ISSUER_PORT", str(DEFAULT_ISSUER_PORT))),
        )

    @property
    def web_origin(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def dev_origin(self) -> str:
        """Vite's dev server under `make web` (web/vite.config.ts), which signs in through this issuer too."""
        return f"http://127.0.0.1:{os.environ.get('WEB_DEV_PORT', '5173')}"

    @property
    def issuer(self) -> str:
        return local_issuer_url(self.issuer_port)

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.api_port}/v1"

    def environment(self) -> dict[str, str]:
        """What the API (and devtoken.py, through ISSUER_PORT) must know about the client and the issuer."""
        return {
            "ALLOWED_ORIGINS": self.web_origin,
            "TOKEN_ISSUER": self.issuer,
            "ISSUER_PORT": str(self.issuer_port),
            # The printed form's QR code opens the client's /verify/<id> page.
            "PUBLIC_BASE_URL": self.web_origin,
        }

    def start(self) -> None:
        """Both servers listening; a port in use stops `make dev` with the variable that moves it."""
        moto = f"http://127.0.0.1:{self.moto_port}"
        policy = content_security_policy(
            connect_to=(f"http://127.0.0.1:{self.api_port}", self.issuer, moto), frame_from=(self.issuer,)
        )
        apps = (
            (
                "ISSUER_PORT",
                self.issuer_port,
                LocalIssuer(self.issuer, self.web_origin, ROOT / ".local", dev_origins=(self.dev_origin,)),
            ),
            ("WEB_PORT", self.web_port, WebClientApp(self.dist, client_config(self.api_base, self.issuer), policy)),
        )
        for variable, port, app in apps:
            try:
                server = make_server("127.0.0.1", port, app, threaded=True)
            except (OSError, SystemExit):  # werkzeug prints "Address already in use" and exits
                self.stop()
                raise SystemExit(f"port {port} is in use; choose another with {variable}=…") from None
            thread = threading.Thread(target=server.serve_forever, name=f"serve-{variable}", daemon=True)
            thread.start()
            self.servers.append((server, thread))

    def stop(self) -> None:
        for server, thread in self.servers:
            server.shutdown()
            # werkzeug's serve_forever closes its socket on the way out: once the thread is gone, the port is free.
            thread.join(timeout=10)
            server.server_close()
        self.servers.clear()

    def banner(self) -> str:
        built = "" if (self.dist / "index.html").is_file() else "   (web/dist is missing: run `make dev`, it builds)"
        return (
            f"  Web client {self.web_origin}/{built}\n"
            f"  Sign-in    {self.issuer}   (local 统一认证中心: 姓名 + 身份证号; 角色 and 区划 for staff)\n"
        )
