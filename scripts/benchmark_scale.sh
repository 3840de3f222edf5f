#!/usr/bin/env bash
# The scale benchmark on a throwaway SQLite database with the demo data:
#   bash scripts/benchmark_scale.sh [--small 30] [--large 5000] [--repeat 15]
# Measures the advisor workspace and the municipality portal with 30 and with 5,000
# generated initiatives: query counts (must be equal) and response time as a ratio (target
# ≤ 1.3); exits 1 when a target is missed. On another database (PostgreSQL), run
# `python manage.py benchmark_scale` with its DATABASE_URL: everything is rolled back.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv
export DJANGO_SETTINGS_MODULE=benchmarks.settings  # the benchmarks are not in the product
manage_on_demo_copy benchmark_scale "$@"
