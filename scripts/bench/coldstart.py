"""`make bench`, cold start as Lambda runs it: `import app` from the unpacked deployment zip, and the first requests.

* **Import.** Lambda's code directory is read-only: whatever bytecode the zip lacks is compiled on every cold
  start. `python -B -S` from the unpacked zip (no writing bytecode, nothing but the zip and the standard library
  on the path) against `python -B` in the development venv, whose bytecode is already cached.
* **First request.** A fresh process per sample: `import app`, then one request through Chalice's test client
  against the moto server (scripts/moto_atomic.py): the first public search, `GET /v1/me` and
  `POST /v1/applications`. The first signed-in request pays for token verification and its tables' clients.

    python scripts/bench/coldstart.py [deployment.zip]      (default: dist/deployment.zip, from `make package`)
    BENCH_COLD_RUNS=5   BENCH_PROJECT=<another checkout, for "before" figures>
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.bench.stack import moto_server  # noqa: E402

TIMED_IMPORT = (
    "import time; t = time.perf_counter(); import app; print(json.dumps({'import': time.perf_counter() - t}))"
)

FIRST_REQUEST = """
import json, sys, time
t = time.perf_counter()
import app
imported = time.perf_counter() - t
from chalice.test import Client
method, path, headers, body = json.loads(sys.argv[1])
with Client(app.app, project_dir=sys.argv[2]) as client:
    t = time.perf_counter()
    response = getattr(client.http, method)(path, headers=headers, **({"body": body} if body else {}))
    took = time.perf_counter() - t
assert response.status_code < 300, (response.status_code, response.body[:300])
print(json.dumps({"import": imported, "request": took}))
"""


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(f"{' '.join(args[:3])} failed: {out.stderr[-2000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _bare_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "AWS_", "VIRTUAL_ENV"))}


def import_rows(zip_path: Path, project: Path, runs: int) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="lambda-task-") as task:
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(task)
            compiled = sum(1 for n in archive.namelist() if n.endswith(".pyc"))
        timed = ["-c", "import json; " + TIMED_IMPORT]
        zip_s = [_run([sys.executable, "-B", "-S", *timed], Path(task), _bare_env())["import"] for _ in range(runs)]
    venv_s = [_run([sys.executable, "-B", *timed], project, _bare_env())["import"] for _ in range(runs)]
    zip_ms, venv_ms = statistics.median(zip_s) * 1000, statistics.median(venv_s) * 1000
    return [
        f"| `import app`, median of {runs} cold processes | time |",
        "|---|---|",
        f"| development venv (`python -B`, bytecode cached) | {venv_ms:.0f} ms |",
        f"| unpacked deployment zip (`python -B -S`; {compiled} .pyc in the zip) | {zip_ms:.0f} ms |",
        f"| ratio zip / venv | **{zip_ms / venv_ms:.2f}** (goal ≤ 1.3) |",
    ]


@contextmanager
def _local_stack() -> Iterator[dict[str, str]]:
    """A moto server with the tables, the bucket and 50 positions; the environment a fresh process needs."""
    from scripts.local_aws import LOCAL_ENVIRONMENT
    from scripts.local_keys import ensure_key

    _, jwks = ensure_key(ROOT / ".local")
    with moto_server() as endpoint:
        env = {
            **_bare_env(),
            **LOCAL_ENVIRONMENT,
            "AWS_ENDPOINT_URL": endpoint,
            "JWKS_URL": jwks.as_uri(),
            "PUBLIC_BASE_URL": "http://127.0.0.1:8000",
            "POWERTOOLS_LOG_LEVEL": "WARNING",  # the request log is not what is measured
        }
        os.environ.update(env)
        from scripts.bench.stack import load_positions_over_api
        from scripts.local_aws import create_bucket, create_tables

        create_tables()
        create_bucket()
        load_positions_over_api(50)
        yield env


def _applicant(serial: int) -> tuple[dict[str, str], dict[str, Any]]:
    """A fresh applicant with two confirmed attachments, and the form that submits them."""
    from scripts.bench.stack import applicant_with_attachments

    return applicant_with_attachments(f"cold-{serial}-{time.time_ns()}")


def first_request_rows(project: Path, runs: int) -> list[str]:
    from scripts.bench.stack import signed_in

    rows = [f"| first request in a fresh process, median of {runs} | `import app` | request |", "|---|---|---|"]
    with _local_stack() as env, tempfile.TemporaryDirectory() as empty_project:
        probes: dict[str, list[Any]] = {
            "GET /v1/positions?city=140100 (public)": ["get", "/v1/positions?city=140100", {}, None],
            "GET /v1/me (signed in)": ["get", "/v1/me", signed_in("cold-me"), None],
        }
        figures: dict[str, list[dict[str, float]]] = {label: [] for label in probes}
        figures["POST /v1/applications (signed in)"] = []
        for serial in range(runs):
            for label, probe in probes.items():
                args = [sys.executable, "-B", "-c", FIRST_REQUEST, json.dumps(probe), empty_project]
                figures[label].append(_run(args, project, env))
            headers, form = _applicant(serial)
            probe = ["post", "/v1/applications", headers, json.dumps(form)]
            args = [sys.executable, "-B", "-c", FIRST_REQUEST, json.dumps(probe), empty_project]
            figures["POST /v1/applications (signed in)"].append(_run(args, project, env))
    medians = {
        label: {k: statistics.median(s[k] for s in samples) * 1000 for k in ("import", "request")}
        for label, samples in figures.items()
    }
    for label, m in medians.items():
        rows.append(f"| {label} | {m['import']:.0f} ms | {m['request']:.0f} ms |")
    public = medians["GET /v1/positions?city=140100 (public)"]["request"]
    me = medians["GET /v1/me (signed in)"]["request"]
    rows.append(f"| ratio first `GET /v1/me` / first public search | | **{me / public:.2f}** (goal ≤ 1.2) |")
    return rows


def main(argv: list[str]) -> int:
    zip_path = Path(argv[1]) if len(argv) > 1 else ROOT / "dist" / "deployment.zip"
    project = Path(os.environ.get("BENCH_PROJECT", str(ROOT)))
    runs = int(os.environ.get("BENCH_COLD_RUNS", "5"))
    if not zip_path.exists():
        raise SystemExit(f"{zip_path} is missing: `make package` builds it")
    print("## Cold start as Lambda runs it\n")
    print("\n".join(import_rows(zip_path, project, runs)))
    print()
    print("\n".join(first_request_rows(project, runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
