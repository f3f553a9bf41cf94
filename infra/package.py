"""`make package`: the functions' deployment zip exactly as `make deploy` builds it, into dist/deployment.zip.

Chalice's packager (Linux wheels for python3.11 from PyPI, so it needs the network or a mirror), then the
bytecode step of infra/bytecode.py: the same `_ChalicePackager` the CDK app's bundling calls.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from infra.chalice_app import DEPLOYMENT_ZIP, PROJECT_DIR, _ChalicePackager


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else PROJECT_DIR / "dist"
    out_dir.mkdir(parents=True, exist_ok=True)
    _ChalicePackager(PROJECT_DIR).try_bundle(str(out_dir))
    package = out_dir / DEPLOYMENT_ZIP
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
    compiled = sum(1 for name in names if name.endswith(".pyc"))
    print(f"{package}: {len(names)} files, {compiled} compiled modules, {package.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
