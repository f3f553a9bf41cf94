"""The walk-through (docs/walkthrough.md, linked from the README) runs as written: its shell blocks, in order, in
one bash, against the local stack.

What a reader would check by eye is asserted here: the regions, the masked form, the withdrawal, the new case
under a fresh Idempotency-Key, the approval, the trainee's locality, the fourth favourite refused, the message.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from tests.e2e.conftest import LocalStack

ROOT = Path(__file__).resolve().parents[2]


def walkthrough_script() -> str:
    walkthrough = (ROOT / "docs" / "walkthrough.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", walkthrough, re.S)
    assert len(blocks) >= 5, "the walk-through lost its shell blocks"
    return "set -euo pipefail\n" + "\n".join(blocks)


def test_the_readme_walkthrough_runs_as_written(local_stack: LocalStack) -> None:
    assert shutil.which("jq") and shutil.which("curl"), "the walk-through needs curl and jq (apt install jq curl)"
    bash = shutil.which("bash")
    assert bash, "the walk-through is bash"
    env = {**os.environ, "B": local_stack.api, "ISSUER_PORT": str(urlsplit(local_stack.issuer).port)}
    run = subprocess.run(
        [bash, "-c", walkthrough_script()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # some 40 requests and 6 token mints; generous for a loaded machine
        check=False,
    )
    out = run.stdout
    assert run.returncode == 0, f"{run.stderr[-2000:]}\n{out[-2000:]}"
    assert '["太原市",{"code":"140100","name":"市本级"}]' in out
    assert '["140105********0266","139****2046","未审核"]' in out, "the applicant's own form is masked"
    assert "%PDF-" in out and "已撤回" in out
    applied_again = re.search(r"^applied again: ([0-9a-f]{32})$", out, re.M)
    assert applied_again, "a fresh Idempotency-Key makes a new case, not a replay of the withdrawn one"
    assert "审核通过" in out and '["approved","太原市小店区"]' in out
    assert "201 201 201 409" in out, "three favourites, and the fourth refused"
    assert "您的就业见习人员申请已审核通过。审核意见：材料齐全" in out
    assert "null" not in out.split("applied again")[0], "a step answered without the value the next one needs"
