"""The web client's nested stack: a private bucket read only by CloudFront, the API on its own origin,
the security headers, the client routes walked against the distribution's rules, the build and its config.json
deployed (cfn-lint runs on this template with the stack's, test_cfn_lint.py)."""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import Synth


def nested(synth: Synth) -> Synth:
    (path,) = synth.template_path.parent.glob("*WebClient*.nested.template.json")
    template = json.loads(path.read_text(encoding="utf-8"))
    return Synth(synth.stage, synth.region, path, template, synth.termination_protection)


@pytest.fixture(scope="module")
def china(prod: Synth) -> Synth:
    return nested(prod)


@pytest.fixture(scope="module")
def commercial(synthesize: Callable[..., Synth]) -> Synth:
    return nested(synthesize("prod", "us-east-1"))


def distribution(web: Synth) -> dict[str, Any]:
    config: dict[str, Any] = web.one("AWS::CloudFront::Distribution")["Properties"]["DistributionConfig"]
    return config


def test_the_bucket_is_private_and_tls_only(china: Synth, commercial: Synth) -> None:
    for web in (china, commercial):
        bucket = web.one("AWS::S3::Bucket")["Properties"]
        assert bucket["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        }
        assert "WebsiteConfiguration" not in bucket
        statements = web.one("AWS::S3::BucketPolicy")["Properties"]["PolicyDocument"]["Statement"]
        allowed = [s for s in statements if s["Effect"] == "Allow"]
        assert [s["Action"] for s in allowed] == ["s3:GetObject"]
        assert all(s["Principal"] != {"AWS": "*"} and s["Principal"] != "*" for s in allowed)


def test_cloudfront_reads_the_bucket_through_origin_access_control(commercial: Synth) -> None:
    (origin,) = [o for o in distribution(commercial)["Origins"] if "S3OriginConfig" in o]
    (oac_id,) = commercial.resources("AWS::CloudFront::OriginAccessControl")
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": [oac_id, "Id"]}
    (allowed,) = [
        s
        for s in commercial.one("AWS::S3::BucketPolicy")["Properties"]["PolicyDocument"]["Statement"]
        if s["Effect"] == "Allow"
    ]
    assert allowed["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert "AWS:SourceArn" in allowed["Condition"]["StringEquals"]


def test_in_china_an_origin_access_identity_because_cloudformation_there_has_no_oac(china: Synth) -> None:
    assert not china.resources("AWS::CloudFront::OriginAccessControl")
    assert not china.resources("AWS::CloudFront::Function")
    (identity_id,) = china.resources("AWS::CloudFront::CloudFrontOriginAccessIdentity")
    (origin,) = [o for o in distribution(china)["Origins"] if "S3OriginConfig" in o]
    assert identity_id in json.dumps(origin["S3OriginConfig"])


def test_the_api_is_not_behind_the_distribution_so_its_answers_stay_its_own(china: Synth, commercial: Synth) -> None:
    """Custom error responses apply to a whole distribution: with /v1/* behind it, the API's 404 would become
    index.html. Here only the bucket is behind it, in every region."""
    for web in (china, commercial):
        config = distribution(web)
        assert "CacheBehaviors" not in config
        assert all("S3OriginConfig" in origin for origin in config["Origins"])
        assert "execute-api" not in json.dumps(config)
        assert config["DefaultCacheBehavior"]["AllowedMethods"] == ["GET", "HEAD"]


def test_in_china_legacy_cache_settings_and_no_policies(china: Synth) -> None:
    behavior = distribution(china)["DefaultCacheBehavior"]
    assert behavior["ForwardedValues"] == {"QueryString": False, "Cookies": {"Forward": "none"}}
    assert not {"CachePolicyId", "OriginRequestPolicyId", "ResponseHeadersPolicyId"} & set(behavior)
    assert behavior["Compress"] is True


def test_every_answer_carries_the_security_headers(commercial: Synth) -> None:
    (policy_id,) = commercial.resources("AWS::CloudFront::ResponseHeadersPolicy")
    assert distribution(commercial)["DefaultCacheBehavior"]["ResponseHeadersPolicyId"] == {"Ref": policy_id}
    headers = commercial.one("AWS::CloudFront::ResponseHeadersPolicy")["Properties"]["ResponseHeadersPolicyConfig"]
    security = headers["SecurityHeadersConfig"]
    csp = json.dumps(security["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp.split("style-src")[0] and "unsafe-eval" not in csp
    assert "https://login.shanxi.invalid" in csp  # the issuer: token requests and silent renew
    assert "execute-api" in csp  # the API, now on its own origin
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert security["ContentTypeOptions"] == {"Override": True}
    assert security["FrameOptions"]["FrameOption"] == "DENY"
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == "strict-origin-when-cross-origin"


def test_in_china_the_content_security_policy_travels_in_index_html(china: Synth) -> None:
    (index,) = [p for p in china.template_path.parent.glob("asset.*/index.html")]
    page = index.read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src &#x27;self&#x27;' in page
    assert page.index("Content-Security-Policy") < page.index("</head>")
    if "<meta charset" in page.lower():  # the built client: the charset stays first
        assert page.lower().index("<meta charset") < page.index("Content-Security-Policy")


# What a built client holds (Vite's output) and the routes a person reaches by link, reload or sign-in.
BUILT = {"index.html", "config.json", "favicon.svg", "assets/index-3f9a1c.js", "assets/index-77b2e0.css"}
CLIENT_ROUTES = (
    "/callback?code=x&state=y",
    "/verify/0123456789abcdef0123456789abcdef",
    "/search?city=140100",
    "/positions/4f3c2a",
    "/me/applications",
    "/",
)


def answer(config: dict[str, Any], keys: set[str], url: str) -> tuple[int, str]:
    """What CloudFront answers for `url` by the distribution's own rules: its behaviour's origin, S3's answer
    through an origin identity without s3:ListBucket (403 for a key it does not hold), the error responses."""
    path = url.split("?", 1)[0]
    patterns = [b for b in config.get("CacheBehaviors", []) if fnmatch.fnmatchcase(path, b["PathPattern"])]
    behavior = patterns[0] if patterns else config["DefaultCacheBehavior"]
    (origin,) = [o for o in config["Origins"] if o["Id"] == behavior["TargetOriginId"]]
    assert "S3OriginConfig" in origin, "only the bucket is behind the distribution"
    key = config["DefaultRootObject"] if path == "/" else path.lstrip("/")
    if key in keys:
        return 200, key
    for error in config.get("CustomErrorResponses", []):
        if error["ErrorCode"] == 403:
            return int(error["ResponseCode"]), error["ResponsePagePath"].lstrip("/")
    return 403, ""


@pytest.mark.parametrize("region", ["cn-north-1", "cn-northwest-1", "us-east-1"])
def test_every_client_route_answers_index_html_in_every_region(synthesize: Callable[..., Synth], region: str) -> None:
    web = nested(synthesize("prod", region))
    config = distribution(web)
    for url in CLIENT_ROUTES:
        assert answer(config, BUILT, url) == (200, "index.html"), url
    assert answer(config, BUILT, "/assets/index-3f9a1c.js") == (200, "assets/index-3f9a1c.js")
    assert answer(config, BUILT, "/config.json") == (200, "config.json")
    statements = web.one("AWS::S3::BucketPolicy")["Properties"]["PolicyDocument"]["Statement"]
    assert "s3:ListBucket" not in json.dumps(statements)  # so S3 answers 403, which the rules map


def test_the_build_and_config_json_are_deployed_with_their_cache_rules(commercial: Synth) -> None:
    deployments = commercial.resources("Custom::CDKBucketDeployment")
    assert len(deployments) == 3
    metadata = [json.dumps(d["Properties"]) for d in deployments.values()]
    assert any("immutable" in m and "assets/*" in m for m in metadata)
    pages = [d["Properties"] for d in deployments.values() if "no-cache" in json.dumps(d["Properties"])]
    assert len(pages) == 2
    for page in pages:
        assert "DistributionId" in page  # a deploy invalidates index.html and config.json
        assert page["Prune"] is False


def test_config_json_names_the_apis_own_url_the_issuer_and_the_client_id(commercial: Synth, prod: Synth) -> None:
    web = commercial
    (config_file,) = web.template_path.parent.glob("asset.*/config.json")
    text = config_file.read_text()
    assert '"issuer":"https://login.shanxi.invalid/realms/internship"' in text
    assert '"clientId":"shanxi-internship-web"' in text  # oidc_client_id of infra/stages/prod.json
    (files,) = [d for d in web.resources("Custom::CDKBucketDeployment").values() if "config.json" in json.dumps(d)]
    # apiBaseUrl is filled in at deploy time: the API stage's own URL (or its custom domain), never the site's.
    assert "execute-api" in json.dumps(files["Properties"]["SourceMarkers"])
    outputs = prod.template["Outputs"]
    assert {"WebClientUrl", "WebDistributionDomainName", "OidcRedirectUris", "ApiUrl"} <= set(outputs)
    assert outputs["OidcRedirectUris"]["Value"] == "https://internship.shanxi.invalid/callback"
    assert "DomainName" in json.dumps(outputs["WebDistributionDomainName"]["Value"])


def test_a_deploy_without_the_built_client_stops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from infra import web
    from infra.__main__ import BUNDLING_STACKS, build

    monkeypatch.setattr(web, "DIST", tmp_path / "dist")  # no web/dist, as on a fresh clone
    real = {
        "token_issuer": "https://id.shanxi.gov.cn/realms/rs",
        "jwks_url": "https://id.shanxi.gov.cn/realms/rs/certs",
        "public_base_url": "https://jyjx.shanxi.gov.cn",
        "web_origins": ["https://jyjx.shanxi.gov.cn"],
        "web_domain_name": "jyjx.shanxi.gov.cn",
        "web_certificate_id": "ASCAJ4EXAMPLEEXAMPLE",
        "alarm_emails": ["jyjx-oncall@rst.shanxi.gov.cn"],
    }
    overlay = tmp_path / "prod.json"
    overlay.write_text(json.dumps(real))
    context = {"stage": "prod", "strict": "true", "config_file": str(overlay), BUNDLING_STACKS: []}
    with pytest.raises(web.WebClientNotBuilt, match="build the web client first"):
        build(context, outdir=str(tmp_path / "out"))
