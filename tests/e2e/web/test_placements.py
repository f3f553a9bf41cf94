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
from tests.e2e.web.helpers import Api, Person, check_page, new_person, sign_in

ORG = "太原智联见习科技有限公司"


def sign_in_unit(page: Page, web: str, agent: Person, credit_code: str, org_name: str = ORG) -> None:
    """法人用户登录 → the 统一认证中心's 法人登录 → back in the client with the unit's name in the header."""
    page.goto(web + "/")
    page.get_by_role("button", name="法人用户登录").click()
    expect(page.get_by_role("tab", name="法人登录")).to_have_attribute("aria-selected", "true")
    page.get_by_label("单位名称").fill(org_name)
    page.get_by_label("统一社会信用代码").fill(credit_code)
    page.get_by_label("经办人姓名").fill(agent.name)
    page.get_by_label("经办人身份证号").fill(agent.id_number)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("banner")).to_contain_text(org_name)


def unit_menu(page: Page, item: str) -> None:
    menu = page.get_by_role("navigation", name="主菜单")
    menu.get_by_role("button", name="单位网厅").click()
    menu.get_by_role("link", name=item).click()
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
