"""The figures behind the API function's memory size (docs/deploy.md, "Memory"): CPU time and peak RSS of a cold
`import app`, of the imports and clients a first signed-in request adds, and of rendering the printable form.

    .venv/bin/python infra/measure_memory.py      # from the project root; uses /usr/bin/time -v

Each figure is a fresh interpreter, like a cold Lambda container. Lambda gives CPU in proportion to memory
(1,769 MB = one vCPU), so the CPU seconds here, divided by the share a size buys, estimate the cold start.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
RUNS = 5
FULL_VCPU_MB = 1769

FIRST_REQUEST = """
import app, boto3, jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from aws_xray_sdk.core import patch
patch(["botocore"])  # what Powertools' Tracer does on the first request in Lambda
boto3.client("dynamodb", region_name="cn-north-1"); boto3.client("s3", region_name="cn-north-1")
"""
PDF = """
import app
from datetime import datetime, timezone
from chalicelib.forms.application_pdf import render_application_form
view = {"application_id": "a1", "name": "张三", "id_number": "140105********123X", "phone": "138****5678",
        "status": "pending", "status_label": "未审核", "history": [], "attachments": []}
render_application_form(view, verification_url="https://example.invalid/a1",
                        generated_at=datetime.now(timezone.utc), unmasked=False)
"""
CASES = {"import app": "import app", "first signed-in request": FIRST_REQUEST, "render form.pdf": PDF}


def measure(code: str) -> tuple[float, float]:
    """(user+system CPU seconds, peak RSS MiB) of one fresh interpreter running `code`."""
    result = subprocess.run(  # noqa: S603 - fixed argv, our own code
        ["/usr/bin/time", "-v", sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )

    def field(name: str) -> float:
        match = re.search(rf"{re.escape(name)}: ([0-9.]+)", result.stderr)
        assert match, name
        return float(match.group(1))

    cpu = field("User time (seconds)") + field("System time (seconds)")
    return cpu, field("Maximum resident set size (kbytes)") / 1024


def main() -> None:
    print(f"| case | CPU s (median of {RUNS}) | peak RSS MiB | est. at 512 MB | est. at 1024 MB |")
    print("|---|---|---|---|---|")
    for name, code in CASES.items():
        runs = [measure(code) for _ in range(RUNS)]
        cpu = statistics.median(c for c, _ in runs)
        rss = max(r for _, r in runs)
        at = {mb: cpu * FULL_VCPU_MB / mb for mb in (512, 1024)}
        print(f"| {name} | {cpu:.2f} | {rss:.0f} | {at[512]:.2f} s | {at[1024]:.2f} s |")


if __name__ == "__main__":
    main()
