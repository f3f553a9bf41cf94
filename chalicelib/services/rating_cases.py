"""The cases a rating can be given on: for each `case_type`, who owns a case, where it is, whether it is finished.

Rating is generic over the case's type; each type says only this much about its cases, read through its own
store. A type whose store is not here yet finds no case (404), as a case that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from msgspec import Struct

from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import shanxi
from chalicelib.ports import Ports


class RatedCase(Struct, frozen=True):
    case_type: str
    case_id: str
    party: str  # who rates it: person | unit
    owner: str  # whose case it is: a person's subject, or a unit's credit code
    county_code: str  # its 业务办理属地
    finished: bool  # decided or finished: only then can it be rated


Lookup = Callable[[str, Ports], RatedCase | None]

# An application is finished once it is decided (approved or rejected); a withdrawn one was never handled.
APPLICATION_FINISHED: Final = ("approved", "rejected")


def _application(case_id: str, ports: Ports) -> RatedCase | None:
    application = ports.applications.get(case_id)
    if application is None:
        return None
    finished = application.status in APPLICATION_FINISHED
    return RatedCase("application", case_id, "person", application.applicant, application.locality, finished)


# case_type -> party -> how to find the case that party rates
LOOKUPS: dict[str, dict[str, Lookup]] = {
    "application": {"person": _application},
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
