"""Bytecode in the deployment zip, compiled for the functions' runtime.

Chalice's packager unzips wheels and copies the app's sources: its zip carries no `.pyc`. Lambda's code
directory is read-only, so without them every cold start compiles botocore, PynamoDB, Powertools and
`chalicelib` from source (the bench measures it: `scripts/bench/coldstart.py`). Each `.py` gets its
`__pycache__/<name>.cpython-311.pyc` beside it, with hash-based invalidation (PEP 552, UNCHECKED_HASH): the
zip's file times mean nothing, and the code never changes under a deployed function, so the import neither
stats nor hashes the source. Tracebacks name `/var/task/...`, where Lambda unpacks the zip.
"""

from __future__ import annotations

import compileall
import os
import py_compile
import sys
import tempfile
import zipfile
from pathlib import Path

RUNTIME_VERSION = (3, 11)  # python3.11, the functions' runtime: bytecode is specific to the minor version
LAMBDA_TASK_ROOT = "/var/task"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed: the same sources give the same zip


class WrongPython(RuntimeError):
    """Bytecode compiled by another Python than the runtime's would be ignored (or refused) by Lambda."""


def add_bytecode(source_zip: Path, target_zip: Path) -> int:
    """Write `target_zip`: everything in `source_zip`, plus bytecode for each module. Returns the .pyc count."""
    if sys.version_info[:2] != RUNTIME_VERSION:
        wanted = ".".join(map(str, RUNTIME_VERSION))
        raise WrongPython(f"the package must be built with Python {wanted} (this is {sys.version.split()[0]})")
    with tempfile.TemporaryDirectory(prefix="lambda-package-") as tree:
        with zipfile.ZipFile(source_zip) as archive:
            modes = {info.filename: info.external_attr for info in archive.infolist()}
            archive.extractall(tree)
        # A module that does not compile (a template, a Python 2 leftover in some wheel) is never imported:
        # it is skipped, as pip's own compile step skips it.
        compileall.compile_dir(
            tree,
            quiet=2,
            stripdir=tree,
            prependdir=LAMBDA_TASK_ROOT,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
            workers=1,
        )
        return _zip_tree(Path(tree), target_zip, modes)


def _zip_tree(tree: Path, target_zip: Path, modes: dict[str, int]) -> int:
    compiled = 0
    with zipfile.ZipFile(target_zip, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(tree.rglob("*")):
            if path.is_dir():
                continue
            name = path.relative_to(tree).as_posix()
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = modes.get(name, 0o644 << 16)  # rw-r--r--, as Unix mode bits
            archive.writestr(info, path.read_bytes())
            compiled += name.endswith(".pyc")
    return compiled


if __name__ == "__main__":  # python -m infra.bytecode <in.zip> <out.zip>
    count = add_bytecode(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{sys.argv[2]}: {count} modules compiled ({os.path.getsize(sys.argv[2]) / 2**20:.1f} MiB)")
