"""Random sequences of submit, withdraw, approve, reject, favourite and unfavourite for a few people.

After every step the stored state must keep API.md's invariants: at most one live application per person,
favourites only for approved trainees, at most three, only inside the person's locality. The rules also
check each answer against a small model of what a person should be told.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from chalicelib.adapters import person_store
from chalicelib.adapters.models import Application, Favourite, Position
from chalicelib.errors import AppError
from chalicelib.services import applications, favourites, review
from tests.integration.conftest import NOW, REVIEWER, form_for, new_position, person, uploaded_attachments

PEOPLE = 3
LOCALITIES = ("140105", "140100")  # a county, and 太原市's 市本级
_runs = itertools.count()


@dataclass
class Expected:
    live: str | None = None  # application id
    status: str | None = None
    locality: str | None = None
    favourites: set[int] = field(default_factory=set)


def outcome(call: object) -> str:
    try:
        result = call()  # type: ignore[operator]
    except AppError as error:
        return error.code
    if isinstance(result, tuple):
        return "added" if result[0] else "already"
    return "ok"


class Trainees(RuleBasedStateMachine):
    positions: ClassVar[list[tuple[str, str]]] = []  # (position id, county), created once per test

    def __init__(self) -> None:
        super().__init__()
        run = next(_runs)
        self.people = [person(f"s{run}-{i}", 100 + (run * PEOPLE + i) % 800) for i in range(PEOPLE)]
        self.attachments = [uploaded_attachments(p.subject) for p in self.people]
        self.expected = [Expected() for _ in self.people]

    @rule(who=st.integers(0, PEOPLE - 1), where=st.sampled_from(LOCALITIES))
    def submit(self, who: int, where: str) -> None:
        someone, model = self.people[who], self.expected[who]
        form = form_for(someone, self.attachments[who], where)
        try:
            answer = applications.submit(someone, form, NOW)
        except AppError as error:
            assert model.live is not None and error.code == "APPLICATION_EXISTS", error
            return
        assert model.live is None, "a second live application was accepted"
        model.live, model.status, model.locality = answer.application_id, "pending", where

    @rule(who=st.integers(0, PEOPLE - 1))
    def withdraw(self, who: int) -> None:
        model = self.expected[who]
        if model.live is None:
            return
        result = outcome(lambda: applications.withdraw(self.people[who], str(model.live), NOW))
        if model.status == "pending":
            assert result == "ok"
            model.live = model.status = model.locality = None
        else:
            assert result == "NOT_WITHDRAWABLE"

    @rule(who=st.integers(0, PEOPLE - 1), approve=st.booleans())
    def decide(self, who: int, approve: bool) -> None:
        model = self.expected[who]
        if model.live is None:
            return
        decision = "approve" if approve else "reject"
        result = outcome(lambda: review.decide(REVIEWER, str(model.live), decision, "审核意见", NOW))
        if model.status != "pending":
            assert result == "NOT_PENDING"
        elif approve:
            assert result == "ok"
            model.status = "approved"
        else:
            assert result == "ok"
            model.live = model.status = model.locality = None

    @rule(who=st.integers(0, PEOPLE - 1), which=st.integers(0, 5))
    def favourite(self, who: int, which: int) -> None:
        model = self.expected[who]
        position_id, county = self.positions[which]
        result = outcome(lambda: favourites.add(self.people[who], position_id, NOW))
        if model.status != "approved":
            expected = "NOT_TRAINEE"
        elif which in model.favourites:
            expected = "already"
        elif county != model.locality:
            expected = "POSITION_OUTSIDE_LOCALITY"
        elif len(model.favourites) >= 3:
            expected = "FAVOURITE_LIMIT_REACHED"
        else:
            expected = "added"
            model.favourites.add(which)
        assert result == expected

    @rule(who=st.integers(0, PEOPLE - 1), which=st.integers(0, 5))
    def unfavourite(self, who: int, which: int) -> None:
        favourites.remove(self.people[who], self.positions[which][0])
        self.expected[who].favourites.discard(which)

    @invariant()
    def stored_state_keeps_the_rules(self) -> None:
        for someone in self.people:
            cases = list(Application.by_applicant.query(someone.subject))
            live = [c for c in cases if c.status in ("pending", "approved")]
            assert len(live) <= 1, "more than one live application"
            stored = list(Favourite.query(someone.subject))
            assert len(stored) <= 3, "more than three favourites"
            state = person_store.get(someone.subject)
            if stored:
                assert state is not None and state.live_status == "approved", "favourites of a non-trainee"
                assert live and live[0].status == "approved"
                for favourite in stored:
                    assert Position.get(favourite.position_id).county_code == state.locality, "outside locality"
            count = int(state.favourite_count or 0) if state else 0
            assert count == len(stored), "the counter drifted from the favourites"


def test_random_sequences_keep_the_invariants(aws: None) -> None:
    Trainees.positions = [(new_position(county, f"岗位{i}"), county) for i, county in enumerate(LOCALITIES * 3)]
    run_state_machine_as_test(
        Trainees,
        settings=settings(
            max_examples=20,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )


pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
