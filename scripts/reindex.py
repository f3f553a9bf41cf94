"""`make reindex`: rebuild what search stores beside the positions table, on `make dev`'s tables or a deployed
stage's, after a release changes its layout (scripts/index_rebuild.py; the steps, in order, are in
docs/deploy.md, "Rebuilding the search index").

    make reindex                                  # make dev's tables (the moto server on $MOTO_PORT)
    make reindex REINDEX_ARGS="--prefix shanxi-internship-prod --region cn-north-1"   # a stage, your credentials
    make reindex REINDEX_ARGS="... --only postings"   # before the switch: the new layout beside the old
    make reindex REINDEX_ARGS="... --drop"        # after the switch: delete the old layout's postings

Without --drop: every open position's listing entries get the summary the code now presents, and every
position's keyword postings are written in the current layout beside the old one. Both are safe to run
again, and while the API and the stream handler run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _environment(prefix: str | None, region: str | None) -> None:
    from chalicelib.config import REQUIRED_VARIABLES, TABLE_VARIABLES
    from scripts.local_aws import LOCAL_ENVIRONMENT

    if prefix is None:  # make dev's tables
        os.environ.update(LOCAL_ENVIRONMENT)
        os.environ["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{os.environ.get('MOTO_PORT', '5000')}"
    else:  # a stage's tables are named <resource prefix>-<table> (infra/storage.py)
        os.environ.update({variable: f"{prefix}-{table}" for table, variable in TABLE_VARIABLES.items()})
        if region:
            os.environ["AWS_DEFAULT_REGION"] = region
    for variable in REQUIRED_VARIABLES:  # settings() wants them all; this command reads only tables
        os.environ.setdefault(variable, "unused-by-reindex")


def rebuild(only: str | None = None) -> dict[str, int]:
    """Listing summaries and keyword postings of every position, in the current shapes (`only` one of
    "listings" or "postings"); returns the figures."""
    from chalicelib.domain.clock import china_date
    from chalicelib.services.positions import listed
    from scripts import index_rebuild

    today = china_date(datetime.now(UTC))
    figures = {"positions": 0, "listings refreshed": 0, "changed meanwhile": 0, "postings": 0, "unsettled": 0}
    for page in index_rebuild.all_positions():
        figures["positions"] += len(page)
        for position in page:
            if position.status != "open" or only == "postings":
                continue
            fresh = index_rebuild.refresh_listings(position, listed(position, today))
            figures["listings refreshed" if fresh else "changed meanwhile"] += 1
        written, unsettled = index_rebuild.rebuild_postings(page) if only != "listings" else (0, 0)
        figures["postings"] += written
        figures["unsettled"] += unsettled
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prefix", help="a deployed stage's resource prefix, e.g. shanxi-internship-prod")
    parser.add_argument("--region", help="its region, e.g. cn-north-1")
    parser.add_argument("--drop", action="store_true", help="delete the postings of every other layout")
    parser.add_argument("--only", choices=("postings", "listings"), help="rebuild only these")
    args = parser.parse_args(argv)
    _environment(args.prefix, args.region)
    started = time.monotonic()
    if args.drop:
        from scripts import index_rebuild

        print(f"dropped {index_rebuild.drop_other_layouts()} postings of other layouts")
    else:
        figures = rebuild(args.only)
        print(", ".join(f"{name} {value}" for name, value in figures.items()))
        if figures["unsettled"]:
            print("some markers kept moving (the stream was busy): run it again", file=sys.stderr)
    print(f"took {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
