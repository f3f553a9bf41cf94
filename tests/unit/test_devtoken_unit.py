"""scripts/devtoken.py mints a 法人登录 token: the unit's credit code and name beside the agent's claims."""

from __future__ import annotations

import jwt
import pytest

from chalicelib.domain.principal import principal_from_claims
from scripts.devtoken import main as devtoken
from scripts.factories import credit_code, id_number, with_wrong_check_char

CODE = credit_code(777)


def test_a_unit_token_carries_the_unit_and_the_agent(capsys: pytest.CaptureFixture[str]) -> None:
    devtoken(
        ["--credit-code", CODE, "--org-name", "山西晋阳科技有限公司", "--name", "李明", "--id-number", id_number()]
    )
    claims = jwt.decode(capsys.readouterr().out.strip(), options={"verify_signature": False})
    unit = principal_from_claims(claims)
    assert (unit.credit_code, unit.org_name, unit.name) == (CODE, "山西晋阳科技有限公司", "李明")
    assert unit.is_unit


def test_a_wrong_check_character_is_refused_before_a_token_is_made(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        devtoken(["--sub", "agent", "--credit-code", with_wrong_check_char(CODE)])
    assert "--credit-code" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        devtoken(["--sub", "agent", "--org-name", "没有代码的单位"])
