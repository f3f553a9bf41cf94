"""就业见习补贴 (issue 21) in the browser: anyone reads a 公示 (names and ID numbers masked) and objects to it
(我要反映, its limits); a unit fills in 考勤, sees each line's amount and the total before submitting its 补贴申领,
申报成功 names the claim; the agency approves it (公示) and 拨付 is refused in Chinese while the 公示 runs.
axe-core on every screen, at desktop and phone size; the phone runs in 大字模式."""

from __future__ import annotations

import random
import re
import uuid
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page, expect

from scripts import factories
from scripts.local_keys import mint, subject_for_id_number
from tests.e2e.conftest import LocalStack
from tests.e2e.web.helpers import Api, Person, check_page, new_person, screenshot, sign_in, sign_out

COUNTY, CITY_NAME, COUNTY_NAME = "140105", "太原市", "小店区"


class SubsidyApi(Api):
    """The way to a claim through the API (placements and units are other issues' screens): a unit, its position,
    a trainee placed there and confirmed by 上岗报备, a month of 考勤, the claim, its approval."""

    def unit(self, agent: Person, code: str, org: str) -> dict[str, str]:
        sub = subject_for_id_number(agent.id_number)
        extra = {"credit_code": code, "org_name": org}
        token = mint(self.private, sub=sub, name=agent.name, id_number=agent.id_number, issuer=self.issuer, extra=extra)
        return {"Authorization": f"Bearer {token}"}

    def reviewer(self) -> dict[str, str]:
        return self.headers(roles=["reviewer"], region="140000")

    def placed(self, unit: dict[str, str], code: str, org: str, trainee: Person) -> str:
        """A trainee in progress at the unit from today: applied, offered, accepted, confirmed."""
        position = self.position(
            f"数据见习{uuid.uuid4().hex[:6]}", COUNTY, employer_name=org, employer_credit_code=code
        )
        self.approve(self.apply(trainee, locality=COUNTY))
        who = self.headers(trainee)
        placement = str(self.call("POST", "/placements", 201, who, json={"position_id": position})["placement_id"])
        offer = {
            "start_date": factories.today().isoformat(),
            "months": 6,
            "allowance_yuan_per_month": 2500,
            "mentor_name": "李导师",
        }
        self.call("POST", f"/unit/placements/{placement}/offer", 200, unit, json=offer)
        self.call("POST", f"/placements/{placement}/accept", 200, who)
        self.call("POST", f"/admin/placements/{placement}/confirm", 200, self.reviewer())
        return placement

    def attendance(self, unit: dict[str, str], placement: str, month: str, due: int, present: int) -> None:
        body = {"days_due": due, "days_present": present, "note": ""}
        self.call("PUT", f"/unit/placements/{placement}/attendance/{month}", 200, unit, json=body)

    def publicised(self, unit: dict[str, str], placement: str, month: str) -> dict[str, Any]:
        """A claim of one month, approved: its 公示 is readable by anyone."""
        bank = {"account_name": "测试单位", "bank_name": "中国银行太原分行", "account_no": "6216600000001234"}
        body = {"months": [month], "placement_ids": [placement], "insurance": [], "bank": bank}
        headers = {**unit, "Idempotency-Key": str(uuid.uuid4())}
        claim = self.call("POST", "/unit/subsidy-claims", 201, headers, json=body)
        approved = self.call(
            "POST", f"/admin/subsidy-claims/{claim['claim_id']}/approve", 200, self.reviewer(), json={}
        )
        return dict(approved)


@dataclass(frozen=True)
class Placed:
    """A fresh unit (its agent, credit code, name and token) with one trainee confirmed there from today."""

    agent: Person
    code: str
    org: str
    unit: dict[str, str]
    trainee: Person
    placement: str


def placed(api: SubsidyApi, trainee_name: str) -> Placed:
    agent, code = new_person("赵经办"), factories.credit_code(random.randrange(10**5))
    org = f"太原{uuid.uuid4().hex[:6]}数据有限公司"
    unit, trainee = api.unit(agent, code, org), new_person(trainee_name)
    return Placed(agent, code, org, unit, trainee, api.placed(unit, code, org, trainee))


def this_month() -> str:
    return factories.today().isoformat()[:7]


def large_text_on_phone(page: Page, viewport: str) -> None:
    if viewport == "phone":
        page.get_by_label("大字模式").check()


def test_anyone_reads_a_notice_masked_and_objects_within_the_limit(
    page: Page, local_stack: LocalStack, viewport: str
) -> None:
    api = SubsidyApi(local_stack.api, local_stack.issuer)
    made = placed(api, "王晓雨")
    org, trainee = made.org, made.trainee
    api.attendance(made.unit, made.placement, this_month(), 1, 1)
    api.publicised(made.unit, made.placement, this_month())

    page.goto(local_stack.web + "/")
    large_text_on_phone(page, viewport)
    menu = page.get_by_role("navigation", name="主菜单")
    menu.get_by_role("button", name="公共就业").click()
    menu.get_by_role("link", name="公示公告").click()
    expect(page.get_by_role("heading", name="公示公告", level=1)).to_be_visible()
    page.get_by_label("市", exact=True).select_option(label=CITY_NAME)
    page.get_by_label("县区").select_option(label=COUNTY_NAME)
    link = page.get_by_role("link", name=f"查看公示：{org}")
    expect(link).to_be_visible()
    check_page(page, f"公示公告 {viewport}")
    screenshot(page, "notices", viewport)

    link.click()
    expect(page.get_by_role("heading", name=f"{org}就业见习补贴公示", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name="王*雨")).to_be_visible()
    expect(page.get_by_role("cell", name=trainee.masked)).to_be_visible()
    expect(page.get_by_text(trainee.id_number)).to_have_count(0)  # never the whole number, on a public page
    check_page(page, f"公示详情 {viewport}")

    page.get_by_role("button", name="我要反映").click()
    page.get_by_role("button", name="提交反映").click()
    expect(page.get_by_label("姓名")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("请填写11位手机号码")).to_be_visible()
    check_page(page, f"我要反映（未填写） {viewport}")
    phone = f"139{random.randrange(10**8):08d}"
    for i in range(6):
        page.get_by_label("姓名").fill("李明")
        page.get_by_label("手机号码").fill(phone)
        page.get_by_label("反映内容").fill(f"第{i + 1}次反映：该人员本月未在岗。")
        page.get_by_role("button", name="提交反映").click()
        if i < 5:
            expect(page.get_by_role("status").filter(has_text="提交成功")).to_be_visible()
            expect(page.get_by_label("反映内容")).to_have_value("")
    # The sixth from one phone in a day: the API's 429, in its own words, and no earlier 提交成功 beside it.
    expect(page.get_by_role("alert")).to_contain_text("每天最多")
    expect(page.get_by_role("status").filter(has_text="提交成功")).to_have_count(0)
    check_page(page, f"我要反映（超过次数） {viewport}")
    screenshot(page, "notice", viewport)


def sign_in_unit(page: Page, web: str, agent: Person, code: str, org: str) -> None:
    """法人用户登录 at the unified login's 法人登录 tab (issue 19's screen)."""
    page.goto(web + "/")
    page.get_by_role("button", name="法人用户登录").click()
    expect(page.get_by_role("tab", name="法人登录")).to_have_attribute("aria-selected", "true")
    page.get_by_label("单位名称").fill(org)
    page.get_by_label("统一社会信用代码").fill(code)
    page.get_by_label("经办人姓名").fill(agent.name)
    page.get_by_label("经办人身份证号").fill(agent.id_number)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("button", name="退出")).to_be_visible()


def test_unit_claims_with_the_amounts_shown_and_the_agency_approves(
    page: Page, local_stack: LocalStack, viewport: str
) -> None:
    made = placed(SubsidyApi(local_stack.api, local_stack.issuer), "周明")
    org, trainee = made.org, made.trainee
    month = this_month()
    month_name = f"{int(month[:4])}年{int(month[5:])}月"

    sign_in_unit(page, local_stack.web, made.agent, made.code, org)
    large_text_on_phone(page, viewport)
    page.goto(local_stack.web + "/unit/attendance")
    page.get_by_label("见习人员").select_option(index=1)
    grid = page.get_by_role("form", name=f"{month_name}考勤")
    grid.get_by_label("应出勤天数").fill("1")
    grid.get_by_label("实际出勤天数").fill("1")
    grid.get_by_role("button", name="保存").click()
    expect(grid.get_by_role("status")).to_have_text(f"已保存{month_name}考勤")
    check_page(page, f"考勤填报 {viewport}")

    page.goto(local_stack.web + "/unit/subsidies/new")
    # The trainees load after the page: wait for them, or the button moves down under the click as they appear.
    expect(page.get_by_label(trainee.name, exact=False)).to_be_visible()
    page.get_by_role("button", name="预览申领明细").click()  # nothing chosen: said beside the fields
    expect(page.get_by_text("请选择见习人员")).to_be_visible()
    page.get_by_label(trainee.name, exact=False).check()
    page.get_by_label(month_name).check()
    page.get_by_label("开户名称").fill(org)
    page.get_by_label("开户银行").fill("中国银行太原分行")
    page.get_by_label("银行账号").fill("6216600000001234")
    page.get_by_role("button", name="预览申领明细").click()
    lines = page.get_by_role("table", name="提交前请核对每一项金额")
    expect(lines.get_by_role("row")).to_have_count(3)  # header, the month, 合计
    total = lines.get_by_role("row").last.get_by_role("cell").last
    expect(total).to_have_text(re.compile(r"^[1-9][\d,]*\.\d{2} 元$"))  # a whole month's rate, known before 提交
    shown = total.inner_text()
    check_page(page, f"补贴申领（预览） {viewport}")
    page.get_by_role("button", name="确认提交").click()
    done = page.get_by_role("dialog", name="申报成功")
    expect(done).to_contain_text("申领编号")
    check_page(page, f"申报成功 {viewport}")
    done.get_by_role("link", name="查看申领").click()
    expect(page.get_by_role("heading", name="申领详情")).to_be_visible()
    claimed = page.get_by_role("table", name="申领明细").get_by_role("row").last.get_by_role("cell").last
    expect(claimed).to_have_text(shown)  # what the preview said is what was claimed
    expect(page.get_by_text("待审核").first).to_be_visible()
    expect(page.get_by_text("6216600000001234")).to_have_count(0)  # the account masked for the unit
    claim_id = page.url.rsplit("/", 1)[1]

    sign_out(page)
    staff = new_person("钱经办")
    sign_in(page, local_stack.web, staff, role="审核经办人员", region=CITY_NAME)
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="补贴审核").click()
    page.get_by_label("县区").select_option(label=f"{CITY_NAME}{COUNTY_NAME}")
    page.get_by_role("link", name=f"办理：{org}").click()
    expect(page.get_by_text(claim_id)).to_be_visible()
    expect(page.get_by_text("6216600000001234", exact=False)).to_be_visible()  # the audited detail, unmasked
    check_page(page, f"补贴审核 {viewport}")
    page.get_by_role("button", name="审核通过").click()
    expect(page.get_by_role("status")).to_contain_text("审核通过，公示期")
    page.get_by_role("link", name="拨付").click()
    page.get_by_label("拨付凭证号").fill("PZ2025001")
    page.get_by_role("button", name="确认拨付").click()
    expect(page.get_by_role("alert")).to_contain_text("公示期未结束")  # 409 PUBLICITY_NOT_OVER, in its words
    check_page(page, f"拨付（公示期内） {viewport}")
    page.get_by_role("link", name="返回补贴审核").click()
    page.get_by_role("link", name="公示管理").click()
    expect(page.get_by_text("公示期内暂无反映。")).to_be_visible()
    check_page(page, f"公示管理 {viewport}")
