"""`make bench`, 统计分析 (issue 23): what the statistics of a region cost to read, and what counting costs each event.

Counters for every county-level entry, its city and the province, for every month of 2026, are written through the
counters' own code path (`statistics_counters.counter_updates`, the items an event's transaction adds); then the
statistics route is measured for the province (12 regions answered: itself and its 11 cities) and for a city.
Run alone: `.venv/bin/python -m scripts.bench.statistics`.
"""

from __future__ import annotations

from typing import Any

from scripts.bench.measure import calls, environment, install_counter, loaded_app, tally, token

MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]


def _load(_: int) -> None:
    from chalicelib.adapters.dynamo import Transaction, transact
    from chalicelib.adapters.statistics_counters import count_in
    from chalicelib.domain.regions import shanxi

    localities = [loc.code for city in shanxi().cities for loc in city.localities]
    for month in MONTHS:
        for code in localities:

            def build(tx: Transaction, code: str = code, month: str = month) -> None:
                count_in(
                    tx, code, month, {"applications.submitted": 3, "applications.approved": 2, "ratings.level_5": 1}
                )

            transact(build)


def statistics_rows() -> list[str]:
    rows = [
        "| request | regions answered | items read | calls |",
        "|---|---|---|---|",
    ]
    with loaded_app(128 * 12, _load, "events (one per county-level entry and month)") as client:

        def measure(label: str, region: str) -> Any:
            staff = token(sub="bench-stats", name="统计", roles=["reviewer"], region=region)
            with tally() as t:
                answer = client.http.get(f"/v1/admin/statistics?region={region}&from=2026-01&to=2026-12", headers=staff)
            assert answer.status_code == 200, answer.body
            import json

            body = json.loads(answer.body)
            rows.append(f"| {label} | {1 + len(body['children'])} | {t.items_read} | {calls(t)} |")
            return body

        province = measure("the province, 12 months", "140000")
        assert province["totals"]["applications.submitted"] == 3 * 128 * 12
        measure("太原市, 12 months", "140100")
        measure("小店区, 12 months", "140105")
    return rows


def main() -> int:
    environment()
    install_counter()
    print("\n".join(statistics_rows()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
