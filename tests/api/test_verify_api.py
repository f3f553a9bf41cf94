"""扫码验真 (GET /v1/verify/{application_id}): what anyone with a printed form's QR code learns, and no more."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests import flows
from tests.api.test_openapi import conform
from tests.conftest import body

TEMPLATE = "/v1/verify/{application_id}"


def verify(client: Any, application_id: str, **headers: str) -> Any:
    response = client.http.get(f"/v1/verify/{application_id}", headers=headers)
    conform(TEMPLATE, "GET", response)
    return response


def test_a_genuine_form_shows_its_status_and_masked_identity_without_sign_in(client: Any, token: Any) -> None:
    who = flows.person(token, name="王晓雨")
    case = flows.submitted(client, who)
    response = verify(client, case)
    assert response.status_code == 200
    answer = body(response)
    assert answer == {
        "application_id": case,
        "genuine": True,
        "status": "pending",
        "status_label": "未审核",
        "name_masked": "王*雨",
        "id_number_masked": who.id_number[:6] + "********" + who.id_number[-4:],
        "submitted_at": answer["submitted_at"],
        "locality": {"code": "140105", "name": "太原市小店区"},
    }
    assert response.headers["Cache-Control"] == "public, max-age=60"


def test_the_answer_follows_the_case_and_holds_no_other_personal_data(client: Any, token: Any) -> None:
    who = flows.person(token, name="欧阳晓娜")
    case = flows.submitted(client, who)
    flows.post(client, f"/v1/admin/applications/{case}/approve", flows.reviewer(token), {})
    response = verify(client, case)
    answer = body(response)
    assert (answer["status"], answer["status_label"], answer["name_masked"]) == ("approved", "审核通过", "欧**娜")
    raw = response.body.decode()
    form = flows.graduate_form(who, [])
    secrets = (who.id_number, who.name, form["phone"], form["address"], form["school"], who.sub)
    assert [secret for secret in secrets if secret in raw] == []


@pytest.mark.parametrize("unknown", ["0" * 32, "not-an-id", "F" * 32])
def test_an_unknown_form_is_404_in_the_envelope(client: Any, unknown: str) -> None:
    response = verify(client, unknown)
    assert response.status_code == 404
    error = body(response)["error"]
    assert (error["code"], error["message"]) == ("APPLICATION_NOT_FOUND", "申请不存在")
    assert response.headers["Cache-Control"] == "no-store"


def test_the_web_client_may_read_it_from_the_browser(client: Any, token: Any, monkeypatch: Any) -> None:
    from chalicelib.config import settings

    monkeypatch.setenv("ALLOWED_ORIGINS", "http://127.0.0.1:8080")
    settings.cache_clear()
    case = flows.submitted(client, flows.person(token))
    response = verify(client, case, Origin="http://127.0.0.1:8080")
    assert response.headers["Access-Control-Allow-Origin"] == "http://127.0.0.1:8080"
    assert json.loads(response.body)["genuine"] is True


def test_it_reads_one_item(client: Any, token: Any) -> None:
    from chalicelib.adapters.models import Application

    case = flows.submitted(client, flows.person(token))
    calls: list[str] = []
    original = Application.get

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append("GetItem")
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Application, "get", counting)
        assert verify(client, case).status_code == 200
    assert calls == ["GetItem"]
