#!/usr/bin/env bash
# The fact-sheet benchmark on a throwaway SQLite database with the demo data:
#   bash scripts/benchmark_factsheet.sh [--repeat N]
# Prints render time as a ratio to a minimal WeasyPrint page, the cached download as a
# ratio to a render, and peak memory; exits 1 when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv
PY=.venv/bin/python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DATABASE_URL="sqlite:///$work/benchmark.sqlite3" MEDIA_ROOT="$work/media"
"$PY" manage.py migrate -v0
"$PY" manage.py seed_demo >/dev/null
"$PY" manage.py benchmark_factsheet "$@"
