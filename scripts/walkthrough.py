"""The user manual's flows (3.2, 3.3, 3.4) over real HTTP against a running stack: `make dev` or the cloud.

    .venv/bin/python scripts/walkthrough.py http://127.0.0.1:8000/v1

Uploads go to the presigned POST URL the API hands out (the local moto server under `make dev`). Each step
prints one line; the first unexpected answer stops it with the status and body.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.demo_data import demo_trainees  # noqa: E402
from scripts.local_keys import ensure_key, local_issuer_url, mint  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TIMEOUT = 30


def graduate_form(person: dict[str, str], attachments: list[str]) -> dict[str, Any]:
    """The application form of a demo graduate (`demo_trainees()`), with their confirmed attachments."""
    return {
        "name": person["name"],
        "id_number": person["id_number"],
        "phone": person["phone"],
        "education": "bachelor",
        "school": "山西大学",
        "major": "软件工程",
        "graduation_date": "2026-06-30",
        "person_category": "graduate_within_2_years",
        "locality": person["locality"],
        "address": "太原市小店区坞城路92号",
        "attachments": attachments,
    }


class Walk:
    def __init__(self, base: str, say: Any = print, issuer: str | None = None) -> None:
        self.base = base.rstrip("/")
        self.say = say
        self.private, _ = ensure_key(ROOT / ".local")
        # The stack's TOKEN_ISSUER: `make dev`'s local issuer unless told otherwise.
        self.issuer = issuer or local_issuer_url()

    def token(self, **claims: Any) -> dict[str, str]:
        return {"Authorization": "Bearer " + mint(self.private, issuer=self.issuer, **claims)}

    def call(self, method: str, path: str, expect: int, headers: dict[str, str] | None = None, **kw: Any) -> Any:
        response = requests.request(method, self.base + path, headers=headers or {}, timeout=TIMEOUT, **kw)
        if response.status_code != expect:
            raise SystemExit(f"{method} {path}: expected {expect}, got {response.status_code}: {response.text[:500]}")
        self.say(f"{response.status_code} {method} {path}")
        if response.headers.get("Content-Type", "").startswith("application/json") and response.content:
            return response.json()
        return response.content

    def search(self) -> str:
        """3.3: pick a city, its counties appear, filter, open a position, go back. Returns a 小店区 position."""
        regions = self.call("GET", "/regions", 200)
        taiyuan = regions["cities"][0]
        assert taiyuan["counties"][0] == {"code": "140100", "name": "市本级"}
        page = self.call("GET", "/positions", 200, params={"city": "140100", "limit": 5})
        assert page["items"] and all(p["city_code"] == "140100" for p in page["items"])
        following = self.call("GET", "/positions", 200, params={"city": "140100", "cursor": page["next_cursor"]})
        assert not {p["position_id"] for p in page["items"]} & {p["position_id"] for p in following["items"]}
        local = self.call("GET", "/positions", 200, params={"county": "140105"})
        detail = self.call("GET", f"/positions/{local['items'][0]['position_id']}", 200)
        assert detail["description"]
        found = self.call("GET", "/positions", 200, params={"keyword": "软件"})
        assert all("软件" in (p["title"] + p["employer_name"] + "".join(p["majors"])) for p in found["items"])
        return str(local["items"][0]["position_id"])

    def upload(self, who: dict[str, str], kind: str) -> str:
        made = self.call(
            "POST",
            "/attachments",
            201,
            who,
            json={"kind": kind, "filename": f"{kind}.pdf", "content_type": "application/pdf", "size": len(PDF)},
        )
        upload = made["upload"]
        stored = requests.post(
            upload["url"],
            data=upload["fields"],
            files={"file": (f"{kind}.pdf", PDF, "application/pdf")},
            timeout=TIMEOUT,
        )
        if stored.status_code not in (200, 201, 204):
            raise SystemExit(f"upload to storage: {stored.status_code} {stored.text[:300]}")
        self.say(f"{stored.status_code} POST <storage> {kind}")
        confirmed = self.call("POST", f"/attachments/{made['attachment_id']}/confirm", 200, who)
        assert confirmed["status"] == "uploaded"  # the bar turns green
        return str(made["attachment_id"])

    def apply_review_favourite(self, position_id: str) -> None:
        person = demo_trainees()[0]
        subject = f"{person['sub']}-{uuid.uuid4().hex[:8]}"  # a fresh person each run: the stack keeps data
        me = self.token(sub=subject, name=person["name"], id_number=person["id_number"])
        reviewer = self.token(sub="walk-reviewer", roles=["reviewer"], region="140100")
        form = graduate_form(person, [self.upload(me, "id_card"), self.upload(me, "graduation_certificate")])
        refused = self.call("PUT", f"/favourites/{position_id}", 403, me)
        assert refused["error"]["message"] == "该人员不是就业见习人员"
        first = self.call("POST", "/applications", 201, me, json=form)
        assert first["message"] == "申报成功"
        cases = self.call("GET", "/applications", 200, me, params={"status": "pending", "month": first["month"]})
        assert [c["application_id"] for c in cases["items"]] == [first["application_id"]]
        self.call("POST", f"/applications/{first['application_id']}/withdraw", 200, me)
        second = self.call("POST", "/applications", 201, me, json=form)  # the same attachments again
        pdf = self.call(
            "GET", f"/applications/{second['application_id']}/form.pdf", 200, {**me, "Accept": "application/pdf"}
        )
        assert pdf.startswith(b"%PDF")
        queue = self.call("GET", "/admin/applications", 200, reviewer, params={"status": "pending", "county": "140105"})
        assert second["application_id"] in {c["application_id"] for c in queue["items"]}
        case = self.call("GET", f"/admin/applications/{second['application_id']}", 200, reviewer)
        assert case["id_number"] == person["id_number"] and all(a["download_url"] for a in case["attachments"])
        self.call(
            "POST",
            f"/admin/applications/{second['application_id']}/approve",
            200,
            reviewer,
            json={"comment": "材料齐全"},
        )
        status = self.call("GET", "/me", 200, me)
        assert status["trainee_status"] == "approved" and status["locality"]["code"] == person["locality"]
        mine = self.call("GET", "/trainee/positions", 200, me)
        assert mine["items"] and all(p["county_code"] == person["locality"] for p in mine["items"])
        for position in mine["items"][:3]:
            self.call("PUT", f"/favourites/{position['position_id']}", 201, me)
        if len(mine["items"]) > 3:
            limit = self.call("PUT", f"/favourites/{mine['items'][3]['position_id']}", 409, me)
            assert limit["error"]["message"] == "最多收藏三个岗位"
        assert len(self.call("GET", "/favourites", 200, me)["items"]) == min(3, len(mine["items"]))
        self.call("DELETE", f"/favourites/{mine['items'][0]['position_id']}", 204, me)


def main(argv: list[str]) -> int:
    walk = Walk(argv[1] if len(argv) > 1 else "http://127.0.0.1:8000/v1")
    walk.apply_review_favourite(walk.search())
    print("the manual's flows all work")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
