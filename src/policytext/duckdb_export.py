"""``policytext export RUN_DIR --duckdb run.duckdb``: a run's tables in one DuckDB database, with views
for the common joins, so an analyst can ask SQL questions without knowing the run folder's layout.

Tables: those of ``policytext.load_tables`` (``frames.TABLES`` and ``errors``), typed the same way
(``published`` a TIMESTAMPTZ in Vietnam time, ``published_iso`` the string as written, ``month``
``YYYY-MM``; lists as DuckDB lists). A table the run does not have is left out and reported.

Views (made when the tables they read are there):

- ``article_themes``: one row per theme label with its article's title, url, published, month;
- ``official_articles``: one row per official and position with the article (``article_title``, ``url``,
  ``source_path``) and the article's themes (``article_themes``);
- ``official_themes``: officials by the themes of the articles naming them (``articles``: how many);
  by ``person_id`` too when the run links officials to persons;
- ``citations``: one row per legal reference with ``doc_key`` (the run's, else made as documents.parquet
  makes it: ``<type>|<code>`` or ``<type>|<text in lower case>``) and the citing article;
- ``document_articles``: one row per cited document and citing article (from ``documents`` when the
  run has it, else from the references);
- ``person_articles`` and ``place_articles``: persons and places with their articles, when present.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from .frames import TABLES, read_arrow, table_paths


@dataclass
class ExportResult:
    path: Path
    tables: dict[str, int] = field(default_factory=dict)  # name -> rows
    views: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # table or view -> why


def export_duckdb(run_dir: str | Path, db_path: str | Path, overwrite: bool = False) -> ExportResult:
    """Write the run's tables and views into a new DuckDB file at ``db_path`` (written under a temporary
    name and renamed into place, so a failure leaves no half-made database)."""
    import duckdb

    run_dir, db_path = Path(run_dir), Path(db_path)
    if not table_paths(run_dir, "articles"):
        raise FileNotFoundError(f"{run_dir}: no articles table (is this a policytext run folder, "
                                "written with Parquet tables?)")
    if db_path.exists() and not overwrite:
        raise FileExistsError(f"{db_path} exists (use --overwrite to replace it)")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f".{db_path.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    result = ExportResult(db_path)
    try:
        with duckdb.connect(str(tmp)) as con:
            for name in TABLES:
                table = read_arrow(run_dir, name)
                if table is None:
                    result.skipped[name] = f"no {name} table in this run"
                    continue
                _create_table(con, name, table)
                result.tables[name] = table.num_rows
            for view, sql in view_statements(_columns(con)).items():
                if sql.startswith("--"):
                    result.skipped[view] = sql[2:].strip()
                    continue
                con.execute(f"CREATE VIEW {view} AS {sql}")
                result.views.append(view)
            con.execute("CHECKPOINT")
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
    return result


def _create_table(con, name: str, table: pa.Table) -> None:
    con.register("incoming", table)
    try:
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')
    finally:
        con.unregister("incoming")


def _columns(con) -> dict[str, set[str]]:
    rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                       "WHERE table_schema = 'main'").fetchall()
    columns: dict[str, set[str]] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    return columns


# the key documents.parquet gives a reference without a doc_key (tables/documents.py key_of)
_DERIVED_KEY = ("coalesce(r.doc_type, 'Văn bản') || '|' || "
                "coalesce(r.code, lower(regexp_replace(trim(r.text), '\\s+', ' ', 'g')))")


def view_statements(columns: dict[str, set[str]]) -> dict[str, str]:
    """Each view's SELECT given the tables and their columns; ``-- why`` for a view left out."""
    has = columns.__contains__
    views: dict[str, str] = {}

    def need(view: str, *tables: str) -> bool:
        absent = [t for t in tables if not has(t)]
        if absent:
            views[view] = f"-- needs the {', '.join(absent)} table{'s' if len(absent) > 1 else ''}"
        return not absent

    if need("article_themes", "themes", "articles"):
        views["article_themes"] = (
            "SELECT t.article_id, a.published, a.month, a.title AS article_title, a.url, t.theme, t.score, "
            "t.n_evidence FROM themes t JOIN articles a ON a.id = t.article_id")
    if need("official_articles", "officials", "articles"):
        views["official_articles"] = (
            "SELECT o.*, a.title AS article_title, a.url, a.source_path, a.themes AS article_themes "
            "FROM officials o JOIN articles a ON a.id = o.article_id")
    if need("official_themes", "officials", "themes"):
        person = "o.person_id, " if "person_id" in columns["officials"] else ""
        views["official_themes"] = (
            f"SELECT {person}o.name, t.theme, count(DISTINCT o.article_id) AS articles "
            f"FROM officials o JOIN themes t ON t.article_id = o.article_id GROUP BY ALL")
    if need("citations", "legal_refs", "articles"):
        select = (f"r.* REPLACE (coalesce(r.doc_key, {_DERIVED_KEY}) AS doc_key)"
                  if "doc_key" in columns["legal_refs"] else f"r.*, {_DERIVED_KEY} AS doc_key")
        views["citations"] = (f"SELECT {select}, a.title AS article_title, a.url "
                              "FROM legal_refs r JOIN articles a ON a.id = r.article_id")
    if has("documents") and has("articles"):
        views["document_articles"] = (
            "SELECT d.doc_key, d.doc_type, d.code, d.name, a.id AS article_id, a.published, a.month, "
            "a.title AS article_title, a.url "
            "FROM documents d CROSS JOIN unnest(d.article_ids) AS cited(article_id) "
            "JOIN articles a ON a.id = cited.article_id")
    elif need("document_articles", "legal_refs", "articles"):
        views["document_articles"] = (
            "SELECT doc_key, any_value(doc_type) AS doc_type, max(code) AS code, NULL::VARCHAR AS name, "
            "article_id, any_value(published) AS published, any_value(month) AS month, "
            "any_value(article_title) AS article_title, any_value(url) AS url "
            "FROM citations GROUP BY doc_key, article_id")
    if need("person_articles", "persons", "officials", "articles"):
        if "person_id" not in columns["officials"]:
            views["person_articles"] = "-- needs officials.person_id"
        else:
            views["person_articles"] = (
                "SELECT p.person_id, p.name AS person, o.name, o.title, o.organization, o.article_id, "
                "a.published, a.month, a.title AS article_title, a.url "
                "FROM persons p JOIN officials o ON o.person_id = p.person_id "
                "JOIN articles a ON a.id = o.article_id")
    if need("place_articles", "places", "articles"):
        views["place_articles"] = ("SELECT pl.*, a.title AS article_title, a.url "
                                   "FROM places pl JOIN articles a ON a.id = pl.article_id")
    return views
