"""The environment of the local stack (`make dev`, the tests): the tables, bucket, issuer and secrets the
deployment sets per stage. Plain data, importable where boto3 must not be (the offline service tests)."""

from __future__ import annotations

LOCAL_ENVIRONMENT = {
    "STAGE": "local",
    "AWS_DEFAULT_REGION": "cn-north-1",
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",  # moto accepts anything; real credentials are never needed locally
    "POSITIONS_TABLE": "internship-local-positions",
    "LISTINGS_TABLE": "internship-local-listings",
    "APPLICATIONS_TABLE": "internship-local-applications",
    "PEOPLE_TABLE": "internship-local-people",
    "FAVOURITES_TABLE": "internship-local-favourites",
    "ATTACHMENTS_TABLE": "internship-local-attachments",
    "IDEMPOTENCY_TABLE": "internship-local-idempotency",
    "AUDIT_TABLE": "internship-local-audit",
    "MESSAGES_TABLE": "internship-local-messages",
    "OUTBOX_TABLE": "internship-local-outbox",
    "SAVED_SEARCHES_TABLE": "internship-local-saved-searches",
    "KEYWORDS_TABLE": "internship-local-keywords",
    "SUBSIDIES_TABLE": "internship-local-subsidies",
    "RATINGS_TABLE": "internship-local-ratings",  # issue 23
    "STATISTICS_TABLE": "internship-local-statistics",  # issue 23
    "UNITS_TABLE": "internship-local-units",
    "RECOGNITIONS_TABLE": "internship-local-recognitions",
    "PLACEMENTS_TABLE": "internship-local-placements",
    "ATTACHMENTS_BUCKET": "internship-local-attachments",
    "TOKEN_AUDIENCE": "shanxi-internship-api",
    "TOKEN_ISSUER": "https://login.local.shanxi-internship.test",
    "CURSOR_SECRET": "local-cursor-secret-not-for-production",
    "POWERTOOLS_SERVICE_NAME": "shanxi-internship",
    "POWERTOOLS_METRICS_NAMESPACE": "ShanxiInternship",
    "POWERTOOLS_METRICS_DISABLED": "true",
    "POWERTOOLS_TRACE_DISABLED": "true",
}
