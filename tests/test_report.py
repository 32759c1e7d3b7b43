"""The report site: notebooks read as articles, generated pages escape text from the data, and
the built pages load nothing from the network. (What a browser shows is in test_browser.py.)"""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pandas as pd
import pytest

from oir_analysis import data, report
from oir_analysis.atomic import PREFIX
from oir_analysis.paths import DATA_DIR

SCRIPT = "<script>alert(1)</script>"
ONERROR = "<img/src=x/onerror=alert(1)>"
HOSTILE = SCRIPT + ONERROR


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_html_table_escapes_every_cell_and_links_only_web_pages():
    frame = pd.DataFrame(
        {"publisher": [HOSTILE, "AP"], "url": ["javascript:alert(1)", "https://example.org/a?b=1"]}
    )
    table = report.html_table(frame, links={"url": "page"})
    assert SCRIPT not in table and "<img" not in table
    assert escaped(SCRIPT) in table
    assert 'href="javascript' not in table and ">javascript:alert(1)</td>" in table
    assert '<a href="https://example.org/a?b=1">' in table
    assert "<th>page</th>" in table


def test_html_table_aligns_columns_of_numbers_right():
    frame = pd.DataFrame({"month": ["2017-06", "2017-09"], "gap": ["4", "-7"], "n": [1, None]})
    table = report.html_table(frame)
    assert '<th>month</th><th class="num">gap</th><th class="num">n</th>' in table
    assert '<td>2017-06</td><td class="num">4</td><td class="num">1.0</td>' in table
    assert '<td class="num">-7</td><td class="num"></td>' in table


def test_markdown_escape_leaves_no_markup():
    assert report.md_escape("<b>*x*</b> [a](b)") == r"\<b\>\*x\*\<\/b\> \[a\]\(b\)"
    assert report.md_escape("two\n\nlines") == "two lines"


def test_printed_tables_are_read_back_cell_for_cell():
    frame = pd.DataFrame(
        {
            "as_of": ["2017-04-01", "2017-12-06"],
            "value": [7000, 5200],
            "qualifier": ["more than", "about"],
            "publisher": ["Military Times", "U.S. Department of Defense"],
        }
    )
    text = "2 figures\n" + frame.to_string(index=False) + "\nthat is all\n"
    parts = report.printed_tables(text)
    assert parts[0] == "2 figures\n" and parts[2] == "that is all\n"
    assert parts[1].values.tolist() == frame.astype(str).values.tolist()
    assert list(parts[1].columns) == list(frame.columns)


def test_a_printed_missing_value_is_an_empty_cell_on_the_site():
    frame = pd.DataFrame(
        {
            "code": ["CS1", "CS2", "CS3"],
            "grading": ["Fair", None, "Weak"],
            "killed": pd.array([3, None, 1], dtype="Int64"),
            "month": pd.PeriodIndex(["2017-01", None, "2017-03"], freq="M"),
        }
    )
    printed = nbformat.v4.new_output("stream", name="stdout", text=frame.to_string(index=False))
    (shown,) = report.tables_as_html([printed])
    table = shown.data["text/html"]
    assert all(marker not in table for marker in ("NaN", "&lt;NA&gt;", "NaT"))
    assert '<td>CS2</td><td></td><td class="num"></td><td></td>' in table


def test_series_and_indexed_prints_stay_as_text():
    by_region = pd.DataFrame(
        {"country": [0, 12], "organisation": [5, 0]},
        index=pd.Index(["International", "Sub-Saharan Africa"], name="region"),
    ).rename_axis(columns="kind")
    series = pd.Series([21, 56], index=pd.MultiIndex.from_tuples([("Iraq", "cap"), ("", "b c")]))
    for text in (by_region.to_string(), series.to_string(), "11 failed checks\nin 9 reports\n"):
        assert report.printed_tables(text + "\n") == [text + "\n"]


def notebook_with(outputs: list, source: str = "# NBVAL_CHECK_OUTPUT\nprint(frame)") -> nbformat:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A page\n\nSee [troops](01_troop_levels.ipynb#a-page)."),
        nbformat.v4.new_code_cell(source, outputs=outputs),
    ]
    return notebook


def test_prepared_notebook_hides_code_strips_markers_and_links_pages():
    table = pd.DataFrame({"publisher": [HOSTILE.replace(" ", "")], "rows": [3]})
    printed = "1 publisher\n" + table.to_string(index=False) + "\n"
    original = notebook_with([nbformat.v4.new_output("stream", name="stdout", text=printed)])
    prepared = report.prepare_notebook(original)

    code = prepared.cells[1]
    assert code.source == "print(frame)" and code.metadata.tags == ["hide-input"]
    assert "](project:01_troop_levels.ipynb#a-page)" in prepared.cells[0].source
    text, html_output = code.outputs
    assert text.text == "1 publisher\n"
    shown = html_output.data["text/html"]
    assert escaped(SCRIPT) in shown and SCRIPT not in shown and "<img" not in shown
    assert original.cells[1].source.startswith("# NBVAL_CHECK_OUTPUT")  # the copy only


def test_an_articles_lead_is_its_first_sentence_as_plain_text():
    notebook = notebook_with([])
    notebook.cells[
        0
    ].source = "# Explore\n\nPick a *country*, see [troops](01_x.ipynb) and `run`. More."
    assert report.notebook_lead(notebook) == "Pick a country, see troops and run."


def test_manifest_skips_temporary_and_missing_files(tmp_path):
    (tmp_path / "a.png").write_bytes(b"png")
    (tmp_path / f"{PREFIX}1-b.png.x.tmp").write_bytes(b"half")
    manifest = [
        {"name": "a", "title": "A", "caption": "", "source": "", "files": ["a.png", "a.svg"]},
        {
            "name": "b",
            "title": "B",
            "caption": "",
            "source": "",
            "files": [f"{PREFIX}1-b.png.x.tmp"],
        },
    ]
    (tmp_path / "charts.json").write_text(json.dumps(manifest))
    assert [(e["name"], e["files"]) for e in report.load_manifest(tmp_path)] == [("a", ["a.png"])]
    assert report.load_manifest(tmp_path / "none") == []


def test_version_and_citation_come_from_changelog_and_citation_cff():
    assert report.changelog_date("# Changelog\n\n## 2026-11-25\n\n## 2026-11-24\n") == "2026-11-25"
    cite = report.citation("2026-11-25 (commit abc)")
    assert cite.startswith("oir-analysis contributors (2026). oir-analysis: the public record")
    assert cite.endswith("Data version 2026-11-25 (commit abc).")


@pytest.fixture
def hostile_data(tmp_path, monkeypatch):
    """A copy of data/ with markup in a publisher cell and in the data package's descriptions."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    troops = folder / "troop_levels.csv"
    text = troops.read_text(encoding="utf-8")
    assert ",Military Times," in text
    troops.write_text(text.replace(",Military Times,", f",{HOSTILE},", 1), encoding="utf-8")
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    package["description"] += " " + HOSTILE
    package["resources"][0]["schema"]["fields"][0]["description"] += " " + HOSTILE
    (folder / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", folder)
    monkeypatch.setattr(data, "DATAPACKAGE", folder / "datapackage.json")
    data.datapackage.cache_clear()
    yield folder
    data.datapackage.cache_clear()


def test_the_site_shows_markup_from_the_data_as_text(tmp_path, hostile_data, capsys):
    notebooks, charts = tmp_path / "notebooks", tmp_path / "charts"
    notebooks.mkdir()
    charts.mkdir()
    printed = pd.DataFrame({"publisher": [HOSTILE]}).to_string(index=False)
    nbformat.write(
        notebook_with([nbformat.v4.new_output("stream", name="stdout", text=printed + "\n")]),
        notebooks / "00_page.ipynb",
    )
    nbformat.write(notebook_with([]), notebooks / "01_troop_levels.ipynb")
    (charts / "toll.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (charts / f"{PREFIX}1-toll.svg.x.tmp").write_text("half")
    entry = {"name": "toll", "title": HOSTILE, "caption": HOSTILE, "source": HOSTILE}
    (charts / "charts.json").write_text(
        json.dumps([{**entry, "files": ["toll.png", f"{PREFIX}1-toll.svg.x.tmp"]}])
    )

    index = report.render_report(notebooks, charts, tmp_path / "site")
    assert capsys.readouterr().err == ""  # Sphinx had no warning
    site = index.parent
    pages = {path.name: path.read_text(encoding="utf-8") for path in site.glob("*.html")}
    assert {
        "index.html",
        "00_page.html",
        "01_troop_levels.html",
        "gallery.html",
        "data.html",
    } <= set(pages) and {"sources.html", "methods.html"} <= set(pages)
    for name, page in pages.items():
        assert SCRIPT not in page and "onerror=alert" not in page.replace(escaped(ONERROR), ""), (
            name
        )
        assert "NBVAL" not in page, name
        for tag in re.findall(r"<(?:script|link)\b[^>]*>", page):
            assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", tag), (name, tag)
        if name not in ("genindex.html", "search.html"):
            assert "Data version" in page and "How to cite: oir-analysis contributors" in page
    shown = escaped(SCRIPT)
    for name in ("index.html", "00_page.html", "gallery.html", "data.html", "sources.html"):
        assert shown in pages[name], name
    for kind in ("caption", "source"):
        assert f'<p class="oir-{kind}">{escaped(HOSTILE)}</p>' in pages["gallery.html"]
    assert f'alt="{escaped(HOSTILE)}"' in pages["gallery.html"]
    assert 'href="01_troop_levels.html#a-page"' in pages["00_page.html"]
    assert (site / "charts" / "toll.png").exists() and not list(site.glob(f"charts/{PREFIX}*"))
    for name in data.resource_names():
        copied = site / "data" / data.resource_path(name).name
        assert copied.read_bytes() == data.resource_path(name).read_bytes()
    assert (site / "data" / "datapackage.json").read_bytes() == data.DATAPACKAGE.read_bytes()


def test_a_site_without_executed_notebooks_is_refused_with_the_next_step(tmp_path, capsys):
    (tmp_path / f"{PREFIX}1-00_index.ipynb.x.tmp").write_text("{}")
    with pytest.raises(FileNotFoundError, match="run `python -m oir_analysis run-notebooks`"):
        report.render_report(tmp_path, tmp_path / "charts", tmp_path / "site")
    assert not (tmp_path / "site").exists()
