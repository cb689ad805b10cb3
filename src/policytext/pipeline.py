"""Article -> normalise -> segment -> extract -> Record, and runs over whole inputs.

The pipeline knows no file formats (readers do) and no patterns (extractors do): it builds one
Document per article, runs every extractor over it, and streams records to the writers. How a
whole run is cut into parts, resumed and stopped is ``runs``; ``run`` hands it the analysis.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .document import Document
from .model import Article, ReadError, Record, Source, Token
from .rules.trace import Trace
from .runs.limits import (DEFAULT_MAX_CHARS, DEFAULT_MAX_SECONDS, ArticleTimeout, time_limit, timeout_reason,
                          too_long_reason)

log = logging.getLogger("policytext")

VIETNAM = timezone(timedelta(hours=7))

# record field -> "module:function"; each function takes a Document and returns a list
EXTRACTORS: dict[str, str] = {
    "organizations": "policytext.extract.organizations:extract_organizations",
    "officials": "policytext.extract.officials:extract_officials",
    "dates": "policytext.extract.dates:extract_dates",
    "legal_refs": "policytext.extract.legal_refs:extract_legal_refs",
    "tasks": "policytext.extract.tasks:extract_tasks",
    "themes": "policytext.extract.themes:extract_themes",
    "places": "policytext.extract.places:extract_places",
}


@dataclass(frozen=True, slots=True)
class Options:
    """How articles are analysed; plain values so worker processes can receive them."""

    segmenter: str = "pyvi"
    taxonomy: str | None = None  # path of an analyst's taxonomy file; None = the shipped default
    extend_taxonomy: bool = False  # merge the analyst's file into the default instead of replacing it
    # keep tokens in records (they are most of a record's size): None keeps them in analyze() and
    # drops them in runs (policytext run --tokens keeps them there)
    tokens: bool | None = None
    # per-article limits in runs (not in analyze()): over either, the article is an error row
    max_chars: int | None = DEFAULT_MAX_CHARS
    max_seconds: float | None = DEFAULT_MAX_SECONDS


@lru_cache(maxsize=None)
def _extractor(target: str) -> Callable[..., list]:
    module_name, function_name = target.split(":")
    return getattr(importlib.import_module(module_name), function_name)


@lru_cache(maxsize=8)
def _taxonomy(path: str | None, extend: bool):
    from .extract.themes import load_taxonomy

    return load_taxonomy(path, extend=extend)


def run_extractor(field_name: str, doc: Document, options: Options) -> list:
    """The results of one extractor (a key of EXTRACTORS) over a document."""
    function = _extractor(EXTRACTORS[field_name])
    if field_name == "themes":  # the only extractor with knowledge the analyst may swap
        return function(doc, _taxonomy(options.taxonomy, options.extend_taxonomy))
    return doc.layers.extracted(field_name, function)  # shared with extractors that read it (tasks)


# --- publication dates -------------------------------------------------------------------------

def parse_published(value: Any) -> tuple[str | None, datetime | None]:
    """(ISO string for the record, datetime for resolving relative dates) from a date field.

    The readers' parser understands ISO 8601, Vietnamese "30/08/2021 - 20:01", RSS dates and
    timestamps; a value without a zone is Vietnam time. A date without a time resolves at
    midnight but is reported as a date.
    """
    from .io.readers import parse_published as parse_to_iso

    iso = parse_to_iso(value)
    if iso is None:
        return None, None
    moment = datetime.fromisoformat(iso)
    return iso, moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)


def record_id(article: Article) -> str:
    """The dump's own id when it has one, else a hash of the content (stable across runs)."""
    if article.id:
        return str(article.id)
    digest = hashlib.blake2b(digest_size=10)
    digest.update((article.title or "").encode("utf-8"))
    digest.update(b"\x00")
    digest.update(article.text.encode("utf-8"))
    return digest.hexdigest()


# --- one article ---------------------------------------------------------------------------------

def analyze(
    text: str,
    *,
    title: str | None = None,
    published: str | datetime | None = None,
    author: str | None = None,
    options: Options | None = None,
) -> Record:
    """Analyse one article's text into a Record (offsets index ``text``)."""
    if isinstance(published, datetime):
        published = published.isoformat()
    article = Article(text=text, source=Source(path="<text>"), title=title, published=published, author=author)
    return analyze_article(article, options or Options())


def analyze_article(article: Article, options: Options) -> Record:
    record, doc = analyze_document(article, options)
    doc.release()  # its memory goes back now, not at the cyclic collector's next full pass
    return record


def analyze_document(article: Article, options: Options, trace: Trace | None = None) -> tuple[Record, Document]:
    """The record of one article and the document it was analysed from (with ``trace`` attached, for
    ``policytext explain``)."""
    published_iso, published_at = parse_published(article.published)
    errors: list[str] = []
    if article.published and published_iso is None:
        errors.append(f"published: could not parse {article.published!r}; relative dates left unresolved")
    doc = Document.from_text(article.text, title=article.title, published=published_at, segmenter=options.segmenter)
    if trace is not None:
        doc.trace = trace
    record = Record(
        id=record_id(article),
        source=article.source,
        text=article.text,
        title=article.title,
        published=published_iso,
        author=article.author,
        sentences=[doc.span(start, end) for start, end in doc.sentences],
        tokens=_tokens(doc) if options.tokens is not False else [],
        errors=errors,
        input_fields=article.extra,
    )
    if article.url and not record.source.url:
        record.source.url = article.url
    for field_name in EXTRACTORS:
        try:
            results = run_extractor(field_name, doc, options)
        except Exception as exc:  # one broken extractor must not lose the article
            log.debug("extractor %s failed on %s", field_name, article.source.location(), exc_info=True)
            record.errors.append(f"{field_name}: {type(exc).__name__}: {exc}")
            continue
        setattr(record, field_name, results)
    return record, doc


def _tokens(doc: Document) -> list[Token]:
    tokens = []
    for word in doc.words:
        span = doc.span(word.start, word.end)
        tokens.append(Token(span.start, span.end, span.text, word.pos))
    return tokens


def _analyze_item(item: Article | ReadError, options: Options) -> Record | ReadError:
    """Worker entry point: a read error passes through; an article becomes a record or an error row
    (over a size or time limit, or when analysis fails)."""
    if isinstance(item, ReadError):
        return item
    too_long = too_long_reason(len(item.text), options.max_chars)
    if too_long:
        return ReadError(item.source, too_long)
    try:
        with time_limit(options.max_seconds):
            return analyze_article(item, options)
    except ArticleTimeout:
        return ReadError(item.source, timeout_reason(options.max_seconds))
    except Exception as exc:  # never lose an article silently: it becomes an error row
        log.debug("analysis failed on %s", item.source.location(), exc_info=True)
        return ReadError(item.source, f"analysis failed: {type(exc).__name__}: {exc}")


# --- whole runs ----------------------------------------------------------------------------------

def iter_inputs(inputs: Iterable[str | Path], fields: Any = None) -> Iterator[Article | ReadError]:
    from .io.readers import iter_items

    for path in inputs:
        yield from iter_items(path, fields=fields)


def analyze_items(
    items: Iterable[Article | ReadError], options: Options, jobs: int = 1, batch: int = 256
) -> Iterator[Record | ReadError]:
    """Analyse a stream in order, in ``jobs`` worker processes when asked.

    At most ``batch`` articles are read ahead of the results yielded, so a dump of millions of
    articles never has to fit in memory; a worker that dies makes its article an error row.
    """
    from .runs.runner import crash_row
    from .runs.workers import ordered_map

    work = partial(_analyze_item, options=options)
    for _, result in ordered_map(work, ((None, item) for item in items), jobs=jobs, window=batch,
                                 hard_timeout=_hard_timeout(options), on_crash=crash_row):
        yield result


def _hard_timeout(options: Options) -> float | None:
    """When the pool's watchdog kills a worker: the time limit failed to stop it (stuck in C code)."""
    if not options.max_seconds:
        return None
    return options.max_seconds + max(10.0, options.max_seconds / 2)


def run(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    fields: Any = None,
    options: Options | None = None,
    jobs: int = 1,
    parquet: bool = True,
    limit: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    resume: bool = False,
    overwrite: bool = False,
    part_size: int | None = None,
    handle_signals: bool = True,
    output_format: str = "both",
    keep_fields: str | Iterable[str] | None = None,
    progress: bool | Callable[..., Any] = False,
    near_duplicates: bool = False,
    duplicate_threshold: float | None = None,
    exclude_duplicates: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
) -> dict[str, Any]:
    """Analyse every article of ``inputs`` into ``out_dir``; returns the run summary.

    Every article ends as one record or one error row. Outputs are written in parts committed as
    they fill (README, "Outputs"); ``resume`` continues an interrupted run, ``overwrite`` replaces
    a run already there (without either, an existing run is refused). ``output_format``: "both"
    (records and tables), "jsonl" (records only; also ``parquet=False``) or "parquet" (tables only);
    error rows are always written. ``keep_fields``: input fields carried into the records and the
    articles table ("category,author_id", a list, or "all"). Tokens are left out of records unless
    ``options.tokens`` is True. ``progress``: True draws a ``tqdm.auto`` bar (a widget in a notebook),
    or pass any tqdm-compatible class; ``on_progress(records, errors)`` is called as articles finish.
    ``near_duplicates``: each record of an article that nearly copies an earlier one (MinHash/LSH,
    estimated Jaccard similarity of 5-syllable shingles at least ``duplicate_threshold``, 0.8 by
    default) carries ``duplicate_of``, the id of the first; ``exclude_duplicates`` (implies it) leaves
    their rows out of every table but articles, and out of persons and documents.
    ``engine``: "local" (``jobs`` processes here) or "dask" (partitions on a Dask cluster: the
    scheduler at ``scheduler``, e.g. "tcp://10.0.0.5:8786", or a LocalCluster of ``jobs`` workers);
    both write the same bytes.
    Raises ``RunConfigError`` for a mistake found before any work, ``RunStopped`` on
    SIGINT/SIGTERM/SIGHUP (when ``handle_signals``; Ctrl-C otherwise), ``RunFailed`` when writing
    fails midway.
    """
    from dataclasses import replace

    from .io.readers import FieldMap
    from .runs.runner import DEFAULT_PART_SIZE, RunSpec, execute

    duplicates = _duplicate_settings(near_duplicates or exclude_duplicates or duplicate_threshold is not None,
                                     duplicate_threshold, exclude_duplicates)
    if engine not in ENGINES or scheduler and engine != "dask":
        from .runs.errors import RunConfigError

        raise RunConfigError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}" if engine not in ENGINES
                             else "--scheduler is the address of a Dask scheduler: it needs --engine dask")
    options = options or Options()
    options = replace(options, tokens=bool(options.tokens))  # None: runs leave tokens out
    taxonomy_digest = _check_options(options)
    fields = _with_keep(fields or FieldMap(), keep_fields)
    records, parquet = _output_format(output_format, parquet)
    version = _own_version()
    inputs = [str(p) for p in inputs]
    spec = RunSpec(
        inputs=inputs, out_dir=Path(out_dir), fields=fields, parquet=parquet, records=records, limit=limit,
        part_size=part_size or DEFAULT_PART_SIZE, jobs=jobs, hard_timeout=_hard_timeout(options),
        duplicates=duplicates, engine=engine, scheduler=scheduler,
        settings={
            "policytext_version": version,
            "schema_version": Record.__dataclass_fields__["schema_version"].default,
            "options": {"segmenter": options.segmenter, "taxonomy": options.taxonomy,
                        "taxonomy_sha256": taxonomy_digest, "extend_taxonomy": options.extend_taxonomy,
                        "tokens": options.tokens, "max_chars": options.max_chars,
                        "max_seconds": options.max_seconds},
        },
    )
    extras = {
        "policytext_version": version,
        "schema_version": spec.settings["schema_version"],
        "options": {"segmenter": options.segmenter, "taxonomy": options.taxonomy,
                    "max_chars": options.max_chars, "max_seconds": options.max_seconds},
        "versions": dependency_versions(),
    }
    display = _progress_display(progress, inputs, fields, limit)
    try:
        return execute(spec, partial(_analyze_item, options=options), count_fields=list(EXTRACTORS), resume=resume,
                       overwrite=overwrite, prepare=partial(_warm_up, options, tables=parquet),
                       on_progress=_both(on_progress, display), handle_signals=handle_signals,
                       summary_extras=extras, identify=record_id)
    finally:
        if display is not None:
            display.close()


OUTPUT_FORMATS = ("both", "jsonl", "parquet")
ENGINES = ("local", "dask")


def _duplicate_settings(wanted: bool, threshold: float | None, exclude: bool):
    """How the run looks for near-duplicates, or None when it does not."""
    if not wanted:
        return None
    from .runs.duplicates import DEFAULT_THRESHOLD, DuplicateSettings
    from .runs.errors import RunConfigError

    try:
        return DuplicateSettings(threshold=DEFAULT_THRESHOLD if threshold is None else threshold, exclude=exclude)
    except ValueError as exc:
        raise RunConfigError(str(exc)) from None


def _output_format(output_format: str, parquet: bool) -> tuple[bool, bool]:
    """(records, tables) a run writes."""
    from .runs.errors import RunConfigError

    if output_format not in OUTPUT_FORMATS:
        raise RunConfigError(f"unknown output format {output_format!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
    if output_format == "both" and not parquet:
        output_format = "jsonl"
    return output_format != "parquet", output_format != "jsonl"


def _with_keep(fields: Any, keep_fields: str | Iterable[str] | None) -> Any:
    from .io.writers import keep_problem
    from .runs.errors import RunConfigError

    try:
        if keep_fields:
            fields = fields.with_keep(keep_fields if isinstance(keep_fields, str) else list(keep_fields))
    except ValueError as exc:
        raise RunConfigError(str(exc)) from None
    problem = keep_problem(fields.keep) if not fields.keeps_all else None
    if problem:
        raise RunConfigError(problem)
    return fields


def _progress_display(progress: bool | Callable[..., Any], inputs: list[str], fields: Any, limit: int | None):
    """A tqdm bar fed by the run (``progress=True`` or a tqdm-compatible class), or None."""
    if not progress:
        return None
    from .progress import InputCount, TqdmProgress

    return TqdmProgress(InputCount(inputs, fields, limit).start(), None if progress is True else progress)


def _both(first: Callable[[int, int], None] | None, second: Callable[[int, int], None] | None):
    if first is None or second is None:
        return first or second

    def both(records: int, errors: int) -> None:
        first(records, errors)
        second(records, errors)

    return both


def _check_options(options: Options) -> str | None:
    """Refuse options that would make every record wrong; returns the taxonomy file's sha256."""
    from .runs.errors import RunConfigError
    from .text.segment import SEGMENTERS

    if options.segmenter not in SEGMENTERS:
        raise RunConfigError(f"unknown segmenter {options.segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
    if options.extend_taxonomy and not options.taxonomy:
        raise RunConfigError("--extend-taxonomy needs --taxonomy FILE: there is nothing to merge into the default")
    for name, value in (("max_chars", options.max_chars), ("max_seconds", options.max_seconds)):
        if value is not None and value <= 0:
            raise RunConfigError(f"{name} must be positive (or None for no limit), not {value}")
    try:
        _taxonomy(options.taxonomy, options.extend_taxonomy)  # a broken file would give every article no theme
    except (ValueError, OSError) as exc:
        raise RunConfigError(f"invalid taxonomy: {exc}") from None
    if options.taxonomy is None:
        return None
    return hashlib.sha256(Path(options.taxonomy).read_bytes()).hexdigest()


def _warm_up(options: Options, tables: bool = False) -> None:
    """Load every model and vocabulary once, before the workers fork, so they share them; the word
    models too, which only some articles need (a run's memory is then set from its start). A run writing
    tables also turns the sample's rows into Arrow columns once: pyarrow imports pandas on its first such
    conversion (~0.4 s), which each worker would otherwise repeat and the finish stage pay again at the end."""
    from .text.segment import load_models

    sample = Article(text="Chiều 30/8, Bộ trưởng Nguyễn Văn A ký Quyết định 1/2021/QĐ-TTg.", source=Source("<warm-up>"))
    record = analyze_article(sample, options)
    load_models(options.segmenter)
    if tables:
        import pyarrow as pa

        from .io.writers import table_rows, table_schemas

        schemas = table_schemas()
        for table, rows in table_rows(record).items():
            pa.Table.from_pylist(rows, schema=schemas[table])


def _own_version() -> str:
    """policytext's version, from its installed metadata (importing the package root from here
    would be an import cycle)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("policytext")
    except PackageNotFoundError:
        return "unknown"


def dependency_versions() -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version
    import platform

    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in ("policytext", "pyvi", "underthesea", "pyarrow", "pandas", "scikit-learn", "trafilatura"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    return versions
