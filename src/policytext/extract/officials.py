"""Officials: named people holding a public office, with every title the article gives them.

How a person is found (knowledge in resources/titles.yaml, surnames.yaml, organizations.yaml):

1. A chain of titles, each with its organisation, then a name: "Ủy viên Ban Chấp hành Trung ương
   Đảng, Bí thư Ban cán sự Đảng, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên". A name is a surname
   and one to three capitalised syllables; after "ông"/"bà"/"đồng chí" any two to four capitalised
   syllables ("ông Văn Dũng"); foreign office-holders may have any capitalised name ("Kofi Annan").
   A plural title lists its holders ("các Phó Thủ tướng: Trần Hồng Hà, Lê Thành Long"); a degree
   before the name is none of it ("Giám đốc Bệnh viện X, PGS.TS Nguyễn Văn A").
2. A name followed by its titles: "ông Nguyễn Văn A, Giám đốc Sở Tài chính", "Trần Văn B (nguyên
   Chủ tịch UBND xã X)", "ông C được bổ nhiệm giữ chức Thứ trưởng ...", "Đại biểu D (Đoàn ĐBQH
   tỉnh X)".
3. A title before one word of a name written in full elsewhere: "Chánh án Weinstein" is the
   article's "Jack Weinstein".
4. Later mentions of someone already found: the full name anywhere, and the last syllable of the
   name after an honorific or a title ("ông Diên", "Bộ trưởng Diên"; not "Thủ tướng Chính phủ").

Decisions (benchmarks/gold/README.md and RECORD.md):
- ``name`` is the fullest form, as written (original text). Mentions are name spans:
  "Nguyễn Hồng Diên" in "Bộ trưởng Nguyễn Hồng Diên", "Diên" in "ông Diên".
- ``positions``: nearest-to-the-name first (the office right before the name is the person's main
  one, as in RECORD.md's example), then in the order later mentions add them; a title also given
  with an organisation drops its bare repetition.
- Titles leave out "nguyên"/"cựu"/"quyền"/"tân". Former office-holders still count, their position
  marked ``former`` ("nguyên Bộ trưởng", "cựu Bộ trưởng", each title of a chain on its own); an
  acting ("quyền") or new ("tân") holder holds the office now. Ranks ("Thượng tướng") are not
  positions and make no entry alone.
- ``organization`` is the organisation as written after the title (abbreviations kept: "UBND TP
  Hà Nội"), in the gazetteer's casing when it is a gazetteer name ("Bộ Công thương" -> "Bộ Công
  Thương"); a unit word the title swallowed is restored ("Cục phó Thú y" -> "Cục Thú y").
  "Ban cán sự Đảng" and "Đảng đoàn" are completed with the ministry of the same chain
  ("Ban cán sự Đảng Bộ Công Thương", as RECORD.md shows).
- Titles also used in private companies (Giám đốc, Chủ tịch HĐQT ...) count only with a public
  organisation. Units of "công ty" (not "Tổng công ty"), and names the article writes as a company's
  elsewhere ("Công ty Phú An Sinh", "Công ty Cổ phần ... (Yteco)"), are private jobs, unless the text shows
  the company state-owned (titles.yaml ``state_company``): a public-utility or state-monopoly sector in its
  name ("Công ty Cấp nước Sài Gòn"), a state parent or owner ("thuộc Bộ Quốc phòng", "Tổng công ty X, "mẹ"
  của Công ty Y") or "doanh nghiệp nhà nước"; a private cue ("cổ phần", TNHH other than single-member,
  "tư nhân", "liên doanh") wins.
- Whose title it is: an apposition to a name ends at its comma, so a name after it with no honorific
  is someone else ("ông Trần Kim Long, Chủ tịch UBND quận Gò Vấp, Lê Minh Châu"); a title owning a
  document is not the next person's ("công điện của Thủ tướng Chính phủ, ông Lê Thanh Hải, Chủ tịch
  ..."); "và" and lower-case words before a name join another person ("Tổng cục Cảnh sát và đại tá
  Phạm Hùng Chiến"); a capitalised name inside a school's, street's or newspaper's name is its namesake
  ("Trường THPT chuyên Lê Quý Đôn Đà Nẵng", "báo Khoa Học &amp; Đời Sống").
- Names: a sentence opener ("Theo Nguyễn Thị Liên, Hiệu trưởng ...") and "anh"/"chị" before a name are
  no part of it; a one-word foreign surname merges with the full name ("Schroeder", "Gerhard
  Schroeder"); a foreign name with no honorific before its titles needs a foreign or international
  office ("James Wolfensohn, Chủ tịch WB").
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import ahocorasick

from ..document import Document
from ..model import Official, Position
from ..resources import load_yaml
from ..text.normalize import normalize_string
from ..text.patterns import alternation
from .organizations import (OrgMatch, lower_same_length, organization_entry, organization_matches,
                            person_first_surnames, surnames)

# organisations whose title before "kiêm" holds the same office there ("Phó Chủ tịch kiêm Tổng Thư ký
# Hội X"); not local authorities or ministries ("Bí thư kiêm Chủ tịch UBND xã": the Party committee's)
_SHARED_KINDS = {"state_group", "mass", "international", None}
# organisations a "Ban cán sự Đảng" / "Đảng đoàn" of the same chain belongs to
_PARENT_KINDS = {"ministry", "state", "agency", "court", "mass"}


@dataclass(frozen=True, slots=True)
class _Title:
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


@dataclass(slots=True)
class _Lexicon:
    titles: ahocorasick.Automaton
    modifiers: re.Pattern[str]
    former: re.Pattern[str]  # "nguyên " / "cựu " right before a title
    suffix: re.Pattern[str]
    honorific: re.Pattern[str]  # honorifics and degrees
    honorific_search: re.Pattern[str]  # the same without the word boundary, for _honorific_matches
    aside: re.Pattern[str]  # "(sinh năm 1960)", "(bên trái)" between a name and its titles
    sentence_openers: frozenset[str]
    polite: frozenset[str]  # honorifics proper: any capitalised run after them is a name
    not_names: frozenset[str]
    not_name_start: re.Pattern[str]  # a body or a place starting here ("Chính phủ", "Hà Nội")
    places: frozenset[str]
    historical: frozenset[str]
    institution_names: frozenset[str]
    private_heads: re.Pattern[str]
    generic_end: re.Pattern[str]
    dash_clause: re.Pattern[str]  # lower-case words that go on with the sentence right after a dash
    name_not_after: re.Pattern[str]
    not_holder_before: re.Pattern[str]
    place_before: re.Pattern[str]
    not_office: re.Pattern[str]
    private_context: re.Pattern[str]
    private_markers: re.Pattern[str]
    unit_start: re.Pattern[str]
    state_company: _StateCompanyCues


@dataclass(frozen=True, slots=True)
class _StateCompanyCues:
    """What makes a company written after a title state-owned (titles.yaml ``state_company``)."""

    enterprise: re.Pattern[str]  # "Công ty", "Xí nghiệp" ...: the organisation is an enterprise
    owned: re.Pattern[str]  # an ownership form or a public-utility / state-monopoly sector in the name
    form: re.Pattern[str]  # an ownership form written in the rest of the sentence
    parent: re.Pattern[str]  # "thuộc Bộ Quốc phòng", "(Tổng công ty Xi măng)" right after the company
    inner_parent: re.Pattern[str]  # the same inside the organisation ("Xí nghiệp ... thuộc PTSC")
    owner_before: re.Pattern[str]  # "Tổng công ty X (Viglacera), "mẹ" của " right before the company
    single_member: re.Pattern[str]  # "TNHH MTV": neither a private nor a state cue alone
    private: re.Pattern[str]


def _state_company_cues(data: dict, org_data: dict) -> _StateCompanyCues:
    cues = data["state_company"]
    groups = [spelling for item in org_data["organizations"] if item.get("kind") == "state_group"
              for spelling in (item["name"], *item.get("aliases", []))]
    parents = alternation([*cues["parents"], *groups])
    sectors = alternation([*cues["forms"], *cues["sectors"]])
    link_word = r"(?:,? (?:trực thuộc|thuộc|của)| ?[(\-–]) ?"
    return _StateCompanyCues(
        enterprise=re.compile(rf"(?<!\w)(?:{alternation(cues['heads'])})(?!\w)", re.IGNORECASE),
        owned=re.compile(rf"(?<!\w)(?:{sectors}|{'|'.join(cues['sector_patterns'])})(?!\w)", re.IGNORECASE),
        form=re.compile(rf"(?<!\w)(?:{alternation(cues['forms'])})(?!\w)", re.IGNORECASE),
        parent=re.compile(rf"{link_word}(?:{parents})(?!\w)"),
        inner_parent=re.compile(rf"(?<!\w)(?:trực thuộc|thuộc|của) (?:{parents})(?!\w)"),
        owner_before=re.compile(rf"(?<!\w)(?:{parents})(?!\w)[^.;!?\n]{{0,100}}?(?<!\w)"
                                rf"(?:{alternation(cues['owner_words'])})[\"”]? của $"),
        single_member=re.compile(rf"(?<!\w)(?:{alternation(cues['single_member'])})(?!\w)", re.IGNORECASE),
        private=re.compile(rf"(?<!\w)(?:{alternation(cues['private'])})(?!\w)", re.IGNORECASE),
    )


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_yaml("titles.yaml")
    automaton = ahocorasick.Automaton()
    for item in data["titles"]:
        canonical = normalize_string(item["title"])
        spellings = [normalize_string(s) for s in item.get("match", [item["title"]])]
        unit = normalize_string(item["unit"]) if item.get("unit") else None
        base = _Title(
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
        )
        variants = [(spellings, base)]
        if item.get("deputy"):
            deputy = _Title(**{**{f: getattr(base, f) for f in base.__slots__}, "title": "Phó " + canonical})
            variants.append((["Phó " + s for s in spellings], deputy))
        for words, title in variants:
            for spelling in words:
                key = lower_same_length(spelling)
                if key not in automaton:
                    automaton.add_word(key, (len(spelling), title))
    automaton.make_automaton()
    org_data = load_yaml("organizations.yaml")
    modifiers = [*data["modifiers"]["former"], *data["modifiers"]["current"]]
    places = {normalize_string(p) for p in org_data["places"]} | {normalize_string(c) for c in org_data["countries"]}
    address = [*data["honorifics"], *data["familiar"], *data["degrees"]]  # words before a name, none of it
    return _Lexicon(
        titles=automaton,
        modifiers=re.compile(rf"({alternation(modifiers)}) ", re.IGNORECASE),
        former=re.compile(rf"(?<!\w)(?:{alternation(data['modifiers']['former'])}) $", re.IGNORECASE),
        suffix=re.compile(rf" ({alternation(data['suffixes'])})(?!\w)", re.IGNORECASE),
        honorific=re.compile(rf"(?<!\w)(?:{alternation(address)}) "),
        honorific_search=re.compile(rf"(?:{alternation(address)}) "),
        polite=frozenset(normalize_string(h) for h in data["honorifics"]),
        aside=re.compile(rf" \((?:\d|(?:{alternation(data['name_asides'])})(?!\w))[^()\n]{{0,40}}\)"
                         rf"\s*(?:,|[-–](?= ))\s*"),
        sentence_openers=frozenset(normalize_string(w) for w in data["sentence_openers"]),
        not_names=frozenset(normalize_string(n) for n in data["not_names"]),
        not_name_start=re.compile(rf"(?:{alternation([*data['not_names'], *places])})(?!\w)"),
        places=frozenset(places),
        historical=frozenset(normalize_string(n) for n in data.get("historical_names", [])),
        institution_names=frozenset(normalize_string(n) for n in org_data.get("named_after_people", [])),
        private_heads=re.compile(rf"^(?:(?:Hội đồng quản trị|HĐQT|Hội đồng thành viên|HĐTV) )?"
                                 rf"(?:{alternation(data['private_org_heads'])})(?!\w)"
                                 rf"|^(?:{alternation(data['private_boards'])}) "
                                 rf"(?!{alternation(data['state_firms'])})",
                                 re.IGNORECASE),
        private_context=re.compile(rf"(?<!\w)(?:{alternation(data['private_context'])})(?!\w)", re.IGNORECASE),
        private_markers=re.compile(rf"(?<!\w)(?:{alternation(data['private_markers'])})(?!\w)", re.IGNORECASE),
        name_not_after=re.compile(rf"(?<!\w)(?:{alternation(data['name_not_after'])}) $", re.IGNORECASE),
        not_office=re.compile(rf"^(?:{alternation(data['not_office_units'])})(?!\w)", re.IGNORECASE),
        place_before=re.compile(rf"(?<!\w)(?:{alternation(data['place_words'])}) $", re.IGNORECASE),
        not_holder_before=re.compile(rf"(?<!\w)(?:{alternation(data['not_holder_before'])}) $"),
        generic_end=re.compile(rf"[,;:!?()\"“”\n]|\.(?!\w)|(?<=\w{{3}})\."  # not the dot of "TP.HCM"
                               rf"| (?:{alternation(data['clause_verbs'])})(?!\w)| (?=\d+\.)"
                               # "cho VnExpress biết", "cho phóng viên Tuổi Trẻ hay"
                               rf"| cho (?:[^\s,.;:]+ ){{1,3}}(?:{alternation(data['told_verbs'])})(?!\w)"),
        dash_clause=re.compile(rf"(?:{alternation(data['dash_clause_words'])})(?!\w)"),
        unit_start=re.compile(rf"(?:{alternation(data['unit_words'])})(?!\w)"),
        state_company=_state_company_cues(data, org_data),
    )


@dataclass(frozen=True, slots=True)
class _TitleMatch:
    start: int
    end: int
    title: _Title
    text: str  # reported title (suffix included)
    org_from: int | None  # where an organisation written inside the matched words starts


@dataclass(slots=True)
class _Link:
    """One title of a chain and the organisation written with it (normalised offsets)."""

    title: _TitleMatch
    org_start: int | None = None
    org_end: int | None = None
    org_name: str | None = None  # gazetteer name, when the organisation is one
    kind: str | None = None
    after_kiem: bool = False  # joined to the title before by "kiêm"
    abroad: bool = False  # a foreign country's ministry named by its field ("Ngoại giao Hoa Kỳ")


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    positions: list[Position] = field(default_factory=list)


_SYLLABLE = re.compile(r"[^\W\d_]+")
_FOREIGN_PART = re.compile(r"[^\W\d_]\.(?=[ \w])|[^\W\d_](?:[^\W\d_]|['’-][^\W\d_])*")  # "W." or "Ki-moon"
# "Tổng công ty Điện lực VN (EVN) Đặng Hùng", "chủ tịch UBND xã này là Lý Kông Sinh"
_BEFORE_NAME = re.compile(r"(?: \([^()\n]{1,20}\))?(?: (?:này |đó )?là |,? )")
# between two titles of one person ("Đà Nẵng- Hiệu trưởng" too); ";" separates people in lists
_SEPARATOR = re.compile(r"\s*(?:,|\bkiêm\b|\bđồng thời là\b| - | – |(?<=\w)[-–](?= ))\s*")
_AFTER_NAME = re.compile(r"\s*(?:,|\(|[-–](?= ))\s*")  # "Nguyễn Văn Sáng- Phó Chủ tịch" too
# "ông A được bổ nhiệm giữ chức Thứ trưởng ...", "ông B thôi giữ chức Chủ tịch ...", "ông C là Giám đốc ..."
_APPOINTED = re.compile(r" (?:(?:đã |vừa |sẽ |chính thức )?được (?:bầu|bổ nhiệm|tái bổ nhiệm|điều động|luân chuyển|"
                        r"phân công|giao|chỉ định|cử|bầu bổ sung|bầu giữ chức)(?: (?:giữ chức vụ|giữ chức|làm|là))? |"
                        r"(?=thôi giữ chức)|giữ chức vụ |giữ chức |là |hiện là |làm )")
_OF = re.compile(r" (?:của|thuộc) ")
_BRACKET_LEAD = re.compile(r"(?:giữ chức vụ|giữ chức|từng giữ chức|từng là|hiện là|là) ")
_REGION = re.compile(r" khu vực (?:[IVXL]+|\d{1,2})(?!\w)")
_TAI = re.compile(r"(?: (\([^()\n]{1,15}\)))? tại ")  # "Quỹ Nhi đồng Liên hợp quốc (UNICEF) tại Việt Nam"
# a dot after an abbreviation goes on ("TP.HCM", "Q.Bình Thạnh"), one glued to a word ends ("Ninh Bình.Bị cáo")
_CLAUSE_END = re.compile(r"[,;:!?()\"“”\n]|\.(?!\w)|(?<=\w{3})\.")


def _is_boundary(norm: str, start: int, end: int) -> bool:
    return (start == 0 or not norm[start - 1].isalnum()) and (end >= len(norm) or not norm[end].isalnum())


def _title_matches(norm: str) -> dict[int, _TitleMatch]:
    """Titles on word boundaries, longest at each start, suffixes joined ("Phó Thủ tướng Thường trực")."""
    lex = _lexicon()
    best: dict[int, tuple[int, _Title]] = {}
    for last, (length, title) in lex.titles.iter(lower_same_length(norm)):
        end = last + 1
        start = end - length
        if _is_boundary(norm, start, end) and (start not in best or best[start][0] < end):
            best[start] = (end, title)
    out: dict[int, _TitleMatch] = {}
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
        org_from = None
        if title.unit_in_title and suffix and norm[end:end + 1] == " " and norm[end + 1:end + 2].isupper():
            org_from = end + 1  # "Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương"
        elif title.unit_in_title:
            org_from = best[start][0] - len(title.unit)
        elif title.org_in_match and best[start][0] > start + len(title.title):
            org_from = start + len(title.title) + 1
        out[start] = _TitleMatch(start, end, title, text, org_from)
        covered = end
    return out


def _title_at(norm: str, pos: int, titles: dict[int, _TitleMatch]) -> _TitleMatch | None:
    """A title at ``pos``, after an optional "nguyên"/"quyền"/"tân"."""
    if pos in titles:
        return titles[pos]
    modifier = _lexicon().modifiers.match(norm, pos)
    return titles.get(modifier.end()) if modifier else None


def _capitalised_run(norm: str, pos: int, limit: int = 6) -> list[tuple[int, int]]:
    run: list[tuple[int, int]] = []
    at = pos
    while len(run) < limit:
        m = _SYLLABLE.match(norm, at)
        if not m or not m.group(0)[0].isupper():
            break
        run.append((m.start(), m.end()))
        if m.end() + 1 < len(norm) and norm[m.end()] == " ":
            at = m.end() + 1
        else:
            break
    if run and run[-1][1] < len(norm) and norm[run[-1][1]].isalnum():
        return []  # glued to digits ("Cường10"): a list number, keep the name clean below
    return run


def _has_surname(norm: str, run: list[tuple[int, int]]) -> bool:
    names = surnames()
    first = norm[run[0][0]:run[0][1]]
    two = norm[run[0][0]:run[1][1]] if len(run) > 1 else ""
    return first in names or two in names


def _acceptable_name(norm: str, start: int, end: int, org_starts: dict[int, OrgMatch], after_title: bool,
                     direct: bool = True) -> bool:
    """Not a place, an organisation or a school named after someone (unless a title stands right before)."""
    lex = _lexicon()
    text = norm[start:end]
    if after_title and direct and text in lex.historical:
        return True
    if text in lex.institution_names and not (after_title and direct):
        return False
    words = text.split(" ")
    prefixes = (" ".join(words[:n]) for n in range(1, len(words) + 1))
    if any(prefix in lex.not_names or prefix in lex.places for prefix in prefixes):
        return False  # "Hà Nội", "Hồ Chí Minh", "Chính phủ": a place or a body, not a person
    org = org_starts.get(start)
    return org is None or org.kind == "ministry_field"


_LONG_NAME_OPENINGS = frozenset({"Y"})  # Ê Đê and Jrai men's names run to five syllables


def _vietnamese_name(norm: str, pos: int, org_starts, *, honorific: bool = False,
                     after_title: bool = True) -> tuple[int, int] | None:
    """A name right at ``pos``: the whole capitalised run, 2-4 syllables, opening with a surname
    (any run after an honorific: "ông Văn Dũng")."""
    run = _capitalised_run(norm, pos) or _glued_run(norm, pos)
    if len(run) < 2:
        return None
    longest = 5 if norm[run[0][0]:run[0][1]] in _LONG_NAME_OPENINGS else 4  # "Y Thanh Hà Niê Kđăm"
    if len(run) > longest or not (honorific or _has_surname(norm, run)):
        return None
    start, end = run[0][0], run[-1][1]
    return (start, end) if _acceptable_name(norm, start, end, org_starts, after_title) else None


_LIST_NUMBER = re.compile(r"\d{1,3}[.)]")


def _glued_run(norm: str, pos: int) -> list[tuple[int, int]]:
    """A run whose last syllable is glued to a list number ("Quách Cường10."): the syllables only."""
    run: list[tuple[int, int]] = []
    at = pos
    while len(run) < 5:
        m = _SYLLABLE.match(norm, at)
        if not m or not m.group(0)[0].isupper():
            break
        run.append((m.start(), m.end()))
        if m.end() < len(norm) and norm[m.end()].isdigit():
            number = _LIST_NUMBER.match(norm, m.end())
            return run if number else []  # "ASEM5" is a name of something
        if m.end() + 1 < len(norm) and norm[m.end()] == " ":
            at = m.end() + 1
        else:
            break
    return []


_FOREIGN_WORD = re.compile(r"[A-Z][a-z]+(?:['’-][A-Za-z]+)*")
_PARTICLES = frozenset({"von", "van", "der", "den", "de", "du", "da", "di", "la", "le", "bin", "binti", "al", "el"})


def _foreign_name(norm: str, pos: int, org_starts) -> tuple[int, int] | None:
    parts: list[re.Match[str]] = []
    at = pos
    while len(parts) < 5:
        m = _FOREIGN_PART.match(norm, at)
        if not m or not (m.group(0)[0].isupper() or parts and re.split(r"['’-]", m.group(0))[0] in _PARTICLES):
            break
        parts.append(m)
        if m.end() < len(norm) and norm[m.end()] == " ":
            at = m.end() + 1
        elif m.group(0).endswith(".") and m.end() < len(norm) and norm[m.end()].isupper():
            at = m.end()  # "M.Ansari"
        else:
            break
    while parts and (parts[-1].group(0).endswith(".") or parts[-1].group(0) in _PARTICLES):
        parts.pop()  # an initial or a particle must be followed by the rest of the name
    if not parts or len(parts) == 1 and not _FOREIGN_WORD.fullmatch(parts[0].group(0)):
        return None  # one word must look foreign ("Bush", "Putin"; not "Lãnh" of "Lãnh đạo")
    start, end = parts[0].start(), parts[-1].end()
    hyphen = norm.rfind("-", start, end)
    if hyphen > start and _lexicon().generic_end.fullmatch(" " + norm[hyphen + 1:end]):
        end = hyphen  # "Ayumi Konishi-khi trả lời": a missing space before a Vietnamese word
    return (start, end) if _acceptable_name(norm, start, end, org_starts, True) else None


def _known_org_after(norm: str, link: _Link, org_starts: dict[int, OrgMatch]) -> int:
    """Attach the gazetteer organisation the title names; returns where the link ends."""
    title = link.title
    t = title.title
    unit_start = title.org_from
    found: OrgMatch | None = None
    if unit_start is not None:
        inner = org_starts.get(unit_start)
        if inner is not None and inner.end > title.end:
            found = inner
    if found is None and title.end < len(norm) and norm[title.end] == " ":
        org = org_starts.get(title.end + 1)
        if org is not None and (org.kind != "ministry_field" or t.minister) and \
                not (org.kind == "country" and t.unit):  # "Trưởng ban Pháp chế" heads no French body
            found = org
    if found is None:
        return title.end
    end = found.end
    region = _REGION.match(norm, end)
    if region:
        end = region.end()  # "Kho bạc Nhà nước khu vực XII", the regional units of 2025
    of = _OF.match(norm, end)  # "Ủy ban Pháp luật của Quốc hội"
    if of and of.end() in org_starts:
        end = org_starts[of.end()].end
    if found.kind == "ministry_field" and norm[end:end + 1] == " ":
        country = org_starts.get(end + 1)
        if country is not None and country.kind == "country" and country.name != "Việt Nam":
            end, link.abroad = country.end, True  # "Bộ trưởng Ngoại giao Hoa Kỳ"
    if found.kind in ("country", "international"):
        tai = _TAI.match(norm, end)
        if tai and tai.end() in org_starts:
            end = org_starts[tai.end()].end  # "Đại sứ Việt Nam tại Nhật Bản", "Ngân hàng Thế giới tại Việt Nam"
    link.org_start = unit_start if unit_start is not None and found.start > unit_start else found.start
    link.org_end, link.kind = end, found.kind
    link.org_name = found.name if found.kind != "ministry_field" else None
    return end


_JOINED_PERSON = re.compile(r"(?<!\w)(?:và|cùng|với)(?: [^\W\d_A-ZĐ][^\W\d_]*){0,2} $")


def _names_someone(norm: str, start: int, end: int, org_starts) -> bool:
    """Another person joined inside ``norm[start:end]`` ("phòng điều vận và Lâm Ngọc Kiệt", "... và trung
    úy Trương Ngọc Long"); not a name an organisation carries ("THPT Ngô Thời Nhiệm")."""
    for m in _NAME_START.finditer(norm, start, end):
        if norm[m.start()].isupper() and not _inside_run(norm, m.start()) and \
                _JOINED_PERSON.search(norm, max(start, m.start() - 30), m.start()):
            name = _vietnamese_name(norm, m.start(), org_starts, after_title=False)
            if name is not None and name[1] <= end:
                return True
    return False


def _before_someone_else(norm: str, start: int, end: int, org_starts) -> tuple[int, int] | None:
    """An organisation's words up to another person joined to them: "phòng điều vận" of "trưởng phòng
    điều vận và Lâm Ngọc Kiệt"."""
    for m in _NAME_START.finditer(norm, start, end):
        joined = _JOINED_PERSON.search(norm, max(start, m.start() - 30), m.start())
        if norm[m.start()].isupper() and not _inside_run(norm, m.start()) and joined and \
                _vietnamese_name(norm, m.start(), org_starts, after_title=False) is not None:
            cut = joined.start() - 1
            return (start, cut) if cut > start else None
    return start, end


_COMMA_THEN_PARENT = re.compile(r", ([^,.;:()\n\d]{1,60}?) (?:thuộc|của) ")


def _through_comma_to_parent(norm: str, end: int, titles, org_starts) -> int:
    """"vụ 4, Thanh tra khiếu tố địa phương thuộc Thanh tra Chính phủ": an organisation whose name goes
    on past a comma to the known body it belongs to (not to another title); returns where it ends."""
    m = _COMMA_THEN_PARENT.match(norm, end)
    if not m or not m.group(1)[:1].isupper() or _title_at(norm, m.start(1), titles) is not None:
        return end
    if _lexicon().generic_end.search(" " + m.group(1)):
        return end  # "Ban quản lý dự án đường sắt, Chính phủ đã đồng ý ... của ADB": a new clause, no parent
    parent = org_starts.get(m.end())
    return parent.end if parent is not None else end


def _read_chain(norm: str, first: _TitleMatch, titles, org_starts,
                after_name: bool = False) -> tuple[list[_Link], int]:
    """Titles joined by commas or "kiêm", each with its organisation: the links and where they end.

    ``after_name``: the person is already named, so an organisation the gazetteer does not know may sit
    between two titles ("Nguyễn Tân Cương, Tổng Tham mưu trưởng Quân đội nhân dân Việt Nam, Thứ trưởng
    Bộ Quốc phòng"); before the name it could swallow the name."""
    links: list[_Link] = []
    current = first
    after_kiem = False
    while True:
        link = _Link(current, after_kiem=after_kiem)
        end = _known_org_after(norm, link, org_starts)
        links.append(link)
        if after_name and link.org_start is None and not current.title.organization and not current.title.rank \
                and norm[end:end + 1] == " ":
            generic = _generic_org(norm, end + 1, link)
            if generic is not None and _vietnamese_name(norm, generic[0], org_starts, after_title=False) is None:
                separator = _SEPARATOR.match(norm, generic[1])
                following = _title_at(norm, separator.end(), titles) if separator else None
                # "..., Chánh văn phòng Cơ quan CSĐT, thiếu tá Phạm Đình Thi": a rank opens the next person
                if following is not None and not following.title.rank and \
                        not _names_someone(norm, generic[0], generic[1], org_starts):
                    _set_generic(link, *generic)
                    end = generic[1]
        separator = _SEPARATOR.match(norm, end)
        following = _title_at(norm, separator.end(), titles) if separator else None
        if following is None or following.start <= current.start:
            return links, end
        current = following
        after_kiem = "kiêm" in separator.group(0)


def _generic_org(norm: str, pos: int, link: _Link) -> tuple[int, int] | None:
    """An organisation the gazetteer does not know, written right after a title up to the clause's end."""
    lex = _lexicon()
    limit = min(len(norm), pos + 100)
    stop = lex.generic_end.search(norm, pos - 1, limit)
    while stop and stop.group(0) == ";" and norm.endswith("&amp", 0, stop.start()):
        stop = lex.generic_end.search(norm, stop.end(), limit)  # "báo Khoa Học &amp; Đời Sống": an escaped "&"
    end = max(pos, stop.start()) if stop else limit
    text = _until_proper_noun_ends(_before_joined_name(_before_dashed_clause(_before_dashed_title(norm[pos:end]))))
    text = text.rstrip(" -–")
    while text.rsplit(" ", 1)[-1] in _CONNECTORS and " " in text:
        text = text.rsplit(" ", 1)[0].rstrip(" -–")  # "Hiệu trưởng ĐH An Giang và ông ..."
    if not text and link.title.title.org_in_match and link.title.org_from is not None:
        return link.title.org_from, link.title.end  # "Chủ tịch Hội đồng quản trị cho biết"
    if not text or not _organization_length_ok(text):
        return None
    if not _may_open_organization(text, link):
        return None
    return pos, pos + len(text)


_DASH = re.compile(r" [-–] (?=\w)")


def _before_dashed_clause(text: str) -> str:
    """Words up to the dash that closes a name's apposition: a dash right after the title ("ông Võ Phi Dũng -
    Trưởng phòng - phân bua"), a dash after the name's proper-noun end followed by lower-case words only
    ("Phó Ban kinh tế và ngân sách HĐND TP - đồng tình", "Đội PCCC Q.9 - người chỉ huy"), or a dash then a
    word that goes on with the sentence ("công ty khí - đại diện chủ đầu tư dự án LPG"). A dash joining two
    fields of one body stays ("Sở Tài nguyên - môi trường Bình Dương", "Vụ ĐH - sau ĐH")."""
    if text[:2] in ("- ", "– "):
        return ""
    for dash in _DASH.finditer(text):
        rest = text[dash.end():]
        if not rest[:1].islower():
            continue
        before = text[:dash.start()].rsplit(" ", 1)[-1]
        proper_end = before[:1].isupper() or any(c.isdigit() for c in before)
        if _lexicon().dash_clause.match(rest) or proper_end and not any(w[:1].isupper() for w in rest.split(" ")):
            return text[:dash.start()]
    return text


def _opens_title(text: str) -> bool:
    """``text`` opens with a title, maybe after "nguyên"/"quyền" ("Trưởng Ban Tư tưởng ...")."""
    lex = _lexicon()
    modifier = lex.modifiers.match(text)
    parts = lower_same_length(text[modifier.end():] if modifier else text).split(" ", 4)
    return any(lex.titles.exists(" ".join(parts[:n])) for n in range(1, min(4, len(parts)) + 1))


_AND_NAME = re.compile(r" (?:và|cùng|với) ((?:[^\W\d_]+ ){1,3}[^\W\d_]+)")


def _before_joined_name(text: str) -> str:
    """Words up to "và" and another person's name ("Công ty Địa ốc Gò Môn và Lê Minh Châu nguyên Giám đốc ...")."""
    for m in _AND_NAME.finditer(text):
        words = m.group(1).split(" ")
        run = list(itertools.takewhile(lambda w: w[:1].isupper(), words))
        if 2 <= len(run) <= 4 and run[0] in surnames() and (len(run) == len(words) or len(run) < 4):
            return text[:m.start()]
    return text


def _before_dashed_title(text: str) -> str:
    """Words up to a dash that opens another title or a number ("Ban Thường vụ - Trưởng Ban Tư tưởng ...",
    "huyện Phú Quốc - 5 năm tù")."""
    for dash in _DASH.finditer(text):
        rest = text[dash.end():]
        if rest[:1].isdigit() or _opens_title(rest):
            return text[:dash.start()]
    return text


def _organization_length_ok(text: str) -> bool:
    """Up to 20 syllables: "Cục CSĐT tội phạm về trật tự quản lý kinh tế và chức vụ", "Cục Y tế dự phòng và Phòng
    chống HIV/AIDS - Bộ Y tế" (a clause verb or a dash before another title has ended it already)."""
    return len([w for w in text.split() if w not in ("-", "–")]) <= 20


def _may_open_organization(text: str, link: _Link) -> bool:
    """Words after a title that can be its organisation: a name, a unit word ("phòng kế hoạch"), or,
    after a title whose unit word it left out, words that go on to a name ("Đội trưởng chống lậu Cục
    Hải quan Lạng Sơn" -> "Đội chống lậu Cục Hải quan Lạng Sơn")."""
    t = link.title.title
    if text[0].isupper() or _lexicon().unit_start.match(text) or link.title.org_from is not None:
        return True
    if not t.unit or t.unit_in_title:
        return False
    words = text.split(" ")
    first_name = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
    # "Phó Đội trưởng và trung úy Trương Ngọc Long": the words after the title go on to someone else
    if first_name is None or any(w in _CONNECTORS or w in ("cùng", "với") for w in words[:first_name]):
        return False
    # "đội trưởng lái máy Nguyễn Trọng Hội": the capitalised words are the next person's name, not a body's
    rest = words[first_name:]
    return not (2 <= len(rest) <= 4 and rest[0] in surnames() and all(w[:1].isupper() for w in rest))


_PRIVATE = "\x00private"  # organisation of a position held in a private company (dropped at the end)
_CONNECTORS = {"và", "của", "thuộc", "tại", "về", "-", "–", "&"}
_ADMIN_WORDS = {"tỉnh", "thành", "phố", "TP", "TP.", "quận", "huyện", "xã", "phường", "trấn", "thị"}


def _until_proper_noun_ends(text: str) -> str:
    """"Trung tâm Y tế huyện Bình Chánh tổng kết": an organisation's name ends with its place; the
    lower-case word after a place ("huyện Bình Chánh", "Hà Nội") starts the rest of the sentence."""
    places = _lexicon().places
    words = text.split(" ")
    run_start = None
    for i, word in enumerate(words):
        if i > 0 and word[:1].isupper():
            run_start = i if run_start is None else run_start
            continue
        # a connector after a place ends the name too when a lower-case word follows it ("Chi nhánh Hà Tĩnh
        # và toàn bộ phương án ..."), not when the name goes on ("Sở Nội vụ Hà Nội và Hưng Yên")
        lower_next = word in _CONNECTORS and i + 1 < len(words) and not words[i + 1][:1].isupper()
        if run_start is not None and (word not in _CONNECTORS or lower_next):
            run = words[run_start:i]
            ends_with_place = any(" ".join(run[k:]) in places for k in range(len(run)))
            if ends_with_place or words[run_start - 1] in _ADMIN_WORDS or run[0] in _ADMIN_WORDS:
                return " ".join(words[:i])
        run_start = None
    return text


def _set_generic(link: _Link, start: int, end: int) -> None:
    link.org_start = link.title.org_from if link.title.org_from is not None else start
    link.org_end = end


def _name_after_chain(norm: str, links: list[_Link], end: int, org_starts,
                      after_name: bool = False) -> tuple[int, int] | None:
    """The person a title chain names: right after it, after an honorific, or after an unknown organisation.

    ``after_name``: the chain is in apposition to a name before it, so a comma and a name with no honorific
    after the chain start another person ("qua ông Trần Kim Long, Chủ tịch UBND quận Gò Vấp, Lê Minh Châu")."""
    lex = _lexicon()
    pos = end
    m = _BEFORE_NAME.match(norm, pos)
    if not m:
        return None
    pos = m.end()
    honorific = lex.honorific.match(norm, pos)
    if honorific:
        pos = honorific.end()
    polite = bool(honorific) and _is_polite(honorific)
    if "," in m.group(0) and (links[-1].org_start is None or after_name and not honorific):
        return None  # "theo yêu cầu của Thủ tướng, ông A ...": a bare title then a comma names nobody
    if m.group(0) == " " and links[-1].org_start is None and not links[-1].title.title.organization:
        apposed = _apposed_after_unknown_org(norm, links[-1], pos, org_starts)
        if apposed is not None:
            return apposed
    foreign = any(l.title.title.foreign or l.abroad or l.kind in ("country", "international", "foreign") for l in links)
    name = _vietnamese_name(norm, pos, org_starts, honorific=polite)
    if name is None and foreign:
        name = _foreign_name(norm, pos, org_starts)
    if name is not None or honorific or links[-1].org_end is not None or links[-1].title.title.organization:
        return name
    return _name_in_tail(norm, links[-1], pos, org_starts)


def _is_polite(honorific: re.Match[str]) -> bool:
    return honorific.group(0)[:-1] in _lexicon().polite


def _apposed_after_unknown_org(norm: str, link: _Link, pos: int, org_starts) -> tuple[int, int] | None:
    """"Phó giám đốc Liên đoàn bản đồ địa chất Việt Nam tại TP HCM, ông Nguyễn Hữu Trí": an unknown
    organisation, a comma and an honorific or a degree ("TS") before the name."""
    generic = _generic_org(norm, pos, link)
    if generic is None:
        return None
    if not norm.startswith(", ", generic[1]):
        return None
    apposition = _lexicon().honorific.match(norm, generic[1] + 2)
    if apposition is None:
        return None
    name = _vietnamese_name(norm, apposition.end(), org_starts, honorific=_is_polite(apposition))
    if name is not None:
        _set_generic(link, *generic)
    return name


def _name_in_tail(norm: str, link: _Link, pos: int, org_starts) -> tuple[int, int] | None:
    """"Giám đốc Bệnh viện Bạch Mai Nguyễn Quốc Anh": an unknown organisation, then the name."""
    lex = _lexicon()
    limit = min(len(norm), pos + 120)
    stop = _CLAUSE_END.search(norm, pos, limit)
    while stop and stop.group(0) == "(" and _BRACKET_THEN_NAME.match(norm, stop.start()):
        # "Cục Chăn nuôi (Bộ NN-PTNT) Nguyễn Đăng Vang": a bracket between the organisation and the name
        stop = _CLAUSE_END.search(norm, norm.index(")", stop.start()) + 1, limit)
    clause_end = stop.start() if stop else limit
    best: tuple[int, int] | None = None
    best_rank = 99
    for m in _SYLLABLE.finditer(norm, pos, clause_end):
        if m.start() == pos or not m.group(0)[0].isupper():
            continue
        if _continues_vietnamese_name(norm, m.start()):
            continue  # "Trường THPT chuyên Lê Quý Đôn Đà Nẵng": not "Đôn Đà Nẵng"
        run = _capitalised_run(norm, m.start()) or _glued_run(norm, m.start())  # "Quách Cường10."
        if len(run) < 2 or run[-1][1] > clause_end or not _has_surname(norm, run):
            continue
        last = norm[run[-1][0]:run[-1][1]]
        if len(last) > 1 and last.isupper() or len(run) > 2 and norm[run[-2][0]:run[-1][1]] in lex.places:
            continue  # "Nguyễn Đình Chiểu TP.HCM", "Lê Quý Đôn Đà Nẵng": a school's namesake and its city
        after = run[-1][1]
        if after + 1 < clause_end and norm[after] == " " and norm[after + 1].isupper():
            continue  # the capitalised run goes on: part of a longer name
        rank = {3: 0, 2: 1, 4: 2}.get(len(run), 99)
        if rank < best_rank and _acceptable_name(norm, run[0][0], after, org_starts, True, direct=False):
            best, best_rank = (run[0][0], after), rank
        if best_rank == 0:
            break
    if best is None:
        return _foreign_after_country(norm, link, pos, clause_end, org_starts)
    named_after = lex.name_not_after.search(norm, max(0, best[0] - 12), best[0])
    place = lex.place_before.search(norm, max(0, best[0] - 12), best[0])
    if named_after and not (place and place.start() < named_after.start()):
        return None  # "đường Lê Lợi" (but "thành phố Huỳnh Công Hùng" is no street: see the place test below)
    first = _SYLLABLE.match(norm, best[0]).group(0)
    if lex.place_before.search(norm, max(0, best[0] - 12), best[0]) and first not in person_first_surnames():
        return None  # "Chủ tịch phường Kim Liên": a place
    org_text = _BRACKET_AT_END.sub("", norm[pos:best[0]].rstrip())
    if not org_text or lex.generic_end.search(org_text):
        return None
    # "Phó chủ nhiệm Ủy ban Dân số Phú Yên - Phạm Thị Tương Lai", "Chủ tịch Hội - tiến sĩ Nguyễn Văn Thưởng": a dash
    # before the name or its degree; other words after the dash ("Đội PCCC Q.9 - người chỉ huy Nguyễn Văn A",
    # "VNPT - ... thư của ông B") make the name someone else's
    cut = _before_dashed_clause(org_text)
    between = org_text[len(cut):].strip(" -–")
    if between and not lex.honorific.fullmatch(between + " "):
        return None
    org_text = cut.rstrip(" -–")
    if not org_text or not _may_open_organization(org_text, link):
        return None
    rank_at = _trailing_rank(org_text)
    if rank_at is not None:
        org_text = org_text[:rank_at].rstrip(" -–")  # "Cơ quan CSĐT Bộ Công an - đại tá Phạm Hùng Chiến"
    if not org_text or _holds_title(org_text):
        return None  # "Hai phó trưởng ban là Bộ trưởng Bộ GD-ĐT Nguyễn Minh Hiển": the name's own title is nearer
    if _joined_tail(org_text):
        # "trưởng phòng điều vận và Lâm Ngọc Kiệt", "Tổng cục Cảnh sát và đại tá Phạm Hùng Chiến",
        # "Giám đốc BV và gia đình sản phụ Hoàng Thị Thuyết": the name is someone else's
        return None
    _set_generic(link, pos, pos + len(org_text))
    return best


_BRACKETED = re.compile(r" \([^()\n]{1,15}\)(?= )")
_BRACKET_THEN_NAME = re.compile(r"\([^()\n]{1,25}\) [^\W\d_]")
_BRACKET_AT_END = re.compile(r" \([^()\n]{1,25}\)$")


def _foreign_after_country(norm: str, link: _Link, pos: int, clause_end: int, org_starts) -> tuple[int, int] | None:
    """"Thống đốc Ngân hàng trung ương Trung Quốc Zhou Xiaochuan", "Bộ trưởng Năng lượng Philippines Vincent
    Perez": an unknown foreign body closing with its country, then a foreign name."""
    for start in range(pos, clause_end):
        country = org_starts.get(start)
        if country is None or country.kind != "country" or country.name == "Việt Nam" or \
                norm[country.end:country.end + 1] != " ":
            continue
        name = _foreign_name(norm, country.end + 1, org_starts)
        org_text = norm[pos:country.end]
        if name is None or name[1] > clause_end or _holds_title(org_text) or _joined_tail(org_text) or \
                not _may_open_organization(org_text, link):
            continue
        _set_generic(link, pos, country.end)
        link.abroad = True
        return name
    return None


def _holds_title(text: str) -> bool:
    """A title (not a rank) on word boundaries somewhere in ``text``."""
    for last, (length, title) in _lexicon().titles.iter(lower_same_length(text)):
        if not title.rank and _is_boundary(text, last + 1 - length, last + 1):
            return True
    return False


def _trailing_rank(text: str) -> int | None:
    """Where a rank closing ``text`` starts ("... Bộ Công an - đại tá"), or None."""
    for last, (length, title) in _lexicon().titles.iter(lower_same_length(text)):
        if title.rank and last + 1 == len(text) and _is_boundary(text, last + 1 - length, last + 1):
            return last + 1 - length
    return None


def _joined_tail(text: str) -> bool:
    """"và", "cùng" or "với" then only lower-case words up to the end: another person joins the clause."""
    words = text.split(" ")
    for i in range(len(words) - 1, -1, -1):
        if words[i] in ("và", "cùng", "với"):
            return True
        if words[i][:1].isupper() or words[i][:1].isdigit():
            return False
    return False


def _continues_vietnamese_name(norm: str, at: int) -> bool:
    """The capitalised word at ``at`` is the tail of a longer name: the capitalised run it ends opens with
    a surname and is no longer than a name ("Hồng Phong" of "Trường THPT chuyên Lê Hồng Phong"). A name
    may follow an organisation's own capitalised words ("Bệnh viện Bạch Mai Nguyễn Quốc Anh", "của QH
    Nguyễn Thị Hoài Thu", "Vietsovpetro Nguyễn Giao")."""
    if not _inside_run(norm, at):
        return False
    run_start = at
    while _inside_run(norm, run_start):
        previous = _PREVIOUS_WORD.search(norm, max(0, run_start - 20), run_start - 1)
        if previous.group(0).isupper() or not _VIETNAMESE_SHAPE.fullmatch(previous.group(0)):
            return False
        run_start = previous.start()
    run = _capitalised_run(norm, run_start)
    return 0 < len(run) <= 4 and _has_surname(norm, run)


def _organization_text(doc: Document, link: _Link) -> str | None:
    """The organisation as written (original text), in gazetteer casing when it is a gazetteer name."""
    t = link.title.title
    if link.org_start is None:
        return t.organization
    written = _BRACKETED.sub("", doc.span(link.org_start, link.org_end).text)  # abbreviations in brackets go
    written = written.rstrip(".")  # "Sở Tài chính TP. Bà Hồng nêu": the sentence's dot
    if link.kind == "ministry_field" or link.kind is None and link.abroad and t.minister and \
            not lower_same_length(written).startswith("bộ "):
        return f"Bộ {written}"  # "Bộ trưởng Tài chính" -> "Bộ Tài chính", "Bộ trưởng Năng lượng Philippines"
    if link.org_name and lower_same_length(written) == lower_same_length(link.org_name):  # casing only; tone style as written
        written = link.org_name
    first_word = written.split(" ", 1)[0]
    abbreviation = len(first_word) > 2 and first_word.isupper() and first_word.isalpha()  # "VKSND": the unit is in it
    if t.unit and link.kind is None and not t.unit_in_title and not abbreviation and \
            not lower_same_length(written).startswith(lower_same_length(t.unit)):
        written = f"{t.unit} {written}"  # "Cục phó Thú y" -> "Cục Thú y"
    elif t.unit_in_title and written[:1].islower():
        written = written[0].upper() + written[1:]
    return written


def _positions(doc: Document, links: list[_Link], private_article: bool) -> list[Position]:
    """Valid positions of a chain: ranks dropped, private and organisation-less ones checked."""
    lex = _lexicon()
    out: list[Position] = []
    parent = next((l for l in links if l.kind in _PARENT_KINDS), None)
    for i, link in enumerate(links):
        t = link.title.title
        if t.rank:
            continue
        former = bool(lex.former.search(doc.norm, max(0, link.title.start - 20), link.title.start))
        organization = _organization_text(doc, link)
        following = links[i + 1] if i + 1 < len(links) else None
        if organization is None and following is not None and following.after_kiem and \
                following.org_start is not None and following.kind in _SHARED_KINDS:
            organization = _organization_text(doc, following)  # "Chủ tịch kiêm Tổng Giám đốc Viettel"
        if organization is None:
            if t.needs_org or (t.public_only and not t.alone_ok and private_article):
                continue
        elif link.kind is None and (t.public_only and lex.private_heads.search(organization) or
                                    link.org_start is not None and
                                    _private_unit(doc.norm, doc.norm[link.org_start:link.org_end])) and \
                not (link.org_start is not None and _state_company(doc.norm, link.org_start, link.org_end)):
            out.append(Position(link.title.text, _PRIVATE, former))  # remembered: the bare title elsewhere is this job
            continue
        elif link.kind is None and lex.not_office.search(organization):
            continue  # "tổ trưởng tổ dân phố": a neighbourhood volunteer, not an office
        entry = organization_entry(link.org_name or "")
        if entry is not None and entry.incomplete and parent is not None and parent is not link:
            organization = f"{organization} {_organization_text(doc, parent)}"  # "Ban cán sự Đảng Bộ Công Thương"
        out.append(Position(link.title.text, organization, former))
    return out


_RESIDENTIAL_GROUP = re.compile(r"tổ \d+$", re.IGNORECASE)
_COMPANY_INSIDE = re.compile(r"(?<!\w)(?:công ty|Công ty|Cty|cty|CTY)(?!\w)")
_COMPANY_BEFORE = re.compile(r"(?:công ty|Công ty|Cty|cty|CTY) $")


def _state_company(norm: str, start: int, end: int) -> bool:
    """A company written after a title (``norm[start:end]``) that the text shows to be state-owned: an
    ownership form or a public-utility sector in its name ("Công ty Cấp nước Sài Gòn"), a state parent
    ("Công ty Gốm xây dựng Hạ Long thuộc Tổng công ty Thủy tinh") or owner before it ("Tổng công ty X, "mẹ" của
    Công ty Y") wherever the article writes the company, or "doanh nghiệp nhà nước" later in the sentence.
    A private cue ("cổ phần", a TNHH that is not single-member, "tư nhân", "liên doanh") wins."""
    cues = _lexicon().state_company
    if norm[start:end].lower() in _BARE_COMPANY:
        return _article_company_is_state(norm)  # "Giám đốc công ty": the company the article is about
    organization = cues.single_member.sub(" ", norm[start:end])  # "TNHH MTV" is no private cue
    if not cues.enterprise.search(organization) or cues.private.search(organization):
        return False
    if cues.owned.search(organization) or cues.inner_parent.search(organization):
        return True
    name = norm[start:end]
    at = norm.find(name)
    while at >= 0:  # each place the article writes the company: "(thuộc Bộ Xây dựng)" may follow any of them
        if cues.parent.match(norm, at + len(name)) or cues.owner_before.search(norm, max(0, at - 160), at):
            return True
        at = norm.find(name, at + 1)
    sentence_end = _SENTENCE_END.search(norm, end, end + 160)
    return bool(cues.form.search(norm, end, sentence_end.start() if sentence_end else end + 160))


_SENTENCE_END = re.compile(r"[.;!?\n](?!\w)")
_BARE_COMPANY = frozenset({"công ty", "cty", "công ty này"})
_NAMED_COMPANY = re.compile(r"(?<!\w)(?:Công ty|Cty|CTY)(?= [^\W\d_])")
_COMPANY_CLAUSE_END = re.compile(r"[,;:!?)\n]|\.(?!\w)")


def _article_company_is_state(norm: str) -> bool:
    """An article naming no private firm names a company shown to be state-owned ("Công ty Gốm xây dựng
    Hạ Long (thuộc Tổng công ty Thủy tinh và gốm xây dựng, Bộ Xây dựng)"): its bare "công ty" is that one."""
    if _lexicon().private_context.search(norm):
        return False
    for company in _NAMED_COMPANY.finditer(norm):
        stop = _COMPANY_CLAUSE_END.search(norm, company.end(), company.end() + 120)
        if _state_company(norm, company.start(), stop.start() if stop else company.end() + 120):
            return True
    return False


def _private_unit(norm: str, organization: str) -> bool:
    """A unit of a company ("Phòng thanh tra ... của công ty", "Công đoàn Công ty TNHH May", not "Tổng công ty"),
    or a name the article writes as a company's elsewhere ("Giám đốc Phú An Sinh" after "Công ty Phú An Sinh",
    "Yteco" after "Công ty Cổ phần ... (Yteco)")."""
    for m in _COMPANY_INSIDE.finditer(organization):
        if not organization[:m.start()].lower().endswith("tổng "):
            return True
    if _lexicon().private_markers.search(organization):
        return True  # "ĐH dân lập Thăng Long"
    if _RESIDENTIAL_GROUP.match(organization):
        return True  # "tổ trưởng tổ 10, khu phố 4": a neighbourhood volunteer (kept out, like a company job)
    for named in re.finditer(rf"\({re.escape(organization)}\)", norm):
        clause = re.split(r"[.;:!?\n]", norm[max(0, named.start() - 100):named.start()])[-1]
        if _lexicon().private_context.search(clause):
            return True  # "Công ty Cổ phần Xuất nhập khẩu y tế TP HCM (Yteco)" ... "Phó giám đốc Yteco"
    words = organization.split(" ")
    if len(words) < 2 or not all(w[:1].isupper() and _VIETNAMESE_SHAPE.fullmatch(w) for w in words) or \
            _lexicon().unit_start.match(organization.lower()):
        return False  # only a Vietnamese trade name; "PTSC", "Sinhanco" may be state-owned
    at = norm.find(organization)
    while at >= 0:
        if _COMPANY_BEFORE.search(norm, max(0, at - 8), at):
            return True
        at = norm.find(organization, at + 1)
    return False


def _trailing_chain(norm: str, name_end: int, titles, org_starts) -> list[_Link] | None:
    """"Nguyễn Văn A, Giám đốc Sở Tài chính": titles right after a name (unless they name someone else)."""
    apposed = _AFTER_NAME.match(norm, name_end)
    separator = apposed or _APPOINTED.match(norm, name_end)
    if not separator:
        return None
    title = _title_at(norm, separator.end(), titles)
    if title is None and apposed and apposed.group(0).endswith("("):
        lead = _BRACKET_LEAD.match(norm, separator.end())  # "Lê Bá Lai (giữ chức Chủ tịch năm 1994-1999)"
        title = _title_at(norm, lead.end(), titles) if lead else None
    if title is None and norm.startswith(" (", name_end):
        aside = _lexicon().aside.match(norm, name_end)  # "Dương Văn Lực (sinh năm 1960), Vụ phó ..."
        title = _title_at(norm, aside.end(), titles) if aside else None
    if title is None:
        return None
    links, end = _read_chain(norm, title, titles, org_starts, after_name=True)
    if _name_after_chain(norm, links, end, org_starts, after_name=True) is not None:
        return None
    last = links[-1]
    if last.org_start is None and last.title.title.organization is None and norm[end:end + 1] == " ":
        generic = _generic_org(norm, end + 1, last)
        if generic is not None:
            generic = _before_someone_else(norm, *generic, org_starts)
        if generic is not None:
            _set_generic(last, generic[0], _through_comma_to_parent(norm, generic[1], titles, org_starts))
    if not apposed and all(l.title.title.public_only and l.org_start is None for l in links):
        return None  # "công ty ... do bà A làm giám đốc": a company title with no body written
    return links


_PLURAL = re.compile(r"(?<!\w)[Cc]ác $")
_LIST_OPEN = re.compile(r":? ")
_LIST_SEPARATOR = re.compile(r", | và |; ")


def _listed_names(norm: str, start: int, end: int, org_starts) -> list[tuple[int, int]]:
    """"các Phó Thủ tướng: Trần Hồng Hà, Lê Thành Long": a plural title, then the list of its holders."""
    if not _PLURAL.search(norm, max(0, start - 4), start):
        return []
    opening = _LIST_OPEN.match(norm, end)
    names: list[tuple[int, int]] = []
    at = opening.end() if opening else -1
    while at >= 0:
        name = _vietnamese_name(norm, at, org_starts)
        if name is None:
            break
        names.append(name)
        separator = _LIST_SEPARATOR.match(norm, name[1])
        at = separator.end() if separator else -1
    return names


def _names_sharing(norm: str, first: tuple[int, int], titles, org_starts) -> list[tuple[int, int]]:
    """"Thứ trưởng Bộ Công Thương Nguyễn Hoàng Long, Phan Thị Thắng và Trương Thanh Hoài": more holders
    of the same title, a list closed by "và" whose names have no titles of their own."""
    names = [first]
    at = first[1]
    while True:
        separator = _LIST_SEPARATOR.match(norm, at)
        if not separator or separator.group(0) == "; ":
            return []
        name = _vietnamese_name(norm, separator.end(), org_starts, after_title=False)
        if name is None or norm[name[1]:name[1] + 1].isalnum():
            return []
        names.append(name)
        at = name[1]
        if separator.group(0) == " và ":
            break
    if _trailing_chain(norm, at, titles, org_starts) is not None:
        return []  # "..., và Trương Thanh Hoài, Chánh Văn phòng": the last one has a title of their own
    return names


_OWNED_BY = re.compile(r"(?<!\w)của $")


def _someone_elses_title(norm: str, start: int, end: int, name: tuple[int, int], titles, org_starts) -> bool:
    """"công điện của Thủ tướng Chính phủ, ông Lê Thanh Hải, Chủ tịch UBND TPHCM, ...": a title owning
    something, a comma, then a person with titles of their own: the title is another person's."""
    return bool(_OWNED_BY.search(norm, max(0, start - 4), start)) and "," in norm[end:name[0]] and \
        bool(_trailing_chain(norm, name[1], titles, org_starts))


def _foreign_before_titles(norm: str, at: int, org_starts) -> tuple[int, int] | None:
    """"James Wolfensohn, Chủ tịch WB": two to four foreign-looking words, then a comma or a bracket."""
    form = _FOREIGN_FORM.match(norm, at)
    if form is None or _VIETNAMESE_SHAPE.fullmatch(norm[at:norm.index(" ", at)]) or \
            not _AFTER_NAME.match(norm, form.end()):
        return None
    return _foreign_name(norm, at, org_starts)


def _foreign_office(links: list[_Link]) -> bool:
    return any(l.title.title.foreign or l.abroad or l.kind in ("country", "international", "foreign") for l in links)


_NAME_THEN_COMMA = re.compile(r"((?:[^\W\d_]+ ){1,3}[^\W\d_]+), $")


def _after_named_apposition(norm: str, start: int) -> bool:
    """A person's name and a comma right before ``start``: the title there is in apposition to them."""
    m = _NAME_THEN_COMMA.search(norm, max(0, start - 40), start)
    if m is None:
        return False
    words = m.group(1).split(" ")
    for i in range(len(words) - 1):
        if words[i] in surnames() and all(w[:1].isupper() for w in words[i:]):
            return True
    return False


def _published(doc: Document) -> date | None:
    return doc.published.date() if isinstance(doc.published, datetime) else doc.published


_NAME_START = re.compile(r"(?<![\w.])[^\W\d_]")


def extract_officials(doc: Document) -> list[Official]:
    """One entry per official named in the article: fullest name, every title, every name mention."""
    norm = doc.norm
    lex = _lexicon()
    titles = _title_matches(norm)
    org_starts = {m.start: m for m in organization_matches(norm, _published(doc), context=True)}
    candidates: dict[int, _Candidate] = {}
    private_article = bool(lex.private_context.search(norm))
    covered = -1
    by_surname: list[tuple[int, list[_Link], int]] = []  # "Chánh án Weinstein": the full name is elsewhere
    for start in sorted(titles):
        if start < covered:
            continue
        links, end = _read_chain(norm, titles[start], titles, org_starts)
        listed = _listed_names(norm, start, end, org_starts)
        name = listed[0] if listed else _name_after_chain(norm, links, end, org_starts,
                                                         after_name=_after_named_apposition(norm, start))
        if name is None:
            by_surname.append((start, links, end))
            continue
        if not listed:
            listed = _names_sharing(norm, name, titles, org_starts)
        covered = (listed or [name])[-1][1]
        if lex.not_holder_before.search(norm, max(0, start - 12), start):
            continue  # "Trợ lý Bộ trưởng ... Đào Việt Trung": not the minister
        if not listed and _someone_elses_title(norm, start, end, name, titles, org_starts):
            candidates.setdefault(name[0], _Candidate(name[0], name[1]))  # their own titles come after the name
            continue
        for holder in listed or [name]:
            positions = _positions(doc, links, private_article)
            positions.reverse()  # nearest the name first: the person's main office
            candidates[holder[0]] = _Candidate(holder[0], holder[1], positions)

    # names followed by their titles: "ông A, Giám đốc ...", "Trần Văn B (nguyên Chủ tịch ...)"
    names = {(c.start, c.end) for c in candidates.values()}
    for m in _honorific_matches(norm):
        found = _vietnamese_name(norm, m.end(), org_starts, honorific=_is_polite(m), after_title=False)
        if found:
            names.add(found)
    inside_org = _inside_organization(org_starts)
    foreign_found: set[tuple[int, int]] = set()
    for at in _capitalised_word_starts(norm):
        if at in candidates or _inside_run(norm, at) and not _after_sentence_opener(norm, at) or \
                lex.honorific.match(norm, at) or inside_org(at):
            continue
        found = _vietnamese_name(norm, at, org_starts, after_title=False)
        if found is None:
            found = _foreign_before_titles(norm, at, org_starts)
            if found is not None and found not in names:
                foreign_found.add(found)  # not after an honorific ("ngài Tewfik Abada - quyền trưởng Đoàn ngoại giao")
        if found:
            names.add(found)
    for start, end in sorted(names):
        links = _trailing_chain(norm, end, titles, org_starts)
        if not links:
            continue
        if (start, end) in foreign_found and not _foreign_office(links):
            continue  # a foreign name with no honorific holds only a foreign office ("James Wolfensohn, Chủ tịch WB")
        run = _capitalised_run(norm, start)
        if run and not _has_surname(norm, run) and all(l.title.title.public_only and l.kind is None for l in links):
            continue  # "ông Guy Lacombe, Tổng giám đốc Big C": a company title and a foreign name
        positions = _positions(doc, links, private_article)
        candidate = candidates.get(start)
        if candidate is None:
            candidates[start] = candidate = _Candidate(start, end)
        candidate.positions.extend(positions)
    for start, end, position in _deputies(doc, org_starts):
        candidates.setdefault(start, _Candidate(start, end)).positions.append(position)
    for start, links, end in by_surname:
        if all(l.title.title.public_only and l.org_start is None for l in links):
            continue  # "Giám đốc Hải": maybe a company's; only a public office or a named body tells
        full = _full_name_elsewhere(norm, end, org_starts, candidates)
        if full is None or lex.not_holder_before.search(norm, max(0, start - 12), start):
            continue
        positions = _positions(doc, links, private_article)
        positions.reverse()
        candidate = candidates.get(full[0])
        if candidate is None:
            candidates[full[0]] = candidate = _Candidate(full[0], full[1])
        candidate.positions.extend(positions)
    people = [c for c in candidates.values() if c.positions]
    _trim_run_on_names(norm, people)
    return _merge(doc, people, titles, org_starts)


def _trim_run_on_names(norm: str, people: list[_Candidate]) -> None:
    """"Bộ trưởng Bộ GD-ĐT Nguyễn Minh Hiển Trao đổi với ...": a headline runs into the first capitalised
    word of the text; the name without that word is someone found elsewhere in the article."""
    names = {norm[c.start:c.end] for c in people}
    for c in people:
        name = norm[c.start:c.end]
        cut = name.rfind(" ")
        if name.count(" ") >= 2 and name[:cut] in names:
            c.end = c.start + cut


_FOREIGN_FORM = re.compile(r"(?:[A-Z][a-z]+(?:['’-][A-Za-z]+)? ){1,3}[A-Z][a-z]+(?:['’-][A-Za-z]+)?")
_ONE_WORD = re.compile(r" ([^\W\d_]+)(?=[ ,.;:!?)]|$)")
# a syllable Vietnamese spelling allows ("Theo", "Sau"), to tell a sentence's first word from a foreign given name
_VIETNAMESE_SHAPE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
                               r"[aăâeêioôơuưyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
                               r"(?:ng|nh|ch|[cmnpt])?", re.IGNORECASE)


def _full_name_elsewhere(norm: str, end: int, org_starts, candidates) -> tuple[int, int] | None:
    """A title, then one word of a name written in full elsewhere in the article: "Chánh án Weinstein"
    and "Jack Weinstein" earlier. The full form must be the only one ending with that word, and a
    Vietnamese name or one whose given name is not Vietnamese-shaped (not "Theo Weinstein")."""
    m = _ONE_WORD.match(norm, end)
    if not m or not m.group(1)[0].isupper() or m.end(1) + 1 < len(norm) and norm[m.end(1) + 1].isupper():
        return None
    if m.start(1) in org_starts or _lexicon().not_name_start.match(norm, m.start(1)):
        return None  # "Chính phủ", "Hà Nội": a body or a place
    word = m.group(1)
    forms: set[tuple[int, int]] = set()
    for c in candidates.values():
        if c.positions and norm[c.start:c.end].split(" ")[-1] == word:
            forms.add((c.start, c.end))
    for found in re.finditer(rf"(?<!\w)(?:[^\W\d_]+ ){{1,3}}{re.escape(word)}(?!\w)", norm):
        start = found.start()
        while start < found.end() and not norm[start].isupper():
            start = norm.index(" ", start) + 1  # the capitalised run only
        if start >= found.end() - len(word) or _inside_run(norm, start):
            continue
        span = (start, found.end())
        if _vietnamese_name(norm, start, org_starts, after_title=False) == span:
            forms.add(span)
        elif _FOREIGN_FORM.fullmatch(norm[start:span[1]]) and \
                not _VIETNAMESE_SHAPE.fullmatch(norm[start:norm.index(" ", start)]) and \
                _foreign_name(norm, start, org_starts) == span:
            forms.add(span)
    names = {norm[s:e] for s, e in forms}
    if len(names) != 1:
        return None
    return min(forms)


_DEPUTY = re.compile(r"[Đđ]ại biểu ")  # the word boundary before is checked by hand: a lookbehind is slow
_DELEGATION = re.compile(r" \(((?:Đoàn|đoàn) (?:ĐBQH|đại biểu Quốc hội) [^()\n]{1,40})\)")


def _deputy_words(norm: str) -> list[re.Match[str]]:
    return [m for m in _DEPUTY.finditer(norm) if m.start() == 0 or not norm[m.start() - 1].isalnum()]


@lru_cache(maxsize=4)
def _honorific_matches(norm: str) -> list[re.Match[str]]:
    """Honorifics and degrees on a word boundary (searched once per article; a leading lookbehind in
    the pattern would make the search several times slower)."""
    return [m for m in _lexicon().honorific_search.finditer(norm)
            if m.start() == 0 or not norm[m.start() - 1].isalnum()]


def _deputies(doc: Document, org_starts):
    """"Đại biểu Phạm Văn Hòa (Đoàn ĐBQH tỉnh Đồng Tháp)": a National Assembly deputy and the
    delegation written after the name, the way debates are reported."""
    norm = doc.norm
    for m in _deputy_words(norm):
        name = _vietnamese_name(norm, m.end(), org_starts, after_title=False)
        delegation = _DELEGATION.match(norm, name[1]) if name else None
        if delegation:
            yield name[0], name[1], Position("đại biểu Quốc hội", doc.span(delegation.start(1), delegation.end(1)).text)


@lru_cache(maxsize=1)
def _upper_letter() -> re.Pattern[str]:
    letters = "".join(chr(c) for c in range(0x10000) if chr(c).isupper() and chr(c).isalpha())
    return re.compile(f"[{re.escape(letters)}]")


def _capitalised_word_starts(norm: str) -> list[int]:
    """Where a capitalised word starts (not after a letter, digit or dot): a class of capital letters and
    a look at the character before is ten times faster than a lookbehind over every character."""
    out = []
    for m in _upper_letter().finditer(norm):
        at = m.start()
        if at == 0 or not (norm[at - 1].isalnum() or norm[at - 1] in "._"):
            out.append(at)
    return out


def _inside_organization(org_starts: dict[int, OrgMatch]):
    """A test for positions inside an organisation's name ("Hà Tiên" in "Thị ủy Hà Tiên")."""
    starts = sorted(org_starts)
    ends = [org_starts[s].end for s in starts]

    def inside(at: int) -> bool:
        i = bisect.bisect_right(starts, at) - 1
        return i >= 0 and starts[i] < at < ends[i]

    return inside


def _inside_run(norm: str, at: int) -> bool:
    """True when the capitalised word at ``at`` continues a capitalised word before it ("Kim" in "Trần Kim Long")."""
    if at < 2 or norm[at - 1] != " ":
        return False
    before = _PREVIOUS_WORD.search(norm, max(0, at - 20), at - 1)
    return bool(before) and before.group(0)[0].isupper()


_PREVIOUS_WORD = re.compile(r"[^\W\d_]+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n\"“]\s*|\s[-–]\s)$")


def _after_sentence_opener(norm: str, at: int) -> bool:
    """"Theo Nguyễn Thị Liên, Hiệu trưởng ...": the capitalised word before the name only opens the sentence."""
    before = _PREVIOUS_WORD.search(norm, max(0, at - 20), at - 1)
    return before is not None and before.group(0) in _lexicon().sentence_openers and \
        bool(_SENTENCE_START.search(norm, max(0, before.start() - 3), before.start()))


def _merge(doc: Document, candidates: list[_Candidate], titles, org_starts) -> list[Official]:
    """One Official per person (same name, or a shorter form of it), then the later mentions."""
    norm = doc.norm
    people: list[tuple[str, list[Position], set[tuple[int, int]]]] = []
    for candidate in sorted(candidates, key=lambda c: (-len(norm[c.start:c.end].split()), c.start)):
        name = norm[candidate.start:candidate.end]
        for known, positions, spans in people:
            if _same_person(name, known):
                positions.extend(candidate.positions)
                spans.add((candidate.start, candidate.end))
                break
        else:
            people.append((name, list(candidate.positions), {(candidate.start, candidate.end)}))
    people.sort(key=lambda person: min(person[2]))
    for name, _, spans in people:
        for m in re.finditer(re.escape(name), norm):
            if _is_boundary(norm, m.start(), m.end()) and not _inside(m.start(), m.end(), spans):
                spans.add((m.start(), m.end()))
    _short_mentions(norm, people, titles, org_starts)
    officials = []
    for name, positions, spans in people:
        positions = _without_private(positions)
        if not positions:
            continue
        first_full = min((s for s in spans if norm[s[0]:s[1]] == name), key=lambda s: s[0])
        officials.append(Official(name=doc.span(*first_full).text, positions=_dedupe(positions),
                                  mentions=[doc.span(s, e) for s, e in sorted(spans)]))
    return officials


_WORD_AFTER = re.compile(r" ([^\W\d_]+)(?!\w)")


def _short_mentions(norm: str, people, titles, org_starts) -> None:
    """"ông Diên", "Bộ trưởng Diên": the last syllable of exactly one known name, standing alone (not
    "Chính" of "Thủ tướng Chính phủ" in an article about Phạm Minh Chính)."""
    by_last: dict[str, list[int]] = {}
    for i, (name, _, _) in enumerate(people):
        by_last.setdefault(name.split()[-1], []).append(i)
    openings = [m.end() - 1 for m in _honorific_matches(norm)] + [t.end for t in titles.values()] + \
        [m.end() - 1 for m in _deputy_words(norm)]
    for at in openings:
        m = _WORD_AFTER.match(norm, at)
        if not m:
            continue
        word = m.group(1)
        if not word[0].isupper() or len(by_last.get(word, ())) != 1:
            continue
        if m.end() + 1 < len(norm) and norm[m.end()] == " " and norm[m.end() + 1].isupper():
            continue  # more name follows: not a short form
        if m.start(1) in org_starts or _lexicon().not_name_start.match(norm, m.start(1)):
            continue  # "Chính phủ", "Hà Nội": a body or a place
        spans = people[by_last[word][0]][2]
        if not _inside(m.start(1), m.end(1), spans):
            spans.add((m.start(1), m.end(1)))


def _inside(start: int, end: int, spans: set[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _same_person(short: str, full: str) -> bool:
    """"Nguyễn Diên", "Hồng Diên" for "Nguyễn Hồng Diên": the same surname and given name, or its tail."""
    if short == full:
        return True
    a, b = short.split(), full.split()
    if (len(a) >= 2 or len(b) >= 2) and b[-len(a):] == a:
        return True  # "ông Văn Dũng" later written in full, "Nguyễn Văn Dũng"; "Schroeder", "Gerhard Schroeder"
    return len(a) >= 2 and a[0] == b[0] and a[-1] == b[-1] and all(x in b for x in a)


def _without_private(positions: list[Position]) -> list[Position]:
    """Drop private jobs and the bare titles that stand for them ("Giám đốc Công ty X" ... "Giám đốc A")."""
    private = {p.title.casefold() for p in positions if p.organization == _PRIVATE}
    return [p for p in positions
            if p.organization != _PRIVATE and not (p.organization is None and p.title.casefold() in private)]


def _words(text: str | None) -> frozenset[str]:
    return frozenset(_SYLLABLE.findall((text or "").casefold())) - {"và"}


@lru_cache(maxsize=512)
def _gazetteer_name(organization: str | None) -> str | None:
    """The gazetteer's name of an organisation written in full by one of its spellings ("QH" -> "Quốc hội")."""
    if not organization:
        return None
    norm = normalize_string(organization)
    found = organization_matches(norm, context=True)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(norm):
        return found[0].name if found[0].kind != "ministry_field" else "Bộ " + found[0].name
    return None


def _dedupe(positions: list[Position]) -> list[Position]:
    """One position per office: the same title with an organisation written more fully elsewhere
    ("Bộ Nông nghiệp phát triển nông thôn" / "... và Phát triển nông thôn", or none) keeps the fullest;
    two spellings of one gazetteer body ("Quốc hội", "QH") keep the first."""
    out: list[Position] = []
    for p in positions:
        title, words = p.title.casefold(), _words(p.organization)
        for i, kept in enumerate(out):
            if kept.title.casefold() != title:
                continue
            kept_words = _words(kept.organization)
            if words <= kept_words:
                break
            if kept_words <= words:
                out[i] = p
                break
            known = _gazetteer_name(kept.organization)
            if known is not None and known == _gazetteer_name(p.organization):
                break
        else:
            out.append(p)
    return out
