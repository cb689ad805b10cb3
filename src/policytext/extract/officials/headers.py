"""A plural title heading a list whose items carry offices of their own: every listed holder also holds the
heading's office. "Dự lễ có các đồng chí Ủy viên Bộ Chính trị: Tổng Bí thư Tô Lâm; Chủ tịch nước Lương Cường."
(both are Ủy viên Bộ Chính trị), "chỉ định 16 ủy viên UBND TP.HCM nhiệm kỳ 2021-2026. Danh sách gồm: Chánh Thanh
tra TP.HCM Trần Văn Bảy; …", "4 người là ủy viên Ban Thường vụ Tỉnh ủy, gồm ông A (trưởng Ban Tổ chức Tỉnh ủy), …".
The list ends with its sentence; a heading followed by its holder's name is an ordinary chain, not a heading."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import _Link, officials_pattern
from .units import _generic_org, _set_generic


@dataclass(frozen=True, slots=True)
class Heading:
    """The heading's chain and the stretch of text (normalised offsets) that lists its holders."""

    links: list[_Link]
    start: int  # where the listed items begin
    end: int  # the end of the sentence that lists them


def list_heading(norm: str, start: int, end: int, links: list[_Link], titles) -> Heading | None:
    """The heading a plural title at ``start`` (its chain ending at ``end``) opens, or None: it must be plural or
    counted ("các đồng chí", "16", "4 người là"), then within its sentence an opening ("gồm", "là các ông", ":",
    ". Danh sách gồm:") with no other title between, then the items up to the end of the sentence."""
    if not officials_pattern("heading_before").search(norm, max(0, start - 20), start):
        return None
    opening = officials_pattern("heading_opening").match(norm, end)
    if opening is None or any(end <= at < opening.end() for at in titles):
        return None
    if opening.group("bare") and opening.end() not in titles:
        return None  # "gồm" then a capital: a list of offices only if the first item opens with a title
    last = links[-1]
    if last.org_start is not None and last.org_name is None and not norm[last.org_start].isupper():
        last.org_start = last.org_end = None  # "10 bộ trưởng dự kiến trả lời chất vấn: …": words, not a body
    if last.org_start is None and not last.title.title.organization and norm[end:end + 1] == " ":
        body = _generic_org(norm, end + 1, last)  # "5 ủy viên Ban Chấp hành Đảng bộ tỉnh cũng được … là các ông"
        if body is not None and norm[body[0]].isupper():  # not "các Bộ trưởng dự kiến trả lời chất vấn: …"
            _set_generic(last, *body)
    stop = officials_pattern("sentence_end").search(norm, opening.end())
    return Heading(links, opening.end(), stop.start() if stop else len(norm))


def holders_in(heading: Heading, starts) -> list[int]:
    """The name starts (of people found with offices of their own) that the heading's list holds."""
    return [at for at in starts if heading.start <= at < heading.end]
