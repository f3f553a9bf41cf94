"""The demo units (issue 19): every demo position's employer is a recognised unit under the same credit code and
name, whose quota covers what the agency published for it; one more unit is pending and one rejected."""

from __future__ import annotations

from collections import Counter
from datetime import date

from chalicelib.domain.credit_code import is_valid_credit_code
from chalicelib.domain.units import position_quota
from chalicelib.services import units
from scripts.demo.units import demo_units
from scripts.demo_data import demo_positions
from tests.services.builders import NOW
from tests.services.fakes import fakes

POSITIONS = demo_positions(today=date(2026, 11, 1))


def test_every_demo_employer_is_a_recognised_unit_of_the_same_name() -> None:
    made = demo_units(POSITIONS)
    by_code = {u["credit_code"]: u for u in made}
    assert len(by_code) == len(made) and all(is_valid_credit_code(code) for code in by_code)
    held = Counter[str]()
    for position in POSITIONS:
        unit = by_code[position["employer_credit_code"]]
        assert (unit["status"], unit["org_name"]) == ("recognised", position["employer_name"])
        held[unit["credit_code"]] += position["headcount"]
    assert all(position_quota(by_code[code]["insured_staff"]) > count for code, count in held.items())
    assert [u["status"] for u in made if u["credit_code"] not in held] == ["pending", "rejected"]


def test_loaded_they_answer_as_the_review_would_have_left_them() -> None:
    fake = fakes()
    made = demo_units(POSITIONS)
    assert units.load(made, NOW, ports=fake.ports) == len(made)
    statuses = Counter(u.status for u in fake.db.units.values())
    assert statuses == {"recognised": len(made) - 2, "pending": 1, "rejected": 1}
    recognised = fake.db.units[made[0]["credit_code"]]
    assert recognised.quota_left == position_quota(made[0]["insured_staff"]) and recognised.live_recognition_id
