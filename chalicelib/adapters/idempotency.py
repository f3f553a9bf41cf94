"""Idempotency-Key handling with Powertools' idempotency utility on its DynamoDB table.

A repeat with the same key and body returns the first answer and changes nothing; the same key with another
body is refused. The key is scoped to the caller and the operation, so two people's keys never collide.
Powertools is imported on the first keyed request only: it is not on the cold-start path.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING, Any

from chalicelib.config import settings
from chalicelib.errors import Conflict, ServiceBusy, Unprocessable

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer, IdempotencyConfig

KEY_TTL_SECONDS = 24 * 3600


@cache
def _persistence() -> DynamoDBPersistenceLayer:
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer

    return DynamoDBPersistenceLayer(table_name=settings().tables.idempotency)


@cache
def _config() -> IdempotencyConfig:
    from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig

    return IdempotencyConfig(
        event_key_jmespath="[subject, operation, key]",
        payload_validation_jmespath="payload",
        raise_on_no_idempotency_key=True,
        expires_after_seconds=KEY_TTL_SECONDS,
    )


_lambda_context: ContextVar[Any] = ContextVar("lambda_context", default=None)


def remember_lambda_context(context: Any) -> None:
    """Called per request: lets Powertools expire an in-progress record once the invocation that held it
    has timed out, instead of blocking the key for its whole lifetime."""
    _lambda_context.set(context)


def run_once(
    *, subject: str, operation: str, key: str, payload: Any, action: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """Run `action` once per (subject, operation, key); repeats get its stored result back."""
    from aws_lambda_powertools.utilities.idempotency import idempotent_function
    from aws_lambda_powertools.utilities.idempotency.exceptions import (
        IdempotencyAlreadyInProgressError,
        IdempotencyPersistenceLayerError,
        IdempotencyValidationError,
    )

    @idempotent_function(
        data_keyword_argument="request", persistence_store=_persistence(), config=_config(), key_prefix="v1"
    )
    def once(request: dict[str, Any]) -> dict[str, Any]:
        return action()

    context = _lambda_context.get()
    if context is not None and hasattr(context, "get_remaining_time_in_millis"):
        _config().register_lambda_context(context)
    try:
        result: dict[str, Any] = once(
            request={"subject": subject, "operation": operation, "key": key, "payload": payload}
        )
    except IdempotencyValidationError:
        raise Unprocessable("IDEMPOTENCY_KEY_REUSED", "该幂等键已用于内容不同的请求") from None
    except IdempotencyAlreadyInProgressError:
        raise Conflict(
            "REQUEST_IN_PROGRESS", "相同的请求正在处理中，请稍后再试", headers={"Retry-After": "1"}
        ) from None
    except IdempotencyPersistenceLayerError as error:
        raise ServiceBusy() from error
    return result


def cache_clear() -> None:
    _persistence.cache_clear()
    _config.cache_clear()
