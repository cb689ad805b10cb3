"""The person-name layer: one recogniser and one surname list for the whole package.

A Vietnamese name is a capitalised run of two to four syllables (five after "Y", as Ê Đê and Jrai men's
names run) opening with a surname (resources/surnames.yaml), or any such run after an honorific ("ông
Văn Dũng"); a foreign name is capitalised words with initials, particles and hyphens ("Ban Ki-moon",
"al-Fahd al-Sabah"). A run that is a place, a body or a school's namesake is no name (resources:
titles.yaml ``not_names``/``historical_names``, organizations.yaml places, countries and
``named_after_people``) unless a title stands right before it. Honorifics and degrees ("ông", "bà",
"đồng chí", "PGS.TS") are found once per document.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..startcache import cached, compile_regex
from ..match.patterns import alternation
from ..resources import load_yaml
from ..text.normalize import normalize_string
from .places import place_names


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Vietnamese family names (one- and two-syllable: "Nguyễn", "Tôn Thất")."""
    return frozenset(normalize_string(s) for s in load_yaml("surnames.yaml")["surnames"])


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def frequent_surnames() -> frozenset[str]:
    """Frequent family names (surnames.yaml frequent): two syllables after a place are a name only after one."""
    return frozenset(normalize_string(s) for s in load_yaml("surnames.yaml")["frequent"])


def common_surnames() -> frozenset[str]:
    """The commonest family names: a run opening with one is a person before it is a place."""
    return frozenset(normalize_string(s) for s in load_yaml("surnames.yaml")["common"])


@dataclass(frozen=True, slots=True)
class NameLexicon:
    honorific: re.Pattern[str]  # honorifics, familiar address and degrees right here
    honorific_search: re.Pattern[str]  # the same without the word boundary, for honorific_matches
    polite: frozenset[str]  # honorifics proper: any capitalised run after them is a name
    not_names: frozenset[str]  # bodies and words that look like names ("Chính phủ", "Quốc hội")
    not_name_start: re.Pattern[str]  # a body or a place starting here
    places: frozenset[str]
    historical: frozenset[str]  # names that mostly name places and schools but are people after a title
    institution_names: frozenset[str]  # "Lê Quý Đôn": a school's or a street's namesake
    one_word_not_names: frozenset[str]  # Vietnamese words spelt like a foreign name ("Theo")
    body_words: frozenset[str]  # words that open a body and are no later syllable of a name ("Bộ", "Sở")
    # a title's capitalised first word and its next word in small letters ("Bí" "thư", "Chủ" "tịch"): a run of names
    # ending with the first word has the title glued after it, as scraped tables write "Ông Đào Ngọc Thanh Bí thư Xã …"
    title_openers: frozenset[tuple[str, str]]


@lru_cache(maxsize=1)
def name_lexicon() -> NameLexicon:
    data = load_yaml("titles.yaml")
    places = place_names()
    address = [*data["honorifics"], *data["familiar"], *data["degrees"]]  # words before a name, none of it
    return NameLexicon(
        honorific=compile_regex(rf"(?<!\w)(?:{alternation(address)}) "),
        honorific_search=compile_regex(rf"(?:{alternation(address)}) "),
        polite=frozenset(normalize_string(h) for h in data["honorifics"]),
        not_names=frozenset(normalize_string(n) for n in [*data["not_names"], *data["foreign_places"]]),
        not_name_start=compile_regex(rf"(?:{alternation([*data['not_names'], *data['foreign_places'], *places])})(?!\w)"),
        places=places,
        historical=frozenset(normalize_string(n) for n in data.get("historical_names", [])),
        institution_names=frozenset(named_after_people()),
        one_word_not_names=frozenset(data.get("one_word_not_names", [])),
        body_words=frozenset(normalize_string(w) for w in data.get("body_words_not_in_names", [])),
        title_openers=_title_openers(data["titles"]),
    )


def _title_openers(titles: list[dict]) -> frozenset[tuple[str, str]]:
    """(capitalised first word, second word in small letters) of every title of two words or more."""
    openers = set()
    for item in titles:
        for spelling in item.get("match", [item["title"]]):
            words = normalize_string(str(spelling)).split(" ")
            if len(words) >= 2 and words[1][:1].islower():
                openers.add((words[0][:1].upper() + words[0][1:], words[1]))
    return frozenset(openers)


@lru_cache(maxsize=1)
def named_after_people() -> tuple[str, ...]:
    """People whose names mostly name schools, streets, wards and awards ("THPT Lê Quý Đôn")."""
    return tuple(normalize_string(n) for n in load_yaml("organizations.yaml").get("named_after_people", []))


SYLLABLE = compile_regex(r"[^\W\d_]+")


# "W.", "Jr." (a generation suffix, dot included) or "Ki-moon"
_FOREIGN_PART = compile_regex(r"[^\W\d_]\.(?=[ \w])|[JS]r\.(?!\w)|[^\W\d_](?:[^\W\d_]|['’-][^\W\d_])*")


def capitalised_run(norm: str, pos: int, limit: int = 6) -> list[tuple[int, int]]:
    """The capitalised syllables at ``pos``, at most ``limit``, each after one space: their offsets. Empty when the
    last one is glued to a digit ("Cường10": a list number, the name is read clean elsewhere)."""
    match = _capitalised_words(limit).match(norm, pos) if limit > 0 else None
    if match is None or match.end() < len(norm) and norm[match.end()].isalnum():
        return []
    run: list[tuple[int, int]] = []
    at = pos
    for word in match.group().split(" "):
        run.append((at, at + len(word)))
        at += len(word) + 1
    return run


@lru_cache(maxsize=8)
def _capitalised_words(limit: int) -> re.Pattern[str]:
    """Up to ``limit`` capitalised syllables joined by single spaces, in one match (a loop matching one syllable at a
    time cost a fifth of the officials stage)."""
    word = _upper_letter().pattern + r"[^\W\d_]*"
    return compile_regex(f"{word}(?: {word}){{0,{limit - 1}}}")


def woman_middle_name(words: list[str]) -> bool:
    """Three or four words with "Thị", a woman's middle name, after the first and before the last: a person's name
    whatever the surname ("Ca Tông Thị Mến", "Pi Năng Thị Hốn"; not "cảng Thị Vải")."""
    return 3 <= len(words) <= 4 and "Thị" in words[1:-1]


def has_surname(norm: str, run: list[tuple[int, int]]) -> bool:
    names = surnames()
    first = norm[run[0][0]:run[0][1]]
    two = norm[run[0][0]:run[1][1]] if len(run) > 1 else ""
    if first in names or two in names:
        return True
    if not 3 <= len(run) <= 4 or not woman_middle_name([norm[a:b] for a, b in run]):
        return False
    # (not after an honorific or a numeral: "Cô Hoàng Thị Tùy", "II Hoàng Thị Tâm")
    return norm[run[1][0]:run[1][1]] not in names and bool(VIETNAMESE_SHAPE.fullmatch(first)) and not first.isupper()


def acceptable_name(norm: str, start: int, end: int, org_starts: dict, after_title: bool,
                     direct: bool = True) -> bool:
    """Not a place, an organisation or a school named after someone (unless a title stands right before)."""
    lex = name_lexicon()
    text = norm[start:end]
    if after_title and direct and text in lex.historical:
        return True
    if text in lex.institution_names and not (after_title and direct):
        return False
    words = text.split(" ")
    if any(word in lex.body_words for word in words[1:]):
        return False  # "châu Đại Dương Bộ Ngoại giao": a place's end and a ministry, no "Dương Bộ Ngoại"
    prefixes = (" ".join(words[:n]) for n in range(1, len(words) + 1))
    if any(prefix in lex.not_names or prefix in lex.places for prefix in prefixes):
        return False  # "Hà Nội", "Hồ Chí Minh", "Chính phủ": a place or a body, not a person
    org = org_starts.get(start)
    return org is None or org.kind == "ministry_field"


_LONG_NAME_OPENINGS = frozenset({"Y"})  # Ê Đê and Jrai men's names run to five syllables


def vietnamese_name(norm: str, pos: int, org_starts, *, honorific: bool = False,
                     after_title: bool = True) -> tuple[int, int] | None:
    """A name right at ``pos``: the whole capitalised run, 2-4 syllables, opening with a surname
    (any run after an honorific: "ông Văn Dũng")."""
    run = without_title_opener(norm, capitalised_run(norm, pos) or glued_run(norm, pos))
    if len(run) < 2:
        return None
    longest = 5 if norm[run[0][0]:run[0][1]] in _LONG_NAME_OPENINGS else 4  # "Y Thanh Hà Niê Kđăm"
    if len(run) > longest or not (honorific or has_surname(norm, run)):
        return None
    if any(b - a > 1 and norm[a:b].isupper() and not norm[c:d].isupper() for (c, d), (a, b) in zip(run, run[1:])):
        # an acronym after a word in small letters ("Đoàn Trường THPT chuyên …"): a body's name, no person's (not a
        # name in capitals, "NGÔ ANH VŨ", nor initials first, "GVG Yugandhar")
        return None
    run = _unglued_run(norm, run)
    if len(run) < 2:
        return None
    start, end = run[0][0], run[-1][1]
    tail = _HYPHENATED_TAIL.match(norm, end)
    if tail is not None:
        end = tail.end()  # "Kim Jong-un", "Moon Jae-in", "Kim Gang-lip": a Korean given name's second syllable
    return (start, end) if acceptable_name(norm, start, end, org_starts, after_title) else None


_HYPHENATED_TAIL = compile_regex(r"-[a-z]{1,6}(?![\w-])")
# a Vietnamese word a missing space glued to a syllable of a name ("Tổng Bí thư Tô Lâmvà Phu nhân", "Lâmđã"), in the
# 2025 dump's scraped text: the word is no syllable, the part before the glued word is one
_GLUED_TO_SYLLABLE = compile_regex(r"(.+?)(và|đã|đang|được|nói|là|tại|với|của|thì|sẽ|vừa|cũng|trong|cho|khi|đề)")


_NEXT_WORD = compile_regex(r" ([^\W\d_]+)")


def without_title_opener(norm: str, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A run of three words or more without its last word when that word and the word in small letters after it
    open a title: "Ông Đào Ngọc Thanh Bí thư Xã Đức Huệ" (a scraped table) names "Đào Ngọc Thanh"."""
    if len(run) < 3:
        return run
    following = _NEXT_WORD.match(norm, run[-1][1])
    if following is not None and (norm[run[-1][0]:run[-1][1]], following.group(1)) in name_lexicon().title_openers:
        return run[:-1]
    return run


def _unglued_run(norm: str, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The run cut after the first of its syllables (from the second on) that has a Vietnamese word glued to it."""
    for i, (a, b) in enumerate(run[1:], start=1):
        word = norm[a:b]
        if VIETNAMESE_SHAPE.fullmatch(word):
            continue
        glued = _GLUED_TO_SYLLABLE.fullmatch(word)
        if glued is not None and VIETNAMESE_SHAPE.fullmatch(glued.group(1)):
            return [*run[:i], (a, a + len(glued.group(1)))]
    return run


_LIST_NUMBER = compile_regex(r"\d{1,3}[.)]")


def glued_run(norm: str, pos: int) -> list[tuple[int, int]]:
    """A run whose last syllable is glued to a list number ("Quách Cường10."): the syllables only."""
    run: list[tuple[int, int]] = []
    at = pos
    while len(run) < 5:
        m = SYLLABLE.match(norm, at)
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


_FOREIGN_WORD = compile_regex(r"[A-Z][a-z]+(?:['’-][A-Za-z]+)*")


# words inside a foreign name written in lower case ("Abdulaziz bin Salman", "Ursula von der Leyen")
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "du", "da", "di", "la", "le", "bin", "binti", "al", "el"})


_GENERATION = frozenset({"Jr.", "Sr."})  # "Ferdinand Marcos Jr.": the suffix and its dot are the name's


def foreign_name(norm: str, pos: int, org_starts, clause_start: re.Pattern[str] | None = None) -> tuple[int, int] | None:
    """A foreign name right at ``pos``: capitalised words, initials ("W."), particles ("von", "al-"),
    hyphenated parts ("Ki-moon"); ``clause_start`` recognises the Vietnamese words that a missing space
    glued to the name's last part (" khi trả lời")."""
    parts: list[re.Match[str]] = []
    at = pos
    # five words, seven with a particle among them ("Ahmed Fahd al Ahmed Al Sabah", "Abdullah bin Hamad Al Attiyah")
    while len(parts) < 5 or len(parts) < 7 and any(p.group(0) in NAME_PARTICLES for p in parts):
        m = _FOREIGN_PART.match(norm, at)
        if not m or not (m.group(0)[0].isupper() or parts and re.split(r"['’-]", m.group(0))[0] in NAME_PARTICLES):
            break
        parts.append(m)
        if m.group(0) in _GENERATION:
            break  # "Marcos Jr." ends the name
        if m.end() < len(norm) and norm[m.end()] == " ":
            at = m.end() + 1
        elif m.group(0).endswith(".") and m.end() < len(norm) and norm[m.end()].isupper():
            at = m.end()  # "M.Ansari"
        else:
            break
    while parts and (parts[-1].group(0).endswith(".") and parts[-1].group(0) not in _GENERATION or
                     parts[-1].group(0) in NAME_PARTICLES):
        parts.pop()  # an initial or a particle must be followed by the rest of the name ("Jr." ends one)
    if not parts or len(parts) == 1 and (not _FOREIGN_WORD.fullmatch(parts[0].group(0)) or
                                         parts[0].group(0) in name_lexicon().one_word_not_names):
        return None  # one word must look foreign ("Bush", "Putin"; not "Lãnh" of "Lãnh đạo", nor "Theo")
    start, end = parts[0].start(), parts[-1].end()
    end = _unglued_end(norm, start, end)
    hyphen = norm.rfind("-", start, end)
    if hyphen > start and clause_start is not None and clause_start.fullmatch(" " + norm[hyphen + 1:end]):
        end = hyphen  # "Ayumi Konishi-khi trả lời": a missing space before a Vietnamese word
    return (start, end) if acceptable_name(norm, start, end, org_starts, True) else None


# a Vietnamese word a missing space glued to a foreign name's end ("Donald Trumpcho thấy", "Errachidđề nghị"): with a
# letter no foreign name has, or (in plain letters) only when the name's part before it is written alone elsewhere
_GLUED_WORD = compile_regex(r"(?<=[a-z]{3})(đề|đã|đang|được|nói|và|là|tại|với|của|thì|sẽ|vừa|cũng|trong|cho|khi|ra)$")


def _unglued_end(norm: str, start: int, end: int) -> int:
    """The name's end without a Vietnamese word glued to it."""
    glued = _GLUED_WORD.search(norm, start, end)
    if glued is None:
        return end
    cut = glued.start()
    if glued.group(1).isascii():
        word_start = norm.rfind(" ", start, cut) + 1
        head = norm[word_start:cut]
        # (re.search, not compile_regex: a pattern per name would fill the start-up cache kept between runs)
        if not re.search(rf"(?<!\w){re.escape(head)}(?!\w)", norm):
            return end  # "Pancho": a name of its own unless "Pan" is written alone in the article
    return cut


def person_after_province(words: list[str]) -> bool:
    """Every Vietnamese province and city is listed, so after "tỉnh" or "thành phố" three or four capitalised words
    opening with a family name and naming no listed place are a person ("chi cục thú y tỉnh Mai Văn Hiệp", "UBND tỉnh
    Nguyễn Duy Hưng", "Chủ tịch HĐND thành phố Phùng Hữu Phú")."""
    return 3 <= len(words) <= 4 and words[0] in surnames() and " ".join(words) not in place_names()


def is_polite(honorific: re.Match[str]) -> bool:
    return honorific.group(0)[:-1] in name_lexicon().polite


def continues_vietnamese_name(norm: str, at: int) -> bool:
    """The capitalised word at ``at`` is the tail of a longer name: the capitalised run it ends opens with
    a surname and is no longer than a name ("Hồng Phong" of "Trường THPT chuyên Lê Hồng Phong"). A name
    may follow an organisation's own capitalised words ("Bệnh viện Bạch Mai Nguyễn Quốc Anh", "của QH
    Nguyễn Thị Hoài Thu", "Vietsovpetro Nguyễn Giao")."""
    if not inside_run(norm, at):
        return False
    run_start = at
    while inside_run(norm, run_start):
        previous = PREVIOUS_WORD.search(norm, max(0, run_start - 20), run_start - 1)
        if previous.group(0).isupper() or not VIETNAMESE_SHAPE.fullmatch(previous.group(0)):
            return False
        run_start = previous.start()
    run = capitalised_run(norm, run_start)
    return 0 < len(run) <= 4 and has_surname(norm, run)


# two to four capitalised words, a middle initial allowed ("John G. Koeltl", "George W. Bush")
# ("McMaster", "MacArthur": a capital inside the word after "Mc"/"Mac")
FOREIGN_FORM = compile_regex(r"(?:(?:Mc|Mac)?[A-Z][a-z]+(?:['’-][A-Za-z]+)? (?:[A-Z]\. )?){1,3}"
                             r"(?:Mc|Mac)?[A-Z][a-z]+(?:['’-][A-Za-z]+)?")


# a syllable Vietnamese spelling allows ("Theo", "Sau"), to tell a sentence's first word from a foreign given name
VIETNAMESE_SHAPE = compile_regex(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
                               r"[aăâeêioôơuưyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
                               r"(?:ng|nh|ch|[cmnpt])?", re.IGNORECASE)


@lru_cache(maxsize=4)
def honorific_matches(norm: str) -> list[re.Match[str]]:
    """Honorifics and degrees on a word boundary (searched once per article; a leading lookbehind in
    the pattern would make the search several times slower)."""
    return [m for m in name_lexicon().honorific_search.finditer(norm)
            if m.start() == 0 or not norm[m.start() - 1].isalnum()]


@lru_cache(maxsize=1)
def _upper_letter() -> re.Pattern[str]:
    def letters() -> str:  # a walk over 65,536 code points (~15 ms), kept per Unicode version
        return "".join(chr(c) for c in range(0x10000) if chr(c).isupper() and chr(c).isalpha())

    upper = cached(f"upper-letters:{unicodedata.unidata_version}", letters)
    return compile_regex(f"[{re.escape(upper)}]")


def capitalised_word_starts(norm: str) -> list[int]:
    """Where a capitalised word starts (not after a letter, digit or dot): a class of capital letters and
    a look at the character before is ten times faster than a lookbehind over every character."""
    out = []
    for m in _upper_letter().finditer(norm):
        at = m.start()
        if at == 0 or not (norm[at - 1].isalnum() or norm[at - 1] in "._"):
            out.append(at)
    return out


def inside_run(norm: str, at: int) -> bool:
    """True when the capitalised word at ``at`` continues a capitalised word before it ("Kim" in "Trần Kim Long")."""
    if at < 2 or norm[at - 1] != " ":
        return False
    # what PREVIOUS_WORD.search(norm, max(0, at - 20), at - 1) finds, read backwards (twice as fast; this runs at
    # every capitalised word): the letters ending before the space, or before a line break right before it
    end = at - 1 if norm[at - 2] != "\n" else at - 2
    start, floor = end, max(0, at - 20)
    while start > floor and norm[start - 1].isalnum() and not norm[start - 1].isdecimal():
        start -= 1
    return start < end and norm[start].isupper()


PREVIOUS_WORD = compile_regex(r"[^\W\d_]+$")
