"""policytext as a spaCy component: entities, span groups, the record on the Doc, displacy, DocBin,
nlp.pipe in several processes, and the entry point that makes add_pipe("policytext") work."""

import subprocess
import sys

import pytest

spacy = pytest.importorskip("spacy")
from spacy import displacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

import policytext.spacy_component  # noqa: E402,F401  (registers the factory in this process)

TEXT = ("Chiều 30/8, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên ký Quyết định 1/2021/QĐ-TTg tại Hà Nội.\n\n"
        "Thứ nhất, đẩy mạnh chuyển đổi số, xây dựng chính phủ số và kinh tế số. "
        "Thứ hai, tăng cường xuất khẩu sang Anh.")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("vi")
    nlp.add_pipe("policytext")
    return nlp


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


def _ents(doc):
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents]


def test_entities_carry_labels_and_what_policytext_normalised_them_to(doc):
    assert _ents(doc) == [
        ("Chiều 30/8", "DATE", "XXXX-08-30"),  # no publication date: the year is unknown
        ("Bộ Công Thương", "ORG", "Bộ Công Thương"),
        ("Nguyễn Hồng Diên", "PERSON", "Nguyễn Hồng Diên"),
        ("Quyết định 1/2021/QĐ-TTg", "LAW", "1/2021/QĐ-TTg"),
        ("Hà Nội", "GPE", "Hà Nội"),
        ("Anh", "GPE", "Anh"),
    ]


def test_span_groups_for_titles_tasks_themes_and_every_entity(doc):
    assert [(s.text, s.label_) for s in doc.spans["titles"]] == [("Bộ trưởng", "Bộ trưởng")]
    tasks = doc.spans["tasks"]
    assert [s.label_ for s in tasks] == ["Thứ nhất", "Thứ hai"]
    assert tasks[0].text.startswith("Thứ nhất, đẩy mạnh") and tasks[1].text.endswith("sang Anh.")
    assert "digital_transformation" in {s.label_ for s in doc.spans["themes"]}
    assert len(doc.spans["policytext"]) >= len(doc.ents)


def test_the_record_is_on_the_doc(doc):
    record = doc._.policytext
    assert record["schema_version"] == "1" and record["text"] == TEXT
    assert record["officials"][0]["name"] == "Nguyễn Hồng Diên"
    assert record["tokens"] == []  # spaCy's tokens are the Doc's; policytext's are off unless asked for


def test_a_publication_date_set_on_the_doc_resolves_dates(nlp):
    doc = nlp.make_doc("Hôm nay, Bộ trưởng Nguyễn Hồng Diên làm việc tại Hà Nội.")
    doc._.published = "2026-02-06T22:30:00+00:00"  # 05:30 on the 7th in Vietnam
    doc = nlp(doc)
    assert ("Hôm nay", "DATE", "2026-02-07") in _ents(doc)
    assert doc._.policytext["published"] == "2026-02-06T22:30:00+00:00"


def test_overlapping_entities_give_way_in_ents_but_stay_in_the_group(nlp):
    doc = nlp("Thực hiện Nghị định 15/2020/NĐ-CP của Chính phủ về xử phạt.")
    labels = {(s.text, s.label_) for s in doc.spans["policytext"]}
    assert ("Chính phủ", "ORG") in labels
    spans = [(e.start, e.end) for e in doc.ents]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


def test_existing_entities_are_kept_when_asked(nlp):
    other = spacy.blank("vi")
    other.add_pipe("policytext", config={"overwrite_ents": False})
    doc = other.make_doc("Bộ trưởng Nguyễn Hồng Diên đến Hà Nội.")
    doc.ents = [doc.char_span(0, 9, label="TITLE", alignment_mode="expand")]
    doc = other(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Bộ trưởng", "TITLE"), ("Nguyễn Hồng Diên", "PERSON"),
                                                      ("Hà Nội", "GPE")]


def test_displacy_renders_entities_and_span_groups(doc):
    html = displacy.render(doc, style="ent")
    assert "Nguyễn Hồng Diên" in html and "PERSON" in html and "LAW" in html
    html = displacy.render(doc, style="span", options={"spans_key": "tasks"})
    assert "Thứ nhất" in html


def test_docs_round_trip_through_docbin(nlp, doc):
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert back.text == doc.text and _ents(back) == _ents(doc)
    assert {k: [(s.text, s.label_) for s in g] for k, g in back.spans.items()} == {
        k: [(s.text, s.label_) for s in g] for k, g in doc.spans.items()}
    assert back._.policytext == doc._.policytext


def test_pipe_in_two_processes_gives_what_one_gives(nlp):
    texts = [TEXT, "Hôm qua, Thủ tướng Phạm Minh Chính chủ trì họp Chính phủ.", "Không có gì.", TEXT]
    alone = [(_ents(d), d._.policytext) for d in nlp.pipe(texts)]
    together = [(_ents(d), d._.policytext) for d in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert together == alone


def test_the_entry_point_registers_the_factory_without_an_import():
    script = ("import spacy; nlp = spacy.blank('vi'); nlp.add_pipe('policytext'); "
              " print([e.label_ for e in nlp('Bộ trưởng Nguyễn Hồng Diên phát biểu.').ents])")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['PERSON']"
