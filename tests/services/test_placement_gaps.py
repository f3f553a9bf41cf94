"""Where a placement meets its unit's recognition (issue 19 beside issue 20), on the fakes: an agent who applied
for the unit's recognition never confirms 上岗 of a placement there, under any of their logins; the agreement's
甲方 gives the address and contact the unit gave when it applied, the position's when it never did."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from chalicelib.domain.principal import Principal
from chalicelib.errors import AppError
from chalicelib.services import placement_agency, placement_printing, placement_units, placements
from tests.services.builders import NOW, REVIEWER, applicant, approved, published
from tests.services.fakes import Fakes
from tests.services.test_placement_units import TERMS
from tests.services.unit_builders import recognised, unit


def _agreed(fake: Fakes, code: str, serial: int) -> str:
    """A placement agreed at a position staff entered for the unit `code`."""
    who = applicant(serial)
    approved(fake, who)
    position_id = published(fake, employer_credit_code=code, employer_name="山西晋阳科技有限公司")
    placement_id = placements.apply(who, position_id, NOW, ports=fake.ports).placement_id
    placement_units.offer(code, placement_id, TERMS, NOW, ports=fake.ports)
    placements.accept(who, placement_id, NOW, ports=fake.ports)
    return placement_id


def _refused(call: Any) -> str:
    with pytest.raises(AppError) as refused:
        call()
    return refused.value.code


def _reviewer(subject: str, id_number: str | None) -> Principal:
    return Principal(subject, "李明", id_number, frozenset({"applicant", "reviewer"}), "140100")


def test_an_agent_of_the_unit_never_confirms_its_placements(fake: Fakes) -> None:
    agent = unit(911)
    recognised(fake, agent)
    assert agent.credit_code is not None and agent.id_number is not None
    placement_id = _agreed(fake, agent.credit_code, 21)

    def confirm(who: Principal) -> str:
        return _refused(lambda: placement_agency.confirm(who, placement_id, NOW, ports=fake.ports))

    assert confirm(_reviewer(agent.subject, None)) == "OWN_PLACEMENT"  # the login that applied
    assert confirm(_reviewer("staff-login", agent.id_number.lower())) == "OWN_PLACEMENT"  # the same person
    assert placement_agency.confirm(REVIEWER, placement_id, NOW, ports=fake.ports).status == "in_progress"


def test_an_agent_of_another_unit_confirms(fake: Fakes) -> None:
    other = unit(912)
    recognised(fake, other)
    assert other.id_number is not None
    placement_id = _agreed(fake, unit(913).credit_code or "", 22)
    confirmed = placement_agency.confirm(_reviewer(other.subject, other.id_number), placement_id, NOW, ports=fake.ports)
    assert confirmed.status == "in_progress"


def _agreement_text(fake: Fakes, code: str, placement_id: str, folder: Path) -> str:
    """The unit's agreement as pdftotext reads it, without its spaces and line breaks."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("poppler-utils is needed: apt-get install poppler-utils")
    path = folder / "agreement.pdf"
    path.write_bytes(placement_printing.agreement_for_unit(code, placement_id, NOW, ports=fake.ports))
    shown = subprocess.run([pdftotext, str(path), "-"], check=True, capture_output=True, text=True).stdout
    return "".join(shown.split())


def test_the_agreement_gives_the_address_and_contact_of_the_recognition(fake: Fakes, tmp_path: Path) -> None:
    agent = unit(914)
    recognised(fake, agent)  # 太原市小店区长治路227号, 李明 13912345678 (scripts/factories.recognition_form)
    assert agent.credit_code is not None
    placement_id = _agreed(fake, agent.credit_code, 23)

    text = _agreement_text(fake, agent.credit_code, placement_id, tmp_path)

    assert "太原市小店区长治路227号" in text and "李明13912345678" in text
    assert "长治路1号" not in text and "王老师" not in text  # the position's


def test_without_a_recognition_the_agreement_gives_the_positions(fake: Fakes, tmp_path: Path) -> None:
    code = unit(915).credit_code or ""
    placement_id = _agreed(fake, code, 24)

    text = _agreement_text(fake, code, placement_id, tmp_path)

    assert "太原市小店区长治路1号" in text and "王老师13812345678" in text
