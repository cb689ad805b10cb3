"""Officials: named people holding a public office, with every title the article gives them.

How a person is found (knowledge in resources/titles.yaml, surnames.yaml, organizations.yaml):

1. A chain of titles, each with its organisation, then a name: "Ủy viên Ban Chấp hành Trung ương
   Đảng, Bí thư Ban cán sự Đảng, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên". A name is a surname
   and one to three capitalised syllables; after "ông"/"bà"/"đồng chí" any two to four capitalised
   syllables ("ông Văn Dũng"); foreign office-holders may have any capitalised name ("Kofi Annan").
   A plural title lists its holders ("các Phó Thủ tướng: Trần Hồng Hà, Lê Thành Long"), or heads a list whose
   holders have offices of their own and hold the heading's too ("các đồng chí Ủy viên Bộ Chính trị: Tổng Bí
   thư Tô Lâm; …", headers.py); a degree before the name is none of it ("Giám đốc Bệnh viện X, PGS.TS Nguyễn
   Văn A").
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

The rules and vetoes named here are defined, with their examples, in resources/rules/officials.yaml;
each position carries the id of the rule that attached it (``Position.rule``).
"""

from __future__ import annotations

from dataclasses import replace

from ...document import Document
from ...layers.names import (
    capitalised_run,
    has_surname,
    inside_run,
    is_polite,
    vietnamese_name,
)
from ...model import Official, Position
from ...rules import rule_book
from .chains import (
    _last_comma_link,
    _foreign_before_titles,
    _foreign_office,
    _name_after_chain,
    _read_chain,
    _someone_elses_title,
    _trailing_chain,
)
from .aides import aide_of_leader, aide_of_person, leader_read_as_body, next_in_list
from .appositions import (
    _after_named_apposition,
    after_honorific_apposition,
    country_in_apposition,
    government_body_office,
)
from .canonical import complete_official
from .careers import career_positions
from .lexicon import _Candidate, _lexicon, _Link
from .headers import Heading, holders_in, list_heading
from .lists import (
    _deputies,
    _listed_names,
    _names_before_bracket,
    _names_sharing,
    _plural_title,
    names_sharing_appointment,
    titles_in_turn,
)
from .merging import (
    _after_sentence_opener,
    _full_name_elsewhere,
    _inside_organization,
    _dedupe,
    _merge,
    _trim_run_on_names,
)
from .place_heads import place_fragments
from .ranked import ranked_holder
from .table_rows import table_rows
from .units import body_after_name
from .vetoes import _positions, _without_private

RULES = rule_book("officials")
CHAIN_THEN_NAME = RULES.rule("title-chain-then-name")
PLURAL_LIST = RULES.rule("plural-title-list")
HEADING = RULES.rule("plural-title-heading")
SHARED_TITLE = RULES.rule("names-sharing-title")
NAME_THEN_TITLES = RULES.rule("name-then-titles")
DEPUTY = RULES.rule("deputy-with-delegation")
DEPUTY_IN_SESSION = RULES.rule("deputy-in-session")
DEPUTY_BY_WORD = RULES.rule("deputy-by-word")
APPOINTMENT_SHARED = RULES.rule("appointment-shared")
SURNAME_ELSEWHERE = RULES.rule("title-then-surname-elsewhere")
CAREER = RULES.rule("career-sentence")
BRACKET_SHARED = RULES.rule("bracket-title-shared")
TITLES_IN_TURN = RULES.rule("titles-in-turn")
ASSISTANT = RULES.veto("assistant-of-title")
OWNED_TITLE = RULES.veto("title-owns-document")
INSIDE_BODY = RULES.veto("title-inside-organization")
LEADERS_TITLE = RULES.veto("leaders-title-after-of")
AIDE_OF_LEADER = RULES.rule("aide-of-leader")
TABLE_ROW = RULES.rule("table-row")
OFFICES_BEFORE_HONORIFIC = RULES.rule("offices-before-honorific-in-list")
LISTED_BEFORE = RULES.veto("offices-of-the-next-in-list")
FOREIGN_NEEDS_FOREIGN_OFFICE = RULES.veto("foreign-name-needs-foreign-office")
COMPANY_TITLE_FOREIGN_NAME = RULES.veto("company-title-foreign-name")
PUBLICATION_NAME = RULES.veto("publication-name")
COMPANY_TITLE_BY_SURNAME = RULES.veto("company-title-by-surname")
PLURAL_TITLE_ONE_NAME = RULES.veto("plural-title-one-name")
APPOSED_OFFICES = RULES.veto("apposed-offices")
PLACE_FRAGMENT = RULES.veto("place-fragment")



def _someone_elses_office(norm: str, start: int, set_apart: bool) -> bool:
    """The title at ``start`` is someone else's office, not the named person's: after "Trợ lý", "Thư ký" … ("Trợ lý Bộ
    trưởng … Đào Việt Trung"), or after a relative's word when the name is ``set_apart`` from the title ("Phu nhân Tổng
    Bí thư Tô Lâm, bà Ngô Phương Ly"; "phu nhân Tổng thống Pháp Emmanuel Macron" names the holder)."""
    lex = _lexicon()
    before = max(0, start - 12)
    return bool(lex.not_holder_before.search(norm, before, start) or
                set_apart and lex.relative_before.search(norm, before, start))


def extract_officials(doc: Document) -> list[Official]:
    """One entry per official named in the article: fullest name, every title, every name mention."""
    norm = doc.norm
    lex = _lexicon()
    trace = doc.trace
    titles = doc.layers.titles
    org_starts = doc.layers.organizations_in_context
    candidates: dict[int, _Candidate] = {}
    private_article = bool(lex.private_context.search(norm))
    covered = -1
    by_surname: list[tuple[int, list[_Link], int]] = []  # "Chánh án Weinstein": the full name is elsewhere
    headings: list[Heading] = []  # "các đồng chí Ủy viên Bộ Chính trị: Tổng Bí thư Tô Lâm; …"
    inside_org = _inside_organization(org_starts)
    rows = table_rows(norm, titles, org_starts)  # "Ông A Bí thư Xã X Ông B Bí thư Xã Y …": each title its row's
    for name, links in rows:
        candidates[name[0]] = _Candidate(*name, _positions(doc, links, private_article, TABLE_ROW))
    # where each row's chain of titles starts and ends: read there, never again as "title then name"
    row_ends = {links[0].title.start: max(link.org_end or link.title.end for link in links)
                for _, links in rows if links}
    for start in sorted(titles):
        if start < covered:
            continue
        if start in row_ends:
            covered = row_ends[start]
            continue
        if inside_org(start):
            trace.veto(INSIDE_BODY, start, titles[start].end)
            continue  # "Phụ trách Văn phòng Tổng Bí thư Tô Ân Xô": the body's name, not his office
        aide = aide_of_leader(norm, titles[start], titles, org_starts)
        if aide is not None and aide[0] is not None:  # "Người phát ngôn của Tổng thống Putin, ông Dmitry Peskov"
            candidates.setdefault(aide[1][0], _Candidate(*aide[1])).positions.append(
                Position(aide[0].text, None, False, AIDE_OF_LEADER))
        links, end = _read_chain(norm, titles[start], titles, org_starts)
        listed = _listed_names(norm, start, end, org_starts, titles, links)
        rule = PLURAL_LIST if listed else CHAIN_THEN_NAME
        apposed = _after_named_apposition(norm, start)
        name = listed[0] if listed else _name_after_chain(norm, links, end, org_starts, after_name=apposed)
        if name is None and not listed and not apposed:
            name = ranked_holder(norm, links, end, org_starts)  # "Tư lệnh Quân khu 2, trung tướng Nguyễn Văn A"
        if name is None and not listed and not apposed:
            name = aide_of_person(norm, end, org_starts)  # "Đặc phái viên của ông Trump, ông Adam Boehler"
            rule = AIDE_OF_LEADER if name is not None else rule
        if aide is not None and name is not None and name[0] == aide[1][0]:
            trace.veto(LEADERS_TITLE, start, name[1])  # the leader's title ("Tổng thống Putin, ông Peskov"), not his
            covered = name[1]
            leader = leader_read_as_body(norm, links[-1], org_starts)
            if leader is not None:  # "với sự tham dự của Phó chủ tịch nước Trương Mỹ Hoa, bà Nguyễn Thị Bình"
                candidates[leader[0]] = _Candidate(*leader, _positions(doc, links, private_article, CHAIN_THEN_NAME))
            continue
        split = _last_comma_link(links) if name is not None and not listed and name[0] == end + 1 else 0
        if split and after_honorific_apposition(norm, start):
            trace.veto(APPOSED_OFFICES, start, links[split].title.start)
            links = links[split:]  # the offices before the last comma are the name before's
        if name is None:
            heading = None if listed else list_heading(norm, start, end, links, titles)
            if heading is not None:
                headings.append(heading)  # its holders are found with their own offices; they get its office too
                continue
            by_surname.append((start, links, end))
            if apposed:  # the whole chain is the name before's ("ông A, Chủ tịch Hội X, Phó tổng biên tập Y, bà B")
                covered = _read_chain(norm, titles[start], titles, org_starts, after_name=True)[1]
            continue
        if not listed:
            listed = _names_sharing(norm, name, titles, org_starts, plural=_plural_title(norm, start))
            rule = SHARED_TITLE if listed else rule
        written_end = name[1]
        if not listed and " " not in norm[name[0]:name[1]] and norm[name[0] - 1:name[0]] == " ":
            # "Tổng thống Ukraine Zelensky": the one name the article writes in full ("ông Volodymyr Zelensky")
            name = _full_name_elsewhere(norm, name[0] - 1, org_starts, candidates) or name
        if not listed and _plural_title(norm, start):
            trace.veto(PLURAL_TITLE_ONE_NAME, start, links[0].title.end)
            links = links[1:]  # "các Đại sứ Mỹ, Đô đốc Zumwaltz": the ambassadors are others
        covered = max((listed or [name])[-1][1], written_end)
        if _someone_elses_office(norm, start, set_apart=bool(norm[end:name[0]].strip())):
            trace.veto(ASSISTANT, start, name[1])
            leader = leader_read_as_body(norm, links[-1], org_starts) if not listed else None
            if leader is not None:  # "phu nhân Thủ tướng Phạm Minh Chính, bà Lê Thị Bích Trân": he holds the title
                candidates[leader[0]] = _Candidate(*leader, _positions(doc, links, private_article, CHAIN_THEN_NAME))
            continue  # "Trợ lý Bộ trưởng ... Đào Việt Trung": not the minister
        if not listed and _someone_elses_title(norm, start, end, name, titles, org_starts):
            trace.veto(OWNED_TITLE, start, name[1])
            candidates.setdefault(name[0], _Candidate(name[0], name[1]))  # their own titles come after the name
            continue
        if not listed and links:
            body_after_name(norm, links[-1], name[1], org_starts)
        for holder in listed or [name]:
            positions = _positions(doc, links, private_article, rule)
            positions.reverse()  # nearest the name first: the person's main office
            known = candidates.get(holder[0])
            if known is not None and known.end == holder[1]:
                known.positions.extend(positions)  # the full name, found earlier with offices of its own
            else:
                candidates[holder[0]] = _Candidate(holder[0], holder[1], positions)

    # names followed by their titles: "ông A, Giám đốc ...", "Trần Văn B (nguyên Chủ tịch ...)"
    names = {(c.start, c.end) for c in candidates.values()}
    in_turn_names: set[int] = set()
    for m in doc.layers.honorifics:
        if lex.honorific.match(norm, m.end()):
            continue  # "ông Samdech Hun Sen": the second honorific opens the name's run
        found = vietnamese_name(norm, m.end(), org_starts, honorific=is_polite(m), after_title=False)
        if found:
            names.add(found)
    foreign_found: set[tuple[int, int]] = set()
    for at in doc.layers.capitalised_starts:
        if at in candidates or inside_run(norm, at) and not _after_sentence_opener(norm, at) or \
                lex.honorific.match(norm, at) or inside_org(at):
            continue
        found = vietnamese_name(norm, at, org_starts, after_title=False)
        if found is None:
            found = _foreign_before_titles(norm, at, org_starts, rank_before=lex.rank_before)
            ranked = found is not None and bool(lex.rank_before.search(norm, max(0, at - 20), at))
            if found is not None and found not in names and not ranked:
                # not after an honorific ("ngài Tewfik Abada - quyền trưởng Đoàn ngoại giao") or a military rank
                # ("Đại tướng Tea Seiha, Phó thủ tướng, Bộ trưởng Bộ Quốc phòng": a person, whatever the office)
                foreign_found.add(found)
        if found:
            names.add(found)
    for start, end in sorted(names):
        links = _trailing_chain(norm, end, titles, org_starts, name_start=start)
        if not links:
            continue
        if (start, end) in foreign_found and lex.publication_before.search(norm, max(0, start - 16), start):
            trace.veto(PUBLICATION_NAME, start, end)
            continue  # "theo tờ Kyiv Independent, Tổng thống Ukraine, …": a newspaper's name
        if (start, end) in foreign_found and not _foreign_office(links) and not country_in_apposition(doc, end) and \
                not government_body_office(norm, links):
            trace.veto(FOREIGN_NEEDS_FOREIGN_OFFICE, start, end)
            continue  # a foreign name with no honorific holds only a foreign office ("James Wolfensohn, Chủ tịch WB")
        run = capitalised_run(norm, start)
        if run and not has_surname(norm, run) and all(l.title.title.public_only and l.kind is None for l in links) and \
                not government_body_office(norm, links):
            trace.veto(COMPANY_TITLE_FOREIGN_NAME, start, end)
            continue  # "ông Guy Lacombe, Tổng giám đốc Big C": a company title and a foreign name
        written_after_title = start in candidates and bool(candidates[start].positions)
        holder = next_in_list(norm, links, titles, org_starts, candidates) if written_after_title else None
        if holder is not None:  # "Thống đốc … Nguyễn Thị Hồng, Trợ lý Tổng Bí thư, …, ông Tô Ân Xô, Đại sứ …"
            trace.veto(LISTED_BEFORE, start, holder[1])
            candidates.setdefault(holder[0], _Candidate(*holder)).positions.extend(
                _positions(doc, links, private_article, OFFICES_BEFORE_HONORIFIC))
            continue
        in_turn = titles_in_turn(norm, start, links, org_starts)
        if in_turn is not None:  # "ông A và B (Giám đốc, Phó giám đốc Sở X)": the first title is A's
            (first_start, first_end), first_link = in_turn
            links = links[1:]
            in_turn_names.add(first_start)  # not given B's title too (bracket-title-shared) if A's is a company's
            candidates.setdefault(first_start, _Candidate(first_start, first_end)).positions.extend(
                _positions(doc, [first_link], private_article, TITLES_IN_TURN))
        positions = _positions(doc, links, private_article, NAME_THEN_TITLES)
        candidate = candidates.get(start)
        if candidate is None:
            candidates[start] = candidate = _Candidate(start, end)
        candidate.positions.extend(positions)
        if positions:  # "bầu ông A, ông B giữ chức Phó Chủ tịch": A too
            for before in names_sharing_appointment(norm, start, end, org_starts):
                if before[0] not in candidates or not candidates[before[0]].positions:
                    candidates.setdefault(before[0], _Candidate(*before)).positions.extend(
                        replace(p, rule=APPOINTMENT_SHARED) for p in positions)
        if norm.startswith(" (", end) and positions:
            for before in _names_before_bracket(norm, start, end, org_starts):
                if before[0] in in_turn_names:
                    continue
                if before[0] not in candidates or not candidates[before[0]].positions:
                    shared = [replace(p, rule=BRACKET_SHARED) for p in positions]
                    candidates.setdefault(before[0], _Candidate(*before)).positions.extend(shared)
    for start, end, position in _deputies(doc, org_starts, (DEPUTY, DEPUTY_IN_SESSION, DEPUTY_BY_WORD)):
        candidates.setdefault(start, _Candidate(start, end)).positions.append(position)
    for start, links, end in by_surname:
        if all(l.title.title.public_only and l.org_start is None for l in links):
            trace.veto(COMPANY_TITLE_BY_SURNAME, start, end)
            continue  # "Giám đốc Hải": maybe a company's; only a public office or a named body tells
        full = _full_name_elsewhere(norm, end, org_starts, candidates)
        if full is None:
            continue
        if _someone_elses_office(norm, start, set_apart=True):
            trace.veto(ASSISTANT, start, end)
            continue
        positions = _positions(doc, links, private_article, SURNAME_ELSEWHERE)
        positions.reverse()
        candidate = candidates.get(full[0])
        if candidate is None:
            candidates[full[0]] = candidate = _Candidate(full[0], full[1])
        candidate.positions.extend(positions)
    for heading in headings:
        for at in holders_in(heading, [at for at, c in candidates.items() if c.positions]):
            candidates[at].positions.extend(_positions(doc, heading.links, private_article, HEADING))
    people = [c for c in candidates.values() if c.positions]
    _trim_run_on_names(norm, people)
    fragments = place_fragments(doc, people)
    for person in fragments:
        trace.veto(PLACE_FRAGMENT, person.start, person.end)  # "Ma Thuột" of "TP Buôn Ma Thuột": a place, no person
    people = [c for c in people if c not in fragments]
    officials = _merge(doc, people, titles, org_starts)
    for official, positions in career_positions(doc, officials, titles, org_starts, private_article, CAREER):
        # "Ông là …", "Ông Thái từng giữ …"; a company job a career sentence names is dropped as everywhere else
        official.positions = _dedupe(_without_private(official.positions + positions))
        complete_official(doc, official)
    return officials
