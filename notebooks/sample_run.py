"""The run the numbered notebooks explore: data/raw, plus an evenly spread sample of the modern news in
../shared/data/modern when that folder is there (its texts stay outside the repository: the sample is
written to a temporary file, the run to out/notebooks/, which git ignores).

Environment:
    POLICYTEXT_RUN      a finished run to explore instead (any `policytext run -o DIR`); a folder without
                        a run is where the notebook's own run goes
    POLICYTEXT_SAMPLE   how many modern articles to add (default 300; 0 for data/raw alone)
"""

from __future__ import annotations

import gzip
import os
import tempfile
from pathlib import Path

import policytext

ROOT = Path(__file__).resolve().parents[1]
MODERN = ROOT.parent / "shared" / "data" / "modern"


def write_sample(out_file: Path, size: int) -> int:
    """Every k-th line of each modern dump, ``size`` lines in all shared out by the dumps' sizes."""
    dumps = sorted(MODERN.glob("*.jsonl.gz"))
    counts = {}
    for dump in dumps:
        with gzip.open(dump, "rt", encoding="utf-8") as handle:
            counts[dump] = sum(1 for _ in handle)
    total = sum(counts.values()) or 1
    written = 0
    with open(out_file, "w", encoding="utf-8") as out:
        for dump in dumps:
            want = max(1, round(size * counts[dump] / total))
            step = max(1, counts[dump] // want)
            with gzip.open(dump, "rt", encoding="utf-8") as handle:
                for number, line in enumerate(handle):
                    if number % step == 0 and number // step < want:
                        out.write(line)
                        written += 1
    return written


def prepare_run(name: str) -> tuple[Path, dict]:
    """The run folder to explore and its summary: POLICYTEXT_RUN when it holds a finished run, else a
    fresh run of data/raw and the modern sample into POLICYTEXT_RUN or out/notebooks/<name>."""
    chosen = os.environ.get("POLICYTEXT_RUN")
    run_dir = Path(chosen) if chosen else ROOT / "out" / "notebooks" / name
    if chosen and (run_dir / "summary.json").is_file():
        import json

        return run_dir, json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    size = int(os.environ.get("POLICYTEXT_SAMPLE", "300"))
    inputs: list[Path] = [ROOT / "data" / "raw"]
    with tempfile.TemporaryDirectory(prefix="policytext-sample-") as tmp:
        if size > 0 and MODERN.is_dir():
            sample = Path(tmp) / "modern-sample.jsonl"
            print(f"{write_sample(sample, size):,} articles sampled from {MODERN}")
            inputs.append(sample)
        else:
            print(f"data/raw alone ({MODERN} not found)" if size > 0 else "data/raw alone")
        summary = policytext.run(inputs, run_dir, overwrite=True, options=policytext.Options(tokens=False))
    return run_dir, summary
