"""The 单位网厅 (issue 19) in the browser: 法人登录 at the unified login (a wrong check character refused beside its
field), 见习单位认定申请 with its 营业执照 (in 大字模式), 申报成功, 单位中心; the agency's 单位审核 and 岗位审核; the
unit's 岗位发布 and 我的岗位 through review. axe-core on every screen, at desktop and phone size."""

from __future__ import annotations

import random
import re
import uuid
from typing import Any

from playwright.sync_api import Page, expect

from scripts import factories
from tests.e2e.conftest import LocalStack
from tests.e2e.web.helpers import Api, Person, check_page, new_person, screenshot, sign_in, sign_out
from tests.flows import PDF


class UnitApi(Api):
    """The helpers' API client, with 法人登录 tokens: the agent's identity and the unit's credit code and name."""

    def unit_headers(self, agent: Person, code: str, org: str) -> dict[str, str]:
        from scripts.local_keys import mint, subject_for_id_number

        extra = {"credit_code": code, "org_name": org}
        sub = subject_for_id_number(agent.id_number)
        token = mint(self.private, sub=sub, name=agent.name, id_number=agent.id_number, issuer=self.issuer, extra=extra)
        return {"Authorization": f"Bearer {token}"}

    def recognition(self, who: dict[str, str], org: str, county: str = "140105", insured_staff: int = 10) -> None:
        licence = self.upload(who, "business_licence")
        self.call("POST", "/unit/recognition", 201, who, json=recognition_body(org, county, insured_staff, [licence]))

    def recognised(self, who: dict[str, str], code: str, org: str, **fields: Any) -> None:
        self.recognition(who, org, **fields)
        reviewer = self.headers(roles=["reviewer"], region="140000")
        self.call("POST", f"/admin/units/{code}/approve", 200, reviewer, json={})


def recognition_body(org: str, county: str, insured_staff: int, attachments: list[str]) -> dict[str, Any]:
    return {
        "org_name": org,
        "county_code": county,
        "address": "太原市小店区长治路1号",
        "industry": "I",
        "insured_staff": insured_staff,
        "contact_name": "王老师",
        "contact_phone": "13935112046",
        "description": "软件开发与数据服务。",
        "attachments": attachments,
    }


def new_unit() -> tuple[str, str]:
    """A fresh unit: a valid credit code of its own and a name that says which test made it."""
    mark = uuid.uuid4().hex[:6]
    return factories.credit_code(random.randrange(10**5)), f"太原{mark}科技有限公司"


def sign_in_unit(page: Page, web: str, agent: Person, unit: tuple[str, str], viewport: str = "") -> None:
    """法人用户登录 → the 统一认证中心's 法人登录 tab → back in the client with the unit's name in the header."""
    code, org = unit
    page.goto(web + "/")
    page.get_by_role("button", name="法人用户登录").click()
    expect(page.get_by_role("tab", name="法人登录")).to_have_attribute("aria-selected", "true")
    page.get_by_label("单位名称").fill(org)
    page.get_by_label("统一社会信用代码").fill(factories.with_wrong_check_char(code))
    page.get_by_label("经办人姓名").fill(agent.name)
    page.get_by_label("经办人身份证号").fill(agent.id_number)
    page.get_by_role("button", name="登录").click()
    field = page.get_by_label("统一社会信用代码")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile("统一社会信用代码校验位不正确，请对照营业执照核对"))
    expect(field).to_be_focused()
    if viewport:
        check_page(page, f"统一认证中心·法人登录（校验位错误） {viewport}")
    field.fill(code)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text(org)


def open_unit_menu(page: Page, link: str) -> None:
    menu = page.get_by_role("navigation", name="主菜单")
    menu.get_by_role("button", name="单位网厅").click()
    menu.get_by_role("link", name=link).click()


def test_a_unit_signs_in_applies_with_its_licence_and_sees_its_center(
    page: Page, local_stack: LocalStack, viewport: str
) -> None:
    agent, (code, org) = new_person("刘经办"), new_unit()
    sign_in_unit(page, local_stack.web, agent, (code, org), viewport)
    menu = page.get_by_role("navigation", name="主菜单")
    expect(menu.get_by_role("button", name="个人办事")).to_have_count(0)  # a unit's token is not a person's
    open_unit_menu(page, "单位中心")
    expect(page.get_by_role("heading", name="单位中心")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("未申请")
    check_page(page, f"单位中心（未申请） {viewport}")

    page.get_by_role("link", name="见习单位认定申请").click()
    page.get_by_label("大字模式").check()  # the form in large text, at both sizes
    expect(page.get_by_label("单位名称")).to_have_value(org)
    expect(page.get_by_label("统一社会信用代码")).to_have_value(code)
    page.get_by_label("参保职工人数").fill("0")
    page.get_by_role("button", name="提交").click()  # checked before sending: every message beside its field
    expect(page.get_by_label("参保职工人数")).to_have_accessible_description(
        re.compile("参保职工人数应为不小于1的整数")
    )
    expect(page.get_by_label("单位地址")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("group", name="营业执照（必传）")).to_contain_text("请上传营业执照")
    expect(page.get_by_role("alert")).to_have_text("请按提示修改后再提交")
    check_page(page, f"见习单位认定申请（大字，有误） {viewport}")

    page.get_by_label("所属城市").select_option(label="太原市")
    page.get_by_label("业务办理属地").select_option(label="市本级")  # a unit may belong to 市本级
    page.get_by_label("所属行业").select_option(label="信息传输、软件和信息技术服务业")
    page.get_by_label("参保职工人数").fill("10")
    page.get_by_label("联系人").fill("王老师")
    page.get_by_label("联系电话").fill("13935112046")
    page.get_by_label("单位地址").fill("太原市迎泽区迎泽大街1号")
    page.get_by_label("单位简介").fill("软件开发与数据服务。")
    licence = page.get_by_role("group", name="营业执照（必传）")
    licence.get_by_label("选择文件").set_input_files(
        {"name": "营业执照.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    licence.get_by_role("button", name="上传").click()
    expect(licence.get_by_role("status")).to_have_text("已上传：营业执照.pdf")
    check_page(page, f"见习单位认定申请（大字） {viewport}")
    screenshot(page, "unit-recognition", viewport)
    page.get_by_role("button", name="提交").dblclick()  # one submission: the button and the Idempotency-Key
    done = page.get_by_role("dialog", name="申报成功")
    expect(done).to_contain_text("未审核")
    check_page(page, f"申报成功（单位） {viewport}")

    done.get_by_role("link", name="前往单位中心").click()
    page.get_by_label("大字模式").uncheck()
    expect(page.get_by_role("main")).to_contain_text("未审核")
    records = page.get_by_role("list", name="办件记录").get_by_role("listitem")
    expect(records).to_have_count(1)
    expect(records.first).to_contain_text("太原市市本级")
    check_page(page, f"单位中心（未审核） {viewport}")
    page.get_by_role("button", name="撤回认定申请").click()
    page.get_by_role("dialog", name="撤回认定申请").get_by_role("button", name="确认").click()
    expect(page.get_by_role("status")).to_have_text("撤回成功，可修改后重新申请")
    expect(page.get_by_role("link", name="见习单位认定申请")).to_be_visible()


def test_the_agency_recognises_a_unit_which_posts_a_position_reviewed_before_it_is_public(
    page: Page, local_stack: LocalStack, viewport: str
) -> None:
    api = UnitApi(local_stack.api, local_stack.issuer)
    agent, (code, org) = new_person("何经办"), new_unit()
    unit = api.unit_headers(agent, code, org)
    api.recognition(unit, org, insured_staff=10)  # a quota of 3

    reviewer = new_person("钱审核")
    sign_in(page, local_stack.web, reviewer, role="审核经办人员", region="太原市")
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="单位审核").click()
    expect(page.get_by_label("认定状态")).to_have_value("pending")
    page.get_by_label("县区").select_option(label="太原市小店区")
    page.get_by_role("link", name=f"审核：{org}").click()
    expect(page.get_by_role("main")).to_contain_text(code)
    expect(page.get_by_role("main")).to_contain_text("13935112046")  # unmasked for the agency, and audited
    expect(page.get_by_role("link", name="下载营业执照：business_licence.pdf")).to_be_visible()
    check_page(page, f"见习单位认定审核 {viewport}")
    page.get_by_role("button", name="审核不通过").click()  # no reason: refused here, nothing sent
    expect(page.get_by_label("不通过原因")).to_have_accessible_description(re.compile("请填写不通过原因"))
    page.get_by_role("button", name="审核通过").click()
    expect(page.get_by_role("status")).to_have_text("办理结果：已认定")
    expect(page.get_by_role("button", name="撤销认定")).to_be_visible()
    page.get_by_role("link", name="返回单位审核").click()
    check_page(page, f"单位审核 {viewport}")
    sign_out(page)

    sign_in_unit(page, local_stack.web, agent, (code, org))
    open_unit_menu(page, "单位中心")
    expect(page.get_by_role("main")).to_contain_text("已认定")
    expect(page.get_by_role("main")).to_contain_text("已用 0 个，共 3 个")
    open_unit_menu(page, "岗位发布")
    title = f"数据见习{uuid.uuid4().hex[:6]}"
    expect(page.get_by_label("见习单位")).to_have_count(0)  # the employer is the unit itself
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_label("岗位名称")).to_have_attribute("aria-invalid", "true")
    check_page(page, f"岗位发布（单位） {viewport}")
    fill_position(page, title, headcount=4)
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_role("alert")).to_have_text("见习岗位数量超过参保职工人数的30%")
    page.get_by_label("招聘人数").fill("2")
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_role("status")).to_have_text(f"已保存：{title}，审核通过后即在见习岗位查询中公开")
    mine = page.get_by_role("list", name="我的岗位").get_by_role("listitem")
    expect(mine.filter(has_text=title)).to_contain_text("待审核")
    check_page(page, f"我的岗位 {viewport}")
    screenshot(page, "unit-positions", viewport)
    assert title not in str(api.call("GET", "/positions", 200, {}, params={"keyword": title}))
    sign_out(page)

    sign_in(page, local_stack.web, reviewer, role="审核经办人员", region="太原市")
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="岗位审核").click()
    card = page.get_by_role("list", name="待审核岗位").get_by_role("listitem").filter(has_text=title)
    expect(card).to_contain_text("负责数据整理。")  # the reviewer reads what will be public
    check_page(page, f"岗位审核 {viewport}")
    card.get_by_role("button", name="审核通过").click()
    expect(page.get_by_role("status")).to_have_text(f"{title}：招聘中")
    expect(card).to_have_count(0)
    sign_out(page)

    sign_in_unit(page, local_stack.web, agent, (code, org))
    open_unit_menu(page, "我的岗位")
    page.get_by_role("button", name="招聘中").click()
    expect(mine.filter(has_text=title)).to_contain_text("招聘中")
    mine.filter(has_text=title).get_by_role("link", name=f"编辑：{title}").click()
    expect(page.get_by_label("岗位名称")).to_have_value(title)
    page.get_by_label("岗位描述").fill("负责数据整理与月度报表。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status")).to_have_text(f"已保存：{title}，审核通过后即在见习岗位查询中公开")
    expect(mine.filter(has_text=title)).to_contain_text("待审核")  # a new description is read by the agency first
    mine.filter(has_text=title).get_by_role("button", name=f"停止招聘：{title}").click()
    page.get_by_role("dialog", name="停止招聘").get_by_role("button", name="确认").click()
    expect(page.get_by_role("status")).to_have_text(f"已停止招聘：{title}")
    page.get_by_role("button", name="已停止").click()
    expect(mine.filter(has_text=title)).to_contain_text("已停止")


def fill_position(page: Page, title: str, headcount: int) -> None:
    page.get_by_label("岗位名称").fill(title)
    page.get_by_label("见习地址").fill("太原市小店区长治路1号")
    page.get_by_label("专业要求（用顿号分隔）").fill("统计学、计算机")
    page.get_by_label("联系人").fill("王老师")
    page.get_by_label("联系电话").fill("13935112046")
    page.get_by_label("行业").select_option("I")
    page.get_by_label("业务办理属地").select_option(label="太原市小店区")
    page.get_by_label("学历要求").select_option(label="大专")
    page.get_by_label("招聘人数").fill(str(headcount))
    page.get_by_label("见习补贴（元/月）").fill("1800")
    page.get_by_label("见习期限（月）").fill("6")
    page.get_by_label("截止日期").fill(Api.in_days(30))
    page.get_by_label("岗位描述").fill("负责数据整理。")


def test_a_person_on_the_units_pages_is_told_to_sign_in_as_a_unit(
    page: Page, local_stack: LocalStack, viewport: str
) -> None:
    person = new_person("孙个人")
    sign_in(page, local_stack.web, person)
    expect(page.get_by_role("navigation", name="主菜单").get_by_role("button", name="单位网厅")).to_have_count(0)
    page.goto(f"{local_stack.web}/unit")
    expect(page.get_by_role("alert")).to_have_text("请使用法人账号登录")
    check_page(page, f"单位中心（个人账号） {viewport}")
