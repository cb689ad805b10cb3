"""Shared test fixtures. Tests that read ../shared skip with a clear message when it is absent."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# the start-up cache of the processes the tests start lives in a folder of the session, not in the
# user's ~/.cache (tests/test_startcache.py checks the cache itself in folders of its own)
_CACHE = tempfile.TemporaryDirectory(prefix="policytext-test-cache-")
os.environ.setdefault("POLICYTEXT_CACHE_DIR", _CACHE.name)


@pytest.fixture
def shared_data() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared reference data not found at {SHARED}")
    return SHARED


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def raw_run(tmp_path_factory) -> Path:
    """data/raw analysed once per test session (what `make run` makes); tests must not change it: copy it
    (shutil.copytree) to add or alter tables."""
    import policytext

    out = tmp_path_factory.mktemp("raw-run") / "run"
    summary = policytext.run([ROOT / "data" / "raw"], out, options=policytext.Options(tokens=False))
    assert summary["records"] > 0 and summary["errors"] == 0
    return out


@pytest.fixture(scope="session")
def future_run(raw_run) -> Path:
    """A run with the run-level tables (persons, documents, places, officials.person_id): every run writes
    them now, so this is ``raw_run`` itself (the name is kept for the tests written before they landed)."""
    return raw_run


@pytest.fixture(scope="session")
def bare_run(raw_run, tmp_path_factory) -> Path:
    """A copy of ``raw_run`` shaped like a run of an older policytext: no places, persons or documents."""
    import json
    import shutil

    out = tmp_path_factory.mktemp("bare-run") / "run"
    shutil.copytree(raw_run, out)
    for folder in ("places", "persons", "documents"):
        shutil.rmtree(out / folder, ignore_errors=True)
    for manifest in (out / "manifest").glob("part-*.json"):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["files"].pop("places", None)
        manifest.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out
