"""Ending a one-article command without the interpreter's teardown.

Freeing every object at exit (the lexicons, the models, numpy) takes ~75 ms, a sixth of ``policytext
analyze`` on one article. A command that starts no thread or process and leaves no file open (``analyze``,
``explain``) asks for a quick exit once its output is printed; ``cli.main`` then writes the start-up cache
and the standard streams and ends the process with ``os._exit``, as mypy ends its runs. Other commands
exit as usual.
"""

from __future__ import annotations

import logging
import os
import sys

from .startcache import save_all

asked = False


def reset() -> None:
    global asked
    asked = False


def ask() -> None:
    """Called by a command with nothing left to close, after its output."""
    global asked
    asked = True


def exit_now(code: object) -> None:
    """Exit as ``sys.exit(code)`` would, after the start-up cache and the standard streams are written."""
    save_all()
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code or 0)
