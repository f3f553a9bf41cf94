"""The request a fault flow sends and the world it runs in: apart from the flows, so the flows of each issue
(scenarios.py, subsidy_scenarios.py) import them without importing each other."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tests import flows
from tests.flows import Person


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    token: str
    payload: Any = None

    def send(self, client: Any, key: str | None) -> Any:
        headers = flows.auth(self.token, **({"Idempotency-Key": key} if key else {}))
        raw = "" if self.payload is None else json.dumps(self.payload, ensure_ascii=False)
        return client.http.request(self.method, self.path, headers=headers, body=raw.encode())


@dataclass(frozen=True)
class World:
    client: Any
    applicant: Person
    reviewer: str
    manager: str
    unit: str = ""  # issue 19: a 法人登录 token (tests/faults/conftest.py mints it)
