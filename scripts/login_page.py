"""The local issuer's login page: 山西省政务服务网统一认证中心 · 个人登录 and 法人登录, and the checks on what is typed.

Plain HTML with no script (its CSP allows none), styled by /login.css: labels bound to their inputs, errors beside
their fields (aria-describedby, aria-invalid), the first wrong field focused, one column that fits 390 px. The two
tabs are links to the same authorization request with `login_type` set: with no script, a tab is a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlencode

from chalicelib.domain.credit_code import ALPHABET, is_valid_credit_code
from chalicelib.domain.identity import IdNumberError, normalize_id_number, parse_id_number
from chalicelib.domain.regions import PROVINCE_CODE, shanxi

HEADING = "山西省政务服务网统一认证中心"
# (value of the `roles` claim, label on the page); the first is the default. "applicant" gives no staff role.
ROLES = (("applicant", "申请人/群众"), ("reviewer", "审核经办人员"), ("position_manager", "岗位管理经办人员"))
APPLICANT = ROLES[0][0]
NAME_MAX_LENGTH = 30
ORG_NAME_MAX_LENGTH = 60
# The authorization request's `login_type` (the client's 法人用户登录 sends "unit"); anything else is 个人登录.
PERSONAL, UNIT = "personal", "unit"


@dataclass(frozen=True)
class Identity:
    """Who signed in: what the tokens will say."""

    name: str
    id_number: str
    role: str
    region: str | None
    # 法人登录 (issue 19): the unit the agent acts for; None for 个人登录.
    credit_code: str | None = None
    org_name: str | None = None

    @property
    def roles(self) -> list[str]:
        return [] if self.role == APPLICANT else [self.role]


@dataclass
class LoginForm:
    """What was typed, and the Chinese message for each field that is wrong."""

    name: str = ""
    id_number: str = ""
    role: str = APPLICANT
    region: str = ""
    kind: str = PERSONAL
    org_name: str = ""
    credit_code: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, values: dict[str, str]) -> LoginForm:
        return cls(
            name=values.get("name", "").strip(),
            id_number=normalize_id_number(values.get("id_number", "")),
            role=values.get("role", APPLICANT),
            region=values.get("region", "").strip(),
            kind=login_kind(values.get("login_type")),
            org_name=values.get("org_name", "").strip(),
            # Printed licences space the code in groups and people type it in lower case: neither is a mistake.
            credit_code="".join(values.get("credit_code", "").split()).upper(),
        )

    def identity(self) -> Identity | None:
        """The person (or the unit's agent), or None with `errors` filled in."""
        self.errors = {}
        if self.kind == UNIT:
            self._check_unit()
        agent = "经办人" if self.kind == UNIT else ""
        if not self.name:
            self.errors["name"] = f"请输入{agent}姓名"
        elif len(self.name) > NAME_MAX_LENGTH:
            self.errors["name"] = f"姓名不能超过{NAME_MAX_LENGTH}个字"
        if not self.id_number:
            self.errors["id_number"] = f"请输入{agent}身份证号"
        else:
            try:
                parse_id_number(self.id_number)
            except IdNumberError as error:
                self.errors["id_number"] = error.message
        if self.kind == UNIT:
            # A unit's agent signs in for the unit, never with a staff role.
            if self.errors:
                return None
            return Identity(self.name, self.id_number, APPLICANT, None, self.credit_code, self.org_name)
        if self.role not in dict(ROLES):
            self.errors["role"] = "请选择角色"
        elif self.role != APPLICANT and not self.region:
            self.errors["region"] = "经办人员须选择区划"
        if self.region and not shanxi().is_known(self.region):
            self.errors["region"] = "所选区划不存在"
        if self.errors:
            return None
        region = self.region if self.role != APPLICANT else None
        return Identity(self.name, self.id_number, self.role, region)

    def _check_unit(self) -> None:
        if not self.org_name:
            self.errors["org_name"] = "请输入单位名称"
        elif len(self.org_name) > ORG_NAME_MAX_LENGTH:
            self.errors["org_name"] = f"单位名称不能超过{ORG_NAME_MAX_LENGTH}个字"
        problem = credit_code_problem(self.credit_code)
        if problem:
            self.errors["credit_code"] = problem


def login_kind(value: str | None) -> str:
    return UNIT if value == UNIT else PERSONAL


def credit_code_problem(code: str) -> str | None:
    """Why a typed 统一社会信用代码 cannot name a unit, in the words on the licence; None when it can."""
    if not code:
        return "请输入统一社会信用代码"
    if len(code) != 18:
        return f"统一社会信用代码应为18位，已输入{len(code)}位"
    if any(c not in ALPHABET for c in code):
        return "统一社会信用代码只含数字和大写字母（不含I、O、S、V、Z）"
    if not is_valid_credit_code(code):
        return "统一社会信用代码校验位不正确，请对照营业执照核对"
    return None


def _region_options(selected: str) -> str:
    def option(code: str, label: str) -> str:
        chosen = " selected" if code == selected else ""
        return f'<option value="{code}"{chosen}>{escape(label)}</option>'

    parts = [option("", "不选（申请人无需选择）"), option(PROVINCE_CODE, shanxi().province_name)]
    for city in shanxi().cities:
        # A city's code is also its 市本级's: choosing the city scopes the whole city, 市本级 included.
        entries = [option(city.code, city.name)]
        entries += [option(loc.code, loc.full_name) for loc in city.localities if not loc.is_city_own_level]
        parts.append(f'<optgroup label="{escape(city.name)}">{"".join(entries)}</optgroup>')
    return "".join(parts)


def _role_options(selected: str) -> str:
    return "".join(
        f'<option value="{value}"{" selected" if value == selected else ""}>{label}</option>' for value, label in ROLES
    )


def _field(form: LoginForm, name: str, label: str, control: str, hint: str = "") -> str:
    """One labelled control with its hint and its error, both named by aria-describedby."""
    error = form.errors.get(name)
    described = " ".join(part for part, present in ((f"{name}-hint", hint), (f"{name}-error", error)) if present)
    attributes = f' aria-describedby="{described}"' if described else ""
    if error:
        attributes += ' aria-invalid="true"'
        if next(iter(form.errors)) == name:
            attributes += " autofocus"
    control = control.replace("{attributes}", attributes)
    hint_html = f'<p class="hint" id="{name}-hint">{hint}</p>' if hint else ""
    error_html = f'<p class="error" id="{name}-error">{escape(error)}</p>' if error else ""
    return f'<div class="field"><label for="{name}">{label}</label>{hint_html}{control}{error_html}</div>'


def _personal_fields(form: LoginForm) -> list[str]:
    return [
        _name_field(form, "姓名"),
        _id_number_field(form, "身份证号"),
        _field(
            form, "role", "角色", f'<select id="role" name="role"{{attributes}}>{_role_options(form.role)}</select>'
        ),
        _field(
            form,
            "region",
            "区划",
            f'<select id="region" name="region"{{attributes}}>{_region_options(form.region)}</select>',
            hint="经办人员必选：所负责的省、市或区县",
        ),
    ]


def _unit_fields(form: LoginForm) -> list[str]:
    return [
        '<input type="hidden" name="login_type" value="unit">',
        _field(
            form,
            "org_name",
            "单位名称",
            f'<input id="org_name" name="org_name" type="text" autocomplete="organization" '
            f'maxlength="{ORG_NAME_MAX_LENGTH}" value="{escape(form.org_name)}"{{attributes}}>',
        ),
        _field(
            form,
            "credit_code",
            "统一社会信用代码",
            '<input id="credit_code" name="credit_code" type="text" autocomplete="off" maxlength="22" '
            f'spellcheck="false" value="{escape(form.credit_code)}"{{attributes}}>',
            hint="18位，见营业执照",
        ),
        _name_field(form, "经办人姓名"),
        _id_number_field(form, "经办人身份证号"),
    ]


def _name_field(form: LoginForm, label: str) -> str:
    return _field(
        form,
        "name",
        label,
        f'<input id="name" name="name" type="text" autocomplete="name" maxlength="{NAME_MAX_LENGTH}" '
        f'value="{escape(form.name)}"{{attributes}}>',
    )


def _id_number_field(form: LoginForm, label: str) -> str:
    return _field(
        form,
        "id_number",
        label,
        '<input id="id_number" name="id_number" type="text" autocomplete="off" inputmode="text" '
        f'maxlength="18" spellcheck="false" value="{escape(form.id_number)}"{{attributes}}>',
        hint="18位居民身份证号码",
    )


def _tabs(selected: str, request_fields: dict[str, str]) -> str:
    """个人登录 and 法人登录: links to this authorization request with `login_type`; the chosen one has the panel."""
    tabs = []
    for kind, label in ((PERSONAL, "个人登录"), (UNIT, "法人登录")):
        query = escape(urlencode({**request_fields, "login_type": kind}))
        chosen = kind == selected
        state = f'aria-selected="true" aria-controls="panel-{kind}"' if chosen else 'aria-selected="false"'
        tabs.append(f'<a role="tab" id="tab-{kind}" {state} href="/authorize?{query}">{label}</a>')
    return "".join(tabs)


def render(form: LoginForm, request_fields: dict[str, str]) -> str:
    """The page; `request_fields` (the authorization request) ride along as hidden inputs to POST /authorize."""
    hidden = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in request_fields.items())
    unit = form.kind == UNIT
    fields = _unit_fields(form) if unit else _personal_fields(form)
    title = "法人登录" if unit else "个人登录"
    note = (
        "本地开发环境的统一认证：填写单位名称、统一社会信用代码和经办人信息即可以单位身份登录。"
        if unit
        else "本地开发环境的统一认证：填写姓名和身份证号即可登录，不核验密码或人脸。"
    )
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · {HEADING}</title>
<link rel="stylesheet" href="/login.css">
</head>
<body>
<header class="banner"><h1>{HEADING}</h1></header>
<main>
<div class="tabs" role="tablist" aria-label="登录方式">
{_tabs(form.kind, request_fields)}
</div>
<section class="panel" role="tabpanel" id="panel-{form.kind}" aria-labelledby="tab-{form.kind}">
<p class="note">{note}</p>
<form method="post" action="/authorize" novalidate>
{hidden}
{"".join(fields)}
<button type="submit" class="submit">登录</button>
</form>
</section>
</main>
</body>
</html>
"""


def message_page(title: str, text: str) -> str:
    """A page that only says something: a refused authorization request, or 已退出."""
    return f"""<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · {HEADING}</title><link rel="stylesheet" href="/login.css"></head>
<body><header class="banner"><p class="site">{HEADING}</p></header>
<main><h1>{escape(title)}</h1><p>{escape(text)}</p></main></body>
</html>
"""


STYLESHEET = """
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  font-size: 1.0625rem; line-height: 1.6; color: #1a1a1a; background: #f2f5f9; }
.banner { background: #0b4a8b; color: #fff; padding: 1rem; }
.banner h1, .banner .site { margin: 0 auto; max-width: 32rem; font-size: 1.25rem; }
main { margin: 1rem auto; max-width: 32rem; padding: 0 1rem; }
.tabs { display: flex; border-bottom: 2px solid #0b4a8b; }
[role="tab"] { display: inline-flex; align-items: center; min-height: 44px; padding: 0.5rem 1.25rem; font: inherit;
  border: 1px solid #0b4a8b; border-bottom: 0; background: #fff; color: #0b4a8b; border-radius: 4px 4px 0 0;
  text-decoration: underline; }
[role="tab"][aria-selected="true"] { background: #0b4a8b; color: #fff; font-weight: 700; text-decoration: none; }
[role="tab"]:focus { outline: 3px solid #f2a900; outline-offset: 1px; }
.panel { background: #fff; padding: 1rem; border: 1px solid #c9d3df; border-top: 0; }
.note { margin-top: 0; color: #3d4a5c; }
.field { margin-bottom: 1rem; }
label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.hint { margin: 0 0 0.25rem; color: #3d4a5c; font-size: 0.9375rem; }
input, select { display: block; width: 100%; min-height: 44px; padding: 0.5rem; font: inherit;
  border: 1px solid #5b6b80; border-radius: 4px; background: #fff; color: inherit; }
input:focus, select:focus, button:focus { outline: 3px solid #f2a900; outline-offset: 1px; }
[aria-invalid="true"] { border: 2px solid #b3261e; }
.error { margin: 0.25rem 0 0; color: #b3261e; font-weight: 600; }
.error::before { content: "✕ "; }
.submit { width: 100%; min-height: 48px; font: inherit; font-weight: 600; color: #fff; background: #0b4a8b;
  border: 0; border-radius: 4px; cursor: pointer; }
"""
