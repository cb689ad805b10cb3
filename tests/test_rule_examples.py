"""One runner for every rule's and veto's examples (resources/rules/*.yaml).

Each example is analysed by the extractor its file names; the items are compared on the keys the
example gives (``expect``: exactly these items, in order; ``contains``: at least these; ``absent``:
none of these). A rule's example must produce an item carrying the rule's id; a veto's example must
make the veto fire (it is recorded in the document's trace).
"""

from __future__ import annotations

from importlib import resources

import pytest

from policytext.document import Document
from policytext.pipeline import EXTRACTORS, Options, run_extractor
from policytext.rules import Trace, rule_book

BOOKS = sorted(p.name[:-5] for p in resources.files("policytext.resources").joinpath("rules").iterdir()
               if p.name.endswith(".yaml"))


def _cases():
    for extractor in BOOKS:
        for rule in rule_book(extractor):
            for n, example in enumerate(rule.examples, start=1):
                yield pytest.param(extractor, rule, example, id=f"{rule.id}#{n}")


def _negatives():
    for extractor in BOOKS:
        for n, example in enumerate(rule_book(extractor).negatives, start=1):
            yield pytest.param(extractor, example, id=f"{extractor}.negative#{n}")


def _view(extractor: str, item, text: str = "") -> dict:
    """An item as examples describe it."""
    if extractor == "officials":
        return {"name": item.name, "positions": [[p.title, p.organization, p.former] for p in item.positions]}
    if extractor == "tasks":
        return {"ordinal": item.ordinal, "marker": item.marker, "text": text[item.start:item.end],
                "issued_by": item.issued_by, "actor": item.actor, "deadline": item.deadline,
                "directive": item.directive}
    if extractor == "themes":
        return {"id": item.id}
    if extractor == "organizations":
        return {"name": item.name, "kind": item.kind}
    if extractor == "places":
        return {"text": item.text, "canonical": item.canonical, "kind": item.kind, "province": item.province}
    return {k: getattr(item, k) for k in ("text", "value", "grain", "doc_type", "code", "number", "year", "issuer",
                                          "doc_key", "resolved_code") if hasattr(item, k)}


def _matches(expected: dict, view: dict) -> bool:
    return all(_same(key, value, view.get(key)) for key, value in expected.items())


def _same(key: str, expected, found) -> bool:
    if key == "positions":  # [title, organization] or [title, organization, former]
        return found is not None and len(found) == len(expected) and all(
            list(f[:len(e)]) == list(e) for e, f in zip(expected, found))
    return found == expected


def _rules_of(extractor: str, item) -> set[str]:
    if extractor == "officials":
        return {p.rule for p in item.positions} | {item.rule}
    if extractor == "tasks":  # the marker style's rule and the rules that filled its roles and placed its end
        return {item.rule, *item.role_rules.values()}
    if extractor == "legal_refs":  # the rule that found it and the one that resolved it to a document
        return {item.rule, item.resolved_by}
    return {item.rule}


def test_every_book_has_rules_and_examples():
    assert set(BOOKS) == set(EXTRACTORS)  # every extractor is a set of named rules
    for extractor in BOOKS:
        assert any(rule.kind == "rule" for rule in rule_book(extractor))


def _run(extractor: str, doc: Document, example) -> list:
    """The extractor's items; a theme example may extend the default taxonomy with its own themes."""
    if example.taxonomy is None:
        return run_extractor(extractor, doc, Options())
    from policytext.extract.themes import extract_themes
    from policytext.themes.taxonomy import default_taxonomy, parse_taxonomy

    assert extractor == "themes", "only theme examples may carry a taxonomy"
    return extract_themes(doc, parse_taxonomy(example.taxonomy, "example taxonomy", base=default_taxonomy()))


@pytest.mark.parametrize("extractor,rule,example", list(_cases()))
def test_rule_example(extractor, rule, example):
    doc = Document.from_text(example.text, title=example.title, published=example.published, segment=False)
    doc.trace = Trace()
    items = _run(extractor, doc, example)
    views = [_view(extractor, item, example.text) for item in items]
    if example.expect is not None:
        assert len(views) == len(example.expect), f"{rule.id}: got {views}"
        for expected, view in zip(example.expect, views):
            assert _matches(expected, view), f"{rule.id}: expected {expected}, got {view}"
    for expected in example.contains:
        assert any(_matches(expected, view) for view in views), f"{rule.id}: {expected} not in {views}"
    for unwanted in example.absent:
        assert not any(_matches(unwanted, view) for view in views), f"{rule.id}: {unwanted} found in {views}"
    if rule.kind == "rule":
        fired = set().union(*(_rules_of(extractor, item) for item in items)) if items else set()
        assert rule.id in fired, f"{rule.id} made none of {views} (rules fired: {sorted(fired)})"
    else:
        vetoes = {event.rule for event in doc.trace.events if event.kind == "veto"}
        assert rule.id in vetoes, f"{rule.id} did not fire (vetoes: {sorted(vetoes)}; items {views})"


@pytest.mark.parametrize("extractor,example", list(_negatives()))
def test_negative_example(extractor, example):
    doc = Document.from_text(example.text, published=example.published, segment=False)
    assert [_view(extractor, item, example.text) for item in run_extractor(extractor, doc, Options())] == []
