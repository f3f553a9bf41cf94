"""Write the OpenAPI document the app serves to a file, without a server: the web client's types come from it.

.venv/bin/python scripts/openapi_json.py web/openapi.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import app
from chalicelib.openapi import document


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: openapi_json.py OUTPUT.json", file=sys.stderr)
        return 2
    Path(args[0]).write_text(json.dumps(document(app), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
