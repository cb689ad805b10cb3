"""Pass 2: prepositions and ranges. "từ X" opens an interval (``X/``), "đến X" / "trước X" close one
(``/X``), "X đến Y" / "X - Y" join two expressions (``X/Y``), "từ X đến nay" ends at publication,
"từ nay đến X" starts there. Every result keeps the id of the rule that made it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ...rules import rule_book
from .values import (
    Candidate,
    When,
    borrow_year,
    in_order,
    interval_value,
    not_after,
    now_at,
)
from .vocabulary import context

RULES = rule_book("dates")
JOINED = RULES.rule("range-joined")
SINCE_UNTIL_NOW = RULES.rule("since-until-now")
FROM_NOW_UNTIL = RULES.rule("from-now-until")
OPENED = RULES.rule("preposition-opens")
CLOSED = RULES.rule("preposition-closes")
BARE_DAY = RULES.veto("bare-day-alone")


@dataclass(frozen=True, slots=True)
class Combined:
    start: int  # normalised coordinates
    end: int
    value: str | None
    grain: str
    rule: str


def _preposition(norm: str, start: int) -> tuple[str | None, int]:
    window = norm[max(0, start - 35):start]
    window = window[window.rfind("\n") + 1:]
    for kind in ("now_until", "from", "until"):
        m = context(kind).search(window)
        if m:
            return kind, start - len(window) + m.start()
    return None, start


def combine(norm: str, candidates: list[Candidate], pub: date | None, trace) -> list[Combined]:
    """Apply prepositions and join ranges over the candidates of pass 1 (in order of position)."""
    out: list[Combined] = []
    i = 0
    while i < len(candidates):
        c = candidates[i]
        kind, start = _preposition(norm, c.start)
        following = candidates[i + 1] if i + 1 < len(candidates) else None
        if (following is not None and kind in (None, "from") and not (c.weak and following.weak)
                and context("joiner").fullmatch(norm, c.end, following.start)):
            last = following.last or following.first
            first = borrow_year(c.first, last)
            last = in_order(first, last)
            out.append(Combined(start, following.end, interval_value(first, last), "interval", JOINED))
            i += 2
            continue
        i += 1
        if c.weak and not (out and context("list_joiner").fullmatch(norm, out[-1].end, c.start)):
            trace.veto(BARE_DAY, c.start, c.end)
            continue  # a bare "18/3" counts only in a list after a date: "ngày 28/2 và 18/3"
        now = context("until_now").match(norm, c.end) if kind == "from" else None
        if now:
            first = not_after(c.first, pub)
            if c.edge and c.edge.lower() == "đầu" and first.grain == "year" and first.year:
                first = When("month", first.year, 1)  # "từ đầu năm đến nay": January to now
            out.append(Combined(start, now.end(), interval_value(first, now_at(first.grain, pub)), "interval",
                                SINCE_UNTIL_NOW))
        elif c.last is not None and not (c.period and kind in ("from", "until")):
            rule = c.rule if kind is None else OPENED if kind == "from" else CLOSED
            out.append(Combined(start, c.end, interval_value(c.first, in_order(c.first, c.last)), "interval", rule))
        elif kind == "now_until":  # "từ nay đến năm 2030"
            last = c.first
            if pub and not last.year_written and last.year and last.month and (last.month, last.day or 31) < (
                    pub.month, pub.day):
                last = replace(last, year=last.year + 1)  # "từ nay đến ngày 9-5" looks ahead
            out.append(Combined(start, c.end, interval_value(now_at(last.grain, pub), last), "interval",
                                FROM_NOW_UNTIL))
        elif kind is not None:
            value = (c.last if c.period and kind == "until" else c.first).value()
            if value is not None:
                value = f"{value}/" if kind == "from" else f"/{value}"
            out.append(Combined(start, c.end, value, "interval", OPENED if kind == "from" else CLOSED))
        else:
            out.append(Combined(c.start, c.end, c.first.value(), c.first.grain, c.rule))
    # a preposition or "đến nay" never reaches into a neighbour, but the contract is worth a check
    return [m for i, m in enumerate(out) if i == 0 or out[i - 1].end <= m.start]
