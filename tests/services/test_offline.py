"""The service tests need no AWS emulator: run on their own, they pass where moto and boto3 cannot be imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.services.conftest import OFFLINE

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(OFFLINE, reason="this is the offline run itself")
def test_the_service_tests_pass_in_a_process_that_cannot_import_moto_or_boto3() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/services", "--confcutdir", "tests/services", "-o", "addopts=", "-q"],
        cwd=ROOT,
        env={**os.environ, "SERVICE_TESTS_OFFLINE": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    summary = run.stdout.strip().splitlines()[-1]
    assert " passed" in summary and "failed" not in summary and "error" not in summary, summary


@pytest.mark.skipif(not OFFLINE, reason="only the offline run refuses the imports")
@pytest.mark.parametrize("module", ["moto", "boto3"])
def test_offline_the_emulator_cannot_be_imported(module: str) -> None:
    sys.modules.pop(module, None)
    with pytest.raises(ImportError):
        __import__(module)
