"""Where a search looks (地区): the province, a city with everything under it, or one county-level entry.

A domain value, said in region codes: how a search of an area is stored and found is the stores' business
(adapters/search_layout.py). The level is part of the value because a city's own level (市本级) carries the
city's code: "the city" and "the city's 市本级 alone" are two areas with one code.
"""

from __future__ import annotations

from typing import Literal

from msgspec import Struct

from chalicelib.domain.regions import PROVINCE_CODE

AreaLevel = Literal["province", "city", "locality"]


class Area(Struct, frozen=True):
    level: AreaLevel
    code: str

    @staticmethod
    def province() -> Area:
        return Area("province", PROVINCE_CODE)

    @staticmethod
    def city(code: str) -> Area:
        return Area("city", code)

    @staticmethod
    def locality(code: str) -> Area:
        """One county-level entry (县、市、区), or a city's 市本级 alone."""
        return Area("locality", code)
