"""The deployed tables are the ones the models declare: same keys, same indexes, same TTL. Checked against the
models' own schema here, not against infra.schema, so a mistake there cannot hide itself."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk.assertions import Match
from pynamodb.attributes import TTLAttribute

from chalicelib.adapters.models import IDEMPOTENCY_KEY, IDEMPOTENCY_TTL_ATTRIBUTE, MODELS_BY_TABLE
from chalicelib.config import TABLE_VARIABLES

from .conftest import Synth


def _keys(key_schema: list[dict[str, str]], types: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {k["KeyType"]: (k["AttributeName"], types[k["AttributeName"]]) for k in key_schema}


def _from_model(name: str) -> dict[str, Any]:
    model = MODELS_BY_TABLE[name]
    schema: Any = model._get_schema()
    types = {d["AttributeName"]: d["AttributeType"] for d in schema["attribute_definitions"]}
    indexes = {
        i["index_name"]: (_keys(i["key_schema"], types), i["projection"]["ProjectionType"])
        for i in schema["global_secondary_indexes"]
    }
    ttl = [a.attr_name for a in model.get_attributes().values() if isinstance(a, TTLAttribute)]
    return {
        "keys": _keys(schema["key_schema"], types),
        "global_indexes": indexes,
        "local_indexes": {i["index_name"] for i in schema["local_secondary_indexes"]},
        "ttl": ttl[0] if ttl else None,
    }


def _from_template(table: dict[str, Any]) -> dict[str, Any]:
    props = table["Properties"]
    types = {d["AttributeName"]: d["AttributeType"] for d in props["AttributeDefinitions"]}
    indexes = {
        i["IndexName"]: (_keys(i["KeySchema"], types), i["Projection"]["ProjectionType"])
        for i in props.get("GlobalSecondaryIndexes", [])
    }
    ttl = props.get("TimeToLiveSpecification")
    return {
        "keys": _keys(props["KeySchema"], types),
        "global_indexes": indexes,
        "local_indexes": {i["IndexName"] for i in props.get("LocalSecondaryIndexes", [])},
        "ttl": ttl["AttributeName"] if ttl and ttl["Enabled"] else None,
    }


def _tables_by_field(synth: Synth) -> dict[str, dict[str, Any]]:
    prefix = f"shanxi-internship-{synth.stage}-"
    tables = synth.resources("AWS::DynamoDB::Table").values()
    return {t["Properties"]["TableName"].removeprefix(prefix): t for t in tables}


def test_one_table_per_configured_table_and_no_other(prod: Synth) -> None:
    assert set(_tables_by_field(prod)) == set(TABLE_VARIABLES)


@pytest.mark.parametrize("name", sorted(MODELS_BY_TABLE))
def test_table_matches_its_model(prod: Synth, name: str) -> None:
    assert _from_template(_tables_by_field(prod)[name]) == _from_model(name)


def test_the_applications_table_has_the_seven_review_and_applicant_indexes(prod: Synth) -> None:
    indexes = _from_template(_tables_by_field(prod)["applications"])["global_indexes"]
    assert len(indexes) == 7


def test_idempotency_table_is_powertools_shape(prod: Synth) -> None:
    table = _from_template(_tables_by_field(prod)["idempotency"])
    assert table == {
        "keys": {"HASH": (IDEMPOTENCY_KEY, "S")},
        "global_indexes": {},
        "local_indexes": set(),
        "ttl": IDEMPOTENCY_TTL_ATTRIBUTE,
    }


def test_every_table_on_demand_with_pitr_and_the_stacks_own_key(prod: Synth) -> None:
    (key_id,) = prod.resources("AWS::KMS::Key")
    prod.assertions().all_resources_properties(
        "AWS::DynamoDB::Table",
        {
            "BillingMode": "PAY_PER_REQUEST",
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            "SSESpecification": {
                "SSEEnabled": True,
                "SSEType": "KMS",
                "KMSMasterKeyId": {"Fn::GetAtt": [key_id, "Arn"]},
            },
        },
    )


def test_the_key_rotates_and_outlives_the_stack(prod: Synth) -> None:
    prod.assertions().has_resource(
        "AWS::KMS::Key",
        {"Properties": Match.object_like({"EnableKeyRotation": True}), "DeletionPolicy": "Retain"},
    )


def test_prod_tables_are_protected_and_retained(prod: Synth) -> None:
    prod.assertions().all_resources(
        "AWS::DynamoDB::Table",
        {
            "Properties": Match.object_like({"DeletionProtectionEnabled": True}),
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
        },
    )


def test_dev_tables_can_be_torn_down(dev: Synth) -> None:
    for table in dev.resources("AWS::DynamoDB::Table").values():
        assert not table["Properties"].get("DeletionProtectionEnabled", False)
        assert table["DeletionPolicy"] == "Delete"
