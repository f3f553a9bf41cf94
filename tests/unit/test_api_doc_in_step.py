"""docs/api.md, the contract in the project's own words, names the same operations the served document does."""

from __future__ import annotations

import re
from pathlib import Path

from app import app
from chalicelib.openapi import document

API_MD = Path(__file__).resolve().parents[2] / "docs" / "api.md"
ROW = re.compile(r"^\| `(GET|POST|PUT|PATCH|DELETE) (/v1/[^`]*)`", re.M)
METHODS = {"get", "post", "put", "patch", "delete"}


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)  # docs/api.md writes {id} where the document writes {message_id}


def _described() -> set[tuple[str, str]]:
    return {(method, _shape(path)) for method, path in ROW.findall(API_MD.read_text(encoding="utf-8"))}


def _served() -> set[tuple[str, str]]:
    return {
        (method.upper(), _shape(path))
        for path, operations in document(app)["paths"].items()
        for method in operations
        if method in METHODS
    }


def test_every_served_operation_has_its_row_in_docs_api_md() -> None:
    assert sorted(_served() - _described()) == []


def test_docs_api_md_names_no_operation_the_api_does_not_serve() -> None:
    assert sorted(_described() - _served()) == []
