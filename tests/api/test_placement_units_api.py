"""The unit's and the agency's side of a placement through the real routing: 应聘管理 (the list, the offer and its
rules' codes, the agreement), the invitation, 上岗报备, the end, the assessment and the certificate; a person's
token on a unit's route, another unit's placement."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from scripts.factories import credit_code, id_number
from scripts.stored_factories import approved_trainee, new_position, person
from tests.conftest import body

TODAY = date.today()


class Caller:
    def __init__(self, client: Any, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    def post(self, path: str, payload: dict[str, Any] | None = None) -> Any:
        raw = "" if payload is None else json.dumps(payload, ensure_ascii=False)
        return self.client.http.post(path, headers=self.headers, body=raw)

    def get(self, path: str, **headers: str) -> Any:
        return self.client.http.get(path, headers={**self.headers, **headers})


@pytest.fixture
def parties(client: Any, token: Any) -> dict[str, Caller]:
    trainee = person("unit-api-trainee", 31, "王晓雨")
    approved_trainee(trainee)
    claims = {"sub": trainee.subject, "name": trainee.name, "id_number": trainee.id_number}
    return {
        "trainee": Caller(client, token(**claims)),
        "unit": Caller(
            client,
            token(
                sub="agent-1",
                name="赵经办",
                id_number=id_number(date(1980, 1, 2), serial=7),
                extra={"credit_code": credit_code(), "org_name": "山西测试"},
            ),
        ),
        "other": Caller(
            client, token(sub="agent-2", name="钱经办", extra={"credit_code": credit_code(99), "org_name": "另一家"})
        ),
        "reviewer": Caller(client, token(sub="reviewer-1", roles=["reviewer"], region="140100")),
    }


def terms(**changes: Any) -> dict[str, Any]:
    start = (TODAY + timedelta(days=7)).isoformat()
    return {"start_date": start, "months": 6, "allowance_yuan_per_month": 2300, "mentor_name": "钱师傅", **changes}


def applied(parties: dict[str, Caller], position_id: str | None = None) -> str:
    created = parties["trainee"].post("/v1/placements", {"position_id": position_id or new_position("140105")})
    assert created.status_code == 201, created.body
    return str(body(created)["placement_id"])


def code_of(response: Any) -> str:
    return str(body(response)["error"]["code"])


def test_the_unit_lists_offers_and_reads_the_agreement(parties: dict[str, Caller]) -> None:
    unit, placement_id = parties["unit"], applied(parties)

    listed = body(unit.get("/v1/unit/placements?status=applied"))
    offered = unit.post(f"/v1/unit/placements/{placement_id}/offer", terms())
    pdf = unit.get(f"/v1/unit/placements/{placement_id}/agreement.pdf", Accept="application/pdf")

    assert [p["placement_id"] for p in listed["items"]] == [placement_id]
    assert listed["items"][0]["trainee"]["phone"] == "139****5678"
    assert offered.status_code == 200 and body(offered)["status_label"] == "已录用待签约"
    assert pdf.status_code == 200 and pdf.body.startswith(b"%PDF")


def test_the_offers_rules_answer_their_codes(parties: dict[str, Caller]) -> None:
    unit, placement_id = parties["unit"], applied(parties)
    path = f"/v1/unit/placements/{placement_id}/offer"

    below = unit.post(path, terms(allowance_yuan_per_month=1000))
    past = unit.post(path, terms(start_date=(TODAY - timedelta(days=2)).isoformat()))
    too_long = unit.post(path, terms(months=13))

    assert below.status_code == 422 and code_of(below) == "ALLOWANCE_BELOW_MINIMUM_WAGE"
    assert "2150元" in body(below)["error"]["details"][0]["message"]  # 太原市小店区, first class
    assert past.status_code == 422 and body(past)["error"]["details"][0]["code"] == "IN_THE_PAST"
    assert too_long.status_code == 422


def test_other_units_and_people_are_kept_out(parties: dict[str, Caller]) -> None:
    placement_id = applied(parties)

    assert parties["other"].get(f"/v1/unit/placements/{placement_id}").status_code == 404
    assert parties["other"].post(f"/v1/unit/placements/{placement_id}/offer", terms()).status_code == 404
    as_person = parties["trainee"].get("/v1/unit/placements")
    assert as_person.status_code == 403 and code_of(as_person) == "NOT_A_UNIT"
    as_unit = parties["unit"].post("/v1/placements", {"position_id": new_position("140105")})
    assert as_unit.status_code == 403 and code_of(as_unit) == "NOT_A_PERSON"


def test_the_whole_way_to_the_certificate(parties: dict[str, Caller]) -> None:
    trainee, unit, reviewer = parties["trainee"], parties["unit"], parties["reviewer"]
    placement_id = applied(parties)
    unit.post(f"/v1/unit/placements/{placement_id}/offer", terms())
    assert trainee.post(f"/v1/placements/{placement_id}/accept").status_code == 200
    assert body(unit.get(f"/v1/unit/placements/{placement_id}"))["trainee"]["phone"] == "13912345678"

    waiting = body(reviewer.get("/v1/admin/placements?status=agreed"))
    confirmed = reviewer.post(f"/v1/admin/placements/{placement_id}/confirm")
    end = {"end_date": (TODAY + timedelta(days=30)).isoformat(), "reason": "retained", "note": "转正"}
    ended = unit.post(f"/v1/unit/placements/{placement_id}/end", end)
    early = trainee.get(f"/v1/placements/{placement_id}/certificate.pdf", Accept="application/pdf")
    assessed = unit.post(f"/v1/unit/placements/{placement_id}/assessment", {"result": "good", "comment": "认真"})
    retained = unit.post(
        f"/v1/unit/placements/{placement_id}/retention", {"contract_start": end["end_date"], "contract_months": 36}
    )
    certificate = trainee.get(f"/v1/placements/{placement_id}/certificate.pdf", Accept="application/pdf")

    assert placement_id in [p["placement_id"] for p in waiting["items"]]
    assert body(confirmed)["status"] == "in_progress" and body(confirmed)["confirmed_at"]
    assert body(ended)["status_label"] == "提前结束" and early.status_code == 409
    assert body(assessed)["assessment_label"] == "良好" and body(retained)["retained_contract_months"] == 36
    assert certificate.status_code == 200 and certificate.body.startswith(b"%PDF")
    kinds = [m["kind"] for m in body(trainee.get("/v1/messages?limit=50"))["items"]]
    assert {"placement_offered", "placement_confirmed", "placement_ended", "placement_assessed"} <= set(kinds)
    unit_kinds = [m["kind"] for m in body(unit.get("/v1/messages?limit=50"))["items"]]
    assert {"placement_applied", "placement_agreed", "placement_confirmed"} <= set(unit_kinds)


def test_the_unit_invites_who_favourited_its_position(parties: dict[str, Caller]) -> None:
    trainee, unit = parties["trainee"], parties["unit"]
    position_id = new_position("140105")
    assert trainee.client.http.put(f"/v1/favourites/{position_id}", headers=trainee.headers).status_code == 201

    interested = body(unit.get(f"/v1/unit/positions/{position_id}/interested"))["items"]
    invited = unit.post(f"/v1/unit/positions/{position_id}/invitations", {"trainee_ref": interested[0]["trainee_ref"]})
    answered = trainee.post(f"/v1/placements/{body(invited)['placement_id']}/apply")

    assert [t["name"] for t in interested] == ["王*雨"]
    assert invited.status_code == 201 and body(invited)["status"] == "invited"
    assert answered.status_code == 200 and body(answered)["status"] == "applied"
    other = parties["other"].get(f"/v1/unit/positions/{position_id}/interested")
    assert other.status_code == 404
