#!/usr/bin/env bash
# For developers: bring the English catalog up to date with the Dutch source strings.
#
#   bash scripts/update_translations.sh
#
# 1. makemessages -l en: adds new msgids from the code and templates to
#    locale/en/LC_MESSAGES/django.po and drops the ones no longer used.
# 2. Translate every new or fuzzy entry in that file (msgstr in English; remove the
#    "#, fuzzy" flag once checked).
# 3. Run this script again: compilemessages writes django.mo. Commit both django.po and
#    django.mo; tests/test_translations.py fails when either is stale or incomplete.
#
# Needs GNU gettext (Debian: apt-get install gettext).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v xgettext >/dev/null 2>&1 || ! command -v msgfmt >/dev/null 2>&1; then
    echo "error: GNU gettext is not installed (Debian/Ubuntu: apt-get install gettext)" >&2
    exit 1
fi

source scripts/_venv.sh
ensure_venv
PY=.venv/bin/python

# Keep these options in step with tests/test_translations.py, which runs the same
# makemessages on a copy of the source to detect a stale catalog. Only the project's own
# code and templates hold translatable strings; everything else is skipped.
echo "==> makemessages -l en"
IGNORE=(
    --ignore=.venv --ignore=tests --ignore=scripts --ignore=static --ignore=staticfiles
    --ignore=media --ignore=node_modules --ignore=test-results
)
"$PY" manage.py makemessages -l en --no-location --no-obsolete "${IGNORE[@]}"

# compilemessages walks the whole tree too: without the ignores it would recompile the
# catalogs of every package inside .venv.
echo "==> compilemessages"
"$PY" manage.py compilemessages -l en "${IGNORE[@]}"

"$PY" - <<'PY'
import polib

po = polib.pofile("locale/en/LC_MESSAGES/django.po")
todo = po.untranslated_entries() + po.fuzzy_entries()
print(f"==> locale/en/LC_MESSAGES/django.po: {po.percent_translated()}% translated, "
      f"{len(po.untranslated_entries())} untranslated, {len(po.fuzzy_entries())} fuzzy")
for entry in todo[:20]:
    print("    to do:", entry.msgid.splitlines()[0][:90] if entry.msgid else "")
if len(todo) > 20:
    print(f"    ... and {len(todo) - 20} more")
PY
