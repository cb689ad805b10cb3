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
    extra: dict[str, str | None] | None = None  # input fields kept as they were (run --keep-fields)


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
    # added fields (RECORD.md): one spelling and casing per title ("Phó Thủ tướng Thường trực"), the
    # gazetteer's name of the organisation valid at publication (null when unknown), and the original
    # offsets of the organisation as the article writes it (null when none is written)
    title_norm: str | None = None
    organization_canonical: str | None = None
    organization_start: int | None = None
    organization_end: int | None = None


@dataclass(slots=True)
class Official:
    name: str
    positions: list[Position] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    rule: str | None = None  # added field: the rule that found the person (their first position's)
    person_id: str | None = None  # added field: one key per person across a run (null from ``analyze``)


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
    # added fields (RECORD.md "Legal references"): a canonical key for counting ("Nghị định|15/2020/NĐ-CP",
    # "Luật|đất đai"); for a short or anaphoric mention of a document the article gives in full, that
    # document's code and key
    doc_key: str | None = None
    resolved_code: str | None = None
    resolved_by: str | None = None  # added field: the id of the rule that resolved it (short number, registry …)


@dataclass(slots=True)
class Task:
    ordinal: int
    marker: str
    start: int  # the task item: from its marker to the end of its text
    end: int
    rule: str | None = None  # added field: the id of the rule that found it (its marker style)
    # added fields (RECORD.md "Tasks"):
    text: str = ""  # the item as written, text[start:end]
    issued_by: str | None = None  # the official or body that sets the tasks
    actor: list[str] = field(default_factory=list)  # who is told to do it (canonical names where known)
    deadline: str | None = None  # a date value from the item ("trước ngày 30/9/2021" -> "/2021-09-30")
    deadline_span: Span | None = None  # where the deadline is written
    directive: str | None = None  # the doc_key of the document the list implements
    list: int = 1  # which list of the article (1, 2 …: two lists restart their ordinals)
    role_rules: dict[str, str] = field(default_factory=dict)  # role -> the id of the rule that filled it


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
class Place:
    """Added item (not in RECORD.md's first list): a province, city, district, commune or country named."""

    start: int
    end: int
    text: str  # as written (entities decoded)
    canonical: str  # "Hồ Chí Minh" for "TP.HCM", "huyện Cần Giờ", "Hoa Kỳ" for "Mỹ"
    kind: str  # province, city, district, commune, country
    province: str | None = None  # the province or centrally-run city it stands for on the publication date
    rule: str | None = None


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
    places: list[Place] = field(default_factory=list)  # added field
    errors: list[str] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION
    # added field: fields of the input record carried along unchanged (run --keep-fields), by name;
    # absent from the record when none were asked for
    input_fields: dict[str, str | None] | None = None
    # added field: the id of the earlier article of the run this one nearly copies (run
    # --near-duplicates); absent from the record when it copies none or the run did not look
    duplicate_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = _as_plain(self)
        # sentences are spans without text in the record (RECORD.md): the offsets are enough
        data["sentences"] = [{"start": s.start, "end": s.end} for s in self.sentences]
        if self.input_fields is None:
            del data["input_fields"]
        for theme in data["themes"]:
            theme["paragraphs"] = [{"start": p["start"], "end": p["end"]} for p in theme["paragraphs"]]
        if self.duplicate_of is None:
            del data["duplicate_of"]
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
                         spans(o.get("mentions")), o.get("rule"), o.get("person_id"))
                for o in data.get("officials", [])
            ],
            organizations=[Organization(o["name"], spans(o.get("mentions")), o.get("kind"), o.get("successor"),
                                        o.get("rule"))
                           for o in data.get("organizations", [])],
            dates=[DateMention(**_known(DateMention, d)) for d in data.get("dates", [])],
            legal_refs=[LegalRef(**_known(LegalRef, r)) for r in data.get("legal_refs", [])],
            tasks=[_task(t) for t in data.get("tasks", [])],
            themes=[ThemeHit(t["id"], t["score"], spans(t.get("evidence")), t.get("rule"),
                             [Span(p["start"], p["end"], text[p["start"]:p["end"]]) for p in t.get("paragraphs") or []])
                    for t in data.get("themes", [])],
            places=[Place(**_known(Place, p)) for p in data.get("places", [])],
            errors=list(data.get("errors", [])),
            schema_version=data.get("schema_version", SCHEMA_VERSION),
            input_fields=data.get("input_fields"),
            duplicate_of=data.get("duplicate_of"),
        )


def _known(cls, data: dict[str, Any]) -> dict[str, Any]:
    """Keep the keys a dataclass knows, so records with added fields still load."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _task(data: dict[str, Any]) -> Task:
    task = Task(**_known(Task, data))
    if isinstance(task.deadline_span, dict):
        task.deadline_span = Span(task.deadline_span["start"], task.deadline_span["end"],
                                  task.deadline_span.get("text", ""))
    return task



_LEAVES = frozenset({str, int, float, bool, type(None)})


def _as_plain(value: Any) -> Any:
    """``dataclasses.asdict`` for records: the same dicts, lists and tuples, built without asdict's deep
    copy of every leaf (a record's leaves are str, int, float, bool and None, which need none); asdict
    was a sixth of a run's time in its main process. Anything else goes to asdict's own rules."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    if kind is Token:  # most of a record that keeps its tokens: spelled out, a third of the generic path's time
        return {"start": value.start, "end": value.end, "text": value.text, "pos": value.pos}
    if kind is list or kind is tuple:
        return kind([_as_plain(item) for item in value])
    if kind is dict:
        return {_as_plain(k): _as_plain(v) for k, v in value.items()}
    names = _field_names(kind) if hasattr(kind, "__dataclass_fields__") else None
    if names is not None:
        return {name: _as_plain(getattr(value, name)) for name in names}
    import copy

    return copy.deepcopy(value)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind))
    return names
