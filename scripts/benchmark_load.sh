#!/usr/bin/env bash
# The load benchmark on a throwaway SQLite database with the demo data:
#   bash scripts/benchmark_load.sh [--workers 2] [--clients 8] [--requests 1000] [--seconds 20]
# Starts gunicorn (gunicorn.conf.py) on 127.0.0.1 and a free port, loads the draft editor,
# the fact sheet page, /advies/ and /gemeente/, each as the demo user who uses it, and prints
# throughput and p95 latency as ratios to Django's login page on the same server; exits 1
# when a target is missed. Stops gunicorn itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv
export DJANGO_SETTINGS_MODULE=benchmarks.settings  # the benchmarks are not in the product
manage_on_demo_copy benchmark_load "$@"
