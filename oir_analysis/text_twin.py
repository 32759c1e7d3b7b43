"""Text twins of the notebooks: prose, code and printed numbers as plain Markdown.

A notebook's JSON makes a poor diff; its twin shows in a review exactly which sentence, line of
code or published number changed. `make notebooks` writes the twins with the notebooks, and a
test checks that every committed twin matches its notebook.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from oir_analysis.atomic import write_text
from oir_analysis.paths import NOTEBOOK_TEXT_DIR, PROJECT_ROOT


def notebook_as_text(path: Path) -> str:
    """Render one notebook as Markdown: its cells in order, text outputs kept, charts named."""
    notebook = nbformat.read(path, as_version=4)
    parts = [f"<!-- Text twin of {path.relative_to(PROJECT_ROOT)}; `make notebooks` writes it. -->"]
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
            continue
        if cell.cell_type != "code":
            continue
        parts.append(f"```python\n{cell.source}\n```")
        shown = []
        for output in cell.outputs:
            data = output.get("data", {})
            if output.output_type == "stream":
                shown.append(output.text)
            elif "image/png" in data:
                shown.append("[chart]\n")
            elif "text/plain" in data:
                shown.append(f"{data['text/plain']}\n")
        if shown:
            parts.append("```text\n" + "".join(shown).rstrip("\n") + "\n```")
    return "\n\n".join(parts) + "\n"


def twin_path(path: Path) -> Path:
    """Where the text twin of a notebook lives."""
    return NOTEBOOK_TEXT_DIR / f"{path.stem}.md"


def write_text_twin(path: Path) -> Path:
    """Write a notebook's twin atomically (see ``oir_analysis.atomic``)."""
    target = twin_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    return write_text(target, notebook_as_text(path))
