"""One contract for each store, run against the in-memory fakes (tests/services/fakes.py) and the DynamoDB
stores on moto: the same writes are refused by the same conditions, named by the same labels, a refused
transaction writes nothing, and the reads answer the same items in the same order. A fake that drifted from
its store fails here, not in production.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from chalicelib.adapters import application_store, favourite_store
from chalicelib.adapters.dynamo import ConditionFailed, RawKey, connection
from chalicelib.adapters.message_store import Staged, new_message
from chalicelib.adapters.models import Application, Attachment, Favourite, Message, Position, history_entry
from chalicelib.domain import notices
from chalicelib.domain.areas import Area
from chalicelib.domain.clock import china_date, china_month, china_time
from chalicelib.domain.regions import shanxi
from chalicelib.domain.search_order import SORT_ORDERS
from chalicelib.services import positions
from chalicelib.services.stores import DYNAMODB, Stores
from tests.factories import credit_code
from tests.services.builders import uploaded_attachment
from tests.services.fakes import fakes

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
TODAY = china_date(NOW)
APPLICATION, PERSON, ATTACHMENT = application_store.APPLICATION, application_store.PERSON, application_store.ATTACHMENT


@dataclass
class Backend:
    stores: Stores
    put_attachment: Callable[[Attachment], None]
    message_kinds: Callable[[str], list[str]]
    catch_up: Callable[[], object]  # the keyword index reads the positions' stream (nothing to do on the fakes)


def _saved(attachment: Attachment) -> None:
    connection()
    attachment.save()


def _messages(subject: str) -> list[str]:
    connection()
    return [m.kind for m in Message.query(subject)]


@pytest.fixture(params=["fake", "dynamodb"])
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    if request.param == "fake":
        made = fakes()
        kinds = lambda subject: [m.kind for m in made.db.messages if m.subject == subject]  # noqa: E731
        yield Backend(made.stores, made.attachments.put, kinds, lambda: None)
        return
    request.getfixturevalue("aws")
    from tests.search_index import IndexStream

    yield Backend(DYNAMODB, _saved, _messages, IndexStream().drain)


# ----------------------------------------------------------------------------------------------- builders


def attachment(backend: Backend, owner: str) -> str:
    made = uploaded_attachment(owner)
    backend.put_attachment(made)
    return made.attachment_id


def case(subject: str, locality: str = "140105", at: datetime = NOW, files: list[str] | None = None) -> Application:
    found = shanxi().locality(locality)
    assert found is not None
    return Application(
        uuid.uuid4().hex,
        applicant=subject,
        name="王晓雨",
        id_number="140105200305171236",
        gender="male",
        birth_date="2003-05-17",
        phone="13912345678",
        education="bachelor",
        school="山西大学",
        major="软件工程",
        graduation_date="2026-06-30",
        person_category="graduate_within_2_years",
        locality=locality,
        city_code=found.city_code,
        province="140000",
        address="太原市小店区坞城路92号",
        attachment_ids=files or [],
        status="pending",
        submitted_at=china_time(at),
        month=china_month(at),
        history=[history_entry("pending", china_time(at), "applicant", None)],
    )


def notice(application: Application) -> Staged:
    return Staged(new_message(application.applicant, notices.submitted(application.application_id, "小店区"), NOW))


def submit(backend: Backend, application: Application, at: datetime = NOW) -> Application:
    backend.stores.applications.submit(application, application.attachment_ids, notice(application), at=at)
    return application


def refused(write: Callable[[], Any]) -> frozenset[str]:
    with pytest.raises(ConditionFailed) as failed:
        write()
    return failed.value.failed


def moved(backend: Backend, application: Application, status: str, *, release: bool) -> None:
    entry = history_entry(status, china_time(NOW), "reviewer", None)
    backend.stores.applications.move(application, status, entry, release=release)


# ----------------------------------------------------------------------------------------------- applications


def test_one_live_application_per_person_and_a_refused_submit_writes_nothing(backend: Backend) -> None:
    stores = backend.stores
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
    person, _ = backend.stores.applications.snapshot("p2", [])
    assert person is None or person.live_application_id is None
    assert backend.message_kinds("p2") == []


def test_a_move_needs_a_pending_case_and_release_frees_the_person_and_files(backend: Backend) -> None:
    stores = backend.stores
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
    stores = backend.stores
    a = submit(backend, case("q1", "140105", NOW), NOW)  # 小店区, 太原市
    b = submit(backend, case("q2", "140106", NOW + timedelta(minutes=1)), NOW + timedelta(minutes=1))
    c = submit(backend, case("q3", "140213", NOW + timedelta(days=10)), NOW + timedelta(days=10))  # 大同, December
    moved(backend, b, "approved", release=False)

    def ids(page: tuple[list[Application], RawKey | None]) -> list[str]:
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


# ----------------------------------------------------------------------------------------------- positions


def position(now: datetime = NOW, **changes: Any) -> Position:
    fields: dict[str, Any] = {
        "title": "软件开发见习生",
        "employer_name": "山西测试科技有限公司",
        "employer_credit_code": credit_code(),
        "industry": "I",
        "county_code": "140105",
        "address": "太原市小店区坞城路92号",
        "headcount": 3,
        "education": "bachelor",
        "majors": ["软件工程"],
        "description": "参与业务系统开发。",
        "stipend_yuan_per_month": 2300,
        "duration_months": 6,
        "deadline": (now + timedelta(days=60)).date().isoformat(),
        "contact_name": "王老师",
        "contact_phone": "13812345678",
        **changes,
    }
    found = shanxi().locality(fields["county_code"])
    assert found is not None
    stamp = china_time(now)
    return Position(
        uuid.uuid4().hex,
        **fields,
        city_code=found.city_code,
        status="open",
        published_at=stamp,
        updated_at=stamp,
        open_deadline=fields["deadline"],
    )


def published(backend: Backend, made: Position) -> Position:
    backend.stores.positions.create(made, positions.present(made, TODAY, with_description=False))
    return made


def closed(backend: Backend, position_id: str) -> None:
    old = backend.stores.positions.get(position_id)
    assert old is not None
    new = Position.from_raw_data(old.serialize())
    new.status, new.open_deadline = "closed", None
    backend.stores.positions.replace(old, new, None)


def found(
    backend: Backend, area: Area, *, limit: int = 20, sort: str = "newest", today: date = TODAY, **filters: str
) -> list[list[str]]:
    backend.catch_up()
    pages, start = [], None
    while True:
        page = backend.stores.listings.page(
            area,
            education=filters.get("education"),
            industry=filters.get("industry"),
            keyword=filters.get("keyword"),
            order=SORT_ORDERS[sort],
            today=today,
            limit=limit,
            start_key=start,
        )
        pages.append([p["position_id"] for p in page.items])
        if page.next_key is None:
            return pages
        start = page.next_key


def test_a_search_reads_the_area_under_its_filters_in_each_order_page_by_page(backend: Backend) -> None:
    a = published(backend, position(NOW, stipend_yuan_per_month=1800, title="会计助理", majors=["会计学"]))
    b = published(backend, position(NOW + timedelta(minutes=1), county_code="140106", education="master"))
    c = published(backend, position(NOW + timedelta(minutes=2), county_code="140213", industry="M"))
    d = published(backend, position(NOW + timedelta(minutes=3), deadline="2026-11-28", stipend_yuan_per_month=3000))
    i = {p.position_id: n for n, p in zip("abcd", (a, b, c, d), strict=True)}

    def named(pages: list[list[str]]) -> list[str]:
        return ["".join(i[x] for x in page) for page in pages]

    assert named(found(backend, Area.province(), limit=3)) == ["dcb", "a"]
    assert named(found(backend, Area.city("140100"))) == ["dba"]
    assert named(found(backend, Area.locality("140105"))) == ["da"]
    assert named(found(backend, Area.province(), education="master")) == ["b"]
    assert named(found(backend, Area.province(), industry="M")) == ["c"]
    assert named(found(backend, Area.province(), sort="stipend", limit=2)) == ["dc", "ba"]
    assert named(found(backend, Area.province(), sort="deadline")) == ["dcba"]
    assert named(found(backend, Area.province(), keyword="软件", limit=2)) == ["dc", "b"]
    assert named(found(backend, Area.province(), today=date(2026, 11, 29))) == ["cba"]  # d's deadline passed


def test_a_closed_position_leaves_every_search_at_once(backend: Backend) -> None:
    kept = published(backend, position(NOW))
    gone = published(backend, position(NOW + timedelta(minutes=1)))
    backend.catch_up()

    closed(backend, gone.position_id)  # the keyword index has not seen the close: the live entries have

    assert found(backend, Area.province()) == [[kept.position_id]]
    assert found(backend, Area.province(), keyword="软件") == [[kept.position_id]]
    stored = backend.stores.positions.get(gone.position_id)
    assert stored is not None and stored.status == "closed"


def test_an_edit_over_a_stale_read_is_refused(backend: Backend) -> None:
    made = published(backend, position(NOW))
    first = backend.stores.positions.get(made.position_id)
    stale = backend.stores.positions.get(made.position_id)
    assert first is not None and stale is not None
    edited = Position.from_raw_data(first.serialize())
    edited.title = "新的标题"
    backend.stores.positions.replace(first, edited, positions.present(edited, TODAY, with_description=False))

    late = Position.from_raw_data(stale.serialize())
    late.title = "另一个标题"
    with pytest.raises(ConditionFailed):
        backend.stores.positions.replace(stale, late, positions.present(late, TODAY, with_description=False))
    again = backend.stores.positions.get(made.position_id)
    assert again is not None and again.title == "新的标题"


# ----------------------------------------------------------------------------------------------- favourites


def trainee(backend: Backend, subject: str, locality: str = "140105") -> None:
    approved = submit(backend, case(subject, locality))
    moved(backend, approved, "approved", release=False)


def favourite(backend: Backend, subject: str, position_id: str, locality: str = "140105") -> None:
    backend.stores.favourites.add(Favourite(subject, position_id, added_at=china_time(NOW)), locality)


def test_at_most_three_favourites_each_counted_on_the_person(backend: Backend) -> None:
    trainee(backend, "f1")
    ids = [published(backend, position(NOW + timedelta(minutes=n))).position_id for n in range(4)]
    for position_id in ids[:3]:
        favourite(backend, "f1", position_id)

    assert refused(lambda: favourite(backend, "f1", ids[3])) == {favourite_store.PERSON}
    assert favourite_store.FAVOURITE in refused(lambda: favourite(backend, "f1", ids[0]))
    backend.stores.favourites.remove("f1", ids[0])
    favourite(backend, "f1", ids[3])

    assert sorted(f.position_id for f in backend.stores.favourites.mine("f1")) == sorted(ids[1:])
    person = backend.stores.people.get("f1")
    assert person is not None and person.favourite_count == 3
    assert refused(lambda: backend.stores.favourites.remove("f1", ids[0])) == {favourite_store.FAVOURITE}


def test_a_favourite_needs_an_open_position_and_the_trainees_own_locality(backend: Backend) -> None:
    trainee(backend, "f2", "140105")
    shut = published(backend, position(NOW)).position_id
    closed(backend, shut)
    open_one = published(backend, position(NOW)).position_id

    assert refused(lambda: favourite(backend, "f2", shut)) == {favourite_store.POSITION}
    assert refused(lambda: favourite(backend, "f2", open_one, locality="140106")) == {favourite_store.PERSON}
    assert refused(lambda: favourite(backend, "nobody", open_one)) == {favourite_store.PERSON}
    assert backend.stores.favourites.mine("f2") == []
    assert backend.stores.favourites.get("f2", open_one) is None
