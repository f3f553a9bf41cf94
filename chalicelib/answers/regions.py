"""Shanxi's divisions as answers show them: the region picker, the open positions per region, a 业务办理属地."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

from msgspec import Meta, Struct

from chalicelib.answers.fields import CityCode, LocalityCode, later, one_of
from chalicelib.domain.regions import CITY_OWN_LEVEL_NAME, PROVINCE_CODE, City, shanxi

_CITIES = "The 11 cities, in code order."
# Read from the regions' data when the document is built (aliases, not annotations: a lambda in a string
# annotation would not see this module's names).
_ProvinceName = Annotated[str, later(lambda: {"examples": [shanxi().province_name]})]
_AnyRegionCode = Annotated[
    str,
    Meta(description=f"`{PROVINCE_CODE}` (the province), a city code or a county-level code."),
    later(lambda: {"enum": [PROVINCE_CODE, *(loc.code for city in shanxi().cities for loc in city.localities)]}),
]


class Locality(Struct, kw_only=True):
    """A 业务办理属地."""

    code: LocalityCode
    name: Annotated[
        str,
        Meta(description=f"The full name: city and county, e.g. 太原市小店区 or 太原市{CITY_OWN_LEVEL_NAME}."),
    ]


class _Province(Struct, kw_only=True):
    code: Annotated[str, one_of([PROVINCE_CODE])]
    name: _ProvinceName


class _County(Struct, kw_only=True):
    code: LocalityCode
    name: Annotated[str, Meta(description=f"County name, or {CITY_OWN_LEVEL_NAME}.")]


class RegionCity(Struct, kw_only=True):
    code: CityCode
    name: str
    counties: Annotated[
        list[_County],
        Meta(
            min_length=1,
            description=f"The city's county-level entries: first its {CITY_OWN_LEVEL_NAME} "
            f'(`{{"code": "<city code>", "name": "{CITY_OWN_LEVEL_NAME}"}}`), then its counties in code order.',
        ),
    ]


class Regions(Struct, kw_only=True):
    json_schema_extra: ClassVar[dict[str, Any]] = {
        "description": "Shanxi's divisions. The county level has 128 entries: 117 counties and the 11 "
        f"{CITY_OWN_LEVEL_NAME}s."
    }

    province: _Province
    cities: Annotated[list[RegionCity], Meta(min_length=1, description=_CITIES)]


class RegionCount(Struct, kw_only=True):
    code: _AnyRegionCode
    name: Annotated[str, Meta(examples=["太原市", CITY_OWN_LEVEL_NAME, "小店区"])]
    count: Annotated[int, Meta(ge=0, description="Open positions.")]


class ProvinceCounts(Struct, kw_only=True):
    """Open positions of the province and of each city."""

    province: RegionCount
    cities: Annotated[list[RegionCount], Meta(min_length=1, description=_CITIES)]


class CityCounts(Struct, kw_only=True):
    """Open positions of a city and of each of its county-level entries."""

    city: RegionCount
    counties: Annotated[
        list[RegionCount],
        Meta(
            min_length=1,
            description=f"Every county-level entry of the city: first its {CITY_OWN_LEVEL_NAME}, then its counties "
            "in code order.",
        ),
    ]


def regions() -> Regions:
    found = shanxi()
    return Regions(
        province=_Province(code=PROVINCE_CODE, name=found.province_name),
        cities=[
            RegionCity(
                code=city.code,
                name=city.name,
                counties=[_County(code=loc.code, name=loc.name) for loc in city.localities],
            )
            for city in found.cities
        ],
    )


def locality(code: str | None) -> Locality | None:
    found = shanxi().locality(code) if code else None
    return Locality(code=found.code, name=found.full_name) if found else None


def _rows(children: list[tuple[str, str]], counted: Mapping[str, int]) -> list[RegionCount]:
    # A counter may dip below zero for a moment between a close and its stream record: never shown.
    return [RegionCount(code=code, name=name, count=max(0, counted.get(code, 0))) for code, name in children]


def province_counts(counted: Mapping[str, int]) -> ProvinceCounts:
    rows = _rows([(c.code, c.name) for c in shanxi().cities], counted)
    total = sum(row.count for row in rows)
    return ProvinceCounts(
        province=RegionCount(code=PROVINCE_CODE, name=shanxi().province_name, count=total), cities=rows
    )


def city_counts(city: City, counted: Mapping[str, int]) -> CityCounts:
    rows = _rows([(loc.code, loc.name) for loc in city.localities], counted)
    return CityCounts(city=RegionCount(code=city.code, name=city.name, count=sum(r.count for r in rows)), counties=rows)
