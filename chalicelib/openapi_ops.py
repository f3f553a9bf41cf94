"""Which errors an operation answers and when (`Failure`: the catalogue's entry of chalicelib.errors plus when it
happens), as a route's `@operation(failures=...)` and its access (chalicelib/api/contract.py) name them.

Pure and cheap at import (every blueprint imports it at cold start): NamedTuples, as a frozen dataclass costs
about a millisecond to define; the document itself is built on its first request."""

# No `from __future__ import annotations` here: NamedTuple would compile each field's annotation string at
# import, where evaluated annotations cost nothing.

from typing import Any, NamedTuple

from chalicelib import errors
from chalicelib.api.conventions import MAX_BODY_BYTES, MAX_IDEMPOTENCY_KEY
from chalicelib.errors import ErrorKind

Schema = dict[str, Any]


class Failure(NamedTuple):
    """One error an operation can answer: the catalogue's entry (status, code, Chinese message), and when."""

    error: ErrorKind
    when: str
    generic: bool = False  # shared by many operations: explained once (info.description), listed by code only

    @property
    def status(self) -> int:
        return self.error.status

    @property
    def code(self) -> str:
        return self.error.code

    @property
    def message(self) -> str:
        return self.error.message

    def line(self) -> str:
        return f"- `{self.code}` {self.message}" + ("" if self.generic else f": {self.when}")


# Shared by many operations, explained once in the document's 'Common errors' in this order (`generic`).
MALFORMED_JSON = Failure(
    errors.MALFORMED_JSON,
    f"the body is not JSON (or {errors.JSON_NOT_AN_OBJECT.message}: not a JSON object; "
    f"{errors.JSON_TOO_DEEP.message}: nested deeper than the parser's stack; "
    f"{errors.JSON_BAD_UNICODE.message}: a string holds half a UTF-16 surrogate pair)",
    generic=True,
)
MALFORMED_BODY = Failure(
    errors.MALFORMED_REQUEST,
    "an unknown body field (`details[].code` `UNKNOWN_FIELD`), a value of the wrong JSON type "
    "(`WRONG_TYPE`), or a string longer than any valid value (`TOO_LONG`)",
    generic=True,
)
MALFORMED_QUERY = Failure(
    errors.MALFORMED_QUERY,
    "an unknown query parameter (`details[].code` `UNKNOWN_PARAMETER`) or a value outside the parameter's "
    "vocabulary or format (`INVALID_VALUE`); `details[].field` names the parameter",
    generic=True,
)
MALFORMED_IDEMPOTENCY_KEY = Failure(
    errors.MALFORMED_HEADER,
    f"`Idempotency-Key` is not 1–{MAX_IDEMPOTENCY_KEY} characters "
    "(`details`: field `Idempotency-Key`, code `INVALID_VALUE`)",
    generic=True,
)
INVALID_CURSOR = Failure(
    errors.INVALID_CURSOR,
    "`cursor` was altered, or was issued for another query (other filters, another caller or locality)",
    generic=True,
)
UNAUTHENTICATED = Failure(
    errors.UNAUTHENTICATED,
    "no `Authorization: Bearer` token, or one that is malformed, expired, not yet valid, from another "
    "issuer or audience, or carries invalid claims (e.g. an unknown `region`). Answered with "
    '`WWW-Authenticate: Bearer realm="v1"`',
    generic=True,
)
FORBIDDEN_ROLE = Failure(
    errors.FORBIDDEN_ROLE,
    "the token lacks the staff role this route needs (a staff role without a `region` claim counts as absent)",
    generic=True,
)
REAL_NAME_REQUIRED = Failure(
    errors.REAL_NAME_REQUIRED,
    "the token carries no `id_number` claim (e.g. a staff-only account): applicants act as a real-name person",
    generic=True,
)
NOT_A_PERSON = Failure(
    errors.NOT_A_PERSON,
    "the token is a unit's (法人登录, it carries `credit_code`): a person's own business needs 个人登录",
    generic=True,
)
NOT_A_UNIT = Failure(
    errors.NOT_A_UNIT,
    "the token is a person's (no `credit_code` claim): a unit's business needs 法人登录",
    generic=True,
)
REQUEST_IN_PROGRESS = Failure(
    errors.REQUEST_IN_PROGRESS,
    "a request with the same `Idempotency-Key` is still running; retry after `Retry-After` seconds (1)",
    generic=True,
)
PAYLOAD_TOO_LARGE = Failure(
    errors.PAYLOAD_TOO_LARGE,
    f"the body is larger than {MAX_BODY_BYTES // 1024} KiB",
    generic=True,
)
UNSUPPORTED_MEDIA_TYPE = Failure(
    errors.UNSUPPORTED_MEDIA_TYPE,
    "the body's `Content-Type` is not `application/json` (a missing Content-Type counts as JSON)",
    generic=True,
)
IDEMPOTENCY_KEY_REUSED = Failure(
    errors.IDEMPOTENCY_KEY_REUSED,
    "this `Idempotency-Key` was used by the same caller on the same operation with another body",
    generic=True,
)
TOO_MANY_REQUESTS = Failure(
    errors.TOO_MANY_REQUESTS,
    "API Gateway throttled the client; retry after `Retry-After` seconds (1)",
    generic=True,
)
INTERNAL_ERROR = Failure(errors.INTERNAL_ERROR, "an unexpected fault (details only in the log)", generic=True)
SERVICE_BUSY = Failure(
    errors.SERVICE_BUSY,
    "a backend is throttled or temporarily failing, or the function timed out; nothing was half-written. "
    "Retry after `Retry-After` seconds",
    generic=True,
)
POSITION_NOT_FOUND = Failure(errors.POSITION_NOT_FOUND, "no position has this id")
APPLICATION_NOT_FOUND = Failure(
    errors.APPLICATION_NOT_FOUND, "no application has this id, or it is not the caller's own"
)
ATTACHMENT_NOT_FOUND = Failure(errors.ATTACHMENT_NOT_FOUND, "no attachment has this id, or it is not the caller's own")
STAFF_POSITION_NOT_FOUND = Failure(errors.POSITION_NOT_FOUND, "no position has this id in the caller's region")
POSITION_CHANGED = Failure(
    errors.POSITION_CHANGED,
    "another change to the position was saved meanwhile (optimistic lock); read it again and retry",
)


def validation_failed(rules: str) -> Failure:
    return Failure(errors.VALIDATION_FAILED, f"field rules; `details` per problem: {rules}")


def invalid_region_counts() -> Failure:
    return Failure(errors.INVALID_CITY, "`city` is not one of the 11 city codes")


def invalid_region_search() -> Failure:
    return Failure(
        errors.INVALID_COUNTY,
        f"`county` is not one of the 128 county-level codes (or {errors.INVALID_CITY.message}: `city` is not one "
        f"of the 11 city codes; or {errors.COUNTY_NOT_IN_CITY.message}: `county` does not lie in `city`)",
    )


def common_failures() -> list[Failure]:
    """The errors many operations share (`generic`), in the order the document explains them."""
    return [found for found in globals().values() if isinstance(found, Failure) and found.generic]
