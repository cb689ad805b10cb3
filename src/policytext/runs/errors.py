"""What stops a run, by kind: the CLI maps each to its exit code (README, "Exit codes")."""

from __future__ import annotations

import signal


class RunError(Exception):
    """A run could not start or could not go on; the message says why, naming file and position."""


class RunConfigError(RunError):
    """A mistake that would make the whole run useless (bad option, missing input, unwritable
    output, an existing run in the way, a text field that matches nothing): found before any work
    where possible. Exit code 2."""


class RunFailed(RunError):
    """The run started but cannot go on (the disk is full, an input changed under a resume).
    What was committed before stays safe. Exit code 1."""

    def __init__(self, message: str, *, safe_articles: int = 0, parts: int = 0):
        super().__init__(message)
        self.safe_articles = safe_articles
        self.parts = parts


class RunStopped(KeyboardInterrupt):
    """SIGINT, SIGTERM or SIGHUP stopped the run; every committed part is safe.

    A KeyboardInterrupt so that ``except Exception`` blocks do not swallow it.
    """

    def __init__(self, signum: int, *, safe_articles: int = 0, parts: int = 0):
        super().__init__(signum)
        self.signum = signum
        self.safe_articles = safe_articles
        self.parts = parts

    @property
    def signal_name(self) -> str:
        try:
            return signal.Signals(self.signum).name
        except ValueError:
            return f"signal {self.signum}"

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 SIGINT, 143 SIGTERM, 129 SIGHUP
