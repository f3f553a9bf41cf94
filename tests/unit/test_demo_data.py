"""The demo data the local stack loads: deterministic, valid for POST /v1/admin/positions, and spread over Shanxi."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from chalicelib.domain.credit_code import check_character as credit_check_char
from chalicelib.domain.credit_code import is_valid_credit_code
from chalicelib.domain.identity import (
    age_on,
    is_mobile_phone,
    parse_id_number,
)
from chalicelib.domain.positions import WRITABLE_FIELDS, check_position_fields
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.domain.vocabulary import EDUCATION_LABELS, INDUSTRY_LABELS
from scripts.demo import data
from scripts.demo.names import MAKERS
from scripts.demo_data import demo_positions, demo_trainees

TODAY = date(2026, 11, 10)
ROOT = Path(__file__).resolve().parents[2]
FIELDS = set(WRITABLE_FIELDS)
CONTACT_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def positions() -> list[dict[str, Any]]:
    return demo_positions(today=TODAY)


def city_of(county_code: str) -> str:
    locality = shanxi().locality(county_code)
    assert locality is not None, county_code
    return locality.city_code


# ------------------------------------------------------------------------------------------ determinism


def test_default_count_and_same_seed_same_list(positions: list[dict[str, Any]]) -> None:
    assert len(positions) == 240
    assert demo_positions(today=TODAY) == positions
    assert demo_positions(240, seed=2026, today=TODAY) == positions


def test_other_seed_other_list(positions: list[dict[str, Any]]) -> None:
    assert demo_positions(seed=7, today=TODAY) != positions


def test_today_only_moves_the_deadlines(positions: list[dict[str, Any]]) -> None:
    later = demo_positions(today=TODAY + timedelta(days=30))
    for before, after in zip(positions, later, strict=True):
        assert date.fromisoformat(after["deadline"]) - date.fromisoformat(before["deadline"]) == timedelta(30)
        assert {k: v for k, v in before.items() if k != "deadline"} == {
            k: v for k, v in after.items() if k != "deadline"
        }


def test_no_dependence_on_hash_order() -> None:
    code = (
        "import json, datetime; from scripts.demo_data import demo_positions; "
        "print(json.dumps(demo_positions(today=datetime.date(2026, 11, 10)), ensure_ascii=False))"
    )
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1] == demo_positions(today=TODAY)


@pytest.mark.parametrize("count", [0, 1, 5, 30, 110, 200, 400])
def test_any_count_gives_that_many(count: int) -> None:
    assert len(demo_positions(count, today=TODAY)) == count


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        demo_positions(-1, today=TODAY)


# ------------------------------------------------------------------------------------------ each field


def test_fields_are_exactly_the_writable_ones(positions: list[dict[str, Any]]) -> None:
    assert set(WRITABLE_FIELDS) == FIELDS
    for position in positions:
        assert set(position) == FIELDS


def test_every_position_passes_the_server_rules(positions: list[dict[str, Any]]) -> None:
    for position in positions:
        fields = {**position, "deadline": date.fromisoformat(position["deadline"])}
        assert check_position_fields(fields, today=TODAY) == [], position


def test_field_values(positions: list[dict[str, Any]]) -> None:
    for p in positions:
        assert shanxi().locality(p["county_code"]) is not None
        assert p["industry"] in INDUSTRY_LABELS
        assert p["education"] in EDUCATION_LABELS
        assert isinstance(p["headcount"], int)
        assert 1 <= p["headcount"] <= 10
        assert isinstance(p["duration_months"], int)
        assert 3 <= p["duration_months"] <= 12
        assert isinstance(p["stipend_yuan_per_month"], int)
        assert 1800 <= p["stipend_yuan_per_month"] <= 3500
        assert isinstance(p["majors"], list)
        assert len(p["majors"]) <= 4
        assert len(set(p["majors"])) == len(p["majors"])
        assert all(isinstance(m, str) and CJK.search(m) for m in p["majors"])
        assert CJK.search(p["title"])
        assert CJK.search(p["address"])
        assert 2 <= p["description"].count("。") <= 4
        assert p["description"].endswith("。")
        assert f"{p['stipend_yuan_per_month']}元" in p["description"]


def test_deadlines_lie_7_to_120_days_ahead(positions: list[dict[str, Any]]) -> None:
    for p in positions:
        assert TODAY + timedelta(7) <= date.fromisoformat(p["deadline"]) <= TODAY + timedelta(120)


def test_contacts(positions: list[dict[str, Any]]) -> None:
    for p in positions:
        assert is_mobile_phone(p["contact_phone"])
        assert CONTACT_NAME.match(p["contact_name"]), p["contact_name"]


def test_credit_codes(positions: list[dict[str, Any]]) -> None:
    code_of: dict[str, str] = {}
    for p in positions:
        code = p["employer_credit_code"]
        assert is_valid_credit_code(code), code
        assert code[17] == credit_check_char(code[:17])
        assert code[:2] in {"91", "12", "52", "93"}
        assert code[2:8] == p["county_code"]
        assert code_of.setdefault(p["employer_name"], code) == code
    assert len(set(code_of.values())) == len(code_of), "two employers share a credit code"


def test_credit_code_prefix_fits_the_employer(positions: list[dict[str, Any]]) -> None:
    for p in positions:
        name, prefix = p["employer_name"], p["employer_credit_code"][:2]
        if "公司" in name:
            assert prefix == "91", name
        if name.endswith("专业合作社"):
            assert prefix == "93", name
        if name.endswith(("人民医院", "中学", "中心")) and prefix != "52":
            assert prefix == "12", name


def test_industry_fits_the_employer(positions: list[dict[str, Any]]) -> None:
    for p in positions:
        name, industry = p["employer_name"], p["industry"]
        if name.endswith(("医院", "卫生院")):
            assert industry == "Q", name
        if name.endswith(("中学", "小学", "幼儿园", "学校")):
            assert industry == "P", name
        if "煤业" in name:
            assert industry == "B", name
        if name.endswith("专业合作社"):
            assert industry == "A", name
        if "银行" in name:
            assert industry == "J", name


def test_education_fits_the_title(positions: list[dict[str, Any]]) -> None:
    for p in positions:
        if p["title"] in {"软件开发见习生", "教学助理", "审计助理"}:
            assert p["education"] in {"bachelor", "master"}, p
        if p["title"] in {"数控操作见习", "保育员见习", "厨师助理"}:
            assert p["education"] not in {"bachelor", "master", "doctor"}, p


# ------------------------------------------------------------------------------------------ spread


def test_every_city_has_ten_and_taiyuan_the_most(positions: list[dict[str, Any]]) -> None:
    per_city = Counter(city_of(p["county_code"]) for p in positions)
    assert set(per_city) == {c.code for c in shanxi().cities}
    assert min(per_city.values()) >= 10
    assert per_city["140100"] > max(n for code, n in per_city.items() if code != "140100")


def test_city_own_level_positions(positions: list[dict[str, Any]]) -> None:
    own = [p for p in positions if shanxi().city(p["county_code"]) is not None]
    assert len(own) >= 40
    assert {p["county_code"] for p in own} == {c.code for c in shanxi().cities}


def test_most_counties_have_a_position(positions: list[dict[str, Any]]) -> None:
    counties = {loc.code for city in shanxi().cities for loc in city.localities if not loc.is_city_own_level}
    covered = counties & {p["county_code"] for p in positions}
    assert len(counties) == 117
    assert len(covered) >= 110


@pytest.mark.parametrize("count", [200, 400])
def test_spread_holds_from_200(count: int) -> None:
    many = demo_positions(count, seed=11, today=TODAY)
    per_city = Counter(city_of(p["county_code"]) for p in many)
    assert min(per_city.values()) >= 10
    assert per_city.most_common(1)[0][0] == "140100"
    own = [p for p in many if shanxi().city(p["county_code"]) is not None]
    assert len(own) >= 40
    assert len({p["county_code"] for p in own}) == 11
    assert_keywords(many)


def test_employers_post_more_than_one_position_now_and_then(positions: list[dict[str, Any]]) -> None:
    per_employer = Counter(p["employer_name"] for p in positions)
    assert 150 <= len(per_employer) < len(positions)
    pairs = Counter((p["employer_name"], p["title"]) for p in positions)
    assert max(pairs.values()) <= 2


# ------------------------------------------------------------------------------------------ keywords


def assert_keywords(positions: list[dict[str, Any]]) -> None:
    software = [p for p in positions if "软件" in p["title"]]
    assert len(software) >= 5
    assert len({city_of(p["county_code"]) for p in software}) >= 5
    accounting = [p for p in positions if "会计学" in p["majors"]]
    assert len(accounting) >= 3
    assert len({city_of(p["county_code"]) for p in accounting}) >= 3
    hospitals = {p["employer_name"] for p in positions if "人民医院" in p["employer_name"]}
    assert len(hospitals) >= 3
    assert sum("护理" in p["title"] for p in positions) >= 3


def test_keyword_guarantees(positions: list[dict[str, Any]]) -> None:
    assert_keywords(positions)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_keyword_guarantees_hold_for_other_seeds(seed: int) -> None:
    assert_keywords(demo_positions(seed=seed, today=TODAY))


# ------------------------------------------------------------------------------------------ people

WALK_THROUGH_DAY = date(2026, 11, 15)


def test_applicants() -> None:
    applicants = [p for p in demo_trainees() if "id_number" in p]
    assert 3 <= len(applicants) <= 4
    ages = []
    for person in applicants:
        assert set(person) == {"sub", "name", "id_number", "phone", "locality", "role"}
        assert person["role"] == "applicant"
        birth, _gender = parse_id_number(person["id_number"])
        assert person["id_number"] == person["id_number"].upper()
        assert person["id_number"][:2] == "14"
        assert is_mobile_phone(person["phone"])
        assert shanxi().locality(person["locality"]) is not None
        assert CONTACT_NAME.match(person["name"])
        ages.append(age_on(birth, WALK_THROUGH_DAY))
    assert 21 <= ages[0] <= 23  # a 2026 graduate
    assert any(19 <= age <= 23 for age in ages[1:])  # an unemployed youth
    assert all(16 <= age <= 24 for age in ages)
    assert any(p["id_number"].endswith("X") for p in applicants)
    assert any(shanxi().city(p["locality"]) is not None for p in applicants)  # one in a 市本级


def test_applicants_have_positions_at_home(positions: list[dict[str, Any]]) -> None:
    per_locality = Counter(p["county_code"] for p in positions)
    for person in demo_trainees():
        if "locality" in person:
            assert per_locality[person["locality"]] >= 3, person


def test_staff() -> None:
    staff = [p for p in demo_trainees() if "id_number" not in p]
    assert [(p["roles"], p["region"]) for p in staff] == [
        ("reviewer", "140100"),
        ("position_manager", "140105"),
        ("reviewer", PROVINCE_CODE),
    ]
    for person in staff:
        assert set(person) == {"sub", "name", "roles", "region"}
        assert shanxi().is_known(person["region"])


def test_subjects_are_unique() -> None:
    people = demo_trainees()
    assert len({p["sub"] for p in people}) == len(people)
    assert demo_trainees() == people


# -------------------------------------------------------------------------------------- the data files


def test_every_kind_of_employer_has_a_name_maker_and_every_role_is_posted() -> None:
    """The TOML files and the code that draws from them agree: a kind added to kinds.toml without its name
    maker, or a role in roles.toml no kind posts, is named here rather than failing a draw at random."""
    kinds = data.kinds()
    assert sorted(kind.key for kind in kinds) == sorted(MAKERS)
    posted = {role.title for kind in kinds for role in (*kind.roles, *kind.extras)}
    assert sorted(set(data.roles()) - posted) == []
    for kind in kinds:
        assert kind.industry in INDUSTRY_LABELS and len(kind.weights) == 4 and any(kind.weights)
        assert all(set(role.education) <= set(EDUCATION_LABELS) for role in kind.roles)


def test_the_places_of_the_data_files_are_shanxis() -> None:
    province = shanxi()
    assert sorted(data.city_weights()) == sorted(city.code for city in province.cities)
    assert sorted(data.by_code("city_flavours")) == sorted(data.by_code("city_roads")) == sorted(data.city_weights())
    for table in ("attractions", "specialties"):
        assert all(province.locality(code) is not None for code in data.named_by_code(table)), table
    assert all(province.locality(code) is not None for code in data.setting("focus_minimum"))


def test_a_new_subject_is_a_new_file_of_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Demo units, placements and claims (later issues) need no loader change to be read."""
    (tmp_path / "units.toml").write_text('[[unit]]\nname = "山西龙城信息技术有限公司"\nplaces = 3\n', encoding="utf-8")
    monkeypatch.setattr(data, "HERE", tmp_path)
    data.load.cache_clear()
    try:
        assert data.records("units", "unit") == [{"name": "山西龙城信息技术有限公司", "places": 3}]
    finally:
        data.load.cache_clear()
