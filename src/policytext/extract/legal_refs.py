"""Legal references: numbered codes, bare numbers and named laws/resolutions (RECORD.md "Legal references").

Three kinds, tried in this order of trust (a longer, more specific match wins an overlap):

1. Numbered codes. State form ``number/[year/]SYMBOL`` ("15/2020/NĐ-CP", "749/QĐ-TTg",
   "80/2015/QH13", "5432/VPCP-KGVX") and Party form ``number-TYPE/ISSUER`` ("34-CT/TW"). The type
   words and "số" written just before belong to the span ("Nghị định số 15/2020/NĐ-CP", "Luật Ngân
   sách nhà nước số 83/2015/QH13") and give ``doc_type``; failing those the symbol's type
   abbreviation does; a symbol whose first part is no type abbreviation but an agency-unit pair is a
   công văn.
2. Named references with no number: "Luật Đầu tư năm 2020", "Bộ luật Hình sự", "Hiến pháp năm 2013",
   "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", "đúng luật đất đai", and documents named by a
   qualifier: "Nghị định về đầu tư quản lý công trình xây dựng", "Thông tư hướng dẫn nhập khẩu phế
   liệu" (capitalised type word; not plural "các Nghị định hướng dẫn", not anaphoric "… về vấn đề
   này", not a sentence "Luật quy định …").
3. Bare numbers with no symbol: "Quyết định 1880", "Nghị quyết số 21", and in news' lower case
   "ra quyết định 132", "trong văn bản 3665" (two digits or more, no unit after; code = the number).

Canonical codes: NFC and look-alikes come from ``doc.norm``; spaces inside are dropped
("NĐ - CP", "QH 11"); diacritic-free and miscased parts take the official spelling
(ND -> NĐ, QD -> QĐ, QDi -> QĐi, TTG -> TTg, "nđ-cp" -> "NĐ-CP"); see resources/doc_types.yaml.
``issuer`` is the symbol after its type abbreviation(s): "CP", "TTg", "TW", "QH13", "UBND"; for a
joint document every issuer ("BTC-BNV" in "TTLT-BTC-BNV"); for a công văn the agency ("VPCP" in
"VPCP-KGVX"), not the drafting unit.

Decisions: "Hiến pháp" alone (capitalised) is the Constitution and counts; laws under discussion
count without their marker, as the dev gold annotates them ("dự thảo Luật Đất đai (sửa đổi)" ->
"Luật Đất đai (sửa đổi)", "dự án Luật Thủ đô" -> "Luật Thủ đô"), the bill word "dự luật" does not;
laws "của Mỹ" and the like, and "Luật …" inside a treaty's title, are foreign; a
Party resolution's "của Đảng" joins the span only when the qualifier has not already named the
Party. A name after "Luật" comes from the gazetteer of law names (resources/doc_types.yaml, any
letter case, abbreviations "HĐND", "UBND" … allowed) or, failing it, from capitalisation: a
capitalised first word (or a lower-case subject word: "Luật đăng ký bất động sản") and the words
after it up to a stop word, punctuation or six words; lower-case "luật" needs a gazetteer name that
is no field of law ("luật hình sự"). One-part
symbols ("61/CP", "175/TTg") need a known issuer, a year or a type word before them, and the old
``number-ISSUER`` form ("17-HĐBT") a type word right before, so that "quận 1 - TPHCM" and case
numbers ("140/ANĐT") stay out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import Document
from ..model import LegalRef
from ..resources import load_yaml
from ..text.normalize import normalize_string
from ..match.patterns import alternation

_NUMBER = r"\d{1,5}(?:\.\d{1,3})?"  # "15", "01", "66.7"
_YEAR = r"(?:19|20)\d\d"
_SLASH = r" ?/ ?"
_DASH = r" ?- ?"
# one part of a symbol: upper-case letters/digits, at most one trailing lower-case letter
# ("TTg", "QĐi"), inner dots only between characters ("L.005"). "Quy", "Bộ" are words, not parts.
_PART = r"[A-ZĐ](?:[A-ZĐ0-9&]|\.(?=[A-ZĐ0-9]))*[a-zđ]?(?![\w&])"
_LOWER_PART = r"[a-zđ][a-zđ0-9]*(?![\w&])"
_ROMAN = r"[IVXL]+"


@dataclass(frozen=True, slots=True)
class _Found:
    """A candidate in normalised coordinates; ``rank`` orders trust when candidates overlap."""

    start: int
    end: int
    rank: int
    doc_type: str | None
    code: str | None
    number: str | None
    year: int | None
    issuer: str | None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    type_words: dict[str, str | None]  # lower-case type word -> doc_type
    type_word_re: re.Pattern[str]
    abbreviations: dict[str, str]  # canonical abbreviation -> doc_type
    canonical_tokens: dict[str, str]  # UPPER spelling -> official spelling
    state_code: re.Pattern[str]
    party_code: re.Pattern[str]
    lower_code: re.Pattern[str]
    term_issuer: re.Pattern[str]
    single_issuers: frozenset[str]
    case_document_before: re.Pattern[str]
    case_symbol_parts: frozenset[str]
    old_code: re.Pattern[str]
    bare_number: re.Pattern[str]
    bare_types: dict[str, str]  # lower-case type word -> doc_type
    bare_needs_so: frozenset[str]  # lower-case type words that take a bare number only after "số"
    not_after_bare: tuple[str, ...]
    agency_unit_type: str
    named_trigger: re.Pattern[str]
    named_types: dict[str, str]  # lower-case type word -> doc_type
    law_name: re.Pattern[str]  # a known name of a law, code or ordinance, any letter case
    max_guessed_words: int
    stop_words: frozenset[str]
    comma_continuations: tuple[str, ...]
    not_law_names: frozenset[str]
    not_law_first: re.Pattern[str]
    foreign_word: re.Pattern[str]
    draft_before: re.Pattern[str]
    org_before: re.Pattern[str]
    foreign_after: re.Pattern[str]
    treaty_before: re.Pattern[str]
    party_resolution: re.Pattern[str]
    constitution: re.Pattern[str]
    direct_tail: re.Pattern[str]
    bare_lower_types: frozenset[str]
    lower_law_fields: frozenset[str]
    not_before_lower_law: re.Pattern[str]
    law_heads: re.Pattern[str]
    qualified: re.Pattern[str]
    qualifier_law_heads: frozenset[str]
    qualifier_not_initial: frozenset[str]
    qualifier_max_words: int
    qualifier_stop: re.Pattern[str]
    qualifier_anaphora: frozenset[str]
    qualifier_list: re.Pattern[str]
    plural_before: re.Pattern[str]
    named_abbreviations: dict[str, str]
    named_abbreviation: re.Pattern[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_yaml("doc_types.yaml")
    n = normalize_string
    type_words = {n(k).lower(): (n(v) if v else None) for k, v in data["type_words"].items()}
    abbreviations = {n(k): n(v) for k, v in data["abbreviations"].items()}
    canonical = {n(k).upper(): n(v) for k, v in data["canonical_tokens"].items()}
    for abbreviation in abbreviations:
        canonical.setdefault(abbreviation.upper(), abbreviation)
    terms = alternation(data["term_issuers"])
    part = rf"(?:(?:{terms}) \d{{1,2}}(?!\w)|{_PART})"  # "QH 11" is one part
    lower_types = alternation({k.lower() for k, v in canonical.items() if v in abbreviations})

    bare_types = {n(t).lower(): type_words[n(t).lower()] for t in data["bare_number_types"]}
    bare_types.update({n(k).lower(): n(v) for k, v in data["bare_number_doc_types"].items()})
    urgency = alternation(data["urgency_words"])
    named_types = {n(t).lower(): n(t) for t in data["named_types"]}
    # one gazetteer for every named type ("Pháp lệnh Thực hành tiết kiệm, chống lãng phí" preceded
    # the law); commas inside a name are optional or a dash, as writers drop or replace them
    names = {n(name) for names in data["law_names"].values() for name in names}
    for long, short in data["name_abbreviations"].items():  # "Tổ chức HĐND và UBND"
        for name in list(names):
            if n(long).lower() in name.lower():
                at = name.lower().index(n(long).lower())
                names.add(name[:at] + n(short) + name[at + len(n(long)):])
    law_names = "|".join(re.escape(name).replace(",\\ ", "(?:,| -)? ").replace(", ", "(?:,| -)? ")
                         for name in sorted(names, key=len, reverse=True))
    drafts = alternation(data["draft_markers"])
    owners = alternation(data["foreign_owners"])
    treaties = alternation(data["treaty_words"])
    congress = alternation(data["party_congress_words"])
    ordinal = rf"(?:\d{{1,2}}|(?:{alternation(data['plenum_ordinals'])})(?! \d)(?!\w))"
    return _Lexicon(
        type_words=type_words,
        type_word_re=re.compile(rf"(?<!\w)(?:{alternation(type_words)})(?!\w)", re.IGNORECASE),
        abbreviations=abbreviations,
        canonical_tokens=canonical,
        state_code=re.compile(
            rf"({_NUMBER}){_SLASH}(?:({_YEAR}){_SLASH})?({part}(?:{_DASH}{part})*)"
        ),
        party_code=re.compile(rf"({_NUMBER}){_DASH}({_PART}){_SLASH}({part}(?:{_DASH}{part})*)"),
        # a code typed all in lower case: only with a known type abbreviation ("15/2020/nđ-cp")
        lower_code=re.compile(
            rf"({_NUMBER})(?:{_DASH}(?P<ptype>{lower_types}){_SLASH}(?P<pissuer>{_LOWER_PART})"
            rf"|{_SLASH}(?:(?P<year>{_YEAR}){_SLASH})?(?P<stype>{lower_types}){_DASH}"
            rf"(?P<sissuer>{_LOWER_PART}(?:{_DASH}{_LOWER_PART})*))(?![\w&])"
        ),
        term_issuer=re.compile(rf"(?:{terms})\d{{1,2}}"),
        single_issuers=frozenset(n(w) for w in data["single_issuers"]),
        case_symbol_parts=frozenset(n(w) for w in data["case_symbol_parts"]),
        case_document_before=re.compile(
            rf"(?<!\w)(?:{alternation(data['case_document_words'])})(?: số)?(?: ?:)? ?$",
            re.IGNORECASE),
        # the 1980s-90s form number-ISSUER ("Nghị định 17-HĐBT", "Quyết định số 477-TTg")
        old_code=re.compile(rf"({_NUMBER}){_DASH}({_PART})(?![\w/&]|{_DASH}\w)"),
        # literal case variants rather than IGNORECASE: twice as fast over a long law
        bare_number=re.compile(
            rf"({alternation(v for t in bare_types for v in (t, t[0].upper() + t[1:], t.upper()))})"
            rf"(?: ({urgency}))?( [Ss]ố| SỐ)?(?: ?:)? ({_NUMBER})(?:{_SLASH}({_YEAR}))?"
            rf"(?![\w/%&]|[.,]\d|{_DASH}[A-ZĐa-zđ])"
        ),
        bare_types=bare_types,
        bare_needs_so=frozenset(n(t).lower() for t in data["bare_number_needs_so"]),
        not_after_bare=tuple(n(w) for w in data["not_after_bare_number"]),
        agency_unit_type=n(data["agency_unit_type"]),
        named_trigger=re.compile(r"(Bộ luật|Bộ Luật|bộ luật|Luật|luật|Pháp lệnh|pháp lệnh) (?=\w)"),
        named_types=named_types,
        law_name=re.compile(rf"(?:{law_names})(?!\w)", re.IGNORECASE),
        max_guessed_words=int(data["max_guessed_name_words"]),
        stop_words=frozenset(n(w) for w in data["name_stop_words"]),
        comma_continuations=tuple(", " + n(w) + " " for w in data["name_comma_continuations"]),
        not_law_names=frozenset(n(w).lower() for w in data["not_law_names"]),
        not_law_first=re.compile(rf"(?:{alternation(data['not_law_first_words'])})(?!\w)"),
        foreign_word=re.compile(rf"(?:{owners})(?!\w)"),
        draft_before=re.compile(rf"(?<!\w)(?:{drafts}) $", re.IGNORECASE),  # "dự luật"; drafts count
        org_before=re.compile(rf"(?<!\w)(?:{alternation(data['org_words_before'])}) $"),
        foreign_after=re.compile(rf"(?: của)? (?:{owners})(?!\w)"),
        treaty_before=re.compile(rf"(?:{treaties})[^.;:\n]*? về $"),
        party_resolution=re.compile(
            rf"(Nghị quyết|Chỉ thị|Kết luận|Quy định) "
            rf"(?:(?P<congress>(?:{congress})(?: [^\s,.;:()\d“”\"]+){{0,6}}? (?:lần thứ )?(?:{_ROMAN}|\d{{1,2}})(?!\w))"
            rf"(?P<party> của Đảng(?: Cộng sản Việt Nam)?)?"
            rf"|(?P<plenum>(?:Hội nghị )?(?:lần thứ {ordinal} )?(?:Ban Chấp hành |BCH )?Trung ương(?: Đảng)?"
            rf"(?: (?:lần thứ )?{ordinal})?(?: (?:Đảng )?khóa {_ROMAN}(?!\w))?))"
        ),
        constitution=re.compile(
            rf"Hiến pháp(?: nước Cộng hòa xã hội chủ nghĩa Việt Nam| Việt Nam)?"
            rf"(?:(?: năm)? ({_YEAR})(?![\d/]))?(?!\w)"
        ),
        # "Quyết định 749/…", "Luật số: 91/…", "Nghị định số 15/…", "công văn hỏa tốc số 12/…"
        direct_tail=re.compile(rf"(?: ?:)? (?:(?:{urgency}) )?(?:số ?:? ?)?|(?: ?:)? ?", re.IGNORECASE),
        bare_lower_types=frozenset(n(t).lower() for t in data["bare_number_lower_types"]),
        lower_law_fields=frozenset(n(w).lower() for w in data["lower_law_field_names"]),
        not_before_lower_law=re.compile(
            rf"(?<!\w)(?:{alternation(data['not_before_lower_law'])}) $", re.IGNORECASE),
        law_heads=re.compile(rf"(?:{alternation(data['law_name_heads'])})(?!\w)"),
        qualified=re.compile(
            rf"({alternation(data['qualifier_types'])}) "
            rf"({alternation(v for h in data['qualifier_heads'] for v in (n(h), n(h)[0].upper() + n(h)[1:]))})"
            rf" (?=\w)"
        ),
        qualifier_law_heads=frozenset(n(h) for h in data["qualifier_law_heads"]),
        qualifier_not_initial=frozenset(n(t) for t in data["qualifier_not_sentence_initial"]),
        qualifier_max_words=int(data["qualifier_max_words"]),
        qualifier_stop=re.compile(rf"(?:{alternation(data['qualifier_stop_words'])})(?!\w)"),
        named_abbreviations={n(k): n(v) for k, v in data["named_abbreviations"].items()},
        named_abbreviation=re.compile(rf"(?:{alternation(data['named_abbreviations'])})(?![\w&])"),
        qualifier_anaphora=frozenset(n(w) for w in data["qualifier_anaphora"]),
        qualifier_list=re.compile(rf", (?:[^\W\d_A-ZĐ]+ ){{1,{int(data['qualifier_list_words'])}}}và (?=\w)"),
        plural_before=re.compile(
            rf"(?<!\w)(?:{alternation(data['plural_markers'])}|(?<!điều )(?<!khoản )\d+) $",
            re.IGNORECASE),
    )


# The scanning patterns carry no leading look-behind (it makes Python's re slow on long texts: a law
# is 100,000 characters); these say whether a match starts a word / a code.


def _starts_word(norm: str, i: int) -> bool:
    return i == 0 or not (norm[i - 1].isalnum() or norm[i - 1] == "_")


def _starts_code(norm: str, i: int) -> bool:
    return i == 0 or not (norm[i - 1].isalnum() or norm[i - 1] in "_./-")


def _word_matches(pattern: re.Pattern[str], norm: str):
    return (m for m in pattern.finditer(norm) if _starts_word(norm, m.start()))


# --- numbered codes --------------------------------------------------------------------------


def _parts(symbol: str) -> list[str]:
    """The parts of a symbol, spaces dropped: "NĐ - CP" -> ["NĐ", "CP"], "QH 11" -> ["QH11"]."""
    return [p.replace(" ", "") for p in re.split(r" ?[-/] ?", symbol.strip())]


def _canonical(part: str, lex: _Lexicon) -> str:
    official = lex.canonical_tokens.get(part.upper())
    if official:
        return official
    return part.upper() if part.islower() else part


def _type_and_issuer(parts: list[str], lex: _Lexicon) -> tuple[str | None, str | None]:
    """(doc_type from the abbreviation, issuer) of a state symbol's parts."""
    types = 0
    while len(parts) - types > 1 and parts[types] in lex.abbreviations:
        types += 1  # "TTLT-BTC-BNV", "VBHN-NĐ-BXD": every leading type part
    if types:
        return lex.abbreviations[parts[0]], "-".join(parts[types:])
    if len(parts) == 1:  # "80/2015/QH13": a law or Assembly resolution, the words before tell which
        return lex.abbreviations.get(parts[0]), (None if parts[0] in lex.abbreviations else parts[0])
    return lex.agency_unit_type, parts[0]  # "VPCP-KGVX": agency and drafting unit, a công văn


@dataclass(frozen=True, slots=True)
class _Lead:
    """Words written just before a code that belong to its span."""

    start: int
    doc_type: str | None  # None for a generic "văn bản"
    has_name: bool  # a name between type word and code ("Luật Điện ảnh số …")


def _lead_in(norm: str, code_start: int, lex: _Lexicon) -> _Lead | None:
    """The type word (and name, "số") just before a code, if any."""
    window_start = max(0, code_start - 200)
    window = norm[window_start:code_start]
    words = list(lex.type_word_re.finditer(window))
    for i in range(len(words) - 1, -1, -1):
        match = words[i]
        tail = window[match.end():]
        direct = lex.direct_tail.fullmatch(tail)
        # a name between type word and code only after a capitalised type word: "Luật Điện ảnh số
        # 62/…", not "luật pháp Việt Nam, theo … số 185/THA"
        if direct or match.group(0)[0].isupper() and _NAMED_TAIL.fullmatch(tail):
            if i and words[i - 1].end() + 1 == match.start() and match.group(0)[0].islower() \
                    and words[i - 1].group(0)[0].isupper():
                match = words[i - 1]  # "Luật luật sư số 65/…": the name begins with a type word
            return _Lead(window_start + match.start(), lex.type_words.get(match.group(0).lower()), not direct)
    return None


# "Luật Ngân sách nhà nước số 83/…", "Pháp lệnh Công an xã số 06/…"; a name never crosses a line,
# a sentence or a code
_NAMED_TAIL = re.compile(r"(?: (?:[^\s\d.;:()\[\]“”\"/]+|(?:19|20)\d\d)){1,14} số ?:? ?", re.IGNORECASE)


# Every code has a separator followed by a letter ("15/2020/NĐ", "34-CT", "17-HĐBT", "15/nđ"):
# one fast scan for those, then the number(s) just before are the candidate starts. Four full scans
# (one per form) cost five times as much on a long law.
_CODE_HINT = re.compile(r"[/-] ?[A-Za-zĐđ]")
_NUMBERS_BEFORE = re.compile(rf"(?:({_NUMBER}){_SLASH})?({_NUMBER}) ?$")


def _code_starts(norm: str):
    last = -1
    for hint in _CODE_HINT.finditer(norm):
        before = _NUMBERS_BEFORE.search(norm, max(0, hint.start() - 30), hint.start())
        if before is None:
            continue
        for start in (before.start(1), before.start(2)):  # "15/2020/…" before "2020/…"
            if start > last and _starts_code(norm, start):
                yield start
                last = start
                break


def _coded(norm: str, lex: _Lexicon) -> list[_Found]:
    found: list[_Found] = []
    forms = ((lex.state_code, _state_ref), (lex.party_code, _party_ref), (lex.lower_code, _lower_ref),
             (lex.old_code, _old_ref))
    covered = -1
    for start in _code_starts(norm):
        if start < covered or lex.case_document_before.search(norm, max(0, start - 20), start):
            continue  # inside the previous code, or an indictment's or a judgment's number
        for pattern, make in forms:
            match = pattern.match(norm, start)
            ref = make(match, norm, lex) if match else None
            if ref is not None:
                found.append(ref)
                covered = match.end()
                break
    return found


def _state_ref(match: re.Match[str], norm: str, lex: _Lexicon) -> _Found | None:
    """number/[year/]SYMBOL: "15/2020/NĐ-CP", "749/QĐ-TTg", "80/2015/QH13", "5432/VPCP-KGVX"."""
    number, year, symbol = match.group(1), match.group(2), match.group(3)
    parts = [_canonical(p, lex) for p in _parts(symbol)]
    if lex.case_symbol_parts.intersection(parts):
        return None  # a court's case document ("01/HSST-QĐ")
    lead = _lead_in(norm, match.start(), lex)
    single_ok = year or lead or lex.term_issuer.fullmatch(parts[0]) or parts[0] in lex.single_issuers
    if len(parts) == 1 and not single_ok:
        return None  # "1/F0", "140/ANĐT" alone are too weak to call a document
    doc_type, issuer = _type_and_issuer(parts, lex)
    if doc_type == lex.agency_unit_type and not (year or lead) and " " in symbol:
        return None  # "DSR- PD 150/DSR- TD 150P" is a model number; a bare công văn is typed tight
    code = (f"{number}/{year}/" if year else f"{number}/") + "-".join(parts)
    return _with_lead(match.start(), match.end(), lead, doc_type, code, number, year, issuer)


def _party_ref(match: re.Match[str], norm: str, lex: _Lexicon) -> _Found | None:
    """number-TYPE/ISSUER: "34-CT/TW", "08-QĐi/TW", "18-L/CTN"."""
    number, kind = match.group(1), _canonical(match.group(2), lex)
    issuers = [_canonical(p, lex) for p in _parts(match.group(3))]
    code = f"{number}-{kind}/{'-'.join(issuers)}"
    lead = _lead_in(norm, match.start(), lex)
    return _with_lead(match.start(), match.end(), lead, lex.abbreviations.get(kind), code, number, None,
                      "-".join(issuers))


def _lower_ref(match: re.Match[str], norm: str, lex: _Lexicon) -> _Found | None:
    """A code typed in lower case with a known type abbreviation: "15/2020/nđ-cp", "34-ct/tw"."""
    number, year = match.group(1), match.group("year")
    kind = _canonical(match.group("ptype") or match.group("stype"), lex)
    issuers = [_canonical(p, lex) for p in _parts(match.group("pissuer") or match.group("sissuer"))]
    if match.group("ptype"):
        code = f"{number}-{kind}/{'-'.join(issuers)}"
    else:
        code = (f"{number}/{year}/" if year else f"{number}/") + "-".join([kind, *issuers])
    lead = _lead_in(norm, match.start(), lex)
    return _with_lead(match.start(), match.end(), lead, lex.abbreviations.get(kind), code, number, year,
                      "-".join(issuers))


def _old_ref(match: re.Match[str], norm: str, lex: _Lexicon) -> _Found | None:
    """number-ISSUER of the 1980s-90s ("Nghị định 17-HĐBT"), only right after a type word."""
    lead = _lead_in(norm, match.start(), lex)
    if lead is None or lead.doc_type is None or lead.has_name:
        return None  # without a type word right before, "quận 1 - TPHCM" would be a code
    number, issuer = match.group(1), _canonical(match.group(2), lex)
    return _with_lead(match.start(), match.end(), lead, None, f"{number}-{issuer}", number, None, issuer)


def _with_lead(start: int, end: int, lead: _Lead | None, doc_type: str | None, code: str, number: str,
               year: str | None, issuer: str | None) -> _Found:
    if lead is not None:
        start = lead.start
        doc_type = lead.doc_type or doc_type  # the words before win over the abbreviation
    return _Found(start, end, 0, doc_type, code, number, int(year) if year else None, issuer)


# --- bare numbers ----------------------------------------------------------------------------


def _bare_numbers(norm: str, lex: _Lexicon) -> list[_Found]:
    found: list[_Found] = []
    for match in _word_matches(lex.bare_number, norm):
        word, urgent, so, number, year = match.group(1, 2, 3, 4, 5)
        if not so and (urgent or not _bare_without_so(word, number, lex)):
            continue
        if not so and not year and re.fullmatch(r"(?:19[4-9]|20\d)\d", number):
            continue  # "Luật 2020": a year, not a number
        if _counts_something(norm, match.end(), lex):
            continue
        code = f"{number}/{year}" if year else number
        found.append(_Found(match.start(), match.end(), 2, lex.bare_types[word.lower()], code, number,
                            int(year) if year else None, None))
    return found


def _bare_without_so(word: str, number: str, lex: _Lexicon) -> bool:
    """Whether "<type word> <number>" with no "số" is a reference rather than a verb and a count."""
    if word.lower() in lex.bare_needs_so:
        return False  # "Phạm Duy Luật 17 năm tù" is a name
    if word[0].isupper():
        return True
    # "ra quyết định 132", "theo nghị định 95"; "quyết định 3 vấn đề" is a verb with a count
    return word.lower() in lex.bare_lower_types and len(number.split(".")[0]) >= 2


# "Nghị quyết 08 năm 2002", "Nghị định 19 ngày 28/2", "quyết định 130 ngày 20/6/1975": the issue
# date; "điều chỉnh", "điều hành" are verbs ("Nghị định số 31 điều chỉnh mức lương"), not "điều"
_DATE_OR_VERB_AFTER = re.compile(rf" ?(?:năm {_YEAR}(?!\d)|ngày \d|điều (?:chỉnh|hành|tra)(?!\w))")


def _counts_something(norm: str, end: int, lex: _Lexicon) -> bool:
    """A unit or time word right after the number: "Quyết định 3 người", "quyết định 15 tỷ đồng"."""
    if _DATE_OR_VERB_AFTER.match(norm, end):
        return False
    following = norm[end:end + 12].lstrip()
    return any(following.startswith(w) and not following[len(w):len(w) + 1].isalnum()
               for w in lex.not_after_bare)


# --- named references ------------------------------------------------------------------------


def _named(norm: str, lex: _Lexicon) -> list[_Found]:
    found: list[_Found] = []
    for match in _word_matches(lex.named_trigger, norm):
        doc_type = lex.named_types[match.group(1).lower()]
        start = match.start()
        if lex.org_before.search(norm, max(0, start - 12), start):
            continue
        if match.group(1)[0].islower():
            # "luật Đất đai", "đúng luật đất đai": a gazetteer name only; not "pháp luật đất đai",
            # "kỷ luật lao động", nor a field of law in lower case ("luật hình sự")
            if lex.not_before_lower_law.search(norm, max(0, start - 6), start):
                continue
            name_end = _known_name_end(norm, match.end(), lex)
            if name_end and match.group(1) == "luật" and norm[match.end()].islower() \
                    and norm[match.end():name_end].lower() in lex.lower_law_fields:
                continue
        else:
            name_end = _known_name_end(norm, match.end(), lex) or _guessed_name_end(norm, match.end(), lex)
        if name_end is None:
            continue
        end, year = _qualifiers(norm, name_end)
        if lex.foreign_after.match(norm, end) or lex.treaty_before.search(norm, max(0, start - 120), start):
            continue
        amended = _AMENDING.search(norm, max(0, start - 60), start)
        if amended:
            start = amended.start()
        if lex.draft_before.search(norm, max(0, start - 10), start):
            continue
        found.append(_Found(start, end, 1, doc_type, None, None, year, None))
    for match in _word_matches(lex.constitution, norm):
        start = match.start()
        if lex.draft_before.search(norm, max(0, start - 10), start) or lex.foreign_after.match(norm, match.end()):
            continue  # a draft, or "Hiến pháp EU"
        year = match.group(1)
        found.append(_Found(match.start(), match.end(), 1, "Hiến pháp", None, None, int(year) if year else None, None))
    for match in _word_matches(lex.named_abbreviation, norm):
        start = match.start()
        if norm[start - 1:start] == "(" and norm[match.end():match.end() + 1] == ")":
            continue  # "Bộ luật Dân sự (BLDS)": the name was just written out
        end, year = _qualifiers(norm, match.end())
        found.append(_Found(start, end, 1, lex.named_abbreviations[match.group(0)], None, None, year, None))
    for match in _word_matches(lex.party_resolution, norm):
        end = match.end()
        if match.group("congress") and match.group("party") and "Đảng" in match.group("congress"):
            end = match.start("party")  # "… Đảng toàn quốc lần thứ XIII của Đảng": the Party is named once
        if match.group("plenum") and _PLENUM_UNNUMBERED.fullmatch(match.group("plenum")):
            continue  # "Nghị quyết Trung ương" with no plenum number or term identifies nothing
        found.append(_Found(match.start(), end, 1, lex.named_types[match.group(1).lower()], None, None, None, None))
    return found


def _qualified(norm: str, lex: _Lexicon) -> list[_Found]:
    """Named by a qualifier: "Nghị định về đầu tư …", "Thông tư hướng dẫn nhập khẩu phế liệu"."""
    found: list[_Found] = []
    for match in _word_matches(lex.qualified, norm):
        kind, head = match.group(1), match.group(2)
        doc_type = lex.named_types.get(kind.lower(), kind)
        if doc_type in ("Luật", "Bộ luật") and head.lower() not in lex.qualifier_law_heads:
            continue  # "Luật quy định …" is a sentence about some law
        start = match.start()
        before = norm[max(0, start - 12):start]
        if lex.plural_before.search(before) or lex.draft_before.search(before) or lex.org_before.search(before):
            continue  # "các Nghị định hướng dẫn", "dự Luật về …", "Khoa Luật về …"
        if kind in lex.qualifier_not_initial and _sentence_initial(norm, start):
            continue
        if lex.treaty_before.search(norm, max(0, start - 120), start):
            continue
        end = _qualifier_end(norm, match.end(), lex)
        if end is None or lex.foreign_after.match(norm, end):
            continue
        found.append(_Found(start, end, 1, doc_type, None, None, None, None))
    return found


def _sentence_initial(norm: str, start: int) -> bool:
    before = norm[:start].rstrip(" \"“'(-–")
    return not before or before[-1] in ".!?:\n"


# words that may not end a qualifier ("về quản lý và" is cut at the last content word)
_DANGLING = frozenset({"và", "hoặc", "các", "những", "một", "việc", "trong", "đối", "về", "tại"})


def _qualifier_end(norm: str, pos: int, lex: _Lexicon) -> int | None:
    """End of the phrase after a qualifier head: up to punctuation, a clause word, a type word."""
    end = None
    for i, (w_start, w_end, text) in enumerate(_iter_words(norm, pos)):
        if i >= lex.qualifier_max_words:
            break
        if lex.qualifier_stop.match(norm, w_start):
            if text in lex.qualifier_anaphora:
                return None  # "Thông tư hướng dẫn về vấn đề này" points back
            break
        if text[0].isupper() and lex.type_word_re.match(norm, w_start) \
                and not (i == 0 and lex.law_name.match(norm, w_start)):
            break  # "Nghị định hướng dẫn Luật Nhà ở": the law is its own reference; "Luật về Luật sư"
        if text.lower() not in _DANGLING:
            end = w_end
        if norm[w_end:w_end + 1] != " " and not lex.qualifier_list.match(norm, w_end) \
                and not norm.startswith(lex.comma_continuations, w_end):
            break  # punctuation or end of line closes the phrase, except in a list or "phòng, chống"
    return end


_PLENUM_UNNUMBERED = re.compile(r"(?:Hội nghị )?(?:Ban Chấp hành |BCH )?Trung ương(?: Đảng)?")
# "Luật sửa đổi, bổ sung một số điều của Luật Đầu tư công": one reference, to the amending law
_AMENDING = re.compile(r"Luật sửa đổi,? bổ sung(?: một số điều)?(?: của)?(?: các)? $")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _known_name_end(norm: str, pos: int, lex: _Lexicon) -> int | None:
    """End of the longest gazetteer name starting at ``pos`` (any letter case, commas optional)."""
    known = lex.law_name.match(norm, pos)
    return known.end() if known else None


def _guessed_name_end(norm: str, pos: int, lex: _Lexicon) -> int | None:
    """A name not in the gazetteer: capitalised first word, then words up to a stop (see YAML)."""
    if lex.not_law_first.match(norm, pos):
        return None
    head = lex.law_heads.match(norm, pos)  # "Luật đăng ký bất động sản": a lower-case subject word
    if head and lex.plural_before.search(norm, max(0, pos - 20), _type_word_start(norm, pos)):
        return None  # "theo các Luật thuế": laws in general
    end = None
    for i, word in enumerate(_iter_words(norm, pos)):
        w_start, w_end, text = word
        if i == 0:
            if not text[0].isupper() and head is None:
                return None  # not "Luật quy định …"
        elif text[0].islower() and text in lex.stop_words:
            break
        elif text[0].isupper() and (lex.type_word_re.match(norm, w_start) or lex.foreign_word.match(norm, w_start)):
            break  # "Luật Doanh nghiệp và Luật …"; "Luật Chống bán phá giá Mỹ" (foreign, dropped later)
        end = w_end
        if i + 1 >= lex.max_guessed_words or norm[w_end:w_end + 1] != " " and not norm.startswith(
                lex.comma_continuations, w_end):
            break  # punctuation or end of line closes the name
    if end is None or norm[pos:end].lower() in lex.not_law_names:
        return None
    if head and end <= head.end():
        return None  # "Luật thuế" alone: a word must follow the head
    return end


def _type_word_start(norm: str, name_start: int) -> int:
    """Where the type word before a name starts ("Luật" / "Bộ luật" / "Pháp lệnh" + space)."""
    word = norm.rfind(" ", 0, name_start - 1)
    start = word + 1
    if norm[max(0, start - 3):start].lower() in ("bộ ", "háp"):
        start = norm.rfind(" ", 0, start - 1) + 1
    return start


def _iter_words(norm: str, pos: int):
    while True:
        word = _WORD.match(norm, pos)
        if not word:
            return
        yield word.start(), word.end(), word.group(0)
        if norm[word.end():word.end() + 2] == ", ":
            pos = word.end() + 2  # the caller decides whether a comma ends the name
        elif norm[word.end():word.end() + 1] == " ":
            pos = word.end() + 1
        else:
            return


_QUALIFIER_AMENDED = re.compile(r" \(sửa đổi(?:, bổ sung)?\)| sửa đổi(?:, bổ sung)?(?!\w)")
_QUALIFIER_YEAR = re.compile(rf"(?: năm)? ({_YEAR})(?![\d/]|\w)")


def _qualifiers(norm: str, end: int) -> tuple[int, int | None]:
    """Extend a name over "(sửa đổi)" and "năm 2020" / "2020"; return (end, year)."""
    amended = _QUALIFIER_AMENDED.match(norm, end)
    if amended:
        end = amended.end()
    year = _QUALIFIER_YEAR.match(norm, end)
    if year:
        return year.end(), int(year.group(1))
    return end, None


# --- assembly --------------------------------------------------------------------------------


def _select(candidates: list[_Found]) -> list[_Found]:
    """Non-overlapping candidates: the most trusted kind first, then the longest."""
    chosen: list[_Found] = []
    for cand in sorted(candidates, key=lambda c: (c.rank, -(c.end - c.start), c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _find_all(norm: str) -> list[_Found]:
    """Every legal reference in normalised text, non-overlapping, in normalised coordinates."""
    lex = _lexicon()
    return _select(_coded(norm, lex) + _named(norm, lex) + _qualified(norm, lex) + _bare_numbers(norm, lex))


def extract_legal_refs(doc: Document) -> list[LegalRef]:
    """The legal references of one article, sorted by start, spans in original coordinates."""
    refs = []
    for f in _find_all(doc.norm):
        span = doc.span(f.start, f.end)
        refs.append(LegalRef(span.start, span.end, span.text, f.doc_type, f.code, f.number, f.year, f.issuer))
    return refs
