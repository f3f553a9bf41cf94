"""The components of the 消息中心 and 岗位订阅 answers and the local SMS page (their operations stand beside their
routes in chalicelib/api/messages.py, saved_searches.py and local.py)."""

from __future__ import annotations

from chalicelib.api.bodies import ref
from chalicelib.domain.limits import KEYWORD_MAX, MAX_SAVED_SEARCHES
from chalicelib.domain.notices import KIND_TITLES
from chalicelib.openapi_schema import (
    Schema,
    array,
    nullable,
    obj,
    page_schema,
    path_parameter,
    query_parameter,
    text,
)


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
