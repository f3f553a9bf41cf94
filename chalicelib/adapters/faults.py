"""What an AWS failure means for the caller: its error code, and whether it is worth a retry (503) or not.

Kept apart from `dynamo` so that `chalicelib.api.http`, which every route imports, classifies a failure without
importing PynamoDB's models at cold start: only botocore's and PynamoDB's exception classes, both already loaded
by the dependency floor."""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.exceptions import PynamoDBException

# Codes that mean "try again later", from DynamoDB and S3 alike: the client gets 503 with Retry-After.
TRANSIENT_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
        "TransactionInProgressException",
        "SlowDown",
        "RequestTimeout",
    }
)


def response_code(error: BaseException) -> str | None:
    """The AWS error code of a failed call, or None. Safe on every botocore error: a read timeout or a closed
    connection carries `response = None`, on which PynamoDB's own `cause_response_code` raises AttributeError."""
    cause = error.cause if isinstance(error, PynamoDBException) else error
    response = getattr(cause, "response", None)
    if not isinstance(response, dict):
        return None
    code = response.get("Error", {}).get("Code")
    return str(code) if code is not None else None


def is_transient(error: BaseException) -> bool:
    """Throttling, timeouts and unavailable endpoints: worth a 503 and a retry, not a 500."""
    cause = error.cause if isinstance(error, PynamoDBException) else error
    if isinstance(cause, ClientError):
        status = cause.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        return response_code(cause) in TRANSIENT_CODES or int(status) >= 500  # any 5xx: the service's fault
    return isinstance(cause, BotoCoreError)
