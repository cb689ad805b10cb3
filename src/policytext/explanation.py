"""``policytext explain``: every extracted item with the rule that made it, the layers that rule reads,
and the vetoes that removed candidates, so that any behaviour can be traced to its rule and its data.

    >>> from policytext import explain
    >>> print(explain("Phó chủ tịch thành phố Hải Phòng Nguyễn Văn Tùng cho biết …").format())
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .model import Article, Record, Source
from .pipeline import EXTRACTORS, Options, analyze_document
from .rules import Trace, rule_book

SECTIONS = ("officials", "organizations", "dates", "legal_refs", "tasks", "themes", "places")


@dataclass(slots=True)
class Veto:
    rule: str
    purpose: str
    start: int  # original offsets of the candidate the veto removed
    end: int
    text: str
    note: str = ""


@dataclass(slots=True)
class Explanation:
    """An analysed text with the rules behind every item and the vetoes that fired."""

    record: Record
    vetoes: list[Veto] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)  # the annotation layers computed for this text

    def rules(self) -> dict[str, dict[str, Any]]:
        """Purpose and layers of every rule and veto that appears in this explanation."""
        used = {veto.rule for veto in self.vetoes}
        for section in SECTIONS:
            for item in getattr(self.record, section):
                used.add(item.rule)
                used.update(p.rule for p in getattr(item, "positions", ()))
                used.update(getattr(item, "role_rules", {}).values())  # a task's roles and last-item end
                used.add(getattr(item, "resolved_by", None))  # a reference's resolution
        out = {}
        for rule_id in sorted(r for r in used if r):
            rule = rule_book(rule_id.split(".", 1)[0]).get(rule_id)
            if rule is not None:
                out[rule_id] = {"kind": rule.kind, "purpose": rule.purpose, "layers": list(rule.layers)}
        return out

    def to_dict(self) -> dict[str, Any]:
        record = self.record.to_dict()
        out: dict[str, Any] = {"text": record["text"], "published": record["published"]}
        out.update({section: record[section] for section in SECTIONS})
        out["vetoes"] = [{"rule": v.rule, "start": v.start, "end": v.end, "text": v.text, "note": v.note}
                         for v in self.vetoes]
        out["layers"] = self.layers
        out["rules"] = self.rules()
        return out

    def format(self) -> str:
        """A plain-text report: items by extractor with their rule ids, then the vetoes."""
        rules = self.rules()
        lines: list[str] = []

        def rule_line(rule_id: str | None) -> str:
            if not rule_id:
                return ""
            layers = rules.get(rule_id, {}).get("layers") or []
            return f"[{rule_id}]" + (f" layers: {', '.join(layers)}" if layers else "")

        for section in SECTIONS:
            items = getattr(self.record, section)
            if not items:
                continue
            lines.append(f"{section} ({len(items)})")
            for item in items:
                lines.extend("  " + line for line in _describe(section, item, rule_line))
        if self.vetoes:
            lines.append(f"vetoes ({len(self.vetoes)}): candidates removed")
            for veto in self.vetoes:
                note = f" ({veto.note})" if veto.note else ""
                lines.append(f"  [{veto.rule}] {veto.text!r} {veto.start}-{veto.end}{note}: {veto.purpose}")
        lines.append("layers computed: " + (", ".join(self.layers) or "none"))
        return "\n".join(lines)


def _describe(section: str, item: Any, rule_line) -> list[str]:
    if section == "officials":
        out = [f"{item.name}  {rule_line(item.rule)}"]
        for p in item.positions:
            former = "nguyên " if p.former else ""
            canonical = f"  = {p.title_norm} · {p.organization_canonical or '?'}" if p.title_norm else ""
            out.append(f"  {former}{p.title} · {p.organization or '-'}{canonical}  [{p.rule}]")
        out.append("  mentions: " + ", ".join(f"{m.text!r} {m.start}-{m.end}" for m in item.mentions))
        return out
    if section == "organizations":
        spans = ", ".join(f"{m.text!r} {m.start}-{m.end}" for m in item.mentions)
        return [f"{item.name} ({item.kind}): {spans}  {rule_line(item.rule)}"]
    if section == "dates":
        return [f"{item.text!r} {item.start}-{item.end} -> {item.value} ({item.grain})  {rule_line(item.rule)}"]
    if section == "legal_refs":
        code = item.code or "(named)"
        out = [f"{item.text!r} {item.start}-{item.end}: {item.doc_type} {code}  {rule_line(item.rule)}"]
        resolved = f" = {item.resolved_code}" if item.resolved_code else ""
        out.append(f"  document {item.doc_key}{resolved}" + (f"  {rule_line(item.resolved_by)}" if item.resolved_by else ""))
        return out
    if section == "places":
        province = f", province {item.province}" if item.province and item.province != item.canonical else ""
        return [f"{item.text!r} {item.start}-{item.end}: {item.canonical} ({item.kind}{province})  {rule_line(item.rule)}"]
    if section == "tasks":
        out = [f"{item.marker} #{item.ordinal} (list {item.list}) {item.start}-{item.end}  {rule_line(item.rule)}"]
        roles = {"issued_by": item.issued_by, "actor": ", ".join(item.actor) or None, "deadline": item.deadline,
                 "directive": item.directive}
        out += [f"  {role}: {value}  {rule_line(item.role_rules.get(role))}" for role, value in roles.items() if value]
        if item.role_rules.get("end"):
            out.append(f"  end of the last item  {rule_line(item.role_rules['end'])}")
        return out
    evidence = ", ".join(repr(e.text) for e in item.evidence[:6])
    return [f"{item.id} {item.score:.2f}: {evidence}  {rule_line(item.rule)}"]


def explain(text: str, *, title: str | None = None, published: str | datetime | None = None,
            options: Options | None = None) -> Explanation:
    """Analyse ``text`` as ``policytext.analyze`` does, keeping the trace of rules and vetoes."""
    if isinstance(published, datetime):
        published = published.isoformat()
    article = Article(text=text, source=Source(path="<text>"), title=title, published=published)
    trace = Trace()
    record, doc = analyze_document(article, options or Options(), trace)
    vetoes = []
    for event in trace.events:
        if event.kind != "veto":
            continue
        span = doc.span(event.start, event.end)
        rule = rule_book(event.rule.split(".", 1)[0]).get(event.rule)
        vetoes.append(Veto(event.rule, rule.purpose if rule else "", span.start, span.end, span.text, event.note))
    return Explanation(record, vetoes, doc.layers.computed())


__all__ = ["EXTRACTORS", "Explanation", "Veto", "explain"]
