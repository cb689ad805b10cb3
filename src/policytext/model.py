"""The data that flows through policytext: what a reader yields and what a record holds.

Field names and meanings follow ``spec/RECORD.md`` (schema version 1). Every ``start``/``end``
indexes the article's ORIGINAL text, end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "1"


@dataclass(slots=True)
class Source:
    """Where an article was read from: file, position inside it, archive member."""

    path: str
    index: int = 0  # line (JSONL), row (CSV), element (JSON array) or 0 for one-article files
    url: str | None = None
    member: str | None = None  # file inside a .zip archive, when there is one

    def location(self) -> str:
        where = self.path if self.member is None else f"{self.path}!{self.member}"
        return f"{where}:{self.index}"


@dataclass(slots=True)
class Article:
    """One article as a reader yields it, before any analysis."""

    text: str
    source: Source
    title: str | None = None
    published: str | None = None  # ISO 8601 string when known
    author: str | None = None
    id: str | None = None
    url: str | None = None


@dataclass(slots=True)
class ReadError:
    """An article or file that could not be read: it becomes one row of errors.jsonl."""

    source: Source
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": asdict(self.source), "location": self.source.location(), "reason": self.reason}


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    pos: str | None = None


@dataclass(slots=True)
class Position:
    title: str
    organization: str | None = None
    former: bool = False  # added field: "nguyên Bộ trưởng" (the title itself stays "Bộ trưởng")
    rule: str | None = None  # added field: the id of the rule that attached this position


@dataclass(slots=True)
class Official:
    name: str
    positions: list[Position] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    rule: str | None = None  # added field: the rule that found the person (their first position's)


@dataclass(slots=True)
class Organization:
    name: str  # canonical name, as valid when the article was published (never renamed to a successor)
    mentions: list[Span] = field(default_factory=list)
    kind: str | None = None  # added field: ministry, agency, party, local, ... (from the gazetteer)
    successor: str | None = None  # added field: the body that has since taken over, if any
    rule: str | None = None  # added field: the id of the rule that found it


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None
    grain: str  # minute hour day week month quarter half year interval
    rule: str | None = None  # added field: the id of the rule that found it


@dataclass(slots=True)
class LegalRef:
    start: int
    end: int
    text: str
    doc_type: str | None
    code: str | None
    number: str | None
    year: int | None
    issuer: str | None
    rule: str | None = None  # added field: the id of the rule that found it


@dataclass(slots=True)
class Task:
    ordinal: int
    marker: str
    start: int  # the task item: from its marker to the end of its text
    end: int
    rule: str | None = None  # added field: the id of the rule that found it


@dataclass(slots=True)
class ThemeHit:
    id: str
    score: float
    evidence: list[Span] = field(default_factory=list)
    rule: str | None = None  # added field: the id of the rule that labelled it
    # added field: the paragraphs (sentence windows in one-line texts) that carry the theme; written
    # as offsets only, like the record's sentences
    paragraphs: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Record:
    """One analysed article, serialisable exactly as RECORD.md describes."""

    id: str
    source: Source
    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    lang: str = "vi"
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    legal_refs: list[LegalRef] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    themes: list[ThemeHit] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        # sentences are spans without text in the record (RECORD.md): the offsets are enough
        data["sentences"] = [{"start": s.start, "end": s.end} for s in self.sentences]
        for theme in data["themes"]:
            theme["paragraphs"] = [{"start": p["start"], "end": p["end"]} for p in theme["paragraphs"]]
        ordered = {"schema_version": data.pop("schema_version")}
        ordered.update(data)
        return ordered

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        def spans(items):
            return [Span(s["start"], s["end"], s.get("text", "")) for s in items or []]

        text = data["text"]
        return cls(
            id=data["id"],
            source=Source(**data["source"]),
            text=text,
            title=data.get("title"),
            published=data.get("published"),
            author=data.get("author"),
            lang=data.get("lang", "vi"),
            sentences=[Span(s["start"], s["end"], text[s["start"]:s["end"]]) for s in data.get("sentences", [])],
            tokens=[Token(**t) for t in data.get("tokens", [])],
            officials=[
                Official(o["name"], [Position(**_known(Position, p)) for p in o.get("positions", [])],
                         spans(o.get("mentions")), o.get("rule"))
                for o in data.get("officials", [])
            ],
            organizations=[Organization(o["name"], spans(o.get("mentions")), o.get("kind"), o.get("successor"),
                                        o.get("rule"))
                           for o in data.get("organizations", [])],
            dates=[DateMention(**_known(DateMention, d)) for d in data.get("dates", [])],
            legal_refs=[LegalRef(**_known(LegalRef, r)) for r in data.get("legal_refs", [])],
            tasks=[Task(**_known(Task, t)) for t in data.get("tasks", [])],
            themes=[ThemeHit(t["id"], t["score"], spans(t.get("evidence")), t.get("rule"),
                             [Span(p["start"], p["end"], text[p["start"]:p["end"]]) for p in t.get("paragraphs") or []])
                    for t in data.get("themes", [])],
            errors=list(data.get("errors", [])),
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )


def _known(cls, data: dict[str, Any]) -> dict[str, Any]:
    """Keep the keys a dataclass knows, so records with added fields still load."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}
