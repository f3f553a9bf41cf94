"""The parameters of the 消息中心 and 岗位订阅 routes (their answers are Structs in chalicelib/answers/, their
operations stand beside their routes in chalicelib/api/messages.py and saved_searches.py)."""

from __future__ import annotations

from chalicelib.openapi_schema import Schema, path_parameter, query_parameter


def message_parameters() -> dict[str, Schema]:
    return {
        "UnreadFilter": query_parameter(
            "unread", {"type": "string", "enum": ["true", "false"]}, "`true`: only unread messages."
        ),
        "MessageId": path_parameter("message_id", "A message's id."),
        "SearchId": path_parameter("search_id", "A saved search's id."),
    }
