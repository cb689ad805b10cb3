"""Several people under one title: "các Phó Thủ tướng: A, B", "Thứ trưởng X Nguyễn A, Phan B và Trương C",
and National Assembly deputies with their delegation ("Đại biểu A (Đoàn ĐBQH tỉnh X)")."""

from __future__ import annotations

import re

from ...document import Document
from ...layers.names import vietnamese_name
from ...model import Position
from .chains import _trailing_chain

_PLURAL = re.compile(r"(?<!\w)[Cc]ác $")


_LIST_OPEN = re.compile(r":? ")


_LIST_SEPARATOR = re.compile(r", | và |; ")


def _listed_names(norm: str, start: int, end: int, org_starts) -> list[tuple[int, int]]:
    """"các Phó Thủ tướng: Trần Hồng Hà, Lê Thành Long": a plural title, then the list of its holders."""
    if not _PLURAL.search(norm, max(0, start - 4), start):
        return []
    opening = _LIST_OPEN.match(norm, end)
    names: list[tuple[int, int]] = []
    at = opening.end() if opening else -1
    while at >= 0:
        name = vietnamese_name(norm, at, org_starts)
        if name is None:
            break
        names.append(name)
        separator = _LIST_SEPARATOR.match(norm, name[1])
        at = separator.end() if separator else -1
    return names


def _names_sharing(norm: str, first: tuple[int, int], titles, org_starts) -> list[tuple[int, int]]:
    """"Thứ trưởng Bộ Công Thương Nguyễn Hoàng Long, Phan Thị Thắng và Trương Thanh Hoài": more holders
    of the same title, a list closed by "và" whose names have no titles of their own."""
    names = [first]
    at = first[1]
    while True:
        separator = _LIST_SEPARATOR.match(norm, at)
        if not separator or separator.group(0) == "; ":
            return []
        name = vietnamese_name(norm, separator.end(), org_starts, after_title=False)
        if name is None or norm[name[1]:name[1] + 1].isalnum():
            return []
        names.append(name)
        at = name[1]
        if separator.group(0) == " và ":
            break
    if _trailing_chain(norm, at, titles, org_starts) is not None:
        return []  # "..., và Trương Thanh Hoài, Chánh Văn phòng": the last one has a title of their own
    return names


_DEPUTY = re.compile(r"[Đđ]ại biểu ")  # the word boundary before is checked by hand: a lookbehind is slow


_DELEGATION = re.compile(r" \(((?:Đoàn|đoàn) (?:ĐBQH|đại biểu Quốc hội) [^()\n]{1,40})\)")


def _deputy_words(norm: str) -> list[re.Match[str]]:
    return [m for m in _DEPUTY.finditer(norm) if m.start() == 0 or not norm[m.start() - 1].isalnum()]


def _deputies(doc: Document, org_starts, rule: str):
    """"Đại biểu Phạm Văn Hòa (Đoàn ĐBQH tỉnh Đồng Tháp)": a National Assembly deputy and the
    delegation written after the name, the way debates are reported."""
    norm = doc.norm
    for m in _deputy_words(norm):
        name = vietnamese_name(norm, m.end(), org_starts, after_title=False)
        delegation = _DELEGATION.match(norm, name[1]) if name else None
        if delegation:
            organization = doc.span(delegation.start(1), delegation.end(1)).text
            yield name[0], name[1], Position("đại biểu Quốc hội", organization, rule=rule)
