"""policytext: structured data from Vietnamese policy-announcement news.

    >>> import policytext
    >>> record = policytext.analyze(text, title="…", published="2021-08-30T20:01:00+07:00")
    >>> record.to_dict()["officials"]

Public API: ``analyze`` (one text -> Record), ``explain`` (the same with the rule behind every item),
``read`` (a file or folder -> Articles), ``run`` (inputs -> records on disk), ``load`` (a run folder -> Records),
``load_tables`` (a run folder -> typed pandas DataFrames, one per table; see policytext.frames).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

__version__ = "0.1.0"

from .model import Article, Record, Source  # noqa: E402
from .pipeline import Options, analyze, run  # noqa: E402

if TYPE_CHECKING:
    from pathlib import Path


def read(path: "str | Path", **kwargs: Any) -> Iterator[Article]:
    """Stream the articles of a file or folder (errors are logged and skipped); FileNotFoundError at
    once for a path that does not exist."""
    from .io.readers import read as _read

    return _read(path, **kwargs)


def explain(text: str, **kwargs: Any):
    """Analyse ``text`` and say which rule made each item and which vetoes fired (see policytext.explain)."""
    from .explanation import explain as _explain

    return _explain(text, **kwargs)


def load(run_dir: "str | Path") -> Iterator[Record]:
    """Stream the records of a run folder in input order: its committed parts (``records/part-*.jsonl``;
    of an unfinished run too), or the ``records.jsonl`` of a run from an older policytext.

    Raises FileNotFoundError at once when the folder holds no records.
    """
    from pathlib import Path

    from .runs.layout import record_files, table_files

    files = record_files(Path(run_dir))
    if not files:
        if _tables_only(Path(run_dir)):
            raise FileNotFoundError(f"{run_dir}: this run wrote tables only (--format parquet), no records: "
                                    f"read its tables, e.g. pandas.read_parquet('{run_dir}/articles')")
        raise FileNotFoundError(f"{run_dir}: no records (is this a policytext run folder?)")
    return _records(files, table_files(Path(run_dir), "officials"))


def load_tables(run_dir: "str | Path", names: Any = None, columns: Any = None):
    """Every table of a run folder as a pandas DataFrame with proper dtypes: ``{name: DataFrame}`` (``published``
    a Vietnam-time timestamp, ``published_iso`` the string, ``month``; nullable integers; lists as lists);
    ``.missing`` names the tables the run does not have. See ``policytext.frames`` for the join keys."""
    from .frames import load_tables as _load_tables

    return _load_tables(run_dir, names, columns)


def _tables_only(run_dir: "Path") -> bool:
    import json

    try:
        return json.loads((run_dir / "run.json").read_text(encoding="utf-8")).get("records") is False
    except (OSError, ValueError):
        return False


def _records(files: "list[Path]", officials: "list[Path]") -> Iterator[Record]:
    """Records with each official's ``person_id`` from the officials table of the same part (a finished
    run writes it there, not into the records files)."""
    from .io.writers import iter_jsonl
    from .runs.layout import person_ids

    for number, path in enumerate(files):
        ids = person_ids(officials[number]) if len(officials) == len(files) else {}
        for data in iter_jsonl(path):
            record = Record.from_dict(data)
            for index, official in enumerate(record.officials):
                official.person_id = official.person_id or ids.get((record.id, index))
            yield record


__all__ = ["Article", "Options", "Record", "Source", "analyze", "explain", "load", "load_tables", "read", "run",
           "__version__"]
