"""Checks on the identifiers people and employers carry: resident ID numbers, credit codes, phones."""

from __future__ import annotations

import re
from datetime import date
from typing import Final

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")

# GB 32100: 31 characters, no I, O, S, V or Z.
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_SHAPE = re.compile(rf"^[{_CREDIT_ALPHABET}]{{18}}$")

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# The same shapes as the document writes them (JSON Schema patterns, ECMA-262: no `\d`).
CREDIT_CODE_PATTERN: Final = "^[0-9A-HJ-NPQRTUWXY]{18}$"
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


def credit_check_char(first17: str) -> str:
    total = sum(_CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_ALPHABET[(31 - total % 31) % 31]


def is_valid_credit_code(raw: str) -> bool:
    """An 18-character unified social credit code (统一社会信用代码) with its GB 32100 check character."""
    return bool(_CREDIT_SHAPE.match(raw)) and credit_check_char(raw[:17]) == raw[17]


def is_mobile_phone(raw: str) -> bool:
    return bool(_MOBILE.match(raw))


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_resource_id(value: str) -> bool:
    """Whether a client-given id could be one of ours. Anything else is answered "not found" without a read,
    so an empty or 2 KB key never reaches DynamoDB (which would refuse it with a validation error)."""
    return bool(_RESOURCE_ID.match(value))
