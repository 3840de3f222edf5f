#!/usr/bin/env bash
# The test command: bash scripts/test.sh [pytest args]
#
# Creates .venv (Python 3.11) when missing, installs the project with its test extras,
# fails on pending migrations, then runs pytest with the given arguments.
# SQLite when DATABASE_URL is unset; set DATABASE_URL=postgres://... to test on PostgreSQL
# (the role needs CREATEDB: pytest-django creates and drops a test_<name> database).
#
# Translations: the compiled catalog (locale/en/LC_MESSAGES/django.mo) is committed, so
# nothing is compiled here; tests/test_translations.py fails when it is out of date.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/_venv.sh
ensure_venv
PY=.venv/bin/python

if [ -n "${DATABASE_URL:-}" ]; then
    # Credentials stay out of the log.
    echo "==> Database: $(printf '%s' "$DATABASE_URL" | sed -E 's#//[^@/]*@#//#')"
else
    echo "==> Database: SQLite (DATABASE_URL unset)"
fi

echo "==> Checking for pending migrations"
# tests/test_migrations.py checks the same inside pytest (for a plain `pytest` run); here it
# fails within seconds, before a run of minutes, and also when only some tests are asked for.
if ! "$PY" manage.py makemigrations --check --dry-run; then
    echo "error: models changed without a migration; run: .venv/bin/python manage.py makemigrations <app> --name <name>" >&2
    exit 1
fi

echo "==> Lint (ruff)"
"$PY" -m ruff check --quiet .

echo "==> Import contract (lint-imports: the layers in pyproject.toml)"
if ! contract=$(.venv/bin/lint-imports --no-cache pyproject.toml 2>&1); then
    echo "$contract"
    exit 1
fi
echo "$contract" | tail -n 1

echo "==> pytest $*"
status=0
"$PY" -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "==> pytest collected no tests (exit code 5); treating as success"
    status=0
fi
exit "$status"
