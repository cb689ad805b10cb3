"""Shared test fixtures. Tests that read ../shared skip with a clear message when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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


# what other branches add to runs (issue 9: persons, places, officials.person_id; issue 10: documents),
# with the schemas of their table modules, made up here from the run's own tables
_POSITION = [("title_norm", "string"), ("organization", "string"), ("organization_canonical", "string"),
             ("former", "bool_"), ("first_seen", "string"), ("last_seen", "string"), ("articles", "int64")]
PLACE_NAMES = {"Đà Nẵng": "city", "Quảng Ninh": "province", "Bình Định": "province", "Cần Thơ": "city",
               "Hà Nội": "city", "Quảng Nam": "province"}


@pytest.fixture(scope="session")
def future_run(raw_run, tmp_path_factory) -> Path:
    """A copy of ``raw_run`` with the run-level tables newer runs write: ``persons.parquet`` (run root),
    ``places/part-00000.parquet`` (a folder the manifests do not list), ``documents.parquet``, and
    ``officials.person_id`` (officials of one name are one person)."""
    import hashlib
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path_factory.mktemp("future-run") / "run"
    shutil.copytree(raw_run, out)
    officials_file = out / "officials" / "part-00000.parquet"
    officials = pq.read_table(officials_file).to_pylist()

    def person(row: dict) -> str:
        return "p-" + hashlib.sha1(row["name"].encode()).hexdigest()[:10]

    for row in officials:
        row["person_id"] = person(row)
    schema = pq.read_schema(officials_file).append(pa.field("person_id", pa.string()))
    pq.write_table(pa.Table.from_pylist(officials, schema=schema), officials_file)
    position = pa.struct([(name, getattr(pa, kind)()) for name, kind in _POSITION])
    persons: dict[str, dict] = {}
    for row in officials:
        entry = persons.setdefault(row["person_id"], {
            "person_id": row["person_id"], "name": row["name"], "names": [row["name"]], "articles": 0,
            "first_published": None, "last_published": None, "positions": [], "_articles": set()})
        entry["_articles"].add(row["article_id"])
        entry["positions"].append({"title_norm": row["title"], "organization": row["organization"],
                                   "organization_canonical": None, "former": row["former"],
                                   "first_seen": row["published"][:10], "last_seen": row["published"][:10],
                                   "articles": 1})
    for entry in persons.values():
        entry["articles"] = len(entry.pop("_articles"))
    persons_schema = pa.schema([("person_id", pa.string()), ("name", pa.string()), ("names", pa.list_(pa.string())),
                                ("articles", pa.int64()), ("first_published", pa.string()),
                                ("last_published", pa.string()), ("positions", pa.list_(position))])
    pq.write_table(pa.Table.from_pylist(list(persons.values()), schema=persons_schema), out / "persons.parquet")

    articles = pq.read_table(out / "articles" / "part-00000.parquet").to_pylist()
    places = []
    for article in articles:
        for name, kind in PLACE_NAMES.items():
            start = article["text"].find(name)
            if start >= 0:
                places.append({"article_id": article["id"], "published": article["published"], "name": name,
                               "canonical": name, "kind": kind, "province": name, "start": start,
                               "end": start + len(name)})
    places_schema = pa.schema([("article_id", pa.string()), ("published", pa.string()), ("name", pa.string()),
                               ("canonical", pa.string()), ("kind", pa.string()), ("province", pa.string()),
                               ("start", pa.int64()), ("end", pa.int64())])
    (out / "places").mkdir()
    pq.write_table(pa.Table.from_pylist(places, schema=places_schema), out / "places" / "part-00000.parquet")

    refs = pq.read_table(out / "legal_refs" / "part-00000.parquet").to_pylist()
    documents: dict[str, dict] = {}
    for ref in refs:
        if not ref["code"]:
            continue
        key = f"{ref['doc_type']}|{ref['code']}"
        doc = documents.setdefault(key, {"doc_key": key, "doc_type": ref["doc_type"], "code": ref["code"],
                                         "name": None, "issuer": ref["issuer"], "year": ref["year"],
                                         "n_articles": 0, "article_ids": [], "n_mentions": 0,
                                         "first_published": None, "last_published": None})
        doc["n_mentions"] += 1
        if ref["article_id"] not in doc["article_ids"]:
            doc["article_ids"].append(ref["article_id"])
            doc["n_articles"] += 1
    documents_schema = pa.schema([
        ("doc_key", pa.string()), ("doc_type", pa.string()), ("code", pa.string()), ("name", pa.string()),
        ("issuer", pa.string()), ("year", pa.int64()), ("n_articles", pa.int64()),
        ("article_ids", pa.list_(pa.string())), ("n_mentions", pa.int64()), ("first_published", pa.string()),
        ("last_published", pa.string())])
    pq.write_table(pa.Table.from_pylist(list(documents.values()), schema=documents_schema),
                   out / "documents.parquet")
    return out
