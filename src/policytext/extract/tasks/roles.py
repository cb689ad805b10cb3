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
  spoke, answered or proposed before the list (an expert's advice column, an op-ed's author); failing that
  ``issuer-article-subject``, the body or official the article opens with when it issues, directs or asks
  ("UBND tỉnh Bình Định triển khai đợt cao điểm …" before "Theo chỉ đạo, các sở … thực hiện 6 nhóm nhiệm vụ").
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

from ...startcache import compile_regex
from ...document import Document
from ...rules import rule_book
from ..dates import extract_dates
from ..legal_refs import extract_legal_refs
from ..officials import extract_officials
from .actors import intro_actors, item_actors, later_actors, lead_unit_actors, procedure_doer
from .agents import Agent, agent_before, find_agents, last_person_before, noun_phrase, verbs, vocabulary
from .lexicon import alternation, lexicon, phrases
from .markers import ITEM_LEAD, Marker

RULES = rule_book("tasks")
ISSUER_SETTER = RULES.rule("issuer-setter")
ISSUER_ACCORDING_TO = RULES.rule("issuer-according-to")
ISSUER_LAST_SPEAKER = RULES.rule("issuer-last-speaker")
ISSUER_SPEAKER_WE = RULES.rule("issuer-speaker-we")
SPEAKER_WE_SENTENCES = 3  # how far back the speaker of a "chúng ta cần …" introduction is looked for
ISSUER_ARTICLE_SUBJECT = RULES.rule("issuer-article-subject")
ISSUER_ANNOUNCING_BODY = RULES.rule("issuer-announcing-body")
_LEAD_REACH = 400  # characters: the article's lead, where the body whose announcement it reports is named
# how far into the article's first sentence its subject may start (a dateline: "Chiều 3/2, UBND tỉnh …")
_ARTICLE_SUBJECT_REACH = 25
LAST_SPEAKER_SENTENCES = 40  # how far back (sentences) the last speaker is looked for
DEADLINE = RULES.rule("deadline-bound")
DIRECTIVE_INTRO = RULES.rule("directive-intro")
DIRECTIVE_TYPE_WORD = RULES.rule("directive-type-word")
DIRECTIVE_ISSUED = RULES.rule("directive-just-issued")
DIRECTIVE_ACCORDINGLY = RULES.rule("directive-accordingly")
DIRECTIVE_ARTICLE = RULES.rule("directive-article-lead")

_BOUNDARY = compile_regex(r"[.!?…]+[\"”’)]*\s+|\n+")


@dataclass(frozen=True, slots=True)
class _Vocab:
    deadline_opener: re.Pattern[str]
    deadline_cue: re.Pattern[str]
    bound_cue: re.Pattern[str]
    target_cue: re.Pattern[str]
    directive_before: re.Pattern[str]
    directive_verb: re.Pattern[str]
    directive_issued: re.Pattern[str]
    pointing_opener: re.Pattern[str]
    lead_citation: re.Pattern[str]
    type_word: re.Pattern[str]
    article_issuing: re.Pattern[str]
    speaker_we: re.Pattern[str]
    announcing: re.Pattern[str]
    announcing_pointer: re.Pattern[str]
    pointed_heads: tuple[str, ...]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    data = lexicon().data
    from ..legal_refs.lexicon import _lexicon as legal_lexicon

    # "vừa công bố", "cũng đã công bố": adverbs, then a verb that announces (rule issuer-announcing-body)
    announce = rf"(?:(?:{alternation(data['announcing_adverbs'])})\s+)*(?:{phrases(data['announcing_verbs']).pattern})"
    return _Vocab(
        deadline_opener=phrases(data["deadline_openers"], anchored=True),
        deadline_cue=compile_regex(rf"(?:{phrases(data['deadline_cues']).pattern})(?:\s+(?:{alternation(data['deadline_cue_links'])}))?\s*$",
                                re.IGNORECASE),
        bound_cue=compile_regex(rf"(?:{phrases(data['deadline_bounds']).pattern})(?:\s+(?:{alternation(data['deadline_cue_links'])}))?\s*$",
                             re.IGNORECASE),
        target_cue=compile_regex(rf"(?:{phrases(data['target_year_cues']).pattern})\s*$", re.IGNORECASE),
        directive_before=compile_regex(rf"(?<![^\s,])(?:{'|'.join(map(re.escape, data['directive_before']))})\s"),
        directive_verb=compile_regex(rf"\s*(?:\S+\s+){{0,3}}?(?:{phrases(data['directive_verbs']).pattern})",
                                  re.IGNORECASE),
        directive_issued=compile_regex(rf"(?:{phrases(data['directive_issued']).pattern})\s+$", re.IGNORECASE),
        pointing_opener=phrases(data["pointing_openers"], anchored=True),
        lead_citation=compile_regex(rf"(?:{alternation(data['lead_citations'])})\s", re.IGNORECASE),
        type_word=legal_lexicon().type_word_re,
        # after the body, its abbreviation or parent in brackets ("Cục CSGT (Bộ Công an) vừa có hướng dẫn …")
        article_issuing=compile_regex(rf"(?:\s*\([^()]{{0,60}}\))?\s+(?:đã\s+|vừa\s+)?"
                                   rf"(?:{phrases(data['article_issuing_verbs']).pattern})", re.IGNORECASE),
        speaker_we=phrases(data["speaker_we"]),
        announcing=compile_regex(rf"(?:\s*\([^()]{{0,60}}\))?\s+{announce}", re.IGNORECASE),
        announcing_pointer=compile_regex(rf"(?<!\w)(?:{alternation(data['announcing_pointers'])})(?=\s+{announce})"),
        pointed_heads=tuple(data["announcing_pointed_heads"]),
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
        group = _group_before(norm, after, norm.find(",", after, end))
        if group:  # "Theo một số chuyên gia nghiên cứu về Nhật Bản, …"
            return group, ISSUER_ACCORDING_TO
        proper = _proper_name_before_comma(norm, after, end)
        if proper:  # "Theo Cleveland Clinic, bạn nên …": a source no gazetteer knows, by its capitalised name
            return _defined_abbreviation(norm, proper, agents) or proper, ISSUER_ACCORDING_TO
    found: str | None = None
    for verb in verbs(vocab.setting, norm, start, end):
        who = _setter_of(norm, start, verb.start(), agents, officials, titles)
        if who and found is None:
            found = who
            if not vocab.reporting.match(norm, verb.start()):
                break
        elif who:  # "TS Quang … cho hay …, Chính phủ đưa ra Quốc hội 2 phương án": who proposes them
            if not vocab.reporting.match(norm, verb.start()):
                return who, ISSUER_SETTER
    return (found, ISSUER_SETTER) if found else (None, None)


def _defined_abbreviation(norm: str, abbreviation: str, agents: list[Agent]) -> str | None:
    """"Theo VARS, …": the body the article wrote before "(VARS)" ("Hội Môi giới bất động sản Việt Nam (VARS)"), from
    its head word (tasks.yaml body_heads) or as an agent, else None."""
    bracket = norm.find(f" ({abbreviation})")
    if bracket < 0:
        return None
    named = next((a.name for a in agents if a.end == bracket and not a.person), None)
    head = _body_head_before(norm, bracket)
    return norm[head:bracket] if head is not None and (named is None or head < bracket - len(named)) else named


def _body_head_before(norm: str, end: int) -> int | None:
    """Where the last body head word (tasks.yaml body_heads, as agents.py finds bodies: "Hội", "Ủy ban", "Công ty" …)
    opens within 80 characters before ``end``."""
    found = None
    for m in vocabulary().body_head.finditer(norm, max(0, end - 80), end):
        found = m.start()
    return found


def _proper_name_before_comma(norm: str, at: int, end: int) -> str | None:
    """One to five capitalised words from ``at`` up to a comma ("Cleveland Clinic,"), else None."""
    comma = norm.find(",", at, min(end, at + 60))
    words = norm[at:comma].split() if comma > at else []
    if not 1 <= len(words) <= 5 or not all(w[0].isupper() for w in words):
        return None
    return norm[at:comma]


def _setter_of(norm: str, start: int, verb: int, agents: list[Agent], officials: list, titles: dict) -> str | None:
    """Who stands right before a verb that sets, asks, proposes or reports: a person or body named (with the
    adverbs of setter_adverbs, a bracket or an apposition between), the person a pronoun points to, the official
    holding a bare title, or a group written as such ("các chuyên gia tư vấn đã đưa ra …")."""
    vocab = vocabulary()
    agent = agent_before(agents, norm, start, verb)
    if agent and _PASSIVE_BEFORE.search(norm, max(start, agent.start - 6), agent.start):
        return None  # "khi được Bộ Chính trị ban hành nghị quyết số 39": a passive's agent acted on the subject
    if agent:
        return _with_title(norm, agent, titles, officials, agents)
    before = norm[start:verb].rstrip()
    if vocab.pronoun.search(before):  # "ông cho rằng", "bà đề nghị"
        person = last_person_before(agents, start)
        if person:
            return person.name
    title = _bare_title(before, officials)
    if title:
        return title
    written = next((t for t in titles.values() if t.end == start + len(before) and t.start >= start and
                    (t.start == start or norm[t.start - 1] in " ,")), None)
    if written is not None and not written.title.rank:
        return norm[written.start:written.end]  # "…, Thủ tướng yêu cầu:" with no Prime Minister named: the office
    clause = max(norm.rfind(", ", start, verb) + 2, start)
    subject = norm[clause:verb].rstrip()
    if vocab.bare_role.fullmatch(subject):  # "Bác sĩ đưa ra cho tôi 2 phương án": the profession, as written
        return subject
    return _bare_body(subject, agents, verb) or _group_before(norm, clause, verb) or _named_earlier(norm, subject, clause)


_PASSIVE_BEFORE = compile_regex(r"(?<!\w)(?:được|bị) $")
_SUBJECT_ADVERBS = frozenset({"đã", "đang", "sẽ", "vừa", "mới", "cũng", "còn", "phải", "lại", "thì"})


def _named_earlier(norm: str, subject: str, before: int) -> str | None:
    """A common noun phrase as subject ("Đơn vị tư vấn đã đưa ra 4 phương án") that the article wrote earlier with a
    name after it ("đơn vị tư vấn SYSTRA"): that fuller mention, else None."""
    words = subject.split()
    while words and words[-1].lower() in _SUBJECT_ADVERBS:
        words.pop()  # "Đơn vị tư vấn đã (đưa ra …)"
    subject = " ".join(words)
    if not 2 <= len(words) <= 4 or any(w[:1].isupper() for w in words[1:]) or not all(w.isalpha() for w in words) \
            or not vocabulary().actor_head.match(subject.lower()):
        return None  # a word for bodies or people heads it ("đơn vị", "cơ quan"), not "Dự thảo"
    found = None
    # (re.finditer, not compile_regex: a pattern per subject would fill the start-up cache kept between runs)
    pattern = rf"(?<!\w)(?i:{re.escape(subject.lower())}) ((?:[A-ZĐ][\w&-]*)(?: [A-ZĐ][\w&-]*){{0,2}})(?!\w)"
    for m in re.finditer(pattern, norm[max(0, before - 3000):before]):
        if m.group(1)[:1].isupper():
            found = m.group(0)
    return found


def _bare_body(before: str, agents: list[Agent], verb: int) -> str | None:
    """A body's head word alone in lower case before the verb ("Theo đó, sở yêu cầu các đơn vị …"): the last body
    named with that head before it ("Sở Giáo dục và Đào tạo TP.HCM")."""
    bare = vocabulary().bare_body.fullmatch(before)
    if bare is None:
        return None
    head = bare.group("head").casefold() + " "
    named = [a for a in agents if not a.person and a.end <= verb and a.name.casefold().startswith(head)]
    return named[-1].name if named else None


def _group_before(norm: str, at: int, end: int) -> str | None:
    """A group of people or bodies written from ``at`` up to ``end`` with only adverbs of setter_adverbs after
    it, opening with a determiner and a word for people or bodies: "các chuyên gia tư vấn (đã đưa ra …)", "một
    số chuyên gia chuyên nghiên cứu về Nhật Bản"."""
    vocab = vocabulary()
    if end <= at:
        return None
    at += len(norm[at:end]) - len(norm[at:end].lstrip())
    if not (vocab.determiner.match(norm, at) and vocab.actor_head.match(norm, at)) or vocab.not_actor.match(norm, at):
        return None
    phrase = noun_phrase(norm, at, vocab.subject_end, vocab.subject_max_words, end)
    if phrase is None or not vocab.adverbs.match(norm[phrase[1]:end]):
        return None
    return norm[phrase[0]:phrase[1]]


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
    if _vocab().speaker_we.search(norm, *intro):
        # "chúng ta cần tiếp tục tập trung thực hiện một số công việc sau đây:" in a leader's speech: the person named
        # in the sentences just before ("Tổng Bí thư Tô Lâm cùng đoàn công tác tới động viên …")
        earlier = sentences_before(norm, intro[0], SPEAKER_WE_SENTENCES)
        floor = earlier[-1][0] if earlier else intro[0]
        person = last_person_before([a for a in agents if a.start >= floor], intro[0])
        if person is not None:
            return _with_title(norm, person, titles, officials, agents), ISSUER_SPEAKER_WE, intro
    for span in sentences_before(norm, intro[0], LAST_SPEAKER_SENTENCES)[2:]:
        found = _issuer_in(norm, span, agents, officials, titles)
        if found[0]:
            return found[0], ISSUER_LAST_SPEAKER, span
    return _article_subject(norm, intro[1], agents)


def _article_subject(norm: str, before: int, agents: list[Agent]) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """The body or official the article opens with, when it issues something ("UBND tỉnh Bình Định triển khai
    đợt cao điểm …", then "Theo chỉ đạo, các sở … thực hiện 6 nhóm nhiệm vụ"): rule issuer-article-subject."""
    opening = next((a for a in agents if a.start <= _ARTICLE_SUBJECT_REACH and a.end < before), None)
    if opening is None or "\n" in norm[:opening.start].strip() or \
            not _vocab().article_issuing.match(norm, opening.end):
        return None, None, None
    return opening.name, ISSUER_ARTICLE_SUBJECT, (sentence_start(norm, opening.start), opening.end)


def _announcing_body(norm: str, intro: tuple[int, int], agents: list[Agent]) -> str | None:
    """The body that published a procedure's steps (GUIDELINE.md R6-7: rule issuer-announcing-body): the school or
    body the introducing sentence points back to as announcing them ("Nhà trường cũng đã công bố … quy tắc …"), else
    the body the article's lead reports announcing ("Tối 22-7, Trường đại học Sư phạm TP.HCM công bố …")."""
    vocab = _vocab()
    bodies = [a for a in agents if not a.person]
    pointer = vocab.announcing_pointer.search(norm, *intro)
    if pointer:
        named = [a for a in bodies if a.end <= pointer.start() and a.name.startswith(vocab.pointed_heads)]
        if named:
            return named[-1].name
    lead = next((a for a in bodies if a.start < _LEAD_REACH and vocab.announcing.match(norm, a.end)), None)
    return lead.name if lead is not None else None


# --- deadline -------------------------------------------------------------------------------------------


def deadline(doc: Document, dates: list, start: int, end: int) -> tuple[object, str | None] | None:
    """The first date of the item (original coordinates ``start``-``end``) written as a bound, with its value:
    a point date after a bound word ("chậm nhất trong ngày 25/6/2025") bounds the task until it
    (``/2025-06-25``); a year after "vào", "để", "đến" is the task's target year ("… vào năm 2045")."""
    vocab = _vocab()
    for date in dates:
        if not (start <= date.start and date.end <= end) or date.value is None and not date.text:
            continue
        before = doc.text[max(start, date.start - 25):date.start]
        if vocab.deadline_opener.match(date.text):
            return date, date.value
        if vocab.deadline_cue.search(before):
            value = date.value
            bound = vocab.bound_cue.search(before)
            if bound and value and "/" not in value and not value.startswith("X"):
                value = "/" + value  # "chậm nhất trong ngày 25/6" bounds the task: until that day
            return date, value
        if date.grain == "year" and vocab.target_cue.search(before):
            return date, date.value
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
    opening = ITEM_LEAD.match(norm, start, end).end()
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
    if vocab.pointing_opener.match(norm, opening):  # "Theo đó, thủ tục … bằng một trong ba cách sau:"
        for s_start, s_end in sentences_before(norm, start, 1):
            for ref, s, e in spans:
                if s_start <= s and e <= s_end and vocab.directive_before.search(norm, max(s_start, s - 25), s):
                    return _key(ref), DIRECTIVE_ACCORDINGLY
    return _article_document(norm, spans, end)


def _article_document(norm: str, spans: list, end: int) -> tuple[str | None, str | None]:
    """The document an article reports on (rule directive-article-lead): its opening sentence cites it after
    "Tại", "Theo" or as just issued ("Chính phủ vừa ban hành Nghị định số 94, …", "Tại quyết định 727, Bộ Nội vụ
    đã công bố …"), and the article cites no other document up to the end of the list."""
    vocab = _vocab()
    before = [(ref, s, e) for ref, s, e in spans if e <= end]
    if not before or len({_key(ref) for ref, _, _ in before}) != 1 or not _key(before[0][0]):
        return None, None
    ref, s, e = before[0]
    lead_end = _BOUNDARY.search(norm, 0)
    if lead_end is None or s > lead_end.start():
        return None, None
    opening = ITEM_LEAD.match(norm, 0).end()
    if vocab.lead_citation.match(norm, opening) and s - opening <= 20 or vocab.directive_issued.search(norm, 0, s):
        return _key(ref), DIRECTIVE_ARTICLE
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
    if issuer_sentence != intro and issuer_rule is not ISSUER_ARTICLE_SUBJECT and \
            all(marker.style == "step" for _, marker, _ in listed):
        # steps a body publishes are the body's, not those of the staff member quoted before them
        body = _announcing_body(norm, intro, agents)
        if body is not None:
            issuer, issuer_rule, issuer_sentence = body, ISSUER_ANNOUNCING_BODY, None
    asked, asked_rule = intro_actors(norm, intro, agents, issuer_sentence if issuer_rule != ISSUER_LAST_SPEAKER else None)
    # steps introduced by who follows them: "thí sinh thực hiện … theo bốn bước sau:"
    doer, doer_rule = procedure_doer(norm, intro, agents) if not asked and \
        all(marker.style == "step" for _, marker, _ in listed) else ([], None)
    dates = doc.layers.extracted("dates", extract_dates)
    key, key_rule = directive(doc, doc.layers.extracted("legal_refs", extract_legal_refs), intro)
    for task, marker, end in listed:
        if issuer:
            task.issued_by, task.role_rules["issued_by"] = issuer, issuer_rule
        actors, actor_rule = lead_unit_actors(doc, marker, end, agents)
        if not actors:
            actors, actor_rule = item_actors(doc, marker, end, agents, issuer)
        if not actors and asked:
            actors, actor_rule = list(asked), asked_rule
        if not actors:
            actors, actor_rule = later_actors(doc, marker, end, agents, issuer)
        if not actors and doer:
            actors, actor_rule = list(doer), doer_rule
        if actors:
            task.actor, task.role_rules["actor"] = actors, actor_rule
        found = deadline(doc, dates, task.start, task.end)
        if found is not None:
            task.deadline, task.deadline_span, task.role_rules["deadline"] = found[1], _span(found[0]), DEADLINE
        if key:
            task.directive, task.role_rules["directive"] = key, key_rule


def _span(date):
    from ...model import Span

    return Span(date.start, date.end, date.text)
