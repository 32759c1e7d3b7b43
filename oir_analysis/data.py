"""Load the CSV datasets, validated against ``data/datapackage.json``.

The Data Package is the one description of every column (type, unit, constraints). This module
reads it rather than repeating it: Frictionless checks each file against its Table Schema, this
module turns every problem into one line that names the file, the CSV line and the column, and
only a file with no problem at all is read into a typed pandas DataFrame. Files are opened for
reading only; nothing here writes to ``data/``.

Where Frictionless (or Python) is more lenient than the schema's words, one strict parser per
type decides, both when a file is checked and when it is read, so a value is never accepted by
one and misread or rejected by the other:

- a date is ``YYYY-MM-DD`` and a year-month ``YYYY-MM``: ASCII digits, two-digit month and day,
  a real calendar day, and a year from 1900 to 2100 (``YEARS``; the record starts in 2014);
- an integer is ASCII digits 0-9 with an optional sign, within the 64-bit range; a number is a
  plain ASCII decimal (no ``1_000``, no full-width or Arabic-Indic digits, no ``nan``);
- a cell holds at most ``CELL_LIMIT`` characters (64 Ki). Python's csv module is given its own
  field limit explicitly before every read, so whether Frictionless was imported first (it
  raises the limit) never changes what loads.

A broken descriptor (invalid JSON, an unknown type, a bad pattern, a key naming a missing field
or resource, a missing file) is a ``DescriptorError`` naming the descriptor, resource and field.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from oir_analysis.paths import DATA_DIR, DATAPACKAGE, VALIDATED_DIR

CELL_LIMIT = 65_536  # characters in one cell; far above any note, far below a runaway quote
CSV_FIELD_LIMIT = 2**31 - 1  # what csv may read, so an oversized cell is a problem, not a crash
YEARS = (1900, 2100)  # first and last year a date or year-month may name
INT64 = (-(2**63), 2**63 - 1)

# The shape and strptime format of each strictly parsed type; the parser adds the checks a regex
# cannot make (a real day, the year range, the 64-bit range).
STRICT = {
    "integer": (r"[+-]?[0-9]+", None),
    "number": (r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", None),
    "date": (r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "%Y-%m-%d"),
    "yearmonth": (r"[0-9]{4}-[0-9]{2}", "%Y-%m"),
}
TYPES = ("string", *STRICT)
EXPECTED = {
    "integer": "a whole number: digits 0-9 with an optional sign, within 64 bits",
    "number": "a decimal number written with digits 0-9",
    "date": f"a real date, YYYY-MM-DD, in {YEARS[0]}-{YEARS[1]}",
    "yearmonth": f"YYYY-MM, in {YEARS[0]}-{YEARS[1]}",
}


class DataValidationError(ValueError):
    """A data file does not meet its Table Schema; ``problems`` lists every problem found."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"{path}: {count} found; the file was not loaded:\n{lines}")


class DescriptorError(ValueError):
    """The Data Package descriptor is broken; one line per problem names resource and field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


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
    """Return the parsed Data Package descriptor, checked (read once per process)."""
    try:
        descriptor = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise DescriptorError([f"{DATAPACKAGE}, {where}: not valid JSON ({error.msg})"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise DescriptorError([f"{DATAPACKAGE}: cannot be read ({error})"]) from None
    problems = descriptor_problems(descriptor)
    if problems:
        raise DescriptorError(problems)
    return descriptor


def descriptor_problems(descriptor: Any) -> list[str]:
    """Check what this module relies on in a descriptor; one line per problem, in file order."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return [f"{DATAPACKAGE}: no list of resources"]
    problems: list[str] = []
    fields_of: dict[str, list[str]] = {}
    for number, resource in enumerate(descriptor["resources"], start=1):
        name = resource.get("name") if isinstance(resource, dict) else None
        where = f"{DATAPACKAGE}, resource {name if isinstance(name, str) else f'#{number}'!r}"
        fields = _resource_fields(resource)
        if not isinstance(name, str) or not name or fields is None:
            problems.append(f"{where}: needs a name and a schema with a list of fields")
            continue
        if name in fields_of:
            problems.append(f"{where}: described twice")
        path = resource.get("path")
        if not isinstance(path, str) or Path(path).name != path or not path.endswith(".csv"):
            problems.append(f"{where}: path {path!r} is not a CSV file name in {DATA_DIR.name}/")
        fields_of[name] = [str(field.get("name")) for field in fields if isinstance(field, dict)]
        for field in fields:
            problems += [f"{where}, {message}" for message in _field_problems(field)]
        schema = resource["schema"]
        primary_key = schema.get("primaryKey", [])
        primary_key = [primary_key] if isinstance(primary_key, str) else primary_key
        foreign_keys = schema.get("foreignKeys", [])
        if not isinstance(primary_key, list) or not isinstance(foreign_keys, list):
            problems.append(f"{where}: primaryKey and foreignKeys must be lists")
            continue
        for key in primary_key:
            if key not in fields_of[name]:
                problems.append(f"{where}, field {key!r}: in the primary key but not a field")
    for resource in descriptor["resources"]:
        name = resource.get("name") if isinstance(resource, dict) else None
        if not isinstance(name, str) or name not in fields_of:
            continue
        foreign_keys = resource["schema"].get("foreignKeys", [])
        for key in foreign_keys if isinstance(foreign_keys, list) else []:
            problems += _foreign_key_descriptor_problems(name, key, fields_of)
    return problems


def _resource_fields(resource: Any) -> list[Any] | None:
    """A resource's list of fields, or ``None`` where the descriptor has none."""
    schema = resource.get("schema") if isinstance(resource, dict) else None
    fields = schema.get("fields") if isinstance(schema, dict) else None
    return fields if isinstance(fields, list) else None


def _field_problems(field: Any) -> list[str]:
    """What is wrong with one field's description: its name, type and constraints."""
    if not isinstance(field, dict) or not isinstance(field.get("name"), str):
        return [f"field {field!r}: needs a name"]
    where = f"field {field['name']!r}"
    problems = []
    if field.get("type") not in TYPES:
        problems.append(f"{where}: unknown type {field.get('type')!r} (known: {', '.join(TYPES)})")
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        return [*problems, f"{where}: constraints must be an object"]
    pattern = constraints.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as error:
            problems.append(f"{where}: pattern {pattern!r} is not a regular expression ({error})")
    enum = constraints.get("enum")
    if enum is not None and not (
        isinstance(enum, list) and enum and all(isinstance(value, str) for value in enum)
    ):
        problems.append(f"{where}: enum must be a non-empty list of texts")
    for bound in ("minimum", "maximum"):
        value = constraints.get(bound)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            problems.append(f"{where}: {bound} {value!r} is not a number")
    return problems


def _foreign_key_descriptor_problems(
    name: str, key: Any, fields_of: dict[str, list[str]]
) -> list[str]:
    """Check that a foreign key names a field of its resource and an existing target field."""
    where = f"{DATAPACKAGE}, resource {name!r}"
    reference = key.get("reference") if isinstance(key, dict) else None
    if not isinstance(reference, dict):
        return [f"{where}: foreign key {key!r} has no reference"]
    field, target, target_field = (
        key.get("fields"),
        reference.get("resource"),
        reference.get("fields"),
    )
    if not all(isinstance(name, str) for name in (field, target, target_field)):
        return [f"{where}: foreign key {key!r} must name one field, resource and target field"]
    problems = []
    if field not in fields_of[name]:
        problems.append(f"{where}, field {field!r}: in a foreign key but not a field")
    if target not in fields_of:
        problems.append(f"{where}, field {field!r}: refers to resource {target!r}, not described")
    elif target_field not in fields_of[target]:
        problems.append(
            f"{where}, field {field!r}: refers to {target}.{target_field}, not a field of {target}"
        )
    return problems


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


def undescribed_files() -> list[Path]:
    """CSV files in ``data/`` that no resource describes: nothing would ever check them."""
    described = {resource["path"] for resource in datapackage()["resources"]}
    return sorted(path for path in DATA_DIR.glob("*.csv") if path.name not in described)


def field_names(name: str) -> list[str]:
    """Return a resource's column names in schema order."""
    return [field["name"] for field in resource_descriptor(name)["schema"]["fields"]]


def parse_column(values: pd.Series, kind: str) -> tuple[pd.Series, pd.Series]:
    """Parse text cells of a strict type; return the typed values and a mask of invalid cells.

    The one parser for integers, numbers, dates and year-months: ``find_problems`` reports the
    cells it rejects and ``load_resource`` keeps what it returns. Blank cells are missing (NA),
    never invalid; whether a value is required is the schema's ``required`` constraint.
    """
    text = values.astype("string").str.strip()
    blank = text.isna() | (text == "")
    shape, form = STRICT[kind]
    good = text.str.fullmatch(shape).fillna(False).astype(bool) & ~blank
    if kind in ("integer", "number"):
        if kind == "integer":  # 19 digits and more may leave the 64-bit range; check those exactly
            long = good & (text.str.lstrip("+-").str.lstrip("0").str.len() >= 19)
            good[long] = [INT64[0] <= int(cell) <= INT64[1] for cell in text[long]]
        typed = pd.to_numeric(text.where(good), dtype_backend="numpy_nullable")
        typed = typed.astype("Int64" if kind == "integer" else "Float64")
    else:
        stamps = pd.to_datetime(text.where(good), format=form, errors="coerce")
        good &= stamps.dt.year.between(*YEARS).fillna(False).astype(bool)
        stamps = stamps.where(good)
        typed = stamps.dt.to_period("M") if kind == "yearmonth" else stamps
    return typed, ~good & ~blank


def find_problems(name: str, path: str | PathLike[str] | None = None) -> list[Problem]:
    """Check a CSV against resource ``name``'s schema and return every problem, in file order."""
    return _check(name, path)[0]


def load_resource(name: str, path: str | PathLike[str] | None = None) -> pd.DataFrame:
    """Validate and read a resource; raise ``DataValidationError`` listing every problem."""
    problems, cells = _check(name, path)
    if cells is None:
        raise DataValidationError(_path(name, path), problems)
    schema = resource_descriptor(name)["schema"]
    return pd.DataFrame(
        {field["name"]: _typed(cells[field["name"]], field) for field in schema["fields"]}
    )


def _path(name: str, path: str | PathLike[str] | None) -> Path:
    """The file to check: the caller's copy, or the resource's own file in data/."""
    return Path(path) if path is not None else resource_path(name)


def _check(
    name: str, path: str | PathLike[str] | None
) -> tuple[list[Problem], pd.DataFrame | None]:
    """Return every problem of a file, and its cells as text when there is none.

    A file whose exact bytes passed under the exact same schema, checked by the same code and
    Frictionless version, is clean again, so a marker named by that digest (in build/) stands in
    for the slow full check; only the foreign keys, which depend on another file, are checked
    every time. Only clean results are remembered.
    """
    schema = resource_descriptor(name)["schema"]
    file = _path(name, path)
    if path is None and not file.is_file():
        raise DescriptorError([f"{DATAPACKAGE}, resource {name!r}: its file {file} is missing"])
    raw = file.read_bytes()
    marker = _marker(raw, schema)
    if marker.exists():
        cells = _cells(raw)
        if not _foreign_key_misses(schema, cells):
            return [], cells
    try:
        scan = _scan(raw, file, schema)
    except UnicodeDecodeError:
        return _encoding_problems(raw, file), None
    problems = _file_problems(name, file, scan, schema)
    if not problems:
        try:
            VALIDATED_DIR.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:  # a read-only checkout still validates, only more slowly
            pass
    problems += _foreign_key_problems(scan, file, schema)
    if problems:
        return sorted(set(problems)), None
    del scan  # the text cells below take the memory the scan's columns held
    return [], _cells(raw)


def _marker(raw: bytes, schema: dict[str, Any]) -> Path:
    """Where the proof that these bytes passed under this schema and this code is kept."""
    from importlib import metadata  # here, not at import: importing the package stays light

    digest = hashlib.sha256(raw)
    digest.update(json.dumps(schema, sort_keys=True).encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(metadata.version("frictionless").encode())
    return VALIDATED_DIR / digest.hexdigest()


def _cells(raw: bytes) -> pd.DataFrame:
    """Read a checked file's cells as text with pandas' C parser (fast, no field size limit)."""
    return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _typed(column: pd.Series, field: dict[str, Any]) -> pd.Series:
    """Convert a column of validated text to the pandas dtype its Table Schema type implies."""
    kind = field["type"]
    if kind in STRICT:
        return parse_column(column, kind)[0]
    values = column.str.strip().replace("", None)
    enum = field.get("constraints", {}).get("enum")
    if enum:
        return values.astype(pd.CategoricalDtype(enum, ordered=False))
    return values.astype("string")


@dataclass
class _Scan:
    """One pass of Python's csv reader over a file: what every later check needs located."""

    header: list[str]
    lines: list[int]  # the physical line on which each record starts; the header is first
    columns: dict[str, pd.Series]  # cells of the typed and key columns, one per data record
    problems: list[Problem]  # cells over CELL_LIMIT


def _reader(raw: bytes, errors: str = "strict") -> Iterator[list[str]]:
    """A csv reader over UTF-8 bytes, with a field limit set here whatever was set before.

    The bytes are decoded as they are read: a decoded copy of a large file would double its memory.
    """
    csv.field_size_limit(CSV_FIELD_LIMIT)
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", errors=errors, newline="")
    return csv.reader(stream)


def _scan(raw: bytes, path: Path, schema: dict[str, Any]) -> _Scan:
    """Read every record once, keeping only line numbers and the cells later checks need.

    Raises UnicodeDecodeError on bytes that are not UTF-8 (``_encoding_problems`` names them).
    """
    reader = _reader(raw)
    header = next(iter(reader), [])
    labels = [label.strip() for label in header]
    wanted = {f["name"] for f in schema["fields"] if f["type"] in STRICT}
    wanted |= {key["fields"] for key in schema.get("foreignKeys", [])}
    positions = {name: labels.index(name) for name in wanted if name in labels}
    kept: dict[str, list[str]] = {name: [] for name in positions}
    same: dict[str, str] = {}  # one string object per distinct cell value: repeated months share it
    lines = [1]
    problems = []
    start = reader.line_num + 1  # type: ignore[attr-defined]
    for record in reader:
        lines.append(start)
        for position, cell in enumerate(record):
            if len(cell) > CELL_LIMIT:
                column = labels[position] if position < len(labels) else f"#{position + 1}"
                message = f"a cell of {len(cell):,} characters; the limit is {CELL_LIMIT:,}"
                problems.append(Problem(start, column, message, str(path)))
        for name, position in positions.items():
            cell = record[position] if position < len(record) else ""
            kept[name].append(same.setdefault(cell, cell))
        start = reader.line_num + 1  # type: ignore[attr-defined]
    columns = {name: pd.Series(cells, dtype=object) for name, cells in kept.items()}
    return _Scan(header, lines, columns, problems)


def _file_problems(name: str, path: Path, scan: _Scan, schema: dict[str, Any]) -> list[Problem]:
    """Every problem the file has on its own: header, cell sizes, strict types, Frictionless."""
    header = _header_problems(scan.header, path, schema)
    problems = header + scan.problems
    # A column already named on line 1 or a cell already named here is not named again by
    # Frictionless (as a missing value on every row, or a duplicate key of blanks).
    named = {problem.column for problem in header}
    flagged = set()
    for field in schema["fields"]:
        if field["name"] not in scan.columns or field["type"] not in STRICT:
            continue
        cells = scan.columns[field["name"]]
        _, bad = parse_column(cells, field["type"])
        for row in bad[bad].index:
            line = scan.lines[row + 1]
            flagged.add((line, field["name"]))
            message = f"{cells[row]!r} is not a valid {field['type']} ({EXPECTED[field['type']]})"
            problems.append(Problem(line, field["name"], message, str(path)))
    if len(scan.lines) > 1 and not scan.problems:  # an oversized cell is fixed first
        problems += [
            problem
            for problem in _frictionless_problems(name, path, schema, scan.lines)
            if (problem.line, problem.column) not in flagged
            and named.isdisjoint(problem.column.split("+"))
        ]
    return problems


def _encoding_problems(raw: bytes, path: Path) -> list[Problem]:
    """Name each line (and the column of the cell) holding bytes that are not UTF-8."""
    reader = _reader(raw, errors="replace")
    header: list[str] = []
    problems = []
    start = 1
    for record in reader:
        header = header or record
        for position, cell in enumerate(record):
            if "\ufffd" in cell:
                column = header[position] if position < len(header) else f"#{position + 1}"
                problems.append(
                    Problem(
                        start,
                        column,
                        "bytes that are not UTF-8 (save the file as UTF-8)",
                        str(path),
                    )
                )
        start = reader.line_num + 1  # type: ignore[attr-defined]
    return problems


def _header_problems(header: list[str], path: Path, schema: dict[str, Any]) -> list[Problem]:
    """Report missing, unknown, blank, repeated and space-padded column names on line 1."""
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
        elif header[position] != label:
            message = f"the name {header[position]!r} has spaces around it (write {label!r})"
            problems.append(Problem(1, label, message, str(path)))
    return problems


def _frictionless_schema(name: str, schema: dict[str, Any]) -> Any:
    """Build the Frictionless schema; what it finds wrong is a ``DescriptorError`` per field."""
    import frictionless  # imported here: validation is the only user, and it is slow to import

    # Columns are matched by name whatever their order; _header_problems names missing ones.
    # Foreign keys are checked by _foreign_key_problems, which can read the other file.
    descriptor = {**schema, "fieldsMatch": "partial", "foreignKeys": []}
    try:
        return frictionless.Schema.from_descriptor(descriptor)
    except frictionless.FrictionlessException:
        pass
    where = f"{DATAPACKAGE}, resource {name!r}"
    problems = []
    for field in schema["fields"]:
        try:
            frictionless.Schema.from_descriptor({"fields": [field]})
        except frictionless.FrictionlessException as error:
            reasons = [reason.message for reason in error.reasons] or [error.error.message]
            problems += [f"{where}, field {field['name']!r}: {reason}" for reason in reasons]
    raise DescriptorError(problems or [f"{where}: Frictionless cannot read its schema"])


def _frictionless_problems(
    name: str, path: Path, schema: dict[str, Any], lines: list[int]
) -> list[Problem]:
    """Validate every row with Frictionless and translate its errors into problems."""
    import frictionless

    resource = frictionless.Resource(
        path=path.name,
        basepath=str(path.parent),
        schema=_frictionless_schema(name, schema),
        encoding="utf-8",
        format="csv",
    )
    csv.field_size_limit(CSV_FIELD_LIMIT)
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
        expected = f" ({EXPECTED[field_type]})" if field_type in EXPECTED else ""
        return f"{cell!r} is not a valid {field_type}{expected}"
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


def _foreign_key_targets(schema: dict[str, Any]) -> Iterable[tuple[str, str, set[str]]]:
    """Each foreign key's field, target, and the target's values as text."""
    for key in schema.get("foreignKeys", []):
        target, target_field = key["reference"]["resource"], key["reference"]["fields"]
        known = set(load_resource(target)[target_field].dropna().astype(str))
        yield key["fields"], f"{target_field} in {target}", known


def _foreign_key_misses(schema: dict[str, Any], cells: pd.DataFrame) -> bool:
    """Whether a checked file has a key value its target lacks (then it is checked in full)."""
    for field, _, known in _foreign_key_targets(schema):
        values = cells[field].str.strip()
        if not (values.eq("") | values.isin(known)).all():
            return True
    return False


def _foreign_key_problems(scan: _Scan, path: Path, schema: dict[str, Any]) -> list[Problem]:
    """Name every cell of a foreign key whose value the referenced resource does not have."""
    problems: list[Problem] = []
    if len(scan.lines) < 2:
        return problems
    for field, target, known in _foreign_key_targets(schema):
        if field not in scan.columns:
            continue
        for row, cell in scan.columns[field].items():
            value = cell.strip()
            if value and value not in known:
                message = f"{value!r} does not match any {target}"
                problems.append(Problem(scan.lines[row + 1], field, message, str(path)))
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
load_airwars_incidents = _loader("airwars_incidents")
load_allegation_assessments = _loader("allegation_assessments")
