"""The ``policytext`` command: a thin face over the library API (parsing, progress, exit codes)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(
    help="Structured data from Vietnamese policy news: officials, dates, legal references, tasks, themes.",
    no_args_is_help=True,
    add_completion=False,
)
eval_app = typer.Typer(help="Score policytext against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

err = Console(stderr=True)
out = Console()

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


@app.command()
def run(
    inputs: list[Path] = typer.Argument(..., help="Files or folders of articles (.txt .jsonl .json .csv .html, also .gz/.zip)."),
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
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    parquet: bool = typer.Option(True, help="Also write Parquet tables beside records.jsonl."),
    tokens: bool = typer.Option(True, help="Keep tokens in records (most of their size)."),
    limit: Optional[int] = typer.Option(None, min=1, help="Stop after this many articles."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Analyse every article of INPUTS into OUT: records.jsonl, Parquet tables, errors.jsonl, summary.json."""
    from .io.readers import FieldMap
    from .io.writers import OutputBusy
    from .pipeline import run as run_pipeline

    options = _options(segmenter, taxonomy, extend_taxonomy, tokens)
    overrides = {"text": text_field, "title": title_field, "published": published_field, "url": url_field,
                 "id": id_field, "author": author_field}
    fields = FieldMap().with_overrides(**{k: v for k, v in overrides.items() if v})
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, disable=quiet, transient=True) as progress:
        task = progress.add_task("reading")

        def on_progress(records: int, errors: int) -> None:
            progress.update(task, description=f"{records:,} records, {errors:,} errors")

        try:
            summary = run_pipeline(inputs, out_dir, fields=fields, options=options, jobs=jobs, parquet=parquet,
                                   limit=limit, on_progress=on_progress)
        except OutputBusy as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(1)
    _print_summary(summary)
    if summary["records"] == 0:
        err.print("[red]nothing could be read: see errors.jsonl[/red]" if summary["errors"] else
                  "[red]no articles found in the inputs[/red]")
        raise typer.Exit(1)


def _print_summary(summary: dict) -> None:
    table = Table(title=f"policytext run → {summary['out_dir']}", show_header=False)
    table.add_row("articles in", f"{summary['articles_in']:,}")
    table.add_row("records", f"{summary['records']:,}")
    table.add_row("errors", f"{summary['errors']:,}" + (" (see errors.jsonl)" if summary["errors"] else ""))
    table.add_row("time", f"{summary['seconds']:.1f} s ({summary['articles_per_second'] or 0:.1f} articles/s)")
    for name, count in summary["extracted"].items():
        table.add_row(name, f"{count:,}")
    table.add_row("files", ", ".join(summary["files"]))
    out.print(table)


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


@app.command()
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
    gold: Path = typer.Option(Path("benchmarks/gold"), help="Gold JSONL file, or a folder of extract_dev*.jsonl."),
    shared: Path = typer.Option(Path("../shared/data"), help="Folder holding the gold articles' texts."),
) -> None:
    """Precision, recall and F1 of officials, dates, legal references and tasks on the dev gold."""
    from .evaluation.extract import MissingData, run_eval

    if not gold.exists():
        raise typer.BadParameter(f"no such file or folder: {gold}", param_hint="--gold")
    try:
        out.print(run_eval(gold, shared), highlight=False)
    except MissingData as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1)


@eval_app.command("themes")
def eval_themes(
    gold: Path = typer.Option(Path("benchmarks/gold/themes/corpus.jsonl"), help="Theme gold JSONL."),
    split: Optional[str] = typer.Option(None, help="Split to score: test (the default when the gold has splits), "
                                                   "train, or all."),
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
    app()


if __name__ == "__main__":
    main()
