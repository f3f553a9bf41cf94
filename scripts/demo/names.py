"""Employer names shaped like real Shanxi ones, and their unified social credit codes.

The words come from names.toml and places.toml; how a kind of employer puts them together (which place name
goes first, which suffix, the tag that decides which roles fit) is here, one maker per kind (kinds.toml's keys).
A credit code carries a registration-type prefix that fits the employer (91 enterprise, 12 public institution,
52 private non-enterprise unit, 93 farmers' cooperative), the 6-digit code of the position's county (the city's
for 市本级), a 9-character organisation code with its GB 11714 check character, and the GB 32100 one.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from chalicelib.domain.credit_code import check_character as credit_check_char
from chalicelib.domain.regions import Locality
from scripts.demo.data import by_code, load, named_by_code, place_words, word, words


@dataclass(frozen=True)
class Name:
    name: str
    org_type: str  # the first two characters of the credit code
    tag: str = ""


NameMaker = Callable[[random.Random, Locality], Name]


def _w(kind: str, key: str) -> tuple[str, ...]:
    return words("names", kind, key)


def city_short(loc: Locality) -> str:
    return loc.city_name.removesuffix("市")


def is_district(loc: Locality) -> bool:
    return not loc.is_city_own_level and loc.name.endswith("区")


def urbanity(loc: Locality) -> int:
    """0 for 市本级, 1 for districts, 2 for county-level cities, 3 for counties."""
    if loc.is_city_own_level:
        return 0
    return {"区": 1, "市": 2}.get(loc.name[-1], 3)


def _short(loc: Locality) -> str:
    """What a company puts before its 字号: 平遥, 介休, 小店, 沁县; the city for 城区 and the like."""
    if loc.is_city_own_level:
        return city_short(loc)
    if len(loc.name) > 2:
        return loc.name[:-1]
    return city_short(loc) if loc.name.endswith("区") else loc.name


def _official(loc: Locality) -> str:
    """How a public institution's name starts: 太原市, 太原市小店区, 平遥县, 介休市."""
    if loc.is_city_own_level:
        return loc.city_name
    if is_district(loc):
        return loc.city_name + loc.name
    return loc.name


def _company_place(rng: random.Random, loc: Locality) -> str:
    if loc.is_city_own_level:
        return rng.choice(("山西", "山西", city_short(loc)))
    if is_district(loc):
        return rng.choice(("山西", city_short(loc), _official(loc)))
    return rng.choice(("山西", _short(loc), loc.name))


def _local_place(rng: random.Random, loc: Locality) -> str:
    """How a local school, care home or the like starts its name: 太原, 太原市小店区, 平遥县, 介休."""
    if loc.is_city_own_level:
        return city_short(loc)
    if is_district(loc):
        return _official(loc)
    return rng.choice((_short(loc), loc.name))


def _core(rng: random.Random, loc: Locality) -> str:
    if rng.random() < 0.25:
        return rng.choice(by_code("city_flavours")[loc.city_code])
    first, second = rng.sample(place_words("core_chars"), 2)
    return first + second


def cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _it(rng: random.Random, loc: Locality) -> Name:
    place = rng.choice(("山西", "山西", city_short(loc)))
    business = rng.choice(_w("it", "business"))
    end = rng.choice(_w("it", "endings"))
    return Name(f"{place}{_core(rng, loc)}{business}{end}", "91")


def _food(rng: random.Random, loc: Locality) -> Name:
    business = named_by_code("specialties").get(loc.code) or rng.choice(_w("food", "business"))
    tag = "brew" if business in _w("food", "brewing") else ""
    return Name(f"{_company_place(rng, loc)}{_core(rng, loc)}{business}有限公司", "91", tag)


def _coal(rng: random.Random, loc: Locality) -> Name:
    core = _core(rng, loc)
    if loc.is_city_own_level:
        return Name(f"{city_short(loc)}{core}{rng.choice(_w('coal', 'city_endings'))}", "91")
    if rng.random() < 0.75:
        return Name(f"山西{_short(loc)}{core}煤业有限公司", "91")
    return Name(f"{_official(loc)}{core}洗煤有限公司", "91")


def _utility(rng: random.Random, loc: Locality) -> Name:
    core = _core(rng, loc)
    tag = rng.choice(_w("utility", "tags"))
    if tag == "power":
        return Name(f"山西{_short(loc)}{core}{rng.choice(_w('utility', 'power'))}有限公司", "91", tag)
    return Name(f"{_official(loc)}{core}{word('names', 'utility', 'business', tag)}有限公司", "91", tag)


def _construction(rng: random.Random, loc: Locality) -> Name:
    core = _core(rng, loc)
    if rng.random() < 0.25:
        return Name(f"山西{core}路桥工程有限公司", "91", "road")
    place = _company_place(rng, loc)
    return Name(f"{place}{core}{rng.choice(_w('construction', 'business'))}有限公司", "91")


def _retail(rng: random.Random, loc: Locality) -> Name:
    core = _core(rng, loc)
    place = _company_place(rng, loc)
    choice = rng.randrange(4)
    if choice == 0:
        return Name(f"{place}{core}商贸有限公司", "91", "store")
    if choice == 1:
        return Name(f"{place}{core}超市连锁有限公司", "91", "store")
    if choice == 2:
        return Name(f"山西{core}电子商务有限公司", "91")
    return Name(f"{place}{core}农产品销售有限公司", "91")


def _bank(rng: random.Random, loc: Locality) -> Name:
    if loc.is_city_own_level:
        if rng.random() < 0.5:
            return Name(f"{city_short(loc)}农村商业银行股份有限公司", "91", "bank")
        business = rng.choice(_w("bank", "business"))  # drawn before the 字号, as it always was
        return Name(f"山西{_core(rng, loc)}{business}有限公司", "91")
    if is_district(loc):
        branch = loc.name if len(loc.name) == 2 else _short(loc)
        return Name(f"{city_short(loc)}农村商业银行股份有限公司{branch}支行", "91", "bank")
    if rng.random() < 0.75:
        return Name(f"山西{_short(loc)}农村商业银行股份有限公司", "91", "bank")
    return Name(f"{loc.name}{_core(rng, loc)}村镇银行股份有限公司", "91", "bank")


def _business(rng: random.Random, loc: Locality) -> Name:
    core = _core(rng, loc)
    tag = rng.choice(_w("business", "tags"))
    if tag == "audit":
        return Name(f"山西{core}会计师事务所有限公司", "91", tag)
    if tag == "tax":
        return Name(f"{_company_place(rng, loc)}{core}{rng.choice(_w('business', 'tax'))}有限公司", "91", tag)
    if tag == "hr":
        return Name(f"{_company_place(rng, loc)}{core}人力资源服务有限公司", "91", tag)
    return Name(f"山西{core}企业管理咨询有限公司", "91", tag)


def _research(rng: random.Random, loc: Locality) -> Name:
    core = _core(rng, loc)
    tag = rng.choice(_w("research", "tags"))
    # Every list is drawn from, whichever the tag: the draws of a seed stay the same.
    business = {
        "lab": rng.choice(_w("research", "lab")),
        "rnd": rng.choice(_w("research", "rnd")),
        "design": rng.choice(_w("research", "design")),
        "survey": word("names", "research", "survey"),
    }[tag]
    return Name(f"山西{core}{business}有限公司", "91", tag)


def _environment(rng: random.Random, loc: Locality) -> Name:
    choice = rng.randrange(4)
    if choice == 0:
        return Name(f"{_company_place(rng, loc)}{_core(rng, loc)}环保科技有限公司", "91", "env")
    if choice == 1:
        return Name(f"{_official(loc)}园林绿化服务中心", "12", "green")
    if choice == 2:
        return Name(f"{_official(loc)}水利事业发展中心", "12", "water")
    return Name(f"{_official(loc)}生态环境监测站", "12", "env")


def _plain(key: str) -> NameMaker:
    """A line of business drawn first (names.toml [key]: one of `business`, then one of `endings` or the fixed
    `ending`), after a place and a 字号 as `_either` draws them."""

    def make(rng: random.Random, loc: Locality) -> Name:
        spec = load("names")[key]
        business = rng.choice(spec["business"])
        end = rng.choice(spec["endings"]) if "endings" in spec else spec.get("ending", "")
        place = _local_place(rng, loc) if spec.get("place") == "local" else _company_place(rng, loc)
        return Name(f"{place}{_core(rng, loc)}{business}{end}", spec.get("org", "91"))

    return make


def _either(key: str) -> NameMaker:
    """A place, a 字号, then one of two lines of business (names.toml [key]: `odds` of the first; a line is a
    fixed `suffix`, or one of `words` and its `ending`); the place is a company's or, `place = "local"`, a
    local institution's."""

    def make(rng: random.Random, loc: Locality) -> Name:
        spec = load("names")[key]
        place = _local_place(rng, loc) if spec.get("place") == "local" else _company_place(rng, loc)
        core = _core(rng, loc)
        first, second = spec["either"]
        line = first if rng.random() < spec["odds"] else second
        business = rng.choice(line["words"]) + line.get("ending", "") if "words" in line else line["suffix"]
        return Name(f"{place}{core}{business}", spec.get("org", "91"), line["tag"])

    return make


def _school(rng: random.Random, loc: Locality) -> Name:
    official = _official(loc)
    choice = rng.randrange(4)
    if choice == 0:
        return Name(f"{official}职业{rng.choice(_w('school', 'vocational'))}", "12", "vocational")
    if urbanity(loc) == 0:
        if choice == 1:
            return Name(f"{official}第{cn_number(rng.randint(1, 30))}中学校", "12", "school")
        return Name(f"{official}{rng.choice(_w('school', 'city'))}", "12", "school")
    if is_district(loc) and choice == 1:
        road = rng.choice(by_code("city_roads")[loc.city_code])
        return Name(f"{official}{road}小学", "12", "school")
    if choice == 1:
        return Name(f"{official}第{cn_number(rng.randint(1, 4))}中学", "12", "school")
    return Name(f"{official}{rng.choice(_w('school', 'county'))}", "12", "school")


def _kindergarten(rng: random.Random, loc: Locality) -> Name:
    if rng.random() < 0.35:
        return Name(f"{_local_place(rng, loc)}{_core(rng, loc)}幼儿园", "52")
    if loc.is_city_own_level:
        return Name(f"{loc.city_name}机关第{cn_number(rng.randint(1, 6))}幼儿园", "12")
    return Name(f"{_official(loc)}{rng.choice(_w('kindergarten', 'county'))}", "12")


def _hospital(rng: random.Random, loc: Locality) -> Name:
    official = _official(loc)
    if loc.is_city_own_level:
        number = cn_number(rng.randint(2, 5))  # drawn whichever name is chosen
        return Name(official + rng.choice(_w("hospital", "city")).format(n=number), "12", "big")
    choice = rng.randrange(5)
    if choice <= 1:
        return Name(f"{official}人民医院", "12")
    if choice == 2:
        return Name(f"{official}中医医院", "12")
    if choice == 3:
        return Name(f"{official}妇幼保健计划生育服务中心", "12")
    if is_district(loc):
        return Name(f"{official}{rng.choice(place_words('streets'))}街道社区卫生服务中心", "12")
    return Name(f"{official}{rng.choice(place_words('towns'))}镇卫生院", "12")


def _community(rng: random.Random, loc: Locality) -> Name:
    official = _official(loc)
    if loc.is_city_own_level:
        return Name(f"{official}{rng.choice(_w('community', 'city'))}", "12", "gov")
    if is_district(loc):
        return Name(f"{official}{rng.choice(place_words('streets'))}街道社区服务中心", "12", "comm")
    if rng.random() < 0.6:
        return Name(f"{official}{rng.choice(place_words('towns'))}镇便民服务中心", "12", "comm")
    return Name(f"{official}社会保险服务中心", "12", "gov")


def _tourism(rng: random.Random, loc: Locality) -> Name:
    core = _core(rng, loc)
    attraction = named_by_code("attractions").get(loc.code)
    if attraction and rng.random() < 0.6:
        return Name(f"{_short(loc)}{attraction}文化旅游开发有限公司", "91", "travel")
    if rng.random() < 0.5:
        return Name(f"{_company_place(rng, loc)}{core}文化旅游发展有限公司", "91", "travel")
    return Name(f"{_company_place(rng, loc)}{core}{rng.choice(_w('tourism', 'media'))}有限公司", "91", "media")


def _agriculture(rng: random.Random, loc: Locality) -> Name:
    core = _core(rng, loc)
    if rng.random() < 0.65:
        if rng.random() < 0.7:
            return Name(f"{_official(loc)}{core}{rng.choice(_w('agriculture', 'crops'))}专业合作社", "93", "crop")
        return Name(f"{_official(loc)}{core}{rng.choice(_w('agriculture', 'animals'))}专业合作社", "93", "stock")
    if rng.random() < 0.7:
        business = rng.choice(_w("agriculture", "business"))
        return Name(f"{_company_place(rng, loc)}{core}{business}有限公司", "91", "crop")
    return Name(f"{_company_place(rng, loc)}{core}牧业有限公司", "91", "stock")


MAKERS: dict[str, NameMaker] = {
    "it": _it,
    "machinery": _plain("machinery"),
    "food": _food,
    "coal": _coal,
    "utility": _utility,
    "construction": _construction,
    "retail": _retail,
    "logistics": _plain("logistics"),
    "hotel": _either("hotel"),
    "bank": _bank,
    "business": _business,
    "research": _research,
    "environment": _environment,
    "property": _either("property"),
    "services": _either("services"),
    "school": _school,
    "kindergarten": _kindergarten,
    "training": _plain("training"),
    "hospital": _hospital,
    "care": _either("care"),
    "community": _community,
    "tourism": _tourism,
    "agriculture": _agriculture,
}

# ------------------------------------------------------------------------------------------ credit codes

_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _org_check_char(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    total = sum(int(c, 36) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def credit_code(rng: random.Random, org_type: str, region: str) -> str:
    if org_type == "12":  # public institutions: 事业单位 organisation codes start 40
        body = "40" + "".join(rng.choice("0123456789") for _ in range(6))
    elif org_type == "52":  # private non-enterprise units registered since 2016: MJ…
        body = "MJ" + "".join(rng.choice(_CREDIT_ALPHABET) for _ in range(6))
    elif rng.random() < 0.7:  # enterprises and cooperatives registered since 2015: MA…
        body = "MA0" + "".join(rng.choice(_CREDIT_ALPHABET) for _ in range(5))
    else:  # an older enterprise whose code came from its organisation code
        body = rng.choice("1234567") + "".join(rng.choice("0123456789") for _ in range(7))
    first17 = f"{org_type}{region}{body}{_org_check_char(body)}"
    return first17 + credit_check_char(first17)
