#!/usr/bin/env bash
# Runs the whole suite: installs and starts what it needs (Chromium, PostgreSQL, axe-core),
# then lint, type check and pytest. With CI=true nothing that needs those may be skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

source scripts/services.sh
ensure_system_packages
ensure_axe_core
start_postgres   # exports NOSOLOGY_TEST_PG_URL
trap stop_postgres EXIT

echo "== ruff"; $BIN/ruff check src tests bench
echo "== mypy"; $BIN/mypy
echo "== wheel"; bash scripts/wheel_check.sh
echo "== pytest"
mkdir -p test-artifacts
# two workers on this 2-core machine; each builds the reference database once for its session
$BIN/python -m pytest -p no:cacheprovider -n "${NOSOLOGY_TEST_WORKERS:-2}" "$@"
