"""The organisation layer: ministries, Party and State bodies, local authorities, state groups,
international bodies, found once per document and shared by the organisations, officials and themes
extractors.

One gazetteer pass over the lower-cased normalised text finds every spelling in
resources/organizations.yaml; matches sit on word boundaries and, so that common nouns ("chính phủ
điện tử", "lực lượng công an") stay out, start with a capital letter (``context=True``, for the words
right after a title, also accepts lower-case starts, bodies named only after a title, countries and
bare ministry fields). Local bodies ("UBND tỉnh Quảng Ninh", "Sở Y tế Hà Nội") are a head phrase
extended by an administrative word and a place. A match's ``name`` is the body canonicalised ("Bộ Công
thương" -> "Bộ Công Thương", "UBND TP.HCM" -> "Ủy ban nhân dân Thành phố Hồ Chí Minh"): the name valid
when the article was published, never a later successor's (a spelling two bodies share, "Bộ Nông
nghiệp", names the one of the publication date). The successor chain stays in the data
(:func:`successor_of`). A State body followed by a foreign country is that country's ("Bộ Tư pháp Mỹ"),
and countries alone are no organisations. Provinces keep their validity too (:func:`provinces_on`,
:func:`province_on`: 63 until 30 June 2025, 34 from 1 July 2025).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..match.patterns import longest_phrase_first
from ..startcache import compile_regex
from ..match.gazetteer import Gazetteer, lower_same_length
from ..resources import ResourceError, load_yaml
from ..text.normalize import normalize_string
from .names import common_surnames, frequent_surnames, named_after_people, person_after_province, surnames
from .places import country_name, opens_compound


@dataclass(frozen=True, slots=True)
class OrgEntry:
    name: str
    kind: str
    valid_from: date | None = None
    valid_to: date | None = None
    successor: str | None = None
    incomplete: bool = False  # "Ban cán sự Đảng": names its parent body right after it
    needs_parent: bool = False  # "Ban Thường vụ": no organisation without its parent
    title_only: bool = False  # "Ủy ban Kinh tế": an organisation only right after a title
    parent: str | None = None  # "Quốc hội" for its committees: joined when written right after ("Ủy ban X Quốc hội")

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class OrgMatch:
    """An organisation found in ``doc.norm`` (normalised coordinates)."""

    start: int
    end: int
    name: str  # canonical
    kind: str  # see organizations.yaml; plus "local", "department", "country", "ministry_field"


# payload kinds in the automaton
def _with_and_dropped(spellings: list) -> list[str]:
    """Each spelling, and the same without "và" ("Sở Nông nghiệp Phát triển nông thôn Nguyễn Phước Thảo": writers drop
    it from a ministry's or department's field)."""
    out = [str(s) for s in spellings]
    return out + [s.replace(" và ", " ") for s in out if " và " in s and s.replace(" và ", " ") not in out]


# After an administrative word: spaces, never a line break ("UBND tỉnh" ending a list line is not the body of the next
# line's number, "tỉnh 2"); after a word of two letters or more and a dot any number of spaces ("TP.HCM", "TP. Huế");
# after one letter and a dot none ("Q.Gò Vấp", "Q.1"; "H. Clinton" is a person's initial)
ADMIN_WORD_END = r"(?:(?<=[^\W\d_]{2}\.)[^\S\n]*|(?<=\.)|[^\S\n]+)(?=\w)"
_ORG, _LOCAL, _DEPT, _PLACE, _CITY, _COUNTRY, _FIELD = "org", "local", "dept", "place", "city", "country", "field"


@dataclass(frozen=True, slots=True)
class _Key:
    kind: str
    value: object  # entry indexes (org), canonical (others), (canonical, bare) for local heads
    length: int


@dataclass(slots=True)
class _Gazetteer:
    phrases: Gazetteer[tuple[_Key, ...]]
    entries: list[OrgEntry]
    by_name: dict[str, OrgEntry]
    admin: re.Pattern[str]
    admin_full: dict[str, str]


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


_ENTRY_KEYS = {"name", "kind", "aliases", "valid_from", "valid_to", "successor", "incomplete", "needs_parent",
               "title_only", "parent"}


def _check_keys(item: dict, known: set[str], section: str) -> None:
    """Catch YAML slips early: an unquoted comma in a {…} entry silently makes a new key."""
    unknown = set(item) - known
    if unknown:
        raise ResourceError(f"organizations.yaml, {section}: unknown keys {sorted(unknown)} in {item}")


_ABBREVIATION = compile_regex(r"[A-ZĐ]+(?:\s?[-&]\s?[A-ZĐ]+)+")  # "NN-PTNT", "KH&ĐT", "GD & ĐT"


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    data = load_yaml("organizations.yaml")
    keys: dict[str, list[_Key]] = {}

    def add(spelling: str, kind: str, value: object) -> None:
        norm = normalize_string(str(spelling)).strip()
        keys.setdefault(lower_same_length(norm), []).append(_Key(kind, value, len(norm)))

    entries: list[OrgEntry] = []
    for item in data["organizations"]:
        _check_keys(item, _ENTRY_KEYS, "organizations")
        entry = OrgEntry(
            name=normalize_string(item["name"]),
            kind=item["kind"],
            valid_from=_day(item.get("valid_from")),
            valid_to=_day(item.get("valid_to")),
            successor=normalize_string(item["successor"]) if item.get("successor") else None,
            incomplete=bool(item.get("incomplete")),
            needs_parent=bool(item.get("needs_parent")),
            title_only=bool(item.get("title_only")),
            parent=item.get("parent"),
        )
        entries.append(entry)
        index = len(entries) - 1
        for spelling in [item["name"], *item.get("aliases", [])]:
            add(spelling, _ORG, index)
            if str(spelling).endswith(" Việt Nam"):
                add(str(spelling)[:-len("Việt Nam")] + "VN", _ORG, index)
        if entry.kind == "ministry" and entry.name.startswith("Bộ "):
            # "Bộ trưởng Tài chính": the field names the ministry right after a minister's title,
            # and "Sở Tài chính" is the province's department of that field
            for spelling in _with_and_dropped([item["name"], *item.get("aliases", [])]):
                if spelling.startswith("Bộ ") and "&" not in spelling and "-" not in spelling[3:6]:
                    add(spelling[3:], _FIELD, entry.name)
                    add("Sở " + spelling[3:], _DEPT, "Sở " + entry.name[3:])
                elif spelling.startswith("Bộ ") and _ABBREVIATION.fullmatch(spelling[3:]):
                    add(spelling[3:], _FIELD, entry.name)  # "Bộ trưởng NN-PTNT" (departments: department_fields)
    for field in data.get("department_fields", []):
        _check_keys(field, {"canonical", "aliases"}, "department_fields")
        for spelling in _with_and_dropped([field["canonical"], *field.get("aliases", [])]):
            add("Sở " + str(spelling), _DEPT, "Sở " + normalize_string(field["canonical"]))
    for body in data["local_bodies"]:
        _check_keys(body, {"canonical", "heads", "bare", "place_follows"}, "local_bodies")
        for head in body["heads"]:
            value = (normalize_string(body["canonical"]), bool(body.get("bare")), bool(body.get("place_follows")))
            add(head, _LOCAL, value)
    for spelling, canonical in data["places"].items():
        add(spelling, _PLACE, normalize_string(canonical))
    for spelling, canonical in data.get("city_spellings", {}).items():
        add(spelling, _CITY, normalize_string(canonical))
    for country in data.get("countries", []):
        add(country, _COUNTRY, normalize_string(country))
    for spelling, country in data.get("country_spellings", {}).items():
        for written in {spelling, country}:  # the country's own spelling is one too ("Litva")
            add(written, _COUNTRY, normalize_string(country))

    phrases: Gazetteer[tuple[_Key, ...]] = Gazetteer()
    for spelling, values in keys.items():
        # one key per spelling for all the organisations it names, so the date can choose
        org_indexes = tuple(v.value for v in values if v.kind == _ORG)
        merged = [v for v in values if v.kind != _ORG]
        if org_indexes:
            merged.insert(0, _Key(_ORG, org_indexes, values[0].length))
        phrases.add(spelling, tuple(merged))

    admin_full = {normalize_string(k): normalize_string(v) for k, v in data["admin_words"].items()}
    words = sorted(admin_full, key=longest_phrase_first)
    admin = compile_regex(r"(" + "|".join(re.escape(w) for w in words) + r")" + ADMIN_WORD_END, re.IGNORECASE)
    by_name = {e.name: e for e in entries}
    return _Gazetteer(phrases, entries, by_name, admin, {k.lower(): v for k, v in admin_full.items()})


@lru_cache(maxsize=4)
def _raw_matches(norm: str) -> dict[int, list[tuple[int, _Key]]]:
    """Every gazetteer key on word boundaries: start -> [(end, key)], longest first (one pass per text,
    shared by the organisation layers and the place layer; callers only read it)."""
    found: dict[int, list[tuple[int, _Key]]] = {}
    for match in _gazetteer().phrases.iter(norm):
        for key in match.payloads[0]:
            found.setdefault(match.end - key.length, []).append((match.end, key))
    for options in found.values():
        options.sort(key=lambda option: option[0], reverse=True)
    return found


def _pick_entry(indexes: list[int], published: date | None) -> OrgEntry:
    """The body a spelling names on the publication date; with no date, the longest-standing one."""
    entries = [_gazetteer().entries[i] for i in indexes]
    if published is not None:
        for entry in entries:
            if entry.valid_on(published):
                return entry
    return min(entries, key=lambda entry: entry.valid_from or date.min)


_BARE_LEVEL = compile_regex(r" (tỉnh|thành phố|TP\.?|Tp\.?|huyện|quận|xã|phường|thị xã|thị trấn)(?!\w)")
_UNIT_NUMBER = compile_regex(r"\d{1,3}(?!\w)")
_CAPITALISED = compile_regex(r"[^\W\d_][^\W_]*(?:-[^\W\d_][^\W_]*)?")


def _place_at(norm: str, pos: int, raw: dict[int, list[tuple[int, _Key]]], surnames: frozenset[str],
              bare_name: bool = False):
    """A place right at ``pos``: (end, canonical name including any administrative word) or None.

    ``bare_name``: an unlisted capitalised name counts without an administrative word before it."""
    g = _gazetteer()
    for end, key in raw.get(pos, ()):
        if key.kind == _CITY:
            return end, str(key.value)
    admin_match = g.admin.match(norm, pos)
    admin = None
    place_start = pos
    if admin_match:
        admin = g.admin_full[admin_match.group(1).lower()]
        place_start = admin_match.end()
    for end, key in raw.get(place_start, ()):
        if key.kind == _PLACE:
            place = str(key.value)
            if place == "Hồ Chí Minh" and admin in (None, "thành phố"):
                return end, "Thành phố Hồ Chí Minh"
            if admin in _BELOW_CITY and norm[end:end + 1] == " " and norm[end + 1:end + 2].isupper():
                # "huyện Gò Công Đông", "huyện Cao Lãnh": a district or a commune named from a city, and longer
                longer = _unlisted_place(norm, place_start, admin, surnames)
                if longer is not None and longer[0] > end:
                    return longer
            return end, f"{admin} {place}" if admin else place
    if admin is None and not bare_name:
        return None
    number = _UNIT_NUMBER.match(norm, place_start) if admin else None
    if number:  # "quận 1", "phường 12"
        return number.end(), f"{admin} {number.group(0)}"
    if admin and norm.endswith(". ", 0, place_start):
        return None  # "Giám đốc Sở Tài chính TP. Bà Hồng nêu ...": the dot may end the sentence
    return _unlisted_place(norm, place_start, admin, surnames)


_BELOW_CITY = frozenset({"huyện", "quận", "thị xã", "xã", "phường", "thị trấn"})


def _unlisted_place(norm: str, place_start: int, admin: str | None, surnames: frozenset[str]):
    """A place no gazetteer lists at ``place_start``: (end, name with its administrative word) or None."""
    # an unlisted district or commune: its capitalised syllables, stopping before a person's name
    syllables: list[re.Match[str]] = []
    at = place_start
    while len(syllables) < 6:
        m = _CAPITALISED.match(norm, at)
        if not m or not m.group(0)[0].isupper():
            break
        syllables.append(m)
        at = m.end() + 1
        if at > len(norm) or norm[m.end():at] != " ":
            break
    if not syllables:
        return None
    run_text = norm[syllables[0].start():syllables[-1].end()]
    woman = 3 <= len(syllables) <= 4 and syllables[1].group(0) == "Thị" and syllables[0].group(0) in surnames
    person = admin in ("tỉnh", "thành phố") and person_after_province([m.group(0) for m in syllables])
    if (syllables[0].group(0) in common_surnames() and 2 <= len(syllables) <= 4 or woman or person) and \
            not any(run_text == n or run_text.startswith(n + " ") for n in named_after_people()):
        # "UBND TP Lê Thanh Hải", "HĐND TP Phùng Thị Hồng Hà": a person (but "phường Bùi Thị Xuân" is a ward; a
        # whole word of the place's name: "Nguyễn Du" names no "UBND tỉnh Nguyễn Duy Hưng")
        return None
    # "thị xã Đồ Sơn Hoàng Anh Hùng": cut before the likeliest name (three syllables, then two, then four)
    # (two syllables are a name only after a frequent family name: "xã Cam Thịnh Đông" is one commune, "Thịnh" being
    # a rarer family name)
    frequent = frequent_surnames()
    splits = [i for i in range(1, len(syllables)) if syllables[i].group(0) in surnames and 2 <= len(syllables) - i <= 4
              and (len(syllables) - i > 2 or syllables[i].group(0) in frequent)]
    if splits:
        syllables = syllables[:min(splits, key=lambda i: ({3: 0, 2: 1}.get(len(syllables) - i, 2), i))]
    if len(syllables) > 4:
        return None
    name = norm[syllables[0].start():syllables[-1].end()]
    return syllables[-1].end(), f"{admin} {name}" if admin else name


def _candidate(norm: str, start: int, end: int, key: _Key, raw, published: date | None, context: bool):
    """The organisation a key at ``start`` stands for, with its full extent; None if it is not one."""
    if key.kind == _ORG:
        entry = _pick_entry(list(key.value), published)
        if entry.title_only and not context:
            return None
        return OrgMatch(start, end, entry.name, entry.kind)
    if key.kind in (_LOCAL, _DEPT):
        if key.kind == _LOCAL:
            canonical, bare, place_follows = key.value
        else:
            canonical, bare, place_follows = str(key.value), True, False
        if end < len(norm) and norm[end] == " ":
            place = _place_at(norm, end + 1, raw, surnames(), bare_name=place_follows)
            if place is not None:
                return OrgMatch(start, place[0], f"{canonical} {place[1]}", "local")
        # "UBND tỉnh", "Công an huyện" without the place's name: the article's own place
        level = _BARE_LEVEL.match(norm, end)
        if level:
            full = _gazetteer().admin_full.get(level.group(1).lower(), level.group(1))
            return OrgMatch(start, level.end(), f"{canonical} {full}", "local")
        if bare:
            return OrgMatch(start, end, canonical, "local" if key.kind == _LOCAL else "department")
        return None
    if context and key.kind == _COUNTRY and norm[start].isupper() and not _inside_place(start, end, raw) \
            and not opens_compound(norm, start, end):  # "Vụ Pháp chế": legal affairs, not France
        return OrgMatch(start, end, str(key.value), "country")
    if context and key.kind == _FIELD:
        return OrgMatch(start, end, str(key.value), "ministry_field")
    return None


def organization_matches(norm: str, published: date | None = None, *, context: bool = False) -> list[OrgMatch]:
    """Organisations in ``norm``, left to right, longest first, not overlapping.

    ``context=True`` is for reading the organisation right after a title (officials.py): it also
    accepts lower-case starts, bodies named only after a title, countries and bare ministry fields.
    """
    raw = _raw_matches(norm)
    out: list[OrgMatch] = []
    position = 0
    for start in sorted(raw):
        if start < position:
            continue
        if not context and not norm[start].isupper():
            continue
        if _in_document_code(norm, start):
            continue
        best: OrgMatch | None = None
        for end, key in raw[start]:
            candidate = _candidate(norm, start, end, key, raw, published, context)
            if candidate is not None and (best is None or candidate.end > best.end):
                best = candidate
        if best is None:
            continue
        best = _with_parent(norm, best, raw, published, context)
        if best is None:
            continue
        best = _with_country(norm, best, raw)
        out.append(best)
        position = best.end
    return out


_CODE_BEFORE = compile_regex(r"[\w.&]*[\d/][\w.&/-]*[-/]$")


def _in_document_code(norm: str, start: int) -> bool:
    """The issuer's letters of a document's number ("12/QĐ-UBND", "55/UBND-KT"): no mention of the body."""
    return start > 0 and norm[start - 1] in "-/" and bool(_CODE_BEFORE.search(norm, max(0, start - 30), start))


def _with_parent(norm: str, match: OrgMatch, raw, published: date | None, context: bool) -> OrgMatch | None:
    """"Ban cán sự Đảng Bộ Công Thương": an incomplete body joined to the body right after it; "Ủy ban Kinh tế
    và Tài chính Quốc hội": a body joined to its own parent written right after it, keeping its name."""
    entry = _gazetteer().by_name.get(match.name)
    if entry is not None and entry.parent and match.end < len(norm) and norm[match.end] == " ":
        for end, key in raw.get(match.end + 1, ()):
            parent = _candidate(norm, match.end + 1, end, key, raw, published, context)
            if parent is not None and parent.name == entry.parent:
                return OrgMatch(match.start, parent.end, match.name, match.kind)
    if entry is None or not entry.incomplete:
        return match
    after = match.end + 1
    if match.end < len(norm) and norm[match.end] == " " and after in raw:
        for end, key in raw[after]:
            parent = _candidate(norm, after, end, key, raw, published, context)
            if parent is not None and parent.kind not in ("country", "ministry_field"):
                parent = _with_parent(norm, parent, raw, published, context) or parent
                return OrgMatch(match.start, parent.end, f"{match.name} {parent.name}", match.kind)
    return None if entry.needs_parent else match


_FOREIGN_CAPABLE = {"state", "ministry", "court", "agency"}


def _with_country(norm: str, match: OrgMatch, raw) -> OrgMatch:
    """"Bộ Tư pháp Mỹ", "Chính phủ Tây Ban Nha": a State body followed by a foreign country is that country's."""
    if match.kind not in _FOREIGN_CAPABLE or match.end >= len(norm) or norm[match.end] != " ":
        return match
    for end, key in raw.get(match.end + 1, ()):
        if key.kind == _COUNTRY and (country_name(key.value) or key.value) != "Việt Nam" and \
                (end >= len(norm) or not norm[end].isalnum()) \
                and norm[match.end + 1].isupper() and not _inside_place(match.end + 1, end, raw):
            return OrgMatch(match.start, end, f"{norm[match.start:match.end]} {norm[match.end + 1:end]}", "foreign")
    return match


def _inside_place(start: int, end: int, raw) -> bool:
    """A longer place starts where a country does: "Lào Cai" is a province, not Laos."""
    return any(key.kind in (_PLACE, _CITY) and place_end > end for place_end, key in raw.get(start, ()))


def successor_of(name: str, on: date | None = None) -> str | None:
    """The body that took over ``name`` (following renames and mergers up to ``on``), or None."""
    by_name = _gazetteer().by_name
    current, seen = by_name.get(name), set()
    successor = None
    while current is not None and current.successor and current.name not in seen:
        seen.add(current.name)
        if on is not None and current.valid_to is not None and on <= current.valid_to:
            break
        successor = current.successor
        current = by_name.get(successor)
    return successor


def organization_entry(name: str) -> OrgEntry | None:
    """The gazetteer entry of a canonical name (kind, validity, successor), if it has one."""
    return _gazetteer().by_name.get(name)


@dataclass(frozen=True, slots=True)
class Province:
    name: str
    valid_from: date | None = None
    valid_to: date | None = None
    merged_into: str | None = None  # the province that took it over the day after valid_to
    city: bool = False  # a centrally-run city ("thành phố Hà Nội", "Thành ủy"), not a "tỉnh"

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@lru_cache(maxsize=1)
def _provinces() -> dict[str, Province]:
    data = load_yaml("organizations.yaml")
    place_names = {normalize_string(str(v)) for v in data["places"].values()}
    out: dict[str, Province] = {}
    for item in data.get("provinces", []):
        _check_keys(item, {"name", "valid_from", "valid_to", "merged_into", "city"}, "provinces")
        name = normalize_string(item["name"])
        if name not in place_names:
            raise ResourceError(f"organizations.yaml, provinces: {name!r} is not a canonical name under places")
        merged = normalize_string(item["merged_into"]) if item.get("merged_into") else None
        out[name] = Province(name, _day(item.get("valid_from")), _day(item.get("valid_to")), merged,
                             bool(item.get("city")))
    for name, province in out.items():
        if province.merged_into is not None and province.merged_into not in out:
            raise ResourceError(f"organizations.yaml, provinces: {name!r} merged into {province.merged_into!r}, "
                                "which is no province")
    return out


def province_entry(name: str) -> Province | None:
    """The province (any date) of a canonical place name ("Bình Dương", "Huế"), or None."""
    return _provinces().get(name)


def provinces_on(day: date) -> list[str]:
    """The provinces and centrally-run cities on ``day`` (63 before 1 July 2025, 34 from then)."""
    return [p.name for p in _provinces().values() if p.valid_on(day)]


def province_on(name: str, day: date) -> str | None:
    """The province a province's name stands for on ``day``: itself while it exists, the one it merged
    into afterwards ("Bình Dương" in 2026 -> "Hồ Chí Minh"); None for a name that is no province then."""
    provinces = _provinces()
    current = provinces.get(normalize_string(name))
    seen: set[str] = set()
    while current is not None and current.name not in seen:
        if current.valid_on(day):
            return current.name
        if current.valid_to is None or day <= current.valid_to or current.merged_into is None:
            return None  # not yet created
        seen.add(current.name)
        current = provinces.get(current.merged_into)
    return None
