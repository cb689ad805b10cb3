"""Enumerated tasks (RECORD.md "Tasks"): lists that say what is to be done, item by item, with who sets
them, who must do them, by when, and the document they implement.

1. Markers (markers.py): every candidate of every style in resources/patterns/tasks.yaml: ordinal words
   "Thứ nhất, …" (also in running text: "…; thứ hai, …"; after a noun: "Cách thứ hai, …"), "Một là …, hai là
   …" (also "Một, … Hai, …"), "(1)", "a)", "1.", bullets "- " "•" "+", steps "Bước 1", ways "Cách 1", options
   "Phương án 1", sequence words "Đầu tiên, … Tiếp theo, … Cuối cùng, …", numbered bodies "Đoàn công tác số 1 …".
2. Lists (lists.py): markers of one style numbered 1, 2, 3 … (bullets: consecutive lines); only the outer
   list of nested ones counts, its items spanning their sub-items (the dashes of an interview's turns are
   no enumeration: the lists inside them are candidates in turn).
3. Item ends (ends.py): where the next item starts; the last item at the end of its paragraph, or in a text
   without paragraph breaks by rule ``last-item-sentences``.
4. Tasks or not (vetoes.py): most items directives, steps, options; vetoes for reasons, facts, law
   clauses, dialogue.
5. Roles (roles.py): ``issued_by``, ``actor``, ``deadline``, ``directive`` from the introducing sentence, the
   item, the dates and the legal references of the article (``doc.layers.extracted``).

Every task carries ``rule`` (its marker style's rule) and ``role_rules`` (the rule behind each role filled);
vetoes are recorded in the trace for ``policytext explain``.
"""

from __future__ import annotations

from ...document import Document
from ...model import Task
from ...rules import rule_book
from .ends import item_ends, with_bullets
from .lexicon import lexicon
from .lists import enumerations, outer_lists
from .markers import Marker, find_markers
from .roles import assign_roles
from .vetoes import dialogue_turns, is_task_list

RULES = rule_book("tasks")
# the rule of each marker style
RULE_OF_STYLE = {"ordinal": RULES.rule("ordinal-words"), "ordinal_named": RULES.rule("named-ordinals"),
                 "la": RULES.rule("la-words"), "bare": RULES.rule("bare-number-words"),
                 "paren": RULES.rule("paren-numbers"), "letter": RULES.rule("letters"),
                 "number": RULES.rule("numbered-lines"), "bullet": RULES.rule("bullets"),
                 "step": RULES.rule("steps"), "way": RULES.rule("ways"), "option": RULES.rule("options"),
                 "sequence": RULES.rule("sequence-words"), "last": RULES.rule("sequence-words"),
                 "numbered_name": RULES.rule("numbered-names")}

__all__ = ["extract_tasks", "task_items"]


def task_items(norm: str, trace=None, title: str | None = None) -> list[list[tuple[Marker, int, str | None]]]:
    """The lists of tasks of a normalised text (``title``: the article's, which speaks for a list that opens the
    text): for each, its markers with their item ends (normalised coordinates) and the rule that placed a last
    item's end when one did."""
    from ...rules.trace import NO_TRACE

    trace = trace if trace is not None else NO_TRACE
    lex = lexicon()
    lists = []
    runs = enumerations(find_markers(norm, lex), norm, lex)
    pending = outer_lists(runs, norm)
    while pending:
        run, subs = pending.pop(0)
        items = item_ends(norm, run, subs, lex, _next_enumeration(run, subs, runs))
        if is_task_list(norm, run, [(m, end) for m, end, _ in items], lex, trace, title):
            lists.append(with_bullets(norm, items))
        elif subs and dialogue_turns(norm, run, [(m, end) for m, end, _ in items], lex):
            pending[0:0] = outer_lists(subs, norm)  # an interview's turns are no enumeration: a list inside one may be
    return lists


def _next_enumeration(run: list[Marker], subs: list[list[Marker]], runs: list[list[Marker]]) -> int | None:
    """Where the next enumeration after ``run``'s last marker starts (none of its own sub-lists): its last
    item ends before it."""
    later = [other[0].start for other in runs
             if other is not run and other[0].start > run[-1].start and not any(other is sub for sub in subs)]
    return min(later, default=None)


def extract_tasks(doc: Document) -> list[Task]:
    """Tasks of every list of tasks, with ordinal, marker, item span and text, and their roles."""
    tasks: list[Task] = []
    for number, items in enumerate(task_items(doc.norm, doc.trace, doc.title), start=1):
        listed = []
        for marker, end, end_rule in items:
            span = doc.span(marker.start, end)
            written = marker.bullet or doc.span(marker.start, marker.end).text
            task = Task(ordinal=marker.ordinal, marker=written, start=span.start,
                        end=span.end, rule=RULE_OF_STYLE[marker.variant or marker.style], text=span.text,
                        list=number)
            if end_rule:
                task.role_rules["end"] = end_rule
            listed.append((task, marker, end))
        assign_roles(doc, listed)
        tasks.extend(task for task, _, _ in listed)
    return tasks
