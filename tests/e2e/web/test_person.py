"""The signed-in person: sign-in through the local issuer, 就业见习人员申请 with three real uploads, 申报成功,
未审核, 我的办件 by 审核状态 and 申办月份, the case and its history, 打印报表, 撤回 with its dialog, 重新申报."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import requests
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import LocalStack
from tests.e2e.web.helpers import Api, check_page, new_person, screenshot, sign_in, sign_out
from tests.flows import PDF

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082"
)


def _cst_month() -> str:
    return (datetime.now(UTC) + timedelta(hours=8)).strftime("%Y-%m")


def _upload(page: Page, kind: str, name: str, mime: str, content: bytes) -> Locator:
    row = page.get_by_role("group", name=kind)
    row.get_by_label("选择文件").set_input_files({"name": name, "mimeType": mime, "buffer": content})
    row.get_by_role("button", name="上传").click()
    expect(row.get_by_role("status")).to_contain_text("已上传")
    return row


def test_sign_in_shows_name_and_masked_id_and_sign_out(page: Page, local_stack: LocalStack, viewport: str) -> None:
    person = new_person("李思远")
    sign_in(page, local_stack.web, person)
    banner = page.get_by_role("banner")
    expect(banner).to_contain_text(person.masked)
    expect(banner).not_to_contain_text(person.id_number)
    check_page(page, f"门户首页（已登录） {viewport}")
    sign_out(page)


def test_apply_then_center_withdraw_and_reapply(page: Page, local_stack: LocalStack, viewport: str) -> None:
    person = new_person("赵雨桐")
    sign_in(page, local_stack.web, person)
    menu = page.get_by_role("navigation", name="主菜单")
    menu.get_by_role("button", name="个人办事").click()
    menu.get_by_role("link", name="就业见习人员申请").click()
    expect(page.get_by_role("heading", name="就业见习人员申请")).to_be_visible()
    expect(page.get_by_label("姓名")).to_have_value(person.name)
    page.get_by_label("身份证号").fill(person.id_number)
    page.get_by_label("手机号码").fill("1234")
    page.get_by_label("学历").select_option(label="本科")
    page.get_by_label("毕业院校").fill("山西大学")
    page.get_by_label("所学专业").fill("软件工程")
    page.get_by_label("毕业时间").fill((date.today() - timedelta(days=90)).isoformat())
    page.get_by_label("人员类别").select_option(label="离校2年内未就业高校毕业生")
    page.get_by_label("所属城市").select_option(label="太原市")
    localities = page.get_by_label("业务办理属地").locator("option:not([disabled])")
    expect(localities.first).to_have_text("市本级")
    page.get_by_label("业务办理属地").select_option(label="小店区")
    page.get_by_label("联系地址").fill("太原市小店区坞城路92号")

    page.get_by_role("button", name="提交").click()  # the API refuses the phone: its message beside the field
    phone = page.get_by_label("手机号码")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(phone).to_have_accessible_description(
        re.compile("请填写11位手机号码")
    )  # the API's own words, tied to the field
    expect(page.get_by_role("alert")).to_contain_text("提交的信息有误")
    phone.fill("13935112046")

    _upload(page, "身份证", "身份证.pdf", "application/pdf", PDF)
    _upload(page, "毕业证书", "毕业证书.png", "image/png", PNG)
    _upload(page, "其他材料", "其他.pdf", "application/pdf", PDF)
    check_page(page, f"就业见习人员申请 {viewport}")
    screenshot(page, "apply", viewport)
    page.get_by_role("button", name="提交").dblclick()  # one submission: the button and the Idempotency-Key
    done = page.get_by_role("dialog", name="申报成功")
    expect(done).to_be_visible()
    check_page(page, f"申报成功 {viewport}")
    api = Api(local_stack.api, local_stack.issuer)
    mine = requests.get(f"{local_stack.api}/applications", headers=api.headers(person), timeout=30).json()["items"]
    assert len(mine) == 1

    done.get_by_role("link", name="查看未审核").click()
    expect(page.get_by_role("heading", name="个人中心")).to_be_visible()
    cases = page.get_by_role("list", name="办件列表").get_by_role("listitem")
    expect(cases).to_have_count(1)
    expect(cases.first).to_contain_text("未审核")
    check_page(page, f"个人中心·未审核 {viewport}")
    page.get_by_role("button", name="我的办件").click()
    page.get_by_label("审核状态").select_option(label="未审核")
    page.get_by_label("申办月份").select_option(_cst_month())
    expect(cases).to_have_count(1)
    page.get_by_label("审核状态").select_option(label="审核通过")
    expect(page.get_by_text("暂无办件。")).to_be_visible()
    page.get_by_label("审核状态").select_option(label="全部")
    expect(cases).to_have_count(1)
    screenshot(page, "center", viewport)

    cases.first.get_by_role("link", name="查看详情").click()
    expect(page.get_by_role("heading", name="办件详情")).to_be_visible()
    expect(page.get_by_role("list").filter(has_text="申请人")).to_contain_text("未审核")
    expect(page.get_by_role("main").get_by_text(person.masked, exact=True)).to_be_visible()
    check_page(page, f"办件详情 {viewport}")
    with page.expect_download() as download:
        page.get_by_role("button", name="打印报表").click()
    saved = download.value
    assert saved.suggested_filename.endswith(".pdf")
    with open(saved.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    page.get_by_role("link", name="返回个人中心").click()

    cases.first.get_by_role("button", name="撤回").click()
    confirm = page.get_by_role("dialog", name="撤回申请")
    expect(confirm).to_be_visible()
    check_page(page, f"撤回确认 {viewport}")
    confirm.get_by_role("button", name="确认").click()
    expect(page.get_by_role("status").filter(has_text="撤回成功")).to_be_visible()
    page.get_by_role("button", name="我的办件").click()
    expect(cases.first).to_contain_text("已撤回")

    cases.first.get_by_role("link", name="重新申报").click()
    expect(page.get_by_label("毕业院校")).to_have_value("山西大学")
    expect(page.get_by_label("业务办理属地")).to_have_value("140105")
    for kind in ("身份证", "毕业证书", "其他材料"):
        expect(page.get_by_role("group", name=kind).get_by_role("status")).to_contain_text("已上传")
    page.get_by_label("身份证号").fill(person.id_number)
    page.get_by_label("手机号码").fill("13935112046")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("dialog", name="申报成功")).to_be_visible()
    mine = requests.get(f"{local_stack.api}/applications", headers=api.headers(person), timeout=30).json()["items"]
    assert sorted(c["status"] for c in mine) == ["pending", "withdrawn"]
