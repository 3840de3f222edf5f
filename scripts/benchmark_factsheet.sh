#!/usr/bin/env bash
# The fact-sheet benchmark on a throwaway SQLite database with the demo data:
#   bash scripts/benchmark_factsheet.sh [--repeat N]
# Prints render time as a ratio to a minimal WeasyPrint page, the cached download as a
# ratio to a render, and peak memory; exits 1 when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv
export DJANGO_SETTINGS_MODULE=benchmarks.settings  # the benchmarks are not in the product
manage_on_demo_copy benchmark_factsheet "$@"
