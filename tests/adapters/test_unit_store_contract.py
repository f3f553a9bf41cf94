"""The units store's rules, on the fake and on DynamoDB alike (tests/adapters/conftest.py runs each twice)."""

from __future__ import annotations

from scripts.factories import credit_code, with_wrong_check_char
from tests.adapters.contract_backends import Backend


def test_a_unit_that_never_applied_has_no_item_and_a_malformed_code_reads_nothing(backend: Backend) -> None:
    units = backend.ports.units
    assert units.get(credit_code(501)) is None
    assert units.get(with_wrong_check_char(credit_code(501))) is None
    assert units.get("x" * 2048) is None
