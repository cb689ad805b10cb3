"""Output building blocks: the Parquet tables' schemas and rows, durable atomic files, the run lock.

How a run lays these out in its folder (numbered parts, the manifest) is ``runs.layout`` and
``runs.parts``. Everything here is deterministic: the same records give the same bytes (no
timestamps, no paths inside the files), which is what lets a resumed run equal an uninterrupted one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterator, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Record
from ..tables.places import PLACES_SCHEMA, place_rows
from ..timeline import value_bounds

ROW_GROUP = 2000  # records buffered per Parquet row group

_STR = pa.string()
_INT = pa.int64()
_SOURCE = [("source_path", _STR), ("source_index", _INT), ("source_member", _STR)]

# one flat table per kind of result, each row keyed by the article id
TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [("id", _STR), *_SOURCE, ("url", _STR), ("title", _STR), ("published", _STR), ("author", _STR),
         ("lang", _STR), ("text", _STR), ("n_sentences", _INT), ("n_tokens", _INT), ("n_officials", _INT),
         ("n_dates", _INT), ("n_legal_refs", _INT), ("n_tasks", _INT), ("themes", pa.list_(_STR)),
         ("errors", pa.list_(_STR)),
         # added: the id of the earlier article this one nearly copies (run --near-duplicates), else null
         ("duplicate_of", _STR)]
    ),
    "officials": pa.schema(
        [("article_id", _STR), ("published", _STR), ("name", _STR), ("title", _STR), ("organization", _STR),
         ("former", pa.bool_()), ("n_mentions", _INT), ("first_start", _INT), ("first_end", _INT),
         # added: the official's index in the record (with article_id, the key of an official), the
         # canonical position, and the person across the run (filled when the run finishes)
         ("official", _INT), ("title_norm", _STR), ("organization_canonical", _STR), ("organization_start", _INT),
         ("organization_end", _INT), ("person_id", _STR)]
    ),
    "organizations": pa.schema(
        [("article_id", _STR), ("published", _STR), ("name", _STR), ("kind", _STR), ("successor", _STR),
         ("n_mentions", _INT), ("first_start", _INT), ("first_end", _INT)]
    ),
    "dates": pa.schema(
        [("article_id", _STR), ("published", _STR), ("start", _INT), ("end", _INT), ("text", _STR),
         ("value", _STR), ("grain", _STR),
         # the first and last day the value covers (timeline.value_bounds): null on an open side and
         # for partial or null values
         ("date_start", pa.date32()), ("date_end", pa.date32())]
    ),
    "legal_refs": pa.schema(
        [("article_id", _STR), ("published", _STR), ("start", _INT), ("end", _INT), ("text", _STR),
         ("doc_type", _STR), ("code", _STR), ("number", _STR), ("year", _INT), ("issuer", _STR),
         ("doc_key", _STR), ("resolved_code", _STR), ("rule", _STR)]
    ),
    "tasks": pa.schema(
        [("article_id", _STR), ("published", _STR), ("ordinal", _INT), ("marker", _STR), ("start", _INT),
         ("end", _INT), ("text", _STR), ("list", _INT), ("issued_by", _STR), ("actor", pa.list_(_STR)),
         ("deadline", _STR), ("directive", _STR)]
    ),
    "themes": pa.schema(
        [("article_id", _STR), ("published", _STR), ("theme", _STR), ("score", pa.float64()),
         ("n_evidence", _INT), ("evidence", pa.list_(_STR)), ("evidence_start", pa.list_(_INT)),
         ("evidence_end", pa.list_(_INT)), ("rule", _STR), ("paragraph_start", pa.list_(_INT)),
         ("paragraph_end", pa.list_(_INT))]
    ),
    "places": PLACES_SCHEMA,
}


KEPT_ALL_COLUMN = "input_fields"  # --keep-fields all: every kept input field, in one map column


def table_schemas(keep: Sequence[str] = ()) -> dict[str, pa.Schema]:
    """The tables' schemas for a run that keeps input fields (``--keep-fields``): ``articles`` gets one
    string column per kept field, or with "all" one map column ``input_fields`` (name -> value), since
    which fields a dump holds is not known before it is read and every part has one schema."""
    if not keep:
        return TABLE_SCHEMAS
    articles = TABLE_SCHEMAS["articles"]
    if tuple(keep) == ("all",):
        extra = [pa.field(KEPT_ALL_COLUMN, pa.map_(_STR, _STR))]
    else:
        extra = [pa.field(name, _STR) for name in keep]
    return {**TABLE_SCHEMAS, "articles": pa.schema([*articles, *extra])}


def keep_problem(keep: Sequence[str]) -> str | None:
    """Why these kept fields cannot be columns of the articles table (a name it already has), or None."""
    taken = set(TABLE_SCHEMAS["articles"].names)
    clash = [name for name in keep if name in taken]
    if clash:
        return (f"--keep-fields {', '.join(clash)}: the articles table has "
                f"{'that column' if len(clash) == 1 else 'those columns'} already ({', '.join(sorted(taken))})")
    return None


def table_rows(record: Record, keep: Sequence[str] = ()) -> dict[str, list[dict[str, Any]]]:
    """The rows one record contributes to each Parquet table (``keep``: the input fields kept in articles)."""
    key = {"article_id": record.id, "published": record.published}
    officials = [
        {**key, "name": o.name, "title": p.title if p else None, "organization": p.organization if p else None,
         "former": p.former if p else None, "n_mentions": len(o.mentions), "first_start": _first(o.mentions, "start"),
         "first_end": _first(o.mentions, "end"), "official": index, "title_norm": p.title_norm if p else None,
         "organization_canonical": p.organization_canonical if p else None,
         "organization_start": p.organization_start if p else None,
         "organization_end": p.organization_end if p else None, "person_id": o.person_id}
        for index, o in enumerate(record.officials) for p in (o.positions or [None])  # one row per position
    ]
    return {
        "articles": [{
            "id": record.id, **_source_columns(record), "url": record.source.url, "title": record.title,
            "published": record.published, "author": record.author, "lang": record.lang, "text": record.text,
            "n_sentences": len(record.sentences), "n_tokens": len(record.tokens),
            "n_officials": len(record.officials), "n_dates": len(record.dates),
            "n_legal_refs": len(record.legal_refs), "n_tasks": len(record.tasks),
            "themes": [t.id for t in record.themes], "errors": list(record.errors),
            "duplicate_of": record.duplicate_of, **_kept_columns(record, keep),
        }],
        "officials": officials,
        "organizations": [
            {**key, "name": o.name, "kind": o.kind, "successor": o.successor, "n_mentions": len(o.mentions),
             "first_start": _first(o.mentions, "start"),
             "first_end": _first(o.mentions, "end")}
            for o in record.organizations
        ],
        "dates": [{**key, "start": d.start, "end": d.end, "text": d.text, "value": d.value, "grain": d.grain,
                   **dict(zip(("date_start", "date_end"), value_bounds(d.value)))}
                  for d in record.dates],
        "legal_refs": [
            {**key, "start": r.start, "end": r.end, "text": r.text, "doc_type": r.doc_type, "code": r.code,
             "number": r.number, "year": r.year, "issuer": r.issuer, "doc_key": r.doc_key,
             "resolved_code": r.resolved_code, "rule": r.rule}
            for r in record.legal_refs
        ],
        "tasks": [{**key, "ordinal": t.ordinal, "marker": t.marker, "start": t.start, "end": t.end,
                   "text": record.text[t.start:t.end], "list": t.list, "issued_by": t.issued_by,
                   "actor": list(t.actor), "deadline": t.deadline, "directive": t.directive} for t in record.tasks],
        "themes": [{**key, "theme": t.id, "score": t.score, "n_evidence": len(t.evidence),
                    "evidence": [e.text for e in t.evidence], "evidence_start": [e.start for e in t.evidence],
                    "evidence_end": [e.end for e in t.evidence], "rule": t.rule,
                    "paragraph_start": [p.start for p in t.paragraphs],
                    "paragraph_end": [p.end for p in t.paragraphs]} for t in record.themes],
        "places": place_rows(record),
    }


def _kept_columns(record: Record, keep: Sequence[str]) -> dict[str, Any]:
    if not keep:
        return {}
    fields = record.input_fields or {}
    if tuple(keep) == ("all",):
        return {KEPT_ALL_COLUMN: fields if record.input_fields is not None else None}
    return {name: fields.get(name) for name in keep}


def _first(spans: list, attribute: str) -> int | None:
    return getattr(spans[0], attribute) if spans else None


def _source_columns(record: Record) -> dict[str, Any]:
    return {"source_path": record.source.path, "source_index": record.source.index,
            "source_member": record.source.member}


class TableWriter:
    """One Parquet file written in row groups of ``ROW_GROUP`` rows as rows stream in.

    Rows come as dicts or as Arrow tables (a batch a worker converted: ``runs.parts.PartPiece``); every row
    group but the last holds exactly ``ROW_GROUP`` rows, so the same rows give the same bytes however they
    were batched. The file is written in full even when no row came (an empty table with its columns), so a
    query over a run's tables never fails for a missing file.
    """

    def __init__(self, path: Path, schema: pa.Schema):
        self.path = path
        self.schema = schema
        self.pending: list[list[dict[str, Any]] | pa.Table] = []  # rows not yet written, in order
        self.n_pending = 0
        self.writer: pq.ParquetWriter | None = None

    def add(self, rows: list[dict[str, Any]] | pa.Table) -> None:
        count = rows.num_rows if isinstance(rows, pa.Table) else len(rows)
        if not count:
            return
        if isinstance(rows, list) and self.pending and isinstance(self.pending[-1], list):
            self.pending[-1].extend(rows)  # dicts stay one list: one conversion for many small adds
        else:
            self.pending.append(list(rows) if isinstance(rows, list) else rows)
        self.n_pending += count
        if self.n_pending >= ROW_GROUP:
            self._flush(whole_groups_only=True)

    def _flush(self, whole_groups_only: bool = False) -> None:
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, self.schema, compression="zstd")
        while self.n_pending >= ROW_GROUP or (self.n_pending and not whole_groups_only):
            self.writer.write_table(self._next_group(min(ROW_GROUP, self.n_pending)))

    def _next_group(self, size: int) -> pa.Table:
        """The first ``size`` pending rows as one table of contiguous columns (one row group's worth at a time:
        rows still in dicts stay dicts until their group is written)."""
        taken: list[list[dict[str, Any]] | pa.Table] = []
        needed = size
        while needed:
            piece = self.pending[0]
            count = piece.num_rows if isinstance(piece, pa.Table) else len(piece)
            if count <= needed:
                taken.append(self.pending.pop(0))
                needed -= count
            else:  # split the piece: its first rows go into this group
                taken.append(piece.slice(0, needed) if isinstance(piece, pa.Table) else piece[:needed])
                self.pending[0] = piece.slice(needed) if isinstance(piece, pa.Table) else piece[needed:]
                needed = 0
        self.n_pending -= size
        if all(isinstance(piece, list) for piece in taken):
            return pa.Table.from_pylist([row for piece in taken for row in piece], schema=self.schema)
        tables = [piece if isinstance(piece, pa.Table) else pa.Table.from_pylist(piece, schema=self.schema)
                  for piece in taken]
        return pa.concat_tables(tables).combine_chunks()

    def close(self) -> None:
        self._flush()
        self.writer.close()

    def discard(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.path.unlink(missing_ok=True)


def temporary_name(path: Path) -> Path:
    """Where ``path`` is written before it is renamed into place: hidden (readers and globs such as
    ``*.parquet`` skip it) and marked with the writer's pid."""
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def is_temporary(name: str) -> bool:
    return name.startswith(".") and ".tmp-" in name


def fsync_path(path: Path) -> None:
    """Flush a file's (or a folder's entries') data to the disk, so a rename survives power loss."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        fd = os.open(path, flags)
    except OSError:  # some platforms cannot open folders; the rename is still atomic there
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON under a temporary name, flush it to disk, rename it into place."""
    tmp = temporary_name(path)
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_path(path.parent)


def iter_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


class OutputBusy(RuntimeError):
    """Another live run is writing into the same output folder."""


class RunLock:
    """``.policytext.lock`` in the output folder, holding the writer's pid.

    Two runs into one folder would each rename their files over the other's; a lock left by a
    run that died (its pid is gone) is taken over.
    """

    def __init__(self, out_dir: Path):
        self.path = out_dir / ".policytext.lock"
        while True:
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                holder = self._holder()
                if holder is not None and _alive(holder):
                    raise OutputBusy(f"{out_dir} is being written by another policytext run (pid {holder})")
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            return

    def _holder(self) -> int | None:
        try:
            return int(self.path.read_text().strip())
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        self.path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
