"""What the browser tests share: people with valid ID numbers, sign-in through the local issuer, data prepared
through the API (from scripts/factories.py's builders), and the checks every page gets (axe-core, no horizontal
scroll at phone size)."""

from __future__ import annotations

import json
import random
import re
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import requests
from playwright.sync_api import Page, expect

from scripts import factories
from scripts.local_keys import ensure_key, mint, subject_for_id_number
from tests.flows import PDF

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
TIMEOUT = 30


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str

    @property
    def masked(self) -> str:
        return f"{self.id_number[:6]}********{self.id_number[-4:]}"


def new_person(name: str = "王晓雨", county: str = "140105") -> Person:
    """A resident of `county`, born in 2003 (so 16-24 and a recent graduate), with a valid check digit."""
    born = date(2003, 1, 1) + timedelta(days=random.randrange(360))
    return Person(name, factories.id_number(born, area=county, serial=random.randrange(1000)))


class Api:
    """The API over HTTP with tokens minted like devtoken.py's, for data a flow needs but is not about."""

    def __init__(self, base: str, issuer: str) -> None:
        self.base, self.issuer = base, issuer
        self.private, _ = ensure_key(ROOT / ".local")

    def headers(
        self, person: Person | None = None, roles: list[str] | None = None, region: str | None = None
    ) -> dict[str, str]:
        if person is not None:
            sub, name, id_number = subject_for_id_number(person.id_number), person.name, person.id_number
        else:
            sub, name, id_number = f"staff-{random.randrange(10**9)}", "经办人员", None
        token = mint(
            self.private, sub=sub, name=name, id_number=id_number, roles=roles, region=region, issuer=self.issuer
        )
        return {"Authorization": f"Bearer {token}"}

    def indexed(self, keyword: str, count: int, seconds: float = 300) -> None:
        """Wait until a keyword search finds `count` positions: the keyword index follows the positions' stream,
        seconds behind on a loaded machine, and a page searches once. How far behind it may be is tested in
        tests/e2e/test_over_http.py; the browser tests start from an index that has caught up."""
        deadline = time.monotonic() + seconds
        while True:
            query: dict[str, str] = {"keyword": keyword, "limit": "50"}
            found = requests.get(f"{self.base}/positions", params=query, timeout=TIMEOUT)
            if found.status_code == 200 and len(found.json()["items"]) >= count:
                return
            assert time.monotonic() < deadline, f"the keyword index did not find {count} × {keyword} in {seconds} s"
            time.sleep(0.5)  # the polling interval, not a synchronisation

    def call(self, method: str, path: str, expect_status: int, headers: dict[str, str], **kw: Any) -> Any:
        answer = requests.request(method, self.base + path, headers=headers, timeout=TIMEOUT, **kw)
        assert answer.status_code == expect_status, f"{method} {path}: {answer.status_code} {answer.text[:300]}"
        return answer.json() if answer.content else None

    @staticmethod
    def in_days(days: int) -> str:
        return (date.today() + timedelta(days=days)).isoformat()

    def position(self, title: str, county: str = "140105", **fields: Any) -> str:
        manager = self.headers(roles=["position_manager"], region="140000")
        body = factories.position_body(title=title, county_code=county, **fields)
        return str(self.call("POST", "/admin/positions", 201, manager, json=body)["position_id"])

    def upload(self, who: dict[str, str], kind: str) -> str:
        meta = {"kind": kind, "filename": f"{kind}.pdf", "content_type": "application/pdf", "size": len(PDF)}
        made = self.call("POST", "/attachments", 201, who, json=meta)
        stored = requests.post(
            made["upload"]["url"],
            data=made["upload"]["fields"],
            files={"file": (f"{kind}.pdf", PDF, "application/pdf")},
            timeout=TIMEOUT,
        )
        assert stored.status_code in (200, 201, 204), stored.text[:300]
        self.call("POST", f"/attachments/{made['attachment_id']}/confirm", 200, who)
        return str(made["attachment_id"])

    def apply(self, person: Person, locality: str = "140105") -> str:
        who = self.headers(person)
        ids = [self.upload(who, "id_card"), self.upload(who, "graduation_certificate")]
        form = factories.graduate_form(person.name, person.id_number, ids, locality=locality)
        return str(self.call("POST", "/applications", 201, who, json=form)["application_id"])

    def approve(self, application_id: str) -> None:
        reviewer = self.headers(roles=["reviewer"], region="140000")
        self.call("POST", f"/admin/applications/{application_id}/approve", 200, reviewer, json={})


def sign_out(page: Page) -> None:
    """退出, and wait until the browser is back from the issuer's end_session at the client's home page. The header
    shows 个人用户登录 as soon as the token is dropped, before the redirect to the issuer has even started: a
    sign-in started then races that redirect and Chromium aborts one of them (ERR_ABORTED, seen in CI)."""
    origin = re.match(r"^https?://[^/]+", page.url)
    assert origin, page.url
    home = origin.group(0) + "/"
    with page.expect_navigation(url=lambda url: url == home, wait_until="load", timeout=TIMEOUT * 1000):
        page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("button", name="个人用户登录")).to_be_visible()


def sign_in(
    page: Page,
    web: str,
    person: Person | None = None,
    *,
    name: str = "",
    id_number: str = "",
    role: str | None = None,
    region: str | None = None,
    start: str = "/",
) -> None:
    """个人用户登录 → the 统一认证中心's 个人登录 → back in the client with the name in the header."""
    name = person.name if person else name
    id_number = person.id_number if person else id_number
    page.goto(web + start)
    page.get_by_role("button", name="个人用户登录").click()
    expect(page.get_by_role("heading", name="山西省政务服务网统一认证中心")).to_be_visible()
    expect(page.get_by_role("tab", name="个人登录")).to_have_attribute("aria-selected", "true")
    page.get_by_label("姓名").fill(name)
    page.get_by_label("身份证号").fill(id_number)
    if role:
        page.get_by_label("角色").select_option(label=role)
    if region:
        page.get_by_label("区划").select_option(label=region)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text(name)


def check_page(page: Page, what: str) -> dict[str, int]:
    """axe-core on the page as it is: no critical or serious violation; and no horizontal scroll."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target}))"
    )
    counts = {
        impact: sum(1 for v in result if v["impact"] == impact)
        for impact in ("critical", "serious", "moderate", "minor")
    }
    print(f"axe {what}: {json.dumps(counts)}")
    bad = [v for v in result if v["impact"] in ("critical", "serious")]
    assert not bad, f"axe on {what}: {bad}"
    # axe passes over text drawn in its own background colour (it takes it for hidden text): look for it here.
    unreadable = page.evaluate(
        "() => [...document.querySelectorAll('button, a, label')]"
        ".filter(e => e.offsetParent !== null && e.textContent.trim())"
        ".filter(e => { const s = getComputedStyle(e);"
        " return s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor === s.color; })"
        ".map(e => e.textContent.trim())"
    )
    assert not unreadable, f"{what}: text in its own background colour: {unreadable}"
    fits = page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert fits, f"{what} scrolls sideways"
    return counts


def screenshot(page: Page, name: str, viewport: str) -> None:
    """The README's pictures, from the phone-sized run (small files)."""
    if viewport == "phone":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def query_of(url: str) -> dict[str, str]:
    return dict(re.findall(r"[?&]([^=&]+)=([^&]*)", url))
