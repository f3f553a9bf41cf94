"""Shanxi's GB/T 2260 divisions and the three levels API.md speaks of.

- province `140000` (省本级 when it is a staff scope: the whole province);
- 11 cities (`14xx00`);
- 128 county-level entries ("业务办理属地"): the 117 counties plus each city's 市本级, written with the city's code.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from msgspec import Struct

PROVINCE_CODE = "140000"
CITY_OWN_LEVEL_NAME = "市本级"
_DATA = Path(__file__).resolve().parent.parent / "data" / "shanxi_regions.json"


class Locality(Struct, frozen=True):
    """A county-level entry: a county, or a city's 市本级 (code == city_code)."""

    code: str
    name: str
    city_code: str
    city_name: str

    @property
    def is_city_own_level(self) -> bool:
        return self.code == self.city_code

    @property
    def full_name(self) -> str:
        return f"{self.city_name}{self.name}"


class City(Struct, frozen=True):
    code: str
    name: str
    localities: tuple[Locality, ...]  # the 市本级 first, then the counties in code order


class Regions(Struct, frozen=True):
    province_name: str
    cities: tuple[City, ...]

    def city(self, code: str) -> City | None:
        return _city_index(self).get(code)

    def locality(self, code: str) -> Locality | None:
        return _locality_index(self).get(code)

    def is_known(self, code: str) -> bool:
        return code == PROVINCE_CODE or self.locality(code) is not None


@cache
def _city_index(regions: Regions) -> dict[str, City]:
    return {city.code: city for city in regions.cities}


@cache
def _locality_index(regions: Regions) -> dict[str, Locality]:
    return {loc.code: loc for city in regions.cities for loc in city.localities}


@cache
def shanxi() -> Regions:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    cities = []
    for city in raw["cities"]:
        own = Locality(city["code"], CITY_OWN_LEVEL_NAME, city["code"], city["name"])
        counties = [Locality(c["code"], c["name"], city["code"], city["name"]) for c in city["counties"]]
        cities.append(City(city["code"], city["name"], (own, *counties)))
    return Regions(raw["province"]["name"], tuple(cities))


def scope_contains(scope: str, locality_code: str) -> bool:
    """Whether a staff `region` claim covers a county-level entry.

    A county code covers itself; a city code covers its 市本级 and all its counties; 140000 covers everything.
    """
    if scope == PROVINCE_CODE:
        return shanxi().locality(locality_code) is not None
    loc = shanxi().locality(locality_code)
    if loc is None:
        return False
    if shanxi().city(scope) is not None:
        return loc.city_code == scope
    return loc.code == scope
