"""Issue 20's "done when", over HTTP against `make dev`'s stack: a trainee applies, the unit offers, both read the
agreement (pdftotext shows both parties, the period and the allowance; the QR code decodes to the verify route),
the trainee accepts, the reviewer confirms 上岗, the unit ends it with `retained`, assesses, and the trainee prints
the certificate; each step's message is in the other side's 消息中心, and the offer's text reaches the SMS sink.
Then the three races: ten parallel offers on a headcount of two, two accepts at once, eight parallel applications."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import requests

from scripts.demo_data import demo_trainees
from scripts.factories import credit_code, position_body
from scripts.walkthrough import Walk, graduate_form
from tests.e2e.conftest import LocalStack
from tests.e2e.test_races_over_http import TIMEOUT, at_once

COUNTY = "140105"
ROUNDS = 3


class Parties:
    def __init__(self, stack: LocalStack) -> None:
        self.walk = Walk(stack.api, say=lambda _line: None, issuer=stack.issuer)
        self.base = stack.api
        self.person = demo_trainees()[0]  # 王晓雨, 小店区
        self.reviewer = self.walk.token(sub="placement-reviewer", roles=["reviewer"], region="140100")
        self.manager = self.walk.token(sub="placement-manager", roles=["position_manager"], region=COUNTY)

    def trainee(self) -> dict[str, str]:
        """A fresh approved trainee: 王晓雨's real name under a new subject."""
        claims = {"name": self.person["name"], "id_number": self.person["id_number"]}
        who = self.walk.token(sub=f"pl-{uuid.uuid4().hex[:12]}", **claims)
        form = graduate_form(
            self.person, [self.walk.upload(who, "id_card"), self.walk.upload(who, "graduation_certificate")]
        )
        case = self.walk.call("POST", "/applications", 201, who, json=form)["application_id"]
        self.walk.call("POST", f"/admin/applications/{case}/approve", 200, self.reviewer, json={})
        return who

    def unit(self) -> tuple[dict[str, str], str]:
        code = credit_code(uuid.uuid4().int % 10**5)
        agent = self.walk.token(
            sub=f"agent-{code}", name="赵经办", extra={"credit_code": code, "org_name": "山西晋阳科技有限公司"}
        )
        return agent, code

    def position(self, code: str, headcount: int = 3) -> str:
        fields = position_body(employer_credit_code=code, employer_name="山西晋阳科技有限公司", headcount=headcount)
        fields["deadline"] = (date.today() + timedelta(days=30)).isoformat()
        return str(self.walk.call("POST", "/admin/positions", 201, self.manager, json=fields)["position_id"])

    def post(self, path: str, who: dict[str, str], body: dict[str, Any] | None = None) -> requests.Response:
        return requests.post(self.base + path, headers=who, json=body, timeout=TIMEOUT)


@pytest.fixture(scope="module")
def parties(local_stack: LocalStack) -> Parties:
    return Parties(local_stack)


def terms() -> dict[str, Any]:
    return {
        "start_date": (date.today() + timedelta(days=7)).isoformat(),
        "months": 6,
        "allowance_yuan_per_month": 2300,
        "mentor_name": "钱师傅",
    }


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found is not None, f"{name} is not installed"
    return found


def _pdf_text(pdf: bytes, folder: Path) -> str:
    path = folder / "agreement.pdf"
    path.write_bytes(pdf)
    return "".join(
        subprocess.run([_tool("pdftotext"), str(path), "-"], check=True, capture_output=True, text=True).stdout.split()
    )


def _qr(pdf: bytes, folder: Path) -> str:
    path = folder / "qr.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [_tool("pdftoppm"), "-r", "150", "-f", "1", "-l", "1", "-singlefile", "-png", str(path), str(folder / "page")],
        check=True,
    )
    found = subprocess.run(
        [_tool("zbarimg"), "--quiet", "--raw", str(folder / "page.png")], check=True, capture_output=True, text=True
    )
    return found.stdout.strip()


def _kinds(walk: Walk, who: dict[str, str]) -> list[str]:
    return [m["kind"] for m in walk.call("GET", "/messages", 200, who, params={"limit": 50})["items"]]


def test_apply_offer_agreement_accept_confirm_end_assess_certificate(parties: Parties, tmp_path: Path) -> None:
    if not all(shutil.which(tool) for tool in ("pdftotext", "pdftoppm", "zbarimg")):
        pytest.skip("poppler-utils and zbar-tools are needed: apt-get install poppler-utils zbar-tools")
    walk, who = parties.walk, parties.trainee()
    unit, code = parties.unit()
    position_id = parties.position(code)

    placement = walk.call("POST", "/placements", 201, who, json={"position_id": position_id})["placement_id"]
    listed = walk.call("GET", "/unit/placements", 200, unit, params={"status": "applied"})["items"]
    assert [p["placement_id"] for p in listed] == [placement] and "****" in listed[0]["trainee"]["phone"]
    walk.call("POST", f"/unit/placements/{placement}/offer", 200, unit, json=terms())
    pdf_headers = {"Accept": "application/pdf"}
    mine = walk.call("GET", f"/placements/{placement}/agreement.pdf", 200, {**who, **pdf_headers})
    theirs = walk.call("GET", f"/unit/placements/{placement}/agreement.pdf", 200, {**unit, **pdf_headers})

    for pdf in (mine, theirs):
        text = _pdf_text(pdf, tmp_path)
        assert "甲方" in text and "山西晋阳科技有限公司" in text and code in text
        assert "乙方" in text and parties.person["name"] in text and parties.person["id_number"] in text
        assert "共6个月" in text and "每月2300元" in text
    url = _qr(mine, tmp_path)
    assert url.endswith(f"/verify/placements/{placement}")
    assert walk.call("GET", f"/verify/placements/{placement}", 200)["trainee_name"] == "王*雨"

    walk.call("POST", f"/placements/{placement}/accept", 200, who)
    assert walk.call("GET", f"/unit/placements/{placement}", 200, unit)["trainee"]["phone"] == parties.person["phone"]
    walk.call("POST", f"/admin/placements/{placement}/confirm", 200, parties.reviewer)
    last_day = (date.today() + timedelta(days=60)).isoformat()
    end = {"end_date": last_day, "reason": "retained", "note": "转为正式员工"}
    walk.call("POST", f"/unit/placements/{placement}/end", 200, unit, json=end)
    walk.call("POST", f"/unit/placements/{placement}/assessment", 200, unit, json={"result": "excellent"})
    certificate = walk.call("GET", f"/placements/{placement}/certificate.pdf", 200, {**who, **pdf_headers})

    assert "就业见习证明" in _pdf_text(certificate, tmp_path) and "优秀" in _pdf_text(certificate, tmp_path)
    trainee_kinds = set(_kinds(walk, who))
    assert {"placement_offered", "placement_confirmed", "placement_ended", "placement_assessed"} <= trainee_kinds
    assert {"placement_applied", "placement_agreed", "placement_confirmed"} <= set(_kinds(walk, unit))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        texts = [
            t["kind"] for t in walk.call("GET", "/local/sms", 200)["items"] if t["phone"] == parties.person["phone"]
        ]
        if "placement_offered" in texts:
            break
        time.sleep(0.25)
    assert "placement_offered" in texts


def test_ten_parallel_offers_on_a_headcount_of_two_make_two(parties: Parties) -> None:
    for _ in range(ROUNDS):
        unit, code = parties.unit()
        position_id = parties.position(code, headcount=2)
        placements = []
        for _ in range(10):
            who = parties.trainee()
            placements.append(
                parties.walk.call("POST", "/placements", 201, who, json={"position_id": position_id})["placement_id"]
            )

        answers = at_once([partial(parties.post, f"/unit/placements/{p}/offer", unit, terms()) for p in placements])

        assert sorted(a.status for a in answers) == [200] * 2 + [409] * 8, [(a.status, a.code) for a in answers]
        assert {a.code for a in answers if a.status == 409} == {"POSITION_FULL"}


def test_two_accepts_at_once_make_one_agreement_and_eight_applications_make_three(parties: Parties) -> None:
    for _ in range(ROUNDS):
        who = parties.trainee()
        unit, code = parties.unit()
        made = [
            parties.walk.call("POST", "/placements", 201, who, json={"position_id": parties.position(code)})[
                "placement_id"
            ]
            for _ in range(2)
        ]
        for placement in made:
            parties.walk.call("POST", f"/unit/placements/{placement}/offer", 200, unit, json=terms())
        accepted = at_once([partial(parties.post, f"/placements/{p}/accept", who) for p in made])
        assert sorted(a.status for a in accepted) == [200, 409], [(a.status, a.code) for a in accepted]

        newcomer = parties.trainee()
        positions = [parties.position(code) for _ in range(8)]
        applied = at_once([partial(parties.post, "/placements", newcomer, {"position_id": p}) for p in positions])
        assert sorted(a.status for a in applied) == [201] * 3 + [409] * 5, [(a.status, a.code) for a in applied]
        assert {a.code for a in applied if a.status == 409} == {"PLACEMENT_LIMIT_REACHED"}
