"""Rule files: ids, purposes, layers and examples, loaded once per extractor."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..startcache import compile_regex
from ..resources import load_yaml

_ID = compile_regex(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_RULE_KEYS = {"purpose", "layers", "examples"}
_EXAMPLE_KEYS = {"text", "title", "published", "expect", "contains", "absent", "note", "taxonomy"}
# what a rule may read besides the text: the document's layers (policytext.layers), other extractors'
# results, and the theme taxonomy and model
LAYERS = frozenset({"sentences", "words", "organizations", "places", "titles", "names", "honorifics",
                    "dates", "legal_refs", "officials", "taxonomy", "model"})


class RuleError(ValueError):
    """A rule file is malformed, or code asked for a rule id the file does not define."""


@dataclass(frozen=True, slots=True)
class Example:
    """An input and what the extractor must (``expect``: exactly; ``contains``: at least) or must not
    (``absent``) return for it; items are compared on the keys the example gives."""

    text: str
    published: str | None = None
    title: str | None = None
    expect: tuple[dict, ...] | None = None
    contains: tuple[dict, ...] = ()
    absent: tuple[dict, ...] = ()
    note: str = ""
    taxonomy: str | None = None  # themes only: taxonomy YAML merged into the default (an analyst's theme)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str  # qualified: "<extractor>.<name>"
    kind: str  # "rule" or "veto"
    purpose: str
    layers: tuple[str, ...]
    examples: tuple[Example, ...]

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[1]


class RuleBook:
    """The rules and vetoes of one extractor, and its negative examples."""

    def __init__(self, extractor: str, rules: dict[str, Rule], negatives: tuple[Example, ...] = ()) -> None:
        self.extractor = extractor
        self._rules = rules
        self.negatives = negatives  # texts where the extractor must find nothing (no rule fires)

    def rule(self, name: str) -> str:
        """The qualified id of rule ``name`` (raises when the file does not define it)."""
        return self._get(name, "rule").id

    def veto(self, name: str) -> str:
        return self._get(name, "veto").id

    def _get(self, name: str, kind: str) -> Rule:
        found = self._rules.get(f"{self.extractor}.{name}")
        if found is None or found.kind != kind:
            raise RuleError(f"rules/{self.extractor}.yaml defines no {kind} {name!r}")
        return found

    def __iter__(self):
        return iter(self._rules.values())

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def get(self, rule_id: str) -> Rule | None:
        return self._rules.get(rule_id)


def _examples(raw: Any, where: str, default_published: str | None) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not raw:
        raise RuleError(f"{where}: 'examples' must be a non-empty list")
    out = []
    for i, item in enumerate(raw):
        here = f"{where}, example {i + 1}"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise RuleError(f"{here}: an example is a mapping with a 'text'")
        unknown = set(item) - _EXAMPLE_KEYS
        if unknown:
            raise RuleError(f"{here}: unknown keys {sorted(unknown)}")
        if "expect" not in item and "contains" not in item and "absent" not in item:
            raise RuleError(f"{here}: give 'expect', 'contains' or 'absent'")
        published = item.get("published", default_published)
        out.append(Example(
            text=item["text"],
            published=str(published) if published else None,
            title=item.get("title"),
            expect=tuple(item["expect"]) if "expect" in item else None,
            contains=tuple(item.get("contains") or ()),
            absent=tuple(item.get("absent") or ()),
            note=item.get("note", ""),
            taxonomy=item.get("taxonomy"),
        ))
    return tuple(out)


@lru_cache(maxsize=None)
def rule_book(extractor: str) -> RuleBook:
    """The rule book of ``extractor`` from ``resources/rules/<extractor>.yaml`` (read once)."""
    name = f"rules/{extractor}.yaml"
    data = load_yaml(name)
    if not isinstance(data, dict):
        raise RuleError(f"{name}: must be a mapping with 'rules' and 'vetoes'")
    default_published = data.get("published")
    rules: dict[str, Rule] = {}
    for kind, section in (("rule", "rules"), ("veto", "vetoes")):
        for rule_name, body in (data.get(section) or {}).items():
            where = f"{name}, {section}: {rule_name}"
            if not _ID.match(str(rule_name)):
                raise RuleError(f"{where}: an id is lower-case words joined by '-'")
            if not isinstance(body, dict) or not isinstance(body.get("purpose"), str):
                raise RuleError(f"{where}: needs a one-line 'purpose'")
            unknown = set(body) - _RULE_KEYS
            if unknown:
                raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
            layers = tuple(body.get("layers") or ())
            if not set(layers) <= LAYERS:
                raise RuleError(f"{where}: unknown layers {sorted(set(layers) - LAYERS)}")
            rule_id = f"{extractor}.{rule_name}"
            if rule_id in rules:
                raise RuleError(f"{where}: defined twice")
            rules[rule_id] = Rule(rule_id, kind, body["purpose"].strip(), layers,
                                  _examples(body.get("examples"), where, default_published))
    negatives = tuple(Example(text=str(text), published=str(default_published) if default_published else None,
                              expect=()) for text in data.get("negatives") or ())
    return RuleBook(extractor, rules, negatives)
