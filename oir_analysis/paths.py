"""Every path the project uses, in one place.

Notebooks, tests and the command line import these names instead of writing ``../data``, so the
collection works from any working directory and a folder is renamed in one line.

The data folder is, in this order: the folder named by the environment variable ``OIR_DATA_DIR``
(a reader's own copy of the CSVs and ``datapackage.json``); the checkout's ``data/``; or the copy
shipped inside an installed package (``oir_analysis/_data``), so ``pip install`` of the repository
gives the data too. Outside a checkout, the record of files already found valid lives in the
user's cache folder, and validation simply runs again where no folder is writable.
"""

import os
from pathlib import Path

DATA_DIR_VARIABLE = "OIR_DATA_DIR"
PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
IN_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "data").is_dir()


def find_data_dir() -> Path:
    """The data folder: ``$OIR_DATA_DIR``, else the checkout's ``data/``, else the packaged copy."""
    chosen = os.environ.get(DATA_DIR_VARIABLE)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return PROJECT_ROOT / "data" if IN_CHECKOUT else PACKAGE_DIR / "_data"


def user_cache_dir() -> Path:
    """The package's folder in the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "oir-analysis"


DATA_DIR = find_data_dir()
DATAPACKAGE = DATA_DIR / "datapackage.json"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
NOTEBOOK_TEXT_DIR = NOTEBOOKS_DIR / "text"  # Markdown twins of the notebooks, for readable diffs
BUILD_DIR = PROJECT_ROOT / "build"
BUILD_NOTEBOOKS_DIR = BUILD_DIR / "notebooks"
CHARTS_DIR = BUILD_DIR / "charts"
REPORT_DIR = BUILD_DIR / "report"
# Digests of data files found clean, to skip re-checks.
VALIDATED_DIR = (BUILD_DIR if IN_CHECKOUT else user_cache_dir()) / "validated"
STYLE_FILE = PACKAGE_DIR / "house.mplstyle"
DOCS_DIR = PROJECT_ROOT / "docs"  # the report site's Sphinx settings, templates and methods page
CHANGELOG = PROJECT_ROOT / "CHANGELOG.md"
CITATION = PROJECT_ROOT / "CITATION.cff"
