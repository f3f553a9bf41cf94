"""The 消息中心 routes and the local SMS page answer as the OpenAPI document says (see test_openapi.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.test_openapi import PDF, PNG, Api, application_form, upload


@pytest.fixture
def api(client: Any, token: Any) -> Api:
    return Api(client, token)


def test_message_answers_conform(api: Api) -> None:
    empty = api.call("GET", "/v1/messages", 200, who="applicant")
    assert empty == {"items": [], "next_cursor": None}
    files = [upload(api, "id_card", "image/png", PNG), upload(api, "graduation_certificate", "application/pdf", PDF)]
    for attachment_id in files:
        api.call(
            "POST",
            "/v1/attachments/{attachment_id}/confirm",
            200,
            who="applicant",
            path={"attachment_id": attachment_id},
        )
    case = api.call("POST", "/v1/applications", 201, who="applicant", json_body=application_form(files))
    path = {"application_id": case["application_id"]}
    api.call(
        "POST",
        "/v1/admin/applications/{application_id}/reject",
        200,
        who="reviewer",
        path=path,
        json_body={"reason": "毕业证书照片不清晰"},
    )
    assert api.call("GET", "/v1/me", 200, who="applicant")["unread_messages"] == 2

    page = api.call("GET", "/v1/messages", 200, who="applicant", query={"limit": 1})
    assert page["items"][0]["title"] == "审核不通过" and page["next_cursor"]
    api.call("GET", "/v1/messages", 200, who="applicant", query={"cursor": page["next_cursor"], "limit": 1})
    api.error("GET", "/v1/messages", 400, "INVALID_CURSOR", who="applicant", query={"cursor": "x.y"})
    api.error("GET", "/v1/messages", 400, "MALFORMED_REQUEST", who="applicant", query={"unread": "1"})
    api.error("GET", "/v1/messages", 401, "UNAUTHENTICATED")

    read = "/v1/messages/{message_id}/read"
    message = {"message_id": page["items"][0]["message_id"]}
    assert api.call("POST", read, 200, who="applicant", path=message)["read_at"]
    api.call("POST", read, 200, who="applicant", path=message, headers={"Idempotency-Key": "read-1"})
    api.error("POST", read, 404, "MESSAGE_NOT_FOUND", who="stranger", path=message)
    unread = api.call("GET", "/v1/messages", 200, who="applicant", query={"unread": "true"})
    assert [m["kind"] for m in unread["items"]] == ["application_submitted"]
    done = api.call("POST", "/v1/messages/read-all", 200, who="applicant")
    assert done == {"marked_read": 1, "unread_messages": 0}
    api.error("POST", "/v1/messages/read-all", 401, "UNAUTHENTICATED")


def test_the_local_sms_page_exists_on_the_local_stage_only(
    api: Api, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from chalicelib.config import settings

    monkeypatch.setenv("SMS_LOG_PATH", str(tmp_path / "sms.log"))
    assert api.call("GET", "/v1/local/sms", 200) == {"items": []}
    api.error("GET", "/v1/local/sms", 400, "MALFORMED_REQUEST", query={"x": "1"})
    monkeypatch.setenv("STAGE", "prod")
    settings.cache_clear()
    api.error("GET", "/v1/local/sms", 404, "LOCAL_ONLY")


def test_saved_search_answers_conform(api: Api) -> None:
    path = "/v1/saved-searches"
    saved = api.call("POST", path, 201, who="applicant", json_body={"filters": {"city": "140100"}, "sms": True})
    api.call("POST", path, 201, who="applicant", json_body={"filters": {}}, headers={"Idempotency-Key": "s-1"})
    api.error("POST", path, 400, "INVALID_REGION", who="applicant", json_body={"filters": {"city": "110000"}})
    api.error("POST", path, 400, "MALFORMED_REQUEST", who="applicant", json_body={"filters": {"limit": "5"}})
    for i in range(3):
        api.call("POST", path, 201, who="applicant", json_body={"filters": {"keyword": f"词{i}"}})
    api.error("POST", path, 409, "SAVED_SEARCH_LIMIT_REACHED", who="applicant", json_body={"filters": {}})
    listed = api.call("GET", path, 200, who="applicant")
    assert listed["items"][0] == saved and len(listed["items"]) == 5
    api.error("GET", path, 400, "MALFORMED_REQUEST", who="applicant", query={"limit": 1})
    one = "/v1/saved-searches/{search_id}"
    api.call("DELETE", one, 204, who="applicant", path={"search_id": saved["search_id"]})
    api.call("DELETE", one, 204, who="stranger", path={"search_id": saved["search_id"]})
    api.error("GET", path, 401, "UNAUTHENTICATED")
