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
        assert config.placeholders() == [
            "token_issuer",
            "jwks_url",
            "public_base_url",
            "web_origins",
            "web_domain_name",
            "alarm_emails",
            "web_certificate_id",
        ]


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
                "web_domain_name": "jyjx.shanxi.gov.cn",
                "web_certificate_id": "ASCAJ4EXAMPLEEXAMPLE",
                "alarm_emails": ["jyjx-oncall@rst.shanxi.gov.cn"],
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


@pytest.mark.parametrize("region", ["cn-north-1", "cn-northwest-1"])
@pytest.mark.parametrize("key", ["web_domain_name", "web_certificate_id", "alarm_emails", "oidc_client_id"])
def test_china_requires_what_it_cannot_serve_without_and_synth_names_it(region: str, key: str) -> None:
    missing = {key: ""}
    if key == "web_domain_name":
        missing["web_certificate_id"] = ""  # else "give both or neither" speaks first
    with pytest.raises(StageConfigError, match=f"required in {region}: {key}: "):
        load("prod", {"region": region, **missing})


def test_synth_stops_naming_the_missing_setting(capsys: pytest.CaptureFixture[str]) -> None:
    from infra.__main__ import main

    with pytest.raises(SystemExit, match="required in cn-north-1: alarm_emails"):
        main(["-c", "stage=prod", "-c", "alarm_emails="])


def test_outside_china_the_web_domain_and_alarm_mail_may_wait() -> None:
    config = load("prod", {"region": "us-east-1", "web_domain_name": "", "web_certificate_id": "", "alarm_emails": ""})
    assert config.alarm_emails == () and config.oidc_client_id == "shanxi-internship-web"


def test_the_web_domain_must_be_one_of_the_origins_the_api_lets_call_it() -> None:
    with pytest.raises(StageConfigError, match=r"web_origins: add https://jyjx\.shanxi\.gov\.cn"):
        load("prod", {"web_domain_name": "jyjx.shanxi.gov.cn"})


def test_redirect_uris_default_to_each_origins_callback_and_given_ones_must_be_callbacks() -> None:
    assert load("dev", {}).oidc_redirect_uris == (
        "https://internship-dev.shanxi.invalid/callback",
        "http://localhost:5173/callback",
    )
    given = load("prod", {"oidc_redirect_uris": "https://internship.shanxi.invalid/callback"})
    assert given.oidc_redirect_uris == ("https://internship.shanxi.invalid/callback",)
    with pytest.raises(StageConfigError, match="oidc_redirect_uris"):
        load("prod", {"oidc_redirect_uris": "https://elsewhere.example.cn/callback"})
    with pytest.raises(StageConfigError, match="oidc_redirect_uris"):
        load("prod", {"oidc_redirect_uris": "https://internship.shanxi.invalid/"})
