"""Dates: every expression naming a calendar point or period, with an ISO 8601 / TIMEX3 value.

Two passes over ``doc.norm``:

1. Expressions. A handful of patterns (days with their time and part of day, weekdays, months,
   quarters, half-years, years, ranges of years, decades, relative units, "N năm trước") each find
   candidates; a handler validates one (a real date, a trigger word before a bare "30/8", not the
   year inside "Hiến pháp năm 2013") and resolves it against the publication date. The longest
   candidates win, so "giai đoạn 2021 - 2026" is one range, not two years.
2. Prepositions and ranges. "từ X" opens an interval (``X/``), "đến X" / "trước X" close one
   (``/X``), "X đến Y" / "X - Y" join two expressions (``X/Y``), "từ X đến nay" ends at publication.

Relative expressions and days without a year need ``doc.published``; without it their value is None
but they are still reported (a time keeps its grain: "22h30 tối qua" is minute, value None). When a
guessed year would put a range's end before its start ("từ 1/8 đến 31/12" read in June), the end moves
on a year; a start running "đến nay" never lies after publication. All vocabulary is in
resources/dates.yaml.

Decisions on cases RECORD.md leaves open:

- Birth years are dates (RECORD.md), grain year: "sinh năm 1970" -> "năm 1970" (as the dev gold),
  "SN 1989" -> "SN 1989" (the abbreviation of "sinh năm" is the temporal word), "(sinh 1979)" -> "1979",
  and a bare "(1969)" -> "1969" only right after a capitalised personal name that starts with a family
  name (three syllables, or two after "ông", "bà", "bị cáo" …), as court and crime news write people;
  "Kế hoạch (2005)", "Hà Nội (2005)" are not. Ages ("45 tuổi") never are.
- "3 ngày trước (đây)" is a day counted back from publication, like "3 năm trước": a TIMEX3 date,
  not a duration ("trong 3 ngày" is the duration).
- A run of listed months is one interval, like "tháng 11, 12": "các tháng 5, 6 và 7-2005" ->
  ``2005-05/2005-07``; a list with gaps ("tháng 3, 5 và 9") gives its first month only.
- Two full dates joined by a dash are one interval: "(9.5.1945-9.5.2005)" -> ``1945-05-09/2005-05-09``.
- "tới" / "vừa qua" / "này" after a day belong to its span (gold README) and put a guessed year on
  that side of publication: "ngày 10/3 tới" read in June is next March; "tới" before another date,
  "nay" or a capitalised name is the verb or the range joiner ("từ 1/7 tới 30/9", "tới Hà Nội").
- Hour grain is written TIMEX3 style, ``2005-12-13T15``; every other value has one of RECORD.md's forms.
- An expression starts a word: "đầu" in "bắt đầu tuần" is no edge, "thứ hai" after "lần" is an
  ordinal, "Ngày thứ 3," and "Ngày kia," (without a date after) open a narrative, "mỗi tháng 2-3
  triệu" and "hàng chục năm nay" count.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable

from ..document import Document
from ..model import DateMention
from ..resources import load_yaml
from ..text.normalize import normalize_string

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUM_START = r"(?<![\w.,/-])"  # not inside a number, a code or a word
_NUM_END = r"(?![\w/]|[.,:-]\d)"  # "15/20" of "15/2020/NĐ-CP" or "1.000" is no date
_ROMAN = r"(?-i:IV|I{1,3})"
_SPACE = r"[^\S\n]"  # white space within a line
_AGO_END = re.compile(r"\s*(?:[,.;:)!?…\"”]|$)|\s+(?:đã|thì|là|và|mới)(?!\w)")  # "3 năm trước, ..."


@dataclass(slots=True)
class _When:
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
        y = self.year
        if y is None:
            return None
        if self.grain == "year":
            return f"{y:04d}"
        if self.grain == "week":
            return f"{y:04d}-W{self.week:02d}"
        if self.grain == "quarter":
            return f"{y:04d}-Q{self.quarter}"
        if self.grain == "half":
            return f"{y:04d}-H{self.half}"
        if self.grain == "month":
            return f"{y:04d}-{self.month:02d}"
        day = f"{y:04d}-{self.month:02d}-{self.day:02d}"
        if self.grain == "hour":
            return f"{day}T{self.hour:02d}"
        if self.grain == "minute":
            return f"{day}T{self.hour:02d}:{self.minute:02d}"
        return day


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    first: _When
    last: _When | None = None  # set when the expression is itself a range ("10-12/10", "2021 - 2026")
    weak: bool = False  # a bare "30/8" with no trigger: kept only as one end of a range
    edge: str | None = None  # "đầu" / "cuối" / "giữa": in the span, narrows nothing
    period: bool = False  # one named period (a decade), so "từ những năm 1990" opens at its start


# --- vocabulary --------------------------------------------------------------------------------


def _norm_key(word: str) -> str:
    return normalize_string(str(word)).lower()


def _alternation(words) -> str:
    """Regex alternation of phrases, longest first, any run of spaces inside a phrase allowed."""
    unique = sorted({_norm_key(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


def _lookup(table: dict, phrase: str):
    return table[re.sub(r"\s+", " ", phrase.lower())]


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    parts_of_day: dict
    weekdays: dict
    weekday_anchors: dict
    relative_days: dict
    after_part_of_day: dict
    day_anchors: dict
    relative_units: dict
    number_words: dict
    roman: dict
    raw: dict


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    data = load_yaml("dates.yaml")

    def keyed(table: dict) -> dict:
        return {_norm_key(k): v for k, v in table.items()}

    return _Vocabulary(
        parts_of_day=keyed(data["parts_of_day"]),
        weekdays=keyed(data["weekdays"]),
        weekday_anchors=keyed(data["weekday_anchors"]),
        relative_days=keyed(data["relative_days"]),
        after_part_of_day=keyed(data["after_part_of_day"]),
        day_anchors=keyed(data["day_anchors"]),
        relative_units={_norm_key(u): keyed(t) for u, t in data["relative_units"].items()},
        number_words=keyed(data["number_words"]),
        roman={str(k): v for k, v in data["roman_numerals"].items()},
        raw=data,
    )


def _words(key: str) -> str:
    return _alternation(_vocabulary().raw[key])


def _edges() -> str:
    """An edge word ("đầu", "cuối") that starts a word: not the "đầu" of "bắt đầu tuần" or "dẫn đầu năm"."""
    compounds = _vocabulary().raw["edge_compound_heads"]
    alternatives = []
    for edge in sorted({_norm_key(e) for e in _vocabulary().raw["edges"]}, key=len, reverse=True):
        heads = {_norm_key(h) for e, hs in compounds.items() if _norm_key(e) == edge for h in hs}
        not_after = "".join(rf"(?<!(?<!\w){re.escape(head)}\s)" for head in sorted(heads))
        alternatives.append(not_after + re.escape(edge).replace(r"\ ", r"\s+"))
    return rf"(?:{'|'.join(alternatives)})"


# --- resolution helpers ----------------------------------------------------------------------


def _valid_day(year: int | None, month: int, day: int) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: "29/2" without a year is fine
    except ValueError:
        return False
    return True


def _day(d: date | None, written: bool = False) -> _When:
    if d is None:
        return _When("day", None)
    return _When("day", d.year, d.month, d.day, year_written=written)


def _week(d: date | None) -> _When:
    if d is None:
        return _When("week", None)
    iso = d.isocalendar()
    return _When("week", iso[0], week=iso[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + by
    return total // 12, total % 12 + 1


def _relative(unit: str, offset: int, pub: date | None) -> _When:
    """The ``unit`` (tuần/tháng/quý/năm) ``offset`` units from the one holding publication."""
    if pub is None:
        return _When({"tuần": "week", "tháng": "month", "quý": "quarter"}.get(unit, "year"), None)
    if unit == "tuần":
        return _week(pub + timedelta(weeks=offset))
    if unit == "tháng":
        year, month = _shift_month(pub.year, pub.month, offset)
        return _When("month", year, month)
    if unit == "quý":
        index = pub.year * 4 + (pub.month - 1) // 3 + offset
        return _When("quarter", index // 4, quarter=index % 4 + 1)
    return _When("year", pub.year + offset)


def _now_at(grain: str, pub: date | None) -> _When:
    """Publication at the grain of an interval's start ("từ năm 1999 đến nay" ends in 2021)."""
    if grain in ("minute", "hour", "day"):
        return _day(pub)
    if grain == "week":
        return _week(pub)
    if pub is None:
        return _When(grain, None)
    if grain == "month":
        return _When("month", pub.year, pub.month)
    if grain == "quarter":
        return _When("quarter", pub.year, quarter=(pub.month - 1) // 3 + 1)
    if grain == "half":
        return _When("half", pub.year, half=1 if pub.month <= 6 else 2)
    return _When("year", pub.year)


def _year_or_publication(written: str | None, pub: date | None, month: int | None = None,
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


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _vocabulary().number_words.get(re.sub(r"\s+", " ", word.lower()))


def _adjust_hour(hour: int, part: str | None) -> int:
    """"2 giờ chiều" is 14h: parts of day after noon move an hour written on the 12-hour clock."""
    if not part:
        return hour
    rule = _vocabulary().parts_of_day.get(re.sub(r"\s+", " ", part.lower())) or {}
    if "pm_below" in rule and hour < rule["pm_below"] and hour < 12:
        return hour + 12
    if "pm_from" in rule and rule["pm_from"] <= hour < 12:
        return hour + 12
    return hour


# --- context checks ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    norm: str
    pub: date | None


@lru_cache(maxsize=1)
def _context_patterns() -> dict[str, re.Pattern[str]]:
    v = _vocabulary()
    data = v.raw
    numbers = _alternation(data["number_words"])
    name_heads = "|".join(re.escape(normalize_string(head)) for head in data["name_heads"])
    sexagenary = _sexagenary()
    return {
        "day_trigger": re.compile(rf"(?:(?<!\w)(?:{_words('day_triggers')})\s+|\(\s*)$", re.I),
        "sentence_start": re.compile(r"(?:^|[.!?…]\s+|\s[-–—]\s+)$"),
        "bare_year_trigger": re.compile(rf"(?<!\w)(?:{_words('bare_year_triggers')})\s+$", re.I),
        "bare_year_end": re.compile(r"\s*(?:[,.;:)!?…\"”]|$|\n|[-–—]|(?:và|đến|tới)(?!\w))", re.I),
        "lunar_year_before": re.compile(
            rf"(?<!\w)(?:(?:xuân|tết(?:\s+nguyên\s+đán)?)\s+)?{sexagenary}\s+$",
            re.I),
        "year_list_before": re.compile(r"(?<!\w)năm\s+\d{4}(?:\s*(?:,|và|hoặc)\s*\d{4})*\s*(?:,|và|hoặc)\s*$", re.I),
        "not_after_bare_year": re.compile(
            rf"\s*(?:{_words('count_units')}|{_words('not_after_bare_year')})(?!\w)|\s*[\d.,]", re.I),
        "edge_before": re.compile(rf"(?<!\w)({_edges()})\s+$", re.I),
        "vague_before": re.compile(
            rf"(?:(?:(?<!\w)(?:{_words('vague_before')})|\d|(?<!\w)(?:{numbers}))\s+|\d\s*[-–]\s*)$", re.I),
        "vague_word_before": re.compile(rf"(?<!\w)(?:{_words('vague_before')})\s+$", re.I),
        "not_birth_before_sinh": re.compile(rf"(?<!\w)(?:{_words('not_birth_before_sinh')})\s+$", re.I),
        "breaker_after": re.compile(rf"\s+(?:{_words('relative_breakers')})(?!\w)", re.I),
        # case-sensitive: "Luật Đất đai năm 2013" is a name, "theo luật năm 2013" is not
        "name_head": re.compile(rf"(?<!\w)(?:{name_heads})(?!\w)"),
        "name_breaker": re.compile(rf"(?<!\w)(?:{_words('name_breakers')})(?!\w)", re.I),
        "weekday_trigger": re.compile(rf"(?<!\w)(?:{_words('weekday_triggers')})\s+$", re.I),
        # "từ 1/7 tới nay", "tới ngày 30/9": "tới" goes on to another date, it does not place this one
        "after_verb_anchor": re.compile(
            rf"(?:ngày|hôm|tháng|năm|quý|hết|cuối|đầu|giữa|{_words('now_words')})(?!\w)", re.I),
        "each": re.compile(rf"(?<!\w)(?:{_words('each_words')})\s+$", re.I),
        "ordinal_noun": re.compile(rf"(?<!\w)(?:{_words('ordinal_nouns')})\s+$", re.I),
        # "xuống 1/3" and the "1/4" of "xuống 1/3 đến 1/4 giá"
        "fraction_before": re.compile(
            rf"(?<!\w)(?:{_words('fraction_before')})\s+(?:\d{{1,2}}[/-]\d{{1,2}}\s*(?:đến|tới|-|–)\s*)?$", re.I),
        "month_name_before": re.compile(rf"(?<!\w)(?:{_words('month_name_before')})\s+$", re.I),
        "yearly": re.compile(rf"\s*,?\s*(?:{_words('yearly')})(?!\w)", re.I),
        # "các ngày thứ năm, thứ sáu", "các tối thứ bảy và sáng chủ nhật": a set of weekdays
        "weekday_set": re.compile(
            rf"(?<!\w)(?:{_words('vague_before')})\s+(?:(?:ngày|hôm|{_words('parts_of_day')}|{_words('weekdays')})"
            rf"\s*(?:,|và|hoặc)?\s*)+$", re.I),
        "weekly": re.compile(rf"[\s,]+(?:chủ\s+nhật\s+)?(?:{_words('weekly')})(?!\w)", re.I),
        "ordinal_day": re.compile(rf"\s+(?:{_words('ordinal_day_followers')})(?!\w)", re.I),
        "edge_year_trigger": re.compile(rf"(?<!\w)(?:{_words('edge_year_triggers')})\s+$", re.I),
        "not_calendar_year": re.compile(rf"\s+(?:\d|(?:{_words('not_calendar_year')})(?!\w))", re.I),
        "lunar": re.compile(rf"\s*\(?\s*(?:{_words('lunar')}|năm\s+{sexagenary})"
                           r"(?!\w)", re.I),
        # "1/2 năm", "(1-2) năm": a fraction or a count of units ("1/7 năm nay" is a date)
        "unit_after": re.compile(rf"\)?[^\S\n]*(?:năm(?![^\S\n]+(?:nay|ngoái|tới|\d))|{_words('count_units')})(?!\w)",
                                 re.I),
        "from": re.compile(rf"(?<!\w)(?:{_words('from_prepositions')})\s+$", re.I),
        "until": re.compile(rf"(?<!\w)(?:{_words('until_prepositions')})\s+$", re.I),
        "list_joiner": re.compile(r"[ \t]*(?:,|và|hoặc)[ \t]*", re.I),
        "joiner": re.compile(rf"[ \t]*(?:{_words('interval_joiners')})[ \t]*", re.I),
        "now_until": re.compile(
            rf"(?<!\w)(?:{_words('from_now')})\s+(?:{_words('until_prepositions')})\s+$", re.I),
        "until_now": re.compile(rf"\s*(?:cho\s+)?(?:đến|tới)\s+(?:{_words('now_words')})(?!\w)", re.I),
    }


def _sexagenary() -> str:
    """A year of the sexagenary cycle: "Ất Dậu", "Bính Tuất"."""
    return rf"(?:{_words('lunar_stems')})\s+(?:{_words('lunar_branches')})"


def _before(ctx: _Context, start: int, width: int = 30) -> str:
    """The text just before ``start`` on the same line."""
    window = ctx.norm[max(0, start - width):start]
    return window[window.rfind("\n") + 1:]


def _bare_day_is_date(ctx: _Context, start: int, end: int) -> bool:
    """"30/8" is a date after a trigger word, in parentheses, or opening a sentence with a comma."""
    p = _context_patterns()
    before = _before(ctx, start)
    if p["day_trigger"].search(before):
        if before.rstrip().endswith("("):
            return ctx.norm[end:end + 2].lstrip().startswith(")")
        return True
    return bool(p["sentence_start"].search(before)) and ctx.norm[end:end + 1] == ","


def _inside_document_name(ctx: _Context, start: int) -> bool:
    """"năm 2013" in "Hiến pháp năm 2013" names the document, it does not date anything."""
    p = _context_patterns()
    clause_start = max(ctx.norm.rfind(ch, 0, start) for ch in ",.;:()\n\"“”") + 1
    window = ctx.norm[max(clause_start, start - 80):start]
    heads = list(p["name_head"].finditer(window))
    if not heads:
        return False
    return not p["name_breaker"].search(window[heads[-1].end():])


def _is_vague(ctx: _Context, start: int, end: int) -> bool:
    """"những năm tới", "3 tháng qua", "tuần sau đó": a span or a duration, not a calendar point."""
    p = _context_patterns()
    return bool(p["vague_before"].search(_before(ctx, start, 15)) or p["breaker_after"].match(ctx.norm, end))


# --- patterns ----------------------------------------------------------------------------------


def _time(tag: str) -> str:
    return (rf"(?<![\w.,:/])(?P<{tag}h>[01]?\d|2[0-3])(?:\s*(?:h|giờ|g)(?:\s*(?P<{tag}m>[0-5]\d)"
            rf"(?:\s*(?:phút|p|'))?)?|:(?P<{tag}m2>[0-5]\d))(?![\w:])")


def _time_of(m: re.Match[str], tag: str) -> tuple[int | None, int | None]:
    hour = m.group(f"{tag}h")
    if hour is None:
        return None, None
    minute = m.group(f"{tag}m") or m.group(f"{tag}m2")
    return int(hour), (int(minute) if minute else None)


def _with_time(when: _When, hour: int | None, minute: int | None, part: str | None) -> _When:
    if hour is None:
        return when  # an unresolved day ("22h30 tối qua" with no publication date) keeps the time's grain
    hour = _adjust_hour(hour, part)
    if minute is None:
        return replace(when, grain="hour", hour=hour)
    return replace(when, grain="minute", hour=hour, minute=minute)


def _day_pattern() -> str:
    part, weekday = _words("parts_of_day"), _words("weekdays")
    year_rel = _alternation(_vocabulary().raw["relative_units"]["năm"])
    # "từ 13h đến 17h chiều 1/11", "14h-17h Chủ nhật, 2/10/2005": hours on one day
    lead = (rf"(?:(?:{_time('z')}\s*(?:(?P<pz>{part})\s+)?(?:-|–|đến|tới)\s*)?"
            rf"{_time('a')}\s*(?:(?P<pa>{part})\s+)?(?:,\s*)?)?"
            rf"(?:(?<!\w)(?P<pb>{part})\s+)?"
            rf"(?:(?:(?<!\w)(?P<wkw>ngày|hôm)\s+)?(?<!\w)(?P<wd>{weekday})\s*(?:(?P<open>\()\s*|,\s*|\s+))?"
            rf"(?:(?<!\w)(?P<kw>ngày|hôm)\s+(?!(?:{_words('after_part_of_day')}|kia|mốt|hôm)(?!\w)))?")
    full = rf"(?P<{{0}}d>{_DAY})(?P<{{0}}s>[/.-])(?P<{{0}}m>{_MONTH})(?P={{0}}s)(?P<{{0}}y>{_YEAR})"
    core = (rf"(?:{_NUM_START}{full.format('f')}\s*[-–]\s*{full.format('g')}{_NUM_END}"  # 9.5.1945-9.5.2005
            rf"|{_NUM_START}(?P<cd>{_DAY})/(?P<cm>{_MONTH})\s*[-–]\s*(?P<cd2>{_DAY})/(?P<cm2>{_MONTH})"  # 30/5-3/6
            rf"(?:/(?P<cy>{_YEAR}))?{_NUM_END}"
            rf"|{_NUM_START}(?P<d1>{_DAY})\s*(?:-|–|đến|tới|và)\s*(?:ngày\s+)?(?P<d>{_DAY})(?P<rsep>[/-]|\s*-\s*)"
            rf"(?P<rm>{_MONTH})(?:(?P=rsep)(?P<ry>{_YEAR}))?{_NUM_END}"
            rf"|{_NUM_START}(?P<nd>{_DAY})(?P<sep>[/.-]|(?P<spaced>\s*-\s*))(?P<nm>{_MONTH})(?:(?P=sep)(?P<ny>{_YEAR}))?{_NUM_END}"
            rf"(?(spaced)(?(ny)|(?!\s+[-–]\s*\d)))"  # "ngày 6 - 7 - 8/6" is three days
            rf"(?:\s+năm\s+(?P<nyr>{year_rel})(?!\w))?"
            rf"|{_NUM_START}(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01]){_NUM_END}"  # ISO 8601
            rf"|{_NUM_START}(?P<ld>{_DAY})\s+tháng\s+(?P<lm>{_MONTH})(?:\s*,?\s*năm\s+(?P<ly>{_YEAR}))?{_NUM_END}"
            rf"(?:\s+năm\s+(?P<lyr>{year_rel})(?!\w))?"
            rf"|(?:(?<!\w)(?P<rel>{_words('relative_days')})(?!\w)"
            rf"|(?<!\w)(?P<prel>{_words('after_part_of_day')})(?!\w))"
            # "hôm qua, 19-1", "sáng qua (28-4)": the written date after a relative day is the one to trust
            rf"(?:\s*,?\s*(?P<xopen>\()?\s*(?:ngày\s+)?{_NUM_START}(?P<xd>{_DAY})(?P<xsep>[/-])(?P<xm>{_MONTH})"
            rf"(?:(?P=xsep)(?P<xy>{_YEAR}))?{_NUM_END}(?(xopen)\s*\)))?)")
    # a time after the date, unless it leads the next date ("sáng nay, 2 giờ chiều 30/8")
    tail = (rf"(?(open)\s*\))(?:\s+(?P<anchor>{_words('day_anchors')})(?!\w))?(?:\s*(?:[-,|]\s*)?(?:(?:vào\s+)?lúc\s+)?{_time('b')}(?:\s+(?P<pc>{part})(?!\w))?"
            rf"(?!\s*,?\s*(?:(?:{part})\s+)?(?:(?:ngày|hôm)\s+)?\d{{1,2}}(?:[/.-]|\s+tháng\s)))?")
    return lead + core + tail


def _after_ordinal_noun(ctx: _Context, start: int) -> bool:
    """"lần thứ hai", "đợt thứ ba": an ordinal, not a weekday."""
    return bool(_context_patterns()["ordinal_noun"].search(_before(ctx, start, 20)))


def _on_day(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    if m.group("wd") and m.start("wd") == m.start() and _after_ordinal_noun(ctx, m.start()):
        return None  # "lần thứ hai, ngày 11-12": the date alone is found from "ngày"
    led = any(m.group(g) for g in ("ah", "pb", "wd", "kw"))  # a time, part of day, weekday or "ngày" before
    if m.group("rel") or m.group("prel"):
        when, last, weak = _relative_day(m, ctx), None, False
        if when is None:
            return None
    elif m.group("fd"):
        return _range_of_full_dates(m)
    elif m.group("cd"):
        return _range_across_months(m, ctx, led)
    else:
        if _context_patterns()["each"].search(_before(ctx, m.start(), 8)):
            return None  # "mỗi ngày 7-10 điểm": every day
        found = _written_day(m, ctx, led)
        if found is None:
            return None
        when, last, weak = found
    end, anchor = m.end(), m.group("anchor")
    if anchor and _anchor_is_a_verb(ctx, m.end("anchor")):
        end, anchor = len(ctx.norm[:m.start("anchor")].rstrip()), None  # "ngày 15/6 tới Hà Nội": went to
    if anchor and ctx.pub is not None:  # "ngày 10/8 tới": the next 10 August
        direction = _lookup(_vocabulary().day_anchors, anchor)
        when, last = _anchored(when, direction, ctx.pub), last and _anchored(last, direction, ctx.pub)
    part = m.group("pa") or m.group("pb") or m.group("pc")
    hour, minute = _time_of(m, "a")
    if hour is None and end == m.end():
        hour, minute = _time_of(m, "b")
    if last is None:
        from_hour, from_minute = _time_of(m, "z")
        if from_hour is not None:  # "từ 13h đến 17h chiều 1/11"
            last = _with_time(when, hour, minute, part)
            when = _with_time(when, from_hour, from_minute, m.group("pz") or part)
        else:
            when = _with_time(when, hour, minute, part)
    return _Candidate(m.start(), end, when, last, weak=weak)


def _anchor_is_a_verb(ctx: _Context, end: int) -> bool:
    """"tới" before a number or a capitalised name goes somewhere ("từ 1/7 tới 30/9", "tới Hà Nội")."""
    following = ctx.norm[end:end + 12].lstrip()
    return bool(following) and (following[0].isdigit() or following[0].isupper() or bool(
        _context_patterns()["after_verb_anchor"].match(following)))


def _anchored(when: _When, direction: str, pub: date) -> _When:
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


def _relative_day(m: re.Match[str], ctx: _Context) -> _When | None:
    """"hôm qua", "sáng nay", "ngày mai"; a date written after it wins ("hôm qua, 19-1")."""
    v = _vocabulary()
    if m.group("prel") and not (m.group("pa") or m.group("pb")):
        return None  # "nay", "qua", "mai" alone are not dates
    if re.search(r"(?<!\w)một\s+$", _before(ctx, m.start(), 6), re.I) or _context_patterns()[
            "vague_word_before"].search(_before(ctx, m.start(), 12)):
        return None  # "một ngày kia": some day; "mấy đêm nay": these past nights
    needs_date = {_norm_key(w) for w in v.raw["relative_days_needing_date"]}
    if not m.group("xd") and re.sub(r"\s+", " ", (m.group("rel") or "").lower()) in needs_date:
        return None  # "Ngày kia, mẹ chàng ốm": one day, in a story
    if m.group("xd"):
        day, month = int(m.group("xd")), int(m.group("xm"))
        year, year_written = _year_or_publication(m.group("xy"), ctx.pub, month, day)
        if not _valid_day(year, month, day):
            return None
        return _When("day", year, month, day, year_written=year_written)
    offset = _lookup(v.relative_days, m.group("rel")) if m.group("rel") else _lookup(
        v.after_part_of_day, m.group("prel"))
    return _day(ctx.pub + timedelta(days=offset) if ctx.pub else None)


def _range_of_full_dates(m: re.Match[str]) -> _Candidate | None:
    """"(9.5.1945-9.5.2005)", "7/5/1954-7/5/2004": two written dates, one interval."""
    first, last = (_When("day", int(m.group(f"{s}y")), int(m.group(f"{s}m")), int(m.group(f"{s}d")))
                   for s in ("f", "g"))
    if not (_valid_day(first.year, first.month, first.day) and _valid_day(last.year, last.month, last.day)):
        return None
    if (first.year, first.month, first.day) >= (last.year, last.month, last.day):
        return None
    return _Candidate(m.start(), m.end(), first, last)


def _range_across_months(m: re.Match[str], ctx: _Context, led: bool) -> _Candidate | None:
    """"30/5-3/6": from one day to another, the year of the right side applying to the left."""
    day, month = int(m.group("cd2")), int(m.group("cm2"))
    year, year_written = _year_or_publication(m.group("cy"), ctx.pub, month, day)
    last = _When("day", year, month, day, year_written=year_written)
    first_year, _ = _year_or_publication(None, ctx.pub, int(m.group("cm")), int(m.group("cd")))
    first = _borrow_year(_When("day", first_year, int(m.group("cm")), int(m.group("cd")), year_written=False), last)
    if not (_valid_day(first.year, first.month, first.day) and _valid_day(year, month, day)):
        return None
    if not (m.group("cy") or led or _bare_day_is_date(ctx, m.start(), m.end())):
        return None
    return _Candidate(m.start(), m.end(), first, last)


def _written_day(m: re.Match[str], ctx: _Context, led: bool) -> tuple[_When, _When | None, bool] | None:
    """A day written with numbers: (the day or a range's first day, the range's last day, weak)."""
    p = _context_patterns()
    if m.group("d"):  # "10-12/10": a range of days in one month
        day1, day, month, written = int(m.group("d1")), int(m.group("d")), int(m.group("rm")), m.group("ry")
        if day1 >= day or m.group("rsep") != m.group("rsep").strip() and not (written or m.group("kw")):
            return None
    elif m.group("iy"):
        day, month, written = int(m.group("id")), int(m.group("im")), m.group("iy")
    elif m.group("nd"):
        day, month, written = int(m.group("nd")), int(m.group("nm")), m.group("ny")
        sep = m.group("sep")
        if (sep == "." or sep != sep.strip()) and not (written or m.group("kw")):
            return None  # "1.5" is a number, "5 - 6" a count; "Ngày 27.4", "Ngày 25- 4" are days
    else:
        day, month, written = int(m.group("ld")), int(m.group("lm")), m.group("ly")
        if not (written or m.group("kw")):
            return None  # "15 tháng 3" without "ngày" or a year may be a duration
    year, year_written = _year_or_publication(written, ctx.pub, month, day)
    relative_year = m.group("nyr") or m.group("lyr")
    if relative_year and not led and (relative_year.lower() == "trước" or (
            (m.group("sep") or "").strip() == "-" and not _bare_day_is_date(ctx, m.start(), m.end("nm")))):
        return None  # "5-6 năm trước", "trong 5-10 năm tới": a count of years, not 5 June
    if relative_year:  # "1/7 năm nay", "ngày 30/4 năm ngoái"
        written = relative_year
        year = _relative("năm", _lookup(_vocabulary().relative_units["năm"], relative_year), ctx.pub).year
        year_written = True
    if not _valid_day(year, month, day) or p["lunar"].match(ctx.norm, m.end()):
        return None  # no such day, or a lunar date ("10 tháng 3 âm lịch") we cannot convert
    if not written and p["yearly"].match(ctx.norm, m.end()):
        return None  # "ngày 20 tháng 11 hằng năm": every year, no calendar day
    weak = False
    if not written and not led:
        if p["unit_after"].match(ctx.norm, m.end()) or p["fraction_before"].search(_before(ctx, m.start(), 25)):
            return None  # "1/2 năm", "(1-2) năm", "giảm xuống 1/3": a fraction or a count
        if ((m.group("sep") or "").strip() == "-" and re.search(r"(?<!\w)từ\s+$", _before(ctx, m.start(), 8), re.I)
                and not p["bare_year_end"].match(ctx.norm, m.end())):
            return None  # "từ 1-3 môn học" is a count; "từ 11-4 đến nay", "từ 11-4." are dates
        weak = not _bare_day_is_date(ctx, m.start(), m.end())
    when = _When("day", year, month, day, year_written=year_written)
    if m.group("d"):
        return replace(when, day=day1), when, weak
    return when, None, weak


def _lunar_day_pattern() -> str:
    month = rf"(?:{_MONTH}|{_words('lunar_month_names')})"
    marker = rf"(?:\s+năm\s+{_sexagenary()}|\s*\(?\s*(?:{_words('lunar')})\s*\)?)"
    return (rf"(?<!\w)(?:(?P<kw>ngày|mùng|mồng)\s+(?P<d>{_DAY})\s+(?:(?P<tet>tết)|tháng\s+(?P<m>{month}))"
            rf"|(?:ngày\s+)?(?P<full>rằm)\s+tháng\s+(?P<fm>{month})"
            rf"|(?:ngày|mùng|mồng)\s+(?P<nd>{_DAY})[/-](?P<nm>{_MONTH})(?=\s*\(?\s*(?:năm|âm|ÂL)))"
            rf"(?P<marker>{marker})?(?!\w)")


def _on_lunar_day(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    """"ngày 18 Tết", "ngày 19 tháng Giêng", "rằm tháng 7", "ngày 19/2 năm Bính Tuất": a day of the
    lunar calendar. Converting it needs a lunar table we do not ship, so its value stays null."""
    words = {_norm_key(w) for w in _vocabulary().raw["lunar_month_names"]}
    month = m.group("m") or m.group("fm")
    named_month = month is not None and month.lower() in words
    lunar = (m.group("tet") or m.group("full") or m.group("marker") or named_month
             or (m.group("kw") or "").lower() in ("mùng", "mồng"))
    if not lunar or _context_patterns()["yearly"].match(ctx.norm, m.end()):
        return None  # a solar "ngày 19 tháng 8" is a day; "ngày rằm tháng Giêng hằng năm" recurs
    return _Candidate(m.start(), m.end(), _When("day", None))


def _weekday_pattern() -> str:
    part = _words("parts_of_day")
    return (rf"(?:{_time('a')}\s*(?:(?P<pa>{part})\s+)?)?(?:(?<!\w)(?P<pb>{part})\s+)?"
            rf"(?:(?<!\w)(?P<kw>ngày|hôm)\s+)?(?<!\w)(?P<wd>{_words('weekdays')})(?!\w)"
            rf"(?:\s+(?P<anchor>{_words('weekday_anchors')})(?!\w))?")


def _on_weekday(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    v = _vocabulary()
    anchor = m.group("anchor")
    led = m.group("pa") or m.group("pb") or m.group("kw") or _context_patterns()["weekday_trigger"].search(
        _before(ctx, m.start()))
    if not (led or (anchor and _lookup(v.weekday_anchors, anchor) != "nearest")):
        return None  # "Thứ hai, ..." opening a task, "loại giấy thứ hai này": ordinals
    if not anchor and m.start("wd") == m.start() and _after_ordinal_noun(ctx, m.start()):
        return None  # "lần thứ hai"; "phiên thứ 6 tuần trước" is last week's Friday
    if not (m.group("ah") or m.group("pa") or m.group("pb") or anchor) and _ordinal_day(m, ctx):
        return None  # "Ngày thứ 3, đoàn đi Huế", "ngày thứ 2 tăng giá": the third, the second day
    if not (m.group("pa") or m.group("pb") or anchor) and _context_patterns()["ordinal_day"].match(ctx.norm, m.end()):
        return None  # "ngày thứ tư của hội nghị": the fourth day
    before = _before(ctx, m.start(), 40)
    if (_context_patterns()["vague_before"].search(before) or _context_patterns()["weekday_set"].search(before)
            or _context_patterns()["weekly"].match(ctx.norm, m.end())):
        return None  # "các ngày thứ bảy, chủ nhật hằng tuần": every week, no calendar day
    weekday = _lookup(v.weekdays, m.group("wd"))
    # "hôm thứ Năm" is a day gone by; a bare weekday is the nearest one
    direction = _lookup(v.weekday_anchors, anchor) if anchor else (
        "past" if (m.group("kw") or "").lower() == "hôm" else "nearest")
    when = _day(_resolve_weekday(weekday, direction, ctx.pub))
    hour, minute = _time_of(m, "a")
    return _Candidate(m.start(), m.end(), _with_time(when, hour, minute, m.group("pa") or m.group("pb")))


def _ordinal_day(m: re.Match[str], ctx: _Context) -> bool:
    """"ngày thứ N" with nothing before "ngày" that places it ("vào ngày thứ Ba") counts days."""
    start = m.start()
    if m.group("wd").lower().startswith("chủ"):
        return False  # "chủ nhật" counts nothing
    if (m.group("kw") or "").lower() != "ngày":
        before = _before(ctx, start, 8)
        day_word = re.search(r"(?<!\w)ngày\s+$", before, re.I)
        if day_word is None:
            return False
        start -= len(before) - day_word.start()
    return not _context_patterns()["weekday_trigger"].search(_before(ctx, start))


def _resolve_weekday(weekday: int, direction, pub: date | None) -> date | None:
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


def _month_pattern() -> str:
    year_rel = _alternation(_vocabulary().raw["relative_units"]["năm"])
    return (rf"(?<!\w)(?:(?P<edge>{_edges()})\s+)?tháng\s+(?P<m>{_MONTH})"
            rf"(?:\s*(?:(?P<mjoin>-|–|đến|tới)|,|và)\s*(?:tháng\s+)?(?P<m2>{_MONTH})(?!\d)"
            rf"(?P<more>(?(mjoin)|(?:\s*(?:,|và)\s*(?:tháng\s+)?{_MONTH}(?!\d))*)))?"
            rf"(?:\s*(?:[/.-]|,?\s*năm)\s*(?P<y>{_YEAR})|\s+năm\s+(?P<yr>{year_rel})(?!\w)"
            rf"|\s+(?P<after>tới|vừa\s+qua|này)(?!\w))?{_NUM_END}")


def _on_month(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    if re.search(r"\d\s+$", _before(ctx, m.start(), 6)) and not m.group("edge"):
        return None  # "3 tháng 9 ngày": a duration
    if _context_patterns()["each"].search(_before(ctx, m.start(), 8)):
        return None  # "mỗi tháng 2-3 triệu đồng": every month
    if _context_patterns()["month_name_before"].search(_before(ctx, m.start(), 20)):
        return None  # "Cách mạng Tháng 8" is a name, "rằm tháng 7" a lunar day
    month = int(m.group("m"))
    if not (m.group("y") or m.group("yr")) and _context_patterns()["yearly"].match(ctx.norm, m.end()):
        return None  # "Tháng 3 hằng năm là Tháng Thanh niên": every year
    year, written = _year_or_publication(m.group("y"), ctx.pub, month)
    if m.group("yr"):
        offset = _lookup(_vocabulary().relative_units["năm"], m.group("yr"))
        year, written = _relative("năm", offset, ctx.pub).year, True
    elif m.group("after") and ctx.pub:
        after = m.group("after").split()[0].lower()
        if after == "tới":  # "tháng 7 tới" in August is next July
            year = ctx.pub.year + (month < ctx.pub.month)
        elif after == "vừa":  # "tháng 10 vừa qua" in August is last October
            year = ctx.pub.year - (month > ctx.pub.month)
        else:  # "tháng 8 này"
            year = ctx.pub.year
    first = _When("month", year, month, year_written=written)
    last = None
    listed = [month, int(m.group("m2"))] + [int(n) for n in re.findall(r"\d+", m.group("more") or "")] if (
        m.group("m2") and not m.group("mjoin")) else []
    if listed and listed != list(range(month, month + len(listed))):
        # "tháng 8, 10 doanh nghiệp": only consecutive months make "tháng 4, 5" a range
        return _Candidate(m.start(), m.end("m"), first, edge=m.group("edge"))
    if listed:  # "các tháng 5, 6 và 7-2005": one run of months, May to July
        return _Candidate(m.start(), m.end(), first, replace(first, month=listed[-1]), edge=m.group("edge"))
    if m.group("m2"):
        if int(m.group("m2")) <= month:  # "tháng 11 đến tháng 2/2022": two months, joined later
            return _Candidate(m.start(), m.end("m"), replace(first, year_written=False), edge=m.group("edge"))
        last = replace(first, month=int(m.group("m2")))
    return _Candidate(m.start(), m.end(), first, last, edge=m.group("edge"))


def _quarter_pattern() -> str:
    year_rel = _alternation(_vocabulary().raw["relative_units"]["năm"])
    quarter_rel = _alternation(_vocabulary().raw["relative_units"]["quý"])
    q = rf"(?:{_ROMAN}|[1-4])"
    return (rf"(?<!\w)(?:(?P<edge>{_edges()})\s+)?quý\s+(?:(?P<q>{q})"
            rf"(?:\s*(?:-|–|và|đến|tới)\s*(?:quý\s+)?(?P<q2>{q}))?"
            rf"(?:\s*(?:[/.-]|,?\s*năm)\s*(?P<y>{_YEAR})|\s+năm\s+(?P<yr>{year_rel}))?{_NUM_END}(?!\w)"
            rf"|(?P<qrel>{quarter_rel})(?!\w))")


def _quarter_number(text: str) -> int:
    return int(text) if text.isdigit() else _vocabulary().roman[text]


def _on_quarter(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    units = _vocabulary().relative_units
    if m.group("qrel"):
        if _is_vague(ctx, m.start(), m.end()):
            return None
        when = _relative("quý", _lookup(units["quý"], m.group("qrel")), ctx.pub)
        return _Candidate(m.start(), m.end(), when, edge=m.group("edge"))
    if not (m.group("y") or m.group("yr")) and _context_patterns()["yearly"].match(ctx.norm, m.end()):
        return None  # "quý I hằng năm", "quý I của các năm trước": no one quarter
    year, written = _year_or_publication(m.group("y"), ctx.pub)
    if m.group("yr"):
        year, written = _relative("năm", _lookup(units["năm"], m.group("yr")), ctx.pub).year, True
    first = _When("quarter", year, quarter=_quarter_number(m.group("q")), year_written=written)
    last = None
    if m.group("q2"):
        if _quarter_number(m.group("q2")) <= first.quarter:
            return None
        last = replace(first, quarter=_quarter_number(m.group("q2")))
    return _Candidate(m.start(), m.end(), first, last, edge=m.group("edge"))


def _part_of_year_pattern() -> str:
    year_rel = _alternation(_vocabulary().raw["relative_units"]["năm"])
    return (rf"(?<!\w)(?:(?P<n>\d{{1,2}}|{_words('number_words')})\s+tháng|(?P<half>nửa)|(?P<quarter>quý)"
            rf"|(?:(?<=những\s)|(?<=các\s))(?P<months>tháng))"
            rf"\s+(?P<side>đầu|cuối|sau)\s+năm(?:\s+(?P<y>{_YEAR}){_NUM_END}|\s+(?P<yr>{year_rel}))?(?!\w)(?!\s+học)")


def _on_part_of_year(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    """"6 tháng đầu năm" is H1, "quý cuối năm" Q4, "9 tháng đầu năm" January to September."""
    year, written = _year_or_publication(m.group("y"), ctx.pub)
    if m.group("yr"):
        year = _relative("năm", _lookup(_vocabulary().relative_units["năm"], m.group("yr")), ctx.pub).year
    if m.group("months"):  # "những tháng đầu năm nay": some months of the year, which narrow nothing
        if m.group("side").lower() == "sau":
            return None
        return _Candidate(m.start(), m.end(), _When("year", year), edge=m.group("side"))
    early = m.group("side").lower() == "đầu"
    months = 6 if m.group("half") else 3 if m.group("quarter") else _count(m.group("n"))
    if months is None or not 1 <= months <= 12 or (m.group("side").lower() == "sau" and not m.group("half")):
        return None
    if months == 6:
        return _Candidate(m.start(), m.end(), _When("half", year, half=1 if early else 2))
    if months == 3:
        return _Candidate(m.start(), m.end(), _When("quarter", year, quarter=1 if early else 4))
    if months == 12:
        return _Candidate(m.start(), m.end(), _When("year", year))
    first, last = (1, months) if early else (13 - months, 12)
    return _Candidate(m.start(), m.end(), _When("month", year, first), _When("month", year, last))


def _year_pattern() -> str:
    year_rel = _alternation(_vocabulary().raw["relative_units"]["năm"])
    return (rf"(?<!\w)(?:(?P<edge>{_edges()})\s+)?năm"
            rf"(?:\s+(?P<y>{_YEAR})(?![\w/]|[.,]\d)|\s+(?P<yr>{year_rel})(?!\w)|(?!\w))")


def _on_year(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    edge = m.group("edge")
    if m.group("y"):
        if not edge and _inside_document_name(ctx, m.start()):
            return None
        return _Candidate(m.start(), m.end(), _When("year", int(m.group("y"))), edge=edge)
    if m.group("yr"):
        if _is_vague(ctx, m.start(), m.end()):
            return None  # "3 năm trước đó", "những năm tới"
        offset = _lookup(_vocabulary().relative_units["năm"], m.group("yr"))
        return _Candidate(m.start(), m.end(), _relative("năm", offset, ctx.pub), edge=edge)
    # "cuối năm" alone: this year's end after a preposition ("vào cuối năm") or opening a sentence
    # ("Cuối năm, ..."); not "cuối năm học", "mỗi cuối năm", "thời điểm đầu năm, giữa năm"
    if not edge or _context_patterns()["not_calendar_year"].match(ctx.norm, m.end()):
        return None
    before = _before(ctx, m.start(), 12)
    if _is_vague(ctx, m.start(), m.end()) or not (
            _context_patterns()["edge_year_trigger"].search(before)
            or (_context_patterns()["sentence_start"].search(before) and ctx.norm[m.end():m.end() + 1] == ",")):
        return None
    return _Candidate(m.start(), m.end(), _relative("năm", 0, ctx.pub), edge=edge)


def _bare_year_pattern() -> str:
    return rf"{_NUM_START}(?P<y>{_YEAR}){_NUM_END}"


def _on_bare_year(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    """"đến 2030", "năm 1997 và 1998", "Xuân Ất Dậu 2005" are years; "Luật Đầu tư 2020", "2000 người" are not."""
    p = _context_patterns()
    year = int(m.group("y"))
    before = _before(ctx, m.start(), 40)
    lunar = p["lunar_year_before"].search(before)
    if lunar:  # "Xuân Ất Dậu 2005": the Gregorian year written after the lunar one
        return _Candidate(m.start() - len(before) + lunar.start(), m.end(), _When("year", year))
    if p["year_list_before"].search(before):  # "năm 1997 và 1998", "các năm 2015, 2016"
        return _Candidate(m.start(), m.end(), _When("year", year))
    if not p["bare_year_trigger"].search(before):
        return None
    if not p["bare_year_end"].match(ctx.norm, m.end()) and (
            not 1900 <= year <= 2099 or p["not_after_bare_year"].match(ctx.norm, m.end())):
        return None  # "từ 2006 tập trung vào" is a year, "tăng từ 1995 lên", "đến 2000 người" are counts
    edge = p["edge_before"].search(before)
    start = m.start() - len(before) + edge.start() if edge else m.start()
    return _Candidate(start, m.end(), _When("year", year), edge=edge.group(1) if edge else None)


def _year_range_pattern() -> str:
    count = rf"(?:\d{{1,2}}|{_words('number_words')})"
    return (rf"(?:(?<!\w)(?P<head>{_words('range_heads')})(?:\s+{count}\s+năm)?\s+)?"
            rf"{_NUM_START}(?P<y1>{_YEAR})\s*(?:-|–|—|đến|tới)\s*(?:năm\s+)?(?P<y2>{_YEAR}){_NUM_END}")


def _on_year_range(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    first, last = int(m.group("y1")), int(m.group("y2"))
    if not first < last <= first + (100 if m.group("head") else 30):
        return None
    if not m.group("head") and _inside_document_name(ctx, m.start()):
        return None
    return _Candidate(m.start(), m.end(), _When("year", first), _When("year", last))


def _decade_pattern() -> str:
    return (rf"(?<!\w)(?P<head>{_words('decade_heads')})\s+(?P<c>19|20)?(?P<d>\d)0"
            rf"(?:\s+(?:của\s+)?thế\s+kỷ\s+(?P<century>(?-i:XXI|XX)|21|20|trước|này))?{_NUM_END}")


def _on_decade(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    if re.match(r"\s*(?:,|và|-|–)\s*\d", ctx.norm[m.end():m.end() + 8]):
        return None  # "các năm 2010, 2011": a list of years, the first is no decade
    if m.group("c"):
        century = int(m.group("c"))
    else:
        century = 20 if (m.group("century") or "").lower() in ("xxi", "21", "này") else 19
    start = century * 100 + int(m.group("d")) * 10
    return _Candidate(m.start(), m.end(), _When("year", start), _When("year", start + 9), period=True)


def _relative_unit_pattern() -> str:
    units = _vocabulary().raw["relative_units"]
    words = _alternation({w for unit in ("tuần", "tháng") for w in units[unit]})
    return (rf"(?<!\w)(?:(?P<edge>{_edges()})\s+)?(?P<unit>tuần|tháng)"
            rf"(?:\s+(?P<rel>{words})(?!\w)|(?!\s+(?:lễ|\d))(?!\w))")


def _on_relative_unit(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    unit = m.group("unit").lower()
    if not m.group("rel"):
        # "cuối tuần" alone is this week's end; "cuối tháng" alone is too often habitual to trust
        if unit != "tuần" or not m.group("edge") or _is_vague(ctx, m.start(), m.end()) or re.search(
                r"(?<!\w)(?:ngày|nghỉ)\s+$", _before(ctx, m.start(), 8), re.I):
            return None
        return _Candidate(m.start(), m.end(), _relative("tuần", 0, ctx.pub), edge=m.group("edge"))
    if _is_vague(ctx, m.start(), m.end()):
        return None
    offset = _lookup(_vocabulary().relative_units[unit], m.group("rel"))
    return _Candidate(m.start(), m.end(), _relative(unit, offset, ctx.pub), edge=m.group("edge"))


def _ago_pattern() -> str:
    count = rf"(?:\d{{1,3}}|{_words('number_words')})"
    return (rf"(?<!\w)(?:(?P<n>{count})\s+(?P<unit>ngày|tuần|tháng|năm)\s+(?:về\s+)?trước(?:\s+đây)?"
            rf"|cách\s+đây\s+(?P<n2>{count})\s+(?P<unit2>ngày|tuần|tháng|năm))(?!\w)")


def _on_ago(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    """"3 năm trước", "cách đây 10 ngày": that many units before publication."""
    p = _context_patterns()
    if re.search(r"(?<!\w)(?:thứ|số)\s+$", _before(ctx, m.start(), 6), re.I) or p["vague_before"].search(_before(ctx, m.start(), 12)) or (
            m.group("n") and p["breaker_after"].match(ctx.norm, m.end())):
        return None
    if m.group("n") and not _AGO_END.match(ctx.norm, m.end()):
        return None  # "một ngày trước phiên họp": "trước" is "before" the noun that follows
    n = _count(m.group("n") or m.group("n2"))
    unit = (m.group("unit") or m.group("unit2")).lower()
    if n is None:
        return None
    if unit == "ngày":
        return _Candidate(m.start(), m.end(), _day(ctx.pub - timedelta(days=n) if ctx.pub else None))
    return _Candidate(m.start(), m.end(), _relative(unit, -n, ctx.pub))


def _birth_year_pattern() -> str:
    abbreviations = "|".join(re.escape(w) for w in _vocabulary().raw["birth_year_abbreviations"])
    return (rf"(?:(?<!\w)(?P<abbr>(?-i:{abbreviations}))\.?:?\s*|(?<!\w)(?P<sinh>sinh)\s+|(?<=\()\s*)"
            rf"(?P<y>{_YEAR})(?![\w/]|[.,:-]\d)")


def _on_birth_year(m: re.Match[str], ctx: _Context) -> _Candidate | None:
    """"SN 1989", "(sinh 1979)", "Đinh Văn Tài (1969)": birth years (RECORD.md: they are dates)."""
    year = int(m.group("y"))
    if ctx.pub is not None and year > ctx.pub.year:
        return None
    when = _When("year", year)
    if m.group("abbr"):
        return _Candidate(m.start(), m.end(), when)
    if m.group("sinh"):
        if _context_patterns()["not_birth_before_sinh"].search(_before(ctx, m.start(), 12)):
            return None  # "tuyển sinh 2005", "học sinh 1990"
        return _Candidate(m.start("y"), m.end(), when)
    if not re.match(r"\s*[),;]", ctx.norm[m.end():m.end() + 3]) or not _after_person_name(ctx, m.start() - 1):
        return None  # "Kế hoạch (2005)": a bare year in brackets only after a person's name
    return _Candidate(m.start("y"), m.end(), when)


def _after_person_name(ctx: _Context, bracket: int) -> bool:
    """A capitalised personal name ends right before ``bracket``: a family name and two more syllables
    ("Đinh Văn Tài"), or one more after an honorific ("ông Hoàng Minh")."""
    data = _vocabulary().raw
    words = ctx.norm[max(0, bracket - 60):bracket].rstrip().split(" ")
    name: list[str] = []
    while words and words[-1][:1].isupper() and words[-1].isalpha():
        name.insert(0, words.pop())
    if not 2 <= len(name) <= 5:
        return False
    surnames = {normalize_string(w) for w in data["surnames"]}
    if name[0] not in surnames:
        return False
    if len(name) >= 3:
        return True
    honorifics = {_norm_key(w) for w in data["birth_honorifics"]}
    return " ".join(words[-2:]).lower() in honorifics or (words[-1:] or [""])[0].lower() in honorifics


_Handler = Callable[[re.Match[str], _Context], "_Candidate | None"]


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], _Handler], ...]:
    builders = [
        (_day_pattern, _on_day),
        (_weekday_pattern, _on_weekday),
        (_lunar_day_pattern, _on_lunar_day),
        (_month_pattern, _on_month),
        (_quarter_pattern, _on_quarter),
        (_part_of_year_pattern, _on_part_of_year),
        (_year_pattern, _on_year),
        (_bare_year_pattern, _on_bare_year),
        (_year_range_pattern, _on_year_range),
        (_decade_pattern, _on_decade),
        (_relative_unit_pattern, _on_relative_unit),
        (_ago_pattern, _on_ago),
        (_birth_year_pattern, _on_birth_year),
    ]
    # an expression never spans lines: "hằng tháng\n\n1. ..." is a heading and a list item
    return tuple((re.compile(build().replace(r"\s", _SPACE), re.IGNORECASE), handle) for build, handle in builders)


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The words an expression can start with (besides a number): trying the patterns only at
    those (a few dozen places in an article, not every character) keeps extraction fast."""
    data = _vocabulary().raw
    phrases = [w for key in ("parts_of_day", "weekdays", "relative_days", "after_part_of_day", "edges",
                             "range_heads", "decade_heads", "number_words") for w in data[key]]
    phrases += ["ngày", "hôm", "tháng", "quý", "nửa", "năm", "tuần", "cách", "mùng", "mồng", "rằm", "sinh"]
    phrases += data["birth_year_abbreviations"]
    return frozenset(_norm_key(phrase).split()[0] for phrase in phrases)


_WORD = re.compile(r"\w+")


def _starts(norm: str) -> list[int]:
    first_words = _first_words()
    return [m.start() for m in _WORD.finditer(norm) if m.group()[0].isdigit() or m.group().lower() in first_words]


# --- pass 1: expressions -----------------------------------------------------------------------


def _find_candidates(norm: str, pub: date | None) -> list[_Candidate]:
    """The longest non-overlapping date expressions in ``norm``, in order of position."""
    ctx = _Context(norm, pub)
    starts = _starts(norm)
    found: list[_Candidate] = []
    for pattern, handle in _patterns():
        taken_until = 0
        for position in starts:
            if position < taken_until:
                continue
            m = pattern.match(norm, position)
            if m is None:
                continue
            candidate = handle(m, ctx)  # when rejected, a good match may still start further in
            if candidate is not None:
                found.append(candidate)
                taken_until = candidate.end
    found.sort(key=lambda c: (c.start - c.end, c.start))  # longest first
    chosen: list[_Candidate] = []
    chosen_starts: list[int] = []  # sorted; chosen spans never overlap, so their ends sort alike
    chosen_ends: list[int] = []
    for c in found:
        i = bisect.bisect_right(chosen_starts, c.start)
        if (i == 0 or chosen_ends[i - 1] <= c.start) and (i == len(chosen_starts) or chosen_starts[i] >= c.end):
            chosen_starts.insert(i, c.start)
            chosen_ends.insert(i, c.end)
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


# --- pass 2: prepositions and ranges -----------------------------------------------------------


def _interval(first: _When, last: _When) -> str | None:
    a, b = first.value(), last.value()
    return f"{a}/{b}" if a and b else None


def _borrow_year(first: _When, last: _When) -> _When:
    """"từ tháng 11 đến tháng 2/2022": the start takes its year from the written end."""
    if first.year_written or not last.year_written or last.year is None:
        return first
    year = last.year
    if first.month and last.month and (first.month, first.day or 0) > (last.month, last.day or 0):
        year -= 1
    return replace(first, year=year, year_written=True)


def _in_order(first: _When, last: _When) -> _When:
    """"từ 1/8 đến 31/12" read in June: a guessed year put the end before the start, so the end moves on a year."""
    if last.year_written or first.year is None or last.year is None or not (first.month and last.month):
        return last
    if (first.year, first.month, first.day or 1) > (last.year, last.month, last.day or 31):
        return replace(last, year=last.year + 1)
    return last


def _not_after(when: _When, pub: date | None) -> _When:
    """"từ 1/10 đến nay" read in June: a start that runs up to now lies before it, so last year."""
    if when.year_written or pub is None or when.year is None or not when.month:
        return when
    if (when.year, when.month, when.day or 1) > (pub.year, pub.month, pub.day):
        return replace(when, year=when.year - 1)
    return when


def _preposition(norm: str, start: int) -> tuple[str | None, int]:
    window = norm[max(0, start - 35):start]
    window = window[window.rfind("\n") + 1:]
    p = _context_patterns()
    for kind in ("now_until", "from", "until"):
        m = p[kind].search(window)
        if m:
            return kind, start - len(window) + m.start()
    return None, start


def _combine(norm: str, candidates: list[_Candidate], pub: date | None) -> list[tuple[int, int, str | None, str]]:
    """Apply prepositions and join ranges: (start, end, value, grain) in normalised coordinates."""
    p = _context_patterns()
    out: list[tuple[int, int, str | None, str]] = []
    i = 0
    while i < len(candidates):
        c = candidates[i]
        kind, start = _preposition(norm, c.start)
        following = candidates[i + 1] if i + 1 < len(candidates) else None
        if (following is not None and kind in (None, "from") and not (c.weak and following.weak)
                and p["joiner"].fullmatch(norm, c.end, following.start)):
            last = following.last or following.first
            first = _borrow_year(c.first, last)
            last = _in_order(first, last)
            out.append((start, following.end, _interval(first, last), "interval"))
            i += 2
            continue
        i += 1
        if c.weak and not (out and p["list_joiner"].fullmatch(norm, out[-1][1], c.start)):
            continue  # a bare "18/3" counts only in a list after a date: "ngày 28/2 và 18/3"
        now = p["until_now"].match(norm, c.end) if kind == "from" else None
        if now:
            first = _not_after(c.first, pub)
            if c.edge and c.edge.lower() == "đầu" and first.grain == "year" and first.year:
                first = _When("month", first.year, 1)  # "từ đầu năm đến nay": January to now
            out.append((start, now.end(), _interval(first, _now_at(first.grain, pub)), "interval"))
        elif c.last is not None and not (c.period and kind in ("from", "until")):
            out.append((start, c.end, _interval(c.first, _in_order(c.first, c.last)), "interval"))
        elif kind == "now_until":  # "từ nay đến năm 2030"
            last = c.first
            if pub and not last.year_written and last.year and last.month and (last.month, last.day or 31) < (
                    pub.month, pub.day):
                last = replace(last, year=last.year + 1)  # "từ nay đến ngày 9-5" looks ahead
            out.append((start, c.end, _interval(_now_at(last.grain, pub), last), "interval"))
        elif kind is not None:
            value = (c.last if c.period and kind == "until" else c.first).value()
            if value is not None:
                value = f"{value}/" if kind == "from" else f"/{value}"
            out.append((start, c.end, value, "interval"))
        else:
            out.append((c.start, c.end, c.first.value(), c.first.grain))
    # a preposition or "đến nay" never reaches into a neighbour, but the contract is worth a check
    return [m for i, m in enumerate(out) if i == 0 or out[i - 1][1] <= m[0]]


def extract_dates(doc: Document) -> list[DateMention]:
    """Date mentions of ``doc``, sorted by start and non-overlapping, with original offsets and text."""
    published = doc.published.date() if doc.published is not None else None
    mentions = []
    for start, end, value, grain in _combine(doc.norm, _find_candidates(doc.norm, published), published):
        span = doc.span(start, end)
        mentions.append(DateMention(span.start, span.end, span.text, value, grain))
    return mentions
