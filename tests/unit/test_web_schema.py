"""The web client's API types are generated from the OpenAPI document the app builds: this fails when the
committed web/src/api/schema.d.ts or labels.ts is stale (run `make web-schema` and commit)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from app import app
from chalicelib.openapi import document

WEB = Path(__file__).resolve().parents[2] / "web"


def test_generated_client_types_match_the_openapi_document(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(document(app), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    schema, labels = tmp_path / "schema.d.ts", tmp_path / "labels.ts"
    generator = WEB / "node_modules" / ".bin" / "openapi-typescript"
    assert generator.exists(), "web/node_modules is missing: `make test` runs npm ci in web/"
    subprocess.run([str(generator), str(spec), "-o", str(schema)], check=True, capture_output=True, timeout=120)
    labeller = [shutil.which("node") or "node", str(WEB / "scripts" / "labels.mjs"), str(spec), str(labels)]
    subprocess.run(labeller, check=True, timeout=60)
    assert schema.read_text() == (WEB / "src" / "api" / "schema.d.ts").read_text(), "schema.d.ts is stale"
    assert labels.read_text() == (WEB / "src" / "api" / "labels.ts").read_text(), "labels.ts is stale"
