"""见习岗位录入及维护 (favourites to the limit, the not-trainee message) and the 经办人员 screens (review, 岗位发布)."""

from __future__ import annotations

import uuid

import requests
from playwright.sync_api import Page, expect

from scripts import factories
from tests.e2e.conftest import LocalStack
from tests.e2e.web.helpers import Api, check_page, new_person, screenshot, sign_in


def test_not_yet_a_trainee_sees_the_manuals_message(page: Page, local_stack: LocalStack, viewport: str) -> None:
    api = Api(local_stack.api, local_stack.issuer)
    position = api.position(f"会计见习{uuid.uuid4().hex[:6]}")
    pending = new_person("孙悦")
    api.apply(pending)  # applied, not yet approved
    sign_in(page, local_stack.web, pending)
    page.goto(f"{local_stack.web}/trainee/positions/{position}")
    page.get_by_role("button", name="收藏").click()
    expect(page.get_by_role("alert")).to_have_text("该人员不是就业见习人员")
    check_page(page, f"岗位详情（收藏异常） {viewport}")


def test_trainee_favourites_up_to_three(page: Page, local_stack: LocalStack, viewport: str) -> None:
    api = Api(local_stack.api, local_stack.issuer)
    mark = uuid.uuid4().hex[:6]
    titles = [f"见习{mark}岗{i}" for i in range(4)]
    for title in titles:
        api.position(title, county="140105")
    api.position(f"见习{mark}外地", county="140106")  # another locality: never listed
    api.indexed(mark, 5)
    trainee = new_person("周明")
    api.approve(api.apply(trainee, locality="140105"))

    sign_in(page, local_stack.web, trainee)
    menu = page.get_by_role("navigation", name="主菜单")
    menu.get_by_role("button", name="个人办事").click()
    menu.get_by_role("link", name="见习岗位录入及维护").click()
    expect(page.get_by_text("业务办理属地：太原市小店区")).to_be_visible()
    page.get_by_label("关键词").fill(mark)
    page.get_by_role("button", name="查询").click()
    results = page.get_by_role("region", name="查询结果").get_by_role("listitem")
    expect(results).to_have_count(4)
    check_page(page, f"见习岗位录入及维护 {viewport}")
    screenshot(page, "trainee", viewport)
    for i, title in enumerate(sorted(titles)):
        page.get_by_role("link", name=f"查看职位：{title}").click()
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        page.get_by_role("button", name="收藏").click()
        if i < 3:
            expect(page.get_by_role("alert")).to_have_text("已收藏")
            expect(page.get_by_role("button", name="取消收藏")).to_be_visible()
        else:
            expect(page.get_by_role("alert")).to_have_text("最多收藏三个岗位")
        page.get_by_role("button", name="返回").click()
        expect(results).to_have_count(4)
    page.get_by_role("link", name="我的收藏").click()
    favourites = page.get_by_role("list", name="收藏的岗位").get_by_role("listitem")
    expect(favourites).to_have_count(3)
    check_page(page, f"我的收藏 {viewport}")
    page.get_by_role("button", name=f"取消收藏：{sorted(titles)[0]}").click()
    expect(favourites).to_have_count(2)


def test_reviewer_rejects_with_a_reason_and_approves(page: Page, local_stack: LocalStack, viewport: str) -> None:
    api = Api(local_stack.api, local_stack.issuer)
    first, second = new_person("吴佳"), new_person("郑浩")
    api.apply(first)
    api.apply(second)
    staff = new_person("钱经办")
    sign_in(page, local_stack.web, staff, role="审核经办人员", region="太原市")
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="审核办件").click()
    expect(page.get_by_label("审核状态")).to_have_value("pending")
    page.get_by_label("县区").select_option(label="太原市小店区")
    expect(page.get_by_role("link", name=f"审核：{first.name}").first).to_be_visible()
    check_page(page, f"审核办件 {viewport}")
    screenshot(page, "review", viewport)

    page.get_by_role("link", name=f"审核：{first.name}").first.click()
    expect(page.get_by_text(first.id_number, exact=True)).to_be_visible()  # staff see it unmasked
    href = page.get_by_role("link", name="下载身份证：id_card.pdf").get_attribute("href")
    assert href and requests.get(href, timeout=30).content.startswith(b"%PDF")  # the file itself, from storage
    check_page(page, f"办件审核 {viewport}")
    page.get_by_role("button", name="审核不通过").click()
    expect(page.get_by_label("不通过原因")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("请填写不通过原因")).to_be_visible()
    page.get_by_label("不通过原因").fill("毕业证书不清晰")
    page.get_by_role("button", name="审核不通过").click()
    expect(page.get_by_role("status")).to_have_text("已审核不通过")
    expect(page.get_by_role("main")).to_contain_text("毕业证书不清晰")

    page.get_by_role("link", name="返回审核办件").click()
    page.get_by_role("link", name=f"审核：{second.name}").first.click()
    page.get_by_role("button", name="审核通过").click()
    expect(page.get_by_role("status")).to_have_text("已审核通过")


def test_position_manager_publishes_edits_and_closes(page: Page, local_stack: LocalStack, viewport: str) -> None:
    staff = new_person("冯岗管")
    sign_in(page, local_stack.web, staff, role="岗位管理经办人员", region="太原市")
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="岗位管理").click()
    page.get_by_role("link", name="岗位发布").click()
    page.get_by_role("button", name="发布").click()  # empty: the API's field errors beside the fields
    expect(page.get_by_label("岗位名称")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_be_visible()
    check_page(page, f"岗位发布 {viewport}")
    title = f"运维见习{uuid.uuid4().hex[:6]}"
    page.get_by_label("岗位名称").fill(title)
    page.get_by_label("见习单位").fill("太原数据服务有限公司")
    page.get_by_label("统一社会信用代码").fill(factories.credit_code())
    page.get_by_label("见习地址").fill("太原市小店区长治路1号")
    page.get_by_label("专业要求（用顿号分隔）").fill("计算机、网络工程")
    page.get_by_label("联系人").fill("王老师")
    page.get_by_label("联系电话").fill("13935112046")
    page.get_by_label("行业").select_option("I")
    page.get_by_label("业务办理属地").select_option(label="太原市小店区")
    page.get_by_label("学历要求").select_option(label="大专")
    page.get_by_label("招聘人数").fill("2")
    page.get_by_label("见习补贴（元/月）").fill("1800")
    page.get_by_label("见习期限（月）").fill("6")
    page.get_by_label("截止日期").fill(Api.in_days(30))
    page.get_by_label("岗位描述").fill("负责机房巡检。")
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_role("heading", name=f"已保存：{title}")).to_be_visible()
    page.get_by_role("link", name=f"编辑：{title}").click()
    expect(page.get_by_label("岗位名称")).to_have_value(title)
    page.get_by_label("招聘人数").fill("5")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("region", name=f"已保存：{title}")).to_contain_text("招聘 5 人")
    page.get_by_role("button", name=f"停止招聘：{title}").click()
    expect(page.get_by_role("status")).to_have_text(f"已停止招聘：{title}")
    expect(page.get_by_role("link", name=f"编辑：{title}")).to_have_count(0)


def test_verify_page_says_genuine_with_masked_data(page: Page, local_stack: LocalStack, viewport: str) -> None:
    api = Api(local_stack.api, local_stack.issuer)
    person = new_person("陈静怡")
    application_id = api.apply(person)
    page.goto(f"{local_stack.web}/verify/{application_id}")
    expect(page.get_by_role("heading", name="✔ 经核验，该就业见习人员申请表真实有效")).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text("未审核")
    expect(main).to_contain_text(person.masked)
    expect(main).not_to_contain_text(person.id_number)
    expect(main).not_to_contain_text(person.name)  # 陈*怡
    check_page(page, f"扫码验真 {viewport}")
    screenshot(page, "verify", viewport)
    page.goto(f"{local_stack.web}/verify/{'0' * 32}")
    expect(page.get_by_role("alert")).to_contain_text("验真未通过")
