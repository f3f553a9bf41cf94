"""Print one RS256 token the local stack accepts.

.venv/bin/python scripts/devtoken.py --sub u-1001 --name 张三 --id-number 140105200305171234
.venv/bin/python scripts/devtoken.py --sub staff-1 --roles reviewer --region 140100
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.local_keys import ensure_key, mint

LOCAL_DIR = Path(__file__).resolve().parent.parent / ".local"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sub", required=True)
    parser.add_argument("--name")
    parser.add_argument("--id-number")
    parser.add_argument("--roles", default="", help="comma-separated: reviewer,position_manager")
    parser.add_argument("--region", help="6-digit region code scoping staff roles")
    parser.add_argument("--ttl", type=int, default=3600, help="seconds; negative gives an expired token")
    args = parser.parse_args(argv)
    private_path, _ = ensure_key(LOCAL_DIR)
    roles = [r.strip() for r in args.roles.split(",") if r.strip()]
    token = mint(
        private_path,
        sub=args.sub,
        name=args.name,
        id_number=args.id_number,
        roles=roles,
        region=args.region,
        ttl=args.ttl,
    )
    print(token)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
