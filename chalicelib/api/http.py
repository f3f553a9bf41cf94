"""What every route shares: the error wrapper, JSON answers, the request id, the signed-in caller."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import ParamSpec

from botocore.exceptions import BotoCoreError, ClientError
from chalice.app import Request, Response
from pynamodb.exceptions import PynamoDBException

from chalicelib.adapters.faults import is_transient
from chalicelib.api.conventions import PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL
from chalicelib.domain.principal import InvalidClaims, Principal, principal_from_claims
from chalicelib.errors import (
    FORBIDDEN_ROLE,
    INTERNAL_ERROR,
    NOT_A_PERSON,
    NOT_A_UNIT,
    REAL_NAME_REQUIRED,
    SERVICE_BUSY,
    UNAUTHENTICATED,
    AppError,
    error_body,
)
from chalicelib.observability import logger

JSON_TYPE = "application/json; charset=utf-8"
PUBLIC_CACHE = {"Cache-Control": PUBLIC_CACHE_CONTROL}
PRIVATE_CACHE = {"Cache-Control": PRIVATE_CACHE_CONTROL}

_request_id: ContextVar[str] = ContextVar("request_id", default="")
_principal: ContextVar[Principal | None] = ContextVar("principal", default=None)

P = ParamSpec("P")


def start_request(request: Request | None) -> str:
    """Called by the middleware for every request: the id that answers and log lines carry."""
    context = getattr(request, "context", None) or {}
    request_id = str(context.get("requestId") or uuid.uuid4())
    _request_id.set(request_id)
    _principal.set(None)
    return request_id


def request_id() -> str:
    return _request_id.get() or "-"


def pdf_response(document: bytes, filename: str) -> Response:
    """A printable form: personal data, so never stored by a cache on the way."""
    return Response(
        body=document,
        status_code=200,
        headers={
            "Content-Type": "application/pdf",
            "Content-Disposition": f'attachment; filename="{filename}"',
            **PRIVATE_CACHE,
        },
    )


def error_response(error: AppError) -> Response:
    return Response(
        body=error_body(error, request_id()),
        status_code=error.status,
        headers={"Content-Type": JSON_TYPE, **PRIVATE_CACHE, **error.headers},
    )


def internal_error_response() -> Response:
    return error_response(INTERNAL_ERROR())


def endpoint(view: Callable[P, Response]) -> Callable[P, Response]:
    """Every route goes through here: typed errors become the envelope, the rest never leaks.

    Chalice would otherwise turn any exception into its own 500 body before middleware sees it.
    """

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Response:
        try:
            return view(*args, **kwargs)
        except AppError as error:
            if error.status >= 500:
                logger.warning("request failed", extra={"code": error.code}, exc_info=error.__cause__)
            return error_response(error)
        except (PynamoDBException, ClientError, BotoCoreError) as error:
            if is_transient(error):
                logger.warning("backend busy", extra={"error": type(error).__name__})
                return error_response(SERVICE_BUSY())
            logger.exception("backend error")
            return internal_error_response()
        except Exception:
            logger.exception("unhandled error")
            return internal_error_response()

    return wrapper


# ----------------------------------------------------------------------------------------------- sign-in


def _bearer_token(request: Request) -> str:
    header = request.headers.get("authorization") or ""
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UNAUTHENTICATED()
    return token.strip()


def signed_in(request: Request) -> Principal:
    """The verified caller, or 401. Verified once per request."""
    cached = _principal.get()
    if cached is not None:
        return cached
    from chalicelib.adapters.tokens import KeysUnavailable, TokenRejected, verifier

    try:
        claims = verifier().verify(_bearer_token(request))
        principal = principal_from_claims(claims)
    except (TokenRejected, InvalidClaims) as error:
        logger.info("token rejected", extra={"reason": str(error)})
        raise UNAUTHENTICATED() from None
    except KeysUnavailable as error:
        logger.warning("issuer keys unavailable", extra={"reason": str(error)})
        raise SERVICE_BUSY() from error
    _principal.set(principal)
    logger.append_keys(subject=principal.subject)
    return principal


def staff(request: Request, role: str) -> Principal:
    principal = signed_in(request)
    if not principal.has_role(role):
        raise FORBIDDEN_ROLE()
    return principal


def applicant(request: Request) -> Principal:
    """An applicant acts on their own data; without a real-name ID number there is nothing to act as."""
    principal = signed_in(request)
    if principal.id_number is None:
        raise REAL_NAME_REQUIRED()
    return principal


def person(principal: Principal) -> Principal:
    """A person's own business (apply, favourites, a trainee's routes): a unit's token acts for no person."""
    if principal.is_unit:
        raise NOT_A_PERSON()
    return principal


def unit(request: Request) -> Principal:
    """A unit's own business: only a 法人登录 token names the unit (its `credit_code`)."""
    principal = signed_in(request)
    if not principal.is_unit:
        raise NOT_A_UNIT()
    return principal
