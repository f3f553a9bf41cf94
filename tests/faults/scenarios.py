"""The mutating flows the fault-injection test runs: how to set each up, the request, and its clean answer."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scripts.factories import position_body
from tests import flows
from tests.conftest import body
from tests.flows import PDF, Person


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    token: str
    payload: Any = None

    def send(self, client: Any, key: str | None) -> Any:
        headers = flows.auth(self.token, **({"Idempotency-Key": key} if key else {}))
        raw = "" if self.payload is None else json.dumps(self.payload, ensure_ascii=False)
        return client.http.request(self.method, self.path, headers=headers, body=raw.encode())


@dataclass(frozen=True)
class World:
    client: Any
    applicant: Person
    reviewer: str
    manager: str


def _position(world: World) -> str:
    created = world.client.http.post(
        "/v1/admin/positions", headers=flows.auth(world.manager), body=json.dumps(position_body(), ensure_ascii=False)
    )
    assert created.status_code == 201, created.body
    return str(body(created)["position_id"])


def _approved(world: World) -> str:
    application_id = flows.submitted(world.client, world.applicant)
    approved = flows.post(world.client, f"/v1/admin/applications/{application_id}/approve", world.reviewer, {})
    assert approved.status_code == 200, approved.body
    return application_id


def create_attachment(world: World) -> Request:
    payload = {"kind": "id_card", "filename": "身份证.pdf", "content_type": "application/pdf", "size": len(PDF)}
    return Request("POST", "/v1/attachments", world.applicant.token, payload)


def confirm(world: World) -> Request:
    created = body(flows.request_upload(world.client, world.applicant.token))
    flows.put_file(created["upload"], PDF, "application/pdf")
    return Request("POST", f"/v1/attachments/{created['attachment_id']}/confirm", world.applicant.token)


def delete_attachment(world: World) -> Request:
    attachment_id = flows.uploaded(world.client, world.applicant.token)
    return Request("DELETE", f"/v1/attachments/{attachment_id}", world.applicant.token)


def submit(world: World) -> Request:
    files = flows.graduate_attachments(world.client, world.applicant.token)
    form = flows.graduate_form(world.applicant, files)
    return Request("POST", "/v1/applications", world.applicant.token, form)


def withdraw(world: World) -> Request:
    application_id = flows.submitted(world.client, world.applicant)
    return Request("POST", f"/v1/applications/{application_id}/withdraw", world.applicant.token)


def approve(world: World) -> Request:
    application_id = flows.submitted(world.client, world.applicant)
    return Request("POST", f"/v1/admin/applications/{application_id}/approve", world.reviewer, {"comment": "材料齐全"})


def reject(world: World) -> Request:
    application_id = flows.submitted(world.client, world.applicant)
    return Request("POST", f"/v1/admin/applications/{application_id}/reject", world.reviewer, {"reason": "材料不全"})


def favourite_put(world: World) -> Request:
    _approved(world)
    return Request("PUT", f"/v1/favourites/{_position(world)}", world.applicant.token)


def favourite_delete(world: World) -> Request:
    _approved(world)
    position_id = _position(world)
    added = world.client.http.put(f"/v1/favourites/{position_id}", headers=flows.auth(world.applicant.token))
    assert added.status_code == 201, added.body
    return Request("DELETE", f"/v1/favourites/{position_id}", world.applicant.token)


def position_create(world: World) -> Request:
    return Request("POST", "/v1/admin/positions", world.manager, position_body())


def position_patch(world: World) -> Request:
    return Request("PATCH", f"/v1/admin/positions/{_position(world)}", world.manager, {"county_code": "140106"})


def position_close(world: World) -> Request:
    return Request("POST", f"/v1/admin/positions/{_position(world)}/close", world.manager)


def save_search(world: World) -> Request:
    payload = {"filters": {"city": "140100", "keyword": "软件"}, "sms": True}
    return Request("POST", "/v1/saved-searches", world.applicant.token, payload)


def delete_saved_search(world: World) -> Request:
    saved = save_search(world).send(world.client, None)
    assert saved.status_code == 201, saved.body
    return Request("DELETE", f"/v1/saved-searches/{body(saved)['search_id']}", world.applicant.token)


def _unread(world: World) -> str:
    """The applicant's newest message (申报成功), unread."""
    flows.submitted(world.client, world.applicant)
    listed = flows.get(world.client, "/v1/messages?unread=true", world.applicant.token)
    assert listed.status_code == 200, listed.body
    return str(body(listed)["items"][0]["message_id"])


def read_message(world: World) -> Request:
    return Request("POST", f"/v1/messages/{_unread(world)}/read", world.applicant.token)


def read_all_messages(world: World) -> Request:
    _unread(world)
    return Request("POST", "/v1/messages/read-all", world.applicant.token)


# ---------------------------------------------------------------------------------------- placements (issue 20)


def _applied_placement(world: World) -> str:
    _approved(world)
    created = apply_placement(world).send(world.client, None)
    assert created.status_code == 201, created.body
    return str(body(created)["placement_id"])


def apply_placement(world: World) -> Request:
    return Request("POST", "/v1/placements", world.applicant.token, {"position_id": _position(world)})


def apply_placement_flow(world: World) -> Request:
    _approved(world)
    return apply_placement(world)


def withdraw_placement(world: World) -> Request:
    return Request("POST", f"/v1/placements/{_applied_placement(world)}/withdraw", world.applicant.token)


def _offered_placement(world: World) -> str:
    """Applied, then the unit's offer, as its use case writes it."""
    from datetime import date

    from chalicelib import wiring
    from chalicelib.domain.placements import OFFERED, moved
    from chalicelib.ports.placements import Move

    placement_id = _applied_placement(world)
    store = wiring.ports().placements
    record = store.get(placement_id)
    assert record is not None
    start, end = date(2026, 12, 1), date(2027, 5, 31)
    after = moved(record, OFFERED, "unit", record.created_at, start_date=start, months=6, end_date=end)
    store.commit([Move(record, after)], headcount=3)
    return placement_id


def accept_offer(world: World) -> Request:
    return Request("POST", f"/v1/placements/{_offered_placement(world)}/accept", world.applicant.token)


def reject_offer(world: World) -> Request:
    return Request("POST", f"/v1/placements/{_offered_placement(world)}/reject-offer", world.applicant.token)


def confirm_placement(world: World) -> Request:
    placement_id = _offered_placement(world)
    accepted = Request("POST", f"/v1/placements/{placement_id}/accept", world.applicant.token).send(world.client, None)
    assert accepted.status_code == 200, accepted.body
    return Request("POST", f"/v1/admin/placements/{placement_id}/confirm", world.reviewer)


Setup = Callable[[World], Request]
# name: (setup, the clean answer's status)
FLOWS: dict[str, tuple[Setup, int]] = {
    "create_attachment": (create_attachment, 201),
    "confirm": (confirm, 200),
    "delete_attachment": (delete_attachment, 204),
    "submit": (submit, 201),
    "withdraw": (withdraw, 200),
    "approve": (approve, 200),
    "reject": (reject, 200),
    "favourite_put": (favourite_put, 201),
    "favourite_delete": (favourite_delete, 204),
    "position_create": (position_create, 201),
    "position_patch": (position_patch, 200),
    "position_close": (position_close, 200),
    "save_search": (save_search, 201),
    "delete_saved_search": (delete_saved_search, 204),
    "read_message": (read_message, 200),
    "read_all_messages": (read_all_messages, 200),
    "apply_placement": (apply_placement_flow, 201),  # issue 20
    "withdraw_placement": (withdraw_placement, 200),
    "accept_offer": (accept_offer, 200),
    "reject_offer": (reject_offer, 200),
    "confirm_placement": (confirm_placement, 200),
}
# The served document's mutating operations, each with the flow that runs it: a route added to the app without
# a flow here fails `test_every_mutating_operation_has_a_flow`, naming it.
FLOW_OF_OPERATION: dict[str, str] = {
    "requestUpload": "create_attachment",
    "confirmUpload": "confirm",
    "deleteAttachment": "delete_attachment",
    "submitApplication": "submit",
    "withdrawApplication": "withdraw",
    "approveApplication": "approve",
    "rejectApplication": "reject",
    "addFavourite": "favourite_put",
    "removeFavourite": "favourite_delete",
    "createPosition": "position_create",
    "updatePosition": "position_patch",
    "closePosition": "position_close",
    "saveSearch": "save_search",
    "deleteSavedSearch": "delete_saved_search",
    "readMessage": "read_message",
    "readAllMessages": "read_all_messages",
    "applyForPosition": "apply_placement",  # issue 20
    "withdrawPlacement": "withdraw_placement",
    "acceptOffer": "accept_offer",
    "rejectOffer": "reject_offer",
    "confirmPlacement": "confirm_placement",
}
