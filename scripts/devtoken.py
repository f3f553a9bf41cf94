"""Print one RS256 token the local stack accepts.

.venv/bin/python scripts/devtoken.py --name 王晓雨 --id-number 140105200404120266
.venv/bin/python scripts/devtoken.py --sub staff-1 --roles reviewer --region 140100
.venv/bin/python scripts/devtoken.py --credit-code 91140100MA0L8Q3P21 --org-name 山西晋阳科技有限公司 \
    --name 李明 --id-number 140105199001011234      # 法人登录: an agent acting for a unit

Without --sub, the subject is derived from --id-number exactly as the local issuer's login page derives it, so
a token made here and a browser sign-in with the same ID number are the same person. The issuer is the one
`make dev` runs (http://127.0.0.1:$ISSUER_PORT, 8090 by default); --issuer names another.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chalicelib.domain.credit_code import is_valid_credit_code
from scripts.local_keys import ensure_key, local_issuer_url, mint, subject_for_id_number

LOCAL_DIR = Path(__file__).resolve().parent.parent / ".local"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sub", help="the subject; derived from --id-number when not given")
    parser.add_argument("--name")
    parser.add_argument("--id-number")
    parser.add_argument("--roles", default="", help="comma-separated: reviewer,position_manager")
    parser.add_argument("--region", help="6-digit region code scoping staff roles")
    parser.add_argument(
        "--credit-code", help="法人登录: the unit's 统一社会信用代码 (GB 32100, check character verified)"
    )
    parser.add_argument("--org-name", help="法人登录: the unit's name")
    parser.add_argument("--ttl", type=int, default=3600, help="seconds; negative gives an expired token")
    parser.add_argument("--issuer", help="the `iss` claim (default: the local issuer of `make dev`)")
    args = parser.parse_args(argv)
    if args.sub is None and not args.id_number:
        parser.error("give --sub, or --id-number to derive the subject from")
    if args.credit_code is not None and not is_valid_credit_code(args.credit_code):
        parser.error("--credit-code: not an 18-character code with a correct GB 32100 check character")
    if args.org_name is not None and args.credit_code is None:
        parser.error("--org-name names a unit: give its --credit-code too")
    unit = {"credit_code": args.credit_code, "org_name": args.org_name} if args.credit_code else {}
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
        extra={k: v for k, v in unit.items() if v is not None},
    )
    print(token)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
