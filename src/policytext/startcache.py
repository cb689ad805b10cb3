"""Start-up work kept on disk between processes, as Python keeps compiled modules in ``__pycache__``.

Two things cost most of ``policytext analyze``'s start on one article and give the same result in every
process: compiling the rules' ~600 regular expressions (Python parses a pattern in pure Python, ~0.2 s
for all of them) and parsing the YAML knowledge files (~0.08 s). Both are kept here, keyed by what they
are built from, so a changed pattern or file is simply a new key:

- a regular expression by its text and flags; what is stored is the compiled program the ``re`` module
  would hand to its C engine (``_sre.compile``), checked on first use against ``re.compile`` (a Python
  whose ``re`` internals differ just compiles as usual);
- a knowledge file's data by a hash of its text.

The files live in ``$POLICYTEXT_CACHE_DIR``, else ``$XDG_CACHE_HOME/policytext`` or ``~/.cache/policytext``,
one per Python version (marshal's format and the regex program are version-specific), and are written
when a process that compiled something new exits. ``POLICYTEXT_CACHE_DIR=off`` turns the cache off. A
missing, unreadable or unwritable cache only costs the time it would have saved: every failure falls back
to building the value.
"""

from __future__ import annotations

import atexit
import datetime as _dt
import hashlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

ENVIRONMENT = "POLICYTEXT_CACHE_DIR"
_MAX_ENTRIES = 5000  # beyond this, a save keeps only what this process used (analysts' taxonomies vary)


def cache_directory() -> Path | None:
    """Where the start-up cache lives, or None when it is turned off."""
    configured = os.environ.get(ENVIRONMENT)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "policytext"


class _Store:
    """One marshal file of key -> value, read on first use and written back at exit when it grew."""

    def __init__(self, stem: str) -> None:
        self.stem = stem
        self._entries: dict | None = None
        self._used: set = set()
        self._dirty = False

    def _path(self) -> Path | None:
        directory = cache_directory()
        if directory is None:
            return None
        version = f"{sys.implementation.cache_tag}-{marshal.version}"
        return directory / f"{self.stem}-{version}.marshal"

    def _load(self) -> dict:
        if self._entries is None:
            self._entries = {}
            path = self._path()
            if path is not None:
                try:
                    loaded = marshal.loads(path.read_bytes())
                    if isinstance(loaded, dict):
                        self._entries = loaded
                except (OSError, ValueError, EOFError, TypeError):
                    pass  # absent or damaged: rebuilt and rewritten
        return self._entries

    def get(self, key: Any) -> Any:
        value = self._load().get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key: Any, value: Any) -> None:
        """Keep ``value`` (data marshal stores: the callers make sure) under ``key``."""
        entries = self._load()
        entries[key] = value
        self._used.add(key)
        if not self._dirty:
            self._dirty = True
            atexit.register(self.save)

    def save(self) -> None:
        """Write the entries (atomically: concurrent processes each leave a whole file)."""
        path = self._path()
        if path is None or not self._dirty or self._entries is None:
            return
        entries = self._entries
        if len(entries) > _MAX_ENTRIES:
            entries = {key: value for key, value in entries.items() if key in self._used}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{self.stem}-")
        except OSError:
            return  # a read-only home, a full disk: the next process builds again
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(marshal.dumps(entries))
            os.replace(temporary, path)
            self._dirty = False
        except (OSError, ValueError):
            try:
                os.unlink(temporary)
            except OSError:
                pass


_REGEXES = _Store("regex")  # compiled regular expressions
_DATA = _Store("data")  # parsed knowledge files, model data


def save_all() -> None:
    """Write what this process added to the cache now (as exit would; for callers that end the process
    with ``os._exit``)."""
    for store in (_REGEXES, _DATA):
        store.save()


# --- regular expressions ------------------------------------------------------------------------


def _program(pattern: str, flags: int) -> tuple | None:
    """The arguments ``re`` gives ``_sre.compile`` for this pattern (as ``re._compiler.compile`` builds
    them), or None when this Python's internals are not the ones known."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # opcodes are int subclasses, which marshal does not store: plain ints, the same program
        return (int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1, groupindex,
                tuple(indexgroup))
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - any other failure means unknown internals: compile as usual
        return None


def _from_program(pattern: str, program: tuple) -> re.Pattern[str]:
    import _sre

    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def _check_internals() -> bool:
    """True when a program built here compiles to exactly what ``re.compile`` gives (patterns compare
    equal when their flags, text and program are equal)."""
    probe = r"(?P<day>\d{1,2})/(?P<month>\d{1,2})(?:/(\d{4}))?\b|[Nn]gày\s+(?!mai)\w+"
    try:
        program = _program(probe, re.IGNORECASE)
        return program is not None and _from_program(probe, program) == re.compile(probe, re.IGNORECASE)
    except Exception:  # noqa: BLE001
        return False


_internals_known: bool | None = None
_compiled: dict[tuple[str, int], re.Pattern[str]] = {}  # this process's patterns, as re keeps its own


def compile_regex(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when this pattern was compiled before."""
    flags = int(flags)
    key = (pattern, flags)
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compile(pattern, flags)
        if len(_compiled) < 4096:
            _compiled[key] = compiled
    return compiled


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    global _internals_known
    if not isinstance(pattern, str) or cache_directory() is None:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    program = _REGEXES.get(key)
    if program is not None:
        try:
            return _from_program(pattern, program)
        except Exception:  # noqa: BLE001 - a damaged entry: compile and store again
            pass
    if _internals_known is None:
        _internals_known = _check_internals()
    if not _internals_known:
        return re.compile(pattern, flags)
    program = _program(pattern, flags)
    if program is None:
        return re.compile(pattern, flags)
    _REGEXES.put(key, program)
    return _from_program(pattern, program)


# --- parsed data files and models ---------------------------------------------------------------


def text_key(kind: str, text: str | bytes) -> str:
    """A cache key for something built from ``text``: the kind and a hash of the text."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return kind + ":" + hashlib.blake2b(data, digest_size=16).hexdigest()


def file_key(kind: str, path: str | os.PathLike[str]) -> str | None:
    """A cache key for something built from a file, as ``__pycache__`` keys modules: the path, size and
    modification time (None when the file cannot be read)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return f"{kind}:{os.path.abspath(path)}:{stat.st_size}:{stat.st_mtime_ns}"


def cached(key: str | None, build: Callable[[], Any], *, encode: Callable[[Any], Any] | None = None,
           decode: Callable[[Any], Any] | None = None) -> Any:
    """``build()``, from the cache when the same key was built before.

    What is stored is ``encode(value)`` (the value itself by default), which must be data marshal
    keeps (dicts, lists, tuples, sets, strings, numbers, booleans, None); ``decode`` turns it back. A
    value that is not such data is built every time."""
    if key is None or cache_directory() is None:
        return build()
    stored = _DATA.get(key)
    if stored is not None:
        try:  # stored as bytes, so that every caller gets its own copy to change
            data = marshal.loads(stored)
            return decode(data) if decode is not None else data
        except Exception:  # noqa: BLE001 - a damaged entry: built and stored again
            pass
    value = build()
    try:
        _DATA.put(key, marshal.dumps(encode(value) if encode is not None else value))
    except ValueError:
        pass  # not plain data: built every time
    return value


def _map_leaves(value: Any, leaf: Callable[[Any], Any]) -> Any:
    """``value`` with ``leaf`` applied to everything that is no dict or list."""
    if isinstance(value, dict):
        return {key: _map_leaves(item, leaf) for key, item in value.items()}
    if isinstance(value, list):
        return [_map_leaves(item, leaf) for item in value]
    return leaf(value)


def _date_to_tuple(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return ("datetime", value.isoformat())
    if isinstance(value, _dt.date):
        return ("date", value.isoformat())
    return value


def _tuple_to_date(value: Any) -> Any:
    if isinstance(value, tuple):
        kind, text = value
        return _dt.datetime.fromisoformat(text) if kind == "datetime" else _dt.date.fromisoformat(text)
    return value


def encode_dates(value: Any) -> Any:
    """YAML data with its dates as ("date", ISO) tuples (YAML makes lists and dicts, never tuples)."""
    return _map_leaves(value, _date_to_tuple)


def decode_dates(value: Any) -> Any:
    return _map_leaves(value, _tuple_to_date)
