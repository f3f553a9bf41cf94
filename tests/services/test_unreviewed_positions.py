"""A unit's position before the agency approves it (pending_review) or after it refused it (rejected): nobody but
the unit and the agency reads its text, so the public detail and a favourite answer as if it did not exist."""

from __future__ import annotations

import pytest

from chalicelib.domain.positions import POSITION_STATUS_LABELS, effective_status, is_public
from chalicelib.errors import AppError
from chalicelib.services import favourites, positions
from tests.services.builders import NOW, applicant, approved, published
from tests.services.fakes import Fakes


def test_every_status_has_its_chinese_label_and_only_reviewed_ones_are_public() -> None:
    assert POSITION_STATUS_LABELS == {
        "pending_review": "待审核",
        "open": "招聘中",
        "rejected": "审核不通过",
        "closed": "已停止",
    }
    assert [s for s in POSITION_STATUS_LABELS if is_public(s)] == ["open", "closed"]


def test_a_past_deadline_closes_only_an_open_position() -> None:
    assert effective_status("open", "2026-01-01", NOW.date()) == "closed"
    assert effective_status("pending_review", "2026-01-01", NOW.date()) == "pending_review"


@pytest.mark.parametrize("status", ["pending_review", "rejected"])
def test_an_unreviewed_position_is_not_found_by_the_public_nor_favourited(fake: Fakes, status: str) -> None:
    position_id = published(fake)
    trainee = applicant(31)
    approved(fake, trainee)
    fake.db.positions[position_id].status = status

    for attempt in (
        lambda: positions.detail(position_id, NOW, ports=fake.ports),
        lambda: favourites.add(trainee, position_id, NOW, ports=fake.ports),
    ):
        with pytest.raises(AppError) as refused:
            attempt()
        assert refused.value.code == "POSITION_NOT_FOUND"


def test_a_staff_position_is_open_and_public_at_once(fake: Fakes) -> None:
    position_id = published(fake)
    assert positions.detail(position_id, NOW, ports=fake.ports).status == "open"
