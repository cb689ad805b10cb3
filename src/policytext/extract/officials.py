"""Officials: named people holding a public office, with every title the article gives them.

How a person is found (resources/titles.yaml, surnames.yaml, organizations.yaml):

1. A chain of titles, each with its organisation, then a name: "Ủy viên Ban Chấp hành Trung ương
   Đảng, Bí thư Ban cán sự Đảng, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên". A name is a surname
   and one to three capitalised syllables (foreign office-holders may have any capitalised name).
2. A name followed by its titles: "ông Nguyễn Văn A, Giám đốc Sở Tài chính".
3. Later mentions of someone already found: the full name anywhere, and the last syllable of the
   name after an honorific or a title ("ông Diên", "Bộ trưởng Diên").

Decisions (see the report in the module's tests for examples):
- Mentions are name spans: "Nguyễn Hồng Diên" in "Bộ trưởng Nguyễn Hồng Diên", "Diên" in "ông Diên".
- ``positions`` come nearest-to-the-name first (the office right before the name is the person's
  main one, as in RECORD.md's example), then in the order later mentions add them. A title also
  given with an organisation drops its bare repetition.
- A former or acting office keeps the modifier in the title, lower case: "nguyên Bộ trưởng",
  "quyền Bộ trưởng" (filter with ``title.startswith("nguyên ")``).
- "Ban cán sự Đảng" and "Đảng đoàn" are completed with the ministry or body named in the same
  chain: "Bí thư Ban cán sự Đảng, Bộ trưởng Bộ Công Thương" -> "Ban cán sự Đảng Bộ Công Thương".
- Titles also used in private companies (Giám đốc, Chủ tịch HĐQT ...) count only with a public
  organisation; a title with no organisation keeps ``organization=None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import ahocorasick

from ..document import Document
from ..model import Official, Position, Span
from ..resources import load_yaml
from ..text.normalize import normalize_string
from .organizations import OrgMatch, _lower, organization_entry, organization_matches, surnames

_PUBLIC_KINDS = {"state", "party", "ministry", "agency", "court", "mass", "state_group", "international",
                 "local", "department", "country", "ministry_field"}
# orgs a "Ban cán sự Đảng" / "Đảng đoàn" in the same chain belongs to
_PARENT_KINDS = {"ministry", "state", "agency", "court", "mass"}


@dataclass(frozen=True, slots=True)
class _Title:
    title: str
    organization: str | None = None
    org_prefix: str | None = None
    needs_org: bool = False
    public_only: bool = False
    alone_ok: bool = False
    foreign: bool = False
    minister: bool = False  # "Bộ trưởng Tài chính": a bare ministry field follows


@dataclass(slots=True)
class _Lexicon:
    titles: ahocorasick.Automaton
    kept_modifiers: re.Pattern[str]
    suffix: re.Pattern[str]
    honorifics: frozenset[str]
    not_names: frozenset[str]
    places: frozenset[str]
    private_heads: re.Pattern[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_yaml("titles.yaml")
    automaton = ahocorasick.Automaton()
    for item in data["titles"]:
        canonical = normalize_string(item["title"])
        spellings = [normalize_string(s) for s in item.get("match", [item["title"]])]
        base = _Title(
            title=canonical,
            organization=normalize_string(item["organization"]) if item.get("organization") else None,
            org_prefix=normalize_string(item["org_prefix"]) if item.get("org_prefix") else None,
            needs_org=bool(item.get("needs_org")),
            public_only=bool(item.get("public_only")),
            alone_ok=bool(item.get("alone_ok")),
            foreign=bool(item.get("foreign")),
            minister=canonical in ("Bộ trưởng", "Thứ trưởng"),
        )
        variants = [(spellings, base)]
        if item.get("deputy"):
            deputy = _Title(**{**{f: getattr(base, f) for f in base.__slots__}, "title": "Phó " + canonical})
            variants.append((["Phó " + s for s in spellings], deputy))
        for words, title in variants:
            for spelling in words:
                key = _lower(spelling)
                if key not in automaton:
                    automaton.add_word(key, (len(spelling), title))
    automaton.make_automaton()
    org_data = load_yaml("organizations.yaml")
    places = {normalize_string(p) for p in org_data["places"]} | {normalize_string(c) for c in org_data["countries"]}
    kept = "|".join(re.escape(normalize_string(m)) for m in data["kept_modifiers"])
    suffixes = "|".join(re.escape(normalize_string(s)) for s in data["suffixes"])
    heads = "|".join(re.escape(normalize_string(h)) for h in sorted(data["private_org_heads"], key=len, reverse=True))
    return _Lexicon(
        titles=automaton,
        kept_modifiers=re.compile(rf"(?:^|(?<=[\s(\"“,]))({kept}) $", re.IGNORECASE),
        suffix=re.compile(rf" ({suffixes})(?!\w)", re.IGNORECASE),
        honorifics=frozenset(normalize_string(h) for h in data["honorifics"]),
        not_names=frozenset(normalize_string(n) for n in data["not_names"]),
        places=frozenset(places),
        private_heads=re.compile(rf"(?:{heads})(?!\w)", re.IGNORECASE),
    )


@dataclass(frozen=True, slots=True)
class _TitleMatch:
    start: int
    end: int
    title: _Title
    text: str  # reported title (modifiers and suffix included)


@dataclass(slots=True)
class _Candidate:
    name: str
    start: int
    end: int
    positions: list[Position] = field(default_factory=list)


# a capitalised syllable (Vietnamese or Latin), and foreign name parts ("W.", "Ban Ki-moon", "O'Neill")
_SYLLABLE = re.compile(r"[^\W\d_][^\W_]*")
_FOREIGN_PART = re.compile(r"[^\W\d_](?:[^\W_]|['’-][^\W\d_])*\.?")
_SEPARATOR = re.compile(r"\s*(?:,|;|\bkiêm\b|\bđồng thời là\b|-|–)\s*")
_AFTER_NAME = re.compile(r"\s*(?:,|-|–|\()\s*")
_TAI = re.compile(r" tại ")


def _is_boundary(norm: str, start: int, end: int) -> bool:
    before = start == 0 or not norm[start - 1].isalnum()
    after = end >= len(norm) or not norm[end].isalnum()
    return before and after


def _title_matches(norm: str) -> dict[int, _TitleMatch]:
    """Titles on word boundaries, longest at each start, with kept modifiers and suffixes joined."""
    lex = _lexicon()
    best: dict[int, tuple[int, _Title]] = {}
    for last, (length, title) in lex.titles.iter(_lower(norm)):
        end = last + 1
        start = end - length
        if not _is_boundary(norm, start, end):
            continue
        if start not in best or best[start][0] < end:
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
            text = f"{text} {suffix.group(1)[0].upper()}{suffix.group(1)[1:]}"
        modifier = lex.kept_modifiers.search(norm, max(0, start - 8), start)
        if modifier:
            text = f"{modifier.group(1).lower()} {text}"
        out[start] = _TitleMatch(start, end, title, text)
        covered = end
    return out


def _capitalised_run(norm: str, pos: int, limit: int = 6) -> list[tuple[int, int]]:
    """Capitalised syllables from ``pos``, one space apart: their spans."""
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
    return run


def _surname_length(norm: str, run: list[tuple[int, int]], i: int) -> int:
    """1 or 2 if the run has a (one- or two-syllable) surname at ``i``, else 0."""
    names = surnames()
    if i + 1 < len(run) and norm[run[i][0]:run[i + 1][1]] in names:
        return 2
    return 1 if norm[run[i][0]:run[i][1]] in names else 0


def _acceptable_name(norm: str, start: int, end: int, org_starts: dict[int, OrgMatch]) -> bool:
    lex = _lexicon()
    text = norm[start:end]
    if any(text.startswith(word) and (len(text) == len(word) or text[len(word)] == " ")
           for word in lex.not_names | lex.places):
        return False
    return start not in org_starts or org_starts[start].kind in ("ministry_field",)


def _vietnamese_name(norm: str, pos: int, org_starts: dict[int, OrgMatch]) -> tuple[int, int] | None:
    """A name right at ``pos``: surname and 1-3 more capitalised syllables, the whole capitalised run."""
    run = _capitalised_run(norm, pos)
    if len(run) < 2 or not _surname_length(norm, run, 0) or len(run) > 4:
        return None
    start, end = run[0][0], run[-1][1]
    return (start, end) if _acceptable_name(norm, start, end, org_starts) else None


def _foreign_name(norm: str, pos: int, org_starts: dict[int, OrgMatch]) -> tuple[int, int] | None:
    parts: list[re.Match[str]] = []
    at = pos
    while len(parts) < 4:
        m = _FOREIGN_PART.match(norm, at)
        if not m or not m.group(0)[0].isupper():
            break
        parts.append(m)
        if m.end() < len(norm) and norm[m.end()] == " ":
            at = m.end() + 1
        else:
            break
    while parts and parts[-1].group(0).endswith(".") and len(parts[-1].group(0)) > 2:
        parts.pop()  # a sentence end, not an initial
    if not parts:
        return None
    start, end = parts[0].start(), parts[-1].end()
    if norm[end - 1] == "." and len(parts) == 1:
        return None
    return (start, end) if _acceptable_name(norm, start, end, org_starts) else None


def _name_in_tail(norm: str, pos: int, org_starts) -> tuple[int, int, int] | None:
    """An unknown organisation followed by a name, within the clause: (org_end, name_start, name_end)."""
    limit = min(len(norm), pos + 120)
    clause_end = pos
    while clause_end < limit and norm[clause_end] not in ",.;:!?()\"“”\n":
        clause_end += 1
    best: tuple[int, int, int] | None = None
    best_rank = 99
    for m in _SYLLABLE.finditer(norm, pos, clause_end):
        if m.start() == pos or not m.group(0)[0].isupper():
            continue
        run = _capitalised_run(norm, m.start())
        if not run or run[-1][1] > clause_end or not _surname_length(norm, run, 0):
            continue
        after = run[-1][1]
        if after < clause_end and norm[after] == " " and _SYLLABLE.match(norm, after + 1) and \
                norm[after + 1].isupper():
            continue  # the capitalised run goes on past the limit of _capitalised_run
        rank = {3: 0, 2: 1, 4: 2}.get(len(run), 99)
        if rank < best_rank and norm[pos:m.start()].strip() and \
                _acceptable_name(norm, run[0][0], after, org_starts):
            prev = norm[:m.start()].rstrip()
            best, best_rank = (len(prev), run[0][0], after), rank
        if best is not None and best_rank == 0:
            break
    return best


@dataclass(slots=True)
class _Chain:
    positions: list[Position]
    end: int
    foreign: bool
    valid: bool
    kinds: list[str | None]


def _organization_after(norm: str, title: _TitleMatch, org_starts: dict[int, OrgMatch]) -> tuple[OrgMatch | None, int]:
    """The known organisation a title names (right after it, or begun inside it), and where it ends."""
    t = title.title
    if t.org_prefix is not None:
        inner = org_starts.get(title.end - len(t.org_prefix))
        if inner is not None and inner.end > title.end:
            return inner, inner.end
    if title.end < len(norm) and norm[title.end] == " ":
        org = org_starts.get(title.end + 1)
        if org is not None and (org.kind != "ministry_field" or t.minister):
            if org.kind == "ministry_field":
                org = OrgMatch(org.start, org.end, org.name, "ministry")
            return org, org.end
    return None, title.end


def _read_chain(norm: str, title: _TitleMatch, titles: dict[int, _TitleMatch],
                org_starts: dict[int, OrgMatch]) -> tuple[_Chain, _TitleMatch]:
    """Titles joined by commas or "kiêm", each with its organisation; stops before what follows."""
    lex = _lexicon()
    positions: list[Position] = []
    kinds: list[str | None] = []
    foreign = False
    valid = True
    current = title
    while True:
        t = current.title
        org, end = _organization_after(norm, current, org_starts)
        organization = t.organization
        kind = None
        if org is not None:
            organization, kind = org.name, org.kind
            if t.org_prefix and not organization.lower().startswith(t.org_prefix.lower()):
                organization = f"{t.org_prefix} {organization}"
            tai = _TAI.match(norm, end)
            if kind == "country" and tai and org_starts.get(tai.end()) is not None:
                end = org_starts[tai.end()].end  # "Đại sứ Việt Nam tại Nhật Bản": the sending country
        elif t.org_prefix and t.organization is None:
            organization = None
        foreign = foreign or t.foreign or kind in ("country", "international")
        positions.append(Position(current.text, organization))
        kinds.append(kind)
        nxt = _SEPARATOR.match(norm, end)
        following = titles.get(nxt.end()) if nxt else None
        if following is None and nxt:
            modifier = re.match(r"(nguyên|cựu|quyền) ", norm[nxt.end():nxt.end() + 8], re.IGNORECASE)
            if modifier:
                following = titles.get(nxt.end() + modifier.end())
        if following is None:
            return _Chain(positions, end, foreign, valid, kinds), current
        current = following


def _position_ok(position: Position, kind: str | None, title: _Title, lex: _Lexicon) -> bool:
    if position.organization is None:
        return not title.needs_org and (not title.public_only or title.alone_ok)
    if kind is None and title.public_only:
        return not lex.private_heads.match(position.organization)
    return True


def _complete_party_bodies(positions: list[Position], kinds: list[str | None]) -> None:
    """"Bí thư Ban cán sự Đảng, Bộ trưởng Bộ Công Thương": the Party body of that ministry."""
    parent = next((p.organization for p, k in zip(positions, kinds) if k in _PARENT_KINDS), None)
    if parent is None:
        return
    for i, position in enumerate(positions):
        entry = organization_entry(position.organization or "")
        if entry is not None and entry.incomplete:
            positions[i] = Position(position.title, f"{position.organization} {parent}")


def _chain_before_name(norm: str, start: int, titles: dict[int, _TitleMatch], org_starts: dict[int, OrgMatch]):
    """Read a title chain starting at ``start`` and the name after it: (chain, name span) or None."""
    lex = _lexicon()
    chain, last = _read_chain(norm, titles[start], titles, org_starts)
    pos = chain.end
    honorific = re.match(r",?\s*(?:(ông|bà|đồng chí|Ông|Bà|Đồng chí|ngài|Ngài)\s+)?", norm[pos:pos + 14])
    name_pos = pos + honorific.end() if honorific else pos
    if name_pos == pos and not norm[pos:pos + 1] == " ":
        return None
    if name_pos == pos:
        name_pos = pos + 1
    name = _vietnamese_name(norm, name_pos, org_starts)
    if name is None and chain.foreign:
        name = _foreign_name(norm, name_pos, org_starts)
    if name is None and norm[pos:pos + 1] == " ":
        # an organisation the gazetteer does not know: "Giám đốc Bệnh viện Bạch Mai Nguyễn Quốc Anh"
        positioned = last.title
        if chain.kinds[-1] is None and last.title.organization is None:
            tail = _name_in_tail(norm, pos + 1, org_starts)
            if tail is not None:
                org_end, name_start, name_end = tail
                organization = norm[pos + 1:org_end]
                if positioned.org_prefix and not organization.lower().startswith(positioned.org_prefix.lower()):
                    organization = f"{positioned.org_prefix} {organization}"
                chain.positions[-1] = Position(chain.positions[-1].title, organization)
                name = (name_start, name_end)
    if name is None:
        return None
    return chain, name


def _chain_after_name(norm: str, name_end: int, titles: dict[int, _TitleMatch], org_starts) -> _Chain | None:
    """"Nguyễn Văn A, Giám đốc Sở Tài chính": titles right after a name (not another person's)."""
    sep = _AFTER_NAME.match(norm, name_end)
    if not sep:
        return None
    at = sep.end()
    modifier = re.match(r"(nguyên|cựu|quyền|tân) ", norm[at:at + 8], re.IGNORECASE)
    title = titles.get(at) or (titles.get(at + modifier.end()) if modifier else None)
    if title is None:
        return None
    if _chain_before_name(norm, title.start, titles, org_starts) is not None:
        return None  # the titles belong to the next person named
    chain, _ = _read_chain(norm, title, titles, org_starts)
    return chain


def _valid_positions(chain: _Chain, titles_in_chain: list[_Title]) -> list[Position]:
    lex = _lexicon()
    return [p for p, k, t in zip(chain.positions, chain.kinds, titles_in_chain) if _position_ok(p, k, t, lex)]


def _chain_titles(norm: str, first: _TitleMatch, titles: dict[int, _TitleMatch], org_starts) -> list[_Title]:
    out = []
    current = first
    while True:
        out.append(current.title)
        _, end = _organization_after(norm, current, org_starts)
        nxt = _SEPARATOR.match(norm, end)
        following = titles.get(nxt.end()) if nxt else None
        if following is None and nxt:
            modifier = re.match(r"(nguyên|cựu|quyền) ", norm[nxt.end():nxt.end() + 8], re.IGNORECASE)
            if modifier:
                following = titles.get(nxt.end() + modifier.end())
        if following is None:
            return out
        current = following


def _published(doc: Document) -> date | None:
    return doc.published.date() if isinstance(doc.published, datetime) else doc.published


def extract_officials(doc: Document) -> list[Official]:
    """One entry per official named in the article, fullest name, all titles, every name mention."""
    norm = doc.norm
    titles = _title_matches(norm)
    org_starts = {m.start: m for m in organization_matches(norm, _published(doc), context=True)}
    candidates: list[_Candidate] = []
    consumed_titles: set[int] = set()
    for start in sorted(titles):
        if start in consumed_titles:
            continue
        found = _chain_before_name(norm, start, titles, org_starts)
        if found is None:
            continue
        chain_titles = _chain_titles(norm, titles[start], titles, org_starts)
        chain, (name_start, name_end) = found
        for t in titles.values():
            if start <= t.start < chain.end:
                consumed_titles.add(t.start)
        positions = _valid_positions(chain, chain_titles)
        if not positions:
            continue
        _complete_party_bodies(positions, chain.kinds)
        positions.reverse()  # nearest the name first: the person's main office
        candidates.append(_Candidate(norm[name_start:name_end], name_start, name_end, positions))

    # names followed by their titles, and titles again after a titled name
    for candidate in list(candidates):
        after = _chain_after_name(norm, candidate.end, titles, org_starts)
        if after is not None:
            first = titles.get(min(t for t in titles if t >= candidate.end))
            extra = _valid_positions(after, _chain_titles(norm, first, titles, org_starts)) if first else []
            _complete_party_bodies(extra, after.kinds)
            candidate.positions.extend(extra)
    for name_start, name_end in _honorific_names(norm, org_starts):
        if any(c.start == name_start for c in candidates):
            continue
        after = _chain_after_name(norm, name_end, titles, org_starts)
        if after is None:
            continue
        first = titles.get(min(t for t in titles if t >= name_end))
        positions = _valid_positions(after, _chain_titles(norm, first, titles, org_starts)) if first else []
        _complete_party_bodies(positions, after.kinds)
        if positions:
            candidates.append(_Candidate(norm[name_start:name_end], name_start, name_end, positions))
    return _merge(doc, candidates, titles, org_starts)


_HONORIFIC_NAME = re.compile(r"(?<!\w)(?:ông|bà|đồng chí|Ông|Bà|Đồng chí) (?=[^\W\d_])")


def _honorific_names(norm: str, org_starts) -> list[tuple[int, int]]:
    out = []
    for m in _HONORIFIC_NAME.finditer(norm):
        name = _vietnamese_name(norm, m.end(), org_starts)
        if name is not None:
            out.append(name)
    # a name opening a sentence or a line, followed by its titles
    for m in re.finditer(r"(?:^|(?<=[\n.!?] )|(?<=\n))(?=[^\W\d_])", norm):
        name = _vietnamese_name(norm, m.end(), org_starts)
        if name is not None:
            out.append(name)
    return out


def _merge(doc: Document, candidates: list[_Candidate], titles: dict[int, _TitleMatch], org_starts) -> list[Official]:
    """One Official per person: same name, or a shorter form of a longer name; then later mentions."""
    norm = doc.norm
    people: list[tuple[str, list[Position], set[tuple[int, int]]]] = []
    for candidate in sorted(candidates, key=lambda c: -len(c.name.split())):
        for i, (name, positions, spans) in enumerate(people):
            if _same_person(candidate.name, name):
                positions.extend(candidate.positions)
                spans.add((candidate.start, candidate.end))
                break
        else:
            people.append((candidate.name, list(candidate.positions), {(candidate.start, candidate.end)}))
    people.sort(key=lambda person: min(person[2]))
    last_syllables: dict[str, list[int]] = {}
    for i, (name, _, _) in enumerate(people):
        last_syllables.setdefault(name.split()[-1], []).append(i)
    for i, (name, _, spans) in enumerate(people):
        for m in re.finditer(re.escape(name), norm):
            if _is_boundary(norm, m.start(), m.end()) and not _inside(m.start(), m.end(), spans):
                spans.add((m.start(), m.end()))
    # "ông Diên", "Bộ trưởng Diên": the last syllable of one known name, alone
    short = re.compile(r"(?<!\w)(?:ông|bà|đồng chí|Ông|Bà|Đồng chí|ngài|Ngài) ([^\W\d_]\w*)(?!\w)(?! [^\W\d_]*[A-ZĐ])")
    openings = [(m.start(1), m.end(1)) for m in short.finditer(norm)]
    for t in titles.values():
        m = re.compile(r" ([^\W\d_]\w*)(?!\w)").match(norm, t.end)
        if m:
            openings.append((m.start(1), m.end(1)))
    for start, end in openings:
        word = norm[start:end]
        if not word[0].isupper() or word not in last_syllables or len(last_syllables[word]) != 1:
            continue
        if end < len(norm) - 1 and norm[end] == " " and norm[end + 1].isupper():
            continue  # more name follows: not a short form
        spans = people[last_syllables[word][0]][2]
        if not _inside(start, end, spans):
            spans.add((start, end))
    officials = []
    for name, positions, spans in people:
        # the name in normalised form (NFC, one tone style) so one person groups across articles
        officials.append(Official(name=name, positions=_dedupe(positions),
                                  mentions=[doc.span(s, e) for s, e in sorted(spans)]))
    return officials


def _inside(start: int, end: int, spans: set[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _same_person(short: str, full: str) -> bool:
    """"Nguyễn Diên" or "Nguyễn Hồng Diên" for "Nguyễn Hồng Diên": same surname and given name."""
    if short == full:
        return True
    a, b = short.split(), full.split()
    return len(a) >= 2 and a[0] == b[0] and a[-1] == b[-1] and all(x in b for x in a)


def _dedupe(positions: list[Position]) -> list[Position]:
    with_org = {p.title for p in positions if p.organization}
    seen: set[tuple[str, str | None]] = set()
    out = []
    for p in positions:
        key = (p.title, p.organization)
        if key in seen or (p.organization is None and p.title in with_org):
            continue
        seen.add(key)
        out.append(p)
    return out
