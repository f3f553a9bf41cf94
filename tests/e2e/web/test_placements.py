"""见习岗位申请 → 见习协议 → 上岗 → 期满 in the browser (issue 20): the trainee applies from the position page and
from 我的收藏, the unit offers (the minimum wage refused first) and both read the agreement, the trainee accepts
(their other application is withdrawn), the agency confirms 上岗, the unit ends the placement with 留用, assesses
and retains, and the trainee downloads the 见习证明; and the unit's 意向人员 → 邀请 → the trainee takes it up.

The trainee, the unit's agent and the reviewer each sign in in a tab of their own (sessionStorage holds a tab's
sign-in), as three people would on three machines."""

from __future__ import annotations

import random
import re
import uuid

from playwright.sync_api import Page, expect

from scripts import factories
from tests.e2e.conftest import LocalStack
from tests.e2e.web import test_units as units
from tests.e2e.web.helpers import Api, Person, check_page, new_person, screenshot, sign_in

ORG = "太原智联见习科技有限公司"


def sign_in_unit(page: Page, stack: LocalStack, agent: Person, credit_code: str, org_name: str = ORG) -> None:
    """The unit's agent through the 统一认证中心's 法人登录 tab, as a unit signs in (test_units.py)."""
    units.sign_in_unit(page, stack.web, agent, (credit_code, org_name))


def unit_menu(page: Page, item: str) -> None:
    """单位网厅 → `item` in the main menu, as the agent finds each screen."""
    units.open_unit_menu(page, item)
    expect(page.get_by_role("heading", name=item, level=1)).to_be_visible()


def trainee_of(api: Api, name: str) -> Person:
    """An approved trainee of 小店区."""
    person = new_person(name)
    api.approve(api.apply(person, locality="140105"))
    return person


def unit_position(api: Api, credit_code: str, title: str, headcount: int = 2) -> str:
    """An open position of the unit (its credit code), published by province staff as today."""
    return api.position(title, employer_credit_code=credit_code, employer_name=ORG, headcount=headcount)


def pdf_downloaded(page: Page, button: str | re.Pattern[str]) -> None:
    with page.expect_download() as download:
        page.get_by_role("button", name=button).click()
    path = download.value.path()
    assert path.read_bytes().startswith(b"%PDF"), f"{button}: not a PDF"


def test_three_applications_at_once_then_withdraw_one(page: Page, local_stack: LocalStack, viewport: str) -> None:
    api = Api(local_stack.api, local_stack.issuer)
    mark = uuid.uuid4().hex[:6]
    code = factories.credit_code(random.randrange(10**5))
    titles = [f"会计见习{mark}岗{i}" for i in range(4)]
    positions = [unit_position(api, code, title) for title in titles]
    trainee = trainee_of(api, "卫晓东")
    sign_in(page, local_stack.web, trainee)
    for position, title in zip(positions, titles, strict=True):
        page.goto(f"{local_stack.web}/trainee/positions/{position}")
        page.get_by_role("button", name=f"申请该岗位：{title}").click()
        said = page.get_by_role("alert")
        expect(said).to_contain_text("最多同时申请三个见习岗位" if title == titles[-1] else f"已申请：{title}")
    check_page(page, f"岗位详情（第四个申请） {viewport}")
    page.goto(f"{local_stack.web}/trainee/placements")
    mine = page.get_by_role("list", name="我的见习").get_by_role("listitem")
    expect(mine).to_have_count(3)
    mine.filter(has_text=titles[0]).get_by_role("link", name=f"查看详情：{titles[0]}").click()
    page.get_by_role("button", name="撤回申请").click()
    dialog = page.get_by_role("dialog", name="撤回申请")
    check_page(page, f"撤回申请（对话框） {viewport}")
    dialog.get_by_role("button", name="确认").click()
    expect(page.get_by_role("status")).to_contain_text("已撤回")
    expect(page.get_by_role("list", name="办理记录")).to_contain_text("已申请")


def test_apply_offer_accept_confirm_end_assess_certificate(page: Page, local_stack: LocalStack, viewport: str) -> None:
    api = Api(local_stack.api, local_stack.issuer)
    mark = uuid.uuid4().hex[:6]
    code = factories.credit_code(random.randrange(10**5))
    title, other = f"数据标注见习{mark}", f"行政助理见习{mark}"
    position = unit_position(api, code, title)
    second = unit_position(api, code, other)
    trainee = trainee_of(api, "韩雪")
    api.call("PUT", f"/favourites/{second}", 201, api.headers(trainee))

    # The trainee applies from the position page, then from 我的收藏.
    sign_in(page, local_stack.web, trainee)
    page.goto(f"{local_stack.web}/trainee/positions/{position}")
    page.get_by_role("button", name=f"申请该岗位：{title}").click()
    expect(page.get_by_role("alert")).to_contain_text(f"已申请：{title}")
    check_page(page, f"岗位详情（已申请） {viewport}")
    page.goto(f"{local_stack.web}/trainee/favourites")
    page.get_by_role("button", name=f"申请该岗位：{other}").click()
    expect(page.get_by_role("alert")).to_contain_text(f"已申请：{other}")
    menu = page.get_by_role("navigation", name="主菜单")
    menu.get_by_role("button", name="个人办事").click()
    menu.get_by_role("link", name="我的见习").click()
    mine = page.get_by_role("list", name="我的见习").get_by_role("listitem")
    expect(mine).to_have_count(2)
    expect(mine.filter(has_text=title)).to_contain_text("已申请")
    check_page(page, f"我的见习 {viewport}")

    # The unit: 应聘管理, the offer refused under the minimum wage, then made; the agreement to read.
    unit = page.context.new_page()
    sign_in_unit(unit, local_stack, new_person("刘经办"), code)
    unit.get_by_label("大字模式").check()  # the unit's screens in 大字模式 (at 390 px in the phone run)
    unit_menu(unit, "应聘管理")
    applicants = unit.get_by_role("list", name="应聘人员").get_by_role("listitem")
    expect(applicants).to_have_count(2)  # the same trainee at both positions
    unit.get_by_label("见习岗位").select_option(label=title)
    expect(applicants).to_have_count(1)
    expect(applicants).to_contain_text("山西大学")
    expect(applicants).to_contain_text("138****5678")  # the phone masked until the offer is accepted
    check_page(unit, f"应聘管理（大字模式） {viewport}")
    applicants.get_by_role("button", name=re.compile("^录用：")).click()
    offer = unit.get_by_role("dialog")
    offer.get_by_role("button", name="确认录用").click()  # empty: the client's checks beside the fields
    expect(offer.get_by_label("带教老师")).to_have_attribute("aria-invalid", "true")
    offer.get_by_label("见习开始日期").fill(factories.today().isoformat())  # China today: ending today is then allowed
    offer.get_by_label("见习期限（月）").fill("6")
    offer.get_by_label("见习补贴（元/月）").fill("100")
    offer.get_by_label("带教老师").fill("王老师")
    offer.get_by_role("button", name="确认录用").click()
    expect(offer.get_by_role("alert")).to_contain_text("不得低于当地最低工资标准")
    allowance = offer.get_by_label("见习补贴（元/月）")
    expect(allowance).to_have_attribute("aria-invalid", "true")
    expect(allowance).to_have_accessible_description(re.compile(r"最低工资标准\d+元"))  # the county's figure
    check_page(unit, f"录用（对话框） {viewport}")
    screenshot(unit, "placement-offer", viewport)
    offer.get_by_label("见习补贴（元/月）").fill("2600")
    offer.get_by_role("button", name="确认录用").click()
    expect(unit.get_by_role("status")).to_contain_text("已录用待签约")
    unit.get_by_label("状态").select_option(label="已录用待签约")
    expect(applicants).to_have_count(1)
    pdf_downloaded(unit, re.compile("^查看见习协议："))

    # The trainee reads the agreement and accepts: the other application is withdrawn with it.
    page.reload()
    mine.filter(has_text=title).get_by_role("link", name=f"查看详情：{title}").click()
    expect(page.get_by_role("main")).to_contain_text("已录用待签约")
    expect(page.get_by_role("main")).to_contain_text("2600 元/月")
    pdf_downloaded(page, "查看见习协议")
    check_page(page, f"见习详情（待签约） {viewport}")
    page.get_by_role("button", name="接受", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name="确认").click()
    expect(page.get_by_role("status")).to_contain_text("协议已签订")
    page.get_by_role("link", name="返回我的见习").click()
    expect(mine.filter(has_text=other)).to_contain_text("已撤回")

    # The agency of the region: 上岗报备.
    reviewer = page.context.new_page()
    sign_in(reviewer, local_stack.web, new_person("孟经办"), role="审核经办人员", region="太原市")
    reviewer.get_by_role("navigation", name="主菜单").get_by_role("link", name="上岗报备").click()
    reviewer.get_by_label("县区").select_option(label="太原市小店区")
    waiting = reviewer.get_by_role("list", name="见习人员").get_by_role("listitem").filter(has_text=title)
    expect(waiting).to_have_count(1)
    check_page(reviewer, f"上岗报备 {viewport}")
    waiting.get_by_role("button", name=re.compile("^确认上岗：")).click()
    reviewer.get_by_role("dialog").get_by_role("button", name="确认").click()
    expect(reviewer.get_by_role("status")).to_contain_text("在岗见习")

    # The unit ends it with 留用, assesses, and records the contract.
    unit_menu(unit, "在岗见习人员")
    trainees = unit.get_by_role("list", name="见习人员").get_by_role("listitem")
    expect(trainees).to_have_count(1)
    expect(trainees).to_contain_text("13812345678")  # accepted: the unit may call its trainee
    check_page(unit, f"在岗见习人员 {viewport}")
    trainees.get_by_role("button", name=re.compile("^结束见习：")).click()
    ending = unit.get_by_role("dialog", name=re.compile("^结束见习"))
    ending.get_by_label("结束原因").select_option(label="留用")
    ending.get_by_role("button", name="确认结束").click()
    expect(unit.get_by_role("status")).to_contain_text("提前结束")
    unit.get_by_label("状态").select_option(label="提前结束")
    trainees.get_by_role("button", name=re.compile("^考核：")).click()
    assessing = unit.get_by_role("dialog", name=re.compile("^期满考核"))
    assessing.get_by_label("考核结果").select_option(label="优秀")
    assessing.get_by_role("button", name="提交考核").click()
    expect(trainees).to_contain_text("优秀")
    trainees.get_by_role("button", name=re.compile("^留用：")).click()
    retaining = unit.get_by_role("dialog", name=re.compile("^留用"))
    retaining.get_by_label("合同期限（月）").fill("36")
    retaining.get_by_role("button", name="确认留用").click()
    expect(trainees).to_contain_text("起 36 个月")
    expect(trainees.get_by_role("button", name=re.compile("^留用："))).to_have_count(0)
    # 好差评 from the unit's 见习详情 (issue 23): the period is over.
    trainees.get_by_role("link", name=re.compile("^查看详情：")).click()
    expect(unit.get_by_role("list", name="办理记录")).to_contain_text("提前结束")
    unit_rating = unit.get_by_role("region", name="好差评")
    unit_rating.get_by_role("radio", name="非常满意").check()
    unit_rating.get_by_role("button", name="提交评价").click()
    expect(unit_rating.get_by_role("status")).to_contain_text("您的评价：非常满意")
    check_page(unit, f"见习详情（单位，已评价） {viewport}")

    # The trainee's 见习证明, and their own 好差评 (the unit's is not theirs).
    mine.filter(has_text=title).get_by_role("link", name=f"查看详情：{title}").click()
    expect(page.get_by_role("main")).to_contain_text("提前结束")
    pdf_downloaded(page, "下载见习证明")
    rating = page.get_by_role("region", name="好差评")
    expect(rating.get_by_role("button", name="提交评价")).to_be_visible()
    check_page(page, f"见习详情（见习证明，好差评） {viewport}")
    rating.get_by_role("radio", name="满意", exact=True).check()
    rating.get_by_role("button", name="提交评价").click()
    expect(rating.get_by_role("status")).to_contain_text("您的评价：满意")

    # 扫码验真: the QR code's page, public, the trainee masked.
    placement_id = page.url.rsplit("/", 1)[-1]
    public = page.context.new_page()
    public.goto(f"{local_stack.web}/verify/placements/{placement_id}")
    expect(public.get_by_role("heading", name="✔ 经核验，该就业见习协议真实有效")).to_be_visible()
    verified = public.get_by_role("main")
    expect(verified).to_contain_text("韩*")
    expect(verified).not_to_contain_text(trainee.name)
    expect(verified).not_to_contain_text(trainee.id_number)
    check_page(public, f"扫码验真（见习协议） {viewport}")


def test_unit_invites_an_interested_trainee_who_takes_it_up(page: Page, local_stack: LocalStack, viewport: str) -> None:
    api = Api(local_stack.api, local_stack.issuer)
    code = factories.credit_code(random.randrange(10**5))
    title = f"新媒体运营见习{uuid.uuid4().hex[:6]}"
    position = unit_position(api, code, title)
    trainee = trainee_of(api, "欧阳明")
    api.call("PUT", f"/favourites/{position}", 201, api.headers(trainee))

    sign_in_unit(page, local_stack, new_person("刘经办"), code)
    unit_menu(page, "我的岗位")
    page.get_by_role("list", name="我的岗位").get_by_role("link", name=f"意向人员：{title}").click()
    expect(page.get_by_text(f"见习岗位：{title}")).to_be_visible()
    interested = page.get_by_role("list", name="意向人员").get_by_role("listitem")
    expect(interested).to_have_count(1)
    expect(interested).to_contain_text("欧*明")  # masked: the unit learns the name when they apply
    check_page(page, f"意向人员 {viewport}")
    interested.get_by_role("button", name=re.compile("^邀请：")).click()
    expect(page.get_by_role("status")).to_contain_text("已邀请")

    person = page.context.new_page()
    sign_in(person, local_stack.web, trainee)
    person.goto(f"{local_stack.web}/trainee/placements")
    invited = person.get_by_role("list", name="我的见习").get_by_role("listitem").filter(has_text=title)
    expect(invited).to_contain_text("已邀请")
    invited.get_by_role("link", name=f"查看详情：{title}").click()
    check_page(person, f"见习详情（已邀请） {viewport}")
    person.get_by_role("button", name="接受邀请").click()
    person.get_by_role("dialog").get_by_role("button", name="确认").click()
    expect(person.get_by_role("status")).to_contain_text("已申请")
    unit_menu(page, "应聘管理")  # now an applicant like any other, by name
    expect(page.get_by_role("list", name="应聘人员")).to_contain_text(trainee.name)
