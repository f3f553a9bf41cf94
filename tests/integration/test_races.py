"""The invariants of API.md under real concurrency: threads racing the use cases against moto.

Each thread plays one Lambda container serving one request; conditions and transactions must hold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial

import msgspec
import pytest

from chalicelib.adapters import person_store
from chalicelib.adapters.idempotency import run_once
from chalicelib.adapters.models import Application, Favourite
from chalicelib.errors import AppError
from chalicelib.services import applications, favourites, review
from tests.integration.conftest import (
    NOW,
    REVIEWER,
    approved_trainee,
    form_for,
    new_position,
    person,
    race,
    submitted,
    uploaded_attachments,
)

pytestmark = pytest.mark.usefixtures("world")


def codes(results: list[object]) -> Counter[str]:
    return Counter(r.code if isinstance(r, AppError) else "ok" for r in results)


def test_parallel_duplicate_submits_make_exactly_one_application() -> None:
    someone = person("dup", 1)
    ids = uploaded_attachments(someone.subject)
    results = race(*[lambda: applications.submit(someone, form_for(someone, ids), NOW) for _ in range(8)])
    assert codes(results) == Counter({"ok": 1, "APPLICATION_EXISTS": 7})
    cases, _ = applications.my_cases(someone, status=None, month=None, limit=50, start_key=None)
    assert len(cases) == 1


@pytest.mark.parametrize("round_", range(6))
def test_withdraw_and_approve_racing_have_exactly_one_winner(round_: int) -> None:
    someone = person(f"racer{round_}", 10 + round_)
    application_id = submitted(someone)
    withdrawal, approval = race(
        lambda: applications.withdraw(someone, application_id, NOW),
        lambda: review.decide(REVIEWER, application_id, "approve", "材料齐全", NOW),
    )
    outcomes = {type(withdrawal).__name__, type(approval).__name__}
    assert outcomes == {"ApplicationMoved", "Conflict"}, (withdrawal, approval)
    stored = Application.get(application_id)
    assert [entry.status for entry in stored.history] == ["pending", stored.status]
    state = person_store.get(someone.subject)
    assert state is not None
    if stored.status == "approved":
        assert state.live_status == "approved"
    else:
        assert stored.status == "withdrawn" and state.live_application_id is None


def test_the_same_idempotency_key_in_parallel_submits_once() -> None:
    someone = person("idem", 30)
    ids = uploaded_attachments(someone.subject)
    form = form_for(someone, ids)
    payload = {**form, "graduation_date": "2026-06-30"}

    def submit() -> dict[str, object]:
        return run_once(
            subject=someone.subject,
            operation="applications:submit",
            key="same-key-1",
            payload=payload,
            # As the route runs it: the answer stored as JSON values, so a repeat reads it back.
            action=lambda: {"status": 201, "body": msgspec.to_builtins(applications.submit(someone, dict(form), NOW))},
        )

    results = race(*[submit for _ in range(6)])
    answers = [r for r in results if isinstance(r, dict)]
    assert answers, results
    assert {a["body"]["application_id"] for a in answers} == {answers[0]["body"]["application_id"]}
    assert all(isinstance(r, dict) or r.code == "REQUEST_IN_PROGRESS" for r in results), results
    cases, _ = applications.my_cases(someone, status=None, month=None, limit=50, start_key=None)
    assert len(cases) == 1


def _favourite_count(subject: str) -> int:
    return len(list(Favourite.query(subject)))


@pytest.mark.parametrize("round_", range(3))
def test_twenty_parallel_favourites_over_five_positions_keep_exactly_three(round_: int) -> None:
    trainee = person(f"fav{round_}", 40 + round_)
    approved_trainee(trainee)
    position_ids = [new_position() for _ in range(5)]
    calls = [partial(favourites.add, trainee, position_ids[i % 5], NOW) for i in range(20)]
    results = race(*calls)
    assert _favourite_count(trainee.subject) == 3
    state = person_store.get(trainee.subject)
    assert state is not None and state.favourite_count == 3
    refused = [r for r in results if isinstance(r, AppError)]
    assert refused and {r.code for r in refused} == {"FAVOURITE_LIMIT_REACHED"}
    assert len(favourites.mine(trainee, NOW)) == 3


def test_adding_and_removing_in_parallel_never_passes_three() -> None:
    trainee = person("churn", 50)
    approved_trainee(trainee)
    position_ids = [new_position() for _ in range(5)]
    observed: list[int] = []
    for _ in range(4):
        calls: list[Callable[[], object]] = []
        for i, pid in enumerate(position_ids * 2):
            if i % 3 == 0:
                calls.append(partial(favourites.remove, trainee, pid))
            else:
                calls.append(partial(favourites.add, trainee, pid, NOW))
        calls.append(lambda: observed.append(_favourite_count(trainee.subject)))
        race(*calls)
        observed.append(_favourite_count(trainee.subject))
        state = person_store.get(trainee.subject)
        assert state is not None
        assert state.favourite_count == _favourite_count(trainee.subject) <= 3
    assert max(observed) <= 3
