"""The local SMS page answers as the OpenAPI document says (see test_openapi.py), on the local stage only.

Its answer is the local sink's log lines as they are, not an answer Struct, so it is checked against the document
here; the 消息中心's and 岗位订阅's answers are Structs (chalicelib/answers/), which the document is walked from
(tests/unit/test_answers.py), and their behaviour is tested in test_messages_api.py and test_saved_searches_api.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.api.test_openapi import Api


@pytest.fixture
def api(client: Any, token: Any) -> Api:
    return Api(client, token)


def test_the_local_sms_page_exists_on_the_local_stage_only(
    api: Api, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from chalicelib.config import settings

    log = tmp_path / "sms.log"
    monkeypatch.setenv("SMS_LOG_PATH", str(log))
    assert api.call("GET", "/v1/local/sms", 200) == {"items": []}
    sent = {"at": "2026-11-27T09:00:00+08:00", "event_id": "e1", "phone": "13912345678", "kind": "k", "text": "王*雨"}
    log.write_text(json.dumps(sent, ensure_ascii=False) + "\n", encoding="utf-8")
    assert api.call("GET", "/v1/local/sms", 200) == {"items": [sent]}
    api.error("GET", "/v1/local/sms", 400, "MALFORMED_REQUEST", query={"x": "1"})
    monkeypatch.setenv("STAGE", "prod")
    settings.cache_clear()
    api.error("GET", "/v1/local/sms", 404, "LOCAL_ONLY")
