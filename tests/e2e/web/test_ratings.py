"""好差评 and 统计分析 in the browser: a person rates a decided case from 我的办件; the region's reviewer finds the 差评
first, follows it up, and reads 统计分析 (chart, table, XLSX export); a unit rates its decided 认定申请 from its
办件详情 and reads its rating there again; axe-clean at desktop and phone size and in 大字模式."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import LocalStack
from tests.e2e.web.helpers import Api, check_page, new_person, sign_in
from tests.e2e.web.test_units import UnitApi, new_unit, open_unit_menu, sign_in_unit


def test_a_person_rates_a_decided_case_and_the_reviewer_follows_it_up(
    page: Page, local_stack: LocalStack, viewport: str, tmp_path: Path
) -> None:
    api = Api(local_stack.api, local_stack.issuer)
    person = new_person("冯雪")
    case = api.apply(person, locality="140105")
    api.approve(case)

    sign_in(page, local_stack.web, person)
    page.goto(f"{local_stack.web}/center/cases/{case}")
    rating = page.get_by_role("region", name="好差评")
    rating.get_by_role("radio", name="不满意", exact=True).check()
    rating.get_by_role("checkbox", name="流程繁琐").check()
    comment = f"审核等了很久（{viewport}）"  # one per run: both viewports share the stack
    rating.get_by_label("评价内容（可选，300字以内）").fill(comment)
    check_page(page, f"办件详情（好差评） {viewport}")
    rating.get_by_role("button", name="提交评价").click()
    expect(rating.get_by_role("status")).to_contain_text("您的评价：不满意（差评）")

    staff = new_person("卫经办")
    browser = page.context.browser
    assert browser is not None
    # The reviewer at another computer: a context of their own (no session, cookie or storage of the person's).
    staff_context = browser.new_context(
        viewport=page.viewport_size, locale="zh-CN", timezone_id="Asia/Shanghai", accept_downloads=True
    )
    page = staff_context.new_page()
    sign_in(page, local_stack.web, staff, role="审核经办人员", region="太原市")
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="好差评").click()
    expect(page.get_by_label("评价范围")).to_have_value("true")
    card = page.get_by_role("listitem").filter(has_text=comment)
    expect(card).to_contain_text("不满意（差评）")
    expect(card).not_to_contain_text("逾期未回访")  # given today: five working days to follow it up
    expect(page.get_by_role("region", name="回访提醒")).to_be_visible()
    card.get_by_label("处理方式").select_option("回访")
    card.get_by_label("处理说明").fill("已电话回访，说明审核时限")
    card.get_by_role("button", name="提交处理").click()
    expect(card.get_by_role("status")).to_have_text("已记录回访")
    expect(card).to_contain_text("回访：已电话回访，说明审核时限")
    check_page(page, f"好差评 {viewport}")

    page.get_by_label("大字模式").check()
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="统计分析").click()
    expect(page.get_by_role("heading", name="统计分析", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="太原市 · 见习申请")).to_be_visible()
    own = page.get_by_role("region", name="太原市", exact=True)
    expect(own.get_by_role("row", name="评价数")).to_be_visible()
    check_page(page, f"统计分析（大字模式） {viewport}")
    with page.expect_download() as download:
        page.get_by_role("button", name="导出Excel").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.endswith(".xlsx")
    with zipfile.ZipFile(saved) as workbook:
        assert workbook.testzip() is None
        assert "市本级" in workbook.read("xl/workbook.xml").decode()
        assert "评价数" in workbook.read("xl/worksheets/sheet1.xml").decode()
    staff_context.close()


def test_a_unit_rates_its_decided_recognition_from_its_page(page: Page, local_stack: LocalStack, viewport: str) -> None:
    api = UnitApi(local_stack.api, local_stack.issuer)
    agent, (code, org) = new_person("韩经办"), new_unit()
    api.recognition(api.unit_headers(agent, code, org), org)
    reviewer = api.headers(roles=["reviewer"], region="140000")
    api.call("POST", f"/admin/units/{code}/reject", 200, reviewer, json={"reason": "营业执照复印件不清晰"})

    sign_in_unit(page, local_stack.web, agent, (code, org))
    open_unit_menu(page, "单位中心")
    records = page.get_by_role("list", name="办件记录").get_by_role("listitem")
    expect(records).to_have_count(1)
    records.first.get_by_role("link", name=re.compile("申报的认定申请")).click()
    expect(page.get_by_role("heading", name="办件详情", level=1)).to_be_visible()
    expect(page.get_by_role("list", name="办理记录")).to_contain_text("营业执照复印件不清晰")
    rating = page.get_by_role("region", name="好差评")
    rating.get_by_role("radio", name="满意", exact=True).check()
    rating.get_by_role("checkbox", name="界面友好").check()
    rating.get_by_label("评价内容（可选，300字以内）").fill("审核意见写得清楚")
    check_page(page, f"认定办件详情（好差评） {viewport}")
    rating.get_by_role("button", name="提交评价").click()
    expect(rating.get_by_role("status")).to_contain_text("您的评价：满意")

    page.reload()  # read back from the case's detail, not from the form's own answer
    page.get_by_label("大字模式").check()
    rating = page.get_by_role("region", name="好差评")
    expect(rating.get_by_role("status")).to_contain_text("您的评价：满意")
    expect(rating.get_by_role("status")).to_contain_text("标签：界面友好")
    expect(rating.get_by_role("status")).to_contain_text("评价内容：审核意见写得清楚")
    expect(rating.get_by_role("button", name="提交评价")).to_have_count(0)  # once per case
    check_page(page, f"认定办件详情（已评价，大字模式） {viewport}")
