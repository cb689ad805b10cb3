"""Where each item ends (RECORD.md "Tasks"): where the next item starts (the text between two items, a quote
or a comment, belongs to the earlier one; trailing white space excluded), the last item at the end of its
own paragraph, never later, or, when it has sub-items, of its last sub-item's paragraph.

An article whose lines were joined (the 2025 dump: one line) has no paragraph to end the last item. Rule
``last-item-sentences`` then takes the item's first sentence and the sentences after it while they still
read as the item's: the item has no more sentences than the list's longest earlier item (an item says about
as much as its siblings), and none opens a new turn of the article: a quote, a connective such as "Ngoài
ra", "Bên cạnh đó", "Tại cuộc họp" … (``last_item_breaks`` in resources/tasks.yaml), a speaker's assertion
among its first words ("Thủ tướng khẳng định …", "Bà Hiền cho rằng …", "Cục cũng chỉ đạo …": ``turn_verbs``),
a date, a comment on the whole list or a new case opening it ("Ngày 9-7, …", "Các nhiệm vụ nêu trên …",
"Với trường hợp …": pattern ``last_item_turn``), a question (a sub-heading). On the task gold's round-1 dev
split the first version placed 15 of the 18 last items of one-line articles exactly; a cap on characters
(1.2 times the longest sibling) placed 14.

A list whose every marker follows a bullet starts its items at the bullets (``with_bullets``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ...startcache import compile_regex
from ...rules import rule_book
from .lexicon import Lexicon, phrases
from .lists import line_end
from .markers import Marker

RULES = rule_book("tasks")
LAST_ITEM_SENTENCES = RULES.rule("last-item-sentences")

_SENTENCE_END = compile_regex(r"[.!?…]+[\"”’)]*(?=\s|$)")


def trim(norm: str, start: int, end: int) -> int:
    while end > start and norm[end - 1].isspace():
        end -= 1
    return end


def has_paragraphs(norm: str) -> bool:
    return "\n" in norm.strip()


@lru_cache(maxsize=1)
def _breaks(words: tuple[str, ...]) -> re.Pattern[str]:
    return phrases(words, anchored=True)


def _sentences(norm: str, start: int, end: int) -> int:
    return max(1, len(_SENTENCE_END.findall(norm, start, end)))


@lru_cache(maxsize=1)
def _turn_verbs(words: int, verbs: tuple[str, ...]) -> re.Pattern[str]:
    return compile_regex(rf"^(?:\S+\s+){{0,{words}}}?(?:{phrases(verbs).pattern})", re.IGNORECASE)


def _turns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A new speaker's assertion among a sentence's first words ("Thủ tướng khẳng định …", "Bà Hiền cho rằng
    …", "Cục cũng chỉ đạo …"), and a sentence that opens on a date, a comment on the whole list or a new case
    ("Ngày 9-7, …", "Các nhiệm vụ nêu trên …", "Với trường hợp …")."""
    verbs = _turn_verbs(int(lex.number("turn_verb_window")), tuple(lex.data["turn_verbs"]))
    return verbs, lex.markers["last_item_turn"]


def _new_turn(following: str, lex: Lexicon) -> bool:
    verbs, opening = _turns(lex)
    sentence = following.rstrip()
    asserted = verbs.match(sentence)
    if asserted and lex.modal.search(sentence, 0, asserted.end() - 1):
        asserted = None  # "ASEAN cần tái khẳng định …" goes on with what is to be done
    return bool(asserted or opening.match(sentence)) or sentence.endswith("?")


def _last_in_one_line(norm: str, marker: Marker, earlier: list[tuple[Marker, int]], lex: Lexicon,
                      limit: int | None = None) -> int:
    """The end of the last item of a list in a text without paragraph breaks (rule last-item-sentences),
    never past ``limit`` (where another enumeration starts: "… thành công. Cách xác thực qua thông báo: Bước
    1: …" ends the item at "thành công.")."""
    stop = line_end(norm, marker.end) if limit is None else min(limit, line_end(norm, marker.end))
    most = max((_sentences(norm, m.start, end) for m, end in earlier), default=1)
    breaks = _breaks(tuple(lex.data["last_item_breaks"]))
    end, taken = None, 0
    for sentence in _SENTENCE_END.finditer(norm, marker.end, stop):
        if end is not None:
            following = norm[end:sentence.end()].lstrip()
            if taken >= most or following[:1] in "\"“'‘" or breaks.match(following) or _new_turn(following, lex):
                break  # as many sentences as its longest sibling has, and no quote or new turn
        end, taken = sentence.end(), taken + 1
    return trim(norm, marker.start, end if end is not None else stop)


def item_ends(norm: str, run: list[Marker], subs: list[list[Marker]], lex: Lexicon,
              limit: int | None = None) -> list[tuple[Marker, int, str | None]]:
    """Each marker of a list with the end of its item (normalised) and the rule that placed a last
    item's end in a one-line text (None otherwise); ``limit``: where the next enumeration starts."""
    items: list[tuple[Marker, int, str | None]] = []
    for i, marker in enumerate(run):
        if i + 1 < len(run):
            items.append((marker, trim(norm, marker.end, run[i + 1].start), None))
            continue
        last_sub = max((sub[-1].end for sub in subs if sub[0].start >= marker.start), default=marker.end)
        if has_paragraphs(norm):
            items.append((marker, trim(norm, marker.end, line_end(norm, last_sub)), None))
        else:
            end = _last_in_one_line(norm, marker, [(m, e) for m, e, _ in items], lex, limit)
            if last_sub > end:  # at least to the end of the last sub-item's sentence
                found = _SENTENCE_END.search(norm, last_sub, line_end(norm, last_sub))
                end = trim(norm, marker.start, found.end() if found else line_end(norm, last_sub))
            items.append((marker, end, LAST_ITEM_SENTENCES))
    return items


# a bullet and a space right before a marker ("- Bước 1: …", "+ Thứ nhất, …")
_BULLETS = frozenset("-–+•*")  # "*" too (task guideline R4-5)


def with_bullets(norm: str, items: list[tuple[Marker, int, str | None]]) -> list[tuple[Marker, int, str | None]]:
    """A list whose every marker follows a bullet and a space ("Có thể như sau: - Bước 1: … - Bước 2: …"):
    each item starts at its bullet, which is its marker as written (task guideline, decision R3-2), and the
    item before ends before it. Other lists are returned as they are."""
    if not all(m.start >= 2 and norm[m.start - 1] == " " and norm[m.start - 2] in _BULLETS for m, _, _ in items):
        return items
    moved = []
    for i, (marker, end, rule) in enumerate(items):
        if i + 1 < len(items) and end >= items[i + 1][0].start - 2:
            end = trim(norm, marker.end, items[i + 1][0].start - 2)
        moved.append((replace(marker, start=marker.start - 2, bullet=norm[marker.start - 2]), end, rule))
    return moved
