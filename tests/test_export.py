"""The export command: byte-identical files, no metadata, no half-written chart, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from matplotlib.figure import Figure

from oir_analysis import export as export_module
from oir_analysis.export import FORMATS, export

SOME = ["casualty_backlog", "coalition_growth"]
SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml", "pdf": b"%PDF-"}


def test_two_exports_are_byte_identical_and_carry_no_dates_or_versions(tmp_path):
    first = export(tmp_path / "first", FORMATS, SOME)
    second = export(tmp_path / "second", FORMATS, SOME)
    charts = [f"{n}.{f}" for n in SOME for f in FORMATS]
    assert [path.name for path in first] == [*charts, "charts.json"]
    for one, two in zip(first, second, strict=True):
        data = one.read_bytes()
        assert data == two.read_bytes(), one.name
        assert data.startswith(SIGNATURES.get(one.suffix[1:], b"[")), one.name
        for stamp in (b"CreationDate", b"ModDate", b"Producer", b"Software", b"<dc:date>"):
            assert stamp not in data, (one.name, stamp)
    assert sorted(p.name for p in (tmp_path / "first").iterdir()) == sorted(p.name for p in first)


def test_an_interrupted_export_leaves_no_file_behind(tmp_path, monkeypatch):
    def fail_half_way(self, target, **options):
        with open(target, "wb") as partial:
            partial.write(b"half a chart")
        raise KeyboardInterrupt

    monkeypatch.setattr(Figure, "savefig", fail_half_way)
    with pytest.raises(KeyboardInterrupt):
        export(tmp_path, ["png"], ["casualty_backlog"])
    assert list(tmp_path.iterdir()) == []


def test_the_command_prints_what_it_wrote(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "oir_analysis", "export", "--out", str(tmp_path)]
        + ["--format", "svg", "--only", "coalition_growth"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == (
        f"wrote {tmp_path / 'coalition_growth.svg'}\nwrote {tmp_path / 'charts.json'}\n"
    )
    (entry,) = json.loads((tmp_path / "charts.json").read_text(encoding="utf-8"))
    assert entry["name"] == "coalition_growth"
    assert entry["title"] == "Members of the Global Coalition to Defeat ISIS"
    assert entry["source"].startswith("Source: ")
    assert entry["files"] == ["coalition_growth.svg"]


@pytest.mark.parametrize(
    ("option", "value"), [("--only", "no_such_chart"), ("--format", "gif")], ids=["chart", "format"]
)
def test_an_unknown_chart_or_format_fails_naming_it(tmp_path, option, value):
    done = subprocess.run(
        [sys.executable, "-m", "oir_analysis", "export", "--out", str(tmp_path), option, value],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert f"invalid choice: '{value}'" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_library_call_rejects_unknown_names_before_writing(tmp_path):
    with pytest.raises(KeyError, match="no_such_chart"):
        export(tmp_path / "out", ["png"], ["casualty_backlog", "no_such_chart"])
    assert not (tmp_path / "out").exists()
    assert "casualty_backlog" in export_module.REGISTRY


def test_charts_drawn_by_several_processes_are_the_same_bytes_in_the_same_order(tmp_path):
    names = ["strikes_tempo", *SOME, "allegations_map"]
    alone = export(tmp_path / "alone", ["png", "svg"], names, jobs=1)
    pooled = export(tmp_path / "pooled", ["png", "svg"], names, jobs=3)
    assert [path.name for path in pooled] == [path.name for path in alone]
    for one, two in zip(alone, pooled, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name
    assert not [p for p in (tmp_path / "pooled").iterdir() if p.name.startswith(".")]


def test_a_failure_in_a_worker_reaches_the_caller_and_leaves_no_half_chart(tmp_path, monkeypatch):
    def broken() -> Figure:
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(
        export_module.REGISTRY, "casualty_backlog", export_module.Chart(broken, "broken")
    )
    with pytest.raises(OSError, match="No space left"):
        export(tmp_path, ["png"], ["coalition_growth", "casualty_backlog"], jobs=2)
    assert not (tmp_path / "casualty_backlog.png").exists()
    assert not (tmp_path / "charts.json").exists()


def test_a_number_of_processes_below_one_is_refused(tmp_path):
    with pytest.raises(ValueError, match="at least 1"):
        export(tmp_path, ["png"], SOME, jobs=0)
    done = subprocess.run(
        [sys.executable, "-m", "oir_analysis", "export", "--out", str(tmp_path), "--jobs", "0"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "--jobs: not a whole number of at least 1: '0'" in done.stderr
