"""Run outputs: records.jsonl, Parquet tables, errors.jsonl, summary.json.

Every file is written under a temporary name in the output folder and renamed into place only
when the run finishes, so a crashed run never leaves a half-written file that looks complete.
Parquet tables are written in row groups as records stream in, so memory stays flat however
large the dump.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import ReadError, Record

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
         ("errors", pa.list_(_STR))]
    ),
    "officials": pa.schema(
        [("article_id", _STR), ("published", _STR), ("name", _STR), ("title", _STR), ("organization", _STR),
         ("former", pa.bool_()), ("n_mentions", _INT), ("first_start", _INT), ("first_end", _INT)]
    ),
    "organizations": pa.schema(
        [("article_id", _STR), ("published", _STR), ("name", _STR), ("kind", _STR), ("successor", _STR),
         ("n_mentions", _INT), ("first_start", _INT), ("first_end", _INT)]
    ),
    "dates": pa.schema(
        [("article_id", _STR), ("published", _STR), ("start", _INT), ("end", _INT), ("text", _STR),
         ("value", _STR), ("grain", _STR)]
    ),
    "legal_refs": pa.schema(
        [("article_id", _STR), ("published", _STR), ("start", _INT), ("end", _INT), ("text", _STR),
         ("doc_type", _STR), ("code", _STR), ("number", _STR), ("year", _INT), ("issuer", _STR)]
    ),
    "tasks": pa.schema(
        [("article_id", _STR), ("published", _STR), ("ordinal", _INT), ("marker", _STR), ("start", _INT),
         ("end", _INT), ("text", _STR)]
    ),
    "themes": pa.schema(
        [("article_id", _STR), ("published", _STR), ("theme", _STR), ("score", pa.float64()),
         ("n_evidence", _INT), ("evidence", pa.list_(_STR)), ("evidence_start", pa.list_(_INT)),
         ("evidence_end", pa.list_(_INT)), ("rule", _STR), ("paragraph_start", pa.list_(_INT)),
         ("paragraph_end", pa.list_(_INT))]
    ),
}


def table_rows(record: Record) -> dict[str, list[dict[str, Any]]]:
    """The rows one record contributes to each Parquet table."""
    key = {"article_id": record.id, "published": record.published}
    officials = [
        {**key, "name": o.name, "title": p.title if p else None, "organization": p.organization if p else None,
         "former": p.former if p else None, "n_mentions": len(o.mentions), "first_start": _first(o.mentions, "start"),
         "first_end": _first(o.mentions, "end")}
        for o in record.officials for p in (o.positions or [None])  # one row per position
    ]
    return {
        "articles": [{
            "id": record.id, **_source_columns(record), "url": record.source.url, "title": record.title,
            "published": record.published, "author": record.author, "lang": record.lang, "text": record.text,
            "n_sentences": len(record.sentences), "n_tokens": len(record.tokens),
            "n_officials": len(record.officials), "n_dates": len(record.dates),
            "n_legal_refs": len(record.legal_refs), "n_tasks": len(record.tasks),
            "themes": [t.id for t in record.themes], "errors": list(record.errors),
        }],
        "officials": officials,
        "organizations": [
            {**key, "name": o.name, "kind": o.kind, "successor": o.successor, "n_mentions": len(o.mentions),
             "first_start": _first(o.mentions, "start"),
             "first_end": _first(o.mentions, "end")}
            for o in record.organizations
        ],
        "dates": [{**key, "start": d.start, "end": d.end, "text": d.text, "value": d.value, "grain": d.grain}
                  for d in record.dates],
        "legal_refs": [
            {**key, "start": r.start, "end": r.end, "text": r.text, "doc_type": r.doc_type, "code": r.code,
             "number": r.number, "year": r.year, "issuer": r.issuer}
            for r in record.legal_refs
        ],
        "tasks": [{**key, "ordinal": t.ordinal, "marker": t.marker, "start": t.start, "end": t.end,
                   "text": record.text[t.start:t.end]} for t in record.tasks],
        "themes": [{**key, "theme": t.id, "score": t.score, "n_evidence": len(t.evidence),
                    "evidence": [e.text for e in t.evidence], "evidence_start": [e.start for e in t.evidence],
                    "evidence_end": [e.end for e in t.evidence], "rule": t.rule,
                    "paragraph_start": [p.start for p in t.paragraphs],
                    "paragraph_end": [p.end for p in t.paragraphs]} for t in record.themes],
    }


def _first(spans: list, attribute: str) -> int | None:
    return getattr(spans[0], attribute) if spans else None


def _source_columns(record: Record) -> dict[str, Any]:
    return {"source_path": record.source.path, "source_index": record.source.index,
            "source_member": record.source.member}


class AtomicFile:
    """A text file written under a temporary name and renamed into place on ``commit``."""

    def __init__(self, path: Path):
        self.path = path
        self.tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        self.handle = open(self.tmp, "w", encoding="utf-8")

    def write_json_line(self, data: dict[str, Any]) -> None:
        self.handle.write(json.dumps(data, ensure_ascii=False))
        self.handle.write("\n")

    def commit(self) -> None:
        self.handle.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.handle.close()
        self.tmp.unlink(missing_ok=True)


class ParquetTables:
    """One streaming Parquet writer per table, created when its first row arrives."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_SCHEMAS}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.tmp_paths: dict[str, Path] = {}

    def add(self, record: Record) -> None:
        for name, rows in table_rows(record).items():
            buffer = self.buffers[name]
            buffer.extend(rows)
            if len(buffer) >= ROW_GROUP:
                self._flush(name)

    def _flush(self, name: str) -> None:
        rows = self.buffers[name]
        if not rows:
            return
        if name not in self.writers:
            tmp = self.out_dir / f".{_table_file(name)}.tmp-{os.getpid()}"
            self.tmp_paths[name] = tmp
            self.writers[name] = pq.ParquetWriter(tmp, TABLE_SCHEMAS[name], compression="zstd")
        self.writers[name].write_table(pa.Table.from_pylist(rows, schema=TABLE_SCHEMAS[name]))
        self.buffers[name] = []

    def commit(self) -> list[str]:
        """Finish every table, an empty one (with its columns) where no row came, so that queries
        on a run's tables never fail for a missing file. Returns the file names."""
        written = []
        for name in TABLE_SCHEMAS:
            self._flush(name)
            if name in self.writers:
                self.writers[name].close()
                os.replace(self.tmp_paths[name], self.out_dir / _table_file(name))
            else:
                tmp = self.out_dir / f".{_table_file(name)}.tmp-{os.getpid()}"
                pq.write_table(TABLE_SCHEMAS[name].empty_table(), tmp, compression="zstd")
                os.replace(tmp, self.out_dir / _table_file(name))
            written.append(_table_file(name))
        return written

    def abort(self) -> None:
        for name, writer in self.writers.items():
            writer.close()
            self.tmp_paths[name].unlink(missing_ok=True)


def _table_file(name: str) -> str:
    return f"{name}.parquet"


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


class RunWriter:
    """Everything a run writes into its output folder."""

    def __init__(self, out_dir: str | Path, *, parquet: bool = True):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.lock = RunLock(self.out_dir)
        self.records = AtomicFile(self.out_dir / "records.jsonl")
        self.errors = AtomicFile(self.out_dir / "errors.jsonl")
        self.tables = ParquetTables(self.out_dir) if parquet else None

    def write_record(self, record: Record) -> None:
        self.records.write_json_line(record.to_dict())
        if self.tables is not None:
            self.tables.add(record)

    def write_error(self, error: ReadError) -> None:
        self.errors.write_json_line(error.to_dict())

    def commit(self, summary: dict[str, Any]) -> list[str]:
        """Rename every output into place, summary.json last; returns the file names written."""
        self.records.commit()
        self.errors.commit()
        files = ["records.jsonl", "errors.jsonl"]
        if self.tables is not None:
            files += self.tables.commit()
        summary["files"] = files + ["summary.json"]
        write_json_atomic(self.out_dir / "summary.json", summary)
        self.lock.release()
        return summary["files"]

    def abort(self) -> None:
        self.records.abort()
        self.errors.abort()
        if self.tables is not None:
            self.tables.abort()
        self.lock.release()


def write_json_atomic(path: Path, data: Any) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def iter_jsonl(path: str | Path) -> Iterable[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
