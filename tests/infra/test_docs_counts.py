"""Every count the README and docs/architecture.md state (tables, indexes, functions, log groups, alarms,
operations, error codes, places, demo positions) is the code's: derived here from the app, the catalogue, the
regions, the demo generator and the synthesized prod template, so a count in prose cannot drift from the code.

The Counts table of docs/architecture.md must hold exactly these figures; and wherever the README or the
architecture page writes one of them in a sentence ("240 demo positions", "12 tables"), it must be the same.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from app import app
from chalicelib import errors
from chalicelib.config import Tables
from chalicelib.domain.regions import shanxi
from infra.chalice_app import schedules, stream_sources
from scripts.demo_data import demo_positions
from tests.conftest import body
from tests.infra.conftest import Synth

ROOT = Path(__file__).resolve().parents[2]
ARCHITECTURE = ROOT / "docs" / "architecture.md"
PROSE = (ROOT / "README.md", ARCHITECTURE, ROOT / "docs" / "walkthrough.md")
MUTATING = ("post", "put", "patch", "delete")

# A figure as a sentence writes it: the number, then what it counts.
IN_PROSE = {
    "DynamoDB tables": r"(\d+) (?:DynamoDB )?tables\b",
    "global secondary indexes": r"(\d+) global secondary indexes",
    "local secondary indexes": r"(\d+) local secondary indexes",
    "`queue_*` indexes (the review queue)": r"(\d+) `queue_\*` indexes",
    "Lambda functions": r"(\d+) (?:Lambda )?functions\b",
    "log groups": r"(\d+) log groups",
    "alarms": r"(\d+) alarms",
    "API operations": r"(\d+) (?:API )?operations",
    "mutating operations": r"(\d+) mutating operations",
    "error codes": r"(\d+) error codes",
    "cities": r"(\d+) cities",
    "county-level localities": r"(\d+) county-level localities",
    "demo positions": r"(\d+) demo positions",
    "demo positions at 市本级": r"\((\d+) of them 市本级\)",
}


def _of_type(synth: Synth, kind: str) -> list[dict[str, Any]]:
    return list(synth.resources(kind).values())


def code_counts(synth: Synth, served: dict[str, Any]) -> dict[str, int]:
    tables = _of_type(synth, "AWS::DynamoDB::Table")
    global_indexes = [i for t in tables for i in t["Properties"].get("GlobalSecondaryIndexes", [])]
    local_indexes = [i for t in tables for i in t["Properties"].get("LocalSecondaryIndexes", [])]
    operations = [method for path in served["paths"].values() for method in path if method != "parameters"]
    kinds = [v for v in vars(errors).values() if isinstance(v, errors.ErrorKind)]
    cities = shanxi().cities
    demo = demo_positions(today=date(2026, 11, 1))  # what make dev loads
    own_level = {city.code for city in cities}
    assert len(tables) == len(Tables.__struct_fields__), "the template and the app's settings disagree on tables"
    return {
        "DynamoDB tables": len(tables),
        "global secondary indexes": len(global_indexes),
        "local secondary indexes": len(local_indexes),
        "`queue_*` indexes (the review queue)": sum(i["IndexName"].startswith("queue_") for i in global_indexes),
        "Lambda functions": len(_of_type(synth, "AWS::Lambda::Function")),
        "scheduled functions": len(schedules(app)),
        "stream handlers": len(stream_sources(app)),
        "log groups": len(_of_type(synth, "AWS::Logs::LogGroup")),
        "alarms": len(_of_type(synth, "AWS::CloudWatch::Alarm")),
        "dead-letter queues": len(_of_type(synth, "AWS::SQS::Queue")),
        "API operations": len(operations),
        "mutating operations": sum(method in MUTATING for method in operations),
        "error codes": len({kind.code for kind in kinds}),
        "cities": len(cities),
        "county-level localities": sum(len(city.localities) - 1 for city in cities),  # less each 市本级
        "demo positions": len(demo),
        "demo positions at 市本级": sum(p["county_code"] in own_level for p in demo),
    }


def documented_counts() -> dict[str, int]:
    section = ARCHITECTURE.read_text(encoding="utf-8").split("\n## Counts\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (.+?) \| (\d+) \|$", section, re.M)
    return {what: int(count) for what, count in rows}


def _served(client: Any) -> dict[str, Any]:
    document: dict[str, Any] = body(client.http.get("/v1/openapi.json"))
    return document


def test_the_counts_table_is_the_codes(prod: Synth, client: Any) -> None:
    assert documented_counts() == code_counts(prod, _served(client))


def test_every_count_written_in_a_sentence_is_the_codes(prod: Synth, client: Any) -> None:
    counts = code_counts(prod, _served(client))
    wrong = [
        f"{path.relative_to(ROOT)}: {match.group(0)!r}, the code has {counts[what]}"
        for path in PROSE
        for what, pattern in IN_PROSE.items()
        for match in re.finditer(pattern, _prose(path))
        if int(match.group(1)) != counts[what]
    ]
    assert wrong == []


def _prose(path: Path) -> str:
    """The text outside the Counts table (whose rows the other test reads), on one line per paragraph."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^\| .+ \| \d+ \|$", "", text, flags=re.M)
    return re.sub(r"\s*\n\s*", " ", text)


def test_the_configuration_paragraph_names_every_variable_the_app_reads() -> None:
    from chalicelib.config import OPTIONAL_VARIABLES, REQUIRED_VARIABLES

    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert [v for v in (*REQUIRED_VARIABLES, *OPTIONAL_VARIABLES) if f"`{v}`" not in text] == []
