"""The web client in the cloud: a private bucket behind its own CloudFront distribution, security headers, and the
build in web/dist deployed with its config.json. The API is not behind this distribution: it keeps its own
(regional) endpoint, the client calls it cross-origin (CORS from `web_origins`).

Why two origins (docs/deploy.md, section 10): a client route (/callback, /verify/<id>, a reloaded /search?…)
must answer index.html in every region, and the China regions have no CloudFront Functions and no Lambda@Edge
to rewrite it. What is left there is a custom error response (S3's 403 for a key it does not hold becomes
index.html with 200), which applies to the whole distribution: with the API behind it too, the API's own 403s
and 404s would become the page. With the API elsewhere they stay the API's own.

In the China regions CloudFront also rejects cache, origin-request and response-headers policies and origin
access control (infra/china.py lists each with its source): legacy `ForwardedValues` and an origin access
identity there, and the content security policy travels in index.html itself.

A nested stack of its own, so the API stack's template (and its tests) stay what they were.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from aws_cdk import Annotations, Duration, NestedStack, RemovalPolicy
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as deployment
from constructs import Construct

from infra.settings import StageConfig
from infra.web_client import (
    CLIENT_ROUTE_STATUSES,
    CONFIG_PATH,
    HASHED_ASSETS_PREFIX,
    HSTS_SECONDS,
    IMMUTABLE,
    INDEX_PATH,
    REVALIDATE,
    client_config,
    content_security_policy,
)

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
# Legacy cache settings (China): the origin's Cache-Control decides (immutable assets, no-cache pages); these
# apply only to an object without one. The query string is not forwarded: S3 ignores it.
LEGACY_TTL = {"MinTTL": 0, "DefaultTTL": 86400, "MaxTTL": 31536000}
PLACEHOLDER_INDEX = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>网页客户端尚未构建</title></head>'
    "<body><h1>网页客户端尚未构建</h1><p>部署时 web/dist 不存在：先构建网页客户端再部署。</p></body></html>"
)


class WebClientNotBuilt(RuntimeError):
    """`make deploy` without web/dist: the deploy stops instead of shipping a placeholder page."""


def build(
    scope: Construct, config: StageConfig, *, api_base_url: str, api_origin: str, attachments: s3.IBucket
) -> cloudfront.Distribution:
    """`api_base_url` is what the client calls (…/v1); `api_origin` is its scheme and host, for the CSP."""
    stack = NestedStack(scope, "WebClient", description=f"{config.resource_prefix}: 就业见习网页客户端")
    bucket = s3.Bucket(
        stack,
        "WebClientBucket",
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        encryption=s3.BucketEncryption.S3_MANAGED,  # public files; SSE-KMS would make CloudFront need the key
        enforce_ssl=True,
        minimum_tls_version=1.2,
        # The build is rebuilt from git at will; the bucket goes with the stack unless the stage keeps its data.
        removal_policy=RemovalPolicy.RETAIN if config.retain_data else RemovalPolicy.DESTROY,
    )
    policy = content_security_policy(
        connect_to=(api_origin, _origin(config.token_issuer), f"https://{attachments.bucket_regional_domain_name}"),
        frame_from=(_origin(config.token_issuer),),
    )
    distribution = cloudfront.Distribution(
        stack,
        "Distribution",
        comment=f"{config.resource_prefix} web client",
        default_root_object="index.html",
        minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        http_version=cloudfront.HttpVersion.HTTP2,
        domain_names=[config.web_domain_name] if config.web_domain_name else None,
        default_behavior=cloudfront.BehaviorOptions(
            origin=origins.S3BucketOrigin.with_origin_access_identity(bucket)
            if config.china
            else origins.S3BucketOrigin.with_origin_access_control(bucket),
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
            cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
            response_headers_policy=None if config.china else _security_headers(stack, policy),
            compress=True,
        ),
        # Every path S3 does not hold is a client route: the client's router draws it (or its own 404 page).
        error_responses=[
            cloudfront.ErrorResponse(
                http_status=status, response_http_status=200, response_page_path=INDEX_PATH, ttl=Duration.seconds(0)
            )
            for status in CLIENT_ROUTE_STATUSES
        ],
    )
    cfn = distribution.node.default_child
    assert isinstance(cfn, cloudfront.CfnDistribution)
    if config.china:
        _legacy_cache_settings(cfn)
    if config.web_domain_name:
        _use_iam_certificate(cfn, config.web_certificate_id)
    _deploy_client(stack, config, bucket, distribution, api_base_url=api_base_url, policy=policy)
    return distribution


def _legacy_cache_settings(cfn: cloudfront.CfnDistribution) -> None:
    """China's CloudFront: "The parameter CachePolicyId can't be set for this region" (aws-cdk #13584, #31033)."""
    cfn.add_property_deletion_override("DistributionConfig.DefaultCacheBehavior.CachePolicyId")
    cfn.add_property_override(
        "DistributionConfig.DefaultCacheBehavior.ForwardedValues",
        {"QueryString": False, "Cookies": {"Forward": "none"}},
    )
    for key, seconds in LEGACY_TTL.items():
        cfn.add_property_override(f"DistributionConfig.DefaultCacheBehavior.{key}", seconds)


def site_url(config: StageConfig, distribution: cloudfront.Distribution) -> str:
    host = config.web_domain_name or distribution.distribution_domain_name
    return f"https://{host}"


def _security_headers(stack: Construct, policy: str) -> cloudfront.ResponseHeadersPolicy:
    return cloudfront.ResponseHeadersPolicy(
        stack,
        "SecurityHeaders",
        comment="CSP without inline script, HSTS, no framing, nosniff, strict referrer",
        security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
            content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                content_security_policy=policy, override=True
            ),
            strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                access_control_max_age=Duration.seconds(HSTS_SECONDS), include_subdomains=True, override=True
            ),
            content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
            frame_options=cloudfront.ResponseHeadersFrameOptions(
                frame_option=cloudfront.HeadersFrameOption.DENY, override=True
            ),
            referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                referrer_policy=cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override=True
            ),
        ),
    )


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def _use_iam_certificate(cfn: cloudfront.CfnDistribution, certificate_id: str) -> None:
    """CloudFront in the China regions takes no ACM certificate: an IAM server certificate (uploaded by hand)."""
    cfn.add_property_override(
        "DistributionConfig.ViewerCertificate",
        {"IamCertificateId": certificate_id, "SslSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"},
    )


def _deploy_client(
    stack: Construct,
    config: StageConfig,
    bucket: s3.IBucket,
    distribution: cloudfront.Distribution,
    *,
    api_base_url: str,
    policy: str,
) -> None:
    """Three deployments: hashed assets cached for good; the other files and config.json revalidated; index.html
    revalidated too, carrying the content security policy (the only way it reaches a browser in China)."""
    index = DIST / "index.html"
    if index.is_file():
        build_source = deployment.Source.asset(str(DIST), exclude=[INDEX_PATH.lstrip("/")])
        page = index.read_text(encoding="utf-8")
    elif config.require_web_build:
        raise WebClientNotBuilt("web/dist/index.html is missing: build the web client first (make deploy does)")
    else:
        # Synth stays offline and works on a fresh clone; `make deploy` refuses this (require_web_build).
        Annotations.of(stack).add_warning_v2("web-dist-missing", "web/dist is missing: a placeholder page is deployed")
        build_source = deployment.Source.data("robots.txt", "User-agent: *\n")
        page = PLACEHOLDER_INDEX
    config_file = deployment.Source.json_data(
        CONFIG_PATH.lstrip("/"), client_config(api_base_url, config.token_issuer, config.oidc_client_id)
    )
    assets = HASHED_ASSETS_PREFIX.strip("/") + "/*"
    # prune=False: the pages of the previous build may still ask for its assets.
    common: dict[str, Any] = {"destination_bucket": bucket, "prune": False}
    deployment.BucketDeployment(
        stack,
        "DeployAssets",
        sources=[build_source],
        include=[assets],
        exclude=["*"],
        cache_control=[deployment.CacheControl.from_string(IMMUTABLE)],
        **common,
    )
    deployment.BucketDeployment(
        stack,
        "DeployFiles",
        sources=[build_source, config_file],
        exclude=[assets],
        cache_control=[deployment.CacheControl.from_string(REVALIDATE)],
        distribution=distribution,
        distribution_paths=[CONFIG_PATH],
        **common,
    )
    deployment.BucketDeployment(
        stack,
        "DeployIndex",
        sources=[deployment.Source.data(INDEX_PATH.lstrip("/"), with_policy(page, policy))],
        cache_control=[deployment.CacheControl.from_string(REVALIDATE)],
        content_type="text/html; charset=utf-8",
        distribution=distribution,
        distribution_paths=["/", INDEX_PATH],
        **common,
    )


def with_policy(page: str, policy: str) -> str:
    """index.html with the CSP as a meta element, right after the charset (which must stay in the first 1024
    bytes), before anything that loads; a browser ignores frame-ancestors there: the headers policy says it
    outside China."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=True)}">'
    anchor = r"<meta charset[^>]*>" if re.search(r"<meta charset", page, re.IGNORECASE) else r"<head[^>]*>"
    return re.sub(anchor, lambda m: f"{m.group(0)}{meta}", page, count=1, flags=re.IGNORECASE)
