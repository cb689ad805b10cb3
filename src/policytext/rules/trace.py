"""What fired while one document was analysed: rules that made items, vetoes that removed candidates."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Event:
    kind: str  # "rule" or "veto"
    rule: str  # qualified id
    start: int  # normalised coordinates of the candidate
    end: int
    note: str = ""


@dataclass(slots=True)
class Trace:
    """Collects events; extractors call ``veto`` where a named veto removes a candidate."""

    events: list[Event] = field(default_factory=list)
    enabled: bool = True

    def veto(self, rule: str, start: int, end: int, note: str = "") -> None:
        self.events.append(Event("veto", rule, start, end, note))

    def rule(self, rule: str, start: int, end: int, note: str = "") -> None:
        self.events.append(Event("rule", rule, start, end, note))


class _NoTrace:
    """The trace of ordinary runs: records nothing, costs a method call."""

    __slots__ = ()
    enabled = False
    events: tuple = ()

    def veto(self, rule: str, start: int, end: int, note: str = "") -> None:
        pass

    def rule(self, rule: str, start: int, end: int, note: str = "") -> None:
        pass


NO_TRACE = _NoTrace()
