"""Lines out of byte streams: split as they stream, decoded in the file's encoding, bounded in size."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import IO, Iterator

from .encodings import DecodeError, decode_as, decode_bytes, sniff_encoding
from .guards import MAX_LINE_BYTES, InputTooLarge, mib

CHUNK = 1 << 16


@dataclass(frozen=True)
class LongLine:
    """In place of a line over MAX_LINE_BYTES, which is skipped (its ``size`` in bytes)."""

    size: int

    def reason(self, number: int) -> str:
        return (f"line {number} is {self.size:,} bytes long, over the limit of {mib(MAX_LINE_BYTES)} for one "
                "line; skipped")


def byte_lines(stream: IO[bytes], first: bytes) -> Iterator[bytes | LongLine]:
    """Complete lines (with their b"\\n"); a line cut off by a read error is never yielded, and one
    over MAX_LINE_BYTES is skipped to its end and reported as a LongLine."""
    held: list[bytes] = []  # the line being gathered across chunks
    held_size = 0
    skipped: int | None = None  # bytes of an over-long line passed over so far
    chunk = first
    while chunk:
        parts = chunk.split(b"\n")
        for index, part in enumerate(parts):
            ends = index < len(parts) - 1  # the part is followed by a line end in this chunk
            if skipped is not None:
                skipped += len(part) + ends
                if ends:
                    yield LongLine(skipped)
                    skipped = None
                continue
            held.append(part)
            held_size += len(part)
            if ends:
                yield b"".join(held) + b"\n"
                held, held_size = [], 0
            elif held_size > MAX_LINE_BYTES:
                skipped, held, held_size = held_size, [], 0
        chunk = stream.read(CHUNK)  # may raise: the caller reports how far it got
    if skipped is not None:
        yield LongLine(skipped)
    elif held_size:
        yield b"".join(held)


def text_lines(stream: IO[bytes]) -> Iterator[str | DecodeError | LongLine]:
    """Decoded lines (ends kept), or a DecodeError in place of a line that would not decode.

    The encoding is chosen once from the start of the file. Raises DecodeError when the file as a
    whole is binary or undecodable.
    """
    first = stream.read(CHUNK)
    encoding = sniff_encoding(first, complete=len(first) < CHUNK)
    if encoding.startswith(("utf-16", "utf-32")):
        yield from wide_lines(stream, first, encoding)
        return
    for number, raw in enumerate(byte_lines(stream, first), 1):
        if isinstance(raw, LongLine):
            yield raw
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            if encoding.startswith("utf-8") or encoding == "ascii":
                yield raw.decode("utf-8")
            else:
                yield decode_as(raw, encoding)
        except (UnicodeDecodeError, DecodeError):
            try:  # one line in another encoding (a pasted Windows-1258 line)
                yield decode_bytes(raw)[0]
            except DecodeError:
                yield DecodeError(f"not valid {encoding}")


def wide_lines(stream: IO[bytes], first: bytes, encoding: str) -> Iterator[str]:
    """Lines of a UTF-16/32 file, decoded as it streams (a byte-order mark is dropped)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    pending = ""
    chunk = first
    try:
        while True:
            final = not chunk
            lines = (pending + decoder.decode(chunk, final=final)).split("\n")
            pending = lines.pop()
            yield from (line + "\n" for line in lines)
            if final:
                break
            if len(pending) * 2 > MAX_LINE_BYTES:
                raise InputTooLarge(f"a line over the limit of {mib(MAX_LINE_BYTES)} for one line")
            chunk = stream.read(CHUNK)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not valid {encoding}: {exc.reason}") from None
    if pending:
        yield pending


class RowLines:
    """The lines a csv.reader takes, kept per row, so that a row which swallowed the rest of the file
    (a quote that never closes) can be found and the lines after its first one read again."""

    def __init__(self, lines: Iterator[str], line_number: int = 0):
        self.lines = lines
        self.line_number = line_number
        self.row: list[str] = []
        self.exhausted = False

    def __iter__(self) -> "RowLines":
        return self

    def __next__(self) -> str:
        try:
            line = next(self.lines)
        except StopIteration:
            self.exhausted = True
            raise
        self.line_number += 1
        self.row.append(line)
        return line

    def next_row(self, rows: Iterator[list[str]]) -> list[str]:
        self.row = []
        return next(rows)

    def unclosed_quote(self) -> bool:
        """The row just read ran to the end of the file with an odd number of quotes."""
        return self.exhausted and len(self.row) > 1 and sum(line.count('"') for line in self.row) % 2 == 1
