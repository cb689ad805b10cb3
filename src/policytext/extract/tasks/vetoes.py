"""Is an enumeration a list of tasks? (RECORD.md: tasks, measures, solutions, proposals and options put to a
decision are; reasons, facts, results, history, dialogue are not.)

An enumeration is a list of tasks when most of its items are directives (an item opens with a directive
verb, or its first clause carries a modal such as "phải", "cần"); after a lead-in that announces directives
("Thủ tướng chỉ thị:", "cần thực hiện các giải pháp sau") fewer are needed. Steps ("Bước 1: …") tell the
reader what to do and options ("Phương án 1 …") are put to a decision: both are lists of tasks unless a
veto removes them. Vetoes: a lead-in that announces acts, cases, problems or causes (``not-directives``),
a law's clauses under an article heading (``law-article``), items that open with a cause (``reasons``),
the dashes of an interview or a dialogue
(``dialogue-dashes``).
"""

from __future__ import annotations

import re

from ...rules import rule_book
from .lexicon import Lexicon
from .markers import Marker

RULES = rule_book("tasks")
NOT_DIRECTIVES = RULES.veto("not-directives")
LAW_ARTICLE = RULES.veto("law-article")
DIALOGUE = RULES.veto("dialogue-dashes")
REASONS = RULES.veto("reasons")

COUNTED_NOUN_REACH = 8  # characters between a count and its noun ("ba nhóm giải pháp")
_LABEL = re.compile(r"^\s*[^\W\d_]+(?: [^\W\d_]+){0,2}:")  # "Yêu cầu: …", "Học phí: …"
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+")


def is_directive(item: str, lex: Lexicon) -> bool:
    start = lex.directive_start.match(item)
    # "Yêu cầu: IELTS 6.0" is a field's label, not the verb
    if start and not lex.not_directive_start.match(item) and not item[start.end():start.end() + 1] == ":":
        return True
    first_clause = re.split(r"[.;!?\n]", _LABEL.sub("", item), maxsplit=1)[0]
    window = " ".join(first_clause.split()[: int(lex.number("modal_window"))])
    return bool(lex.modal.search(lex.not_modal.sub(" ", window)))


def lead_in(norm: str, run: list[Marker], lex: Lexicon) -> str:
    """The text shortly before the first marker (``lead_in_window`` characters)."""
    return norm[max(0, run[0].start - int(lex.number("lead_in_window"))):run[0].start]


def _is_dialogue(norm: str, items: list[tuple[Marker, int]], lex: Lexicon) -> bool:
    """Dashes that open the turns of an interview or a dialogue: a question among them, or long turns."""
    texts = [norm[m.end:end] for m, end in items]
    if any("?" in text for text in texts):
        return True
    return sum(map(len, texts)) / len(texts) > lex.number("dialogue_turn_length")


def _announced_kind(sentence: str, lex: Lexicon) -> str | None:
    """What the sentence introducing a list announces: "tasks", "other" (acts, causes, problems …) or None.
    A cue right after a count names what the list holds ("năm lý do để đưa ra đề nghị": reasons); failing
    that the last cue written does. Modals count as cues for tasks only in a sentence that ends with a colon
    ("… cần tập trung vào 3 ưu tiên:")."""
    cues = [(m.start(), m.end(), "tasks") for m in lex.lead_in.finditer(sentence)]
    if sentence.rstrip().endswith(":"):
        cues += [(m.start(), m.end(), "tasks") for m in lex.lead_in_modal.finditer(sentence)]
    cues += [(m.start(), m.end(), "other") for m in lex.not_task_lead_in.finditer(sentence)]
    if not cues:
        return None
    counts = list(lex.count_word.finditer(sentence))
    for count in counts:  # "năm lý do để đưa ra đề nghị": the counted noun
        counted = [cue for cue in cues if 0 <= cue[0] - count.end() <= COUNTED_NOUN_REACH]
        if counted:
            return min(counted)[2]
    return max(cues, key=lambda cue: cue[1])[2]


def _announced_count(sentence: str, lex: Lexicon) -> int | None:
    """The number of tasks a sentence announces ("ba nhóm giải pháp", "2 việc"), if it counts tasks ("4 vấn
    đề mà nhà thầu chưa đáp ứng", "3 nội dung tố cáo" count other things)."""
    for count in reversed(list(lex.count_word.finditer(sentence))):
        if lex.counted_task.match(sentence, count.end()):
            word = count.group(1).lower()
            return int(word) if word.isdigit() else lex.la.get(word)
    return None


def is_task_list(norm: str, run: list[Marker], items: list[tuple[Marker, int]], lex: Lexicon, trace) -> bool:
    """Whether the items of ``run`` are tasks (a veto that removes them is recorded in ``trace``)."""
    span = (run[0].start, items[-1][1])
    before = lead_in(norm, run, lex)
    last_sentence = _SENTENCE_SPLIT.split(before.strip())[-1]
    if lex.law_article.search(before.rstrip()) or lex.law_article_line.match(before.rstrip().rsplit("\n", 1)[-1]):
        trace.veto(LAW_ARTICLE, *span)
        return False
    if run[0].style == "bullet" and run[0].key == "-" and _is_dialogue(norm, items, lex):
        trace.veto(DIALOGUE, *span)
        return False
    kind = _announced_kind(last_sentence, lex)
    if kind == "other":
        trace.veto(NOT_DIRECTIVES, *span, "the sentence before introduces no tasks")
        return False
    reasons = sum(bool(lex.reason_opener.match(norm, m.end, end)) for m, end in items)
    if reasons and reasons >= lex.number("reason_share") * len(items):
        trace.veto(REASONS, *span, f"{reasons} of {len(items)} items open with a cause")
        return False
    if run[0].style in ("step", "option") or lex.options_lead_in.search(last_sentence):
        return True
    if kind == "tasks" and _announced_count(last_sentence, lex) == len(items):
        return True  # "Cần Thơ đề xuất Thủ tướng bốn nội dung." and four items
    if run[0].style == "numbered_name":  # bodies each given an assignment: a directive verb in every item
        if all(lex.directive_anywhere.search(norm[m.end:end]) for m, end in items):
            return True
        trace.veto(NOT_DIRECTIVES, *span, "numbered names without an assignment each")
        return False
    directives = sum(is_directive(norm[m.end:end], lex) for m, end in items)
    # the sentence that introduces the list announces directives: fewer directive-looking items needed
    share = lex.number("lead_in_share") if kind == "tasks" else lex.number("directive_share")
    if directives >= share * len(items):
        return True
    trace.veto(NOT_DIRECTIVES, *span, f"{directives} of {len(items)} items are directives")
    return False
