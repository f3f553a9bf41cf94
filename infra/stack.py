"""One stack per stage: storage, the API and its schedule, alarms. Nothing in it names an account or a partition."""

from __future__ import annotations

from aws_cdk import CfnOutput, Environment, Stack, Tags
from chalice.app import Chalice
from constructs import Construct

from infra import alarms, api, operations, storage, web
from infra.settings import StageConfig


class InternshipStack(Stack):
    def __init__(self, scope: Construct, config: StageConfig, app: Chalice, *, account: str | None = None) -> None:
        super().__init__(
            scope,
            config.stack_name,
            env=Environment(account=account, region=config.region),
            description=f"山西省人社公共服务平台 · 就业见习 API ({config.stage})",
            # No CDK usage metadata: the template holds only what the service needs.
            analytics_reporting=False,
            termination_protection=config.retain_data,
        )
        Tags.of(self).add("project", "shanxi-internship")
        Tags.of(self).add("stage", config.stage)
        data = storage.build(self, config)
        service = api.build(self, config, data, app)
        topic = alarms.build(self, config, data, service)
        operations.budget(self, config, topic)
        operations.dashboard(self, config, data, service)
        operations.web_acl(self, config, service)
        api_base_url, api_origin = api.public_url(self, config, service)
        CfnOutput(self, "ApiUrl", value=api_base_url, description="The API's base URL, as the web client calls it")
        site = web.build(self, config, api_base_url=api_base_url, api_origin=api_origin, attachments=data.bucket)
        CfnOutput(self, "WebClientUrl", value=web.site_url(config, site), description="The web client")
        CfnOutput(
            self,
            "WebDistributionDomainName",
            value=site.distribution_domain_name,
            description="Point the web client's ICP-filed host name (web_domain_name) here with a CNAME",
        )
        CfnOutput(
            self,
            "OidcRedirectUris",
            value=" ".join(config.oidc_redirect_uris),
            description=f"Register these for client {config.oidc_client_id} at the issuer",
        )
        CfnOutput(self, "AttachmentsBucketName", value=data.bucket.bucket_name)
        CfnOutput(self, "AlarmTopicArn", value=topic.topic_arn, description="Subscribe the on-call channel here")
        for name, table in data.tables.items():
            CfnOutput(self, f"{name.title()}TableName", value=table.table_name)
