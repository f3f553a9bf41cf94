"""The route table (chalicelib/api/route_table.py) is what the route modules declare, and a cold start imports no
route module: each is imported by the first request for one of its routes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chalicelib.api import routes
from chalicelib.api.contract import OPERATION_ATTRIBUTE
from scripts import route_table
from scripts.local_environment import LOCAL_ENVIRONMENT

ROOT = Path(__file__).resolve().parents[2]
# What a cold start must not import: every route module, use case, answer and store waits for its first request.
NOT_AT_COLD_START = ("chalicelib.services", "chalicelib.answers", "chalicelib.adapters.models", "chalicelib.wiring")


def loaded_after(statements: str) -> set[str]:
    """The chalicelib modules a fresh process has loaded after `statements` (which start with `import app`)."""
    probe = f"import sys\n{statements}\nimport json; print(json.dumps(sorted(sys.modules)))"
    environment = {**os.environ, **LOCAL_ENVIRONMENT}
    command = [sys.executable, "-c", probe]
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=True, timeout=120)
    return {name for name in json.loads(done.stdout.splitlines()[-1]) if name.startswith("chalicelib")}


def route_modules_in(loaded: set[str]) -> set[str]:
    return {module for module in routes.MODULES if f"{routes.PACKAGE}.{module}" in loaded}


def test_the_route_table_is_what_the_modules_declare() -> None:
    assert route_table.TABLE.read_text(encoding="utf-8") == route_table.render(), "run `make routes`"


def test_a_route_a_module_adds_makes_the_table_out_of_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: one more `@operation` in a module is one more line of the table."""
    from chalicelib.api import public

    health = public.routes.views[("GET", "/v1/health")]
    monkeypatch.setitem(public.routes.views, ("GET", "/v1/health-again"), health)
    rendered = route_table.render()
    assert rendered != route_table.TABLE.read_text(encoding="utf-8")
    assert '("public", "GET", "/v1/health-again", "getHealth"),' in rendered


def test_a_cold_start_imports_no_route_module_use_case_answer_or_store() -> None:
    loaded = loaded_after("import app")
    assert route_modules_in(loaded) == set()
    assert {name for name in loaded if name.startswith(NOT_AT_COLD_START)} == set()


def test_the_first_request_imports_its_own_route_module_only() -> None:
    loaded = loaded_after(
        "import app\nfrom chalice.test import Client\n"
        "with Client(app.app) as client:\n"
        "    assert client.http.get('/v1/regions').status_code == 200\n"
        "    assert client.http.options('/v1/unit').status_code == 204\n"
    )
    assert route_modules_in(loaded) == {"public"}
    assert "chalicelib.services.subsidy_claims" not in loaded


def test_every_registered_view_carries_its_operation_through_the_lazy_view() -> None:
    from app import app

    for path, entries in app.routes.items():
        for method, entry in entries.items():
            assert isinstance(entry.view_function, routes.LazyView), f"{method} {path}"
            op = getattr(entry.view_function, OPERATION_ATTRIBUTE)
            assert (op.method, routes.PREFIX + op.path if method != "OPTIONS" else op.path) == (method, path)
