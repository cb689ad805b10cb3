"""A run's tables as pandas DataFrames with proper dtypes: ``policytext.load_tables(run_dir)``.

    tables = policytext.load_tables("out/")       # {"articles": DataFrame, "officials": ..., ...}
    tables["officials"].merge(tables["articles"], left_on="article_id", right_on="id")
    tables.missing                                # {"persons": "no persons table in this run", ...}

Every table is read whole (all its committed parts, in input order) and typed the same way:

- ``published`` becomes a timezone-aware timestamp in Vietnam time (``Asia/Ho_Chi_Minh``): a date-time
  with an offset is converted to it, a date or a date-time without an offset is taken as Vietnam time
  (midnight for a date). ``published_iso`` keeps the string as written (a value that is no ISO 8601
  date stays there, with ``published`` NaT) and ``month`` is the Vietnam calendar month, ``YYYY-MM``.
  ``pd.to_datetime`` on the raw strings fails on the mix of dates and date-times unless given
  ``format="ISO8601"``; these columns spare an analyst that.
- integers are pandas nullable integers (``Int64``: ``legal_refs.year`` is a whole number or <NA>, never
  a float), booleans nullable booleans, text ``string`` with <NA> for missing values;
- list columns hold Python lists (``articles.themes``, ``themes.evidence``), structs Python dicts.

Join keys (``TABLES`` below says it for each table): every per-article table has ``article_id`` =
``articles.id``; ``documents.article_ids`` lists the articles citing a document (its key ``doc_key`` is
``legal_refs.doc_key`` where the run has it); ``persons.person_id`` = ``officials.person_id`` where the run
has it. Tables a run may not have (older runs, or tables other parts of policytext add: ``persons``,
``places``, ``documents``) are left out and named in ``missing`` with the reason, never invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .io.writers import is_temporary, iter_jsonl
from .runs.layout import ERRORS, committed_manifests, part_files

VIETNAM = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class TableInfo:
    """What one row of a table is and how it joins the others."""

    row: str
    key: str
    joins: str


# the tables every run has (io/writers.py TABLE_SCHEMAS), then run-level tables that newer runs add
TABLES: dict[str, TableInfo] = {
    "articles": TableInfo("one article", "id", "id = <table>.article_id"),
    "officials": TableInfo("one official and position per article", "article_id",
                           "article_id = articles.id; person_id = persons.person_id (when the run has it)"),
    "organizations": TableInfo("one organisation per article", "article_id", "article_id = articles.id"),
    "dates": TableInfo("one date expression", "article_id", "article_id = articles.id"),
    "legal_refs": TableInfo("one reference to a legal or Party document", "article_id",
                            "article_id = articles.id; doc_key = documents.doc_key (when the run has it)"),
    "tasks": TableInfo("one enumerated task", "article_id", "article_id = articles.id"),
    "themes": TableInfo("one theme label per article, with its evidence", "article_id",
                        "article_id = articles.id"),
    "persons": TableInfo("one person across the run's articles", "person_id",
                         "person_id = officials.person_id"),
    "places": TableInfo("one place mention per article", "article_id", "article_id = articles.id"),
    "documents": TableInfo("one cited document across the run", "doc_key",
                           "doc_key = legal_refs.doc_key; article_ids holds articles.id values"),
    "errors": TableInfo("one article or file that could not be read or analysed", "source_path, source_index",
                        "none: an error row never became an article"),
}
RUN_LEVEL = ("persons", "places", "documents")  # not on every run: read when present


class RunTables(dict):
    """``{name: DataFrame}`` for the tables a run has; ``missing`` says why the others are not there."""

    def __init__(self, run_dir: Path, frames: Mapping[str, pd.DataFrame], missing: Mapping[str, str]):
        super().__init__(frames)
        self.run_dir = run_dir
        self.missing = dict(missing)


def table_paths(run_dir: str | Path, name: str) -> list[Path]:
    """The Parquet files of one table, in input order: the committed parts the manifests list, else a
    single ``<name>.parquet`` (older runs; run-level tables), else the files of a ``<name>/`` folder."""
    run_dir = Path(run_dir)
    parts = [run_dir / m["files"][name]["path"] for m in committed_manifests(run_dir) if name in m.get("files", {})]
    if parts:
        return parts
    single = run_dir / f"{name}.parquet"
    if single.is_file():
        return [single]
    folder = run_dir / name
    if folder.is_dir():
        return sorted(p for p in folder.glob("*.parquet") if not is_temporary(p.name))
    return []


def read_arrow(run_dir: str | Path, name: str, columns: Iterable[str] | None = None) -> pa.Table | None:
    """One table as Arrow, all its files concatenated, with the ``published`` columns derived (module
    docstring); None when the run has no such table. ``columns`` keeps those the table has."""
    if name == "errors":
        return read_errors(run_dir, columns)
    paths = table_paths(run_dir, name)
    if not paths:
        return None
    wanted = list(columns) if columns is not None else None
    tables = []
    for path in paths:
        try:
            schema = pq.read_schema(path)
            keep = None if wanted is None else [c for c in wanted if c in schema.names]
            tables.append(pq.read_table(path, columns=keep))
        except (OSError, pa.ArrowException) as exc:
            raise ValueError(f"{path}: not a readable Parquet file ({exc})") from None
    table = pa.concat_tables(tables, promote_options="default") if len(tables) > 1 else tables[0]
    return with_published(table)


ERRORS_SCHEMA = pa.schema([("source_path", pa.string()), ("source_index", pa.int64()),
                           ("source_member", pa.string()), ("source_url", pa.string()), ("location", pa.string()),
                           ("reason", pa.string())])


def read_errors(run_dir: str | Path, columns: Iterable[str] | None = None) -> pa.Table | None:
    """The run's error rows (``errors/part-*.jsonl``) as a table; None for a run without error files."""
    files = part_files(Path(run_dir), ERRORS)
    if not files:
        return None
    rows = []
    for path in files:
        for row in iter_jsonl(path):
            source = row.get("source") or {}
            rows.append({"source_path": source.get("path"), "source_index": source.get("index"),
                         "source_member": source.get("member"), "source_url": source.get("url"),
                         "location": row.get("location"), "reason": row.get("reason")})
    table = pa.Table.from_pylist(rows, schema=ERRORS_SCHEMA)
    return table if columns is None else table.select([c for c in columns if c in table.column_names])


def with_published(table: pa.Table) -> pa.Table:
    """``published`` as a Vietnam-time timestamp, ``published_iso`` (as written) and ``month`` after it."""
    if "published" not in table.column_names or "published_iso" in table.column_names:
        return table
    raw = table.column("published").to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get)
    moments = published_timestamps(raw)
    month = moments.dt.strftime("%Y-%m").astype(pd.StringDtype())
    at = table.column_names.index("published")
    table = table.set_column(at, "published", pa.array(moments, type=pa.timestamp("us", tz=VIETNAM)))
    table = table.add_column(at + 1, "published_iso", pa.array(raw, type=pa.string()))
    return table.add_column(at + 2, "month", pa.array(month, type=pa.string()))


def published_timestamps(values: pd.Series) -> pd.Series:
    """ISO 8601 strings (dates, date-times with or without an offset, mixed) as Vietnam-time timestamps;
    NaT for a missing value or one that is no ISO 8601 date."""
    values = values.astype(pd.StringDtype())
    has_offset = values.str.contains(r"T.*(?:Z|[+-]\d\d(?::?\d\d)?)$", regex=True).fillna(False).astype(bool)
    aware = pd.to_datetime(values.where(has_offset), format="ISO8601", utc=True, errors="coerce")
    naive = pd.to_datetime(values.where(~has_offset), format="ISO8601", errors="coerce")
    aware = aware.dt.tz_convert(VIETNAM).dt.as_unit("us")
    naive = naive.dt.tz_localize(VIETNAM).dt.as_unit("us")
    return aware.where(has_offset, naive)


_PANDAS_TYPES = {pa.int64(): pd.Int64Dtype(), pa.int32(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(),
                 pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype()}


def to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as pandas with the dtypes of the module docstring (lists as Python lists)."""
    nested = [f.name for f in table.schema if pa.types.is_list(f.type) or pa.types.is_large_list(f.type)
              or pa.types.is_struct(f.type)]
    flat = table.drop_columns(nested)
    frame = flat.to_pandas(types_mapper=_PANDAS_TYPES.get)
    for name in nested:
        frame[name] = pd.Series(table.column(name).to_pylist(), index=frame.index, dtype=object)
    return frame[table.column_names]


def load_table(run_dir: str | Path, name: str, columns: Iterable[str] | None = None) -> pd.DataFrame | None:
    """One table of a run as a typed DataFrame (see the module docstring); None when the run has none."""
    table = read_arrow(run_dir, name, columns)
    return None if table is None else to_frame(table)


def load_tables(run_dir: str | Path, names: Iterable[str] | None = None,
                columns: Mapping[str, Iterable[str]] | None = None) -> RunTables:
    """Every table of a run (or ``names``) as typed DataFrames: ``{name: DataFrame}``; ``.missing`` names
    the tables asked for (or known, see ``TABLES``) that the run does not have, with the reason.

    ``columns`` limits the columns read per table (``{"articles": ["id", "title", "published"]}``: the
    articles' texts are most of a run's size). Raises FileNotFoundError when ``run_dir`` holds no run.
    """
    run_dir = Path(run_dir)
    if not table_paths(run_dir, "articles"):
        raise FileNotFoundError(f"{run_dir}: no articles table (is this a policytext run folder, "
                                "written with Parquet tables?)")
    frames: dict[str, pd.DataFrame] = {}
    missing: dict[str, str] = {}
    for name in names if names is not None else TABLES:
        frame = load_table(run_dir, name, (columns or {}).get(name))
        if frame is None:
            missing[name] = f"no {name} table in this run" + (
                " (newer runs of policytext write it)" if name in RUN_LEVEL else "")
        else:
            frames[name] = frame
    return RunTables(run_dir, frames, missing)
