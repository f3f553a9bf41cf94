"""cfn-lint on the synthesized templates, in both China regions and one commercial region: the resource and
property specifications differ per region (a property missing in cn-northwest-1 fails here, not at deploy)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import Synth

# CDK adds an explicit DependsOn on a function's role beside the GetAtt that already orders them: harmless.
IGNORED = ("W3005",)


def _cfn_lint() -> str:
    beside = Path(sys.executable).parent / "cfn-lint"
    found = str(beside) if beside.exists() else shutil.which("cfn-lint")
    assert found, "cfn-lint is not installed (requirements-dev.txt)"
    return found


def test_cfn_lint_passes(prod_in_region: Synth) -> None:
    result = subprocess.run(
        [
            _cfn_lint(),
            "--regions",
            prod_in_region.region,
            "--ignore-checks",
            *IGNORED,
            "--",
            # The stack's template and its nested ones (the web client's): one cfn-lint start per region.
            str(prod_in_region.template_path),
            *map(str, sorted(prod_in_region.template_path.parent.glob("*.nested.template.json"))),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
