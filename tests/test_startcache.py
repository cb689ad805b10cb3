"""The start-up cache (policytext.startcache): what comes out of it is what it saves time building."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from policytext import startcache
from policytext.match.patterns import alternation

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "moit-2021-08-30-thi-dua.txt"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh, empty cache for this test; the module's stores start unread."""
    monkeypatch.setenv(startcache.ENVIRONMENT, str(tmp_path))
    monkeypatch.setattr(startcache, "_REGEXES", startcache._Store("regex"))
    monkeypatch.setattr(startcache, "_DATA", startcache._Store("data"))
    monkeypatch.setattr(startcache, "_compiled", {})
    return tmp_path


def _next_process(monkeypatch) -> None:
    """What a later process sees: the stores written, then read again from disk."""
    startcache.save_all()
    monkeypatch.setattr(startcache, "_REGEXES", startcache._Store("regex"))
    monkeypatch.setattr(startcache, "_DATA", startcache._Store("data"))
    monkeypatch.setattr(startcache, "_compiled", {})


PATTERNS = [
    (r"(?P<day>\d{1,2})/(?P<month>\d{1,2})(?:/(?P<year>\d{4}))?", 0),
    (r"(?<!\w)(?:Thủ tướng|Phó Thủ tướng)\s+(?=[A-ZĐ])", re.IGNORECASE),
    (r"^\s*(?:Thứ (?:nhất|hai|ba)|\d+\.)\s", re.MULTILINE),
    ("(?:" + alternation(["Bộ Tài chính", "Bộ Công Thương", "Sở Y tế", "UBND"], flexible_space=True) + r")\b", 0),
    (r"(a)|(?P<b>b)\1?(?(1)x|y)", re.VERBOSE | re.DOTALL),
]


def test_a_cached_regex_is_the_pattern_re_compiles(cache_dir, monkeypatch):
    first = [startcache.compile_regex(p, f) for p, f in PATTERNS]
    assert not any(cache_dir.iterdir())  # written at exit (or by save_all), not on every compile
    _next_process(monkeypatch)
    assert len(startcache._REGEXES._load()) == len(PATTERNS)  # every one was stored
    for (pattern, flags), before in zip(PATTERNS, first):
        again = startcache.compile_regex(pattern, flags)
        # patterns compare equal when their text, flags and compiled program are equal
        assert again == re.compile(pattern, flags) == before
        assert again.groupindex == re.compile(pattern, flags).groupindex
    text = "Ngày 30/8/2021, Thủ tướng Phạm Minh Chính làm việc với Bộ  Tài chính"
    assert startcache.compile_regex(*PATTERNS[0]).search(text).groupdict() == {"day": "30", "month": "8", "year": "2021"}


def test_every_pattern_of_an_analysis_comes_back_equal(cache_dir, monkeypatch):
    import policytext

    policytext.analyze(SEED.read_text(encoding="utf-8"))  # compiles what is not compiled yet in this process
    stored = {key: program for key, program in startcache._REGEXES._load().items()}
    for (pattern, flags), program in stored.items():
        assert startcache._from_program(pattern, program) == re.compile(pattern, flags), pattern[:80]


def test_a_bad_pattern_raises_re_error_and_is_not_stored(cache_dir):
    with pytest.raises(re.error):
        startcache.compile_regex(r"(unclosed")
    assert not startcache._REGEXES._load()


def test_a_damaged_cache_file_is_rebuilt(cache_dir, monkeypatch):
    startcache.compile_regex(*PATTERNS[0])
    startcache.cached("thing:1", lambda: {"a": [1, 2]})
    startcache.save_all()
    for path in cache_dir.iterdir():
        path.write_bytes(b"\x00not marshal")
    _next_process(monkeypatch)
    assert startcache.compile_regex(*PATTERNS[0]) == re.compile(*PATTERNS[0])
    assert startcache.cached("thing:1", lambda: {"a": [1, 2]}) == {"a": [1, 2]}


def test_off_and_unwritable(tmp_path, monkeypatch):
    monkeypatch.setenv(startcache.ENVIRONMENT, "off")
    assert startcache.cache_directory() is None
    assert startcache.compile_regex(*PATTERNS[1]) == re.compile(*PATTERNS[1])
    assert startcache.cached("k", lambda: 3) == 3
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    monkeypatch.setenv(startcache.ENVIRONMENT, str(blocked / "cache"))
    monkeypatch.setattr(startcache, "_DATA", startcache._Store("data"))
    assert startcache.cached("k", lambda: 4) == 4
    startcache.save_all()  # cannot write: no error, the next process builds again


def test_cached_data_keeps_dates_and_gives_each_caller_its_own_copy(cache_dir, monkeypatch):
    from policytext.resources import _decode, _encode

    data = {"provinces": [{"name": "Hà Nội", "valid_from": dt.date(2025, 7, 1)}], "n": 3}
    built = startcache.cached("yaml:x", lambda: data, encode=_encode, decode=_decode)
    assert built is data
    _next_process(monkeypatch)
    first = startcache.cached("yaml:x", lambda: pytest.fail("built again"), encode=_encode, decode=_decode)
    assert first == data and isinstance(first["provinces"][0]["valid_from"], dt.date)
    first["provinces"].clear()
    second = startcache.cached("yaml:x", lambda: pytest.fail("built again"), encode=_encode, decode=_decode)
    assert second == data


def test_the_taxonomy_from_the_cache_is_the_parsed_one(cache_dir, monkeypatch):
    from importlib import resources

    from policytext.themes.taxonomy import TaxonomyError, parse_taxonomy

    text = resources.files("policytext.resources").joinpath("themes.yaml").read_text(encoding="utf-8")
    parsed = parse_taxonomy(text, "themes.yaml")
    _next_process(monkeypatch)
    assert parse_taxonomy(text, "themes.yaml") == parsed
    duplicated = "themes:\n  - id: x\n    lexicon:\n      a: 1\n      a: 2\n"
    for _ in range(2):  # parsed, then from the cache: the duplicate term is still found, with its line
        with pytest.raises(TaxonomyError, match="line 5: theme 'x': lexicon term 'a' is listed twice"):
            parse_taxonomy(duplicated, "mine.yaml")
        _next_process(monkeypatch)


def test_the_theme_model_from_the_cache_is_the_file(cache_dir, monkeypatch):
    from policytext.themes import model as theme_model

    path = theme_model.shipped_model_path()
    if not path.is_file():
        pytest.skip("no shipped theme model")
    monkeypatch.setattr(theme_model, "shipped_model", theme_model.shipped_model.__wrapped__)
    theme_model.shipped_model()
    _next_process(monkeypatch)
    cached = theme_model.shipped_model()
    loaded = theme_model.ThemeModel.load(path)
    for name in ("theme_ids", "vocabulary", "statistics", "mask_names", "info"):
        assert getattr(cached, name) == getattr(loaded, name)
    for name in theme_model._ARRAYS:
        assert getattr(cached, name).dtype == getattr(loaded, name).dtype
        assert np.array_equal(getattr(cached, name), getattr(loaded, name))
    for name in theme_model._LOOKUP_ARRAYS:
        assert np.array_equal(getattr(cached.lookup, name), getattr(loaded.lookup, name))
    assert dict(cached.lookup.syllables) == dict(loaded.lookup.syllables)


def test_alternations_are_the_same_text_in_every_process():
    """A pattern built from a set must not depend on string hashing, or no process finds another's."""
    code = ("from policytext.match.patterns import alternation;"
            "print(alternation({'Bộ Tài chính', 'Bộ Nội vụ', 'Sở Y tế', 'UBND', 'HĐND', 'Bộ Công an'}))")
    outputs = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
                              capture_output=True, text=True, check=True).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1


def test_analyze_prints_the_same_record_with_and_without_the_cache(tmp_path):
    """The whole command: no cache, an empty cache (filled as it runs), then the filled cache."""
    outputs = []
    for directory in ("off", str(tmp_path), str(tmp_path)):
        env = {**os.environ, startcache.ENVIRONMENT: directory}
        done = subprocess.run([sys.executable, "-m", "policytext", "analyze", str(SEED)], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1] == outputs[2]
    assert sorted(p.name.split("-")[0] for p in tmp_path.iterdir()) == ["data", "regex"]
