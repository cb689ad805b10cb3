"""``policytext report RUN_DIR -o report.html``: one self-contained HTML file with charts of a run.

    from policytext.report import build_report
    result = build_report("data/processed", "report.html")   # result.charts, result.notes, result.size

Charts (plotly, drawn in the browser from figures inlined in the page; plotly.js inlined once, so the
file opens with no network): themes over time (share of each month's articles), top officials and the
themes of their articles, most-cited documents, articles by source and month, organisations, places,
what the theme labels rest on. Each comes with a line on how to read it and its numbers as a table.
A chart whose table is not in the run (``places`` before runs write it, say) is replaced by a note.

``report.data`` computes the numbers (pure pandas, tested against the tables), ``report.charts`` makes
the figures, ``report.sections`` puts them together, ``report.page`` writes the HTML.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..frames import load_tables
from .page import render_page
from .sections import build_sections

# what the report reads of each table (the articles' texts are most of a run's size)
COLUMNS = {
    "articles": ["id", "source_path", "url", "title", "published"],
    "officials": ["article_id", "name", "person_id"],
    "organizations": ["article_id", "name", "kind", "n_mentions"],
    "legal_refs": ["article_id", "text", "doc_type", "code", "doc_key"],
    "themes": ["article_id", "theme", "score", "n_evidence", "evidence"],
}
TABLES = ("articles", "officials", "organizations", "legal_refs", "themes", "persons", "places", "documents",
          "errors")


@dataclass
class ReportResult:
    path: Path
    charts: list[str] = field(default_factory=list)  # ids of the sections with a chart
    notes: dict[str, str] = field(default_factory=dict)  # section id -> why it has no chart
    size: int = 0  # bytes written


def _facts(tables, run_dir: Path) -> list[str]:
    articles = tables["articles"]
    dated = articles["published"].dropna()
    facts = [f"run {run_dir}", f"{len(articles):,} articles"]
    if len(dated):
        facts.append(f"{len(dated):,} dated, {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}")
    if "errors" in tables:
        facts.append(f"{len(tables['errors']):,} error rows")
    summary = run_dir / "summary.json"
    if summary.is_file():
        version = json.loads(summary.read_text(encoding="utf-8")).get("policytext_version")
        facts.append(f"analysed by policytext {version}" if version else "finished run")
    else:
        facts.append("an unfinished run (its committed parts)")
    return facts


def build_report(run_dir: str | Path, out: str | Path, top: int = 15, title: str | None = None) -> ReportResult:
    """Write the report of the run in ``run_dir`` to ``out`` (under a temporary name, then renamed).

    Raises FileNotFoundError when ``run_dir`` holds no run with Parquet tables.
    """
    from plotly.offline import get_plotlyjs

    run_dir, out = Path(run_dir), Path(out)
    tables = load_tables(run_dir, TABLES, columns=COLUMNS)
    sections = build_sections(tables, top)
    page = render_page(title or "policytext report", _facts(tables, run_dir), tables.missing, sections,
                       get_plotlyjs())
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return ReportResult(out, [s.id for s in sections if s.figure is not None],
                        {s.id: s.note for s in sections if s.note}, out.stat().st_size)
