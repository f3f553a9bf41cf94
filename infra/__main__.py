"""`python -m infra -c stage=prod [-c key=value ...]`: synthesize one stage into infra/cdk.out/.

Run by hand (`make synth`) it works offline: no account, no credentials, no CDK CLI (Node runs aws-cdk-lib's
jsii kernel, nothing more), and no Lambda package (that would download Linux wheels); `-c package=true` builds
the package too. Run by the CDK CLI (`make deploy`), the
CLI passes context and output directory, and asks for the package of the stack it deploys.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from aws_cdk import App

from infra import settings
from infra.chalice_app import load_app
from infra.stack import InternshipStack
from infra.web import WebClientNotBuilt

OUT_DIR = Path(__file__).resolve().parent / "cdk.out"
BUNDLING_STACKS = "aws:cdk:bundling-stacks"


def parse_context(argv: Sequence[str]) -> dict[str, str]:
    """`-c key=value` pairs, as the CDK CLI takes them."""
    context: dict[str, str] = {}
    args = list(argv)
    while args:
        flag = args.pop(0)
        if flag not in {"-c", "--context"} or not args or "=" not in args[0]:
            raise SystemExit(f"usage: python -m infra -c stage=<dev|prod> [-c key=value ...] (got {flag!r})")
        key, _, value = args.pop(0).partition("=")
        context[key] = value
    return context


def build(context: Mapping[str, Any], outdir: str | None = None) -> App:
    """The CDK app for `context["stage"]`; `outdir` None means the CDK CLI's (or CDK's default)."""
    app = App(context=dict(context), outdir=outdir)
    stage = app.node.try_get_context("stage")
    if not stage:
        raise SystemExit("say which stage: -c stage=dev or -c stage=prod")
    values = {key: app.node.try_get_context(key) for key in _context_keys()}
    config = settings.load(stage, {k: v for k, v in values.items() if v is not None})
    InternshipStack(app, config, load_app(), account=os.environ.get("CDK_DEFAULT_ACCOUNT"))
    return app


def _context_keys() -> list[str]:
    return [*settings.StageConfig.__dataclass_fields__, "config_file", "strict"]


def main(argv: Sequence[str]) -> None:
    context: dict[str, Any] = parse_context(argv)
    driven_by_cli = "CDK_OUTDIR" in os.environ
    if not driven_by_cli and not settings.flag(context.get("package")):
        context[BUNDLING_STACKS] = []  # offline: no package, so no PyPI
    try:
        app = build(context, outdir=None if driven_by_cli else str(OUT_DIR))
    except (settings.StageConfigError, WebClientNotBuilt) as error:
        raise SystemExit(f"infra: {error}") from None
    app.synth()


if __name__ == "__main__":
    main(sys.argv[1:])
