"""The layout of a one-article .txt file: title line, optional publication line, body, optional author."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..startcache import compile_regex
from ..resources import load_yaml
from .published import parse_date_line


@dataclass(frozen=True)
class TxtLayout:
    title: str | None
    published: str | None
    author: str | None
    body_start: int  # the body is text[body_start:body_end], white space trimmed
    body_end: int


_TITLE_MAX_CHARS, _TITLE_MAX_WORDS = 200, 35
_BLANK_LINE = compile_regex(r"[ \t]*\r?\n[ \t]*\r?\n")
_SENTENCE_BREAK = compile_regex(r"[.!?…]\s+[A-ZĐÀ-ỸА-Я]")
_AUTHOR_WORD = compile_regex(r"[^\W\d_]+")


def parse_txt_layout(text: str) -> TxtLayout:
    """Find title, publication line, body and author line; conservative: the body never loses text.

    With a publication line under it, the first line is the title. Without one, the first line is a
    title only if it clearly looks like one: short, no final punctuation, no sentence break inside,
    a blank line after it and more text after that (dumps such as VNTC run the title into the body).
    """
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]*\S[^\r\n]*", text)]  # non-blank lines
    if not lines:
        return TxtLayout(None, None, None, 0, 0)
    title = published = author = None
    head = 0
    first = text[lines[0][0]:lines[0][1]].strip()
    published = _date_line(first)
    if published:
        head = 1
    elif len(lines) > 1:
        second = text[lines[1][0]:lines[1][1]].strip()
        published = _date_line(second)
        if published and len(first) <= 2 * _TITLE_MAX_CHARS:
            title, head = first, 2
        else:
            published = None
            blank_after = bool(_BLANK_LINE.match(text, lines[0][1], lines[1][0]))
            if blank_after and _looks_like_title(first):
                title, head = first, 1
    if head >= len(lines):
        return TxtLayout(title, published, None, len(text), len(text))
    end = lines[-1][1]
    if len(lines) - head >= 2:
        last = text[lines[-1][0]:lines[-1][1]].strip()
        if _looks_like_author(last):
            author, end = last, lines[-2][1]
    start = lines[head][0]
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return TxtLayout(title, published, author, start, end)


def _date_line(line: str) -> str | None:
    return parse_date_line(line, strict=True) if len(line) <= 80 else None


def _looks_like_title(line: str) -> bool:
    return (len(line) <= _TITLE_MAX_CHARS and len(line.split()) <= _TITLE_MAX_WORDS
            and not line.endswith((".", "!", "?", "…", ":", ";", ",")) and not _SENTENCE_BREAK.search(line)
            and (line[0].isupper() or line[0].isdigit() or line[0] in "\"“'‘«("))


def _looks_like_author(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or len(line) > 50:
        return False
    if not all(_AUTHOR_WORD.fullmatch(w) and w[0].isupper() for w in words):
        return False
    return words[0] not in _not_author_words()


@lru_cache(maxsize=None)
def _not_author_words() -> frozenset[str]:
    return frozenset(load_yaml("readers.yaml")["not_author_first_words"])
