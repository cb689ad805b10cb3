"""Day rules: numbers ("30/8", "10-12/10", "30/5-3/6", "9.5.1945-9.5.2005"), ISO dates, spelled days
("ngày 5 tháng 3 năm 2021"), relative days ("hôm qua", "sáng nay"), weekdays and lunar days; with their
hours and parts of day."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from .context import (
    COUNT,
    ORDINAL,
    RECURRING,
    Context,
    after_ordinal_noun,
    anchor_is_a_verb,
    bare_day_is_date,
    ordinal_day,
    text_before,
    veto,
)
from .values import (
    Candidate,
    When,
    anchored,
    borrow_year,
    day_when,
    relative_to,
    resolve_weekday,
    time_of,
    valid_day,
    with_time,
    year_or_publication,
)
from .vocabulary import context, lookup, norm_key, vocabulary


def _group(m: re.Match[str], name: str) -> str | None:
    """A named group's text, None when this rule's pattern has no such group."""
    return m.groupdict().get(name)


def _after_ordinal(m: re.Match[str], ctx: Context) -> bool:
    """"lần thứ hai, ngày 11-12": the weekday opening the match is an ordinal; the date alone is found
    from "ngày"."""
    if m.group("wd") and m.start("wd") == m.start() and after_ordinal_noun(ctx, m.start()):
        veto(ctx, ORDINAL, m)
        return True
    return False


def _led(m: re.Match[str]) -> bool:
    """A time, part of day, weekday or "ngày" stands before the day."""
    return any(m.group(g) for g in ("ah", "pb", "wd", "kw"))


def on_full_dates(m: re.Match[str], ctx: Context) -> Candidate | None:
    return None if _after_ordinal(m, ctx) else _range_of_full_dates(m)


def on_range_across_months(m: re.Match[str], ctx: Context) -> Candidate | None:
    return None if _after_ordinal(m, ctx) else _range_across_months(m, ctx, _led(m))


def on_written_day(m: re.Match[str], ctx: Context) -> Candidate | None:
    """A day written with numbers or words ("30/8", "10-12/10", "2021-08-30", "ngày 5 tháng 3")."""
    if _after_ordinal(m, ctx):
        return None
    if context("each").search(text_before(ctx, m.start(), 8)):
        return veto(ctx, RECURRING, m)  # "mỗi ngày 7-10 điểm": every day
    found = _written_day(m, ctx, _led(m))
    return None if found is None else _finish_day(m, ctx, *found)


def on_relative_day(m: re.Match[str], ctx: Context) -> Candidate | None:
    if _after_ordinal(m, ctx):
        return None
    when = _relative_day(m, ctx)
    return None if when is None else _finish_day(m, ctx, when, None, False)


def _finish_day(m: re.Match[str], ctx: Context, when: When, last: When | None, weak: bool) -> Candidate:
    """A day with what surrounds it: "tới"/"vừa qua" (which fix a guessed year), hours, part of day."""
    end, anchor = m.end(), m.group("anchor")
    if anchor and anchor_is_a_verb(ctx, m.end("anchor")):
        end, anchor = len(ctx.norm[:m.start("anchor")].rstrip()), None  # "ngày 15/6 tới Hà Nội": went to
    if anchor and ctx.pub is not None:  # "ngày 10/8 tới": the next 10 August
        direction = lookup(vocabulary().day_anchors, anchor)
        when, last = anchored(when, direction, ctx.pub), last and anchored(last, direction, ctx.pub)
    part = m.group("pa") or m.group("pb") or m.group("pc")
    hour, minute = time_of(m, "a")
    if hour is None and end == m.end():
        hour, minute = time_of(m, "b")
    if last is None:
        from_hour, from_minute = time_of(m, "z")
        if from_hour is not None:  # "từ 13h đến 17h chiều 1/11"
            last = with_time(when, hour, minute, part)
            when = with_time(when, from_hour, from_minute, m.group("pz") or part)
        else:
            when = with_time(when, hour, minute, part)
    return Candidate(m.start(), end, when, last, weak=weak)


def _relative_day(m: re.Match[str], ctx: Context) -> When | None:
    """"hôm qua", "sáng nay", "ngày mai"; a date written after it wins ("hôm qua, 19-1")."""
    v = vocabulary()
    if _group(m, "prel") and not (_group(m, "pa") or _group(m, "pb")):
        return None  # "nay", "qua", "mai" alone are not dates
    if re.search(r"(?<!\w)một\s+$", text_before(ctx, m.start(), 6), re.I) or context("vague_word_before").search(text_before(ctx, m.start(), 12)):
        return None  # "một ngày kia": some day; "mấy đêm nay": these past nights
    needs_date = {norm_key(w) for w in v.raw["relative_days_needing_date"]}
    if not _group(m, "xd") and re.sub(r"\s+", " ", (_group(m, "rel") or "").lower()) in needs_date:
        return None  # "Ngày kia, mẹ chàng ốm": one day, in a story
    if _group(m, "xd"):
        day, month = int(_group(m, "xd")), int(_group(m, "xm"))
        year, year_written = year_or_publication(_group(m, "xy"), ctx.pub, month, day)
        if not valid_day(year, month, day):
            return None
        return When("day", year, month, day, year_written=year_written)
    offset = lookup(v.relative_days, _group(m, "rel")) if _group(m, "rel") else lookup(
        v.after_part_of_day, _group(m, "prel"))
    return day_when(ctx.pub + timedelta(days=offset) if ctx.pub else None)


def _range_of_full_dates(m: re.Match[str]) -> Candidate | None:
    """"(9.5.1945-9.5.2005)", "7/5/1954-7/5/2004": two written dates, one interval."""
    first, last = (When("day", int(m.group(f"{s}y")), int(m.group(f"{s}m")), int(m.group(f"{s}d")))
                   for s in ("f", "g"))
    if not (valid_day(first.year, first.month, first.day) and valid_day(last.year, last.month, last.day)):
        return None
    if (first.year, first.month, first.day) >= (last.year, last.month, last.day):
        return None
    return Candidate(m.start(), m.end(), first, last)


def _range_across_months(m: re.Match[str], ctx: Context, led: bool) -> Candidate | None:
    """"30/5-3/6": from one day to another, the year of the right side applying to the left."""
    day, month = int(m.group("cd2")), int(m.group("cm2"))
    year, year_written = year_or_publication(m.group("cy"), ctx.pub, month, day)
    last = When("day", year, month, day, year_written=year_written)
    first_year, _ = year_or_publication(None, ctx.pub, int(m.group("cm")), int(m.group("cd")))
    first = borrow_year(When("day", first_year, int(m.group("cm")), int(m.group("cd")), year_written=False), last)
    if not (valid_day(first.year, first.month, first.day) and valid_day(year, month, day)):
        return None
    if not (m.group("cy") or led or bare_day_is_date(ctx, m.start(), m.end())):
        return None
    return Candidate(m.start(), m.end(), first, last)


def _written_day(m: re.Match[str], ctx: Context, led: bool) -> tuple[When, When | None, bool] | None:
    """A day written with numbers: (the day or a range's first day, the range's last day, weak)."""
    if _group(m, "d"):  # "10-12/10": a range of days in one month
        day1, day, month, written = int(_group(m, "d1")), int(_group(m, "d")), int(_group(m, "rm")), _group(m, "ry")
        if day1 >= day or _group(m, "rsep") != _group(m, "rsep").strip() and not (written or _group(m, "kw")):
            return None
    elif _group(m, "iy"):
        day, month, written = int(_group(m, "id")), int(_group(m, "im")), _group(m, "iy")
    elif _group(m, "nd"):
        day, month, written = int(_group(m, "nd")), int(_group(m, "nm")), _group(m, "ny")
        sep = _group(m, "sep")
        if (sep == "." or sep != sep.strip()) and not (written or _group(m, "kw")):
            return veto(ctx, COUNT, m)  # "1.5" is a number, "5 - 6" a count; "Ngày 27.4", "Ngày 25- 4" are days
    else:
        day, month, written = int(_group(m, "ld")), int(_group(m, "lm")), _group(m, "ly")
        if not (written or _group(m, "kw")):
            return veto(ctx, COUNT, m)  # "15 tháng 3" without "ngày" or a year may be a duration
    year, year_written = year_or_publication(written, ctx.pub, month, day)
    relative_year = _group(m, "nyr") or _group(m, "lyr")
    if relative_year and not led and (relative_year.lower() == "trước" or (
            (_group(m, "sep") or "").strip() == "-" and not bare_day_is_date(ctx, m.start(), m.end("nm")))):
        return veto(ctx, COUNT, m)  # "5-6 năm trước", "trong 5-10 năm tới": a count of years, not 5 June
    if relative_year:  # "1/7 năm nay", "ngày 30/4 năm ngoái"
        written = relative_year
        year = relative_to("năm", lookup(vocabulary().relative_units["năm"], relative_year), ctx.pub).year
        year_written = True
    if not valid_day(year, month, day) or context("lunar").match(ctx.norm, m.end()):
        return None  # no such day, or a lunar date ("10 tháng 3 âm lịch") we cannot convert
    if not written and context("yearly").match(ctx.norm, m.end()):
        return veto(ctx, RECURRING, m)  # "ngày 20 tháng 11 hằng năm": every year, no calendar day
    weak = False
    if not written and not led:
        if context("unit_after").match(ctx.norm, m.end()) or context("fraction_before").search(text_before(ctx, m.start(), 25)):
            return veto(ctx, COUNT, m)  # "1/2 năm", "(1-2) năm", "giảm xuống 1/3": a fraction or a count
        if ((_group(m, "sep") or "").strip() == "-" and re.search(r"(?<!\w)từ\s+$", text_before(ctx, m.start(), 8), re.I)
                and not context("bare_year_end").match(ctx.norm, m.end())):
            return veto(ctx, COUNT, m)  # "từ 1-3 môn học" is a count; "từ 11-4 đến nay", "từ 11-4." are dates
        weak = not bare_day_is_date(ctx, m.start(), m.end())
    when = When("day", year, month, day, year_written=year_written)
    if _group(m, "d"):
        return replace(when, day=day1), when, weak
    return when, None, weak


def on_lunar_day(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"ngày 18 Tết", "ngày 19 tháng Giêng", "rằm tháng 7", "ngày 19/2 năm Bính Tuất": a day of the
    lunar calendar. Converting it needs a lunar table we do not ship, so its value stays null."""
    words = {norm_key(w) for w in vocabulary().raw["lunar_month_names"]}
    month = m.group("m") or m.group("fm")
    named_month = month is not None and month.lower() in words
    lunar = (m.group("tet") or m.group("full") or m.group("marker") or named_month
             or (m.group("kw") or "").lower() in ("mùng", "mồng"))
    if not lunar or context("yearly").match(ctx.norm, m.end()):
        return veto(ctx, RECURRING, m) if lunar else None  # "ngày rằm tháng Giêng hằng năm" recurs
    return Candidate(m.start(), m.end(), When("day", None))


def on_weekday(m: re.Match[str], ctx: Context) -> Candidate | None:
    v = vocabulary()
    anchor = m.group("anchor")
    led = m.group("pa") or m.group("pb") or m.group("kw") or context("weekday_trigger").search(
        text_before(ctx, m.start()))
    if not (led or (anchor and lookup(v.weekday_anchors, anchor) != "nearest")):
        return veto(ctx, ORDINAL, m)  # "Thứ hai, ..." opening a task, "loại giấy thứ hai này": ordinals
    if not anchor and m.start("wd") == m.start() and after_ordinal_noun(ctx, m.start()):
        return veto(ctx, ORDINAL, m)  # "lần thứ hai"; "phiên thứ 6 tuần trước" is last week's Friday
    if not (m.group("ah") or m.group("pa") or m.group("pb") or anchor) and ordinal_day(m, ctx):
        return veto(ctx, ORDINAL, m)  # "Ngày thứ 3, đoàn đi Huế", "ngày thứ 2 tăng giá": the third, the second day
    if not (m.group("pa") or m.group("pb") or anchor) and context("ordinal_day").match(ctx.norm, m.end()):
        return veto(ctx, ORDINAL, m)  # "ngày thứ tư của hội nghị": the fourth day
    before = text_before(ctx, m.start(), 40)
    if (context("vague_before").search(before) or context("weekday_set").search(before)
            or context("weekly").match(ctx.norm, m.end())):
        return veto(ctx, RECURRING, m)  # "các ngày thứ bảy, chủ nhật hằng tuần": every week, no calendar day
    weekday = lookup(v.weekdays, m.group("wd"))
    # "hôm thứ Năm" is a day gone by; a bare weekday is the nearest one
    direction = lookup(v.weekday_anchors, anchor) if anchor else (
        "past" if (m.group("kw") or "").lower() == "hôm" else "nearest")
    when = day_when(resolve_weekday(weekday, direction, ctx.pub))
    hour, minute = time_of(m, "a")
    return Candidate(m.start(), m.end(), with_time(when, hour, minute, m.group("pa") or m.group("pb")))
