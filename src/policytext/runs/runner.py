"""A whole run: inputs in, parts committed as they fill, resumable after any interruption.

``execute`` knows nothing of how an article is analysed: ``pipeline.run`` hands it the function
(and what to check and load first), so this package never imports the pipeline.

Parts are cut at ``part_size`` articles (records and error rows) of one input, in input order; an
input's last part holds what is left. A stop (signal, crash, full disk) loses at most the part
being written; ``resume`` starts after the last committed part, which gives the same parts, byte
for byte, as a run that was never interrupted.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterator

from ..io.readers import FieldMap, FieldNotFound, iter_items
from ..io.writers import OutputBusy, RunLock, write_json_atomic
from ..model import Article, ReadError, Source
from . import layout, preflight
from .errors import RunConfigError, RunFailed, RunStopped
from .duplicates import Duplicate, DuplicateSettings, NearDuplicates
from .limits import DEFAULT_PART_SIZE
from .memory import give_back
from .finish import finish, intact_entries
from .parts import PartPiece, PartWriter, commit_manifest, gather, piece_options, prepared_work, sha256_of
from .signals import StopSignals
from .workers import ordered_batches

BATCH = 32  # articles a worker analyses per message (-j 2 and more): fewer, larger messages, each cheap to write

TIMING_KEYS = ("started", "seconds", "articles_per_second", "session")  # what differs between sessions
# of one run (clock times, and -j, which may change on resume): summary.json minus these is the same


@dataclass
class RunSpec:
    """Everything about a run except how one article is analysed."""

    inputs: list[str]
    out_dir: Path
    fields: FieldMap = field(default_factory=FieldMap)
    settings: dict[str, Any] = field(default_factory=dict)  # what else shapes the output (options)
    parquet: bool = True
    records: bool = True  # --format: records (JSON Lines), tables (Parquet), or both
    limit: int | None = None
    part_size: int = DEFAULT_PART_SIZE
    jobs: int = 1
    hard_timeout: float | None = None  # seconds one article may hold a worker before it is killed
    duplicates: DuplicateSettings | None = None  # look for near-duplicates (runs.duplicates), and how
    engine: str = "local"  # "local" (this machine, ``jobs`` processes) or "dask" (runs.dask_engine)
    scheduler: str | None = None  # the Dask scheduler's address; None starts a LocalCluster

    def run_file(self) -> dict[str, Any]:
        """run.json: what a resume must find unchanged (not -j nor the engine: neither changes a byte).
        No times, no absolute paths."""
        near = {"near_duplicates": self.duplicates.to_dict()} if self.duplicates else {}
        return {"format": layout.RUN_FORMAT, "inputs": self.inputs, "fields": self.fields.to_dict(),
                "parquet": self.parquet, "records": self.records, "limit": self.limit, "part_size": self.part_size,
                **near, **self.settings}


def execute(spec: RunSpec, work: Callable[[Article | ReadError], Any], *, count_fields: list[str],
            resume: bool = False, overwrite: bool = False, prepare: Callable[[], None] | None = None,
            on_progress: Callable[[int, int], None] | None = None, handle_signals: bool = True,
            summary_extras: dict[str, Any] | None = None,
            identify: Callable[[Article], str] | None = None) -> dict[str, Any]:
    """Run ``work`` over every article of the inputs into ``spec.out_dir``; returns the summary.
    ``identify``: the id an article's record will have (for near-duplicates' ``duplicate_of``)."""
    out_dir = spec.out_dir
    preflight.check_request(spec.inputs, out_dir, jobs=spec.jobs, part_size=spec.part_size, limit=spec.limit,
                            resume=resume, overwrite=overwrite)
    preflight.open_output(out_dir)
    try:
        lock = RunLock(out_dir)
    except OutputBusy as exc:
        raise RunConfigError(str(exc)) from None
    session: _Session | None = None
    manifests: list[dict[str, Any]] = []
    try:
        with StopSignals(handle_signals) as stops:
            try:
                if overwrite:
                    layout.remove_run(out_dir)
                state = layout.run_state(out_dir)
                preflight.check_existing(out_dir, state, spec.run_file(), resume=resume)
                manifests = _verified(out_dir, layout.committed_manifests(out_dir))
                layout.remove_leftovers(out_dir, committed=len(manifests))
                if state.kind == "finished" and len(manifests) == state.parts:
                    return layout.read_json(out_dir / layout.SUMMARY_FILE)
                (out_dir / layout.SUMMARY_FILE).unlink(missing_ok=True)  # a run with work left has no summary
                session = _Session(spec, work, count_fields, manifests, on_progress, identify or _own_id)
                try:
                    if prepare is not None:
                        prepare()
                    session.run(stops)
                    session.finish()
                finally:
                    if not session.manifests and state.kind == "none":
                        layout.remove_temporaries(out_dir, os.getpid())
                        layout.remove_empty_folders(out_dir)
                summary = build_summary(spec, session.manifests, count_fields, session.timing(),
                                        {**(summary_extras or {}), "run_tables": session.run_tables})
                with stops.deferred():
                    if not (out_dir / layout.RUN_FILE).is_file():
                        write_json_atomic(out_dir / layout.RUN_FILE, spec.run_file())
                    write_json_atomic(out_dir / layout.SUMMARY_FILE, summary)
                return summary
            except KeyboardInterrupt as stop:  # RunStopped, or Ctrl-C when the handlers are not ours
                signum = stop.signum if isinstance(stop, RunStopped) else 2
                safe = session.manifests if session is not None else manifests
                raise RunStopped(signum, safe_articles=sum(m["articles_in"] for m in safe), parts=len(safe)) from None
            finally:  # with the handlers still in place: after a stop, further signals are ignored
                layout.remove_temporaries(out_dir, os.getpid())
    finally:
        lock.release()


def _verified(out_dir: Path, manifests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The committed parts whose files are all there, at their size; the last one also by checksum
    (it is the one a power cut is most likely to have caught). A damaged part and all after it are
    redone."""
    for number, manifest in enumerate(manifests):
        last = number == len(manifests) - 1
        for folder in manifest["files"]:
            intact = any(_matches(out_dir / entry["path"], entry, checksum=last)
                         for entry in intact_entries(manifest, folder))
            if not intact:
                for later in range(number, len(manifests)):
                    layout.manifest_file(out_dir, later).unlink(missing_ok=True)
                return manifests[:number]
    return manifests


def _matches(path: Path, entry: dict[str, Any], checksum: bool) -> bool:
    if not (path.is_file() and path.stat().st_size == entry["bytes"]):
        return False
    return not checksum or sha256_of(path) == entry["sha256"]


class _Session:
    """One session of a run: from the last committed part (or the start) to the end or a stop."""

    def __init__(self, spec: RunSpec, work, count_fields, manifests, on_progress, identify):
        self.spec = spec
        # records become their JSON line and table rows in the worker that analysed them (runs.parts)
        self.work = partial(prepared_work, work, keep=spec.fields.keep, records=spec.records, parquet=spec.parquet,
                            count_fields=tuple(count_fields))
        self.identify = identify
        self.near = _replayed(spec, manifests) if spec.duplicates else None
        self.count_fields = count_fields
        self.manifests = [_brief(m) for m in manifests]
        self.on_progress = on_progress
        self.on_step: Callable[[str], None] | None = None
        self.run_tables: dict[str, int] = {}
        self.resumed_at = self.safe_articles
        self.records_safe = sum(m["records"] for m in manifests)  # running totals of committed parts
        self.errors_safe = sum(m["errors"] for m in manifests)
        self.part: PartWriter | None = None
        self.started = datetime.now(timezone.utc)
        self.clock = time.perf_counter()
        self.seconds = 0.0

    @property
    def safe_articles(self) -> int:
        return sum(m["articles_in"] for m in self.manifests)

    def run(self, stops: StopSignals) -> None:
        spec = self.spec
        remaining = None if spec.limit is None else spec.limit - self.safe_articles
        items = self._checked(positioned_items(spec.inputs, spec.fields, self.manifests[-1] if self.manifests else None,
                                               remaining))
        self._progress()  # the session starts from what committed parts hold: a display's rate counts from here
        try:
            if spec.engine == "dask":
                self._run_dask(items, stops)
            else:
                self._run_local(items, stops)
        except FieldNotFound as exc:
            raise RunConfigError(str(exc)) from None
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            raise RunFailed(f"could not write the run's files{where}: {exc.strerror or exc}",
                            safe_articles=self.safe_articles, parts=len(self.manifests)) from None
        finally:
            if self.part is not None:
                self.part.abort()
                self.part = None
            self.seconds = time.perf_counter() - self.clock

    def _run_local(self, items, stops: StopSignals) -> None:
        """Articles analysed by ``spec.jobs`` processes of this machine, written here part by part: with one
        job, article by article in this process; with more, in batches that a worker analyses and gathers
        into one piece of a part (its rows already columns), which this process only writes."""
        spec = self.spec
        if spec.jobs <= 1:
            results = ((input_index, [(position, duplicate, self.work(item))])
                       for (input_index, position, duplicate), item in items)
        else:
            results = ordered_batches(partial(_analysed, self.work), self._batches(items), jobs=spec.jobs,
                                      assemble=partial(gather, **piece_options(self.part_options())),
                                      on_crash=_crashed, window=2 * spec.jobs, hard_timeout=spec.hard_timeout)
        try:
            for input_index, piece in results:
                if self.part is not None and self.part.input_index != input_index:
                    self._commit(stops)
                if self.part is None:
                    self.part = PartWriter(spec.out_dir, len(self.manifests), input_index=input_index,
                                           input_name=spec.inputs[input_index], **self.part_options())
                if isinstance(piece, PartPiece):
                    self.part.add_piece(piece)
                else:
                    for position, duplicate, result in piece:
                        self.part.add(position, result, duplicate)
                self._progress()
                if self.part.size >= spec.part_size:
                    self._commit(stops)
            if self.part is not None:
                self._commit(stops)
        finally:
            results.close()  # ends the workers

    def _batches(self, items) -> Iterator[tuple[int, list[tuple[int, Any, Article | ReadError]]]]:
        """(input index, [(position, near-duplicate check, item), …]): at most ``BATCH``
        consecutive articles, never across the end of a part (so the parts are cut where one job cuts them)."""
        batch: list[tuple[int, Any, Article | ReadError]] = []
        current, in_part = None, 0
        for (input_index, position, duplicate), item in items:
            if input_index != current:
                in_part = 0
            if batch and (input_index != current or len(batch) >= BATCH or in_part == 0):
                yield current, batch
                batch = []
            current = input_index
            batch.append((position, duplicate, item))
            in_part = (in_part + 1) % self.spec.part_size
        if batch:
            yield current, batch

    def _run_dask(self, items, stops: StopSignals) -> None:
        """Parts analysed and written by the workers of a Dask cluster; committed here, in order."""
        from .dask_engine import PartFailed, written_parts

        parts = written_parts(self.spec, self.work, items, first_number=len(self.manifests),
                              part_options=self.part_options())
        try:
            for manifest in parts:
                with stops.deferred():
                    self._commit_manifest(manifest)
                self._progress()
        except PartFailed as exc:
            raise RunFailed(str(exc), safe_articles=self.safe_articles, parts=len(self.manifests)) from None
        finally:
            parts.close()  # cancels what is in flight, closes the client (and a cluster started here)

    def part_options(self) -> dict[str, Any]:
        spec = self.spec
        return {"parquet": spec.parquet, "records": spec.records, "keep": spec.fields.keep,
                "count_fields": self.count_fields, "duplicates": spec.duplicates}

    def _checked(self, items):
        """``((input index, position, near-duplicate check), item)``: each article checked against the
        earlier ones in input order, before it is analysed (None when the run does not look)."""
        for (input_index, position), item in items:
            duplicate = None
            if self.near is not None and isinstance(item, Article):
                from .duplicates import signature

                article_id = self.identify(item)
                values = signature(item.text, self.spec.duplicates.num_perm)
                duplicate = Duplicate(article_id, values, self.near.check(article_id, values))
            yield (input_index, position, duplicate), item

    def finish(self) -> None:
        """The tables of the whole run (runs.finish), once every part is committed. A stop during it
        loses nothing: the parts are safe and ``--resume`` does it again."""
        clock = time.perf_counter()
        self.run_tables = finish(self.spec.out_dir, len(self.manifests), parquet=self.spec.parquet,
                                 on_step=self.on_step,
                                 exclude_duplicates=bool(self.spec.duplicates and self.spec.duplicates.exclude))
        self.seconds += time.perf_counter() - clock

    def _commit(self, stops: StopSignals) -> None:
        with stops.deferred():  # a stop arriving now waits until the part is wholly written
            if not self.manifests and not (self.spec.out_dir / layout.RUN_FILE).is_file():
                write_json_atomic(self.spec.out_dir / layout.RUN_FILE, self.spec.run_file())
            manifest = self.part.commit()
            self.part = None
            self._count(manifest)
        give_back()  # a long run's footprint stays flat (runs.memory)

    def _commit_manifest(self, manifest: dict[str, Any]) -> None:
        """Commit a part whose files a Dask worker wrote: its manifest, written here, last."""
        if not self.manifests and not (self.spec.out_dir / layout.RUN_FILE).is_file():
            write_json_atomic(self.spec.out_dir / layout.RUN_FILE, self.spec.run_file())
        commit_manifest(self.spec.out_dir, len(self.manifests), manifest)
        self._count(manifest)

    def _count(self, manifest: dict[str, Any]) -> None:
        brief = _brief(manifest)
        self.manifests.append(brief)
        self.records_safe += brief["records"]
        self.errors_safe += brief["errors"]

    def _progress(self) -> None:
        if self.on_progress is not None:
            part = self.part
            self.on_progress(self.records_safe + (len(part.record_ids) if part else 0),
                             self.errors_safe + (part.n_errors if part else 0))

    def timing(self) -> dict[str, Any]:
        articles = self.safe_articles - self.resumed_at
        return {"started": self.started.isoformat(timespec="seconds"), "seconds": round(self.seconds, 3),
                "articles": articles, "resumed_at": self.resumed_at, "jobs": self.spec.jobs,
                "engine": self.spec.engine}


def _analysed(work: Callable[[Any], Any], element: tuple[int, Any, Article | ReadError]) -> tuple[int, Any, Any]:
    """A batch item analysed in a worker: (position, near-duplicate check, result)."""
    position, duplicate, item = element
    return position, duplicate, work(item)


def _crashed(element: tuple[int, Any, Article | ReadError], reason: str) -> tuple[int, Any, ReadError]:
    position, duplicate, item = element
    return position, duplicate, crash_row(item, reason)


def _own_id(article: Article) -> str:
    return str(article.id)


def _replayed(spec: RunSpec, manifests: list[dict[str, Any]]) -> NearDuplicates:
    """The near-duplicate index as it was after the committed parts (``--resume``), from their signatures."""
    near = NearDuplicates(spec.duplicates)
    for manifest in manifests:
        near.replay_file(spec.out_dir / manifest["files"][layout.SIGNATURES]["path"])
    return near


def _brief(manifest: dict[str, Any]) -> dict[str, Any]:
    """A manifest without its record ids and file list: what a session keeps in memory per part
    (counts, positions), so a run of millions of articles does not hold every id."""
    return {key: value for key, value in manifest.items() if key not in ("record_ids", "files")}


def crash_row(item: Article | ReadError, reason: str) -> ReadError:
    """What an item becomes when the worker analysing it died or hung."""
    return item if isinstance(item, ReadError) else ReadError(item.source, f"analysis failed: {reason}")


# --- the input stream, by position -------------------------------------------------------------

def positioned_items(inputs: list[str], fields: FieldMap, last_part: dict[str, Any] | None,
                     limit: int | None) -> Iterator[tuple[tuple[int, int], Article | ReadError]]:
    """((input index, position in that input), item) from where the last committed part ended."""
    first = last_part["input_index"] if last_part else 0
    for index in range(first, len(inputs)):
        items = iter_items(inputs[index], fields=fields)
        position = 0
        if last_part is not None and index == first:
            position = _skip_done(items, inputs[index], last_part)
        while limit is None or limit > 0:
            item = next(items, None)
            if item is None:
                break
            yield (index, position), item
            position += 1
            if limit is not None:
                limit -= 1


def _skip_done(items: Iterator[Article | ReadError], name: str, last_part: dict[str, Any]) -> int:
    """Read past what committed parts hold, checking the input still has it where it was."""
    wanted = last_part["last_position"] + 1
    seen = 0
    last: Article | ReadError | None = None
    for last in islice(items, wanted):
        seen += 1
    expected = last_part["last_source"]
    found = None if last is None else {"path": last.source.path, "member": last.source.member,
                                       "index": last.source.index}
    if seen < wanted or found != expected:
        now = f"now {_location(found)}" if seen == wanted else f"it now holds only {seen:,} articles"
        raise RunConfigError(f"cannot resume: {name} changed since the run started (article {wanted:,} was "
                             f"{_location(expected)}, {now}); add --overwrite to start afresh")
    return wanted


def _location(where: dict[str, Any] | None) -> str:
    if where is None:
        return "nothing"
    return Source(where["path"], where["index"], member=where["member"]).location()


# --- the summary -------------------------------------------------------------------------------

def build_summary(spec: RunSpec, manifests: list[dict[str, Any]], count_fields: list[str],
                  session: dict[str, Any], extras: dict[str, Any]) -> dict[str, Any]:
    """summary.json, from the manifests: the same for a resumed run as for an uninterrupted one,
    except the keys in TIMING_KEYS (about the last session)."""
    records = sum(m["records"] for m in manifests)
    reasons: Counter[str] = Counter()
    record_reasons: Counter[str] = Counter()
    extracted: Counter[str] = Counter({name: 0 for name in count_fields})
    for manifest in manifests:
        reasons.update(dict(manifest["error_reasons"]))
        record_reasons.update(dict(manifest["record_error_reasons"]))
        extracted.update(manifest["extracted"])
    seconds = session["seconds"]
    folders = [layout.MANIFEST, *layout.data_folders(spec.parquet, spec.records, spec.duplicates is not None),
               *(layout.RUN_TABLES if spec.parquet else ())]
    near = {"near_duplicates": sum(m.get("duplicates", 0) for m in manifests)} if spec.duplicates else {}
    return {
        **extras,
        "inputs": spec.inputs,
        "out_dir": str(spec.out_dir),
        "articles_in": sum(m["articles_in"] for m in manifests),
        "records": records,
        "errors": sum(m["errors"] for m in manifests),
        "top_error_reasons": _top(reasons),
        "records_with_errors": sum(m["records_with_errors"] for m in manifests),
        **near,
        "top_record_error_reasons": _top(record_reasons),
        "extracted": dict(extracted),
        "parts": len(manifests),
        "part_size": spec.part_size,
        "files": [layout.RUN_FILE, *(f"{name}/" for name in folders), layout.SUMMARY_FILE],
        "started": session["started"],
        "seconds": seconds,
        "articles_per_second": round(session["articles"] / seconds, 2) if seconds > 0 else None,
        "session": session,
    }


def _top(counts: Counter[str], n: int = 3) -> list[list[Any]]:
    return [[reason, count] for reason, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]]
