"""The words around a candidate that confirm it (a trigger before a bare "30/8") or veto it (the year
inside "Hiến pháp năm 2013", "những năm tới", an ordinal "lần thứ hai")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...layers.names import surnames
from ...rules import rule_book
from ...rules.trace import NO_TRACE
from .vocabulary import context, norm_key, vocabulary


@dataclass(frozen=True, slots=True)
class Context:
    norm: str
    pub: date | None
    trace: Any = field(default=NO_TRACE)  # where vetoes are recorded (policytext explain)


def text_before(ctx: Context, start: int, width: int = 30) -> str:
    """The text just before ``start`` on the same line."""
    window = ctx.norm[max(0, start - width):start]
    return window[window.rfind("\n") + 1:]


def bare_day_is_date(ctx: Context, start: int, end: int) -> bool:
    """"30/8" is a date after a trigger word, in parentheses, or opening a sentence with a comma."""
    before = text_before(ctx, start)
    if context("day_trigger").search(before):
        if before.rstrip().endswith("("):
            return ctx.norm[end:end + 2].lstrip().startswith(")")
        return True
    return bool(context("sentence_start").search(before)) and ctx.norm[end:end + 1] == ","


def inside_document_name(ctx: Context, start: int) -> bool:
    """"năm 2013" in "Hiến pháp năm 2013" names the document, it does not date anything."""
    clause_start = max(ctx.norm.rfind(ch, 0, start) for ch in ",.;:()\n\"“”") + 1
    window = ctx.norm[max(clause_start, start - 80):start]
    heads = list(context("name_head").finditer(window))
    if not heads:
        return False
    return not context("name_breaker").search(window[heads[-1].end():])


def is_vague(ctx: Context, start: int, end: int) -> bool:
    """"những năm tới", "3 tháng qua", "tuần sau đó": a span or a duration, not a calendar point."""
    return bool(context("vague_before").search(text_before(ctx, start, 15)) or context("breaker_after").match(ctx.norm, end))


def after_ordinal_noun(ctx: Context, start: int) -> bool:
    """"lần thứ hai", "đợt thứ ba": an ordinal, not a weekday."""
    return bool(context("ordinal_noun").search(text_before(ctx, start, 20)))


def anchor_is_a_verb(ctx: Context, end: int) -> bool:
    """"tới" before a number or a capitalised name goes somewhere ("từ 1/7 tới 30/9", "tới Hà Nội")."""
    following = ctx.norm[end:end + 12].lstrip()
    return bool(following) and (following[0].isdigit() or following[0].isupper() or bool(
        context("after_verb_anchor").match(following)))


def ordinal_day(m: re.Match[str], ctx: Context) -> bool:
    """"ngày thứ N" with nothing before "ngày" that places it ("vào ngày thứ Ba") counts days."""
    start = m.start()
    if m.group("wd").lower().startswith("chủ"):
        return False  # "chủ nhật" counts nothing
    if (m.group("kw") or "").lower() != "ngày":
        before = text_before(ctx, start, 8)
        day_word = re.search(r"(?<!\w)ngày\s+$", before, re.I)
        if day_word is None:
            return False
        start -= len(before) - day_word.start()
    return not context("weekday_trigger").search(text_before(ctx, start))


def after_person_name(ctx: Context, bracket: int) -> bool:
    """A capitalised personal name ends right before ``bracket``: a family name and two more syllables
    ("Đinh Văn Tài"), or one more after an honorific ("ông Hoàng Minh")."""
    words = ctx.norm[max(0, bracket - 60):bracket].rstrip().split(" ")
    name: list[str] = []
    while words and words[-1][:1].isupper() and words[-1].isalpha():
        name.insert(0, words.pop())
    if not 2 <= len(name) <= 5:
        return False
    if name[0] not in surnames():
        return False
    if len(name) >= 3:
        return True
    honorifics = {norm_key(w) for w in vocabulary().raw["birth_honorifics"]}
    return " ".join(words[-2:]).lower() in honorifics or (words[-1:] or [""])[0].lower() in honorifics


RULES = rule_book("dates")
INSIDE_A_NAME = RULES.veto("inside-a-name")
ORDINAL = RULES.veto("ordinal-not-weekday")
RECURRING = RULES.veto("recurring")
COUNT = RULES.veto("count-or-duration")
VAGUE = RULES.veto("vague-period")


def veto(ctx: Context, rule: str, m: re.Match[str]) -> None:
    """Record that veto ``rule`` removed the candidate ``m``; returns None for the production to return."""
    ctx.trace.veto(rule, m.start(), m.end())
