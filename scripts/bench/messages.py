"""`make bench`, 消息中心 and SMS: the reads and writes each decision now costs, and what a text costs.

Measured on in-process moto with the bench's own AWS-call counter (scripts/bench.py): items read, items written
(each item of a transaction counts; DynamoDB bills a transactional write 2 WRU per started KB, plus one per
index the write changes), and the calls, for the decision with its message and text, the sender's work per
text, the fan-out per person who favourited a closed position, and the 消息中心 routes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from msgspec import structs

from chalicelib import wiring

# Tencent Cloud SMS, 国内短信 list price (an estimate, check the console's price list before quoting): about
# ¥0.045–0.05 per text of up to 70 characters (ours are under 70), before volume packages.
SMS_YUAN_PER_TEXT = 0.05
# cn-north-1 list prices as docs/deploy.md section 9 gives them (to check there).
WRU_YUAN_PER_MILLION = 9.5
RRU_YUAN_PER_MILLION = 1.9
LAMBDA_YUAN_PER_MILLION_INVOCATIONS = 1.36
LAMBDA_YUAN_PER_GB_SECOND = 0.000113

_written: list[Counter[str]] = []


def _install_write_counter() -> None:
    """Count the items each call writes (a transaction's every item), beside the bench's read counter."""
    from botocore.client import BaseClient

    original = BaseClient._make_api_call

    def counted(self: Any, operation: str, params: dict[str, Any]) -> Any:
        if _written:
            if operation == "TransactWriteItems":
                kinds = [next(iter(item)) for item in params["TransactItems"]]
                _written[0]["items"] += sum(kind != "ConditionCheck" for kind in kinds)
            elif operation in ("PutItem", "UpdateItem", "DeleteItem"):
                _written[0]["items"] += 1
        return original(self, operation, params)

    BaseClient._make_api_call = counted


Measure = Callable[[str, Callable[[], Any]], Any]


def measured_rows(scenario: Callable[[Measure], None]) -> list[str]:
    """A table of what each step `scenario` measures reads, writes and calls, on fresh tables in moto; call
    after scripts.bench installed its read counter. Placements (scripts/bench/placements.py) use it too."""
    from moto import mock_aws

    from scripts.bench.measure import calls, fresh_containers, tally

    _install_write_counter()
    rows = ["| step | items read | items written | AWS calls |", "|---|---|---|---|"]

    def measure(label: str, call: Callable[[], Any]) -> Any:
        _written.append(Counter())
        try:
            with tally() as t:
                result = call()
        finally:
            written = _written.pop()
        rows.append(f"| {label} | {t.items_read} | {written['items']} | {calls(t)} |")
        return result

    with mock_aws():
        fresh_containers()
        from scripts.local_aws import create_tables

        create_tables()
        scenario(measure)
    return rows


def message_rows() -> list[str]:
    """Rows of the 消息中心 and SMS table; call after scripts.bench installed its read counter."""
    rows = measured_rows(_scenario)
    rows.append("")
    rows.append(
        "A decision now writes two more items in its transaction (the message, the outbox entry) and reads nothing "
        "more: the unread counter is one more action on the person's update the transaction already made. Each "
        "text then costs the sender one GetItem, a two-item claim transaction and one UpdateItem."
    )
    return rows


def _scenario(measure: Measure) -> None:
    from chalicelib.adapters.models import OutboxEntry
    from chalicelib.domain.notices import Text
    from chalicelib.domain.principal import Principal
    from chalicelib.services import applications, favourites, messages, notifications, positions, review, sms
    from scripts.stored_factories import form_for, new_position, person, uploaded_attachments
    from scripts.stream_records import records

    now = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 China time: no quiet hours
    reviewer = Principal("reviewer", "审核员", None, frozenset({"applicant", "reviewer"}), "140000")
    manager = Principal("manager", "管理员", None, frozenset({"applicant", "position_manager"}), "140000")

    def bench_person(serial: int) -> Principal:
        return person(f"bench-{serial}", serial, "王晓雨")

    who = bench_person(1)
    files = uploaded_attachments(who.subject)
    case = measure(
        "submit (with its 申报成功 message)",
        lambda: applications.submit(who, form_for(who, files), now, ports=wiring.ports()),
    ).application_id  # an answer Struct since issue 17
    measure(
        "approve (with its message and its text)",
        lambda: review.decide(reviewer, case, "approve", "同意", now, ports=wiring.ports()),
    )

    class Sink:
        def send(self, text: Text, event_id: str) -> str:
            return "bench"

    stream = [r for r in records("outbox") if r["eventName"] == "INSERT"]
    sending = structs.replace(wiring.ports(), clock=lambda: now, sms=Sink())
    measure("the sender, per text (claim + cap, send, mark sent)", lambda: sms.on_outbox_records(stream, ports=sending))
    measure("the same record redelivered", lambda: sms.on_outbox_records(stream, ports=sending))
    measure(
        "GET /v1/messages (a page)",
        lambda: messages.mine(who, unread_only=False, limit=20, start_key=None, ports=wiring.ports()),
    )
    first = messages.mine(who, unread_only=False, limit=1, start_key=None, ports=wiring.ports())[0][0].message_id
    measure("POST /v1/messages/{id}/read", lambda: messages.read(who, first, now, ports=wiring.ports()))
    measure("POST /v1/messages/read-all (1 unread)", lambda: messages.read_all(who, now, ports=wiring.ports()))

    position_id = new_position(now=now)
    fans = [bench_person(10 + i) for i in range(3)]
    for fan in fans:
        fan_case = applications.submit(
            fan, form_for(fan, uploaded_attachments(fan.subject)), now, ports=wiring.ports()
        ).application_id
        review.decide(reviewer, fan_case, "approve", None, now, ports=wiring.ports())
        favourites.add(fan, position_id, now, ports=wiring.ports())
    positions.close(manager, position_id, now + timedelta(hours=1), ports=wiring.ports())
    closing = [r for r in records("positions") if r["eventName"] == "MODIFY"][-1:]
    measure(
        "favourite closed: fan-out to 3 people",
        lambda: notifications.on_position_records(closing, ports=wiring.ports()),
    )
    assert OutboxEntry.count() > 0


def cost_note() -> list[str]:
    """What a thousand texts cost, beside what their DynamoDB writes and Lambda time cost (list prices)."""
    # Per text: the decision's 2 extra transactional item writes (message + outbox, ≈ 2 WRU each, plus the
    # unread index copy of the message ≈ 1), the sender's claim (2 items × 2 WRU) and mark (1 WRU): ≈ 10 WRU;
    # reads ≈ 2 RRU; one sender invocation per batch of up to 10 (≈ 100 ms at 512 MB, a gateway call included).
    wru, rru = 10, 2
    dynamo = (wru * WRU_YUAN_PER_MILLION + rru * RRU_YUAN_PER_MILLION) / 1000
    lambda_cost = (LAMBDA_YUAN_PER_MILLION_INVOCATIONS / 1000) + 1000 * 0.1 * 0.5 * LAMBDA_YUAN_PER_GB_SECOND
    return [
        "| per 1,000 texts | ≈ CNY |",
        "|---|---|",
        f"| Tencent Cloud SMS, 国内短信 list price (≈ ¥{SMS_YUAN_PER_TEXT} a text, an estimate) "
        f"| {SMS_YUAN_PER_TEXT * 1000:.0f} |",
        f"| DynamoDB: ≈ {wru} WRU + {rru} RRU a text | {dynamo:.3f} |",
        f"| Lambda: the sender, ≈ 100 ms at 512 MB a text | {lambda_cost:.4f} |",
    ]
