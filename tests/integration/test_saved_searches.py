"""岗位订阅: five at most under concurrency, and a morning digest that lists what the saved search would show."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from chalicelib.adapters.models import Message, OutboxEntry
from chalicelib.answers.saved_searches import SavedSearch
from chalicelib.domain.areas import Area
from chalicelib.errors import Conflict
from chalicelib.services import saved_searches
from chalicelib.services.positions import SearchFilters
from tests.integration.conftest import NOW, approved_trainee, new_position, person, race

PROVINCE = Area.province()


def test_six_saved_at_once_leave_five(world: None) -> None:
    who = person("u-saver", 1)
    outcomes = race(
        *[partial(saved_searches.create, who, PROVINCE, SearchFilters(keyword=f"词{i}"), False, NOW) for i in range(8)]
    )
    assert sum(isinstance(o, SavedSearch) for o in outcomes) == 5
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 3 and all(
        isinstance(o, Conflict) and o.code == "SAVED_SEARCH_LIMIT_REACHED" for o in refused
    )
    assert len(saved_searches.mine(who)) == 5
    saved_searches.remove(who, saved_searches.mine(who)[0].search_id)
    saved_searches.create(who, PROVINCE, SearchFilters(), False, NOW)  # room again after a delete


def digests(subject: str) -> list[Message]:
    return [m for m in Message.query(subject) if m.kind == "saved_search_digest"]


def test_the_morning_digest_lists_new_matches_once_and_texts_only_those_who_asked(world: None) -> None:
    texted, quiet = person("u-texted", 2, name="王晓雨"), person("u-quiet", 3)
    approved_trainee(texted)
    saved_searches.create(texted, Area.locality("140105"), SearchFilters(keyword="软件"), True, NOW)
    saved_searches.create(texted, PROVINCE, SearchFilters(education="bachelor"), False, NOW)
    saved_searches.create(quiet, Area.locality("140106"), SearchFilters(), False, NOW)
    later = NOW + timedelta(hours=1)
    matching = new_position("140105", "软件开发见习生", now=later)
    new_position("140107", "财务助理", now=later, education="master")  # matches nobody

    morning = NOW + timedelta(days=1)
    assert saved_searches.daily_digest(morning) == 1
    [digest] = digests(texted.subject)
    assert "软件开发见习生" in digest.text and "1个新岗位" in digest.text and digest.link == "/v1/saved-searches"
    assert digests(quiet.subject) == []
    [text] = [e for e in OutboxEntry.scan() if e.kind == "saved_search_digest"]
    assert text.phone == "13912345678" and "王*雨" in (text.text or "")

    assert saved_searches.daily_digest(morning + timedelta(minutes=5)) == 0  # a rerun: nothing new
    assert len(digests(texted.subject)) == 1
    newer = new_position("140105", "软件测试见习生", now=morning + timedelta(hours=1))
    assert saved_searches.daily_digest(morning + timedelta(days=1)) == 1
    newest = max(digests(texted.subject), key=lambda m: m.message_id)
    assert "软件测试见习生" in newest.text and "软件开发见习生" not in newest.text
    assert matching != newer
