"""What the infrastructure reads from the Chalice app: its routes (as the OpenAPI body `chalice deploy` would
give API Gateway), its scheduled functions, and its Lambda package, built by Chalice's own packager.

The app is imported, never run: `chalicelib.config` reads the environment only on first use.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsii
from aws_cdk import BundlingOptions, BundlingOutput, DockerImage, Fn, ILocalBundling
from chalice.app import Chalice, ChaliceAuthorizer, DynamoDBEventConfig, ScheduledEventConfig
from chalice.deploy.packager import DependencyBuilder, LambdaDeploymentPackager
from chalice.deploy.swagger import SwaggerGenerator

from chalicelib.streams import table_of

PROJECT_DIR = Path(__file__).resolve().parent.parent
PYTHON_RUNTIME = "python3.11"
API_HANDLER = "app.app"
DEPLOYMENT_ZIP = "deployment.zip"


class UnsupportedAppFeature(RuntimeError):
    """The app uses a Chalice feature this stack does not deploy: better to fail synth than to drop it."""


@dataclass(frozen=True)
class Schedule:
    name: str
    handler: str  # "app.sweep_expired_positions"
    expression: str  # "cron(5 16 * * ? *)"


@dataclass(frozen=True)
class StreamSource:
    name: str
    handler: str  # "app.index_positions"
    table: str  # the `Tables` field whose stream it reads (chalicelib.streams)
    batch_size: int
    starting_position: str  # "TRIM_HORIZON" | "LATEST"


def load_app(project_dir: Path = PROJECT_DIR) -> Chalice:
    if str(project_dir) not in sys.path:
        sys.path.insert(0, str(project_dir))
    module = importlib.import_module("app")
    app: Chalice = module.app
    _check_supported(app)
    return app


def _check_supported(app: Chalice) -> None:
    unsupported = {
        "built-in authorizers": app.builtin_auth_handlers,
        "websocket handlers": app.websocket_handlers,
        "pure Lambda functions": app.pure_lambda_functions,
        "event sources other than schedules and DynamoDB streams": [
            e for e in app.event_sources if not isinstance(e, ScheduledEventConfig | DynamoDBEventConfig)
        ],
    }
    found = [name for name, items in unsupported.items() if items]
    if found:
        raise UnsupportedAppFeature(f"the app declares {', '.join(found)}; add them to infra/ first")


def schedules(app: Chalice) -> tuple[Schedule, ...]:
    found = []
    for source in app.event_sources:
        if not isinstance(source, ScheduledEventConfig):
            continue
        expression = source.schedule_expression
        text = expression if isinstance(expression, str) else expression.to_string()
        found.append(Schedule(name=source.name, handler=source.handler_string, expression=text))
    return tuple(found)


def stream_sources(app: Chalice) -> tuple[StreamSource, ...]:
    return tuple(
        StreamSource(
            name=source.name,
            handler=source.handler_string,
            table=table_of(source.stream_arn),
            batch_size=source.batch_size,
            starting_position=source.starting_position,
        )
        for source in app.event_sources
        if isinstance(source, DynamoDBEventConfig)
    )


class _Generator(SwaggerGenerator):
    """Chalice's OpenAPI generator with the integration pointing at our function (partition-aware)."""

    def __init__(self, function_arn: str) -> None:
        super().__init__(region="", deployed_resources={})
        self._function_arn = function_arn

    def _uri(self, lambda_arn: str | None = None) -> Any:
        return Fn.sub(
            "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn}/invocations",
            {"Fn": self._function_arn},
        )

    def _auth_uri(self, authorizer: ChaliceAuthorizer) -> Any:
        raise UnsupportedAppFeature(f"built-in authorizer {authorizer.name}")


def api_definition(app: Chalice, function_arn: str) -> dict[str, Any]:
    """The REST API body: every route and method, binary types, CORS preflights, as `chalice deploy` makes it."""
    body: dict[str, Any] = _Generator(function_arn).generate_swagger(app)
    return body


@jsii.implements(ILocalBundling)
class _ChalicePackager:
    """Builds the deployment zip with Chalice's packager (Linux wheels from PyPI), without Docker."""

    def __init__(self, project_dir: Path, dependency_builder: DependencyBuilder | None = None) -> None:
        self._project_dir = project_dir
        self._dependency_builder = dependency_builder

    # jsii passes the bundling options positionally, though the typed interface spells them as keywords.
    def try_bundle(self, output_dir: str, *_options: Any, **_keywords: Any) -> bool:
        from chalice.utils import UI, OSUtils

        from infra.bytecode import add_bytecode

        osutils = OSUtils()
        builder = self._dependency_builder or DependencyBuilder(osutils)
        packager = _StrictPackager(osutils=osutils, dependency_builder=builder, ui=UI())
        package = packager.create_deployment_package(str(self._project_dir), PYTHON_RUNTIME)
        # Chalice's zip has sources only; Lambda cannot write bytecode, so the zip must bring it.
        add_bytecode(Path(package), Path(output_dir) / DEPLOYMENT_ZIP)
        return True


class _StrictPackager(LambdaDeploymentPackager):
    """Chalice's packager, except that a requirement without a Lambda-compatible wheel stops the deployment:
    Chalice would print a warning and ship a package that fails on import."""

    def _build_python_dependencies(
        self, python_version: str, requirements_filepath: str, site_packages_dir: str
    ) -> None:
        abi = self._RUNTIME_TO_ABI[python_version]
        self._dependency_builder.build_site_packages(abi, requirements_filepath, site_packages_dir)


def package_bundling(project_dir: Path = PROJECT_DIR) -> BundlingOptions:
    """Bundling for the functions' code asset. Skipped when synthesizing offline (no package, no network)."""
    return BundlingOptions(
        # Only used if local bundling declines, which ours never does; named because CDK requires an image.
        image=DockerImage.from_registry("public.ecr.aws/sam/build-python3.11"),
        local=_ChalicePackager(project_dir),
        output_type=BundlingOutput.ARCHIVED,
    )
