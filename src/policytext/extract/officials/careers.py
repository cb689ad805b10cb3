"""Career sentences: more offices of an official the article has already named, in a sentence whose subject
is "ông"/"bà" ("Ông là Ủy viên Trung ương Đảng khóa 13", "Ông Thái từng giữ các cương vị Ủy viên Ban Thường
vụ Tỉnh ủy, Phó bí thư …", "Tháng 9/2016, ông được bổ nhiệm giữ chức Phó tư lệnh Quân khu 2").

Who: "ông"/"bà" with a syllable that is a mention of exactly one official ("Ông Thái"), or "ông"/"bà" alone
when the first person named in the nearest sentence that names anyone (within a few sentences) is an official:
the subject of the story so far (a person named first there who holds no office stops it). What: the chains of
titles right after the verb of office (patterns/officials.yaml ``career_verb``), or after an explicit career
phrase later in the sentence (``career_verb_later``: "…, sau đó từng giữ các chức vụ …"), joined by commas,
"và" or ";"; bare titles before one with its organisation share it. "từng" ("used to") marks them former.
Nothing here makes a new official.
"""

from __future__ import annotations

import bisect
import re

from ...startcache import compile_regex
from ...document import Document
from ...layers.names import is_polite
from ...layers.titles import title_at
from ...model import Official
from ...text.normalize import normalize_string
from ...text.segment import split_sentences
from .chains import _complete_last, _read_chain
from .lexicon import officials_pattern
from .vetoes import _PARTY_COMMITTEES, _positions

MAX_SENTENCES_BACK = 3  # "Ông" refers to someone named in this or the last few sentences
# bodies a Party secretary's office can belong to: Party committees and cells, the Youth Union
_PARTY_BODY = compile_regex(r"(?i)ủy\b|Đảng|đoàn|chi bộ")


def career_positions(doc: Document, officials: list[Official], titles, org_starts, private_article: bool,
                     rule: str) -> list[tuple[Official, list]]:
    """(official, positions) for each career sentence about an official named before it."""
    norm = doc.norm
    mentions = sorted((*doc.normalised(m.start, m.end), i) for i, o in enumerate(officials) for m in o.mentions)
    if not mentions:
        return []
    people = _people_named(doc, mentions)
    subject, verb = officials_pattern("career_subject"), officials_pattern("career_verb")
    appointed = officials_pattern("career_appointed")
    sentences = doc.sentences or split_sentences(norm)  # a document made without segmenting has none yet
    found: list[tuple[Official, list]] = []
    ends = [end for _, end in sentences]
    for _, e, i in mentions:
        # "Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh được Ban Chấp hành Trung ương bầu làm Chủ nhiệm …": an official's
        # own mention, then the office given to them, up to the sentence's end
        v = appointed.match(norm, e)
        number = bisect.bisect_right(ends, e)
        if v is not None and number < len(sentences):
            positions, _ = _offices(doc, v, sentences[number][1], titles, org_starts, private_article, rule)
            if positions:
                found.append((officials[i], positions))
    for number, (start, end) in enumerate(sentences):
        m = subject.search(norm, start, min(end, start + 120))
        if m is None or (m.start() > start and not norm[start:m.start()].rstrip().endswith(",")):
            continue  # the subject opens the sentence or follows an opening clause ("Tháng 9/2016, ông …")
        who = _referent(norm, m, mentions, people, sentences, number)
        if who is None:
            continue
        v = verb.match(norm, m.end())
        if v is None or title_at(norm, v.end(), titles) is None:
            # "ông từng giữ nhiều trọng trách tại Thành đoàn và từng giữ các chức vụ: Bí thư, …"
            v = officials_pattern("career_verb_later").search(norm, m.end(), end)
        positions = []
        while v is not None:
            more, last = _offices(doc, v, end, titles, org_starts, private_article, rule)
            positions += more
            # "…, một năm sau được điều động giữ chức Phó bí thư Tỉnh ủy và được bầu làm Chủ tịch UBND tỉnh": the
            # sentence goes on to the next office given
            v = appointed.search(norm, last, end) if more else None
        if positions:
            found.append((officials[who], positions))
    return found


def _offices(doc: Document, v: re.Match[str], end: int, titles, org_starts, private_article: bool,
             rule: str) -> tuple[list, int]:
    """The offices a career verb ``v`` gives, up to the sentence's ``end``: positions and where they end."""
    norm = doc.norm
    title = title_at(norm, v.end(), titles)
    if title is None and norm.endswith(": ", 0, v.end()):
        # "từng kinh qua các chức vụ: Chuyên viên Ban …; Phó chánh Văn phòng Tỉnh ủy; …": a first item whose office
        # no title names is passed over
        title = _next_listed_office(norm, v.end(), end, titles)[0]
    positions, pending, chain_end = [], [], v.end()
    while title is not None:
        links, chain_end = _read_chain(norm, title, titles, org_starts, after_name=True)
        chain_end = _complete_last(norm, links, chain_end, titles, org_starts)
        pending += links
        tail = officials_pattern("career_next").match(norm, chain_end)
        title = title_at(norm, tail.end(), titles) if tail and tail.end() < end else None
        if title is None and ";" in norm[v.end():chain_end + 2]:
            title, tail = _next_listed_office(norm, chain_end, end, titles)
        if title is None or not _THEN.match(tail.group(0)):  # "phó giám đốc rồi giám đốc Sở X": one body
            _share_organizations(norm, pending)
            positions += _positions(doc, pending, private_article, rule)
            pending = []
    if "từng" in v.group(0):
        for position in positions:
            position.former = True
    return positions, chain_end


_ITEM = compile_regex(r"; ?")


def _next_listed_office(norm: str, at: int, end: int, titles):
    """In a career list of ";"-separated items, the first later item that opens with a known title (an item
    whose office the title list does not know, "Phó Thường trực Ban chỉ đạo Tây Nguyên", is passed over):
    (title, the separator's match) or (None, None)."""
    for item in _ITEM.finditer(norm, at, end):
        title = title_at(norm, item.end(), titles)
        if title is not None:
            return title, item
    return None, None


# what joins two offices held one after the other at one body ("phó giám đốc rồi giám đốc Sở Y tế")
_THEN = compile_regex(r"\s*,?\s*rồi\b")


def _people_named(doc: Document, mentions) -> list[tuple[int, int | None]]:
    """Where people are named, in order: (start, the official's index or None for someone else)."""
    official_at = {s: i for s, _, i in mentions}
    people = [(s, i) for s, _, i in mentions]
    name = officials_pattern("career_other_person")
    for m in doc.layers.honorifics:
        at = m.end()
        if is_polite(m) and at not in official_at and name.match(doc.norm, at):
            people.append((at, None))  # "bà Lan cho biết": a person who is not an official
    return sorted(people)


def _referent(norm: str, subject: re.Match[str], mentions, people, sentences, number: int) -> int | None:
    """The official the subject names: by the syllable after "ông"/"bà", else the first person named in the
    nearest sentence (this one's opening clause included) that names anyone; None when that is no official."""
    if subject.group("name"):
        at = subject.start("name")
        matching = {i for s, e, i in mentions if s == at and e == subject.end("name")}
        return matching.pop() if len(matching) == 1 else None
    # the subject of the nearest sentence naming someone: its first person named ("Ông Carney, …, sau khi Thủ
    # tướng Justin Trudeau từ chức, … Ông từng giữ chức Thống đốc …" is Carney's, who holds no office here)
    for back in range(number, max(-1, number - MAX_SENTENCES_BACK - 1), -1):
        start = sentences[back][0]
        end = subject.start() if back == number else sentences[back][1]
        named = [i for s, i in people if start <= s < end]
        if named:
            return named[0]
    return None


def _share_organizations(norm: str, links) -> None:
    """"từng giữ các chức vụ Phó trưởng khoa, Trưởng khoa, Phó giám đốc, Giám đốc Học viện Chính trị khu vực I":
    in a career list, titles written bare before one with its organisation held that organisation too (a bare
    Party committee between them is no body to share: "Phó tổng biên tập, Bí thư Đảng ủy, Tổng Biên tập Tạp
    chí Cộng sản")."""
    shared = None
    for link in reversed(links):
        if link.org_start is not None:
            if normalize_string(norm[link.org_start:link.org_end]).casefold() not in _PARTY_COMMITTEES:
                shared = link
        elif shared is not None and not link.title.title.organization and not link.title.title.rank:
            if "Bí thư" in link.title.title.title and not _PARTY_BODY.search(norm[shared.org_start:shared.org_end]):
                continue  # "Phó bí thư, Chủ tịch UBND tỉnh Tuyên Quang": a Party office in no people's committee
            link.org_start, link.org_end, link.kind = shared.org_start, shared.org_end, shared.kind or "shared"
            link.org_name = shared.org_name
