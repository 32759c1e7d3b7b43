"""Load the CSV datasets, validated against ``data/datapackage.json``.

The Data Package is the one description of every column (type, unit, constraints). This module
reads it rather than repeating it: Frictionless checks each file against its Table Schema, this
module turns every problem into one line that names the file, the CSV line and the column, and
only a file with no problem at all is read into a typed pandas DataFrame. Files are opened for
reading only; nothing here writes to ``data/``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from oir_analysis.paths import DATA_DIR, DATAPACKAGE, VALIDATED_DIR

BOM = b"\xef\xbb\xbf"


class DataValidationError(ValueError):
    """A data file does not meet its Table Schema; ``problems`` lists every problem found."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"{path}: {count} found; the file was not loaded:\n{lines}")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a data file, located by CSV line (1 = the header) and column."""

    line: int
    column: str
    message: str
    file: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}, column {self.column!r}: {self.message}"


@cache
def datapackage() -> dict[str, Any]:
    """Return the parsed Data Package descriptor (read once per process)."""
    return json.loads(DATAPACKAGE.read_text(encoding="utf-8"))


def resource_names() -> list[str]:
    """Return the names of every resource in the Data Package, in its order."""
    return [resource["name"] for resource in datapackage()["resources"]]


def resource_descriptor(name: str) -> dict[str, Any]:
    """Return the descriptor of one resource; unknown names list the known ones."""
    for resource in datapackage()["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(f"no resource {name!r} in {DATAPACKAGE}; known: {', '.join(resource_names())}")


def resource_path(name: str) -> Path:
    """Return the path of a resource's CSV in the data folder."""
    return DATA_DIR / resource_descriptor(name)["path"]


def field_names(name: str) -> list[str]:
    """Return a resource's column names in schema order."""
    return [field["name"] for field in resource_descriptor(name)["schema"]["fields"]]


def find_problems(name: str, path: str | PathLike[str] | None = None) -> list[Problem]:
    """Check a CSV against resource ``name``'s schema and return every problem, in file order."""
    path = Path(path) if path is not None else resource_path(name)
    raw = path.read_bytes()
    schema = resource_descriptor(name)["schema"]
    problems = _encoding_problems(raw, path)
    if problems:
        return problems
    text = raw.removeprefix(BOM).decode("utf-8")
    records, lines = _records(text)
    header = records[0] if records else []
    problems = _header_problems(header, path, schema)
    if len(records) > 1:
        problems += _row_problems(path, schema, lines)
    problems += _foreign_key_problems(name, path, schema, records, lines)
    return sorted(set(problems))


def load_resource(name: str, path: str | PathLike[str] | None = None) -> pd.DataFrame:
    """Validate and read a resource; raise ``DataValidationError`` listing every problem."""
    path = Path(path) if path is not None else resource_path(name)
    problems = find_problems(name, path)
    if problems:
        raise DataValidationError(path, problems)
    schema = resource_descriptor(name)["schema"]
    raw = pd.read_csv(
        path, dtype=str, keep_default_na=False, encoding="utf-8-sig", skip_blank_lines=True
    )
    return pd.DataFrame(
        {field["name"]: _typed(raw[field["name"]], field) for field in schema["fields"]}
    )


def _typed(column: pd.Series, field: dict[str, Any]) -> pd.Series:
    """Convert a column of validated text to the pandas dtype its Table Schema type implies."""
    values = column.str.strip().replace("", None)
    kind = field["type"]
    if kind == "integer":
        return pd.to_numeric(values).astype("Int64")
    if kind == "number":
        return pd.to_numeric(values).astype("Float64")
    if kind == "date":
        return pd.to_datetime(values, format="%Y-%m-%d")
    if kind == "yearmonth":
        return pd.PeriodIndex(values, freq="M").to_series(index=column.index)
    enum = field.get("constraints", {}).get("enum")
    if enum:
        return values.astype(pd.CategoricalDtype(enum, ordered=False))
    return values.astype("string")


def _records(text: str) -> tuple[list[list[str]], list[int]]:
    """Parse CSV text into records and the physical line on which each record starts."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[list[str]] = []
    lines: list[int] = []
    start = 1
    for record in reader:
        records.append(record)
        lines.append(start)
        start = reader.line_num + 1
    return records, lines


def _encoding_problems(raw: bytes, path: Path) -> list[Problem]:
    """Name each line (and the column of the cell) holding bytes that are not UTF-8."""
    try:
        raw.removeprefix(BOM).decode("utf-8")
        return []
    except UnicodeDecodeError:
        pass
    text = raw.removeprefix(BOM).decode("utf-8", errors="replace")
    records, lines = _records(text)
    header = records[0] if records else []
    problems = []
    for record, line in zip(records, lines, strict=True):
        for position, cell in enumerate(record):
            if "\ufffd" in cell:
                column = header[position] if position < len(header) else f"#{position + 1}"
                problems.append(
                    Problem(
                        line, column, "bytes that are not UTF-8 (save the file as UTF-8)", str(path)
                    )
                )
    return problems


def _header_problems(header: list[str], path: Path, schema: dict[str, Any]) -> list[Problem]:
    """Report missing, unknown, blank and repeated column names on line 1."""
    expected = [field["name"] for field in schema["fields"]]
    found = [label.strip() for label in header]
    problems = [
        Problem(1, name, "missing column" + ("" if found else " (the file is empty)"), str(path))
        for name in expected
        if name not in found
    ]
    for position, label in enumerate(found):
        if label not in expected:
            column = label or f"#{position + 1}"
            problems.append(Problem(1, column, "unknown column, not in the schema", str(path)))
        elif found.index(label) != position:
            problems.append(Problem(1, label, "column named twice", str(path)))
    return problems


def _row_problems(path: Path, schema: dict[str, Any], lines: list[int]) -> list[Problem]:
    """Check every row against the schema, skipping content already found clean.

    Frictionless takes seconds to import; a file whose exact bytes passed under the exact same
    schema, checked by the same code and Frictionless version, is clean again, so a marker named
    by that digest (in build/) stands in for a second run. Only clean results are remembered; a
    changed byte of the file, the schema, this module or the Frictionless version means a full
    check.
    """
    digest = hashlib.sha256(path.read_bytes())
    digest.update(json.dumps(schema, sort_keys=True).encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(metadata.version("frictionless").encode())
    marker = VALIDATED_DIR / digest.hexdigest()
    if marker.exists():
        return []
    problems = _frictionless_problems(path, schema, lines)
    if not problems:
        try:
            VALIDATED_DIR.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:  # a read-only checkout still validates, only more slowly
            pass
    return problems


def _frictionless_problems(path: Path, schema: dict[str, Any], lines: list[int]) -> list[Problem]:
    """Validate every row with Frictionless and translate its errors into problems."""
    import frictionless  # imported here: validation is the only user, and it is slow to import

    resource = frictionless.Resource(
        path=path.name,
        basepath=str(path.parent),
        # Columns are matched by name whatever their order; _header_problems names missing ones.
        # Foreign keys are checked by _foreign_key_problems, which can read the other file.
        schema=frictionless.Schema.from_descriptor(
            {**schema, "fieldsMatch": "partial", "foreignKeys": []}
        ),
        encoding="utf-8",
        format="csv",
    )
    report = resource.validate(limit_errors=10_000)
    problems = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            line = lines[row - 1] if row and row - 1 < len(lines) else 1
            column = getattr(error, "field_name", None)
            if error.type == "extra-cell":
                column = f"#{error.field_number} (beyond the header)"
            elif not column:
                column = "+".join(schema.get("primaryKey", [])) or "(row)"
            message = _describe(error, schema)
            if message:
                problems.append(Problem(line, column, message, str(path)))
    return problems


def _describe(error: Any, schema: dict[str, Any]) -> str | None:
    """Say in plain words what a Frictionless error means; ``None`` for ones reported elsewhere."""
    cell = getattr(error, "cell", "")
    kind = error.type
    if kind == "type-error":
        field_type = {f["name"]: f["type"] for f in schema["fields"]}[error.field_name]
        return f"{cell!r} is not a valid {field_type}" + {
            "integer": " (a whole number, digits only)",
            "date": " (a real date, YYYY-MM-DD)",
            "yearmonth": " (YYYY-MM)",
        }.get(field_type, "")
    if kind == "constraint-error":
        constraint = error.note.split('"')[1] if '"' in error.note else error.note
        if constraint == "required":
            return "a value is required"
        rule = error.note.removeprefix("constraint ").replace('"', "")
        return f"{cell!r} breaks the constraint {rule}"
    if kind == "missing-cell":
        return "the row has too few fields"
    if kind == "extra-cell":
        return f"the row has more fields than the header ({cell!r})"
    if kind in ("primary-key", "unique-error"):
        if kind == "unique-error" and schema.get("primaryKey") == [error.field_name]:
            return None  # the primary-key error names the same duplicate
        return "duplicate key: " + error.note.replace(
            "the same as in the row at position", "as row"
        )
    if kind == "blank-row":
        return "blank row"
    if kind in (
        "missing-label",
        "extra-label",
        "incorrect-label",
        "duplicate-label",
        "blank-label",
    ):
        return None  # header problems are found by _header_problems with clearer names
    return f"{kind}: {error.message}"


def _foreign_key_problems(
    name: str, path: Path, schema: dict[str, Any], records: list[list[str]], lines: list[int]
) -> list[Problem]:
    """Check declared foreign keys against the referenced resource in the data folder."""
    problems: list[Problem] = []
    if len(records) < 2:
        return problems
    header = [label.strip() for label in records[0]]
    for key in schema.get("foreignKeys", []):
        field, target = key["fields"], key["reference"]["resource"]
        target_field = key["reference"]["fields"]
        if field not in header:
            continue
        known = set(load_resource(target)[target_field].astype(str))
        position = header.index(field)
        for record, line in zip(records[1:], lines[1:], strict=True):
            value = record[position].strip() if position < len(record) else ""
            if value and value not in known:
                message = f"{value!r} does not match any {target_field} in {target}"
                problems.append(Problem(line, field, message, str(path)))
    return problems


def summary() -> pd.DataFrame:
    """Return rows, date range and number of distinct source pages per resource."""
    rows = []
    for name in resource_names():
        frame = load_resource(name)
        dates = [
            f["name"]
            for f in resource_descriptor(name)["schema"]["fields"]
            if f["type"] in ("date", "yearmonth")
        ]
        dated = dates[0] if dates else None  # a gazetteer has no dates
        ends = "period_end" if "period_end" in frame else dated
        urls = frame.filter(like="source_url").stack().dropna()
        rows.append(
            {
                "dataset": name,
                "rows": len(frame),
                "first": _date_text(frame[dated].min()) if dated else "",
                "last": _date_text(frame[ends].max()) if ends else "",
                "source_pages": urls.nunique(),
                "publishers": frame["publisher"].nunique() if "publisher" in frame else 0,
            }
        )
    return pd.DataFrame(rows)


def _date_text(value: object) -> str:
    """Write a date as YYYY-MM-DD and a month as YYYY-MM; nothing for a missing one."""
    if pd.isna(value):
        return ""
    return value.strftime("%Y-%m-%d") if isinstance(value, pd.Timestamp) else str(value)


Loader = Callable[[str | PathLike[str] | None], pd.DataFrame]


def _loader(name: str) -> Loader:
    """Make ``load_<name>(path=None)``: one named loader per resource, all sharing one code path."""

    def load(path: str | PathLike[str] | None = None) -> pd.DataFrame:
        return load_resource(name, path)

    load.__name__ = load.__qualname__ = f"load_{name}"
    load.__doc__ = (
        f"Load ``{name}`` (data/{name}.csv, or your copy at ``path``) as a typed DataFrame.\n\n"
        "Raises DataValidationError naming file, line and column of every problem."
    )
    return load


load_casualty_reports = _loader("casualty_reports")
load_casualty_report_sources = _loader("casualty_report_sources")
load_monitor_estimates = _loader("monitor_estimates")
load_troop_levels = _loader("troop_levels")
load_strike_totals = _loader("strike_totals")
load_coalition_members = _loader("coalition_members")
load_coalition_size = _loader("coalition_size")
load_events = _loader("events")
load_strike_releases = _loader("strike_releases")
load_places = _loader("places")
