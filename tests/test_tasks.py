"""Enumerated tasks. The enumeration tables (markers, lists that are not tasks, law clauses, weekdays that
are no ordinals) are the rules' examples in src/policytext/resources/rules/tasks.yaml, run by
tests/test_rule_examples.py; what needs a whole article is here."""

from policytext.document import Document
from policytext.extract.tasks import extract_tasks


def tasks_of(text):
    return [(t.ordinal, t.marker, text[t.start:t.end]) for t in extract_tasks(Document.from_text(text, segment=False))]


def test_seed_article_has_six_tasks(shared_data):
    text = (shared_data / "seed" / "moit-2021-08-30-thi-dua.txt").read_text(encoding="utf-8")
    tasks = tasks_of(text)
    assert [t[0] for t in tasks] == [1, 2, 3, 4, 5, 6]
    assert [t[1] for t in tasks] == ["Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu"]
    assert tasks[5][2].endswith("của cơ quan, đơn vị.")


def test_every_task_carries_its_marker_rule():
    text = "Bộ yêu cầu: (1) rà soát quy hoạch; (2) đẩy nhanh giải ngân."
    assert {t.rule for t in extract_tasks(Document.from_text(text, segment=False))} == {"tasks.paren-numbers"}
