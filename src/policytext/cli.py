"""The ``policytext`` command: a thin face over the library API (parsing, progress, exit codes)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    import click

from . import quick_exit
from .runs.limits import DEFAULT_MAX_CHARS, DEFAULT_MAX_SECONDS, DEFAULT_PART_SIZE


class _WrappingGroup(TyperGroup):
    """Commands listed with the whole first sentence of their help, wrapped (click cuts it to one line
    and ends it with "...")."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


# plain click help: it wraps to the terminal and never cuts an option name short (rich's tables
# truncated "--published-field" at 80 columns)
app = typer.Typer(
    cls=_WrappingGroup,
    help="Structured data from Vietnamese policy news: officials, dates, legal references, tasks, themes.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
eval_app = typer.Typer(help="Score policytext against gold data.", no_args_is_help=True, rich_markup_mode=None,
                       cls=_WrappingGroup)
app.add_typer(eval_app, name="eval")

class _Console:
    """A rich Console made on first use: rich costs ~25 ms to import, and ``analyze`` prints JSON."""

    def __init__(self, **settings) -> None:
        self._settings = settings
        self._console = None

    def get(self):
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._settings)
        return self._console

    def __getattr__(self, name: str):
        return getattr(self.get(), name)


err = _Console(stderr=True)
out = _Console()

SegmenterOption = typer.Option("pyvi", "--segmenter", help="Word segmenter: pyvi (default) or underthesea.")
TaxonomyOption = typer.Option(None, "--taxonomy", help="Theme taxonomy file (YAML) replacing the default.")
ExtendOption = typer.Option(False, "--extend-taxonomy", help="Merge --taxonomy into the default instead.")


def _options(segmenter: str, taxonomy: Optional[Path], extend: bool, tokens: bool = True):
    from .pipeline import Options
    from .text.segment import SEGMENTERS

    if segmenter not in SEGMENTERS:
        raise typer.BadParameter(f"{segmenter!r}; choose one of {', '.join(SEGMENTERS)}", param_hint="--segmenter")
    if taxonomy is not None and not taxonomy.is_file():
        raise typer.BadParameter(f"no such file: {taxonomy}", param_hint="--taxonomy")
    return Options(segmenter=segmenter, taxonomy=str(taxonomy) if taxonomy else None, extend_taxonomy=extend,
                   tokens=tokens)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        from .model import SCHEMA_VERSION

        try:
            own = version("policytext")
        except PackageNotFoundError:
            own = "unknown"
        print(f"policytext {own} (record schema {SCHEMA_VERSION}, Python {sys.version.split()[0]})")
        raise typer.Exit()


@app.callback()
def _global_options(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    pass


FORMATS = ("both", "jsonl", "parquet")


@app.command(short_help="Analyse files or folders of articles into a run folder (records, tables, errors).")
def run(
    ctx: typer.Context,
    inputs: list[Path] = typer.Argument(..., metavar="INPUTS",
                                        help="Files or folders of articles (.txt .jsonl .json .csv .html, also .gz/.zip)."),
    out_dir: Path = typer.Option(..., "-o", "--out", help="Output folder (created if missing)."),
    text_field: Optional[str] = typer.Option(None, help="Field holding the article text (dotted path: content.text)."),
    title_field: Optional[str] = typer.Option(None, help="Field holding the title."),
    published_field: Optional[str] = typer.Option(None, help="Field holding the publication date."),
    url_field: Optional[str] = typer.Option(None, help="Field holding the URL."),
    id_field: Optional[str] = typer.Option(None, help="Field holding the article id."),
    author_field: Optional[str] = typer.Option(None, help="Field holding the author."),
    segmenter: str = SegmenterOption,
    taxonomy: Optional[Path] = TaxonomyOption,
    extend_taxonomy: bool = ExtendOption,
    keep_fields: Optional[str] = typer.Option(
        None, "--keep-fields", metavar="NAMES",
        help="Input fields to carry into the records and articles.parquet, comma-separated (category,author_id), "
             "or 'all' for every field but the text (one map column input_fields)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    output_format: str = typer.Option("both", "--format", metavar="jsonl|parquet|both",
                                      help="Records (JSON Lines), tables (Parquet) or both; error rows always."),
    parquet: bool = typer.Option(True, hidden=True, help="Older spelling: --no-parquet is --format jsonl."),
    tokens: bool = typer.Option(False, help="Keep tokens in records (off: they are most of a record's size)."),
    limit: Optional[int] = typer.Option(None, min=1, help="Stop after this many articles."),
    resume: bool = typer.Option(False, "--resume", help="Continue the interrupted run in OUT (same inputs and options)."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Delete the run already in OUT and start afresh."),
    part_size: int = typer.Option(DEFAULT_PART_SIZE, min=1, help="Articles per part: what an interruption can lose at most."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, min=0, help="Longer articles become error rows (0: no limit)."),
    max_seconds: float = typer.Option(DEFAULT_MAX_SECONDS, min=0, help="Analysis time allowed per article (0: no limit)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    near_duplicates: bool = typer.Option(
        False, "--near-duplicates",
        help="Mark each article that nearly copies an earlier one: its record's duplicate_of is the first one's id."),
    duplicate_threshold: Optional[float] = typer.Option(
        None, "--duplicate-threshold", min=0.01, max=1.0, metavar="J",
        help="Estimated Jaccard similarity (5-syllable shingles) from which an article is a near-duplicate "
             "(default 0.8; implies --near-duplicates)."),
    exclude_duplicates: bool = typer.Option(
        False, "--exclude-duplicates",
        help="Leave near-duplicates out of every table but articles, and out of persons and documents "
             "(implies --near-duplicates)."),
    engine: str = typer.Option("local", "--engine", metavar="local|dask",
                               help="local: -j processes here; dask: partitions on a Dask cluster."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", metavar="ADDRESS",
        help="With --engine dask: the scheduler (tcp://HOST:PORT); without it, a local cluster of -j workers."),
) -> None:
    """Analyse every article of INPUTS into OUT, in parts: records/, errors/, one folder per table, summary.json.

    Exit codes: 0 done; 1 nothing could be read, or the run failed midway; 2 a mistake found before
    any work; 130, 143, 129 stopped by SIGINT, SIGTERM, SIGHUP (finished parts are safe: --resume).
    """
    from dataclasses import replace

    from .io.readers import FieldMap
    from .pipeline import run as run_pipeline
    from .cli_display import RunProgress, run_progress
    from .progress import InputCount
    from .runs.errors import RunConfigError, RunFailed, RunStopped

    if output_format not in FORMATS:
        raise typer.BadParameter(f"{output_format!r}; choose one of {', '.join(FORMATS)}", param_hint="--format")
    options = replace(_options(segmenter, taxonomy, extend_taxonomy, tokens), max_chars=max_chars or None,
                      max_seconds=max_seconds or None)
    overrides = {"text": text_field, "title": title_field, "published": published_field, "url": url_field,
                 "id": id_field, "author": author_field}
    fields = FieldMap().with_overrides(**{k: v for k, v in overrides.items() if v})
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    resume_hint = _resume_command(ctx)
    failure = None
    # progress only on a terminal: in a log file (nohup, a service) it would leave stray lines
    shown = not quiet and err.is_terminal
    count = InputCount([str(p) for p in inputs], fields, limit).start() if shown else None
    with run_progress(err.get(), shown) as progress:
        try:
            summary = run_pipeline(inputs, out_dir, fields=fields, options=options, jobs=jobs, parquet=parquet,
                                   limit=limit, on_progress=RunProgress(progress, count), resume=resume,
                                   overwrite=overwrite, part_size=part_size, output_format=output_format,
                                   keep_fields=keep_fields, near_duplicates=near_duplicates,
                                   duplicate_threshold=duplicate_threshold, exclude_duplicates=exclude_duplicates,
                                   engine=engine, scheduler=scheduler)
        except (RunConfigError, RunFailed, RunStopped) as exc:
            failure = exc  # reported below, once the progress display is gone
        finally:
            if count is not None:
                count.stop()
    if isinstance(failure, RunConfigError):
        _say(f"[red]policytext: {failure}[/red]")
        raise typer.Exit(2)
    if isinstance(failure, RunFailed):
        _say(f"[red]policytext: {failure}.[/red] {_safe(failure.safe_articles, failure.parts, out_dir)}; "
             f"resume with: {resume_hint}")
        raise typer.Exit(1)
    if isinstance(failure, RunStopped):
        _say(f"policytext: stopped by {failure.signal_name}; "
             f"{_safe(failure.safe_articles, failure.parts, out_dir)}; resume with: {resume_hint}")
        raise typer.Exit(failure.exit_code)
    _print_summary(summary)
    if summary["records"] == 0:
        _say("[red]nothing could be read: see the errors/ folder[/red]" if summary["errors"] else
             "[red]no articles found in the inputs[/red]")
        raise typer.Exit(1)


def _say(message: str) -> None:
    """One message on standard error, one logical line (the terminal wraps it, not rich)."""
    err.print(message, highlight=False, soft_wrap=True)


def _safe(articles: int, parts: int, out_dir: Path) -> str:
    return f"{articles:,} articles are safe in {out_dir} ({parts:,} part{'' if parts == 1 else 's'})"


def _resume_command(ctx: typer.Context) -> str:
    """The command that continues this run: the same arguments, --resume instead of --overwrite."""
    import shlex

    args = ["policytext", "run"]
    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        if param.param_type_name == "argument":
            args += [str(v) for v in value or ()]
        elif param.name not in ("resume", "overwrite", "quiet") and value != param.default and value is not None:
            if param.name == "parquet":  # the older spelling, kept working: say it the new way
                args += ["--format", "jsonl"] if ctx.params.get("output_format") == "both" else []
                continue
            if getattr(param, "is_flag", False):
                args.append(param.opts[0] if value else param.secondary_opts[0])
            else:
                args += [max(param.opts, key=len), str(value)]
    return shlex.join([*args, "--resume"])


def _print_summary(summary: dict) -> None:
    from .cli_display import summary_table

    out.print(summary_table(summary))


@app.command()
def analyze(
    file: str = typer.Argument(..., help="One article: a file in any input format, or - for plain text on standard input."),
    title: Optional[str] = typer.Option(None, help="The article's title (overrides what the file says)."),
    published: Optional[str] = typer.Option(None, help="Publication date, ISO 8601 or 30/08/2021 20:01 (overrides the file)."),
    segmenter: str = SegmenterOption,
    taxonomy: Optional[Path] = TaxonomyOption,
    extend_taxonomy: bool = ExtendOption,
    tokens: bool = typer.Option(True, help="Include tokens in the record."),
    indent: Optional[int] = typer.Option(2, help="JSON indentation (0 for one line)."),
) -> None:
    """Analyse one article and print its record as JSON.

    A file is read like `run` reads it (a .txt keeps its title, date and author lines apart from the
    body; .html, .json … work too); standard input is taken as the body text.
    """
    from dataclasses import replace

    from .io.encodings import DecodeError, decode_bytes
    from .model import Article, Source
    from .pipeline import analyze_article

    options = _options(segmenter, taxonomy, extend_taxonomy, tokens)
    if file == "-":
        try:
            text, _encoding = decode_bytes(sys.stdin.buffer.read())
        except DecodeError as exc:
            err.print(f"[red]standard input: {exc}[/red]")
            raise typer.Exit(1)
        article = Article(text=text, source=Source(path="<stdin>"))
    else:
        article = _one_article(Path(file))
    overrides = {key: value for key, value in (("title", title), ("published", published)) if value}
    record = analyze_article(replace(article, **overrides), options)
    print(json.dumps(record.to_dict(), ensure_ascii=False, indent=indent or None))
    quick_exit.ask()


def _one_article(path: Path):
    from itertools import islice

    from .io.readers import iter_items
    from .model import ReadError

    if not path.is_file():
        raise typer.BadParameter(f"no such file: {path}", param_hint="FILE")
    items = list(islice(iter_items(path), 2))
    if items and isinstance(items[0], ReadError):
        err.print(f"[red]{items[0].source.location()}: {items[0].reason}[/red]")
        raise typer.Exit(1)
    if len(items) != 1:
        what = "no article" if not items else "more than one article"
        err.print(f"[red]{path} holds {what}: use `policytext run {path} -o OUT` for whole files[/red]")
        raise typer.Exit(1)
    return items[0]


@app.command(short_help="Each item found in TEXT with the rule that made it, and the vetoes that fired.")
def explain(
    text: str = typer.Argument(..., help="The text to explain, or - to read it from standard input."),
    title: Optional[str] = typer.Option(None, help="The article's title."),
    published: Optional[str] = typer.Option(None, help="Publication date (ISO 8601 or 30/08/2021 20:01)."),
    as_json: bool = typer.Option(False, "--json", help="Print the explanation as JSON."),
    segmenter: str = SegmenterOption,
    taxonomy: Optional[Path] = TaxonomyOption,
    extend_taxonomy: bool = ExtendOption,
) -> None:
    """Show every item extracted from TEXT with the id of the rule that made it, the layers it read,
    and the vetoes that removed candidates."""
    from .explanation import explain as explain_text
    from .io.encodings import DecodeError, decode_bytes

    options = _options(segmenter, taxonomy, extend_taxonomy, tokens=False)
    if text == "-":
        try:
            text, _encoding = decode_bytes(sys.stdin.buffer.read())
        except DecodeError as exc:
            err.print(f"[red]standard input: {exc}[/red]")
            raise typer.Exit(1)
    explanation = explain_text(text, title=title, published=published, options=options)
    if as_json:
        print(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(explanation.format())
    quick_exit.ask()


themes_app = typer.Typer(help="The theme taxonomy, and topics it does not cover.", invoke_without_command=True)
app.add_typer(themes_app, name="themes")


def _print_taxonomy(taxonomy: Optional[Path], extend_taxonomy: bool) -> None:
    from .extract.themes import format_taxonomy, load_taxonomy

    if taxonomy is not None and not taxonomy.is_file():
        raise typer.BadParameter(f"no such file: {taxonomy}", param_hint="--taxonomy")
    try:
        active = load_taxonomy(taxonomy, extend=extend_taxonomy)
    except ValueError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1)
    out.print(format_taxonomy(active))


@app.command()
def report(
    run_dir: Path = typer.Argument(..., help="A run folder (what `policytext run -o` wrote)."),
    out_file: Path = typer.Option(Path("report.html"), "-o", "--out", help="The HTML file to write."),
    top: int = typer.Option(15, min=1, help="Officials, documents, organisations and places per chart."),
    title: Optional[str] = typer.Option(None, help="The report's title."),
) -> None:
    """Write one self-contained HTML report of a run: charts and their numbers, opens offline.

    Charts: themes over time, top officials and their themes, most-cited documents, articles by source and
    month, organisations, places, what the theme labels rest on.
    """
    from .report import build_report

    try:
        result = build_report(run_dir, out_file, top=top, title=title)
    except (FileNotFoundError, ValueError) as exc:
        _say(f"[red]policytext: {exc}[/red]")
        raise typer.Exit(1)
    out.print(f"{result.path}: {len(result.charts)} charts ({', '.join(result.charts)}), "
              f"{result.size / 1e6:.1f} MB", highlight=False, soft_wrap=True)
    for section, note in result.notes.items():
        _say(f"  no chart for {section}: {note}")


@app.command()
def export(
    run_dir: Path = typer.Argument(..., help="A run folder (what `policytext run -o` wrote)."),
    duckdb_file: Path = typer.Option(..., "--duckdb", help="The DuckDB database to write."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace the database if it exists."),
) -> None:
    """Write a run's tables into a DuckDB database, with views for the common joins.

    Views: article_themes, official_articles, official_themes, citations, document_articles, and
    person_articles, place_articles when the run has persons and places (README, "Report and DuckDB").
    """
    from .duckdb_export import export_duckdb

    try:
        result = export_duckdb(run_dir, duckdb_file, overwrite=overwrite)
    except (FileNotFoundError, FileExistsError, ValueError) as exc:
        _say(f"[red]policytext: {exc}[/red]")
        raise typer.Exit(1)
    tables = ", ".join(f"{name} ({rows:,})" for name, rows in result.tables.items())
    out.print(f"{result.path}: tables {tables}; views {', '.join(result.views)}", highlight=False, soft_wrap=True)
    for name, why in result.skipped.items():
        _say(f"  left out {name}: {why}")


@themes_app.callback()
def themes(
    ctx: typer.Context,
    taxonomy: Optional[Path] = TaxonomyOption,
    extend_taxonomy: bool = ExtendOption,
) -> None:
    """Print the active theme taxonomy (or run a subcommand: show, discover)."""
    if ctx.invoked_subcommand is None:
        _print_taxonomy(taxonomy, extend_taxonomy)


@themes_app.command("show")
def themes_show(
    taxonomy: Optional[Path] = TaxonomyOption,
    extend_taxonomy: bool = ExtendOption,
) -> None:
    """Print the active theme taxonomy."""
    _print_taxonomy(taxonomy, extend_taxonomy)


@themes_app.command("discover")
def themes_discover(
    run_dir: Path = typer.Argument(..., help="A run folder written by `policytext run`."),
    topics: int = typer.Option(8, "--topics", "-n", min=1, help="Number of topics to find."),
    write: Optional[Path] = typer.Option(None, "--write", help="Write the topics as a draft taxonomy (YAML) here."),
    include_labelled: bool = typer.Option(False, "--all", help="Search every article, not only those without a theme."),
    seed: int = typer.Option(13, help="Seed of the factorisation (same run, same seed: same topics)."),
) -> None:
    """Recurring topics in a run that the taxonomy does not cover: top terms, example titles, volume by month."""
    from . import load
    from .themes.discovery import discover, draft_taxonomy, format_discovery

    if not run_dir.is_dir():
        raise typer.BadParameter(f"no such folder: {run_dir}", param_hint="RUN_DIR")
    try:
        found = discover(load(run_dir), topics=topics, include_labelled=include_labelled, seed=seed)
    except (FileNotFoundError, ValueError) as exc:
        err.print(f"[red]{run_dir}: {exc}[/red]")
        raise typer.Exit(1)
    out.print(format_discovery(found))
    if write is not None:
        write.write_text(draft_taxonomy(found, str(run_dir)), encoding="utf-8")
        err.print(f"draft taxonomy written to {write}: use it with --taxonomy {write} --extend-taxonomy")


@eval_app.command("segmentation")
def eval_segmentation(
    gold: Path = typer.Option(Path("../shared/data/ud-vtb/vi_vtb-ud-test.conllu"), help="CoNLL-U gold file."),
    segmenter: str = SegmenterOption,
) -> None:
    """Word-span precision, recall and F1 against a CoNLL-U treebank (UD Vietnamese-VTB test)."""
    from .evaluation.segmentation import score_segmentation

    if not gold.is_file():
        raise typer.BadParameter(f"no such file: {gold}", param_hint="--gold")
    out.print(score_segmentation(gold, segmenter).report(segmenter))


@eval_app.command("extract")
def eval_extract(
    gold: Path = typer.Option(Path("benchmarks/gold"), help="Gold JSONL file, or a folder of extract_dev*.jsonl; "
                              "a task gold (benchmarks/gold/tasks/tasks_gold.jsonl) scores tasks, a legal-reference "
                              "gold (benchmarks/gold/legal_refs/legal_refs_gold.jsonl, round 1; "
                              "legal_refs_gold-N.jsonl, round N: 2 and 6 the held-out tests, test only; 3-5 and 7-9 "
                              "dev sets) references."),
    shared: Path = typer.Option(Path("../shared/data"), help="Folder holding the gold articles' texts."),
    split: Optional[str] = typer.Option(None, help="Score only this split of a gold that has one: dev or test."),
    details: bool = typer.Option(False, help="List what differs, article by article: on the dev split (never on a "
                                 "legal-reference test split: rounds 2 and 6 are the held-out tests); on the task "
                                 "gold also on a named round 1-4 or 6-9 (spent or retired test splits, dev "
                                 "sets), never on round 5, the held-out test."),
    round_: Optional[int] = typer.Option(None, "--round", help="Task gold only: score only this round (1, 2: dev and "
                                         "spent test; 3: a retired test set; 4, 6, 7, 8, 9: dev sets, dev only; 5: "
                                         "the held-out test set, test only, scored in aggregate). Without it, every "
                                         "round but 5: --split test is rounds 1-3, --split dev rounds 1, 2, 4, 6, 7, 8 "
                                         "and 9."),
) -> None:
    """Precision, recall and F1 of officials, dates, legal references and tasks on a gold file."""
    from .evaluation.extract import MissingData, run_eval
    from .evaluation.legal_refs import HeldOut, is_legal_gold, run_legal_eval
    from .evaluation.tasks import NoGoldEntries, details_refusal, is_task_gold, run_task_eval

    if not gold.exists():
        raise typer.BadParameter(f"no such file or folder: {gold}", param_hint="--gold")
    if split not in (None, "dev", "test"):
        raise typer.BadParameter("a split is dev or test", param_hint="--split")
    if details and is_task_gold(gold):
        # a held-out test is only ever scored: its per-article errors are not to be read (spent and retired ones may be)
        if refusal := details_refusal(split, round_):
            raise typer.BadParameter(refusal, param_hint="--details")
    elif details and split != "dev":
        # the test split is only ever scored: its per-article errors are not to be read (the legal-reference gold's
        # held-out rounds 2 and 6 are test only; run_legal_eval refuses them too, before reading an article)
        raise typer.BadParameter("--details needs --split dev", param_hint="--details")
    if round_ is not None and not is_task_gold(gold):
        raise typer.BadParameter("only the task gold has rounds", param_hint="--round")
    try:
        if is_task_gold(gold):
            out.print(run_task_eval(gold, shared, split=split, details=details, round_=round_), highlight=False,
                      soft_wrap=True)
        elif is_legal_gold(gold):
            out.print(run_legal_eval(gold, shared, split=split, details=details), highlight=False, soft_wrap=True)
        else:
            out.print(run_eval(gold, shared), highlight=False)
    except (MissingData, NoGoldEntries, HeldOut) as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1)


@eval_app.command("officials")
def eval_officials(
    gold: Path = typer.Option(Path("benchmarks/gold/officials"), help="Officials gold: a JSONL file, or a folder "
                              "whose officials_gold*.jsonl are read (rounds 1 to 17)."),
    split: str = typer.Option("dev", help="dev, test (scored only, never tuned on) or all."),
    round_: str = typer.Option("all", "--round", help="Gold round: 1, 2, 5-8, 10-14 (dev; 1 and 2 test too), 3, 4, 9, "
                               "15 (test sets only, retired: open to error analysis), 16, 17 (test sets only, the "
                               "held-out sets: scored only) or all."),
    shared: Path = typer.Option(Path("../shared/data"), help="Folder holding the gold articles' texts."),
    details: bool = typer.Option(False, help="List each article's misses (-), extras (+) and wrong positions (~); "
                                 "dev split, or the test split of the retired round 3, 4, 9 or 15 (never round "
                                 "16's or 17's)."),
) -> None:
    """Name P/R/F1, title attach and recall by class on the officials gold."""
    from .evaluation.extract import MissingData
    from .evaluation.officials import RETIRED_TEST_ROUNDS, ROUNDS, HeldOut, NoGoldEntries, run_officials_eval

    if not gold.exists():
        raise typer.BadParameter(f"no such file or folder: {gold}", param_hint="--gold")
    if split not in ("dev", "test", "all"):
        raise typer.BadParameter("a split is dev, test or all", param_hint="--split")
    if round_ not in ROUNDS:
        raise typer.BadParameter("a round is 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 or all",
                                 param_hint="--round")
    if details and split != "dev" and not (split == "test" and round_ in RETIRED_TEST_ROUNDS):
        # the held-out test sets (rounds 16 and 17) are only ever scored: their per-article errors are not to be
        # read; rounds 3, 4, 9 and 15, retired test sets, are open to error analysis
        raise typer.BadParameter("--details needs --split dev, or --split test with the retired round 3, 4, 9 or 15 "
                                 "(rounds 16 and 17, the held-out sets, are scored only)", param_hint="--details")
    try:
        print(run_officials_eval(gold, shared, split, details, round_))
    except (MissingData, NoGoldEntries, HeldOut) as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1)


@eval_app.command("themes")
def eval_themes(
    gold: Path = typer.Option(Path("benchmarks/gold/themes/corpus.jsonl"), help="Theme gold JSONL."),
    split: Optional[str] = typer.Option(None, help="Split to score: test (the default when the gold has splits), "
                                                   "test2 (the theme corpus's second held-out split), train, or all."),
    shared: Path = typer.Option(Path("../shared/data"), help="Folder holding the dumps the gold points into."),
    vntc: Optional[Path] = typer.Option(None, help="Folder of the VNTC dumps (older form of --shared: its parent)."),
    lexicon_only: bool = typer.Option(False, "--lexicon-only", help="Score the lexicon alone, without the model."),
    taxonomy: Optional[Path] = TaxonomyOption,
    extend_taxonomy: bool = ExtendOption,
) -> None:
    """Micro and macro F1 and per-theme precision and recall on a theme gold (its test split by default).

    The model is trained on the corpus's train split and on the older VNTC gold (themes_dev.jsonl,
    themes_check.jsonl): scores on those are in-sample."""
    from .evaluation.extract import MissingData
    from .evaluation.themes import evaluate_gold, format_report, load_gold
    from .extract.themes import load_taxonomy

    if not gold.is_file():
        raise typer.BadParameter(f"no such file: {gold}", param_hint="--gold")
    shared_dir = vntc.parent if vntc is not None else shared
    if not shared_dir.is_dir():
        err.print(f"[red]shared data not found at {shared_dir}: the gold articles' texts live there[/red]")
        raise typer.Exit(1)
    active = load_taxonomy(taxonomy, extend=extend_taxonomy) if taxonomy else None
    try:
        if split is None:
            split = "test" if any("split" in row for row in load_gold(gold)) else "all"
        result = evaluate_gold(gold, shared_dir, taxonomy=active, model=False if lexicon_only else None,
                               split=None if split == "all" else split)
    except (MissingData, ValueError) as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1)
    what = gold.name + ("" if split == "all" else f" split {split}") + (" (lexicon only)" if lexicon_only else "")
    out.print(format_report(result, what), highlight=False)


def main() -> None:
    quick_exit.reset()
    try:
        app()
    except SystemExit as exc:
        if not quick_exit.asked:
            raise
        quick_exit.exit_now(exc.code)


if __name__ == "__main__":
    main()
