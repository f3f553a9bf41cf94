"""The OpenAPI document: a valid document, complete against the live routes, served, and true to real answers.

The conformance tests drive real requests through the Chalice test client (on moto) and validate every answer,
body and headers, against what the document says for that path, method and status. Object schemas are made
strict for the check (no undocumented fields), so a field added to or dropped from an answer fails here until the
document says so. Error codes must be among the operation's `x-error-codes`.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode

import pytest
from openapi_schema_validator import OAS31Validator, oas31_format_checker
from openapi_spec_validator import validate as validate_spec

from app import app
from chalicelib.domain.clock import CHINA
from chalicelib.domain.credit_code import check_character as credit_check_char
from chalicelib.domain.identity import id_check_char
from chalicelib.openapi import document
from tests.conftest import body

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}

SUBJECT = "u-zhang"
NAME = "张三"
ID_NUMBER = "14010520000101123" + id_check_char("14010520000101123")
LOCALITY = "140105"  # 太原市小店区
NEIGHBOUR = "140106"  # 太原市迎泽区
CITY = "140100"


def credit_code(serial: int = 1) -> str:
    first17 = f"9114010{serial:010d}"
    return first17 + credit_check_char(first17)


def wrong_check_char(code: str) -> str:
    return code[:17] + ("1" if code[17] != "1" else "2")


def china_today() -> datetime:
    return datetime.now(CHINA)


def position_body(**changes: Any) -> dict[str, Any]:
    return {
        "title": "软件开发见习生",
        "employer_name": "山西示例科技有限公司",
        "employer_credit_code": credit_code(),
        "industry": "I",
        "county_code": LOCALITY,
        "address": "太原市小店区长治路1号",
        "headcount": 3,
        "education": "bachelor",
        "majors": ["计算机科学与技术", "软件工程"],
        "description": "参与业务系统开发与测试。",
        "stipend_yuan_per_month": 2000,
        "duration_months": 6,
        "deadline": (china_today() + timedelta(days=30)).date().isoformat(),
        "contact_name": "李老师",
        "contact_phone": "0351-7731427",
        **changes,
    }


# ------------------------------------------------------------------------------------------------ helpers


def live_routes() -> set[tuple[str, str]]:
    from app import app

    # Every path also answers OPTIONS for CORS preflight (chalicelib/api/cors.py), described once in the
    # document's conventions rather than as 24 more operations.
    return {(path, method.upper()) for path, methods in app.routes.items() for method in methods if method != "OPTIONS"}


def documented_routes() -> set[tuple[str, str]]:
    return {
        (path, method.upper())
        for path, item in document(app)["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local `$ref` (responses, headers, parameters) to its target."""
    while "$ref" in node:
        target: Any = document(app)
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def strict(node: Any) -> Any:
    """A copy in which every object schema with listed properties refuses undocumented ones."""
    if isinstance(node, list):
        return [strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    copied = {key: strict(value) for key, value in node.items()}
    kind = copied.get("type")
    is_object = kind == "object" or (isinstance(kind, list) and "object" in kind)
    if is_object and "properties" in copied and "additionalProperties" not in copied:
        copied["additionalProperties"] = False
    return copied


_STRICT_COMPONENTS: dict[str, Any] = {}


def validate_json(instance: Any, schema: dict[str, Any]) -> None:
    """Validate against a schema of the document, `$ref`s resolved against the document's components."""
    if not _STRICT_COMPONENTS:
        _STRICT_COMPONENTS.update(strict(copy.deepcopy(document(app)["components"])))
    root = {**strict(schema), "components": _STRICT_COMPONENTS}
    validator = OAS31Validator(root, format_checker=oas31_format_checker)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def conform(template: str, method: str, response: Any) -> Any:
    """Check an answer against the document; returns the parsed JSON body (None for 204 and PDFs)."""
    operation = document(app)["paths"][template][method.lower()]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method} {template}: status {status} is not documented"
    spec = resolve(operation["responses"][status])
    headers = {name.lower(): value for name, value in response.headers.items()}
    for name, declared in spec.get("headers", {}).items():
        header = resolve(declared)
        value = headers.get(name.lower())
        if header.get("required"):
            assert value is not None, f"{method} {template} {status}: header {name} missing"
        if value is not None:
            validate_json(value, header["schema"])
    content = spec.get("content")
    if not content:
        assert not response.body, f"{method} {template} {status}: body where none is documented"
        return None
    media = headers["content-type"].split(";")[0].strip()
    assert media in content, f"{method} {template} {status}: {media} is not documented"
    if media == "application/pdf":
        assert response.body.startswith(b"%PDF-")
        return None
    parsed = body(response)
    validate_json(parsed, content[media]["schema"])
    if response.status_code >= 400:
        error = parsed["error"]
        assert error["code"] in operation["x-error-codes"][status], (
            f"{method} {template} {status}: {error['code']} is not documented"
        )
        # The message a person reads is one the document gives under that status (both from chalicelib.errors);
        # the errors many operations share are explained once, in the document's description.
        explained = operation["responses"][status]["description"] + document(app)["info"]["description"]
        assert error["message"] in explained, error
    return parsed


class Api:
    """Requests through the Chalice test client, each answer checked against the document."""

    def __init__(self, client: Any, token: Any) -> None:
        self.client = client
        self.tokens = {
            "applicant": token(sub=SUBJECT, name=NAME, id_number=ID_NUMBER),
            "stranger": token(
                sub="u-li", name="李四", id_number="14010519990101002" + id_check_char("14010519990101002")
            ),
            "manager": token(sub="m1", name="王五", roles=["position_manager"], region=CITY),
            "reviewer": token(sub="r1", name="赵六", roles=["reviewer"], region=CITY),
            "far_reviewer": token(sub="r2", name="钱七", roles=["reviewer"], region="140200"),
        }
        self.seen: set[tuple[str, str, int]] = set()

    def call(
        self,
        method: str,
        template: str,
        expect: int,
        *,
        who: str | None = None,
        path: dict[str, str] | None = None,
        query: dict[str, Any] | None = None,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
        raw_body: bytes | None = None,
    ) -> Any:
        url = template.format(**(path or {}))
        if query:
            url += "?" + urlencode(query)
        sent = dict(headers or {})
        if who:
            sent["Authorization"] = f"Bearer {self.tokens[who]}"
        payload = b""
        if json_body is not None:
            sent.setdefault("Content-Type", "application/json")
            payload = json.dumps(json_body, ensure_ascii=False).encode()
        if raw_body is not None:
            payload = raw_body
        response = self.client.http.request(method, url, headers=sent, body=payload)
        assert response.status_code == expect, f"{method} {url}: {response.status_code} {response.body[:500]!r}"
        self.seen.add((template, method.lower(), expect))
        return conform(template, method, response)

    def error(self, method: str, template: str, expect: int, code: str, **kwargs: Any) -> dict[str, Any]:
        answer: dict[str, Any] = self.call(method, template, expect, **kwargs)
        assert answer["error"]["code"] == code, answer
        return answer


@pytest.fixture
def api(client: Any, token: Any) -> Api:
    return Api(client, token)


def create_position(api: Api, **changes: Any) -> dict[str, Any]:
    created: dict[str, Any] = api.call(
        "POST", "/v1/admin/positions", 201, who="manager", json_body=position_body(**changes)
    )
    return created


# ------------------------------------------------------------------------------------------- the document


def test_document_is_valid_openapi() -> None:
    assert document(app)["openapi"].startswith("3.1")
    validate_spec(document(app))


def test_document_is_plain_json() -> None:
    assert json.loads(json.dumps(document(app))) == document(app)


def test_documented_routes_are_the_live_routes() -> None:
    live, documented = live_routes(), documented_routes()
    assert live <= documented, f"routes missing from the document: {sorted(live - documented)}"
    assert documented <= live, f"documented but not in the code: {sorted(documented - live)}"


def test_every_operation_lists_its_error_codes() -> None:
    for path, item in document(app)["paths"].items():
        for method, operation in item.items():
            error_statuses = {status for status in operation["responses"] if int(status) >= 400}
            assert set(operation["x-error-codes"]) == error_statuses, (path, method)
            for status, codes in operation["x-error-codes"].items():
                text = operation["responses"][status]["description"]
                assert all(f"`{code}`" in text for code in codes), (path, method, status)
            declared = {resolve(p)["name"] for p in operation.get("parameters", []) if resolve(p)["in"] == "path"}
            assert declared == {part[1:-1] for part in path.split("/") if part.startswith("{")}, (path, method)


def test_every_catalogued_error_is_documented_with_its_message() -> None:
    """The document takes each error's status, code and Chinese message from chalicelib.errors: every entry of
    the catalogue is explained under its status by at least one operation (a code's other messages beside it)."""
    from chalicelib import errors

    described: dict[str, str] = {}
    for item in document(app)["paths"].values():
        for operation in item.values():
            for status, response in operation["responses"].items():
                described[status] = described.get(status, "") + response.get("description", "")
    common = document(app)["info"]["description"]  # the errors many operations share, explained once
    catalogue = [kind for kind in vars(errors).values() if isinstance(kind, errors.ErrorKind)]
    assert len(catalogue) > 40
    # 405 is Chalice's own answer on any path with a method it lacks: the conventions describe it once.
    missing = [
        kind
        for kind in catalogue
        if kind.status != 405
        and (
            f"`{kind.code}`" not in described.get(str(kind.status), "")
            or kind.message not in described[str(kind.status)] + common
        )
    ]
    assert not missing, missing
    assert errors.METHOD_NOT_ALLOWED.code in common


def test_the_declarations_beside_the_routes_stay_light() -> None:
    """Every blueprint imports these at cold start: they must load nothing the app would not load anyway."""
    heavy = ["boto3", "botocore", "pynamodb", "chalice", "jwt", "aws_lambda_powertools", "fpdf", "jsonschema"]
    code = (
        "import sys, chalicelib.openapi_ops, chalicelib.openapi_schema, chalicelib.api.bodies, chalicelib.api.queries, "
        "chalicelib.api.contract; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_every_json_answer_is_a_declared_struct() -> None:
    """No answer schema is written by hand: each route's `answer=` is a Struct (or a union of them) whose component
    the document walks from it; only this document itself (an object of its own standard) is not."""
    from types import UnionType

    import msgspec

    from chalicelib import openapi
    from chalicelib.api.contract import PDF, XLSX
    from chalicelib.openapi_bodies import answer_kinds

    def declared(answer: Any) -> bool:
        kinds = answer.__args__ if isinstance(answer, UnionType) else (answer,)
        return all(isinstance(kind, type) and issubclass(kind, msgspec.Struct) for kind in kinds)

    ops = openapi.operations(app.routes)
    by_hand = [
        f"{method.upper()} {path}"
        for (path, method), op in ops.items()
        if op.answer not in (None, PDF, XLSX) and not declared(op.answer) and path != "/v1/openapi.json"
    ]
    assert by_hand == []
    schemas = document(app)["components"]["schemas"]
    answers = {kind.__name__ for op in ops.values() if declared(op.answer) for kind in answer_kinds(op.answer)}
    assert answers <= set(schemas)


def test_a_route_without_its_operation_is_refused() -> None:
    """The document is read from the routes: one added without `@operation` cannot be served."""
    from chalicelib import openapi

    def undocumented() -> None:
        return None

    routes: dict[str, Any] = {**app.routes, "/v1/undocumented": {"GET": SimpleNamespace(view_function=undocumented)}}
    with pytest.raises(LookupError, match="GET /v1/undocumented"):
        openapi.operations(routes)


def test_openapi_json_is_served_and_cacheable(api: Api) -> None:
    served = api.call("GET", "/v1/openapi.json", 200)
    assert served == json.loads(json.dumps(document(app)))
    response = api.client.http.get("/v1/openapi.json")
    assert response.headers["Cache-Control"] == "public, max-age=60"


# ------------------------------------------------------------------------------------------- conformance


def test_public_answers_conform(api: Api) -> None:
    assert api.call("GET", "/v1/health", 200) == {"status": "ok"}
    regions = api.call("GET", "/v1/regions", 200)
    assert len(regions["cities"]) == 11
    assert sum(len(city["counties"]) for city in regions["cities"]) == 128
    assert all(city["counties"][0] == {"code": city["code"], "name": "市本级"} for city in regions["cities"])

    first = create_position(api)
    second = create_position(api, title="会计见习生", industry="J", education="junior_college", majors=[])
    create_position(api, county_code=CITY, title="市本级岗位", majors=[])

    page = api.call("GET", "/v1/positions", 200, query={"limit": 1})
    assert len(page["items"]) == 1 and page["next_cursor"]
    follow = api.call("GET", "/v1/positions", 200, query={"limit": 1, "cursor": page["next_cursor"]})
    assert follow["items"][0]["position_id"] != page["items"][0]["position_id"]
    by_city = api.call("GET", "/v1/positions", 200, query={"city": CITY})
    assert len(by_city["items"]) == 3
    own_level = api.call("GET", "/v1/positions", 200, query={"city": CITY, "county": CITY})
    assert [p["county_name"] for p in own_level["items"]] == ["市本级"]
    keyword = api.call("GET", "/v1/positions", 200, query={"keyword": "软件", "education": "bachelor", "industry": "I"})
    assert [p["position_id"] for p in keyword["items"]] == [first["position_id"]]
    api.call("GET", "/v1/positions/{position_id}", 200, path={"position_id": second["position_id"]})
    # The region picker's counts and sorted search.
    assert api.call("GET", "/v1/positions/counts", 200)["province"]["count"] >= 1
    api.call("GET", "/v1/positions/counts", 200, query={"city": CITY, "education": "bachelor", "industry": "I"})
    api.error("GET", "/v1/positions/counts", 400, "INVALID_REGION", query={"city": LOCALITY})
    api.error("GET", "/v1/positions/counts", 400, "MALFORMED_REQUEST", query={"county": CITY})
    api.call("GET", "/v1/positions", 200, query={"sort": "stipend", "keyword": "软件"})
    api.call("GET", "/v1/positions", 200, query={"sort": "deadline", "city": CITY})
    api.error("GET", "/v1/positions", 400, "MALFORMED_REQUEST", query={"sort": "salary"})

    api.error("GET", "/v1/positions", 400, "INVALID_REGION", query={"county": "999999"})
    api.error("GET", "/v1/positions", 400, "INVALID_REGION", query={"city": "140200", "county": LOCALITY})
    api.error("GET", "/v1/positions", 400, "MALFORMED_REQUEST", query={"colour": "red"})
    api.error("GET", "/v1/positions", 400, "MALFORMED_REQUEST", query={"limit": 51})
    api.error("GET", "/v1/positions", 400, "INVALID_CURSOR", query={"cursor": page["next_cursor"], "city": CITY})
    api.error("GET", "/v1/positions/{position_id}", 404, "POSITION_NOT_FOUND", path={"position_id": "nope"})


def test_staff_position_answers_conform(api: Api) -> None:
    created = create_position(api)
    pid = {"position_id": created["position_id"]}
    changed = api.call(
        "PATCH", "/v1/admin/positions/{position_id}", 200, who="manager", path=pid, json_body={"headcount": 5}
    )
    assert changed["headcount"] == 5
    closed = api.call("POST", "/v1/admin/positions/{position_id}/close", 200, who="manager", path=pid)
    assert closed["status"] == "closed"
    assert api.call("GET", "/v1/positions/{position_id}", 200, path=pid)["status"] == "closed"

    invalid = api.error(
        "POST",
        "/v1/admin/positions",
        422,
        "VALIDATION_FAILED",
        who="manager",
        json_body=position_body(employer_credit_code=wrong_check_char(credit_code()), duration_months=13),
    )
    assert {d["field"] for d in invalid["error"]["details"]} == {"employer_credit_code", "duration_months"}
    api.error("POST", "/v1/admin/positions", 400, "MALFORMED_REQUEST", who="manager", json_body={"status": "open"})
    api.error(
        "POST",
        "/v1/admin/positions",
        400,
        "MALFORMED_JSON",
        who="manager",
        raw_body=b"{",
        headers={"Content-Type": "application/json"},
    )
    api.error(
        "POST",
        "/v1/admin/positions",
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        who="manager",
        raw_body=b"x",
        headers={"Content-Type": "text/plain"},
    )
    api.error(
        "POST",
        "/v1/admin/positions",
        403,
        "OUTSIDE_REGION",
        who="manager",
        json_body=position_body(county_code="140212"),
    )
    api.error("POST", "/v1/admin/positions", 403, "FORBIDDEN", who="applicant", json_body=position_body())
    api.error("POST", "/v1/admin/positions", 401, "UNAUTHENTICATED", json_body=position_body())
    api.error(
        "PATCH",
        "/v1/admin/positions/{position_id}",
        404,
        "POSITION_NOT_FOUND",
        who="manager",
        path={"position_id": "x"},
        json_body={},
    )


def test_me_conforms(api: Api) -> None:
    me = api.call("GET", "/v1/me", 200, who="applicant")
    assert me["trainee_status"] == "none" and me["locality"] is None
    staff = api.call("GET", "/v1/me", 200, who="reviewer")
    assert staff["id_number_masked"] is None
    api.error("GET", "/v1/me", 401, "UNAUTHENTICATED")
    api.error("GET", "/v1/me", 401, "UNAUTHENTICATED", headers={"Authorization": "Bearer not-a-token"})


def upload(api: Api, kind: str, content_type: str, content: bytes, *, key: str | None = None) -> str:
    from chalicelib.adapters import files
    from chalicelib.adapters.clients import s3
    from chalicelib.config import settings

    form = api.call(
        "POST",
        "/v1/attachments",
        201,
        who="applicant",
        json_body={"kind": kind, "filename": f"{kind}.bin", "content_type": content_type, "size": len(content)},
        headers={"Idempotency-Key": key} if key else None,
    )
    attachment_id: str = form["attachment_id"]
    s3().put_object(
        Bucket=settings().attachments_bucket,
        Key=files.incoming_key(SUBJECT, attachment_id),
        Body=content,
        ContentType=content_type,
    )
    return attachment_id


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"0" * 64


def application_form(attachments: list[str], **changes: Any) -> dict[str, Any]:
    return {
        "name": NAME,
        "id_number": ID_NUMBER,
        "phone": "13812345678",
        "education": "bachelor",
        "school": "山西大学",
        "major": "软件工程",
        "graduation_date": (china_today() - timedelta(days=60)).date().isoformat(),
        "person_category": "graduate_within_2_years",
        "locality": LOCALITY,
        "address": "太原市小店区坞城路92号",
        "attachments": attachments,
        **changes,
    }


def test_application_journey_conforms(api: Api) -> None:
    # Attachments: declare, upload, confirm; the failures on the way.
    id_card = upload(api, "id_card", "image/png", PNG, key="upload-1")
    diploma = upload(api, "graduation_certificate", "application/pdf", PDF)
    for attachment_id in (id_card, diploma):
        confirmed = api.call(
            "POST",
            "/v1/attachments/{attachment_id}/confirm",
            200,
            who="applicant",
            path={"attachment_id": attachment_id},
        )
        assert confirmed["status"] == "uploaded"
    detail = api.call("GET", "/v1/attachments/{attachment_id}", 200, who="applicant", path={"attachment_id": id_card})
    assert detail["download_url"]
    missing = api.call(
        "POST",
        "/v1/attachments",
        201,
        who="applicant",
        json_body={"kind": "other", "filename": "a.png", "content_type": "image/png", "size": 10},
    )["attachment_id"]
    aid = {"attachment_id": missing}
    api.error("POST", "/v1/attachments/{attachment_id}/confirm", 409, "UPLOAD_MISSING", who="applicant", path=aid)
    bad = upload(api, "other", "image/png", b"not a png at all")
    api.error(
        "POST",
        "/v1/attachments/{attachment_id}/confirm",
        422,
        "UPLOAD_REJECTED",
        who="applicant",
        path={"attachment_id": bad},
    )
    api.call("DELETE", "/v1/attachments/{attachment_id}", 204, who="applicant", path=aid)
    api.error("GET", "/v1/attachments/{attachment_id}", 404, "ATTACHMENT_NOT_FOUND", who="applicant", path=aid)
    api.error(
        "GET",
        "/v1/attachments/{attachment_id}",
        404,
        "ATTACHMENT_NOT_FOUND",
        who="stranger",
        path={"attachment_id": id_card},
    )
    declared = {"kind": "id_card", "filename": "x.gif", "content_type": "image/gif", "size": 10}
    api.error("POST", "/v1/attachments", 415, "UNSUPPORTED_FILE_TYPE", who="applicant", json_body=declared)
    declared = {**declared, "content_type": "image/png", "size": 6 * 1024 * 1024}
    api.error("POST", "/v1/attachments", 413, "FILE_TOO_LARGE", who="applicant", json_body=declared)
    api.error("POST", "/v1/attachments", 403, "REAL_NAME_REQUIRED", who="reviewer", json_body=declared)
    api.error(
        "POST",
        "/v1/attachments",
        400,
        "MALFORMED_REQUEST",
        who="applicant",
        json_body=declared,
        headers={"Idempotency-Key": "k" * 65},
    )

    # Submit: field rules, success, the idempotent repeat, the second application.
    invalid = api.error(
        "POST",
        "/v1/applications",
        422,
        "VALIDATION_FAILED",
        who="applicant",
        json_body=application_form([id_card], phone="12345"),
    )
    assert {d["code"] for d in invalid["error"]["details"]} == {"INVALID_PHONE", "MISSING_GRADUATION_CERTIFICATE"}
    form = application_form([id_card, diploma])
    submitted = api.call(
        "POST", "/v1/applications", 201, who="applicant", json_body=form, headers={"Idempotency-Key": "submit-1"}
    )
    again = api.call(
        "POST", "/v1/applications", 201, who="applicant", json_body=form, headers={"Idempotency-Key": "submit-1"}
    )
    assert again == submitted
    api.error(
        "POST",
        "/v1/applications",
        422,
        "IDEMPOTENCY_KEY_REUSED",
        who="applicant",
        json_body={**form, "address": "别处"},
        headers={"Idempotency-Key": "submit-1"},
    )
    api.error("POST", "/v1/applications", 409, "APPLICATION_EXISTS", who="applicant", json_body=form)
    api.error(
        "DELETE",
        "/v1/attachments/{attachment_id}",
        409,
        "ATTACHMENT_IN_USE",
        who="applicant",
        path={"attachment_id": id_card},
    )

    # My cases.
    app_id = {"application_id": submitted["application_id"]}
    mine = api.call(
        "GET", "/v1/applications", 200, who="applicant", query={"status": "pending", "month": submitted["month"]}
    )
    assert [a["application_id"] for a in mine["items"]] == [submitted["application_id"]]
    api.error("GET", "/v1/applications", 400, "MALFORMED_REQUEST", who="applicant", query={"month": "2026-13"})
    api.call("GET", "/v1/applications/{application_id}", 200, who="applicant", path=app_id)
    api.error("GET", "/v1/applications/{application_id}", 404, "APPLICATION_NOT_FOUND", who="stranger", path=app_id)
    me = api.call("GET", "/v1/me", 200, who="applicant")
    assert me["trainee_status"] == "pending" and me["locality"]["code"] == LOCALITY

    # A pending trainee sees the locality's positions but may not favourite yet.
    here = [create_position(api, title=f"岗位{i}") for i in range(4)]
    there = create_position(api, county_code=NEIGHBOUR)
    closed = create_position(api, title="已关闭岗位")
    api.call(
        "POST",
        "/v1/admin/positions/{position_id}/close",
        200,
        who="manager",
        path={"position_id": closed["position_id"]},
    )
    local = api.call("GET", "/v1/trainee/positions", 200, who="applicant", query={"limit": 50})
    assert {p["position_id"] for p in local["items"]} == {p["position_id"] for p in here}
    assert api.call("GET", "/v1/trainee/positions", 200, who="applicant", query={"county": NEIGHBOUR})["items"] == []
    api.error("GET", "/v1/trainee/positions", 400, "MALFORMED_REQUEST", who="applicant", query={"city": CITY})
    api.error("GET", "/v1/trainee/positions", 403, "NOT_TRAINEE", who="stranger")
    fav = "/v1/favourites/{position_id}"
    api.error("PUT", fav, 403, "NOT_TRAINEE", who="applicant", path={"position_id": here[0]["position_id"]})

    # Review.
    queue = api.call(
        "GET", "/v1/admin/applications", 200, who="reviewer", query={"county": LOCALITY, "status": "pending"}
    )
    assert [a["application_id"] for a in queue["items"]] == [submitted["application_id"]]
    api.error("GET", "/v1/admin/applications", 403, "OUTSIDE_REGION", who="reviewer", query={"county": "140200"})
    api.error("GET", "/v1/admin/applications", 400, "INVALID_REGION", who="reviewer", query={"county": "999999"})
    api.error("GET", "/v1/admin/applications", 403, "FORBIDDEN", who="manager")
    full = api.call("GET", "/v1/admin/applications/{application_id}", 200, who="reviewer", path=app_id)
    assert full["id_number"] == ID_NUMBER and all(a["download_url"] for a in full["attachments"])
    api.error(
        "GET", "/v1/admin/applications/{application_id}", 404, "APPLICATION_NOT_FOUND", who="far_reviewer", path=app_id
    )
    api.error(
        "POST",
        "/v1/admin/applications/{application_id}/reject",
        422,
        "VALIDATION_FAILED",
        who="reviewer",
        path=app_id,
        json_body={},
    )
    approved = api.call(
        "POST",
        "/v1/admin/applications/{application_id}/approve",
        200,
        who="reviewer",
        path=app_id,
        json_body={"comment": "材料齐全"},
    )
    assert [h["status"] for h in approved["history"]] == ["pending", "approved"]
    api.error(
        "POST", "/v1/admin/applications/{application_id}/approve", 409, "NOT_PENDING", who="reviewer", path=app_id
    )
    api.error(
        "POST",
        "/v1/admin/applications/{application_id}/reject",
        409,
        "NOT_PENDING",
        who="reviewer",
        path=app_id,
        json_body={"reason": "不符合"},
    )
    api.error(
        "POST", "/v1/applications/{application_id}/withdraw", 409, "NOT_WITHDRAWABLE", who="applicant", path=app_id
    )

    # Favourites of an approved trainee.
    first = {"position_id": here[0]["position_id"]}
    assert api.call("PUT", fav, 201, who="applicant", path=first)["favourited_at"]
    api.call("PUT", fav, 200, who="applicant", path=first)
    api.error("PUT", fav, 422, "POSITION_OUTSIDE_LOCALITY", who="applicant", path={"position_id": there["position_id"]})
    api.error("PUT", fav, 409, "POSITION_CLOSED", who="applicant", path={"position_id": closed["position_id"]})
    api.error("PUT", fav, 404, "POSITION_NOT_FOUND", who="applicant", path={"position_id": "nope"})
    api.call("PUT", fav, 201, who="applicant", path={"position_id": here[1]["position_id"]})
    api.call(
        "PUT",
        fav,
        201,
        who="applicant",
        path={"position_id": here[2]["position_id"]},
        headers={"Idempotency-Key": "f3"},
    )
    api.error("PUT", fav, 409, "FAVOURITE_LIMIT_REACHED", who="applicant", path={"position_id": here[3]["position_id"]})
    favourites = api.call("GET", "/v1/favourites", 200, who="applicant")
    assert {f["position_id"] for f in favourites["items"]} == {p["position_id"] for p in here[:3]}
    stamps = [f["favourited_at"] for f in favourites["items"]]
    assert stamps == sorted(stamps, reverse=True)
    api.error("GET", "/v1/favourites", 400, "MALFORMED_REQUEST", who="applicant", query={"limit": 1})
    api.call("DELETE", fav, 204, who="applicant", path=first)
    api.call("DELETE", fav, 204, who="applicant", path=first)

    # The printable form, once its routes exist.
    live = live_routes()
    for template, who, masked in (
        ("/v1/applications/{application_id}/form.pdf", "applicant", True),
        ("/v1/admin/applications/{application_id}/form.pdf", "reviewer", False),
    ):
        if (template, "GET") not in live:
            continue
        api.call("GET", template, 200, who=who, path=app_id, headers={"Accept": "application/pdf"})
        stranger = "stranger" if masked else "far_reviewer"
        api.error(
            "GET",
            template,
            404,
            "APPLICATION_NOT_FOUND",
            who=stranger,
            path=app_id,
            headers={"Accept": "application/pdf"},
        )
