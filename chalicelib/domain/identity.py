"""Checks on the identifiers people carry: resident ID numbers, phones (a unit's credit code: credit_code.py)."""

from __future__ import annotations

import re
from datetime import date
from typing import Final

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# The same shapes as the document writes them (JSON Schema patterns, ECMA-262: no `\d`).
MOBILE_PATTERN: Final = "^1[3-9][0-9]{9}$"
# Every id this service issues (positions, applications, attachments) is 32 lowercase hex characters.
_RESOURCE_ID = re.compile(r"^[0-9a-f]{32}$")


class IdNumberError(ValueError):
    """Why an ID number is not valid; `code` is the machine-readable reason for the field error."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def parse_id_number(raw: str) -> tuple[date, str]:
    """Validate an 18-character resident ID number (GB 11643) and return (birth date, gender).

    Gender is "male" or "female", from the parity of the 17th character.
    """
    value = raw.strip().upper()
    if not _ID_SHAPE.match(value):
        raise IdNumberError("INVALID_FORMAT", "公民身份号码应为18位，前17位为数字，末位为数字或X")
    try:
        birth = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise IdNumberError("INVALID_BIRTH_DATE", "公民身份号码中的出生日期无效") from None
    if birth.year < 1900:
        raise IdNumberError("INVALID_BIRTH_DATE", "公民身份号码中的出生日期无效")
    if id_check_char(value[:17]) != value[17]:
        raise IdNumberError("INVALID_CHECKSUM", "公民身份号码校验位错误")
    return birth, ("male" if int(value[16]) % 2 else "female")


def normalize_id_number(raw: str) -> str:
    return raw.strip().upper()


def is_mobile_phone(raw: str) -> bool:
    return bool(_MOBILE.match(raw))


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_resource_id(value: str) -> bool:
    """Whether a client-given id could be one of ours. Anything else is answered "not found" without a read,
    so an empty or 2 KB key never reaches DynamoDB (which would refuse it with a validation error)."""
    return bool(_RESOURCE_ID.match(value))
