"""The title layer: offices ("Bộ trưởng", "Phó Chủ tịch", "Đại sứ") on word boundaries, with what the
title itself says about its organisation. Knowledge in resources/titles.yaml (``titles``,
``modifiers``, ``suffixes``); computed once per document and read by the officials rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache

from ..startcache import compile_regex
from ..match.gazetteer import Gazetteer, lower_same_length, on_word_boundaries
from ..match.patterns import alternation
from ..resources import load_yaml
from ..text.normalize import normalize_string


@dataclass(frozen=True, slots=True)
class Title:
    title: str
    organization: str | None = None  # the organisation the title itself names
    unit: str | None = None
    unit_in_title: bool = False
    needs_org: bool = False
    public_only: bool = False
    alone_ok: bool = False
    foreign: bool = False
    rank: bool = False
    org_in_match: bool = False
    minister: bool = False  # "Bộ trưởng Tài chính": a bare ministry field follows
    heads_place: bool = False  # a city's or province's head: its place's name comes first ("Thị trưởng Kyiv Vitali Klitschko")
    abroad_only: bool = False  # an office only when its organisation is abroad ("Lãnh đạo Triều Tiên Kim Jong Un")
    capitalised_only: bool = False  # a title only when capitalised ("Tướng Sean Clancy"; "tướng George" is no rank)
    known_org_only: bool = False  # an office only in a body the gazetteer knows ("Phụ trách Văn phòng Tổng Bí thư")
    sole: bool = False  # held with no other office, so no chain of titles goes through it ("Giáo hoàng")


@dataclass(frozen=True, slots=True)
class TitleMatch:
    start: int
    end: int
    title: Title
    text: str  # reported title (suffix included)
    org_from: int | None  # where an organisation written inside the matched words starts


@dataclass(frozen=True, slots=True)
class TitleLexicon:
    titles: Gazetteer[tuple[int, Title]]
    modifiers: re.Pattern[str]  # "nguyên", "quyền", "tân" … before a title
    former: re.Pattern[str]  # "nguyên " / "cựu " right before a title
    former_period: re.Pattern[str]  # "trong thời gian giữ chức vụ ": this title and the chain's next ones were held before
    suffix: re.Pattern[str]  # "Thường trực" after a title
    post_modifier: re.Pattern[str]  # "đắc cử" after a title: skipped, no part of it
    inside_word: re.Pattern[str]  # "chức vụ" before "Phó …": a title's first syllable ending another word
    continued: re.Pattern[str]  # " quán" after "Đại sứ": a title's words going on to another word (the embassy)


@lru_cache(maxsize=1)
def title_lexicon() -> TitleLexicon:
    data = load_yaml("titles.yaml")
    gazetteer: Gazetteer[tuple[int, Title]] = Gazetteer()
    for item in data["titles"]:
        canonical = normalize_string(item["title"])
        spellings = [normalize_string(s) for s in item.get("match", [item["title"]])]
        unit = normalize_string(item["unit"]) if item.get("unit") else None
        base = Title(
            title=canonical,
            organization=normalize_string(item["organization"]) if item.get("organization") else None,
            unit=unit,
            unit_in_title=bool(unit) and lower_same_length(canonical).endswith(lower_same_length(unit)),
            needs_org=bool(item.get("needs_org")),
            public_only=bool(item.get("public_only")),
            alone_ok=bool(item.get("alone_ok")),
            foreign=bool(item.get("foreign")),
            rank=bool(item.get("rank")),
            org_in_match=bool(item.get("org_in_match")),
            minister=canonical in ("Bộ trưởng", "Thứ trưởng"),
            heads_place=bool(item.get("heads_place")),
            abroad_only=bool(item.get("abroad_only")),
            capitalised_only=bool(item.get("capitalised_only")),
            known_org_only=bool(item.get("known_org_only")),
            sole=bool(item.get("sole")),
        )
        variants = [(spellings, base)]
        if item.get("deputy"):
            deputy = Title(**{**{f.name: getattr(base, f.name) for f in fields(base)}, "title": "Phó " + canonical})
            variants.append((["Phó " + s for s in spellings], deputy))
        for words, title in variants:
            for spelling in words:
                if spelling not in gazetteer:  # the first title listed with a spelling keeps it
                    gazetteer.add(spelling, (len(spelling), title))
        if not base.org_in_match:
            for words, title in variants:
                for spelling in words:
                    for glued in _glued(spelling):
                        if glued not in gazetteer:
                            gazetteer.add(glued, (len(glued), title))
    period = data["modifiers"].get("former_period", [])
    modifiers = [*data["modifiers"]["former"], *period, *data["modifiers"]["current"]]
    return TitleLexicon(
        titles=gazetteer,
        modifiers=compile_regex(rf"({alternation(modifiers)}) ", re.IGNORECASE),
        former=compile_regex(rf"(?<!\w)(?:{alternation([*data['modifiers']['former'], *period])}) $", re.IGNORECASE),
        former_period=compile_regex(rf"(?<!\w)(?:{alternation(period) or '(?!)'}) $", re.IGNORECASE),
        suffix=compile_regex(rf" ({alternation(data['suffixes'])})(?!\w)", re.IGNORECASE),
        post_modifier=compile_regex(rf" (?:(?i:{alternation(data.get('post_modifiers', []))})"
                                    rf"|{alternation(data.get('lower_post_modifiers', []))})(?!\w)"),
        inside_word=compile_regex("|".join(rf"(?<!\w)(?:{alternation(before)}) {re.escape(syllable)}(?!\w)"
                                        for syllable, before in data.get("title_syllables_in_words", {}).items())
                               or r"(?!)"),
        continued=compile_regex(rf" (?:{alternation(data.get('title_continuations', []))})(?!\w)", re.IGNORECASE)
        if data.get("title_continuations") else compile_regex(r"(?!)"),
    )


def _glued(spelling: str) -> list[str]:
    """The spelling with one space left out: text scraped from tables glues the words of a cell that
    wrapped ("Trưởngphòng", "Đảng ủyviên"). No Vietnamese word is two syllables written together, so these
    spellings name nothing else."""
    spaces = [i for i, c in enumerate(spelling) if c == " "]
    return [spelling[:i] + spelling[i + 1:] for i in spaces]


def _found(text: str):
    """(start, end, title) of every title spelling on word boundaries in ``text``."""
    lex = title_lexicon()
    for match in lex.titles.iter(text):
        if not lex.continued.match(text, match.end):  # not "Đại sứ quán": the embassy
            yield match.start, match.end, match.payloads[0][1]


def _inside_name(norm: str, start: int, end: int, title: Title) -> bool:
    """A rank written with every word capitalised right after a capitalised word: the end of a name ("Đỗ Trung
    Tá"); a rank is written "Trung tá", and after a name it opens no title ("Nguyễn Văn A Trung tá" is no usage)."""
    words = norm[start:end].split(" ")
    if len(words) < 2 or not all(w[:1].isupper() for w in words) or norm[start:end] == title.title:
        return False
    before = norm[norm.rfind(" ", 0, max(0, start - 1)) + 1:max(0, start - 1)]
    return start > 0 and norm[start - 1] == " " and before[:1].isupper()


def title_matches(norm: str) -> dict[int, TitleMatch]:
    """Titles on word boundaries, longest at each start, suffixes joined ("Phó Thủ tướng Thường trực")."""
    lex = title_lexicon()
    best: dict[int, tuple[int, Title]] = {}
    for start, end, title in _found(norm):
        joined = lex.inside_word.match(norm, norm.rfind(" ", 0, max(0, start - 1)) + 1) if start else None
        if joined is not None and joined.end() > start:
            continue  # "từng giữ các chức vụ Phó trưởng khoa": "vụ" ends "chức vụ", no "Vụ phó" starts there
        if title.capitalised_only and not norm[start].isupper():
            continue  # "ông Driscoll và tướng George": the word, no title
        if title.rank and _inside_name(norm, start, end, title):
            continue  # "Bộ trưởng Đỗ Trung Tá": the given names of a person, no rank "Trung tá"
        if start not in best or best[start][0] < end:
            best[start] = (end, title)
    out: dict[int, TitleMatch] = {}
    covered = -1
    for start in sorted(best):
        if start < covered:
            continue
        end, title = best[start]
        text = title.title
        suffix = lex.suffix.match(norm, end)
        if suffix:
            end = suffix.end()
            text = f"{text} {suffix.group(1)}"
        post = lex.post_modifier.match(norm, end)
        if post:
            end = post.end()
        org_from = None
        if title.unit_in_title and suffix and norm[end:end + 1] == " " and norm[end + 1:end + 2].isupper():
            org_from = end + 1  # "Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương"
        elif title.unit_in_title and norm[end:end + 1] == " " and norm[end + 1:end + 2].isupper() and \
                norm[end + 1:end + 2 + len(title.unit)].lower() == title.unit.lower() + " ":
            org_from = end + 1  # "Trưởng ban Ban Biên giới": the unit written again opens the body
        elif title.unit_in_title:
            org_from = best[start][0] - len(title.unit)
        elif title.org_in_match and best[start][0] > start + len(title.title):
            org_from = start + len(title.title) + 1
        out[start] = TitleMatch(start, end, title, text, org_from)
        covered = end
    return out


def title_at(norm: str, pos: int, titles: dict[int, TitleMatch]) -> TitleMatch | None:
    """A title at ``pos``, after an optional "nguyên"/"quyền"/"tân"."""
    if pos in titles:
        return titles[pos]
    modifier = title_lexicon().modifiers.match(norm, pos)
    return titles.get(modifier.end()) if modifier else None


def opens_title(text: str) -> bool:
    """``text`` opens with a title, maybe after "nguyên"/"quyền" ("Trưởng Ban Tư tưởng ...")."""
    lex = title_lexicon()
    modifier = lex.modifiers.match(text)
    rest = text[modifier.end():] if modifier else text
    parts = rest.split(" ", 4)
    return any(" ".join(parts[:n]) in lex.titles and not lex.continued.match(rest, len(" ".join(parts[:n])))
               for n in range(1, min(4, len(parts)) + 1))


def holds_title(text: str) -> bool:
    """A title (not a rank) on word boundaries somewhere in ``text``."""
    return any(not title.rank for _, _, title in _found(text))


def trailing_rank(text: str) -> int | None:
    """Where a rank closing ``text`` starts ("... Bộ Công an - đại tá"), or None."""
    for start, end, title in _found(text):
        if title.rank and end == len(text):
            return start
    return None


__all__ = ["Title", "TitleMatch", "holds_title", "on_word_boundaries", "opens_title", "title_at", "title_lexicon",
           "title_matches", "trailing_rank"]
