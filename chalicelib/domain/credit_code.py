"""The unified social credit code (统一社会信用代码, GB 32100-2015) that names a unit: one code, one unit.

18 characters of a 31-character alphabet (the digits and the capitals without I, O, S, V, Z, so none is misread
as a digit); the 18th is a check character over the first 17, weighted 3^i mod 31, so one mistyped character or
two swapped ones are caught before the code names the wrong unit.
"""

from __future__ import annotations

import re
from typing import Final

ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS: Final = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, …
_SHAPE = re.compile(rf"^[{ALPHABET}]{{18}}$")
# The same shape as the document writes it (a JSON Schema pattern, ECMA-262).
CREDIT_CODE_PATTERN: Final = "^[0-9A-HJ-NPQRTUWXY]{18}$"


def check_character(first17: str) -> str:
    """The check character GB 32100 puts after these 17 characters (all of them from `ALPHABET`)."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def is_valid_credit_code(code: str) -> bool:
    """18 characters of the alphabet whose last is the check character of the first 17."""
    return bool(_SHAPE.match(code)) and check_character(code[:17]) == code[17]
