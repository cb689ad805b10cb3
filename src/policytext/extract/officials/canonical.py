"""Canonical positions: one spelling per title, the gazetteer's name of each organisation, and where the
organisation is written (RECORD.md added fields ``title_norm``, ``organization_canonical``,
``organization_start``/``organization_end``).

- ``title_norm``: the title as titles.yaml spells it, first letter capital, with its suffix as listed
  ("Phó Thủ tướng thường trực" -> "Phó Thủ tướng Thường trực", "đại biểu Quốc hội" -> "Đại biểu Quốc
  hội").
- ``organization_canonical``: the organisation as written, read by the organisation layer as it reads
  the words after a title, when one body of the gazetteer covers all of it: the name valid at
  publication ("Bộ GD-ĐT", "Bộ GDĐT", "Bộ GD&ĐT" ... -> "Bộ Giáo dục và Đào tạo"; "Bộ Nông nghiệp" in
  2026 -> "Bộ Nông nghiệp và Môi trường"). Local bodies of a province or city get its level word
  ("UBND TP.HCM", "UBND TPHCM", "UBND Thành phố Hồ Chí Minh" -> "Ủy ban nhân dân Thành phố Hồ Chí Minh";
  "Sở Y tế Hà Nội" -> "Sở Y tế thành phố Hà Nội"; "UBND Huế" in 2024 is the city of Thừa Thiên Huế's,
  "thành phố Huế" either way); a body written with its level only ("UBND tỉnh", "UBND TP") is the one of
  the single province (or centrally-run or provincial city) of that level the article names and that
  exists at publication, else unknown. A former province's bodies keep their name ("UBND tỉnh Bình
  Dương" in 2026 names the body that was), as a ministry's old full name does. A foreign body is its
  words and the country's one name ("Chính phủ Mỹ" -> "Chính phủ Hoa Kỳ"); a country alone is its one
  name ("Mỹ" -> "Hoa Kỳ"). Anything else (a hospital, a company, "UBND xã" with no name) is null.
- offsets: the original span of the organisation written with the title (vetoes.py records it when it
  makes the position); a position made without one (a deputy's delegation) gets the span of its
  organisation written verbatim right after one of the person's mentions.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ...match.patterns import longest_phrase_first
from ...startcache import compile_regex
from ...document import Document
from ...layers.organizations import organization_entry, organization_matches, province_entry
from ...layers.place_mentions import HCM, describe_place, place_matches
from ...layers.places import admin_levels, country_name, provincial_cities
from ...match.gazetteer import lower_same_length
from ...model import Official, Position
from ...resources import load_yaml
from ...text.normalize import normalize_string


# --- titles ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _title_spellings() -> tuple[dict[str, str], tuple[str, ...]]:
    """Folded spelling -> canonical title (titles.yaml, deputies included), and the suffixes."""
    data = load_yaml("titles.yaml")
    spellings: dict[str, str] = {}
    for item in data["titles"]:
        canonical = normalize_string(item.get("norm", item["title"]))
        for spelling in [item["title"], *item.get("match", [])]:
            spellings.setdefault(lower_same_length(normalize_string(spelling)), canonical)
            if item.get("deputy"):
                spellings.setdefault("phó " + lower_same_length(normalize_string(spelling)), "Phó " + canonical)
    suffixes = tuple(sorted((normalize_string(s) for s in data.get("suffixes", [])), key=longest_phrase_first))
    return spellings, suffixes


@lru_cache(maxsize=2048)
def title_norm(title: str) -> str:
    """One spelling and casing per title: titles.yaml's, first letter capital, suffix as listed."""
    spellings, suffixes = _title_spellings()
    text = normalize_string(title).strip()
    folded = lower_same_length(text)
    suffix = ""
    for candidate in suffixes:
        if folded.endswith(" " + lower_same_length(candidate)):
            text, suffix = text[:-len(candidate) - 1], " " + candidate
            break
    base = spellings.get(lower_same_length(text), text)
    return base[:1].upper() + base[1:] + suffix


# --- organisations --------------------------------------------------------------------------------------

_PARTY_COMMITTEE = compile_regex(r"(?:^| )(?:Tỉnh|Thành|Huyện|Quận|Thị) ủy$")
_OF_PARENT = compile_regex(r" (?:của|thuộc) ")
# a Party committee's name says its level: "Huyện ủy huyện Thạch Thành" is "Huyện ủy Thạch Thành"
_COMMITTEE_LEVEL = compile_regex(r"(.*(?:Tỉnh|Thành|Huyện|Quận|Thị) ủy) (?:tỉnh|thành phố|huyện|quận|thị xã) (\w.*)$")


@lru_cache(maxsize=1)
def _local_tail() -> re.Pattern[str]:
    """The end of a local body's name: an optional administrative word, then a listed place."""
    data = load_yaml("organizations.yaml")
    places = sorted({normalize_string(str(v)) for v in data["places"].values()}, key=longest_phrase_first)
    admins = sorted(admin_levels(), key=longest_phrase_first)
    return compile_regex(rf" (?:({'|'.join(map(re.escape, admins))}) )?({'|'.join(map(re.escape, places))})$")


@lru_cache(maxsize=1)
def _bare_level() -> re.Pattern[str]:
    return compile_regex(rf" ({'|'.join(map(re.escape, sorted(admin_levels(), key=longest_phrase_first)))})$")


def _local_name(head: str, admin: str | None, place: str, day: date | None) -> str:
    """A provincial or city body's canonical name: head, level word, place."""
    if admin is not None and admin_levels().get(admin) not in ("province", "city"):
        return f"{head} {admin} {place}"  # "huyện", "xã": a place of that level, as written
    kind, _ = describe_place(place, admin, day)
    if kind == "province" and place == HCM:
        level_place = f"Thành phố {HCM}"
    elif kind == "province":
        level_place = f"{'thành phố' if province_entry(place).city else 'tỉnh'} {place}"
    elif kind == "city" or place in provincial_cities():
        level_place = f"thành phố {place}"
    else:
        level_place = f"{admin} {place}" if admin else place
    if _PARTY_COMMITTEE.search(head):
        # "Tỉnh ủy Quảng Ninh", "Thành ủy Hà Nội": the committee's name says its level already
        return f"{head} {level_place if place == HCM else place}"
    return f"{head} {level_place}"


@lru_cache(maxsize=1)
def _local_heads() -> frozenset[str]:
    return frozenset(normalize_string(b["canonical"]) for b in load_yaml("organizations.yaml")["local_bodies"])


def _local_canonical(name: str, kind: str, day: date | None) -> tuple[str | None, str | None, str | None]:
    """(canonical, bare level, head) of a local body as the organisation layer names it: a canonical name
    when it names its place, else the level written without a place ("Ủy ban nhân dân tỉnh")."""
    if name.endswith(f" Thành phố {HCM}"):
        return _local_name(name[:-len(HCM) - 11], "thành phố", HCM, day), None, None
    tail = _local_tail().search(name)
    if tail is not None:
        return _local_name(name[:tail.start()], tail.group(1), tail.group(2), day), None, None
    committee = _COMMITTEE_LEVEL.match(name)
    if committee is not None:
        return f"{committee.group(1)} {committee.group(2)}", None, None  # "Huyện ủy huyện Thạch Thành"
    bare = _bare_level().search(name)
    if bare is not None:
        level = bare.group(1)
        return None, (level if admin_levels()[level] in ("province", "city") else None), name[:bare.start()]
    if kind == "department" or any(name == head or name.endswith(" " + head) for head in _local_heads()):
        return None, None, None  # a head alone ("Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "Sở Tài chính"): which body?
    return name, None, None  # "Ủy ban nhân dân xã Tân Phú", "Công an quận 1": as the layer names it


def _foreign_canonical(name: str) -> str:
    """"Chính phủ Mỹ" -> "Chính phủ Hoa Kỳ": the body as written (first letter capital), the country's one name."""
    words = name.split(" ")
    for i in range(1, len(words)):
        country = country_name(" ".join(words[i:]))
        if country is not None:
            body = " ".join(words[:i])
            return f"{body[:1].upper()}{body[1:]} {country}"
    return name


@lru_cache(maxsize=4096)
def _canonical(organization: str, day: date | None) -> tuple[str | None, str | None, str | None]:
    """(canonical, bare level, head) of an organisation as written (see the module's docstring)."""
    text = normalize_string(organization).strip().rstrip(".,;:").strip()
    if not text:
        return None, None, None
    found = organization_matches(text, day, context=True)
    if not found or found[0].start != 0:
        return None, None, None
    match = found[0]
    if match.end != len(text):
        parent = _OF_PARENT.match(text, match.end)  # "Ủy ban Pháp luật của Quốc hội": the committee
        if parent is None or len(found) < 2 or found[1].start != parent.end() or found[1].end != len(text):
            return None, None, None
    if match.kind == "country":
        return country_name(match.name), None, None
    if match.kind == "ministry_field":
        return None, None, None  # a field alone ("Trưởng Đại diện Thương mại"): a minister's is written "Bộ …"
    if match.kind == "foreign" and organization_entry(match.name) is None:
        return _foreign_canonical(match.name), None, None  # "Bộ Ngoại giao Mỹ", no entry of its own
    if match.kind in ("local", "department") or organization_entry(match.name) is None:
        # a local body, or a body joined to one ("Ban Thường vụ Tỉnh ủy tỉnh Quảng Ninh")
        return _local_canonical(match.name, match.kind, day)
    if organization_entry(match.name).incomplete:
        return None, None, None  # "Đảng ủy", "Ban cán sự Đảng" alone: whose, the text does not say here
    return match.name, None, None


def organization_canonical(organization: str | None, published: date | None = None) -> str | None:
    """The gazetteer's name, valid at ``published``, of an organisation as written; None when unknown
    (bodies written with their level only need the article: see :func:`complete_official`)."""
    if not organization:
        return None
    return _canonical(organization, published)[0]


def _article_place(doc: Document, level: str) -> str | None:
    """The single province (``level`` "tỉnh") or city ("thành phố") existing at publication that the
    article names, or None."""
    found = set()
    for place in doc.layers.places:
        if place.kind == "province" and place.province == place.canonical:  # not a former province
            if (level == "thành phố") == province_entry(place.canonical).city:
                found.add(place.canonical)
        elif place.kind == "city" and level == "thành phố":
            found.add(place.canonical)
    return found.pop() if len(found) == 1 else None


# --- positions ------------------------------------------------------------------------------------------

def complete_official(doc: Document, official: Official) -> None:
    """Fill each position's ``title_norm``, ``organization_canonical`` and missing organisation offsets."""
    day = doc.published_date
    for position in official.positions:
        position.title_norm = title_norm(position.title)
        if not position.organization:
            continue
        canonical, level, head = _canonical(position.organization, day)
        if canonical is None and level is None and position.title_norm in _place_alone_bodies():
            canonical, level, head = _place_alone(position.organization, _place_alone_bodies()[position.title_norm], day)
        if canonical is None and level is not None:
            place = _article_place(doc, level)
            if place is not None:
                canonical = _local_name(head, level, place, day)
        position.organization_canonical = canonical
        if position.organization_start is None:
            _find_written(doc, official, position)


@lru_cache(maxsize=1)
def _place_alone_bodies() -> dict[str, str]:
    data = load_yaml("titles.yaml").get("place_alone_bodies") or {}
    return {normalize_string(k): normalize_string(v) for k, v in data.items()}


def _place_alone(organization: str, body: str, day: date | None) -> tuple[str | None, str | None, str | None]:
    """(canonical, bare level, head) when the organisation is a Vietnamese place alone ("thành phố Hải Phòng",
    "TP.HCM", "xã Tân Phú", "tỉnh"): the place's ``body`` (titles.yaml place_alone_bodies)."""
    text = normalize_string(organization).strip().rstrip(".,;:").strip()
    level = "thành phố" if text.rstrip(".").upper() == "TP" else text.lower()
    if admin_levels().get(level) in ("province", "city"):
        return None, level, body  # "Chủ tịch tỉnh": the article's one province (complete_official)
    found = place_matches(text, day)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text):
        return None, None, None
    place = found[0]
    if place.kind in ("province", "city"):
        return _local_name(body, None, place.canonical, day), None, None
    if place.kind in ("district", "commune"):
        return f"{body} {place.canonical}", None, None
    return None, None, None  # a country: "Chủ tịch Trung Quốc" heads no committee


def _find_written(doc: Document, official: Official, position: Position, window: int = 120) -> None:
    """Offsets of an organisation written verbatim right after one of the person's mentions (a deputy's
    delegation, "Đại biểu A (Đoàn ĐBQH tỉnh X)")."""
    written = position.organization
    for mention in official.mentions:
        at = doc.text.find(written, mention.end, mention.end + window + len(written))
        if at >= 0:
            position.organization_start, position.organization_end = at, at + len(written)
            return


def written_span(doc: Document, start: int | None, end: int | None) -> dict[str, int | None]:
    """``organization_start``/``organization_end`` of an organisation written at ``norm[start:end]``
    (none when it is not written), without a sentence's closing dot or trailing spaces."""
    if start is None or end is None:
        return {"organization_start": None, "organization_end": None}
    while end > start and doc.norm[end - 1] in ". ":
        end -= 1
    o_start, o_end = doc.original(start, end)
    return {"organization_start": o_start, "organization_end": o_end}
