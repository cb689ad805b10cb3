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
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from ..io.writers import TABLE_SCHEMAS, fsync_path, temporary_name, write_json_atomic
from ..tables.documents import SCHEMA as DOCUMENTS_SCHEMA
from ..tables.documents import DocumentTable, key_of
from ..tables.documents import row_order as document_order
from ..tables.persons import PERSONS_SCHEMA, PersonLinker, name_key, officials_of
from ..tables.persons import row_order as person_order
from . import layout
from .parts import sha256_of
from .memory import give_back
from .spill import SortedRuns, Spill, bucket_count

PERSONS, DOCUMENTS = layout.RUN_TABLES
OFFICIALS = "officials"
ROW_GROUP = 2_000  # rows per row group of the run-level tables, as in the parts


def run_table_file(run_dir: Path, table: str) -> Path:
    return run_dir / table / f"{table}.parquet"


def finish(run_dir: Path, parts: int, *, parquet: bool = True,
           on_step: Callable[[str], None] | None = None, exclude_duplicates: bool = False) -> dict[str, int]:
    """Write the run-level tables and fill ``person_id`` in the officials parts of the ``parts``
    committed parts; returns the tables' row counts. Manifests are read one at a time (each holds its
    part's record ids). Without Parquet output (``parquet=False``) there are no tables: nothing is done.
    ``exclude_duplicates``: near-duplicates count for no person or document (--exclude-duplicates).

    Memory does not grow with the run: the officials and the references are first written to bucket
    files by name and by ``doc_key`` (``runs.spill``), each bucket is linked or counted alone, the
    sorted rows of the buckets are merged into each table as they are written, and the person ids go
    back to the officials parts one group of parts at a time."""
    if not parquet:
        return {}
    step = on_step or (lambda _message: None)
    step("linking officials into persons and counting cited documents")
    officials_total, references_total = _extracted(run_dir, parts)
    people = Spill(run_dir / PERSONS, "persons", bucket_count(officials_total))
    cited = Spill(run_dir / DOCUMENTS, "documents", bucket_count(references_total))
    groups = people.count
    links = Spill(run_dir / PERSONS, "links", groups)
    persons_runs = SortedRuns(run_dir / PERSONS, "persons", person_order)
    documents_runs = SortedRuns(run_dir / DOCUMENTS, "documents", document_order)
    try:
        for number, record in _records(run_dir, parts):
            if exclude_duplicates and record.get("duplicate_of"):
                continue  # a tables-only run's officials and legal_refs parts hold no duplicate's rows already
            _spill_record(number, record, people, cited)
        people.close()
        cited.close()
        for bucket in range(people.count):
            _link_bucket(people.bucket(bucket), persons_runs, links, groups, parts)
            give_back()
        links.close()
        for bucket in range(cited.count):
            table = DocumentTable()
            for article, published, ref in cited.bucket(bucket):
                table.add({"id": article, "published": published, "legal_refs": [ref]})
            documents_runs.add_run(table.rows())
            give_back()
        counts = {PERSONS: _write_rows(run_table_file(run_dir, PERSONS), PERSONS_SCHEMA, persons_runs.merge()),
                  DOCUMENTS: _write_rows(run_table_file(run_dir, DOCUMENTS), DOCUMENTS_SCHEMA,
                                         documents_runs.merge())}
        step("writing person ids into the officials tables")
        loaded, ids = -1, {}
        for number in range(parts):
            group = _group_of(number, groups, parts)
            if group != loaded:
                ids = {(article, index): person for article, index, person in links.bucket(group)}
                loaded = group
            _fill_person_ids(run_dir, number, _manifest(run_dir, number), ids)
            give_back()  # the part's Arrow buffers and the heap they fragmented (runs.memory)
    finally:
        for spill in (people, cited, links, persons_runs, documents_runs):
            spill.remove()
    fsync_path(run_dir / OFFICIALS)
    return counts


_REFERENCE_FIELDS = ("doc_key", "doc_type", "code", "text", "resolved_code", "issuer", "year", "rule")


def _extracted(run_dir: Path, parts: int) -> tuple[int, int]:
    """Officials and references the committed parts hold (their manifests' counts), to size the buckets."""
    officials = references = 0
    for number in range(parts):
        extracted = _manifest(run_dir, number).get("extracted") or {}
        officials += int(extracted.get(OFFICIALS) or 0)
        references += int(extracted.get("legal_refs") or 0)
    return officials, references


def _spill_record(number: int, record: dict[str, Any], people: Spill, cited: Spill) -> None:
    article_id, published, officials = officials_of(record)
    for index, (name, positions) in enumerate(officials):
        people.add(name_key(name), [number, article_id, published, index, name, positions])
    for ref in record.get("legal_refs") or []:
        key = key_of(ref)
        if key is not None:
            cited.add(key, [record.get("id"), record.get("published"),
                            {field: ref.get(field) for field in _REFERENCE_FIELDS}])


def _link_bucket(rows: Iterator[list], persons_runs: SortedRuns, links: Spill, groups: int, parts: int) -> None:
    """Link the officials of one bucket of names into persons: their rows go to a sorted run, each
    official's person id to the links of its part's group."""
    linker, part_of = PersonLinker(), {}
    for number, article_id, published, index, name, positions in rows:
        linker.add_official(article_id, published, index, name, positions)
        part_of[article_id] = number
    persons_runs.add_run(linker.rows())
    for link in linker.links():
        article, index = link["article_id"], link["official"]
        links.add_to(_group_of(part_of[article], groups, parts), [article, index, link["person_id"]])


def _group_of(number: int, groups: int, parts: int) -> int:
    """The group of consecutive parts whose person ids are held together while the parts are filled."""
    return number * groups // max(parts, 1)


def _manifest(run_dir: Path, number: int) -> dict[str, Any]:
    return layout.read_json(layout.manifest_file(run_dir, number))


def _records(run_dir: Path, parts: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """(part number, record) of the committed parts: per article, what the two tables need, read from its
    officials and legal_refs rows (columns, much faster to read than the records' JSON lines with their
    texts, and there in every run that has tables)."""
    for number in range(parts):
        for record in _records_from_tables(run_dir, _manifest(run_dir, number)["files"]):
            yield number, record


def _records_from_tables(run_dir: Path, files: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Per article of a part, in input order (its articles table's), the officials and references its
    officials and legal_refs rows hold."""
    order = pq.read_table(run_dir / files["articles"]["path"], columns=["id"]).column("id").to_pylist() \
        if "articles" in files else []
    articles: dict[str, dict[str, Any]] = {}

    def record_of(row: dict[str, Any]) -> dict[str, Any]:
        if row["article_id"] not in articles:
            articles[row["article_id"]] = _bare(row)
        return articles[row["article_id"]]

    if OFFICIALS in files:
        for row in pq.read_table(run_dir / files[OFFICIALS]["path"]).to_pylist():
            record = record_of(row)
            while len(record["officials"]) <= row["official"]:
                record["officials"].append({"name": row["name"], "positions": []})
            if row["title"] is not None:
                record["officials"][row["official"]]["positions"].append(
                    {key: row[key] for key in ("title", "organization", "former", "title_norm",
                                               "organization_canonical")})
    if "legal_refs" in files:
        for row in pq.read_table(run_dir / files["legal_refs"]["path"]).to_pylist():
            record_of(row)["legal_refs"].append(row)
    rank = {article_id: n for n, article_id in enumerate(order)}
    yield from sorted(articles.values(), key=lambda record: rank.get(record["id"], len(rank)))


def _bare(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["article_id"], "published": row["published"], "officials": [], "legal_refs": []}


def _write_rows(path: Path, schema: pa.Schema, rows: Iterator[dict[str, Any]]) -> int:
    """Write ``rows`` to a Parquet file in row groups of ``ROW_GROUP`` rows (never all of them in
    memory); returns how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)
    count = 0
    try:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for batch in iter(lambda: list(islice(rows, ROW_GROUP)), []):
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                give_back()
            if count == 0:
                writer.write_table(schema.empty_table())
        fsync_path(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_path(path.parent)
    return count


def _fill_person_ids(run_dir: Path, number: int, manifest: dict[str, Any], ids: dict[tuple[str, int], str]) -> None:
    entry = manifest["files"].get(OFFICIALS)
    if entry is None:
        return
    path = run_dir / entry["path"]
    table = pq.read_table(path, schema=TABLE_SCHEMAS[OFFICIALS])
    person_ids = [ids.get((article, index)) for article, index in
                  zip(table.column("article_id").to_pylist(), table.column("official").to_pylist())]
    column = table.schema.get_field_index("person_id")
    filled = table.set_column(column, table.schema.field(column), pa.array(person_ids, pa.string()))
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
