"""The last stage of a run, once every part is committed: the tables that need the whole run.

- ``persons/persons.parquet``: one row per person across the run (``tables.persons``), and each
  official's ``person_id`` written into the officials parts;
- ``documents/documents.parquet``: one row per document the run cites (``tables.documents``).

Both are read from the committed records parts, so the stage is a pure function of the parts: a run
stopped during it redoes it on ``--resume`` and gets the same bytes. An officials part is rewritten
with its ``person_id`` column filled under a temporary name; its manifest records the rewritten
file's size and checksum (``finished``) *before* the file is renamed into place, so a stop between
the two leaves a part whose officials file matches one of the two entries and is still intact.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from ..io.writers import TABLE_SCHEMAS, fsync_path, iter_jsonl, temporary_name, write_json_atomic
from ..tables.documents import SCHEMA as DOCUMENTS_SCHEMA
from ..tables.documents import DocumentTable
from ..tables.persons import PERSONS_SCHEMA, PersonLinker
from . import layout
from .parts import sha256_of

PERSONS, DOCUMENTS = layout.RUN_TABLES
OFFICIALS = "officials"


def run_table_file(run_dir: Path, table: str) -> Path:
    return run_dir / table / f"{table}.parquet"


def finish(run_dir: Path, parts: int, *, parquet: bool = True,
           on_step: Callable[[str], None] | None = None, exclude_duplicates: bool = False) -> dict[str, int]:
    """Write the run-level tables and fill ``person_id`` in the officials parts of the ``parts``
    committed parts; returns the tables' row counts. Manifests are read one at a time (each holds its
    part's record ids). Without Parquet output (``parquet=False``) there are no tables: nothing is done.
    ``exclude_duplicates``: near-duplicates count for no person or document (--exclude-duplicates)."""
    if not parquet:
        return {}
    step = on_step or (lambda _message: None)
    step("linking officials into persons and counting cited documents")
    linker, documents = PersonLinker(), DocumentTable()
    for record in _records(run_dir, parts):
        if exclude_duplicates and record.get("duplicate_of"):
            continue  # a tables-only run's officials and legal_refs parts hold no duplicate's rows already
        linker.add(record)
        documents.add(record)
    persons = linker.table()
    _write_table(run_table_file(run_dir, PERSONS), persons)
    _write_table(run_table_file(run_dir, DOCUMENTS), pa.Table.from_pylist(documents.rows(), schema=DOCUMENTS_SCHEMA))
    step("writing person ids into the officials tables")
    for number in range(parts):
        _fill_person_ids(run_dir, number, _manifest(run_dir, number), linker)
    fsync_path(run_dir / OFFICIALS)
    return {PERSONS: persons.num_rows, DOCUMENTS: len(documents.rows())}


def _manifest(run_dir: Path, number: int) -> dict[str, Any]:
    return layout.read_json(layout.manifest_file(run_dir, number))


def _records(run_dir: Path, parts: int) -> Iterator[dict[str, Any]]:
    """The committed records as dicts; a run without records files (``--format parquet``) gives, per
    article, what the two tables need from its officials and legal_refs rows."""
    for number in range(parts):
        files = _manifest(run_dir, number)["files"]
        if layout.RECORDS in files:
            yield from iter_jsonl(run_dir / files[layout.RECORDS]["path"])
        else:
            yield from _records_from_tables(run_dir, files)


def _records_from_tables(run_dir: Path, files: dict[str, Any]) -> Iterator[dict[str, Any]]:
    articles: dict[str, dict[str, Any]] = {}
    if OFFICIALS in files:
        for row in pq.read_table(run_dir / files[OFFICIALS]["path"]).to_pylist():
            record = articles.setdefault(row["article_id"], _bare(row))
            while len(record["officials"]) <= row["official"]:
                record["officials"].append({"name": row["name"], "positions": []})
            if row["title"] is not None:
                record["officials"][row["official"]]["positions"].append(
                    {key: row[key] for key in ("title", "organization", "former", "title_norm",
                                               "organization_canonical")})
    if "legal_refs" in files:
        for row in pq.read_table(run_dir / files["legal_refs"]["path"]).to_pylist():
            articles.setdefault(row["article_id"], _bare(row))["legal_refs"].append(row)
    yield from articles.values()


def _bare(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["article_id"], "published": row["published"], "officials": [], "legal_refs": []}


def _write_table(path: Path, table: pa.Table) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)
    try:
        pq.write_table(table, tmp, compression="zstd")
        fsync_path(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_path(path.parent)


def _fill_person_ids(run_dir: Path, number: int, manifest: dict[str, Any], linker: PersonLinker) -> None:
    entry = manifest["files"].get(OFFICIALS)
    if entry is None:
        return
    path = run_dir / entry["path"]
    table = pq.read_table(path, schema=TABLE_SCHEMAS[OFFICIALS])
    ids = [linker.person_id(article, index) for article, index in
           zip(table.column("article_id").to_pylist(), table.column("official").to_pylist())]
    column = table.schema.get_field_index("person_id")
    filled = table.set_column(column, table.schema.field(column), pa.array(ids, pa.string()))
    tmp = temporary_name(path)
    try:
        pq.write_table(filled, tmp, compression="zstd")
        fsync_path(tmp)
        final = {"path": entry["path"], "bytes": tmp.stat().st_size, "sha256": sha256_of(tmp)}
        if manifest.get("finished", {}).get(OFFICIALS) != final:
            write_json_atomic(layout.manifest_file(run_dir, number), {**manifest, "finished": {OFFICIALS: final}})
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def intact_entries(manifest: dict[str, Any], folder: str) -> list[dict[str, Any]]:
    """The states a part's file may be in: as the part wrote it, or as the finish stage rewrote it."""
    entries = [manifest["files"][folder]]
    final = manifest.get("finished", {}).get(folder)
    return entries + [final] if final else entries
