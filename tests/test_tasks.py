import pytest

from policytext.document import Document
from policytext.extract.tasks import extract_tasks


def tasks_of(text):
    return [(t.ordinal, t.marker, text[t.start:t.end]) for t in extract_tasks(Document.from_text(text, segment=False))]


def test_thu_nhat_paragraphs():
    text = "Nhiệm vụ:\n\nThứ nhất, tăng cường tuyên truyền.\n\nThứ hai, đổi mới.\n\nThứ ba, kiểm tra."
    assert tasks_of(text) == [(1, "Thứ nhất", "Thứ nhất, tăng cường tuyên truyền."),
                              (2, "Thứ hai", "Thứ hai, đổi mới."), (3, "Thứ ba", "Thứ ba, kiểm tra.")]


def test_mot_la_inline():
    text = "Một là, đổi mới tư duy. Hai là, hoàn thiện thể chế; Ba là: siết kỷ luật."
    assert [t[:2] for t in tasks_of(text)] == [(1, "Một là"), (2, "Hai là"), (3, "Ba là")]


def test_parenthesised_numbers_end_at_the_next_marker():
    text = "Bộ yêu cầu: (1) rà soát quy hoạch; (2) đẩy nhanh giải ngân; (3) báo cáo trước ngày 15/9."
    assert tasks_of(text) == [(1, "(1)", "(1) rà soát quy hoạch"), (2, "(2)", "(2) đẩy nhanh giải ngân"),
                              (3, "(3)", "(3) báo cáo trước ngày 15/9.")]


def test_letter_and_number_lists_at_line_starts():
    text = "Các đơn vị:\na) Rà soát thủ tục;\nb) Báo cáo kết quả.\n1. Lập kế hoạch\n2. Tổ chức thực hiện"
    assert [t[:2] for t in tasks_of(text)] == [(1, "a)"), (2, "b)"), (1, "1."), (2, "2.")]


@pytest.mark.parametrize(
    "text",
    [
        "Sáng thứ hai, đoàn công tác đến Hà Nội.",  # a weekday, not an enumeration
        "Đây là lần thứ hai, Bộ tổ chức lễ.",  # "the second time"
        "Thứ hai, tăng cường kiểm tra.",  # a second item with no first is no enumeration
        "Tăng 1.000 tỷ đồng so với năm 2020.",
        "Giá trị (1) được ghi chú.",
    ],
)
def test_no_tasks_outside_enumerations(text):
    assert tasks_of(text) == []


def test_seed_article_has_six_tasks(shared_data):
    text = (shared_data / "seed" / "moit-2021-08-30-thi-dua.txt").read_text(encoding="utf-8")
    tasks = tasks_of(text)
    assert [t[0] for t in tasks] == [1, 2, 3, 4, 5, 6]
    assert [t[1] for t in tasks] == ["Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu"]
    assert tasks[5][2].endswith("của cơ quan, đơn vị.")


def test_lists_of_findings_or_violations_are_not_tasks():
    findings = ("Đoàn kiểm tra chỉ ra sai phạm. Thứ nhất, tờ trình và thực tế không khớp. "
                "Thứ hai, hồ sơ thanh toán thiếu chữ ký. Thứ ba, hóa đơn do nhà thầu lập sai.")
    violations = ("Trốn thuế gồm những hành vi sau: (1) Để ngoài sổ kế toán số thuế phải nộp; "
                  "(2) Sửa chữa chứng từ để giảm số thuế phải nộp.")
    difficulties = ("Chúng tôi gặp rất nhiều khó khăn khi thực hiện. Thứ nhất, nội dung quá nhiều, giáo viên phải "
                    "dạy kiểu đọc - chép. Thứ hai, giáo viên phải dạy cả ngày.")
    assert tasks_of(findings) == [] and tasks_of(violations) == [] and tasks_of(difficulties) == []


def test_a_lead_in_that_also_announces_measures_keeps_the_tasks():
    text = ("Để khắc phục khó khăn, Bộ đề ra các giải pháp: Thứ nhất, rà soát thủ tục. "
            "Thứ hai, tăng cường kiểm tra.")
    assert [t[1] for t in tasks_of(text)] == ["Thứ nhất", "Thứ hai"]


def test_nested_lists_count_only_the_outer_items_which_span_their_sub_items():
    text = ("Thủ tướng chỉ thị:\n1. Các Bộ phải tập trung chỉ đạo:\na) Tăng cường giám sát;\nb) Phối hợp kiểm tra.\n"
            "2. Tổ chức tiêm vắc xin:\na) Bộ Y tế hướng dẫn;\nb) Địa phương triển khai.\nHết.")
    tasks = tasks_of(text)
    assert [t[1] for t in tasks] == ["1.", "2."]
    assert tasks[0][2].endswith("b) Phối hợp kiểm tra.") and tasks[1][2].endswith("b) Địa phương triển khai.")


def test_factors_and_law_clauses_are_not_tasks():
    factors = ("Vấn đề này được quan tâm do nhiều yếu tố: Thứ nhất, cạnh tranh ngày càng khốc liệt. "
               "Thứ hai, thông tin không phải là giải pháp kỹ thuật.")
    clauses = ("Điều 5.\n1. Tổ chức kinh tế phải đăng ký kinh doanh.\n2. Cơ quan nhà nước phải kiểm tra.")
    assert tasks_of(factors) == [] and tasks_of(clauses) == []
