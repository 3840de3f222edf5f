#!/usr/bin/env bash
# The in-process page benchmark on a throwaway SQLite database with the demo data:
#   bash scripts/benchmark_pages.sh [--rounds 30] [--warmup 5]
# Requests the draft step editor, the fact sheet's HTML page, /advies/ and /gemeente/ through
# Django's whole stack and prints their CPU per request as ratios to Django's login page and
# the admin's change form for an Initiative, measured in the same run; exits 1 when a target
# is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv
export DJANGO_SETTINGS_MODULE=benchmarks.settings  # the benchmarks are not in the product
manage_on_demo_copy benchmark_pages "$@"
