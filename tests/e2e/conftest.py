"""The whole stack on free loopback ports: `scripts/devstack.py`, exactly what `make dev` runs.

`local_stack` yields the URLs of the API (…/v1), the web client and the local issuer; `stack` is the API's alone.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.loopback import NotReady, devstack_on_free_ports, free_port, listening

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class LocalStack:
    api: str  # http://127.0.0.1:<port>/v1
    web: str  # http://127.0.0.1:<port>, the web client (web/dist) and its /config.json
    issuer: str  # http://127.0.0.1:<port>, the local OpenID Connect issuer (`iss` of the tokens the API accepts)
    moto: int = 0  # the moto server's port (issue 21 writes placements there through their store)


# One stack for the whole session: building the demo data's keyword index takes minutes on a loaded machine, and
# every test makes data of its own (fresh subjects, unique titles), so the modules need no stack each.
@pytest.fixture(scope="session")
def local_stack() -> Iterator[LocalStack]:
    moto_port = free_port()  # devstack starts its own moto server here, and must stop it too
    log_path = ROOT / ".local" / f"e2e-stack-{moto_port}.log"
    try:
        with devstack_on_free_ports(log_path, moto_port=moto_port) as ports:
            yield LocalStack(api=ports.api_url, web=ports.web_url, issuer=ports.issuer_url, moto=ports.moto)
    except NotReady as error:
        pytest.fail(str(error))
    servers = {"moto": moto_port, "API": ports.api, "web": ports.web, "issuer": ports.issuer}
    deadline = time.monotonic() + 10
    while any(listening(port) for port in servers.values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    still = [name for name, port in servers.items() if listening(port)]
    assert not still, f"a server outlived Ctrl-C/SIGTERM: {', '.join(still)}"


@pytest.fixture(scope="module")
def stack(local_stack: LocalStack) -> str:
    return local_stack.api
