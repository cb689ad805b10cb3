"""An office held for a leader written with the leader: "Người phát ngôn của Tổng thống Putin, ông Dmitry Peskov",
"đặc phái viên của Tổng thống Trump, ông Steve Witkoff". The leader's title is not the named person's; the person holds
the office written before "của", with no organisation (GUIDELINE D7: after "của", a leader, a person, is dropped)."""

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
