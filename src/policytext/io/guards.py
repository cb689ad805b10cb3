"""What one input may make a reader hold in memory or inflate to, so that a hostile or broken file
becomes error rows instead of exhausting the machine.

- A line (JSON Lines, CSV) or a JSON array element over ``MAX_LINE_BYTES`` is skipped with an
  error row; a file read whole (.txt, .html, a JSON document) over ``MAX_DOCUMENT_BYTES`` is one.
- A gzip stream that inflates more than ``MAX_RATIO`` times once past ``RATIO_FLOOR`` bytes is
  stopped (a decompression bomb); real text inflates 3 to 10 times.
- A zip member that declares such a ratio, or an archive whose members would together inflate
  past it (overlapping members share compressed bytes), is refused before it is opened. Python's
  zipfile never yields more than a member's declared size, so the declaration is what counts.
Members are read as streams and never extracted: their names are labels, never paths.
"""

from __future__ import annotations

import gzip
import zipfile
import zlib
from typing import IO, Sequence

MAX_LINE_BYTES = 64 << 20
MAX_DOCUMENT_BYTES = 256 << 20
MAX_RATIO = 100
RATIO_FLOOR = 16 << 20
_READ = 1 << 16


class InputTooLarge(OSError):
    """A line, element or document over its limit; the message says which and the limit."""


class DecompressionBomb(OSError):
    """Compressed data inflating far beyond what text does."""


def mib(size: int) -> str:
    return f"{size / (1 << 20):g} MiB"


class _Counted:
    """A binary stream that counts the bytes read through it (the compressed side of a gzip file)."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data

    def __getattr__(self, name: str):  # mode, name, close ... as the wrapped stream has them
        return getattr(self.raw, name)


class _RatioGuard:
    """The inflated side of a gzip stream: stops when it grows past MAX_RATIO times its input, and
    hands out what it inflated before a damaged or truncated spot, raising on the next read (so the
    complete lines before the damage are kept)."""

    def __init__(self, inflated: gzip.GzipFile, compressed: _Counted):
        self.inflated = inflated
        self.compressed = compressed
        self.produced = 0
        self.failure: BaseException | None = None

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            parts = []
            while chunk := self.read(_READ):
                parts.append(chunk)
            return b"".join(parts)
        if self.failure is not None:
            raise self.failure
        parts, got = [], 0
        while got < size:
            try:
                data = self.inflated.read1(size - got)
            except (EOFError, OSError, zlib.error) as exc:
                if not parts:
                    raise
                self.failure = exc
                break
            if not data:
                break
            parts.append(data)
            got += len(data)
            self.produced += len(data)
            if self.produced > RATIO_FLOOR and self.produced > MAX_RATIO * max(1, self.compressed.count):
                raise DecompressionBomb(f"compressed data inflating more than {MAX_RATIO} times "
                                        f"({self.produced:,} bytes from {self.compressed.count:,}): refused as a "
                                        "decompression bomb")
        return b"".join(parts)

    def close(self) -> None:
        self.inflated.close()


def gunzip(stream: IO[bytes]) -> IO[bytes]:
    """The decompressed bytes of a gzip stream, guarded against decompression bombs."""
    compressed = _Counted(stream)
    return _RatioGuard(gzip.GzipFile(fileobj=compressed, mode="rb"), compressed)  # type: ignore[return-value]


def zip_member_problem(info: zipfile.ZipInfo) -> str | None:
    """Why one member must not be read (a bomb by its declared sizes), or None."""
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
        return (f"archive member would inflate {info.file_size / max(1, info.compress_size):,.0f} times "
                f"({info.file_size:,} bytes from {info.compress_size:,}, limit {MAX_RATIO}): refused as a zip bomb")
    return None


def zip_archive_problem(members: Sequence[zipfile.ZipInfo], archive_bytes: int) -> str | None:
    """Why a whole archive must not be read: members that together inflate past the limit (as when
    they overlap and share the same compressed bytes), or None."""
    inflated = sum(info.file_size for info in members)
    if inflated > RATIO_FLOOR and inflated > MAX_RATIO * max(1, archive_bytes):
        return (f"archive members would inflate to {inflated:,} bytes from a {archive_bytes:,}-byte archive "
                f"(over {MAX_RATIO} times): refused as a zip bomb")
    return None
