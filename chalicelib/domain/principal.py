"""Who is calling: the claims API.md uses, and what they allow."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import Struct

from chalicelib.domain.credit_code import is_valid_credit_code
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
    # 法人登录: the unit the agent (`subject`, `name`, `id_number`) acts for. Staff tokens never carry it.
    credit_code: str | None = None
    org_name: str | None = None

    @property
    def is_unit(self) -> bool:
        """Signed in through 法人登录: acting for a unit, never as a person (apply, favourites)."""
        return self.credit_code is not None

    @property
    def account(self) -> str:
        """Whose messages and uploads these are: the unit's, shared by every agent acting for it, or the
        person's own."""
        return unit_account(self.credit_code) if self.credit_code is not None else self.subject

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def is_person(self, subject: str | None, id_number: str | None) -> bool:
        """The same login, or another account of the same real-name person (the caller's ID number is upper case
        already; a stored one may not be)."""
        same_number = self.id_number is not None and id_number is not None and self.id_number == id_number.upper()
        return self.subject == subject or same_number

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


def unit_account(credit_code: str) -> str:
    """The key a unit's messages and uploads are kept under; no person's `sub` has this shape."""
    return f"unit:{credit_code}"


def _credit_code(claims: Mapping[str, Any]) -> str | None:
    code = _optional_str(claims, "credit_code")
    if code is not None and not is_valid_credit_code(code):
        raise InvalidClaims("credit_code")  # a wrong check character names no unit: refused, not guessed at
    return code


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
    credit_code = _credit_code(claims)
    return Principal(
        subject=subject,
        name=_optional_str(claims, "name"),
        id_number=id_number.upper() if id_number else None,
        roles=frozenset(roles),
        region=region,
        credit_code=credit_code,
        org_name=_optional_str(claims, "org_name") if credit_code is not None else None,
    )
