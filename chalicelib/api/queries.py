"""Query strings, declared once per route as a Struct: each field is a parameter, its `Param` says how a value is
checked (400 `MALFORMED_REQUEST` with `details`, as API.md says for query values) and how the document states it
(component name, schema, description). `@operation(query=...)` parses into the Struct; the OpenAPI document's
parameters come from the same fields (chalicelib/openapi.py). Pure and cheap at import: annotations are read on
the first request that needs them."""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar

from msgspec import Struct, structs

from chalicelib.api.bodies import ref
from chalicelib.api.conventions import CURSOR_MAX, DEFAULT_LIMIT, MAX_LIMIT
from chalicelib.domain.limits import KEYWORD_MAX
from chalicelib.domain.regions import shanxi
from chalicelib.domain.search_order import DEFAULT_SORT, SORT_ORDERS
from chalicelib.domain.vocabulary import EDUCATION_LABELS, INDUSTRY_LABELS, STATUS_LABELS
from chalicelib.errors import INVALID_COUNTY, INVALID_CURSOR, MALFORMED_QUERY, AppError, FieldProblem

Schema = dict[str, Any]
Rule = Callable[[str, str], Any]  # (parameter name, value as sent) -> the typed value, or raises
Q = TypeVar("Q", bound=Struct)


class Param(Struct, frozen=True):
    component: str  # its name under components.parameters
    rule: Rule
    schema: Schema
    description: str


def bad_parameter(name: str, message: str) -> AppError:
    return MALFORMED_QUERY([FieldProblem(name, "INVALID_VALUE", message)])


def as_given(name: str, value: str) -> str:
    return value


def limit_rule(name: str, value: str) -> int:
    # ASCII digits only: str.isdigit() also accepts "²" and "①", on which int() raises.
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_LIMIT:
        raise bad_parameter(name, f"每页条数应为1至{MAX_LIMIT}的整数")
    return int(value)


def one_of(allowed: Mapping[str, str] | tuple[str, ...], message: str) -> Rule:
    def rule(name: str, value: str) -> str:
        if value not in allowed:
            raise bad_parameter(name, message)
        return value

    return rule


def text_rule(max_length: int) -> Rule:
    def rule(name: str, value: str) -> str:
        value = value.strip()
        if not 1 <= len(value) <= max_length:
            raise bad_parameter(name, f"长度应为1至{max_length}个字符")
        return value

    return rule


def month_rule(name: str, value: str) -> str:
    try:
        year, month = value.split("-")
        if len(year) != 4 or len(month) != 2 or not 1 <= int(month) <= 12:
            raise ValueError
    except ValueError:
        raise bad_parameter(name, "申办月份格式应为YYYY-MM") from None
    return value


def cursor_rule(name: str, value: str) -> str:
    if not value or len(value) > CURSOR_MAX:
        raise INVALID_CURSOR()
    return value


def county_rule(name: str, value: str) -> str:
    if shanxi().locality(value) is None:
        raise INVALID_COUNTY()
    return value


def unread_rule(name: str, value: str) -> bool:
    return bool(one_of(("true", "false"), "unread应为true或false")(name, value) == "true")


LIMIT = Param(
    "Limit",
    limit_rule,
    {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    f"Items per page, 1–{MAX_LIMIT} (default {DEFAULT_LIMIT}); otherwise 400 `MALFORMED_REQUEST`.",
)
CURSOR = Param(
    "Cursor",
    cursor_rule,
    {"type": "string", "minLength": 1, "maxLength": CURSOR_MAX},
    "Opaque: the `next_cursor` of the previous page of the same query. Altered, or from another query: "
    "400 `INVALID_CURSOR`.",
)
KEYWORD = Param(
    "Keyword",
    text_rule(KEYWORD_MAX),
    {"type": "string", "minLength": 1, "maxLength": KEYWORD_MAX},
    f"1–{KEYWORD_MAX} characters after trimming (else 400 `MALFORMED_REQUEST`): a substring of the "
    "title, the employer's name or one of the majors, never across two of them; compared after Unicode "
    "NFKC normalisation and case folding (full-width ＪＡＶＡ finds Java). See 'Keyword search'.",
)
SORT = Param(
    "Sort",
    one_of(tuple(SORT_ORDERS), "排序方式应为newest、stipend或deadline"),
    ref("SortOrder"),
    "The order: "
    + "; ".join(f"`{name}` {order.label}" for name, order in SORT_ORDERS.items())
    + ". Ties go newest first. Another value: 400 `MALFORMED_REQUEST`. A cursor is bound to its sort.",
)
EDUCATION = Param(
    "Education",
    one_of(EDUCATION_LABELS, "学历要求不在可选范围内"),
    ref("Education"),
    "Positions requiring exactly this education (`any`: those that say 不限).",
)
INDUSTRY = Param(
    "Industry",
    one_of(INDUSTRY_LABELS, "行业代码不在可选范围内"),
    ref("Industry"),
    "Positions of this industry section.",
)
# The public search's regions are checked by the service (400 `INVALID_REGION`), which knows city and county.
CITY = Param(
    "City",
    as_given,
    ref("CityCode"),
    "The city's positions, its 市本级 included. Not a city code: 400 `INVALID_REGION`.",
)
COUNTY = Param(
    "County",
    as_given,
    ref("LocalityCode"),
    "One county-level entry: a county code, or a city code for that city's 市本级 alone. Unknown: 400 "
    "`INVALID_REGION`; with `city`, it must lie in that city (else 400 `INVALID_REGION`).",
)


class Query(Struct, frozen=True, kw_only=True):
    """A route's query string: every field a parameter (`Annotated[type, Param]`), every parameter optional."""


class NoQuery(Query, frozen=True, kw_only=True):
    """Takes no query parameters: any is 400 `UNKNOWN_PARAMETER`."""


class SavedFilters(Query, frozen=True, kw_only=True):
    """The public search's filters, which a saved search (岗位订阅) keeps as they are."""

    city: Annotated[str | None, CITY] = None
    county: Annotated[str | None, COUNTY] = None
    keyword: Annotated[str | None, KEYWORD] = None
    education: Annotated[str | None, EDUCATION] = None
    industry: Annotated[str | None, INDUSTRY] = None


class PositionSearch(SavedFilters, frozen=True, kw_only=True):
    sort: Annotated[str, SORT] = DEFAULT_SORT
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


class LocalitySearch(Query, frozen=True, kw_only=True):
    """The trainee's search: the public one's filters without `city`, inside the caller's locality."""

    county: Annotated[
        str | None,
        Param(
            "TraineeCounty",
            as_given,
            {"type": "string"},
            "Accepted for symmetry with the public search: the caller's locality gives the same page as no "
            "filter; any other value gives an empty page (never an error).",
        ),
    ] = None
    keyword: Annotated[str | None, KEYWORD] = None
    education: Annotated[str | None, EDUCATION] = None
    industry: Annotated[str | None, INDUSTRY] = None
    sort: Annotated[str, SORT] = DEFAULT_SORT
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


class PositionCounts(Query, frozen=True, kw_only=True):
    city: Annotated[
        str | None,
        Param(
            "CountsCity",
            as_given,
            ref("CityCode"),
            "Count this city's county-level entries (its 市本级 first); without it, the province's cities. Not "
            "a city code: 400 `INVALID_REGION`.",
        ),
    ] = None
    education: Annotated[str | None, EDUCATION] = None
    industry: Annotated[str | None, INDUSTRY] = None


class CaseFilters(Query, frozen=True, kw_only=True):
    status: Annotated[
        str | None,
        Param(
            "StatusFilter",
            one_of(STATUS_LABELS, "审核状态不在可选范围内"),
            ref("ApplicationStatus"),
            "Only applications in this status.",
        ),
    ] = None
    month: Annotated[
        str | None,
        Param(
            "MonthFilter",
            month_rule,
            ref("Month"),
            "Only applications submitted in this 申办月份 (China time); format `YYYY-MM`.",
        ),
    ] = None


class MyCases(CaseFilters, frozen=True, kw_only=True):
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


class ReviewQueue(CaseFilters, frozen=True, kw_only=True):
    county: Annotated[
        str | None,
        Param(
            "QueueCounty",
            county_rule,
            ref("LocalityCode"),
            "Only applications of this county-level entry. Unknown code: 400 `INVALID_REGION`; outside the "
            "reviewer's region: 403 `OUTSIDE_REGION`.",
        ),
    ] = None
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


class MessageList(Query, frozen=True, kw_only=True):
    unread: Annotated[
        bool,
        Param(
            "UnreadFilter", unread_rule, {"type": "string", "enum": ["true", "false"]}, "`true`: only unread messages."
        ),
    ] = False
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


_PARAMS: dict[type[Struct], dict[str, Param]] = {}


def params_of(query: type[Struct]) -> dict[str, Param]:
    """Each field's name and its `Param`, in declaration order (read from the annotations once)."""
    if query not in _PARAMS:
        hints = typing.get_type_hints(query, include_extras=True)
        # Keyed by the name sent (a field may be renamed, e.g. `from_` sent as `from`).
        _PARAMS[query] = {
            sent: next(extra for extra in hints[name].__metadata__ if isinstance(extra, Param))
            for name, sent in ((f.name, f.encode_name) for f in structs.fields(query))
        }
    return _PARAMS[query]


def parse(query: type[Q], given: Mapping[str, str] | None) -> Q:
    """The typed query, or 400: an unknown name is `UNKNOWN_PARAMETER`, a bad value its parameter's problem."""
    given = given or {}
    declared = params_of(query)
    unknown = [FieldProblem(name, "UNKNOWN_PARAMETER", "不支持该查询参数") for name in given if name not in declared]
    if unknown:
        raise MALFORMED_QUERY(unknown)
    field_of = {f.encode_name: f.name for f in structs.fields(query)}
    return query(**{field_of[name]: param.rule(name, given[name]) for name, param in declared.items() if name in given})
