"""Who is told to do a task (RECORD.md "Tasks" ``actor``; GUIDELINE.md: who is told or asked to do it, from the
item itself or, failing that, from the sentence that introduces the list).

Rules (``task.role_rules["actor"]``): ``actor-item-subject`` (the item's own subject: "Thứ năm, người đứng đầu …
phải …", with a partner "phối hợp với …"), ``actor-item-assignee`` ("Thứ nhất, yêu cầu phía Thái Lan …", "phân
cấp cho UBND tỉnh …"), ``actor-intro-asked`` (whom the introducing sentence asks: "kêu gọi toàn thể cán bộ …
tích cực …"), ``actor-intro-subject`` (the words before the introducing sentence's modal: "các nền kinh tế
APEC cần tập trung vào 3 ưu tiên:"), ``actor-lead-unit`` (a row's lead unit: "Đơn vị chủ trì: Sở Xây dựng"). A
phrase names an actor only when it opens with a person or body named in the article or with a word for people or
bodies (``actor_heads``): a precise actor or none.
"""

from __future__ import annotations

import re

from ...startcache import compile_regex
from ...document import Document
from ...rules import rule_book
from .agents import Agent, agent_at, clean, noun_phrase, verbs, vocabulary
from .lexicon import lexicon
from .markers import ITEM_LEAD, Marker

RULES = rule_book("tasks")
ACTOR_SUBJECT = RULES.rule("actor-item-subject")
ACTOR_ASSIGNEE = RULES.rule("actor-item-assignee")
ACTOR_ASKED = RULES.rule("actor-intro-asked")
ACTOR_INTRO_SUBJECT = RULES.rule("actor-intro-subject")
ACTOR_PUT_TO = RULES.rule("actor-put-to")
ACTOR_RELATIVE = RULES.rule("actor-relative-clause")
ACTOR_LATER = RULES.rule("actor-item-later-subject")
ACTOR_LEAD_UNIT = RULES.rule("actor-lead-unit")
ACTOR_PROCEDURE_DOER = RULES.rule("actor-procedure-doer")
ACTOR_ADDRESSEE = RULES.rule("actor-intro-addressee")

# "Đơn vị chủ trì: Sở Xây dựng", "Cơ quan thực hiện: UBND các quận": the unit an item's table row assigns it to
_LEAD_UNIT = compile_regex(r"(?<!\w)(?:[Đđ]ơn vị|[Cc]ơ quan) (?:chủ trì|thực hiện|phụ trách|đầu mối)\s*:\s*")
_COORDINATION = compile_regex(r"\s*(?:,|và|cùng|cùng với)\s+")


def _as_actors(norm: str, span: tuple[int, int], agents: list[Agent]) -> list[str]:
    """The names a phrase gives: a person or body it names exactly (a bare "Sở" is the Sở named before), else
    the phrase as written, without a bracket ("người lao động (lái xe, tạp vụ)")."""
    start, end = span
    bracket = norm.find(" (", start, end)
    if bracket > start:
        end = bracket
    word = norm[start:end]
    if word[:1].isupper() and " " not in word:
        earlier = [a for a in agents if not a.person and a.end <= start and a.name.split(" ")[0] == word]
        if earlier:
            return [earlier[-1].name]
    exact = agent_at(agents, start, end)
    if exact:
        return [exact.name]
    inside = [a for a in agents if start <= a.start and a.end <= end]
    rest = norm[start:end]
    for agent in inside:
        rest = rest.replace(norm[agent.start:agent.end], " ")
    if inside and not re.sub(r"\b(?:và|cùng|với)\b|[,\s]", "", rest):  # "Bộ Xây dựng và UBND tỉnh Kiên Giang"
        return [a.name for a in inside]
    if len(inside) == 1 and inside[0].start == start:  # "Chính phủ và các bộ, ban ngành": a body, then a group
        joined = _COORDINATION.match(norm, inside[0].end, end)
        if joined is not None and vocabulary().determiner.match(norm, joined.end()):
            return [inside[0].name, clean(norm[joined.end():end])]
    text = clean(norm[start:end])
    return [text] if text else []


def _starts_actor(norm: str, at: int, agents: list[Agent]) -> bool:
    vocab = vocabulary()
    if vocab.not_actor.match(norm, at):
        return False  # "Trường hợp …", "Người đạt số phiếu cao nhất …"
    return bool(vocab.actor_head.match(norm, at)) or any(a.start == at for a in agents)


def _named_phrase(norm: str, at: int, stop: re.Pattern[str], end: int, agents: list[Agent]) -> tuple[int, int] | None:
    """The phrase naming who acts at ``at``: a person or body named in its first two words ("phía Thái Lan",
    "UBND tỉnh Kiên Giang"), with those coordinated after it ("… và Bộ Xây dựng"), else the words up to a stop."""
    limit = at + len(" ".join(norm[at:end].split(" ")[:2]))
    named = next((a for a in agents if at <= a.start <= limit and a.end <= end), None)
    if named is not None:
        phrase_end = named.end
        while True:
            joined = _COORDINATION.match(norm, phrase_end, end)
            nxt = next((a for a in agents if joined and a.start == joined.end()), None)
            if nxt is None and joined is not None and vocabulary().determiner.match(norm, joined.end()) and \
                    _starts_actor(norm, joined.end(), agents):
                # "Chính phủ và các bộ, ban ngành": a body, then a group written as such
                group = noun_phrase(norm, joined.end(), stop, vocabulary().subject_max_words, end)
                return (at, group[1]) if group else (at, phrase_end)
            if nxt is None:
                return at, phrase_end
            phrase_end = nxt.end
    phrase = noun_phrase(norm, at, stop, vocabulary().subject_max_words, end)
    if phrase:  # no dangling conjunction: "Cục Giám định và" stops before "và"
        trimmed = re.sub(r"(?:\s+(?:và|hoặc|cùng|với|của))+$", "", norm[phrase[0]:phrase[1]])
        phrase = (phrase[0], phrase[0] + len(trimmed)) if trimmed else None
    return phrase


def _sets_tasks(following: str) -> bool:
    """The words after a subject open with a verb that reports what someone says ("nhấn mạnh", "cho rằng"):
    the subject speaks. One that asks ("Bộ Công an chỉ đạo tăng cường …") is told to ask others: it acts."""
    vocab = vocabulary()
    if vocab.intro_modal.match(following):
        return False  # "cơ quan điều tra cần xác định …": a modal first, so the subject acts
    starts = [0] + [m.end() for m in re.finditer(r"\S+\s+", following)][:2]
    return any(vocab.reporting.match(following, at) for at in starts)


def _subject(norm: str, at: int, end: int, agents: list[Agent]) -> tuple[int, int] | None:
    vocab = vocabulary()
    if lexicon().directive_start.match(norm, at) or not _starts_actor(norm, at, agents):
        return None
    phrase = _named_phrase(norm, at, vocab.subject_end, end, agents)
    if phrase is None:
        return None
    following = norm[phrase[1]:phrase[1] + 40].lstrip()
    if not vocab.subject_end.match(following) or _sets_tasks(following) or vocab.descriptive.match(following):
        return None  # a subject needs its verb or modal; who sets the tasks or is described is no actor
    return phrase


def _tagged_subject(doc: Document, at: int, end: int, agents: list[Agent]) -> tuple[int, int] | None:
    """With part-of-speech tags (segmented documents): nouns from ``at`` up to a verb ("Bước 2, học sinh -
    sinh viên đến một trong các ga"), when they open with a word for people or bodies ("Thời gian đặt hàng
    …" names no one)."""
    if not _starts_actor(doc.norm, at, agents):
        return None
    words = [w for w in doc.words if at <= w.start < end]
    if not words or words[0].start != at or words[0].pos not in _NOUNISH:
        return None
    last = None
    for word in words:
        if word.pos in _NOUNISH or word.pos == "F" and doc.norm[word.start:word.end] in "-–" or \
                word.pos == "C" and doc.norm[word.start:word.end] == "và":
            last = word
            continue
        if word.pos in ("V", "E") and last is not None and last.pos in _NOUNISH \
                and not _sets_tasks(doc.norm[word.start:word.start + 40]):
            return at, last.end
        return None
    return None


_NOUNISH = frozenset({"N", "Np", "Nc", "Nu", "Ny", "L", "M"})


_SENTENCE = compile_regex(r"[^.!?;]+[.!?;]*")
_OPENER = compile_regex(r"[^,.;!?]{1,80}?,\s+")  # "Sau đó, …", "Ở bước này, …", "Trên cơ sở …, …"


def _later_subject(doc: Document, start: int, end: int, agents: list[Agent]) -> tuple[int, int] | None:
    """The subject of one of the item's next sentences, at its start or after an opening phrase ("Sau đó, người
    dùng nhấn …", "Ở bước này, người dân cần …"), or after a comma when a modal follows it ("…, người dùng chỉ
    cần điền …")."""
    norm = doc.norm
    for n, sentence in enumerate(_SENTENCE.finditer(norm, start, end)):
        if n >= int(lexicon().number("later_subject_sentences")):
            break
        s_start = sentence.start() + len(sentence.group()) - len(sentence.group().lstrip())
        starts = [s_start]
        opener = _OPENER.match(norm, s_start, sentence.end())
        if opener:
            starts.append(opener.end())
        commas = [s_start + m.end() for m in re.finditer(r",\s+", norm[s_start:sentence.end()])]
        for at in starts + commas:
            found = _subject(norm, at, sentence.end(), agents)
            if found and not vocabulary().later_modal.match(norm[found[1]:found[1] + 20].lstrip()):
                found = None  # a later sentence's subject acts when a modal follows it ("người dân cần …")
            found = found or (_bare_head(norm, at) if at in starts else None)
            if found:
                return found
    return None


def _bare_head(norm: str, at: int) -> tuple[int, int] | None:
    """A word for people or bodies of two words or more, and a lower-case word after it ("người dùng nhấn
    vào …"): the subject, even where its verb is none of the known ones."""
    vocab = vocabulary()
    head = vocab.actor_head.match(norm, at)
    after = norm[head.end():head.end() + 2] if head else ""
    if head is None or " " not in head.group() or not (after[:1] == " " and after[1:].islower()) \
            or vocab.determiner.match(head.group()) or lexicon().directive_start.match(norm, at):
        return None  # "Mỗi khách hàng …" is anyone, "Tổ chức …" a verb
    return at, head.end()


def item_actors(doc: Document, marker: Marker, end: int, agents: list[Agent],
                issuer: str | None = None) -> tuple[list[str], str | None]:
    """Who an item tells to act, and the rule that found them; an item's subject that is the list's issuer
    ("Thứ hai, Thủ tướng kêu gọi …") is no actor of it."""
    actors, rule = _item_actors(doc, marker, end, agents)
    if issuer and actors:
        actors = [a for a in actors if a.casefold() != issuer.casefold()]
    return (actors, rule) if actors else ([], None)


def _item_actors(doc: Document, marker: Marker, end: int, agents: list[Agent]) -> tuple[list[str], str | None]:
    norm = doc.norm
    vocab = vocabulary()
    if marker.style == "numbered_name":  # "Đoàn công tác số 1 do … kiểm tra …": the body named is the actor
        return [norm[marker.start:marker.end]], ACTOR_SUBJECT
    first = re.split(r"(?<=[.!?;])\s", norm[marker.end:end], maxsplit=1)[0]
    first_end = marker.end + len(first)
    at = ITEM_LEAD.match(norm, marker.end, end).end()
    subject = _subject(norm, at, first_end, agents)
    if subject is None:  # "Thứ nhất, yêu cầu phía Thái Lan …", "hai là đề nghị Sở báo cáo …"
        assigned = vocab.assignee.match(norm, marker.end)
        if assigned:
            start = assigned.end() + len(norm[assigned.end():]) - len(norm[assigned.end():].lstrip())
            if _starts_actor(norm, start, agents):
                phrase = _named_phrase(norm, start, vocab.object_end, first_end, agents)
                if phrase:
                    return _as_actors(norm, phrase, agents), ACTOR_ASSIGNEE
    if subject is None:  # "…, cơ quan điều tra cần xác định …", "…, nên cơ quan điều tra cần …"
        for comma in re.finditer(r",\s+(?:(?:nên|thì|và|do đó|vì vậy|vì thế)\s+)?", norm[at:first_end]):
            clause = at + comma.end()
            found = _subject(norm, clause, first_end, agents)
            if found and vocab.intro_modal.match(norm[found[1]:found[1] + 20].lstrip()):
                subject = found
                break
    if subject is None:  # "… do chủ đầu tư chịu trách nhiệm giải quyết"
        responsible = vocab.responsible.search(norm, at, first_end)
        if responsible and _starts_actor(norm, responsible.start("who"), agents):
            subject = responsible.span("who")
    if subject is None and not lexicon().directive_start.match(norm, at):
        subject = _tagged_subject(doc, at, first_end, agents)
    if subject:
        actors = _as_actors(norm, subject, agents)
        for partner in vocab.partner.finditer(norm, subject[1], first_end):
            named = next((a for a in agents if a.start == partner.end() + 1), None)
            if named and named.name not in actors:
                actors.append(named.name)
        return actors, ACTOR_SUBJECT
    for verb in verbs(vocab.asking_in_item, norm, at, end):  # "… Thủ tướng kêu gọi G20 cùng các cơ chế …"
        named = next((a for a in agents if a.start == verb.end() + 1 and a.end <= end), None)
        if named is not None:
            phrase = _named_phrase(norm, named.start, vocab.object_end, end, agents)
            return _as_actors(norm, phrase, agents), ACTOR_ASSIGNEE
        # in the first sentence, also a group asked ("…, đề nghị các chi cục hải quan khu vực rà soát …")
        if verb.end() < first_end and _starts_actor(norm, verb.end() + 1, agents):
            phrase = _named_phrase(norm, verb.end() + 1, vocab.object_end, first_end, agents)
            if phrase:
                return _as_actors(norm, phrase, agents), ACTOR_ASSIGNEE
    return [], None


def later_actors(doc: Document, marker: Marker, end: int, agents: list[Agent],
                 issuer: str | None = None) -> tuple[list[str], str | None]:
    """Who the item's next sentences name as acting (or its first sentence after an opening phrase), for an item that
    names nobody at its start and a list whose introducing sentence names nobody either (rule
    actor-item-later-subject)."""
    norm = doc.norm
    first = re.split(r"(?<=[.!?;])\s", norm[marker.end:end], maxsplit=1)[0]
    # the first sentence too, after an opening phrase ("Bước 2: Tại màn hình trang chủ, phụ huynh đọc kỹ …")
    start = ITEM_LEAD.match(norm, marker.end, end).end()
    opener = vocabulary().first_opener.match(norm, start, marker.end + len(first))
    later = (_bare_head(norm, opener.end()) if opener else None) or \
        _later_subject(doc, marker.end + len(first), end, agents)
    actors = _as_actors(norm, later, agents) if later else []
    if issuer:
        actors = [a for a in actors if a.casefold() != issuer.casefold()]
    return (actors, ACTOR_LATER) if actors else ([], None)


_PUT_TO = compile_regex(r"(?<!\w)để\s+")
# "ba trọng tâm mà APEC cần tập trung", "những việc mà các địa phương phải làm": who does what the list names
_RELATIVE = compile_regex(r"(?<!\w)mà\s+")
_ACRONYM = compile_regex(r"[A-ZĐ]{2,}(?!\w)")
_TOWARDS = compile_regex(r"(?<!\w)đối với\s+")
# the advice or steps an introducing sentence ends by addressing to someone ("những lời khuyên sau đối với người dân:",
# "các lưu ý dành cho thí sinh:")
_ADDRESSED_TO = compile_regex(r"(?<=\w) (?:sau |sau đây |dưới đây |như sau )?(?:đối với|dành cho)\s+")


def intro_actors(norm: str, intro: tuple[int, int], agents: list[Agent],
                 issuer_sentence: tuple[int, int] | None) -> tuple[list[str], str | None]:
    vocab = vocabulary()
    start, end = intro
    spans = [intro] + ([issuer_sentence] if issuer_sentence and issuer_sentence != intro else [])
    for span_start, span_end in spans:  # also the sentence naming who sets them: "Sở … lưu ý cha mẹ học sinh cần …"
        for verb in verbs(vocab.asking, norm, span_start, span_end):
            at = verb.end() + len(norm[verb.end():span_end]) - len(norm[verb.end():span_end].lstrip())
            if _starts_actor(norm, at, agents):
                phrase = _named_phrase(norm, at, vocab.object_end, span_end, agents)
                if phrase:
                    return _as_actors(norm, phrase, agents), ACTOR_ASKED
            towards = _TOWARDS.search(norm, verb.end(), min(span_end, verb.end() + 80))
            if towards and _starts_actor(norm, towards.end(), agents):  # "hướng dẫn các bước đối với các địa phương …"
                phrase = _named_phrase(norm, towards.end(), vocab.object_end, span_end, agents)
                if phrase:
                    return _as_actors(norm, phrase, agents), ACTOR_ASKED
            if vocab.handing.match(norm, verb.start()):  # "giao ba vai trò trọng tâm cho Hiệp hội …"
                to = compile_regex(r"\scho\s+").search(norm, verb.end(), min(span_end, verb.end() + 80))
                if to and _starts_actor(norm, to.end(), agents):
                    phrase = _named_phrase(norm, to.end(), vocab.object_end, span_end, agents)
                    if phrase:
                        return _as_actors(norm, phrase, agents), ACTOR_ASKED
    addressee = _ADDRESSED_TO.search(norm, start, end)  # "đưa ra những lời khuyên sau đối với người dân:"
    if addressee and _starts_actor(norm, addressee.end(), agents):
        phrase = _named_phrase(norm, addressee.end(), vocab.object_end, end, agents)
        if phrase and not norm[phrase[1]:end].strip(" :\n"):
            return _as_actors(norm, phrase, agents), ACTOR_ADDRESSEE
    for put in _PUT_TO.finditer(norm, start, end):  # "kiến nghị một số phương án để TP.HCM xem xét"
        if _starts_actor(norm, put.end(), agents):
            decide = vocab.deciding.search(norm, put.end(), min(end, put.end() + 80))
            if decide and "," not in norm[put.end():decide.start()]:
                return _as_actors(norm, (put.end(), len(norm[:decide.start()].rstrip())), agents), ACTOR_PUT_TO
    for which in _RELATIVE.finditer(norm, start, end):  # "đề xuất ba trọng tâm mà APEC cần tập trung:"
        at = which.end()
        if _starts_actor(norm, at, agents) or _ACRONYM.match(norm, at):
            phrase = noun_phrase(norm, at, vocab.subject_end, vocab.subject_max_words, end)
            if phrase and vocab.subject_end.match(norm[phrase[1]:phrase[1] + 40].lstrip()):  # its verb or modal next
                return _as_actors(norm, phrase, agents), ACTOR_RELATIVE
    for modal in vocab.intro_modal.finditer(norm, start, end):
        if _PURPOSE_BEFORE.search(norm, max(start, modal.start() - 8), modal.start()):
            continue  # "để có thể đàm phán …, Việt Nam có thể xem xét …": a purpose clause's modal has no subject
        after = norm[modal.end():modal.end() + 30].lstrip()
        if vocab.intro_cut.match(after):
            continue  # "Từ đó có thể thấy giáo dục đại học cần …": a way of saying, the subject comes after
        subject = _subject_before(norm, start, modal.start(), agents)
        if subject and not _sets_after_modal(after):
            return _as_actors(norm, subject, agents), ACTOR_INTRO_SUBJECT
        break  # only the first modal: a later one belongs to a subordinate clause
    return [], None


def procedure_doer(norm: str, intro: tuple[int, int], agents: list[Agent]) -> tuple[list[str], str | None]:
    """Steps introduced by who follows them, with no modal ("Cách thức đăng ký: thí sinh thực hiện việc đăng ký … theo
    bốn bước sau:"): the subject of the introducing clause (after its last comma or colon) when it names people or
    bodies and its verb follows (rule actor-procedure-doer)."""
    vocab = vocabulary()
    start, end = intro
    text = norm[start:end].rstrip().rstrip(":")
    begin = start
    for cut in re.finditer(r"[,:]\s+", text):
        begin = start + cut.end()
    if not _starts_actor(norm, begin, agents) or vocab.not_subject_opener.match(norm, begin):
        return [], None
    phrase = noun_phrase(norm, begin, vocab.subject_end, vocab.intro_max_words, start + len(text))
    if phrase is None or not vocab.subject_end.match(norm[phrase[1]:phrase[1] + 40].lstrip()) or \
            vocab.setting.search(norm, phrase[0], phrase[1]):
        return [], None
    return _as_actors(norm, phrase, agents), ACTOR_PROCEDURE_DOER


def _sets_after_modal(following: str) -> bool:
    """The introducing sentence's subject sets tasks for others after its modal ("Bộ sẽ có hướng dẫn chung cho
    các trường …"): it is no actor."""
    starts = [0] + [m.end() for m in re.finditer(r"\S+\s+", following)][:2]
    return any(vocabulary().directing.match(following, at) for at in starts)


# a short plural noun opening a list of nouns ("các sở, ngành và địa phương")
_LIST_HEAD = compile_regex(r"(?:[Cc]ác|[Nn]hững)\s+[^\W\d_]+(?:\s+[^\W\d_]+)?")


_PURPOSE_BEFORE = compile_regex(r"(?<!\w)(?:[Đđ]ể|[Nn]hằm)\s+$")


def _subject_before(norm: str, start: int, modal: int, agents: list[Agent]) -> tuple[int, int] | None:
    """The words before the introducing sentence's modal, from the last comma or cut word ("Theo đó, các nền
    kinh tế APEC cần …", "Từ đó có thể thấy giáo dục đại học cần …"), when they are few and name no setter."""
    vocab = vocabulary()
    text_end = len(norm[:modal].rstrip())
    begin = start
    masked = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), norm[start:text_end])  # commas in brackets
    for cut in re.finditer(r",\s+|:\s+", masked):
        if cut.group().startswith(",") and _LIST_HEAD.fullmatch(norm, begin, start + cut.start()):
            continue  # "các sở, ngành và địa phương tập trung …": the comma lists the subject's nouns
        begin = start + cut.end()
    for cut in vocab.intro_cut.finditer(norm, begin, text_end):
        begin = cut.end() + len(norm[cut.end():text_end]) - len(norm[cut.end():text_end].lstrip())
    phrase = norm[begin:text_end]
    if phrase.endswith(","):
        return None  # "Theo tôi hiện nay, cần …": the modal opens its own clause, with no subject
    words = re.sub(r"\([^)]*\)", " ", phrase).split()  # "người lao động (lái xe, tạp vụ)": the bracket aside
    if not words or len(words) > vocab.intro_max_words or vocab.setting.search(phrase) or \
            lexicon().directive_start.match(norm, begin) or words[0][0] in "\"“(" or \
            vocab.not_subject_opener.match(norm, begin) or not _starts_actor(norm, begin, agents):
        return None  # "Những điểm mới sẽ áp dụng …", "có ba nguyên tắc cơ bản cần …" name no one
    return begin, text_end




def lead_unit_actors(doc: Document, marker: Marker, end: int, agents: list[Agent]) -> tuple[list[str], str | None]:
    """The unit an item names as its lead ("1. Chuyển đổi số trong công tác quy hoạch Đơn vị chủ trì: Sở Xây dựng"):
    a plan's table of tasks written out, each row with the body in charge (rule actor-lead-unit)."""
    norm = doc.norm
    lead = _LEAD_UNIT.search(norm, marker.end, end)
    if lead is None or not _starts_actor(norm, lead.end(), agents):
        return [], None
    phrase = _named_phrase(norm, lead.end(), vocabulary().object_end, end, agents)
    actors = _as_actors(norm, phrase, agents) if phrase else []
    return (actors, ACTOR_LEAD_UNIT) if actors else ([], None)
