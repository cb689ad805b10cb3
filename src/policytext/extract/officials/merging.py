"""One official per person: shorter forms of a name merged into the fullest, later mentions ("ông Diên",
"Bộ trưởng Diên") found, positions deduplicated."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ...startcache import compile_regex
from ...document import Document
from ...layers.names import (
    FOREIGN_FORM,
    NAME_PARTICLES,
    PREVIOUS_WORD,
    SYLLABLE,
    VIETNAMESE_SHAPE,
    honorific_matches,
    inside_run,
    surnames,
    vietnamese_name,
)
from ...layers.organizations import OrgMatch, organization_matches
from ...layers.places import place_names
from ...match.gazetteer import on_word_boundaries
from ...model import Official, Position
from ...text.normalize import normalize_string
from .canonical import complete_official
from .lexicon import _Candidate, _foreign_name, _lexicon
from .lists import _deputy_words
from .vetoes import _PARTY_COMMITTEES, _without_private


_GLUED_BORN = compile_regex(r"[^\W\d_]sinh(?= năm| ngày)")


def _trim_run_on_names(norm: str, people: list[_Candidate]) -> None:
    """"Bộ trưởng Bộ GD-ĐT Nguyễn Minh Hiển Trao đổi với ...": a headline runs into the first capitalised
    word of the text; the name without that word is someone found elsewhere in the article. A name glued to
    "sinh" (born) loses it."""
    names = {norm[c.start:c.end] for c in people}
    for c in people:
        name = norm[c.start:c.end]
        cut = name.rfind(" ")
        if name.count(" ") >= 2 and name[:cut] in names:
            c.end = c.start + cut
        elif c.end - c.start > 5 and _GLUED_BORN.match(norm, c.end - 5) and len(name) - cut > 5:
            c.end -= len("sinh")  # "Nguyễn Hoài Anhsinh năm 1977": the space before "sinh" lost in the crawl


_ONE_WORD = compile_regex(r" ([^\W\d_]+)(?=[ ,.;:!?)]|$)")


# a family name, then a hyphenated given name or two capitalised syllables ("Yoon Suk-yeol", "Tập Cận Bình")
_FAMILY_FIRST = compile_regex(r"(?<![\w-])(?P<family>[A-ZĐ][^\W\d_A-ZĐ]+) (?:[A-ZĐ][^\W\d_A-ZĐ]*-[a-z]+|"
                              r"[A-ZĐ][^\W\d_A-ZĐ]* [A-ZĐ][^\W\d_A-ZĐ]*)(?![\w-])")


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
        if start >= found.end() - len(word) or inside_run(norm, start) or _lexicon().honorific.match(norm, start):
            continue  # "Ông Newsom" opening a sentence: an honorific, no family name
        span = (start, found.end())
        if vietnamese_name(norm, start, org_starts, after_title=False) == span:
            forms.add(span)
        elif FOREIGN_FORM.fullmatch(norm[start:span[1]]) and \
                not VIETNAMESE_SHAPE.fullmatch(norm[start:norm.index(" ", start)]) and \
                _foreign_name(norm, start, org_starts) == span:
            forms.add(span)
    if not forms and word not in surnames():
        # "Tổng thống Yoon" for "Yoon Suk-yeol", "Chủ tịch Tập" for "Tập Cận Bình": a family name written first,
        # one no Vietnamese name opens with
        # (not a Western name whose second word is a particle: "Giáo hoàng Francis" is no "Francis De Bernardo")
        forms = {(m.start(), m.end()) for m in _FAMILY_FIRST.finditer(norm) if m.group("family") == word
                 and m.group(0).split(" ")[1].lower() not in NAME_PARTICLES
                 and m.start() not in org_starts and not _lexicon().not_name_start.match(norm, m.start())
                 and not any(m.start() <= org.start < m.end() for org in org_starts.values())}
    names = {norm[s:e] for s, e in forms}
    if len(names) != 1:
        return None
    return min(forms)


def _inside_organization(org_starts: dict[int, OrgMatch]):
    """A test for positions inside an organisation's name ("Hà Tiên" in "Thị ủy Hà Tiên")."""
    starts = sorted(org_starts)
    ends = [org_starts[s].end for s in starts]

    def inside(at: int) -> bool:
        i = bisect.bisect_right(starts, at) - 1
        return i >= 0 and starts[i] < at < ends[i]

    return inside


_CITY_ABBREVIATION = compile_regex(r"(?<!\w)(?:TP|Tp|T\.P)\.$")


def _named_after(norm: str, start: int, end: int) -> bool:
    """The name at ``start`` names a place or a body after the person: "TP Hồ Chí Minh", "TP.Hồ Chí Minh",
    "Bảo tàng Hồ Chí Minh", "đường Lê Lợi" are no mentions of them ("Môi trường Mai Ái Trực" still is: the
    body words count capitalised, streets and bridges in lower case too)."""
    lex = _lexicon()
    before = max(0, start - 14)
    if norm[start:end] in place_names() and (lex.place_before.search(norm, before, start) or
                                             _CITY_ABBREVIATION.search(norm, before, start)):
        return True
    word = lex.name_not_after.search(norm, before, start)
    return bool(word) and (word.group(0)[0].isupper() or word.group(0).startswith(_STREET_WORDS))


_STREET_WORDS = ("đường", "phố", "cầu")


_SENTENCE_START = compile_regex(r"(?:^|[.!?:\n\"“]\s*|\s[-–]\s)$")


def _after_sentence_opener(norm: str, at: int) -> bool:
    """"Theo Nguyễn Thị Liên, Hiệu trưởng ...": the capitalised word before the name only opens the sentence."""
    before = PREVIOUS_WORD.search(norm, max(0, at - 20), at - 1)
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
    # a body's own name may hold a person's ("Đoàn Thanh niên Cộng sản Hồ Chí Minh"); a local body's place
    # read by the organisation layer may be a person's name ("Chủ tịch UBND tỉnh Hồ Văn Mười")
    inside_body = _inside_organization({at: org for at, org in org_starts.items() if org.kind != "local"})
    for name, _, spans in people:
        for start in _occurrences(norm, name):  # plain text: str.find, no pattern compiled per name
            end = start + len(name)
            if on_word_boundaries(norm, start, end) and not _inside(start, end, spans) and \
                    not inside_body(start) and not _named_after(norm, start, end):
                spans.add((start, end))
    _short_mentions(norm, people, titles, org_starts)
    officials = []
    for name, positions, spans in people:
        positions = _without_private(positions)
        if not positions:
            continue
        first_full = min((s for s in spans if norm[s[0]:s[1]] == name), key=lambda s: s[0])
        positions = _dedupe(_committee_and_place(positions))
        officials.append(Official(name=doc.span(*first_full).text, positions=positions,
                                  mentions=[doc.span(s, e) for s, e in sorted(spans)], rule=positions[0].rule))
        complete_official(doc, officials[-1])  # title_norm, organization_canonical, offsets
    return officials


_WORD_AFTER = compile_regex(r" ([^\W\d_]+)(?!\w)")


def _short_mentions(norm: str, people, titles, org_starts) -> None:
    """"ông Diên", "Bộ trưởng Diên": the last syllable of exactly one known name, standing alone (not
    "Chính" of "Thủ tướng Chính phủ" in an article about Phạm Minh Chính)."""
    by_last: dict[str, list[int]] = {}
    for i, (name, _, _) in enumerate(people):
        by_last.setdefault(name.split()[-1], []).append(i)
    openings = [m.end() - 1 for m in honorific_matches(norm)] + [t.end for t in titles.values()] + \
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


def _words(text: str | None) -> frozenset[str]:
    return frozenset(SYLLABLE.findall((text or "").casefold())) - {"và"}


@lru_cache(maxsize=512)
def _whole_match(organization: str | None):
    """The organisation layer's one match covering the whole of an organisation as written, or None."""
    if not organization:
        return None
    norm = normalize_string(organization)
    found = organization_matches(norm, context=True)
    return found[0] if len(found) == 1 and found[0].start == 0 and found[0].end == len(norm) else None


def _gazetteer_name(organization: str | None) -> str | None:
    """The gazetteer's name of an organisation written in full by one of its spellings ("QH" -> "Quốc hội")."""
    match = _whole_match(organization)
    if match is None:
        return None
    return match.name if match.kind != "ministry_field" else "Bộ " + match.name


def _listed_body(organization: str | None) -> str | None:
    """The gazetteer's name of an organisation it lists by name (not a local body made of an administrative
    word and a place, which may be written without the place: "Tỉnh ủy", "Công an tỉnh")."""
    match = _whole_match(organization)
    return match.name if match is not None and match.kind != "local" else None


def _listed_apart(one: str | None, other: str | None) -> bool:
    """Two bodies the gazetteer lists under different names, neither written inside the other (which would be
    one body written more fully: "Bộ Quốc phòng", "Bộ Quốc phòng Ukraine")."""
    listed, listed_other = _listed_body(one), _listed_body(other)
    if listed is None or listed_other is None or listed == listed_other:
        return False
    a, b = normalize_string(one).casefold(), normalize_string(other).casefold()
    return a not in b and b not in a


def _committee_and_place(positions: list[Position]) -> list[Position]:
    """One office written as "Bí thư Tỉnh ủy" and elsewhere "Bí thư Đắk Lắk" is "Tỉnh ủy Đắk Lắk" (the
    officials gold's decision D2): a bare Party committee takes the place another wording of the title gives."""
    places = _lexicon().places
    out = list(positions)
    for p in positions:
        if p.organization is None or normalize_string(p.organization).casefold() not in _PARTY_COMMITTEES:
            continue
        q = next((q for q in out if q is not p and q.title.casefold() == p.title.casefold() and
                  q.organization in places), None)
        if q is not None:
            p.organization = f"{p.organization} {q.organization}"
            out.remove(q)
    return out


def _occurrences(text: str, needle: str):
    """Where ``needle`` occurs in ``text``, left to right, without overlaps (as re.finditer of it would)."""
    at = text.find(needle)
    while at >= 0 and needle:
        yield at
        at = text.find(needle, at + len(needle))


def _dedupe(positions: list[Position]) -> list[Position]:
    """One position per office: the same title with an organisation written more fully elsewhere
    ("Bộ Nông nghiệp phát triển nông thôn" / "... và Phát triển nông thôn", or none) keeps the fullest;
    two spellings of one gazetteer body ("Quốc hội", "QH") keep the first; two bodies the gazetteer lists
    apart, neither written inside the other, are two offices whatever words they share."""
    out: list[Position] = []
    for p in positions:
        title, words = p.title.casefold(), _words(p.organization)
        for i, kept in enumerate(out):
            if kept.title.casefold() != title:
                continue
            if _listed_apart(kept.organization, p.organization):
                continue  # "Trung ương Đảng", "Đảng ủy Mặt trận Tổ quốc các đoàn thể Trung ương": two offices
            known, known_here = _gazetteer_name(kept.organization), _gazetteer_name(p.organization)
            kept_words = _words(kept.organization)
            if words <= kept_words:
                break
            if kept_words <= words:
                out[i] = p
                break
            if known is not None and known == known_here:
                break
        else:
            out.append(p)
    return out
