"""Every path the project uses, in one place.

Notebooks, tests and the command line import these names instead of writing ``../data``, so the
collection works from any working directory and a folder is renamed in one line.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DATAPACKAGE = DATA_DIR / "datapackage.json"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
NOTEBOOK_TEXT_DIR = NOTEBOOKS_DIR / "text"  # Markdown twins of the notebooks, for readable diffs
BUILD_DIR = PROJECT_ROOT / "build"
BUILD_NOTEBOOKS_DIR = BUILD_DIR / "notebooks"
CHARTS_DIR = BUILD_DIR / "charts"
REPORT_DIR = BUILD_DIR / "report"
VALIDATED_DIR = BUILD_DIR / "validated"  # digests of data files found clean, to skip re-checks
STYLE_FILE = Path(__file__).resolve().parent / "house.mplstyle"
DOCS_DIR = PROJECT_ROOT / "docs"  # the report site's Sphinx settings, templates and methods page
CHANGELOG = PROJECT_ROOT / "CHANGELOG.md"
CITATION = PROJECT_ROOT / "CITATION.cff"
