"""The application store's contract: one live case per person, claims, moves, queues.

Each store's contract runs against the in-memory fakes (tests/services/fakes.py) and the DynamoDB stores on
moto: the same writes are refused by the same conditions, named by the same labels, a refused transaction
writes nothing, and the reads answer the same items in the same order. A fake that drifted from its store
fails here, not in production.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from chalicelib.adapters.dynamo import RawKey
from chalicelib.domain.records import ApplicationRecord
from tests.adapters.contract_backends import (
    APPLICATION,
    ATTACHMENT,
    NOW,
    PERSON,
    Backend,
    attachment,
    case,
    moved,
    refused,
    submit,
)


def test_one_live_application_per_person_and_a_refused_submit_writes_nothing(backend: Backend) -> None:
    stores = backend.ports
    first = submit(backend, case("p1", files=[attachment(backend, "p1")]))
    second = case("p1", files=[attachment(backend, "p1")])

    assert PERSON in refused(lambda: submit(backend, second))

    person, files = stores.applications.snapshot("p1", [*first.attachment_ids, *second.attachment_ids])
    assert person is not None and person.live_application_id == first.application_id
    assert {i: a.in_use_by for i, a in files.items()} == {
        first.attachment_ids[0]: first.application_id,
        second.attachment_ids[0]: None,
    }
    assert stores.applications.get(second.application_id) is None
    assert backend.message_kinds("p1") == ["application_submitted"]


def test_only_the_owners_uploaded_unclaimed_files_can_be_claimed(backend: Backend) -> None:
    stranger = attachment(backend, "someone-else")

    assert refused(lambda: submit(backend, case("p2", files=[stranger]))) == {ATTACHMENT}
    person, _ = backend.ports.applications.snapshot("p2", [])
    assert person is None or person.live_application_id is None
    assert backend.message_kinds("p2") == []


def test_a_move_needs_a_pending_case_and_release_frees_the_person_and_files(backend: Backend) -> None:
    stores = backend.ports
    approved = submit(backend, case("p3", files=[attachment(backend, "p3")]))
    moved(backend, approved, "approved", release=False)
    person = stores.people.get("p3")
    assert person is not None and (person.live_application_id, person.live_status) == (
        approved.application_id,
        "approved",
    )
    assert APPLICATION in refused(lambda: moved(backend, approved, "rejected", release=True))

    withdrawn = submit(backend, case("p4", files=[attachment(backend, "p4")]))
    moved(backend, withdrawn, "withdrawn", release=True)
    stored = stores.applications.get(withdrawn.application_id)
    assert stored is not None and [h.status for h in stored.history] == ["pending", "withdrawn"]
    again = submit(backend, case("p4", files=withdrawn.attachment_ids))  # the lock and the files are free again
    assert stores.applications.get(again.application_id) is not None


def test_cases_and_queues_read_newest_first_by_region_status_and_month(backend: Backend) -> None:
    stores = backend.ports
    a = submit(backend, case("q1", "140105", NOW), NOW)  # 小店区, 太原市
    b = submit(backend, case("q2", "140106", NOW + timedelta(minutes=1)), NOW + timedelta(minutes=1))
    c = submit(backend, case("q3", "140213", NOW + timedelta(days=10)), NOW + timedelta(days=10))  # 大同, December
    moved(backend, b, "approved", release=False)

    def ids(page: tuple[Sequence[ApplicationRecord], RawKey | None]) -> list[str]:
        return [x.application_id for x in page[0]]

    def queue(region: str, county: str | None = None, status: str | None = None, month: str | None = None) -> list[str]:
        return ids(
            stores.applications.queue(region, county=county, status=status, month=month, limit=20, start_key=None)
        )

    assert queue("140000") == [c.application_id, b.application_id, a.application_id]
    assert queue("140000", status="pending") == [c.application_id, a.application_id]
    assert queue("140000", month="2026-11") == [b.application_id, a.application_id]
    assert queue("140100") == [b.application_id, a.application_id]
    assert queue("140100", status="approved") == [b.application_id]
    assert queue("140100", county="140105") == [a.application_id]
    assert queue("140106") == [b.application_id]
    assert queue("140106", status="pending") == []
    assert ids(stores.applications.cases_of("q2", status=None, month=None, limit=20, start_key=None)) == [
        b.application_id
    ]

    first_page = stores.applications.queue("140000", county=None, status=None, month=None, limit=2, start_key=None)
    assert ids(first_page) == [c.application_id, b.application_id] and first_page[1] is not None
    rest = stores.applications.queue("140000", county=None, status=None, month=None, limit=2, start_key=first_page[1])
    assert ids(rest) == [a.application_id] and rest[1] is None
