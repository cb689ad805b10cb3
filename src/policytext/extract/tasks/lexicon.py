"""What the task rules know: the vocabulary of resources/tasks.yaml and the marker patterns of
resources/patterns/tasks.yaml, compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...startcache import compile_regex
from ...match.patterns import LOWER_LETTERS, UPPER_LETTERS, PatternBook, alternation, letter_class
from ...resources import load_yaml



@dataclass(frozen=True, slots=True)
class Lexicon:
    data: dict
    markers: dict[str, re.Pattern[str]]  # marker style -> pattern
    cores: dict[str, tuple[str, ...]]  # marker style -> words a text needs for the style to be looked for
    thu: dict[str, int]
    la: dict[str, int]
    sequence_first: frozenset[str]
    sequence_last: frozenset[str]
    directive_start: re.Pattern[str]
    directive_anywhere: re.Pattern[str]
    not_directive_start: re.Pattern[str]
    reason_opener: re.Pattern[str]
    case_opener: re.Pattern[str]
    modal: re.Pattern[str]
    proposing: re.Pattern[str]
    not_present: re.Pattern[str]
    not_modal: re.Pattern[str]
    lead_in: re.Pattern[str]
    lead_in_modal: re.Pattern[str]
    options_lead_in: re.Pattern[str]
    not_task_lead_in: re.Pattern[str]
    weighed_lead_in: re.Pattern[str]
    done_lead_in: re.Pattern[str]
    remedy: re.Pattern[str]
    task_item_noun: re.Pattern[str]
    law_article: re.Pattern[str]
    law_article_line: re.Pattern[str]
    count_word: re.Pattern[str]
    counted_task: re.Pattern[str]
    determiner: re.Pattern[str]

    def number(self, key: str) -> float:
        return float(self.data[key])


def phrases(words, *, anchored: bool | str = False) -> re.Pattern[str]:
    """Whole-word, case-insensitive alternation of phrases, longest first (anchored: for ``match`` at a
    position, after punctuation and an optional "là")."""
    prefix = r"[\s,:;.)\-–]*(?:là\s+)?" if anchored else r"(?<!\w)"
    if anchored == "after-comma":  # right after the marker's comma or colon: "Thứ nhất, do …"
        prefix = r"\s*[,:]\s*(?:là\s+)?"
    if anchored == "after-marker":  # right after the marker, with or without its comma: "hai là đề nghị …"
        prefix = r"\s*[,:]?\s*(?:là\s+)?"
    return compile_regex(rf"{prefix}(?:{alternation(words)})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_yaml("tasks.yaml")
    la_words = [w for word in data["la_ordinals"] for w in (word, word.lower())]
    lists = {
        "thu_ordinals": alternation(data["thu_ordinals"]),
        "la_ordinals": alternation(la_words),
        "la_upper": alternation(data["la_ordinals"]),
        "sequence_first": alternation(data["sequence_first"]),
        "sequence_next": alternation(data["sequence_next"]),
        "sequence_last": alternation([w for word in data["sequence_last"] for w in (word, word.lower())]),
        "lower_letter": letter_class(LOWER_LETTERS),
        "upper_letter": letter_class(UPPER_LETTERS),  # an item may open with "Ủy ban", "Ưu tiên", "Ổn định"
        "number_words": alternation([w.lower() for w in data["la_ordinals"]]),
        "option_leads": alternation(data["option_leads"]),
        "option_words": alternation(data["option_words"]),
        "last_subjects": alternation(data["last_subjects"]),
    }
    patterns = load_yaml("patterns/tasks.yaml")
    book = PatternBook(patterns["fragments"], lists, name="patterns/tasks.yaml")
    styles = ("ordinal", "ordinal_inline", "ordinal_named", "la", "la_bare", "paren", "letter", "number", "number_joined", "bullet",
              "step", "way", "option", "option_word", "sequence_first", "sequence_next", "sequence_last", "numbered_name")
    return Lexicon(
        data=data,
        markers={style: book.compile(style) for style in styles} | {"last_item_turn": book.compile("last_item_turn")},
        cores={style: tuple(patterns["cores"][style]) for style in styles},
        thu={word: i for i, word in enumerate(data["thu_ordinals"], start=1)},
        la={word.lower(): i for i, word in enumerate(data["la_ordinals"], start=1)},
        sequence_first=frozenset(data["sequence_first"]),
        sequence_last=frozenset(w.lower() for w in data["sequence_last"]),
        directive_start=phrases(data["directive_starts"], anchored=True),
        directive_anywhere=phrases(data["directive_starts"]),
        not_directive_start=phrases(data["not_directive_starts"], anchored=True),
        reason_opener=phrases(data["reason_openers"], anchored="after-comma"),
        case_opener=phrases(data["case_openers"], anchored="after-marker"),
        modal=phrases(data["modals"]),
        proposing=phrases(data["proposing_verbs"]),
        not_present=phrases(data["not_present_words"]),
        not_modal=phrases(data["not_modals"]),
        lead_in=phrases(data["lead_in_cues"]),
        lead_in_modal=phrases(data["lead_in_modal_cues"]),
        options_lead_in=book.compile("options_lead_in", re.IGNORECASE),
        not_task_lead_in=phrases(data["not_task_lead_ins"]),
        weighed_lead_in=phrases(data["weighed_lead_ins"]),
        done_lead_in=book.compile("done_lead_in", re.IGNORECASE),
        # a remedy verb and an optional determiner or count: the problem word after it is what a task acts on ("cần giải
        # quyết ba yếu tố. Thứ nhất, …")
        remedy=compile_regex(rf"(?<!\w)(?:{alternation(data['remedy_verbs'])})\s+(?:(?:{alternation(data['list_determiners'])})\s+)?"
                             rf"(?:(?:\d{{1,2}}|{alternation(la_words)})\s+)?", re.IGNORECASE),
        task_item_noun=compile_regex(rf"(?:{alternation(data['task_item_nouns'])}) thứ ", re.IGNORECASE),
        law_article=compile_regex(rf"(?:^|\s){re.escape(data['law_article_heading'])} \d+[a-z]?\.?$"),
        # a heading line "Điều 43 (dự luật): Bảo đảm an toàn …" right before the list
        law_article_line=compile_regex(rf"\s*{re.escape(data['law_article_heading'])} \d+[a-z]?\b"),
        # a count before a noun: "bốn nội dung", "2 việc" (the number words of la_ordinals, or digits)
        counted_task=compile_regex(rf"(?:(?:{alternation(data['count_classifiers'])})\s+)?"
                                rf"(?:{alternation(data['counted_task_nouns'])})(?!\w)", re.IGNORECASE),
        # "các biện pháp", "những khó khăn": the noun after one of these names what a list holds
        determiner=compile_regex(rf"(?<!\w)(?:{alternation(data['list_determiners'])})\s", re.IGNORECASE),
        count_word=compile_regex(rf"(?<!\w)(\d{{1,2}}|{alternation(la_words)}) (?=[^\W\d_])"),
    )
