"""SMS in the cloud: the Tencent Cloud SMS credentials' secret, and what the sender reads from its environment.

The secret is created empty-shaped here and filled by the operator (docs/deploy.md, "SMS"): a JSON object
`{"secret_id": "AKID…", "secret_key": "…"}` of a CAM sub-user allowed `sms:SendSms` only. The SDK app id,
the signature name (签名) and the template ids (模板, one per notice kind) come from the stage's configuration;
until they are set, SMS_GATEWAY is left unset and the sender's batches fail into its dead-letter queue, whose
alarm says so: no text is lost, none is sent half-configured.
"""

from __future__ import annotations

import json

from aws_cdk import RemovalPolicy
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.settings import StageConfig

# The functions that send texts read the secret; only they get GetSecretValue on it (infra/api.py).
SECRET_ACTIONS = ("secretsmanager:GetSecretValue",)


def credentials_secret(scope: Construct, config: StageConfig) -> secretsmanager.Secret:
    return secretsmanager.Secret(
        scope,
        "TencentSmsCredentials",
        secret_name=f"{config.resource_prefix}/tencent-sms",
        description='Tencent Cloud SMS API key of a CAM sub-user with sms:SendSms: {"secret_id", "secret_key"}',
        generate_secret_string=secretsmanager.SecretStringGenerator(
            secret_string_template=json.dumps({"secret_id": "set-me"}),
            generate_string_key="secret_key",
            exclude_punctuation=True,
        ),
        removal_policy=RemovalPolicy.RETAIN if config.retain_data else RemovalPolicy.DESTROY,
    )


def environment(config: StageConfig, secret: secretsmanager.ISecret) -> dict[str, str]:
    """The sender's settings (chalicelib/adapters/tencent_sms.py reads them)."""
    env = {
        "TENCENT_SMS_SECRET_ARN": secret.secret_arn,
        "TENCENT_SMS_SDK_APP_ID": config.sms_sdk_app_id,
        "TENCENT_SMS_SIGN_NAME": config.sms_sign_name,
        "TENCENT_SMS_TEMPLATES": json.dumps(dict(config.sms_templates), ensure_ascii=False, sort_keys=True),
    }
    if config.sms_sdk_app_id and config.sms_sign_name and config.sms_templates:
        env["SMS_GATEWAY"] = "tencent"
    return env
