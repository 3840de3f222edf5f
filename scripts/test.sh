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

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore

# --- virtualenv: create when missing, (re)install when pyproject.toml changed -----------
python_311() {
    local candidate
    for candidate in "${PYTHON:-}" python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    echo "error: Python 3.11 not found (tried \$PYTHON, python3.11, python3)" >&2
    return 1
}

ensure_venv() {
    if [ -x .venv/bin/python ] \
        && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
        echo "==> .venv is not Python 3.11: recreating it"
        rm -rf .venv
    fi
    if [ ! -x .venv/bin/python ]; then
        echo "==> Creating .venv"
        "$(python_311)" -m venv .venv
    fi
    local stamp=.venv/.maatschappelijke-waarde-installed
    local want
    want="$(.venv/bin/python -c 'import hashlib,sys; print(hashlib.sha256(open("pyproject.toml","rb").read()).hexdigest())')"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        echo "==> Installing the project and its test dependencies into .venv"
        .venv/bin/python -m pip install --quiet --upgrade pip
        .venv/bin/python -m pip install --quiet -e ".[test]"
        echo "$want" >"$stamp"
    fi
}

ensure_venv
PY=.venv/bin/python

if [ -n "${DATABASE_URL:-}" ]; then
    # Credentials stay out of the log.
    echo "==> Database: $(printf '%s' "$DATABASE_URL" | sed -E 's#//[^@/]*@#//#')"
else
    echo "==> Database: SQLite (DATABASE_URL unset)"
fi

echo "==> Checking for pending migrations"
if ! "$PY" manage.py makemigrations --check --dry-run; then
    echo "error: models changed without a migration; run: .venv/bin/python manage.py makemigrations <app> --name <name>" >&2
    exit 1
fi

echo "==> pytest $*"
status=0
"$PY" -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "==> pytest collected no tests (exit code 5); treating as success"
    status=0
fi
exit "$status"
