"""Appositions: whether a title stands in apposition to a name written before it ("ông A, Giám đốc …"), and what
the apposition after a foreign-looking name shows about the office: a foreign country or a foreign or international
body named in it, or a title of a government's body (rule name-then-titles, veto foreign-name-needs-foreign-office)."""

from __future__ import annotations

from ...document import Document
from ...layers.names import FOREIGN_FORM, surnames
from ...startcache import compile_regex
from .lexicon import _lexicon, _Link


_APPOSITION_END = compile_regex(r"[,.;:!?\n]")


def country_in_apposition(doc: Document, name_end: int) -> bool:
    """A foreign country or a foreign or international body named in the apposition after a name, up to its
    closing comma ("John Kirby, người phát ngôn Hội đồng An ninh Quốc gia Mỹ,", "Harry Roque, phát ngôn viên của
    Tổng thống Philippines,", "Amir Ali Hajizadeh, Tư lệnh lực lượng Không quân IRGC,"): the office is abroad,
    though the gazetteer does not know the body."""
    first = doc.norm.find(",", name_end, name_end + 3)
    if first < 0:
        return False
    close = _APPOSITION_END.search(doc.norm, first + 1, first + 120)
    end = close.start() if close else first + 120
    return any(p.kind == "country" and p.canonical != "Việt Nam" and first < p.start and p.end <= end
               for p in doc.layers.places) or \
        any(o.kind in ("foreign", "international") and first < o.start and o.end <= end
            for o in doc.layers.organizations)


def government_body_office(norm: str, links: list[_Link]) -> bool:
    """A title whose organisation opens with a government body's word ("Cơ quan Bảo vệ Dân sự Sicily", "Phòng
    Điều tra Tai nạn Hàng hải"): no company's office, whoever holds it."""
    body = _lexicon().government_body
    if any(l.org_start is not None and _COMPANY_WORD.search(norm, l.org_start, l.org_end) for l in links):
        return False  # "Chủ tịch Ủy ban điều hành kiêm Tổng giám đốc Tập đoàn WHA": a company's board
    return any(l.org_start is not None and body.match(norm, l.org_start) for l in links)


_COMPANY_WORD = compile_regex(r"(?<!\w)(?:[Cc]ông ty|[Tt]ập đoàn|[Hh]ãng|[Dd]oanh nghiệp)(?!\w)")


# (or a dash: "ông Phạm Hùng - Tổng giám đốc Tổng công ty Lắp máy Việt Nam, ông Nguyễn Vĩnh Nghiệp - Chủ tịch …")
# (a former office too: "ông Phạm Thái Hà, cựu Trợ lý …")
_NAME_THEN_COMMA = compile_regex(r"((?:[^\W\d_]+ ){1,3}[^\W\d_]+)(?:,| [-–]) (?:nguyên |cựu )?$")
# "ông A, " (a former office too: "ông A, nguyên phó chủ tịch …"): a person introduced by an honorific, not an office
_HONORIFIC_NAME_THEN_COMMA = compile_regex(r"(?<!\w)(?:[Ôô]ng|[Bb]à) ((?:[^\W\d_]+ ){0,3}[^\W\d_]+), "
                                           r"(?:nguyên |cựu |hiện là |là )?$")
HONORIFIC_JUST_BEFORE = compile_regex(r"(?<!\w)(?:[Ôô]ng|[Bb]à) $")


def after_honorific_apposition(norm: str, start: int) -> bool:
    """"ông A, " right before ``start``, every word of A capitalised."""
    m = _HONORIFIC_NAME_THEN_COMMA.search(norm, max(0, start - 48), start)
    return m is not None and all(w[:1].isupper() for w in m.group(1).split(" "))


def _after_named_apposition(norm: str, start: int) -> bool:
    """A person's name and a comma (or a dash) right before ``start``: the title there is in apposition to them."""
    m = _NAME_THEN_COMMA.search(norm, max(0, start - 40), start)
    if m is None:
        return False
    words = m.group(1).split(" ")
    for i in range(len(words) - 1):
        if words[i] in surnames() and all(w[:1].isupper() for w in words[i:]):
            return True
        run = " ".join(words[i:])
        run_start = m.start(1) + len(" ".join(words[:i])) + (1 if i else 0)
        if (i == 0 or not words[i - 1][:1].isupper()) and FOREIGN_FORM.fullmatch(run) and \
                run not in _lexicon().places:
            # "Yang Mee Eng, Giám đốc điều hành Asean Foundation, nói"; not "theo tờ Kyiv Independent, …"
            return not _lexicon().publication_before.search(norm, max(0, run_start - 16), run_start)
    return False
