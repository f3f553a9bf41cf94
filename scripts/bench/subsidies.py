"""`make bench`, issue 21: the 花名册 export of 10,000 placements (time, peak memory, items read, calls), and the
DynamoDB calls of each new route.

The export runs as its job runs (services/exports.run): the region's placements a page at a time from the
placements store on in-process moto, rows streamed into the workbook's temporary file, the file uploaded. Peak
memory is Python's own allocations during the job (tracemalloc), and the process's peak RSS before and after.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from scripts.bench.measure import Tally, calls, fresh_containers

START = datetime(2025, 6, 16, 2, 0, tzinfo=UTC)
LISHI = "141102"


def _placements(count: int) -> Iterator[Any]:
    from tests.services.subsidy_steps import placement_record

    for serial in range(1, count + 1):
        yield placement_record(
            serial,
            name=f"王{serial % 97}雨",
            subject=f"bench-trainee-{serial}",
            start_date=date(2025, 3, 1) + timedelta(days=serial % 90),
        )


def load_placements(count: int) -> None:
    """Written straight into the placements table (batch writes of the store's own items), as 上岗报备 leaves
    them: what is measured is the export's reads, and 10,000 placements each walked through issue 20's four
    steps would take the bench hours on moto."""
    from chalicelib.adapters import placement_store
    from chalicelib.adapters.dynamo import connection
    from chalicelib.adapters.models.placements import Placement

    connection()
    with Placement.batch_write() as batch:
        for record in _placements(count):
            batch.save(placement_store._item(record))


def roster_rows(size: int, tally: Callable[[], Any]) -> list[str]:
    from moto import mock_aws

    from chalicelib import wiring
    from chalicelib.domain.principal import Principal
    from chalicelib.services import exports
    from scripts.local_aws import create_bucket, create_tables

    with mock_aws():
        fresh_containers()
        create_tables()
        create_bucket()
        started = time.perf_counter()
        load_placements(size)
        print(f"  loaded {size} placements in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        staff = Principal("bench", "审核员", None, frozenset({"reviewer"}), "141100")
        fields = {"kind": "roster", "county": LISHI, "date_from": date(2025, 1, 1), "date_to": date(2025, 12, 31)}
        asked = exports.request(staff, fields, START, ports=wiring.ports())
        with tally() as counted:
            started = time.perf_counter()
            done = exports.run(asked.export_id, START, ports=wiring.ports())
            seconds = time.perf_counter() - started
        again = exports.request(staff, fields, START, ports=wiring.ports())
        tracemalloc.start()  # a second run, traced: tracing slows Python down, so the time above is untraced
        exports.run(again.export_id, START, ports=wiring.ports())
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size_bytes = len(_object(str(done.object_key)))
    return [
        "| 花名册 export | figure |",
        "|---|---|",
        f"| placements in the region / rows written | {size:,} / {done.rows:,} |",
        f"| time of the job (read, write, upload) | {seconds:.1f} s |",
        f"| peak Python allocations during the job (tracemalloc; moto's own included) | {peak / 2**20:.1f} MiB |",
        f"| items read | {_tally(counted).items_read:,} |",
        f"| calls | {calls(_tally(counted))} |",
        f"| file size | {size_bytes / 2**20:.1f} MiB |",
    ]


def _tally(counted: Any) -> Tally:
    assert isinstance(counted, Tally)
    return counted


def _object(key: str) -> bytes:
    import boto3

    from chalicelib.config import settings

    found: bytes = boto3.client("s3").get_object(Bucket=settings().attachments_bucket, Key=key)["Body"].read()
    return found


def route_rows(tally: Callable[[], Any]) -> list[str]:
    """Each new route once, in the order a claim goes, with the calls it made."""
    import json

    from chalice.test import Client
    from moto import mock_aws

    from scripts.bench.measure import token
    from scripts.local_aws import create_bucket, create_tables
    from tests.services.subsidy_steps import UNIT_CODE

    rows = ["| route | DynamoDB and S3 calls | items read |", "|---|---|---|"]
    unit = token(sub="bench-unit", extra={"credit_code": UNIT_CODE, "org_name": "示例科技"})
    staff = token(sub="bench-staff", roles=["reviewer"], region=LISHI)
    with mock_aws():
        fresh_containers()
        create_tables()
        create_bucket()
        load_placements(2)
        from app import app

        first, second = (record.placement_id for record in _placements(2))
        with Client(app) as client:

            def measure(label: str, method: str, path: str, headers: dict[str, str], payload: Any = None) -> Any:
                with tally() as counted:
                    raw = "" if payload is None else json.dumps(payload, ensure_ascii=False)
                    answer = client.http.request(method, path, headers=headers, body=raw.encode())
                rows.append(f"| {label} | {calls(_tally(counted))} | {_tally(counted).items_read} |")
                is_json = answer.headers.get("Content-Type", "").startswith("application/json")
                return json.loads(answer.body) if is_json and answer.body else None

            for placement_id in (first, second):
                for month, due in (("2025-04", 21), ("2025-05", 19)):
                    path = f"/v1/unit/placements/{placement_id}/attendance/{month}"
                    measure(f"`PUT …/attendance/{month}`", "PUT", path, unit, {"days_due": due, "days_present": due})
            measure("`GET …/attendance`", "GET", f"/v1/unit/placements/{first}/attendance", unit)
            bank = {"account_name": "示例科技", "bank_name": "中国银行", "account_no": "6217000011112222333"}
            body = {"months": ["2025-04", "2025-05"], "placement_ids": [first, second], "bank": bank}
            made = measure(
                "`POST /v1/unit/subsidy-claims` (2 trainees × 2 months)", "POST", "/v1/unit/subsidy-claims", unit, body
            )
            claim = made["claim_id"]
            measure("`GET /v1/unit/subsidy-claims`", "GET", "/v1/unit/subsidy-claims", unit)
            measure("`GET /v1/admin/subsidy-claims`", "GET", "/v1/admin/subsidy-claims", staff)
            measure("`GET /v1/admin/subsidy-claims/{id}` (audited)", "GET", f"/v1/admin/subsidy-claims/{claim}", staff)
            measure("`POST …/approve`", "POST", f"/v1/admin/subsidy-claims/{claim}/approve", staff, {})
            measure("`GET /v1/public/notices`", "GET", "/v1/public/notices?city=141100", {})
            measure("`GET /v1/public/notices/{id}`", "GET", f"/v1/public/notices/{claim}", {})
            objection = {"name": "张三", "phone": "13912345678", "text": "五月未到岗，请核实"}
            said = measure(
                "`POST …/objections`",
                "POST",
                f"/v1/public/notices/{claim}/objections",
                {"Content-Type": "application/json"},
                objection,
            )
            measure("`GET …/objections` (staff)", "GET", f"/v1/admin/subsidy-claims/{claim}/objections", staff)
            ruling = f"/v1/admin/subsidy-claims/{claim}/objections/{said['objection_id']}/resolve"
            measure("`POST …/resolve`", "POST", ruling, staff, {"upheld": False})
            xlsx = {**staff, "Accept": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
            measure("`GET …/table.xlsx`", "GET", f"/v1/admin/subsidy-claims/{claim}/table.xlsx", xlsx)
    return rows
