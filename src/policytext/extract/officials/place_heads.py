"""The holder of a foreign place's head office when the place is one no gazetteer knows: "Thị trưởng Vancouver Ken
Sim" (Vancouver, Ken Sim), "Thủ hiến bang New South Wales Gladys Berejiklian" (bang New South Wales, Gladys
Berejiklian). Titles flagged ``heads_place`` in resources/titles.yaml."""

from __future__ import annotations

import bisect

from ...layers.names import frequent_surnames, has_surname, vietnamese_name
from ...startcache import compile_regex
from .lexicon import _Link, _lexicon


def _place_before_name(norm: str, link: _Link, name: tuple[int, int]) -> tuple[int, int] | None:
    """"Thị trưởng Vancouver Ken Sim", "Đô trưởng Viêng Chăn Thoongxỉn Thămmavông": after a place head's title, a
    run of three words or more that no Vietnamese surname opens starts with the place (two words when the places
    layer knows them; else all but the last two, a foreign name being two words most often); the name is the rest.
    The place becomes the organisation."""
    unit = link.org_start is not None and link.org_end == name[0] - 1 and \
        bool(_lexicon().foreign_unit.match(norm, link.org_start))  # "Thủ hiến bang New South Wales Gladys …"
    if link.org_start is not None and not unit:
        return name
    words = [(m.start(), m.end()) for m in _RUN_WORD.finditer(norm, *name)]
    if unit and _lexicon().place_opener.search(norm, link.org_start, link.org_end):
        # "Thủ hiến bang New South Wales Gladys Berejiklian": the state's name goes on into the run
        if len(words) < 4:
            return None  # "Thủ hiến bang New South Wales xin lỗi": no one named
        link.org_end = words[len(words) - 3][1]
        return words[-2][0], name[1]
    if len(words) == 1 and not unit:
        return None  # "Thị trưởng Boston cho biết": the place; a holder named by surname is read elsewhere
    if len(words) == 2 and not unit and _lexicon().place_name_opener.match(norm, words[0][0]):
        return None  # "thị trưởng Saint Dennis": the town (titles.yaml place_name_openers), its mayor unnamed
    if len(words) < 3 or has_surname(norm, words):
        return name
    size = 2 if norm[words[0][0]:words[1][1]] in _lexicon().places else len(words) - 2  # a name of two words
    while size > 0 and _INITIAL.fullmatch(norm, *words[size]):
        size -= 1  # "thị trưởng Robert E. Walkup": a middle initial is inside the name, with the word before it
    if size < 1 or len(words) - size < 2:
        return name
    link.org_start, link.org_end = (link.org_start if unit else words[0][0]), words[size - 1][1]
    return words[size][0], name[1]


_RUN_WORD = compile_regex(r"\S+")
_INITIAL = compile_regex(r"[A-ZĐ]\.")
_COMMA_WORDS = compile_regex(r", ([^\W\d_]+(?: [^\W\d_]+){0,3})")


def district_before_province(norm: str, name: tuple[int, int]) -> bool:
    """"Giám đốc Trung tâm Y tế Yên Thủy, Hòa Bình": two words after an unknown body, then a comma and a listed
    province are the body's district, not its holder, unless a frequent family name opens them ("Giám đốc Sở Y tế
    Nguyễn An, Hà Nội" stays a person)."""
    words = norm[name[0]:name[1]].split(" ")
    if len(words) != 2 or words[0] in frequent_surnames():
        return False
    after = _COMMA_WORDS.match(norm, name[1])
    if after is None:
        return False
    following = after.group(1).split(" ") + [""]
    # the province's words, then no capitalised word (not "…, Hòa Bình Xanh")
    return any(" ".join(following[:n]) in _lexicon().places and not following[n][:1].isupper() for n in (1, 2, 3)
               if n < len(following))


_LOWER_WORD = compile_regex(r" [^\W\d_A-ZĐ]")


def place_comma_name(norm: str, pos: int, comma: int, org_starts) -> bool:
    """An unknown body closing with a listed place, a comma, then a full name of three or four words and a word in
    small letters (the clause goes on: no apposition of the name's own titles)."""
    words = norm[pos:comma].split(" ")
    if not any(" ".join(words[-n:]) in _lexicon().places for n in (1, 2, 3) if len(words) > n):
        return False
    name = vietnamese_name(norm, comma + 2, org_starts, after_title=False)
    return name is not None and norm.count(" ", *name) >= 2 and bool(_LOWER_WORD.match(norm, name[1]))


def starts_inside_place(norm: str, pos: int, at: int) -> bool:
    """The capitalised word at ``at`` ends a listed place opened by the words before it ("khu bảo tồn biển vịnh Nha
    Trang Trương Kỉnh": "Trang" completes "Nha Trang", no name "Trang Trương Kỉnh" starts there)."""
    word_end = norm.find(" ", at)
    word_end = len(norm) if word_end < 0 else word_end
    before = norm[pos:at].split(" ")[:-1]
    return any(" ".join(before[-n:] + [norm[at:word_end]]) in _lexicon().places for n in (1, 2) if len(before) >= n)


def place_fragments(doc, people: list) -> list:
    """The candidates whose name lies inside a place the places layer read: inside a place it knows by name ("ĐB Đắc
    Lắc" -> "Đắc Lắc"), or, two words at most, inside one read after an administrative word ("TP Buôn Ma Thuột" -> "Ma
    Thuột", "thị trấn Trà Ôn"); a longer name after such a word stays ("Chủ tịch UBND xã Phùng Văn Khay")."""
    if all(doc.norm.count(" ", person.start, person.end) > 1 and doc.norm[person.start:person.end] not in
           _lexicon().places for person in people):
        return []  # no name of two words, none a listed place: nothing to drop, no need to read the places
    places = doc.layers.places
    # a mayor's or a governor's title right before the place: the holder's name may close it ("Thị trưởng thành phố New
    # York Eric Adams"; the places layer cuts only before a Vietnamese name)
    headed = {m.end + 1 for m in doc.layers.titles.values() if m.title.heads_place}
    title_ends = sorted(m.end for m in doc.layers.titles.values())
    out = []
    for person in people:
        short = doc.norm.count(" ", person.start, person.end) <= 1
        if any(place.start <= person.start and person.end <= place.end and
               (not place.after_admin_word or short and place.start < person.start and place.start not in headed)
               for place in places) or short and _place_written_elsewhere(doc.norm, person, title_ends):
            out.append(person)
    return out


def _place_written_elsewhere(norm: str, person, title_ends: list[int]) -> bool:  # title_ends sorted
    """"được Chủ tịch UBND xã Phan Sơn giao nhiệm vụ": two words right after an administrative word are the place's
    name when the article writes that place again with no title before it in its sentence ("công chức Ủy ban MTTQ xã
    Phan Sơn (Lâm Đồng)", "thị trấn Đinh Văn được cấp"). The places layer cannot tell: communes are in no gazetteer,
    and "Chủ tịch UBND huyện Đỗ Tố", "Chủ tịch UBND tỉnh Trần Phong" are holders written the same way."""
    admin = _ADMIN_WORD_BEFORE.search(norm, max(0, person.start - 12), person.start)
    if admin is None:
        return False
    place = norm[admin.start():person.end]
    at = norm.find(place)
    while at >= 0:
        closed = not norm[at + len(place):at + len(place) + 1].isalnum()
        if at != admin.start() and closed:
            sentence = max(norm.rfind(". ", 0, at), norm.rfind("\n", 0, at), at - 120)
            last = bisect.bisect_right(title_ends, at)  # the last title ending at or before the place
            if last == 0 or title_ends[last - 1] <= sentence:
                return True
        at = norm.find(place, at + 1)
    return False


_ADMIN_WORD_BEFORE = compile_regex(r"(?<!\w)(?:thị trấn|thị xã|xã|phường|huyện|quận) $")
