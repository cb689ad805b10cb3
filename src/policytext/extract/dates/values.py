"""Calendar values: a point at a grain (``When``), its ISO 8601 / TIMEX3 value, and resolving years,
weeks, relative units and range ends against the publication date."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .vocabulary import vocabulary

# RECORD.md: a year that cannot be resolved (no publication date, none written) is written as TIMEX3's
# placeholder, so "ngày 30/4" in an undated dump is XXXX-04-30 rather than nothing
PLACEHOLDER_YEAR = "XXXX"


@dataclass(slots=True)
class When:
    """One calendar point at a grain; ``year is None`` means it could not be resolved."""

    grain: str
    year: int | None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    week: int | None = None
    quarter: int | None = None
    half: int | None = None
    year_written: bool = True  # False: the year came from publication, a range's end may fix it

    def value(self) -> str | None:
        """The ISO 8601 / TIMEX3 value; a year that could not be resolved is the placeholder ``XXXX``
        when the rest is known ("ngày 30/4" -> ``XXXX-04-30``), and None when nothing is (a relative
        "hôm qua", "năm nay" with no publication date)."""
        if self.year is None and not self.partly_known():
            return None
        y = PLACEHOLDER_YEAR if self.year is None else f"{self.year:04d}"
        if self.grain == "year":
            return y
        if self.grain == "week":
            return f"{y}-W{self.week:02d}"
        if self.grain == "quarter":
            return f"{y}-Q{self.quarter}"
        if self.grain == "half":
            return f"{y}-H{self.half}"
        if self.grain == "month":
            return f"{y}-{self.month:02d}"
        day = f"{y}-{self.month:02d}-{self.day:02d}"
        if self.grain == "hour":
            return f"{day}T{self.hour:02d}"
        if self.grain == "minute":
            return f"{day}T{self.hour:02d}:{self.minute:02d}"
        return day

    def partly_known(self) -> bool:
        """Without its year, does the point still say something (a month, a day, a quarter, a half)?
        A week, a year or a day without its month says nothing then."""
        if self.grain in ("minute", "hour", "day"):
            return self.month is not None and self.day is not None
        if self.grain == "month":
            return self.month is not None
        if self.grain == "quarter":
            return self.quarter is not None
        if self.grain == "half":
            return self.half is not None
        return False


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    first: When
    last: When | None = None  # set when the expression is itself a range ("10-12/10", "2021 - 2026")
    weak: bool = False  # a bare "30/8" with no trigger: kept only as one end of a range
    edge: str | None = None  # "đầu" / "cuối" / "giữa": in the span, narrows nothing
    period: bool = False  # one named period (a decade), so "từ những năm 1990" opens at its start
    rule: str = ""  # the id of the rule that found it (set by the engine)


def valid_day(year: int | None, month: int, day: int) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: "29/2" without a year is fine
    except ValueError:
        return False
    return True


def day_when(d: date | None, written: bool = False) -> When:
    if d is None:
        return When("day", None)
    return When("day", d.year, d.month, d.day, year_written=written)


def week_when(d: date | None) -> When:
    if d is None:
        return When("week", None)
    iso = d.isocalendar()
    return When("week", iso[0], week=iso[1])


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + by
    return total // 12, total % 12 + 1


def relative_to(unit: str, offset: int, pub: date | None) -> When:
    """The ``unit`` (tuần/tháng/quý/năm) ``offset`` units from the one holding publication."""
    if pub is None:
        return When({"tuần": "week", "tháng": "month", "quý": "quarter"}.get(unit, "year"), None)
    if unit == "tuần":
        return week_when(pub + timedelta(weeks=offset))
    if unit == "tháng":
        year, month = shift_month(pub.year, pub.month, offset)
        return When("month", year, month)
    if unit == "quý":
        index = pub.year * 4 + (pub.month - 1) // 3 + offset
        return When("quarter", index // 4, quarter=index % 4 + 1)
    return When("year", pub.year + offset)


def now_at(grain: str, pub: date | None) -> When:
    """Publication at the grain of an interval's start ("từ năm 1999 đến nay" ends in 2021)."""
    if grain in ("minute", "hour", "day"):
        return day_when(pub)
    if grain == "week":
        return week_when(pub)
    if pub is None:
        return When(grain, None)
    if grain == "month":
        return When("month", pub.year, pub.month)
    if grain == "quarter":
        return When("quarter", pub.year, quarter=(pub.month - 1) // 3 + 1)
    if grain == "half":
        return When("half", pub.year, half=1 if pub.month <= 6 else 2)
    return When("year", pub.year)


def year_or_publication(written: str | None, pub: date | None, month: int | None = None,
                         day: int | None = None) -> tuple[int | None, bool]:
    """The written year, else the publication year: news mostly reports what has happened, so a
    day or month more than half a year after publication ("28/12" in a January article) is last year's."""
    if written:
        return int(written), True
    if pub is None:
        return None, False
    if month is not None and date(pub.year, month, min(day or 1, 28)) > pub + timedelta(days=183):
        return pub.year - 1, False
    return pub.year, False


def adjust_hour(hour: int, part: str | None) -> int:
    """"2 giờ chiều" is 14h: parts of day after noon move an hour written on the 12-hour clock."""
    if not part:
        return hour
    rule = vocabulary().parts_of_day.get(re.sub(r"\s+", " ", part.lower())) or {}
    if "pm_below" in rule and hour < rule["pm_below"] and hour < 12:
        return hour + 12
    if "pm_from" in rule and rule["pm_from"] <= hour < 12:
        return hour + 12
    return hour


def time_of(m: re.Match[str], tag: str) -> tuple[int | None, int | None]:
    hour = m.group(f"{tag}h")
    if hour is None:
        return None, None
    minute = m.group(f"{tag}m") or m.group(f"{tag}m2")
    return int(hour), (int(minute) if minute else None)


def with_time(when: When, hour: int | None, minute: int | None, part: str | None) -> When:
    if hour is None:
        return when  # an unresolved day ("22h30 tối qua" with no publication date) keeps the time's grain
    hour = adjust_hour(hour, part)
    if minute is None:
        return replace(when, grain="hour", hour=hour)
    return replace(when, grain="minute", hour=hour, minute=minute)


def anchored(when: When, direction: str, pub: date) -> When:
    """A day whose year was guessed, moved to the side of publication "tới" / "vừa qua" names."""
    if when.year_written or when.year is None or not when.month:
        return when
    day = (when.month, when.day or 1)
    if direction == "future":
        year = pub.year + (day < (pub.month, pub.day))
    elif direction == "past":
        year = pub.year - (day > (pub.month, pub.day))
    else:  # "này": the nearest such day
        year = min((pub.year - 1, pub.year, pub.year + 1),
                   key=lambda y: abs((date(y, day[0], min(day[1], 28)) - pub).days))
    return replace(when, year=year)


def resolve_weekday(weekday: int, direction, pub: date | None) -> date | None:
    if pub is None:
        return None
    today = pub.isoweekday()
    if isinstance(direction, int):  # "thứ Hai tuần trước": that day of the week named
        return pub + timedelta(days=weekday - today + 7 * direction)
    past = pub - timedelta(days=(today - weekday) % 7)
    future = pub + timedelta(days=(weekday - today - 1) % 7 + 1)
    if direction == "past":
        return past
    if direction == "future":
        return future
    return past if (pub - past) <= (future - pub) else future


def quarter_number(text: str) -> int:
    return int(text) if text.isdigit() else vocabulary().roman[text]


def interval_value(first: When, last: When) -> str | None:
    a, b = first.value(), last.value()
    return f"{a}/{b}" if a and b else None


def borrow_year(first: When, last: When) -> When:
    """"từ tháng 11 đến tháng 2/2022": the start takes its year from the written end."""
    if first.year_written or not last.year_written or last.year is None:
        return first
    year = last.year
    if first.month and last.month and (first.month, first.day or 0) > (last.month, last.day or 0):
        year -= 1
    return replace(first, year=year, year_written=True)


def in_order(first: When, last: When) -> When:
    """"từ 1/8 đến 31/12" read in June: a guessed year put the end before the start, so the end moves on a year."""
    if last.year_written or first.year is None or last.year is None or not (first.month and last.month):
        return last
    if (first.year, first.month, first.day or 1) > (last.year, last.month, last.day or 31):
        return replace(last, year=last.year + 1)
    return last


def not_after(when: When, pub: date | None) -> When:
    """"từ 1/10 đến nay" read in June: a start that runs up to now lies before it, so last year."""
    if when.year_written or pub is None or when.year is None or not when.month:
        return when
    if (when.year, when.month, when.day or 1) > (pub.year, pub.month, pub.day):
        return replace(when, year=when.year - 1)
    return when
