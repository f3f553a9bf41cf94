"""`make bench`, the local stack: a position create and search pages over HTTP on `make dev`, at 10,000 positions.

The moto server runs in this process (moto's ThreadedMotoServer, with scripts/moto_atomic.py installed unless
BENCH_STOCK_MOTO=1), so 10,000 positions load straight into its tables in seconds; then scripts/devstack.py,
exactly what `make dev` runs, reuses that server and its data and starts `chalice local` in front of it. Every
figure is a request over HTTP, timed by the client.

    BENCH_STACK_POSITIONS=10000 (default)   BENCH_STACK_RUNS=15 (default)   BENCH_STOCK_MOTO=1 (moto as shipped)
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from chalicelib import wiring  # noqa: E402
from scripts.loopback import StackPorts, devstack_on_free_ports, free_port  # noqa: E402

TIMEOUT = 120
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@contextmanager
def moto_server() -> Iterator[str]:
    """A moto server on a free loopback port in this process; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    if os.environ.get("BENCH_STOCK_MOTO") != "1":
        from scripts import moto_atomic

        moto_atomic.install()
    # werkzeug logs every request at INFO on a handler of its own when nobody configured logging: thousands of
    # lines between the bench's tables.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def load_positions(count: int, now: datetime) -> None:
    """Write positions and their search entries straight into moto's tables (what is measured is the reads)."""
    from scripts.bench.measure import listed_position, moto_table
    from scripts.demo_data import demo_positions

    positions_table, listings_table = moto_table("positions"), moto_table("listings")
    for i, fields in enumerate(demo_positions(count, seed=count, today=now.date())):
        fields["deadline"] = date.fromisoformat(fields["deadline"])
        # Spread publication over a year so newest-first ordering is exercised.
        position = listed_position(fields, now - timedelta(minutes=i * 5), listings_table)
        positions_table.put_item(position.serialize())


def load_positions_over_api(count: int) -> None:
    """Positions as `make dev` seeds them: through the service's batch load."""
    from chalicelib.domain.principal import Principal
    from chalicelib.services import positions
    from scripts.demo_data import demo_positions

    now = datetime.now(UTC)
    many = demo_positions(count, today=now.date())
    for fields in many:
        fields["deadline"] = date.fromisoformat(fields["deadline"])
    positions.load(
        Principal("bench", None, None, frozenset({"position_manager"}), "140000"), many, now, ports=wiring.ports()
    )


def signed_in(sub: str, **claims: Any) -> dict[str, str]:
    from scripts.local_keys import ensure_key, mint

    private, _ = ensure_key(ROOT / ".local")
    return {"Authorization": "Bearer " + mint(private, sub=sub, **claims), "Content-Type": "application/json"}


def applicant_with_attachments(sub: str) -> tuple[dict[str, str], dict[str, Any]]:
    """王晓雨 under a new subject, with two confirmed attachments (through the app, in this process)."""
    from chalice.test import Client

    from app import app
    from scripts.demo_data import demo_trainees
    from scripts.walkthrough import graduate_form

    person = demo_trainees()[0]
    headers = signed_in(sub, name=person["name"], id_number=person["id_number"])
    ids = []
    with tempfile.TemporaryDirectory() as empty, Client(app, project_dir=empty) as client:
        for kind in ("id_card", "graduation_certificate"):
            made = client.http.post(
                "/v1/attachments",
                headers=headers,
                body=json.dumps({"kind": kind, "filename": "a.pdf", "content_type": "application/pdf", "size": 9}),
            )
            answer = json.loads(made.body)
            upload = answer["upload"]
            files = {"file": ("a.pdf", PDF[:9], "application/pdf")}
            requests.post(upload["url"], data=upload["fields"], files=files, timeout=TIMEOUT).raise_for_status()
            confirmed = client.http.post(f"/v1/attachments/{answer['attachment_id']}/confirm", headers=headers)
            assert confirmed.status_code == 200, confirmed.body
            ids.append(answer["attachment_id"])
    return headers, graduate_form(person, ids)


@contextmanager
def make_dev(moto_endpoint: str) -> Iterator[StackPorts]:
    """scripts/devstack.py on free ports, reusing the moto server at `moto_endpoint`, once the stack printed its
    READY line. Free ports for the client and the issuer too, so the bench runs beside a developer's `make dev`;
    the request log (not what is measured) goes to .local/bench-stack.log."""
    moto_port = int(moto_endpoint.rsplit(":", 1)[1])
    log_path = ROOT / ".local" / "bench-stack.log"
    with devstack_on_free_ports(log_path, moto_port=moto_port, POWERTOOLS_LOG_LEVEL="WARNING") as ports:
        yield ports


def _timed(method: str, url: str, expect: int, **kw: Any) -> tuple[float, bool]:
    """Seconds the request took, and whether it got the expected answer (stock moto times out at 10k)."""
    started = time.perf_counter()
    response = requests.request(method, url, timeout=TIMEOUT, **kw)
    took = time.perf_counter() - started
    if response.status_code != expect:
        print(f"  {method} {url}: {response.status_code} {response.text[:200]}", file=sys.stderr)
    return took, response.status_code == expect


def stack_rows() -> list[str]:
    from scripts.local_aws import LOCAL_ENVIRONMENT, create_bucket, create_tables
    from scripts.local_keys import ensure_key

    count = int(os.environ.get("BENCH_STACK_POSITIONS", "10000"))
    runs = int(os.environ.get("BENCH_STACK_RUNS", "15"))
    stock = os.environ.get("BENCH_STOCK_MOTO") == "1"
    _, jwks = ensure_key(ROOT / ".local")
    with moto_server() as endpoint:
        os.environ.update({**LOCAL_ENVIRONMENT, "AWS_ENDPOINT_URL": endpoint, "JWKS_URL": jwks.as_uri()})
        os.environ.setdefault("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
        create_tables()
        create_bucket()
        load_positions(count, datetime.now(UTC))
        from scripts.demo_data import demo_positions

        creates = demo_positions(runs, seed=7, today=datetime.now(UTC).date())
        with make_dev(endpoint) as stack:
            base = stack.api_url
            # Signed by the stack's own issuer (its TOKEN_ISSUER is the local issuer on its free port).
            manager = signed_in("bench-manager", roles=["position_manager"], region="140000", issuer=stack.issuer_url)
            _timed("GET", base + "/positions?city=140100", 200)  # chalice local's own first-request costs
            figures: dict[str, list[tuple[float, bool]]] = {
                "POST /v1/admin/positions (create)": [
                    _timed("POST", base + "/admin/positions", 201, headers=manager, json=fields) for fields in creates
                ],
            }
            for label, path in (
                ("GET /v1/positions?city=140100 (a city page)", "/positions?city=140100"),
                ("GET /v1/positions (the province, newest first)", "/positions"),
                ("GET /v1/positions?county=140105", "/positions?county=140105"),
                ("GET /v1/positions?city=140100&keyword=软件", "/positions?city=140100&keyword=%E8%BD%AF%E4%BB%B6"),
            ):
                figures[label] = [_timed("GET", base + path, 200) for _ in range(runs)]
    moto = "moto 5.2.5 as shipped" if stock else "scripts/moto_atomic.py"
    rows = [
        f"| over HTTP on `make dev`, {count:,} positions, {moto} | median of {runs} | max | failed |",
        "|---|---|---|---|",
    ]
    for label, samples in figures.items():
        times = [took for took, _ in samples]
        failed = sum(1 for _, ok in samples if not ok)
        rows.append(f"| {label} | {statistics.median(times) * 1000:.0f} ms | {max(times) * 1000:.0f} ms | {failed} |")
    return rows


if __name__ == "__main__":
    print("\n".join(stack_rows()))
