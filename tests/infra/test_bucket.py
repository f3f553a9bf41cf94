"""The attachments bucket: private, encrypted with the stack's key, TLS only, browser uploads from the web origins,
and unconfirmed uploads gone after a day."""

from __future__ import annotations

from aws_cdk.assertions import Match

from .conftest import Synth


def test_all_public_access_blocked_and_acls_disabled(prod: Synth) -> None:
    prod.assertions().has_resource_properties(
        "AWS::S3::Bucket",
        {
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        },
    )


def test_encrypted_with_the_stacks_key(prod: Synth) -> None:
    (key_id,) = prod.resources("AWS::KMS::Key")
    prod.assertions().has_resource_properties(
        "AWS::S3::Bucket",
        {
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    {
                        "BucketKeyEnabled": True,
                        "ServerSideEncryptionByDefault": {
                            "SSEAlgorithm": "aws:kms",
                            "KMSMasterKeyID": {"Fn::GetAtt": [key_id, "Arn"]},
                        },
                    }
                ]
            }
        },
    )


def test_policy_denies_every_request_without_tls(prod: Synth) -> None:
    (bucket_id,) = prod.resources("AWS::S3::Bucket")
    prod.assertions().has_resource_properties(
        "AWS::S3::BucketPolicy",
        {
            "Bucket": {"Ref": bucket_id},
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        {
                            "Effect": "Deny",
                            "Principal": {"AWS": "*"},
                            "Action": "s3:*",
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            "Resource": Match.any_value(),
                        }
                    ]
                )
            },
        },
    )


def test_cors_lets_the_web_origins_post_and_get_and_nothing_else(prod: Synth, synthesize) -> None:
    bucket = prod.one("AWS::S3::Bucket")["Properties"]
    (rule,) = bucket["CorsConfiguration"]["CorsRules"]
    assert sorted(rule["AllowedMethods"]) == ["GET", "POST"]
    assert rule["AllowedOrigins"] == ["https://internship.shanxi.invalid"]

    custom = synthesize(
        "prod",
        "cn-north-1",
        web_origins="https://a.example.cn,https://b.example.cn",
        web_domain_name="a.example.cn",
    )
    (rule,) = custom.one("AWS::S3::Bucket")["Properties"]["CorsConfiguration"]["CorsRules"]
    assert rule["AllowedOrigins"] == ["https://a.example.cn", "https://b.example.cn"]


def test_unconfirmed_uploads_expire_after_a_day_and_multipart_leftovers_are_aborted(prod: Synth) -> None:
    rules = prod.one("AWS::S3::Bucket")["Properties"]["LifecycleConfiguration"]["Rules"]
    enabled = [r for r in rules if r["Status"] == "Enabled"]
    assert {"Prefix": "incoming/", "ExpirationInDays": 1} in [
        {k: r[k] for k in ("Prefix", "ExpirationInDays") if k in r} for r in enabled
    ]
    assert any(r.get("AbortIncompleteMultipartUpload") == {"DaysAfterInitiation": 1} for r in enabled)
    # Nothing expires confirmed files.
    assert all(r.get("Prefix") == "incoming/" for r in enabled if "ExpirationInDays" in r)


def test_bucket_outlives_the_stack(prod: Synth, dev: Synth) -> None:
    for synth in (prod, dev):
        assert synth.one("AWS::S3::Bucket")["DeletionPolicy"] == "Retain"
