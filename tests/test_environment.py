"""The environment: conda and pip pins agree, and importing the package stays light."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import yaml

from oir_analysis.paths import PROJECT_ROOT


def lock_pins() -> dict[str, str]:
    """Pins of requirements.lock for Python 3.11 (the lock is universal; some pins have markers)."""
    pins = {}
    for line in (PROJECT_ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==(\S+?)\s*(;.*)?$", line.strip())
        if match and (match.group(3) is None or "< '3.12'" in match.group(3)):
            pins[match.group(1).lower()] = match.group(2)
    return pins


def conda_pins() -> dict[str, str]:
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    pins = {}
    for item in environment["dependencies"]:
        if isinstance(item, str) and "=" in item:
            name, version = item.split("=", 1)
            pins[name.lower()] = version
    return pins


def declared_names() -> set[str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    return {re.split(r"[<>=;\[ ]", name)[0].lower() for name in declared}


def test_conda_environment_pins_the_same_versions_as_the_lock():
    conda, lock = conda_pins(), lock_pins()
    conda.pop("python")
    mismatched = {
        name: (version, lock.get(name))
        for name, version in conda.items()
        if lock.get(name) != version
    }
    assert not mismatched, f"environment.yml disagrees with requirements.lock: {mismatched}"


def test_conda_environment_names_every_declared_dependency():
    assert declared_names() <= set(conda_pins())


def test_conda_environment_installs_the_package_itself():
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    pip_section = [item["pip"] for item in environment["dependencies"] if isinstance(item, dict)]
    assert pip_section == [["-e ."]]
    assert environment["channels"] == ["conda-forge"]


def test_every_declared_dependency_is_pinned_in_the_lock():
    assert declared_names() <= set(lock_pins())


def test_importing_the_package_does_not_import_matplotlib():
    modules = "'matplotlib' in sys.modules, 'frictionless' in sys.modules"
    code = f"import sys, oir_analysis; print({modules})"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.split() == ["False", "False"]
