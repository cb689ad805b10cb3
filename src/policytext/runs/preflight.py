"""Checks made before a run does any work: each failure is a mistake that would make the whole run
useless, reported at once with the reason (``RunConfigError``, exit code 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..io.writers import temporary_name
from .errors import RunConfigError
from .layout import RUN_FILE, RunState, read_json


def check_request(inputs: list[str], out_dir: Path, *, jobs: int, part_size: int, limit: int | None,
                  resume: bool, overwrite: bool) -> None:
    if resume and overwrite:
        raise RunConfigError("--resume and --overwrite contradict each other: --resume continues the run in "
                             f"{out_dir}, --overwrite deletes it and starts afresh")
    if not inputs:
        raise RunConfigError("no inputs given")
    for name, value, least in (("jobs", jobs, 1), ("part size", part_size, 1), ("limit", limit, 1)):
        if value is not None and value < least:
            raise RunConfigError(f"{name} must be at least {least}, not {value}")
    missing = [path for path in inputs if not _exists(path)]
    if missing:
        raise RunConfigError(f"no such file or folder: {', '.join(missing)}")
    target = _resolved(out_dir)
    for path in inputs:
        folder = _resolved(Path(path))
        if Path(path).is_dir() and (target == folder or folder in target.parents):
            raise RunConfigError(f"the output folder {out_dir} is inside the input folder {path}: the run would "
                                 "read its own outputs as articles; choose an output folder elsewhere")


def _exists(path: str) -> bool:
    try:
        return Path(path).exists()
    except OSError:
        return False


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def open_output(out_dir: Path) -> None:
    """Create the output folder and prove it takes files, or say why not."""
    if out_dir.exists() and not out_dir.is_dir():
        raise RunConfigError(f"the output {out_dir} is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = temporary_name(out_dir / "write-probe")
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise RunConfigError(f"cannot write into the output folder {out_dir}: {exc.strerror or exc}") from None


def check_existing(out_dir: Path, state: RunState, expected: dict[str, Any], *, resume: bool) -> None:
    """Refuse to write over a run unless asked to go on with it (and it is the same run)."""
    if state.kind == "none":
        return
    if state.kind == "legacy":
        raise RunConfigError(f"{out_dir} holds {state.describe()}; it cannot be resumed: add --overwrite to "
                             "replace it, or choose another output folder")
    if not resume:
        raise RunConfigError(f"{out_dir} already holds {state.describe()}: add --resume to continue it or "
                             "--overwrite to start afresh")
    try:
        found = read_json(out_dir / RUN_FILE)
    except FileNotFoundError:
        raise RunConfigError(f"{out_dir} holds parts but no {RUN_FILE}: it cannot be resumed; add --overwrite "
                             "to start afresh") from None
    except (OSError, ValueError) as exc:
        raise RunConfigError(f"{out_dir / RUN_FILE} is unreadable ({exc}): add --overwrite to start afresh") from None
    changed = sorted(key for key in set(found) | set(expected) if found.get(key) != expected.get(key))
    if changed:
        details = "; ".join(f"{key}: was {found.get(key)!r}, now {expected.get(key)!r}" for key in changed)
        raise RunConfigError(f"cannot resume the run in {out_dir} with different settings ({details}): run the "
                             "same command with --resume, or add --overwrite to start afresh")

