"""见习岗位录入及维护 through the real routing: the trainee's positions of the locality, and favourites.

Each answer of API.md's table: 201 added, 200 already there, 403 NOT_TRAINEE with the manual's message, 409 at
three, 422 outside the locality, 409 closed, 404 unknown, 204 on delete (also when it was not a favourite),
and a position closed since stays listed with status closed.
"""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib import wiring
from chalicelib.domain.principal import Principal
from chalicelib.services import positions
from scripts.stored_factories import MANAGER, NOW, approved_trainee, new_position, person, submitted
from tests.conftest import body


class Caller:
    def __init__(self, client: Any, token: Any, who: Principal) -> None:
        self.client = client
        self.headers = {"Authorization": "Bearer " + token(sub=who.subject, name=who.name, id_number=who.id_number)}

    def put(self, position_id: str) -> Any:
        return self.client.http.put(f"/v1/favourites/{position_id}", headers=self.headers)

    def delete(self, position_id: str) -> Any:
        return self.client.http.delete(f"/v1/favourites/{position_id}", headers=self.headers)

    def get(self, path: str) -> Any:
        return self.client.http.get(path, headers=self.headers)


@pytest.fixture
def trainee(client: Any, token: Any) -> Caller:
    someone = person("fav-api", 7)
    approved_trainee(someone, locality="140105")
    return Caller(client, token, someone)


def error_of(response: Any) -> dict[str, Any]:
    return dict(body(response)["error"])


def test_a_favourite_is_added_once_and_listed(trainee: Caller) -> None:
    position_id = new_position("140105")
    first = trainee.put(position_id)
    assert first.status_code == 201
    assert body(first)["position_id"] == position_id and body(first)["favourited_at"]
    again = trainee.put(position_id)
    assert again.status_code == 200 and body(again)["favourited_at"] == body(first)["favourited_at"]
    listed = body(trainee.get("/v1/favourites"))
    assert [item["position_id"] for item in listed["items"]] == [position_id] and listed["next_cursor"] is None


def test_three_is_the_limit_and_a_removed_one_frees_a_place(trainee: Caller) -> None:
    ids = [new_position("140105", f"岗位{i}") for i in range(4)]
    assert [trainee.put(i).status_code for i in ids[:3]] == [201, 201, 201]
    fourth = trainee.put(ids[3])
    assert fourth.status_code == 409
    assert error_of(fourth)["code"] == "FAVOURITE_LIMIT_REACHED" and error_of(fourth)["message"] == "最多收藏三个岗位"
    assert trainee.delete(ids[0]).status_code == 204
    assert trainee.delete(ids[0]).status_code == 204  # not a favourite any more: the same answer
    assert trainee.put(ids[3]).status_code == 201
    assert len(body(trainee.get("/v1/favourites"))["items"]) == 3


def test_someone_not_yet_approved_is_told_they_are_not_a_trainee(client: Any, token: Any) -> None:
    waiting = person("pending-api", 8)
    submitted(waiting, locality="140105")
    caller = Caller(client, token, waiting)
    refused = caller.put(new_position("140105"))
    assert refused.status_code == 403
    assert error_of(refused) | {"request_id": ""} == {
        "code": "NOT_TRAINEE",
        "message": "该人员不是就业见习人员",
        "request_id": "",
    }
    # A pending application already shows the positions of the locality (API.md), favourites wait for approval.
    assert caller.get("/v1/trainee/positions").status_code == 200


def test_nobody_without_a_live_application_sees_trainee_positions(client: Any, token: Any) -> None:
    stranger = Caller(client, token, person("stranger-api", 9))
    answer = stranger.get("/v1/trainee/positions")
    assert answer.status_code == 403 and error_of(answer)["code"] == "NOT_TRAINEE"
    assert stranger.get("/v1/favourites").status_code == 200  # an empty list, not an error
    assert body(stranger.get("/v1/favourites"))["items"] == []


def test_outside_the_locality_closed_and_unknown_positions_are_refused(trainee: Caller) -> None:
    outside = trainee.put(new_position("140106"))  # 迎泽区, not the trainee's 小店区
    assert outside.status_code == 422 and error_of(outside)["code"] == "POSITION_OUTSIDE_LOCALITY"
    closed_id = new_position("140105")
    positions.close(MANAGER, closed_id, NOW, ports=wiring.ports())
    closed = trainee.put(closed_id)
    assert closed.status_code == 409 and error_of(closed)["code"] == "POSITION_CLOSED"
    unknown = trainee.put("0" * 32)
    assert unknown.status_code == 404 and error_of(unknown)["code"] == "POSITION_NOT_FOUND"
    assert trainee.put("not-an-id").status_code == 404


def test_trainee_positions_are_the_localitys_and_no_others(trainee: Caller) -> None:
    """The wiring: the caller's locality and the filters (which positions each shows: tests/services/
    test_favourites.py)."""
    mine = new_position("140105", "会计助理")
    new_position("140106", "会计助理")
    found = body(trainee.get("/v1/trainee/positions?keyword=%E4%BC%9A%E8%AE%A1"))  # 会计
    assert [item["position_id"] for item in found["items"]] == [mine]
    assert trainee.get("/v1/trainee/positions?city=140100").status_code == 400  # not a filter here


def test_trainee_positions_page_with_a_cursor_bound_to_the_locality(trainee: Caller) -> None:
    created = {new_position("140105", f"岗位{i}") for i in range(5)}
    first = body(trainee.get("/v1/trainee/positions?limit=3"))
    rest = body(trainee.get(f"/v1/trainee/positions?limit=3&cursor={first['next_cursor']}"))
    assert {i["position_id"] for i in first["items"] + rest["items"]} == created and rest["next_cursor"] is None
    tampered = trainee.get(f"/v1/trainee/positions?limit=3&cursor={first['next_cursor']}x")
    assert tampered.status_code == 400 and error_of(tampered)["code"] == "INVALID_CURSOR"


def test_one_idempotency_key_is_scoped_to_the_operation_and_the_positions_id(trainee: Caller) -> None:
    """The key's scope is the operationId and the path's id: the same key on another position, or on removing,
    is a new request; on the same position and operation it answers the first success again."""
    first, second = new_position("140105", "岗位甲"), new_position("140105", "岗位乙")
    keyed = {**trainee.headers, "Idempotency-Key": "one-key"}
    put = trainee.client.http.put
    assert put(f"/v1/favourites/{first}", headers=keyed).status_code == 201
    assert put(f"/v1/favourites/{second}", headers=keyed).status_code == 201
    assert trainee.client.http.delete(f"/v1/favourites/{first}", headers=keyed).status_code == 204
    repeat = put(f"/v1/favourites/{first}", headers=keyed)
    assert (repeat.status_code, body(repeat)["position_id"]) == (201, first)  # the first answer, though removed
    listed = body(trainee.get("/v1/favourites"))
    assert [item["position_id"] for item in listed["items"]] == [second]
