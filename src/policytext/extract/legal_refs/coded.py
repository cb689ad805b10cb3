"""Numbered references: state codes ("15/2020/NĐ-CP", "749/QĐ-TTg", "80/2015/QH13", "5432/VPCP-KGVX"),
Party codes ("34-CT/TW"), codes typed in lower case and the old number-ISSUER form, with the type word and
"số" written before them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...rules import rule_book
from .lexicon import _Found, _Lexicon, _starts_code, pattern

RULES = rule_book("legal_refs")
STATE_CODE = RULES.rule("state-code")
PARTY_CODE = RULES.rule("party-code")
LOWER_CODE = RULES.rule("lower-case-code")
OLD_CODE = RULES.rule("old-code")
CASE_DOCUMENT = RULES.veto("case-document")
PRIVATE_DOCUMENT = RULES.veto("private-document")


def _parts(symbol: str) -> list[str]:
    """The parts of a symbol, spaces dropped: "NĐ - CP" (or "NĐ–CP") -> ["NĐ", "CP"], "QH 11" -> ["QH11"]."""
    return [p.replace(" ", "") for p in re.split(r" ?[-–/] ?", symbol.strip())]


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
    word: str = ""  # the type word as written, lower case


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
        if direct or match.group(0)[0].isupper() and pattern("named_tail", re.IGNORECASE).fullmatch(tail):
            if i and words[i - 1].end() + 1 == match.start() and match.group(0)[0].islower() \
                    and words[i - 1].group(0)[0].isupper():
                match = words[i - 1]  # "Luật luật sư số 65/…": the name begins with a type word
            return _Lead(window_start + match.start(), lex.type_words.get(match.group(0).lower()), not direct,
                         match.group(0).lower())
    return None


def _code_starts(norm: str):
    last = -1
    for hint in pattern("code_hint").finditer(norm):
        before = pattern("numbers_before").search(norm, max(0, hint.start() - 30), hint.start())
        if before is None:
            continue
        for start in (before.start(1), before.start(2)):  # "15/2020/…" before "2020/…"
            if start > last and _starts_code(norm, start):
                yield start
                last = start
                break


def _coded(norm: str, lex: _Lexicon, trace) -> list[_Found]:
    found: list[_Found] = []
    forms = ((lex.state_code, _state_ref, STATE_CODE), (lex.party_code, _party_ref, PARTY_CODE),
             (lex.lower_code, _lower_ref, LOWER_CODE), (lex.old_code, _old_ref, OLD_CODE))
    covered = -1
    for start in _code_starts(norm):
        if start < covered:
            continue  # inside the previous code
        if lex.case_document_before.search(norm, max(0, start - 20), start):
            trace.veto(CASE_DOCUMENT, start, start + 1)
            continue  # an indictment's or a judgment's number
        if lex.private_before.search(norm, max(0, start - 30), start):
            trace.veto(PRIVATE_DOCUMENT, start, start + 1)
            continue  # "Hợp đồng số 15/2019/HĐMB": a contract
        for form, make, rule in forms:
            match = form.match(norm, start)
            ref = make(match, norm, lex) if match else None
            if ref is not None and _private_symbol(ref.code, lex):
                trace.veto(PRIVATE_DOCUMENT, start, match.end())
                covered = match.end()
                break  # "…/HĐMB", "…/HĐ-…": a contract's symbol
            if ref is not None:
                found.append(replace(ref, rule=rule))
                covered = match.end()
                break
    return found


def _private_symbol(code: str | None, lex: _Lexicon) -> bool:
    """Whether a code's symbol opens with a contract's abbreviation ("15/2019/HĐMB", "02/2020/HĐ-XD")."""
    if not code:
        return False
    parts = [p for p in re.split(r"[/-]", code) if p and not p.isdigit()]
    return bool(parts) and parts[0] in lex.private_symbol_parts


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
    return _with_lead(match.start(), match.end(), lead, doc_type, code, number, year, issuer, lex)


def _party_ref(match: re.Match[str], norm: str, lex: _Lexicon) -> _Found | None:
    """number-TYPE/ISSUER: "34-CT/TW", "08-QĐi/TW", "18-L/CTN"."""
    number, kind = match.group(1), _canonical(match.group(2), lex)
    issuers = [_canonical(p, lex) for p in _parts(match.group(3))]
    code = f"{number}-{kind}/{'-'.join(issuers)}"
    lead = _lead_in(norm, match.start(), lex)
    return _with_lead(match.start(), match.end(), lead, lex.abbreviations.get(kind), code, number, None,
                      "-".join(issuers), lex)


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
                      "-".join(issuers), lex)


def _old_ref(match: re.Match[str], norm: str, lex: _Lexicon) -> _Found | None:
    """number-ISSUER of the 1980s-90s ("Nghị định 17-HĐBT"), only right after a type word."""
    lead = _lead_in(norm, match.start(), lex)
    if lead is None or lead.doc_type is None or lead.has_name:
        return None  # without a type word right before, "quận 1 - TPHCM" would be a code
    number, issuer = match.group(1), _canonical(match.group(2), lex)
    return _with_lead(match.start(), match.end(), lead, None, f"{number}-{issuer}", number, None, issuer, lex)


def _with_lead(start: int, end: int, lead: _Lead | None, doc_type: str | None, code: str, number: str,
               year: str | None, issuer: str | None, lex: _Lexicon) -> _Found:
    if lead is not None:
        start = lead.start
        doc_type = lead.doc_type or doc_type  # the words before win over the abbreviation
        if doc_type is None:  # "văn bản số 1496/GTVT": the generic word's own type, as for "văn bản 3665"
            doc_type = lex.bare_types.get(lead.word)
    return _Found(start, end, 0, doc_type, code, number, int(year) if year else None, issuer)
