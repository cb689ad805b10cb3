"""What the command line draws with rich: the run's progress bar and its summary table.

Kept out of ``cli`` so that commands that draw nothing (``policytext analyze`` prints JSON) do not
import rich (~25 ms of start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from .progress import InputCount


def run_progress(console: Console, shown: bool) -> Progress:
    """The bar of ``policytext run``: articles done of the total, rate, time left and elapsed."""
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    _RateColumn(), TextColumn("eta"), TimeRemainingColumn(), TextColumn("elapsed"),
                    TimeElapsedColumn(), console=console, disable=not shown, transient=True)


class RunProgress:
    """``on_progress`` drawing the run on a rich bar: articles done of the total (known once the
    background count ends), records and errors so far; the rate and the time left count from the
    session's first call, which brings what committed parts already held."""

    def __init__(self, progress: Progress, count: "InputCount | None"):
        self.progress = progress
        self.count = count
        self.task = None

    def __call__(self, records: int, errors: int) -> None:
        done = records + errors
        description = f"{records:,} records, {errors:,} errors"
        total = self.count.total if self.count is not None else None
        if self.task is None:
            self.task = self.progress.add_task(description, total=total, completed=done)
        else:
            self.progress.update(self.task, description=description, completed=done, total=total)


class _RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} articles/s" if speed else "", style="progress.data.speed")


def summary_table(summary: dict) -> Table:
    """The table ``policytext run`` prints at the end."""
    table = Table(title=f"policytext run → {summary['out_dir']}", show_header=False)
    table.add_row("articles in", f"{summary['articles_in']:,}")
    table.add_row("records", f"{summary['records']:,}")
    table.add_row("errors", f"{summary['errors']:,}" + (" (error rows in errors/)" if summary["errors"] else ""))
    for reason, count in summary.get("top_error_reasons", []):
        table.add_row("", f"{count:,} × {reason}")
    if summary.get("records_with_errors"):
        table.add_row("records with problems", f"{summary['records_with_errors']:,}")
        for reason, count in summary.get("top_record_error_reasons", []):
            table.add_row("", f"{count:,} × {reason}")
    session = summary.get("session") or {}
    resumed = f", resumed after {session['resumed_at']:,} articles" if session.get("resumed_at") else ""
    table.add_row("time", f"{summary['seconds']:.1f} s ({summary['articles_per_second'] or 0:.1f} articles/s{resumed})")
    for name, count in summary["extracted"].items():
        table.add_row(name, f"{count:,}")
    for name, count in (summary.get("run_tables") or {}).items():
        table.add_row(name, f"{count:,} (across the run)")
    table.add_row("files", ", ".join(summary["files"]))
    return table
