"""Named references with no number: laws and codes by name ("Luật Đầu tư năm 2020", "Bộ luật Hình sự"),
the Constitution, abbreviations ("BLHS"), Party resolutions by congress or plenum, and documents named by
a qualifier ("Nghị định về đầu tư quản lý công trình xây dựng")."""

from __future__ import annotations

import re

from ...startcache import compile_regex
from ...rules import rule_book
from .lexicon import _Found, _Lexicon, _word_matches, pattern

RULES = rule_book("legal_refs")
NAMED_LAW = RULES.rule("named-law")
CONSTITUTION = RULES.rule("constitution")
ABBREVIATION = RULES.rule("named-abbreviation")
PARTY_RESOLUTION = RULES.rule("party-resolution")
QUALIFIED = RULES.rule("qualified-name")
ISSUER_NAMED = RULES.rule("issuer-named")
POINTING_BACK = RULES.rule("anaphoric-mention")
_CITED_REACH = 600  # characters before an issuer-named mention in which a numbered one makes it point back
_ISSUER_REACH = 120  # characters: the longest body named after "của"
_ABOUT = compile_regex(r"\s?về\s")
_LOWER_QUALIFIER_WORDS = 3  # a lower-case "nghị quyết về …" is a title when "về" has at least this many words
FOREIGN = RULES.veto("foreign-or-treaty")
DISCIPLINE = RULES.veto("not-a-law-word")
GENERIC = RULES.veto("generic-or-plural")
INDIVIDUAL_ACT = RULES.veto("individual-act")


def _named(norm: str, lex: _Lexicon, trace) -> list[_Found]:
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
                trace.veto(DISCIPLINE, start, match.end())  # "kỷ luật", "kỉ luật", "pháp luật"
                continue
            name_end = _known_name_end(norm, match.end(), lex)
            about = _ABOUT.match(norm, match.end())
            if name_end is None and about:  # "luật về thực hành tiết kiệm, chống lãng phí": a known name after "về"
                name_end = _known_name_end(norm, about.end(), lex)
            if name_end and match.group(1) == "luật" and norm[match.end()].islower() \
                    and norm[match.end():name_end].lower() in lex.lower_law_fields:
                continue
        else:
            name_end = _known_name_end(norm, match.end(), lex) or _guessed_name_end(norm, match.end(), lex)
        if name_end is None:
            continue
        end, year = _qualifiers(norm, name_end)
        if lex.foreign_after.match(norm, end) or lex.treaty_before.search(norm, max(0, start - 120), start):
            trace.veto(FOREIGN, start, end)
            continue
        amended = pattern("amending").search(norm, max(0, start - 60), start)
        if amended:  # "Luật sửa đổi, bổ sung một số điều của Bộ luật Hình sự": a Luật, the amending law
            start, doc_type = amended.start(), "Luật"
        # "dự Luật X" (the bill of law X) is the named law "Luật X", the span without "dự" (the legal gold's
        # decision A9, as "dự thảo Luật X"); only a bare "dự luật" with no name is no reference
        if amended:  # "Luật sửa đổi, bổ sung một số điều của Luật A, Luật B và Luật C": one reference
            chain = lex.amended_documents.match(norm, amended.end() - 1)
            if chain and len(norm[:chain.end()].rstrip()) > end:
                end = len(norm[:chain.end()].rstrip())
        found.append(_Found(start, end, 1, doc_type, None, None, year, None, NAMED_LAW))
    year_named = lex.year_named.finditer(norm) if "luật năm" in norm or "lệnh năm" in norm else ()
    for match in year_named:  # "pháp lệnh năm 1993": the law of that year
        start = match.start()
        if lex.not_before_lower_law.search(norm, max(0, start - 6), start) or \
                lex.draft_before.search(norm, max(0, start - 10), start):
            continue
        found.append(_Found(start, match.end(), 1, lex.named_types[match.group(1)], None, None, int(match.group(2)),
                            None, NAMED_LAW))
    for match in _word_matches(lex.constitution, norm):
        start = match.start()
        if lex.foreign_after.match(norm, match.end()):
            trace.veto(FOREIGN, start, match.end())
            continue  # "Hiến pháp EU"
        year = match.group(1)
        if match.group(0) == "Hiến pháp":
            trace.veto(GENERIC, start, match.end())
            continue  # "Hiến pháp" with no year or country names no one text (RECORD.md: a name or qualifier)
        found.append(_Found(match.start(), match.end(), 1, "Hiến pháp", None, None, int(year) if year else None, None,
                            CONSTITUTION))
    for match in _word_matches(lex.named_abbreviation, norm):
        start = match.start()
        if norm[start - 1:start] == "(" and norm[match.end():match.end() + 1] == ")":
            continue  # "Bộ luật Dân sự (BLDS)": the name was just written out
        end, year = _qualifiers(norm, match.end())
        found.append(_Found(start, end, 1, lex.named_abbreviations[match.group(0)], None, None, year, None,
                            ABBREVIATION))
    for match in _word_matches(lex.party_resolution, norm):
        end = match.end()
        if match.group("congress") and match.group("party") and "Đảng" in match.group("congress"):
            end = match.start("party")  # "… Đảng toàn quốc lần thứ XIII của Đảng": the Party is named once
        if match.group("plenum") and pattern("plenum_unnumbered").fullmatch(match.group("plenum")):
            trace.veto(GENERIC, match.start(), end)
            continue  # "Nghị quyết Trung ương" with no plenum number or term identifies nothing
        found.append(_Found(match.start(), end, 1, lex.named_types[match.group(1).lower()], None, None, None, None,
                            PARTY_RESOLUTION))
    return found


def _qualified(norm: str, lex: _Lexicon, trace) -> list[_Found]:
    """Named by a qualifier: "Nghị định về đầu tư …", "Thông tư hướng dẫn nhập khẩu phế liệu"."""
    found: list[_Found] = []
    for match in [*_word_matches(lex.qualified, norm), *_lower_qualified(norm, lex)]:
        kind, head = match.group("kind"), match.group("head")  # an issuer may stand between: "của Quốc hội"
        in_lower_case = match.re in (lex.qualified_lower, lex.qualified_lower_verb, lex.qualified_lower_amending)
        doc_type = lex.named_types.get(kind.lower(), kind)
        if doc_type in ("Luật", "Bộ luật") and head.lower() not in lex.qualifier_law_heads:
            continue  # "Luật quy định …" is a sentence about some law
        start = match.start()
        before = norm[max(0, start - 12):start]
        if lex.plural_before.search(before) or lex.draft_before.search(before) or lex.org_before.search(before):
            trace.veto(GENERIC, start, match.end())
            continue  # "các Nghị định hướng dẫn", "dự Luật về …", "Khoa Luật về …"
        if kind in lex.qualifier_not_initial and _sentence_initial(norm, start):
            continue
        if lex.treaty_before.search(norm, max(0, start - 120), start):
            trace.veto(FOREIGN, start, match.end())
            continue
        if match.re is lex.qualified_lower_amending:  # "nghị định hướng dẫn Luật Công nghiệp, công nghệ số"
            amended = lex.amended_documents_any_case.match(norm, match.end())
            end = _last_short_tail(norm, match.end(), amended.end()) if amended else None
        elif head.lower() in lex.amending_heads:  # "… sửa đổi, bổ sung một số điều của Hiến pháp năm 2013"
            amended = lex.amended_documents.match(norm, match.end() - 1)
            end = len(norm[:amended.end()].rstrip()) if amended else None
        else:
            end = _qualifier_end(norm, match.end(), lex)
        if end is None or lex.foreign_after.match(norm, end):
            continue
        if in_lower_case and len(norm[match.end():end].split()) < _LOWER_QUALIFIER_WORDS:
            continue  # "mới có thông tư về khai thác": a circular on something, no title
        end = _quoted_title_end(norm, end)
        found.append(_Found(start, end, 1, doc_type, None, None, None, None, QUALIFIED))
    return found


def _described_before(norm: str, named: str, before: int, lex: _Lexicon) -> bool:
    """The same type and issuer written before with words on what the document does ("kết luận của Bộ Chính trị về
    việc miễn học phí …" then "Theo kết luận của Bộ Chính trị, …"): the later mention points back to it."""
    folded = norm[:before].casefold()
    at = folded.find(named.casefold())
    while at >= 0:
        if lex.issuer_content.match(norm, at + len(named)):
            return True
        at = folded.find(named.casefold(), at + 1)
    return False


# what an act on one person is about: "về việc điều động ông …", "về việc bà …", "về việc bổ nhiệm đồng chí …"
_PERSON_ACT = compile_regex(r"(?:việc )?(?:[^\W\d_]+ ){0,3}(?:ông|bà|đồng chí) [^\W\d_]")


def _issuer_named(norm: str, lex: _Lexicon, trace) -> list[_Found]:
    """Named by its issuer: "Quyết định của Thủ tướng cho phép …", "Chỉ thị của Bộ trưởng Bộ Giao thông Vận tải",
    "Nghị quyết của HĐND tỉnh Bình Dương" (a qualifier after it, "… về …", makes the longer qualified-name);
    without words on what it does only when capitalised and the article cited a document of that type by number
    before ("quyết định số 3492/QĐ-BYT … Quyết định của Bộ Y tế giao …")."""
    found: list[_Found] = []
    pos = norm.find(" của ")
    while pos >= 0:
        match = _issuer_after(norm, pos, lex)
        pos = norm.find(" của ", pos + 1)
        if match is None:
            continue
        kind_start, match = match
        kind, issuer = norm[kind_start:match.start() - len(" của ")], match.group("issuer")
        end = match.end()
        if issuer is None:  # a body of the gazetteer, after its head's title or not: "Bộ trưởng Bộ Giao thông Vận tải"
            from ...layers.organizations import organization_matches

            window = norm[match.end():match.end() + _ISSUER_REACH]  # read where it stands only: texts may be long
            # after a title, a ministry's field alone names it too ("Bộ trưởng Công an")
            body = next((org for org in organization_matches(window, context=bool(match.group("title")))
                         if org.start == 0), None)
            shared = 0
            if body is None and (match.group("title") or "").strip().lower().endswith(" ban"):
                # "Trưởng ban Tổ chức Trung ương": the head's title and the body's name share the word "Ban"
                shared = len("Ban ")
                body = next((org for org in organization_matches("Ban " + window, context=True) if org.start == 0), None)
            if body is None or body.kind in ("country", "foreign"):
                continue  # "Quyết định của Nhà Trắng": no document
            issuer, end = window[:body.end - shared], match.end() + body.end - shared
        doc_type = lex.named_types.get(kind.lower(), kind)
        described = lex.issuer_content.match(norm, end)
        # in lower case too when the issuer issues only some documents of the type ("nghị quyết của Chính phủ" after
        # "Nghị quyết số 212", decision G2); "nghị định của Chính phủ" is any decree (D1)
        cited = (kind[0].isupper() or _ANY_OF_TYPE.get(kind.lower()) != issuer) and \
            _numbered_before(norm, kind, kind_start) or \
            _described_before(norm, f"{kind} của {issuer}", kind_start, lex)
        if kind == "quy định" or not (described or cited):
            continue  # "tại nghị định của Chính phủ," is any decree; "theo quy định của Bộ" the plain noun
        if doc_type == "Kết luận" and issuer not in lex.conclusion_issuers:
            continue  # "Kết luận của đoàn kiểm tra": an inspection's findings, no document
        start = kind_start
        before = norm[max(0, start - 12):start]
        if lex.plural_before.search(before) or lex.org_before.search(before) or \
                lex.treaty_before.search(norm, max(0, start - 120), start):
            trace.veto(GENERIC, start, match.end())
            continue  # "các quyết định của UBND", a treaty's
        head = compile_regex(r" về ").match(norm, end)
        person = _PERSON_ACT.match(norm, head.end()) if head else None
        if person and norm[person.end() - 1].isupper():
            trace.veto(INDIVIDUAL_ACT, start, person.end())
            continue  # "Quyết định của Ban Bí thư … về việc điều động ông Trần Huy Tuấn": an act on one person (A2)
        if head:  # "… của HĐND tỉnh Bình Dương về dự toán ngân sách": the title goes on
            end = _quoted_title_end(norm, _qualifier_end(norm, head.end(), lex) or end)
        # right after a document of that type cited by number, it points back to it (rule anaphoric-mention
        # resolves it: "quyết định số 3492/QĐ-BYT … Quyết định của Bộ Y tế giao …"); else a document of its own
        found.append(_Found(start, end, 1, doc_type, None, None, None, None, POINTING_BACK if cited else ISSUER_NAMED))
    return found


# the issuer of every document of a type: "nghị định của Chính phủ" names no one decree (the legal gold's D1)
_ANY_OF_TYPE = {"nghị định": "Chính phủ", "luật": "Quốc hội", "bộ luật": "Quốc hội"}


def _numbered_before(norm: str, kind: str, start: int) -> bool:
    """Whether the article cited a document of this type by number shortly before ``start`` ("quyết định số
    3492/QĐ-BYT … Quyết định của Bộ Y tế"): the issuer then names that one, no content words needed."""
    window = norm[max(0, start - _CITED_REACH):start]
    return re.search(rf"(?<!\w){re.escape(kind)}\s+(?:số\s+)?\d", window, re.IGNORECASE) is not None


def _two_words_before(norm: str, pos: int) -> int:
    """Where the two words ending at ``pos`` start (the type words are two syllables: "nghị quyết"); a line
    break separates words too ("…COVID-19.\nQuyết định của Bộ Y tế")."""
    first = max(norm.rfind(" ", 0, pos), norm.rfind("\n", 0, pos))
    return max(norm.rfind(" ", 0, first), norm.rfind("\n", 0, first)) + 1


_QUOTED_TITLE = compile_regex(r' ["“][^"“”\n]{3,200}["”]')


def _quoted_title_end(norm: str, end: int) -> int:
    """A quoted title right after the qualifier is the document's ("nghị quyết của Quốc hội về kết quả giám sát chuyên
    đề "Việc thực hiện … kể từ khi Luật Bảo vệ môi trường năm 2020 có hiệu lực thi hành"": one reference, the law
    inside it none)."""
    quoted = _QUOTED_TITLE.match(norm, end)
    return quoted.end() if quoted else end


def _issuer_after(norm: str, pos: int, lex: _Lexicon):
    """At " của " (``pos``): where the type word before it starts, and the issuer's match after it."""
    start = _two_words_before(norm, pos)
    if norm[start:pos].lower() not in lex.issuer_named_types:
        return None
    match = lex.issuer_named.match(norm, pos + len(" của "))
    return (start, match) if match else None


def _lower_qualified(norm: str, lex: _Lexicon):
    """The matches of qualified_lower: found from each " về " (a scan of the whole text for the type words
    costs more than the rest of the extractor's qualifiers)."""
    pos = norm.find(" về ")
    while pos >= 0:
        start = _two_words_before(norm, pos)
        if norm[start:pos] not in lex.qualifier_lower_types:
            word = norm.rfind(" ", 0, pos) + 1  # "nghị định mới về …": an adjective between the type and "về"
            start = _two_words_before(norm, word - 1) if word and norm[word:pos] in lex.qualifier_lower_adjectives \
                else -1
            if start >= 0 and norm[start:word - 1] not in lex.qualifier_lower_types:
                start = -1
        if start >= 0:
            match = lex.qualified_lower.match(norm, start)
            if match:
                yield match
        pos = norm.find(" về ", pos + 1)
    for verb in lex.qualifier_lower_verbs:  # "ký quyết định phê duyệt Chương trình …"
        yield from _lower_type_before(norm, f" {verb} ", lex.qualified_lower_verb, lex, always_lead_in=True)
    for head in (" sửa đổi, bổ sung ", " hướng dẫn "):  # "nghị định hướng dẫn Luật …", "nghị định sửa đổi, bổ sung …"
        yield from _lower_type_before(norm, head, lex.qualified_lower_amending, lex, always_lead_in=False)


def _lower_type_before(norm: str, needle: str, pattern: re.Pattern[str], lex: _Lexicon, always_lead_in: bool):
    """The matches of ``pattern`` from a lower-case type word right before each ``needle``; a document word or a
    clause's start before the type word (qualified_lower_verb_before) is needed always, or only for the types that are
    verbs too (_ALSO_VERBS: "UBND quyết định sửa đổi …")."""
    pos = norm.find(needle)
    while pos >= 0:
        start = _two_words_before(norm, pos)
        kind = norm[start:pos]
        if kind in lex.qualifier_lower_types and (not (always_lead_in or kind in _ALSO_VERBS) or
                                                  lex.qualified_lower_verb_before.search(norm, max(0, start - 16), start)):
            match = pattern.match(norm, start)
            if match:
                yield match
        pos = norm.find(needle, pos + 1)


def _last_short_tail(norm: str, start: int, end: int) -> int:
    """The amended or guided document's name up to its first comma, or through a short last part before the sentence
    goes on ("Luật Công nghiệp, công nghệ số."; not "Hiến pháp năm 2013, trình Quốc hội xem xét, thông qua")."""
    text = norm[start:end]
    first = text.find(", ")
    if first < 0:
        return start + len(text.rstrip(" ,"))
    tail = text[first + 2:].rstrip(" ,")
    if ", " not in tail and len(tail.split()) <= 3 and norm[start + len(text.rstrip(" ,")):][:1] in ".;:\n":
        return start + len(text.rstrip(" ,"))
    return start + first


_ALSO_VERBS = frozenset({"quyết định", "chỉ thị"})  # "UBND quyết định sửa đổi …": the verb, unless a document word stands before


def _sentence_initial(norm: str, start: int) -> bool:
    """At a sentence's or a list item's start ("b) Quy định về hạn mức …")."""
    before = norm[max(0, start - 40):start].rstrip(" \"“'(-–")
    return not before or before[-1] in ".!?:\n" or bool(re.search(r"(?:^|\s)(?:[a-zđ]|\d{1,2})\)$", before))


# words that may not end a qualifier ("về quản lý và" is cut at the last content word)
_NUMBER = compile_regex(r"[\d.,-]+")
_DANGLING = frozenset({"và", "hoặc", "các", "những", "một", "việc", "trong", "đối", "về", "tại"})


def _qualifier_end(norm: str, pos: int, lex: _Lexicon) -> int | None:
    """End of the phrase after a qualifier head: up to punctuation, a clause word, a type word."""
    end = None
    for i, (w_start, w_end, text) in enumerate(_iter_words(norm, pos, "qualifier_word")):
        if i >= lex.qualifier_max_words:
            break
        if lex.qualifier_stop.match(norm, w_start) and not _inside_phrase(norm, w_start, lex.qualifier_not_stops) \
                and not _opens_phrase(norm, w_start, lex.qualifier_not_stops):
            if text in lex.qualifier_anaphora:
                return None  # "Thông tư hướng dẫn về vấn đề này" points back
            break
        if text[0].isupper() and lex.type_word_re.match(norm, w_start) \
                and not (i == 0 and lex.law_name.match(norm, w_start)):
            break  # "Nghị định hướng dẫn Luật Nhà ở": the law is its own reference; "Luật về Luật sư"
        if text.lower() not in _DANGLING and not _NUMBER.fullmatch(text):
            end = w_end  # not "quy hoạch chi tiết 1" (of "1/500"), "thời kỳ 2021" (of "2021 - 2030")
        if norm[w_end:w_end + 1] != " " and not lex.qualifier_list.match(norm, w_end) \
                and not norm.startswith(lex.comma_continuations + lex.qualifier_commas, w_end):
            break  # punctuation or end of line closes the phrase, except in a list, "phòng, chống", "cơ chế, chính sách"
    return end


def _inside_phrase(norm: str, at: int, phrases: tuple[str, ...]) -> bool:
    """Whether the word at ``at`` ends one of ``phrases`` ("số" in "một số")."""
    return any(norm.endswith(phrase, 0, norm.find(" ", at) if norm.find(" ", at) > 0 else len(norm))
               and norm[:at].endswith(phrase.rsplit(" ", 1)[0] + " ") for phrase in phrases if " " in phrase)


def _opens_phrase(norm: str, at: int, phrases: tuple[str, ...]) -> bool:
    """Whether one of ``phrases`` starts at ``at`` ("sắp" of "sắp xếp")."""
    return any(norm.startswith(phrase, at) and not norm[at + len(phrase):at + len(phrase) + 1].isalnum()
               for phrase in phrases)


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


def _iter_words(norm: str, pos: int, kind: str = "word"):
    while True:
        word = pattern(kind).match(norm, pos)
        if not word:
            return
        yield word.start(), word.end(), word.group(0)
        if norm[word.end():word.end() + 2] == ", ":
            pos = word.end() + 2  # the caller decides whether a comma ends the name
        elif norm[word.end():word.end() + 1] == " ":
            pos = word.end() + 1
        else:
            return


def _qualifiers(norm: str, end: int) -> tuple[int, int | None]:
    """Extend a name over "(sửa đổi)" and "năm 2020" / "2020"; return (end, year)."""
    amended = pattern("qualifier_amended").match(norm, end)
    if amended:
        end = amended.end()
    year = pattern("qualifier_year").match(norm, end)
    if year:
        return year.end(), int(year.group(1))
    return end, None
