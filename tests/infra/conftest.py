"""Synthesize each (stage, region) once per session, offline: no account, no credentials, no Lambda package."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# jsii prints a banner on every start under Node 20; the deploy doc asks for Node 22 or later.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

PROD_REGIONS = ("cn-north-1", "cn-northwest-1", "us-east-1")


@dataclass(frozen=True)
class Synth:
    stage: str
    region: str
    template_path: Path
    template: dict[str, Any]
    termination_protection: bool

    def resources(self, kind: str) -> dict[str, dict[str, Any]]:
        return {k: r for k, r in self.template["Resources"].items() if r["Type"] == kind}

    def one(self, kind: str) -> dict[str, Any]:
        found = list(self.resources(kind).values())
        assert len(found) == 1, f"{len(found)} resources of type {kind}"
        return found[0]

    def assertions(self) -> Any:
        from aws_cdk.assertions import Template

        return Template.from_json(self.template)

    def function(self, suffix: str) -> dict[str, Any]:
        """A Lambda function by the end of its name: "-api", "-sweep-expired-positions"."""
        for resource in self.resources("AWS::Lambda::Function").values():
            if resource["Properties"]["FunctionName"].endswith(suffix):
                return resource
        raise KeyError(suffix)


@pytest.fixture(scope="session")
def synthesize(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Synth]]:
    from infra.__main__ import BUNDLING_STACKS, build

    cache: dict[tuple[str, str, tuple[tuple[str, str], ...]], Synth] = {}

    def synth(stage: str, region: str, **context: str) -> Synth:
        key = (stage, region, tuple(sorted(context.items())))
        if key not in cache:
            outdir = tmp_path_factory.mktemp(f"cdk-{stage}-{region}")
            full = {"stage": stage, "region": region, BUNDLING_STACKS: [], **context}
            assembly = build(full, outdir=str(outdir)).synth()
            (stack,) = assembly.stacks
            path = Path(outdir) / stack.template_file
            template = json.loads(path.read_text(encoding="utf-8"))
            cache[key] = Synth(stage, region, path, template, bool(stack.termination_protection))
        return cache[key]

    yield synth


@pytest.fixture(scope="session")
def prod(synthesize: Callable[..., Synth]) -> Synth:
    return synthesize("prod", "cn-north-1")


@pytest.fixture(scope="session")
def dev(synthesize: Callable[..., Synth]) -> Synth:
    return synthesize("dev", "cn-north-1")


@pytest.fixture(scope="session", params=PROD_REGIONS)
def prod_in_region(request: pytest.FixtureRequest, synthesize: Callable[..., Synth]) -> Synth:
    return synthesize("prod", request.param)
