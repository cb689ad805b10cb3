"""A title, its body, a comma, a military rank, then the holder: "Tư lệnh Quân khu 2, trung tướng Nguyễn Văn A",
"Tham mưu trưởng Quân đội Nga, Đại tướng Valery Gerasimov", "Bộ trưởng Quốc phòng Iran, tướng Aziz Nasirzadeh"
(rule title-chain-then-name). Military news writes a commander's rank after his office this way; without a rank, a
comma after a title's body opens another clause or person."""

from __future__ import annotations

from ...layers.names import vietnamese_name
from ...startcache import compile_regex
from .lexicon import _foreign_name, _lexicon, _Link
from .name_shapes import _looks_foreign
from .units import _set_generic

_MAX_BODY_WORDS = 8
# a body's words up to the comma: capitalised words, numbers, lower-case words inside ("Tư lệnh lục quân Ấn Độ")
_BODY_THEN_COMMA = compile_regex(r" ([^\W_][^\s,;:()\"“”]*(?: [^\s,;:()\"“”]+){0,7}), ")


def ranked_holder(norm: str, links: list[_Link], end: int, org_starts) -> tuple[int, int] | None:
    """The holder named after the chain's body, a comma and a rank, or None; an unknown body between the title
    and the comma becomes the last title's organisation."""
    lex = _lexicon()
    link = links[-1]
    if link.org_end is not None:
        if link.org_start is None or link.org_start < link.title.end:
            return None  # "Theo Bộ trưởng, đại tá …": a bare title, its body only implied, names nobody after a comma
        comma = link.org_end if norm.startswith(", ", link.org_end) else None
        body = None
    else:
        body = _BODY_THEN_COMMA.match(norm, end)
        comma = body.end(1) if body is not None else None
        text = body.group(1) if body is not None else ""
        if body is not None and (not (text[0].isupper() or lex.armed_force.match(text + " ")) or
                                 len(text.split(" ")) > _MAX_BODY_WORDS or lex.generic_end.search(text)):
            return None  # "Tư lệnh cho biết, …": a clause, not a body
    if comma is None:
        return None
    rank = lex.rank.match(norm, comma + 2)
    if rank is None:
        return None
    at = rank.end()
    name = vietnamese_name(norm, at, org_starts)
    if name is None and _looks_foreign(norm, at, abroad=True):
        name = _foreign_name(norm, at, org_starts)
    if name is not None and body is not None:
        _set_generic(link, body.start(1), body.end(1))
    return name
