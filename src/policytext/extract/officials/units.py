"""The organisation written with a title: a gazetteer body right after it, or words the gazetteer does not
know up to the clause's end ("Giám đốc Bệnh viện Bạch Mai"), cut where another person, a dashed clause or
another title begins, and written back as the article writes it."""

from __future__ import annotations

import itertools
import re

from ...startcache import compile_regex
from ...document import Document
from ...layers.names import (
    inside_run,
    name_lexicon,
    surnames,
    vietnamese_name,
    woman_middle_name,
)
from ...layers.organizations import OrgMatch
from ...layers.places import country_name, is_compound, place_names
from ...layers.titles import opens_title, title_at
from ...match.gazetteer import lower_same_length
from .lexicon import (
    SAYING_VERBS,
    _ADMIN_WORDS,
    _BRACKETED,
    _CONNECTORS,
    _NAME_START,
    _OF,
    _REGION,
    _TAI,
    _lexicon,
    _Link,
)


def _known_org_after(norm: str, link: _Link, org_starts: dict[int, OrgMatch]) -> int:
    """Attach the gazetteer organisation the title names; returns where the link ends."""
    title = link.title
    t = title.title
    unit_start = title.org_from
    found: OrgMatch | None = None
    if unit_start is not None:
        inner = org_starts.get(unit_start)
        if inner is not None and inner.end > title.end:
            found = inner
    if found is None and title.end < len(norm) and norm[title.end] == " ":
        org = org_starts.get(title.end + 1)
        if org is not None and (org.kind != "ministry_field" or t.minister) and \
                not (org.kind == "country" and t.unit):  # "Trưởng ban Pháp chế" heads no French body
            found = org
    country_word = None
    if found is None and norm.startswith(" nước ", title.end):
        country = org_starts.get(title.end + len(" nước "))  # "Phó Thủ tướng nước Trung Quốc Huang Ju"
        if country is not None and country.kind == "country":
            found, country_word = country, title.end + 1
    if found is None:
        # "Phát ngôn viên của Nhà Trắng", "Giám đốc của Sở Y tế là ông A": the body after "của" (no country: "Tổng
        # thống của Mỹ" is written so rarely that "của" there more often starts the next phrase)
        of = _OF.match(norm, title.end)
        found = org_starts.get(of.end()) if of and of.group(0) == " của " else None
        if found is not None and found.kind in ("country", "ministry_field"):
            found = None
    if found is None:
        return title.end
    end = found.end
    region = _REGION.match(norm, end)
    if region:
        end = region.end()  # "Kho bạc Nhà nước khu vực XII", the regional units of 2025
    elif found.kind not in ("country", "ministry_field"):
        end = _past_branch(norm, end)
    of = _OF.match(norm, end)  # "Ủy ban Pháp luật của Quốc hội"
    if of and of.end() in org_starts:
        end = org_starts[of.end()].end
    elif found.kind == "agency" and norm[end:end + 1] == " ":
        parent = org_starts.get(end + 1)  # "Cục Xúc tiến thương mại Bộ Công Thương": the agency's ministry
        if parent is not None and parent.kind == "ministry":
            end = parent.end
    if found.kind == "ministry_field" and norm[end:end + 1] == " ":
        country = org_starts.get(end + 1)
        if country is not None and country.kind == "country" and country.name != "Việt Nam":
            end, link.abroad = country.end, True  # "Bộ trưởng Ngoại giao Hoa Kỳ"
    if found.kind in ("country", "international"):
        tai = _TAI.match(norm, end)
        if tai and tai.end() in org_starts:
            end = org_starts[tai.end()].end  # "Đại sứ Việt Nam tại Nhật Bản", "Ngân hàng Thế giới tại Việt Nam"
    link.org_start = unit_start if unit_start is not None and found.start > unit_start else country_word or found.start
    link.org_end, link.kind = end, found.kind
    link.org_name = found.name if found.kind != "ministry_field" else None
    return end


def _past_branch(norm: str, end: int) -> int:
    """"Giám đốc Ngân hàng Nhà nước chi nhánh TP HCM Trần Ngọc Minh": a body's branch in a province or city (a
    listed place) goes with the body; the name follows it."""
    branch = _BRANCH.match(norm, end)
    return (listed_place_end(norm, branch.end()) or end) if branch else end


def listed_place_end(norm: str, at: int) -> int | None:
    """Where a listed province, city or country of one to three words written at ``at`` ends, or None."""
    words = norm[at:at + 40].split(" ")
    for n in (3, 2, 1):
        place = " ".join(words[:n]).rstrip(",.;:")
        if place in place_names():
            return at + len(place)
    return None


_BRANCH = compile_regex(r" [Cc]hi nhánh (?:tại )?(?:(?:[Tt]ỉnh|[Tt]hành phố|TP\.?) ?)?")


_JOINED_PERSON = compile_regex(r"(?<!\w)(?:và|cùng|với)(?: [^\W\d_A-ZĐ][^\W\d_]*){0,2} $")


def _names_someone(norm: str, start: int, end: int, org_starts) -> bool:
    """Another person joined inside ``norm[start:end]`` ("phòng điều vận và Lâm Ngọc Kiệt", "... và trung
    úy Trương Ngọc Long"); not a name an organisation carries ("THPT Ngô Thời Nhiệm")."""
    for m in _NAME_START.finditer(norm, start, end):
        if norm[m.start()].isupper() and not inside_run(norm, m.start()) and \
                _JOINED_PERSON.search(norm, max(start, m.start() - 30), m.start()):
            name = vietnamese_name(norm, m.start(), org_starts, after_title=False)
            if name is not None and name[1] <= end:
                return True
    return False


def _before_someone_else(norm: str, start: int, end: int, org_starts) -> tuple[int, int] | None:
    """An organisation's words up to another person joined to them: "phòng điều vận" of "trưởng phòng
    điều vận và Lâm Ngọc Kiệt"."""
    for m in _NAME_START.finditer(norm, start, end):
        joined = _JOINED_PERSON.search(norm, max(start, m.start() - 30), m.start())
        if norm[m.start()].isupper() and not inside_run(norm, m.start()) and joined and \
                vietnamese_name(norm, m.start(), org_starts, after_title=False) is not None:
            cut = joined.start() - 1
            return (start, cut) if cut > start else None
    return start, end


_COMMA_THEN_PARENT = compile_regex(r", ([^,.;:()\n\d]{1,60}?) (?:thuộc|của) ")
# a parent body after a comma, closing the apposition: punctuation or a verb of saying follows (not "Theo ông A, Giám
# đốc Trung tâm X, Sở Y tế sẽ …", where the body opens a clause of its own)
_PARENT_KINDS = frozenset({"ministry", "local", "department", "agency"})
_PARENT_CLOSED = compile_regex(rf"[,.;:)]|$| (?:{SAYING_VERBS})(?!\w)")


def _through_comma_to_parent(norm: str, end: int, titles, org_starts) -> int:
    """"vụ 4, Thanh tra khiếu tố địa phương thuộc Thanh tra Chính phủ": an organisation whose name goes
    on past a comma to the known body it belongs to (not to another title); returns where it ends."""
    parent = org_starts.get(end + 2) if norm.startswith(", ", end) else None
    if parent is not None and parent.kind in _PARENT_KINDS and _PARENT_CLOSED.match(norm, parent.end):
        return parent.end  # "ông A, Phó cục trưởng Cục Dân số, Bộ Y tế, cho biết": a parent after a comma (E1)
    m = _COMMA_THEN_PARENT.match(norm, end)
    if not m or not m.group(1)[:1].isupper() or title_at(norm, m.start(1), titles) is not None:
        return end
    if _lexicon().generic_end.search(" " + m.group(1)):
        return end  # "Ban quản lý dự án đường sắt, Chính phủ đã đồng ý ... của ADB": a new clause, no parent
    parent = org_starts.get(m.end())
    return parent.end if parent is not None else end


def parent_after_comma(norm: str, comma: int, org_starts) -> int | None:
    """Where a ministry or a province's or city's committee written right after a comma ends, when a capitalised
    word follows it (the holder's name: "Phó cục trưởng Cục Dân số, Bộ Y tế Phạm Vũ Hoàng"), else None."""
    parent = org_starts.get(comma + 2) if norm.startswith(", ", comma) else None
    if parent is None or parent.kind not in ("ministry", "local"):
        return None
    return parent.end if norm[parent.end:parent.end + 1] == " " and norm[parent.end + 1:parent.end + 2].isupper() \
        else None


def _generic_org(norm: str, pos: int, link: _Link) -> tuple[int, int] | None:
    """An organisation the gazetteer does not know, written right after a title up to the clause's end."""
    lex = _lexicon()
    limit = min(len(norm), pos + 100)
    stop = lex.generic_end.search(norm, pos - 1, limit)
    while stop and stop.group(0) == ";" and norm.endswith("&amp", 0, stop.start()):
        stop = lex.generic_end.search(norm, stop.end(), limit)  # "báo Khoa Học &amp; Đời Sống": an escaped "&"
    end = max(pos, stop.start()) if stop else limit
    text = _until_proper_noun_ends(_before_joined_name(_before_dashed_clause(_before_dashed_title(norm[pos:end]))))
    text = text.rstrip(" -–")
    alone = lex.unit_alone.match(text)
    if alone and not text[alone.end() + 1:alone.end() + 2].isupper():
        text = text[:alone.end()]  # "Hiệu trưởng nhà trường đón chúng tôi …": the school, then the clause
    while text.rsplit(" ", 1)[-1] in _CONNECTORS and " " in text:
        text = text.rsplit(" ", 1)[0].rstrip(" -–")  # "Hiệu trưởng ĐH An Giang và ông ..."
    if not text and link.title.title.org_in_match and link.title.org_from is not None:
        return link.title.org_from, link.title.end  # "Chủ tịch Hội đồng quản trị cho biết"
    if not text or not _organization_length_ok(text):
        return None
    if not _may_open_organization(text, link):
        return None
    return pos, pos + len(text)


_DASH = compile_regex(r" [-–] (?=\w)")
_GLUED_DASH = compile_regex(r" [-–](?=[^\W\d_])")


def _before_dashed_clause(text: str) -> str:
    """Words up to the dash that closes a name's apposition: a dash right after the title ("ông Võ Phi Dũng -
    Trưởng phòng - phân bua"), a dash after the name's proper-noun end followed by lower-case words only
    ("Phó Ban kinh tế và ngân sách HĐND TP - đồng tình", "Đội PCCC Q.9 - người chỉ huy"), or a dash then a
    word that goes on with the sentence ("công ty khí - đại diện chủ đầu tư dự án LPG"). A dash joining two
    fields of one body stays ("Sở Tài nguyên - môi trường Bình Dương", "Vụ ĐH - sau ĐH")."""
    if text[:2] in ("- ", "– "):
        return ""
    glued = next((m for m in _GLUED_DASH.finditer(text) if text[m.end()].islower()), None)
    if glued:  # "báo Tuổi Trẻ -cảm ơn …": the apposition's closing dash, its space lost
        text = text[:glued.start()]
    for dash in _DASH.finditer(text):
        rest = text[dash.end():]
        if name_lexicon().honorific_search.match(rest + " "):
            return text[:dash.start()]  # "Giám đốc bệnh viện Đa khoa Lâm Đồng - BS Nguyễn Bá Hy -": the holder's degree
        if not rest[:1].islower():
            continue
        before = text[:dash.start()].rsplit(" ", 1)[-1]
        proper_end = before[:1].isupper() or any(c.isdigit() for c in before)
        if _lexicon().dash_clause.match(rest) or proper_end and not any(w[:1].isupper() for w in rest.split(" ")):
            return text[:dash.start()]
    return text


_AND_NAME = compile_regex(r" (?:và|cùng|với) ((?:[^\W\d_]+ ){1,3}[^\W\d_]+)")


def _before_joined_name(text: str) -> str:
    """Words up to "và" and another person's name ("Công ty Địa ốc Gò Môn và Lê Minh Châu nguyên Giám đốc ...")."""
    for m in _AND_NAME.finditer(text):
        words = m.group(1).split(" ")
        run = list(itertools.takewhile(lambda w: w[:1].isupper(), words))
        if 2 <= len(run) <= 4 and run[0] in surnames() and (len(run) == len(words) or len(run) < 4):
            return text[:m.start()]
    return text


def _before_dashed_title(text: str) -> str:
    """Words up to a dash that opens another title or a number ("Ban Thường vụ - Trưởng Ban Tư tưởng ...",
    "huyện Phú Quốc - 5 năm tù")."""
    for dash in _DASH.finditer(text):
        rest = text[dash.end():]
        if rest[:1].isdigit() or opens_title(rest):
            return text[:dash.start()]
    return text


def _organization_length_ok(text: str) -> bool:
    """Up to 20 syllables: "Cục CSĐT tội phạm về trật tự quản lý kinh tế và chức vụ", "Cục Y tế dự phòng và Phòng
    chống HIV/AIDS - Bộ Y tế" (a clause verb or a dash before another title has ended it already)."""
    return len([w for w in text.split() if w not in ("-", "–")]) <= 20


def _may_open_organization(text: str, link: _Link) -> bool:
    """Words after a title that can be its organisation: a name, a unit word ("phòng kế hoạch"), or,
    after a title whose unit word it left out, words that go on to a name ("Đội trưởng chống lậu Cục
    Hải quan Lạng Sơn" -> "Đội chống lậu Cục Hải quan Lạng Sơn")."""
    t = link.title.title
    lex = _lexicon()
    words = text.split(" ")
    if woman_middle_name(words) and all(w[:1].isupper() for w in words):
        return False  # "Bí thư Phan Đình Phùng, Chủ tịch Ca Tông Thị Mến": the next holder's name, not a body
    if text[0].isupper() or lex.unit_start.match(text) or lex.foreign_unit.match(text) or \
            link.title.org_from is not None:
        return True
    first_name = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
    if t.minister and first_name in (1, 2, 3) and \
            any(country_name(" ".join(words[first_name:k])) for k in range(first_name + 1, first_name + 4)):
        return True  # "Bộ trưởng năng lượng Ukraine Olga Bohuslavets": a foreign ministry's field, lower case
    if not t.unit or t.unit_in_title:
        return False
    # "Phó Đội trưởng và trung úy Trương Ngọc Long": the words after the title go on to someone else
    if first_name is None or any(w in _CONNECTORS or w in ("cùng", "với") for w in words[:first_name]):
        return False
    # "đội trưởng lái máy Nguyễn Trọng Hội": the capitalised words are the next person's name, not a body's
    rest = words[first_name:]
    return not (2 <= len(rest) <= 4 and rest[0] in surnames() and all(w[:1].isupper() for w in rest))


def _until_proper_noun_ends(text: str) -> str:
    """"Trung tâm Y tế huyện Bình Chánh tổng kết": an organisation's name ends with its place; the
    lower-case word after a place ("huyện Bình Chánh", "Hà Nội") starts the rest of the sentence."""
    places = _lexicon().places
    words = text.split(" ")
    run_start = None
    for i, word in enumerate(words):
        if i > 0 and word[:1].isupper():
            run_start = i if run_start is None else run_start
            continue
        # a connector after a place ends the name too when a lower-case word follows it ("Chi nhánh Hà Tĩnh
        # và toàn bộ phương án ..."), not when the name goes on ("Sở Nội vụ Hà Nội và Hưng Yên")
        lower_next = word in _CONNECTORS and i + 1 < len(words) and not words[i + 1][:1].isupper()
        if run_start is not None and (word not in _CONNECTORS or lower_next):
            run = words[run_start:i]
            ends_with_place = any(" ".join(run[k:]) in places for k in range(len(run))) and \
                not is_compound(run[-1], word)  # "Vụ Pháp chế": no France
            if ends_with_place or words[run_start - 1] in _ADMIN_WORDS or run[0] in _ADMIN_WORDS:
                return " ".join(words[:i])
        run_start = None
    return text


def body_after_name(norm: str, link: _Link, name_end: int, org_starts: dict[int, OrgMatch]) -> None:
    """"Người phát ngôn Esmail Baghaei của Bộ Ngoại giao Iran": a title that needs a body and has none before the name
    takes the known body written right after it with "của" (and a country after a ministry's name)."""
    if link.org_start is not None or not link.title.title.needs_org or not norm.startswith(" của ", name_end):
        return
    found = org_starts.get(name_end + len(" của "))
    if found is None or found.kind in ("country", "ministry_field"):
        return
    end = found.end
    country = org_starts.get(end + 1) if norm[end:end + 1] == " " else None
    if country is not None and country.kind == "country":
        end, link.abroad = country.end, True
    link.org_start, link.org_end, link.kind, link.org_name = found.start, end, found.kind, found.name


def _set_generic(link: _Link, start: int, end: int) -> None:
    link.org_start = link.title.org_from if link.title.org_from is not None else start
    link.org_end = end


def _joined_tail(text: str) -> bool:
    """"và", "cùng" or "với" then only lower-case words up to the end: another person joins the clause."""
    words = text.split(" ")
    for i in range(len(words) - 1, -1, -1):
        if words[i] in ("và", "cùng", "với"):
            return True
        if words[i][:1].isupper() or words[i][:1].isdigit():
            return False
    return False


def _organization_text(doc: Document, link: _Link) -> str | None:
    """The organisation as written (original text), in gazetteer casing when it is a gazetteer name."""
    t = link.title.title
    if link.org_start is None:
        return t.organization
    written = _BRACKETED.sub("", doc.span(link.org_start, link.org_end).text)  # abbreviations in brackets go
    written = written.rstrip(".")  # "Sở Tài chính TP. Bà Hồng nêu": the sentence's dot
    if link.kind == "ministry_field" or link.kind is None and link.abroad and t.minister and \
            not lower_same_length(written).startswith("bộ "):
        return f"Bộ {written}"  # "Bộ trưởng Tài chính" -> "Bộ Tài chính", "Bộ trưởng Năng lượng Philippines"
    if link.org_name and lower_same_length(written) == lower_same_length(link.org_name):  # casing only; tone style as written
        written = link.org_name
    first_word = written.split(" ", 1)[0]
    abbreviation = len(first_word) > 2 and first_word.isupper() and first_word.isalpha()  # "VKSND": the unit is in it
    if t.unit and link.kind is None and not t.unit_in_title and not abbreviation and \
            not lower_same_length(written).startswith(lower_same_length(t.unit)):
        written = f"{t.unit} {written}"  # "Cục phó Thú y" -> "Cục Thú y"
    elif t.unit_in_title and written[:1].islower():
        written = written[0].upper() + written[1:]
    return written


# "Đoàn công tác X do …", "Ban Pháp chế do bà A làm Trưởng ban", "Đoàn ĐBQH TP.HCM có ông B làm Trưởng đoàn"
# (the dot of "TP.HCM" is no sentence end)
_UNIT_DO = compile_regex(r"(?:^|[\s(“\"])({unit} (?:[^.;:!?\n]|\.(?=\S)){{3,90}}?),? (?:do|(?<!gồm )có) (?=[^.;!?\n]*$)")
_UNIT_REACH = 250  # characters before the title where the unit it heads may be named


def unit_led_span(norm: str, title_start: int, unit: str) -> tuple[int, int] | None:
    """Where the unit ("Ban", "Đoàn" …) led by the holder of a title at ``title_start`` is named before it in the same
    sentence, "<unit …> do/có <holder> làm <title>" ("Ban Pháp chế do bà A làm Trưởng ban"): its span, or None."""
    pattern = compile_regex(_UNIT_DO.pattern.format(unit=re.escape(unit)))
    found = None
    for found in pattern.finditer(norm, max(0, title_start - _UNIT_REACH), title_start):
        pass
    if found is None:
        return None
    start, end = found.span(1)
    members = norm.find(" gồm ", start, end)  # "Ban lễ tang … gồm 34 thành viên, do …": its members are no part of it
    return start, members if members > 0 else end


def past_portfolio(norm: str, pos: int) -> int:
    """After a foreign or international body, the portfolio its office holds ("phụ trách các vấn đề nội vụ và di cư",
    "về chính sách đối ngoại": words in lower case) up to the holder's name, which it skips (the body stays as
    written: decision on trailing descriptors); else ``pos``."""
    acronym = ACRONYM_IN_BRACKETS.match(norm, pos)  # "Đặc phái viên Liên hợp quốc (LHQ) về Myanmar, bà Julie Bishop"
    lead = _PORTFOLIO_LEAD.match(norm, acronym.end() if acronym else pos)
    if lead is None:
        return pos
    at = lead.end()
    for _ in range(10):
        word = _WORD.match(norm, at)
        if word is None:
            return pos
        if word.group()[0].isupper():
            if at == lead.end():  # "về Myanmar, bà …": a place the portfolio is about, then a comma
                place = _CAPITALISED_BEFORE_COMMA.match(norm, at)
                return place.end() if place else pos
            return at - 1 if at - 1 > lead.end() else pos
        at = word.end() + 1
        if norm[word.end():at] != " ":
            return pos
    return pos


_PORTFOLIO_LEAD = compile_regex(r" (?:phụ trách|về) ")
ACRONYM_IN_BRACKETS = compile_regex(r" \([A-Z]{2,6}\)")  # a body's acronym after its name: " (LHQ)", " (SICA)"
_CAPITALISED_BEFORE_COMMA = compile_regex(r"[A-ZĐ][^\W\d_]*(?: [A-ZĐ][^\W\d_]*){0,2}(?=, )")
_WORD = compile_regex(r"[^\W\d_]+")
