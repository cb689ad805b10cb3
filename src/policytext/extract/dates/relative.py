"""Relative rules: "tuần trước", "tháng tới", "3 năm trước", "cách đây 10 ngày", and birth years ("sinh
năm 1970", "SN 1989", "Đinh Văn Tài (1969)")."""

from __future__ import annotations

import re
from datetime import timedelta

from .context import VAGUE, Context, after_person_name, is_vague, text_before, veto
from .values import Candidate, When, day_when, relative_to
from .vocabulary import context, count, lookup, vocabulary


def on_relative_unit(m: re.Match[str], ctx: Context) -> Candidate | None:
    unit = m.group("unit").lower()
    if not m.group("rel"):
        # "cuối tuần" alone is this week's end; "cuối tháng" alone is too often habitual to trust
        if unit != "tuần" or not m.group("edge") or is_vague(ctx, m.start(), m.end()) or re.search(
                r"(?<!\w)(?:ngày|nghỉ)\s+$", text_before(ctx, m.start(), 8), re.I):
            return None
        return Candidate(m.start(), m.end(), relative_to("tuần", 0, ctx.pub), edge=m.group("edge"))
    if is_vague(ctx, m.start(), m.end()):
        return veto(ctx, VAGUE, m)  # "những tháng tới", "tuần sau đó"
    offset = lookup(vocabulary().relative_units[unit], m.group("rel"))
    return Candidate(m.start(), m.end(), relative_to(unit, offset, ctx.pub), edge=m.group("edge"))


def on_ago(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"3 năm trước", "cách đây 10 ngày": that many units before publication."""
    if re.search(r"(?<!\w)(?:thứ|số)\s+$", text_before(ctx, m.start(), 6), re.I) or context("vague_before").search(text_before(ctx, m.start(), 12)) or (
            m.group("n") and context("breaker_after").match(ctx.norm, m.end())):
        return None
    if m.group("n") and not context("ago_end").match(ctx.norm, m.end()):
        return None  # "một ngày trước phiên họp": "trước" is "before" the noun that follows
    n = count(m.group("n") or m.group("n2"))
    unit = (m.group("unit") or m.group("unit2")).lower()
    if n is None:
        return None
    if unit == "ngày":
        return Candidate(m.start(), m.end(), day_when(ctx.pub - timedelta(days=n) if ctx.pub else None))
    return Candidate(m.start(), m.end(), relative_to(unit, -n, ctx.pub))


def on_birth_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"SN 1989", "(sinh 1979)", "Đinh Văn Tài (1969)": birth years (RECORD.md: they are dates)."""
    year = int(m.group("y"))
    if ctx.pub is not None and year > ctx.pub.year:
        return None
    when = When("year", year)
    if m.group("abbr"):
        return Candidate(m.start(), m.end(), when)
    if m.group("sinh"):
        if context("not_birth_before_sinh").search(text_before(ctx, m.start(), 12)):
            return None  # "tuyển sinh 2005", "học sinh 1990"
        return Candidate(m.start("y"), m.end(), when)
    if not re.match(r"\s*[),;]", ctx.norm[m.end():m.end() + 3]) or not after_person_name(ctx, m.start() - 1):
        return None  # "Kế hoạch (2005)": a bare year in brackets only after a person's name
    return Candidate(m.start("y"), m.end(), when)
