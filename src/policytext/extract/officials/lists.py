"""Several people under one title: "các Phó Thủ tướng: A, B", "Thứ trưởng X Nguyễn A, Phan B và Trương C",
and National Assembly deputies with their delegation ("Đại biểu A (Đoàn ĐBQH tỉnh X)")."""

from __future__ import annotations

import re
from dataclasses import replace

from ...startcache import compile_regex
from ...document import Document
from ...layers.names import VIETNAMESE_SHAPE, vietnamese_name
from ...layers.titles import opens_title
from ...model import Position
from .chains import _read_chain, _trailing_chain
from .name_shapes import _looks_foreign
from .lexicon import _foreign_name, _lexicon, officials_pattern
from .units import _set_generic, unit_led_span


def _pattern(name: str) -> re.Pattern[str]:
    return officials_pattern(name)


def _listed_names(norm: str, start: int, end: int, org_starts, titles, links) -> list[tuple[int, int]]:
    """"các Phó Thủ tướng: Trần Hồng Hà, Lê Thành Long", "5 Thứ trưởng giúp việc là các ông A, B, C",
    "các đồng chí Thứ trưởng: Thượng tướng A, Ủy viên Trung ương Đảng; Thượng tướng B": a plural title,
    then the list of its holders (each may have a rank, an honorific and titles of its own)."""
    plural = _plural_title(norm, start)
    if not plural and not norm.startswith(": ", end):  # "nguyên Chủ tịch Quốc hội: A, B" lists without "các"
        return []
    opening = _pattern("list_opening").match(norm, end)
    at = opening.end() if opening else end
    first, polite = _past_lead(norm, at, titles)
    if vietnamese_name(norm, first, org_starts, honorific=polite) is None and not _looks_foreign(norm, first):
        # "Các Phó chủ tịch Ủy ban bầu cử còn có: ông …": a body the gazetteer does not know, then the list
        unknown = _pattern("list_organization").match(norm, end)
        if unknown is None or _title_inside(norm, unknown.start("org"), unknown.end("org"), titles):
            return []
        if links[-1].org_start is None:
            _set_generic(links[-1], unknown.start("org"), unknown.end("org"))
        elif unknown.start("org") == end + 1 and all(w[:1].isupper() for w in unknown.group("org").split(" ")):
            # "các đồng chí Phó chủ nhiệm Tổng cục Chính trị QĐND Việt Nam: …": the known body's name goes on
            _set_generic(links[-1], links[-1].org_start, unknown.end("org"))
        else:
            return []
        opening, at = unknown, unknown.end()
    if links[-1].org_start is None:
        owner = _owner_before(norm, start, org_starts)  # "Sở Xây dựng mới còn có 10 phó giám đốc gồm …"
        if owner is not None:
            _set_generic(links[-1], owner.start, owner.end)
        else:
            head_body = _head_body_before(norm, start, titles, org_starts)
            if head_body is not None:  # written before the title: not the title's own words ("phó trưởng ban")
                links[-1].org_start, links[-1].org_end = head_body
    stop = _pattern("sentence_end").search(norm, at)
    limit = stop.start() if stop else len(norm)
    semicolons = ";" in norm[at:limit]  # items with titles of their own are separated by ";"
    names: list[tuple[int, int]] = []
    while at < limit:
        at, polite = _past_lead(norm, at, titles)
        name = vietnamese_name(norm, at, org_starts, honorific=polite)
        if name is None and (_looks_foreign(norm, at) or names and _foreign_word(norm, at)):
            # "ba nhà lập pháp Liên bang Nga, gồm Nina Ostanina, …"; after one foreign name any foreign-shaped
            # one goes on with the list ("…, H.R. Mc Master, John Bolton và Robert O’Brien")
            name = _foreign_name(norm, at, org_starts)
        if name is None:
            break
        names.append(name)
        aside = _ASIDE.match(norm, name[1])  # "các ông Nguyễn Trí Tuệ (Thường trực), Dương Văn Thăng, …"
        separator = _pattern("list_separator").match(norm, aside.end() if aside else name[1])
        after = _past_lead(norm, separator.end(), titles)[0] if separator is not None else -1
        # in a ";" list, a comma goes on to the next name only when no title stands there ("Lê Hoài Trung, Chánh Văn
        # phòng Trung ương Đảng; Lê Minh Trí, …": "Chánh Văn" reads as a name after an honorific)
        if separator is not None and not (semicolons and separator.group(0) == ", " and (
                after in titles or vietnamese_name(norm, after, org_starts, honorific=True) is None)):
            at = separator.end()
        elif semicolons:
            at = _next_item(norm, name[1], limit, titles)
        else:
            break
    return names if plural or len(names) > 1 else []


_WORD = compile_regex(r"[^\W\d_]+")
# a bracket or an age after a listed name: "các ông Nguyễn Trí Tuệ (Thường trực), …", "Nguyễn Văn Thọ, 57 tuổi, …"
# (a bracket up to 100 characters: a listed holder's own office, "ông Nguyễn Đức Hải (Trưởng Tiểu ban Thông tin tuyên
# truyền), ông …")
# after a listed name: a bracket, an age, or where the holder comes from ("ông Alejandro Jara đến từ Chile, bà Valentine
# Rugwabiza đến từ Rwanda, ông Harsha Singh của Ấn Độ và …"): a capitalised place of one to three words
_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"  # the capital letters of Vietnamese, accented ones too
_ASIDE = compile_regex(rf" \([^()\n]{{1,100}}\)|, \d{{2,3}} tuổi(?=,| và )|"
                       rf" (?:đến từ|của|người) [{_UPPER}]\w*(?: [{_UPPER}]\w*){{0,2}}(?=,| và )")


def _foreign_word(norm: str, at: int) -> bool:
    """A capitalised word at ``at`` that no Vietnamese spelling allows ("H.R.", "Robert")."""
    word = _WORD.match(norm, at)
    return word is not None and word.group(0)[0].isupper() and not VIETNAMESE_SHAPE.fullmatch(word.group(0))


def _owner_before(norm: str, start: int, org_starts):
    """The body that "has" the plural title's holders: "Sở Xây dựng mới còn có 10 phó giám đốc"."""
    has = _pattern("owner_has").search(norm, max(0, start - 40), start)
    if has is None:
        return None
    return next((org for org in org_starts.values() if org.end == has.start() and org.kind not in ("country",)), None)


def _head_body_before(norm: str, start: int, titles, org_starts) -> tuple[int, int] | None:
    """The body of the head a plural deputy title follows in one sentence: "Chủ tịch HĐND TP.HCM Võ Văn Minh và
    các phó chủ tịch là …" (HĐND TP.HCM), "Ban Pháp chế do bà A làm Trưởng ban, 4 phó trưởng ban gồm …" (Ban Pháp
    chế). The head's title is the plural one without "Phó"; nothing when no such head stands before it."""
    plural = titles[start].title.title
    if not plural.casefold().startswith("phó "):
        return None
    head_title = plural[4:].casefold()
    sentence = _pattern("sentence_end")
    floor = max(0, start - 300)
    for stop in sentence.finditer(norm, floor, start):
        floor = stop.end()
    for at in sorted((at for at in titles if floor <= at < start), reverse=True):
        head = titles[at]
        if head.title.title.casefold() != head_title:
            continue
        link = _read_chain(norm, head, titles, org_starts)[0][0]
        if link.org_start is not None:
            return link.org_start, link.org_end
        if head.title.unit:  # "Ban Pháp chế do bà A làm Trưởng ban"
            led = unit_led_span(norm, at, head.title.unit)
            if led is not None and led[0] >= floor:
                return led
        return None
    return None


def _plural_title(norm: str, start: int) -> bool:
    """The title at ``start`` is plural: "các Đại sứ", "hai Phó Thủ tướng", "8 nhân sự giữ chức vụ phó trưởng ban"."""
    return bool(_pattern("plural_before").search(norm, max(0, start - 40), start))


def _title_inside(norm: str, start: int, end: int, titles) -> bool:
    return any(start <= at < end for at in titles)


def _past_lead(norm: str, at: int, titles) -> tuple[int, bool]:
    """Past an honorific and a rank before a listed name ("ông", "Thượng tướng"): where the name starts, and
    whether an honorific stood there (any capitalised words after "ông" are a name)."""
    honorific = _pattern("list_honorific").match(norm, at)
    if honorific:
        at = honorific.end()
    rank = titles.get(at)
    if rank is not None and rank.title.rank and norm[rank.end:rank.end + 1] == " ":
        at = rank.end + 1
    return at, honorific is not None


def _next_item(norm: str, at: int, limit: int, titles) -> int:
    """The start of the next item of a ";"-separated list, past the titles of the current one: after the
    next ";", or after "và" or a comma that an honorific or a rank follows ("…; ông Huỳnh Thanh Nhân và bà
    Nguyễn Trường Nhật Phượng", "…, Thủ trưởng Cơ quan An ninh điều tra, Trung tướng Đặng Hồng Đức")."""
    for m in _pattern("list_item_start").finditer(norm, at, limit):
        after = m.end()
        if m.group(0).startswith(";") or _past_lead(norm, after, titles)[0] > after:
            return after
    return limit


def _names_sharing(norm: str, first: tuple[int, int], titles, org_starts, plural: bool = False) -> list[tuple[int, int]]:
    """"Thứ trưởng Bộ Công Thương Nguyễn Hoàng Long, Phan Thị Thắng và Trương Thanh Hoài": more holders
    of the same title, a list closed by "và" whose names have no titles of their own. Foreign names only after
    a plural or counted title ("Hai nghị sĩ Mỹ Jim Ramstad và Clay Shaw"; "Tổng thống Mỹ Donald Trump và Elon
    Musk" is two people, one title)."""
    names = [first]
    at = first[1]
    foreign = plural and _looks_foreign(norm, first[0])
    while True:
        separator = _pattern("list_separator").match(norm, at)
        if not separator or separator.group(0) == "; ":
            return []
        name = vietnamese_name(norm, separator.end(), org_starts, after_title=False)
        if name is None and foreign and _looks_foreign(norm, separator.end()):
            name = _foreign_name(norm, separator.end(), org_starts)
        if name is None or norm[name[1]:name[1] + 1].isalnum():
            return []
        names.append(name)
        at = name[1]
        if separator.group(0) == " và ":
            break
    if _trailing_chain(norm, at, titles, org_starts) is not None:
        return []  # "..., và Trương Thanh Hoài, Chánh Văn phòng": the last one has a title of their own
    return names


_GROUP_JOIN = compile_regex(r"(?:,| và|, và) (?:(?:ông|bà) )?$")
_OPENER_HONORIFICS = r"(?: (?:các )?(?:ông|bà)(?:(?:,? |/)(?:ông|bà))?)? ?$"  # "gồm các ông, bà: "
_GROUP_OPENER = compile_regex(r"(?:gồm(?: có)?|bao gồm|;|:)" + _OPENER_HONORIFICS)
# a bracket that says its title is shared ("cùng là", "đều là") may also follow the bracket closing the item before:
# "ông A (Viện trưởng …), ông B, ông C (cùng là Phó Viện trưởng …)" (not "A (cựu bí thư), B và C (cựu phó chủ tịch)")
_SHARED_BRACKET = compile_regex(r" \((?:cùng là|đều là|cùng giữ chức) ")
_GROUP_OPENER_SHARED = compile_regex(r"(?:gồm(?: có)?|bao gồm|;|:|\),)" + _OPENER_HONORIFICS)


def _names_before_bracket(norm: str, start: int, end: int, org_starts) -> list[tuple[int, int]]:
    """"gồm ông Nguyễn Văn Tấn, Hồ Quang Huy, Trương Công Lập (nguyên Giám đốc sở); các ông …": the names
    listed before the one (``start``-``end``) whose bracket gives the title, back to the list's opening ("gồm", ";",
    ":"; after a bracket that says the title is shared, also the bracket closing the item before), each with no title
    of its own; none when the names do not open an enumeration."""
    names = _names_joined_before(norm, start, org_starts, _GROUP_JOIN, 12)
    at = names[-1][0] if names else start
    opener = _GROUP_OPENER_SHARED if _SHARED_BRACKET.match(norm, end) else _GROUP_OPENER
    if names and opener.search(norm, max(0, at - 30), at):
        return names
    return []


# two names joined by "và" or a comma ("ông A và B", "A, bà B"), then their titles in turn; a name and a comma before
# the first makes three names or more, for which no count is checked
_RESPECTIVE_JOIN = compile_regex(r"(?: và|,) (?:(?:ông|bà|đồng chí) )?$")
_NAMED_BEFORE = compile_regex(r"[^\W\d_], (?:(?:ông|bà|đồng chí) )?$")
_TITLES_APART = compile_regex(r"(?:,| và) ?(?:(?:nguyên|cựu|quyền|tân) )?")  # "giám đốc và nguyên trưởng phòng"


def titles_in_turn(norm: str, start: int, links: list, org_starts):
    """"ông Mai Đức Chính và Vũ Xuân Thiềng (Giám đốc, Phó giám đốc Sở Tài nguyên - Môi trường)", "Nguyễn Quang Quế và
    Phạm Văn Bằng, hiện là Chủ tịch, Phó chủ tịch UBND huyện Tân Phú": two names, then two titles, the body, if any,
    written once after the second: the first title is the first name's, of that body when the second title is the same
    office or its deputy (rule titles-in-turn). The first name and its link, or None."""
    if len(links) != 2 or links[0].org_start is not None or links[1].after_kiem:
        return None
    if not _TITLES_APART.fullmatch(norm, links[0].title.end, links[1].title.start):
        return None
    names = _names_joined_before(norm, start, org_starts, _RESPECTIVE_JOIN, 16)
    if len(names) != 1 or _NAMED_BEFORE.search(norm, max(0, names[0][0] - 16), names[0][0]):
        return None
    first, last = links[0].title.title.title, links[1].title.title.title
    if last not in (first, "Phó " + first):  # "Lê Anh Vân, Nguyễn Văn Giao (giám đốc và nguyên trưởng Phòng …)":
        return names[0], links[0]            # the director heads another body than the department's head
    return names[0], replace(links[0], org_start=links[1].org_start, org_end=links[1].org_end,
                             org_name=links[1].org_name, kind=links[1].kind)


# an appointment right after a name: "… ông B giữ chức", "… và C được bầu giữ chức", "… C cùng được bổ nhiệm làm"
_SHARED_APPOINTMENT = compile_regex(r" (?:(?:đã|vừa|sẽ|cùng|đều|chính thức) )*(?:được (?:[^\s,.;:]+ ){0,3}?(?:bầu lại|"
                                    r"bầu bổ sung|bầu|bổ nhiệm|tái bổ nhiệm|điều động|luân chuyển|phân công|chỉ định)"
                                    r"(?: (?:giữ chức vụ|giữ chức|làm|là))? |giữ chức (?:vụ )?)")
_APPOINTMENT_JOIN = compile_regex(r"(?:,| và|, và) (?:(?:ông|bà|đồng chí) )?$")


def names_sharing_appointment(norm: str, start: int, end: int, org_starts) -> list[tuple[int, int]]:
    """"bầu ông A, ông B giữ chức Phó Chủ tịch UBND tỉnh", "các đồng chí A và B được bầu giữ chức Phó Bí thư": the
    names joined by commas or "và" before the one (``start``-``end``) an appointment follows, which share its
    offices."""
    if not _SHARED_APPOINTMENT.match(norm, end):
        return []
    return _names_joined_before(norm, start, org_starts, _APPOINTMENT_JOIN, 16)


def _names_joined_before(norm: str, start: int, org_starts, join: re.Pattern[str], reach: int) -> list[tuple[int, int]]:
    """The full names joined (``join``: a comma or "và", maybe an honorific, ending within ``reach`` characters) one
    before the other, going back from the name starting at ``start``: nearest first."""
    names: list[tuple[int, int]] = []
    at = start
    while True:
        found = join.search(norm, max(0, at - reach), at)
        name = _name_ending_at(norm, found.start(), org_starts) if found is not None else None
        if name is None:
            return names
        names.append(name)
        at = name[0]


# words of an article on lawmaking or on a deputies' question time
_LAWMAKING = compile_regex(r"(?<!\w)(?:[Ll]uật|[Dd]ự thảo|Quốc hội|QH|chất vấn)(?!\w)")
_DEPUTY = compile_regex(r"[Đđ]ại biểu |ĐB ")  # the word boundary before is checked by hand: a lookbehind is slow
# the body, then the name ("đại biểu HĐND Đặng Văn Khoa", "Đại biểu HĐND TP Nguyễn Văn Bình")
_DEPUTY_BODY = compile_regex(r"(HĐND|Hội đồng nhân dân|Quốc hội|QH)(?: (?:tỉnh|thành phố|TP|huyện|quận|xã|phường))?"
                             r" (?=[A-ZĐ])")


def _deputy_words(norm: str) -> list[re.Match[str]]:
    return [m for m in _DEPUTY.finditer(norm) if m.start() == 0 or not norm[m.start() - 1].isalnum()]


def _deputies(doc: Document, org_starts, rules: tuple[str, str]):
    """National Assembly and council deputies named as such: "Đại biểu Phạm Văn Hòa (Đoàn ĐBQH tỉnh Đồng
    Tháp)" (``deputy-with-delegation``: the delegation is the organisation), "ĐB Trần Văn Hải (Quảng Ngãi)",
    "đại biểu Lê Thị Hoa - tỉnh Lâm Đồng", and "đại biểu Nguyễn Minh Thuyết chất vấn" or "ông Phạm Văn Hòa, đại
    biểu tỉnh Đồng Tháp" in an article about an Assembly or council session (``deputy-in-session``: no
    organisation written)."""
    norm = doc.norm
    session = assembly = None
    words = _deputy_words(norm)
    for m in words:
        body = _DEPUTY_BODY.match(norm, m.end())  # "ý kiến của đại biểu HĐND Đặng Văn Khoa"
        # ("đại biểu" works as a title: "Đại biểu Trần Quốc Tuấn" is a deputy, not the street named after the general)
        name = vietnamese_name(norm, body.end() if body else m.end(), org_starts, after_title=True)
        if body and name is not None:
            council = body.group(1) in ("HĐND", "Hội đồng nhân dân")  # as written with its level ("HĐND TP")
            title = f"Đại biểu {norm[body.start():body.end() - 1]}" if council else "Đại biểu Quốc hội"
            yield name[0], name[1], Position(title, None, rule=rules[1])
            continue
        if name is None and session is None:
            session = _session(_with_title(doc))
        if name is None and session:
            name = _given_names(norm, m.end())  # "giải thích của đại biểu Vân Chi": Nguyễn Vân Chi's
        if name is None:
            continue
        # "(Đoàn ĐBQH tỉnh X)", or "(đoàn Quảng Ngãi)" right after "đại biểu" and the name in an article on a law
        # (not a delegate of a children's or a Party congress): the delegation
        delegation = _pattern("deputy_delegation").match(norm, name[1])
        if delegation is None:
            short = _pattern("short_delegation").match(norm, name[1])
            delegation = short if short and _LAWMAKING.search(norm) else None
        if delegation:
            organization = doc.span(delegation.start("org"), delegation.end("org")).text
            yield name[0], name[1], Position("Đại biểu Quốc hội", organization, rule=rules[0])
            continue
        if session is None:
            session = _session(_with_title(doc))
        if session and _pattern("short_delegation").match(norm, name[1]):
            continue  # the loop over delegations below has it
        if session or _pattern("deputy_province").match(norm, name[1]):
            later = _delegation_after_titles(norm, name[1]) if session else None
            organization = doc.span(later.start("org"), later.end("org")).text if later else None
            yield name[0], name[1], Position(session or "Đại biểu Quốc hội", organization,
                                             rule=rules[0] if later else rules[1])
            for other in _listed_deputies(norm, name[1], org_starts):  # "Các đại biểu A (Thanh Hóa), B (Tiền Giang)"
                yield other[0], other[1], Position(session or "Đại biểu Quốc hội", None, rule=rules[1])
            # "Đại biểu Nguyễn Công Kích và Đặng Như Lợi bấm nút …", "các đại biểu A, B và C": all deputies
            for joined in (_joined_names(norm, m.start(), name[1], org_starts) if session and not later else []):
                yield joined[0], joined[1], Position(session, None, rule=rules[1])
            continue
        if assembly is None:
            assembly = _assembly_named(_with_title(doc))
        if assembly and not opens_title(_apposition(norm, name[1])):
            # "Đại biểu Nguyễn Anh Trí nêu rõ …" in an article that names the Assembly (or a council) but no session:
            # in the gold, "đại biểu" and a full name is a deputy 188 times in 190; a delegate to a meeting is named
            # with his office after the name ("đại biểu Nguyễn Văn A, Phó Chủ tịch UBND tỉnh"), which keeps him out
            yield name[0], name[1], Position(assembly, None, rule=rules[2])
    if not words and not _pattern("short_delegation").search(norm):
        return  # no "đại biểu", "ĐB" or "(đoàn X)": no deputy (and no need to read what session the article reports)
    if session is None:
        session = _session(_with_title(doc))
    if not session:
        return
    places = None
    for m in words:  # "đại biểu đoàn TP.HCM Nguyễn Tri Thức": the delegation before the name
        delegation = _DELEGATION_FIRST.match(norm, m.end())
        if delegation is None:
            continue
        places = places if places is not None else {place.start: place for place in doc.layers.places}
        place = places.get(delegation.end())
        if place is None or norm[place.end:place.end + 1] != " ":
            continue
        name = vietnamese_name(norm, place.end + 1, org_starts, after_title=True)
        if name is not None:
            yield name[0], name[1], Position(session, doc.span(delegation.start(), place.end).text, rule=rules[0])
    for m in _pattern("short_delegation").finditer(norm):  # the bracket marks a deputy, "đại biểu" or not
        name = _name_ending_at(norm, m.start(), org_starts)
        if name is not None:
            organization = doc.span(m.start("org"), m.end("org")).text
            yield name[0], name[1], Position(session, organization, rule=rules[0])
    for m in _pattern("deputy_after_name").finditer(norm):  # "Ông Phạm Văn Hòa, đại biểu tỉnh Đồng Tháp, lo ngại"
        name = _name_ending_at(norm, m.start(), org_starts)
        if name is not None:
            yield name[0], name[1], Position(session, None, rule=rules[1])


_DELEGATION_FIRST = compile_regex(r"[Đđ]oàn (?:ĐBQH )?(?:tỉnh |thành phố )?")
_NEXT_IN_LIST = compile_regex(r",? (?:và )?|; ")


def _listed_deputies(norm: str, end: int, org_starts) -> list[tuple[int, int]]:
    """The deputies listed after one written with the province they represent, each with theirs: "Các đại biểu Lê
    Văn Cuông (Thanh Hóa), Đoàn Minh Vượng (Tiền Giang), Nguyễn Văn Trì (Vĩnh Phúc)"."""
    found: list[tuple[int, int]] = []
    province = _pattern("deputy_province").match(norm, end)
    while province is not None and province.group(0).lstrip().startswith("("):
        separator = _NEXT_IN_LIST.match(norm, province.end())
        name = vietnamese_name(norm, separator.end(), org_starts, after_title=False) if separator else None
        province = _pattern("deputy_province").match(norm, name[1]) if name else None
        if province is None or not province.group(0).lstrip().startswith("("):
            break
        found.append(name)
    return found


_NAME_JOIN = compile_regex(r",? và |, ")
_PLURAL_BEFORE = compile_regex(r"(?:[Cc]ác|[Nn]hững|[Hh]ai|[Bb]a) $")


def _joined_names(norm: str, word: int, end: int, org_starts) -> list[tuple[int, int]]:
    """Full names joined right after a deputy's name: "đại biểu A và B"; after "các đại biểu" (``word``: where
    "đại biểu" starts) also by commas, "các đại biểu A, B và C" (after a singular "đại biểu" a list must close with
    "và")."""
    plural = _PLURAL_BEFORE.search(norm, max(0, word - 6), word) is not None
    names: list[tuple[int, int]] = []
    at = end
    while True:
        join = _NAME_JOIN.match(norm, at)
        name = vietnamese_name(norm, join.end(), org_starts, after_title=False) if join else None
        if name is None:
            return names if plural else []
        names.append(name)
        at = name[1]
        if "và" in join.group(0):
            return names


_TWO_WORDS = compile_regex(r"[A-ZĐ][^\W\d_]* [A-ZĐ][^\W\d_]*(?!\w| [A-ZĐ])")  # exactly two words


def _given_names(norm: str, at: int) -> tuple[int, int] | None:
    """Two capitalised words after "đại biểu" that end a full name the article writes elsewhere ("đại biểu Vân
    Chi" for "Nguyễn Vân Chi"): the deputy called by their given names."""
    m = _TWO_WORDS.match(norm, at)
    if m is None or not re.search(rf"(?<!\w)[A-ZĐ][^\W\d_]* {re.escape(m.group(0))}(?!\w)", norm):
        return None
    return m.start(), m.end()


def _delegation_after_titles(norm: str, end: int) -> re.Match[str] | None:
    """"đại biểu Thái Thu Xương - Phó Chủ tịch Thường trực Tổng Liên đoàn Lao động Việt Nam (Đoàn Hậu Giang)":
    the delegation bracket that closes the name's apposition, in the same sentence."""
    stop = _pattern("sentence_end").search(norm, end, end + 160)
    limit = stop.start() if stop else min(len(norm), end + 160)
    for pattern in ("deputy_delegation", "short_delegation"):
        found = _pattern(pattern).search(norm, end, limit)
        if found is not None and "(" not in norm[end:found.start()]:
            return found
    return None


_NAME_BEFORE = compile_regex(r"(?:[^\W\d_]+ ){1,3}[^\W\d_]+$")


def _name_ending_at(norm: str, end: int, org_starts) -> tuple[int, int] | None:
    """A Vietnamese name ending right at ``end`` ("... Thái Thu Xương" before its bracket)."""
    found = _NAME_BEFORE.search(norm, max(0, end - 40), end)
    if found is None:
        return None
    words = found.group(0).split(" ")
    at = found.start()
    for word in words:  # the longest capitalised run that is a name
        if word[:1].isupper():
            name = vietnamese_name(norm, at, org_starts, after_title=False)
            if name is not None and name[1] == end:
                honorific = _lexicon().honorific.match(norm, at)  # "Ông Phạm Văn Hòa": "Ông" is a surname too
                after = vietnamese_name(norm, honorific.end(), org_starts, after_title=False) if honorific else None
                return after if after is not None and after[1] == end else name
        at += len(word) + 1
    return None


def _assembly_named(text: str) -> str:
    """The assembly an article names anywhere, session or not: "Đại biểu Quốc hội", "Đại biểu HĐND TP.HCM" (the
    council as first written with its place), or ""."""
    if _pattern("assembly_named").search(text):
        return "Đại biểu Quốc hội"
    councils = [_without_holder(text, m.start("council"), m.end("council")).rstrip(".")
                for m in _pattern("council_named").finditer(text)]
    if not councils:
        return ""
    return f"Đại biểu {next((c for c in councils if ' ' in c), councils[0])}"  # the first written with its place


def _without_holder(text: str, start: int, end: int) -> str:
    """A council's name up to a person's name run into it ("HĐND thành phố Phạm Phương Thảo": "HĐND thành phố")."""
    for at in range(start, end):
        if text[at] == " " and text[at + 1:at + 2].isupper() and vietnamese_name(text, at + 1, {}, after_title=False):
            return text[start:at]
    return text[start:end]


_APPOSITION = compile_regex(r"\s*(?:,|[-–])\s*")


def _apposition(norm: str, end: int) -> str:
    """The words after a name's comma or dash ("" when none): where an office written after the name starts."""
    m = _APPOSITION.match(norm, end)
    return norm[m.end():m.end() + 80] if m else ""


def _with_title(doc: Document) -> str:
    """The article's title and text, where the assembly it reports is looked for."""
    return doc.norm if doc.title is None else f"{doc.title}\n{doc.norm}"


def _session(norm: str) -> str:
    """The assembly an article's "đại biểu" sit in: "Đại biểu Quốc hội", "Đại biểu HĐND TP HCM" (the council
    the session is named with), "Đại biểu HĐND", or "" (none)."""
    if _pattern("assembly_session").search(norm):
        return "Đại biểu Quốc hội"
    council = _pattern("council_session").search(norm)
    if council:
        return f"Đại biểu {council.group('council')}" if council.group("council") else "Đại biểu HĐND"
    return ""
