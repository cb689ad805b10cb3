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


def test_seed_article_roles(shared_data):
    """The issue's target: six tasks, each ending with its own paragraph, set by the minister, asked of the
    sector's staff (items 5 and 6 name their own actors), with no directive: Chỉ thị 34-CT/TW is cited inside
    the first task, not implemented by the list."""
    from policytext.evaluation.extract import seed_article

    body = seed_article((shared_data / "seed" / "moit-2021-08-30-thi-dua.txt").read_text(encoding="utf-8"))[2]
    tasks = extract_tasks(Document.from_text(body, published="2021-08-30T20:01:00+07:00"))
    assert len(tasks) == 6
    for task in tasks:
        assert "\n" not in body[task.start:task.end]  # ends at its own paragraph
        assert task.issued_by == "Nguyễn Hồng Diên"
        assert task.directive is None
    assert tasks[0].actor == ["toàn thể cán bộ, công chức, viên chức, người lao động toàn ngành"]
    assert tasks[4].actor == ["người đứng đầu và các cán bộ chủ chốt trong từng cơ quan, đơn vị"]
    assert tasks[5].actor == ["các cấp, ngành, cơ quan, đơn vị"]
    assert tasks[0].role_rules["issued_by"] == "tasks.issuer-setter"


def test_last_item_of_a_one_line_text_never_runs_to_the_end():
    text = ("Bộ trưởng đề xuất ba giải pháp. Thứ nhất, cần rà soát thủ tục. Thứ hai, cần giảm chi phí. "
            "Thứ ba, cần hỗ trợ doanh nghiệp. Ngoài ra, Bộ sẽ họp. " + "Giá vàng tăng mạnh trong tuần. " * 30)
    tasks = extract_tasks(Document.from_text(text, segment=False))
    assert [text[t.start:t.end] for t in tasks][-1] == "Thứ ba, cần hỗ trợ doanh nghiệp."
    assert tasks[-1].role_rules["end"] == "tasks.last-item-sentences"


def test_a_list_of_reasons_in_a_technology_story_is_no_list_of_tasks():
    text = ("Vì sao điện thoại nóng lên? Có ba nguyên nhân chính. Thứ nhất, do pin phải làm việc liên tục. "
            "Thứ hai, do ứng dụng chạy ngầm. Thứ ba, do môi trường nóng.")
    assert extract_tasks(Document.from_text(text, segment=False)) == []


def test_roles_read_other_extractors_once_through_the_layers():
    from policytext.extract.dates import extract_dates

    doc = Document.from_text("Bộ yêu cầu các sở:\n1. Rà soát dự án, báo cáo trước ngày 30/9/2021.\n2. Đẩy nhanh giải ngân.",
                             published="2021-08-30", segment=False)
    first = doc.layers.extracted("dates", extract_dates)
    tasks = extract_tasks(doc)
    assert tasks[0].deadline == "/2021-09-30" and tasks[0].deadline_span.text == "trước ngày 30/9/2021"
    assert doc.layers.extracted("dates", extract_dates) is first  # computed once, shared


def test_sau_do_is_a_connective_not_a_marker():
    # GUIDELINE.md R4-2: "Sau đó" joins sentences; "Trước hết … Sau đó …" is no enumeration, even of advice
    text = ("Anh Dũng chia sẻ một số ý kiến để bạn đọc tham khảo. Trước hết, cần suy nghĩ xem các em đến đó để học "
            "ngành gì. Sau đó, cần ý thức rõ một mục đích khác của việc du học là học ngoại ngữ.")
    assert tasks_of(text) == []


def test_a_number_that_closes_a_name_opens_no_item_in_a_joined_text():
    # a text without line breaks: "vành đai 1." and "Quân khu 2." end sentences, they number no list
    text = ("Từ năm 2026 không có xe máy chạy xăng lưu thông trong vành đai 1. Theo ông Tuấn, cần hỗ trợ người dân "
            "chuyển đổi phương tiện trong vành đai 1, mở rộng ở khu vực vành đai 2. Cùng đó phải kêu gọi các doanh "
            "nghiệp đưa ra chế độ ưu đãi.")
    assert tasks_of(text) == []


def test_strategies_counted_before_the_list_are_its_tasks():
    # "Có hai chiến lược …" over two items: strategies recommended, like "hai giải pháp" (resources/tasks.yaml
    # counted_task_nouns), though the items speak of what investors "có thể" do
    text = ("Có hai chiến lược có thể áp dụng. Đầu tiên, trên đà giảm của các cổ phiếu thường sẽ xuất hiện các nhịp "
            "hồi, nhà đầu tư có thể tận dụng sóng hồi ngắn hạn để giao dịch. Thứ hai, nhà đầu tư có thể tìm kiếm cơ hội "
            "ở các cổ phiếu giá trị.")
    assert [marker for _, marker, _ in tasks_of(text)] == ["Đầu tiên", "Thứ hai"]
