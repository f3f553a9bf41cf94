"""Tracing stays off the import path and outside Lambda; log lines never carry a full ID number or phone."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys

import pytest

from chalicelib import observability


def test_importing_the_app_does_not_load_the_xray_sdk() -> None:
    code = "import sys, app; print('aws_xray_sdk' in sys.modules, 'jwt' in sys.modules, 'fpdf' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "False"]


def test_no_tracer_outside_lambda(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_LAMBDA_FUNCTION_NAME", raising=False)
    observability.tracer.cache_clear()
    assert observability.tracer() is None
    with observability.traced("## GET /v1/health", route="/v1/health"):
        pass


def test_log_lines_mask_id_numbers_and_phones() -> None:
    """Whatever handler writes the line (Powertools' JSON one, or any other), it gets masked data."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(observability.MaskingFormatter())
    plain = logging.StreamHandler(io.StringIO())
    underlying = logging.getLogger(observability.SERVICE)
    underlying.addHandler(handler)
    underlying.addHandler(plain)
    # Whatever an earlier test left behind (a level, or a logging.config call that disabled existing loggers).
    level, disabled = underlying.level, underlying.disabled
    underlying.setLevel(logging.INFO)
    underlying.disabled = False
    try:
        observability.logger.info(
            "提交失败 %s 联系 %s", "140105200404120266", "13935112046", extra={"phone": "13935112046"}
        )
    finally:
        underlying.setLevel(level)
        underlying.disabled = disabled
        underlying.removeHandler(handler)
        underlying.removeHandler(plain)
    line = stream.getvalue().strip().splitlines()[-1]
    record = json.loads(line)
    assert "140105200404120266" not in line and "13935112046" not in line
    assert "140105********0266" in record["message"] and record["phone"] == "139****2046"
    assert "140105200404120266" not in plain.stream.getvalue()
