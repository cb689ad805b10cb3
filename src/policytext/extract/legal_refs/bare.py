"""Bare numbers: "Quyết định 1880", "Nghị quyết số 21", "ra quyết định 132" (code = the number)."""

from __future__ import annotations

import re

from ...startcache import compile_regex
from ...rules import rule_book
from .lexicon import _Found, _Lexicon, _starts_word, pattern

RULES = rule_book("legal_refs")
BARE_NUMBER = RULES.rule("bare-number")
JOINED_NUMBERS = RULES.rule("joined-numbers")
YEAR_NOT_NUMBER = RULES.veto("year-not-number")
COUNT = RULES.veto("count-after-number")


# a bare number starts after a space or a colon; the pattern is tried only around such digits (scanning the
# whole text for its type words costs more than trying it at a few dozen places)
_NUMBER_START = compile_regex(r"(?<=[\s:])\d")
# characters around the digit: the longest type word, "hỏa tốc" or a qualifier of six words ("quyết định không khởi
# tố vụ án hình sự số 73"), "số:", then the number
_BEFORE, _AFTER = 80, 60
# what follows a lower-case "kết luận <number>" that is a document: its issuer, a punctuation mark, its code's tail
_CONCLUSION_AFTER = compile_regex(r"\s+của\s|\s*[,.;:)]|\s*$|-KL")
_JOINED_NUMBER = compile_regex(r"\d{1,4}")
_YEAR = compile_regex(r"(?:19[4-9]|20\d)\d")


def _bare_matches(norm: str, lex: _Lexicon):
    """The matches of bare_number in ``norm``, left to right, as finditer would give them."""
    last = -1
    for digit in _NUMBER_START.finditer(norm):
        at = digit.start()
        for match in lex.bare_number.finditer(norm, max(0, at - _BEFORE), at + _AFTER):
            if match.start(4) == at and match.start() > last and _starts_word(norm, match.start()):
                last = match.start()
                yield match


def _bare_numbers(norm: str, lex: _Lexicon, trace) -> list[_Found]:
    found: list[_Found] = []
    for match in _bare_matches(norm, lex):
        word, urgent, so, number, year = match.group(1, 2, 3, 4, 5)
        if not so and (urgent or not _bare_without_so(word, number, lex, year)):
            continue
        if urgent and urgent not in lex.urgency_words and word.lower() not in lex.act_qualified_types:
            continue  # a qualifier ("quyết định truy nã số 7340") after a type whose lower case is a plain noun
        if not so and not year and re.fullmatch(r"(?:19[4-9]|20\d)\d", number) and \
                word.lower() not in lex.year_like_numbers:
            trace.veto(YEAR_NOT_NUMBER, match.start(), match.end())
            continue  # "Luật 2020": a year, not a number
        if not so and word == "kết luận" and not _CONCLUSION_AFTER.match(norm, match.end()):
            trace.veto(COUNT, match.start(), match.end())
            continue  # "đã kết luận 15 vấn đề": the verb; "triển khai kết luận 127 của Bộ Chính trị": the document
        if _counts_something(norm, match.end(), lex):
            trace.veto(COUNT, match.start(), match.end())
            continue  # "Quyết định 3 người", "quyết định 15 tỷ đồng"
        code = f"{number}/{year}" if year else number
        doc_type = lex.bare_types[word.lower()]
        found.append(_Found(match.start(), match.end(), 2, doc_type, code, number,
                            int(year) if year else None, None, BARE_NUMBER))
        if not year:
            found.extend(_joined_numbers(norm, match.end(), doc_type, lex))
    return found


def _joined_numbers(norm: str, end: int, doc_type: str, lex: _Lexicon) -> list[_Found]:
    """"Nghị quyết 68, 57, 59 và 66": the numbers joined to a bare number, the last by "và", are documents of
    its type; none when one of them is a year or counts something ("Nghị quyết 68 và 2 nghị định")."""
    chain = pattern("joined_numbers").match(norm, end)
    if chain is None:
        return []
    numbers = list(_JOINED_NUMBER.finditer(norm, chain.start(), chain.end()))
    if any(_YEAR.fullmatch(n.group()) or _counts_something(norm, n.end(), lex) or
           pattern("type_word", re.IGNORECASE).match(norm, n.end() + 1) for n in numbers):
        return []  # a year, "và 3 tỷ đồng", "và 2 nghị định"
    return [_Found(n.start(), n.end(), 2, doc_type, n.group(), n.group(), None, None, JOINED_NUMBERS) for n in numbers]


def _bare_without_so(word: str, number: str, lex: _Lexicon, year: str | None = None) -> bool:
    """Whether "<type word> <number>" with no "số" is a reference rather than a verb and a count."""
    if word.lower() in lex.bare_needs_so:
        return False  # "Phạm Duy Luật 17 năm tù" is a name
    if word[0].isupper():
        return True
    # "ra quyết định 132", "theo nghị định 95", "thông tư 1/2025"; "quyết định 3 vấn đề" is a verb with a count
    return word.lower() in lex.bare_lower_types and (len(number.split(".")[0]) >= 2 or bool(year))


def _counts_something(norm: str, end: int, lex: _Lexicon) -> bool:
    """A unit or time word right after the number: "Quyết định 3 người", "quyết định 15 tỷ đồng"."""
    if pattern("date_or_verb_after").match(norm, end):
        return False
    following = norm[end:end + 12].lstrip()
    return any(following.startswith(w) and not following[len(w):len(w) + 1].isalnum()
               for w in lex.not_after_bare)
