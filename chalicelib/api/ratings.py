"""好差评: a case's owner rates it; the reviewers of its region list, follow up and sum up the ratings.

The listing's paging is here rather than in api/listings.py so that issue 23 stays in its own files."""

from __future__ import annotations

from typing import Any

from chalicelib import errors
from chalicelib.answers.messages import MessagePage
from chalicelib.answers.ratings import Rating, RatingForStaff, RatingPage, RatingSummary
from chalicelib.api import cursor, listings
from chalicelib.api.contract import Access, staff_access
from chalicelib.api.operation import operations
from chalicelib.api.rating_bodies import FollowUpRequest, RatingRequest
from chalicelib.api.rating_queries import RatingList, RatingSummaryQuery, ReviewerMessages
from chalicelib.api.routes import Routes
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import INVALID_CURSOR, REAL_NAME_REQUIRED, UNAUTHENTICATED, Failure, validation_failed
from chalicelib.ports import Ports
from chalicelib.services import ratings

routes = Routes(__name__)
operation = operations(routes)

REVIEWER = staff_access("reviewer")
# A case's owner: a person (an application, a placement) or a unit through 法人登录 (a recognition, a placement, a
# subsidy claim). Whose case it is decides; the token only says who is asking.
RATER = Access(
    (UNAUTHENTICATED, REAL_NAME_REQUIRED),
    [{"bearer": []}],
    "A signed-in real-name person, or a unit's agent (法人登录): the owner of the case rated.",
    real_name=True,
)
NOT_IN_REGION = Failure(errors.RATING_NOT_FOUND, "no such rating of a case in the caller's region")
COUNTY_FAILURES = (
    Failure(errors.INVALID_COUNTY, "unknown `county`"),
    Failure(errors.COUNTY_OUTSIDE_REGION, "`county` lies outside the caller's region"),
)


def region_list(caller: Principal, query: RatingList, ports: Ports) -> RatingPage:
    filters: dict[str, Any] = {"level_max": query.level_max, "county": query.county, "month": query.month}
    identity = cursor.query_identity("admin/ratings", region=caller.region, **filters)
    return listings.page(
        RatingPage,
        identity,
        query.cursor,
        lambda start: ratings.region_list(caller, **filters, limit=query.limit, start_key=start, ports=ports),
    )


def reminders(caller: Principal, query: ReviewerMessages, ports: Ports) -> MessagePage:
    identity = cursor.query_identity("admin/messages", region=caller.region, county=query.county)
    return listings.page(
        MessagePage,
        identity,
        query.cursor,
        lambda start: ratings.reminders(caller, county=query.county, limit=query.limit, start_key=start, ports=ports),
    )


@operation(
    method="POST",
    path="/ratings",
    operation_id="rateCase",
    summary="Rate a finished case (好差评)",
    description="By the case's owner, once per case and party (a second, even at the same time: 409 "
    "`ALREADY_RATED`), after it is decided or finished (an application: `approved` or `rejected`; before: "
    "409 `CASE_NOT_FINISHED`). Someone else's case, or one that does not exist: 404. Levels 1 and 2 are 差评: "
    "the reviewers of the case's region follow them up, and are reminded after five working days without.",
    tag="ratings",
    access=RATER,
    body=RatingRequest,
    answer=Rating,
    answer_description="Rated.",
    status=201,
    failures=(
        Failure(errors.CASE_NOT_FOUND, "no such case of the caller's"),
        Failure(errors.CASE_NOT_FINISHED, "the case is not decided or finished yet"),
        Failure(errors.ALREADY_RATED, "the caller rated this case before"),
        validation_failed("`case_type`, `level`, `tags` or `comment` breaks its rule"),
    ),
    idempotent=True,
)
def rate(caller: Principal, rating: dict[str, Any], ports: Ports) -> Any:
    return ratings.rate(caller, rating, utc_now(), ports=ports)


@operation(
    method="GET",
    path="/admin/ratings",
    operation_id="regionRatings",
    summary="Ratings of my region (好差评), 差评 first",
    description="Ratings of cases whose locality lies in the reviewer's region, the lowest levels first (the "
    "oldest first within a level). `level_max=2` lists the 差评. Comments are shown with any ID or phone number "
    "masked.",
    tag="ratings",
    access=REVIEWER,
    query=RatingList,
    answer=RatingPage,
    answer_description="A page of ratings.",
    failures=(INVALID_CURSOR, *COUNTY_FAILURES),
)
def region_ratings(caller: Principal, query: RatingList, ports: Ports) -> Any:
    return region_list(caller, query, ports)


@operation(
    method="GET",
    path="/admin/ratings/summary",
    operation_id="ratingSummary",
    summary="Counts per level and the satisfaction rate",
    description="For the reviewer's region (or one county-level entry in it), one month or the current year; "
    "read from the statistics counters written with each rating.",
    tag="ratings",
    access=REVIEWER,
    query=RatingSummaryQuery,
    answer=RatingSummary,
    answer_description="The summary.",
    failures=COUNTY_FAILURES,
)
def rating_summary(caller: Principal, query: RatingSummaryQuery, ports: Ports) -> Any:
    return ratings.summary(caller, county=query.county, month=query.month, now=utc_now(), ports=ports)


@operation(
    method="GET",
    path="/admin/ratings/{rating_id}",
    operation_id="regionRating",
    summary="A rating of my region with its follow-ups",
    description="The rating and every follow-up (回访, 整改, 申诉复核), oldest first.",
    tag="ratings",
    access=REVIEWER,
    answer=RatingForStaff,
    answer_description="The rating.",
    failures=(NOT_IN_REGION,),
)
def region_rating(caller: Principal, rating_id: str, ports: Ports) -> Any:
    return ratings.detail(caller, rating_id, ports=ports)


@operation(
    method="POST",
    path="/admin/ratings/{rating_id}/follow-ups",
    operation_id="followUpRating",
    summary="Follow up a rating (回访, 整改, 申诉复核)",
    description="Appends to the rating's history; the first follow-up of a 差评 stops its overdue reminder. Never "
    "on a rating the reviewer gave themselves (403 `OWN_RATING`).",
    tag="ratings",
    access=REVIEWER,
    body=FollowUpRequest,
    answer=RatingForStaff,
    answer_description="The rating with its follow-ups.",
    status=201,
    failures=(
        NOT_IN_REGION,
        Failure(errors.OWN_RATING, "the reviewer gave this rating"),
        validation_failed("`action` not one of the three, or `note` empty or too long"),
    ),
    idempotent=True,
)
def follow_up(caller: Principal, rating_id: str, step: dict[str, Any], ports: Ports) -> Any:
    return ratings.follow_up(caller, rating_id, step, utc_now(), ports=ports)


@operation(
    method="GET",
    path="/admin/messages",
    operation_id="reviewerMessages",
    summary="My region's reminders (the reviewers' 消息中心)",
    description="What the morning run tells the reviewers: each 差评 without a follow-up five working days after it "
    "was given (`rating_follow_up_due`, `link` the rating). Each reminder is written to its county-level entry's "
    "inbox, its city's and the province's, so the caller's whole region is one list; `county` narrows it to one "
    "county-level entry. Newest first, paged like `GET /v1/messages`; one Query a page.",
    tag="ratings",
    access=REVIEWER,
    query=ReviewerMessages,
    answer=MessagePage,
    answer_description="A page of messages.",
    failures=(INVALID_CURSOR, *COUNTY_FAILURES),
)
def reviewer_messages(caller: Principal, query: ReviewerMessages, ports: Ports) -> Any:
    return reminders(caller, query, ports)
