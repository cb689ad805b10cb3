"""Whether capitalised words read as a foreign name or as Vietnamese syllables: the shapes the officials rules
test before taking a run as a foreign office-holder's name."""

from __future__ import annotations

import re
from functools import lru_cache

from ...layers.names import FOREIGN_FORM, NAME_PARTICLES, VIETNAMESE_SHAPE, capitalised_run, surnames
from ...match.patterns import longest_phrase_first
from ...resources import load_yaml
from ...startcache import compile_regex
from ...text.normalize import normalize_string
from .lexicon import _lexicon


def _vietnamese_words(norm: str, pos: int) -> bool:
    """Two or more capitalised words at ``pos``, every one a Vietnamese syllable ("Nhà Trắng")."""
    run = capitalised_run(norm, pos)
    return len(run) >= 2 and all(VIETNAMESE_SHAPE.fullmatch(norm[a:b]) for a, b in run)


# a given name, a lower-case particle and a capitalised name ("Abdulaziz bin Salman")
_PARTICLE_NAME = compile_regex(r"[A-Z][a-z]+ (?:%s) [A-Z][a-z]+" % "|".join(sorted(NAME_PARTICLES)))


# two capital initials without dots, then a surname Vietnamese spelling does not allow
_INITIALS_NAME = compile_regex(r"[A-Z]{2} ((?:Mc|Mac)?[A-Z][a-z]+)(?![\w'’-])")


def initials_name(norm: str, pos: int) -> re.Match[str] | None:
    """"JD Vance", "HR McMaster"; not "TP Vinh" (a Vietnamese syllable after the initials)."""
    m = _INITIALS_NAME.match(norm, pos)
    if m is None or not _foreign_syllables(m.group(1)) or _lexicon().honorific.match(norm, pos):
        return None  # (not "YB Gobind Singh Deo": a Malaysian honorific)
    return m


def _listed_foreign_name(norm: str, pos: int) -> tuple[int, int] | None:
    """A foreign name that reads as Vietnamese syllables, from persons.yaml ("Hun Sen")."""
    m = _foreign_names_in_vietnamese_shape().match(norm, pos)
    return m.span() if m else None


@lru_cache(maxsize=1)
def _foreign_names_in_vietnamese_shape() -> re.Pattern[str]:
    names = load_yaml("persons.yaml").get("foreign_names_in_vietnamese_shape") or []
    return compile_regex("(?:" + "|".join(re.escape(normalize_string(n)) for n in sorted(names, key=longest_phrase_first))
                      + r")(?!\w)" if names else r"(?!)")


def _foreign_syllables(word: str) -> bool:
    """A word some part of which (between hyphens) Vietnamese spelling does not allow ("Jae-in", "Myung")."""
    return any(not VIETNAMESE_SHAPE.fullmatch(part) for part in word.split("-") if part)


def _looks_foreign(norm: str, pos: int, abroad: bool = False, state_body: bool = False) -> bool:
    """Two or more capitalised words, the first no Vietnamese syllable and none a Vietnamese family name
    ("Shigeru Ishiba", "Karoline Leavitt"; not "Vingroup Phạm Nhật Vượng"). ``state_body``: the office is in a
    ministry or a State body, where no company's name stands, so a second word of four letters or more will do
    ("Bộ trưởng Tư pháp Koeut Rith")."""
    form = FOREIGN_FORM.match(norm, pos) or _PARTICLE_NAME.match(norm, pos)
    if form is None:
        return norm[pos + 1:pos + 2].isupper() and initials_name(norm, pos) is not None and \
            not any(norm[a:b] in surnames() for a, b in capitalised_run(norm, pos))
    words = form.group(0).split(" ")
    # after a foreign office ("Tổng thống"), a first word Vietnamese spelling allows opens a foreign name in a run of
    # three with a word it does not allow, or before a hyphenated one it does not ("Tổng thống Lee Jae Myung", "Moon
    # Jae-in"; not "Nam Dinh", "Sun Group", nor "cựu bộ trưởng Lee Jong Seok")
    foreign_after_first = len(words) >= 3 and any(_foreign_syllables(w) for w in words[1:]) or \
        len(words) == 2 and "-" in words[1] and _foreign_syllables(words[1])
    # a second word of six letters or more that no Vietnamese syllable spells ("Thống đốc Pan Gongsheng") is foreign
    # after any office (not "Sun Group": a company's title with no body is checked by the caller)
    if VIETNAMESE_SHAPE.fullmatch(words[0]) and not (abroad and foreign_after_first) and \
            not (len(words) == 2 and len(words[1]) >= (4 if state_body else 6) and _foreign_syllables(words[1])):
        return False
    run = capitalised_run(norm, pos)
    return not any(norm[a:b] in surnames() for a, b in run)
