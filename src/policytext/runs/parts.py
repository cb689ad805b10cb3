"""One part of a run: the records, error rows and table rows of a run of consecutive articles of one
input, written under temporary names and committed together.

A part is a pure function of its input partition (which input, which positions): the same
articles give the same bytes, whichever process or session writes them. Committing it:

1. every file is flushed to disk under its temporary name (``.part-00003.jsonl.tmp-<pid>``);
2. each is renamed to its place (``records/part-00003.jsonl``), and the folders are flushed;
3. the manifest ``manifest/part-00003.json`` is written the same way, last. It is the commit:
   a part without it does not exist for readers and resumes, and the next run removes its files.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable

from ..startcache import compile_regex
from ..io.writers import TableWriter, fsync_path, table_rows, table_schemas, temporary_name, write_json_atomic
from ..model import ReadError, Record, Source
from .layout import ERRORS, RECORDS, SIGNATURES, data_folders, manifest_file, part_file, part_name
from .memory import tick

if TYPE_CHECKING:
    from .duplicates import Duplicate, DuplicateSettings

_NUMBER = compile_regex(r"\d[\d,.]*\d|\d")


def reason_pattern(reason: str) -> str:
    """An error reason with its numbers blanked, so reasons differing only by line or size group:
    'broken JSON on line 7: ... column 3' -> 'broken JSON on line N: ... column N'."""
    return _NUMBER.sub("N", reason)


def _where(source: Source) -> dict[str, Any]:
    return {"path": source.path, "member": source.member, "index": source.index}


class _HashedLines:
    """A JSON Lines file written in binary, hashed as it is written."""

    def __init__(self, path: Path):
        self.path = path
        self.handle: IO[bytes] = open(path, "wb")
        self.sha256 = hashlib.sha256()

    def write(self, data: dict[str, Any]) -> None:
        self.write_line(json.dumps(data, ensure_ascii=False))

    def write_line(self, text: str) -> None:
        self.write_lines([text])

    def write_lines(self, texts: list[str]) -> None:
        data = "".join(f"{text}\n" for text in texts).encode("utf-8")
        self.handle.write(data)
        self.sha256.update(data)

    def close(self) -> str:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        return self.sha256.hexdigest()

    def discard(self) -> None:
        self.handle.close()
        self.path.unlink(missing_ok=True)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class _Tally:
    """The bounds and counts of consecutive results (a piece of a part, or the part itself), for the manifest."""

    def __init__(self, count_fields: Iterable[str] = ()):
        self.count_fields = tuple(count_fields)
        self.first_position: int | None = None
        self.last_position: int | None = None
        self.first_source: dict[str, Any] | None = None
        self.last_source: dict[str, Any] | None = None
        self.record_ids: list[str] = []
        self.n_errors = 0
        self.records_with_errors = 0
        self.n_duplicates = 0
        self.extracted = Counter({name: 0 for name in self.count_fields})
        self.error_reasons: Counter[str] = Counter()
        self.record_error_reasons: Counter[str] = Counter()

    @property
    def size(self) -> int:
        return len(self.record_ids) + self.n_errors

    def absorb(self, other: "_Tally") -> None:
        """Count ``other``'s results after these."""
        if other.first_position is None:
            return
        if self.first_position is None:
            self.first_position, self.first_source = other.first_position, other.first_source
        self.last_position, self.last_source = other.last_position, other.last_source
        self.record_ids.extend(other.record_ids)
        self.n_errors += other.n_errors
        self.records_with_errors += other.records_with_errors
        self.n_duplicates += other.n_duplicates
        self.extracted.update(other.extracted)
        self.error_reasons.update(other.error_reasons)
        self.record_error_reasons.update(other.record_error_reasons)


class PartPiece(_Tally):
    """What a run of consecutive articles adds to a part: their lines, table rows and counts, gathered in
    memory. A worker gathers a batch of articles into one piece (``gather``) and the process writing the part
    adds it whole (``PartWriter.add_piece``): the part's files are the same bytes as when the articles are
    added one by one."""

    def __init__(self, *, keep: tuple[str, ...] = (), records: bool = True, parquet: bool = True,
                 count_fields: Iterable[str] = (), exclude_duplicates: bool = False):
        super().__init__(count_fields)
        self.keep, self.records, self.parquet = keep, records, parquet
        self.exclude_duplicates = exclude_duplicates
        self.lines: dict[str, list[str]] = {RECORDS: [], ERRORS: []}
        self.rows: dict[str, Any] = {}  # table -> rows (dicts), or one Arrow table once ``frozen``

    def add(self, position: int, result: "Record | Prepared | ReadError", duplicate: "Duplicate | None" = None) -> None:
        where = _where(result.source)
        if duplicate is not None:  # an article whose analysis failed too: a resume replays every check
            self._rows(SIGNATURES).append({"article_id": duplicate.article_id, "duplicate_of": duplicate.duplicate_of,
                                           "signature": duplicate.signature.tolist()})
        if self.first_position is None:
            self.first_position, self.first_source = position, where
        self.last_position, self.last_source = position, where
        if isinstance(result, ReadError):
            self.lines[ERRORS].append(json.dumps(result.to_dict(), ensure_ascii=False))
            self.n_errors += 1
            self.error_reasons[reason_pattern(result.reason)] += 1
            return
        if isinstance(result, Record):
            result = prepare(result, keep=self.keep, records=self.records, parquet=self.parquet,
                             count_fields=self.count_fields)
        duplicate_of = duplicate.duplicate_of if duplicate is not None else None
        self.n_duplicates += duplicate_of is not None
        if self.records:
            self.lines[RECORDS].append(_with_duplicate_of(result.line, duplicate_of))
        self.record_ids.append(result.id)
        self.extracted.update(result.counts)
        if result.errors:
            self.records_with_errors += 1
            self.record_error_reasons.update(reason_pattern(e) for e in result.errors)
        excluded = self.exclude_duplicates and duplicate_of is not None
        for table, rows in result.rows.items():
            if table == "articles" and duplicate_of is not None:
                rows = [{**rows[0], "duplicate_of": duplicate_of}]
            if not (excluded and table != "articles"):
                self._rows(table).extend(rows)

    def _rows(self, table: str) -> list[dict[str, Any]]:
        return self.rows.setdefault(table, [])

    def frozen(self, schemas: dict[str, Any]) -> "PartPiece":
        """The rows as one Arrow table per table (made where the piece was gathered, so the process writing
        the part receives columns, cheap to pass between processes, instead of many small dicts)."""
        import pyarrow as pa

        self.rows = {table: pa.Table.from_pylist(rows, schema=schemas[table])
                     for table, rows in self.rows.items() if table in schemas}
        return self


def gather(results: list[tuple[int, Any, Any]], *, schemas: dict[str, Any], **options: Any) -> PartPiece:
    """A batch's ``(position, near-duplicate check, result)`` as one piece, its rows as Arrow tables (in
    the worker that analysed it: runs.workers' ``assemble``)."""
    piece = PartPiece(**options)
    for position, duplicate, result in results:
        piece.add(position, result, duplicate)
    return piece.frozen(schemas)


def part_schemas(keep: tuple[str, ...] = (), duplicates: "DuplicateSettings | None" = None) -> dict[str, Any]:
    """The schema of each table a part writes (its near-duplicate signatures' too, when the run looks)."""
    schemas = table_schemas(keep)
    if duplicates is not None:
        from .duplicates import signatures_schema

        schemas = {**schemas, SIGNATURES: signatures_schema(duplicates.num_perm)}
    return schemas


def piece_options(part_options: dict[str, Any]) -> dict[str, Any]:
    """``gather``'s options for the parts a run writes with ``part_options`` (PartWriter's keywords)."""
    duplicates = part_options.get("duplicates")
    keep = tuple(part_options.get("keep", ()))
    return {"keep": keep, "records": part_options.get("records", True), "parquet": part_options["parquet"],
            "count_fields": tuple(part_options["count_fields"]),
            "exclude_duplicates": duplicates is not None and duplicates.exclude,
            "schemas": part_schemas(keep, duplicates)}


class PartWriter(_Tally):
    """Collects the results of one part, in input order, and commits them atomically."""

    def __init__(self, run_dir: Path, number: int, *, input_index: int, input_name: str, parquet: bool,
                 count_fields: Iterable[str], records: bool = True, keep: tuple[str, ...] = (),
                 duplicates: "DuplicateSettings | None" = None):
        super().__init__(count_fields)
        self.run_dir = run_dir
        self.number = number
        self.input_index = input_index
        self.input_name = input_name
        self.folders = data_folders(parquet, records, signatures=duplicates is not None)
        # how this part's results are gathered (kept input fields, --exclude-duplicates …), as a worker does
        self.piece_options = piece_options({"parquet": parquet, "count_fields": self.count_fields,
                                            "records": records, "keep": keep, "duplicates": duplicates})
        self.schemas = self.piece_options.pop("schemas")
        self._renamed: list[Path] = []
        self._lines: dict[str, _HashedLines] = {}
        self._tables: dict[str, TableWriter] = {}
        try:
            for folder in self.folders:
                final = part_file(run_dir, folder, number)
                final.parent.mkdir(parents=True, exist_ok=True)
                if folder in (RECORDS, ERRORS):
                    self._lines[folder] = _HashedLines(temporary_name(final))
                else:
                    self._tables[folder] = TableWriter(temporary_name(final), self.schemas[folder])
        except BaseException:
            self.abort()
            raise

    def add(self, position: int, result: Record | Prepared | ReadError, duplicate: "Duplicate | None" = None) -> None:
        """Add the next result (a Record, or one a worker prepared); ``duplicate``: its near-duplicate
        check (the run's, made in input order)."""
        piece = PartPiece(**self.piece_options)
        piece.add(position, result, duplicate)
        self.add_piece(piece)

    def add_piece(self, piece: PartPiece) -> None:
        """Add the next results, gathered as one piece (rows as dicts or as Arrow tables)."""
        if piece.first_position is None:
            return
        self.absorb(piece)
        for folder, lines in piece.lines.items():
            if lines and folder in self._lines:
                self._lines[folder].write_lines(lines)
        for table, rows in piece.rows.items():
            if table in self._tables:
                self._tables[table].add(rows)

    def commit(self, write_manifest: bool = True) -> dict[str, Any]:
        """Write every file for good, then the manifest; returns the manifest. Without
        ``write_manifest`` the caller commits the part by writing the manifest (a Dask run's client
        does, in part order, for the parts its workers wrote)."""
        try:
            checksums = {folder: lines.close() for folder, lines in self._lines.items()}
            for folder, table in self._tables.items():
                table.close()
                fsync_path(table.path)
                checksums[folder] = sha256_of(table.path)
            files = {}
            for folder in self.folders:
                final = part_file(self.run_dir, folder, self.number)
                tmp = temporary_name(final)
                files[folder] = {"path": f"{folder}/{final.name}", "bytes": tmp.stat().st_size,
                                 "sha256": checksums[folder]}
                os.replace(tmp, final)
                self._renamed.append(final)
            for folder in self.folders:
                fsync_path(self.run_dir / folder)
            manifest = self._manifest(files)
            if write_manifest:
                commit_manifest(self.run_dir, self.number, manifest)
        except BaseException:
            self.abort()
            raise
        return manifest

    def abort(self) -> None:
        """Remove everything this part wrote (temporary files, and files renamed before a failure)."""
        for lines in self._lines.values():
            lines.discard()
        for table in self._tables.values():
            table.discard()
        for path in self._renamed:
            path.unlink(missing_ok=True)
        self._renamed.clear()

    def _manifest(self, files: dict[str, Any]) -> dict[str, Any]:
        return {
            "part": part_name(self.number),
            "input_index": self.input_index,
            "input": self.input_name,
            "first_position": self.first_position,
            "last_position": self.last_position,
            "first_source": self.first_source,
            "last_source": self.last_source,
            "articles_in": self.size,
            "records": len(self.record_ids),
            "errors": self.n_errors,
            "records_with_errors": self.records_with_errors,
            **({"duplicates": self.n_duplicates} if SIGNATURES in self.folders else {}),
            "extracted": dict(self.extracted),
            "error_reasons": _ranked(self.error_reasons),
            "record_error_reasons": _ranked(self.record_error_reasons),
            "record_ids": self.record_ids,
            "files": files,
        }


@dataclass(slots=True)
class Prepared:
    """A record as a part writes it: its JSON line and table rows, made where it was analysed (in a
    worker), so that the process writing the part only writes. A worker sends this back instead of the
    Record: cheaper to pickle, and the run's main process, which every worker waits on, does less."""

    id: str
    source: Source
    line: str | None  # the record as written in records/ (no duplicate_of: the part adds it), or None
    rows: dict[str, list[dict[str, Any]]]  # the record's rows in each table the run writes
    counts: dict[str, int]  # items per extracted field, for the manifest
    errors: list[str]


def prepare(record: Record, *, keep: tuple[str, ...] = (), records: bool = True, parquet: bool = True,
            count_fields: Iterable[str] = ()) -> Prepared:
    return Prepared(record.id, record.source, json.dumps(record.to_dict(), ensure_ascii=False) if records else None,
                    table_rows(record, keep) if parquet else {},
                    {name: len(getattr(record, name)) for name in count_fields}, list(record.errors))


def prepared_work(work: Callable[[Any], Any], item: Any, *, keep: tuple[str, ...], records: bool, parquet: bool,
                  count_fields: tuple[str, ...]) -> Any:
    """``work(item)``, a Record turned into what its part writes (in the worker that analysed it)."""
    result = work(item)
    tick()  # now and then, freed memory goes back to the system (runs.memory)
    if isinstance(result, Record):
        return prepare(result, keep=keep, records=records, parquet=parquet, count_fields=count_fields)
    return result


def _with_duplicate_of(line: str, duplicate_of: str | None) -> str:
    """The record's JSON line with ``duplicate_of``, its last field (Record.to_dict), when it has one."""
    if duplicate_of is None:
        return line
    return f"{line[:-1]}, \"duplicate_of\": {json.dumps(duplicate_of, ensure_ascii=False)}}}"


def commit_manifest(run_dir: Path, number: int, manifest: dict[str, Any]) -> None:
    """Commit a part whose files are all in place: its manifest, written last."""
    target = manifest_file(run_dir, number)
    target.parent.mkdir(exist_ok=True)
    write_json_atomic(target, manifest)


def _ranked(counts: Counter[str]) -> list[list[Any]]:
    """[[reason, count], ...] most frequent first, ties by text: the same counts give the same list."""
    return [[reason, count] for reason, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
