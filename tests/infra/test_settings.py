"""A stage's values: committed placeholders synthesize offline, `make deploy` (strict) refuses them, and anything
can be overridden from the command line or a file kept outside git."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infra.settings import StageConfigError, load


def test_committed_stages_load_with_placeholders() -> None:
    for stage in ("dev", "prod"):
        config = load(stage, {})
        assert config.placeholders() == ["token_issuer", "jwks_url", "public_base_url", "web_origins"]


def test_strict_mode_refuses_placeholders() -> None:
    with pytest.raises(StageConfigError, match="placeholder values for token_issuer"):
        load("prod", {"strict": "true"})


def test_strict_mode_accepts_real_values_from_a_file_outside_git(tmp_path: Path) -> None:
    overlay = tmp_path / "prod.json"
    overlay.write_text(
        json.dumps(
            {
                "token_issuer": "https://id.shanxi.gov.cn/realms/rs",
                "jwks_url": "https://id.shanxi.gov.cn/realms/rs/protocol/openid-connect/certs",
                "public_base_url": "https://jyjx.shanxi.gov.cn/cases",
                "web_origins": ["https://jyjx.shanxi.gov.cn"],
            }
        )
    )
    config = load("prod", {"strict": "true", "config_file": str(overlay), "throttle_rate_limit": "300"})
    assert config.token_issuer == "https://id.shanxi.gov.cn/realms/rs"
    assert config.web_origins == ("https://jyjx.shanxi.gov.cn",)
    assert config.throttle_rate_limit == 300


def test_local_is_not_a_deployable_stage() -> None:
    with pytest.raises(StageConfigError, match="only for chalice local"):
        load("local", {})


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("token_issuer", "http://login.example.cn", "https:// URL"),
        ("web_origins", "https://a.example.cn/app", "has a path"),
        ("web_origins", "http://a.example.cn", "not an https origin"),
        ("throttle_rate_limit", "0", "more than zero"),
        ("api_memory_mb", "3000", "one of"),
        ("retain_data", "false", "prod keeps its data"),
        ("certificate_arn", "arn:aws-cn:acm:cn-north-1:1:certificate/x", "give both or neither"),
    ],
)
def test_wrong_values_are_refused_naming_the_key(key: str, value: str, message: str) -> None:
    with pytest.raises(StageConfigError, match=message):
        load("prod", {key: value})


def test_unknown_keys_in_a_file_are_refused(tmp_path: Path) -> None:
    overlay = tmp_path / "x.json"
    overlay.write_text('{"tokn_issuer": "https://x.example.cn"}')
    with pytest.raises(StageConfigError, match="unknown keys"):
        load("dev", {"config_file": str(overlay)})
