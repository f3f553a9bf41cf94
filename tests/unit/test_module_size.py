"""Issue 17's limits on size, held so they cannot drift back: a module a reader takes in at one sitting, and an
OpenAPI builder that stays small because the answers and bodies declare their own schemas."""

from pathlib import Path

CHALICELIB = Path(__file__).resolve().parents[2] / "chalicelib"
MAX_MODULE_LINES = 330
MAX_OPENAPI_LINES = 700


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_in_chalicelib_is_over_330_lines() -> None:
    too_long = {
        str(p.relative_to(CHALICELIB)): _lines(p) for p in CHALICELIB.rglob("*.py") if _lines(p) > MAX_MODULE_LINES
    }
    assert too_long == {}


def test_the_openapi_builders_together_stay_under_700_lines() -> None:
    assert sum(_lines(p) for p in CHALICELIB.glob("openapi*.py")) <= MAX_OPENAPI_LINES
