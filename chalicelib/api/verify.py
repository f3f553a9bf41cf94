"""GET /v1/verify/{application_id}: the public page behind the printed form's QR code (扫码验真)."""

from __future__ import annotations

from chalicelib import errors
from chalicelib.answers.people import Verification
from chalicelib.api.contract import PUBLIC
from chalicelib.api.operation import operations
from chalicelib.api.routes import Routes
from chalicelib.openapi_ops import Failure
from chalicelib.ports import Ports
from chalicelib.services import verification

routes = Routes(__name__)
operation = operations(routes)

VERIFY_NOT_FOUND = Failure(
    errors.APPLICATION_NOT_FOUND, "no application has this id: the form is not one this service printed"
)


# Public and cacheable like search (a status change shows within the cache's minute); throttled like it too.
@operation(
    method="GET",
    path="/verify/{application_id}",
    operation_id="verifyApplication",
    summary="Verify a printed form (扫码验真)",
    description="The page a printed form's QR code opens (`<web client>/verify/<application_id>`) reads this: "
    "whether the form is genuine and the case's current status, with the name and ID number masked. No other "
    "personal data. Cached and throttled like search.",
    tag="public",
    access=PUBLIC,
    answer=Verification,
    answer_description="The case exists.",
    cached=True,
    failures=(VERIFY_NOT_FOUND,),
)
def verify_application(application_id: str, ports: Ports) -> Verification:
    return verification.verify(application_id, ports=ports)
