"""A route's contract as `@operation` (chalicelib/api/operation.py) takes it: who may call it (`Access`, which also
resolves the caller) and the whole operation (`Op`, kept on the view for the document, chalicelib/openapi.py).

Pure and cheap at import (every blueprint imports it at cold start): NamedTuples, as a frozen dataclass costs about
a millisecond to define."""

# No `from __future__ import annotations` here: NamedTuple would compile each field's annotation string at
# import, where evaluated annotations cost nothing.

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from msgspec import Struct

from chalicelib.openapi_ops import (
    FORBIDDEN_ROLE,
    NOT_A_PERSON,
    NOT_A_UNIT,
    REAL_NAME_REQUIRED,
    UNAUTHENTICATED,
    Failure,
)

if TYPE_CHECKING:
    from chalicelib.domain.principal import Principal

OPERATION_ATTRIBUTE: Final = "openapi_operation"


class Access(NamedTuple):
    """Who may call an operation: resolved into the caller on every request, and written into the document."""

    failures: tuple[Failure, ...]
    security: list[dict[str, list[str]]]
    summary: str
    real_name: bool = False  # an applicant: the token must carry `id_number`
    role: str | None = None  # a staff role
    party: str | None = None  # "person" (a unit's token is 403) or "unit" (a person's token is 403); None: both

    def resolve(self, request: Any) -> "Principal | None":
        """The caller (a `Principal`), or None on a public route; 401/403 when the token does not qualify."""
        if not self.security:
            return None
        from chalicelib.api import http  # imported by the time a request comes; keeps this module pure

        if self.role is not None:
            return http.staff(request, self.role)
        if self.party == "unit":
            return http.unit(request)
        caller = http.applicant(request) if self.real_name else http.signed_in(request)
        return http.person(caller) if self.party == "person" else caller


PUBLIC = Access((), [], "Public: no sign-in.")
SIGNED_IN = Access((UNAUTHENTICATED,), [{"bearer": []}], "Any signed-in person.")
APPLICANT = Access(
    (UNAUTHENTICATED, REAL_NAME_REQUIRED, NOT_A_PERSON),
    [{"bearer": []}],
    "A signed-in real-name person (token with `id_number`, without `credit_code`), acting on their own data.",
    real_name=True,
    party="person",
)
# Uploads serve both doors: a person's application and a unit's 认定申请 (its 营业执照) take attachments.
UPLOADER = Access(
    (UNAUTHENTICATED, REAL_NAME_REQUIRED),
    [{"bearer": []}],
    "A signed-in real-name person, or a unit's agent (法人登录), acting on their own uploads.",
    real_name=True,
)
UNIT = Access(
    (UNAUTHENTICATED, NOT_A_UNIT),
    [{"bearer": []}],
    "A unit signed in through 法人登录 (token with `credit_code`), acting on its own data.",
    party="unit",
)


def staff_access(role: str) -> Access:
    return Access(
        (UNAUTHENTICATED, FORBIDDEN_ROLE),
        [{"bearer": []}],
        f"Staff with role `{role}`, inside the `region` claim (outside it a resource answers 404).",
        role=role,
    )


PDF: Final = "application/pdf"  # `answer=PDF`: the answer is a printable form, not JSON
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # issue 21: `answer=XLSX`, a workbook


class Op(NamedTuple):
    """One route's whole contract, as `@operation` takes it in keyword arguments."""

    method: str
    path: str
    operation_id: str
    summary: str
    description: str
    tag: str
    access: Access
    # A msgspec Struct type (the document lists it and every public Struct it reaches) or a union of them, a schema,
    # PDF, or None (204); a component's name still works, but only a Struct given somewhere makes the component.
    answer: Any = None
    answer_description: str = ""
    status: int = 200
    also: tuple[tuple[int, str], ...] = ()  # other success statuses the handler may choose (`Reply`), described
    failures: tuple[Failure, ...] = ()
    query: type[Struct] | None = None  # a chalicelib.api.queries Struct: unknown parameters are 400
    body: type[Struct] | None = None  # the request body's declaration (chalicelib/api/bodies.py)
    partial: bool = False  # a PATCH: any of the body's fields (its `partial_component`)
    body_required: bool = True
    idempotent: bool = False  # honours `Idempotency-Key`, scoped to the caller, the operationId and the path
    cached: bool = False  # a public answer: `Cache-Control: public, max-age=60`


def operation_of(view: Callable[..., Any]) -> Op | None:
    found = getattr(view, OPERATION_ATTRIBUTE, None)
    return found if isinstance(found, Op) else None
