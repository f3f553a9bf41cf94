"""The answers a client reads, declared once (chalicelib/answers/): their JSON as clients get it, and the
document's schemas that the same declarations give."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from typing import Any

import msgspec
import pytest
from openapi_schema_validator import OAS31Validator, oas31_format_checker

from chalicelib.adapters.models import Application, Attachment, Message, Position, SavedSearch, history_entry
from chalicelib.answers import applications, attachments, messages, people, positions, regions, saved_searches, system
from chalicelib.domain.regions import shanxi
from chalicelib.openapi import static
from chalicelib.openapi_bodies import answer_schemas
from chalicelib.openapi_components import value_schemas
from scripts.factories import credit_code, id_number
from tests.api.test_openapi import strict

TODAY = date(2026, 11, 26)
ID_NUMBER = id_number(date(2003, 5, 10))


def case(**changes: Any) -> Application:
    values: dict[str, Any] = {
        "applicant": "u-1",
        "name": "王晓雨",
        "id_number": ID_NUMBER,
        "gender": "female",
        "birth_date": "2003-05-10",
        "phone": "13912345678",
        "education": "bachelor",
        "school": "山西大学",
        "major": "软件工程",
        "graduation_date": "2026-06-30",
        "person_category": "graduate_within_2_years",
        "locality": "140105",
        "city_code": "140100",
        "province": "140000",
        "address": "太原市小店区坞城路92号",
        "attachment_ids": [],
        "status": "pending",
        "submitted_at": "2026-11-26T10:00:00+08:00",
        "month": "2026-11",
        "history": [history_entry("pending", "2026-11-26T10:00:00+08:00", "applicant", None)],
    }
    return Application("a" * 32, **{**values, **changes})


def position(**changes: Any) -> Position:
    values: dict[str, Any] = {
        "title": "软件开发见习生",
        "employer_name": "山西数智科技有限公司",
        "employer_credit_code": credit_code(),
        "industry": "I",
        "city_code": "140100",
        "county_code": "140105",
        "address": "太原市小店区长治路1号",
        "headcount": 3,
        "education": "bachelor",
        "majors": ["软件工程"],
        "description": "参与后端开发。",
        "stipend_yuan_per_month": 2000,
        "duration_months": 6,
        "deadline": "2026-12-31",
        "contact_name": "王老师",
        "contact_phone": "0351-7731427",
        "status": "open",
        "published_at": "2026-11-20T09:00:00+08:00",
        "updated_at": "2026-11-20T09:00:00+08:00",
    }
    return Position("b" * 32, **{**values, **changes})


def attachment(**changes: Any) -> Attachment:
    values: dict[str, Any] = {
        "owner": "u-1",
        "kind": "id_card",
        "filename": "身份证.pdf",
        "content_type": "application/pdf",
        "declared_size": 1000,
        "status": "uploaded",
        "size": 1000,
        "created_at": "2026-11-26T10:00:00+08:00",
    }
    return Attachment("c" * 32, **{**values, **changes})


def written(answer: msgspec.Struct) -> dict[str, Any]:
    """The answer as a client parses it, keys in the order they were written."""
    parsed: dict[str, Any] = json.loads(msgspec.json.encode(answer))
    return parsed


SUMMARY_KEYS = [
    "application_id",
    "status",
    "status_label",
    "submitted_at",
    "month",
    "name",
    "id_number",
    "person_category",
    "person_category_label",
    "locality",
    "locality_name",
]
DETAIL_KEYS = [
    *SUMMARY_KEYS,
    "phone",
    "gender",
    "gender_label",
    "birth_date",
    "education",
    "education_label",
    "school",
    "major",
    "graduation_date",
    "address",
    "attachments",
    "history",
]


def test_a_case_reads_in_the_form_s_order_masked_for_its_owner_and_not_for_a_reviewer() -> None:
    mine = written(applications.for_owner(case(), [attachments.info(attachment())]))
    theirs = written(applications.for_reviewer(case(), [attachments.detail(attachment(), "https://s3/x")]))
    assert list(mine) == list(theirs) == DETAIL_KEYS  # the masked ID number stays where the list line has it
    assert (mine["id_number"], mine["phone"]) == (ID_NUMBER[:6] + "********" + ID_NUMBER[-4:], "139****5678")
    assert (theirs["id_number"], theirs["phone"]) == (ID_NUMBER, "13912345678")
    assert "download_url" not in mine["attachments"][0] and theirs["attachments"][0]["download_url"]
    assert mine["locality_name"] == "太原市小店区" and mine["history"][0]["status_label"] == "未审核"


def test_what_a_person_did_not_give_is_null_not_missing() -> None:
    youth = written(
        applications.for_owner(case(person_category="unemployed_youth", school="", major="", graduation_date=""), [])
    )
    assert (youth["school"], youth["major"], youth["graduation_date"]) == (None, None, None)
    waiting = written(attachments.info(attachment(status="awaiting_upload", size=None)))
    assert waiting["size"] is None
    assert written(attachments.detail(attachment(status="awaiting_upload", size=None), None))["download_url"] is None


def test_a_position_shows_its_description_in_the_detail_only_and_a_favourite_when_it_was_kept() -> None:
    detail = list(written(positions.detail(position(), TODAY)))
    summary = list(written(positions.summary(position(), TODAY)))
    assert detail[detail.index("majors") + 1] == "description"
    assert summary == [key for key in detail if key != "description"]
    favourite = written(positions.favourite(position(), TODAY, "2026-11-26T10:00:00+08:00"))
    assert list(favourite) == [*summary, "favourited_at"]
    past = written(positions.summary(position(deadline="2026-11-25"), TODAY))
    assert (past["status"], past["county_name"], past["industry_name"]) == (
        "closed",
        "小店区",
        "信息传输、软件和信息技术服务业",
    )


def test_a_saved_search_answers_the_filters_chosen_and_no_others() -> None:
    record = SavedSearch(
        "u-1", "d" * 32, filters='{"city":"140100","keyword":"软件"}', sms=True, created_at="2026-11-26T10:00:00+08:00"
    )
    answer = written(saved_searches.saved_search(record))
    assert answer == {
        "search_id": "d" * 32,
        "filters": {"city": "140100", "keyword": "软件"},
        "sms": True,
        "created_at": "2026-11-26T10:00:00+08:00",
    }


def samples() -> list[msgspec.Struct]:
    moved = case(status="approved")
    moved.history = [*moved.history, history_entry("approved", "2026-11-27T09:00:00+08:00", "reviewer", "材料齐全")]
    return [
        positions.detail(position(), TODAY),
        positions.PositionPage(items=[positions.summary(position(majors=[]), TODAY)], next_cursor="next"),
        positions.FavouriteList(
            items=[positions.favourite(position(), TODAY, "2026-11-26T10:00:00+08:00")], next_cursor=None
        ),
        applications.submitted(case()),
        applications.moved(moved),
        applications.ApplicationPage(items=[applications.summary(case())], next_cursor=None),
        applications.for_owner(
            case(school="", major="", graduation_date=""), [attachments.info(attachment(size=None))]
        ),
        applications.for_reviewer(case(), [attachments.detail(attachment(), "https://example.com/f")]),
        attachments.upload_form(
            attachment(status="awaiting_upload"),
            {"url": "https://example.com/up", "fields": {"key": "k"}},
            "2026-11-26T10:15:00+08:00",
        ),
        attachments.confirmed(attachment()),
        people.verification(case()),
        regions.regions(),
        regions.province_counts({"140100": 2}),
        regions.city_counts(shanxi().cities[0], {"140105": 1}),
        system.HEALTHY,
        saved_searches.SavedSearchList(
            items=[
                saved_searches.saved_search(
                    SavedSearch("u-1", "d" * 32, filters="{}", sms=False, created_at="2026-11-26T10:00:00+08:00")
                )
            ],
            next_cursor=None,
        ),
        messages.ReadAll(marked_read=1, unread_messages=0),
        messages.MessagePage(
            items=[
                messages.message(
                    Message(
                        "u-1",
                        "e" * 32,
                        kind="application_approved",
                        title="审核通过",
                        text="您的就业见习申请已审核通过：材料齐全",
                        link=f"/v1/applications/{'a' * 32}",
                        created_at="2026-11-27T09:00:00+08:00",
                        read_at=None,
                    )
                )
            ],
            next_cursor=None,
        ),
    ]


@pytest.mark.parametrize("answer", samples(), ids=lambda answer: type(answer).__name__)
def test_every_answer_is_what_the_document_says_of_it(answer: msgspec.Struct) -> None:
    """The encoder and the document read one declaration: an answer validates against its component, and the
    component admits no field the answer does not write."""
    components = {**static()["schemas"], **value_schemas(), **answer_schemas(type(answer))}
    schema = {
        "$ref": f"#/components/schemas/{type(answer).__name__}",
        "components": {"schemas": strict(components)},
    }
    validator = OAS31Validator(schema, format_checker=oas31_format_checker)
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(written(answer))]
    assert not problems, problems


def test_the_answers_read_no_data_when_the_app_imports_them() -> None:
    """The region codes in their schemas are read when the document is built, not on a Lambda's cold start."""
    probe = (
        "import chalicelib.answers.regions, chalicelib.answers.people, chalicelib.answers.positions\n"
        "from chalicelib.domain.regions import shanxi\n"
        "print(shanxi.cache_info().currsize)"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert loaded.stdout.strip() == "0"
