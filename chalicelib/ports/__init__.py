"""The ports: everything the use cases reach outside themselves, as one bundle handed to each of them.

A use case takes `ports` and reaches storage, the bucket, the SMS gateway and the clock only through it; it
imports nothing from chalicelib.adapters (an import-linter contract in pyproject.toml holds this). The real
bundle is built in one place, chalicelib/wiring.py, lazily and once per container; the service tests build
one from in-memory fakes (tests/services/fakes.py) that the adapter contract tests hold to the same rules.

This package sits beside the services rather than inside them because the adapters implement it: a store
raises `ConditionFailed` and a gateway `GatewayRejected` from here, and adapters import no service.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from msgspec import Struct

from chalicelib.ports.placements import PlacementStore
from chalicelib.ports.sms import SmsGateway
from chalicelib.ports.stores import (
    ApplicationStore,
    AttachmentStore,
    AuditStore,
    FavouriteStore,
    Files,
    KeywordIndex,
    ListingSearch,
    MessageStore,
    OpenTexts,
    OutboxStore,
    PersonStore,
    PositionStore,
    RegionCounts,
    SavedSearchStore,
)
from chalicelib.ports.subsidies import ExportFiles, SubsidyStore
from chalicelib.ports.units import UnitStore


class Ports(Struct, frozen=True, kw_only=True):
    applications: ApplicationStore
    attachments: AttachmentStore
    files: Files
    people: PersonStore
    audit: AuditStore
    favourites: FavouriteStore
    positions: PositionStore
    listings: ListingSearch
    counts: RegionCounts
    keywords: KeywordIndex
    messages: MessageStore
    outbox: OutboxStore
    saved_searches: SavedSearchStore
    units: UnitStore  # issue 19: 见习单位 and their recognitions
    open_texts: OpenTexts
    placements: PlacementStore  # issue 20: 见习岗位申请 → 协议 → 上岗 → 期满
    subsidies: SubsidyStore  # issue 21: 考勤, claims, 公示 objections, export jobs
    export_files: ExportFiles  # issue 21: the 花名册 files and their links
    sms: SmsGateway
    # Why no text can be sent now ("" when a gateway is configured): asked before claiming, so an unconfigured
    # gateway leaves the entries as they were rather than claimed and stuck until their lease runs out.
    sms_missing: Callable[[], str]
    clock: Callable[[], datetime]
