"""The demo data files (TOML, beside this module) read into typed values, once per process.

Each file is one subject: places.toml (cities, roads, local flavour), roles.toml (the roles employers post),
kinds.toml (kinds of employer), names.toml (the words of employer names), positions.toml (spread, terms,
stipends, descriptions), people.toml (the walk-through's applicants and staff, contact names). A new subject
(demo units, placements, claims) is a new file of `[[record]]` tables read with `records(file, table)`: no code
change here until something needs its fields typed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from chalicelib.domain.identity import id_check_char

HERE = Path(__file__).resolve().parent
Table = dict[str, Any]


@cache
def load(name: str) -> Table:
    """One data file, parsed (`name` without `.toml`)."""
    with (HERE / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def records(name: str, table: str) -> list[Table]:
    """The `[[table]]` entries of a data file, in the file's order."""
    found: list[Table] = load(name).get(table, [])
    return found


def words(name: str, *path: str) -> tuple[str, ...]:
    """A list of words, e.g. words("names", "it", "business")."""
    value: Any = load(name)
    for key in path:
        value = value[key]
    return tuple(value)  # a string is its characters: core_chars, surnames


def word(name: str, *path: str) -> str:
    """One word, e.g. word("names", "utility", "business", "heat")."""
    value: Any = load(name)
    for key in path:
        value = value[key]
    return str(value)


# ------------------------------------------------------------------------------------------------ roles


@dataclass(frozen=True)
class Role:
    title: str
    education: tuple[str, ...]
    majors: tuple[str, ...]  # majors for bachelor and above (and for 大专 when there are no vocational ones)
    vocational_majors: tuple[str, ...]  # 高职/中职 majors
    duties: tuple[str, ...]
    # Empty: it suits any employer of the kind; else the employer's tag must be one of these.
    tags: tuple[str, ...] = ()


@cache
def roles() -> dict[str, Role]:
    """Every role, by its title (titles are unique: kinds name their roles by title)."""
    found: dict[str, Role] = {}
    for entry in records("roles", "role"):
        role = Role(
            entry["title"],
            tuple(entry["education"]),
            tuple(entry["majors"]),
            tuple(entry["vocational_majors"]),
            tuple(entry["duties"]),
            tuple(entry.get("tags", ())),
        )
        if role.title in found:
            raise ValueError(f"roles.toml: two roles titled {role.title}")
        found[role.title] = role
    return found


def role(title: str) -> Role:
    return roles()[title]


# ------------------------------------------------------------------------------------------------ kinds


@dataclass(frozen=True)
class Kind:
    key: str
    industry: str
    weights: tuple[int, int, int, int]  # for 市本级, districts, county-level cities, counties
    roles: tuple[Role, ...]
    extras: tuple[Role, ...]  # general roles such an employer also posts now and then
    address_style: str  # office, tower, industrial, rural
    formal: bool = False  # schools, hospitals, public institutions: contacts are 老师
    boost: int = 0  # up to this many more trainees per position than usual


@cache
def kinds() -> tuple[Kind, ...]:
    """The kinds of employer, in draw order."""
    found = []
    for entry in records("kinds", "kind"):
        first, second, third, fourth = entry["weights"]
        found.append(
            Kind(
                entry["key"],
                entry["industry"],
                (first, second, third, fourth),
                tuple(role(title) for title in entry["roles"]),
                tuple(role(title) for title in entry["extras"]),
                entry["address_style"],
                entry.get("formal", False),
                entry.get("boost", 0),
            )
        )
    return tuple(found)


def kind(key: str) -> Kind:
    return next(k for k in kinds() if k.key == key)


# ------------------------------------------------------------------------------------------------ places


def city_weights() -> dict[str, int]:
    weights: dict[str, int] = load("places")["city_weights"]
    return weights


def by_code(table: str) -> dict[str, tuple[str, ...]]:
    """A places.toml table of word lists by city or county code (city_flavours, city_roads)."""
    return {code: tuple(found) for code, found in load("places")[table].items()}


def named_by_code(table: str) -> dict[str, str]:
    """A places.toml table of one name by county code (attractions, specialties)."""
    names: dict[str, str] = load("places")[table]
    return names


def place_words(name: str) -> tuple[str, ...]:
    """A list of places.toml's [words]: towns, villages, streets, county_roads …"""
    return words("places", "words", name)


# ------------------------------------------------------------------------------------------------ positions


def setting(*path: str) -> Any:
    """A value of positions.toml, e.g. setting("spread", "min_per_city")."""
    value: Any = load("positions")
    for key in path:
        value = value[key]
    return value


# ------------------------------------------------------------------------------------------------ people


def contact_words(name: str) -> tuple[str, ...]:
    """people.toml's [contacts]: surnames (a string of characters), given_names, mobile_prefixes."""
    return tuple(load("people")["contacts"][name])


def id_number(region: str, birth: date, sequence: str) -> str:
    first17 = f"{region}{birth:%Y%m%d}{sequence}"
    return first17 + id_check_char(first17)


def applicants() -> list[dict[str, str]]:
    """The walk-through's applicants as people.toml lists them, each with the ID number they carry."""
    return [
        {
            "sub": entry["sub"],
            "name": entry["name"],
            "id_number": id_number(entry["region"], entry["birth"], entry["sequence"]),
            "phone": entry["phone"],
            "locality": entry["locality"],
            "role": "applicant",
        }
        for entry in records("people", "applicant")
    ]


def staff() -> list[dict[str, str]]:
    return [dict(entry) for entry in records("people", "staff")]
