"""Did a write whose answer was lost get applied? A read timeout or a closed connection after the request left
says nothing either way, and guessing wrong costs the user: a 503 for a change that happened makes its retry
run it again (a second case, a second position, 409 for the person's own withdrawal).

Every write transaction carries a marker item, written to the idempotency table in the same transaction, keyed
by a token that is also the transaction's ClientRequestToken (so botocore's own retries are replays, never a
second change). When the answer is lost, one consistent read of the marker tells: there, the transaction was
applied and the caller goes on as if the answer had come; absent, nothing was applied and the failure stands.
The marker lapses with the table's TTL; it costs one more item in each transaction.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import PynamoDBException
from pynamodb.models import Model

from chalicelib.adapters import clients
from chalicelib.adapters.models import IDEMPOTENCY_KEY, IDEMPOTENCY_TTL_ATTRIBUTE
from chalicelib.config import settings

# Ten minutes: DynamoDB's own window for replaying a ClientRequestToken; the check runs within the request.
MARKER_TTL_SECONDS = 600


class AppliedMarker(Model):
    class Meta:
        table_name = "idempotency"  # bound to the configured table on use

    token = UnicodeAttribute(hash_key=True, attr_name=IDEMPOTENCY_KEY)
    expiration = NumberAttribute(attr_name=IDEMPOTENCY_TTL_ATTRIBUTE)


def new_marker() -> AppliedMarker:
    AppliedMarker.Meta.table_name = settings().tables.idempotency
    return AppliedMarker(f"applied#{uuid.uuid4()}", expiration=int(time.time()) + MARKER_TTL_SECONDS)


def answer_lost(error: BaseException) -> bool:
    """The request may have reached the store: no answer (timeout, closed connection) or a 5xx, for which
    DynamoDB documents that the operation may or may not have succeeded."""
    cause = error.cause if isinstance(error, PynamoDBException) else error
    if isinstance(cause, ClientError):
        return int(cause.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)) >= 500
    return isinstance(cause, BotoCoreError)


def marker_written(marker: AppliedMarker) -> bool:
    """A consistent read of the marker; a failure of this read leaves the outcome unknown (the caller's 503)."""
    found = clients.dynamodb().get_item(
        TableName=AppliedMarker.Meta.table_name,
        Key={IDEMPOTENCY_KEY: {"S": marker.token}},
        ConsistentRead=True,
        ProjectionExpression="#k",
        ExpressionAttributeNames={"#k": IDEMPOTENCY_KEY},
    )
    return "Item" in found


def settle_lost_answer(write: Callable[[], object], applied: Callable[[], bool]) -> None:
    """Run a single-item write; if its answer is lost, ask `applied` (a consistent read of what the write
    leaves behind) and go on when it was, re-raising the write's failure when it was not or cannot be told."""
    try:
        write()
    except (PynamoDBException, ClientError, BotoCoreError) as error:
        if not answer_lost(error):
            raise
        try:
            done = applied()
        except (PynamoDBException, ClientError, BotoCoreError):
            raise error from None
        if not done:
            raise
