"""补贴申领, the unit's side: claim the months and premiums, list the claims, read one (bank account masked)."""

from __future__ import annotations

from typing import Any

from chalicelib import errors
from chalicelib.answers import subsidies as answers
from chalicelib.api.contract import UNIT
from chalicelib.api.operation import operations
from chalicelib.api.queries import NoQuery
from chalicelib.api.routes import Routes
from chalicelib.api.subsidy_bodies import ClaimRequest
from chalicelib.api.subsidy_listings import unit_claims
from chalicelib.api.subsidy_queries import UnitClaims
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.domain.subsidies import MAX_CLAIM_LINES
from chalicelib.openapi_ops import INVALID_CURSOR, Failure, validation_failed
from chalicelib.ports import Ports
from chalicelib.services import ratings, subsidy_claims

routes = Routes(__name__)
operation = operations(routes)


@operation(
    method="POST",
    path="/unit/subsidy-claims",
    operation_id="submitSubsidyClaim",
    summary="Claim the subsidy (补贴申领)",
    description="A line per trainee and month (the county's rate in force on the month's first day, 60% of the "
    "minimum wage, prorated by `days_present`/`days_due` to the fen, rounded half up) and a line per insurance "
    f"premium (capped at the policy's 240 yuan), at most {MAX_CLAIM_LINES} lines, all trainees of one county. "
    "Only placements confirmed by 上岗报备 and months with 考勤 (422 naming the line as `<placement_id>/<month>`). "
    "A (placement, month) or a placement's premium is claimed once ever: 409 `ALREADY_CLAIMED`, also under "
    "concurrent requests. A rejected claim frees its lines. The bank account is masked in the answer.",
    tag="subsidies",
    access=UNIT,
    body=ClaimRequest,
    answer=answers.Claim,
    answer_description="Submitted (`status: submitted`).",
    status=201,
    failures=(
        Failure(errors.SUBSIDY_PLACEMENT_NOT_FOUND, "a placement is not the unit's"),
        Failure(errors.ALREADY_CLAIMED, "a month or premium of a trainee was claimed before (or just now)"),
        Failure(errors.ATTENDANCE_CHANGED, "a month's 考勤 changed while the claim was being made"),
        validation_failed(
            "`<placement_id>/<month>` `NO_ATTENDANCE`, `NOT_CONFIRMED`, `OUTSIDE_PERIOD`, "
            "`FUTURE_MONTH`; `insurance[i].*`; `bank.*` `REQUIRED`; `placement_ids` `MIXED_COUNTIES`, "
            "`TOO_MANY`"
        ),
    ),
    idempotent=True,
)
def submit_claim(caller: Principal, fields: dict[str, Any], ports: Ports) -> Any:
    unit = subsidy_claims.claimant(caller, ports=ports)
    return answers.claim(subsidy_claims.submit(unit, fields, utc_now(), ports=ports))


@operation(
    method="GET",
    path="/unit/subsidy-claims",
    operation_id="listUnitSubsidyClaims",
    summary="My unit's claims",
    description="Newest first; `status` filters.",
    tag="subsidies",
    access=UNIT,
    query=UnitClaims,
    answer=answers.ClaimPage,
    answer_description="A page of claims.",
    failures=(INVALID_CURSOR,),
)
def list_claims(caller: Principal, query: UnitClaims, ports: Ports) -> Any:
    return unit_claims(caller, query, ports)


@operation(
    method="GET",
    path="/unit/subsidy-claims/{claim_id}",
    operation_id="getUnitSubsidyClaim",
    summary="One of my unit's claims",
    description="Every line, the 公示 period once approved, the payment once paid; the bank account masked; the "
    "unit's `rating` (好差评) once it rated the paid claim.",
    tag="subsidies",
    access=UNIT,
    query=NoQuery,
    answer=answers.UnitClaim,
    answer_description="The claim, with the unit's rating of it.",
    failures=(Failure(errors.CLAIM_NOT_FOUND, "no such claim of the unit"),),
)
def get_claim(caller: Principal, claim_id: str, ports: Ports) -> Any:
    record = subsidy_claims.unit_claim(str(caller.credit_code), claim_id, ports=ports)
    return answers.unit_claim(record, ratings.of_case("subsidy_claim", claim_id, "unit", ports=ports))
