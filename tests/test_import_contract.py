"""The layers of the design, as an executable contract: `[tool.importlinter]` in
pyproject.toml. impact (reporting) may import theory_of_change, which may import
initiatives, which may import common; never the other way, and common imports no app.

The contract is checked on the tree as it is, and shown to fail on a copy of the tree with
one wrong import in it, naming that import.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [Path(sys.executable).parent / "lint-imports", "--no-cache", root / "pyproject.toml"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layers_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_a_wrong_import_breaks_the_contract_and_is_named(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for package in CONFIG["root_packages"]:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    models = tmp_path / "initiatives" / "models.py"
    models.write_text(models.read_text() + "\nfrom impact.factsheet import data  # wrong way\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "initiatives.models -> impact.factsheet.data" in result.stdout
