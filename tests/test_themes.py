"""Theme detection by the lexicon: matching rules, the substantive threshold, evidence offsets (the model
layer: tests/test_theme_model.py)."""

from __future__ import annotations

import time
import unicodedata
from datetime import datetime

import pytest

from policytext.document import Document
from policytext.evaluation.themes import score_themes
from policytext.extract.themes import extract_themes, theme_scores
from policytext.themes.taxonomy import parse_taxonomy

TINY = parse_taxonomy(
    """
threshold: 0.1
min_matches: 1
themes:
  - id: digital
    lexicon: {số hóa: 3, chuyển đổi số: 3}
  - id: fta
    lexicon: {FTA: 3, hội nhập: 3}
    cancel: [cơ hội nhập]
""",
    "tiny.yaml",
)


def doc(text: str) -> Document:
    return Document.from_text(text, segment=False)


def found(text: str, taxonomy=TINY) -> dict[str, list[str]]:
    return {hit.id: [e.text for e in hit.evidence] for hit in extract_themes(doc(text), taxonomy, model=False)}


def test_diacritics_are_exact():
    assert found("Đẩy mạnh số hóa hồ sơ.") == {"digital": ["số hóa"]}
    assert found("Sổ hóa đơn được ký.") == {}  # "sổ hóa" is not "số hóa"


def test_tone_mark_style_does_not_matter():
    assert found("Đẩy mạnh số hoá hồ sơ.") == {"digital": ["số hoá"]}  # evidence shows the original


def test_lower_case_terms_match_any_case_acronyms_only_as_written():
    assert found("Số hóa là nhiệm vụ.") == {"digital": ["Số hóa"]}
    assert found("Việt Nam tham gia nhiều FTA.") == {"fta": ["FTA"]}
    assert found("Thuế fta mới.") == {}


def test_acronyms_are_not_found_inside_other_words():
    assert found("Hiệp định EVFTA có hiệu lực; công ty FTAX mở văn phòng.") == {}


def test_cancel_cue_removes_the_match_inside_it():
    assert found("Sinh viên có cơ hội nhập học sớm.") == {}
    assert found("Doanh nghiệp chuẩn bị hội nhập.") == {"fta": ["hội nhập"]}


def test_evidence_offsets_index_the_original_text():
    # NFD input, a tab and a double space: the normalised text is shorter than the original
    original = "Tin\tngắn.  " + "Chuyển đổi số".replace("ổ", "ô\u0309") + "  là   trọng tâm, FTA  cũng vậy."
    hits = extract_themes(doc(original), TINY, model=False)
    assert {hit.id for hit in hits} == {"digital", "fta"}
    for hit in hits:
        for span in hit.evidence:
            assert original[span.start:span.end] == span.text
    digital = next(hit for hit in hits if hit.id == "digital")
    assert unicodedata.normalize("NFC", digital.evidence[0].text) == "Chuyển đổi số"  # original is NFD


def test_nested_terms_count_once():
    taxonomy = parse_taxonomy("min_matches: 1\nthemes:\n  - id: ac\n    lexicon: {tham nhũng: 3, \"phòng, chống tham nhũng\": 3}\n", "t.yaml")
    (score,) = theme_scores(doc("Công tác phòng, chống tham nhũng."), taxonomy)
    assert [m.term for m in score.matches] == ["phòng, chống tham nhũng"]


def test_substantive_article_is_labelled_with_evidence(fixtures):
    text = (fixtures / "themes" / "digital.txt").read_text(encoding="utf-8")
    hits = extract_themes(doc(text), model=False)
    assert hits[0].id == "digital_transformation"
    assert hits[0].score >= 0.8
    assert {"chuyển đổi số", "dịch vụ công trực tuyến", "chữ ký số"} <= {e.text for e in hits[0].evidence}


def test_passing_mention_is_not_a_theme(fixtures):
    text = (fixtures / "themes" / "passing.txt").read_text(encoding="utf-8")
    scores = {s.theme.id: s for s in theme_scores(doc(text))}
    assert scores["digital_transformation"].matches  # the word is there ...
    assert "digital_transformation" not in {hit.id for hit in extract_themes(doc(text), model=False)}  # ... in passing


def test_one_phrase_said_once_is_a_passing_mention():
    taxonomy = parse_taxonomy("threshold: 0.01\nthemes:\n  - id: t\n    lexicon: {FDI: 3, vốn: 1}\n", "t.yaml")
    assert taxonomy.min_matches == 2  # the default
    assert found("Vốn FDI tăng.", taxonomy) == {}  # one anchor, one supporting word
    assert found("Vốn FDI tăng; FDI đổ vào điện tử.", taxonomy) == {"t": ["Vốn", "FDI", "FDI"]}
    body = "Trời mưa to suốt buổi sáng ở nhiều tỉnh phía Bắc, nước sông lên nhanh. " * 4
    assert found(body + "Lương trong doanh nghiệp FDI tăng.", taxonomy) == {}
    # named once in the title (the lead) it is still one phrase: "đề tài nghiên cứu" in a lead
    # made innovation_science of an ordinary story
    assert found("FDI tăng mạnh\n" + body, taxonomy) == {}


_LONG_BODY = "Trời mưa to suốt buổi sáng ở nhiều tỉnh phía Bắc, nước sông lên nhanh. " * 30  # > SHORT_ARTICLE


def test_a_theme_needs_two_distinct_anchors_or_a_defining_term_repeated():
    taxonomy = parse_taxonomy(
        "threshold: 0.01\nthemes:\n  - id: t\n    lexicon: {thu hút đầu tư: 3, vốn đầu tư: 2, dự án: 2, đầu tư: 1}\n", "t.yaml"
    )
    # in an article of ordinary length one strong cue repeated is a passing mention
    assert found(_LONG_BODY + "Dự án mới, dự án cũ, dự án nào cũng cần đầu tư.", taxonomy) == {}
    assert "t" in found(_LONG_BODY + "Dự án có vốn đầu tư 10 tỷ đồng.", taxonomy)  # two distinct anchors
    assert "t" in found(_LONG_BODY + "Tỉnh thu hút đầu tư; thu hút đầu tư là ưu tiên.", taxonomy)  # a defining term twice


def test_a_short_brief_needs_only_one_anchor_said_twice():
    # a 600-character news brief ("Xuất khẩu nấm rơm tăng ... xuất khẩu ... xuất khẩu") has no room for a
    # second anchor; said once with a supporting word it is still a passing mention
    taxonomy = parse_taxonomy("threshold: 0.01\nthemes:\n  - id: t\n    lexicon: {xuất khẩu: 2, tấn: 1}\n", "t.yaml")
    assert "t" in found("Xuất khẩu nấm rơm tăng. Tỉnh đã xuất khẩu 1.220 tấn.", taxonomy)
    assert found("Xuất khẩu nấm rơm tăng, được 1.220 tấn.", taxonomy) == {}
    assert found(_LONG_BODY + "Xuất khẩu nấm rơm tăng. Tỉnh đã xuất khẩu 1.220 tấn.", taxonomy) == {}


def test_weak_words_alone_never_make_a_theme():
    taxonomy = parse_taxonomy("threshold: 0.01\nmin_matches: 1\nthemes:\n  - id: t\n    lexicon: {đầu tư: 1, FDI: 3}\n", "t.yaml")
    assert found("Đầu tư, đầu tư và đầu tư.", taxonomy) == {}
    assert "t" in found("Vốn FDI tăng; đầu tư mới.", taxonomy)


def test_supporting_words_add_at_most_what_the_anchors_weigh():
    taxonomy = parse_taxonomy(
        "themes:\n  - id: t\n    lexicon: {ứng dụng công nghệ: 2, khoa học công nghệ: 3, công nghệ: 1, máy: 1}\n", "t.yaml"
    )
    anchors_only = "Ứng dụng công nghệ và khoa học công nghệ."
    (lean,) = theme_scores(doc(anchors_only), taxonomy)
    (padded,) = theme_scores(doc(anchors_only + " Công nghệ, công nghệ, máy, máy, công nghệ, máy." * 3), taxonomy)
    assert padded.raw <= 2 * lean.raw


def test_generic_words_make_no_theme(fixtures):
    # a Q&A about a university major: "công nghệ" x6, "chỉ tiêu" (enrolment quota), "công nhân"
    text = (fixtures / "themes" / "generic_words.txt").read_text(encoding="utf-8")
    assert extract_themes(doc(text), model=False) == []


def test_names_of_bodies_and_newspapers_are_not_evidence(fixtures):
    text = (fixtures / "themes" / "names_not_evidence.txt").read_text(encoding="utf-8")
    evidence = {m.term for score in theme_scores(doc(text)) for m in score.matches}
    # "Hội Nghiên cứu Khoa học", "Sở Lao động-Thương binh và Xã hội", "báo Người Lao Động",
    # "Bộ Kế hoạch và Đầu tư", "Thanh tra tỉnh" name who speaks, not what about
    assert not evidence & {"nghiên cứu khoa học", "lao động", "người lao động", "đầu tư", "thanh tra", "thương binh"}
    assert extract_themes(doc(text), model=False) == []


def test_the_same_words_outside_a_name_are_evidence():
    text = "Lao động nhập cư thiếu việc làm. Người lao động được tăng lương, giải quyết việc làm cho 2.000 lao động."
    evidence = {m.term for score in theme_scores(doc(text)) if score.theme.id == "social_welfare" for m in score.matches}
    assert {"lao động", "người lao động", "tăng lương", "giải quyết việc làm"} <= evidence  # sentence start is no name


def test_name_heads_and_names_come_from_the_taxonomy():
    taxonomy = parse_taxonomy(
        "threshold: 0.01\nnames: [Nghiên Cứu Mới]\nname_heads: [Viện]\n"
        "themes:\n  - id: t\n    lexicon: {nghiên cứu: 3, WTO: 3}\n",
        "t.yaml",
    )
    assert found("Viện Nghiên cứu Biển và Viện Nghiên cứu Mỏ họp.", taxonomy) == {}
    assert found("Tờ Nghiên Cứu Mới viết; tạp chí Nghiên Cứu Mới in lại.", taxonomy) == {}
    assert found("Việc nghiên cứu tiếp tục, nghiên cứu được đầu tư.", taxonomy) == {"t": ["nghiên cứu", "nghiên cứu"]}
    # a term written with capitals is a name the analyst chose as evidence: it always counts
    assert found("Phái đoàn WTO và Ban Thư ký WTO làm việc.", taxonomy) == {"t": ["WTO", "WTO"]}


def test_a_fund_named_in_a_fraud_story_is_not_welfare_policy(fixtures):
    text = (fixtures / "themes" / "embezzled_poverty_fund.txt").read_text(encoding="utf-8")
    assert [hit.id for hit in extract_themes(doc(text), model=False)] == ["discipline_anticorruption"]


def test_an_import_ban_is_about_imports(fixtures):
    text = (fixtures / "themes" / "pork_import_ban.txt").read_text(encoding="utf-8")
    hits = [hit.id for hit in extract_themes(doc(text), model=False)]
    assert hits[0] == "exports_imports"
    assert "domestic_trade" in hits  # the market side is discussed too


def test_scores_are_probabilities_sorted_strongest_first(fixtures):
    text = (fixtures / "themes" / "digital.txt").read_text(encoding="utf-8")
    hits = extract_themes(doc(text), model=False)
    assert all(0 < hit.score <= 1 for hit in hits)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_court_brief_about_officials_is_discipline_news(fixtures):
    # a 500-character court brief names the offence (the Penal Code's wording, without commas) twice
    text = (fixtures / "themes" / "court_brief_officials.txt").read_text(encoding="utf-8")
    hits = {hit.id: hit for hit in extract_themes(doc(text), model=False)}
    assert "discipline_anticorruption" in hits
    evidence = {span.text for span in hits["discipline_anticorruption"].evidence}
    assert {"lợi dụng chức vụ quyền hạn", "cố ý làm trái quy định"} <= evidence


def test_a_traffic_case_is_no_discipline_news(fixtures):
    # "khởi tố" and "gây hậu quả nghiêm trọng" are in every criminal case: support, never a theme
    text = (fixtures / "themes" / "traffic_case.txt").read_text(encoding="utf-8")
    assert extract_themes(doc(text), model=False) == []


def test_a_trade_fair_abroad_is_no_domestic_market():
    text = (
        "Tổ chức tuần lễ hàng Việt Nam tại Séc\nHội chợ giới thiệu hàng Việt Nam sẽ diễn ra tại Praha. "
        "Hàng trăm doanh nghiệp sẽ giới thiệu hàng Việt Nam tại hội chợ."
    )
    scores = {s.theme.id: s for s in theme_scores(doc(text))}
    assert not [m.term for m in scores["domestic_trade"].matches if m.term == "chợ"]  # "chợ" inside "hội chợ"
    assert "domestic_trade" not in {hit.id for hit in extract_themes(doc(text), model=False)}


def test_empty_text():
    assert extract_themes(doc(""), model=False) == []


def test_seed_article(shared_data):
    text = (shared_data / "seed" / "moit-2021-08-30-thi-dua.txt").read_text(encoding="utf-8")
    document = Document.from_text(text, published=datetime(2021, 8, 30, 20, 1), segment=False)
    hits = {hit.id: hit for hit in extract_themes(document, model=False)}
    assert "emulation_awards" in hits and "covid_dual_goal" in hits and "party_building" in hits
    assert max(hits.values(), key=lambda hit: hit.score).id == "emulation_awards"
    # "chuyển đổi số" is one item in a list of tasks: a passing mention, not the article's theme
    assert "digital_transformation" not in hits
    assert "mục tiêu kép" in {e.text for e in hits["covid_dual_goal"].evidence}
    for hit in hits.values():
        assert hit.evidence
        for span in hit.evidence:
            assert text[span.start:span.end] == span.text


def test_detection_is_fast(fixtures):
    text = (fixtures / "themes" / "digital.txt").read_text(encoding="utf-8") * 3
    document = doc(text)
    extract_themes(document, model=False)
    started = time.perf_counter()
    for _ in range(200):
        extract_themes(document, model=False)
    assert (time.perf_counter() - started) / 200 < 0.002  # target: under 2 ms per article


def test_score_themes_micro_macro_and_per_theme():
    gold = {"a": {"x", "y"}, "b": {"x"}, "c": set()}
    pred = {"a": {"x"}, "b": {"x", "z"}, "c": set()}
    result = score_themes(gold, pred)
    assert result["micro"]["tp"] == 2 and result["micro"]["fp"] == 1 and result["micro"]["fn"] == 1
    assert result["micro"]["f1"] == pytest.approx(2 / 3)
    assert result["per_theme"]["x"]["f1"] == 1.0
    assert result["per_theme"]["y"]["r"] == 0.0 and result["per_theme"]["z"]["p"] == 0.0
    assert result["macro"]["f1"] == pytest.approx(1 / 3)
    assert result["exact_match"] == pytest.approx(1 / 3)
