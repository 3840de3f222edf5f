"""The English catalog is complete and in step with the Dutch source strings.

The source strings (msgids) are Dutch; locale/en/LC_MESSAGES/django.po translates them into
English and the compiled django.mo is committed next to it, so a fresh checkout (and the
demo) needs no GNU gettext. These tests fail when:

(a) the catalog is stale: a translatable string in the code or templates is missing from
    django.po, or django.po holds entries the code no longer uses (obsolete);
(b) an entry is untranslated or fuzzy;
(c) django.mo is missing or does not match django.po.

Fix all three with `bash scripts/update_translations.sh` (translate what it lists, run it
again, commit django.po and django.mo).
"""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = REPO_ROOT / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"

FIX_HINT = "Run `bash scripts/update_translations.sh` and commit django.po and django.mo."

# Keep in step with scripts/update_translations.sh: what makemessages must not scan.
IGNORED_DIRS = [
    ".venv",
    "tests",
    "scripts",
    "static",
    "staticfiles",
    "media",
    "node_modules",
    "test-results",
]
MAKEMESSAGES_ARGS = [
    "makemessages",
    "-l",
    "en",
    "--no-location",
    "--no-obsolete",
    *(f"--ignore={name}" for name in IGNORED_DIRS),
]

# Top-level files and folders not worth copying: databases and build metadata.
SKIPPED_SUFFIXES = (".sqlite3", ".sqlite3-journal", ".egg-info")

Key = tuple[str, str, str]  # (msgctxt, msgid, msgid_plural)


def entry_key(entry: polib.POEntry | polib.MOEntry) -> Key:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def describe(key: Key) -> str:
    msgctxt, msgid, msgid_plural = key
    text = repr(msgid)
    if msgid_plural:
        text += f" / plural {msgid_plural!r}"
    if msgctxt:
        text += f" (context {msgctxt!r})"
    return text


def live_entries(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    assert PO_PATH.is_file(), f"{PO_PATH.relative_to(REPO_ROOT)} is missing. {FIX_HINT}"
    return polib.pofile(str(PO_PATH))


def copy_source(destination: Path) -> None:
    """Copy what makemessages reads (code, templates, locale, manage.py) to destination."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = {name for name in names if name.startswith(".") or name == "__pycache__"}
        if Path(directory) == REPO_ROOT:
            skipped |= {name for name in names if name in IGNORED_DIRS}
            skipped |= {name for name in names if name.endswith(SKIPPED_SUFFIXES)}
        return skipped

    shutil.copytree(REPO_ROOT, destination, ignore=ignore)


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="GNU gettext (xgettext) is not installed, so makemessages cannot run; "
    "install it (Debian: apt-get install gettext) to check the catalog for stale entries",
)
def test_catalog_matches_source_strings(po: polib.POFile, tmp_path: Path) -> None:
    """(a) makemessages on a copy of the source yields exactly the committed msgids."""
    copy = tmp_path / "src"
    copy_source(copy)
    env = {
        **os.environ,
        # settings.BASE_DIR follows impact/settings.py, so importing the copy's settings
        # makes LOCALE_PATHS point into the copy and the real catalog is never touched.
        "PYTHONPATH": str(copy),
        "DJANGO_SETTINGS_MODULE": "impact.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES_ARGS],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"

    generated_path = copy / "locale" / "en" / "LC_MESSAGES" / "django.po"
    assert generated_path.is_file(), f"makemessages wrote no catalog:\n{result.stdout}"
    generated = {entry_key(e) for e in live_entries(polib.pofile(str(generated_path)))}
    committed = {entry_key(e) for e in live_entries(po)}

    missing = sorted(generated - committed)
    unused = sorted(committed - generated)
    problems = []
    if missing:
        problems.append(
            f"{len(missing)} string(s) in the code/templates are missing from django.po:\n"
            + "\n".join(f"  + {describe(key)}" for key in missing)
        )
    if unused:
        problems.append(
            f"{len(unused)} entr(y/ies) in django.po are no longer used by the code:\n"
            + "\n".join(f"  - {describe(key)}" for key in unused)
        )
    assert not problems, "The English catalog is stale.\n" + "\n".join(problems) + "\n" + FIX_HINT


def test_catalog_has_no_obsolete_entries(po: polib.POFile) -> None:
    """(a) no "#~" leftovers: they are dead weight and hide translation history."""
    obsolete = po.obsolete_entries()
    assert not obsolete, (
        f"django.po has {len(obsolete)} obsolete (#~) entr(y/ies): "
        + ", ".join(describe(entry_key(e)) for e in obsolete[:20])
        + f"\n{FIX_HINT}"
    )


def test_every_entry_is_translated(po: polib.POFile) -> None:
    """(b) every entry has an English translation and none is fuzzy."""
    untranslated = [e for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e for e in po.fuzzy_entries() if not e.obsolete]
    problems = []
    if po.metadata_is_fuzzy:
        problems.append('the header entry (msgid "") is marked fuzzy')
    if untranslated:
        problems.append(
            f"{len(untranslated)} untranslated entr(y/ies):\n"
            + "\n".join(f"  {describe(entry_key(e))}" for e in untranslated)
        )
    if fuzzy:
        problems.append(
            f"{len(fuzzy)} fuzzy entr(y/ies) (check the translation, then remove the flag):\n"
            + "\n".join(f"  {describe(entry_key(e))}" for e in fuzzy)
        )
    assert not problems, (
        "locale/en/LC_MESSAGES/django.po is incomplete: " + "; ".join(problems) + f"\n{FIX_HINT}"
    )


def expected_mo_catalog(po: polib.POFile) -> dict[Key, tuple[str, ...]]:
    """What msgfmt compiles from the .po: translated, non-fuzzy, non-obsolete entries."""
    catalog: dict[Key, tuple[str, ...]] = {}
    for entry in po.translated_entries():
        if entry.obsolete or entry.fuzzy:
            continue
        catalog[entry_key(entry)] = mo_translation(entry)
    return catalog


def mo_translation(entry: polib.POEntry | polib.MOEntry) -> tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return (entry.msgstr,)


def test_compiled_catalog_matches_po(po: polib.POFile) -> None:
    """(c) the committed django.mo holds exactly the translations of django.po."""
    assert MO_PATH.is_file(), f"{MO_PATH.relative_to(REPO_ROOT)} is missing. {FIX_HINT}"

    # Django loads catalogs with gettext.GNUTranslations: the file must parse with it.
    with MO_PATH.open("rb") as handle:
        gettext.GNUTranslations(handle)

    mo = polib.mofile(str(MO_PATH))
    compiled = {entry_key(e): mo_translation(e) for e in mo if e.msgid}
    expected = expected_mo_catalog(po)

    missing = sorted(expected.keys() - compiled.keys())
    extra = sorted(compiled.keys() - expected.keys())
    changed = sorted(k for k in expected.keys() & compiled.keys() if expected[k] != compiled[k])
    problems = []
    for label, keys in (
        ("translated in django.po but missing from django.mo", missing),
        ("in django.mo but not (or no longer) translated in django.po", extra),
        ("translated differently in django.mo", changed),
    ):
        if keys:
            problems.append(
                f"{len(keys)} entr(y/ies) {label}:\n"
                + "\n".join(f"  {describe(k)}" for k in keys[:20])
            )
    assert not problems, "django.mo is out of date.\n" + "\n".join(problems) + f"\n{FIX_HINT}"


@pytest.mark.skipif(
    shutil.which("msgfmt") is None,
    reason="GNU gettext (msgfmt) is not installed; install it (Debian: apt-get install "
    "gettext) to check placeholders such as %(name)s in translations",
)
def test_catalog_compiles_with_format_checks(tmp_path: Path) -> None:
    """Translations keep the placeholders of their msgid (what compilemessages checks)."""
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(tmp_path / "django.mo"), str(PO_PATH)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"msgfmt --check-format failed:\n{result.stderr}\n{FIX_HINT}"
