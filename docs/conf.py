"""Sphinx settings of the report site (``python -m oir_analysis render-report`` builds it).

The source pages are assembled by ``oir_analysis.report`` in a temporary folder; this file and
``_templates/`` stay here. Everything the pages load ships with Sphinx and the Furo theme: no
CDN, no fonts or scripts from the network, no MathJax (the pages carry no math).
"""

project = "oir-analysis"
author = "oir-analysis contributors"
copyright = "2026, oir-analysis contributors; data under CC BY 4.0"
extensions = ["myst_nb"]
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["oir.css"]
html_favicon = "_static/favicon.svg"  # browsers ask for one; without it every page logs a 404
exclude_patterns = ["files"]

# The notebooks were executed by `python -m oir_analysis run-notebooks`: never run them again.
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # no widget manager from a CDN
nb_merge_streams = True
myst_enable_extensions: list[str] = []  # no dollarmath: a "$" in the prose stays a dollar sign
myst_heading_anchors = 3

html_theme = "furo"
html_title = "oir-analysis: the public record of Operation Inherent Resolve"
html_show_sourcelink = False
html_copy_source = False
html_show_sphinx = False
html_last_updated_fmt = None

# Text from the data and the charts is shown as written: no typographic quotes.
smartquotes = False
# A second build in one process (the tests) re-registers MyST-NB's nodes; that is no problem.
suppress_warnings = ["app.add_node", "app.add_directive", "app.add_role", "app.add_generic_role"]
