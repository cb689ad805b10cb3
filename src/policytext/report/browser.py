"""Open a report in headless Chromium (Debian's ``chromium`` package): the page as the browser left it
after its scripts ran, or a screenshot. Used by the tests (charts must draw) and ``make screenshot``.

    python -m policytext.report.browser screenshot report.html docs/report.png [--width 1200 --height 1000]

Every start gets a fresh profile folder and no network: background services off, and every host name
resolving to nothing, so a page that needed the network would show it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--disable-extensions", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND")


class BrowserError(RuntimeError):
    pass


def find_chromium() -> str | None:
    """The Chromium to use: ``$POLICYTEXT_CHROMIUM``, else the first of ``NAMES`` on the PATH."""
    chosen = os.environ.get("POLICYTEXT_CHROMIUM")
    if chosen:
        return chosen if shutil.which(chosen) else None
    return next((path for path in map(shutil.which, NAMES) if path), None)


def _run(page: Path, args: list[str], budget_ms: int, timeout: float) -> subprocess.CompletedProcess:
    binary = find_chromium()
    if binary is None:
        raise BrowserError("no Chromium found (Debian: apt-get install chromium; or set POLICYTEXT_CHROMIUM)")
    with tempfile.TemporaryDirectory(prefix="policytext-chromium-") as profile:
        command = [binary, *FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}", *args,
                   Path(page).resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise BrowserError(f"{binary} did not finish with {page} within {timeout:.0f} s") from None
    if done.returncode != 0:
        raise BrowserError(f"{binary} exited with {done.returncode}: "
                           f"{done.stderr.decode(errors='replace')[-2000:]}")
    return done


def rendered_dom(page: str | Path, budget_ms: int = 20000, timeout: float = 120) -> str:
    """The page's DOM after its scripts ran (``--dump-dom``)."""
    return _run(Path(page), ["--dump-dom"], budget_ms, timeout).stdout.decode("utf-8", errors="replace")


def screenshot(page: str | Path, png: str | Path, width: int = 1200, height: int = 1000,
               budget_ms: int = 20000, timeout: float = 120) -> Path:
    """A PNG of the top ``width`` x ``height`` pixels of the page, after its scripts ran."""
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    _run(Path(page), [f"--screenshot={png}", f"--window-size={width},{height}"], budget_ms, timeout)
    if not png.is_file():
        raise BrowserError(f"Chromium wrote no screenshot at {png}")
    return png


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m policytext.report.browser", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    shot = commands.add_parser("screenshot", help="a PNG of the top of a page")
    shot.add_argument("page")
    shot.add_argument("png")
    shot.add_argument("--width", type=int, default=1200)
    shot.add_argument("--height", type=int, default=1000)
    dom = commands.add_parser("dom", help="print the page's DOM after its scripts ran")
    dom.add_argument("page")
    args = parser.parse_args(argv)
    try:
        if args.command == "screenshot":
            path = screenshot(args.page, args.png, args.width, args.height)
            print(f"{path}: {path.stat().st_size / 1024:.0f} KB")
        else:
            print(rendered_dom(args.page))
    except BrowserError as exc:
        raise SystemExit(f"policytext: {exc}") from None


if __name__ == "__main__":
    main()
