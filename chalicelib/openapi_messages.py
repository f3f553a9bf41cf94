"""The OpenAPI description of the 消息中心 and 岗位订阅 routes and the local SMS page (openapi.py's helpers)."""

from __future__ import annotations

from chalicelib import errors
from chalicelib.api.bodies import ref
from chalicelib.domain.limits import KEYWORD_MAX, MAX_SAVED_SEARCHES
from chalicelib.domain.notices import KIND_TITLES
from chalicelib.openapi import (
    APPLICANT,
    INVALID_CURSOR,
    PUBLIC,
    SIGNED_IN,
    Failure,
    Op,
    Schema,
    array,
    invalid_region_search,
    json_answer,
    no_content,
    obj,
    page_schema,
    path_parameter,
    query_parameter,
    text,
)
from chalicelib.openapi_bodies import nullable

MESSAGE_NOT_FOUND = Failure(errors.MESSAGE_NOT_FOUND, "no message has this id, or it is not the caller's own")
SAVED_SEARCH_LIMIT_REACHED = Failure(errors.SAVED_SEARCH_LIMIT_REACHED, f"{MAX_SAVED_SEARCHES} saved already")
LOCAL_ONLY = Failure(errors.LOCAL_ONLY, "the stage is not `local`")


def message_schemas() -> dict[str, Schema]:
    kinds = ", ".join(f"`{kind}` {title}" for kind, title in KIND_TITLES.items())
    return {
        "Message": obj(
            {
                "message_id": ref("HexId"),
                "kind": text(f"What it is about: {kinds}.", enum=list(KIND_TITLES)),
                "title": text("The Chinese title (the kind's, e.g. 审核通过).", enum=list(KIND_TITLES.values())),
                "text": text("The Chinese text: with the reviewer's comment or the reason for a decision."),
                "link": text("The API path of what it is about: an application or a position.", pattern="^/v1/"),
                "created_at": ref("Timestamp"),
                "read_at": nullable({**ref("Timestamp"), "description": "`null` until read."}),
            },
            description="A 站内消息. Written in the same transaction as its event (a decision and its message "
            "exist together or not at all); favourite notices follow the position's change within seconds.",
        ),
        "MessagePage": page_schema("Message", "A page of my messages, newest first."),
        "ReadAll": obj(
            {
                "marked_read": {"type": "integer", "minimum": 0, "description": "Messages this call marked read."},
                "unread_messages": {"type": "integer", "minimum": 0, "description": "Unread after this call."},
            },
            description="What read-all did.",
        ),
        "SavedSearchFilters": obj(
            {
                "city": ref("CityCode"),
                "county": ref("LocalityCode"),
                "keyword": text(minLength=1, maxLength=KEYWORD_MAX),
                "education": ref("Education"),
                "industry": ref("Industry"),
            },
            required=[],
            description="The public search's filters (`GET /v1/positions`), as strings, with the same rules and the "
            "same 400s; paging (`limit`, `cursor`) is not a filter.",
            closed=True,
        ),
        "SavedSearch": obj(
            {
                "search_id": ref("HexId"),
                "filters": ref("SavedSearchFilters"),
                "sms": {"type": "boolean"},
                "created_at": ref("Timestamp"),
            },
            description="A 岗位订阅. Each morning (08:00 China time) one message lists the positions published "
            "since the last digest that the search would show.",
        ),
        "SavedSearchList": obj(
            {
                "items": array(ref("SavedSearch"), "Oldest first.", maxItems=MAX_SAVED_SEARCHES),
                "next_cursor": {"type": "null", "description": "Always `null`: the list is never paged."},
            },
            description="My saved searches.",
        ),
        "SentTextList": obj(
            {
                "items": array(
                    obj(
                        {
                            "at": ref("Timestamp"),
                            "event_id": text(),
                            "phone": text("The real-name phone of the case."),
                            "kind": text(),
                            "text": text("As the provider renders the template: the name masked (王*雨)."),
                        }
                    ),
                    "Newest first.",
                )
            },
            description="Local stage only: the texts the local SMS sink wrote to `.local/sms.log`.",
        ),
    }


def message_parameters() -> dict[str, Schema]:
    return {
        "UnreadFilter": query_parameter(
            "unread", {"type": "string", "enum": ["true", "false"]}, "`true`: only unread messages."
        ),
        "MessageId": path_parameter("message_id", "A message's id."),
        "SearchId": path_parameter("search_id", "A saved search's id."),
    }


def message_operations() -> dict[tuple[str, str], Op]:
    return {
        ("/v1/messages", "get"): Op(
            "listMessages",
            "My messages (消息中心)",
            "Newest first, paged with the signed cursor like every list; `unread=true` for the unread only. "
            "`GET /v1/me` says how many are unread (`unread_messages`).",
            "me",
            SIGNED_IN,
            json_answer("MessagePage", "A page of messages."),
            (INVALID_CURSOR,),
            ("UnreadFilter", "Limit", "Cursor"),
            query=True,
        ),
        ("/v1/messages/{message_id}/read", "post"): Op(
            "readMessage",
            "Mark a message read",
            "Idempotent: a message read before answers as it is (its first `read_at`). No body.",
            "me",
            SIGNED_IN,
            json_answer("Message", "The message, read."),
            (MESSAGE_NOT_FOUND,),
            ("MessageId",),
            idempotent=True,
        ),
        ("/v1/messages/read-all", "post"): Op(
            "readAllMessages",
            "Mark all my messages read",
            "Every unread message is marked read; the unread count drops by exactly those. No body.",
            "me",
            SIGNED_IN,
            json_answer("ReadAll", "Done."),
            idempotent=True,
        ),
        ("/v1/saved-searches", "post"): Op(
            "saveSearch",
            "Save a search (岗位订阅)",
            f"At most {MAX_SAVED_SEARCHES} per person (a hard limit under concurrent requests too). The filters are "
            "checked exactly as the public search checks its query: the same 400 `MALFORMED_REQUEST` and "
            "`INVALID_REGION` answers.",
            "me",
            APPLICANT,
            json_answer("SavedSearch", "Saved.", status=201),
            (SAVED_SEARCH_LIMIT_REACHED, invalid_region_search()),
            body="SavedSearchRequest",
            body_required=False,
            idempotent=True,
        ),
        ("/v1/saved-searches", "get"): Op(
            "listSavedSearches",
            "My saved searches",
            "Oldest first; never paged; takes no query parameters (any is 400).",
            "me",
            APPLICANT,
            json_answer("SavedSearchList", "My saved searches."),
            query=True,
        ),
        ("/v1/saved-searches/{search_id}", "delete"): Op(
            "deleteSavedSearch",
            "Delete a saved search",
            "204 also when it was not (or no longer) one of mine.",
            "me",
            APPLICANT,
            no_content("Not saved (any more)."),
            parameters=("SearchId",),
            idempotent=True,
        ),
        ("/v1/local/sms", "get"): Op(
            "listLocalTexts",
            "Texts sent by the local SMS sink",
            "Only when `STAGE=local` (`make dev`): what the SMS sender wrote to `.local/sms.log`. Elsewhere 404. "
            "Takes no query parameters.",
            "me",
            PUBLIC,
            json_answer("SentTextList", "The texts sent."),
            (LOCAL_ONLY,),
            query=True,
        ),
    }
