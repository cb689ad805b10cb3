"""Article -> normalise -> segment -> extract -> Record, and runs over whole inputs.

The pipeline knows no file formats (readers do) and no patterns (extractors do): it builds one
Document per article, runs every extractor over it, and streams records to the writers.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import multiprocessing
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .document import Document
from .model import Article, ReadError, Record, Source, Token
from .rules.trace import Trace

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
}


@dataclass(frozen=True, slots=True)
class Options:
    """How articles are analysed; plain values so worker processes can receive them."""

    segmenter: str = "pyvi"
    taxonomy: str | None = None  # path of an analyst's taxonomy file; None = the shipped default
    extend_taxonomy: bool = False  # merge the analyst's file into the default instead of replacing it
    tokens: bool = True  # keep tokens in records (they are most of a record's size)


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
    return analyze_document(article, options)[0]


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
        tokens=_tokens(doc) if options.tokens else [],
        errors=errors,
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
    """Worker entry point: a read error passes through; an article becomes a record or an error."""
    if isinstance(item, ReadError):
        return item
    try:
        return analyze_article(item, options)
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

    Work goes to the workers ``batch`` articles at a time: Pool.imap alone would read the whole
    input ahead into its task queue, and a dump of millions of articles would not fit in memory.
    """
    work = partial(_analyze_item, options=options)
    if jobs <= 1:
        yield from map(work, items)
        return
    # fork shares the loaded models with the workers instead of loading them once per process
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(jobs) as pool:
        iterator = iter(items)
        while chunk := list(islice(iterator, batch)):
            yield from pool.imap(work, chunk, chunksize=max(1, len(chunk) // (4 * jobs)))


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
) -> dict[str, Any]:
    """Analyse every article of ``inputs`` into ``out_dir``; returns the run summary.

    Every article ends as one record or one error row; outputs appear only when the run
    completes (each is renamed into place at the end).
    """
    from . import __version__
    from .io.writers import RunWriter

    options = options or Options()
    inputs = [str(p) for p in inputs]
    started, clock = datetime.now(timezone.utc), time.perf_counter()
    writer = RunWriter(out_dir, parquet=parquet)
    counts = {name: 0 for name in EXTRACTORS}
    n_records = n_errors = 0
    items = iter_inputs(inputs, fields)
    if limit is not None:
        items = islice(items, limit)
    try:
        for result in analyze_items(items, options, jobs):
            if isinstance(result, ReadError):
                writer.write_error(result)
                n_errors += 1
            else:
                writer.write_record(result)
                n_records += 1
                for name in counts:
                    counts[name] += len(getattr(result, name))
            if on_progress is not None:
                on_progress(n_records, n_errors)
    except BaseException:
        writer.abort()
        raise
    seconds = time.perf_counter() - clock
    summary = {
        "policytext_version": __version__,
        "schema_version": Record.__dataclass_fields__["schema_version"].default,
        "inputs": inputs,
        "out_dir": str(out_dir),
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(seconds, 3),
        "articles_in": n_records + n_errors,
        "records": n_records,
        "errors": n_errors,
        "articles_per_second": round(n_records / seconds, 2) if seconds > 0 else None,
        "extracted": counts,
        "options": {"segmenter": options.segmenter, "taxonomy": options.taxonomy, "jobs": jobs},
        "versions": dependency_versions(),
    }
    writer.commit(summary)
    return summary


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
