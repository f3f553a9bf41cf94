"""Logs, metrics and traces through Powertools: module singletons, cheap to import, safe for personal data.

Every log line passes through `mask_text`, so an ID number or a phone number that slips into a message or an
exception is masked before it is written.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter

from chalicelib.domain.masks import mask_text

if TYPE_CHECKING:
    from aws_lambda_powertools import Tracer

SERVICE = "shanxi-internship"


_STANDARD_RECORD_FIELDS = frozenset(logging.makeLogRecord({}).__dict__)


class MaskPersonalData(logging.Filter):
    """Masks ID numbers and phones in a record's message and extra fields before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_text(record.getMessage())
        record.args = None
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD_RECORD_FIELDS and isinstance(value, str):
                setattr(record, key, mask_text(value))
        return True


class MaskingFormatter(LambdaPowertoolsFormatter):
    """And once more on the way out: appended keys and exception text are masked too."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


logger = Logger(service=SERVICE, logger_formatter=MaskingFormatter())
logging.getLogger(SERVICE).addFilter(MaskPersonalData())
# The namespace is the stage's (set by infra/); the default keeps a metric from failing where it is not set.
metrics = Metrics(service=SERVICE, namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or "ShanxiInternship")


def count(name: str) -> None:
    """One business event (a submission, a decision, a favourite) in the EMF namespace of the stage."""
    from aws_lambda_powertools.metrics import MetricUnit

    metrics.add_metric(name=name, unit=MetricUnit.Count, value=1)


def _tracing_enabled() -> bool:
    in_lambda = bool(os.environ.get("AWS_LAMBDA_FUNCTION_NAME"))
    return in_lambda and os.environ.get("POWERTOOLS_TRACE_DISABLED", "false").lower() != "true"


@cache
def tracer() -> Tracer | None:
    """X-Ray through Powertools, built on the first request of a container, never at import.

    Its import (aws_xray_sdk) costs about 115 ms, as much as the rest of `import app`; building it here keeps
    it off the import path, and off entirely outside Lambda. botocore is patched so every DynamoDB and S3 call
    is a subsegment of the request.
    """
    if not _tracing_enabled():
        return None
    from aws_lambda_powertools import Tracer

    return Tracer(service=SERVICE, patch_modules=("botocore",))


@contextmanager
def traced(name: str, **annotations: str) -> Iterator[None]:
    active = tracer()
    if active is None:
        yield
        return
    with active.provider.in_subsegment(name) as subsegment:
        for key, value in annotations.items():
            subsegment.put_annotation(key, value)
        yield
