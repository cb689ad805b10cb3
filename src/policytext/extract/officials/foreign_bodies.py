"""The body between a foreign office and its holder that the gazetteer does not know ("Thư ký báo chí Nhà Trắng
Karoline Leavitt", "Bộ Năng lượng Saudi Arabia Abdulaziz bin Salman"): where it ends and the foreign name begins."""

from __future__ import annotations

import re

from ...layers.names import NAME_PARTICLES
from ...layers.titles import holds_title
from ...startcache import compile_regex
from .lexicon import _foreign_name, _lexicon, _Link
from .name_shapes import _looks_foreign
from .units import _set_generic


def _closes_with_country(end: int, org_starts) -> bool:
    """A foreign country's name ends at ``end``."""
    return any(org.end == end and org.kind == "country" and org.name != "Việt Nam"
               for at, org in org_starts.items() if end - 40 <= at < end)


_BODY_WORD = compile_regex(r"[^\W\d_][^\W_]*|của")


def _foreign_after_body(norm: str, link: _Link, pos: int, org_starts) -> tuple[int, int] | None:
    """"Thư ký báo chí Nhà Trắng Karoline Leavitt", "người phát ngôn Điện Kremlin Dmitry Peskov": an office,
    one to eight words of a body the gazetteer does not know, then a foreign name ("Kremlin", a body's word in
    titles.yaml not_names, opens no name). The body's first word is capitalised; lower-case words may follow
    (:func:`_in_body_name`); a lower-case foreign unit word may open it ("Thống đốc bang California Gavin
    Newsom"). The split is the first that leaves a foreign name,
    or one where the body ends with a country ("Bộ Năng lượng Saudi Arabia Abdulaziz bin Salman")."""
    lex = _lexicon()
    unit = lex.foreign_unit.match(norm, pos)  # "bang California"
    if unit is None and link.title.title.heads_place:
        unit = lex.city_unit.match(norm, pos)  # "Thị trưởng thành phố New York Eric Adams"
    start = unit.end() if unit else pos
    if unit and lex.armed_force.match(norm, pos) and _looks_foreign(norm, start):
        name = _foreign_name(norm, start, org_starts)  # "Phó tổng tư lệnh lực lượng vũ trang Gholamali Rashid"
        if name is not None:
            _set_generic(link, pos, start - 1)
            link.abroad = True
            return name
    first = _BODY_WORD.match(norm, start)
    lower_ok = first is not None and bool(lex.unit_start.match(first.group(0).lower()))
    if first is not None and link.title.title.minister and first.group(0).isascii() and \
            norm[first.end() + 1:first.end() + 2].isupper():
        return None  # a minister's body is a field ("Bộ trưởng Năng lượng"), not "cựu bộ trưởng Lee Jong Seok"
    at, words, splits = start, 0, []
    while words < 8:
        word = _BODY_WORD.match(norm, at)
        if word is None or not (word.group(0)[0].isupper() or words and (_in_body_name(norm, at, word, lower_ok) or
                                                                          _posted_at(norm, start, word, org_starts))):
            break
        words += 1
        at = word.end() + 1
        if norm[word.end():at] != " ":
            break
        if _looks_foreign(norm, at):
            name = _foreign_name(norm, at, org_starts)
            last = norm.rfind(" ", 0, name[1]) + 1 if name is not None else 0
            if name is not None and not lex.body_word.match(norm[last:last + 30].lower()) and \
                    not any(name[0] <= at < name[1] and org.kind == "country" for at, org in org_starts.items()):
                # not "Ứng dụng Fintech Hiệp hội …" (a body's unit word ends it), nor "Blockchain Việt Nam"
                splits.append((word.end(), name))
    named = [split for split in splits if not _unit_only(norm, start, split[0])]
    splits = named or splits  # "Đại học Havard Charles Elliot": a unit word alone names no body
    if not splits:
        return None
    body_end, name = next((split for split in splits if _closes_with_country(split[0], org_starts) or
                           _closes_with_foreign_place(norm, start, split[0])), splits[0])
    words = norm[name[0]:name[1]].split(" ")
    generic_body = bool(lex.public_unit.match(norm, start)) and \
        all(w.islower() for w in norm[start:body_end].split(" ")[1:])
    if generic_body and len(words) >= 3 and all(w[:1].isupper() and not w.endswith(".") for w in words):
        # "giám đốc Viện nghiên cứu Gamaleya Alexander Ginzburg": a body of generic words ends with a name
        # (not "Bộ Kinh tế Luis Miguel Castilla"), three plain words after it, the first the body's
        body_end, name = next((split for split in splits if split[1][1] == name[1] and
                               norm.count(" ", *split[1]) == 1), (body_end, name))
    words = norm[start:body_end].split(" ")
    lower = next((i for i, w in enumerate(words) if w[:1].islower()), None)
    if lower is not None and holds_title(" ".join(words[lower + 1:])):
        return None  # "Tổng thống Zelensky tiết lộ Tổng thống Thổ Nhĩ Kỳ Recep Tayyip Erdogan": a clause, no body
    _set_generic(link, pos, body_end)
    link.abroad = True
    return name


def _closes_with_foreign_place(norm: str, start: int, end: int) -> bool:
    """A foreign seat of power or a US state ends the body at ``end`` ("bang New York Andrew Cuomo")."""
    lex = _lexicon()
    return any(lex.foreign_place.fullmatch(norm, at, end)
               for at in range(start, end) if at == start or norm[at - 1] == " ")


def _posted_at(norm: str, start: int, word: re.Match[str], org_starts) -> bool:
    """"tại" and a country after an embassy's or a consulate's name: where it is posted ("Đại sứ quán Mỹ tại Việt
    Nam"), part of the body."""
    country = org_starts.get(word.end() + 1)
    return word.group(0) == "tại" and country is not None and country.kind == "country" and \
        bool(_lexicon().mission_body.match(norm, start))


def _unit_only(norm: str, start: int, end: int) -> bool:
    """The body's words are a unit word and nothing else ("Đại học", "Bộ")."""
    unit = _lexicon().unit_start.match(norm[start:end].lower())
    return unit is not None and unit.end() == end - start


def _in_body_name(norm: str, at: int, word: re.Match[str], lower_ok: bool) -> bool:
    """A lower-case word that goes on with a body's name ("Bộ trưởng An ninh nội địa Kristi Noem", "Thượng
    nghị sĩ Cộng hòa Rand Paul"), not a clause's ("Trump gọi đích danh …") nor, unless the body opened with a
    unit word ("Cục Quản lý Thực phẩm và Dược phẩm"), a connector to another person ("Trump và tỉ phú …")."""
    lex = _lexicon()
    if lex.generic_end.match(norm, at - 1) or lex.body_stop.match(norm, at) or word.group(0) in NAME_PARTICLES:
        return False  # "bin" of "Mohammed bin Zayed" is a name's
    return lower_ok or word.group(0) not in _CONNECTORS


_CONNECTORS = frozenset({"và", "với", "cùng", "hoặc", "hay"})
