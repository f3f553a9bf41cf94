"""消息中心 in the browser, for a person and for a unit: the header says how many are unread; each message says in words
whether it is read; 标为已读 one at a time, 只看未读, 全部标为已读; 查看 opens what it is about. axe-core on every
screen, at desktop and phone size, the unit's in 大字模式."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import LocalStack
from tests.e2e.web.helpers import check_page, new_person, sign_in
from tests.e2e.web.test_units import UnitApi, new_unit, sign_in_unit


def open_messages(page: Page, unread: int) -> None:
    """The header's link names the unread count; it opens the 消息中心."""
    name = f"消息中心（{unread}条未读）" if unread else "消息中心"
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", name="消息中心", exact=True)).to_be_visible()


def test_a_person_reads_their_messages_one_at_a_time_then_all(
    page: Page, local_stack: LocalStack, viewport: str
) -> None:
    api, person = UnitApi(local_stack.api, local_stack.issuer), new_person("孙晓雨")
    application_id = api.apply(person)  # 申报成功，等待审核
    api.approve(application_id)  # 审核通过
    sign_in(page, local_stack.web, person)
    open_messages(page, unread=2)
    listed = page.get_by_role("list", name="消息").get_by_role("listitem")
    expect(listed).to_have_count(2)
    expect(listed.first).to_contain_text("未读 审核通过")  # newest first, its state in words
    check_page(page, f"消息中心（2条未读） {viewport}")

    page.get_by_role("button", name="标为已读：审核通过").click()
    expect(page.get_by_role("status")).to_have_text("已标为已读：审核通过")
    expect(listed.first).to_contain_text("已读 审核通过")
    menu = page.get_by_role("navigation", name="主菜单")
    expect(menu.get_by_role("link", name="消息中心（1条未读）")).to_be_visible()

    page.get_by_role("button", name="只看未读").click()
    expect(page.get_by_role("button", name="只看未读")).to_have_attribute("aria-pressed", "true")
    expect(listed).to_have_count(1)
    expect(listed.first).to_contain_text("申报成功，等待审核")
    page.get_by_role("button", name="全部标为已读").click()
    expect(page.get_by_role("status")).to_have_text("已将1条消息标为已读")
    expect(page.get_by_role("main")).to_contain_text("没有未读消息。")
    expect(menu.get_by_role("link", name="消息中心", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="全部标为已读")).to_be_disabled()
    check_page(page, f"消息中心（已读） {viewport}")

    page.get_by_role("button", name="全部消息").click()
    page.get_by_role("link", name="查看：审核通过").click()
    expect(page).to_have_url(re.compile(f"/center/cases/{application_id}$"))


def test_a_unit_reads_its_messages_in_large_text(page: Page, local_stack: LocalStack, viewport: str) -> None:
    api, agent, (code, org) = UnitApi(local_stack.api, local_stack.issuer), new_person("周经办"), new_unit()
    api.recognised(api.unit_headers(agent, code, org), code, org)  # 见习单位认定审核通过
    sign_in_unit(page, local_stack.web, agent, (code, org))
    page.get_by_label("大字模式").check()
    open_messages(page, unread=1)
    item = page.get_by_role("list", name="消息").get_by_role("listitem")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("未读 见习单位认定审核通过")
    check_page(page, f"消息中心（单位，大字模式） {viewport}")
    page.get_by_role("button", name="标为已读：见习单位认定审核通过").click()
    expect(item).to_contain_text("已读 见习单位认定审核通过")
    page.get_by_role("link", name="查看：见习单位认定审核通过").click()
    expect(page.get_by_role("heading", name="单位中心")).to_be_visible()
