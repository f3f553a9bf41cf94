"""The CDK app that deploys the API: `python -m infra` synthesizes one stage into infra/cdk.out/.

Modules, one concern each: `settings` (a stage's values), `schema` (tables derived from the PynamoDB models),
`chalice_app` (routes, schedules and the Lambda package, read from the Chalice app), `storage` (key, tables,
bucket, secret), `permissions` (least-privilege policies), `api` (functions, API Gateway, schedule),
`gateway_responses` (API Gateway's own errors in the app's envelope), `alarms`, `stack` (all of it together).
"""
