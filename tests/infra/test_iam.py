"""Least privilege: every action named, each function only its own tables, indexes and prefixes, and no ARN that
names a partition (the China regions are `aws-cn`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from .conftest import Synth


def _statements(synth: Synth) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every statement of every policy in the template: role inline policies, managed/inline policy resources,
    bucket, key, topic and queue policies."""
    for logical_id, resource in synth.template["Resources"].items():
        props = resource.get("Properties", {})
        documents = [p["PolicyDocument"] for p in props.get("Policies", [])]
        for key in ("PolicyDocument", "KeyPolicy"):
            if key in props:
                documents.append(props[key])
        for document in documents:
            for statement in document["Statement"]:
                yield logical_id, statement


def _actions(statement: dict[str, Any]) -> list[str]:
    actions = statement.get("Action", [])
    return [actions] if isinstance(actions, str) else list(actions)


def _is_account_root(principal: Any) -> bool:
    text = json.dumps(principal)
    return '":iam::"' in text and '":root"' in text


def test_no_allow_statement_has_a_wildcard_action(prod: Synth) -> None:
    found = []
    for logical_id, statement in _statements(prod):
        assert "NotAction" not in statement, logical_id
        if statement["Effect"] != "Allow":
            continue  # the bucket's deny-without-TLS statement denies s3:* on purpose
        wildcards = [a for a in _actions(statement) if "*" in a]
        # The key policy's first statement is AWS's default: the account root may use the key, so IAM policies
        # (the ones checked here) decide who can. Nothing else may use a wildcard.
        if wildcards and not (_is_account_root(statement.get("Principal")) and wildcards == ["kms:*"]):
            found.append((logical_id, wildcards))
    assert found == []


def test_every_action_is_service_colon_name(prod: Synth) -> None:
    for _, statement in _statements(prod):
        for action in _actions(statement):
            assert re.fullmatch(r"[a-z0-9-]+:([A-Za-z]+|\*)", action), action


def _role_statements(synth: Synth, function_suffix: str) -> list[dict[str, Any]]:
    role_id = synth.function(function_suffix)["Properties"]["Role"]["Fn::GetAtt"][0]
    role = synth.template["Resources"][role_id]
    attached = [
        r for r in synth.resources("AWS::IAM::Policy").values() if {"Ref": role_id} in r["Properties"].get("Roles", [])
    ]
    assert attached == [], "the whole policy is inline in the role"
    assert not role["Properties"].get("ManagedPolicyArns"), "no managed policies"
    return [s for p in role["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]]


def _resource_ids(statement: dict[str, Any]) -> set[str]:
    """The logical ids a statement's resources refer to (GetAtt/Ref), with any suffix appended."""
    resources = statement["Resource"]
    ids = set()
    for resource in resources if isinstance(resources, list) else [resources]:
        if isinstance(resource, dict) and "Fn::GetAtt" in resource:
            ids.add(resource["Fn::GetAtt"][0])
        elif isinstance(resource, dict) and "Fn::Join" in resource:
            parts = resource["Fn::Join"][1]
            ids.add(parts[0]["Fn::GetAtt"][0] + "".join(p for p in parts[1:] if isinstance(p, str)))
        else:
            ids.add(str(resource))
    return ids


def _tables(synth: Synth) -> dict[str, str]:
    """Table logical id -> Tables field ("positions", ...)."""
    prefix = f"shanxi-internship-{synth.stage}-"
    return {
        k: r["Properties"]["TableName"].removeprefix(prefix) for k, r in synth.resources("AWS::DynamoDB::Table").items()
    }


def _granted_tables(statements: list[dict[str, Any]], tables: dict[str, str]) -> tuple[set[str], set[str]]:
    items: set[str] = set()
    indexes: set[str] = set()
    for statement in statements:
        for resource in _resource_ids(statement):
            table_id, _, index = resource.partition("/index/")
            if table_id in tables:
                (indexes if index else items).add(f"{tables[table_id]}/{index}" if index else tables[table_id])
    return items, indexes


def test_no_function_may_scan_or_manage_tables(prod: Synth) -> None:
    for suffix in ("-api", "-sweep-expired-positions"):
        actions = {a for s in _role_statements(prod, suffix) for a in _actions(s)}
        assert not actions & {"dynamodb:Scan", "dynamodb:DeleteTable", "dynamodb:UpdateTable", "dynamodb:CreateTable"}


def test_functions_use_the_key_and_write_only_their_own_logs(prod: Synth) -> None:
    (key_id,) = prod.resources("AWS::KMS::Key")
    for suffix in ("-api", "-sweep-expired-positions"):
        function = prod.function(suffix)["Properties"]
        statements = _role_statements(prod, suffix)
        kms = [s for s in statements if any(a.startswith("kms:") for a in _actions(s))]
        assert [_resource_ids(s) for s in kms] == [{key_id}]
        logs = [s for s in statements if any(a.startswith("logs:") for a in _actions(s))]
        (log_ids,) = [_resource_ids(s) for s in logs]
        (group_id,) = log_ids
        group = prod.template["Resources"][group_id.removesuffix(":*")]
        assert group["Properties"]["LogGroupName"] == f"/aws/lambda/{function['FunctionName']}"
        # X-Ray is not integrated with Lambda in China: no tracing, so no grant (test_api.py, test_china.py).
        assert not [a for s in statements for a in _actions(s) if a.startswith("xray:")]


def test_china_templates_name_no_partition(synthesize) -> None:
    for region in ("cn-north-1", "cn-northwest-1"):
        text = synthesize("prod", region).template_path.read_text(encoding="utf-8")
        assert "arn:aws:" not in text
        assert "arn:aws-cn:" not in text  # the partition always comes from AWS::Partition
        assert "amazonaws.com.cn" not in text  # and endpoints from AWS::URLSuffix, where needed at all


def test_prod_stack_is_termination_protected(prod: Synth, dev: Synth) -> None:
    assert prod.termination_protection
    assert not dev.termination_protection


def _function_name(synth: Synth, function: dict[str, Any]) -> str:
    """ "shanxi-internship-prod-send-texts" -> "send_texts" (the Chalice name infra/access.py uses)."""
    name: str = function["Properties"]["FunctionName"]
    return name.removeprefix(f"shanxi-internship-{synth.stage}-").replace("-", "_")


def _what_a_role_allows(synth: Synth, function: dict[str, Any]) -> dict[str, set[str]]:
    """Resource (a table's field, "<table>/index/*", "bucket:<prefix>", "bucket", "stream", "*") -> actions."""
    tables = _tables(synth)
    (bucket_id,) = synth.resources("AWS::S3::Bucket")
    role_id = function["Properties"]["Role"]["Fn::GetAtt"][0]
    allowed: dict[str, set[str]] = {}
    for policy in synth.template["Resources"][role_id]["Properties"]["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            if statement["Sid"] == "Stream":
                continue  # the table's stream, read by the event source mapping (test_streams.py)
            for resource in _resource_ids(statement):
                table_id, _, index = resource.partition("/index/")
                if table_id in tables:
                    key = f"{tables[table_id]}/index/*" if index else tables[table_id]
                elif resource.startswith(bucket_id):
                    key = "bucket:" + resource.removeprefix(bucket_id).strip("/").removesuffix("*")
                else:
                    continue
                allowed.setdefault(key, set()).update(_actions(statement))
    return allowed


def _what_the_table_says(row: Any, synth: Synth) -> dict[str, set[str]]:
    expected: dict[str, set[str]] = {}
    indexed = {r["Properties"]["TableName"].split(f"{synth.stage}-", 1)[1] for r in _indexed_tables(synth)}
    for table, actions in row.tables.items():
        expected[table] = {f"dynamodb:{a}" for a in actions}
        if "Query" in actions and table in indexed:
            expected[f"{table}/index/*"] = {"dynamodb:Query"}
    for prefix, actions in row.objects.items():
        expected[f"bucket:{prefix.strip('/')}/"] = {f"s3:{a}" for a in actions}
    if row.list_bucket:
        expected["bucket:"] = {"s3:ListBucket"}
    return expected


def _indexed_tables(synth: Synth) -> list[dict[str, Any]]:
    return [
        r
        for r in synth.resources("AWS::DynamoDB::Table").values()
        if r["Properties"].get("GlobalSecondaryIndexes") or r["Properties"].get("LocalSecondaryIndexes")
    ]


def test_every_role_allows_exactly_what_its_function_calls(prod: Synth) -> None:
    """infra/access.py is the table of what each function calls; every role in the template is compared with it,
    statement by statement: nothing more (an unused grant) and nothing less (a call that would be refused)."""
    from infra.access import ACCESS

    functions = {
        _function_name(prod, f): f
        for f in prod.resources("AWS::Lambda::Function").values()
        if f["Properties"].get("FunctionName", "").startswith("shanxi-internship-")
    }
    assert set(functions) == set(ACCESS)
    for name, function in functions.items():
        assert _what_a_role_allows(prod, function) == _what_the_table_says(ACCESS[name], prod), name


def test_the_api_may_only_append_to_the_audit_trail(prod: Synth) -> None:
    allowed = _what_a_role_allows(prod, prod.function("-api"))
    assert allowed["audit"] == {"dynamodb:PutItem"}
    for suffix in ("-sweep-expired-positions", "-send-texts", "-morning-notices", "-index-positions"):
        assert "audit" not in _what_a_role_allows(prod, prod.function(suffix)), suffix


def test_list_streams_is_granted_on_every_resource_because_it_has_no_resource_level_permissions(prod: Synth) -> None:
    for suffix in ("-send-texts", "-index-positions", "-notify-favourite-closed"):
        statements = {s["Sid"]: s for s in _role_statements(prod, suffix)}
        assert statements["ListStreams"]["Action"] == "dynamodb:ListStreams"
        assert statements["ListStreams"]["Resource"] == "*"
        assert "dynamodb:ListStreams" not in json.dumps(statements["Stream"])
