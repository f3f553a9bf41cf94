"""What the China regions (cn-north-1, cn-northwest-1; partition aws-cn) reject, each with where we learnt it.

cfn-lint passing says the resource types exist there, not that China's services accept their properties: this
list is checked on the synthesized templates (tests/infra/test_china.py), and a test puts each entry back to
show the check catches it. Add an entry with its source when a deploy or a page shows another; remove one only
with a source that says China has it now.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

CLOUDFRONT_CHINA = "https://docs.amazonaws.cn/en_us/aws/latest/userguide/cloudfront.html"
CACHE_POLICY_ISSUES = (
    "aws/aws-cdk#13584, aws/aws-cdk#31033 ('The parameter CachePolicyId can't be set for this region')"
)
MANAGED_POLICIES = "awslabs/aws-saas-boost#387 (managed cache and origin request policies not supported in China)"
NO_SOURCE_FOR_CHINA = "no China page or deploy report says China's CloudFront has it: kept out until one does"
OAC_CHINA = "cfn-lint region specifications (E3006 in cn-north-1 and cn-northwest-1); aws-solutions-constructs#1050"
LAMBDA_CHINA = "https://docs.amazonaws.cn/en_us/aws/latest/userguide/lambda.html (X-Ray integration not available)"
APIGW_CHINA = "https://docs.amazonaws.cn/en_us/aws/latest/userguide/api-gateway.html (edge-optimized endpoints)"
COGNITO_CHINA = "https://docs.amazonaws.cn/en_us/aws/latest/userguide/cognito.html (no user pools)"

DISTRIBUTION = "AWS::CloudFront::Distribution"
BEHAVIORS = ("DistributionConfig.DefaultCacheBehavior", "DistributionConfig.CacheBehaviors.*")


@dataclass(frozen=True)
class Forbidden:
    resource_type: str
    path: str  # dotted, `*` for every element of a list; "" for the resource type itself
    source: str
    value: Any = None  # None: any value is refused; else only this one (or a list holding it)

    def __str__(self) -> str:
        where = f"{self.resource_type} {self.path}".strip()
        return f"{where}{'' if self.value is None else f' = {self.value!r}'} ({self.source})"


@dataclass(frozen=True)
class Required:
    """A property whose absence means a default China refuses (EDGE endpoints, the *.cloudfront.cn domain)."""

    resource_type: str
    path: str
    source: str

    def __str__(self) -> str:
        return f"{self.resource_type} {self.path} missing ({self.source})"


FORBIDDEN: tuple[Forbidden, ...] = (
    *(Forbidden(DISTRIBUTION, f"{b}.CachePolicyId", CACHE_POLICY_ISSUES) for b in BEHAVIORS),
    *(Forbidden(DISTRIBUTION, f"{b}.OriginRequestPolicyId", MANAGED_POLICIES) for b in BEHAVIORS),
    *(Forbidden(DISTRIBUTION, f"{b}.ResponseHeadersPolicyId", NO_SOURCE_FOR_CHINA) for b in BEHAVIORS),
    *(Forbidden(DISTRIBUTION, f"{b}.FunctionAssociations", CLOUDFRONT_CHINA) for b in BEHAVIORS),
    *(Forbidden(DISTRIBUTION, f"{b}.LambdaFunctionAssociations", CLOUDFRONT_CHINA) for b in BEHAVIORS),
    Forbidden(DISTRIBUTION, "DistributionConfig.Origins.*.OriginAccessControlId", OAC_CHINA),
    Forbidden(DISTRIBUTION, "DistributionConfig.ViewerCertificate.AcmCertificateArn", CLOUDFRONT_CHINA),
    Forbidden(DISTRIBUTION, "DistributionConfig.ViewerCertificate.CloudFrontDefaultCertificate", CLOUDFRONT_CHINA),
    Forbidden("AWS::CloudFront::CachePolicy", "", CACHE_POLICY_ISSUES),
    Forbidden("AWS::CloudFront::OriginRequestPolicy", "", MANAGED_POLICIES),
    Forbidden("AWS::CloudFront::ResponseHeadersPolicy", "", NO_SOURCE_FOR_CHINA),
    Forbidden("AWS::CloudFront::Function", "", CLOUDFRONT_CHINA),
    Forbidden("AWS::CloudFront::OriginAccessControl", "", OAC_CHINA),
    Forbidden("AWS::Lambda::Function", "TracingConfig.Mode", LAMBDA_CHINA, value="Active"),
    Forbidden("AWS::ApiGateway::RestApi", "EndpointConfiguration.Types", APIGW_CHINA, value="EDGE"),
    Forbidden("AWS::ApiGateway::DomainName", "EndpointConfiguration.Types", APIGW_CHINA, value="EDGE"),
    Forbidden("AWS::ApiGateway::DomainName", "CertificateArn", f"{APIGW_CHINA}: the edge certificate property"),
    Forbidden("AWS::Cognito::UserPool", "", COGNITO_CHINA),
)
REQUIRED: tuple[Required, ...] = (
    Required("AWS::ApiGateway::RestApi", "EndpointConfiguration.Types", f"{APIGW_CHINA}: EDGE is the default"),
    Required(DISTRIBUTION, "DistributionConfig.Aliases", f"{CLOUDFRONT_CHINA}: an ICP-filed CNAME"),
    Required(DISTRIBUTION, "DistributionConfig.ViewerCertificate.IamCertificateId", CLOUDFRONT_CHINA),
)


def values_at(node: Any, path: str) -> Iterator[Any]:
    """Every value at `path` under `node` (`*` fans out over a list); nothing when the path is absent."""
    if not path:
        yield node
        return
    head, _, rest = path.partition(".")
    if head == "*":
        for item in node if isinstance(node, list) else ():
            yield from values_at(item, rest)
    elif isinstance(node, Mapping) and head in node:
        yield from values_at(node[head], rest)


def _matches(found: Any, value: Any) -> bool:
    return value is None or found == value or (isinstance(found, list) and value in found)


def violations(templates: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """What China would refuse in these templates (by file name), one line each naming the rule's source."""
    found = []
    for name, template in templates.items():
        for logical_id, resource in template.get("Resources", {}).items():
            kind, props = resource["Type"], resource.get("Properties", {})
            for rule in FORBIDDEN:
                if kind == rule.resource_type and any(_matches(v, rule.value) for v in values_at(props, rule.path)):
                    found.append(f"{name} {logical_id}: {rule}")
            for need in REQUIRED:
                if kind == need.resource_type and not list(values_at(props, need.path)):
                    found.append(f"{name} {logical_id}: {need}")
    return found
