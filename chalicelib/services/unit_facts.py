"""What a placement's other parts need to know of its unit from the units store (issue 19): who applied for the
unit's recognition, and the address and contact it gave there."""

from __future__ import annotations

from chalicelib.domain.principal import Principal
from chalicelib.domain.records import RecognitionRecord
from chalicelib.ports import Ports

# A unit applies again only after a rejection, withdrawal or revocation: a page or two covers its whole history.
_PAGE = 25


def acts_for(principal: Principal, credit_code: str, *, ports: Ports) -> bool:
    """Whether a reviewer is one of the unit's own people, who must not decide its cases: a staff token carries no
    credit code, so the agents who applied for its recognition (their `sub` or ID number) are what tells."""
    return principal.credit_code == credit_code or is_agent_of(principal, credit_code, ports=ports)


def is_agent_of(principal: Principal, credit_code: str, *, ports: Ports) -> bool:
    """Whether this person ever applied for the unit's recognition (any of its 办件: Queries of its index)."""
    start_key = None
    while True:
        page, start_key = ports.units.history(credit_code, limit=_PAGE, start_key=start_key)
        if any(principal.is_person(r.agent, r.agent_id_number) for r in page):
            return True
        if start_key is None:
            return False


def recognition_of(credit_code: str, *, ports: Ports) -> RecognitionRecord | None:
    """The unit's live recognition, else its latest; None for a unit never recognised here (a position staff
    entered for it)."""
    unit = ports.units.get(credit_code)
    if unit is None:
        return None
    recognition_id = unit.live_recognition_id or unit.latest_recognition_id
    return ports.units.get_recognition(recognition_id) if recognition_id else None
