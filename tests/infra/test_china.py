"""The China regions: prod synthesized for cn-north-1 and cn-northwest-1 holds nothing China rejects
(infra/china.py, each entry with its source), and putting any one entry back is caught."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from infra.china import FORBIDDEN, REQUIRED, Forbidden, Required, values_at, violations

from .conftest import Synth

CHINA_REGIONS = ("cn-north-1", "cn-northwest-1")


def templates(synth: Synth) -> dict[str, dict[str, Any]]:
    """The stack's template and its nested ones (the web client's), by file name."""
    found = {synth.template_path.name: synth.template}
    for path in synth.template_path.parent.glob("*.nested.template.json"):
        found[path.name] = json.loads(path.read_text(encoding="utf-8"))
    return found


@pytest.fixture(scope="module", params=CHINA_REGIONS)
def china(request: pytest.FixtureRequest, synthesize: Callable[..., Synth]) -> dict[str, dict[str, Any]]:
    return templates(synthesize("prod", request.param))


def test_nothing_china_rejects_is_in_either_china_region(china: dict[str, dict[str, Any]]) -> None:
    assert violations(china) == []


def test_every_rule_names_its_source() -> None:
    rules: list[Forbidden | Required] = [*FORBIDDEN, *REQUIRED]
    for rule in rules:
        assert rule.source.startswith(("https://docs.amazonaws.cn/", "aws", "cfn-lint", "no China page")), rule


def _set(props: dict[str, Any], path: str, value: Any) -> None:
    """Put `value` at `path`, making the maps and one-element lists on the way."""
    node: Any = props
    parts = path.split(".")
    for part, following in zip(parts, [*parts[1:], None], strict=True):
        if following is None:
            node[part] = value
        elif following == "*":
            node = node.setdefault(part, [{}])
        elif part == "*":
            node = node[0]
        else:
            node = node.setdefault(part, {})
    if parts[-1] == "*":  # pragma: no cover - no rule ends on a list
        raise AssertionError(path)


def _put_back(found: dict[str, dict[str, Any]], rule: Forbidden) -> dict[str, dict[str, Any]]:
    changed = copy.deepcopy(found)
    template = next(iter(changed.values()))
    if not rule.path:
        template["Resources"]["PutBack"] = {"Type": rule.resource_type, "Properties": {}}
        return changed
    for name in changed:
        for resource in changed[name]["Resources"].values():
            if resource["Type"] == rule.resource_type:
                _set(resource.setdefault("Properties", {}), rule.path, rule.value or "put-back")
                return changed
    template["Resources"]["PutBack"] = {"Type": rule.resource_type, "Properties": {}}
    _set(template["Resources"]["PutBack"]["Properties"], rule.path, rule.value or "put-back")
    return changed


@pytest.mark.parametrize("rule", FORBIDDEN, ids=str)
def test_putting_one_forbidden_property_back_fails(china: dict[str, dict[str, Any]], rule: Forbidden) -> None:
    (found,) = violations(_put_back(china, rule))
    assert found.endswith(str(rule)) and rule.source in found


@pytest.mark.parametrize("rule", REQUIRED, ids=str)
def test_taking_a_required_property_away_fails(china: dict[str, dict[str, Any]], rule: Required) -> None:
    changed = copy.deepcopy(china)
    for template in changed.values():
        for resource in template["Resources"].values():
            if resource["Type"] == rule.resource_type:
                *parents, last = rule.path.split(".")
                (parent,) = values_at(resource["Properties"], ".".join(parents))
                del parent[last]
    assert [v for v in violations(changed) if v.endswith(str(rule))]


def test_the_commercial_region_keeps_what_china_lacks(synthesize: Callable[..., Synth]) -> None:
    """The check is not vacuous: outside China the stack uses OAC, a cache policy, headers policy and X-Ray."""
    found = "\n".join(violations(templates(synthesize("prod", "us-east-1"))))
    for expected in ("CachePolicyId", "OriginAccessControlId", "ResponseHeadersPolicyId", "TracingConfig.Mode"):
        assert expected in found
