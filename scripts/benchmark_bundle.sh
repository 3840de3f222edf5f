#!/usr/bin/env bash
# The ZIP-of-fact-sheets benchmark on a throwaway SQLite database with the demo data:
#   bash scripts/benchmark_bundle.sh [--sheets 50] [--repeat 3]
# Prints the time for a ZIP of N approved sheets cold (every sheet rendered), cached (PDFs
# from the fact-sheet cache, zipped again) and reused (same stamp: the existing ZIP), per
# sheet and as ratios, the ZIP's size, and ZIP_STORED against ZIP_DEFLATED.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv
export DJANGO_SETTINGS_MODULE=benchmarks.settings  # the benchmarks are not in the product
manage_on_demo_copy benchmark_bundle "$@"
