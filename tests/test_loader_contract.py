"""The loader contract: every malformed file gives a DataValidationError naming file, line and
column, and leaves the file's bytes as they were; BOM and CRLF files (as Excel writes) load."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pandas as pd
import pytest

import oir_analysis
from oir_analysis.data import (
    CELL_LIMIT,
    field_names,
    parse_column,
    resource_descriptor,
    resource_path,
)
from oir_analysis.paths import VALIDATED_DIR

ROW = {
    "report_month": "2018-11",
    "release_date": "2018-12-30",
    "carried_over": "194",
    "new_reports": "15",
    "completed": "25",
    "credible": "3",
    "non_credible": "20",
    "duplicate": "2",
    "credible_deaths": "15",
    "still_open": "184",
    "cumulative_strikes": "31406",
    "strikes_through": "2018-11-30",
    "cumulative_civilian_deaths": "1139",
    "source_url": "https://example.org/report",
    "source_kind": "official release",
    "publisher": "CJTF-OIR",
}
HEADER = field_names("casualty_reports")


def csv_text(rows: list[dict[str, str]], header: list[str] = HEADER, newline: str = "\n") -> str:
    lines = [",".join(header)] + [",".join(row.get(name, "") for name in header) for row in rows]
    return newline.join(lines) + newline


def second_row(**changes: str) -> dict[str, str]:
    return {**ROW, "report_month": "2018-12", **changes}


def write(tmp_path, content: str | bytes):
    path = tmp_path / "casualty_reports.csv"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def load_fails(path, *expected: tuple[int, str, str]) -> str:
    """Load must fail; each (line, column, words) must appear in one problem line."""
    before = path.read_bytes()
    with pytest.raises(oir_analysis.DataValidationError) as caught:
        oir_analysis.load_casualty_reports(path)
    assert path.read_bytes() == before, "the loader changed the file"
    message = str(caught.value)
    assert isinstance(caught.value, ValueError)
    for line, column, words in expected:
        pattern = rf"{re.escape(str(path))}, line {line}, column '{re.escape(column)}': .*{words}"
        assert re.search(pattern, message), f"no problem at line {line}, {column!r}:\n{message}"
    assert caught.value.__cause__ is None and caught.value.__context__ is None
    return message


def test_a_valid_file_loads_with_schema_dtypes(tmp_path):
    frame = oir_analysis.load_casualty_reports(write(tmp_path, csv_text([ROW])))
    assert list(frame.columns) == HEADER
    assert frame.loc[0, "report_month"] == pd.Period("2018-11", freq="M")
    assert frame.loc[0, "still_open"] == 184
    assert str(frame["still_open"].dtype) == "Int64"
    assert frame.loc[0, "strikes_through"] == pd.Timestamp("2018-11-30")
    assert pd.isna(frame.loc[0, "reopened"])


def test_bom_and_crlf_as_excel_writes_them_load(tmp_path):
    content = b"\xef\xbb\xbf" + csv_text([ROW, second_row()], newline="\r\n").encode()
    frame = oir_analysis.load_casualty_reports(write(tmp_path, content))
    assert frame["report_month"].astype(str).tolist() == ["2018-11", "2018-12"]
    assert frame["publisher"].tolist() == ["CJTF-OIR", "CJTF-OIR"]


def test_missing_column(tmp_path):
    header = [name for name in HEADER if name != "completed"]
    load_fails(write(tmp_path, csv_text([ROW], header)), (1, "completed", "missing column"))


def test_unknown_extra_column(tmp_path):
    text = csv_text([{**ROW, "remarks": "x"}], HEADER + ["remarks"])
    load_fails(write(tmp_path, text), (1, "remarks", "unknown column"))


def test_text_and_fraction_in_counts_are_each_reported(tmp_path):
    rows = [
        ROW,
        second_row(new_reports="fifteen"),
        {**second_row(completed="2.5"), "report_month": "2019-01"},
    ]
    load_fails(
        write(tmp_path, csv_text(rows)),
        (3, "new_reports", "'fifteen' is not a valid integer"),
        (4, "completed", "'2.5' is not a valid integer"),
    )


def test_negative_count(tmp_path):
    load_fails(write(tmp_path, csv_text([second_row(credible="-3")])), (2, "credible", "minimum"))


def test_impossible_date(tmp_path):
    text = csv_text([ROW, second_row(release_date="2019-02-30")])
    load_fails(write(tmp_path, text), (3, "release_date", "not a valid date"))


def test_duplicated_key(tmp_path):
    load_fails(write(tmp_path, csv_text([ROW, ROW])), (3, "report_month", "duplicate key"))


def test_row_with_too_few_fields(tmp_path):
    text = csv_text([ROW]) + "2018-12,2019-01-30,184\n"
    load_fails(write(tmp_path, text), (3, "source_url", "too few fields"))


@pytest.mark.parametrize("url", ["", "ftp://example.org/x", "example.org", "https://"])
def test_missing_or_non_http_source_url(tmp_path, url):
    load_fails(write(tmp_path, csv_text([ROW, second_row(source_url=url)])), (3, "source_url", ""))


def test_empty_file_names_every_missing_column(tmp_path):
    message = load_fails(write(tmp_path, b""), *[(1, name, "the file is empty") for name in HEADER])
    assert message.count("missing column") == len(HEADER)


def test_latin1_bytes_name_line_and_column(tmp_path):
    text = csv_text([ROW, second_row(publisher="Agence Fran\xe7aise")])
    load_fails(write(tmp_path, text.encode("latin-1")), (3, "publisher", "not UTF-8"))


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    rows = [second_row(credible="-1", duplicate="x", source_url="")]
    message = load_fails(
        write(tmp_path, csv_text(rows)),
        (2, "credible", "minimum"),
        (2, "duplicate", "integer"),
        (2, "source_url", "required"),
    )
    assert "3 problems found" in message


def test_line_numbers_count_physical_lines_of_multiline_cells(tmp_path):
    text = csv_text([{**ROW, "notes": '"two\nlines"'}, second_row(completed="x")])
    load_fails(write(tmp_path, text), (2, "notes", "constraint"), (4, "completed", "integer"))


def test_unknown_enum_value(tmp_path):
    text = csv_text([second_row(source_kind="blog")])
    load_fails(write(tmp_path, text), (2, "source_kind", "enum"))


def test_a_source_row_for_a_month_with_no_report_is_named(tmp_path):
    path = tmp_path / "casualty_report_sources.csv"
    path.write_text(
        "report_month,field,value,source_url,source_kind,publisher,notes\n"
        "1999-01,still_open,5,https://example.org/x,wire agency,Example,\n"
    )
    before = path.read_bytes()
    with pytest.raises(oir_analysis.DataValidationError) as caught:
        oir_analysis.load_casualty_report_sources(path)
    assert f"{path}, line 2, column 'report_month': '1999-01' does not match" in str(caught.value)
    assert path.read_bytes() == before


def test_unknown_resource_name_lists_the_known_ones():
    with pytest.raises(KeyError, match="casualty_reports"):
        oir_analysis.load_resource("casualty")


def test_row_with_too_many_fields(tmp_path):
    text = csv_text([ROW]) + csv_text([second_row()]).splitlines()[1] + ",surplus\n"
    load_fails(write(tmp_path, text), (3, f"#{len(HEADER) + 1} (beyond the header)", "more fields"))


def test_a_clean_file_is_remembered_by_content_and_a_changed_byte_is_checked_again(tmp_path):
    copy = tmp_path / "events.csv"
    shutil.copyfile(resource_path("events"), copy)
    oir_analysis.load_events(copy)
    digest = hashlib.sha256(copy.read_bytes())
    digest.update(json.dumps(resource_descriptor("events")["schema"], sort_keys=True).encode())
    digest.update(Path(oir_analysis.data.__file__).read_bytes())
    digest.update(metadata.version("frictionless").encode())
    assert (VALIDATED_DIR / digest.hexdigest()).exists()
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("2018-04-30", "2018-04-31", 1), encoding="utf-8")
    with pytest.raises(oir_analysis.DataValidationError, match="2018-04-31"):
        oir_analysis.load_events(copy)


# Hardening (issue 11): one strict parser per type, an explicit cell limit, padded header names.

BAD_MONTHS = ["12-11", "10-06", "1-1", "17-01", "+2030-05", "2017-13", "2017-1", "0017-01"]
BAD_MONTHS += ["9999-01", "1899-12", "２０１８-１１", "2018-11-01", "201811"]


@pytest.mark.parametrize("month", BAD_MONTHS)
def test_a_year_month_not_written_yyyy_mm_in_range_is_named(tmp_path, month):
    text = csv_text([ROW, second_row(report_month=month)])
    load_fails(write(tmp_path, text), (3, "report_month", rf"'{re.escape(month)}' is not a valid"))


@pytest.mark.parametrize(
    "date", ["2017-2-3", "0017-01-01", "9999-01-01", "2019-02-29", "20170203", "2017-02-03T00"]
)
def test_a_date_not_written_yyyy_mm_dd_in_range_is_named(tmp_path, date):
    text = csv_text([ROW, second_row(release_date=date)])
    load_fails(write(tmp_path, text), (3, "release_date", rf"'{date}' is not a valid date"))


def test_the_first_and_last_year_in_range_load_as_written(tmp_path):
    rows = [second_row(report_month="1900-01", release_date="2100-12-31", strikes_through="")]
    frame = oir_analysis.load_casualty_reports(write(tmp_path, csv_text(rows)))
    assert frame.loc[0, "report_month"] == pd.Period("1900-01", freq="M")
    assert frame.loc[0, "release_date"] == pd.Timestamp("2100-12-31")


@pytest.mark.parametrize(
    "count",
    ["1_000", "３００", "٣٠٠", "9223372036854775808", "-9223372036854775809", "1e3", "0x1F", "- 3"],
)
def test_an_integer_python_reads_but_the_schema_does_not_is_named(tmp_path, count):
    text = csv_text([ROW, second_row(cumulative_strikes=count)])
    expected = rf"'{re.escape(count)}' is not a valid integer \(a whole number: digits 0-9"
    message = load_fails(write(tmp_path, text), (3, "cumulative_strikes", expected))
    assert "1 problem found" in message


def test_the_largest_64_bit_integer_loads_exactly(tmp_path):
    rows = [second_row(cumulative_strikes="9223372036854775807", credible="+3")]
    frame = oir_analysis.load_casualty_reports(write(tmp_path, csv_text(rows)))
    assert frame.loc[0, "cumulative_strikes"] == 2**63 - 1
    assert frame.loc[0, "credible"] == 3


@pytest.mark.parametrize("month", ["2018-11", "1900-01", "2100-12", "2018-1", "18-11", "2101-01"])
def test_the_check_and_the_typed_read_use_one_parser(tmp_path, month):
    typed, bad = parse_column(pd.Series([month]), "yearmonth")
    path = write(tmp_path, csv_text([second_row(report_month=month)]))
    if bad[0]:
        load_fails(path, (2, "report_month", "is not a valid yearmonth"))
    else:
        assert oir_analysis.load_casualty_reports(path).loc[0, "report_month"] == typed[0]
        assert str(typed[0]) == month


def test_a_header_name_padded_with_spaces_is_named_not_a_crash(tmp_path):
    header = [f" {HEADER[0]} ", *HEADER[1:]]
    message = load_fails(
        write(tmp_path, csv_text([ROW], header)), (1, "report_month", "has spaces around it")
    )
    assert "1 problem found" in message


def test_a_cell_at_the_limit_loads_and_one_above_it_is_named(tmp_path):
    at_limit = oir_analysis.load_casualty_reports(
        write(tmp_path, csv_text([{**ROW, "notes": "n" * CELL_LIMIT}]))
    )
    assert len(at_limit.loc[0, "notes"]) == CELL_LIMIT
    text = csv_text([ROW, second_row(notes="n" * (CELL_LIMIT + 1))])
    load_fails(write(tmp_path, text), (3, "notes", f"the limit is {CELL_LIMIT:,}"))


@pytest.mark.parametrize(
    "first", ["", "import frictionless; "], ids=["fresh", "frictionless-first"]
)
def test_a_cell_over_128_kib_is_named_whatever_was_imported_first(tmp_path, first):
    path = write(tmp_path, csv_text([ROW, second_row(notes="n" * 200_000)]))
    code = (
        f"{first}import oir_analysis\n"
        f"try:\n    oir_analysis.load_casualty_reports({str(path)!r})\n"
        "except oir_analysis.DataValidationError as error:\n    print(error)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr == ""
    assert done.stdout == (
        f"{path}: 1 problem found; the file was not loaded:\n"
        f"  {path}, line 3, column 'notes': a cell of 200,000 characters; the limit is 65,536\n"
    )
