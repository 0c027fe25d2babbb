# Two entry points: `make run` serves the site on SQLite, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export NOSOLOGY_DATA_DIR ?= $(CURDIR)/data

.PHONY: run test install install-dev build lint typecheck serve-prod bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

build: install
	$(BIN)/nosology build

run: install
	$(BIN)/nosology serve --host $(HOST) --port $(PORT)

# Production-style: several worker processes (one per core), forked after loading the app once.
serve-prod: install
	$(BIN)/nosology serve --host $(HOST) --port $(PORT) --workers 2

test: install-dev
	bash scripts/test.sh

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: install-dev
	$(BIN)/python bench/search.py

clean:
	rm -rf $(VENV) data test-artifacts node_modules
