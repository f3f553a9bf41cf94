"""消息中心 over the routes: a person learns of each step of their case without asking, and reads it. Each answer
and the wiring; what each step says, paging and unread counts on the fakes: tests/services/test_messages.py."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests import flows
from tests.conftest import body
from tests.flows import Person


@pytest.fixture
def wang(token: Any) -> Person:
    return flows.person(token, sub="u-wang", name="王晓雨", birth=date(2004, 4, 12))


@pytest.fixture
def reviewer(token: Any) -> str:
    return flows.reviewer(token)


def messages(client: Any, who: Person, query: str = "") -> list[dict[str, Any]]:
    answer = flows.get(client, f"/v1/messages{query}", who.token)
    assert answer.status_code == 200, answer.body
    return list(body(answer)["items"])


def unread(client: Any, who: Person) -> int:
    return int(body(flows.get(client, "/v1/me", who.token))["unread_messages"])


def decide(client: Any, reviewer: str, application_id: str, decision: str, payload: dict[str, str]) -> None:
    answer = flows.post(client, f"/v1/admin/applications/{application_id}/{decision}", reviewer, payload)
    assert answer.status_code == 200, answer.body


def test_submission_and_approval_are_told_with_the_comment_newest_first(
    client: Any, wang: Person, reviewer: str
) -> None:
    assert unread(client, wang) == 0
    application_id = flows.submitted(client, wang)
    decide(client, reviewer, application_id, "approve", {"comment": "材料齐全，同意"})

    listed = messages(client, wang)
    assert [m["title"] for m in listed] == ["审核通过", "申报成功，等待审核"]
    assert "材料齐全，同意" in listed[0]["text"]
    assert listed[0]["link"] == f"/v1/applications/{application_id}"
    assert listed[0]["kind"] == "application_approved" and listed[0]["read_at"] is None
    assert "小店区" in listed[1]["text"]
    assert unread(client, wang) == 2


def test_reading_one_is_idempotent_and_counts_once(client: Any, wang: Person, reviewer: str) -> None:
    application_id = flows.submitted(client, wang)
    decide(client, reviewer, application_id, "approve", {})
    newest = messages(client, wang)[0]["message_id"]
    first = flows.post(client, f"/v1/messages/{newest}/read", wang.token)
    again = flows.post(client, f"/v1/messages/{newest}/read", wang.token)
    assert first.status_code == again.status_code == 200
    assert body(first)["read_at"] is not None and body(again)["read_at"] == body(first)["read_at"]
    assert unread(client, wang) == 1
    assert [m["message_id"] for m in messages(client, wang, "?unread=true")] != [newest]
    assert len(messages(client, wang, "?unread=true")) == 1


def test_read_all_leaves_nothing_unread(client: Any, wang: Person) -> None:
    application_id = flows.submitted(client, wang)
    flows.withdraw(client, wang.token, application_id)
    answer = flows.post(client, "/v1/messages/read-all", wang.token)
    assert answer.status_code == 200
    assert body(answer) == {"marked_read": 2, "unread_messages": 0}
    assert messages(client, wang, "?unread=true") == []
    assert all(m["read_at"] for m in messages(client, wang))
    assert body(flows.post(client, "/v1/messages/read-all", wang.token)) == {"marked_read": 0, "unread_messages": 0}


def test_another_persons_message_is_404(client: Any, wang: Person, token: Any) -> None:
    flows.submitted(client, wang)
    mine = messages(client, wang)[0]["message_id"]
    other = flows.person(token, sub="u-li", name="李四", serial=211)
    answer = flows.post(client, f"/v1/messages/{mine}/read", other.token)
    assert answer.status_code == 404
    assert body(answer)["error"] == {
        "code": "MESSAGE_NOT_FOUND",
        "message": "消息不存在",
        "request_id": body(answer)["error"]["request_id"],
    }
    assert messages(client, wang)[0]["read_at"] is None
    assert flows.post(client, "/v1/messages/not-an-id/read", wang.token).status_code == 404


def test_the_list_pages_with_a_signed_cursor(client: Any, wang: Person) -> None:
    for _ in range(3):
        flows.withdraw(client, wang.token, flows.submitted(client, wang))
    first = body(flows.get(client, "/v1/messages?limit=4", wang.token))
    assert len(first["items"]) == 4 and first["next_cursor"]
    rest = body(flows.get(client, f"/v1/messages?limit=4&cursor={first['next_cursor']}", wang.token))
    assert len(rest["items"]) == 2 and rest["next_cursor"] is None
    everything = [m["created_at"] + m["message_id"] for m in first["items"] + rest["items"]]
    assert everything == sorted(everything, reverse=True)
    other_query = flows.get(client, f"/v1/messages?unread=true&cursor={first['next_cursor']}", wang.token)
    assert other_query.status_code == 400 and body(other_query)["error"]["code"] == "INVALID_CURSOR"


@pytest.mark.parametrize("query", ["?unread=yes", "?limit=0", "?colour=red"])
def test_bad_filters_are_400(client: Any, wang: Person, query: str) -> None:
    answer = flows.get(client, f"/v1/messages{query}", wang.token)
    assert answer.status_code == 400
    assert body(answer)["error"]["code"] == "MALFORMED_REQUEST"


def test_messages_need_a_sign_in(client: Any) -> None:
    assert client.http.get("/v1/messages").status_code == 401
