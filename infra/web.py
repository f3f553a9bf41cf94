"""The web client in the cloud: a private bucket behind CloudFront (origin access control), `/v1/*` sent to the
API on the same origin, security headers on every answer, and the build in web/dist deployed with its config.json.

A nested stack of its own, so the API stack's template (and its tests) stay what they were; docs/deploy.md says
what the China regions need (an ICP-filed domain and an IAM server certificate).
"""

from __future__ import annotations

from pathlib import Path

from aws_cdk import Annotations, Duration, NestedStack, RemovalPolicy
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as deployment
from constructs import Construct

from infra.settings import StageConfig
from infra.web_client import (
    CONFIG_PATH,
    HASHED_ASSETS_PREFIX,
    HSTS_SECONDS,
    IMMUTABLE,
    REVALIDATE,
    client_config,
    content_security_policy,
)

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
API_PATTERN = "/v1/*"
# Public API answers say `public, max-age=60` (search, regions, 扫码验真): CloudFront keeps them that long at
# most; everything else says no-store and is never kept. The token is part of the key, so no answer to one
# caller is ever served to another.
API_MAX_TTL = Duration.seconds(60)
# A path without a file extension is a route of the client (/verify/<id>, /search?city=…): it gets index.html.
# An error response cannot do this: it would apply to /v1/* too and turn the API's 403s and 404s into pages.
SPA_ROUTES = """function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) { request.uri = '/index.html'; }
  return request;
}"""
PLACEHOLDER_INDEX = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>网页客户端尚未构建</title></head>'
    "<body><h1>网页客户端尚未构建</h1><p>部署时 web/dist 不存在：先构建网页客户端再部署。</p></body></html>"
)


def build(
    scope: Construct, config: StageConfig, rest_api: apigw.RestApiBase, attachments: s3.IBucket
) -> cloudfront.Distribution:
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
    headers = _security_headers(stack, config, attachments)
    china = config.region.startswith("cn-")
    distribution = cloudfront.Distribution(
        stack,
        "Distribution",
        comment=f"{config.resource_prefix} web client",
        default_root_object="index.html",
        minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        http_version=cloudfront.HttpVersion.HTTP2,
        domain_names=[config.web_domain_name] if config.web_domain_name else None,
        default_behavior=cloudfront.BehaviorOptions(
            # CloudFormation in the China regions has neither OriginAccessControl nor CloudFront Functions
            # (cfn-lint's region specifications; tests/infra/test_web.py): an origin access identity there.
            origin=origins.S3BucketOrigin.with_origin_access_identity(bucket)
            if china
            else origins.S3BucketOrigin.with_origin_access_control(bucket),
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
            response_headers_policy=headers,
            compress=True,
            function_associations=None if china else [_spa_routes(stack)],
        ),
        additional_behaviors={API_PATTERN: _api_behavior(stack, rest_api, headers)},
    )
    if config.web_domain_name:
        _use_iam_certificate(distribution, config.web_certificate_id)
    _deploy_client(stack, config, bucket, distribution)
    return distribution


def _spa_routes(stack: Construct) -> cloudfront.FunctionAssociation:
    function = cloudfront.Function(
        stack,
        "SpaRoutes",
        code=cloudfront.FunctionCode.from_inline(SPA_ROUTES),
        runtime=cloudfront.FunctionRuntime.JS_2_0,
        comment="client routes answer index.html",
    )
    return cloudfront.FunctionAssociation(function=function, event_type=cloudfront.FunctionEventType.VIEWER_REQUEST)


def site_url(config: StageConfig, distribution: cloudfront.Distribution) -> str:
    host = config.web_domain_name or distribution.distribution_domain_name
    return f"https://{host}"


def _api_behavior(
    stack: Construct, rest_api: apigw.RestApiBase, headers: cloudfront.IResponseHeadersPolicy
) -> cloudfront.BehaviorOptions:
    cache = cloudfront.CachePolicy(
        stack,
        "ApiCache",
        comment="the API's own Cache-Control decides; the bearer token is part of the key",
        default_ttl=Duration.seconds(0),
        min_ttl=Duration.seconds(0),
        max_ttl=API_MAX_TTL,
        header_behavior=cloudfront.CacheHeaderBehavior.allow_list("Authorization", "Accept"),
        query_string_behavior=cloudfront.CacheQueryStringBehavior.all(),
        cookie_behavior=cloudfront.CacheCookieBehavior.none(),
        enable_accept_encoding_gzip=True,
        enable_accept_encoding_brotli=True,
    )
    return cloudfront.BehaviorOptions(
        origin=origins.RestApiOrigin(rest_api),
        viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
        cache_policy=cache,
        # Every viewer header but Host (API Gateway routes by its own host name): Idempotency-Key, Content-Type…
        origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        response_headers_policy=headers,
        compress=True,
    )


def _security_headers(
    stack: Construct, config: StageConfig, attachments: s3.IBucket
) -> cloudfront.ResponseHeadersPolicy:
    storage = f"https://{attachments.bucket_regional_domain_name}"
    policy = content_security_policy(
        connect_to=(_origin(config.token_issuer), storage), frame_from=(_origin(config.token_issuer),)
    )
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


def _use_iam_certificate(distribution: cloudfront.Distribution, certificate_id: str) -> None:
    """CloudFront in the China regions takes no ACM certificate: an IAM server certificate (uploaded by hand)."""
    cfn = distribution.node.default_child
    assert isinstance(cfn, cloudfront.CfnDistribution)
    cfn.add_property_override(
        "DistributionConfig.ViewerCertificate",
        {"IamCertificateId": certificate_id, "SslSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"},
    )


def _deploy_client(
    stack: Construct, config: StageConfig, bucket: s3.IBucket, distribution: cloudfront.Distribution
) -> None:
    """Two deployments: hashed assets cached for good, the rest (index.html, config.json) revalidated."""
    if (DIST / "index.html").is_file():
        build_source = deployment.Source.asset(str(DIST))
    else:
        # Synth stays offline and works on a fresh clone; a deploy from here would show this page.
        Annotations.of(stack).add_warning_v2("web-dist-missing", "web/dist is missing: a placeholder page is deployed")
        build_source = deployment.Source.data("index.html", PLACEHOLDER_INDEX)
    config_file = deployment.Source.json_data(
        CONFIG_PATH.lstrip("/"), client_config(f"{site_url(config, distribution)}/v1", config.token_issuer)
    )
    assets = HASHED_ASSETS_PREFIX.strip("/") + "/*"
    deployment.BucketDeployment(
        stack,
        "DeployAssets",
        sources=[build_source],
        destination_bucket=bucket,
        include=[assets],
        exclude=["*"],
        cache_control=[deployment.CacheControl.from_string(IMMUTABLE)],
        prune=False,  # the pages of the previous build may still ask for its assets
    )
    deployment.BucketDeployment(
        stack,
        "DeployPages",
        sources=[build_source, config_file],
        destination_bucket=bucket,
        exclude=[assets],
        cache_control=[deployment.CacheControl.from_string(REVALIDATE)],
        prune=False,
        distribution=distribution,
        distribution_paths=["/index.html", CONFIG_PATH],
    )
