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

Each kind is a set of named rules (resources/rules/legal_refs.yaml, patterns in
resources/patterns/legal_refs.yaml); every reference carries the id of its rule, and the vetoes that
remove candidates (a court's case number, a foreign law, a draft bill, "kỷ luật") are recorded in the
trace for ``policytext explain``.
"""

from __future__ import annotations

from dataclasses import replace

from ...document import Document
from ...match.spans import filter_spans
from ...model import LegalRef
from ...rules import rule_book
from ...startcache import compile_regex
from .bare import _bare_numbers
from .coded import _coded
from .lexicon import _Found, _lexicon
from .named import _issuer_named, _named, _qualified
from .resolution import resolve

RULES = rule_book("legal_refs")
ANAPHORA = RULES.rule("anaphoric-mention")
COORDINATED = RULES.rule("coordinated-code")
COORDINATED_NAMES = RULES.rule("coordinated-law-names")
DRAFT = RULES.veto("draft-bill")
DISCIPLINE = RULES.veto("not-a-law-word")
BEING_AMENDED = RULES.veto("law-being-amended")


def _trust_then_length(found: _Found) -> tuple[int, int, int]:
    """The most trusted kind first (codes, then names, then bare numbers), then the longest."""
    return found.rank, found.start - found.end, found.start


def find_references(norm: str, trace) -> list[_Found]:
    """Every legal reference in normalised text, non-overlapping, in normalised coordinates (pointing-back
    mentions included, before resolution)."""
    lex = _lexicon()
    candidates = (_coded(norm, lex, trace) + _named(norm, lex, trace) + _qualified(norm, lex, trace)
                  + _issuer_named(norm, lex, trace)
                  + _bare_numbers(norm, lex, trace) + _anaphora(norm, lex, trace))
    return _coordinated_names(norm, _coordinated(norm, filter_spans(candidates, _trust_then_length), lex), lex)


def _anaphora(norm: str, lex, trace) -> list[_Found]:
    """Pointing-back mentions: "Nghị định này", "Chỉ thị nói trên", "Luật sửa đổi" — resolved or dropped by
    resolution.resolve."""
    found = []
    for pointer in lex.anaphora_pointer.finditer(norm):
        types = lex.anaphora_amended_type if pointer.group("amended") else lex.anaphora_type
        kind = types.search(norm, max(0, pointer.start() - 12), pointer.start())
        if kind is None:
            continue
        start = kind.start()
        if lex.draft_before.search(norm, max(0, start - 10), start):
            trace.veto(DRAFT, start, pointer.end())
            continue  # "dự luật này": this bill, no document yet
        if kind.group(0) == "luật" and lex.not_before_lower_law.search(norm, max(0, start - 6), start):
            trace.veto(DISCIPLINE, start, pointer.end())
            continue  # "pháp luật trên", "quy luật này": another word
        if kind.group(0) == "luật" and lex.amending_before.search(norm, max(0, start - 10), start):
            trace.veto(BEING_AMENDED, start, pointer.end())
            continue  # "khi sửa luật này": the law under amendment, named by no reference of its own (gold D2)
        word = kind.group(0).lower()
        found.append(_Found(start, pointer.end(), 3, lex.named_types.get(word) or lex.type_words.get(word),
                            None, None, None, None, ANAPHORA))
    return found


def _coordinated(norm: str, found: list[_Found], lex) -> list[_Found]:
    """A code joined to a typed one by "và" or a comma takes its type ("Nghị định 92/CP và 23/CP")."""
    out: list[_Found] = []
    for f in found:
        previous = out[-1] if out else None
        if f.doc_type is None and f.code and previous is not None and previous.doc_type and previous.code \
                and lex.code_coordination.fullmatch(norm, previous.end, f.start):
            f = replace(f, doc_type=previous.doc_type, rule=COORDINATED)
        out.append(f)
    return out


_NAME_JOIN = compile_regex(r"(?:,| và|, và) ")


def _coordinated_names(norm: str, found: list[_Found], lex) -> list[_Found]:
    """"các luật Đất đai, Nhà ở và Kinh doanh bất động sản": after a plural type word, the law names joined to
    the first are laws of that type too (names from the gazetteer only: "các luật Đất đai và quy định" adds none)."""
    out: list[_Found] = []
    for i, f in enumerate(found):
        out.append(f)
        if f.code or f.doc_type not in ("Luật", "Bộ luật") or \
                not lex.plural_before.search(norm, max(0, f.start - 20), f.start):
            continue
        limit = found[i + 1].start if i + 1 < len(found) else len(norm)
        pos = f.end
        while (join := _NAME_JOIN.match(norm, pos)) is not None:
            name = lex.law_name.match(norm, join.end())
            if name is None or name.end() > limit:
                break
            out.append(_Found(join.end(), name.end(), f.rank, f.doc_type, None, None, None, None, COORDINATED_NAMES))
            pos = name.end()
    return out


def extract_legal_refs(doc: Document) -> list[LegalRef]:
    """The legal references of one article, sorted by start, spans in original coordinates, each with its
    ``doc_key`` (and ``resolved_code`` when it points to a document given in full)."""
    refs, anaphoric, spans = [], set(), {}
    for f in find_references(doc.norm, doc.trace):
        span = doc.span(f.start, f.end)
        if f.rule == ANAPHORA:
            anaphoric.add(len(refs))
            spans[len(refs)] = (f.start, f.end)
        refs.append(LegalRef(span.start, span.end, span.text, f.doc_type, f.code, f.number, f.year, f.issuer, f.rule))
    return resolve(refs, anaphoric, doc.trace, spans)
