"""policytext as a spaCy pipeline component.

    import spacy
    nlp = spacy.blank("vi")          # spaCy's Vietnamese tokenizer (pyvi); no model is downloaded
    nlp.add_pipe("policytext")       # found through the package's ``spacy_factories`` entry point
    doc = nlp(text)
    doc.ents                         # PERSON, ORG, GPE, DATE, LAW (no overlaps: longest first)
    doc.spans["titles"], doc.spans["tasks"], doc.spans["themes"], doc.spans["policytext"]
    doc._.policytext                 # the RECORD.md record, as a dict (parsed anew on each access)

Every span comes from the record's character offsets (``doc.char_span(..., alignment_mode="expand")``),
so it covers whole spaCy tokens around what policytext found. ``doc.ents`` cannot overlap, so an
organisation inside a legal reference ("Nghị định 15/2020/NĐ-CP của Chính phủ") gives way to the
longer span; ``doc.spans["policytext"]`` keeps every entity span, overlapping or not. An entity's
``kb_id_`` is what policytext normalised it to: the official's full name, the organisation's canonical
name, the date's value, the legal reference's code. To analyse with a publication date or a title, set
``doc._.published`` / ``doc._.title`` on ``nlp.make_doc(text)`` and pass the Doc to ``nlp``.

The record is stored as one JSON string (``doc._.policytext_json``) in ``doc.user_data``, so
``DocBin(store_user_data=True)`` and ``nlp.pipe(..., n_process=2)`` carry it unchanged.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .model import Article, Source
from .pipeline import Options, analyze_document

LABELS = ("PERSON", "ORG", "GPE", "DATE", "LAW")
ENTITY_GROUP = "policytext"  # every entity span, overlapping ones too
TITLE_GROUP = "titles"  # office titles written in the text ("Bộ trưởng"), labelled with the title
TASK_GROUP = "tasks"  # enumerated tasks, labelled with their marker ("Thứ nhất")
THEME_GROUP = "themes"  # the evidence behind each theme label, labelled with the theme id


def _record(doc: Doc) -> dict[str, Any] | None:
    stored = doc._.policytext_json
    return None if stored is None else json.loads(stored)


# The record is kept as one JSON string: spaCy's serialisation (DocBin, n_process) turns lists into
# tuples, and the record must come back as it went in. ``doc._.policytext`` parses it on each access.
for _name, _settings in (("policytext_json", {"default": None}), ("policytext", {"getter": _record}),
                         ("published", {"default": None}), ("title", {"default": None})):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, **_settings)


@Language.factory(
    "policytext",
    default_config={"tokens": False, "segmenter": "pyvi", "taxonomy": None, "extend_taxonomy": False,
                    "overwrite_ents": True},
)
def make_policytext(nlp: Language, name: str, tokens: bool, segmenter: str, taxonomy: str | None,
                    extend_taxonomy: bool, overwrite_ents: bool) -> "PolicytextComponent":
    """The ``policytext`` factory. ``tokens``: keep policytext's own tokens in ``doc._.policytext``
    (off: spaCy's tokens are the Doc); ``overwrite_ents``: replace the Doc's entities (on) or add
    ours only where they overlap none already there."""
    options = Options(segmenter=segmenter, taxonomy=taxonomy, extend_taxonomy=extend_taxonomy, tokens=tokens)
    return PolicytextComponent(name, options, overwrite_ents)


class PolicytextComponent:
    """Analyses each Doc's text with policytext and puts the record on it as entities and span groups."""

    def __init__(self, name: str = "policytext", options: Options | None = None, overwrite_ents: bool = True):
        self.name = name
        self.options = options or Options(tokens=False)
        self.overwrite_ents = overwrite_ents

    def __call__(self, doc: Doc) -> Doc:
        article = Article(text=doc.text, source=Source("<spacy>"), title=doc._.title,
                          published=_iso(doc._.published))
        record, document = analyze_document(article, self.options)
        entities = [span for span in self._entities(doc, record, document) if span is not None]
        doc.spans[ENTITY_GROUP] = sorted(entities, key=lambda s: (s.start_char, s.end_char))
        if self.overwrite_ents:
            doc.ents = filter_spans(entities)
        else:
            taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
            free = [s for s in filter_spans(entities) if not taken.intersection(range(s.start, s.end))]
            doc.ents = sorted([*doc.ents, *free], key=lambda s: s.start)
        titles = ((document.span(m.start, m.end), m.text) for m in document.layers.titles.values())
        doc.spans[TITLE_GROUP] = _spans(doc, ((where.start, where.end, title) for where, title in titles))
        doc.spans[TASK_GROUP] = _spans(doc, ((t.start, t.end, t.marker) for t in record.tasks))
        doc.spans[THEME_GROUP] = _spans(doc, ((e.start, e.end, t.id) for t in record.themes for e in t.evidence))
        doc._.policytext_json = json.dumps(record.to_dict(), ensure_ascii=False)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _entities(self, doc: Doc, record, document) -> Iterator[Span | None]:
        for official in record.officials:
            for mention in official.mentions:
                yield _span(doc, mention.start, mention.end, "PERSON", official.name)
        for organization in record.organizations:
            for mention in organization.mentions:
                yield _span(doc, mention.start, mention.end, "ORG", organization.name)
        for place in record.places:
            yield _span(doc, place.start, place.end, "GPE", place.canonical)
        for mention in record.dates:
            yield _span(doc, mention.start, mention.end, "DATE", mention.value)
        for ref in record.legal_refs:
            yield _span(doc, ref.start, ref.end, "LAW", ref.code or ref.text)


def _span(doc: Doc, start: int, end: int, label: str, kb_id: str | None = None) -> Span | None:
    """The spaCy span of whole tokens around ``doc.text[start:end]`` (None for white space alone)."""
    return doc.char_span(start, end, label=label, kb_id=kb_id or "", alignment_mode="expand")


def _spans(doc: Doc, items: Iterable[tuple[int, int, str]]) -> list[Span]:
    return [span for start, end, label in items if (span := _span(doc, start, end, label)) is not None]


def _iso(value: Any) -> str | None:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value if value is None else str(value)
