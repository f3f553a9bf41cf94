"""`make bench`, placements (issue 20): the items read and written, and the calls, of each step of a placement
from the application to the certificate, measured on in-process moto with the bench's counters (as
scripts/bench/messages.py measures the 消息中心)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from chalicelib import wiring
from scripts.bench.messages import Measure, measured_rows


def placement_rows() -> list[str]:
    """Rows of the placements table; call after scripts.bench installed its read counter."""
    rows = measured_rows(_scenario)
    rows.append("")
    rows.append(
        "Each step is one transaction: the placement, the counters it moves (the trainee's, the position's seats) "
        "and the message (with its text for the offer, 上岗 and the end) with the recipient's unread count. "
        "Accepting reads the trainee's placements in one Query and withdraws the others in the same transaction."
    )
    return rows


def _scenario(measure: Measure) -> None:
    from chalicelib.domain.principal import Principal
    from chalicelib.services import placement_agency, placement_printing, placement_units, placements
    from scripts.stored_factories import approved_trainee, new_position, person

    now = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    reviewer = Principal("reviewer", "审核员", None, frozenset({"applicant", "reviewer"}), "140000")
    who = person("bench-placement", 31, "王晓雨")
    approved_trainee(who)
    ids = [new_position(now=now, title=f"见习岗{i}") for i in range(3)]
    position = wiring.ports().positions.get(ids[0])
    assert position is not None
    unit = position.employer_credit_code
    first = measure("POST /v1/placements (apply)", lambda: placements.apply(who, ids[0], now, ports=wiring.ports()))
    for other in ids[1:]:
        placements.apply(who, other, now, ports=wiring.ports())
    placement_id = first.placement_id
    measure(
        "GET /v1/placements (a page)",
        lambda: placements.mine(who, limit=20, start_key=None, ports=wiring.ports()),
    )
    measure(
        "GET /v1/unit/placements (a page)",
        lambda: placement_units.applicants(
            unit, status=None, position_id=None, limit=20, start_key=None, ports=wiring.ports()
        ),
    )
    terms = {"start_date": date(2026, 12, 1), "months": 6, "allowance_yuan_per_month": 2300, "mentor_name": "钱师傅"}
    measure(
        "offer (with its message and text)",
        lambda: placement_units.offer(unit, placement_id, terms, now, ports=wiring.ports()),
    )
    measure(
        "the agreement's PDF",
        lambda: placement_printing.agreement_for_trainee(who, placement_id, now, ports=wiring.ports()),
    )
    measure(
        "accept (2 others withdrawn, 3 units told)",
        lambda: placements.accept(who, placement_id, now, ports=wiring.ports()),
    )
    measure("上岗报备 (confirm)", lambda: placement_agency.confirm(reviewer, placement_id, now, ports=wiring.ports()))
    measure(
        "GET /v1/admin/placements (a page, province)",
        lambda: placement_agency.placements_of_region(
            reviewer, status=None, county=None, limit=20, start_key=None, ports=wiring.ports()
        ),
    )
    end = {"end_date": date(2027, 3, 31), "reason": "retained", "note": None}
    measure("end (retained)", lambda: placement_units.end(unit, placement_id, end, now, ports=wiring.ports()))
    measure("nightly completion, nothing due", lambda: placement_agency.complete_due(now, ports=wiring.ports()))
