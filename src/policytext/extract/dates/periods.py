"""Period rules: months, quarters, parts of a year ("6 tháng đầu năm"), years, bare years, ranges of
years ("giai đoạn 2021 - 2026") and decades ("những năm 1990")."""

from __future__ import annotations

import re
from dataclasses import replace

from .context import (
    COUNT,
    INSIDE_A_NAME,
    RECURRING,
    VAGUE,
    Context,
    inside_document_name,
    is_vague,
    text_before,
    veto,
)
from .values import Candidate, When, quarter_number, relative_to, year_or_publication
from .vocabulary import context, count, lookup, vocabulary


def on_month(m: re.Match[str], ctx: Context) -> Candidate | None:
    if re.search(r"\d\s+$", text_before(ctx, m.start(), 6)) and not m.group("edge"):
        return veto(ctx, COUNT, m)  # "3 tháng 9 ngày": a duration
    if context("each").search(text_before(ctx, m.start(), 8)):
        return veto(ctx, RECURRING, m)  # "mỗi tháng 2-3 triệu đồng": every month
    if context("month_name_before").search(text_before(ctx, m.start(), 20)):
        return veto(ctx, INSIDE_A_NAME, m)  # "Cách mạng Tháng 8" is a name, "rằm tháng 7" a lunar day
    month = int(m.group("m"))
    if not (m.group("y") or m.group("yr")) and context("yearly").match(ctx.norm, m.end()):
        return veto(ctx, RECURRING, m)  # "Tháng 3 hằng năm là Tháng Thanh niên": every year
    year, written = year_or_publication(m.group("y"), ctx.pub, month)
    if m.group("yr"):
        offset = lookup(vocabulary().relative_units["năm"], m.group("yr"))
        year, written = relative_to("năm", offset, ctx.pub).year, True
    elif m.group("after") and ctx.pub:
        after = m.group("after").split()[0].lower()
        if after == "tới":  # "tháng 7 tới" in August is next July
            year = ctx.pub.year + (month < ctx.pub.month)
        elif after == "vừa":  # "tháng 10 vừa qua" in August is last October
            year = ctx.pub.year - (month > ctx.pub.month)
        else:  # "tháng 8 này"
            year = ctx.pub.year
    first = When("month", year, month, year_written=written)
    last = None
    listed = [month, int(m.group("m2"))] + [int(n) for n in re.findall(r"\d+", m.group("more") or "")] if (
        m.group("m2") and not m.group("mjoin")) else []
    if listed and listed != list(range(month, month + len(listed))):
        # "tháng 8, 10 doanh nghiệp": only consecutive months make "tháng 4, 5" a range
        return Candidate(m.start(), m.end("m"), first, edge=m.group("edge"))
    if listed:  # "các tháng 5, 6 và 7-2005": one run of months, May to July
        return Candidate(m.start(), m.end(), first, replace(first, month=listed[-1]), edge=m.group("edge"))
    if m.group("m2"):
        if int(m.group("m2")) <= month:  # "tháng 11 đến tháng 2/2022": two months, joined later
            return Candidate(m.start(), m.end("m"), replace(first, year_written=False), edge=m.group("edge"))
        last = replace(first, month=int(m.group("m2")))
    return Candidate(m.start(), m.end(), first, last, edge=m.group("edge"))


def on_quarter(m: re.Match[str], ctx: Context) -> Candidate | None:
    units = vocabulary().relative_units
    if m.group("qrel"):
        if is_vague(ctx, m.start(), m.end()):
            return None
        when = relative_to("quý", lookup(units["quý"], m.group("qrel")), ctx.pub)
        return Candidate(m.start(), m.end(), when, edge=m.group("edge"))
    if not (m.group("y") or m.group("yr")) and context("yearly").match(ctx.norm, m.end()):
        return veto(ctx, RECURRING, m)  # "quý I hằng năm", "quý I của các năm trước": no one quarter
    year, written = year_or_publication(m.group("y"), ctx.pub)
    if m.group("yr"):
        year, written = relative_to("năm", lookup(units["năm"], m.group("yr")), ctx.pub).year, True
    first = When("quarter", year, quarter=quarter_number(m.group("q")), year_written=written)
    last = None
    if m.group("q2"):
        if quarter_number(m.group("q2")) <= first.quarter:
            return None
        last = replace(first, quarter=quarter_number(m.group("q2")))
    return Candidate(m.start(), m.end(), first, last, edge=m.group("edge"))


def on_part_of_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"6 tháng đầu năm" is H1, "quý cuối năm" Q4, "9 tháng đầu năm" January to September."""
    year, written = year_or_publication(m.group("y"), ctx.pub)
    if m.group("yr"):
        year = relative_to("năm", lookup(vocabulary().relative_units["năm"], m.group("yr")), ctx.pub).year
    if m.group("months"):  # "những tháng đầu năm nay": some months of the year, which narrow nothing
        if m.group("side").lower() == "sau":
            return None
        return Candidate(m.start(), m.end(), When("year", year), edge=m.group("side"))
    early = m.group("side").lower() == "đầu"
    months = 6 if m.group("half") else 3 if m.group("quarter") else count(m.group("n"))
    if months is None or not 1 <= months <= 12 or (m.group("side").lower() == "sau" and not m.group("half")):
        return None
    if months == 6:
        return Candidate(m.start(), m.end(), When("half", year, half=1 if early else 2))
    if months == 3:
        return Candidate(m.start(), m.end(), When("quarter", year, quarter=1 if early else 4))
    if months == 12:
        return Candidate(m.start(), m.end(), When("year", year))
    first, last = (1, months) if early else (13 - months, 12)
    return Candidate(m.start(), m.end(), When("month", year, first), When("month", year, last))


def on_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    edge = m.group("edge")
    if m.group("y"):
        if not edge and inside_document_name(ctx, m.start()):
            return veto(ctx, INSIDE_A_NAME, m)  # "Hiến pháp năm 2013" names the document
        return Candidate(m.start(), m.end(), When("year", int(m.group("y"))), edge=edge)
    if m.group("yr"):
        if is_vague(ctx, m.start(), m.end()):
            return veto(ctx, VAGUE, m)  # "3 năm trước đó", "những năm tới"
        offset = lookup(vocabulary().relative_units["năm"], m.group("yr"))
        return Candidate(m.start(), m.end(), relative_to("năm", offset, ctx.pub), edge=edge)
    # "cuối năm" alone: this year's end after a preposition ("vào cuối năm") or opening a sentence
    # ("Cuối năm, ..."); not "cuối năm học", "mỗi cuối năm", "thời điểm đầu năm, giữa năm"
    if not edge or context("not_calendar_year").match(ctx.norm, m.end()):
        return None
    before = text_before(ctx, m.start(), 12)
    if is_vague(ctx, m.start(), m.end()) or not (
            context("edge_year_trigger").search(before)
            or (context("sentence_start").search(before) and ctx.norm[m.end():m.end() + 1] == ",")):
        return None
    return Candidate(m.start(), m.end(), relative_to("năm", 0, ctx.pub), edge=edge)


def on_bare_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"đến 2030", "năm 1997 và 1998", "Xuân Ất Dậu 2005" are years; "Luật Đầu tư 2020", "2000 người" are not."""
    year = int(m.group("y"))
    before = text_before(ctx, m.start(), 40)
    lunar = context("lunar_year_before").search(before)
    if lunar:  # "Xuân Ất Dậu 2005": the Gregorian year written after the lunar one
        return Candidate(m.start() - len(before) + lunar.start(), m.end(), When("year", year))
    if context("year_list_before").search(before):  # "năm 1997 và 1998", "các năm 2015, 2016"
        return Candidate(m.start(), m.end(), When("year", year))
    if not context("bare_year_trigger").search(before):
        return None
    if not context("bare_year_end").match(ctx.norm, m.end()) and (
            not 1900 <= year <= 2099 or context("not_after_bare_year").match(ctx.norm, m.end())):
        return veto(ctx, COUNT, m)  # "từ 2006 tập trung vào" is a year; "tăng từ 1995 lên", "đến 2000 người" are counts
    edge = context("edge_before").search(before)
    start = m.start() - len(before) + edge.start() if edge else m.start()
    return Candidate(start, m.end(), When("year", year), edge=edge.group(1) if edge else None)


def on_year_range(m: re.Match[str], ctx: Context) -> Candidate | None:
    first, last = int(m.group("y1")), int(m.group("y2"))
    if not first < last <= first + (100 if m.group("head") else 30):
        return None
    if not m.group("head") and inside_document_name(ctx, m.start()):
        return veto(ctx, INSIDE_A_NAME, m)
    return Candidate(m.start(), m.end(), When("year", first), When("year", last))


def on_decade(m: re.Match[str], ctx: Context) -> Candidate | None:
    if re.match(r"\s*(?:,|và|-|–)\s*\d", ctx.norm[m.end():m.end() + 8]):
        return None  # "các năm 2010, 2011": a list of years, the first is no decade
    if m.group("c"):
        century = int(m.group("c"))
    else:
        century = 20 if (m.group("century") or "").lower() in ("xxi", "21", "này") else 19
    start = century * 100 + int(m.group("d")) * 10
    return Candidate(m.start(), m.end(), When("year", start), When("year", start + 9), period=True)
