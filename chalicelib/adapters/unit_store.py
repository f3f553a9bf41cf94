"""Units and their recognitions in DynamoDB (the units and recognitions tables)."""

from __future__ import annotations

from chalicelib.adapters.dynamo import connection
from chalicelib.adapters.models import Unit
from chalicelib.domain.credit_code import is_valid_credit_code


def get(credit_code: str) -> Unit | None:
    if not is_valid_credit_code(credit_code):
        return None  # never a key DynamoDB would refuse
    connection()
    try:
        return Unit.get(credit_code, consistent_read=True)
    except Unit.DoesNotExist:
        return None
