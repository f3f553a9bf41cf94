"""`make bench`'s unit routes (issue 19): AWS calls and items read per request of a unit's flow and the agency's,
with 1,000 positions loaded: 认定申请, 单位中心, the review, a position published, reviewed and closed."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

from scripts.bench.measure import calls, loaded_app, tally, token
from scripts.factories import recognition_form, unit_claims, unit_position_body


def unit_rows(load: Callable[[int], None]) -> list[str]:
    import requests

    rows = ["| route | items read | AWS calls |", "|---|---|---|"]

    def measure(label: str, call: Callable[[], Any]) -> Any:
        with tally() as t:
            result = call()
        rows.append(f"| {label} | {t.items_read} | {calls(t)} |")
        return result

    claims = unit_claims(serial=4242)
    code, org_name = claims.pop("credit_code"), claims.pop("org_name")
    unit = token(**claims, extra={"credit_code": code, "org_name": org_name})
    reviewer = token(sub="bench-ur", roles=["reviewer"], region="140100")
    with loaded_app(1000, load) as client:
        get, post, patch = client.http.get, client.http.post, client.http.patch
        upload = {"kind": "business_licence", "filename": "营业执照.pdf", "content_type": "application/pdf", "size": 9}
        made = json.loads(post("/v1/attachments", headers=unit, body=json.dumps(upload)).body)
        requests.post(
            made["upload"]["url"],
            data=made["upload"]["fields"],
            files={"file": ("a.pdf", b"%PDF-1.4\n", "application/pdf")},
            timeout=10,
        )
        post(f"/v1/attachments/{made['attachment_id']}/confirm", headers=unit)
        form = json.dumps(recognition_form([made["attachment_id"]]), ensure_ascii=False)
        measure("GET /unit (unregistered)", partial(get, "/v1/unit", headers=unit))
        measure("POST /unit/recognition", partial(post, "/v1/unit/recognition", headers=unit, body=form))
        measure("GET /unit/recognitions", partial(get, "/v1/unit/recognitions", headers=unit))
        measure("POST /unit/recognition/withdraw", partial(post, "/v1/unit/recognition/withdraw", headers=unit))
        measure("  applied again", partial(post, "/v1/unit/recognition", headers=unit, body=form))
        measure(
            "GET /admin/units (city queue, pending)",
            partial(get, "/v1/admin/units?status=pending", headers=reviewer),
        )
        measure("GET /admin/units/{code} (audited)", partial(get, f"/v1/admin/units/{code}", headers=reviewer))
        measure(
            "POST /admin/units/{code}/approve",
            partial(post, f"/v1/admin/units/{code}/approve", headers=reviewer, body="{}"),
        )
        measure("GET /unit (recognised)", partial(get, "/v1/unit", headers=unit))
        body = json.dumps(unit_position_body(headcount=1), ensure_ascii=False)
        retitled, reason = '{"title": "数据标注见习生"}', '{"reason": "描述不完整"}'
        published = measure("POST /unit/positions", partial(post, "/v1/unit/positions", headers=unit, body=body))
        position_id = json.loads(published.body)["position_id"]
        measure(
            "POST /unit/positions (3 more: quota 3)",
            lambda: [post("/v1/unit/positions", headers=unit, body=body) for _ in range(3)][-1],
        )
        measure("GET /unit/positions", partial(get, "/v1/unit/positions", headers=unit))
        measure("GET /unit/positions/{id}", partial(get, f"/v1/unit/positions/{position_id}", headers=unit))
        measure("GET /admin/positions (awaiting review)", partial(get, "/v1/admin/positions", headers=reviewer))
        measure(
            "POST /admin/positions/{id}/approve",
            partial(post, f"/v1/admin/positions/{position_id}/approve", headers=reviewer, body="{}"),
        )
        measure(
            "PATCH /unit/positions/{id} (back to review)",
            partial(patch, f"/v1/unit/positions/{position_id}", headers=unit, body=retitled),
        )
        measure(
            "POST /admin/positions/{id}/reject",
            partial(post, f"/v1/admin/positions/{position_id}/reject", headers=reviewer, body=reason),
        )
        measure(
            "POST /unit/positions/{id}/close",
            partial(post, f"/v1/unit/positions/{position_id}/close", headers=unit, body=""),
        )
        measure(
            "POST /admin/units/{code}/revoke (2 positions)",
            partial(post, f"/v1/admin/units/{code}/revoke", headers=reviewer, body='{"reason": "不再符合条件"}'),
        )
        measure("GET /messages (the unit's)", partial(get, "/v1/messages", headers=unit))
    return rows
