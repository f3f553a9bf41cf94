"""`make bench`, the web client's part: the first screen's JS + CSS (gzip) and the time to search results in
headless Chromium against a local stack (scripts/devstack.py on free ports, as the e2e tests start it).

    .venv/bin/python scripts/web_bench.py
"""

from __future__ import annotations

import gzip
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.chromium import ARGS, CHROMIUM  # noqa: E402

DIST = ROOT / "web" / "dist"
SIZE_GOAL_KB, TIME_GOAL_MS = 200, 1000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_stack() -> tuple[subprocess.Popen[bytes], str]:
    ports = {name: _free_port() for name in ("MOTO_PORT", "API_PORT", "WEB_PORT", "ISSUER_PORT")}
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({k: str(v) for k, v in ports.items()}, API_AUTORELOAD="0")
    log = (ROOT / ".local" / "bench-web-stack.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "devstack.py")], cwd=ROOT, env=env,
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    web = f"http://127.0.0.1:{ports['WEB_PORT']}"
    ready = (f"http://127.0.0.1:{ports['API_PORT']}/v1/health", f"{web}/config.json")
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            for url in ready:
                urllib.request.urlopen(url, timeout=2).close()  # noqa: S310 - loopback
            return process, web
        except OSError:
            if process.poll() is not None:
                raise SystemExit("devstack exited; see .local/bench-web-stack.log") from None
            time.sleep(0.5)
    os.killpg(process.pid, signal.SIGKILL)
    raise SystemExit("the local stack did not come up within 180 s")


def web_rows(runs: int = 5) -> list[str]:
    from playwright.sync_api import sync_playwright

    if not (DIST / "index.html").exists():
        return ["web/dist is missing: `make dev` or `make test` builds it"]
    process, web = _start_stack()
    try:
        with sync_playwright() as p:
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
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    size = f"{raw / 1024:.1f} KB, gzip {packed / 1024:.1f} KB"
    spread = f"{statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f})"
    return [
        "| figure | value | goal |",
        "|---|---|---|",
        f"| first screen JS + CSS, {len(files)} files | {size} | ≤ {SIZE_GOAL_KB} KB gzip |",
        f"| time to search results (/search?city=140100, cold cache, median of {runs})"
        f" | {spread} | ≤ {TIME_GOAL_MS} ms |",
        f"| of which the search request itself (the local API on moto) | {statistics.median(answers):.0f} ms | |",
    ]


if __name__ == "__main__":
    print("\n".join(web_rows()))
