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

# The development server serves static files and uploads only with DEBUG on.
export DEBUG="${DEBUG:-1}"
# Every page says it is a demo, and that most figures are example figures.
export DEMO="${DEMO:-1}"
# Links in e-mails and the fact sheets' QR codes lead to this server, on its port.
export PORT="${PORT:-8000}"

source scripts/_venv.sh
ensure_venv
PY=.venv/bin/python

echo "==> Migrating the database"
"$PY" manage.py migrate --noinput

echo "==> Loading the demo data"
"$PY" manage.py seed_demo

ADDRPORT="${BIND_ADDRESS:-127.0.0.1}:${PORT:-8000}"
echo "==> Starting the development server on http://${ADDRPORT}/ (Ctrl+C to stop)"
exec "$PY" manage.py runserver "$ADDRPORT"
