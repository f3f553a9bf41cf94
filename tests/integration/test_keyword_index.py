"""The keyword index on moto: exact recall against a brute-force reference, full pages, never stale, and a
stream handler that survives retries, poison records and throttling without losing or double-counting."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from chalicelib import wiring
from chalicelib.adapters.models import Posting, TermCount
from chalicelib.adapters.search_layout import posting_partition, term_of_partition
from chalicelib.answers.positions import PositionSummary
from chalicelib.domain.areas import Area
from chalicelib.domain.keywords import normalise
from chalicelib.domain.principal import Principal
from chalicelib.services import positions, search
from chalicelib.services.positions import SearchFilters
from scripts.factories import position_body
from tests.search_index import IndexStream

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
STAFF = Principal("staff", "管理员", None, frozenset({"position_manager"}), "140000")
COUNTIES = ("140105", "140100", "140213")  # 小店区 and 太原市本级 (太原市), 平城区 (大同市)
# Few characters, so that keywords hit, miss, and straddle field boundaries often; full-width, case and
# compatibility forms included so normalisation is exercised.
PROVINCE = Area.province()
ALPHABET = "软件工程师会计Aa１1 ㈱-"


def create(i: int, **fields: Any) -> str:
    body = position_body(deadline=date(2026, 12, 31), **fields)
    return str(positions.create(STAFF, body, NOW + timedelta(minutes=i), ports=wiring.ports()).position_id)


def all_pages(
    keyword: str | None, *, limit: int, now: datetime = NOW, area: Area = PROVINCE, **filters: Any
) -> list[list[PositionSummary]]:
    pages: list[list[PositionSummary]] = []
    start = None
    chosen = SearchFilters(keyword=keyword, **filters)
    while True:
        page = positions.search(
            positions.query_for(area, chosen, limit=limit, now=now).page_from(start), ports=wiring.ports()
        )
        pages.append(page.items)
        if page.next_key is None:
            return pages
        assert len(page.items) == limit, "a page with a cursor is full"
        start = page.next_key


def found_ids(keyword: str | None, **kwargs: Any) -> list[str]:
    return [item.position_id for page in all_pages(keyword, **kwargs) for item in page]


def reference(corpus: dict[str, dict[str, Any]], keyword: str, education: str | None = None) -> list[str]:
    """Brute force: newest first, every open position a field of which contains the keyword."""
    wanted = normalise(keyword)
    hits = [
        pid
        for pid, fields in corpus.items()
        if (education is None or fields["education"] == education)
        and any(wanted in normalise(f) for f in (fields["title"], fields["employer_name"], *fields["majors"]))
    ]
    return list(reversed(hits))  # created one minute apart, in order


@pytest.fixture
def fresh_tables() -> Iterator[Any]:
    """A new empty moto per hypothesis example (a function fixture would be shared between examples)."""
    from moto import mock_aws

    from scripts.local_aws import create_tables
    from tests.conftest import _forget_cached_clients

    def make() -> Any:
        mock = mock_aws(config={"core": {"reset_boto3_session": False}})
        mock.start()
        _forget_cached_clients()
        create_tables()
        return mock

    yield make


text = st.text(alphabet=ALPHABET, min_size=1, max_size=6).filter(lambda t: t.strip())
position_fields = st.fixed_dictionaries(
    {
        "title": text,
        "employer_name": text,
        "majors": st.lists(text, max_size=3),
        "education": st.sampled_from(["bachelor", "junior_college"]),
        "county_code": st.sampled_from(COUNTIES),
    }
)


# Each example loads a fresh moto: few examples and no shrinking (a shrink would take minutes). The pure
# property over many more corpora is in tests/unit/test_keywords.py.
@settings(
    max_examples=10,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    corpus=st.lists(position_fields, min_size=1, max_size=7),
    keyword=st.text(alphabet=ALPHABET, min_size=1, max_size=4).filter(lambda t: t.strip()),
    education=st.none() | st.sampled_from(["bachelor", "junior_college"]),
    limit=st.integers(1, 4),
    data=st.data(),
)
def test_recall_is_exact_and_pages_are_full(
    environment: None,
    fresh_tables: Any,
    *,
    corpus: list[dict[str, Any]],
    keyword: str,
    education: str | None,
    limit: int,
    data: st.DataObject,
) -> None:
    mock = fresh_tables()
    try:
        made = {create(i, **fields): fields for i, fields in enumerate(corpus)}
        # Half the time search for a piece of a field, so there is something to find.
        field = data.draw(st.sampled_from([f for fields in corpus for f in (fields["title"], *fields["majors"])]))
        if data.draw(st.booleans()):
            start = data.draw(st.integers(0, len(field) - 1))
            keyword = field[start : start + data.draw(st.integers(1, 3))].strip() or keyword
        IndexStream().drain()

        pages = all_pages(keyword, limit=limit, education=education)

        assert [i.position_id for p in pages for i in p] == reference(made, keyword, education)
        assert all(pages[-1]) or len(pages) == 1, "only a first page may be empty, and then it has no cursor"
    finally:
        mock.stop()


@pytest.mark.usefixtures("aws")
def test_a_single_character_finds_every_field_it_occurs_in_and_no_other() -> None:
    title = create(0, title="会计见习岗", majors=[])
    employer = create(1, title="出纳", employer_name="山西会计师事务所", majors=[])
    major = create(2, title="文员", majors=["财务会计"])
    create(3, title="软件测试", employer_name="山西某科技公司", majors=["软件工程"])
    IndexStream().drain()

    assert found_ids("会", limit=2) == [major, employer, title]
    assert found_ids("计见", limit=2) == [title]
    assert found_ids("岗山", limit=2) == [], "a keyword never spans two fields"


@pytest.mark.usefixtures("aws")
def test_latin_letters_match_whatever_their_case_and_width() -> None:
    java = create(0, title="Java开发见习岗")
    IndexStream().drain()

    assert found_ids("JAVA", limit=5) == [java]
    assert found_ids("ｊａｖａ开发", limit=5) == [java]


@pytest.mark.usefixtures("aws")
def test_closed_edited_and_expired_positions_leave_search_before_the_stream_catches_up() -> None:
    closed, edited, kept = create(0, title="焊工见习"), create(1, title="焊工学徒"), create(2, title="焊工助理")
    stream = IndexStream()
    stream.drain()
    assert found_ids("焊工", limit=5) == [kept, edited, closed]

    positions.close(STAFF, closed, NOW, ports=wiring.ports())
    positions.update(STAFF, edited, {"title": "电工学徒"}, NOW, ports=wiring.ports())
    # The stream has not run: the postings are stale, the live listing is not.
    assert found_ids("焊工", limit=5) == [kept]
    assert found_ids("焊工", limit=5, now=datetime(2027, 1, 1, tzinfo=UTC)) == [], "past the deadline"

    stream.drain()
    assert found_ids("电工", limit=5) == [edited]


def index_snapshot() -> tuple[Counter[str], dict[str, int]]:
    province = posting_partition("P", "")
    terms = (term_of_partition(p.scope) for p in Posting.scan() if p.scope.startswith(province))
    postings = Counter(term for term in terms if len(term) > 1)  # a single character has nothing to choose from
    counts = {term_of_partition(c.scope[1:]): int(c.postings) for c in TermCount.scan() if c.scope.startswith("#P#")}
    return postings, counts


def assert_counts_equal_postings() -> None:
    postings, counts = index_snapshot()
    assert {k: v for k, v in counts.items() if v} == dict(postings)


@pytest.mark.usefixtures("aws")
def test_replaying_records_changes_nothing_and_counts_equal_postings() -> None:
    a = create(0, title="软件测试")
    b = create(1, title="软件开发")
    positions.update(STAFF, a, {"title": "硬件测试", "education": "junior_college"}, NOW, ports=wiring.ports())
    positions.close(STAFF, b, NOW, ports=wiring.ports())
    records = IndexStream().records()

    search.index_position_records(records, ports=wiring.ports())
    once = index_snapshot()
    search.index_position_records(records, ports=wiring.ports())  # the whole batch again, as a retry would
    search.index_position_records(records[1:], ports=wiring.ports())  # and a later part of it

    assert index_snapshot() == once
    assert_counts_equal_postings()
    assert found_ids("硬件", limit=5) == [a]
    assert found_ids("开发", limit=5) == [], "closed"


@pytest.mark.usefixtures("aws")
def test_a_poison_record_is_isolated_and_the_rest_are_indexed() -> None:
    first, second = create(0, title="会计助理"), create(1, title="会计文员")
    good = IndexStream().records()
    poison = {**good[0], "eventID": "poison", "dynamodb": {**good[0]["dynamodb"], "NewImage": {"title": {"N": "x"}}}}
    batch = [good[0], poison, good[1]]

    with pytest.raises(Exception):  # noqa: B017 - whatever the image's fault, the batch fails
        search.index_position_records(batch, ports=wiring.ports())
    # What the stream plumbing does next: each record alone; the poison one goes to the dead-letter queue.
    failed = []
    for record in batch:
        try:
            search.index_position_records([record], ports=wiring.ports())
        except Exception:
            failed.append(record["eventID"])

    assert failed == ["poison"]
    assert found_ids("会计", limit=5) == [second, first]
    assert_counts_equal_postings()


def _throttling() -> Exception:
    from botocore.exceptions import ClientError
    from pynamodb.exceptions import PutError

    error = ClientError({"Error": {"Code": "ThrottlingException", "Message": "slow down"}}, "BatchWriteItem")
    return PutError("throttled", cause=error)


@pytest.mark.usefixtures("aws")
def test_a_throttled_write_fails_the_batch_and_its_retry_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from pynamodb.connection.base import Connection
    from pynamodb.exceptions import PutError

    ids = [create(i, title=f"数据分析{i}") for i in range(3)]
    positions.close(STAFF, ids[0], NOW, ports=wiring.ports())
    records = IndexStream().records()
    original = Connection.batch_write_item
    calls = {"n": 0}

    def throttled_after_a_while(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > 2:  # part of the batch is written, then the table throttles past the SDK's retries
            raise _throttling()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Connection, "batch_write_item", throttled_after_a_while)
    with pytest.raises(PutError):
        search.index_position_records(records, ports=wiring.ports())
    assert found_ids("数据分析", limit=2) != list(reversed(ids[1:])), "the first attempt stopped half-way"
    monkeypatch.setattr(Connection, "batch_write_item", original)
    search.index_position_records(records, ports=wiring.ports())  # Lambda's retry: the whole batch from its start

    assert found_ids("数据分析", limit=2) == list(reversed(ids[1:]))
    assert_counts_equal_postings()


@pytest.mark.usefixtures("aws")
def test_one_character_and_filtered_keywords_find_exactly_their_county_and_filters() -> None:
    xiaodian = create(0, title="会计", county_code="140105", industry="I")
    own_level = create(1, title="会计", county_code="140100", industry="J")
    create(2, title="会计", county_code="140213", industry="I")  # 大同市
    IndexStream().drain()

    assert found_ids("会", limit=1, area=Area.locality("140105")) == [xiaodian]
    assert found_ids("会", limit=1, area=Area.locality("140100")) == [own_level]
    assert found_ids("会", limit=1, area=Area.city("140100")) == [own_level, xiaodian]
    assert found_ids("会计", limit=1, area=Area.city("140100"), industry="I") == [xiaodian]


@pytest.mark.usefixtures("aws")
def test_a_batch_with_many_records_of_one_position_indexes_its_last_state() -> None:
    first = create(0, title="焊工见习")
    positions.update(STAFF, first, {"title": "电工见习"}, NOW, ports=wiring.ports())
    positions.update(STAFF, first, {"title": "钳工见习"}, NOW, ports=wiring.ports())
    other = create(1, title="钳工学徒")
    records = IndexStream().records()

    search.index_position_records(records, ports=wiring.ports())

    assert found_ids("钳工", limit=5) == [other, first]
    assert found_ids("焊工", limit=5) == [] and found_ids("电工", limit=5) == []
    assert_counts_equal_postings()


@pytest.mark.usefixtures("aws")
def test_a_cursor_issued_on_the_old_layout_resumes_on_the_new_one() -> None:
    from chalicelib.adapters import keyword_store
    from chalicelib.domain.search_order import SORT_ORDERS

    ids = [create(i, title="仓库管理员") for i in range(3)]
    IndexStream().drain()
    newest = SORT_ORDERS["newest"]
    first = keyword_store.read_postings("P", "仓库", "仓库", order=newest, today=NOW.date(), start_key=None, limit=1)
    old_key = {**keyword_store.resume_key(first.items[0], first.key_names), "scope": {"S": "P#仓库"}}

    rest = keyword_store.read_postings("P", "仓库", "仓库", order=newest, today=NOW.date(), start_key=old_key, limit=5)

    assert [keyword_store.rank_of(i).split("#")[1] for i in first.items + rest.items] == list(reversed(ids))
