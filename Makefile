# One obvious command for each job. Every target sets up what it needs on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MOTO_PORT ?= 5000
API_PORT ?= 8000
STAGE ?= dev

.PHONY: dev test lint typecheck unit bench synth deploy diff clean help web web-schema reindex routes
CDK := infra/node_modules/.bin/cdk
CDK_STAMP := infra/node_modules/.installed
CDK_ARGS ?=

help:
	@echo "make dev    - run moto + the API locally with demo data (Ctrl-C stops both)"
	@echo "make test   - lint, type-check and run every test (in-process moto; the browser tests in chromium)"
	@echo "make web    - Vite dev server with hot reload against the running make dev"
	@echo "make bench  - cold import, DynamoDB calls and items read per request"
	@echo "make routes - write the route table (chalicelib/api/route_table.py) after adding or changing a route"
	@echo "make reindex - rebuild the search index and listing summaries (REINDEX_ARGS: --prefix, --region, --drop)"
	@echo "make package - the deployment zip, as a deploy builds it, into dist/ (needs PyPI)"
	@echo "make synth  - CloudFormation for STAGE=$(STAGE), offline, into infra/cdk.out/"
	@echo "make deploy STAGE=prod - deploy with your AWS credentials (CDK_ARGS=\"-c config_file=...\")"
	@echo "make diff STAGE=prod   - what a deploy would change"

$(STAMP): requirements.txt requirements-dev.txt infra/requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip<26.3"
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# The PDF tests read the printed form back with poppler (pdftotext, pdftoppm, pdffonts) and decode its QR
# code with zbarimg; docs/walkthrough.md (run by tests/e2e/test_readme_walkthrough.py) needs curl and jq.
# Debian packages, installed once on a fresh machine.
TOOLS_STAMP := $(VENV)/.system-tools
$(TOOLS_STAMP): | $(STAMP)
	@if ! command -v pdftotext >/dev/null || ! command -v zbarimg >/dev/null || ! command -v jq >/dev/null \
	  || ! command -v curl >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends poppler-utils zbar-tools \
	    jq curl; \
	fi
	touch $(TOOLS_STAMP)

# The web client (web/): npm ci from the lock file, then the Vite build that devstack serves from web/dist.
WEB_STAMP := web/node_modules/.installed
WEB_DIST := web/dist/index.html
$(WEB_STAMP): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund
	touch $(WEB_STAMP)

$(WEB_DIST): $(WEB_STAMP) web/index.html web/vite.config.ts web/tsconfig.json $(shell find web/src -type f 2>/dev/null)
	npm run --prefix web build

# The browser tests drive Debian's chromium, with fonts-noto-cjk for the Chinese text (never `playwright install`).
BROWSER_STAMP := $(VENV)/.browser
$(BROWSER_STAMP): | $(STAMP)
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk; \
	fi
	touch $(BROWSER_STAMP)

# The client's API types from the OpenAPI document the app builds (no server); tests/unit/test_web_schema.py
# fails when the committed ones are stale.
# The route table the app registers without importing the route modules (chalicelib/api/routes.py).
routes: $(STAMP)
	$(PY) scripts/route_table.py

web-schema: routes $(WEB_STAMP)
	$(PY) scripts/openapi_json.py web/openapi.json
	npm run --prefix web generate

web: $(STAMP) $(WEB_STAMP)
	API_PORT=$(API_PORT) npm run --prefix web dev

dev: $(STAMP) $(WEB_DIST)
	MOTO_PORT=$(MOTO_PORT) API_PORT=$(API_PORT) $(PY) scripts/devstack.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# TEST_WORKERS=0 runs the suite in one process (as `pytest` alone does).
TEST_WORKERS ?= auto
unit: $(STAMP) $(TOOLS_STAMP) $(WEB_DIST) $(BROWSER_STAMP)
	$(PY) -m pytest -n $(TEST_WORKERS)

test: lint typecheck unit

# Lighthouse for the web client's figures (scripts/web_bench.py), from npm into .local/: a bench tool, kept out
# of web/'s lock file. 12.x is the last line that runs on Node 20.
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE_STAMP := .local/lighthouse/.installed-$(LIGHTHOUSE_VERSION)
$(LIGHTHOUSE_STAMP):
	npm install --prefix .local/lighthouse --no-audit --no-fund lighthouse@$(LIGHTHOUSE_VERSION)
	touch $(LIGHTHOUSE_STAMP)

bench: $(STAMP) package $(WEB_DIST) $(BROWSER_STAMP) $(LIGHTHOUSE_STAMP)
	$(PY) -m scripts.bench

# After a release that changes the keyword postings' layout or the listings' summary shape (docs/deploy.md):
# make dev's tables by default, a stage's with REINDEX_ARGS="--prefix shanxi-internship-prod --region cn-north-1".
REINDEX_ARGS ?=
reindex: $(STAMP)
	MOTO_PORT=$(MOTO_PORT) $(PY) scripts/reindex.py $(REINDEX_ARGS)

# The deployment zip exactly as `make deploy` builds it (Chalice's packager, Linux wheels from PyPI, bytecode
# for python3.11) into dist/deployment.zip. Needs PyPI (or PIP_INDEX_URL); `make synth` stays offline.
.PHONY: package
package: $(STAMP)
	$(PY) -m infra.package dist

# Offline: no account, no credentials. aws-cdk-lib runs its core on Node (on the machine), not the CDK CLI.
synth: $(STAMP)
	rm -rf infra/cdk.out
	$(PY) -m infra -c stage=$(STAGE) $(CDK_ARGS)

$(CDK_STAMP): infra/package.json infra/package-lock.json
	npm ci --prefix infra --no-audit --no-fund
	touch $(CDK_STAMP)

# strict=true refuses the placeholder values committed in infra/stages/ (hosts under .invalid) and a deploy
# without web/dist; the web client is built first (WEB_DIST), so `make deploy` always ships the current client.
deploy: $(STAMP) $(CDK_STAMP) $(WEB_DIST)
	$(CDK) deploy --app "$(PY) -m infra" --output infra/cdk.out \
		-c stage=$(STAGE) -c strict=true $(CDK_ARGS) --require-approval broadening

diff: $(STAMP) $(CDK_STAMP)
	$(CDK) diff --app "$(PY) -m infra" --output infra/cdk.out -c stage=$(STAGE) $(CDK_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache infra/cdk.out
