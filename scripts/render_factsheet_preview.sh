#!/usr/bin/env bash
# Render demo fact sheets to PDF and PNG for looking at the design:
#   bash scripts/render_factsheet_preview.sh [initiative-slug ...]
# Writes /tmp/feitenblad-preview/<slug>-<a4|a3>.pdf and .png (needs pdftoppm: poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
out=/tmp/feitenblad-preview
db=$out/demo.sqlite3
mkdir -p "$out"
export DATABASE_URL="sqlite:///$db"
if [ ! -f "$db" ]; then
  .venv/bin/python manage.py migrate -v0
  .venv/bin/python manage.py seed_demo >/dev/null
else
  .venv/bin/python manage.py migrate -v0
fi
slugs=("$@")
[ ${#slugs[@]} -gt 0 ] || slugs=(dorpshuis-smilde dorpsloket-middelstum)
for slug in "${slugs[@]}"; do
  for variant in a4 a3; do
    SLUG=$slug VARIANT=$variant OUT=$out .venv/bin/python manage.py shell -v0 -c '
import os, time
from impact.factsheet.render import render_pdf
from theory_of_change.models import TheoryOfChange
from theory_of_change.selectors import with_content
slug, variant, out = os.environ["SLUG"], os.environ["VARIANT"], os.environ["OUT"]
theory = with_content(TheoryOfChange.objects.filter(initiative__slug=slug)).order_by("-year").first()
start = time.perf_counter()
pdf = render_pdf(theory, url="https://example.org/feitenblad/voorbeeld/", variant=variant)
print(f"{slug} {variant}: {time.perf_counter() - start:.2f} s, {len(pdf) // 1024} kB")
open(f"{out}/{slug}-{variant}.pdf", "wb").write(pdf)
'
    pdftoppm -png -r 80 -singlefile "$out/$slug-$variant.pdf" "$out/$slug-$variant"
  done
done
ls "$out"/*.png
