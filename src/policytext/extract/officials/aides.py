"""Offices written apart from their holder.

An office held for a leader, written with the leader: "Người phát ngôn của Tổng thống Putin, ông Dmitry Peskov",
"đặc phái viên của Tổng thống Trump, ông Steve Witkoff". The leader's title is not the named person's; the person holds
the office written before "của", with no organisation (GUIDELINE D7: after "của", a leader, a person, is dropped).
And in a list of people each written after their offices, offices written before an honorific and a name."""

from __future__ import annotations

from ...layers.names import vietnamese_name
from ...layers.titles import TitleMatch
from ...startcache import compile_regex
from .lexicon import _foreign_name

# the leader's name, then a comma and an honorific before the person
_LEADER_COMMA = compile_regex(r" [A-ZĐ][^\W\d_]*(?: [A-ZĐ][^\W\d_]*){0,2}, (?:ông|bà|ngài) (?=[A-ZĐ])")


def aide_of_leader(norm: str, title: TitleMatch, titles: dict[int, TitleMatch],
                   org_starts) -> tuple[TitleMatch | None, tuple[int, int]] | None:
    """For a leader's title written after "của" and followed by the leader's name and another person: the office
    before "của" (None when it is no known title) and that person's name."""
    if not norm.endswith(" của ", 0, title.start) or title.title.rank or title.title.heads_place:
        return None  # "trên Telegram của Thị trưởng Kharkiv, ông Igor Terekhov": the mayor himself
    comma = _LEADER_COMMA.match(norm, title.end)
    if comma is None or title.end + 1 in org_starts:
        return None  # "chính quyền của Tổng thống Donald Trump": the leader alone; "của Thủ tướng Anh, ông …"
    at = comma.end()
    name = vietnamese_name(norm, at, org_starts, honorific=True, after_title=False) or _foreign_name(norm, at, org_starts)
    if name is None:
        return None
    before = title.start - len(" của ")
    return next((t for t in titles.values() if t.end == before), None), name


# "của ông Trump, ông ": a leader named with an honorific, then the person who holds the office for them
# (the second honorific may be left out before a full name set off by commas: "Đặc phái viên của ông Trump, Steve
# Witkoff, sẽ đến Nga")
_OF_PERSON_COMMA = compile_regex(r" của (?:ông|bà|ngài) [A-ZĐ][^\W\d_]*(?: [A-ZĐ][^\W\d_]*){0,2}, "
                                 r"(?P<honorific>(?:ông|bà|ngài) )?(?=[A-ZĐ])")


def aide_of_person(norm: str, end: int, org_starts) -> tuple[int, int] | None:
    """"Đặc phái viên của ông Trump, ông Adam Boehler": the person named after an office held for a leader written
    with an honorific (the office's chain ends at ``end``)."""
    m = _OF_PERSON_COMMA.match(norm, end)
    if m is None:
        return None
    name = vietnamese_name(norm, m.end(), org_starts, honorific=True, after_title=False) or \
        _foreign_name(norm, m.end(), org_starts)
    if name is not None and not m.group("honorific") and (" " not in norm[name[0]:name[1]] or
                                                         not norm.startswith(",", name[1])):
        return None  # with no honorific, only a full name closed by a comma ("…, Steve Witkoff, sẽ …")
    return name


def leader_read_as_body(norm: str, link, org_starts) -> tuple[int, int] | None:
    """The leader's full name that the chain took for the body of its last title ("Phó chủ tịch nước Trương Mỹ Hoa,
    bà Nguyễn Thị Bình"): the name, and the link loses that body."""
    if link.org_start is None or link.org_name is not None:
        return None
    name = vietnamese_name(norm, link.org_start, org_starts, after_title=True)
    if name is None or name != (link.org_start, link.org_end):
        return None
    link.org_start = link.org_end = None
    return name


_COMMA_HONORIFIC = compile_regex(r", (?:ông|bà|đồng chí) (?=[A-ZĐ])")
_ITEM_END = compile_regex(r"[;.]|,? và |$")


def next_in_list(norm: str, links, titles: dict[int, TitleMatch], org_starts,
                 candidates) -> tuple[int, int] | None:
    """In a list of people each written after their offices ("Thống đốc Ngân hàng Nhà nước Nguyễn Thị Hồng, Trợ lý
    Tổng Bí thư, Phụ trách Văn phòng Tổng Bí thư, ông Tô Ân Xô, Đại sứ Việt Nam tại Anh Đỗ Minh Hùng"), offices after
    one holder's name, a comma, an honorific and a name belong to that next name: the person named after them, when
    the list goes on after it with the next item's offices and name (or ends)."""
    chain_end = max(link.org_end or link.title.end for link in links)
    honorific = _COMMA_HONORIFIC.match(norm, chain_end)
    if honorific is None:
        return None
    holder = vietnamese_name(norm, honorific.end(), org_starts, honorific=True, after_title=False)
    if holder is None:
        return None
    after = holder[1]
    if _ITEM_END.match(norm, after):
        return holder
    if norm.startswith(", ", after) and after + 2 in titles:
        return holder if any(c.start > after + 2 and c.positions and c.start - after < 120
                             for c in candidates.values()) else None
    return None
