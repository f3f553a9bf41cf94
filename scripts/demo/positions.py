"""Demo internship positions (就业见习岗位) across Shanxi: where they are, who posts them, what they pay.

The same seed and `today` always give the same list (`random.Random(seed)`, nothing depends on hash order);
`today` only moves the deadlines. The tables are in the TOML files beside this module (data.py reads them); the
draws, and the order they are made in, are here and in names.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from chalicelib.domain.regions import City, Locality, shanxi
from scripts.demo import data
from scripts.demo.data import Kind, Role, setting
from scripts.demo.names import MAKERS, credit_code, is_district, urbanity


def _largest_remainder(total: int, weights: list[int]) -> list[int]:
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    shares = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _city_counts(count: int, cities: tuple[City, ...]) -> list[int]:
    weights = [data.city_weights()[c.code] for c in cities]
    minimum: int = setting("spread", "min_per_city")
    floor = minimum * len(cities)
    if count < floor:
        return _largest_remainder(count, weights)
    return [minimum + extra for extra in _largest_remainder(count - floor, weights)]


def _city_slots(rng: random.Random, city: City, k: int) -> list[Locality]:
    if k == 0:
        return []
    own, counties = city.localities[0], list(city.localities[1:])
    n_own = min(k, max(1, round(k * setting("spread", "city_own_share"))))
    left = k - n_own
    per_county = dict.fromkeys((c.code for c in counties), 0)
    focus: dict[str, int] = setting("focus_minimum")
    for county in counties:
        extra = min(left, focus.get(county.code, 0))
        per_county[county.code] += extra
        left -= extra
    order = counties[:]
    rng.shuffle(order)
    for county in order:
        if left and per_county[county.code] == 0:
            per_county[county.code] = 1
            left -= 1
    weights = [1 if urbanity(c) == 3 else 3 for c in counties]
    for county in rng.choices(counties, weights=weights, k=left):
        per_county[county.code] += 1
    slots = [own] * n_own
    for county in counties:
        slots += [county] * per_county[county.code]
    return slots


@dataclass
class _Employer:
    name: str
    credit_code: str
    kind: Kind
    tag: str
    locality: Locality
    titles: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Forced:
    kind: str
    title: str
    employer_contains: str = ""
    major: str = ""


class _Generator:
    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.employers: dict[str, _Employer] = {}
        self.codes: set[str] = set()
        self.by_locality: dict[str, list[_Employer]] = {}

    def _new_employer(self, kind: Kind, loc: Locality, contains: str = "") -> _Employer:
        for _ in range(200):
            made = MAKERS[kind.key](self.rng, loc)
            if contains and contains not in made.name:
                continue
            known = self.employers.get(made.name)
            if known is not None:
                if known.locality == loc and known.kind == kind:
                    return known
                continue
            code = credit_code(self.rng, made.org_type, loc.code)
            while code in self.codes:
                code = credit_code(self.rng, made.org_type, loc.code)
            employer = _Employer(made.name, code, kind, made.tag, loc)
            self.employers[made.name] = employer
            self.codes.add(code)
            self.by_locality.setdefault(loc.code, []).append(employer)
            return employer
        raise RuntimeError(f"no fresh {kind.key} employer name for {loc.full_name}")

    def _pick_kind(self, loc: Locality) -> Kind:
        level = urbanity(loc)
        kinds = data.kinds()
        return self.rng.choices(kinds, weights=[kind.weights[level] for kind in kinds])[0]

    def _pick_role(self, employer: _Employer) -> Role:
        fitting = [r for r in employer.kind.roles if not r.tags or employer.tag in r.tags]
        pool = [(r, 4) for r in fitting] + [(r, 1) for r in employer.kind.extras if r not in fitting]
        fresh = [(r, w) for r, w in pool if r.title not in employer.titles] or pool
        return self.rng.choices([r for r, _ in fresh], weights=[w for _, w in fresh])[0]

    def position(self, loc: Locality, forced: _Forced | None = None) -> dict[str, Any]:
        rng = self.rng
        if forced is not None:
            kind = data.kind(forced.kind)
            employer = self._new_employer(kind, loc, forced.employer_contains)
            role = next(r for r in (*kind.roles, *kind.extras) if r.title == forced.title)
        else:
            neighbours = [e for e in self.by_locality.get(loc.code, []) if len(e.titles) < 3]
            if neighbours and rng.random() < 0.2:
                employer = rng.choice(neighbours)
            else:
                employer = self._new_employer(self._pick_kind(loc), loc)
            role = self._pick_role(employer)
        employer.titles.append(role.title)

        education = rng.choice(role.education)
        majors = self._majors(role, education)
        if forced is not None and forced.major:
            education = "bachelor"
            majors = [forced.major, *(m for m in majors if m != forced.major)][:4]
        stipend = self._stipend(loc, employer.kind.industry, education)
        terms = setting("terms")
        duration = rng.choices(terms["durations"], weights=terms["duration_weights"])[0]
        headcount = rng.choices(terms["headcounts"], weights=terms["headcount_weights"])[0]
        headcount = min(terms["max_headcount"], headcount + rng.randint(0, employer.kind.boost))
        first_day, last_day = setting("spread", "deadline_days")
        return {
            "title": role.title,
            "employer_name": employer.name,
            "employer_credit_code": employer.credit_code,
            "industry": employer.kind.industry,
            "county_code": loc.code,
            "address": self._address(loc, employer.kind.address_style),
            "headcount": headcount,
            "education": education,
            "majors": majors,
            "description": self._description(role, stipend, duration, loc),
            "stipend_yuan_per_month": stipend,
            "duration_months": duration,
            "deadline": (self.today + timedelta(days=rng.randint(first_day, last_day))).isoformat(),
            "contact_name": self._contact_name(employer.kind.formal),
            "contact_phone": self._mobile(),
        }

    def _majors(self, role: Role, education: str) -> list[str]:
        rng = self.rng
        vocational = education in ("secondary_vocational", "junior_college")
        pool = list(role.vocational_majors if vocational and role.vocational_majors else role.majors)
        if education == "any" or not pool:
            return []
        if education == "secondary_vocational":
            pool = list(role.vocational_majors)
            n = rng.randint(0, min(2, len(pool)))
        else:
            n = rng.randint(1, min(4, len(pool)))
        return rng.sample(pool, n)

    def _stipend(self, loc: Locality, industry: str, education: str) -> int:
        pay = setting("stipend")
        if loc.city_code == "140100" and urbanity(loc) < 2:
            base = pay["urban_taiyuan"]
        elif urbanity(loc) < 3:
            base = pay["urban"]
        else:
            base = pay["county"]
        jitter = self.rng.choice(pay["jitter"])
        total = base + pay["education_premium"][education] + pay["industry_premium"].get(industry, 0) + jitter
        return int(min(pay["max"], total))

    def _address(self, loc: Locality, style: str) -> str:
        rng = self.rng
        site = loc
        if loc.is_city_own_level:
            city = shanxi().city(loc.city_code)
            assert city is not None
            site = rng.choice([c for c in city.localities if is_district(c)])
        prefix = f"{site.city_name}{site.name}"
        urban = is_district(site)
        if style == "rural" and not loc.is_city_own_level:
            return f"{prefix}{rng.choice(data.place_words('towns'))}镇{rng.choice(data.place_words('villages'))}"
        number = rng.randint(1, 399)
        if style == "industrial":
            zones = data.place_words("industrial_zones")
            if urban:
                zones = (*zones, *data.place_words("urban_industrial_zones"))
            return f"{prefix}{rng.choice(zones)}{rng.choice(data.place_words('industrial_roads'))}{number}号"
        road = rng.choice(data.by_code("city_roads")[site.city_code] if urban else data.place_words("county_roads"))
        if style == "tower" and urban:
            return f"{prefix}{road}{number}号{rng.choice(data.place_words('buildings'))}{rng.randint(2, 28)}层"
        return f"{prefix}{road}{number}号"

    def _description(self, role: Role, stipend: int, months: int, loc: Locality) -> str:
        rng = self.rng
        text = setting("description")
        duties = rng.sample(role.duties, rng.randint(1, len(role.duties)))
        benefit = rng.choice([b.format(months=months, stipend=stipend) for b in text["benefits"]])
        sentences = [*duties, benefit]
        if len(sentences) < 4 and rng.random() < 0.6:
            closings = list(text["closings"])
            if urbanity(loc) == 3:
                closings.append(text["county_closing"])
            sentences.append(rng.choice(closings))
        return "".join(sentences)

    def _contact_name(self, formal: bool) -> str:
        rng = self.rng
        surname = rng.choice(data.contact_words("surnames"))
        draw = rng.random()
        if formal:
            return surname + "老师" if draw < 0.6 else surname + rng.choice(data.contact_words("given_names"))
        if draw < 0.35:
            return surname + "女士"
        if draw < 0.7:
            return surname + "先生"
        return surname + rng.choice(data.contact_words("given_names"))

    def _mobile(self) -> str:
        return f"{self.rng.choice(data.contact_words('mobile_prefixes'))}{self.rng.randrange(10**8):08d}"


def _forced_slots(slots: list[Locality]) -> dict[int, _Forced]:
    """The positions that carry the keyword guarantees (positions.toml, [guarantees]), by slot index."""
    forced: dict[int, _Forced] = {}
    sure = setting("guarantees")

    def first(city: str, accept: Callable[[Locality], bool]) -> int | None:
        return next(
            (i for i, loc in enumerate(slots) if loc.city_code == city and i not in forced and accept(loc)),
            None,
        )

    titles = sure["software_titles"]
    for n, city in enumerate(sure["software_cities"]):
        i = first(city, lambda loc: loc.is_city_own_level)
        if i is not None:
            forced[i] = _Forced("it", titles[n % len(titles)])
    kinds = sure["accounting_kinds"]
    for n, city in enumerate(sure["accounting_cities"]):
        i = first(city, lambda loc: True)
        if i is not None:
            forced[i] = _Forced(kinds[n % len(kinds)], sure["accounting_title"], major=sure["accounting_major"])
    for city in sure["hospital_cities"]:
        i = first(city, lambda loc: urbanity(loc) == 3)
        if i is not None:
            forced[i] = _Forced("hospital", sure["hospital_title"], employer_contains=sure["hospital_employer"])
    return forced


def demo_positions(count: int = 240, *, seed: int = 2026, today: date) -> list[dict[str, Any]]:
    """`count` internship positions as a staff member would post them (see scripts/demo_data.py)."""
    if count < 0:
        raise ValueError("count must not be negative")
    rng = random.Random(seed)
    cities = shanxi().cities
    slots: list[Locality] = []
    for city, k in zip(cities, _city_counts(count, cities), strict=True):
        slots += _city_slots(rng, city, k)
    generator = _Generator(rng, today)
    forced = _forced_slots(slots)
    made: dict[int, dict[str, Any]] = {i: generator.position(slots[i], spec) for i, spec in sorted(forced.items())}
    for i, loc in enumerate(slots):
        if i not in made:
            made[i] = generator.position(loc)
    positions = [made[i] for i in range(len(slots))]
    rng.shuffle(positions)
    return positions
