"""The cases a rating can be given on: for each `case_type`, who owns a case, where it is, whether it is finished.

Rating is generic over the case's type; each type says only this much about its cases, read through its own
store. A party with no lookup for a type finds no case (404), as a case that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, Final, NamedTuple

from msgspec import Struct

from chalicelib.domain.placements import FINISHED
from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import shanxi
from chalicelib.domain.subsidies import PAID
from chalicelib.ports import Ports


class RatedCase(Struct, frozen=True):
    case_type: str
    case_id: str
    party: str  # who rates it: person | unit
    owner: str  # whose case it is: a person's subject, or a unit's credit code
    county_code: str  # its 业务办理属地
    finished: bool  # decided or finished: only then can it be rated


Lookup = Callable[[str, Ports], RatedCase | None]


class CaseShape(NamedTuple):
    """How one type's case is read and which of its fields say whose and where it is."""

    read: Callable[[str, Ports], Any]  # the case by id through its own store (GetItem), or None
    owner: str  # the field naming the party's owner
    county: str  # the field naming its county-level entry
    finished: Collection[str]  # the statuses after which it can be rated


def _lookup(case_type: str, party: str, shape: CaseShape) -> Lookup:
    def lookup(case_id: str, ports: Ports) -> RatedCase | None:
        case = shape.read(case_id, ports)
        if case is None:
            return None
        owner, county = getattr(case, shape.owner), getattr(case, shape.county)
        return RatedCase(case_type, case_id, party, owner, county, case.status in shape.finished)

    return lookup


# An application or a recognition (认定申请) is finished once decided; a withdrawn one was never handled.
APPLICATION_FINISHED: Final = ("approved", "rejected")
RECOGNITION_FINISHED: Final = ("recognised", "rejected")
# A placement when its period is over (completed, or ended early); a claim once paid (a rejected one is claimed
# again).
PLACEMENT = CaseShape(lambda case_id, ports: ports.placements.get(case_id), "subject", "county_code", FINISHED)

# case_type -> party -> how to find the case that party rates
LOOKUPS: dict[str, dict[str, Lookup]] = {
    "application": {
        "person": _lookup(
            "application",
            "person",
            CaseShape(
                lambda case_id, ports: ports.applications.get(case_id), "applicant", "locality", APPLICATION_FINISHED
            ),
        ),
    },
    "placement": {
        "person": _lookup("placement", "person", PLACEMENT),
        "unit": _lookup("placement", "unit", PLACEMENT._replace(owner="credit_code")),
    },
    "recognition": {
        "unit": _lookup(
            "recognition",
            "unit",
            CaseShape(
                lambda case_id, ports: ports.units.get_recognition(case_id),
                "credit_code",
                "county_code",
                RECOGNITION_FINISHED,
            ),
        ),
    },
    "subsidy_claim": {
        "unit": _lookup(
            "subsidy_claim",
            "unit",
            CaseShape(lambda case_id, ports: ports.subsidies.get_claim(case_id), "credit_code", "county_code", (PAID,)),
        ),
    },
}


def party_of(principal: Principal) -> str:
    """A unit's agent (法人登录) rates for the unit; anyone else as a person."""
    return "unit" if principal.is_unit else "person"


def owner_of(principal: Principal) -> str:
    """Whose cases the caller's are: the unit's credit code, or the person's subject."""
    return principal.credit_code if principal.credit_code is not None else principal.subject


def find(principal: Principal, case_type: str, case_id: str, *, ports: Ports) -> RatedCase | None:
    """The caller's own case of that type, or None (another's case is as one that does not exist)."""
    lookup = LOOKUPS.get(case_type, {}).get(party_of(principal))
    found = lookup(case_id, ports) if lookup is not None else None
    return found if found is not None and found.owner == owner_of(principal) else None


def city_of(county_code: str) -> str:
    locality = shanxi().locality(county_code)
    assert locality is not None, "a case's locality is checked when the case is made"
    return locality.city_code
