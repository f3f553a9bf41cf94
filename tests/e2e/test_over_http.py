"""The whole stack once over HTTP: `scripts/devstack.py` (what `make dev` runs) on free ports, the manual's
flows against it with real uploads to the moto server, then SIGTERM must leave no process behind."""

from __future__ import annotations

from scripts.walkthrough import Walk
from tests.e2e.conftest import LocalStack


def test_the_manuals_flows_work_over_http_against_make_dev(local_stack: LocalStack) -> None:
    steps: list[str] = []
    walk = Walk(local_stack.api, say=steps.append, issuer=local_stack.issuer)
    walk.apply_review_favourite(walk.search())
    assert any("POST <storage>" in step for step in steps)
