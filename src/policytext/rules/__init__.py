"""Named rules and vetoes: every extracted item says which rule made it, every veto says what it removed.

Each extractor has a rule file, ``resources/rules/<extractor>.yaml``, in the spirit of Duckling's
rules and corpora: every rule and every veto has a stable id, a one-line purpose, the annotation
layers it reads, and examples (input text -> expected items) that one test runner checks. Extractor
code asks its book for an id (``RULES.rule("day-numeric")``): an id the file does not define fails at
import, so code and data cannot drift apart. ``Trace`` collects what fired for ``policytext explain``.
"""

from .book import Example, Rule, RuleBook, RuleError, rule_book
from .trace import NO_TRACE, Event, Trace

__all__ = ["Event", "Example", "NO_TRACE", "Rule", "RuleBook", "RuleError", "Trace", "rule_book"]
