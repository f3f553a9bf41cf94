"""Who is calling: the claims API.md uses, and what they allow."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import Struct

from chalicelib.domain.regions import scope_contains, shanxi

STAFF_ROLES = frozenset({"reviewer", "position_manager"})


class InvalidClaims(ValueError):
    pass


class Principal(Struct, frozen=True):
    subject: str
    name: str | None
    id_number: str | None
    roles: frozenset[str]
    region: str | None

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def covers(self, locality_code: str) -> bool:
        """Whether this staff member's region reaches a county-level entry."""
        return self.region is not None and scope_contains(self.region, locality_code)


def _optional_str(claims: Mapping[str, Any], name: str) -> str | None:
    value = claims.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidClaims(name)
    return value


def principal_from_claims(claims: Mapping[str, Any]) -> Principal:
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise InvalidClaims("sub")
    raw_roles = claims.get("roles", [])
    if not isinstance(raw_roles, list) or not all(isinstance(r, str) for r in raw_roles):
        raise InvalidClaims("roles")
    region = _optional_str(claims, "region")
    if region is not None and not shanxi().is_known(region):
        raise InvalidClaims("region")
    # `applicant` is implied for everyone; staff roles mean nothing without a region to scope them.
    roles = {"applicant", *raw_roles}
    if region is None:
        roles -= STAFF_ROLES
    id_number = _optional_str(claims, "id_number")
    return Principal(
        subject=subject,
        name=_optional_str(claims, "name"),
        id_number=id_number.upper() if id_number else None,
        roles=frozenset(roles),
        region=region,
    )
