"""The report as one self-contained HTML file: plotly.js inlined once, each chart's figure and numbers
inlined as JSON, no request to any network when it opens.

When every chart has drawn, the page sets ``data-charts-drawn`` on ``<body>`` to their number (a script
error sets ``data-chart-error``): what the browser test reads.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import pandas as pd


@dataclass
class Section:
    """One chart of the report: its numbers (``numbers``, tidy), the table shown (``table``), the figure,
    or a ``note`` saying why there is no chart (the table it needs is not in the run, or it is empty)."""

    id: str
    title: str
    how_to_read: str
    numbers: pd.DataFrame | None = None
    table: pd.DataFrame | None = None
    figure: Any = None  # a plotly Figure
    note: str | None = None


def _script_json(text: str) -> str:
    """JSON made safe inside a <script> element (no '</script>', no '<!--')."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, na_rep="", border=0, classes="numbers",
                         float_format=lambda value: f"{value:,.3f}".rstrip("0").rstrip("."))


def _section_html(section: Section) -> str:
    parts = [f'<section id="{section.id}">', f"<h2>{html.escape(section.title)}</h2>",
             f'<p class="how">How to read: {html.escape(section.how_to_read)}</p>']
    if section.note:
        parts.append(f'<p class="note">{html.escape(section.note)}</p>')
    if section.figure is not None:
        parts.append(f'<div class="chart" id="chart-{section.id}"></div>')
        parts.append(f'<script type="application/json" class="figure" data-target="chart-{section.id}">'
                     f"{_script_json(section.figure.to_json())}</script>")
    if section.numbers is not None:
        numbers = section.numbers.to_json(orient="records", force_ascii=False)
        parts.append(f'<script type="application/json" class="numbers" id="numbers-{section.id}">'
                     f"{_script_json(numbers)}</script>")
    if section.table is not None and not section.table.empty:
        parts.append(f"<details open><summary>The numbers ({len(section.table):,} rows)</summary>"
                     f'<div class="scroll">{_table_html(section.table)}</div></details>')
    parts.append("</section>")
    return "\n".join(parts)


_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
       margin: 0 auto; max-width: 1150px; padding: 1.5rem; color: #222; line-height: 1.45; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
.facts { color: #555; } .how { color: #444; margin: .3rem 0 .6rem; } .note { background: #fff6e0;
padding: .5rem .8rem; border-left: 4px solid #e0a800; } .missing { color: #555; font-size: .92rem; }
.chart { width: 100%; min-height: 200px; } nav a { margin-right: .8rem; }
details { margin-top: .5rem; } summary { cursor: pointer; color: #1f5fa8; }
.scroll { max-height: 420px; overflow: auto; }
table.numbers { border-collapse: collapse; font-size: .85rem; margin-top: .4rem; }
table.numbers th, table.numbers td { padding: .15rem .6rem; border-bottom: 1px solid #eee; text-align: left;
                                      white-space: nowrap; }
table.numbers th { position: sticky; top: 0; background: #f7f7f7; }
"""

# draws every figure of the page; marks <body> when all have drawn (or one failed)
_DRAW = """
(function () {
  var body = document.body;
  window.addEventListener("error", function (event) { body.dataset.chartError = String(event.message); });
  var drawing = [];
  document.querySelectorAll("script.figure").forEach(function (element) {
    var figure = JSON.parse(element.textContent);
    var target = document.getElementById(element.dataset.target);
    drawing.push(Plotly.newPlot(target, figure.data, figure.layout,
                                {displaylogo: false, responsive: true}));
  });
  Promise.all(drawing).then(function () { body.dataset.chartsDrawn = String(drawing.length); },
                            function (error) { body.dataset.chartError = String(error); });
})();
"""


def render_page(title: str, facts: list[str], missing: dict[str, str], sections: list[Section],
                plotly_js: str) -> str:
    nav = " ".join(f'<a href="#{s.id}">{html.escape(s.title)}</a>' for s in sections)
    missing_html = ""
    if missing:
        names = ", ".join(f'<code title="{html.escape(why)}">{html.escape(name)}</code>'
                          for name, why in missing.items())
        missing_html = (f'<p class="missing">Not in this run: {names} (older runs lack them, newer runs of '
                        "policytext write them); the charts that need them appear when a run has them.</p>")
    body = "\n".join(_section_html(s) for s in sections)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_STYLE}</style>
<script type="text/javascript">{plotly_js}</script>
</head>
<body>
<h1>{html.escape(title)}</h1>
<p class="facts">{" · ".join(html.escape(f) for f in facts)}</p>
<nav>{nav}</nav>
{missing_html}
<noscript><p class="note">The charts need JavaScript; the numbers below each are plain tables.</p></noscript>
{body}
<script type="text/javascript">{_DRAW}</script>
</body>
</html>
"""
