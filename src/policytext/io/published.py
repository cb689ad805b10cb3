"""Publication dates as written in dumps and pages -> ISO 8601 strings (Vietnam time by default)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

from ..match.patterns import longest_phrase_first
from ..startcache import compile_regex
from ..resources import load_yaml

VIETNAM = timezone(timedelta(hours=7))  # times without an offset in Vietnamese news are local time


_DMY = compile_regex(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_YMD = compile_regex(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_TIME = compile_regex(r"(?<![\d:])(\d{1,2})\s*[:hg]\s*(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(AM|PM|SA|CH)?(?![\d:])",
                   re.IGNORECASE)
_ZONE = compile_regex(r"\(?\s*(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\s*\)?|(?<=\d)Z\b|(?<=\d)([+-])(\d{2}):?(\d{2})\b")
_LEFTOVER = compile_regex(r"[\s,;|()\[\]\-–—:.T]+|\b(?:ngày|lúc|giờ|vào)\b", re.IGNORECASE)


def parse_published(value: Any) -> str | None:
    """A publication date as ISO 8601: ``2021-08-30T20:01:00+07:00`` or ``2021-08-30``; None if unreadable.

    Accepts ISO strings, Vietnamese ``30/08/2021 - 20:01`` (weekday and GMT+7 allowed), RFC 2822
    (RSS) and Unix timestamps. Times without an offset are taken as Vietnam time (+07:00).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds in many JS-made dumps
        try:
            return datetime.fromtimestamp(seconds, VIETNAM).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip() or len(value) > 120:
        return None
    value = value.strip()
    if value.isdigit() and len(value) >= 9:
        return parse_published(int(value))
    parsed = parse_date_line(value, strict=False)
    if parsed:
        return parsed
    from email.utils import parsedate_to_datetime  # RSS dates only: email.utils takes ~20 ms to import

    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)).isoformat()


def parse_date_line(line: str, strict: bool) -> str | None:
    """ISO date of a line holding only a date (and time, weekday, zone); with strict=False, any text."""
    date = _DMY.search(line)
    if date:
        day, month, year = (int(g) for g in date.groups())
    else:
        date = _YMD.search(line)
        if not date:
            return None
        year, month, day = (int(g) for g in date.groups())
    rest = line[:date.start()] + " " + line[date.end():]
    zone = _ZONE.search(rest)
    offset = VIETNAM
    if zone:
        if zone.group(0) == "Z":
            offset = timezone.utc
        else:
            sign, hours, minutes = (zone.group(1), zone.group(2), zone.group(3)) if zone.group(1) else (
                zone.group(4), zone.group(5), zone.group(6))
            delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
            offset = timezone(-delta if sign == "-" else delta)
        rest = rest[:zone.start()] + " " + rest[zone.end():]
    time = _TIME.search(rest)
    hour = minute = second = None
    if time:
        hour, minute = int(time.group(1)), int(time.group(2))
        second = int(time.group(3) or 0)
        meridiem = (time.group(4) or "").upper()
        if meridiem in ("PM", "CH") and hour < 12:
            hour += 12
        elif meridiem in ("AM", "SA") and hour == 12:
            hour = 0
        rest = rest[:time.start()] + " " + rest[time.end():]
    if strict and _LEFTOVER.sub("", _without_date_words(rest)):
        return None
    try:
        if hour is None:
            return datetime(year, month, day).date().isoformat()
        return datetime(year, month, day, hour, minute, second, tzinfo=offset).isoformat()
    except ValueError:
        return None


def _without_date_words(text: str) -> str:
    return _date_words().sub(" ", text)


@lru_cache(maxsize=None)
def _date_words() -> re.Pattern[str]:
    vocabulary = load_yaml("readers.yaml")
    words = sorted(vocabulary["weekdays"] + vocabulary["date_prefixes"], key=longest_phrase_first)
    return compile_regex(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)
