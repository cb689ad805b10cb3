"""What the legal-reference rules know: resources/doc_types.yaml (type words, abbreviations, law names,
issuers …) and the named patterns of resources/patterns/legal_refs.yaml, compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...startcache import compile_regex
from ...match.patterns import LOWER_LETTERS, PatternBook, alternation, letter_class, longest_phrase_first
from ...resources import load_yaml
from ...text.normalize import normalize_string


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
    rule: str = ""  # the id of the rule that found it


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
    urgency_words: frozenset[str]  # "Công điện khẩn số …"
    act_qualified_types: frozenset[str]  # lower-case type words a qualifier may follow ("quyết định truy nã số …")
    year_like_numbers: frozenset[str]  # lower-case type words whose bare numbers may look like years ("công văn 2027")
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
    amending_before: re.Pattern[str]  # "sửa " before "luật này": the law being amended
    law_heads: re.Pattern[str]
    qualified: re.Pattern[str]
    qualified_lower: re.Pattern[str]
    qualified_lower_verb: re.Pattern[str]  # "quyết định phê duyệt Chương trình …"
    qualified_lower_amending: re.Pattern[str]  # "nghị định hướng dẫn Luật Công nghiệp, công nghệ số"
    amended_documents_any_case: re.Pattern[str]  # what it amends or guides, "nghị định 126" too
    qualified_lower_verb_before: re.Pattern[str]  # "ký ", "ban hành ": a document follows, no verb "decide"
    issuer_named: re.Pattern[str]
    issuer_content: re.Pattern[str]
    conclusion_issuers: frozenset[str]
    issuer_named_types: frozenset[str]
    qualifier_lower_types: frozenset[str]
    qualifier_lower_verbs: tuple[str, ...]
    qualifier_lower_adjectives: frozenset[str]
    qualifier_law_heads: frozenset[str]
    qualifier_not_initial: frozenset[str]
    qualifier_max_words: int
    qualifier_stop: re.Pattern[str]
    qualifier_anaphora: frozenset[str]
    qualifier_list: re.Pattern[str]
    plural_before: re.Pattern[str]
    named_abbreviations: dict[str, str]
    named_abbreviation: re.Pattern[str]
    private_before: re.Pattern[str]
    private_symbol_parts: frozenset[str]
    qualifier_commas: tuple[str, ...]
    qualifier_not_stops: tuple[str, ...]
    anaphora_pointer: re.Pattern[str]
    anaphora_type: re.Pattern[str]
    anaphora_amended_type: re.Pattern[str]
    amended_documents: re.Pattern[str]
    year_named: re.Pattern[str]
    law_aliases: dict[str, str]
    amending_heads: frozenset[str]
    code_coordination: re.Pattern[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_yaml("doc_types.yaml")
    n = normalize_string
    type_words = {n(k).lower(): (n(v) if v else None) for k, v in data["type_words"].items()}
    abbreviations = {n(k): n(v) for k, v in data["abbreviations"].items()}
    canonical = {n(k).upper(): n(v) for k, v in data["canonical_tokens"].items()}
    for abbreviation in abbreviations:
        canonical.setdefault(abbreviation.upper(), abbreviation)
    bare_types = {n(t).lower(): type_words[n(t).lower()] for t in data["bare_number_types"]}
    bare_types.update({n(k).lower(): n(v) for k, v in data["bare_number_doc_types"].items()})
    named_types = {n(t).lower(): n(t) for t in data["named_types"]}
    book = _book()
    ignore_case = re.IGNORECASE
    return _Lexicon(
        type_words=type_words,
        type_word_re=book.compile("type_word", ignore_case),
        abbreviations=abbreviations,
        canonical_tokens=canonical,
        state_code=book.compile("state_code"),
        party_code=book.compile("party_code"),
        lower_code=book.compile("lower_code"),
        term_issuer=book.compile("term_issuer"),
        single_issuers=frozenset(n(w) for w in data["single_issuers"]),
        case_symbol_parts=frozenset(n(w) for w in data["case_symbol_parts"]),
        case_document_before=book.compile("case_document_before", ignore_case),
        old_code=book.compile("old_code"),
        urgency_words=frozenset(n(w) for w in data["urgency_words"]),
        act_qualified_types=frozenset(n(w) for w in data["act_qualified_types"]),
        bare_number=book.compile("bare_number"),  # literal case variants: twice as fast as IGNORECASE
        bare_types=bare_types,
        bare_needs_so=frozenset(n(t).lower() for t in data["bare_number_needs_so"]),
        year_like_numbers=frozenset(n(t).lower() for t in data["bare_number_may_look_like_year"]),
        not_after_bare=tuple(n(w) for w in data["not_after_bare_number"]),
        agency_unit_type=n(data["agency_unit_type"]),
        named_trigger=book.compile("named_trigger"),
        named_types=named_types,
        law_name=book.compile("law_name", ignore_case),
        max_guessed_words=int(data["max_guessed_name_words"]),
        stop_words=frozenset(n(w) for w in data["name_stop_words"]),
        comma_continuations=tuple(", " + n(w) + " " for w in data["name_comma_continuations"]),
        not_law_names=frozenset(n(w).lower() for w in data["not_law_names"]),
        not_law_first=book.compile("not_law_first"),
        foreign_word=book.compile("foreign_word"),
        draft_before=book.compile("draft_before", ignore_case),
        org_before=book.compile("org_before"),
        foreign_after=book.compile("foreign_after"),
        treaty_before=book.compile("treaty_before"),
        party_resolution=book.compile("party_resolution"),
        constitution=book.compile("constitution"),
        direct_tail=book.compile("direct_tail", ignore_case),
        bare_lower_types=frozenset(n(t).lower() for t in data["bare_number_lower_types"]),
        lower_law_fields=frozenset(n(w).lower() for w in data["lower_law_field_names"]),
        not_before_lower_law=book.compile("not_before_lower_law", ignore_case),
        amending_before=book.compile("amending_before"),
        law_heads=book.compile("law_heads"),
        qualified=book.compile("qualified"),
        qualified_lower=book.compile("qualified_lower"),
        qualified_lower_verb=book.compile("qualified_lower_verb"),
        qualified_lower_amending=book.compile("qualified_lower_amending"),
        amended_documents_any_case=book.compile("amended_documents_any_case"),
        qualified_lower_verb_before=book.compile("qualified_lower_verb_before"),
        issuer_named=book.compile("issuer_named"),
        issuer_content=book.compile("issuer_content"),
        conclusion_issuers=frozenset(n(w) for w in data["conclusion_issuers"]),
        issuer_named_types=frozenset(n(w).lower() for w in data["issuer_named_types"]),
        qualifier_lower_types=frozenset(n(w) for w in data["qualifier_lower_types"]),
        qualifier_lower_verbs=tuple(n(w) for w in data["qualifier_lower_verbs"]),
        qualifier_lower_adjectives=frozenset(n(w) for w in data["qualifier_lower_adjectives"]),
        qualifier_law_heads=frozenset(n(h) for h in data["qualifier_law_heads"]),
        qualifier_not_initial=frozenset(n(t) for t in data["qualifier_not_sentence_initial"]),
        qualifier_max_words=int(data["qualifier_max_words"]),
        qualifier_stop=book.compile("qualifier_stop"),
        named_abbreviations={n(k): n(v) for k, v in data["named_abbreviations"].items()},
        named_abbreviation=book.compile("named_abbreviation"),
        qualifier_anaphora=frozenset(n(w) for w in data["qualifier_anaphora"]),
        # a list inside a qualifier ("về quản lý, bảo vệ và phát triển"): how many words, from the data
        qualifier_list=compile_regex(rf", (?:[^\W\d_A-ZĐ]+ ){{1,{int(data['qualifier_list_words'])}}}và (?=\w)"),
        plural_before=book.compile("plural_before", ignore_case),
        private_before=book.compile("private_before", ignore_case),
        private_symbol_parts=frozenset(n(w) for w in data["private_symbol_parts"]),
        qualifier_commas=tuple(", " + n(w) + " " for w in data["qualifier_comma_continuations"]),
        qualifier_not_stops=tuple(n(w) for w in data["qualifier_not_stops"]),
        anaphora_pointer=book.compile("anaphora_pointer"),
        anaphora_type=book.compile("anaphora_type"),
        anaphora_amended_type=book.compile("anaphora_amended_type"),
        amended_documents=book.compile("amended_documents"),
        year_named=book.compile("year_named"),
        law_aliases={n(k): n(v) for k, v in data["law_aliases"].items()},
        amending_heads=frozenset(n(h) for h in data["amending_heads"]),
        code_coordination=book.compile("code_coordination"),
    )


def _law_names(data: dict) -> str:
    """One gazetteer for every named type ("Pháp lệnh Thực hành tiết kiệm, chống lãng phí" preceded the
    law); commas inside a name are optional or a dash, or "và", and "và" may be left out, as writers drop or
    replace them."""
    n = normalize_string
    names = {n(name) for names in data["law_names"].values() for name in names}
    for name in list(names):  # "Thực hành tiết kiệm và chống lãng phí", "luật hôn nhân gia đình": as writers shorten
        if ", " in name:
            names.add(name.replace(", ", " và "))
        if " và " in name:
            names.add(name.replace(" và ", " "))
    for long, short in data["name_abbreviations"].items():  # "Tổ chức HĐND và UBND"
        for name in list(names):
            if n(long).lower() in name.lower():
                at = name.lower().index(n(long).lower())
                names.add(name[:at] + n(short) + name[at + len(n(long)):])
    return "|".join(re.escape(name).replace(",\\ ", "(?:,| -)? ").replace(", ", "(?:,| -)? ")
                    for name in sorted(names, key=longest_phrase_first))


@lru_cache(maxsize=1)
def _book() -> PatternBook:
    data = load_yaml("doc_types.yaml")
    n = normalize_string
    type_words = {n(k).lower(): (n(v) if v else None) for k, v in data["type_words"].items()}
    abbreviations = {n(k): n(v) for k, v in data["abbreviations"].items()}
    canonical = {n(k).upper(): n(v) for k, v in data["canonical_tokens"].items()}
    for abbreviation in abbreviations:
        canonical.setdefault(abbreviation.upper(), abbreviation)
    bare_types = {n(t).lower() for t in data["bare_number_types"]} | {n(k).lower() for k in data["bare_number_doc_types"]}
    plain = ("term_issuers", "urgency_words", "case_document_words", "not_law_first_words", "foreign_owners",
             "draft_markers", "org_words_before", "treaty_words", "party_congress_words", "plenum_ordinals",
             "not_before_lower_law", "law_name_heads", "qualifier_types", "qualifier_lower_types", "qualifier_lower_adjectives",
             "qualifier_lower_verbs", "qualifier_lower_verb_objects", "qualifier_lower_verb_before",
             "qualifier_stop_words",
             "named_abbreviations", "plural_markers", "qualifier_issuers", "private_document_words", "anaphora_pointers",
             "anaphora_amended_types", "issuer_named_types", "document_issuers", "issuer_titles",
             "issuer_content_words", "issuer_content_adverbs", "not_act_words",
             "qualifier_lower_verb_not_objects")
    lists = {key: alternation(data[key]) for key in plain}
    lists.update(
        type_words=alternation(type_words),
        lower_types=alternation({k.lower() for k, v in canonical.items() if v in abbreviations}),
        bare_types_cased=alternation(v for t in bare_types for v in (t, t[0].upper() + t[1:], t.upper())),
        law_names=_law_names(data),
        anaphora_types=alternation([*data["anaphora_types"], *data["anaphora_lower_types"]]),
        qualifier_heads_cased=alternation(v for h in data["qualifier_heads"] for v in (n(h), n(h)[0].upper() + n(h)[1:])),
        lower_letter=letter_class(LOWER_LETTERS),  # a qualifier in lower-case words (patterns/legal_refs.yaml)
    )
    return PatternBook(load_yaml("patterns/legal_refs.yaml")["fragments"], lists, name="patterns/legal_refs.yaml")


@lru_cache(maxsize=None)
def pattern(name: str, flags: int = 0) -> re.Pattern[str]:
    """A named pattern of resources/patterns/legal_refs.yaml, compiled once."""
    return _book().compile(name, flags)


def _starts_word(norm: str, i: int) -> bool:
    # a digit glued before is a missing space ("(Điều 1nghị định 178)" in the 2025 dump), not the same word
    return i == 0 or not (norm[i - 1].isalpha() or norm[i - 1] == "_")


def _starts_code(norm: str, i: int) -> bool:
    return i == 0 or not (norm[i - 1].isalnum() or norm[i - 1] in "_./-")


def _word_matches(pattern: re.Pattern[str], norm: str):
    return (m for m in pattern.finditer(norm) if _starts_word(norm, m.start()))
