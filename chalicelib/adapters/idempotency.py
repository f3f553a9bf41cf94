"""Idempotency-Key handling with Powertools' idempotency utility on its DynamoDB table.

A repeat with the same key and body returns the first answer and changes nothing; the same key with another
body is refused. The key is scoped to the caller and the operation, so two people's keys never collide.
Powertools is imported on the first keyed request only: it is not on the cold-start path.

Answers lost on the way back (a read timeout, a closed connection after the store applied the call):
- the in-progress put: the request answers 503 having run nothing, and takes back the record it may have
  written (conditioned on its own expiry and payload hash), so the retry with the same key runs instead of
  meeting 409 REQUEST_IN_PROGRESS until the record lapses;
- the change's own write: the store adapters tell whether it was applied (adapters/applied.py: a marker in
  every transaction, a read-back of single-item writes) and go on as if the answer had come, so the change is
  answered, and recorded here, as the first time; when that cannot be told the request is 503 and the record
  released, which is right only if the change was not applied (the one case left: the write and its check
  both lost, where the retry answers from the current state, e.g. 409 APPLICATION_EXISTS naming the case);
- the record's last write (its completion with the answer, or its release after a refusal): retried while the
  store is only busy, and if it still fails the client gets the true answer anyway: a 503 must mean nothing
  was committed. Why not write the answer inside the change's own transaction: the answers are shaped after
  the commit, by code that has no business knowing about the store, and some changes (confirm, delete) are S3
  steps around a single write.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING, Any

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.adapters.faults import is_transient
from chalicelib.config import settings
from chalicelib.domain.limits import IDEMPOTENCY_TTL_SECONDS
from chalicelib.errors import IDEMPOTENCY_KEY_REUSED, REQUEST_IN_PROGRESS, SERVICE_BUSY
from chalicelib.observability import logger

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer, IdempotencyConfig


SETTLE_ATTEMPTS = 3


def _settle(write: Callable[[], None], step: str) -> None:
    """Write the record once the change is settled; never let this write turn the change's answer into an error."""
    for attempt in range(SETTLE_ATTEMPTS):
        try:
            write()
            return
        except (ClientError, BotoCoreError) as error:
            if not is_transient(error) or attempt == SETTLE_ATTEMPTS - 1:
                logger.warning("idempotency record not settled", extra={"step": step, "error": type(error).__name__})
                return
            time.sleep(random.uniform(0, 0.02 * 2**attempt))  # noqa: S311 - jitter, not security


@cache
def _persistence() -> DynamoDBPersistenceLayer:
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer
    from aws_lambda_powertools.utilities.idempotency.persistence.datarecord import DataRecord

    from chalicelib.adapters.applied import answer_lost  # PynamoDB's models: not on every route's cold start

    class SettlingPersistenceLayer(DynamoDBPersistenceLayer):
        def _put_record(self, data_record: DataRecord) -> None:
            try:
                DynamoDBPersistenceLayer._put_record(self, data_record)
            except (ClientError, BotoCoreError) as error:
                if answer_lost(error):
                    _settle(lambda: self._withdraw(data_record), "withdrawal")
                raise

        def _withdraw(self, data_record: DataRecord) -> None:
            """Delete the in-progress record this request may have written, and only that one: the request
            answers 503 having run nothing, so its retry must find the key free, not 409 until the record
            lapses. The record's expiry and payload hash (this request's, to the second) tell it from
            another's; the condition decides, no read."""
            names = {"#status": self.status_attr, "#expiry": self.expiry_attr}
            values = {":inprogress": {"S": data_record.status}, ":expiry": {"N": str(data_record.expiry_timestamp)}}
            condition = "#status = :inprogress AND #expiry = :expiry"
            if data_record.payload_hash:
                names["#hash"] = self.validation_key_attr
                values[":hash"] = {"S": data_record.payload_hash}
                condition += " AND #hash = :hash"
            try:
                self.client.delete_item(
                    TableName=self.table_name,
                    Key=self._get_key(data_record.idempotency_key),
                    ConditionExpression=condition,
                    ExpressionAttributeNames=names,
                    ExpressionAttributeValues=values,
                )
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                    raise  # not there, or another request's: nothing of ours to take back

        def _update_record(self, data_record: DataRecord) -> None:
            _settle(lambda: DynamoDBPersistenceLayer._update_record(self, data_record), "completion")

        def _delete_record(self, data_record: DataRecord) -> None:
            _settle(lambda: DynamoDBPersistenceLayer._delete_record(self, data_record), "release")

    return SettlingPersistenceLayer(table_name=settings().tables.idempotency)


@cache
def _config() -> IdempotencyConfig:
    from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig

    return IdempotencyConfig(
        event_key_jmespath="[subject, operation, key]",
        payload_validation_jmespath="payload",
        raise_on_no_idempotency_key=True,
        expires_after_seconds=IDEMPOTENCY_TTL_SECONDS,
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
        raise IDEMPOTENCY_KEY_REUSED() from None
    except IdempotencyAlreadyInProgressError:
        raise REQUEST_IN_PROGRESS() from None
    except IdempotencyPersistenceLayerError as error:
        raise SERVICE_BUSY() from error
    return result


def cache_clear() -> None:
    _persistence.cache_clear()
    _config.cache_clear()
