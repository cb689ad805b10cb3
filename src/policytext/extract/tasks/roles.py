"""Roles of a list's tasks (RECORD.md "Tasks"): ``issued_by``, ``actor``, ``deadline``, ``directive``.

They come from the sentence that introduces the list (the one before the first marker, or the words before it
in the same sentence), from each item, and from what the other extractors found in the article, read through
``doc.layers.extracted`` (computed once, shared with the record): officials, organisations, dates, legal
references. Each role filled names its rule in ``task.role_rules``:

- issued_by: ``issuer-setter`` (the person or body right before a verb that sets, asks or proposes: "Bộ
  trưởng Nguyễn Hồng Diên kêu gọi …", "PGS.TS Phạm Văn Thuần - Giám đốc … - cho rằng …"; a pronoun or a bare
  title there is the person named before, or the official holding that title; "Thủ tướng Chính phủ" is the
  Prime Minister, not the Government), ``issuer-according-to`` ("Theo TS Thành, …"); the introducing
  sentence first, then the two before it; failing those ``issuer-last-speaker``, the last person or body who
  spoke, answered or proposed before the list (an expert's advice column, an op-ed's author).
- actor: ``actor-item-subject`` (the item's own subject: "Thứ năm, người đứng đầu … phải …", with a partner
  "phối hợp với …"), ``actor-item-assignee`` ("Thứ nhất, yêu cầu phía Thái Lan …", "phân cấp cho UBND tỉnh
  …"), ``actor-intro-asked`` (whom the introducing sentence asks: "kêu gọi toàn thể cán bộ … tích cực …"),
  ``actor-intro-subject`` (the words before the introducing sentence's modal: "các nền kinh tế APEC cần tập
  trung vào 3 ưu tiên:"). With part-of-speech tags an item's subject may also be nouns up to its verb.
- deadline: ``deadline-bound`` (a date of the item written as a bound: "trước ngày 30/9/2021", "hoàn thành
  trong quý III").
- directive: ``directive-intro`` (a reference the introducing sentence is about: "Chỉ thị 16/CT-TTg yêu cầu:",
  "Theo Kế hoạch 45/KH-UBND, …"), ``directive-type-word`` ("Nghị quyết gồm 4 nội dung chính." after the
  Nghị quyết was named), ``directive-just-issued`` ("Thủ tướng vừa ký Quyết định 1053/QĐ-TTg thành lập …" in the
  two sentences before). A document cited inside an item is not the list's directive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...document import Document
from ...rules import rule_book
from ..dates import extract_dates
from ..legal_refs import extract_legal_refs
from ..officials import extract_officials
from .agents import (Agent, agent_at, agent_before, clean, find_agents, last_person_before, noun_phrase,
                     vocabulary)
from .lexicon import lexicon, phrases
from .markers import Marker

RULES = rule_book("tasks")
ISSUER_SETTER = RULES.rule("issuer-setter")
ISSUER_ACCORDING_TO = RULES.rule("issuer-according-to")
ISSUER_LAST_SPEAKER = RULES.rule("issuer-last-speaker")
LAST_SPEAKER_SENTENCES = 40  # how far back (sentences) the last speaker is looked for
ACTOR_SUBJECT = RULES.rule("actor-item-subject")
ACTOR_ASSIGNEE = RULES.rule("actor-item-assignee")
ACTOR_ASKED = RULES.rule("actor-intro-asked")
ACTOR_INTRO_SUBJECT = RULES.rule("actor-intro-subject")
DEADLINE = RULES.rule("deadline-bound")
DIRECTIVE_INTRO = RULES.rule("directive-intro")
DIRECTIVE_TYPE_WORD = RULES.rule("directive-type-word")
DIRECTIVE_ISSUED = RULES.rule("directive-just-issued")

_BOUNDARY = re.compile(r"[.!?…]+[\"”’)]*\s+|\n+")
_LEAD = re.compile(r"[\s,:;.)\-–•+]*(?:là\s+)?")
_COORDINATION = re.compile(r"\s*(?:,|và|cùng|cùng với)\s+")
_CLAUSE_OPENING = re.compile(r"(?:[^,]{0,40}, )?")  # "Theo đó, …", "Trên cơ sở đó, …"


@dataclass(frozen=True, slots=True)
class _Vocab:
    deadline_opener: re.Pattern[str]
    deadline_cue: re.Pattern[str]
    directive_before: re.Pattern[str]
    directive_verb: re.Pattern[str]
    directive_issued: re.Pattern[str]
    type_word: re.Pattern[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    data = lexicon().data
    from ..legal_refs.lexicon import _lexicon as legal_lexicon

    return _Vocab(
        deadline_opener=phrases(data["deadline_openers"], anchored=True),
        deadline_cue=re.compile(rf"(?:{phrases(data['deadline_cues']).pattern})\s*$", re.IGNORECASE),
        directive_before=re.compile(rf"(?<![^\s,])(?:{'|'.join(map(re.escape, data['directive_before']))})\s"),
        directive_verb=re.compile(rf"\s*(?:\S+\s+){{0,3}}?(?:{phrases(data['directive_verbs']).pattern})",
                                  re.IGNORECASE),
        directive_issued=re.compile(rf"(?:{phrases(data['directive_issued']).pattern})\s+$", re.IGNORECASE),
        type_word=legal_lexicon().type_word_re,
    )


# --- sentences -------------------------------------------------------------------------------------------


def sentence_start(norm: str, position: int) -> int:
    """Where the sentence holding the character before ``position`` starts."""
    window = max(0, position - 1500)
    start = window
    for match in _BOUNDARY.finditer(norm, window, position):
        if match.end() <= position:
            start = match.end()
    return start


def intro_span(norm: str, first: Marker) -> tuple[int, int]:
    """The sentence that introduces a list: the words before its first marker in the same sentence, or, when
    those are fewer than three ("Cụ thể, …"), the sentence before with them."""
    start = sentence_start(norm, first.start)
    if len(norm[start:first.start].split()) < 3 and start > 0:
        start = sentence_start(norm, len(norm[:start].rstrip()))
    return start, first.start


def sentences_before(norm: str, start: int, count: int) -> list[tuple[int, int]]:
    """Up to ``count`` sentences before ``start``, nearest first."""
    out = []
    end = start
    while len(out) < count and end > 0:
        trimmed = len(norm[:end].rstrip())
        if trimmed == 0:
            break
        begin = sentence_start(norm, trimmed)
        out.append((begin, trimmed))
        end = begin
    return out


# --- issued_by ------------------------------------------------------------------------------------------


def _issuer_in(norm: str, span: tuple[int, int], agents: list[Agent], officials: list,
               titles: dict) -> tuple[str | None, str | None]:
    vocab = vocabulary()
    start, end = span
    according = vocab.according_to.search(norm, start, end)
    if according and according.start() - start <= 60:  # "Theo TS Thành, …", "Theo ông Thắng, …", "Theo ông, …"
        after = according.end()
        named = next((a for a in agents if after <= a.start <= after + 4 and a.end <= end), None)
        if named:
            return named.name, ISSUER_ACCORDING_TO
        if vocab.pronoun.search(norm[after:after + 8].split(",")[0]):
            person = last_person_before(agents, start)
            if person:
                return person.name, ISSUER_ACCORDING_TO
    for verb in vocab.setting.finditer(norm, start, end):
        agent = agent_before(agents, norm, start, verb.start())
        if agent:
            return _with_title(norm, agent, titles, officials, agents), ISSUER_SETTER
        before = norm[start:verb.start()].rstrip()
        if vocab.pronoun.search(before):  # "ông cho rằng", "bà đề nghị"
            person = last_person_before(agents, start)
            if person:
                return person.name, ISSUER_SETTER
        title = _bare_title(before, officials)
        if title:
            return title, ISSUER_SETTER
    return None, None


def _with_title(norm: str, agent: Agent, titles: dict, officials: list, agents: list[Agent]) -> str:
    """A body named right after a title is the office, not the body: "Thủ tướng Chính phủ đề xuất" is the
    Prime Minister (the official holding the title, else the title and body as written)."""
    if agent.person:
        return agent.name
    title = next((t for t in titles.values() if t.end <= agent.start and not norm[t.end:agent.start].strip()), None)
    if title is None:
        return agent.name
    for official in officials:
        named_before = any(a.person and a.name == official.name and a.end <= title.start for a in agents)
        if named_before and any(p.title.casefold() == title.title.title.casefold() and (p.organization or "").casefold()
                                in (agent.name.casefold(), norm[agent.start:agent.end].casefold(), "")
                                for p in official.positions):
            return official.name
    return norm[title.start:agent.end]


def _bare_title(before: str, officials: list) -> str | None:
    """The official holding the title written alone before a verb ("Thủ tướng đề xuất …")."""
    words = before.split()
    for n in (3, 2, 1):
        tail = " ".join(words[-n:]).casefold()
        for official in officials:
            if any(p.title.casefold() == tail for p in official.positions):
                return official.name
    return None


def issued_by(norm: str, intro: tuple[int, int], agents: list[Agent], officials: list,
              titles: dict) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """Who sets the tasks and the sentence that says so: the introducing sentence, else one of the two before
    it, else the last person or body who spoke or proposed before the list (rule issuer-last-speaker: an
    expert's advice column)."""
    for span in [intro, *sentences_before(norm, intro[0], 2)]:
        found = _issuer_in(norm, span, agents, officials, titles)
        if found[0]:
            return found[0], found[1], span
    for span in sentences_before(norm, intro[0], LAST_SPEAKER_SENTENCES)[2:]:
        found = _issuer_in(norm, span, agents, officials, titles)
        if found[0]:
            return found[0], ISSUER_LAST_SPEAKER, span
    return None, None, None


# --- actors ---------------------------------------------------------------------------------------------


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
    text = clean(norm[start:end])
    return [text] if text else []


def _starts_actor(norm: str, at: int, agents: list[Agent]) -> bool:
    return bool(vocabulary().actor_head.match(norm, at)) or any(a.start == at for a in agents)


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
            if nxt is None:
                return at, phrase_end
            phrase_end = nxt.end
    phrase = noun_phrase(norm, at, stop, vocabulary().subject_max_words, end)
    if phrase:  # no dangling conjunction: "Cục Giám định và" stops before "và"
        trimmed = re.sub(r"(?:\s+(?:và|hoặc|cùng|với|của))+$", "", norm[phrase[0]:phrase[1]])
        phrase = (phrase[0], phrase[0] + len(trimmed)) if trimmed else None
    return phrase


def _sets_tasks(following: str) -> bool:
    """The words after a subject open with a verb that sets tasks ("đã thống nhất", "kêu gọi")."""
    vocab = vocabulary()
    if vocab.intro_modal.match(following):
        return False  # "cơ quan điều tra cần xác định …": a modal first, so the subject acts
    starts = [0] + [m.end() for m in re.finditer(r"\S+\s+", following)][:2]
    return any(vocab.setting.match(following, at) for at in starts)


def _subject(norm: str, at: int, end: int, agents: list[Agent]) -> tuple[int, int] | None:
    vocab = vocabulary()
    if lexicon().directive_start.match(norm, at) or not _starts_actor(norm, at, agents):
        return None
    phrase = _named_phrase(norm, at, vocab.subject_end, end, agents)
    if phrase is None:
        return None
    following = norm[phrase[1]:phrase[1] + 40].lstrip()
    if not vocab.subject_end.match(following) or _sets_tasks(following):
        return None  # a subject needs its verb or modal; who sets the tasks is no actor
    return phrase


def _tagged_subject(doc: Document, at: int, end: int) -> tuple[int, int] | None:
    """With part-of-speech tags (segmented documents): nouns from ``at`` up to a verb ("Bước 2, học sinh -
    sinh viên đến một trong các ga")."""
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


def item_actors(doc: Document, marker: Marker, end: int, agents: list[Agent]) -> tuple[list[str], str | None]:
    norm = doc.norm
    vocab = vocabulary()
    if marker.style == "numbered_name":  # "Đoàn công tác số 1 do … kiểm tra …": the body named is the actor
        return [norm[marker.start:marker.end]], ACTOR_SUBJECT
    first = re.split(r"(?<=[.!?;])\s", norm[marker.end:end], maxsplit=1)[0]
    first_end = marker.end + len(first)
    at = _LEAD.match(norm, marker.end, end).end()
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
        subject = _tagged_subject(doc, at, first_end)
    if subject:
        actors = _as_actors(norm, subject, agents)
        for partner in vocab.partner.finditer(norm, subject[1], first_end):
            named = next((a for a in agents if a.start == partner.end() + 1), None)
            if named and named.name not in actors:
                actors.append(named.name)
        return actors, ACTOR_SUBJECT
    for verb in vocab.asking_in_item.finditer(norm, at, end):  # "… Thủ tướng kêu gọi G20 cùng các cơ chế …"
        named = next((a for a in agents if a.start == verb.end() + 1 and a.end <= end), None)
        if named is not None:
            phrase = _named_phrase(norm, named.start, vocab.object_end, end, agents)
            return _as_actors(norm, phrase, agents), ACTOR_ASSIGNEE
    return [], None


def intro_actors(norm: str, intro: tuple[int, int], agents: list[Agent],
                 issuer_sentence: tuple[int, int] | None) -> tuple[list[str], str | None]:
    vocab = vocabulary()
    start, end = intro
    spans = [intro] + ([issuer_sentence] if issuer_sentence and issuer_sentence != intro else [])
    for span_start, span_end in spans:  # also the sentence naming who sets them: "Sở … lưu ý cha mẹ học sinh cần …"
        for verb in vocab.asking.finditer(norm, span_start, span_end):
            at = verb.end() + len(norm[verb.end():span_end]) - len(norm[verb.end():span_end].lstrip())
            if _starts_actor(norm, at, agents):
                phrase = _named_phrase(norm, at, vocab.object_end, span_end, agents)
                if phrase:
                    return _as_actors(norm, phrase, agents), ACTOR_ASKED
    for modal in vocab.intro_modal.finditer(norm, start, end):
        subject = _subject_before(norm, start, modal.start(), agents)
        if subject:
            return _as_actors(norm, subject, agents), ACTOR_INTRO_SUBJECT
        break  # only the first modal: a later one belongs to a subordinate clause
    return [], None


def _subject_before(norm: str, start: int, modal: int, agents: list[Agent]) -> tuple[int, int] | None:
    """The words before the introducing sentence's modal, from the last comma or cut word ("Theo đó, các nền
    kinh tế APEC cần …", "Từ đó có thể thấy giáo dục đại học cần …"), when they are few and name no setter."""
    vocab = vocabulary()
    text_end = len(norm[:modal].rstrip())
    begin = start
    masked = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), norm[start:text_end])  # commas in brackets
    for cut in re.finditer(r",\s+|:\s+", masked):
        begin = start + cut.end()
    for cut in vocab.intro_cut.finditer(norm, begin, text_end):
        begin = cut.end() + len(norm[cut.end():text_end]) - len(norm[cut.end():text_end].lstrip())
    phrase = norm[begin:text_end]
    if phrase.endswith(","):
        return None  # "Theo tôi hiện nay, cần …": the modal opens its own clause, with no subject
    words = re.sub(r"\([^)]*\)", " ", phrase).split()  # "người lao động (lái xe, tạp vụ)": the bracket aside
    if not words or len(words) > vocab.intro_max_words or vocab.setting.search(phrase) or \
            lexicon().directive_start.match(norm, begin) or words[0][0] in "\"“(" or \
            vocab.not_subject_opener.match(norm, begin) or \
            vocab.determiner.match(norm, begin) and not vocab.actor_head.match(norm, begin):
        return None  # "Những điểm mới sẽ áp dụng …" names no one
    return begin, text_end


# --- deadline -------------------------------------------------------------------------------------------


def deadline(doc: Document, dates: list, start: int, end: int):
    """The first date of the item (original coordinates ``start``-``end``) written as a bound."""
    vocab = _vocab()
    for date in dates:
        if not (start <= date.start and date.end <= end) or date.value is None and not date.text:
            continue
        before = doc.text[max(start, date.start - 25):date.start]
        if vocab.deadline_opener.match(date.text) or vocab.deadline_cue.search(before):
            return date
    return None


# --- directive ------------------------------------------------------------------------------------------


def _key(ref) -> str | None:
    return getattr(ref, "doc_key", None) or (f"{ref.doc_type}|{ref.code}" if ref.code else None)


def directive(doc: Document, refs: list, intro: tuple[int, int]) -> tuple[str | None, str | None]:
    """The document the list implements, from the introducing sentence and the two before it."""
    vocab = _vocab()
    norm = doc.norm
    spans = [(ref, *doc.normalised(ref.start, ref.end)) for ref in refs]
    start, end = intro
    for ref, s, e in spans:
        if not (start <= s and e <= end):
            continue
        clause_start = max(norm.rfind(",", start, s) + 1, start)
        if vocab.directive_before.search(norm, start, s) and (
                vocab.directive_before.search(norm, clause_start, s) or norm.find(",", e, end) > 0) \
                or vocab.directive_verb.match(norm, e, end):
            return _key(ref), DIRECTIVE_INTRO
    opening = _LEAD.match(norm, start, end).end()
    head = vocab.type_word.match(norm, opening)
    if head and head.group(0)[0].isupper() and vocab.directive_verb.match(norm, head.end(), end):
        kind = head.group(0).lower()
        earlier = [ref for ref, s, e in spans if e <= start and ref.doc_type and ref.doc_type.lower() == kind]
        if earlier:
            return _key(earlier[-1]), DIRECTIVE_TYPE_WORD
    for s_start, s_end in sentences_before(norm, start, 2):
        for ref, s, e in spans:
            if s_start <= s and e <= s_end and vocab.directive_issued.search(norm, s_start, s):
                return _key(ref), DIRECTIVE_ISSUED
    return None, None


# --- all roles of one list ------------------------------------------------------------------------------


def assign_roles(doc: Document, listed: list) -> None:
    """Fill issued_by, actor, deadline and directive of one list's tasks (``(task, marker, end)`` triples,
    ends in normalised coordinates)."""
    if not listed:
        return
    norm = doc.norm
    officials = doc.layers.extracted("officials", extract_officials)
    agents = find_agents(doc, officials, doc.layers.organizations_in_context.values())
    intro = intro_span(norm, listed[0][1])
    issuer, issuer_rule, issuer_sentence = issued_by(norm, intro, agents, officials, doc.layers.titles)
    asked, asked_rule = intro_actors(norm, intro, agents, issuer_sentence if issuer_rule != ISSUER_LAST_SPEAKER else None)
    dates = doc.layers.extracted("dates", extract_dates)
    key, key_rule = directive(doc, doc.layers.extracted("legal_refs", extract_legal_refs), intro)
    for task, marker, end in listed:
        if issuer:
            task.issued_by, task.role_rules["issued_by"] = issuer, issuer_rule
        actors, actor_rule = item_actors(doc, marker, end, agents)
        if not actors and asked:
            actors, actor_rule = list(asked), asked_rule
        if actors:
            task.actor, task.role_rules["actor"] = actors, actor_rule
        found = deadline(doc, dates, task.start, task.end)
        if found is not None:
            task.deadline, task.deadline_span, task.role_rules["deadline"] = found.value, _span(found), DEADLINE
        if key:
            task.directive, task.role_rules["directive"] = key, key_rule


def _span(date):
    from ...model import Span

    return Span(date.start, date.end, date.text)
