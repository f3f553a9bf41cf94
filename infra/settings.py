"""A stage's values: `infra/stages/<stage>.json`, then an optional file outside git, then `-c key=value`.

Nothing account-specific lives in git: the committed files hold placeholders on the reserved `.invalid` domain
(RFC 2606), which synthesize fine offline and which `strict` mode (set by `make deploy`) refuses.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from infra.web_client import CALLBACK_PATH, CLIENT_ID

STAGES_DIR = Path(__file__).resolve().parent / "stages"
DEPLOYABLE_STAGES = ("dev", "prod")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
# Lambda memory sizes we have measured and reasoned about (docs/deploy.md, "Memory").
MEMORY_SIZES = (512, 1024, 1536, 2048)
PLACEHOLDER_HOST = re.compile(r"(^|\.)invalid$")
# An IAM server certificate id is no host name: the committed files hold this value instead, refused by strict.
PLACEHOLDER_ID = "SET-ME"
PREFIX = re.compile(r"^[a-z][a-z0-9-]{2,40}$")


class StageConfigError(ValueError):
    """A stage's values are missing or wrong; the message names the key."""


@dataclass(frozen=True)
class StageConfig:
    stage: str
    region: str
    resource_prefix: str
    token_issuer: str
    token_audience: str
    jwks_url: str
    web_origins: tuple[str, ...]
    public_base_url: str
    throttle_rate_limit: float
    throttle_burst_limit: int
    log_level: str
    metrics_namespace: str
    api_memory_mb: int
    # prod: tables keep deletion protection and every data resource survives a stack deletion.
    retain_data: bool
    alarm_emails: tuple[str, ...]
    # Optional custom domain (needs the ICP filing in the China regions) and its ACM certificate.
    domain_name: str
    certificate_arn: str
    # The web client's host name on CloudFront (ICP-filed in the China regions) and its IAM server certificate id.
    web_domain_name: str = ""
    web_certificate_id: str = ""
    # The web client's registration at the province's issuer (docs/deploy.md, "What the issuer provides").
    oidc_client_id: str = CLIENT_ID
    # Where the issuer may send a browser back after sign-in: `<web origin>/callback` for each origin unless given.
    oidc_redirect_uris: tuple[str, ...] = ()
    # Tencent Cloud SMS (infra/sms.py): the SDK app, the approved signature and template ids by notice kind.
    sms_sdk_app_id: str = ""
    sms_sign_name: str = ""
    sms_templates: tuple[tuple[str, str], ...] = ()
    # Operations (infra/operations.py): the month's spend that alarms, the WAF's requests per address per 5 minutes,
    # and whether the web ACL uses AWS's managed baseline rule groups.
    monthly_budget: float = 3000.0
    waf_rate_limit: int = 1000
    waf_managed_rules: bool = True
    # Set by `make deploy` (strict): a deploy without the built web client (web/dist) stops instead of shipping.
    require_web_build: bool = False

    @property
    def stack_name(self) -> str:
        return self.resource_prefix

    @property
    def china(self) -> bool:
        return is_china(self.region)

    def placeholders(self) -> list[str]:
        """Keys still holding a committed placeholder value."""
        urls = {
            "token_issuer": [self.token_issuer],
            "jwks_url": [self.jwks_url],
            "public_base_url": [self.public_base_url],
            "web_origins": list(self.web_origins),
        }
        found = [key for key, values in urls.items() if any(_is_placeholder(v) for v in values)]
        hosts = {"web_domain_name": [self.web_domain_name], "domain_name": [self.domain_name]}
        hosts["alarm_emails"] = [email.rpartition("@")[2] for email in self.alarm_emails]
        found += [key for key, values in hosts.items() if any(PLACEHOLDER_HOST.search(v) for v in values if v)]
        if PLACEHOLDER_ID in (self.web_certificate_id, self.certificate_arn):
            found.append("web_certificate_id" if self.web_certificate_id == PLACEHOLDER_ID else "certificate_arn")
        return found


def is_china(region: str) -> bool:
    """The aws-cn partition: cn-north-1 (Beijing) and cn-northwest-1 (Ningxia)."""
    return region.startswith("cn-")


def _is_placeholder(url: str) -> bool:
    return bool(PLACEHOLDER_HOST.search(urlsplit(url).hostname or ""))


def load(stage: str, context: Mapping[str, Any]) -> StageConfig:
    """The stage's file, overlaid with `context["config_file"]` and then with single context keys."""
    if stage not in DEPLOYABLE_STAGES:
        raise StageConfigError(
            f"stage {stage!r} cannot be deployed (choose one of {', '.join(DEPLOYABLE_STAGES)}; "
            "'local' is only for chalice local)"
        )
    values: dict[str, Any] = json.loads((STAGES_DIR / f"{stage}.json").read_text(encoding="utf-8"))
    overlay = context.get("config_file")
    if overlay:
        values.update(json.loads(Path(str(overlay)).read_text(encoding="utf-8")))
    for key in values.keys() & context.keys():
        values[key] = context[key]
    config = _build(stage, values)
    if flag(context.get("strict")):
        config = replace(config, require_web_build=True)
    if flag(context.get("strict")) and config.placeholders():
        raise StageConfigError(
            f"placeholder values for {', '.join(config.placeholders())}: pass the real ones with "
            "-c key=value or -c config_file=<json outside git> (docs/deploy.md, 'Configuration')"
        )
    return config


def _build(stage: str, values: Mapping[str, Any]) -> StageConfig:
    unknown = set(values) - set(StageConfig.__dataclass_fields__)
    if unknown:
        raise StageConfigError(f"unknown keys in the {stage} configuration: {', '.join(sorted(unknown))}")
    config = StageConfig(
        stage=stage,
        region=_text(values, "region"),
        resource_prefix=_text(values, "resource_prefix"),
        token_issuer=_https(values, "token_issuer"),
        token_audience=_text(values, "token_audience"),
        jwks_url=_https(values, "jwks_url"),
        web_origins=tuple(_origin(v) for v in _list(values, "web_origins")),
        public_base_url=_https(values, "public_base_url"),
        throttle_rate_limit=_number(values, "throttle_rate_limit", float),
        throttle_burst_limit=int(_number(values, "throttle_burst_limit", int)),
        log_level=_choice(values, "log_level", LOG_LEVELS),
        metrics_namespace=_text(values, "metrics_namespace"),
        api_memory_mb=int(_choice(values, "api_memory_mb", MEMORY_SIZES)),
        retain_data=flag(values.get("retain_data")),
        alarm_emails=tuple(_list(values, "alarm_emails")),
        domain_name=str(values.get("domain_name") or ""),
        certificate_arn=str(values.get("certificate_arn") or ""),
        web_domain_name=str(values.get("web_domain_name") or ""),
        web_certificate_id=str(values.get("web_certificate_id") or ""),
        sms_sdk_app_id=str(values.get("sms_sdk_app_id") or ""),
        sms_sign_name=str(values.get("sms_sign_name") or ""),
        sms_templates=tuple(sorted(dict(values.get("sms_templates") or {}).items())),
        oidc_client_id=str(values.get("oidc_client_id") or "").strip(),
        oidc_redirect_uris=tuple(_list(values, "oidc_redirect_uris")),
        monthly_budget=_number(values, "monthly_budget", float),
        waf_rate_limit=int(_number(values, "waf_rate_limit", int)),
        waf_managed_rules=flag(values.get("waf_managed_rules", True)),
    )
    if not PREFIX.match(config.resource_prefix):
        raise StageConfigError("resource_prefix: lower-case letters, digits and '-', 3 to 41 characters")
    if not config.web_origins:
        raise StageConfigError("web_origins: at least one origin (the web front end's)")
    if config.china:
        _require_china_settings(config)
    if bool(config.domain_name) != bool(config.certificate_arn):
        raise StageConfigError("domain_name and certificate_arn: give both or neither")
    if bool(config.web_domain_name) != bool(config.web_certificate_id):
        raise StageConfigError("web_domain_name and web_certificate_id: give both or neither")
    if stage == "prod" and not config.retain_data:
        raise StageConfigError("retain_data: prod keeps its data (deletion protection, RETAIN)")
    if config.web_domain_name and f"https://{config.web_domain_name}" not in config.web_origins:
        raise StageConfigError(f"web_origins: add https://{config.web_domain_name}, the web client's origin")
    return replace(config, oidc_redirect_uris=_redirect_uris(config))


# What the China regions need before a deploy can serve anyone (docs/deploy.md, section 1), with the reason.
CHINA_REQUIRED = {
    "web_domain_name": "CloudFront in China serves no content on *.cloudfront.cn: an ICP-filed host name",
    "web_certificate_id": "CloudFront in China takes no ACM certificate: the IAM server certificate's id",
    "alarm_emails": "someone must hear the alarms: at least one address",
    "oidc_client_id": "the web client's registration at the province's issuer",
}


def _require_china_settings(config: StageConfig) -> None:
    missing = [key for key in CHINA_REQUIRED if not getattr(config, key)]
    if missing:
        reasons = "; ".join(f"{key}: {CHINA_REQUIRED[key]}" for key in missing)
        raise StageConfigError(f"required in {config.region}: {reasons}")


def _redirect_uris(config: StageConfig) -> tuple[str, ...]:
    """Given ones must come back to the client's sign-in page on one of its origins; else one per origin."""
    if not config.oidc_redirect_uris:
        return tuple(f"{origin}{CALLBACK_PATH}" for origin in config.web_origins)
    for uri in config.oidc_redirect_uris:
        parts = urlsplit(uri)
        if f"{parts.scheme}://{parts.netloc}" not in config.web_origins or parts.path != CALLBACK_PATH:
            raise StageConfigError(f"oidc_redirect_uris: {uri!r} is not <one of web_origins>{CALLBACK_PATH}")
    return config.oidc_redirect_uris


def _text(values: Mapping[str, Any], key: str) -> str:
    value = str(values.get(key) or "").strip()
    if not value:
        raise StageConfigError(f"{key}: missing")
    return value


def _https(values: Mapping[str, Any], key: str) -> str:
    value = _text(values, key)
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname:
        raise StageConfigError(f"{key}: an https:// URL, got {value!r}")
    return value


def _origin(value: str) -> str:
    parts = urlsplit(value)
    local = parts.hostname in {"localhost", "127.0.0.1"}
    if parts.scheme not in ({"https", "http"} if local else {"https"}) or not parts.hostname:
        raise StageConfigError(f"web_origins: {value!r} is not an https origin")
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        raise StageConfigError(f"web_origins: {value!r} has a path; an origin is scheme://host[:port]")
    return f"{parts.scheme}://{parts.netloc}"


def _list(values: Mapping[str, Any], key: str) -> list[str]:
    """A JSON list, or (from `-c key=a,b`) a comma-separated string, or a JSON list in a string."""
    value = values.get(key) or []
    if isinstance(value, str):
        value = json.loads(value) if value.lstrip().startswith("[") else value.split(",")
    if not isinstance(value, list):
        raise StageConfigError(f"{key}: a list")
    return [str(item).strip() for item in value if str(item).strip()]


def _number(values: Mapping[str, Any], key: str, kind: type[float] | type[int]) -> float:
    try:
        number = kind(values[key])
    except (KeyError, TypeError, ValueError):
        raise StageConfigError(f"{key}: a number") from None
    if number <= 0:
        raise StageConfigError(f"{key}: more than zero")
    return float(number)


def _choice(values: Mapping[str, Any], key: str, choices: tuple[Any, ...]) -> Any:
    value = values.get(key)
    kind = type(choices[0])
    with contextlib.suppress(TypeError, ValueError):
        value = kind(value)
    if value not in choices:
        raise StageConfigError(f"{key}: one of {', '.join(map(str, choices))}")
    return value


def flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value)
