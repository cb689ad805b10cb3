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

Memory grows with the run when the option is on: the index keeps every original's band keys and
signature, ~2.9 KB per original article (benchmarks/README.md); it is off by default.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from ..startcache import compile_regex

DEFAULT_THRESHOLD = 0.8
NUM_PERM = 128  # signature length: the similarity estimate's standard error is about 0.04 at 0.8
SHINGLE = 5  # syllables per shingle: shorter ones make unrelated articles look alike through set phrases
SCHEME = "affine32"  # datasketch's hashing scheme, named so that a later default cannot change signatures
_SYLLABLE = compile_regex(r"\w+")


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


def _identity(value: int) -> int:
    return value


@lru_cache(maxsize=4)
def _permutations(num_perm: int):
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=1, scheme=SCHEME).permutations


# a shingle's 32-bit hash: its syllables' crc32 (the same in every process, unlike Python's hash()) mixed
# by position with these odd multipliers, modulo 2**32
_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1][:SHINGLE], dtype=np.uint64)


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct 32-bit hashes of the text's 5-syllable shingles (normalised, lower case)."""
    from ..text.normalize import normalize

    syllables = _SYLLABLE.findall(normalize(text).text.lower())
    codes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in syllables), dtype=np.uint64, count=len(syllables))
    if len(codes) < SHINGLE:  # a text shorter than one shingle is that one shingle
        codes = np.concatenate([codes, np.zeros(SHINGLE - len(codes), dtype=np.uint64)])
    windows = np.lib.stride_tricks.sliding_window_view(codes, SHINGLE)
    return np.unique((windows * _MIX).sum(axis=1) & np.uint64(0xFFFFFFFF))


def signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint32) of an article's text (datasketch's MinHash over its
    shingle hashes)."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=num_perm, seed=1, hashfunc=_identity, permutations=_permutations(num_perm),
                      scheme=SCHEME)
    minhash.update_batch(shingle_hashes(text).tolist())
    return minhash.hashvalues.astype(np.uint32)


class NearDuplicates:
    """The run's index of original articles, fed in input order.

    LSH banding as datasketch's ``MinHashLSH`` sets it up for the threshold (its ``b`` bands of ``r``
    values, e.g. 9 of 13 at 0.8), in a compact index: one dict per band from a 64-bit key of the band's
    values to the originals that have it, and the originals' signatures in one array. datasketch's own
    index keeps a set per band bucket and the bands' bytes twice: 4.7 KB per article against 2.9 KB.
    A key is a fixed mix of the values, the same in every process; two bands that mix alike only add a
    candidate, which the similarity check then judges.
    """

    def __init__(self, settings: DuplicateSettings):
        from datasketch import MinHashLSH

        self.settings = settings
        banding = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm)
        self.bands, self.rows = banding.b, banding.r
        self.tables: list[dict[int, int | list[int]]] = [{} for _ in range(self.bands)]
        self._mix = np.array([(0x9E3779B97F4A7C15 * (2 * k + 1)) % 2**64 for k in range(self.rows)], dtype=np.uint64)
        self.signatures = np.empty((1024, settings.num_perm), dtype=np.uint32)  # of the originals, in order
        self.ids: list[str] = []
        self.seen = 0
        self.duplicates = 0

    def check(self, article_id: str, values: np.ndarray) -> str | None:
        """The id of the first original this article nearly copies, or None (then it is indexed as one)."""
        self.seen += 1
        keys = self._keys(values)
        candidates: set[int] = set()
        for table, key in zip(self.tables, keys):
            found = table.get(key)
            if isinstance(found, list):
                candidates.update(found)
            elif found is not None:
                candidates.add(found)
        for original in sorted(candidates):  # the first seen first
            if similarity(values, self.signatures[original]) >= self.settings.threshold:
                self.duplicates += 1
                return self.ids[original]
        self._index(article_id, values, keys)
        return None

    def replay(self, article_id: str, values: np.ndarray, duplicate_of: str | None) -> None:
        """Add an article a committed part already decided on (``--resume``), as ``check`` did then."""
        self.seen += 1
        if duplicate_of is not None:
            self.duplicates += 1
        else:
            self._index(article_id, values, self._keys(values))

    def replay_file(self, path: Path) -> None:
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        values = table.column("signature").combine_chunks().flatten().to_numpy().reshape(
            table.num_rows, self.settings.num_perm)
        for article_id, duplicate_of, row in zip(table.column("article_id").to_pylist(),
                                                 table.column("duplicate_of").to_pylist(), values):
            self.replay(article_id, row.astype(np.uint32), duplicate_of)

    def _keys(self, values: np.ndarray) -> list[int]:
        bands = values[:self.bands * self.rows].astype(np.uint64).reshape(self.bands, self.rows)
        return (bands * self._mix).sum(axis=1, dtype=np.uint64).tolist()

    def _index(self, article_id: str, values: np.ndarray, keys: list[int]) -> None:
        number = len(self.ids)
        if number == len(self.signatures):
            self.signatures = np.concatenate([self.signatures, np.empty_like(self.signatures)])
        self.signatures[number] = values
        self.ids.append(article_id)
        for table, key in zip(self.tables, keys):
            found = table.get(key)
            if found is None:
                table[key] = number
            elif isinstance(found, list):
                found.append(number)
            else:
                table[key] = [found, number]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two signatures estimate: the share of positions where they agree."""
    return float(np.count_nonzero(a == b)) / len(a)

