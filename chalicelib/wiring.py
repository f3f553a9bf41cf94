"""The composition root: the one place the real adapters are put behind the ports. Routes, stream handlers and
scheduled jobs call `ports()`; the use cases take what it returns and import no adapter.

Built on first call and kept for the container's life (`functools.cache`), never at import: importing this
module imports no adapter, so `import app` stays as lean as it was. Each adapter is a module of functions that
connect on first use, so the bundle holds no client and nothing that a test's fresh settings would outdate.
"""

from __future__ import annotations

from functools import cache

from chalicelib.domain.clock import utc_now
from chalicelib.domain.notices import Text
from chalicelib.ports import Ports


class _ConfiguredGateway:
    """The gateway `SMS_GATEWAY` names, chosen on the first text sent (not when the ports are built), so a
    container that never texts never reads the provider's settings."""

    def send(self, text: Text, event_id: str) -> str:
        from chalicelib.adapters.sms_gateway import gateway

        return gateway().send(text, event_id)


def _sms_missing() -> str:
    """Why no text can be sent now: the cloud before `SMS_GATEWAY` is set; "" once a gateway is configured."""
    from chalicelib.adapters.sms_gateway import gateway
    from chalicelib.config import MissingSetting

    try:
        gateway()
    except MissingSetting as error:
        return f"SMS not configured ({error})"
    return ""


@cache
def ports() -> Ports:
    from chalicelib.adapters import (
        application_store,
        attachment_store,
        audit_store,
        count_store,
        export_files,
        favourite_store,
        files,
        keyword_index,
        listing_search,
        message_store,
        open_texts,
        outbox_store,
        person_store,
        placement_store,
        position_store,
        saved_search_store,
        subsidy_store,
        unit_store,
    )

    return Ports(
        applications=application_store,
        attachments=attachment_store,
        files=files,
        people=person_store,
        audit=audit_store,
        favourites=favourite_store,
        positions=position_store,
        listings=listing_search,
        counts=count_store,
        keywords=keyword_index,
        messages=message_store,
        outbox=outbox_store,
        saved_searches=saved_search_store,
        units=unit_store,
        open_texts=open_texts,
        placements=placement_store,
        subsidies=subsidy_store,
        export_files=export_files,
        sms=_ConfiguredGateway(),
        sms_missing=_sms_missing,
        clock=utc_now,
    )
