"""The mutating flows the fault-injection test runs: how to set each up, the request, and its clean answer."""

from __future__ import annotations

import functools
import json
import os
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts.factories import position_body, recognition_form, unit_position_body
from tests import flows, unit_flows
from tests.conftest import body
from tests.faults.subsidy_scenarios import SUBSIDY_FLOWS, SUBSIDY_OPERATIONS
from tests.faults.world import Request, World
from tests.flows import PDF


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


# issue 23: 好差评 and its follow-ups
def rate(world: World) -> Request:
    payload = {"case_type": "application", "case_id": _approved(world), "level": 1, "comment": "等待时间长"}
    return Request("POST", "/v1/ratings", world.applicant.token, payload)


def follow_up_rating(world: World) -> Request:
    rated = flows.post(world.client, "/v1/ratings", world.applicant.token, rate(world).payload)
    assert rated.status_code == 201, rated.body
    payload = {"action": "回访", "note": "已电话回访"}
    return Request("POST", f"/v1/admin/ratings/{body(rated)['rating_id']}/follow-ups", world.reviewer, payload)


# ----------------------------------------------------------------------------------------------- units (issue 19)


def unit_apply(world: World) -> Request:
    licence = flows.uploaded(world.client, world.unit, kind="business_licence")
    return Request("POST", "/v1/unit/recognition", world.unit, recognition_form([licence]))


def unit_withdraw(world: World) -> Request:
    unit_flows.applied(world.client, world.unit)
    return Request("POST", "/v1/unit/recognition/withdraw", world.unit)


def _unit_decision(world: World, decision: str, payload: Any) -> Request:
    unit_flows.applied(world.client, world.unit)
    code = unit_flows.credit_code_of(world.client, world.unit)
    return Request("POST", f"/v1/admin/units/{code}/{decision}", world.reviewer, payload)


def unit_approve(world: World) -> Request:
    return _unit_decision(world, "approve", {"comment": "材料齐全"})


def unit_reject(world: World) -> Request:
    return _unit_decision(world, "reject", {"reason": "营业执照不清晰"})


def unit_revoke(world: World) -> Request:
    code = unit_flows.recognised(world.client, world.unit, world.reviewer)
    unit_flows.approved_position(world.client, world.unit, world.reviewer, headcount=1)
    return Request("POST", f"/v1/admin/units/{code}/revoke", world.reviewer, {"reason": "不再符合条件"})


def unit_position_publish(world: World) -> Request:
    unit_flows.recognised(world.client, world.unit, world.reviewer)
    return Request("POST", "/v1/unit/positions", world.unit, unit_position_body(headcount=1))


def unit_position_patch(world: World) -> Request:
    unit_flows.recognised(world.client, world.unit, world.reviewer)
    position_id = unit_flows.approved_position(world.client, world.unit, world.reviewer, headcount=1)
    return Request(
        "PATCH", f"/v1/unit/positions/{position_id}", world.unit, {"title": "软件测试见习生", "headcount": 2}
    )


def unit_position_close(world: World) -> Request:
    unit_flows.recognised(world.client, world.unit, world.reviewer)
    position_id = unit_flows.approved_position(world.client, world.unit, world.reviewer, headcount=1)
    return Request("POST", f"/v1/unit/positions/{position_id}/close", world.unit)


def position_approve(world: World) -> Request:
    unit_flows.recognised(world.client, world.unit, world.reviewer)
    position_id = unit_flows.published(world.client, world.unit, headcount=1)
    return Request("POST", f"/v1/admin/positions/{position_id}/approve", world.reviewer, {})


def position_reject(world: World) -> Request:
    unit_flows.recognised(world.client, world.unit, world.reviewer)
    position_id = unit_flows.published(world.client, world.unit, headcount=1)
    return Request("POST", f"/v1/admin/positions/{position_id}/reject", world.reviewer, {"reason": "描述不完整"})


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


@functools.cache
def _unit_token(jwks_url: str) -> str:
    """The position's unit (法人登录), signed by the key the tests' issuer signs with (beside its JWKS)."""
    from scripts.factories import credit_code
    from scripts.local_keys import mint

    private = Path(urllib.parse.urlparse(jwks_url).path).with_name("signing-key.pem")
    return mint(private, sub="agent-fault", name="赵经办", extra={"credit_code": credit_code(), "org_name": "测试"})


def _unit() -> str:
    return _unit_token(os.environ["JWKS_URL"])


TERMS = {"start_date": "2099-12-01", "months": 6, "allowance_yuan_per_month": 2300, "mentor_name": "钱师傅"}


def _offered_placement(world: World) -> str:
    placement_id = _applied_placement(world)
    offered = Request("POST", f"/v1/unit/placements/{placement_id}/offer", _unit(), TERMS).send(world.client, None)
    assert offered.status_code == 200, offered.body
    return placement_id


def _step(world: World, placement_id: str, path: str, token: str, payload: Any = None) -> str:
    done = Request("POST", path.format(placement_id), token, payload).send(world.client, None)
    assert done.status_code == 200, done.body
    return placement_id


def _in_progress(world: World) -> str:
    placement_id = _step(world, _offered_placement(world), "/v1/placements/{}/accept", world.applicant.token)
    return _step(world, placement_id, "/v1/admin/placements/{}/confirm", world.reviewer)


END = {"end_date": "2099-12-31", "reason": "retained", "note": "转正"}


def _ended(world: World) -> str:
    return _step(world, _in_progress(world), "/v1/unit/placements/{}/end", _unit(), END)


def offer_placement(world: World) -> Request:
    return Request("POST", f"/v1/unit/placements/{_applied_placement(world)}/offer", _unit(), TERMS)


def decline_placement(world: World) -> Request:
    return Request("POST", f"/v1/unit/placements/{_applied_placement(world)}/decline", _unit(), {"reason": "专业不符"})


def end_placement(world: World) -> Request:
    return Request("POST", f"/v1/unit/placements/{_in_progress(world)}/end", _unit(), END)


def assess_placement(world: World) -> Request:
    return Request("POST", f"/v1/unit/placements/{_ended(world)}/assessment", _unit(), {"result": "good"})


def retain_trainee(world: World) -> Request:
    payload = {"contract_start": "2100-01-01", "contract_months": 36}
    return Request("POST", f"/v1/unit/placements/{_ended(world)}/retention", _unit(), payload)


def _interested(world: World) -> tuple[str, str]:
    _approved(world)
    position_id = _position(world)
    added = world.client.http.put(f"/v1/favourites/{position_id}", headers=flows.auth(world.applicant.token))
    assert added.status_code == 201, added.body
    listed = flows.get(world.client, f"/v1/unit/positions/{position_id}/interested", _unit())
    return position_id, str(body(listed)["items"][0]["trainee_ref"])


def invite_trainee(world: World) -> Request:
    position_id, ref = _interested(world)
    return Request("POST", f"/v1/unit/positions/{position_id}/invitations", _unit(), {"trainee_ref": ref})


def _invited(world: World) -> str:
    invited = invite_trainee(world).send(world.client, None)
    assert invited.status_code == 201, invited.body
    return str(body(invited)["placement_id"])


def apply_invited(world: World) -> Request:
    return Request("POST", f"/v1/placements/{_invited(world)}/apply", world.applicant.token)


def decline_invitation(world: World) -> Request:
    return Request("POST", f"/v1/placements/{_invited(world)}/decline-invitation", world.applicant.token)


def accept_offer(world: World) -> Request:
    return Request("POST", f"/v1/placements/{_offered_placement(world)}/accept", world.applicant.token)


def reject_offer(world: World) -> Request:
    return Request("POST", f"/v1/placements/{_offered_placement(world)}/reject-offer", world.applicant.token)


def confirm_placement(world: World) -> Request:
    placement_id = _step(world, _offered_placement(world), "/v1/placements/{}/accept", world.applicant.token)
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
    "rate": (rate, 201),  # issue 23
    "follow_up_rating": (follow_up_rating, 201),  # issue 23
    # Issue 19: units.
    "unit_apply": (unit_apply, 201),
    "unit_withdraw": (unit_withdraw, 200),
    "unit_approve": (unit_approve, 200),
    "unit_reject": (unit_reject, 200),
    "unit_revoke": (unit_revoke, 200),
    "unit_position_publish": (unit_position_publish, 201),
    "unit_position_patch": (unit_position_patch, 200),
    "unit_position_close": (unit_position_close, 200),
    "position_approve": (position_approve, 200),
    "position_reject": (position_reject, 200),
    "apply_placement": (apply_placement_flow, 201),  # issue 20
    "withdraw_placement": (withdraw_placement, 200),
    "accept_offer": (accept_offer, 200),
    "reject_offer": (reject_offer, 200),
    "confirm_placement": (confirm_placement, 200),
    "offer_placement": (offer_placement, 200),
    "decline_placement": (decline_placement, 200),
    "end_placement": (end_placement, 200),
    "assess_placement": (assess_placement, 200),
    "retain_trainee": (retain_trainee, 200),
    "invite_trainee": (invite_trainee, 201),
    "apply_invited": (apply_invited, 200),
    "decline_invitation": (decline_invitation, 200),
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
    "rateCase": "rate",  # issue 23
    "followUpRating": "follow_up_rating",  # issue 23
    # Issue 19: units.
    "applyForRecognition": "unit_apply",
    "withdrawRecognition": "unit_withdraw",
    "recogniseUnit": "unit_approve",
    "rejectUnit": "unit_reject",
    "revokeUnit": "unit_revoke",
    "publishUnitPosition": "unit_position_publish",
    "updateUnitPosition": "unit_position_patch",
    "closeUnitPosition": "unit_position_close",
    "approvePosition": "position_approve",
    "rejectPosition": "position_reject",
    "applyForPosition": "apply_placement",  # issue 20
    "withdrawPlacement": "withdraw_placement",
    "acceptOffer": "accept_offer",
    "rejectOffer": "reject_offer",
    "confirmPlacement": "confirm_placement",
    "offerPlacement": "offer_placement",
    "declinePlacement": "decline_placement",
    "endPlacement": "end_placement",
    "assessPlacement": "assess_placement",
    "retainTrainee": "retain_trainee",
    "inviteTrainee": "invite_trainee",
    "applyToInvitation": "apply_invited",
    "declineInvitation": "decline_invitation",
}

# issue 21 (subsidies): its flows live in their own module, added here so every list above stays as it is.
FLOWS.update(SUBSIDY_FLOWS)
FLOW_OF_OPERATION.update(SUBSIDY_OPERATIONS)
