"""The Lambda package: Chalice's packager, except that a requirement without a Lambda wheel stops the deploy."""

from __future__ import annotations

from pathlib import Path

import pytest
from chalice.deploy.packager import MissingDependencyError
from chalice.utils import UI, OSUtils

from infra.chalice_app import PYTHON_RUNTIME, _StrictPackager


class _NoWheels:
    def build_site_packages(self, abi: str, requirements_filepath: str, target_directory: str) -> None:
        raise MissingDependencyError(set())  # what Chalice raises for "pillow==99.0.0": no Lambda wheel


def test_a_requirement_without_a_lambda_wheel_stops_the_package(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("from chalice import Chalice\napp = Chalice(app_name='x')\n")
    (tmp_path / "requirements.txt").write_text("pillow==99.0.0\n")
    packager = _StrictPackager(osutils=OSUtils(), dependency_builder=_NoWheels(), ui=UI())  # type: ignore[arg-type]

    with pytest.raises(MissingDependencyError):
        packager.create_deployment_package(str(tmp_path), PYTHON_RUNTIME)
    assert not list(tmp_path.glob(".chalice/deployments/*.zip"))  # nothing half-built is cached
