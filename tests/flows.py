"""The applicant's journey as test helpers: sign in, upload and confirm an attachment, submit the form.

Each helper takes the Chalice test client and a bearer token, and goes through the real routes, so a test reads
like the user manual's flow (3.2.2): fill in the form, upload each attachment until its bar turns green, submit.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import pytest
import requests

from scripts import factories
from tests.conftest import body

# The smallest bytes that carry each type's own signature.
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
CONTENT = {"application/pdf": PDF, "image/png": PNG, "image/jpeg": JPEG}

TokenFactory = Callable[..., str]
Key = TypeVar("Key")


def auth(token: str, **headers: str) -> dict[str, str]:
    return factories.json_headers(token, **headers)


def post(client: Any, path: str, token: str, payload: Any = None, **headers: str) -> Any:
    raw = "" if payload is None else json.dumps(payload, ensure_ascii=False)
    return client.http.post(path, headers=auth(token, **headers), body=raw)


def get(client: Any, path: str, token: str) -> Any:
    return client.http.get(path, headers=auth(token))


def delete(client: Any, path: str, token: str) -> Any:
    return client.http.delete(path, headers=auth(token))


def refusals(answers: Mapping[Key, Any]) -> dict[Key, tuple[int, str | None]]:
    """Each answer's status and error code, under its key: one assert over several refusals of one scenario names
    every one that differs, where a loop of asserts would stop at the first."""
    return {key: (answer.status_code, body(answer).get("error", {}).get("code")) for key, answer in answers.items()}


def field_errors(response: Any) -> dict[str, list[str]]:
    """{field: [code, ...]} of a 422 answer; every message must be Chinese."""
    assert response.status_code == 422, response.body
    found: dict[str, list[str]] = {}
    for detail in body(response)["error"].get("details", []):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in detail["message"]), detail
        found.setdefault(detail["field"], []).append(detail["code"])
    return found


# ----------------------------------------------------------------------------------------------- people


@dataclass(frozen=True)
class Person:
    sub: str
    name: str
    id_number: str
    token: str

    @property
    def birth(self) -> date:
        return date(int(self.id_number[6:10]), int(self.id_number[10:12]), int(self.id_number[12:14]))


def person(
    token: TokenFactory, sub: str = "u-zhang", name: str = "张三", birth: date = date(2003, 5, 17), serial: int = 123
) -> Person:
    number = factories.id_number(birth, serial=serial)
    return Person(sub, name, number, token(sub=sub, name=name, id_number=number))


def reviewer(token: TokenFactory, region: str = "140100", sub: str = "r-taiyuan") -> str:
    return token(sub=sub, name="审核员", roles=["reviewer"], region=region)


# ----------------------------------------------------------------------------------------------- attachments


def request_upload(
    client: Any,
    token: str,
    *,
    kind: str = "id_card",
    content_type: str = "application/pdf",
    size: int | None = None,
    filename: str = "身份证.pdf",
    headers: dict[str, str] | None = None,
) -> Any:
    declared = len(CONTENT.get(content_type, PDF)) if size is None else size
    payload = {"kind": kind, "filename": filename, "content_type": content_type, "size": declared}
    return post(client, "/v1/attachments", token, payload, **(headers or {}))


def put_file(upload: dict[str, Any], content: bytes, content_type: str, filename: str = "file") -> None:
    """What a browser does with the upload form: a multipart POST of `fields` plus `file` (moto stores it)."""
    answer = requests.post(
        upload["url"], data=upload["fields"], files={"file": (filename, content, content_type)}, timeout=10
    )
    assert answer.status_code in (200, 201, 204), answer.text


def confirm(client: Any, token: str, attachment_id: str) -> Any:
    return post(client, f"/v1/attachments/{attachment_id}/confirm", token)


def uploaded(
    client: Any, token: str, kind: str = "id_card", content_type: str = "application/pdf", content: bytes | None = None
) -> str:
    """Request an upload form, upload the file, confirm it: the bar turns green. Returns the attachment id."""
    data = CONTENT[content_type] if content is None else content
    created = request_upload(client, token, kind=kind, content_type=content_type, size=len(data))
    assert created.status_code == 201, created.body
    answer = body(created)
    put_file(answer["upload"], data, content_type)
    confirmed = confirm(client, token, answer["attachment_id"])
    assert confirmed.status_code == 200, confirmed.body
    assert body(confirmed)["status"] == "uploaded"
    return str(answer["attachment_id"])


def awaiting(client: Any, token: str, kind: str = "id_card") -> str:
    """An attachment whose upload form was issued but nothing was uploaded."""
    created = request_upload(client, token, kind=kind)
    assert created.status_code == 201, created.body
    return str(body(created)["attachment_id"])


# ----------------------------------------------------------------------------------------------- applications


def graduate_form(who: Person, files: list[str], graduated: date | None = None, **changes: Any) -> dict[str, Any]:
    """A valid graduate's form of `who` (scripts/factories.py's); graduated about seven months ago unless said."""
    return factories.graduate_form(who.name, who.id_number, files, graduated, **changes)


def youth_form(who: Person, files: list[str], **changes: Any) -> dict[str, Any]:
    return factories.youth_form(who.name, who.id_number, files, **changes)


def graduate_attachments(client: Any, token: str) -> list[str]:
    return [uploaded(client, token, "id_card"), uploaded(client, token, "graduation_certificate", "image/png")]


def youth_attachments(client: Any, token: str) -> list[str]:
    return [uploaded(client, token, "id_card", "image/jpeg"), uploaded(client, token, "unemployment_registration")]


def submit(client: Any, token: str, form: dict[str, Any], **headers: str) -> Any:
    return post(client, "/v1/applications", token, form, **headers)


def submitted(client: Any, who: Person, attachments: list[str] | None = None, **changes: Any) -> str:
    """A pending graduate application of `who`; returns its id."""
    ids = graduate_attachments(client, who.token) if attachments is None else attachments
    answer = submit(client, who.token, graduate_form(who, ids, **changes))
    assert answer.status_code == 201, answer.body
    return str(body(answer)["application_id"])


def withdraw(client: Any, token: str, application_id: str) -> Any:
    return post(client, f"/v1/applications/{application_id}/withdraw", token)


# ----------------------------------------------------------------------------------------------- time


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def set_clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """Submissions, withdrawals and reviews happen at `moment` (aware) until the clock is set again."""
    for module in ("applications", "review"):
        monkeypatch.setattr(f"chalicelib.api.{module}.utc_now", lambda: moment)
