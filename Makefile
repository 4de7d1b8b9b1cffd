# InnoGraph — the two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
CORPUS ?=
DEMO_DIR := .innograph/demo-corpus
PYTEST_ARGS ?=

.PHONY: help install node sysdeps run serve ingest-demo test test-slow check lint format bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP)  ## create .venv and install the project with its dev tools

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p api/static/vendor && cp node_modules/cytoscape/dist/cytoscape.min.js api/static/vendor/
	@touch $@

node: $(NODE_STAMP)  ## install the npm dev tools (Neo4j's Cypher parser, explorer assets)

# Debian packages the browser tests need (headless Chromium, a CJK font for screenshots). Installed when
# missing and we are root with apt-get (CI, the project's machines); otherwise the browser tests say what is missing.
SYSDEPS := chromium fonts-wqy-zenhei
sysdeps:  ## install Debian's chromium and a CJK font for the browser tests, if missing
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi wenquanyi; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing $(SYSDEPS) with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSDEPS) >/dev/null; \
	  else \
	    echo "note: $(SYSDEPS) not installed (need root + apt-get); browser tests will skip"; \
	  fi; \
	fi

run: install node  ## ingest a corpus (CORPUS=dir, default: the synthetic demo) and serve API + explorer on 127.0.0.1:8000
	@if [ -z "$(CORPUS)" ]; then \
	  $(BIN)/innograph synth --demo $(DEMO_DIR) && $(BIN)/innograph ingest $(DEMO_DIR); \
	else \
	  $(BIN)/innograph ingest $(CORPUS); \
	fi; \
	$(BIN)/innograph serve

serve: install node  ## serve the API on the current graph without ingesting
	$(BIN)/innograph serve

check: install  ## ruff (lint + format check) and mypy
	$(BIN)/ruff check graph ingest api tests bench
	$(BIN)/ruff format --check graph ingest api
	$(BIN)/mypy graph ingest api

format: install  ## apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix graph ingest api tests bench
	$(BIN)/ruff format graph ingest api

test: install node sysdeps  ## the whole suite: checks, then pytest (without the long crash loops)
	$(MAKE) --no-print-directory check
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

test-slow: install node  ## the long crash/kill loops (pytest's "no tests" exit 5 counts as success)
	$(BIN)/python -m pytest -m slow $(PYTEST_ARGS); rc=$$?; if [ $$rc = 5 ]; then rc=0; fi; exit $$rc

bench: install  ## benchmarks on synthetic corpora; writes docs/performance.md and bench/results/
	$(BIN)/python -m bench.run

clean:  ## remove the virtualenv, node_modules and local data
	rm -rf $(VENV) node_modules .innograph .pytest_cache .mypy_cache .ruff_cache
