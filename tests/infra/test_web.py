"""The web client's nested stack: a private bucket read only by CloudFront, /v1/* to the API on the same origin,
the security headers, the client routes, the build and its config.json deployed; cfn-lint in every region."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import Synth
from .test_cfn_lint import IGNORED, _cfn_lint


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


def test_v1_goes_to_the_api_on_the_same_origin_uncached_unless_it_says_so(commercial: Synth) -> None:
    config = distribution(commercial)
    (behavior,) = config["CacheBehaviors"]
    assert behavior["PathPattern"] == "/v1/*"
    assert behavior["ViewerProtocolPolicy"] == "https-only"
    assert set(behavior["AllowedMethods"]) == {"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}
    (api_origin,) = [o for o in config["Origins"] if o["Id"] == behavior["TargetOriginId"]]
    assert "execute-api" in json.dumps(api_origin["DomainName"])
    policy = commercial.one("AWS::CloudFront::CachePolicy")["Properties"]["CachePolicyConfig"]
    assert (policy["DefaultTTL"], policy["MinTTL"], policy["MaxTTL"]) == (0, 0, 60)
    key = policy["ParametersInCacheKeyAndForwardedToOrigin"]
    assert "Authorization" in key["HeadersConfig"]["Headers"]  # no caller is ever served another's answer
    assert key["QueryStringsConfig"]["QueryStringBehavior"] == "all"


def test_every_answer_carries_the_security_headers(commercial: Synth) -> None:
    (policy_id,) = commercial.resources("AWS::CloudFront::ResponseHeadersPolicy")
    config = distribution(commercial)
    for behavior in (config["DefaultCacheBehavior"], *config["CacheBehaviors"]):
        assert behavior["ResponseHeadersPolicyId"] == {"Ref": policy_id}
    headers = commercial.one("AWS::CloudFront::ResponseHeadersPolicy")["Properties"]["ResponseHeadersPolicyConfig"]
    security = headers["SecurityHeadersConfig"]
    csp = json.dumps(security["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp.split("style-src")[0] and "unsafe-eval" not in csp
    assert "https://login.shanxi.invalid" in csp  # the issuer: token requests and silent renew
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert security["ContentTypeOptions"] == {"Override": True}
    assert security["FrameOptions"]["FrameOption"] == "DENY"
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == "strict-origin-when-cross-origin"


def test_client_routes_answer_index_html_without_touching_the_api(commercial: Synth) -> None:
    config = distribution(commercial)
    assert "CustomErrorResponses" not in config  # they would turn the API's 403s and 404s into pages
    (association,) = config["DefaultCacheBehavior"]["FunctionAssociations"]
    assert association["EventType"] == "viewer-request"
    assert "FunctionAssociations" not in config["CacheBehaviors"][0]
    code = commercial.one("AWS::CloudFront::Function")["Properties"]["FunctionCode"]
    assert "/index.html" in code


def test_the_build_and_config_json_are_deployed_with_their_cache_rules(commercial: Synth) -> None:
    deployments = commercial.resources("Custom::CDKBucketDeployment")
    assert len(deployments) == 2
    metadata = [json.dumps(d["Properties"]) for d in deployments.values()]
    assert any("immutable" in m and "assets/*" in m for m in metadata)
    pages = [d["Properties"] for d in deployments.values() if "no-cache" in json.dumps(d["Properties"])]
    (page,) = pages
    assert "DistributionId" in page  # a deploy invalidates index.html and config.json
    assert page["Prune"] is False


def test_config_json_names_the_same_origin_api_and_the_issuer(commercial: Synth, prod: Synth) -> None:
    (config_file,) = commercial.template_path.parent.glob("asset.*/config.json")
    text = config_file.read_text()
    assert '"issuer":"https://login.shanxi.invalid/realms/internship"' in text
    assert '"clientId":"shanxi-internship-web"' in text
    (page,) = [d for d in commercial.resources("Custom::CDKBucketDeployment").values() if "no-cache" in json.dumps(d)]
    # apiBaseUrl is filled in at deploy time: https://<the distribution's host>/v1, the same origin.
    assert "/v1" in json.dumps(page["Properties"]["SourceMarkers"])
    assert "WebClientUrl" in prod.template["Outputs"]


@pytest.mark.parametrize("region", ["cn-north-1", "cn-northwest-1", "us-east-1"])
def test_cfn_lint_passes_on_the_web_template(synthesize: Callable[..., Synth], region: str) -> None:
    web = nested(synthesize("prod", region))
    result = subprocess.run(
        [_cfn_lint(), "--regions", region, "--ignore-checks", *IGNORED, "--", str(web.template_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
