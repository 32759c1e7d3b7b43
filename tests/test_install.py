"""Outside a checkout: the wheel built from this repository carries the data, and in a fresh
virtual environment the loaders find it from any folder, with the validation record in the
user's cache (or none where nothing is writable) and ``OIR_DATA_DIR`` naming a reader's own copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from oir_analysis.data import load_resource, resource_names
from oir_analysis.paths import DATA_DIR, PACKAGE_DIR, PROJECT_ROOT

UV = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
LOAD_ALL = """
import json
import oir_analysis as oir
from oir_analysis import paths
print(json.dumps({
    "rows": {name: len(oir.load_resource(name)) for name in oir.resource_names()},
    "troops": len(oir.load_troop_levels()),
    "credible_2018": oir.credible_in(2018).value,
    "data_dir": str(paths.DATA_DIR),
    "validated_dir": str(paths.VALIDATED_DIR),
}))
"""


def run(*command: str | Path, **options) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], check=True, text=True, **options)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """Build the wheel from a copy of the repository's files and install it in a fresh venv."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT_ROOT / name, source)
    for name in ("oir_analysis", "data"):
        shutil.copytree(
            PROJECT_ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    run(UV, "build", "--quiet", "--wheel", "-o", root / "dist", source, capture_output=True)
    [wheel] = (root / "dist").glob("*.whl")
    venv = root / "venv"
    run(UV, "venv", "--quiet", "--python", sys.executable, venv, capture_output=True)
    python = venv / "bin" / "python"
    run(
        *(UV, "pip", "install", "--quiet", "--python", python),
        *("-c", PROJECT_ROOT / "requirements.lock", wheel),  # the locked versions, from uv's cache
        capture_output=True,
    )
    return wheel, python


def load_everything(python: Path, folder: Path, **environment: str) -> dict:
    """Run the loaders with ``python`` in ``folder``, outside any checkout; return what they say."""
    home = folder / "home"
    home.mkdir(exist_ok=True)
    variables = {"PATH": os.environ["PATH"], "HOME": str(home), **environment}
    output = run(python, "-c", LOAD_ALL, cwd=folder, env=variables, capture_output=True)
    return json.loads(output.stdout)


def expected_rows() -> dict[str, int]:
    return {name: len(load_resource(name)) for name in resource_names()}


def test_the_wheel_ships_every_module_and_every_data_file(installed):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {
        f"oir_analysis/{path.relative_to(PACKAGE_DIR).as_posix()}"
        for path in PACKAGE_DIR.rglob("*.py")
        if "__pycache__" not in path.parts
    }
    data = {f"oir_analysis/_data/{path.name}" for path in DATA_DIR.iterdir() if path.is_file()}
    assert "oir_analysis/_data/datapackage.json" in data
    assert modules | data <= names


def test_an_installed_package_loads_every_resource_from_any_folder(installed, tmp_path):
    _, python = installed
    found = load_everything(python, tmp_path)
    assert found["rows"] == expected_rows()
    assert found["troops"] == expected_rows()["troop_levels"]
    assert found["credible_2018"] == 62
    assert Path(found["data_dir"]).parts[-2:] == ("oir_analysis", "_data")
    assert "site-packages" in Path(found["data_dir"]).parts
    cache = tmp_path / "home" / ".cache" / "oir-analysis" / "validated"
    assert Path(found["validated_dir"]) == cache
    assert len(list(cache.iterdir())) == len(resource_names())  # every clean file remembered


def test_without_a_writable_cache_the_data_still_loads(installed, tmp_path):
    _, python = installed
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    found = load_everything(python, tmp_path, XDG_CACHE_HOME=str(blocked))
    assert found["rows"] == expected_rows()


def test_oir_data_dir_names_a_readers_own_copy(installed, tmp_path):
    _, python = installed
    copy = tmp_path / "my-data"
    shutil.copytree(DATA_DIR, copy)
    lines = (copy / "troop_levels.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (copy / "troop_levels.csv").write_text("".join(lines[:-1]), encoding="utf-8")
    found = load_everything(python, tmp_path, OIR_DATA_DIR=str(copy))
    assert found["data_dir"] == str(copy)
    assert found["troops"] == expected_rows()["troop_levels"] - 1
