#!/usr/bin/env bash
# The demo command: bash scripts/demo.sh
#
# Creates .venv (Python 3.11) when missing, installs the project, migrates the database
# (SQLite file db.sqlite3 unless DATABASE_URL is set), loads the demo data (the six case
# studies and the demo accounts, all with password "demo"; the command prints them) and
# starts the development server.
#
#   PORT=8001 bash scripts/demo.sh               # another port (default 8000)
#   BIND_ADDRESS=0.0.0.0 bash scripts/demo.sh    # listen on all interfaces (default
#                                                # 127.0.0.1; add the host name to
#                                                # ALLOWED_HOSTS to browse from elsewhere)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
# The development server serves static files and uploads only with DEBUG on.
export DEBUG="${DEBUG:-1}"

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
        echo "==> Installing the project into .venv"
        .venv/bin/python -m pip install --quiet --upgrade pip
        .venv/bin/python -m pip install --quiet -e ".[test]"
        echo "$want" >"$stamp"
    fi
}

ensure_venv
PY=.venv/bin/python

echo "==> Migrating the database"
"$PY" manage.py migrate --noinput

echo "==> Loading the demo data"
"$PY" manage.py seed_demo

ADDRPORT="${BIND_ADDRESS:-127.0.0.1}:${PORT:-8000}"
echo "==> Starting the development server on http://${ADDRPORT}/ (Ctrl+C to stop)"
exec "$PY" manage.py runserver "$ADDRPORT"
