"""The store contracts run twice: on the in-memory fakes and on the DynamoDB stores over moto."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chalicelib import wiring
from tests.adapters.contract_backends import Backend, messages, put_object, saved
from tests.services.fakes import fakes


@pytest.fixture(params=["fake", "dynamodb"])
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    if request.param == "fake":
        made = fakes()
        kinds = lambda subject: [m.kind for m in made.db.messages.values() if m.subject == subject]  # noqa: E731
        yield Backend(made.ports, made.attachments.put, kinds, lambda: None, made.files.upload)
        return
    request.getfixturevalue("aws")
    from tests.search_index import IndexStream

    yield Backend(wiring.ports(), saved, messages, IndexStream().drain, put_object)
