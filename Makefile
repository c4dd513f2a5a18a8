SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
SETUP_STAMP := $(VENV)/.installed
# pip-audit in its own environment: it needs packaging>=23, Rasa 3.6 pins 20.9.
AUDIT_VENV := .venv-audit
AUDIT_STAMP := $(AUDIT_VENV)/.installed
MODEL := models/vejviser.tar.gz
# Everything the trained model depends on: a change here retrains on the next `make run` or `make test`.
MODEL_INPUTS := $(shell find bot data -type f -not -path '*/__pycache__/*') danish/pipeline.py danish/build/build.json
RASA_FILES := --config bot/config.yml --domain bot/domain --data data
AXE := var/npm/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1
export PYTHONPATH := $(CURDIR)
# Rasa would send telemetry (no network here) and its libraries log a lot of noise.
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: help setup spacy-model ner browser-deps train validate knowledge-check knowledge-report evaluate lint format audit test run bench constraints audit-constraints clean

help: ## List every target
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(SETUP_STAMP) ## Create .venv with the pinned environment (only when missing or outdated)

$(SETUP_STAMP): constraints.txt requirements/*.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# Rasa declares Python <3.11: install it alone, then its dependencies with resolution on.
	$(PIP) install --quiet -c constraints.txt --no-deps --ignore-requires-python -r requirements/rasa.txt
	$(PIP) install --quiet -c constraints.txt -r requirements/rasa-deps.txt -r requirements/app.txt -r requirements/dev.txt
	$(MAKE) --no-print-directory spacy-model
	touch $@

spacy-model: ## Try to install da_core_news_sm, else assemble Vejviser's own Danish pipeline (committed NER, checked)
	@mkdir -p var/log
	@$(PIP) install --quiet --no-deps --timeout 10 --retries 0 -r requirements/spacy-model.txt \
		> var/log/spacy-model-install.log 2>&1 \
		|| echo "da_core_news_sm could not be installed (see var/log/spacy-model-install.log); using Vejviser's own pipeline."
	$(BIN)/python -m danish.pipeline

$(AUDIT_STAMP): audit/requirements.txt audit/constraints.txt
	test -x $(AUDIT_VENV)/bin/python || $(PYTHON) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/python -m pip --disable-pip-version-check install --quiet -c audit/constraints.txt -r audit/requirements.txt
	touch $@

ner: $(SETUP_STAMP) ## Train the Danish NER again (about 15 minutes) into danish/build/, with its sha256 and scores
	$(BIN)/python -m danish.ner.train

browser-deps: ## Debian's Chromium and chromedriver (apt, as root) and axe-core (npm) for the browser tests
	@mkdir -p var/log
	@command -v chromedriver >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& { apt-get install -y -q chromium chromium-driver || { apt-get update -q && apt-get install -y -q chromium chromium-driver; }; } \
		> var/log/browser-install.log 2>&1; } \
		|| echo "Chromium could not be installed (see var/log/browser-install.log); the browser tests will be skipped."
	@test -f $(AXE) || npm install --silent --prefix var/npm axe-core@$(AXE_VERSION) > var/log/axe-install.log 2>&1 \
		|| echo "axe-core could not be installed (see var/log/axe-install.log); the browser tests will be skipped."

train: $(MODEL) ## Train the Rasa model when data/ or bot/ changed since the last model

$(MODEL): $(SETUP_STAMP) $(MODEL_INPUTS)
	@# Data validation is part of `make test` (tests/bot/test_data_validation.py), not repeated here.
	$(BIN)/rasa train $(RASA_FILES) --skip-validation --out models --fixed-model-name vejviser
	@# Rasa keeps the old file when its fingerprint says nothing changed; mark it current for make.
	touch $@

validate: $(SETUP_STAMP) ## Check the training data and domain (rasa data validate --fail-on-warnings)
	$(BIN)/rasa data validate --fail-on-warnings $(RASA_FILES)

knowledge-check: $(SETUP_STAMP) ## Check every quote, topic, detail and LIX of the knowledge base; print coverage
	$(BIN)/python -m knowledge.validate

knowledge-report: $(SETUP_STAMP) ## Per municipality, what its standard should correct, with quotes (Markdown)
	$(BIN)/python -m knowledge.report

evaluate: $(SETUP_STAMP) $(MODEL) ## Held-out NLU, entity F1, test stories (rasa test); conversation set, every failure
	$(BIN)/python -m bot.evaluate

lint: $(SETUP_STAMP) ## ruff (lint and format check) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(SETUP_STAMP) ## Auto-fix and format with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Not in `test`: PyPI as this machine and CI reach it has no per-version advisories, so the audit cannot run there.
audit: $(AUDIT_STAMP) ## pip-audit of constraints.txt in .venv-audit; fails on one not in audit/allowlist.toml, or offline
	$(AUDIT_VENV)/bin/python -m audit --pip-audit $(AUDIT_VENV)/bin/pip-audit

test: $(SETUP_STAMP) ## Everything CI runs: checks, training if needed, all tests
	@# Training keeps about one core busy: the checks run beside it, each one's output kept together.
	$(MAKE) --no-print-directory --jobs=2 --output-sync=target lint knowledge-check browser-deps train
	$(BIN)/pytest

run: $(SETUP_STAMP) $(MODEL) ## Start Redis, Rasa, actions and the service; print the chat URL (Ctrl-C stops)
	$(BIN)/python -m stack run

bench: $(SETUP_STAMP) $(MODEL) ## Measure training, start-up and memory; results in bench/results/
	$(BIN)/python -m bench

constraints: ## Rewrite constraints.txt from the current .venv after changing requirements/*.txt
	{ sed -n '1,2p' constraints.txt; $(PIP) freeze --all --exclude pip --exclude da-core-news-sm | sort -f; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

audit-constraints: $(AUDIT_STAMP) ## Rewrite audit/constraints.txt from .venv-audit after changing audit/requirements.txt
	{ sed -n '1p' audit/constraints.txt; $(AUDIT_VENV)/bin/python -m pip --disable-pip-version-check freeze --all --exclude pip | sort -f; } > audit/constraints.txt.new
	mv audit/constraints.txt.new audit/constraints.txt

clean: ## Remove the venvs, trained models and var/ (logs, Redis data)
	rm -rf $(VENV) $(AUDIT_VENV) models var
