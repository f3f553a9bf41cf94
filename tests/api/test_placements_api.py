"""见习岗位申请 through the real routing, the trainee's side: apply, list, detail, withdraw, the three rules'
codes and messages, the agreement's PDF and the public verification."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from chalicelib import wiring
from chalicelib.domain.placements import OFFERED, moved
from chalicelib.ports.placements import Move
from scripts.stored_factories import NOW, approved_trainee, new_position, person
from tests.conftest import body


class Trainee:
    def __init__(self, client: Any, token: Any, sub: str, serial: int) -> None:
        self.who = person(sub, serial, "王晓雨")
        approved_trainee(self.who, locality="140105")
        self.client = client
        claims = {"sub": self.who.subject, "name": self.who.name, "id_number": self.who.id_number}
        self.headers = {"Authorization": "Bearer " + token(**claims)}

    def apply(self, position_id: str) -> Any:
        return self.client.http.post(
            "/v1/placements",
            headers={**self.headers, "Content-Type": "application/json"},
            body=f'{{"position_id": "{position_id}"}}',
        )

    def post(self, path: str) -> Any:
        return self.client.http.post(path, headers=self.headers)

    def get(self, path: str, **headers: str) -> Any:
        return self.client.http.get(path, headers={**self.headers, **headers})


@pytest.fixture
def trainee(client: Any, token: Any) -> Trainee:
    return Trainee(client, token, "placement-api", 21)


def error_of(response: Any) -> dict[str, Any]:
    return dict(body(response)["error"])


def offer(placement_id: str) -> None:
    """The unit's offer, written as the offer use case writes it (its route has its own tests)."""
    store = wiring.ports().placements
    record = store.get(placement_id)
    assert record is not None
    start, end = date(2026, 12, 1), date(2027, 5, 31)
    after = moved(record, OFFERED, "unit", NOW, start_date=start, months=6, end_date=end, allowance_yuan_per_month=2100)
    store.commit([Move(record, after)], headcount=3)


def test_apply_list_detail_and_withdraw(trainee: Trainee) -> None:
    position_id = new_position("140105", "会计见习岗")

    created = trainee.apply(position_id)

    assert created.status_code == 201
    answer = body(created)
    assert (answer["status"], answer["status_label"]) == ("applied", "已申请")
    assert answer["position"]["position_id"] == position_id and answer["position"]["title"] == "会计见习岗"
    placement_id = answer["placement_id"]
    listed = body(trainee.get("/v1/placements"))
    assert [p["placement_id"] for p in listed["items"]] == [placement_id] and listed["next_cursor"] is None
    detail = body(trainee.get(f"/v1/placements/{placement_id}"))
    assert detail["trainee"]["id_number"].count("*") == 8 and [s["status"] for s in detail["history"]] == ["applied"]
    withdrawn = trainee.post(f"/v1/placements/{placement_id}/withdraw")
    assert withdrawn.status_code == 200 and body(withdrawn)["status_label"] == "已撤回"
    again = trainee.post(f"/v1/placements/{placement_id}/withdraw")
    assert again.status_code == 409 and error_of(again)["code"] == "PLACEMENT_WRONG_STATUS"


def test_a_fourth_application_and_the_same_position_twice_are_refused(trainee: Trainee) -> None:
    ids = [new_position("140105", f"岗位{i}") for i in range(4)]
    assert [trainee.apply(i).status_code for i in ids[:3]] == [201, 201, 201]

    fourth, twice = trainee.apply(ids[3]), trainee.apply(ids[0])

    assert fourth.status_code == 409 and error_of(fourth) | {"request_id": ""} == {
        "code": "PLACEMENT_LIMIT_REACHED",
        "message": "最多同时申请三个见习岗位",
        "request_id": "",
    }
    assert twice.status_code == 409 and error_of(twice)["code"] == "ALREADY_APPLIED"


def test_another_persons_placement_is_404(client: Any, token: Any, trainee: Trainee) -> None:
    placement_id = body(trainee.apply(new_position("140105")))["placement_id"]
    other = Trainee(client, token, "placement-other", 22)

    assert other.get(f"/v1/placements/{placement_id}").status_code == 404
    assert other.post(f"/v1/placements/{placement_id}/withdraw").status_code == 404


def test_the_agreement_once_offered_and_its_public_verification(client: Any, trainee: Trainee) -> None:
    placement_id = body(trainee.apply(new_position("140105", "会计见习岗")))["placement_id"]
    pdf_path = f"/v1/placements/{placement_id}/agreement.pdf"
    assert trainee.get(pdf_path, Accept="application/pdf").status_code == 409  # not offered yet
    assert client.http.get(f"/v1/verify/placements/{placement_id}").status_code == 404
    offer(placement_id)

    pdf = trainee.get(pdf_path, Accept="application/pdf")
    verified = client.http.get(f"/v1/verify/placements/{placement_id}")

    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert body(verified)["trainee_name"] == "王*雨" and body(verified)["status"] == "offered"
    text = "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.body)).pages).split())
    assert "就业见习协议书" in text and "王晓雨" in text and str(trainee.who.id_number) in text
    assert "2026-12-01至2027-05-31" in text and "每月2100元" in text
