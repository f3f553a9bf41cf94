"""The AWS calls each mutating flow makes when nothing fails, in order: what both fault suites parametrize over.

`test_the_call_lists_are_what_a_clean_run_makes` keeps these true, so a new call in a flow is new cases.
"""

from __future__ import annotations

from chalicelib.config import settings
from tests.faults.injector import Call
from tests.faults.subsidy_calls import SUBSIDY_CALLS, UNKEYED

KEYED_START = ["dynamodb:PutItem(idempotency)"]
KEYED_END = ["dynamodb:UpdateItem(idempotency)"]
CALLS: dict[str, list[str]] = {
    "create_attachment": ["dynamodb:PutItem(attachments)"],
    "confirm": [
        "dynamodb:GetItem(attachments)",
        "s3:CopyObject",
        "s3:HeadObject",
        "s3:GetObject",
        "dynamodb:UpdateItem(attachments)",
        "s3:DeleteObject",
    ],
    "delete_attachment": [
        "dynamodb:GetItem(attachments)",
        "dynamodb:UpdateItem(attachments)",
        "s3:DeleteObject",
        "s3:DeleteObject",
        "dynamodb:DeleteItem(attachments)",
    ],
    "submit": ["dynamodb:TransactGetItems", "dynamodb:TransactWriteItems"],
    "withdraw": ["dynamodb:GetItem(applications)", "dynamodb:TransactWriteItems"],
    "approve": ["dynamodb:GetItem(applications)", "dynamodb:TransactWriteItems"],
    "reject": ["dynamodb:GetItem(applications)", "dynamodb:TransactWriteItems"],
    "favourite_put": [
        "dynamodb:GetItem(people)",
        "dynamodb:GetItem(positions)",
        "dynamodb:GetItem(favourites)",
        "dynamodb:TransactWriteItems",
    ],
    "favourite_delete": ["dynamodb:TransactWriteItems"],
    "position_create": ["dynamodb:TransactWriteItems"],
    "position_patch": ["dynamodb:GetItem(positions)", "dynamodb:TransactWriteItems"],
    "position_close": ["dynamodb:GetItem(positions)", "dynamodb:TransactWriteItems"],
    "save_search": ["dynamodb:TransactWriteItems"],
    "delete_saved_search": ["dynamodb:TransactWriteItems"],
    "read_message": ["dynamodb:GetItem(messages)", "dynamodb:TransactWriteItems"],
    "read_all_messages": ["dynamodb:Query(messages)", "dynamodb:TransactWriteItems", "dynamodb:GetItem(people)"],
    # issue 23
    "rate": ["dynamodb:GetItem(applications)", "dynamodb:GetItem(ratings)", "dynamodb:TransactWriteItems"],
    "follow_up_rating": ["dynamodb:GetItem(ratings)", "dynamodb:TransactWriteItems"],
    # Issue 19: units.
    "unit_apply": ["dynamodb:GetItem(units)", "dynamodb:BatchGetItem", "dynamodb:TransactWriteItems"],
    "unit_withdraw": ["dynamodb:GetItem(units)", "dynamodb:GetItem(recognitions)", "dynamodb:TransactWriteItems"],
    # Each decision first asks whether the reviewer applied as the unit's agent (a Query of its 办件).
    "unit_approve": [
        "dynamodb:GetItem(units)",
        "dynamodb:GetItem(recognitions)",
        "dynamodb:Query(recognitions)",
        "dynamodb:TransactWriteItems",
    ],
    "unit_reject": [
        "dynamodb:GetItem(units)",
        "dynamodb:GetItem(recognitions)",
        "dynamodb:Query(recognitions)",
        "dynamodb:TransactWriteItems",
    ],
    "unit_revoke": [
        "dynamodb:GetItem(units)",
        "dynamodb:GetItem(recognitions)",
        "dynamodb:Query(recognitions)",
        "dynamodb:TransactWriteItems",
        "dynamodb:Query(positions)",
        "dynamodb:GetItem(positions)",
        "dynamodb:TransactWriteItems",
    ],
    "unit_position_publish": ["dynamodb:GetItem(units)", "dynamodb:TransactWriteItems"],
    "unit_position_patch": ["dynamodb:GetItem(positions)", "dynamodb:GetItem(units)", "dynamodb:TransactWriteItems"],
    "unit_position_close": [
        "dynamodb:GetItem(positions)",
        "dynamodb:GetItem(positions)",
        "dynamodb:TransactWriteItems",
    ],
    # The Query: whether the reviewer applied for the unit's recognition (never decide one's own unit's positions).
    "position_approve": [
        "dynamodb:GetItem(positions)",
        "dynamodb:Query(recognitions)",
        "dynamodb:TransactWriteItems",
    ],
    "position_reject": [
        "dynamodb:GetItem(positions)",
        "dynamodb:Query(recognitions)",
        "dynamodb:TransactWriteItems",
    ],
    # issue 20: placements
    "apply_placement": [
        "dynamodb:GetItem(people)",
        "dynamodb:GetItem(positions)",
        "dynamodb:GetItem(placements)",
        "dynamodb:GetItem(applications)",
        "dynamodb:TransactWriteItems",
    ],
    "withdraw_placement": ["dynamodb:GetItem(placements)", "dynamodb:TransactWriteItems"],
    "accept_offer": ["dynamodb:GetItem(placements)", "dynamodb:Query(placements)", "dynamodb:TransactWriteItems"],
    "reject_offer": ["dynamodb:GetItem(placements)", "dynamodb:TransactWriteItems"],
    # The Query: whether the reviewer applied for the unit's recognition (gaps: never confirm one's own unit).
    "confirm_placement": [
        "dynamodb:GetItem(placements)",
        "dynamodb:Query(recognitions)",
        "dynamodb:TransactWriteItems",
    ],
    "offer_placement": [
        "dynamodb:GetItem(placements)",
        "dynamodb:GetItem(positions)",
        "dynamodb:TransactWriteItems",
    ],
    "decline_placement": ["dynamodb:GetItem(placements)", "dynamodb:TransactWriteItems"],
    "end_placement": ["dynamodb:GetItem(placements)", "dynamodb:TransactWriteItems"],
    "assess_placement": ["dynamodb:GetItem(placements)", "dynamodb:TransactWriteItems"],
    "retain_trainee": ["dynamodb:GetItem(placements)", "dynamodb:TransactWriteItems"],
    "invite_trainee": [
        "dynamodb:GetItem(positions)",
        "dynamodb:GetItem(positions)",
        "dynamodb:GetItem(people)",
        "dynamodb:GetItem(applications)",
        "dynamodb:GetItem(applications)",
        "dynamodb:TransactWriteItems",
    ],
    "apply_invited": ["dynamodb:GetItem(placements)", "dynamodb:TransactWriteItems"],
    "decline_invitation": ["dynamodb:GetItem(placements)", "dynamodb:TransactWriteItems"],
}

# issue 21 (subsidies): its flows' lists in their own module.
CALLS.update(SUBSIDY_CALLS)

# The calls that change something in a store: where an answer can be lost after the change was applied.
WRITES = frozenset(
    {
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:TransactWriteItems",
        "dynamodb:BatchWriteItem",
        "s3:PutObject",
        "s3:CopyObject",
        "s3:DeleteObject",
        "s3:DeleteObjects",
    }
)


def keyings(flow: str) -> tuple[bool, ...]:
    """Without and with an Idempotency-Key; a public flow only without (a key changes nothing there)."""
    return (False,) if flow in UNKEYED else (False, True)


def calls_of(flow: str, keyed: bool) -> list[str]:
    return [*KEYED_START, *CALLS[flow], *KEYED_END] if keyed and flow not in UNKEYED else CALLS[flow]


def named(call: Call) -> str:
    """A call as the lists above spell it: the table by its role, not its stage's name."""
    tables = settings().tables
    role = next((name for name in tables.__struct_fields__ if getattr(tables, name) == call.table), call.table)
    return f"{call.service}:{call.operation}" + (f"({role})" if role else "")


def is_write(call: str) -> bool:
    return call.partition("(")[0] in WRITES
