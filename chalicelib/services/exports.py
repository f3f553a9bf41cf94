"""The 花名册 export: asked for by the agency (202), written by a job to the bucket, fetched by a 5-minute link.

The job reads the region's placements a page at a time and streams the rows into the workbook (a temporary
file), then uploads the file: memory holds one page, whatever the number of trainees. The download link is
given only to staff of the same region, and every time it is given the audit log says who took it.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from msgspec import structs

from chalicelib.domain.clock import china_time
from chalicelib.domain.placements import CONFIRMED, PlacementRecord
from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import shanxi
from chalicelib.errors import (
    COUNTY_OUTSIDE_REGION,
    EXPORT_NOT_FOUND,
    INVALID_COUNTY,
    VALIDATION_FAILED,
    FieldProblem,
)
from chalicelib.ports import Ports
from chalicelib.ports.subsidies import ExportRecord
from chalicelib.services import subsidy_tables

ROSTER: Final = "roster"
PENDING: Final = "pending"
READY: Final = "ready"
FAILED: Final = "failed"
PAGE: Final = 200
MAX_DAYS: Final = 366 * 3


def request(principal: Principal, fields: dict[str, Any], now: datetime, *, ports: Ports) -> ExportRecord:
    assert principal.region is not None
    county = fields.get("county")
    if county is not None and shanxi().locality(county) is None:
        raise INVALID_COUNTY()
    if county is not None and not principal.covers(county):
        raise COUNTY_OUTSIDE_REGION()
    first, last = fields["date_from"], fields["date_to"]
    problems = []
    if fields["kind"] != ROSTER:
        problems.append(FieldProblem("kind", "INVALID_VALUE", "导出类型只能为roster（花名册）"))
    if last < first or (last - first).days > MAX_DAYS:
        problems.append(FieldProblem("date_to", "OUT_OF_RANGE", "结束日期应不早于开始日期，且跨度不超过三年"))
    if problems:
        raise VALIDATION_FAILED(problems)
    export = ExportRecord(
        export_id=uuid.uuid4().hex,
        kind=ROSTER,
        requested_by=principal.subject,
        region=principal.region,
        county=county,
        date_from=first.isoformat(),
        date_to=last.isoformat(),
        status=PENDING,
        created_at=china_time(now),
    )
    ports.subsidies.create_export(export)
    return export


def rows(export: ExportRecord, *, ports: Ports, page: int = PAGE) -> Iterator[PlacementRecord]:
    """Confirmed placements of the region that started inside the dates, one page read at a time."""
    first, last = date.fromisoformat(export.date_from), date.fromisoformat(export.date_to)
    start_key = None
    while True:
        found, start_key = ports.placements.of_region(
            export.region, county=export.county, status=None, limit=page, start_key=start_key
        )
        for placement in found:
            started = placement.start_date
            if placement.confirmed_at and placement.status in CONFIRMED and started and first <= started <= last:
                yield placement
        if start_key is None:
            return


def run(export_id: str, now: datetime, *, ports: Ports, page: int = PAGE) -> ExportRecord:
    """The job: write the file, upload it, mark the export ready (or failed, saying so, if nothing could be read)."""
    export = ports.subsidies.get_export(export_id)
    if export is None:
        raise EXPORT_NOT_FOUND()
    if export.status != PENDING:
        return export  # a retried stream record: written already
    key = ports.export_files.export_key(export.export_id)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.xlsx"
        title = f"就业见习人员花名册（{export.date_from}至{export.date_to}）"
        written = subsidy_tables.write_roster(rows(export, ports=ports, page=page), path, title)
        ports.export_files.put_file(key, path, subsidy_tables.XLSX)
    done = structs.replace(export, status=READY, object_key=key, rows=written, finished_at=china_time(now))
    ports.subsidies.finish_export(done)
    return done


def fetch(principal: Principal, export_id: str, now: datetime, *, ports: Ports) -> tuple[ExportRecord, str | None]:
    """The job's state; once ready, a fresh 5-minute link, each one audited before it is given."""
    export = ports.subsidies.get_export(export_id)
    if export is None or export.region != principal.region:
        raise EXPORT_NOT_FOUND()
    if export.status != READY or export.object_key is None:
        return export, None
    ports.audit.record(ports.audit.event(principal, f"export:{export_id}", "download_roster", "shown", now))
    filename = f"花名册-{export.date_from}-{export.date_to}.xlsx"
    return export, ports.export_files.download_url(export.object_key, filename, subsidy_tables.XLSX)


def on_subsidy_records(records: Iterable[Mapping[str, Any]], now: datetime, *, ports: Ports) -> int:
    """The stream's new export items (`X#<id>` keys, inserted): each one's file written."""
    written = 0
    for record in records:
        keys = record.get("dynamodb", {}).get("Keys", {})
        pk = str(keys.get("pk", {}).get("S", ""))
        if record.get("eventName") == "INSERT" and pk.startswith("X#"):
            run(pk[2:], now, ports=ports)
            written += 1
    return written
