"""`make bench`: cold import of `app`, and DynamoDB calls and items read per request, as tables grow.

Also, each from its own module: the cold start as Lambda runs it (scripts/bench/coldstart.py: the deployment
zip that `make package` built, and the first requests) and `make dev` over HTTP at 10,000 positions
(scripts/bench/stack.py).

Figures, not a pass/fail test: each section prints a table. In-process moto stands in for DynamoDB; it counts
calls and the items DynamoDB would read (ScannedCount for queries, items returned for gets), which is what
the bill and the latency follow. Timings under moto say nothing about DynamoDB's own latency.

    BENCH_SIZES=1000,10000,100000 (default)   BENCH_IMPORT_RUNS=7 (default)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.bench.measure import NOW, calls, environment, install_counter, loaded_app, tally, token  # noqa: E402

FLOOR_IMPORT = "import chalice.app, boto3, pynamodb.models, aws_lambda_powertools.logging"


# ----------------------------------------------------------------------------------------------- import


def _import_seconds(statement: str) -> tuple[float, int]:
    code = (
        "import time, resource; t = time.perf_counter(); "
        f"{statement}; "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=_clean_env()
    ).stdout.split()
    return float(out[0]), int(out[1])


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "AWS_ENDPOINT"))}


def _dependencies_of_app() -> str:
    """A statement importing every module `import app` loads that is not ours: the app's own dependency floor."""
    probe = (
        "import sys; before = set(sys.modules); import app; "
        "print(' '.join(sorted(m for m in set(sys.modules) - before "
        "if m != 'app' and not m.startswith(('chalicelib', '__')))))"
    )
    modules = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True, env=_clean_env()
    ).stdout.split()
    return f"import importlib; [importlib.import_module(m) for m in {modules!r}]"


def import_table(runs: int) -> list[str]:
    """`import app` against two floors: its own dependencies (what it loads that is not ours, so the ratio is our
    code's cost), and the fixed floor of the earlier tables (chalice, boto3, pynamodb's models, Powertools'
    logger), which every request that reads a table needs and which `import app` no longer loads itself."""
    own_floor = _dependencies_of_app()
    # Interleaved, so that a change in the machine's load during the runs weighs on both sides alike.
    rounds = [
        (_import_seconds(own_floor), _import_seconds(FLOOR_IMPORT), _import_seconds("import app")) for _ in range(runs)
    ]
    own_s, fixed_s, app_s = (statistics.median(sample[k][0] for sample in rounds) for k in range(3))
    peak = [max(sample[k][1] for sample in rounds) / 1024 for k in range(3)]
    return [
        f"| import | median of {runs} cold runs | peak RSS |",
        "|---|---|---|",
        f"| the app's dependency floor (every module `import app` loads but ours) | {own_s * 1000:.0f} ms "
        f"| {peak[0]:.0f} MiB |",
        f"| the earlier fixed floor (chalice, boto3, pynamodb models, powertools logging) | {fixed_s * 1000:.0f} ms "
        f"| {peak[1]:.0f} MiB |",
        f"| `import app` | {app_s * 1000:.0f} ms | {peak[2]:.0f} MiB |",
        f"| ratio app / its dependency floor | **{app_s / own_s:.2f}** (goal ≤ 1.2) | |",
        f"| ratio app / the earlier fixed floor | {app_s / fixed_s:.2f} | |",
    ]


# ----------------------------------------------------------------------------------------------- counting


# ----------------------------------------------------------------------------------------------- data


def _load_positions(count: int) -> None:
    from scripts.bench.stack import load_positions

    load_positions(count, NOW)


# ----------------------------------------------------------------------------------------------- requests

SEARCHES = (
    ("search, province, newest first", "/v1/positions"),
    ("search by city (太原市)", "/v1/positions?city=140100"),
    ("search by county (小店区)", "/v1/positions?county=140105"),
    ("search 市本级 alone (太原市)", "/v1/positions?county=140100"),
    ("search city + education + industry", "/v1/positions?city=140100&education=bachelor&industry=I"),
)


def _get(client: Any, path: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = client.http.get(path, headers=headers or {})
    assert response.status_code == 200, (path, response.status_code, response.body[:300])
    return json.loads(response.body)  # type: ignore[no-any-return]


def search_rows(sizes: list[int]) -> list[str]:
    rows = [
        "| positions | request | items returned | items read | DynamoDB calls |",
        "|---|---|---|---|---|",
    ]
    for size in sizes:
        with loaded_app(size, _load_positions) as client:
            for label, path in SEARCHES:
                with tally() as t:
                    page = _get(client, path)
                rows.append(f"| {size:,} | {label} | {len(page['items'])} | {t.items_read} | {calls(t)} |")
            with tally() as t:
                first = _get(client, "/v1/positions?city=140100&limit=50")
                second = _get(client, f"/v1/positions?city=140100&limit=50&cursor={first['next_cursor']}")
            rows.append(
                f"| {size:,} | two pages of 50 by city (cursor) | {len(first['items']) + len(second['items'])} "
                f"| {t.items_read} | {calls(t)} |"
            )
    return rows


def route_rows() -> list[str]:
    """DynamoDB calls and items read per route of the application, review and favourites flows."""
    import requests

    from scripts.factories import graduate_form, id_number

    rows = ["| route | items read | AWS calls |", "|---|---|---|"]

    def measure(label: str, call: Callable[[], Any]) -> Any:
        with tally() as t:
            result = call()
        rows.append(f"| {label} | {t.items_read} | {calls(t)} |")
        return result

    number = id_number(date(2003, 5, 17))
    applicant = token(sub="bench-1", name="王晓雨", id_number=number)
    reviewer = token(sub="bench-r", roles=["reviewer"], region="140100")
    with loaded_app(1000, _load_positions) as client:
        ids = []
        for kind in ("id_card", "graduation_certificate"):
            upload = json.dumps({"kind": kind, "filename": f"{kind}.pdf", "content_type": "application/pdf", "size": 9})
            made = measure(
                "POST /attachments", partial(client.http.post, "/v1/attachments", headers=applicant, body=upload)
            )
            answer = json.loads(made.body)
            requests.post(
                answer["upload"]["url"],
                data=answer["upload"]["fields"],
                files={"file": ("a.pdf", b"%PDF-1.4\n", "application/pdf")},
                timeout=10,
            )
            measure(
                "POST /attachments/{id}/confirm",
                partial(client.http.post, f"/v1/attachments/{answer['attachment_id']}/confirm", headers=applicant),
            )
            ids.append(answer["attachment_id"])
        form = graduate_form("王晓雨", number, ids, date(2026, 6, 30))
        submitted = measure(
            "POST /applications",
            lambda: client.http.post("/v1/applications", headers=applicant, body=json.dumps(form)),
        )
        case_id = json.loads(submitted.body)["application_id"]
        keyed = {**applicant, "Idempotency-Key": "bench-key"}
        measure(
            "GET /applications (my cases)",
            lambda: client.http.get("/v1/applications?month=2026-11", headers=applicant),
        )
        measure("GET /applications/{id}", lambda: client.http.get(f"/v1/applications/{case_id}", headers=applicant))
        measure(
            "POST /applications/{id}/withdraw",
            lambda: client.http.post(f"/v1/applications/{case_id}/withdraw", headers=applicant),
        )
        again = measure(
            "POST /applications with Idempotency-Key",
            lambda: client.http.post("/v1/applications", headers=keyed, body=json.dumps(form)),
        )
        measure(
            "  the same, repeated",
            lambda: client.http.post("/v1/applications", headers=keyed, body=json.dumps(form)),
        )
        case_id = json.loads(again.body)["application_id"]
        measure(
            "GET /admin/applications (city queue, pending)",
            lambda: client.http.get("/v1/admin/applications?status=pending", headers=reviewer),
        )
        measure(
            "GET /admin/applications/{id} (audited)",
            lambda: client.http.get(f"/v1/admin/applications/{case_id}", headers=reviewer),
        )
        measure(
            "POST /admin/applications/{id}/approve",
            lambda: client.http.post(f"/v1/admin/applications/{case_id}/approve", headers=reviewer, body="{}"),
        )
        measure("GET /verify/{id} (扫码验真, public)", lambda: client.http.get(f"/v1/verify/{case_id}"))
        measure("GET /me", lambda: client.http.get("/v1/me", headers=applicant))
        page = measure("GET /trainee/positions", lambda: client.http.get("/v1/trainee/positions", headers=applicant))
        local = [p["position_id"] for p in json.loads(page.body)["items"]]
        for position_id in local[:3]:
            measure(
                "PUT /favourites/{id} (added)",
                partial(client.http.put, f"/v1/favourites/{position_id}", headers=applicant),
            )
        measure(
            "PUT /favourites/{id} (4th: limit)",
            lambda: client.http.put(f"/v1/favourites/{local[3]}", headers=applicant),
        )
        measure("GET /favourites", lambda: client.http.get("/v1/favourites", headers=applicant))
        measure("DELETE /favourites/{id}", lambda: client.http.delete(f"/v1/favourites/{local[0]}", headers=applicant))
        measure("GET /positions/{id}", lambda: client.http.get(f"/v1/positions/{local[1]}"))
    return rows


PDF_PROBE = """
import json, resource, sys, time
from datetime import UTC, date, datetime
start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
view = json.loads(sys.argv[1])
from chalicelib.forms.application_pdf import render_application_form
times = []
for name in (view["name"], view["name"], view["name"], "刘䶮"):  # the last needs the extended font
    view["name"] = name
    t = time.perf_counter()
    pdf = render_application_form(view, verification_url="https://example.test/verify/x",
                                  generated_at=datetime.now(UTC), unmasked=False)
    times.append(time.perf_counter() - t)
print(json.dumps({"times": times, "size": len(pdf), "start_rss": start_rss,
                  "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def pdf_rows() -> list[str]:
    """Time and memory to render the printable form in a fresh process (as in a new Lambda container)."""
    from scripts.factories import PRINTED_FORM_VIEW as VIEW  # the form the PDF tests read back: one sample

    out = subprocess.run(
        [sys.executable, "-c", PDF_PROBE, json.dumps(VIEW, ensure_ascii=False)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=_clean_env(),
    ).stdout
    figures = json.loads(out)
    first, second, third, rare = figures["times"]
    return [
        "| printable form | figure |",
        "|---|---|",
        f"| first form in a fresh process (imports fpdf2, loads the GB 2312 font) | {first * 1000:.0f} ms |",
        f"| each later form | {statistics.median([second, third]) * 1000:.0f} ms |",
        f"| a name outside GB 2312 (刘䶮: loads the extended font) | {rare * 1000:.0f} ms |",
        f"| peak memory of the process | {figures['peak_rss'] / 1024:.0f} MiB "
        f"(from {figures['start_rss'] / 1024:.0f}) |",
        f"| PDF size | {figures['size'] / 1024:.0f} KiB |",
    ]


def main() -> int:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
    runs = int(os.environ.get("BENCH_IMPORT_RUNS", "7"))
    print("## Cold import\n")
    print("\n".join(import_table(runs)))
    print("\n## Printable form (打印报表)\n")
    print("\n".join(pdf_rows()))
    # Each in its own process: they start moto servers and set the environment the in-process figures avoid.
    print(flush=True)
    subprocess.run([sys.executable, "-m", "scripts.bench.coldstart"], cwd=ROOT, check=True)
    print("\n## The local stack: `make dev` over HTTP\n", flush=True)
    subprocess.run([sys.executable, "-m", "scripts.bench.stack"], cwd=ROOT, check=True)
    environment()
    install_counter()
    print("\n## Search: items read per page as the table grows (limit 20 unless said)\n")
    print("\n".join(search_rows(sizes)))
    from scripts.bench import search as bench_search  # keyword search and the index's write cost

    print("\n## Keyword search: the first page of 20 (scripts/bench/search.py)\n")
    print("\n".join([*bench_search.page_rows(sizes, NOW, tally, calls), "", *bench_search.write_rows()]))
    print("\n## The keyword index on `make dev`: ready, quiet, and after a burst of 216 positions\n", flush=True)
    print("\n".join(bench_search.stack_rows(ROOT / ".local" / "bench-burst-stack.log")))
    print("\n## Routes: DynamoDB and S3 calls per request (1,000 positions)\n")
    print("\n".join(route_rows()))
    from scripts.bench import units as bench_units  # issue 19: a unit's routes and the agency's

    print("\n## Unit routes: DynamoDB and S3 calls per request (1,000 positions)\n")
    print("\n".join(bench_units.unit_rows(_load_positions)))
    from scripts.bench import messages as bench_messages  # 消息中心 and SMS: what each decision now costs, and a text

    print("\n## Messages and SMS: items read and written per step\n\n" + "\n".join(bench_messages.message_rows()))
    print("\n" + "\n".join(bench_messages.cost_note()))
    from scripts.bench import placements as bench_placements  # issue 20: each step of a placement

    print("\n## Placements: items read and written per step\n\n" + "\n".join(bench_placements.placement_rows()))
    from scripts.bench import subsidies as bench_subsidies  # issue 21: the 花名册 export and the subsidy routes

    print(
        "\n## Subsidies: the 花名册 export of 10,000 placements\n\n"
        + "\n".join(bench_subsidies.roster_rows(10_000, tally))
    )
    print("\n## Subsidies: DynamoDB calls per route\n\n" + "\n".join(bench_subsidies.route_rows(tally)))

    from scripts.bench import statistics as bench_statistics  # issue 23: 统计分析 from counters

    print("\n## 统计分析: items read per request (counters for 128 entries × 12 months)\n")
    print("\n".join(bench_statistics.statistics_rows()))

    from scripts.web_bench import web_rows

    print("\n## Web client: size of the first screen and time to search results (headless Chromium)\n")
    print("\n".join(web_rows()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
