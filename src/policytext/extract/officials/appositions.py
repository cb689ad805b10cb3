"""What the apposition after a foreign-looking name shows about the office: a foreign country or a foreign or
international body named in it, or a title of a government's body (rule name-then-titles, veto
foreign-name-needs-foreign-office)."""

from __future__ import annotations

from ...document import Document
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
