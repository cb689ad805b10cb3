"""Date values on a timeline: the first and last calendar day a RECORD.md date value covers.

``value_bounds("2021-Q3")`` is (2021-07-01, 2021-09-30); an interval runs from its start's first day
to its end's last day (``"2021/2026"``: 2021-01-01 to 2026-12-31); an open side has no day
(``"2021-04/"``: 2021-04-01 and None); a partial value (``"XXXX-04-30"``: the year unknown), a null
value or anything unreadable has neither. The run's ``dates`` table carries these as the typed
columns ``date_start`` and ``date_end``, so a timeline is one ``groupby``.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from .startcache import compile_regex

_POINT = compile_regex(
    r"(?P<y>\d{4})(?:"
    r"-W(?P<w>\d{2})"
    r"|-Q(?P<q>[1-4])"
    r"|-H(?P<h>[12])"
    r"|-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T\d{2}(?::\d{2})?)?)?"
    r")?")

Bounds = tuple[date | None, date | None]


def point_bounds(value: str) -> Bounds:
    """First and last day of one point value ("2021-08-30T20", "2021-W34", "2021-08", "2021-H2" …)."""
    m = _POINT.fullmatch(value)
    if m is None:
        return None, None
    year = int(m["y"])
    try:
        if m["w"]:
            monday = date.fromisocalendar(year, int(m["w"]), 1)
            return monday, monday + timedelta(days=6)
        if m["q"] or m["h"]:
            months = 3 if m["q"] else 6
            first = (int(m["q"] or m["h"]) - 1) * months + 1
            last = first + months - 1
            return date(year, first, 1), date(year, last, monthrange(year, last)[1])
        if m["d"]:
            day = date(year, int(m["m"]), int(m["d"]))
            return day, day
        if m["m"]:
            month = int(m["m"])
            return date(year, month, 1), date(year, month, monthrange(year, month)[1])
    except ValueError:  # no such day, week or month
        return None, None
    if not 1 <= year <= 9999:
        return None, None
    return date(year, 1, 1), date(year, 12, 31)


def value_bounds(value: str | None) -> Bounds:
    """(first day, last day) that ``value`` covers; None for an open side, a partial or null value."""
    if not value:
        return None, None
    if "/" not in value:
        return point_bounds(value)
    start, _, end = value.partition("/")
    first = point_bounds(start)[0] if start else None
    last = point_bounds(end)[1] if end else None
    return first, last
