"""One key per document: ``doc_key`` on every reference, ``resolved_code`` on short and pointing-back ones
(RECORD.md "Legal references": added fields), so that references can be counted per document.

- A numbered reference with a symbol is its own document: ``"<type>|<code>"`` ("Nghị định|15/2020/NĐ-CP"). The
  type is the one the article gives that code (a bare "80/2015/QH13" takes "Luật" from "Luật số 80/2015/QH13"
  elsewhere in the article, or from the registry); failing both, "Văn bản".
- A short number ("Nghị định số 86", "Quyết định 1880") is the document of that type whose full code the
  article gives with that number (and year, when the short form has one): rule ``short-number``; nearest
  before it, else the first after. Unresolved, it keeps ``"<type>|<number>"``.
- A named reference ("Luật Đất đai", "luật đất đai", "Luật Đầu tư năm 2020") is keyed by type and its name
  folded (case, tone marks, commas, hyphens and "năm" ignored); with a year, the registry of laws
  (resources/laws.yaml) gives its code ("Luật Đầu tư 2020" -> 61/2020/QH14): rule ``registry-law``. The same
  name without a year takes the key of the article's mention with one (rule ``same-name``); an acronym takes
  the key of the law the article names in full with those initials ("Luật TMĐT": rule ``acronym-name``).
- A pointing-back mention ("Nghị định này", "Chỉ thị nói trên", "Luật sửa đổi") is the nearest document of its
  type named before it (rule ``anaphoric-mention``); with none it is no reference (veto ``no-antecedent``).

The key says which document a mention means within an article; across articles a full code always names the
same document, a bare number only within its article (``"Nghị định|17"`` in two articles may be two decrees).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...startcache import compile_regex
from ...model import LegalRef
from ...resources import load_yaml
from ...rules import rule_book
from ...text.normalize import normalize_string

RULES = rule_book("legal_refs")
ANAPHORA = RULES.rule("anaphoric-mention")
SHORT_NUMBER = RULES.rule("short-number")
REGISTRY_LAW = RULES.rule("registry-law")
SAME_NAME = RULES.rule("same-name")
ACRONYM = RULES.rule("acronym-name")
NO_ANTECEDENT = RULES.veto("no-antecedent")
GENERIC_TYPE = "Văn bản"

_SYMBOL = compile_regex(r"[A-Za-zĐđ]")
_YEAR = compile_regex(r"(?:\s+năm)?\s+(?:19|20)\d\d$")
_PUNCTUATION = compile_regex(r"[,;:\-–\"“”()]")
_ACRONYM = compile_regex(r"[A-ZĐ]{2,6}")


def _initials(name: str) -> str:
    """ "thương mại điện tử" -> "tmđt" (as a folded acronym compares)."""
    return "".join(word[0] for word in name.split())


@dataclass(frozen=True, slots=True)
class Registry:
    by_name: dict[tuple[str, str], dict[int, str]]  # (type, folded name) -> {year: code}
    type_of_code: dict[str, str]


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The laws and codes of resources/laws.yaml (built from the VLC law texts; see its header)."""
    by_name: dict[tuple[str, str], dict[int, str]] = {}
    type_of_code: dict[str, str] = {}
    for entry in load_yaml("laws.yaml")["laws"]:
        kind = normalize_string(entry["type"])
        by_name.setdefault((kind, fold_name(entry["name"])), {})[int(entry["year"])] = entry["code"]
        type_of_code[entry["code"]] = kind
    return Registry(by_name, type_of_code)


@lru_cache(maxsize=1)
def registry_names() -> dict[str, str]:
    """Code -> the law's name with its type ("61/2020/QH14" -> "Luật Đầu tư"), for the documents table."""
    return {entry["code"]: f"{entry['type']} {entry['name']}" for entry in load_yaml("laws.yaml")["laws"]}


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    from .lexicon import _lexicon

    return {fold_name(k): fold_name(v) for k, v in _lexicon().law_aliases.items()}


def fold_name(name: str) -> str:
    """A name as keys compare it: one tone style, lower case, no punctuation, no year, no "số", and no "và"
    ("Luật Hôn nhân và gia đình", "luật hôn nhân gia đình"; "tiết kiệm, chống lãng phí", "tiết kiệm và chống …")."""
    text = normalize_string(name).lower()
    text = _PUNCTUATION.sub(" ", text)
    text = _YEAR.sub("", " ".join(text.split()))
    return " ".join(word for word in text.split() if word != "và")


def _has_symbol(code: str | None) -> bool:
    return bool(code) and bool(_SYMBOL.search(code))


def _name_of(ref: LegalRef) -> str:
    """The name after the type word: "Luật Đầu tư năm 2020" -> "đầu tư"."""
    text = normalize_string(ref.text)
    kind = normalize_string(ref.doc_type or "")
    if kind and text.lower().startswith(kind.lower()):
        text = text[len(kind):]
    return fold_name(text)


def _same_number(short: LegalRef, full: LegalRef) -> bool:
    if not full.number or not short.number:
        return False
    same = full.number == short.number or (full.number.isdigit() and short.number.isdigit()
                                           and int(full.number) == int(short.number))
    return same and (short.year is None or full.year == short.year)


def _compatible(short_type: str | None, full_type: str | None) -> bool:
    return short_type is None or full_type is None or short_type == full_type or short_type == GENERIC_TYPE


def resolve(refs: list[LegalRef], anaphoric: set[int], trace, spans: dict[int, tuple[int, int]]) -> list[LegalRef]:
    """Fill ``doc_key`` and ``resolved_code`` of an article's references (sorted by start); return them without
    the pointing-back mentions that point at nothing (vetoed in ``trace``; ``spans`` are their normalised
    coordinates, ``anaphoric`` their indexes)."""
    reg = registry()
    types: dict[str, list[str]] = {}
    for ref in refs:
        if _has_symbol(ref.code) and ref.doc_type:
            types.setdefault(ref.code, []).append(ref.doc_type)

    def type_of(code: str, given: str | None) -> str:
        found = [t for t in types.get(code, []) if t != GENERIC_TYPE] or types.get(code, [])
        if given and given != GENERIC_TYPE:
            return given
        if found:
            return max(set(found), key=found.count)
        return given or reg.type_of_code.get(code) or GENERIC_TYPE

    names = [_name_of(ref) if ref.code is None and ref.doc_type else "" for ref in refs]  # folded once
    # 1. full codes and named references
    for i, ref in enumerate(refs):
        if i in anaphoric:
            continue
        if _has_symbol(ref.code):
            ref.doc_key = f"{type_of(ref.code, ref.doc_type)}|{ref.code}"
        elif ref.code is None and ref.doc_type:
            name = names[i]
            code = reg.by_name.get((ref.doc_type, name), {}).get(ref.year) if ref.year else None
            if code:
                ref.doc_key, ref.resolved_code, ref.resolved_by = f"{ref.doc_type}|{code}", code, REGISTRY_LAW
            else:
                ref.doc_key = f"{ref.doc_type}|{name}" + (f" {ref.year}" if ref.year else "")
    # the same name without a year: the key of the article's mention with one
    dated = {}
    for i, ref in enumerate(refs):
        if ref.code is None and ref.doc_type and ref.year and ref.doc_key:
            dated.setdefault((ref.doc_type, names[i]), ref)
    for i, ref in enumerate(refs):
        if i not in anaphoric and ref.code is None and ref.doc_type and not ref.year:
            with_year = dated.get((ref.doc_type, names[i]))
            if with_year is not None:
                ref.doc_key, ref.resolved_code = with_year.doc_key, with_year.resolved_code
                ref.resolved_by = SAME_NAME
    # an alias ("Luật PPP") is the law it stands for, named or not in the article
    aliases = _aliases()
    for i, ref in enumerate(refs):
        name = names[i] if i not in anaphoric else ""
        if name and name in aliases:
            ref.doc_key, ref.resolved_by = f"{ref.doc_type}|{aliases[name]}", ACRONYM
    # an acronym for a law named in full in the article ("Luật TMĐT" -> "Luật Thương mại điện tử")
    for i, ref in enumerate(refs):
        name = names[i]
        if i in anaphoric or not name or " " in name or not _ACRONYM.fullmatch(ref.text.split()[-1]):
            continue
        full = next((r for j, r in enumerate(refs) if j != i and r.doc_type == ref.doc_type and r.code is None
                     and r.doc_key and _initials(names[j]) == name), None)
        if full is not None:
            ref.doc_key, ref.resolved_code, ref.resolved_by = full.doc_key, full.resolved_code, ACRONYM
    # 2. short numbers: the first fuller mention with that number, before it, else after it ("Nghị định 178" ->
    # "Nghị định 178/2024/NĐ-CP" or "nghị định 178/2024"); the fuller ones first, so that "178/2024" itself
    # resolves to "178/2024/NĐ-CP" when the article gives both
    def fuller(ref: LegalRef) -> bool:
        return _has_symbol(ref.code)

    shorts = sorted((i for i, ref in enumerate(refs) if i not in anaphoric and ref.code and not fuller(ref)),
                    key=lambda i: -(refs[i].year is not None))
    for i in shorts:
        ref = refs[i]
        matches = [(j, full) for j, full in enumerate(refs)
                   if j != i and j not in anaphoric and full.code and full.doc_key
                   and (fuller(full) or full.year and not ref.year)
                   and _same_number(ref, full) and _compatible(ref.doc_type, full.doc_type)]
        before = [m for m in matches if m[0] < i]
        chosen = before[0][1] if before else (matches[0][1] if matches else None)
        if chosen is not None:
            ref.doc_key, ref.resolved_code, ref.resolved_by = chosen.doc_key, chosen.resolved_code or chosen.code, SHORT_NUMBER
        else:
            ref.doc_key = f"{ref.doc_type or GENERIC_TYPE}|{ref.code}"
    # 3. pointing back
    kept: list[LegalRef] = []
    for i, ref in enumerate(refs):
        if i not in anaphoric:
            kept.append(ref)
            continue
        amended = normalize_string(ref.text).lower().endswith("sửa đổi")
        earlier = [r for r in kept if r.doc_type == ref.doc_type and r.doc_key
                   and (not amended or "sửa đổi" in r.doc_key)]
        if not earlier:
            trace.veto(NO_ANTECEDENT, *spans[i])
            continue
        antecedent = earlier[-1]
        ref.doc_key = antecedent.doc_key
        ref.resolved_code = antecedent.resolved_code or (antecedent.code if _has_symbol(antecedent.code) else None)
        ref.resolved_by = ANAPHORA
        kept.append(ref)
    return kept
