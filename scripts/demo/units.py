"""Demo units (issue 19): every employer of the demo positions is a recognised 见习单位 under its own credit code
and name, so a trainee's favourite leads to a unit that knows it; beside them one unit awaits review and one was
rejected. `demo_units(positions)` gives them in a fixed order: the recognised ones (first seen first), then the
pending one, then the rejected one.

A unit's 参保职工人数 is drawn (seeded) large enough that its quota (30%) covers the headcount the agency already
published for it, so the unit can still publish some of its own.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, Final

from chalicelib.domain.credit_code import check_character

# Two units of 小店区 that are not employers of any demo position: one waiting, one refused.
PENDING: Final = {"org_name": "山西龙城数智科技有限公司", "serial": "91140105MA0LCHKN0", "status": "pending"}
REJECTED: Final = {"org_name": "太原市汾河湾文化传媒有限公司", "serial": "91140105MA0FHWCP0", "status": "rejected"}
REJECTION_REASON: Final = "营业执照照片不清晰，请重新上传后申报"
AGENT: Final = {"name": "赵经理", "id_number_region": "140105"}


def _extra(made: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    return {
        "contact_name": AGENT["name"],
        "contact_phone": f"139{rng.randrange(10**8):08d}",
        "address": made.get("address", "太原市小店区长治路100号"),
        "description": "本单位长期开展就业见习工作，配备带教老师，为见习人员购买意外伤害保险。",
    }


def demo_units(positions: Sequence[dict[str, Any]], *, seed: int = 2026) -> list[dict[str, Any]]:
    """The units behind the demo positions (recognised), then one pending and one rejected."""
    rng = random.Random(seed)
    recognised: dict[str, dict[str, Any]] = {}
    headcount: dict[str, int] = {}
    for position in positions:
        code = position["employer_credit_code"]
        headcount[code] = headcount.get(code, 0) + int(position["headcount"])
        recognised.setdefault(
            code,
            {
                "credit_code": code,
                "org_name": position["employer_name"],
                "county_code": position["county_code"],
                "industry": position["industry"],
                "status": "recognised",
                **_extra(position, rng),
            },
        )
    for code, unit in recognised.items():
        # A quota of at least what the agency published for it, and room for a few of its own.
        unit["insured_staff"] = (headcount[code] + rng.randint(2, 6)) * 10 // 3 + 1
    others = [
        {
            "credit_code": spec["serial"] + check_character(str(spec["serial"])),
            "org_name": spec["org_name"],
            "county_code": "140105",
            "industry": "I",
            "status": spec["status"],
            "insured_staff": 12,
            **_extra({}, rng),
        }
        for spec in (PENDING, REJECTED)
    ]
    return [*recognised.values(), *others]
