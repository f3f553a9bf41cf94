"""Print one RS256 token the local stack accepts.

.venv/bin/python scripts/devtoken.py --name 王晓雨 --id-number 140105200404120266
.venv/bin/python scripts/devtoken.py --sub staff-1 --roles reviewer --region 140100

Without --sub, the subject is derived from --id-number exactly as the local issuer's login page derives it, so
a token made here and a browser sign-in with the same ID number are the same person. The issuer is the one
`make dev` runs (http://127.0.0.1:$ISSUER_PORT, 8090 by default); --issuer names another.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.local_keys import ensure_key, local_issuer_url, mint, subject_for_id_number

LOCAL_DIR = Path(__file__).resolve().parent.parent / ".local"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sub", help="the subject; derived from --id-number when not given")
    parser.add_argument("--name")
    parser.add_argument("--id-number")
    parser.add_argument("--roles", default="", help="comma-separated: reviewer,position_manager")
    parser.add_argument("--region", help="6-digit region code scoping staff roles")
    parser.add_argument("--ttl", type=int, default=3600, help="seconds; negative gives an expired token")
    parser.add_argument("--issuer", help="the `iss` claim (default: the local issuer of `make dev`)")
    args = parser.parse_args(argv)
    if args.sub is None and not args.id_number:
        parser.error("give --sub, or --id-number to derive the subject from")
    private_path, _ = ensure_key(LOCAL_DIR)
    roles = [r.strip() for r in args.roles.split(",") if r.strip()]
    token = mint(
        private_path,
        sub=args.sub or subject_for_id_number(args.id_number),
        name=args.name,
        id_number=args.id_number,
        roles=roles,
        region=args.region,
        ttl=args.ttl,
        issuer=args.issuer or local_issuer_url(),
    )
    print(token)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
