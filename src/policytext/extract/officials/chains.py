"""Chains of titles and the person they name: "Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Đinh Tiến Dũng"
(titles, then the name) and "ông A, Giám đốc Sở Tài chính" (the name, then its titles)."""

from __future__ import annotations

from ...startcache import compile_regex
from ...layers.names import (
    FOREIGN_FORM,
    NAME_PARTICLES,
    SYLLABLE,
    VIETNAMESE_SHAPE,
    acceptable_name,
    capitalised_run,
    common_surnames,
    continues_vietnamese_name,
    glued_run,
    has_surname,
    is_polite,
    person_after_province,
    vietnamese_name,
    without_title_opener,
)
from ...layers.places import country_name, glued_country
from .appositions import HONORIFIC_JUST_BEFORE
from .foreign_bodies import _closes_with_country, _foreign_after_body
from .name_shapes import _listed_foreign_name, _looks_foreign, _vietnamese_words, initials_name
from .place_heads import _place_before_name, district_before_province, place_comma_name, starts_inside_place
from ...layers.titles import (
    TitleMatch,
    holds_title,
    title_at,
    trailing_rank,
)
from .lexicon import (
    SAYING_VERBS,
    _AFTER_NAME,
    _APPOINTED,
    _BEFORE_NAME,
    _BRACKET_LEAD,
    _CLAUSE_END,
    _SEPARATOR,
    _foreign_name,
    _lexicon,
    _Link,
    officials_pattern,
)
from .units import (
    ACRONYM_IN_BRACKETS,
    _before_dashed_clause,
    _before_someone_else,
    _generic_org,
    _joined_tail,
    _known_org_after,
    _may_open_organization,
    _names_someone,
    _set_generic,
    _through_comma_to_parent,
    listed_place_end,
    parent_after_comma,
    past_portfolio,
)


def _read_chain(norm: str, first: TitleMatch, titles, org_starts,
                after_name: bool = False) -> tuple[list[_Link], int]:
    """Titles joined by commas or "kiêm", each with its organisation: the links and where they end.

    ``after_name``: the person is already named, so an organisation the gazetteer does not know may sit
    between two titles ("Nguyễn Tân Cương, Tổng Tham mưu trưởng Quân đội nhân dân Việt Nam, Thứ trưởng
    Bộ Quốc phòng"); before the name it could swallow the name, so there only one closing with a foreign
    country may ("Tổng Bí thư Đảng Cộng sản Trung Quốc, Chủ tịch nước Trung Quốc Tập Cận Bình")."""
    links: list[_Link] = []
    current = first
    after_kiem = False
    while True:
        link = _Link(current, after_kiem=after_kiem)
        end = _known_org_after(norm, link, org_starts)
        links.append(link)
        if link.org_start is None and not current.title.organization and not current.title.rank \
                and norm[end:end + 1] == " ":
            generic = _generic_org(norm, end + 1, link)
            if generic is not None and not after_name and not _closes_with_country(generic[1], org_starts):
                generic = None  # before the name only a foreign body may: "Đảng Cộng sản Trung Quốc"
            if generic is not None and vietnamese_name(norm, generic[0], org_starts, after_title=False) is None:
                separator = _SEPARATOR.match(norm, generic[1])
                following = title_at(norm, separator.end(), titles) if separator else None
                # "..., Chánh văn phòng Cơ quan CSĐT, thiếu tá Phạm Đình Thi": a rank opens the next person
                if following is not None and not following.title.rank and \
                        not _names_someone(norm, generic[0], generic[1], org_starts):
                    _set_generic(link, *generic)
                    end = generic[1]
        renamed = _RENAMED_ASIDE.match(norm, end)  # "Đảng ủy Quân sự Trung ương (nay là Quân ủy Trung ương), …"
        separator = _SEPARATOR.match(norm, renamed.end() if renamed else end)
        following = title_at(norm, separator.end(), titles) if separator else None
        if separator is None and after_name and link.org_start is None and norm.startswith(" và ", end):
            # "Đỗ Tố và Lê Minh Dũng, Chủ tịch và Phó chủ tịch UBND huyện": after a name, titles joined by "và" share
            # the body written after the last (rule titles-in-turn gives them to two names in turn); not a rank, which
            # opens the next person ("Phó giám đốc và trung tá Nguyễn Đình Lập, …")
            joined = title_at(norm, end + len(" và "), titles)
            if joined is not None and not joined.title.rank:
                separator, following = _AND.match(norm, end), joined
        if following is None or following.start <= current.start or current.title.sole or following.title.sole:
            return links, end  # "Sau cuộc gặp với Giáo hoàng, Tổng thống Zelensky": two people, no chain
        current = following
        after_kiem = "kiêm" in separator.group(0)


_AND = compile_regex(r" và ")


# a body's later or earlier name in brackets after it: the chain goes on past it
_RENAMED_ASIDE = compile_regex(r" \((?:nay là|nay|trước đây là|trước là|sau này là|sau là)(?!\w)[^()\n]{0,80}\)")


_HOME_COUNTRY = compile_regex(r" (?:Việt Nam|VN)(?= [A-ZĐ])")
_HOME_BODIES = frozenset({"ministry", "state", "agency", "court", "party", "mass"})
# words between an office and its holder that point back to a country named before: no body of their own
_POINTING_COUNTRY = compile_regex(r" (?:nước này|quốc gia này|nước bạn|nước láng giềng này)(?!\w)")


def _name_after_chain(norm: str, links: list[_Link], end: int, org_starts,
                      after_name: bool = False) -> tuple[int, int] | None:
    """The person a title chain names: right after it, after an honorific, or after an unknown organisation.

    ``after_name``: the chain is in apposition to a name before it, so a comma and a name with no honorific
    after the chain start another person ("qua ông Trần Kim Long, Chủ tịch UBND quận Gò Vấp, Lê Minh Châu")."""
    lex = _lexicon()
    pos = _past_posting(norm, links[-1], end, org_starts)
    home = _HOME_COUNTRY.match(norm, pos) if links[-1].org_end == pos and links[-1].kind in _HOME_BODIES else None
    if home is not None:  # "Bộ trưởng Bộ Ngoại giao Việt Nam Bùi Thanh Sơn": the country is the body's, the name next
        links[-1].org_end = pos = home.end()
    pointing = _POINTING_COUNTRY.match(norm, pos)  # "Thủ tướng nước này Benjamin Netanyahu" (no body: decision X1)
    if pointing:
        pos = pointing.end()
    if links[-1].kind in ("country", "international", "foreign") and links[-1].org_end == pos:
        pos = past_portfolio(norm, pos)  # "Ủy viên EU phụ trách các vấn đề nội vụ và di cư Magnus Brunner"
    if links[-1].kind == "ministry_field" and norm.startswith(" và ", pos) and norm[pos + 4:pos + 5].isupper():
        # "Bộ trưởng Thương mại và Công nghiệp Singapore Gan Kim Yong": two fields, a country, then the name
        joined = _foreign_after_country(norm, links[-1], links[-1].org_start, pos + 80, org_starts)
        if joined is not None:
            links[-1].kind = None  # the body written whole, no longer a field alone
            return joined
    glued = glued_country(norm, pos + 1) if links[-1].org_start is None and norm[pos:pos + 1] == " " else None
    if glued is not None:  # "Quốc vương CampuchiaNorodom Sihamoni": the country, then its office-holder
        links[-1].org_start, links[-1].org_end, links[-1].kind = glued[0], glued[1], "country"
        links[-1].org_name = country_name(norm[glued[0]:glued[1]])
        return _foreign_name(norm, glued[1], org_starts) or vietnamese_name(norm, glued[1], org_starts)
    m = _BEFORE_NAME.match(norm, pos)
    if norm.endswith("về ", 0, links[0].title.start):
        # "phê chuẩn … về Phó chủ tịch Hội đồng bầu cử quốc gia đối với bà Bùi Thị Minh Hoài": the office a
        # resolution gives someone
        m = _FOR_PERSON.match(norm, pos) or m
    if not m:
        return None
    pos = m.end()
    if m.group(0).endswith("là "):
        rank = lex.rank.match(norm, pos)  # "Bộ trưởng Quốc phòng hiện nay là đại tướng Phan Văn Giang"
        pos = rank.end() if rank else pos
    honorific = lex.honorific.match(norm, pos)
    if honorific:
        pos = honorific.end()
    polite = bool(honorific) and is_polite(honorific)
    if ("," in m.group(0) or "-" in m.group(0) or "–" in m.group(0)) and (links[-1].org_start is None or after_name):
        # "theo yêu cầu của Thủ tướng, ông A ...": a bare title then a comma names nobody; in apposition to a
        # name, the chain is that person's and a comma opens the next ("ông A, Chủ tịch Hội X, bà B, …")
        return None
    if m.group(0) == " " and links[-1].org_start is None and not links[-1].title.title.organization and \
            not after_name:  # in apposition to a name before, the chain is that person's ("ông A, Chủ tịch X (VNPT), ông B")
        apposed = _apposed_after_unknown_org(norm, links[-1], pos, org_starts)
        if apposed is not None:
            return apposed
    foreign = any(l.title.title.foreign or l.abroad or l.kind in ("country", "international", "foreign") for l in links)
    # "Thống đốc California", "Thống đốc bang Texas": a state's office (a company title there is a firm's:
    # "Tổng Giám đốc Connecticut Foodshare")
    foreign = foreign or links[-1].org_start is None and not links[-1].title.title.public_only and \
        bool(lex.foreign_unit.match(norm, pos) or lex.foreign_place.match(norm, pos))
    twice = _country_named_twice(norm, links[-1], pos, org_starts) if not honorific else None
    if twice is not None:
        return twice
    name = vietnamese_name(norm, pos, org_starts, honorific=polite) or _listed_foreign_name(norm, pos)
    if name is not None and not honorific and district_before_province(norm, name):
        name = None  # "Trung tâm Y tế Yên Thủy, Hòa Bình": the body's district
    if after_name and name is not None and norm.count(" ", *name) < 2 and \
            _PLACE_WORD_BEFORE.search(norm, max(0, pos - 12), pos):
        return None  # "ông Dương Minh Hùng, Chủ tịch UBND thị trấn Dương Đông": in apposition, the place's name
    company_titles = all(l.title.title.public_only and l.org_start is None for l in links)
    state_body = links[-1].kind in ("ministry", "ministry_field", "state")
    if name is None and _looks_foreign(norm, pos, abroad=foreign, state_body=state_body) and \
            (foreign or not company_titles):
        # "Thủ tướng Shigeru Ishiba": a name no Vietnamese spelling allows (after a company title with no
        # body it is more often the company: "Phó Tổng Giám đốc Saigon Postel")
        name = _foreign_name(norm, pos, org_starts)
    if name is None and (foreign or links[-1].title.title.needs_org):
        name = _foreign_after_body(norm, links[-1], pos, org_starts)  # "Thư ký báo chí Nhà Trắng Karoline Leavitt"
    if name is None and links[-1].org_start is None and \
            (not links[-1].title.title.public_only or lex.public_unit.match(norm, pos)):
        # "Tư lệnh IRGC Hossein Salami", "giám đốc Viện nghiên cứu Gamaleya Alexander Ginzburg"
        name = _foreign_after_body(norm, links[-1], pos, org_starts)
    if name is None and foreign and not (links[-1].org_start is None and _vietnamese_words(norm, pos)):
        name = _foreign_name(norm, pos, org_starts)  # "Tổng thống Putin"; not "Thư ký báo chí Nhà Trắng cũng …"
        if after_name and name is not None and " " not in norm[name[0]:name[1]]:
            return None  # "Yang Mee Eng, Giám đốc điều hành Asean Foundation, nói": the body's last word
    if name is not None and links[-1].title.title.heads_place:
        name = _place_before_name(norm, links[-1], name)
    if name is None and not honorific and not after_name and links[-1].kind == "party" and \
            links[-1].org_end is not None and links[-1].org_end + 1 == pos and norm[pos:pos + 1].isupper():
        # "Bí thư Đảng ủy Bệnh viện Bạch Mai Nguyễn Quang Minh": a Party committee, the unit it leads (no gazetteer
        # body), then the name
        party = links[-1].org_start, links[-1].org_end, links[-1].kind, links[-1].org_name
        name = _name_in_tail(norm, links[-1], pos, org_starts)
        if name is not None and norm.count(" ", *name) == 0:
            name = None  # "Bí thư đảng ủy Đức Giang": the ward's last word, no one's name
        if name is None:
            links[-1].org_start, links[-1].org_end, links[-1].kind, links[-1].org_name = party
        else:
            links[-1].org_start, links[-1].kind, links[-1].org_name = party[0], None, None
        return name
    if name is not None or honorific or links[-1].org_end is not None or links[-1].title.title.organization:
        return name
    name = _name_in_tail(norm, links[-1], pos, org_starts)
    if after_name and name is not None and norm.count(" ", *name) < 2:
        # "Phạm Văn Hậu, Chính ủy Ban Chỉ huy … - Trà My, cho biết": in apposition to a name, two capitalised
        # words closing the organisation are its place, not someone else (a full name still is: "Đỗ Mười,
        # Chủ tịch Ủy ban T.Ư MTTQ Việt Nam Phạm Thế Duyệt")
        return None
    return name


def _country_named_twice(norm: str, link: _Link, pos: int, org_starts) -> tuple[int, int] | None:
    """"Bộ trưởng Quốc phòng Israel Israel Katz": the country that ends the body also opens the holder's name (a
    name the names layer refuses, as it starts with a place)."""
    if link.org_end is None or link.org_end != pos - 1 or link.org_start is None:
        return None
    word = norm[link.org_start:link.org_end].rsplit(" ", 1)[-1]
    if not norm.startswith(word + " ", pos) or country_name(word) is None:
        return None
    rest = _foreign_name(norm, pos + len(word) + 1, org_starts)
    return (pos, rest[1]) if rest is not None and rest[0] == pos + len(word) + 1 else None


_FOR_PERSON = compile_regex(r"(?: kiêm [^.;:\n]{1,80}?)? đối với:? (?=(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí) )")


def _past_posting(norm: str, link: _Link, end: int, org_starts) -> int:
    """"Đại sứ Mỹ tại Hà Nội David Shear", "Giám đốc AFD tại Việt Nam Herve Conan": a foreign or international office's
    posting ("tại" a place, or a country the organisation layer has not joined to it) stands between the office and
    its holder's name, and goes with the organisation as written ("Mỹ tại Hà Nội", like "Nhật Bản tại Việt Nam")."""
    if link.kind not in ("country", "foreign", "international") or link.org_end != end or \
            not norm.startswith(" tại ", end):
        return end
    at = end + 5
    org = org_starts.get(at)
    posting = org.end if org is not None and org.kind == "country" else listed_place_end(norm, at)
    if posting is not None:
        link.org_end = posting
    return posting or end




_PLACE_WORD_BEFORE = compile_regex(r"(?<!\w)(?:thị trấn|thị xã|xã|phường|huyện|quận|tỉnh|thành phố|TP\.?) $")


_SHORT_ASIDE = compile_regex(r" \([^()\n]{1,20}\)")


def _apposed_after_unknown_org(norm: str, link: _Link, pos: int, org_starts) -> tuple[int, int] | None:
    """"Phó giám đốc Liên đoàn bản đồ địa chất Việt Nam tại TP HCM, ông Nguyễn Hữu Trí": an unknown
    organisation, a comma and an honorific or a degree ("TS") before the name."""
    holder = _foreign_name(norm, pos, org_starts) if link.title.title.foreign else None
    if holder is not None and " " in norm[holder[0]:holder[1]]:
        return None  # "Thượng nghị sĩ Amy Klobuchar đăng tải …, bà Yvette Hoffman": the holder is named right after
    generic = _generic_org(norm, pos, link)
    if generic is None:
        return None
    aside = _SHORT_ASIDE.match(norm, generic[1])  # "… Đảng Dân chủ (DNC), ông Abhi Rahman": its abbreviation
    comma = aside.end() if aside else generic[1]
    if not norm.startswith(", ", comma):
        return None
    apposition = _lexicon().honorific.match(norm, comma + 2)
    if apposition is None:
        return _foreign_between_commas(norm, link, generic, org_starts) or \
            _saying_between_commas(norm, link, generic, org_starts)
    name = vietnamese_name(norm, apposition.end(), org_starts, honorific=is_polite(apposition))
    if name is not None:
        _set_generic(link, *generic)
    return name


def _foreign_between_commas(norm: str, link: _Link, generic: tuple[int, int], org_starts) -> tuple[int, int] | None:
    """"Thống đốc bang California, Gavin Newsom, cho biết": an unknown body, then a foreign-looking name
    set off by commas on both sides, or ending its clause's subject ("Thị trưởng bang Louisiana, Mary Landrieu
    nói:"). Translated news writes appositions so; a Vietnamese name there with no honorific is too often the
    next item of a list to be read the same way."""
    at = generic[1] + 2
    if not _looks_foreign(norm, at):
        return None
    name = _foreign_name(norm, at, org_starts)
    closing = None if name is None else _lexicon().generic_end.match(norm, name[1])
    if closing is None or closing.group(0)[0] not in ",: ":  # not "(Tel Aviv)": a place in brackets
        return None
    _set_generic(link, *generic)
    link.abroad = True
    return name


def _saying_between_commas(norm: str, link: _Link, generic: tuple[int, int], org_starts) -> tuple[int, int] | None:
    """"Giám đốc Trung tâm Y tế dự phòng, Nguyễn Văn An cho biết": an unknown body, a comma, then a full Vietnamese
    name that a verb of saying closes at once. The verb makes the name the clause's subject, not the next item of a
    list of bodies or people ("… Trung tâm X, Nguyễn Văn An, Trần Văn B")."""
    name = vietnamese_name(norm, generic[1] + 2, org_starts)
    if name is None or norm.count(" ", *name) < 2 or not _SAYING_AFTER.match(norm, name[1]):
        return None
    _set_generic(link, *generic)
    return name


_SAYING_AFTER = compile_regex(rf" (?:{SAYING_VERBS})(?!\w)")


def _name_in_tail(norm: str, link: _Link, pos: int, org_starts) -> tuple[int, int] | None:
    """"Giám đốc Bệnh viện Bạch Mai Nguyễn Quốc Anh": an unknown organisation, then the name."""
    lex = _lexicon()
    limit = min(len(norm), pos + 120)
    stop = _CLAUSE_END.search(norm, pos, limit)
    parent_comma = None
    while stop:
        if stop.group(0) == "(" and _BRACKET_THEN_NAME.match(norm, stop.start()):
            # "Cục Chăn nuôi (Bộ NN-PTNT) Nguyễn Đăng Vang": a bracket between the organisation and the name
            stop = _CLAUSE_END.search(norm, norm.index(")", stop.start()) + 1, limit)
        elif stop.group(0) == "," and parent_comma is None and \
                (parent := parent_after_comma(norm, stop.start(), org_starts)) is not None:
            # "Phó cục trưởng Cục Dân số, Bộ Y tế Phạm Vũ Hoàng": the unit, a comma, its ministry, then the name
            parent_comma = stop.start()
            stop = _CLAUSE_END.search(norm, parent, limit)
        elif stop.group(0) == "," and parent_comma is None and place_comma_name(norm, pos, stop.start(), org_starts):
            # "quyền Chi cục trưởng Thú y tỉnh Long An, Đinh Văn Thế khẳng định": the body closes with its place
            parent_comma = stop.start()
            stop = _CLAUSE_END.search(norm, stop.end(), limit)
        else:
            break
    clause_end = stop.start() if stop else limit
    best: tuple[int, int] | None = None
    best_rank = 99
    for m in SYLLABLE.finditer(norm, pos, clause_end):
        if m.start() == pos or not m.group(0)[0].isupper():
            continue
        if continues_vietnamese_name(norm, m.start()) or norm.endswith("Thị ", pos, m.start()) or \
                starts_inside_place(norm, pos, m.start()):
            continue  # "Trường THPT chuyên Lê Quý Đôn Đà Nẵng": not "Đôn Đà Nẵng"; no name starts after "Thị"
        whole = capitalised_run(norm, m.start()) or glued_run(norm, m.start())  # "Quách Cường10."
        run = without_title_opener(norm, whole)  # "… Bà Nguyễn Thị Chi Bí thư Xã Hảo Đước": a table's next title
        if len(run) < 2 or run[-1][1] > clause_end or not has_surname(norm, run):
            continue
        last = norm[run[-1][0]:run[-1][1]]
        if len(last) > 1 and last.isupper() or len(run) > 2 and norm[run[-2][0]:run[-1][1]] in lex.places:
            continue  # "Nguyễn Đình Chiểu TP.HCM", "Lê Quý Đôn Đà Nẵng": a school's namesake and its city
        after = run[-1][1]
        if after + 1 < clause_end and norm[after] == " " and norm[after + 1].isupper() and run is whole:
            continue  # the capitalised run goes on: part of a longer name (not the next row's title)
        # a woman's middle name "Thị" second makes the whole run the name ("Cục TDTT Lê Thị Hoàng Yến")
        rank = 0 if len(run) in (3, 4) and norm[run[1][0]:run[1][1]] == "Thị" else {3: 0, 2: 1, 4: 2}.get(len(run), 99)
        if rank < best_rank and acceptable_name(norm, run[0][0], after, org_starts, True, direct=False):
            best, best_rank = (run[0][0], after), rank
        if best_rank == 0:
            break
    if best is None:
        return _foreign_after_country(norm, link, pos, clause_end, org_starts)
    named_after = lex.name_not_after.search(norm, max(0, best[0] - 12), best[0])
    place = lex.place_before.search(norm, max(0, best[0] - 12), best[0])
    if named_after and not (place and place.start() < named_after.start()):
        return None  # "đường Lê Lợi" (but "thành phố Huỳnh Công Hùng" is no street: see the place test below)
    first = SYLLABLE.match(norm, best[0]).group(0)
    if district_before_province(norm, best):
        return None
    if place and first not in common_surnames() and not (place.group(0).strip().lower() == "tỉnh" and
                                                         person_after_province(norm[best[0]:best[1]].split(" "))):
        return None  # "Chủ tịch phường Kim Liên": a place
    org_text = _BRACKET_AT_END.sub("", norm[pos:best[0]].rstrip().rstrip(","))
    org_text = _HONORIFIC_AT_END.sub("", org_text)  # "Bí thư Xã Đức Huệ Ông Trương Tấn Sơn": the row's honorific
    # "Phó đội trưởng Đội Cảnh sát hình sự quận lúc đó là Ngô Phước Vinh": the body, then the time and a copula
    org_text = _COPULA_AT_END.sub("", org_text)
    if not org_text or lex.generic_end.search(org_text if parent_comma is None else norm[pos:parent_comma]):
        return None
    # "Phó chủ nhiệm Ủy ban Dân số Phú Yên - Phạm Thị Tương Lai", "Chủ tịch Hội - tiến sĩ Nguyễn Văn Thưởng": a dash
    # before the name or its degree; other words after the dash ("Đội PCCC Q.9 - người chỉ huy Nguyễn Văn A",
    # "VNPT - ... thư của ông B") make the name someone else's
    cut = _before_dashed_clause(org_text)
    between = org_text[len(cut):].strip(" -–")
    if between and not lex.honorific.fullmatch(between + " "):
        return None
    org_text = cut.rstrip(" -–")
    if not org_text or not _may_open_organization(org_text, link):
        return None
    rank_at = trailing_rank(org_text)
    if rank_at is not None:
        org_text = org_text[:rank_at].rstrip(" -–")  # "Cơ quan CSĐT Bộ Công an - đại tá Phạm Hùng Chiến"
    if not org_text or holds_title(org_text):
        return None  # "Hai phó trưởng ban là Bộ trưởng Bộ GD-ĐT Nguyễn Minh Hiển": the name's own title is nearer
    if _joined_tail(org_text):
        # "trưởng phòng điều vận và Lâm Ngọc Kiệt", "Tổng cục Cảnh sát và đại tá Phạm Hùng Chiến",
        # "Giám đốc BV và gia đình sản phụ Hoàng Thị Thuyết": the name is someone else's
        return None
    _set_generic(link, pos, pos + len(org_text))
    return best


_BRACKET_THEN_NAME = compile_regex(r"\([^()\n]{1,25}\) [^\W\d_]")


_BRACKET_AT_END = compile_regex(r" \([^()\n]{1,25}\)$")
_HONORIFIC_AT_END = compile_regex(r" (?:Ông|Bà)$")
# (a time word required: "con ông chủ tịch huyện là Nguyễn Trọng Bằng" names the chairman's son, not the chairman)
_COPULA_AT_END = compile_regex(r" (?:hiện|hiện nay|hiện tại|đương nhiệm|khi đó|lúc đó|khi ấy|lúc ấy|thời đó|"
                               r"thời điểm đó|thời điểm ấy|lúc bấy giờ) là(?: (?:ông|bà|đồng chí))?$")


def _foreign_after_country(norm: str, link: _Link, pos: int, clause_end: int, org_starts) -> tuple[int, int] | None:
    """"Thống đốc Ngân hàng trung ương Trung Quốc Zhou Xiaochuan", "Bộ trưởng Năng lượng Philippines Vincent
    Perez": an unknown foreign body closing with its country (or with a known foreign body: "Cục châu Á và châu Đại
    Dương Bộ Ngoại giao Nhật Bản Kanai Masaaki"), then a foreign name."""
    for start in range(pos, clause_end):
        country = org_starts.get(start)
        if country is None or country.kind not in ("country", "foreign") or country.name == "Việt Nam":
            continue
        # ("Tổng Thư ký Cơ quan Hợp tác phát triển Tây Ban Nha (SICA) Juan Pablo de Laiglesia": the body's acronym)
        acronym = ACRONYM_IN_BRACKETS.match(norm, country.end)
        after = acronym.end() if acronym else country.end
        if norm[after:after + 1] != " ":
            continue
        name = _foreign_name(norm, after + 1, org_starts)
        org_text = norm[pos:country.end]
        if name is None or name[1] > clause_end or holds_title(org_text) or _joined_tail(org_text) or \
                not _may_open_organization(org_text, link) or _lexicon().generic_end.search(org_text):
            # "Giám đốc điều hành Tesla và SpaceX đã vượt qua tỉ phú người Pháp Bernard Arnault": a clause
            continue
        _set_generic(link, pos, country.end)
        link.abroad = True
        return name
    return None


def _trailing_chain(norm: str, name_end: int, titles, org_starts, name_start: int | None = None) -> list[_Link] | None:
    """"Nguyễn Văn A, Giám đốc Sở Tài chính": titles right after a name (unless they name someone else).
    ``name_start``: where the name starts (after "ông" or "bà" the chain may split: ``_last_comma_link``)."""
    apposed = _AFTER_NAME.match(norm, name_end)
    separator = apposed or _APPOINTED.match(norm, name_end)
    if not separator:
        return None
    title = title_at(norm, separator.end(), titles)
    if title is None and apposed and apposed.group(0).strip() in ("(", ","):
        # "Lê Bá Lai (giữ chức Chủ tịch năm 1994-1999)", "Dương Công Hiệp, lúc này là Phó phòng Quản lý đô thị …" (not
        # after a dash: "Lê Minh Châu - lúc đó là giám đốc" of a company the article names elsewhere)
        lead = _BRACKET_LEAD.match(norm, separator.end())
        if lead is None and apposed.group(0).endswith("("):
            # "Võ Thanh Nhàn (SN 1958, cựu Chủ tịch UBND TP Sóc Trăng)": the birth year, then the office
            lead = officials_pattern("bracket_aside").match(norm, separator.end())
        title = title_at(norm, lead.end(), titles) if lead else None
    after = separator.end()
    if title is None and apposed and apposed.group(0).startswith(","):
        born = officials_pattern("birth_aside").match(norm, after)  # "ông A, sinh năm 1970, Phó Chủ tịch UBND tỉnh"
        if born is not None:
            after = born.end()
            title = title_at(norm, after, titles)
        appointed = _APPOINTED.match(norm, after - 1) if title is None and norm[after - 1:after] == " " else None
        if appointed is not None and appointed.end() > after:
            # "Đại tá Nguyễn Đình Giang, được bổ nhiệm làm Phó Tư lệnh …": a comma before the appointment
            after = appointed.end()
            title = title_at(norm, after, titles)
    if title is None and norm.startswith(" (", name_end):
        aside = _lexicon().aside.match(norm, name_end)  # "Dương Văn Lực (sinh năm 1960), Vụ phó ..."
        after = aside.end() if aside else after
        copula = _APPOINTED.match(norm, after) if aside else None  # "bà A (em ruột ông B) là phó phòng PID3"
        after = copula.end() if copula else after
        title = title_at(norm, after, titles) if aside else None
    if title is None and apposed and "," in apposed.group(0) or title is None and after != separator.end():
        qualification = _lexicon().qualification.match(norm, after)  # "(sinh năm 1980), Bác sĩ, Phó Giám đốc"
        title = title_at(norm, qualification.end(), titles) if qualification else None
    if title is None:
        return None
    links, end = _read_chain(norm, title, titles, org_starts, after_name=True)
    named = _name_after_chain(norm, links, end, org_starts, after_name=True)
    if named is not None:
        if named[0] == end + 1:
            # the name right after the chain holds its last office ("…, Bộ trưởng Trần Hồng Hà cho biết"); after "ông
            # A, " the offices before the last comma are A's ("ông A, nguyên phó chủ tịch UBND tỉnh, Cục trưởng Cục
            # Thuế tỉnh B"), not after an office ("Thủ tướng A, Phó Thủ tướng, Bộ trưởng Ngoại giao B": B's both)
            honorific = name_start is not None and \
                HONORIFIC_JUST_BEFORE.search(norm, max(0, name_start - 4), name_start) is not None
            return (links[:_last_comma_link(links)] if honorific else None) or None
        completed = _complete_last(norm, links, end, titles, org_starts)
        # "…, Phó tổng biên tập Tạp chí Cộng Sản, bà Nguyễn Thị Tuyết Mai": once the last title has its body
        # the name after it is the next person's, a list of people with their offices
        if completed == end or _name_after_chain(norm, links, completed, org_starts, after_name=True) is not None:
            links[-1].org_start = links[-1].org_end = None
            return None
    last = links[-1]
    _complete_last(norm, links, end, titles, org_starts)
    if not apposed and all(l.title.title.public_only and l.org_start is None for l in links):
        return None  # "công ty ... do bà A làm giám đốc": a company title with no body written
    return links + _appointed_after(norm, last.org_end or end, titles, org_starts)


def _last_comma_link(links: list[_Link]) -> int:
    """Index of the last link joined to the one before by a comma (not "kiêm"); 0 when there is none. After "ông
    A, " a chain of offices that runs into the next name splits there: the offices before are A's, the rest the
    next name's (rule apposed-offices)."""
    return max((i for i in range(1, len(links)) if not links[i].after_kiem), default=0)


def _complete_last(norm: str, links: list[_Link], end: int, titles, org_starts) -> int:
    """A person already named, the last title of their chain takes the words after it as its organisation
    when the gazetteer knows none there ("…, Tư lệnh Quân khu 1"); where the chain now ends."""
    last = links[-1]
    if last.org_start is None and last.title.title.organization is None and norm[end:end + 1] == " ":
        generic = _generic_org(norm, end + 1, last)
        if generic is not None:
            generic = _before_someone_else(norm, *generic, org_starts)
        if generic is not None:
            _set_generic(last, generic[0], _through_comma_to_parent(norm, generic[1], titles, org_starts))
    elif last.org_end is not None and last.kind in ("agency", "department"):
        last.org_end = _through_comma_to_parent(norm, last.org_end, titles, org_starts)  # "Cục X, Bộ Y tế,"
    return max(end, last.org_end or end)


def _appointed_after(norm: str, end: int, titles, org_starts) -> list[_Link]:
    """"Ông Hồ Văn Niên, Bí thư Tỉnh ủy Gia Lai, được Thủ tướng điều động giữ chức Thứ trưởng thường trực Bộ
    Dân tộc và Tôn giáo": the office a name's apposition goes on to give them."""
    m = _APPOINTED_AFTER.match(norm, end)
    title = title_at(norm, m.end(), titles) if m else None
    if title is None:
        return []
    links, end = _read_chain(norm, title, titles, org_starts, after_name=True)
    _complete_last(norm, links, end, titles, org_starts)  # ", giữ chức Chủ nhiệm Ủy ban Kiểm tra Đảng ủy; bà …"
    return links


# ", được Thủ tướng điều động giữ chức ", ", vừa được bổ nhiệm làm ": an appointment after the apposition; or the
# office a decision gives, the apposition closed ("chỉ định ông Trần Huy Tuấn - phó bí thư Tỉnh ủy Lào Cai - giữ
# chức chủ tịch UBND tỉnh Lào Cai")
_APPOINTED_AFTER = compile_regex(r",? (?:(?:đã|vừa|mới) )?được (?:[^\s,.;:]+ ){0,4}?(?:bầu|bổ nhiệm|tái bổ nhiệm|điều động|"
                              r"luân chuyển|phân công|chỉ định|giao)(?: (?:giữ chức vụ|giữ chức|làm|là))? |"
                              r"(?: [-–]|,) (?:giữ chức danh|giữ chức vụ|giữ chức) ")


_OWNED_BY = compile_regex(r"(?<!\w)của $")


def _someone_elses_title(norm: str, start: int, end: int, name: tuple[int, int], titles, org_starts) -> bool:
    """"công điện của Thủ tướng Chính phủ, ông Lê Thanh Hải, Chủ tịch UBND TPHCM, ...": a title owning
    something, a comma, then a person with titles of their own: the title is another person's."""
    return bool(_OWNED_BY.search(norm, max(0, start - 4), start)) and "," in norm[end:name[0]] and \
        bool(_trailing_chain(norm, name[1], titles, org_starts))


_FOREIGN_WORD = compile_regex(r"[A-Z][a-z]+")


def _foreign_before_titles(norm: str, at: int, org_starts, rank_before=None) -> tuple[int, int] | None:
    """"James Wolfensohn, Chủ tịch WB": two to four foreign-looking words, then a comma or a bracket. After a military
    rank (``rank_before``, searched ending at ``at``) the first word may have a Vietnamese shape when a later one has
    not ("Đại tướng Tea Seiha, …")."""
    # (inline: this runs at every capitalised word; initials only when the second letter is a capital too)
    form = FOREIGN_FORM.match(norm, at) or (initials_name(norm, at) if norm[at + 1:at + 2].isupper() else None)
    end = form.end() if form is not None else None
    if end is None and norm[at + 1:at + 2].islower():
        word = _FOREIGN_WORD.match(norm, at)
        end = word.end() if word is not None else None
    if end is not None and norm.startswith(" ", end) and norm[end + 1:end + 6].split(" ", 1)[0] in NAME_PARTICLES:
        whole = _foreign_name(norm, at, org_starts)  # "ông Geert van der Linden, Phó Chủ tịch ADB": a particle inside
        end = whole[1] if whole is not None else form.end() if form is not None else None
    elif form is None:
        end = None
    if end is None or not _AFTER_NAME.match(norm, end) or \
            _lexicon().not_person_after.search(norm, max(0, at - 6), at):
        return None
    words = norm[at:end].split(" ")
    if VIETNAMESE_SHAPE.fullmatch(words[0]) and (rank_before is None or
                                                all(VIETNAMESE_SHAPE.fullmatch(w) for w in words) or
                                                not rank_before.search(norm, max(0, at - 20), at)):
        return None
    return _foreign_name(norm, at, org_starts)


def _foreign_office(links: list[_Link]) -> bool:
    return any(l.title.title.foreign or l.abroad or l.kind in ("country", "international", "foreign") for l in links)
