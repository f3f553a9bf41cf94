"""`make bench`, the web client's part: the first screen's JS + CSS (gzip) and the time to search results in
headless Chromium against a local stack (scripts/devstack.py on free ports, as the e2e tests start it, ready
once it printed its READY line: the demo data indexed and the stream handlers running); and Lighthouse's mobile
run (npm's `lighthouse`, installed by `make bench` into .local/lighthouse, driving Debian's Chromium) on 门户首页
and the search page: performance score, cumulative layout shift, console errors.

    .venv/bin/python scripts/web_bench.py
"""

from __future__ import annotations

import gzip
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.chromium import ARGS, CHROMIUM  # noqa: E402
from scripts.loopback import devstack_on_free_ports  # noqa: E402

DIST = ROOT / "web" / "dist"
SIZE_GOAL_KB, TIME_GOAL_MS = 200, 1000
LIGHTHOUSE = ROOT / ".local" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
LIGHTHOUSE_PAGES = (("门户首页", "/"), ("见习岗位查询", "/search?city=140100"))
PERFORMANCE_GOAL, CLS_GOAL = 90, 0.1


def web_rows(runs: int = 5) -> list[str]:
    from playwright.sync_api import sync_playwright

    if not (DIST / "index.html").exists():
        return ["web/dist is missing: `make dev` or `make test` builds it"]
    with devstack_on_free_ports(ROOT / ".local" / "bench-web-stack.log") as ports, sync_playwright() as p:
        web = ports.web_url
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        loaded: list[str] = []
        page.on("response", lambda r: loaded.append(r.url) if r.url.startswith(web + "/assets/") else None)
        page.goto(web + "/")
        page.get_by_role("heading", name="门户首页").wait_for()
        files = sorted({url.removeprefix(web + "/") for url in loaded if url.endswith((".js", ".css"))})
        raw = sum((DIST / f).stat().st_size for f in files)
        packed = sum(len(gzip.compress((DIST / f).read_bytes(), 9)) for f in files)
        times, answers = [], []
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 390, "height": 844})  # cold cache each run
            tab = context.new_page()
            started = time.perf_counter()
            tab.goto(web + "/search?city=140100")
            tab.get_by_role("link", name="查看职位").first.wait_for()
            times.append((time.perf_counter() - started) * 1000)
            answers.append(
                tab.evaluate(
                    "performance.getEntriesByType('resource').filter(e => e.name.includes('/v1/positions?'))"
                    ".map(e => e.responseEnd - e.startTime)[0] ?? 0"
                )
            )
            context.close()
        browser.close()
        audits = lighthouse_rows(web)
    size = f"{raw / 1024:.1f} KB, gzip {packed / 1024:.1f} KB"
    spread = f"{statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f})"
    return [
        "| figure | value | goal |",
        "|---|---|---|",
        f"| first screen JS + CSS, {len(files)} files | {size} | ≤ {SIZE_GOAL_KB} KB gzip |",
        f"| time to search results (/search?city=140100, cold cache, median of {runs})"
        f" | {spread} | ≤ {TIME_GOAL_MS} ms |",
        f"| of which the search request itself (the local API on moto) | {statistics.median(answers):.0f} ms | |",
        *audits,
    ]


def lighthouse(url: str) -> dict[str, Any]:
    """One Lighthouse run (its default: a mobile phone, throttled) of performance and best practices."""
    flags = " ".join(a for a in ARGS if not a.startswith("--lang"))
    out = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         "--only-categories=performance,best-practices", f"--chrome-path={CHROMIUM}", f"--chrome-flags={flags}"],
        capture_output=True, text=True, check=True, timeout=300,
    ).stdout  # fmt: skip
    report: dict[str, Any] = json.loads(out)
    return report


def lighthouse_rows(web: str) -> list[str]:
    if not LIGHTHOUSE.exists():
        return ["| Lighthouse | not installed: `make bench` installs it into .local/lighthouse | |"]
    rows = []
    for name, path in LIGHTHOUSE_PAGES:
        report = lighthouse(web + path)
        score = round(report["categories"]["performance"]["score"] * 100)
        shift = report["audits"]["cumulative-layout-shift"]["numericValue"]
        errors = report["audits"]["errors-in-console"].get("details", {}).get("items", [])
        said = "; ".join(str(e.get("description", ""))[:80] for e in errors) or "none"
        rows += [
            f"| Lighthouse mobile, {name} (`{path}`): performance | {score} | ≥ {PERFORMANCE_GOAL} |",
            f"| … cumulative layout shift | {shift:.3f} | ≤ {CLS_GOAL} |",
            f"| … console errors | {len(errors)} ({said}) | 0 |",
        ]
    return rows


def lighthouse_only() -> None:
    """The Lighthouse rows alone, on a fresh local stack (`python scripts/web_bench.py lighthouse`)."""
    with devstack_on_free_ports(ROOT / ".local" / "bench-web-stack.log") as ports:
        print("\n".join(lighthouse_rows(ports.web_url)))


if __name__ == "__main__":
    if sys.argv[1:] == ["lighthouse"]:
        lighthouse_only()
    else:
        print("\n".join(web_rows()))
