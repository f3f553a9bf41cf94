"""见习岗位查询 without sign-in: city, county (市本级 first), filters, detail, 返回 with results, filters and scroll
kept, the query in the URL, 加载更多; and the same flow by keyboard alone."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from scripts import factories
from tests.e2e.conftest import LocalStack
from tests.e2e.web.helpers import Api, check_page, query_of, screenshot


@pytest.fixture(scope="module")
def marked(local_stack: LocalStack) -> str:
    """A position only this module's searches find: 小店区, 本科, 信息传输、软件和信息技术服务业."""
    title = f"前端见习{uuid.uuid4().hex[:6]}"
    api = Api(local_stack.api, local_stack.issuer)
    api.position(title, county="140105")
    api.indexed(title, 1)
    return title


def test_home_menus_lead_to_search(page: Page, local_stack: LocalStack, viewport: str) -> None:
    page.goto(local_stack.web)
    expect(page.get_by_role("heading", name="门户首页")).to_be_visible()
    expect(page.get_by_role("button", name="个人用户登录")).to_be_visible()
    check_page(page, f"门户首页 {viewport}")
    screenshot(page, "home", viewport)
    menu = page.get_by_role("navigation", name="主菜单")
    menu.get_by_role("button", name="个人办事").click()
    expect(menu.get_by_role("heading", name="就业创业")).to_be_visible()
    expect(menu.get_by_role("link", name="就业见习人员申请")).to_be_visible()
    expect(menu.get_by_role("link", name="见习岗位录入及维护")).to_be_visible()
    menu.get_by_role("button", name="公共就业").click()
    expect(menu.get_by_role("heading", name="创业指导")).to_be_visible()
    menu.get_by_role("link", name="见习岗位查询").click()
    expect(page.get_by_role("heading", name="见习岗位查询", level=1)).to_be_visible()
    expect(page.get_by_role("list", name="市").get_by_role("button")).to_have_count(11)


def test_city_county_filters_detail_and_back(page: Page, local_stack: LocalStack, marked: str, viewport: str) -> None:
    page.goto(local_stack.web + "/search")
    page.get_by_role("button", name="太原市").click()
    expect(page.get_by_role("button", name="太原市")).to_have_attribute("aria-pressed", "true")
    counties = page.get_by_role("list", name="县区").get_by_role("button")
    expect(counties.first).to_have_text(re.compile(r"^市本级（\d+）$"))  # 市本级 first, with its count
    expect(counties).to_have_count(11)  # 市本级 and 太原市's ten counties
    results = page.get_by_role("region", name="查询结果").get_by_role("listitem")
    expect(results.first).to_contain_text("太原市")
    page.get_by_role("button", name="小店区").click()
    expect(results.first).to_contain_text("太原市小店区")
    page.get_by_label("学历要求").select_option(label="本科")
    page.get_by_label("行业").select_option(label="信息传输、软件和信息技术服务业")
    page.get_by_label("关键词").fill(marked)
    page.get_by_role("button", name="查询").click()
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text(marked)
    assert query_of(page.url) | {"keyword": ""} == {
        "city": "140100",
        "county": "140105",
        "education": "bachelor",
        "industry": "I",
        "keyword": "",
    }
    check_page(page, f"见习岗位查询 {viewport}")
    screenshot(page, "search", viewport)

    results.first.get_by_role("link", name="查看职位").click()
    expect(page.get_by_role("heading", name=marked, level=1)).to_be_visible()
    expect(page.get_by_text(factories.EMPLOYER)).to_be_visible()
    check_page(page, f"岗位详情 {viewport}")
    screenshot(page, "position", viewport)
    page.get_by_role("button", name="返回").click()
    expect(results).to_have_count(1)
    expect(page.get_by_label("关键词")).to_have_value(marked)
    expect(page.get_by_label("学历要求")).to_have_value("bachelor")
    expect(page.get_by_role("button", name="小店区")).to_have_attribute("aria-pressed", "true")

    page.reload()  # the URL holds the query: a shared link shows the same results
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text(marked)


def test_back_keeps_the_scroll_and_more_pages_load(page: Page, local_stack: LocalStack, viewport: str) -> None:
    page.goto(local_stack.web + "/search")
    results = page.get_by_role("region", name="查询结果").get_by_role("listitem")
    expect(results).to_have_count(20)
    page.get_by_role("button", name="加载更多").click()
    expect(results).to_have_count(40)
    target = results.nth(30)
    target.scroll_into_view_if_needed()
    title = target.get_by_role("heading").inner_text()
    before = page.evaluate("window.scrollY")
    assert before > 0
    target.get_by_role("link", name="查看职位").click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    page.get_by_role("button", name="返回").click()
    expect(results).to_have_count(40)
    expect(results.nth(30)).to_be_in_viewport()
    assert abs(page.evaluate("window.scrollY") - before) < 5


def _tab_to(page: Page, name: str, limit: int = 120) -> None:
    """Press Tab until the focused control's accessible text is `name` (what a keyboard user does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; return (e?.getAttribute('aria-label') || e?.textContent || '')"
            ".trim() + '|' + (e?.labels?.[0]?.textContent ?? '').trim(); }"
        )
        text, label = focused.split("|", 1)
        if name in (text, label) or text.startswith(name):
            return
    raise AssertionError(f"Tab never reached {name}")


def test_search_detail_back_by_keyboard_alone(page: Page, local_stack: LocalStack, marked: str, viewport: str) -> None:
    page.goto(local_stack.web + "/search")
    expect(page.get_by_role("button", name="太原市")).to_be_visible()
    _tab_to(page, "太原市")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="小店区")).to_be_visible()
    _tab_to(page, "小店区")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="小店区")).to_have_attribute("aria-pressed", "true")
    _tab_to(page, "关键词")
    page.keyboard.type(marked)
    page.keyboard.press("Enter")  # submits the filter form, as 查询 does
    results = page.get_by_role("region", name="查询结果").get_by_role("listitem")
    expect(results).to_have_count(1)
    _tab_to(page, f"查看职位：{marked}")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=marked, level=1)).to_be_visible()
    _tab_to(page, "返回")
    page.keyboard.press("Enter")
    expect(results).to_have_count(1)
    expect(page.get_by_label("关键词")).to_have_value(marked)


def test_large_text_and_high_contrast_are_remembered_and_targets_are_big(
    page: Page, local_stack: LocalStack, viewport: str
) -> None:
    page.goto(local_stack.web + "/search")
    expect(page.get_by_role("button", name="太原市")).to_be_visible()
    small = [
        name
        for name, height, width in page.evaluate(
            "[...document.querySelectorAll('button, a.button, select, input:not([type=checkbox]):not([type=file])')]"
            ".filter(e => e.offsetParent).map(e => [e.textContent.trim() || e.id, e.getBoundingClientRect().height,"
            " e.getBoundingClientRect().width])"
        )
        if height < 44 or width < 44
    ]
    assert not small, f"tap targets under 44 px: {small}"
    page.get_by_label("大字模式").check()
    page.get_by_label("高对比度").check()
    page.reload()
    expect(page.get_by_label("大字模式")).to_be_checked()
    expect(page.get_by_label("高对比度")).to_be_checked()
    body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body >= 18
    check_page(page, f"见习岗位查询（大字、高对比度） {viewport}")
    page.get_by_label("大字模式").uncheck()
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") < 18


def test_each_region_shows_how_many_positions_search_finds_there(page: Page, local_stack: LocalStack) -> None:
    page.goto(local_stack.web + "/search")
    expect(page.get_by_role("button", name="太原市")).to_have_text(re.compile(r"^太原市（\d+）$"))
    page.get_by_role("button", name="太原市").click()
    counties = page.get_by_role("list", name="县区").get_by_role("button")
    expect(counties.last).to_have_text(re.compile(r"（\d+）$"))
    shown = {}
    for text in counties.all_inner_texts():
        # innerText puts the count (a flex item of its own) on a line of its own: compare without white space.
        name, count = re.fullmatch(r"(.+)（(\d+)）", re.sub(r"\s+", "", text)).groups()  # type: ignore[union-attr]
        shown[name] = int(count)
    # One page holds them all, and fewer than the city's first page: the list shown must be the county's.
    name, count = next((n, c) for n, c in shown.items() if 0 < c < 20)
    page.get_by_role("button", name=name).click()
    results = page.get_by_role("region", name="查询结果").get_by_role("listitem")
    expect(results).to_have_count(count)


def test_sorted_by_stipend_highest_first(page: Page, local_stack: LocalStack) -> None:
    page.goto(local_stack.web + "/search?city=140100")
    page.get_by_label("排序").select_option(label="见习补贴由高到低")
    page.get_by_role("button", name="查询").click()
    expect(page).to_have_url(re.compile(r"sort=stipend"))
    page.reload()  # only the sorted search on the page: nothing left of the first one
    expect(page.get_by_label("排序")).to_have_value("stipend")
    results = page.get_by_role("region", name="查询结果").get_by_role("listitem")
    expect(results.nth(1)).to_be_visible()
    stipends = [int(m) for m in re.findall(r"见习补贴 (\d+) 元/月", " ".join(results.all_inner_texts()))]
    assert len(stipends) == results.count() and stipends == sorted(stipends, reverse=True), stipends
