"""Who is named where: the people and bodies of an article (officials, people named with a role, organisations),
in normalised coordinates, with the name a task role reports for them, and the phrases of a sentence that name
who sets tasks or who is asked to do them.

Names reported: an official's fullest name ("Nguyễn Hồng Diên", from the officials extractor), an
organisation's canonical name ("Bộ Công Thương", from the organisation layer), a person named with a role or
a degree as written ("TS Thành", "Luật sư Trần Hậu"), and otherwise the phrase as written ("toàn thể cán bộ,
công chức … toàn ngành", "các nền kinh tế APEC").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...startcache import compile_regex
from ...document import Document
from ...layers.names import capitalised_run
from ...match.patterns import alternation, longest_phrase_first
from .lexicon import lexicon, phrases


@dataclass(frozen=True, slots=True)
class Agent:
    start: int  # normalised coordinates of the words naming them
    end: int
    name: str  # what a role reports
    person: bool
    titles: tuple[str, ...] = ()  # an official's titles (folded), to resolve a bare "Thủ tướng"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    asking: re.Pattern[str]
    asking_in_item: re.Pattern[str]
    setting: re.Pattern[str]
    reporting: re.Pattern[str]
    later_modal: re.Pattern[str]
    first_opener: re.Pattern[str]  # "Tại màn hình trang chủ, ": an adverbial phrase opening an item, up to its comma
    directing: re.Pattern[str]
    descriptive: re.Pattern[str]
    not_verb: re.Pattern[str]
    not_actor: re.Pattern[str]
    handing: re.Pattern[str]
    adverbs: re.Pattern[str]
    according_to: re.Pattern[str]
    pronoun: re.Pattern[str]
    person_role: re.Pattern[str]
    subject_end: re.Pattern[str]
    object_end: re.Pattern[str]
    deciding: re.Pattern[str]  # one who decides between what is put to them (rule actor-put-to)
    actor_head: re.Pattern[str]
    determiner: re.Pattern[str]
    partner: re.Pattern[str]
    assignee: re.Pattern[str]
    subject_max_words: int
    intro_modal: re.Pattern[str]
    intro_cut: re.Pattern[str]
    intro_max_words: int
    recipient: re.Pattern[str]
    body_head: re.Pattern[str]
    bare_body: re.Pattern[str]
    bare_role: re.Pattern[str]
    body_stop: re.Pattern[str]
    announcing: re.Pattern[str]  # "công bố", "thông báo": end a body's name even before a noun ("công bố thông tin")
    pointer: re.Pattern[str]  # "Nhà trường": a word pointing back to a body, never part of another's name
    body_max_words: int
    responsible: re.Pattern[str]
    not_subject_opener: re.Pattern[str]
    not_given_names: frozenset[str]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = lexicon().data
    return Vocabulary(
        asking=phrases(data["setter_verbs_asking"]),
        asking_in_item=phrases(data["asking_in_item"]),
        setting=phrases(data["setter_verbs_asking"] + data["setter_verbs"]),
        reporting=phrases(data["reporting_verbs"]),
        later_modal=phrases(data["intro_subject_modals"] + data["later_subject_modals"], anchored=True),
        first_opener=compile_regex(rf"(?:{alternation(data['first_sentence_openers'])})(?!\w)[^,.;!?]{{0,80}}?,\s+"),
        directing=phrases(data["directing_verbs"]),
        not_actor=phrases(data["not_actor_openers"], anchored=True),
        handing=phrases(data["handing_verbs"]),
        adverbs=compile_regex(rf"^(?:\s*\([^)]*\))?(?:\s*[-–]\s[^-–]{{0,90}}?(?:\s?[-–]|,))?(?:,\s[^,]{{0,90}},)?"
                           rf"(?:\s+(?:{'|'.join(map(re.escape, data['setter_adverbs']))}))*\s*$", re.IGNORECASE),
        according_to=compile_regex(rf"(?<![^\s,.:;])(?:{'|'.join(map(re.escape, data['according_to']))})\s+"
                                   rf"(?:(?:{'|'.join(map(re.escape, data['according_to_guidance']))})\s+(?:của\s+)?)?"),
        pronoun=compile_regex(rf"(?<!\w)(?:{'|'.join(map(re.escape, sorted(data['person_pronouns'], key=longest_phrase_first)))})$",
                           re.IGNORECASE),
        person_role=compile_regex(rf"(?<!\w)(?:{'|'.join(map(re.escape, sorted(data['person_roles'], key=longest_phrase_first)))})"
                               rf"\s+(?=[A-ZĐÀ-Ỹ])"),
        subject_end=phrases(data["subject_ends"] + data["directive_starts"] + data["descriptive_words"]),
        descriptive=phrases(data["descriptive_words"], anchored=True),
        not_verb=phrases(data["not_verbs"]),
        object_end=phrases(data["object_ends"] + data["subject_ends"] + data["directive_starts"]),
        deciding=phrases(data["deciding_verbs"]),
        actor_head=compile_regex(rf"(?:(?:{alternation(data['actor_determiners'])})\s+)?(?:{alternation(data['actor_heads'])})"
                              rf"(?!\w)", re.IGNORECASE),
        determiner=phrases(data["actor_determiners"], anchored=True),
        intro_modal=phrases(data["intro_subject_modals"]),
        intro_cut=phrases(data["intro_subject_cuts"]),
        intro_max_words=int(data["intro_subject_max_words"]),
        recipient=compile_regex(rf"(?<!\w)(?:{alternation(data['recipient_words'])})\s+$", re.IGNORECASE),
        body_head=compile_regex(rf"(?<![\w.])(?:{alternation(data['body_heads'], normalise=True)})(?=\s+[A-ZĐ\d])"),
        # a profession alone as a clause's subject ("Bác sĩ đưa ra …"); a body's head word alone in lower case
        # ("Theo đó, sở yêu cầu …"): the body named before (both matched against the whole subject)
        bare_role=compile_regex(rf"(?:{alternation(data['bare_role_setters'], normalise=True)})", re.IGNORECASE),
        bare_body=compile_regex(rf"(?P<head>{alternation([h.lower() for h in data['body_heads']], normalise=True)})"),
        body_stop=phrases(data["setter_verbs_asking"] + data["setter_verbs"] + data["subject_ends"]
                          + data["setter_adverbs"] + data["directive_starts"]
                          + ["có", "là", "được", "bị", "về", "tại", "trong", "theo", "cho", "với", "gửi", "vừa"]),
        announcing=phrases(data["announcing_verbs"]),
        pointer=phrases([p for p in data["announcing_pointers"] if " " in p]),
        body_max_words=int(data["body_max_words"]),
        responsible=compile_regex(rf"(?<!\w)do\s+(?P<who>.{{2,60}}?)\s+(?:{alternation(data['responsible_after'])})(?!\w)",
                               re.IGNORECASE),
        not_subject_opener=phrases(data["not_subject_openers"], anchored=True),
        not_given_names=frozenset(data["not_given_names"]),
        partner=phrases(data["partner_words"]),
        assignee=phrases(data["assignee_words"], anchored="after-marker"),
        subject_max_words=int(data["subject_max_words"]),
    )


def verbs(pattern: re.Pattern[str], norm: str, start: int, end: int):
    """The matches of a verb pattern in ``norm[start:end]`` that are no syllable of another word ("giao" in "Bộ
    Ngoại giao", "bàn giao"; "nói" in "nói chung")."""
    taken = [(m.start(), m.end()) for m in vocabulary().not_verb.finditer(norm, max(0, start - 12), end + 12)]
    for match in pattern.finditer(norm, start, end):
        if not any(s <= match.start() < e or s < match.end() <= e for s, e in taken):
            yield match


def find_agents(doc: Document, officials: list, organizations: list) -> list[Agent]:
    """Officials' mentions, people named with a role, organisations, provinces and countries, by start (no two
    overlapping: an official's mention wins over the organisation inside it)."""
    vocab = vocabulary()
    found: list[Agent] = []
    for official in officials:
        titles = tuple(p.title.casefold() for p in official.positions)
        for mention in official.mentions:
            start, end = doc.normalised(mention.start, mention.end)
            found.append(Agent(start, end, official.name, True, titles))
    taken = [(a.start, a.end) for a in found]
    for role in vocab.person_role.finditer(doc.norm):
        run = capitalised_run(doc.norm, role.end(), limit=4)
        if not run or len(run) == 1 and doc.norm[run[0][0]:run[0][1]] in vocab.not_given_names:
            continue  # "đại biểu Quốc hội": a body, not "đại biểu Quốc"
        start, end = role.start(), run[-1][1]
        if not any(s < end and start < e for s, e in taken):
            found.append(Agent(start, end, doc.norm[start:end], True))
            taken.append((start, end))
    for org in organizations:
        if " " not in doc.norm[org.start:org.end] and not doc.norm[org.start:org.end].isupper() \
                and org.kind != "country" or not doc.norm[org.start].isupper():
            continue  # a bare "Cục", "Bộ" (the words after it name the body), a lower-case "pháp" (no France)
        if not any(s < org.end and org.start < e for s, e in taken):
            found.append(Agent(org.start, org.end, org.name, False))
            taken.append((org.start, org.end))
    for place in doc.layers.places:  # "Hà Nội đã chỉ đạo các trường …": a province or city acts through its government
        before = doc.norm[:place.start].rstrip()
        # as a clause's subject (not "CLB Cầu lông Phú Thọ", a name that ends with a place)
        subject = not before or before[-1] in ",.;:" or place.after_admin_word
        if place.kind in ("province", "country") and subject and \
                not any(s < place.end and place.start < e for s, e in taken):
            found.append(Agent(place.start, place.end, doc.norm[place.start:place.end], False))
            taken.append((place.start, place.end))
    for head in vocab.body_head.finditer(doc.norm):
        end = _body_end(doc.norm, head.end(), vocab)
        # a body no gazetteer knows takes in the place or known body that ends its name ("Trường đại học Luật
        # TP.HCM" holds "TP.HCM"), never a person named in it
        inside = [a for a in found if not a.person and head.start() < a.start and a.end <= end]
        others = [(s, e) for s, e in taken if not any(a.start == s and a.end == e for a in inside)]
        if end > head.end() and not any(s < end and head.start() < e for s, e in others):
            found = [a for a in found if a not in inside]
            found.append(Agent(head.start(), end, doc.norm[head.start():end], False))
            taken = others + [(head.start(), end)]
    return sorted(found, key=lambda a: a.start)


def _body_end(norm: str, at: int, vocab: Vocabulary) -> int:
    """Where a body named by a head word ends: capitalised words, abbreviations, numbers and lower-case words
    up to a verb, an adverb or punctuation ("Sở GĐ&ĐT Hà Nội", "… Đường sắt đô thị số 1 TP.HCM")."""
    end = at
    for n, word in enumerate(re.finditer(r"\s+(\S+)", norm[at:at + 200])):
        token = word.group(1)
        after_and = norm[max(at, at + word.start(1) - 4):at + word.start(1)].strip() == "và"
        if n >= vocab.body_max_words or token[0].islower() and not after_and \
                and (vocab.body_stop.match(norm, at + word.start(1))
                     and not vocab.not_verb.match(norm, at + word.start(1))  # "… xây dựng giao thông Phương Thành"
                     or vocab.announcing.match(norm, at + word.start(1))):
            break  # ("Cục Giám định và quản lý chất lượng …": a name goes on after "và")
        if n and vocab.pointer.match(norm, at + word.start(1)):
            break  # "… TP.HCM Nhà trường cũng đã công bố": the next sentence, its full stop lost
        clean_token = token.rstrip(",;:.)\"”-–")  # ("… Ngoại thương- cho biết": a dash glued to the name)
        if not clean_token or not (clean_token[0].isalnum() or clean_token[0] in "&"):
            break
        end = at + word.start(1) + len(clean_token)
        if clean_token != token:
            break  # punctuation closes the name
    return end


def agent_before(agents: list[Agent], norm: str, start: int, at: int) -> Agent | None:
    """The person or body whose name ends right before ``at`` (only adverbs, a bracket or an apposition
    between), not before ``start``; one after "gửi", "tới" … is a recipient, and the one before it speaks
    ("Cục … có văn bản gửi Sở … đưa ra")."""
    vocab = vocabulary()
    best = None
    for agent in agents:
        if agent.start < start or agent.end > at:
            continue
        if vocab.adverbs.match(norm[agent.end:at]):
            best = agent if best is None or agent.end > best.end else best
    if best is not None and vocab.recipient.search(norm, max(start, best.start - 30), best.start):
        earlier = [a for a in agents if start <= a.start and a.end <= best.start]
        if earlier:
            return earlier[0]  # the sentence's subject
    return best


def agent_at(agents: list[Agent], start: int, end: int) -> Agent | None:
    """The person or body named exactly by ``[start, end)`` (give or take punctuation around it)."""
    for agent in agents:
        if agent.start == start and abs(agent.end - end) <= 1:
            return agent
    return None


def last_person_before(agents: list[Agent], at: int) -> Agent | None:
    people = [a for a in agents if a.person and a.end <= at]
    return people[-1] if people else None


def clean(text: str) -> str:
    return text.strip(" ,;:.-–\"“”'()")


_WORD = compile_regex(r"\S+")
_HARD_STOP = compile_regex(r"[;:!?)]|\.(?![A-ZĐ\d])")  # a dot inside an abbreviation goes on ("UBND TP.HCM")


def noun_phrase(norm: str, start: int, stop: re.Pattern[str], limit: int, end_limit: int) -> tuple[int, int] | None:
    """The words from ``start`` up to a stop word, sentence punctuation or a bracket, at most ``limit`` words
    and never past ``end_limit``; None when no word is left. A comma stays inside ("các cấp, ngành, cơ quan")."""
    end = None
    for n, word in enumerate(_WORD.finditer(norm, start, end_limit)):
        # a stop word only in lower case: "Quản lý" inside "Cục Quản lý nước" is part of the name; after a
        # comma, a word for people or bodies goes on with the list ("Các cấp ủy, tổ chức đảng …")
        if n >= limit or (n and word.group()[0].islower() and stop.match(norm, word.start())
                          and not (norm[:word.start()].rstrip().endswith(",")
                                   and vocabulary().actor_head.match(norm, word.start()))) \
                or word.group()[0] in "(\"“":
            break
        token = word.group()
        hard = _HARD_STOP.search(token)
        if hard:
            if hard.start():
                end = word.start() + len(token[:hard.start()].rstrip(","))
            break
        end = word.start() + len(token.rstrip(","))
    return (start, end) if end is not None and end > start else None
