"""The subsidy store on DynamoDB: every rule of ports/subsidies.py is a condition in a transaction."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, TypeVar

import msgspec

from chalicelib.adapters.dynamo import Transaction, bounded_page, connection, found, transact
from chalicelib.adapters.message_store import staged
from chalicelib.adapters.models import Person
from chalicelib.adapters.models.subsidies import SubsidyItem
from chalicelib.adapters.statistics_counters import count_in  # issue 23
from chalicelib.domain.clock import china_month, sortable_china
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.domain.search_query import PageKey
from chalicelib.domain.statistics import claim_increments
from chalicelib.domain.subsidies import (
    PAID,
    PUBLICISED,
    AttendanceRecord,
    ClaimRecord,
    ObjectionRecord,
    line_key,
)
from chalicelib.ports.conditions import PERSON
from chalicelib.ports.stores import Staged
from chalicelib.ports.subsidies import (
    ATTENDANCE,
    CLAIM,
    EXPORT,
    LINE,
    LOCKED,
    OBJECTION,
    RATE,
    ClaimPage,
    ExportRecord,
    PlacementMonths,
)

HEAD = "#"
T = TypeVar("T")


def _decode(item: SubsidyItem, kind: type[T]) -> T:
    assert item.body is not None, "every record item carries its body"
    return msgspec.json.decode(item.body, type=kind)


def _get(pk: str, sk: str) -> SubsidyItem | None:
    return found(SubsidyItem, pk, sk)


# -- 考勤 --------------------------------------------------------------------------------------------------------


def _placement_items(placement_id: str) -> list[SubsidyItem]:
    connection()
    return list(SubsidyItem.query(f"P#{placement_id}", consistent_read=True))


def months(placement_id: str) -> PlacementMonths:
    items = _placement_items(placement_id)
    return PlacementMonths(
        attendance=[_decode(item, AttendanceRecord) for item in items if item.sk.startswith("A#")],
        claimed={item.sk[2:]: item.claim_id or "" for item in items if item.sk.startswith("L#")},
    )


def attendance(placement_id: str) -> list[AttendanceRecord]:
    return list(months(placement_id).attendance)


def claimed_keys(placement_id: str) -> dict[str, str]:
    return months(placement_id).claimed


def put_attendance(record: AttendanceRecord, *, version_read: int | None) -> None:
    connection()
    pk = f"P#{record.placement_id}"
    item = SubsidyItem(pk, f"A#{record.month}", body=msgspec.json.encode(record).decode(), version=record.version)
    same = SubsidyItem.pk.does_not_exist() if version_read is None else SubsidyItem.version == version_read

    def build(tx: Transaction) -> None:
        tx.check(LOCKED, SubsidyItem, pk, f"L#{record.month}", condition=SubsidyItem.pk.does_not_exist())
        tx.save(ATTENDANCE, item, condition=same)

    transact(build)


# -- claims ------------------------------------------------------------------------------------------------------


def _claim_item(claim: ClaimRecord) -> SubsidyItem:
    noticed = claim.status in (PUBLICISED, PAID) and claim.publicity_start is not None
    start = claim.publicity_start.isoformat() if claim.publicity_start else ""
    return SubsidyItem(
        f"C#{claim.claim_id}",
        HEAD,
        body=msgspec.json.encode(claim).decode(),
        version=claim.version,
        status=claim.status,
        open_objections=claim.open_objections,
        unit=claim.credit_code,
        county=claim.county_code,
        city=claim.city_code,
        province=PROVINCE_CODE,
        rank=f"{sortable_china(claim.submitted_at)}#{claim.claim_id}",
        notice_city=claim.city_code if noticed else None,
        notice_province=PROVINCE_CODE if noticed else None,
        notice_county=claim.county_code if noticed else None,
        notice_rank=f"{start}#{claim.claim_id}" if noticed else None,
    )


def _lock(claim: ClaimRecord, placement_id: str, key: str) -> SubsidyItem:
    return SubsidyItem(f"P#{placement_id}", f"L#{key}", claim_id=claim.claim_id)


def _count(tx: Transaction, before: ClaimRecord | None, after: ClaimRecord) -> None:
    """统计分析 (issue 23): counted with the claim's write, in the China month of that write."""
    moment = after.submitted_at if before is None else after.updated_at
    count_in(tx, after.county_code, china_month(moment), claim_increments(before, after))


def _notify(tx: Transaction, notice: Staged | None) -> None:
    if notice is not None:
        tx.update(PERSON, Person(notice.message.subject), actions=staged(tx, notice))


def submit_claim(claim: ClaimRecord, notice: Staged | None) -> None:
    connection()

    def build(tx: Transaction) -> None:
        tx.save(CLAIM, _claim_item(claim), condition=SubsidyItem.pk.does_not_exist())
        for line in claim.lines:
            lock = _lock(claim, line.placement_id, line_key(line))
            tx.save(LINE, lock, condition=SubsidyItem.pk.does_not_exist())
            if line.attendance_version is not None:
                pk, sk = f"P#{line.placement_id}", f"A#{line.month}"
                tx.check(ATTENDANCE, SubsidyItem, pk, sk, condition=SubsidyItem.version == line.attendance_version)
        _notify(tx, notice)
        _count(tx, None, claim)

    transact(build)


def _claim(item: SubsidyItem) -> ClaimRecord:
    """The open count is the item's own (objections add to it without rewriting the body)."""
    return msgspec.structs.replace(_decode(item, ClaimRecord), open_objections=int(item.open_objections or 0))


def get_claim(claim_id: str) -> ClaimRecord | None:
    item = _get(f"C#{claim_id}", HEAD) if claim_id else None
    return None if item is None else _claim(item)


def _as_read(claim: ClaimRecord) -> Any:
    """The claim still as read: its version, and no objection added since (objections do not bump it)."""
    return (SubsidyItem.version == claim.version) & (SubsidyItem.open_objections == claim.open_objections)


def move_claim(before: ClaimRecord, after: ClaimRecord, *, release: bool = False, notice: Staged | None = None) -> None:
    connection()

    def build(tx: Transaction) -> None:
        tx.save(CLAIM, _claim_item(after), condition=_as_read(before))
        if release:
            for line in before.lines:
                lock = _lock(before, line.placement_id, line_key(line))
                tx.delete(LINE, lock, condition=SubsidyItem.claim_id == before.claim_id)
        _notify(tx, notice)
        _count(tx, before, after)

    transact(build)


def _page(
    index: Any, key: str, *, month: str | None, status: str | None, limit: int, start: PageKey | None
) -> ClaimPage:
    connection()
    results = index.query(
        key,
        range_key_condition=SubsidyItem.rank.startswith(month) if month else None,
        filter_condition=(SubsidyItem.status == status) if status else None,
        scan_index_forward=False,
        last_evaluated_key=start,
    )
    page = bounded_page(results, limit=limit)
    return [_claim(SubsidyItem.from_raw_data(raw)) for raw in page.items], page.next_key


def claims_of_unit(credit_code: str, *, status: str | None, limit: int, start_key: PageKey | None) -> ClaimPage:
    return _page(SubsidyItem.claims_of_unit, credit_code, month=None, status=status, limit=limit, start=start_key)


def claims_of_region(
    region: str, *, county: str | None, status: str | None, month: str | None, limit: int, start_key: PageKey | None
) -> ClaimPage:
    """One Query of the index keyed for the scope: a county (or 市本级), a city, or the province."""
    index: Any
    if county is not None:
        index, key = SubsidyItem.claims_of_county, county
    elif region == PROVINCE_CODE:
        index, key = SubsidyItem.claims_of_province, region
    elif shanxi().city(region) is not None:
        index, key = SubsidyItem.claims_of_city, region
    else:
        index, key = SubsidyItem.claims_of_county, region
    return _page(index, key, month=month, status=status, limit=limit, start=start_key)


def notices(*, city: str | None, county: str | None, limit: int, start_key: PageKey | None) -> ClaimPage:
    connection()
    located = shanxi().locality(county) if county else None
    key = located.city_code if located is not None else city
    index: Any = SubsidyItem.notices if key is not None else SubsidyItem.all_notices
    results = index.query(
        key or PROVINCE_CODE,
        filter_condition=(SubsidyItem.notice_county == county) if county else None,
        scan_index_forward=False,
        last_evaluated_key=start_key,
    )
    page = bounded_page(results, limit=limit)
    return [_claim(SubsidyItem.from_raw_data(raw)) for raw in page.items], page.next_key


# -- objections --------------------------------------------------------------------------------------------------


def _objection_item(objection: ObjectionRecord) -> SubsidyItem:
    return SubsidyItem(
        f"C#{objection.claim_id}",
        f"O#{objection.objection_id}",
        body=msgspec.json.encode(objection).decode(),
        status=objection.status,
    )


def add_objection(objection: ObjectionRecord, claim: ClaimRecord, *, day: str, limit: int) -> None:
    connection()
    counter = SubsidyItem(f"R#{objection.phone}#{day}", HEAD)

    def build(tx: Transaction) -> None:
        tx.save(OBJECTION, _objection_item(objection), condition=SubsidyItem.pk.does_not_exist())
        tx.update(
            RATE,
            counter,
            actions=[SubsidyItem.day_count.add(1), SubsidyItem.expires.set(objection.created_at + timedelta(days=2))],
            condition=SubsidyItem.day_count.does_not_exist() | (SubsidyItem.day_count < limit),
        )
        tx.update(
            CLAIM,
            SubsidyItem(f"C#{claim.claim_id}", HEAD),
            actions=[SubsidyItem.open_objections.add(1)],
            condition=SubsidyItem.status == PUBLICISED,
        )

    transact(build)


def objections(claim_id: str) -> list[ObjectionRecord]:
    connection()
    items = SubsidyItem.query(f"C#{claim_id}", SubsidyItem.sk.startswith("O#"), consistent_read=True)
    return [_decode(item, ObjectionRecord) for item in items]


def get_objection(claim_id: str, objection_id: str) -> ObjectionRecord | None:
    item = _get(f"C#{claim_id}", f"O#{objection_id}") if claim_id and objection_id else None
    return None if item is None else _decode(item, ObjectionRecord)


def resolve_objection(
    objection: ObjectionRecord, before: ClaimRecord, after: ClaimRecord, notice: Staged | None
) -> None:
    """The claim's open count is kept by the objections themselves, so `after` carries it as stored less one."""
    connection()

    def build(tx: Transaction) -> None:
        tx.save(OBJECTION, _objection_item(objection), condition=SubsidyItem.status == "open")
        tx.save(CLAIM, _claim_item(after), condition=_as_read(before))
        _notify(tx, notice)
        _count(tx, before, after)

    transact(build)


# -- export jobs -------------------------------------------------------------------------------------------------


def _export_item(export: ExportRecord) -> SubsidyItem:
    return SubsidyItem(f"X#{export.export_id}", HEAD, body=msgspec.json.encode(export).decode(), status=export.status)


def create_export(export: ExportRecord) -> None:
    connection()
    transact(lambda tx: tx.save(EXPORT, _export_item(export), condition=SubsidyItem.pk.does_not_exist()))


def get_export(export_id: str) -> ExportRecord | None:
    item = _get(f"X#{export_id}", HEAD) if export_id else None
    return None if item is None else _decode(item, ExportRecord)


def finish_export(export: ExportRecord) -> None:
    connection()
    _export_item(export).save()
