"""scripts/moto_atomic.py: moto with DynamoDB's per-request atomicity, giving the same answers as stock moto."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from typing import Any

import boto3
import moto
import pytest
from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table

from scripts import moto_atomic, moto_query

TABLE = "atomic-test"


@pytest.fixture
def dynamodb(aws: None) -> Iterator[Any]:
    client = boto3.client("dynamodb")
    client.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
            {"AttributeName": "g", "AttributeType": "S"},
            {"AttributeName": "n", "AttributeType": "N"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by_g",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}, {"AttributeName": "n", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    yield client


def _put(client: Any, pk: str, sk: str, **extra: Any) -> None:
    item = {"pk": {"S": pk}, "sk": {"S": sk}, **extra}
    client.put_item(TableName=TABLE, Item=item)


def _all(client: Any) -> list[dict[str, Any]]:
    return sorted(client.scan(TableName=TABLE)["Items"], key=lambda i: (i["pk"]["S"], i["sk"]["S"]))


def _cancelled(client: Any, items: list[dict[str, Any]]) -> list[str]:
    with pytest.raises(client.exceptions.TransactionCanceledException) as raised:
        client.transact_write_items(TransactItems=items)
    return [reason["Code"] for reason in raised.value.response["CancellationReasons"]]


def test_a_cancelled_transaction_puts_back_exactly_what_it_wrote(dynamodb: Any) -> None:
    _put(dynamodb, "a", "1", v={"N": "1"})
    _put(dynamodb, "a", "2", v={"N": "2"})
    _put(dynamodb, "b", "1", v={"N": "3"})
    before = _all(dynamodb)

    codes = _cancelled(
        dynamodb,
        [
            {"Put": {"TableName": TABLE, "Item": {"pk": {"S": "c"}, "sk": {"S": "1"}}}},
            {"Delete": {"TableName": TABLE, "Key": {"pk": {"S": "a"}, "sk": {"S": "2"}}}},
            {
                "Update": {
                    "TableName": TABLE,
                    "Key": {"pk": {"S": "a"}, "sk": {"S": "1"}},
                    "UpdateExpression": "SET v = v + :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            },
            {
                "ConditionCheck": {
                    "TableName": TABLE,
                    "Key": {"pk": {"S": "b"}, "sk": {"S": "1"}},
                    "ConditionExpression": "v = :nine",
                    "ExpressionAttributeValues": {":nine": {"N": "9"}},
                }
            },
        ],
    )

    assert codes == ["None", "None", "None", "ConditionalCheckFailed"]
    assert _all(dynamodb) == before


def test_a_cancelled_transaction_keeps_what_other_requests_wrote_meanwhile(
    dynamodb: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stock moto restores a copy of every table taken before the transaction: a write that landed while it ran
    (on stock moto nothing stops one) vanished with it. Here the write lands between two of its items."""
    backend = dynamodb_backends[DEFAULT_ACCOUNT_ID][dynamodb.meta.region_name]
    table = backend.get_table(TABLE)
    _put(dynamodb, "lock", "0")
    original_get_item = DynamoDBBackend.get_item

    def get_item_then_another_request_writes(self: Any, table_name: str, key: dict[str, Any], *a: Any) -> Any:
        found = original_get_item(self, table_name, key, *a)
        if key["pk"]["S"] == "lock":
            table.put_item({"pk": {"S": "other"}, "sk": {"S": "meanwhile"}})
        return found

    monkeypatch.setattr(DynamoDBBackend, "get_item", get_item_then_another_request_writes)
    codes = _cancelled(
        dynamodb,
        [
            {"Put": {"TableName": TABLE, "Item": {"pk": {"S": "tx"}, "sk": {"S": "0"}}}},
            {
                "ConditionCheck": {
                    "TableName": TABLE,
                    "Key": {"pk": {"S": "lock"}, "sk": {"S": "0"}},
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
        ],
    )

    assert codes == ["None", "ConditionalCheckFailed"]
    assert [(i["pk"]["S"], i["sk"]["S"]) for i in _all(dynamodb)] == [("lock", "0"), ("other", "meanwhile")]


def test_one_of_many_parallel_conditional_writes_wins(dynamodb: Any) -> None:
    barrier = threading.Barrier(12)
    outcomes: list[str] = []

    def claim(who: int) -> None:
        barrier.wait()
        try:
            dynamodb.put_item(
                TableName=TABLE,
                Item={"pk": {"S": "claim"}, "sk": {"S": "0"}, "who": {"N": str(who)}},
                ConditionExpression="attribute_not_exists(pk)",
            )
            outcomes.append("won")
        except dynamodb.exceptions.ConditionalCheckFailedException:
            outcomes.append("refused")

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["refused"] * 11 + ["won"]


def _queries() -> list[dict[str, Any]]:
    by_pk = {"KeyConditionExpression": "pk = :p"}
    return [
        {**by_pk, "ExpressionAttributeValues": {":p": {"S": "p1"}}},
        {**by_pk, "ExpressionAttributeValues": {":p": {"S": "p2"}}, "ScanIndexForward": False, "Limit": 7},
        {**by_pk, "ExpressionAttributeValues": {":p": {"S": "p2"}}, "Limit": 5, "_pages": True},
        {
            **by_pk,
            "ExpressionAttributeValues": {":p": {"S": "p1"}},
            "Limit": 4,
            "ScanIndexForward": False,
            "_pages": True,
        },
        {  # a start key from another partition (a forged cursor): moto's own answer
            **by_pk,
            "ExpressionAttributeValues": {":p": {"S": "p2"}},
            "ExclusiveStartKey": {"pk": {"S": "p1"}, "sk": {"S": "150"}},
        },
        {
            **by_pk,
            "ExpressionAttributeValues": {":p": {"S": "p3"}},
            "ExclusiveStartKey": {"pk": {"S": "p3"}, "sk": {"S": "100"}},
        },
        {
            "KeyConditionExpression": "pk = :p AND begins_with(sk, :s)",
            "ExpressionAttributeValues": {":p": {"S": "p3"}, ":s": {"S": "1"}},
        },
        {**by_pk, "ExpressionAttributeValues": {":p": {"S": "nobody"}}},
        {
            "IndexName": "by_g",
            "KeyConditionExpression": "g = :g AND n > :n",
            "ExpressionAttributeValues": {":g": {"S": "x"}, ":n": {"N": "10"}},
            "ScanIndexForward": False,
            "Limit": 6,
            "_pages": True,
        },
        {
            "IndexName": "by_g",
            "KeyConditionExpression": "g = :g",
            "FilterExpression": "pk = :p",
            "ExpressionAttributeValues": {":g": {"S": "y"}, ":p": {"S": "p1"}},
        },
    ]


def _answers(client: Any) -> list[list[dict[str, Any]]]:
    answers = []
    for query in _queries():
        params = {k: v for k, v in query.items() if not k.startswith("_")}
        pages = []
        start: dict[str, Any] | None = query.get("ExclusiveStartKey")
        params.pop("ExclusiveStartKey", None)
        while True:
            page = client.query(TableName=TABLE, **params, **({"ExclusiveStartKey": start} if start else {}))
            pages.append({"Items": page["Items"], "Count": page["Count"], "Last": page.get("LastEvaluatedKey")})
            start = page.get("LastEvaluatedKey")
            if not start or not query.get("_pages"):
                break
        answers.append(pages)
    return answers


def _write_phases(client: Any, rng: random.Random) -> Iterator[str]:
    """Puts and overwrites, deletes, updates, transactions (one cancelled): each phase across the partitions."""
    for _ in range(20):
        n = rng.randint(0, 40)
        _put(client, f"p{rng.randint(1, 3)}", f"{rng.randint(0, 300):03d}", g={"S": "xy"[n % 2]}, n={"N": str(n)})
    yield "puts"
    for item in _all(client)[::9]:
        client.delete_item(TableName=TABLE, Key={"pk": item["pk"], "sk": item["sk"]})
    yield "deletes"
    for item in _all(client)[::7]:
        client.update_item(
            TableName=TABLE,
            Key={"pk": item["pk"], "sk": item["sk"]},
            UpdateExpression="SET n = :n",
            ExpressionAttributeValues={":n": {"N": "41"}},
        )
    yield "updates"
    client.transact_write_items(
        TransactItems=[{"Put": {"TableName": TABLE, "Item": {"pk": {"S": "p2"}, "sk": {"S": "999"}}}}]
    )
    yield "a transaction"
    # In a partition nothing else here touches, and among what the p3 queries return.
    first = next(i for i in _all(client) if i["pk"]["S"] == "p3" and i["sk"]["S"] >= "150")
    _cancelled(
        client,
        [
            {"Put": {"TableName": TABLE, "Item": {"pk": {"S": "p1"}, "sk": {"S": "998"}}}},
            {
                "Update": {
                    "TableName": TABLE,
                    "Key": {"pk": first["pk"], "sk": first["sk"]},
                    "UpdateExpression": "SET n = :n",
                    "ExpressionAttributeValues": {":n": {"N": "-1"}},
                }
            },
            {"Delete": {"TableName": TABLE, "Key": {"pk": {"S": "p2"}, "sk": {"S": "999"}}}},
            {
                "ConditionCheck": {
                    "TableName": TABLE,
                    "Key": {"pk": {"S": "p3"}, "sk": {"S": "nothing"}},
                    "ConditionExpression": "attribute_exists(pk)",
                }
            },
        ],
    )
    yield "a cancelled transaction"


def _stock_answers(client: Any) -> list[list[dict[str, Any]]]:
    """The same queries on moto as shipped (the writes stay in place; only reads run unpatched)."""
    with pytest.MonkeyPatch.context() as stock:
        stock.setattr(Table, "query", moto_query._original_query)
        stock.setattr(Table, "all_items", moto_query._original_all_items)
        stock.setattr(DynamoType, "cast_value", property(moto_query._original_cast_value))
        return _answers(client)


def test_queries_answer_exactly_as_stock_moto_does_after_every_kind_of_write(dynamodb: Any) -> None:
    rng = random.Random(13)
    rows = [(f"p{rng.randint(1, 3)}", f"{rng.randint(0, 300):03d}", rng.randint(0, 40)) for _ in range(150)]
    for pk, sk, n in rows:
        _put(dynamodb, pk, sk, g={"S": "xy"[n % 2]}, n={"N": str(n)})
    ours = _answers(dynamodb)  # the partitions are now sorted and kept: every write below must be seen
    assert ours == _stock_answers(dynamodb)
    assert sum(len(page["Items"]) for pages in ours for page in pages) > 50  # the queries found something
    for phase in _write_phases(dynamodb, rng):
        assert _answers(dynamodb) == _stock_answers(dynamodb), f"after {phase}"


def test_install_refuses_a_moto_it_was_not_written_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(moto_atomic, "_installed", False)
    monkeypatch.setattr(moto, "__version__", "9.9.9")
    with pytest.raises(RuntimeError, match=r"moto 5\.2\.5, found 9\.9\.9"):
        moto_atomic.install()
    assert DynamoDBBackend.transact_write_items is moto_atomic.transact_write_items  # still the patched one
