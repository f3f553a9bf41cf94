"""Demo data for the local stack: internship positions (就业见习岗位) across Shanxi, and the people who walk
through it. The tables are data files in scripts/demo/ (TOML, read by scripts/demo/data.py); the draws are in
scripts/demo/positions.py and scripts/demo/names.py.

`demo_positions(count, seed=..., today=...)` gives dicts of exactly the writable fields of
`POST /v1/admin/positions`. The employers are invented but shaped like real Shanxi ones (山西××科技有限公司,
××县人民医院, ××煤业有限公司, ××专业合作社, ××街道社区服务中心 …), with unified social credit codes that fit them
(scripts/demo/names.py). Stipends start from about the local minimum-wage tier (1800 / 1900 / 2000 yuan:
counties / other urban areas / urban Taiyuan) and rise with education and industry, capped at 3500.

The same seed and `today` always give the same list; `today` only moves the deadlines, which fall between
today+7 and today+120 days.

Spread (guaranteed for count >= 200; the default is 240): each of the 11 cities has at least 10 positions,
Taiyuan the most; at least 40 are 市本级 (county_code == the city code), some in every city; nearly every one of
the 117 counties has one (all of them at 240); the localities of the demo trainees have several each.

Keywords a tester can search for (guaranteed for count >= 200, besides what the random draw adds):

- ``软件`` in the title: at least 6 positions (软件开发见习生 / 软件测试见习生), 市本级 of 6 cities;
- ``会计学`` among the majors: at least 4 positions (会计助理, bachelor), in 4 different cities;
- ``人民医院`` in the employer name: at least 3 county hospitals, in 3 different cities, each with a
  ``护理见习`` position;
- ``护理`` in the title: at least 3 (the hospital positions above).

`demo_trainees()` gives the people of the walk-through (scripts/demo/people.toml): four applicants (`sub`,
`name`, `id_number` with its check digit computed, `phone`, `locality`: their 业务办理属地, and `role`
"applicant"), then three staff members (`sub`, `name`, `roles` comma-separated as `scripts/devtoken.py --roles`
takes them, `region`): a reviewer for 太原市, a position_manager for 小店区 and a province-wide reviewer.
"""

from __future__ import annotations

from scripts.demo import data
from scripts.demo.positions import demo_positions

__all__ = ["demo_positions", "demo_trainees"]


def demo_trainees() -> list[dict[str, str]]:
    """The people of the local walk-through: the applicants, then the staff members (people.toml)."""
    return data.applicants() + data.staff()
