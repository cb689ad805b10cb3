"""Near-duplicate articles across a run: MinHash signatures and an LSH index (datasketch).

Dumps hold syndicated copies: one agency story printed by several outlets, with a changed lead or a
photo caption more or less. With ``--near-duplicates`` each article gets a MinHash signature of its
5-syllable shingles (of the normalised, lower-cased text: tone-mark style and look-alike letters do
not hide a copy), and an article whose estimated Jaccard similarity with an earlier one reaches the
threshold (``--duplicate-threshold``, 0.8 by default) is a near-duplicate: its record carries
``duplicate_of``, the id of the first such article seen. Only articles that are no copy are indexed,
so ``duplicate_of`` always names an original, never a copy of one.

The decision is made in input order, before the article is analysed, by whoever reads the input (the
run's main process, or a Dask run's client): so it is the same for any ``-j``, for either engine, and
after ``--resume``, which rebuilds the index from the committed parts' ``minhash/`` files (each row an
article's signature and its ``duplicate_of``). Candidates from the index are checked against the
signatures' estimated similarity, so a chance collision of LSH bands marks nothing.

Memory grows with the run when the option is on: the index keeps every original's band hashes and
signature (see benchmarks/README.md for the bytes per article); it is off by default.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

DEFAULT_THRESHOLD = 0.8
NUM_PERM = 128  # signature length: the similarity estimate's standard error is about 0.04 at 0.8
SHINGLE = 5  # syllables per shingle: shorter ones make unrelated articles look alike through set phrases
SCHEME = "affine32"  # datasketch's hashing scheme, named so that a later default cannot change signatures
_SYLLABLE = re.compile(r"\w+")


def signatures_schema(num_perm: int = NUM_PERM) -> pa.Schema:
    return pa.schema([
        pa.field("article_id", pa.string()),
        pa.field("duplicate_of", pa.string()),
        pa.field("signature", pa.list_(pa.uint32(), num_perm)),
    ])


@dataclass(frozen=True)
class Duplicate:
    """An article's near-duplicate check: its signature and the original it copies (or None)."""

    article_id: str
    signature: np.ndarray
    duplicate_of: str | None


@dataclass(frozen=True)
class DuplicateSettings:
    """How a run looks for near-duplicates (part of run.json: a resume must use the same)."""

    threshold: float = DEFAULT_THRESHOLD
    exclude: bool = False  # leave duplicates' rows out of the item tables (articles keeps them)
    num_perm: int = NUM_PERM

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"the near-duplicate threshold must be above 0 and at most 1, not {self.threshold}")

    def to_dict(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "exclude": self.exclude, "num_perm": self.num_perm,
                "shingle": SHINGLE, "scheme": SCHEME}


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)  # deterministic in every process (Python's own hash() is not)


@lru_cache(maxsize=4)
def _permutations(num_perm: int):
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=1, scheme=SCHEME).permutations


def signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint32) of an article's text."""
    from datasketch import MinHash

    from ..text.normalize import normalize

    syllables = _SYLLABLE.findall(normalize(text).text.lower())
    shingles = {" ".join(syllables[i:i + SHINGLE]).encode("utf-8")
                for i in range(max(1, len(syllables) - SHINGLE + 1))}
    minhash = MinHash(num_perm=num_perm, seed=1, hashfunc=_crc32, permutations=_permutations(num_perm),
                      scheme=SCHEME)
    minhash.update_batch(sorted(shingles))
    return minhash.hashvalues.astype(np.uint32)


class NearDuplicates:
    """The run's index of original articles, fed in input order."""

    def __init__(self, settings: DuplicateSettings):
        from datasketch import MinHashLSH

        self.settings = settings
        self.lsh = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm)
        self.originals: dict[int, tuple[str, np.ndarray]] = {}  # key (order seen) -> id, signature
        self.seen = 0
        self.duplicates = 0

    def check(self, article_id: str, values: np.ndarray) -> str | None:
        """The id of the first original this article nearly copies, or None (then it is indexed as one)."""
        from datasketch import LeanMinHash

        minhash = LeanMinHash(seed=1, hashvalues=values, scheme=SCHEME)
        key = self.seen
        self.seen += 1
        for candidate in sorted(self.lsh.query(minhash)):
            original_id, original = self.originals[candidate]
            if similarity(values, original) >= self.settings.threshold:
                self.duplicates += 1
                return original_id
        self.lsh.insert(key, minhash, check_duplication=False)
        self.originals[key] = (article_id, values)
        return None

    def replay(self, article_id: str, values: np.ndarray, duplicate_of: str | None) -> None:
        """Add an article a committed part already decided on (``--resume``), as ``check`` did then."""
        from datasketch import LeanMinHash

        key = self.seen
        self.seen += 1
        if duplicate_of is not None:
            self.duplicates += 1
            return
        self.lsh.insert(key, LeanMinHash(seed=1, hashvalues=values, scheme=SCHEME), check_duplication=False)
        self.originals[key] = (article_id, values)

    def replay_file(self, path: Path) -> None:
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        values = table.column("signature").combine_chunks().flatten().to_numpy().reshape(
            table.num_rows, self.settings.num_perm)
        for article_id, duplicate_of, row in zip(table.column("article_id").to_pylist(),
                                                 table.column("duplicate_of").to_pylist(), values):
            self.replay(article_id, row.astype(np.uint32), duplicate_of)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two signatures estimate: the share of positions where they agree."""
    return float(np.count_nonzero(a == b)) / len(a)

