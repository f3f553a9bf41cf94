"""Logs, metrics and traces through Powertools: module singletons, cheap to import, safe for personal data.

Every log line passes through `mask_text`, so an ID number or a phone number that slips into a message or an
exception is masked before it is written.
"""

from __future__ import annotations

import logging
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter

from chalicelib.domain.masks import mask_text

SERVICE = "shanxi-internship"


class MaskingFormatter(LambdaPowertoolsFormatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


logger = Logger(service=SERVICE, logger_formatter=MaskingFormatter())
metrics = Metrics(service=SERVICE)


def count(name: str, value: float = 1, **dimensions: Any) -> None:
    """A business metric (submissions, reviews, favourites) in the EMF namespace of the stage."""
    from aws_lambda_powertools.metrics import MetricUnit

    metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)
