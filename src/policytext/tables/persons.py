"""``persons.parquet``: one row per person across the articles of a run, and the ``person_id`` of each
official (RECORD.md added field; ``officials.parquet`` gains the column).

How officials become persons (knowledge in resources/persons.yaml):

1. Within an article the officials extractor has already merged a person's mentions ("Bộ trưởng Nguyễn
   Hồng Diên", "ông Diên", "Bộ trưởng Diên"): an official's ``name`` is the fullest form written.
2. Across articles, officials with the same name (normalised: one tone style, case folded, spaces
   folded) are one person unless their positions are incompatible at the same time:
   - two current offices of one class (persons.yaml ``office_classes``) at two different gazetteer
     bodies, neither the successor of the other, seen within ``same_time_days``: the minister of two
     ministries, the chair of two provinces' people's committees, the Party secretary of two provinces;
   - for a name written in Vietnamese syllables ("Lý Cường" may be a Chinese leader or a Vietnamese
     official), a foreign office against a Vietnamese one, whenever seen, unless a title is shared.
   An office in common (the same title at the same named body) settles it: the person is the same, and
   the other positions of that sighting are the extractor's noise. Sightings are taken in order of
   publication (then article id, then position in the article); each joins the compatible person
   sharing most of its positions (then the one seen last, then the first made), or starts a new person.
   The result does not depend on the order records are added.
3. A name of one word ("Diên", "Putin") or Vietnamese given names with no family name first ("Văn
   Dũng", written after "ông") is never linked across articles: it is a person of its own article only.

``person_id`` is a hash of the normalised name and the person's rank among the persons of that name (by
first sighting), so the same input gives the same ids in every run; a one-article person's id hashes
the article id instead. Adding articles to a run can change the ids of a name split into several persons.

Known limits: homonyms whose offices never conflict (a minister and a hospital director both "Nguyễn Văn
Hùng", or offices the gazetteer does not know) are one person; one person written two ways (a middle
name left out, another transliteration of a foreign name) is two; a move between two offices of one
class within ``same_time_days`` splits a person; undated sightings conflict as if simultaneous; former
offices ("nguyên") never conflict; the linking trusts the extractor's positions, so a wrong attachment
can split a person (an office in common usually repairs it).
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Iterable, Mapping

import pyarrow as pa

from ..extract.officials.canonical import _local_tail, organization_canonical, title_norm
from ..layers.names import VIETNAMESE_SHAPE, surnames
from ..layers.organizations import organization_entry, province_on, successor_of
from ..layers.places import country_name
from ..match.gazetteer import lower_same_length
from ..model import Record
from ..resources import ResourceError, load_yaml
from ..text.normalize import normalize_string

_POSITION = pa.struct([
    ("title_norm", pa.string()),
    ("organization", pa.string()),  # the gazetteer's name when known, else the commonest spelling written
    ("organization_canonical", pa.string()),
    ("former", pa.bool_()),
    ("first_seen", pa.string()), ("last_seen", pa.string()),  # publication days (ISO dates)
    ("articles", pa.int64()),
])

PERSONS_SCHEMA = pa.schema([
    ("person_id", pa.string()),
    ("name", pa.string()),  # the commonest spelling
    ("names", pa.list_(pa.string())),  # every spelling written
    ("articles", pa.int64()),
    ("first_published", pa.string()), ("last_published", pa.string()),  # ISO dates; null when none is dated
    ("positions", pa.list_(_POSITION)),
])

# one row per official: the key to join officials.parquet (article_id and the official's index in the record)
PERSON_LINKS_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("official", pa.int64()), ("name", pa.string()), ("person_id", pa.string()),
])


# --- knowledge ------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _OfficeClass:
    name: str
    titles: frozenset[str]
    kinds: frozenset[str]
    starts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Rules:
    same_time_days: int
    classes: tuple[_OfficeClass, ...]
    foreign_titles: frozenset[str]
    vietnamese_kinds: frozenset[str]
    suffixes: tuple[str, ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_yaml("persons.yaml")
    classes = []
    for item in data["office_classes"]:
        unknown = set(item) - {"name", "titles", "kinds", "starts"}
        if unknown or not item.get("titles") or not (item.get("kinds") or item.get("starts")):
            raise ResourceError(f"persons.yaml, office_classes: {item}: needs name, titles and kinds or starts"
                                + (f" (unknown keys {sorted(unknown)})" if unknown else ""))
        classes.append(_OfficeClass(item["name"], frozenset(title_norm(t) for t in item["titles"]),
                                    frozenset(item.get("kinds") or ()),
                                    tuple(normalize_string(s) + " " for s in item.get("starts") or ())))
    suffixes = tuple(normalize_string(s) for s in load_yaml("titles.yaml").get("suffixes", []))
    return _Rules(int(data["same_time_days"]), tuple(classes),
                  frozenset(title_norm(t) for t in data["foreign_titles"]),
                  frozenset(data["vietnamese_kinds"]), tuple(" " + s for s in suffixes))


# --- one position, as linking sees it ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Office:
    title_norm: str
    organization: str | None  # as written
    canonical: str | None
    former: bool
    office_class: str | None  # persons.yaml class, when the organisation is one it covers
    nationality: str | None  # "foreign", "vietnamese" or None (unknown, international)

    @property
    def key(self) -> tuple[str, str | None, bool]:
        return self.title_norm, self.canonical or _fold(self.organization), self.former


def _fold(text: str | None) -> str | None:
    return lower_same_length(" ".join(normalize_string(text).split())) if text else None


@lru_cache(maxsize=8192)
def _organization_kind(canonical: str | None) -> str | None:
    """"country", "foreign", a gazetteer kind, "local" (a province's or district's body) or None."""
    if canonical is None:
        return None
    if country_name(canonical) is not None:
        return "vietnamese" if canonical == "Việt Nam" else "country"
    entry = organization_entry(canonical)
    if entry is not None:
        return entry.kind
    words = canonical.split(" ")
    if any(country_name(" ".join(words[i:])) not in (None, "Việt Nam") for i in range(1, len(words))):
        return "foreign"  # "Bộ Ngoại giao Hoa Kỳ"
    return "local"


@lru_cache(maxsize=8192)
def _office(title: str, organization: str | None, canonical: str | None, former: bool) -> _Office:
    rules = _rules()
    base = title
    for suffix in rules.suffixes:
        if base.endswith(suffix):
            base = base[:-len(suffix)]
    kind = _organization_kind(canonical)
    office_class = None
    if canonical is not None:
        for cls in rules.classes:
            if base in cls.titles and (kind in cls.kinds or canonical.startswith(cls.starts)):
                office_class = cls.name
                break
    if base in rules.foreign_titles or kind in ("country", "foreign"):
        nationality = "foreign"
    elif kind in rules.vietnamese_kinds or kind in ("local", "vietnamese"):
        nationality = "vietnamese"
    else:
        nationality = None
    return _Office(title, organization, canonical, former, office_class, nationality)


def _related(a: str, b: str) -> bool:
    """Two gazetteer names of one body over time: a successor ("Bộ Kế hoạch và Đầu tư" -> "Bộ Tài
    chính"), or the bodies of two provinces one of which merged into the other."""
    if successor_of(a) == b or successor_of(b) == a:
        return True
    head_a, place_a = _split_place(a)
    head_b, place_b = _split_place(b)
    if head_a is None or head_a != head_b:
        return False
    later = date(9999, 1, 1)
    return province_on(place_a, later) == province_on(place_b, later) is not None


@lru_cache(maxsize=4096)
def _split_place(name: str) -> tuple[str | None, str | None]:
    """("Ủy ban nhân dân", "Bình Dương") of "Ủy ban nhân dân tỉnh Bình Dương"; (None, None) otherwise."""
    if name.endswith(" Thành phố Hồ Chí Minh"):
        return name[:-len(" Thành phố Hồ Chí Minh")], "Hồ Chí Minh"
    tail = _local_tail().search(name)
    if tail is None:
        return None, None
    return name[:tail.start()], tail.group(2)


def _exclusive_conflict(a: _Office, b: _Office) -> bool:
    """Two current offices of one class at different bodies (not one the other's successor)."""
    if a.former or b.former or a.office_class is None or a.office_class != b.office_class:
        return False
    return not (_loose(a.canonical) == _loose(b.canonical) or _related(a.canonical, b.canonical))


@lru_cache(maxsize=8192)
def _loose(name: str) -> str:
    """A canonical name without case, punctuation and "và": the spellings of one body the layer leaves
    apart ("Sở Lao động-Thương binh-Xã hội ..." / "Sở Lao động - Thương binh và Xã hội ...") meet."""
    return "".join(w for w in re.findall(r"\w+", lower_same_length(name)) if w != "và")


# --- sightings and persons ----------------------------------------------------------------------------

@dataclass(slots=True)
class _Sighting:
    order: tuple  # (day or max, article id, official index): the order sightings are linked in
    article_id: str
    index: int
    day: date | None
    name: str
    offices: tuple[_Office, ...]

    @property
    def nationality(self) -> str | None:
        """"foreign" or "vietnamese" when the offices that say agree; None when none says or they disagree."""
        found = {office.nationality for office in self.offices if office.nationality}
        return found.pop() if len(found) == 1 else None


@dataclass(slots=True)
class _Person:
    rank: int
    sightings: list[_Sighting] = field(default_factory=list)
    # office key -> [office, first day, last day]; days None for undated sightings
    offices: dict[tuple, list] = field(default_factory=dict)
    titles: set[str] = field(default_factory=set)
    nationalities: dict[str, int] = field(default_factory=dict)
    last_day: date | None = None

    def add(self, sighting: _Sighting) -> None:
        self.sightings.append(sighting)
        self.titles.update(office.title_norm for office in sighting.offices)
        if sighting.nationality:
            self.nationalities[sighting.nationality] = self.nationalities.get(sighting.nationality, 0) + 1
        for office in sighting.offices:
            kept = self.offices.get(office.key)
            if kept is None:
                self.offices[office.key] = [office, sighting.day, sighting.day]
            elif sighting.day is not None:
                kept[1] = sighting.day if kept[1] is None else min(kept[1], sighting.day)
                kept[2] = sighting.day if kept[2] is None else max(kept[2], sighting.day)
        if sighting.day is not None:
            self.last_day = sighting.day if self.last_day is None else max(self.last_day, sighting.day)

    @property
    def nationality(self) -> str | None:
        if not self.nationalities:
            return None
        ranked = sorted(self.nationalities.values(), reverse=True)
        return None if len(ranked) > 1 and ranked[0] == ranked[1] else \
            max(self.nationalities, key=self.nationalities.get)

    def compatible(self, sighting: _Sighting, days: int, nationality: bool = True) -> bool:
        """No incompatible office at the same time. One office in common (a title at the same named body)
        settles it: the rest is the extractor's noise ("Bộ trưởng Bộ Tài chính Hoa Kỳ" and a stray
        "Bộ Thương mại"); a title in common answers the nationality test ("Tổng Bí thư" and a stray "Đại
        sứ Pháp")."""
        if any(office.key in self.offices and office.key[1] is not None for office in sighting.offices):
            return True
        mine, theirs = sighting.nationality, self.nationality
        if nationality and mine and theirs and mine != theirs and \
                not any(o.title_norm in self.titles for o in sighting.offices):
            return False
        for office in sighting.offices:
            for kept, first, last in self.offices.values():
                if _exclusive_conflict(office, kept) and _same_time(sighting.day, first, last, days):
                    return False
        return True

    def shared(self, sighting: _Sighting) -> int:
        return sum(1 for office in sighting.offices if office.key in self.offices)


def _same_time(day: date | None, first: date | None, last: date | None, days: int) -> bool:
    if day is None or first is None:
        return True  # undated: it may be any time
    return (first - day).days <= days and (day - last).days <= days


def name_key(name: str) -> str:
    """The key under which names are linked (one tone style, case folded, spaces folded): officials of
    different keys are never one person."""
    return lower_same_length(" ".join(normalize_string(name).split()))


def _article_only(key: str) -> bool:
    """One word, or Vietnamese given names with no family name first ("văn dũng", written after "ông"):
    no link across articles. A name romanised without Vietnamese letters ("hun sen") is a full name."""
    words = key.split(" ")
    if len(words) < 2:
        return True
    if words[0] in _family_names() or " ".join(words[:2]) in _family_names():
        return False
    return not key.isascii() and all(VIETNAMESE_SHAPE.fullmatch(w) for w in words)


@lru_cache(maxsize=1)
def _family_names() -> frozenset[str]:
    return frozenset(lower_same_length(s) for s in surnames())


def _day(published: Any) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(str(published)).date()
    except ValueError:
        try:
            return date.fromisoformat(str(published)[:10])
        except ValueError:
            return None


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


class PersonLinker:
    """Links the officials of a run's records into persons.

    ``add(record)`` every record (a :class:`~policytext.model.Record` or its RECORD.md dict, in any
    order), then ``rows()`` gives ``persons.parquet``, ``person_id(article_id, index)`` /
    ``person_ids(record)`` / ``annotate(record)`` the id of each official, ``links()`` the join table.
    Memory: one small entry per official (strings interned), not the records.
    """

    def __init__(self) -> None:
        self._by_name: dict[str, list[_Sighting]] = {}
        self._persons: dict[str, list[_Person]] | None = None
        self._ids: dict[tuple[str, int], str] = {}

    def add(self, record: Record | Mapping[str, Any]) -> None:
        article_id, published, officials = officials_of(record)
        for index, (name, positions) in enumerate(officials):
            self.add_official(article_id, published, index, name, positions)

    def add_official(self, article_id: str, published: Any, index: int, name: str,
                     positions: Iterable[tuple]) -> None:
        """The ``index``-th official of an article, as ``officials_of(record)`` gives it: what ``add``
        does for each, and what the finish stage does for the officials of one bucket of names."""
        day = _day(published)
        key = sys.intern(name_key(name))
        offices = tuple(_office(*position) for position in positions)
        sighting = _Sighting((day or date.max, article_id, index), article_id, index, day, name, offices)
        self._by_name.setdefault(key, []).append(sighting)
        self._persons = None

    def _linked(self) -> dict[str, list[_Person]]:
        if self._persons is not None:
            return self._persons
        days = _rules().same_time_days
        persons: dict[str, list[_Person]] = {}
        ids: dict[tuple[str, int], str] = {}
        for key, sightings in self._by_name.items():
            sightings.sort(key=lambda s: s.order)
            found: list[_Person] = []
            if _article_only(key):
                by_article: dict[str, _Person] = {}
                for sighting in sightings:
                    person = by_article.get(sighting.article_id)
                    if person is None:
                        person = by_article[sighting.article_id] = _Person(len(found))
                        found.append(person)
                    person.add(sighting)
                for article_id, person in by_article.items():
                    for s in person.sightings:
                        ids[(s.article_id, s.index)] = _hash(f"{key}\x1f@{article_id}")
            else:
                # a foreign-shaped name ("Maxime Prevot") given a Vietnamese body is the extractor's slip; a
                # name in Vietnamese syllables ("Lý Cường") may be a Chinese leader's or a Vietnamese official's
                nationality = all(VIETNAMESE_SHAPE.fullmatch(w) for w in key.split(" "))
                for sighting in sightings:
                    fits = [p for p in found if p.compatible(sighting, days, nationality)]
                    if fits:
                        best = max(fits, key=lambda p: (p.shared(sighting), p.last_day or date.min, -p.rank))
                    else:
                        best = _Person(len(found))
                        found.append(best)
                    best.add(sighting)
                for person in found:
                    for s in person.sightings:
                        ids[(s.article_id, s.index)] = _hash(f"{key}\x1f{person.rank}")
            persons[key] = found
        self._persons, self._ids = persons, ids
        return persons

    def person_id(self, article_id: str, index: int) -> str | None:
        """The person of the ``index``-th official of article ``article_id`` (None if it was not added)."""
        self._linked()
        return self._ids.get((article_id, index))

    def person_ids(self, record: Record | Mapping[str, Any]) -> list[str | None]:
        article_id, _, officials = officials_of(record)
        return [self.person_id(article_id, i) for i in range(len(officials))]

    def annotate(self, record: Record) -> Record:
        """Sets ``person_id`` on each official of ``record`` (in place) and returns it."""
        for official, person_id in zip(record.officials, self.person_ids(record)):
            official.person_id = person_id
        return record

    def links(self) -> list[dict[str, Any]]:
        """One row per official added (PERSON_LINKS_SCHEMA): article_id, official index, name, person_id."""
        self._linked()
        rows = []
        for sightings in self._by_name.values():
            for s in sightings:
                rows.append({"article_id": s.article_id, "official": s.index, "name": s.name,
                             "person_id": self._ids[(s.article_id, s.index)]})
        rows.sort(key=lambda r: (r["article_id"], r["official"]))
        return rows

    def rows(self) -> list[dict[str, Any]]:
        """``persons.parquet``: one row per person (PERSONS_SCHEMA), by first publication then id."""
        rows = []
        for persons in self._linked().values():
            for person in persons:
                rows.append(_person_row(self._ids[(person.sightings[0].article_id, person.sightings[0].index)],
                                        person))
        rows.sort(key=row_order)
        return rows

    def table(self) -> pa.Table:
        return pa.Table.from_pylist(self.rows(), schema=PERSONS_SCHEMA)


def row_order(row: Mapping[str, Any]) -> tuple:
    """The order of ``persons.parquet``'s rows: by first publication (undated last), then id."""
    return row["first_published"] or "9999", row["person_id"]


def _person_row(person_id: str, person: _Person) -> dict[str, Any]:
    spellings: dict[str, int] = {}
    articles: set[str] = set()
    by_office: dict[tuple, dict[str, Any]] = {}
    for s in person.sightings:
        spellings[s.name] = spellings.get(s.name, 0) + 1
        articles.add(s.article_id)
        for office in s.offices:
            row = by_office.setdefault(office.key, {"office": office, "written": {}, "articles": set()})
            if office.organization:
                row["written"][office.organization] = row["written"].get(office.organization, 0) + 1
            row["articles"].add(s.article_id)
    positions = []
    for key, row in by_office.items():
        office, first, last = person.offices[key]
        written = max(row["written"], key=lambda w: (row["written"][w], -len(w)), default=None)
        positions.append({"title_norm": office.title_norm, "organization": office.canonical or written,
                          "organization_canonical": office.canonical, "former": office.former,
                          "first_seen": first.isoformat() if first else None,
                          "last_seen": last.isoformat() if last else None, "articles": len(row["articles"])})
    positions.sort(key=lambda p: (p["first_seen"] or "9999", -p["articles"], p["title_norm"]))
    days = [s.day for s in person.sightings if s.day is not None]
    return {
        "person_id": person_id,
        "name": max(spellings, key=lambda n: (spellings[n], n == person.sightings[0].name)),
        "names": sorted(spellings),
        "articles": len(articles),
        "first_published": min(days).isoformat() if days else None,
        "last_published": max(days).isoformat() if days else None,
        "positions": positions,
    }


def officials_of(record: Record | Mapping[str, Any]) -> tuple[str, Any, list[tuple[str, list[tuple]]]]:
    """(article id, published, [(name, [(title_norm, organization, organization_canonical, former)])]) of a
    record or its dict (what ``PersonLinker.add_official`` takes for each official, plain values the finish
    stage writes to disk); records written before the canonical fields had them are read through the same
    functions."""
    if isinstance(record, Record):
        article_id, published = record.id, record.published
        officials = [(o.name, [_position(p.title, p.organization, p.former, p.title_norm, p.organization_canonical,
                                         True, published) for p in o.positions]) for o in record.officials]
    else:
        article_id, published = record["id"], record.get("published")
        officials = [(o["name"], [_position(p["title"], p.get("organization"), bool(p.get("former")),
                                            p.get("title_norm"), p.get("organization_canonical"),
                                            "organization_canonical" in p, published)
                                  for p in o.get("positions", [])])
                     for o in record.get("officials", [])]
    return str(article_id), published, officials


def _position(title: str, organization: str | None, former: bool, norm: str | None, canonical: str | None,
              has_canonical: bool, published: Any) -> tuple:
    if norm is None:
        norm = title_norm(title)
    if not has_canonical:
        canonical = organization_canonical(organization, _day(published))
    return sys.intern(norm), organization, canonical, former


def persons_table(records: Iterable[Record | Mapping[str, Any]]) -> pa.Table:
    """``persons.parquet`` of ``records`` in one call (small runs, tests)."""
    linker = PersonLinker()
    for record in records:
        linker.add(record)
    return linker.table()
