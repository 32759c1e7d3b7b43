"""Build the report site: the executed notebooks as articles, a chart gallery, data and methods.

Sphinx with MyST-NB renders the site (settings and templates in ``docs/``) from a source folder
assembled here: copies of the executed notebooks in ``build/notebooks/`` (never executed again)
with their code folded away, their test markers stripped and their links pointed at the pages;
``methods.md`` from ``docs/``; and the gallery, data and index pages generated from
``build/charts/charts.json`` and ``data/datapackage.json``. Copies of the CSVs, the data package
and every chart file are published at stable addresses (``data/``, ``charts/``) for download.

Text from the data reaches a page only as escaped HTML (``html.escape``) or as Markdown whose
punctuation is backslash-escaped, so a ``<script>`` in a notes cell is shown, never run. The
site loads nothing from the network: the theme ships its CSS and JS, and there is no math.
"""

from __future__ import annotations

import contextlib
import copy
import html
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from oir_analysis import data, features
from oir_analysis.atomic import PREFIX, is_temporary
from oir_analysis.export import MANIFEST
from oir_analysis.paths import (
    BUILD_NOTEBOOKS_DIR,
    CHANGELOG,
    CHARTS_DIR,
    CITATION,
    DOCS_DIR,
    PROJECT_ROOT,
    REPORT_DIR,
)

if TYPE_CHECKING:
    from nbformat import NotebookNode

# nbformat (imported where a notebook is read) imports jsonschema, which imports rfc3987_syntax
# when it is installed (JupyterLab's dependencies bring it) only to check the "iri" string
# format: that module compiles dozens of grammars on import, half the site build's time.
# Notebook schemas use no string formats, so a process that imports this module goes without.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]

NBVAL_MARKER = re.compile(r"^[ \t]*#[ \t]*NBVAL_\w+[ \t]*\n?", re.MULTILINE)
NOTEBOOK_LINK = re.compile(r"\]\((?P<stem>[\w-]+)\.ipynb(?P<anchor>#[^)\s]*)?\)")
NUMBER = re.compile(r"[-+]?[\d,]*\.?\d+%?")
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
# How pandas prints a missing value; on the site a missing cell is empty, as in every table.
MISSING_PRINTS = frozenset({"NaN", "<NA>", "NaT", "None"})
MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
FILES = "files"  # folder of the source tree published as-is at the site's root


# --- escaping ------------------------------------------------------------------------------


def md_escape(text: object) -> str:
    """Markdown that shows ``text`` literally: every ASCII punctuation mark backslash-escaped."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def esc(value: object) -> str:
    """One line of escaped HTML text for a cell; nothing for a missing value."""
    if value is None or (not isinstance(value, str | list | dict) and pd.isna(value)):
        return ""
    return html.escape(" ".join(str(value).split()))


def link(href: str, text: object) -> str:
    """An escaped link, only to a web page or a file of the site; anything else is plain text."""
    if re.match(r"https?://", href) or re.fullmatch(r"[\w./-]+", href):
        return f'<a href="{html.escape(href)}">{esc(text)}</a>'
    return esc(text)


def html_table(frame: pd.DataFrame, links: dict[str, str] | None = None) -> str:
    """An HTML table of ``frame``, every cell escaped; ``links`` makes a URL column clickable.

    ``links`` maps a column of URLs to the heading it is shown under (the URL as link text).
    Columns of numbers are aligned right. One line, so that MyST keeps it as one raw HTML block.
    """
    links = links or {}
    texts = {column: [esc(value) for value in frame[column]] for column in frame.columns}
    numeric = {
        column: ' class="num"'
        if any(cells) and all(NUMBER.fullmatch(c) for c in cells if c)
        else ""
        for column, cells in texts.items()
    }
    head = "".join(
        f"<th{numeric[column]}>{esc(links.get(column, column))}</th>" for column in frame.columns
    )
    rows = []
    for number in range(len(frame)):
        cells = []
        for column in frame.columns:
            text = texts[column][number]
            if column in links and text:
                text = link(str(frame[column].iloc[number]), frame[column].iloc[number])
            cells.append(f"<td{numeric[column]}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<div class="table-wrapper"><table class="docutils align-default oir-table">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


# --- version and citation ------------------------------------------------------------------


def changelog_date(text: str) -> str:
    """The date of the CHANGELOG's newest dated section (the first ``## YYYY-MM-DD``)."""
    match = re.search(r"^## (\d{4}-\d{2}-\d{2})", text, re.MULTILINE)
    return match.group(1) if match else "undated"


def git_commit() -> str | None:
    """The checkout's short commit, marked when data/ has uncommitted changes; None outside git."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=10", "HEAD"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", str(data.DATAPACKAGE.parent)],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{commit}, with uncommitted changes to the data" if changed else commit


def data_version() -> str:
    """The data version every page shows: the CHANGELOG's latest date and the commit."""
    date = changelog_date(CHANGELOG.read_text(encoding="utf-8"))
    commit = git_commit()
    return f"{date} (commit {commit})" if commit else date


def citation(version: str) -> str:
    """How to cite the collection, from CITATION.cff, with the data version."""
    import yaml  # frictionless depends on PyYAML; imported only where a site is built

    cff = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    authors = ", ".join(author.get("name", "") for author in cff.get("authors", []))
    year = str(cff.get("date-released", ""))[:4]
    return f"{authors} ({year}). {cff['title']}. Data version {version}."


# --- notebooks -----------------------------------------------------------------------------


def prepare_notebook(notebook: NotebookNode) -> NotebookNode:
    """A copy that reads as an article: code folded, no test markers, tables, links to pages."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.source = NBVAL_MARKER.sub("", cell.source)
            cell.outputs = tables_as_html(cell.outputs)
            tags = cell.metadata.setdefault("tags", [])
            if "hide-input" not in tags:
                tags.append("hide-input")
        elif cell.cell_type == "markdown":
            # A link to a sibling notebook becomes a link to its page (MyST resolves documents).
            cell.source = NOTEBOOK_LINK.sub(_page_link, cell.source)
    return notebook


def parse_printed_table(header: str, rows: list[str]) -> pd.DataFrame | None:
    """Read lines printed by ``DataFrame.to_string(index=False)`` back into cells; else None.

    Such a print right-aligns every column and its name, so each column ends where its name
    ends and each cell is flush against that end; names are identifiers. Text that does not
    meet all of this (prose, a Series, an index) is not a table and stays as printed.
    """
    names = list(re.finditer(r"\S+", header))
    if len(names) < 2 or not all(IDENTIFIER.fullmatch(name.group()) for name in names):
        return None
    ends = [name.end() for name in names]
    starts = [0, *ends[:-1]]
    cells = []
    for row in rows:
        if len(row.rstrip()) > ends[-1]:
            return None
        row = row.ljust(ends[-1])
        values = [row[start:end] for start, end in zip(starts, ends, strict=True)]
        if any(
            value.strip() and (value != value.rstrip() or (start and value[0] != " "))
            for start, value in zip(starts, values, strict=True)
        ):
            return None
        cells.append([value.strip() for value in values])
    return pd.DataFrame(cells, columns=[name.group() for name in names]) if cells else None


def printed_tables(text: str) -> list[str | pd.DataFrame]:
    """Split printed text into runs of plain lines and the tables among them, in order."""
    lines = text.splitlines(keepends=True)
    parts: list[str | pd.DataFrame] = []
    plain: list[str] = []
    start = 0
    while start < len(lines):
        end = start + 1
        table = None
        while end < len(lines) and lines[end].strip():
            longer = parse_printed_table(
                lines[start], [line.rstrip("\n") for line in lines[start + 1 : end + 1]]
            )
            if longer is None:
                break
            table, end = longer, end + 1
        if table is None:
            plain.append(lines[start])
            start += 1
            continue
        if plain:
            parts.append("".join(plain))
            plain = []
        parts.append(table)
        start = end
    if plain:
        parts.append("".join(plain))
    return parts


def tables_as_html(outputs: list[NotebookNode]) -> list[NotebookNode]:
    """Printed tables in stdout become HTML tables (escaped); other outputs stay as they are."""
    import nbformat

    converted = []
    for output in outputs:
        if output.output_type != "stream" or output.name != "stdout":
            converted.append(output)
            continue
        for part in printed_tables(output.text):
            if isinstance(part, str):
                converted.append(nbformat.v4.new_output("stream", name="stdout", text=part))
            else:
                plain = part.to_string(index=False)
                shown = part.map(lambda cell: "" if cell in MISSING_PRINTS else cell)
                converted.append(
                    nbformat.v4.new_output(
                        "display_data", data={"text/html": html_table(shown), "text/plain": plain}
                    )
                )
    return converted


def _page_link(match: re.Match[str]) -> str:
    return f"](project:{match['stem']}.ipynb{match['anchor'] or ''})"


def notebook_title(notebook: NotebookNode, fallback: str) -> str:
    """Return the first Markdown heading of a notebook, or the fallback."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


# --- generated pages -----------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """What every generated page needs to know."""

    version: str
    cite: str


def notebook_lead(notebook: NotebookNode) -> str:
    """The first sentence after a notebook's title, as plain text: what the article is about."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            paragraphs = [p for p in cell.source.split("\n\n") if not p.startswith("#")]
            if paragraphs:
                # Plain text: the index escapes it, so links and emphasis would show as markup.
                text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(paragraphs[0].split()))
                text = re.sub(r"[*`]", "", text)
                return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return ""


def index_page(site: Site, articles: Sequence[tuple[str, str, str]]) -> str:
    """The landing page: what this is, the version, and every page with what it holds.

    ``articles`` holds each notebook's file stem, title and lead sentence. The index notebook
    (``00_index``), whose title repeats the site's, is listed as the overview.
    """
    package = data.datapackage()
    articles = [
        (stem, "Overview" if stem.endswith("_index") else title, lead)
        for stem, title, lead in articles
    ]
    listed = [
        f"- [{md_escape(title)}](project:{stem}.ipynb): {md_escape(lead)}"
        for stem, title, lead in articles
    ]
    reference = [
        "- [Chart gallery](project:gallery.md): every chart with its caption, source and "
        "PNG, SVG and PDF files.",
        "- [Data](project:data.md): every dataset with its columns and a CSV download; the "
        "checks of the official figures.",
        "- [Sources](project:sources.md): every publisher the data cite.",
        "- [Methods](project:methods.md): how figures were gathered, chosen and checked, and "
        "what is missing.",
    ]
    pages = "\n".join(
        f"Overview <{stem}>" if stem.endswith("_index") else stem for stem, _, _ in articles
    )
    return "\n".join(
        [
            f"# {md_escape(package['title'])}",
            "",
            md_escape(package["description"]),
            "",
            f'<p class="oir-version">Data version {esc(site.version)}. Data licence: '
            + ", ".join(esc(item.get("title", item["name"])) for item in package["licenses"])
            + ".</p>",
            "",
            "## Articles",
            "",
            *listed,
            "",
            "## Charts, data and method",
            "",
            *reference,
            "",
            f"```{{toctree}}\n:hidden:\n:caption: Articles\n\n{pages}\n```",
            "",
            "```{toctree}\n:hidden:\n:caption: Charts, data and method\n\n"
            "gallery\ndata\nsources\nmethods\n```",
            "",
        ]
    )


def load_manifest(charts: Path) -> list[dict[str, Any]]:
    """The charts of ``charts.json`` whose files exist, without temporary files; [] if none."""
    manifest = charts / MANIFEST
    if not manifest.exists():
        return []
    entries = []
    for entry in json.loads(manifest.read_text(encoding="utf-8")):
        files = [
            name
            for name in entry["files"]
            if not is_temporary(Path(name)) and (charts / name).is_file()
        ]
        if files:
            entries.append({**entry, "files": files})
    return entries


def gallery_page(site: Site, entries: list[dict[str, Any]]) -> str:
    """Every exported chart in reading order: title, caption, source, downloads, citation."""
    parts = [
        "# Chart gallery",
        "",
        "Every chart of the notebooks, in their reading order, with its files for download "
        "(PNG for the web, SVG and PDF for print).",
        "",
    ]
    if not entries:
        parts.append("No charts were exported: run `python -m oir_analysis export` first.")
    for entry in entries:
        files = entry["files"]
        image = next((name for name in files if name.endswith(".png")), None)
        downloads = " ".join(
            link(f"charts/{name}", name.rsplit(".", 1)[-1].upper()) for name in files
        )
        cite = f"{entry['title']}, chart {entry['name']}. {site.cite}"
        figure = (
            f'<figure class="oir-chart" id="chart-{esc(entry["name"])}">'
            + (f'<img src="charts/{esc(image)}" alt="{esc(entry["title"])}">' if image else "")
            + f'<figcaption><p class="oir-caption">{esc(entry["caption"])}</p>'
            f'<p class="oir-source">{esc(entry["source"])}</p>'
            f'<p class="oir-downloads">Download: {downloads}</p>'
            f'<p class="oir-cite">How to cite: {esc(cite)}</p></figcaption></figure>'
        )
        parts += [f"## {md_escape(entry['title'])}", "", figure, ""]
    return "\n".join(parts)


def constraint_text(field: dict[str, Any]) -> str:
    """A field's constraints in words: required, unique, allowed values, bounds, pattern."""
    rules = field.get("constraints", {})
    words = [rule for rule in ("required", "unique") if rules.get(rule)]
    if "enum" in rules:
        words.append("one of: " + ", ".join(str(value) for value in rules["enum"]))
    for rule, sign in (("minimum", ">="), ("maximum", "<=")):
        if rule in rules:
            words.append(f"{sign} {rules[rule]}")
    if "pattern" in rules:
        words.append(f"pattern {rules['pattern']}")
    return "; ".join(words)


def columns_frame(name: str) -> pd.DataFrame:
    """The column table of a resource, from its Table Schema."""
    fields = data.resource_descriptor(name)["schema"]["fields"]
    return pd.DataFrame(
        {
            "column": [field["name"] for field in fields],
            "type": [field["type"] for field in fields],
            "unit": [field.get("unit", "") for field in fields],
            "description": [field.get("description", "") for field in fields],
            "constraints": [constraint_text(field) for field in fields],
        }
    )


def sources_frame(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every publisher of every dataset: how many rows cite it, from how many pages, where."""
    cited = pd.concat(
        pd.DataFrame(
            {
                "publisher": frame["publisher"].astype("string").fillna("(not named)"),
                "kind": frame["source_kind"].astype("string").fillna("")
                if "source_kind" in frame
                else "",
                "dataset": name,
                "page": frame["source_url"],
            }
        )
        for name, frame in frames.items()
        if "publisher" in frame
    )
    table = cited.groupby("publisher", sort=False).agg(
        rows=("page", "size"),
        pages=("page", "nunique"),
        kind=("kind", lambda kinds: ", ".join(kind for kind in dict.fromkeys(kinds) if kind)),
        datasets=("dataset", lambda names: ", ".join(dict.fromkeys(names))),
    )
    return table.reset_index().sort_values(["rows", "publisher"], ascending=[False, True])


def sources_page(site: Site, frames: dict[str, pd.DataFrame]) -> str:
    """The table of sources: every publisher the data cite, most cited first."""
    return "\n".join(
        [
            "# Sources",
            "",
            "<p>Every publisher whose pages the data cite, with the number of rows that cite it, "
            "the number of its pages, their kind (see the data page) and the datasets they are "
            "in. Each row of a CSV names "
            "its own page in <code>source_url</code>; cite that page for a figure and this "
            f"collection for the tidy data: {esc(site.cite)}</p>",
            "",
            html_table(sources_frame(frames)),
            "",
        ]
    )


def kinds_section() -> list[str]:
    """The kinds of source page, most citable first, and the share of citable figures."""
    vocabulary = data.datapackage().get("sourceKinds")
    if not vocabulary:
        return []
    from oir_analysis import sources

    kinds = pd.DataFrame(vocabulary["values"])[["name", "description"]]
    citable = sources.citable_summary()
    citable["share"] = (citable["share"] * 100).round(1).astype(str) + "%"
    return [
        "## Kinds of source",
        "",
        f"<p>{esc(vocabulary['description'])}</p>",
        "",
        html_table(kinds.rename(columns={"name": "kind"})),
        "",
        "<p>Figures whose best page is citable (<code>oir_analysis.sources.citable_summary"
        "</code>):</p>",
        "",
        html_table(citable),
        "",
    ]


def data_page(site: Site, frames: dict[str, pd.DataFrame]) -> str:
    """Every dataset with its description, size, span, columns and download; then the checks."""
    package = data.datapackage()
    summary = data.summary().set_index("dataset")
    parts = [
        "# Data",
        "",
        f"<p>{esc(package['description'])}</p>",
        "",
        f"<p>Download every file's description (the Frictionless Data Package): "
        f"{link('data/datapackage.json', 'datapackage.json')}. Licence: "
        + ", ".join(esc(licence.get("title", licence["name"])) for licence in package["licenses"])
        + ". Cite the page in a row's <code>source_url</code> for a figure, and this "
        f"collection for the tidy data: {esc(site.cite)}</p>",
        "",
    ]
    for name in data.resource_names():
        resource = data.resource_descriptor(name)
        row = summary.loc[name]
        sources = ", ".join(link(source["path"], source["title"]) for source in resource["sources"])
        parts += [
            f"## {md_escape(resource['title'])}",
            "",
            f'<p class="oir-dataset"><code>{esc(resource["path"])}</code>: '
            f"{row['rows']} rows, "
            + (f"{esc(row['first'])} to {esc(row['last'])}, " if row["first"] else "")
            + f"from {row['source_pages']} source pages. "
            f"Download: {link('data/' + resource['path'], 'CSV')}</p>",
            "",
            f"<p>{esc(resource['description'])}</p>",
            "",
            f"<p>Publishers include: {sources}.</p>" if sources else "",
            "",
            html_table(columns_frame(name)),
            "",
        ]
    parts += kinds_section()
    reports = frames["casualty_reports"]
    flags = features.reconcile_casualty_reports(reports)
    conflicts = features.casualty_source_conflicts(reports, frames["casualty_report_sources"])
    parts += [
        "## Where the monthly reports do not add up",
        "",
        "<p>Each check of <code>oir_analysis.reconcile_casualty_reports</code> that a monthly "
        "report fails, with the gap; the data keeps the numbers as published.</p>",
        "",
        html_table(flags),
        "",
        "## Where sources disagree",
        "",
        "<p>Each figure of a monthly report that another page states differently "
        "(<code>oir_analysis.casualty_source_conflicts</code>); both values are kept in the "
        "data.</p>",
        "",
        html_table(conflicts, links={"other_source_url": "other source"}),
        "",
    ]
    return "\n".join(parts)


# --- the build -----------------------------------------------------------------------------


def assemble(source: Path, notebooks: Path, charts: Path, site: Site) -> None:
    """Write the site's source tree: prepared notebooks, pages, and the files to download."""
    import nbformat

    articles = []
    for path in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")):
        if is_temporary(path):
            continue
        notebook = prepare_notebook(nbformat.read(path, as_version=4))
        nbformat.write(notebook, source / path.name)
        articles.append((path.stem, notebook_title(notebook, path.stem), notebook_lead(notebook)))
    entries = load_manifest(charts)
    (source / FILES / "charts").mkdir(parents=True)
    for entry in entries:
        for name in entry["files"]:
            shutil.copyfile(charts / name, source / FILES / "charts" / name)
    (source / FILES / "data").mkdir()
    shutil.copyfile(data.DATAPACKAGE, source / FILES / "data" / data.DATAPACKAGE.name)
    for name in data.resource_names():
        path = data.resource_path(name)
        shutil.copyfile(path, source / FILES / "data" / path.name)
    shutil.copyfile(DOCS_DIR / "methods.md", source / "methods.md")
    (source / "index.md").write_text(index_page(site, articles), encoding="utf-8")
    (source / "gallery.md").write_text(gallery_page(site, entries), encoding="utf-8")
    frames = {name: data.load_resource(name) for name in data.resource_names()}
    (source / "data.md").write_text(data_page(site, frames), encoding="utf-8")
    (source / "sources.md").write_text(sources_page(site, frames), encoding="utf-8")


def sphinx_build(source: Path, out: Path, doctrees: Path, site: Site) -> list[str]:
    """Render ``source`` into ``out`` with docs/conf.py; return Sphinx's warnings."""
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor

    nocolor()  # warnings are read as text, not shown on a terminal
    warnings = io.StringIO()
    app = Sphinx(
        srcdir=source,
        confdir=DOCS_DIR,
        outdir=out,
        doctreedir=doctrees,
        buildername="html",
        confoverrides={
            "html_extra_path": [str(source / FILES)],
            "html_context": {"oir_version": site.version, "oir_cite": site.cite},
        },
        status=None,
        warning=warnings,
        freshenv=True,
    )
    app.build()
    return [line for line in warnings.getvalue().splitlines() if line.strip()]


def render_report(
    notebooks: Path = BUILD_NOTEBOOKS_DIR, charts: Path = CHARTS_DIR, out: Path = REPORT_DIR
) -> Path:
    """Build the site into ``out`` and return the path of its index page.

    Raises FileNotFoundError when ``notebooks`` holds no executed notebook, and
    DataValidationError when a data file breaks its schema.

    The site is built in a temporary folder beside ``out`` and then moved into place, so a
    reader never opens half a site and concurrent builds never write into each other. Sphinx's
    warnings, if any, go to stderr.
    """
    if not any(not is_temporary(path) for path in notebooks.glob("[0-9][0-9]_*.ipynb")):
        raise FileNotFoundError(
            f"no executed notebooks in {notebooks}: run `python -m oir_analysis run-notebooks` "
            "first (`make report` runs everything in order)"
        )
    version = data_version()
    site = Site(version=version, cite=citation(version))
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"{PREFIX}site-", dir=out.parent) as folder:
        work = Path(folder)
        source, built = work / "source", work / "html"
        source.mkdir()
        assemble(source, notebooks, charts, site)
        for warning in sphinx_build(source, built, work / "doctrees", site):
            print(warning, file=sys.stderr)
        (built / ".buildinfo").unlink(missing_ok=True)
        with contextlib.suppress(FileNotFoundError):  # none yet, or a concurrent build moved it
            out.rename(work / "previous")
        built.rename(out)
    return out / "index.html"
