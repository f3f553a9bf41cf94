"""docs/deploy.md's counts are the synthesized template's (infra/counts.py writes them; this fails on drift)."""

from __future__ import annotations

from infra.counts import DEPLOY_DOC, block, counts, documented

from .conftest import Synth


def test_the_deploy_docs_counts_are_the_templates(prod: Synth) -> None:
    found = counts(prod.template)
    assert found["tables"] >= 12 and found["functions"] >= 8  # the template is the real one
    assert documented(DEPLOY_DOC.read_text(encoding="utf-8")) == block(found), (
        "docs/deploy.md's counts differ from the template: run .venv/bin/python -m infra.counts"
    )
