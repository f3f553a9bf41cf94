"""`make dev`: moto_server and `chalice local` on 127.0.0.1, with the tables, the bucket and demo data, and the
web client's server and the local OpenID Connect issuer beside them (scripts/web_stack.py).

Runs until Ctrl-C or SIGTERM, then stops every server and leaves no process behind. A second run reuses what
is there: a moto server already listening on the port, its tables and data, and the local signing key.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path
from types import FrameType
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chalicelib import wiring  # noqa: E402
from scripts.local_aws import LOCAL_ENVIRONMENT  # noqa: E402
from scripts.local_keys import ensure_key  # noqa: E402
from scripts.web_stack import WebStack  # noqa: E402

BIN = Path(sys.executable).parent
LOCAL_DIR = ROOT / ".local"


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):  # noqa: S310 - loopback URL built here
            return True
    except urllib.error.HTTPError:
        return True  # it answered, even if not 200
    except OSError:
        return False


def _wait_for(url: str, what: str, process: subprocess.Popen[bytes] | None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _answers(url):
            return
        if process is not None and process.poll() is not None:
            raise SystemExit(f"{what} exited with code {process.returncode}; see its output above")
        time.sleep(0.2)
    raise SystemExit(f"{what} did not answer at {url} within {seconds:.0f} s")


def clock_file(api_port: int) -> Path:
    return LOCAL_DIR / f"clock-{api_port}.json"


def _environment(moto_port: int, api_port: int, jwks: Path) -> dict[str, str]:
    return {
        **LOCAL_ENVIRONMENT,
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{moto_port}",
        "JWKS_URL": jwks.as_uri(),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{api_port}",
        "POWERTOOLS_LOG_LEVEL": os.environ.get("POWERTOOLS_LOG_LEVEL", "INFO"),
        # issue 21: POST /v1/local/clock moves today for the API, the jobs and the stream handlers alike; one file
        # per stack (its API port), so two stacks on one machine keep their own today
        "LOCAL_CLOCK_FILE": str(clock_file(api_port)),
    }


def _provision_and_seed() -> int:
    """Create what is missing and load demo positions once; returns how many positions were loaded."""
    from chalicelib.adapters.models import Listing
    from chalicelib.domain.principal import Principal
    from chalicelib.services import positions, units
    from scripts.demo.units import demo_units
    from scripts.demo_data import demo_positions
    from scripts.local_aws import create_bucket, create_tables

    create_tables()
    create_bucket()
    if any(True for _ in Listing.query("P", limit=1)):
        return 0
    now = datetime.now(UTC)
    publisher = Principal("demo-loader", "演示数据", None, frozenset({"position_manager"}), "140000")
    many = demo_positions(today=now.date())
    for fields in many:
        fields["deadline"] = date.fromisoformat(fields["deadline"])
    loaded = positions.load(publisher, many, now, index=False, ports=wiring.ports())  # indexed later: _index_demo
    units.load(demo_units(many), now, ports=wiring.ports())  # issue 19: the employers are recognised units
    return loaded


def _index_demo() -> int:
    """The demo positions' keyword index, in bulk: far quicker than their stream records one by one, which
    then find them indexed. Runs after the API is up, so the stack answers while it builds."""
    from chalicelib.adapters import keyword_store
    from chalicelib.adapters.models import Position

    return keyword_store.bulk_index(Position.scan())  # a dev tool, not a request path


# Printed once the demo data is indexed and the stream handlers run: from then on a new position is found by
# keyword within seconds. The e2e fixture waits for this line, not for the first answer of /health.
READY = "local stack is ready: keyword index built, stream handlers running"


def demo_unit_arguments() -> str:
    """devtoken.py's arguments for an agent of the first recognised demo unit of 小店区 (issue 19)."""
    from scripts.demo.units import AGENT, demo_units
    from scripts.demo_data import demo_positions
    from scripts.factories import id_number

    units = demo_units(demo_positions(today=datetime.now(UTC).date()))
    unit = next(u for u in units if u["county_code"] == "140105" and u["status"] == "recognised")
    agent = id_number(area=AGENT["id_number_region"], serial=731)
    named = f"--credit-code {unit['credit_code']} --org-name {unit['org_name']}"
    return f"{named} --name {AGENT['name']} --id-number {agent}"


def _others() -> str:
    from chalicelib.domain.credit_code import check_character
    from scripts.demo.units import PENDING, REJECTED

    return ", ".join(f"{u['org_name']} {u['serial']}{check_character(u['serial'])}" for u in (PENDING, REJECTED))


def _banner(api_port: int, browser: str = "") -> str:
    base = f"http://127.0.0.1:{api_port}/v1"
    mint_command = ".venv/bin/python scripts/devtoken.py"
    return f"""
  山西省人社公共服务平台 · 就业见习 — local stack is up

  API        {base}          (OpenAPI: {base}/openapi.json)
{browser}  Search     curl '{base}/positions?city=140100&keyword=软件'
  Token      {mint_command} --name 王晓雨 --id-number 140105200404120266   (the person who signs in with it)
             {mint_command} --sub staff-1 --roles reviewer --region 140100   (a reviewer of 太原市)
             {mint_command} --sub staff-2 --roles position_manager --region 140105
  法人 token {mint_command} {demo_unit_arguments()}
             (法人登录: a recognised demo unit of 小店区; pending and rejected ones: {_others()})
  Demo people and the whole walk-through: docs/walkthrough.md.
  Stream handlers run beside the API (scripts/local_streams.py); dead letters: .local/stream-dead-letters.jsonl
  Ctrl-C stops them all.
"""


def main() -> int:
    moto_port = int(os.environ.get("MOTO_PORT", "5000"))
    api_port = int(os.environ.get("API_PORT", "8000"))
    _, jwks = ensure_key(LOCAL_DIR)
    web = WebStack.from_environment(api_port, moto_port)
    env = {**_environment(moto_port, api_port, jwks), **web.environment()}
    os.environ.update(env)
    clock_file(api_port).unlink(missing_ok=True)  # a stack starts on today's date (issue 21's local clock)
    children: list[subprocess.Popen[bytes]] = []

    def stop(signum: int = 0, frame: FrameType | None = None) -> None:
        web.stop()
        for child in reversed(children):
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
        raise SystemExit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        web.start()
        moto_url = f"http://127.0.0.1:{moto_port}/moto-api/"
        if _answers(moto_url):
            print(f"reusing the moto server already on port {moto_port}")
        else:
            # Outside the project: chalice local's reloader restarts on any file that changes under it.
            moto_log_path = Path(tempfile.gettempdir()) / f"shanxi-internship-moto-{moto_port}.log"
            moto_log = moto_log_path.open("ab")
            moto = subprocess.Popen(
                # moto_server's command line, with DynamoDB's per-request atomicity (scripts/moto_atomic.py).
                [sys.executable, str(ROOT / "scripts" / "moto_atomic.py"), "-H", "127.0.0.1", "-p", str(moto_port)],
                stdout=moto_log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            children.append(moto)
            _wait_for(moto_url, "moto_server", moto)
        loaded = _provision_and_seed()
        print(f"demo positions loaded: {loaded}" if loaded else "tables already hold data: kept as they are")
        if loaded:
            # Their keyword index is built in bulk below: the stream handlers start after these records, before
            # the API is up, so whatever the API writes from now on is theirs and nothing of the demo load is.
            from scripts.local_streams import runner_for_app

            print(f"stream records of the demo load passed over: {runner_for_app(LOCAL_DIR).skip_existing()}")
        # Autoreload is opt-in (API_AUTORELOAD=1): chalice local's reloader polls every file under the project,
        # .venv and infra/node_modules included, and restarts on any change, even a log line or a .pyc.
        reload = "--autoreload" if os.environ.get("API_AUTORELOAD", "0") == "1" else "--no-autoreload"
        api = subprocess.Popen(
            [str(BIN / "chalice"), "local", "--stage", "local", "--host", "127.0.0.1", "--port", str(api_port), reload],
            cwd=ROOT,
            env={**os.environ, **env},
            start_new_session=True,
        )
        children.append(api)
        _wait_for(f"http://127.0.0.1:{api_port}/v1/health", "chalice local", api, seconds=60)
        print(_banner(api_port, web.banner()), flush=True)
        if loaded:
            print(f"keyword index of the demo positions built: {_index_demo()} postings", flush=True)
        # The stream handlers run beside the API, as their event source mappings run them in the cloud; the
        # outbox recovery (scripts/local_jobs.py) as its schedule does.
        for script in ("local_streams.py", "local_jobs.py"):
            children.append(
                subprocess.Popen(
                    [sys.executable, str(ROOT / "scripts" / script)],
                    cwd=ROOT,
                    env={**os.environ, **env},
                    start_new_session=True,
                )
            )
        print(READY, flush=True)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        print("a server stopped on its own; stopping the other", file=sys.stderr)
        stop()
    except BaseException:
        web.stop()
        if children:
            for child in children:
                if child.poll() is None:
                    os.killpg(child.pid, signal.SIGTERM)
        raise
    return 0


def spawn(moto_port: int, api_port: int, log: IO[bytes], **environment: str) -> subprocess.Popen[bytes]:
    """This script in a process (and session) of its own, on the given ports: how the e2e tests and the bench
    run `make dev`. Its output goes to `log`: a file, not a pipe, since nobody reads a pipe while the stack
    runs, and chalice local would block on it once it filled (some 160 requests of access log)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(MOTO_PORT=str(moto_port), API_PORT=str(api_port), API_AUTORELOAD="0", **environment)
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve())],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


if __name__ == "__main__":
    raise SystemExit(main())
