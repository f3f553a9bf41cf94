"""The AWS calls of issue 21's flows when nothing fails, in order (added to calls.py's CALLS)."""

from __future__ import annotations

_CLAIM = ["dynamodb:GetItem(subsidies)", "dynamodb:TransactWriteItems"]
# The agency's steps first ask whether the reviewer applied as the unit's agent (a Query of its 办件).
_STAFF = ["dynamodb:GetItem(subsidies)", "dynamodb:Query(recognitions)", "dynamodb:TransactWriteItems"]
SUBSIDY_CALLS: dict[str, list[str]] = {
    "put_attendance": ["dynamodb:GetItem(placements)", "dynamodb:Query(subsidies)", "dynamodb:TransactWriteItems"],
    # the unit's contact phone, the trainee's placement, its months and claimed lines, the claim's transaction
    "submit_claim": [
        "dynamodb:GetItem(units)",
        "dynamodb:GetItem(placements)",
        "dynamodb:Query(subsidies)",
        "dynamodb:TransactWriteItems",
    ],
    "approve_claim": _STAFF,
    "reject_claim": _STAFF,
    "object_to_notice": _CLAIM,
    # the claim (and whose it is), then the objection
    "resolve_objection": ["dynamodb:GetItem(subsidies)", "dynamodb:Query(recognitions)", *_CLAIM],
    "disburse_claim": _STAFF,
    "request_export": ["dynamodb:TransactWriteItems"],
    "advance_clock": [],  # no clock file in the tests' stage: 404 before anything is read or written
}
# Public routes: no caller to scope an Idempotency-Key to, so a key changes nothing (operation.py).
UNKEYED = frozenset({"object_to_notice", "advance_clock"})
# A retry without a key after a lost answer: the truthful "already done" refusal of each flow.
SUBSIDY_ALREADY_DONE: dict[str, set[tuple[int, str | None]]] = {
    "put_attendance": {(200, None)},  # the same month written again
    "submit_claim": {(409, "ALREADY_CLAIMED")},
    "approve_claim": {(409, "CLAIM_NOT_SUBMITTED")},
    "reject_claim": {(409, "CLAIM_NOT_SUBMITTED")},
    "resolve_objection": {(409, "OBJECTION_RESOLVED")},
    "disburse_claim": {(409, "ALREADY_PAID")},
}
# Creates whose retry without a key is a new request: a second objection, a second export.
SUBSIDY_CREATES = frozenset({"object_to_notice", "request_export"})
