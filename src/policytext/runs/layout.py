"""The layout of a run folder, and how to find what in it is committed.

    OUT/run.json                      what shapes the output (inputs, fields, options, part size)
    OUT/manifest/part-00000.json      one per committed part: the commit marker (see runs.parts)
    OUT/records/part-00000.jsonl      one RECORD.md record per line
    OUT/errors/part-00000.jsonl       one row per article or file that could not be read
    OUT/<table>/part-00000.parquet    one folder per table (articles, officials, places, ...)
    OUT/minhash/part-00000.parquet    with --near-duplicates: each article's MinHash signature (runs.duplicates)
    OUT/persons/persons.parquet       tables of the whole run, written once every part is committed
    OUT/documents/documents.parquet   (runs.finish), which also fills officials' person_id
    OUT/summary.json                  written last, when the run is finished

A part is committed when its manifest file exists; data files of a higher-numbered part, and
hidden ``.*.tmp-<pid>`` files, are leftovers of an interrupted run that the next run removes.
Parts are numbered in input order, so reading the folders' files in name order reads the
records in input order. Older runs wrote single files (``records.jsonl``, ``officials.parquet``
...): ``record_files`` and ``table_files`` read those too.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..startcache import compile_regex
from ..io.writers import TABLE_SCHEMAS, is_temporary

RUN_FILE = "run.json"
SUMMARY_FILE = "summary.json"
LOCK_FILE = ".policytext.lock"
MANIFEST = "manifest"
RECORDS = "records"
ERRORS = "errors"
TABLES = tuple(TABLE_SCHEMAS)
SIGNATURES = "minhash"  # near-duplicate signatures, per part, when the run looks for them
EXTENSIONS = {RECORDS: "jsonl", ERRORS: "jsonl", **{table: "parquet" for table in TABLES}, SIGNATURES: "parquet"}
LEGACY_FILES = ("records.jsonl", "errors.jsonl", *(f"{table}.parquet" for table in TABLES))
RUN_TABLES = ("persons", "documents")  # one file each, for the whole run (runs.finish)
RUN_FORMAT = "policytext-run/1"

_PART = compile_regex(r"^part-(\d{5,})$")


def part_name(number: int) -> str:
    return f"part-{number:05d}"


def part_number(stem: str) -> int | None:
    match = _PART.match(stem)
    return int(match.group(1)) if match else None


def data_folders(parquet: bool = True, records: bool = True, signatures: bool = False) -> tuple[str, ...]:
    """The folders a run writes a file into for every part (``--format``: records, tables or both;
    error rows always; near-duplicate signatures when the run looks for them)."""
    return (*((RECORDS,) if records else ()), ERRORS, *(TABLES if parquet else ()),
            *((SIGNATURES,) if signatures else ()))


def part_file(run_dir: Path, folder: str, number: int) -> Path:
    return run_dir / folder / f"{part_name(number)}.{EXTENSIONS[folder]}"


def manifest_file(run_dir: Path, number: int) -> Path:
    return run_dir / MANIFEST / f"{part_name(number)}.json"


# --- what a folder holds -----------------------------------------------------------------------

@dataclass(frozen=True)
class RunState:
    """What an output folder holds: no run, a partial or finished one, or one in the old layout."""

    kind: str  # "none", "partial", "finished", "legacy"
    parts: int = 0
    articles: int = 0

    def describe(self) -> str:
        if self.kind == "finished":
            return f"a finished run ({self.articles:,} articles in {self.parts:,} part{'' if self.parts == 1 else 's'})"
        if self.kind == "partial":
            return f"a partial run ({self.articles:,} articles safe in {self.parts:,} part{'' if self.parts == 1 else 's'})"
        if self.kind == "legacy":
            return "a run written by an older policytext (records.jsonl and single tables)"
        return "no run"


def run_state(run_dir: Path) -> RunState:
    if not run_dir.is_dir():
        return RunState("none")
    manifests = committed_manifests(run_dir)
    articles = sum(m["articles_in"] for m in manifests)
    if (run_dir / RUN_FILE).is_file() or manifests:
        kind = "finished" if (run_dir / SUMMARY_FILE).is_file() and (run_dir / RUN_FILE).is_file() else "partial"
        return RunState(kind, len(manifests), articles)
    if any((run_dir / name).is_file() for name in (*LEGACY_FILES, SUMMARY_FILE)):
        return RunState("legacy")
    return RunState("none")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def committed_manifests(run_dir: Path) -> list[dict[str, Any]]:
    """The manifests of the committed parts, in order: part-00000, part-00001, ... without a gap.

    Parts are committed one after another, so a gap can only come from files removed by hand;
    what follows a gap is not trusted (the next run redoes it).
    """
    folder = run_dir / MANIFEST
    if not folder.is_dir():
        return []
    numbers = sorted(n for n in (part_number(p.stem) for p in folder.glob("part-*.json")) if n is not None)
    manifests = []
    for expected, number in enumerate(numbers):
        if number != expected:
            break
        try:
            manifests.append(read_json(manifest_file(run_dir, number)))
        except (OSError, ValueError):
            break  # unreadable: not committed as far as we can tell
    return manifests


def part_files(run_dir: Path, folder: str) -> list[Path]:
    """The files of one output (``records``, ``errors`` or a table) in input order: the committed
    parts, or the single file a run of an older policytext wrote (``records.jsonl`` ...)."""
    manifests = committed_manifests(run_dir)
    if manifests:
        return [run_dir / m["files"][folder]["path"] for m in manifests if folder in m["files"]]
    legacy = run_dir / f"{folder}.{EXTENSIONS[folder]}"
    return [legacy] if legacy.is_file() else []


def record_files(run_dir: Path) -> list[Path]:
    return part_files(run_dir, RECORDS)


def table_files(run_dir: Path, table: str) -> list[Path]:
    return part_files(run_dir, table)


def person_ids(officials_file: Path) -> dict[tuple[str, int], str]:
    """(article id, official index) -> person_id, from one officials part of a finished run."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(officials_file, columns=["article_id", "official", "person_id"])
    except (OSError, KeyError, ValueError):  # an older run's table, without the columns
        return {}
    return {(article, index): person for article, index, person in
            zip(*(table.column(c).to_pylist() for c in ("article_id", "official", "person_id"))) if person}


# --- cleaning ----------------------------------------------------------------------------------

def remove_leftovers(run_dir: Path, committed: int) -> list[Path]:
    """Delete what an interrupted run left behind: temporary files anywhere in the run's folders,
    and data or manifest files of parts numbered ``committed`` or higher. Returns what went."""
    removed: list[Path] = []
    for folder in (run_dir, *(run_dir / name for name in (MANIFEST, *EXTENSIONS, *RUN_TABLES))):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            number = part_number(path.name.split(".")[0])
            stale = is_temporary(path.name) or (folder != run_dir and number is not None and number >= committed)
            if stale and path.is_file():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def remove_temporaries(run_dir: Path, pid: int) -> None:
    """Delete the temporary files process ``pid`` wrote in the run's folders. A run calls this as it
    ends, whatever ended it: a stop can land between opening a file and recording that it did."""
    suffix = f".tmp-{pid}"
    for folder in (run_dir, *(run_dir / name for name in (MANIFEST, *EXTENSIONS, *RUN_TABLES))):
        if folder.is_dir():
            for path in folder.iterdir():
                if path.name.startswith(".") and path.name.endswith(suffix):
                    path.unlink(missing_ok=True)


def remove_run(run_dir: Path) -> None:
    """Delete every file and folder policytext writes in ``run_dir`` (``--overwrite``), and nothing
    else: an output folder given by mistake keeps its other contents."""
    for name in (MANIFEST, *EXTENSIONS, *RUN_TABLES):
        shutil.rmtree(run_dir / name, ignore_errors=True)
    for name in (RUN_FILE, SUMMARY_FILE, *LEGACY_FILES):
        (run_dir / name).unlink(missing_ok=True)
    remove_leftovers(run_dir, committed=0)


def remove_empty_folders(run_dir: Path) -> None:
    """Remove the run's data folders when they hold nothing (a run stopped before its first part)."""
    for name in (MANIFEST, *EXTENSIONS, *RUN_TABLES):
        try:
            (run_dir / name).rmdir()
        except OSError:
            pass
