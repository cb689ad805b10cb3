"""Positions that are no public office: jobs in private companies (unless the text shows the company
state-owned), neighbourhood volunteers, titles that need an organisation and have none."""

from __future__ import annotations

import re

from ...startcache import compile_regex
from ...document import Document
from ...layers.names import VIETNAMESE_SHAPE
from ...layers.organizations import organization_entry
from ...model import Position
from ...text.normalize import normalize_string
from ...rules import rule_book
from .lexicon import _PARENT_KINDS, _PRIVATE, _SHARED_KINDS, _lexicon, _Link
from .canonical import written_span
from .units import _organization_text, unit_led_span

RULES = rule_book("officials")
NEEDS_ORGANIZATION = RULES.veto("needs-organization")
_PLURAL_LIST = RULES.rule("plural-title-list")
PRIVATE_COMPANY = RULES.veto("private-company")
NOT_AN_OFFICE = RULES.veto("not-an-office")
CANDIDATE = RULES.veto("candidate-for-office")
HOME_LEADER_WORD = RULES.veto("leader-word-at-home")
_CANDIDATE = compile_regex(r"(?<!\w)(?:[Ứứ]ng (?:cử )?viên|ỨNG (?:CỬ )?VIÊN) $")


_VIETNAMESE_PLACE_WORD = compile_regex(r"(?:xã|phường|thị trấn|thị xã|huyện|quận|tỉnh|thành phố|TP)(?!\w)", re.IGNORECASE)
_FOREIGN_PARTY = compile_regex(r"Đảng (?!Cộng sản Việt Nam)[A-ZĐ]")


def _abroad(doc: Document, link: _Link) -> bool:
    """The title's organisation is abroad: a foreign country or a foreign or international body, by the
    gazetteer or by a foreign country's name inside it, or a party other than Vietnam's ("Đảng Dân chủ Mới")."""
    if link.org_start is not None and _VIETNAMESE_PLACE_WORD.match(doc.norm, link.org_start):
        return False  # "lãnh đạo xã Nga My": a commune, though its name is a country's
    if link.abroad or link.kind in ("country", "foreign", "international"):
        return True
    if link.org_start is None or link.kind is not None:
        return False
    return bool(_FOREIGN_PARTY.match(doc.norm, link.org_start)) or \
        doc.norm[link.org_start].isupper() and \
        any(p.kind == "country" and p.canonical != "Việt Nam" and link.org_start <= p.start and p.end <= link.org_end
            for p in doc.layers.places)


def _positions(doc: Document, links: list[_Link], private_article: bool, rule: str) -> list[Position]:
    """Valid positions of a chain, each marked with ``rule``: ranks dropped, private and
    organisation-less ones checked (the vetoes are recorded in ``doc.trace``)."""
    lex = _lexicon()
    out: list[Position] = []
    parent = next((l for l in links if l.kind in _PARENT_KINDS), None)
    in_former_period = False  # "…, trong thời gian giữ chức vụ X, Y": X and Y were held before
    for i, link in enumerate(links):
        t = link.title.title
        if t.rank:
            continue
        if _CANDIDATE.search(doc.norm, max(0, link.title.start - 16), link.title.start):
            doc.trace.veto(CANDIDATE, link.title.start, link.title.end, t.title)
            continue  # "Ứng viên tổng thống khi đó là Donald Trump": running for the office, not holding it
        if t.abroad_only and not _abroad(doc, link):
            doc.trace.veto(HOME_LEADER_WORD, link.title.start, link.org_end or link.title.end, t.title)
            continue  # "lãnh đạo Bộ Công an Nguyễn Văn A": a leader of the ministry, no office's name
        before = max(0, link.title.start - 40), link.title.start
        in_former_period = in_former_period or bool(lex.former_period.search(doc.norm, *before))
        former = in_former_period or bool(lex.former.search(doc.norm, *before))
        organization = _organization_text(doc, link)
        following = links[i + 1] if i + 1 < len(links) else None
        written = written_span(doc, link.org_start, link.org_end)
        if organization is None and following is not None and following.after_kiem and \
                following.org_start is not None and following.kind in _SHARED_KINDS:
            organization = _organization_text(doc, following)  # "Chủ tịch kiêm Tổng Giám đốc Viettel"
            written = written_span(doc, following.org_start, following.org_end)
        if organization is None and t.unit:
            organization = _unit_led_before(doc, link, t.unit)  # "Đoàn công tác … do … X làm trưởng đoàn"
        if organization is None:
            if t.public_only and lex.company_function.match(doc.norm, link.title.end):
                doc.trace.veto(PRIVATE_COMPANY, link.title.start, link.title.end, t.title)
                continue  # "giám đốc kinh doanh Hệ thống Trường Việt Mỹ": a company's job
            if lex.not_office.match(doc.norm[link.title.end + 1:link.title.end + 41]):
                doc.trace.veto(NOT_AN_OFFICE, link.title.start, link.title.end, t.title)
                continue  # "chủ nhiệm đề tài nghiên cứu này": a research project's lead, in lower case
            # (the members listed under a plural title hold it in the body the sentences before name: "Các Ủy
            # viên khác gồm bà A, ông B" in an article on a council)
            listed = rule == _PLURAL_LIST and not t.public_only
            if (t.needs_org and not listed) or (t.public_only and not t.alone_ok and private_article):
                doc.trace.veto(NEEDS_ORGANIZATION, link.title.start, link.title.end, t.title)
                continue
        elif link.kind is None and t.public_only and lex.company_function.match(" " + organization.lower()):
            doc.trace.veto(PRIVATE_COMPANY, link.title.start, link.org_end or link.title.end, organization)
            continue  # "PGĐ Kinh doanh Vàng Bảo tín Minh Châu": a company's job, the function capitalised
        elif t.known_org_only and link.kind is None:
            doc.trace.veto(NEEDS_ORGANIZATION, link.title.start, link.org_end or link.title.end, t.title)
            continue  # "Phụ trách Bộ phận vé": in charge of a ticket desk, no office
        elif link.kind is None and (t.public_only and lex.private_heads.search(organization) or
                                    link.org_start is not None and
                                    _private_unit(doc.norm, doc.norm[link.org_start:link.org_end])) and \
                not (link.org_start is not None and _state_company(doc.norm, link.org_start, link.org_end)):
            doc.trace.veto(PRIVATE_COMPANY, link.title.start, link.org_end or link.title.end, organization)
            out.append(Position(link.title.text, _PRIVATE, former, rule))  # the bare title elsewhere is this job
            continue
        elif link.kind is None and lex.not_office.search(organization):
            doc.trace.veto(NOT_AN_OFFICE, link.title.start, link.org_end or link.title.end, organization)
            continue  # "tổ trưởng tổ dân phố": a neighbourhood volunteer, not an office
        entry = organization_entry(link.org_name or "")
        if entry is not None and entry.incomplete and parent is not None and parent is not link:
            organization = f"{organization} {_organization_text(doc, parent)}"  # "Ban cán sự Đảng Bộ Công Thương"
        elif organization is not None and normalize_string(organization).casefold() in _PARTY_COMMITTEES:
            organization = _completed_committee(doc, organization, links, link, parent)
        out.append(Position(link.title.text, organization, former, rule, **written))
    return out


_PARTY_COMMITTEES = frozenset({"tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy", "đảng ủy"})
_LOCAL_HEAD = compile_regex(r"(?:UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân|Ủy ban MTTQ Việt Nam|UBMTTQ|"
                         r"Ủy ban Mặt trận Tổ quốc Việt Nam|Công an) ")
_BARE_ADMIN = compile_regex(r"(?:TP|Tp|TX|TT|T\.P)\.?")
_ADMIN_BEFORE_PLACE = compile_regex(r"(?:tỉnh|thành phố|TP\.?) (?=\S)", re.IGNORECASE)


def _completed_committee(doc: Document, committee: str, links: list[_Link], link: _Link, parent) -> str:
    """"Phó bí thư Thành ủy, Chủ tịch UBND TP Hà Nội" -> "Thành ủy Hà Nội"; "Bí thư Đảng ủy, Bộ trưởng Bộ
    Tư pháp" -> "Đảng ủy Bộ Tư pháp": a Party committee named alone, completed with the place or the
    ministry another office of the same chain names (as "Ban cán sự Đảng Bộ Công Thương")."""
    if normalize_string(committee).casefold() == "đảng ủy" and parent is not None and parent is not link:
        return f"{committee} {_organization_text(doc, parent)}"
    places = _lexicon().places
    for other in links:
        if other is link or other.org_start is None or other.kind != "local":
            continue
        written = _organization_text(doc, other) or ""
        head = _LOCAL_HEAD.match(written)
        if head is None:
            continue
        place = written[head.end():]
        if not any(c.isupper() for c in place) or _BARE_ADMIN.fullmatch(place):
            continue  # "HĐND tỉnh", "UBND TP": the article's province, no name to add
        admin = _ADMIN_BEFORE_PLACE.match(place)
        if admin and place[admin.end():] in places:
            place = place[admin.end():]  # "UBND TP Hà Nội" -> "Hà Nội"; "HĐND TP.HCM" stays "TP.HCM"
        return f"{committee} {place}"
    for other in links:  # "Bí thư tỉnh ủy, Trưởng đoàn đại biểu Quốc hội khóa XV tỉnh Tuyên Quang"
        written = _organization_text(doc, other) if other is not link and other.org_start is not None else None
        tail = _PLACE_TAIL.search(written or "")
        if tail is not None and tail.group(1) in places:
            return f"{committee} {tail.group(1)}"
    return committee


# a body of a province or a city named last in its name: "… tỉnh Tuyên Quang", "… thành phố Hà Nội"
_PLACE_TAIL = compile_regex(r"(?<!\w)(?:tỉnh|thành phố|TP\.?) ([A-ZĐ][^\W\d_]*(?: [A-ZĐ][^\W\d_]*){0,3})$")


def _unit_led_before(doc: Document, link: _Link, unit: str) -> str | None:
    """"Đoàn công tác Thường trực Tỉnh ủy Đắk Lắk do Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Bùi Văn Cường làm
    trưởng đoàn", "Ban Pháp chế do bà Phạm Quỳnh Anh làm Trưởng ban": the unit a "làm trưởng đoàn" heads, named
    before "do" (or "có") in the same sentence."""
    found = unit_led_span(doc.norm, link.title.start, unit)
    return doc.span(*found).text if found else None


_RESIDENTIAL_GROUP = compile_regex(r"tổ \d+$", re.IGNORECASE)
_CLAUSE_BREAK = compile_regex(r"[.;:!?\n]")


_COMPANY_INSIDE = compile_regex(r"(?<!\w)(?:công ty|Công ty|Cty|cty|CTY)(?!\w)")


_COMPANY_BEFORE = compile_regex(r"(?:công ty|Công ty|Cty|cty|CTY) $")


def _state_company(norm: str, start: int, end: int) -> bool:
    """A company written after a title (``norm[start:end]``) that the text shows to be state-owned: an
    ownership form or a public-utility sector in its name ("Công ty Cấp nước Sài Gòn"), a state parent
    ("Công ty Gốm xây dựng Hạ Long thuộc Tổng công ty Thủy tinh") or owner before it ("Tổng công ty X, "mẹ" của
    Công ty Y") wherever the article writes the company, or "doanh nghiệp nhà nước" later in the sentence.
    A private cue ("cổ phần", a TNHH that is not single-member, "tư nhân", "liên doanh") wins."""
    cues = _lexicon().state_company
    if norm[start:end].lower() in _BARE_COMPANY:
        return _article_company_is_state(norm)  # "Giám đốc công ty": the company the article is about
    organization = cues.single_member.sub(" ", norm[start:end])  # "TNHH MTV" is no private cue
    if not cues.enterprise.search(organization) or cues.private.search(organization):
        return False
    if cues.owned.search(organization) or cues.inner_parent.search(organization) or \
            cues.named_group.fullmatch(organization):
        return True  # ("Tập đoàn Viettel": a state group named after its enterprise word)
    name = norm[start:end]
    at = norm.find(name)
    while at >= 0:  # each place the article writes the company: "(thuộc Bộ Xây dựng)" may follow any of them
        if cues.parent.match(norm, at + len(name)) or cues.owner_before.search(norm, max(0, at - 160), at):
            return True
        at = norm.find(name, at + 1)
    sentence_end = _SENTENCE_END.search(norm, end, end + 160)
    return bool(cues.form.search(norm, end, sentence_end.start() if sentence_end else end + 160))


_SENTENCE_END = compile_regex(r"[.;!?\n](?!\w)")


_BARE_COMPANY = frozenset({"công ty", "cty", "công ty này"})


_NAMED_COMPANY = compile_regex(r"(?<!\w)(?:Công ty|Cty|CTY)(?= [^\W\d_])")


_COMPANY_CLAUSE_END = compile_regex(r"[,;:!?)\n]|\.(?!\w)")


def _article_company_is_state(norm: str) -> bool:
    """An article naming no private firm names a company shown to be state-owned ("Công ty Gốm xây dựng
    Hạ Long (thuộc Tổng công ty Thủy tinh và gốm xây dựng, Bộ Xây dựng)"): its bare "công ty" is that one."""
    if _lexicon().private_context.search(norm):
        return False
    for company in _NAMED_COMPANY.finditer(norm):
        stop = _COMPANY_CLAUSE_END.search(norm, company.end(), company.end() + 120)
        if _state_company(norm, company.start(), stop.start() if stop else company.end() + 120):
            return True
    return False


def _private_unit(norm: str, organization: str) -> bool:
    """A unit of a company ("Phòng thanh tra ... của công ty", "Công đoàn Công ty TNHH May", not "Tổng công ty"), a
    well-known private company ("Vingroup"), or a name the article writes as a company's elsewhere ("Giám đốc Phú An
    Sinh" after "Công ty Phú An Sinh", "Yteco" after "Công ty Cổ phần ... (Yteco)")."""
    for m in _COMPANY_INSIDE.finditer(organization):
        if not organization[:m.start()].lower().endswith("tổng "):
            return True
    if _lexicon().private_markers.search(organization):
        return True  # "ĐH dân lập Thăng Long"
    if _lexicon().private_companies.match(organization):
        return True  # "Chủ tịch Vingroup", "Tổng giám đốc ACB": a well-known private company (titles.yaml)
    if _lexicon().private_institutions.search(organization):
        return True  # "Trung tâm Sản Phụ khoa Bệnh viện Đa khoa Tâm Anh": a private hospital or school (titles.yaml)
    if _RESIDENTIAL_GROUP.match(organization):
        return True  # "tổ trưởng tổ 10, khu phố 4": a neighbourhood volunteer (kept out, like a company job)
    bracketed = f"({organization})"
    at = norm.find(bracketed)
    while at >= 0:
        clause = _CLAUSE_BREAK.split(norm[max(0, at - 100):at])[-1]
        if _lexicon().private_context.search(clause):
            return True  # "Công ty Cổ phần Xuất nhập khẩu y tế TP HCM (Yteco)" ... "Phó giám đốc Yteco"
        at = norm.find(bracketed, at + len(bracketed))
    words = organization.split(" ")
    if len(words) < 2 or not all(w[:1].isupper() and VIETNAMESE_SHAPE.fullmatch(w) for w in words) or \
            _lexicon().unit_start.match(organization.lower()):
        return False  # only a Vietnamese trade name; "PTSC", "Sinhanco" may be state-owned
    at = norm.find(organization)
    while at >= 0:
        if _COMPANY_BEFORE.search(norm, max(0, at - 8), at):
            return True
        at = norm.find(organization, at + 1)
    return False


def _without_private(positions: list[Position]) -> list[Position]:
    """Drop private jobs and the bare titles that stand for them ("Giám đốc Công ty X" ... "Giám đốc A")."""
    private = {p.title.casefold() for p in positions if p.organization == _PRIVATE}
    return [p for p in positions
            if p.organization != _PRIVATE and not (p.organization is None and p.title.casefold() in private)]
