"""Rows of a scraped table run into one line: "Ông Đào Ngọc Thanh Bí thư Xã Đức Huệ Ông Trương Tấn Sơn Bí thư Xã Hậu
Nghĩa …". Each row is a capitalised honorific, a name, then that person's title and body, up to the next row's
honorific: the title is the name's before it, never the next row's name's (which "title then name" would read)."""

from __future__ import annotations

from ...layers.names import vietnamese_name
from ...layers.titles import TitleMatch
from ...startcache import compile_regex
from .chains import _read_chain
from .lexicon import _Link
from .units import _generic_org, _set_generic

_ROW_HONORIFIC = compile_regex(r"(?<![^\s:])(?:Ông|Bà) (?=[A-ZĐ])")
ROW_REACH = 100  # characters from a row's title to the next row's honorific


def table_rows(norm: str, titles: dict[int, TitleMatch], org_starts) -> list[tuple[tuple[int, int], list[_Link]]]:
    """(name, its chain of titles) of each row, when two rows or more follow one another; else none."""
    found = []
    for m in _ROW_HONORIFIC.finditer(norm):
        name = vietnamese_name(norm, m.end(), org_starts, honorific=True, after_title=False)
        if name is not None and name[1] + 1 in titles and norm[name[1]:name[1] + 1] == " ":
            found.append((m.start(), name, name[1] + 1))
    rows = []
    for i, (_, name, title_start) in enumerate(found):
        following = found[i + 1][0] if i + 1 < len(found) else None
        chained = following is not None and following - title_start <= ROW_REACH
        preceded = i > 0 and found[i][0] - found[i - 1][2] <= ROW_REACH
        if not (chained or preceded):
            continue
        links, chain_end = _read_chain(norm, titles[title_start], titles, org_starts, after_name=True)
        end = following - 1 if chained else None
        links = [link for link in links if end is None or link.title.start < end]
        last = links[-1]
        if last.org_start is None and not last.title.title.organization and norm[chain_end:chain_end + 1] == " ":
            # "Bí thư Xã Đức Huệ": a body the gazetteer does not know, up to the next row (or the clause's end)
            row_body = end is not None and chain_end + 1 < end and norm[chain_end + 1].isupper()
            body = (chain_end + 1, end) if row_body else _generic_org(norm, chain_end + 1, last)
            if body is not None:
                _set_generic(last, *body)
        for link in links:
            if end is not None and link.org_end is not None and link.org_end > end:
                link.org_end = end  # the body ends where the next row's honorific starts
        rows.append((name, links))
    return rows if len(rows) >= 2 else []
