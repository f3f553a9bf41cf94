"""A duplicate submit is always 409 APPLICATION_EXISTS, whichever step of it the winner's commit falls between."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.client import BaseClient

from chalicelib import wiring
from chalicelib.errors import AppError
from chalicelib.services import applications
from scripts.stored_factories import NOW, form_for, person, uploaded_attachments

pytestmark = pytest.mark.usefixtures("world")


def after_nth_dynamodb_call(monkeypatch: pytest.MonkeyPatch, n: int, then: Callable[[], Any]) -> list[int]:
    """Run `then` once, right after the n-th DynamoDB call from now has been answered. Returns the count of
    calls seen; setting it to n disarms the watch."""
    original = BaseClient._make_api_call
    seen = [0]

    def watched(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        answer = original(self, operation_name, api_params)
        if self.meta.service_model.service_name == "dynamodb" and seen[0] < n:
            seen[0] += 1
            if seen[0] == n:
                then()
        return answer

    monkeypatch.setattr(BaseClient, "_make_api_call", watched)
    return seen


def outcome(call: Callable[[], Any]) -> str:
    try:
        call()
    except AppError as error:
        return f"{error.status} {error.code}"
    return "201"


# Today's submit makes two DynamoDB calls (one snapshot read, one transaction); the old one made three.
@pytest.mark.parametrize("other_after_call", [1, 2, 3])
def test_of_two_identical_submits_one_wins_and_the_other_hears_application_exists(
    monkeypatch: pytest.MonkeyPatch, other_after_call: int
) -> None:
    """The second submit commits between any two calls of the first (or after it): one 201, one 409."""
    someone = person("dup-step", 7)
    ids = uploaded_attachments(someone.subject)
    other: list[str] = []

    def submit() -> Any:
        return applications.submit(someone, form_for(someone, ids), NOW, ports=wiring.ports())

    seen = after_nth_dynamodb_call(monkeypatch, other_after_call, lambda: other.append(outcome(submit)))
    first = outcome(submit)
    if not other:  # the first made fewer calls than that: the second comes after it (the watch fires no more)
        seen[0] = other_after_call
        other.append(outcome(submit))

    assert sorted([first, *other]) == ["201", "409 APPLICATION_EXISTS"]
