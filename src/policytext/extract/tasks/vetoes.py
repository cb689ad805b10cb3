"""Is an enumeration a list of tasks? (RECORD.md: tasks, measures, solutions, proposals and options put to a
decision are; reasons, facts, results, history, dialogue are not.)

An enumeration is a list of tasks when most of its items are directives (an item opens with a directive
verb, or its first clause carries a modal such as "phải", "cần"); after a lead-in that announces directives
("Thủ tướng chỉ thị:", "cần thực hiện các giải pháp sau") fewer are needed. Steps ("Bước 1: …") tell the
reader what to do and options ("Phương án 1 …") are put to a decision: both are lists of tasks unless a
veto removes them. Vetoes: a lead-in that announces acts, cases, problems or causes (``not-directives``),
a law's clauses under an article heading (``law-article``), items that open with a cause (``reasons``) or a
case (``cases``: "Trường hợp …", legal conditions), the dashes of an interview or a dialogue
(``dialogue-dashes``).
"""

from __future__ import annotations

import re

from ...startcache import compile_regex
from ...rules import rule_book
from .agents import vocabulary
from .lexicon import Lexicon
from .markers import Marker

RULES = rule_book("tasks")
NOT_DIRECTIVES = RULES.veto("not-directives")
LAW_ARTICLE = RULES.veto("law-article")
DIALOGUE = RULES.veto("dialogue-dashes")
REASONS = RULES.veto("reasons")
CASES = RULES.veto("cases")
QUESTIONS = RULES.veto("questions")
NAMED_IN_PASSING = RULES.veto("named-in-passing")

COUNTED_NOUN_REACH = 8  # characters between a count and its noun ("ba nhóm giải pháp")
_LABEL = compile_regex(r"^\s*[^\W\d_]+(?: [^\W\d_]+){0,2}:")  # "Yêu cầu: …", "Học phí: …"
_SENTENCE_SPLIT = compile_regex(r"(?<=[.!?…])\s+")
_SENTENCE_END = compile_regex(r"(?<=[.!?…])[\"”’)]*\s+")


def is_directive(item: str, lex: Lexicon) -> bool:
    start = lex.directive_start.match(item)
    # "Yêu cầu: IELTS 6.0" is a field's label, not the verb
    if start and not lex.not_directive_start.match(item) and not item[start.end():start.end() + 1] == ":":
        return True
    first_clause = re.split(r"[.;!?\n]", _LABEL.sub("", item), maxsplit=1)[0]
    words = first_clause.split()
    window = lex.not_modal.sub(" ", " ".join(words[: int(lex.number("modal_window"))]))
    if lex.modal.search(window):
        return True
    opening = lex.not_modal.sub(" ", " ".join(words[: int(lex.number("proposal_window"))]))
    if lex.proposing.search(opening):
        return True
    # a subject naming people or bodies, then a directive verb in the present: "Các tỉnh ủy rà soát bộ máy …"
    # (not "Quốc hội đã thông qua …", "người dân lơ là, không thực hiện …": facts)
    clause = first_clause.lstrip(" ,:;.-–")
    subject = vocabulary().actor_head.match(clause)
    if not subject:
        return False
    verb = lex.directive_anywhere.search(clause, subject.end())
    if not verb or "," in clause[:verb.start()] or lex.not_present.search(clause, subject.end(), verb.start()):
        return False
    # the words between are the rest of a name (capitalised: "Bộ Công an", "UBND tỉnh Quảng Ninh") and at most
    # this many others ("Trường ĐH khoa học ứng dụng" is a name ending on a noun, no verb)
    between = [w for w in clause[subject.end():verb.start()].split() if not w[:1].isupper()]
    return len(between) <= lex.number("subject_verb_gap")


def lead_in(norm: str, run: list[Marker], lex: Lexicon) -> str:
    """The text shortly before the first marker (``lead_in_window`` characters)."""
    return norm[max(0, run[0].start - int(lex.number("lead_in_window"))):run[0].start]


def _is_dialogue(norm: str, items: list[tuple[Marker, int]], lex: Lexicon) -> bool:
    """Dashes that open the turns of an interview or a dialogue: a turn that is a question (it ends with "?";
    not advice that asks along the way: "- Bạn phải biết rõ mình sẽ bay với hãng nào? … Giờ bay cũng quan trọng."),
    or long turns."""
    texts = [norm[m.end:end] for m, end in items]
    if any(text.rstrip().endswith("?") for text in texts):
        return True
    return sum(map(len, texts)) / len(texts) > lex.number("dialogue_turn_length")


_QUESTION_TURN = compile_regex(r"\n[ \t]*[-–][^\n]*\?[ \t]*(?=\n)")


def _crosses_a_question(norm: str, items: list[tuple[Marker, int]]) -> bool:
    """Items in different answers of an interview: an interviewer's question line ("- Bà có điểm nào không hài
    lòng …?") stands inside an item that is not the last."""
    return any(_QUESTION_TURN.search(norm, m.start, end) for m, end in items[:-1])


def _heading_body(item: str, lex: Lexicon) -> str | None:
    """The body of an item whose first line is a short heading ("1. Kem dưỡng ẩm\n<paragraphs>"), else None."""
    head, newline, body = item.partition("\n")
    if not newline or not body.strip() or len(head.split()) > lex.number("heading_max_words") or \
            head.rstrip()[-1:] in ".;:!?":
        return None
    return body


def _is_to_do(item: str, lex: Lexicon) -> bool:
    body = _heading_body(item, lex)
    if body is None:
        return is_directive(item, lex)
    sentences = _SENTENCE_SPLIT.split(body.strip())[: int(lex.number("heading_body_sentences"))]
    return any(is_directive(sentence, lex) for sentence in sentences)


def _announced_kind(sentence: str, lex: Lexicon) -> str | None:
    """What the sentence introducing a list announces: "tasks", "other" (acts, causes, problems …) or None.
    A cue right after a count names what the list holds ("năm lý do để đưa ra đề nghị": reasons; "cần năm
    việc", "qua 3 bước": tasks); failing that, in a sentence that ends with a colon, the last cue; failing
    that, the last cue right after a determiner ("Với các vùng có nguy cơ cao, áp dụng các biện pháp giảm
    thiểu nguy cơ": measures, not risks); failing that, the last cue written. Issues put up for weighing ("xem xét
    một số vấn đề sau:") announce neither: the items are judged one by one (task guideline R8-1). A problem word that
    a remedy acts on ("giảm thiểu nguy cơ", "tạo cơ hội", "tháo gỡ các khó khăn") is no cue of problems. Modals count
    as cues for tasks only in a sentence that ends with a colon ("… cần tập trung vào 3 ưu tiên:"), and a
    lead-in that reports what was done ("đã triển khai hai tiếp cận:") announces results."""
    kind = _last_cue(sentence, lex)
    return None if kind == "weighed" else kind


def _last_cue(sentence: str, lex: Lexicon) -> str | None:
    """The kind of the cue that decides (``_announced_kind``), "weighed" included."""
    cues = [(m.start(), m.end(), "tasks") for m in lex.lead_in.finditer(sentence)]
    if sentence.rstrip().endswith(":"):
        cues += [(m.start(), m.end(), "tasks") for m in lex.lead_in_modal.finditer(sentence)]
    remedied = {m.end() for m in lex.remedy.finditer(sentence)}
    cues += [(m.start(), m.end(), "other") for m in lex.not_task_lead_in.finditer(sentence)
             if m.start() not in remedied]
    cues += [(m.start(), m.end(), "other") for m in lex.done_lead_in.finditer(sentence)]
    cues += [(m.start(), m.end(), "weighed") for m in lex.weighed_lead_in.finditer(sentence)]
    counts = list(lex.count_word.finditer(sentence))
    for count in counts:  # "năm lý do để đưa ra đề nghị": the counted noun
        counted = [cue for cue in cues if 0 <= cue[0] - count.end() <= COUNTED_NOUN_REACH]
        if counted:
            return min(counted)[2]
        counted = lex.counted_task.match(sentence, count.end())
        if counted and len(sentence.rstrip()) - counted.end() <= lex.number("counted_noun_tail"):
            return "tasks"  # "cần năm việc.", "tiến hành qua 3 bước."
    if cues and sentence.rstrip().endswith(":"):
        return max(cues, key=lambda cue: cue[1])[2]  # "Từ những vướng mắc trên, ông đề xuất hai nội dung:"
    determined = [cue for cue in cues if any(0 <= cue[0] - d.end() <= 1 for d in lex.determiner.finditer(sentence))]
    return max(determined or cues, key=lambda cue: cue[1])[2] if cues else None


def _announced_count(sentence: str, lex: Lexicon) -> tuple[int | None, bool]:
    """The number of tasks a sentence announces ("ba nhóm giải pháp", "2 việc"), if it counts tasks ("4 vấn
    đề mà nhà thầu chưa đáp ứng", "3 nội dung tố cáo" count other things), and whether its noun may also
    name other things ("bốn nhóm yêu cầu lớn": requirements, not requests; resources/tasks.yaml
    counted_ambiguous_nouns)."""
    for count in reversed(list(lex.count_word.finditer(sentence))):
        counted = lex.counted_task.match(sentence, count.end())
        if counted:
            noun = " ".join(counted.group().split()[-2:]).lower()  # "nhóm yêu cầu" -> "yêu cầu"
            ambiguous = noun in lex.data.get("counted_ambiguous_nouns", ())
            return _count_value(count.group(1), lex), ambiguous
    return None, False


def _counts_items(title: str, count: int, lex: Lexicon) -> bool:
    """The title opens with a count of at least the list's items ("7 dấu hiệu …" over the numbered items found,
    "Năm việc cần làm …")."""
    opening = lex.count_word.match(title.strip())
    return opening is not None and (_count_value(opening.group(1), lex) or 0) >= count


def _count_value(word: str, lex: Lexicon) -> int | None:
    """The number a count word writes: digits or a number word ("5", "năm")."""
    return int(word) if word.isdigit() else lex.la.get(word.lower())


def dialogue_turns(norm: str, run: list[Marker], items: list[tuple[Marker, int]], lex: Lexicon) -> str | None:
    """Whether the "items" are the turns of an interview or a dialogue rather than an enumeration: "dashes"
    (dashes opening turns), "answers" (items in different answers), or None."""
    if run[0].style == "bullet" and run[0].key == "-" and _is_dialogue(norm, items, lex):
        return "dashes"
    if _crosses_a_question(norm, items):
        return "answers"
    return None


def is_task_list(norm: str, run: list[Marker], items: list[tuple[Marker, int]], lex: Lexicon, trace,
                 title: str | None = None) -> bool:
    """Whether the items of ``run`` are tasks (a veto that removes them is recorded in ``trace``). A list with no
    introducing sentence (it opens the text or follows a heading) is introduced by the article's ``title`` when
    the title counts its items as something other than tasks ("6 sai lầm của cha mẹ …" over six numbered items:
    mistakes, no tasks)."""
    span = (run[0].start, items[-1][1])
    before = lead_in(norm, run, lex)
    # the sentence before the list, without the lines above it (a heading is no part of it)
    last_sentence = _SENTENCE_SPLIT.split(before.strip())[-1].rsplit("\n", 1)[-1]
    if lex.law_article.search(before.rstrip()) or any(lex.law_article_line.match(line)
                                                      for line in before.rstrip().rsplit("\n", 2)[-2:]):
        trace.veto(LAW_ARTICLE, *span)
        return False
    turns = dialogue_turns(norm, run, items, lex)
    if turns:
        trace.veto(DIALOGUE, *span, "" if turns == "dashes" else "the items stand in different answers of an interview")
        return False
    if any(len(re.findall(r"\w+", norm[m.end:end])) < 2 for m, end in items):
        trace.veto(NAMED_IN_PASSING, *span, "an item without words of its own")
        return False
    # a list that opens at "Thứ hai" follows its unmarked first item, no introducing sentence
    kind = _announced_kind(last_sentence, lex) if run[0].ordinal == 1 or run[0].ordinal is None else None
    if not last_sentence.strip() and title and _counts_items(title, len(items), lex) and \
            _announced_kind(title, lex) == "other":
        kind = "other"  # the title introduces the list: it counts what the items are
    if kind == "other" and run[0].style != "option":
        trace.veto(NOT_DIRECTIVES, *span, "the sentence before introduces no tasks")
        return False
    questions = sum(_SENTENCE_END.split(norm[m.end:end].strip(), maxsplit=1)[0].rstrip().endswith("?")
                    and not is_directive(norm[m.end:end], lex) for m, end in items)  # not "cần suy nghĩ xem …?"
    if questions and questions >= lex.number("question_share") * len(items):
        trace.veto(QUESTIONS, *span, f"{questions} of {len(items)} items are questions")
        return False
    reasons = sum(bool(lex.reason_opener.match(norm, m.end, end)) for m, end in items)
    if reasons and reasons >= lex.number("reason_share") * len(items):
        trace.veto(REASONS, *span, f"{reasons} of {len(items)} items open with a cause")
        return False
    cases = sum(bool(lex.case_opener.match(norm, m.end, end)) for m, end in items)
    if cases and cases >= lex.number("reason_share") * len(items):
        trace.veto(CASES, *span, f"{cases} of {len(items)} items open with a case")
        return False
    if run[0].style in ("step", "way", "option") or lex.options_lead_in.search(last_sentence):
        return True
    if any(m.style == "ordinal_named" and lex.task_item_noun.match(norm, m.start) for m in run):
        return True  # "Thứ nhất, … Cách thứ hai, …": the items are named ways or solutions
    directives = sum(_is_to_do(norm[m.end:end], lex) for m, end in items)
    announced, ambiguous = _announced_count(last_sentence, lex)
    if kind == "tasks" and announced == len(items) and (directives or not ambiguous):
        return True  # "Cần Thơ đề xuất Thủ tướng bốn nội dung." and four items (not "bốn nhóm yêu cầu lớn" of skills)
    if run[0].style == "numbered_name":  # bodies each given an assignment: a directive verb in every item
        if all(lex.directive_anywhere.search(norm[m.end:end]) for m, end in items):
            return True
        trace.veto(NOT_DIRECTIVES, *span, "numbered names without an assignment each")
        return False
    # the sentence that introduces the list announces directives: fewer directive-looking items needed
    share = lex.number("lead_in_share") if kind == "tasks" else lex.number("directive_share")
    if directives >= share * len(items):
        return True
    trace.veto(NOT_DIRECTIVES, *span, f"{directives} of {len(items)} items are directives")
    return False
