# Shared by the scripts in this folder: `source scripts/_venv.sh` from the repository root.
# Creates .venv with Python 3.11 when missing and (re)installs the project with its test
# extras whenever pyproject.toml changed since the last install.

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore

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


# `manage_on_demo_copy <command> [args…]`: runs `manage.py <command>` on a throwaway SQLite
# database and media folder holding the demo data, removed afterwards. The benchmarks use
# it, so they never touch a real database or the cache of real fact sheets.
manage_on_demo_copy() {
    THROWAWAY=$(mktemp -d)
    trap 'rm -rf "$THROWAWAY"' EXIT
    export DATABASE_URL="sqlite:///$THROWAWAY/benchmark.sqlite3" MEDIA_ROOT="$THROWAWAY/media"
    .venv/bin/python manage.py migrate -v0
    .venv/bin/python manage.py seed_demo >/dev/null
    .venv/bin/python manage.py "$@"
}
