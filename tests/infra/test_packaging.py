"""The Lambda package: Chalice's packager, except that a requirement without a Lambda wheel stops the deploy,
and with bytecode for the runtime (Lambda cannot write any)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from chalice.deploy.packager import MissingDependencyError
from chalice.utils import UI, OSUtils

from infra.bytecode import WrongPython, add_bytecode
from infra.chalice_app import DEPLOYMENT_ZIP, PYTHON_RUNTIME, _ChalicePackager, _StrictPackager


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


def _synthetic_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("app.py", "import pkg.mod\nVALUE = pkg.mod.VALUE\n")
        archive.writestr("pkg/__init__.py", "")
        archive.writestr("pkg/mod.py", "VALUE = 'compiled'\n")
        # Wheels carry such files (templates, Python 2 leftovers): shipped as they are, not compiled.
        archive.writestr("pkg/template.py", "{% if python2 %}print 'x'{% endif %}\n")
        tool = zipfile.ZipInfo("bin/tool", date_time=(2020, 1, 1, 0, 0, 0))
        tool.external_attr = 0o755 << 16
        archive.writestr(tool, "#!/bin/sh\n")


def _imported_value(task: Path) -> str:
    """`import app` as Lambda would: read-only code (no bytecode written), nothing else on the path."""
    out = subprocess.run(
        [sys.executable, "-B", "-S", "-c", "import app, pkg.mod; print(app.VALUE, pkg.mod.__file__)"],
        cwd=task,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_the_package_carries_hash_checked_bytecode_that_lambda_imports(tmp_path: Path) -> None:
    source, target, task = tmp_path / "chalice.zip", tmp_path / "deployment.zip", tmp_path / "task"
    _synthetic_zip(source)

    assert add_bytecode(source, target) == 3  # app, pkg/__init__, pkg/mod; not the template
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        archive.extractall(task)
        assert archive.getinfo("bin/tool").external_attr >> 16 == 0o755
    assert {"app.py", "__pycache__/app.cpython-311.pyc", "pkg/__pycache__/mod.cpython-311.pyc"} <= names
    assert "pkg/template.py" in names and "pkg/__pycache__/template.cpython-311.pyc" not in names
    flags = int.from_bytes((task / "pkg/__pycache__/mod.cpython-311.pyc").read_bytes()[4:8], "little")
    assert flags == 0b01  # PEP 552: hash-based, unchecked - file times in the zip do not matter

    # The import runs the bytecode, not the source: a changed source is not even looked at.
    (task / "pkg" / "mod.py").write_text("VALUE = 'source'\n")
    os.utime(task / "pkg" / "mod.py", (0, 0))
    assert _imported_value(task).split()[0] == "compiled"


def test_the_bundling_adds_bytecode_to_chalices_package(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("from chalice import Chalice\napp = Chalice(app_name='x')\n")
    (tmp_path / "requirements.txt").write_text("")
    out = tmp_path / "out"
    out.mkdir()

    assert _ChalicePackager(tmp_path, dependency_builder=_NoDependencies()).try_bundle(str(out))  # type: ignore[arg-type]
    with zipfile.ZipFile(out / DEPLOYMENT_ZIP) as archive:
        names = set(archive.namelist())
    assert {"app.py", "__pycache__/app.cpython-311.pyc", "chalice/__pycache__/app.cpython-311.pyc"} <= names


class _NoDependencies:
    def build_site_packages(self, abi: str, requirements_filepath: str, target_directory: str) -> None:
        pass  # requirements.txt is empty: nothing to download


def test_bytecode_from_another_python_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _synthetic_zip(tmp_path / "chalice.zip")
    monkeypatch.setattr(sys, "version_info", (3, 12, 0, "final", 0))
    with pytest.raises(WrongPython, match=r"Python 3\.11"):
        add_bytecode(tmp_path / "chalice.zip", tmp_path / "deployment.zip")
    assert not (tmp_path / "deployment.zip").exists()
