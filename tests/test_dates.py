"""Date extraction: spans, ISO values and grains that analysts filter and plot on.

Unless a test says otherwise the article was published 2021-08-30T20:01+07:00 (a Monday, ISO week 35),
the seed article's date, so relative expressions have one right answer.
"""

import gzip
import json
import re
from datetime import datetime, timedelta, timezone

import pytest

from policytext.document import Document
from policytext.extract.dates import extract_dates

PUBLISHED = datetime(2021, 8, 30, 20, 1, tzinfo=timezone(timedelta(hours=7)))


def dates_of(text, published=PUBLISHED):
    return [(d.text, d.value, d.grain)
            for d in extract_dates(Document.from_text(text, published=published, segment=False))]


# (sentence, span text, value, grain)
POSITIVE = [
    # the brief's list and the seed's own expressions
    ("30/08/2021 - 20:01", "30/08/2021 - 20:01", "2021-08-30T20:01", "minute"),
    ("Hà Nội, ngày 15 tháng 3 năm 2022, Bộ ban hành kế hoạch.", "ngày 15 tháng 3 năm 2022", "2022-03-15", "day"),
    ("Chiều 30/8, Bộ Công Thương tổ chức lễ phát động.", "Chiều 30/8", "2021-08-30", "day"),
    ("Kim ngạch xuất khẩu tháng 9/2021 tăng mạnh.", "tháng 9/2021", "2021-09", "month"),
    ("Kết quả kinh doanh quý III/2021 khả quan.", "quý III/2021", "2021-Q3", "quarter"),
    ("Trong 6 tháng đầu năm, GDP tăng 5,64%.", "6 tháng đầu năm", "2021-H1", "half"),
    ("9 tháng đầu năm, kim ngạch đạt 1.000 tỷ đồng.", "9 tháng đầu năm", "2021-01/2021-09", "interval"),
    ("Thực hiện nhiệm vụ năm 2021, giai đoạn 2021 - 2026.", "giai đoạn 2021 - 2026", "2021/2026", "interval"),
    ("Phong trào thi đua giai đoạn 2021- 2026 được phát động.", "giai đoạn 2021- 2026", "2021/2026", "interval"),
    ("Thực hiện thắng lợi nhiệm vụ giai đoạn 5 năm 2021 - 2026.", "giai đoạn 5 năm 2021 - 2026", "2021/2026",
     "interval"),
    ("Tuy nhiên, từ cuối tháng 4, làn sóng dịch bùng phát.", "từ cuối tháng 4", "2021-04/", "interval"),
    ("Phấn đấu đến năm 2030 trở thành nước công nghiệp.", "đến năm 2030", "/2030", "interval"),
    ("Lúc 20h ngày 30/8, lệnh giãn cách có hiệu lực.", "20h ngày 30/8", "2021-08-30T20", "hour"),
    ("Vào 10 giờ 30 phút ngày 20/9/2021, đoàn công tác đến.", "10 giờ 30 phút ngày 20/9/2021", "2021-09-20T10:30",
     "minute"),
    ("Hôm qua, Bộ đã họp trực tuyến với các tỉnh.", "Hôm qua", "2021-08-29", "day"),
    ("Tuần trước, Thủ tướng đã ký quyết định.", "Tuần trước", "2021-W34", "week"),
    ("Năm ngoái, xuất khẩu tăng 6,5%.", "Năm ngoái", "2020", "year"),
    ("Dự án sẽ hoàn thành vào cuối năm nay.", "cuối năm nay", "2021", "year"),
    ("Thứ Hai, 30/08/2021", "Thứ Hai, 30/08/2021", "2021-08-30", "day"),
    ("Hội chợ diễn ra từ ngày 10-12/10 tại Hà Nội.", "từ ngày 10-12/10", "2021-10-10/2021-10-12", "interval"),
    ("Năm 2021 là năm bản lề của kế hoạch.", "Năm 2021", "2021", "year"),
    ("Tháng trước, giá xăng tăng hai lần.", "Tháng trước", "2021-07", "month"),
    ("Trong tháng 8 năm 2021, Bộ đã cấp 500 giấy phép.", "tháng 8 năm 2021", "2021-08", "month"),
    ("Ngày 1-1-2021, Luật Doanh nghiệp có hiệu lực.", "Ngày 1-1-2021", "2021-01-01", "day"),
    ("Năm 2020-2021 có nhiều biến động.", "Năm 2020-2021", "2020/2021", "interval"),
    ("Từ năm 1999 đến nay, ông công tác tại Bộ.", "Từ năm 1999 đến nay", "1999/2021", "interval"),
    ("Trong năm 2021, ngành phấn đấu tăng trưởng 8%.", "năm 2021", "2021", "year"),
    ("Đầu năm 2021, dịch bùng phát trở lại.", "Đầu năm 2021", "2021", "year"),
    ("Kinh tế tăng trưởng nhanh trong những năm 1990.", "những năm 1990", "1990/1999", "interval"),
    ("Đại hội bầu Ban chấp hành nhiệm kỳ 2020-2025.", "nhiệm kỳ 2020-2025", "2020/2025", "interval"),
    ("Khai giảng niên khóa 2021-2022 của trường.", "niên khóa 2021-2022", "2021/2022", "interval"),
    ("Ngày mai, Quốc hội khai mạc kỳ họp.", "Ngày mai", "2021-08-31", "day"),
    ("Sáng nay, Bộ trưởng đã làm việc với tỉnh.", "Sáng nay", "2021-08-30", "day"),
    ("Hôm nay, 5.181 học sinh dự thi.", "Hôm nay", "2021-08-30", "day"),
    ("Tuần tới, Bộ sẽ kiểm tra các doanh nghiệp.", "Tuần tới", "2021-W36", "week"),
    ("Đầu tháng 9, các trường khai giảng.", "Đầu tháng 9", "2021-09", "month"),
    ("Cuối tuần, người dân đổ về trung tâm.", "Cuối tuần", "2021-W35", "week"),
    # prepositions belong to the expression and set its value
    ("Từ ngày 22/4/2021, Nghị định có hiệu lực.", "Từ ngày 22/4/2021", "2021-04-22/", "interval"),
    ("Tính đến ngày 20/4, cả nước có 2.800 ca.", "Tính đến ngày 20/4", "/2021-04-20", "interval"),
    ("Các đơn vị báo cáo trước ngày 5/5.", "trước ngày 5/5", "/2021-05-05", "interval"),
    ("Ông sinh năm 1970 tại Nghệ An.", "năm 1970", "1970", "year"),
    ("Nghị quyết áp dụng sau ngày 30/4.", "sau ngày 30/4", "2021-04-30/", "interval"),
    ("Kể từ năm 2021, tuổi nghỉ hưu tăng dần.", "Kể từ năm 2021", "2021/", "interval"),
    ("Số liệu tính đến hết năm 2005.", "đến hết năm 2005", "/2005", "interval"),
    ("Chậm nhất là ngày 31 tháng 01 năm 2022, các Bộ gửi báo cáo.", "Chậm nhất là ngày 31 tháng 01 năm 2022",
     "/2022-01-31", "interval"),
    ("Từ nay đến năm 2030, tỉnh tập trung phát triển công nghiệp.", "Từ nay đến năm 2030", "2021/2030", "interval"),
    ("Mục tiêu đến 2030, tỷ trọng công nghiệp đạt 40%.", "đến 2030", "/2030", "interval"),
    ("Từ những năm 1990, quỹ đã tài trợ cho Việt Nam.", "Từ những năm 1990", "1990/", "interval"),
    # ranges
    ("Hồ sơ nhận từ 1/7 đến 30/9.", "từ 1/7 đến 30/9", "2021-07-01/2021-09-30", "interval"),
    ("Hội thảo diễn ra từ ngày 27-2 đến 3-3.", "từ ngày 27-2 đến 3-3", "2021-02-27/2021-03-03", "interval"),
    ("Hội nghị họp tại Bangkok từ 19 đến 22-7-2006.", "từ 19 đến 22-7-2006", "2006-07-19/2006-07-22", "interval"),
    ("Trong 2 ngày 23 - 24/2, kỳ thi diễn ra tại 65 điểm.", "ngày 23 - 24/2", "2021-02-23/2021-02-24", "interval"),
    ("Từ tháng 11 đến tháng 2/2022, mùa khô kéo dài.", "Từ tháng 11 đến tháng 2/2022", "2021-11/2022-02",
     "interval"),
    ("Lượng khách tăng trong tháng 7-8/2021.", "tháng 7-8/2021", "2021-07/2021-08", "interval"),
    ("Kế hoạch cho quý I và II/2021 đã được duyệt.", "quý I và II/2021", "2021-Q1/2021-Q2", "interval"),
    ("Tổng kết các năm học 2005 - 2006 tại trường.", "năm học 2005 - 2006", "2005/2006", "interval"),
    ("Tổ chức tìm kiếm từ 2015 đến 2020 tại tỉnh.", "từ 2015 đến 2020", "2015/2020", "interval"),
    ("Kỳ họp thứ 8 (Từ Ngày 18 Tháng 10 Đến Ngày 29 tháng 11 năm 2005)",
     "Từ Ngày 18 Tháng 10 Đến Ngày 29 tháng 11 năm 2005", "2005-10-18/2005-11-29", "interval"),
    ("Từ đầu năm đến nay, xuất khẩu đạt 200 tỷ USD.", "Từ đầu năm đến nay", "2021-01/2021-08", "interval"),
    ("Từ ngày 27/4 đến nay, cả nước ghi nhận 400.000 ca.", "Từ ngày 27/4 đến nay", "2021-04-27/2021-08-30",
     "interval"),
    ("Mùa tuyển sinh kéo dài từ ngày 1-1 đến hết 28-1 năm nay.", "từ ngày 1-1 đến hết 28-1 năm nay",
     "2021-01-01/2021-01-28", "interval"),
    # days, weekdays, times of day
    ("Ngày 23-2, lãnh đạo UBND thành phố làm việc với sở.", "Ngày 23-2", "2021-02-23", "day"),
    ("Nghị quyết 01/NQ-CP ngày 1/1/2021 của Chính phủ.", "ngày 1/1/2021", "2021-01-01", "day"),
    ("Văn bản ký ngày 30.8.2021 tại Hà Nội.", "ngày 30.8.2021", "2021-08-30", "day"),
    ("Luật có hiệu lực từ 1/7 năm nay.", "từ 1/7 năm nay", "2021-07-01/", "interval"),
    ("Ngày 30/4 năm ngoái, lượng khách tăng mạnh.", "Ngày 30/4 năm ngoái", "2020-04-30", "day"),
    ("Giá tour dịp 30/4 tăng 20%.", "30/4", "2021-04-30", "day"),
    ("Lễ kỷ niệm Quốc khánh ngày 2/9 được tổ chức trang trọng.", "ngày 2/9", "2021-09-02", "day"),
    ("Hà Nội, ngày 24 tháng 11 năm 2015", "ngày 24 tháng 11 năm 2015", "2015-11-24", "day"),
    ("Bộ luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2016.", "từ ngày 01 tháng 7 năm 2016", "2016-07-01/",
     "interval"),
    ("Đoàn về đến Hà Nội vào thứ Hai tuần trước.", "thứ Hai tuần trước", "2021-08-23", "day"),
    ("Sáng thứ Hai (30/8), đoàn công tác đến Hà Nội.", "Sáng thứ Hai (30/8)", "2021-08-30", "day"),
    ("Bãi biển đông khách vào chủ nhật (29/8).", "chủ nhật (29/8)", "2021-08-29", "day"),
    ("Hôm thứ Năm, Bộ đã công bố số liệu.", "Hôm thứ Năm", "2021-08-26", "day"),
    ("Hội nghị sẽ khai mạc thứ Sáu tới.", "thứ Sáu tới", "2021-09-03", "day"),
    ("Cuộc họp bắt đầu lúc 8h30 sáng nay.", "8h30 sáng nay", "2021-08-30T08:30", "minute"),
    ("Buổi lễ diễn ra lúc 2 giờ chiều 30/8.", "2 giờ chiều 30/8", "2021-08-30T14", "hour"),
    ("Lệnh cấm có hiệu lực từ 11 giờ đêm 30/8.", "từ 11 giờ đêm 30/8", "2021-08-30T23/", "interval"),
    ("Đoàn sẽ xuất phát ngày 30/8 lúc 20h.", "ngày 30/8 lúc 20h", "2021-08-30T20", "hour"),
    ("Hội thảo được tổ chức hôm qua, 19-1, qua mạng giáo dục.", "hôm qua, 19-1", "2021-01-19", "day"),
    ("Đêm qua, mưa lớn gây ngập nhiều tuyến phố.", "Đêm qua", "2021-08-29", "day"),
    # months, quarters, halves, years, relative units
    ("Thi thử được tổ chức vào tháng 1-2006.", "tháng 1-2006", "2006-01", "month"),
    ("Cuộc bầu cử được tổ chức vào tháng 7 tới.", "tháng 7 tới", "2022-07", "month"),
    ("Giá điện đã tăng vào tháng 3 vừa qua.", "tháng 3 vừa qua", "2021-03", "month"),
    ("Sách được phát hành vào thượng tuần tháng 9.", "thượng tuần tháng 9", "2021-09", "month"),
    ("Doanh thu quý 4 năm 2020 giảm mạnh.", "quý 4 năm 2020", "2020-Q4", "quarter"),
    ("Dự kiến quý tới sẽ phục hồi.", "quý tới", "2021-Q4", "quarter"),
    ("Tăng trưởng nửa đầu năm 2022 đạt 6%.", "nửa đầu năm 2022", "2022-H1", "half"),
    ("Xuất khẩu 3 tháng đầu năm tăng 22%.", "3 tháng đầu năm", "2021-Q1", "quarter"),
    ("Kế hoạch 6 tháng cuối năm 2020 được điều chỉnh.", "6 tháng cuối năm 2020", "2020-H2", "half"),
    ("Luật Đầu tư được Quốc hội thông qua năm 2020.", "năm 2020", "2020", "year"),
    ("Chỉ số tăng 3% so với cùng kỳ năm trước.", "năm trước", "2020", "year"),
    ("Năm tới, Bộ sẽ sửa đổi Nghị định.", "Năm tới", "2022", "year"),
    ("Ông đã về hưu 3 năm trước.", "3 năm trước", "2018", "year"),
    ("Vụ việc xảy ra cách đây 10 ngày.", "cách đây 10 ngày", "2021-08-20", "day"),
    ("Kinh tế khó khăn vào những năm 80 của thế kỷ trước.", "những năm 80 của thế kỷ trước", "1980/1989",
     "interval"),
    ("Phong trào khởi đầu từ thập niên 60.", "từ thập niên 60", "1960/", "interval"),
    ("Cuối tuần qua, giá vàng giảm mạnh.", "Cuối tuần qua", "2021-W34", "week"),
    # hours on one day, dates written after a relative day, the year of a day without one
    ("Bệnh viện cho biết từ 13h đến 17h chiều 1/11, có 30 ca.", "từ 13h đến 17h chiều 1/11",
     "2021-11-01T13/2021-11-01T17", "interval"),
    ("Thời gian: 9h-12h; 14h-17h Chủ nhật, 2/10/2005", "14h-17h Chủ nhật, 2/10/2005", "2005-10-02T14/2005-10-02T17",
     "interval"),
    ("Tại Long An sáng qua 28-4, trưởng phòng cho biết.", "sáng qua 28-4", "2021-04-28", "day"),
    ("Chiều qua, 17-4, Cục Cảnh sát điều tra làm việc.", "Chiều qua, 17-4", "2021-04-17", "day"),
    ("Hôm nay (30/8), đoàn đến Hà Nội.", "Hôm nay (30/8)", "2021-08-30", "day"),
    ("Từ đầu năm đến giờ, giá tăng ba lần.", "Từ đầu năm đến giờ", "2021-01/2021-08", "interval"),
    ("Thứ hai, 30/08/2021 | 20:01", "Thứ hai, 30/08/2021 | 20:01", "2021-08-30T20:01", "minute"),
    ("Cập nhật 2021-08-30 20:01", "2021-08-30 20:01", "2021-08-30T20:01", "minute"),
    ("Giá điện đã tăng vào tháng 10 vừa qua.", "tháng 10 vừa qua", "2020-10", "month"),
    ("Dự kiến ngày 15/11 khai mạc hội chợ.", "ngày 15/11", "2021-11-15", "day"),
    # styles seen in the dev gold and VNTC
    ("Giấy báo thi được gửi đi vào ngày 30/5-3/6.", "ngày 30/5-3/6", "2021-05-30/2021-06-03", "interval"),
    ("Ngày 27.4, Ủy ban Thường vụ Quốc hội họp.", "Ngày 27.4", "2021-04-27", "day"),
    ("Hội thảo diễn ra trong hai ngày 11 và 12/3 tại Pháp.", "ngày 11 và 12/3", "2021-03-11/2021-03-12",
     "interval"),
    ("Cả tỉnh chỉ có 2 đợt mưa (ngày 28/2 và 18/3).", "18/3", "2021-03-18", "day"),
    ("Ông có nhập cảnh vào Việt Nam năm 1997 và 1998.", "1998", "1998", "year"),
    ("Kiều bào mừng Xuân Ất Dậu 2005 tại Hà Nội.", "Xuân Ất Dậu 2005", "2005", "year"),
    ("Theo đó, từ 2006 tập trung vào 3 nội dung chính.", "từ 2006", "2006/", "interval"),
    ("Giá tăng 227% so với 3 năm trước đây.", "3 năm trước đây", "2018", "year"),
    ("Sản lượng giảm trong tháng 11, 12.", "tháng 11, 12", "2021-11/2021-12", "interval"),
    ("Trong những tháng đầu năm nay, giá tăng mạnh.", "tháng đầu năm nay", "2021", "year"),
    # lunar days are days whose value stays null (no lunar calendar table is shipped)
    ("Chuyến bay ngày 17/1 (tức ngày 18 Tết) còn ghế.", "ngày 18 Tết", None, "day"),
    ("Chuyến bay ngày 16/2 (tức ngày 19 tháng Giêng) còn ghế.", "ngày 19 tháng Giêng", None, "day"),
    ("Ngày 10 tháng 3 âm lịch là ngày Giỗ Tổ Hùng Vương.", "Ngày 10 tháng 3 âm lịch", None, "day"),
    ("Cụ mất ngày 19/2 năm Bính Tuất.", "ngày 19/2 năm Bính Tuất", None, "day"),
    ("Lượng khách tăng vào ngày rằm tháng 7.", "ngày rằm tháng 7", None, "day"),
    # birth years (RECORD.md: they are dates): "SN", "sinh", a bare year in brackets after a full name
    ("Bị cáo Đinh Văn Tài (1969) bị tuyên phạt 3 năm tù.", "1969", "1969", "year"),
    ("Nạn nhân là Lê Anh Tuấn (SN 1989, ngụ quận 3).", "SN 1989", "1989", "year"),
    ("Nguyễn Văn A, SN 1975, trú tại Hà Nội.", "SN 1975", "1975", "year"),
    ("Ông Nguyễn Văn Bình (sinh năm 1970) là giám đốc.", "năm 1970", "1970", "year"),
    ("Tòa tuyên phạt Trần Thị Mai (sinh 1980) 5 năm tù.", "1980", "1980", "year"),
    ("Ông Hoàng Minh (1958) bị bắt.", "1958", "1958", "year"),
    ("Đối tượng Hà Năng Mạnh (1979, trú tại huyện Tứ Kỳ) bị bắt.", "1979", "1979", "year"),
    # spaced dashes and ranges of full dates
    ("Vụ việc bắt đầu từ ngày 24- 7- 2000, Công an tỉnh vào cuộc.", "bắt đầu từ ngày 24- 7- 2000", "2000-07-24/",
     "interval"),
    ("Ngày 25- 4, trong phiên xử phúc thẩm, bị cáo kêu oan.", "Ngày 25- 4", "2021-04-25", "day"),
    ("Ngày 24 - 7 - 2000, ông đến Hà Nội.", "Ngày 24 - 7 - 2000", "2000-07-24", "day"),
    ("Từ ngày 11 đến 13- 1- 2005, TAND tỉnh xét xử.", "Từ ngày 11 đến 13- 1- 2005", "2005-01-11/2005-01-13",
     "interval"),
    ("Kỷ niệm 60 năm chiến thắng phát xít (9.5.1945-9.5.2005).", "9.5.1945-9.5.2005", "1945-05-09/2005-05-09",
     "interval"),
    ("Kỷ niệm chiến thắng Điện Biên Phủ (7/5/1954-7/5/2004).", "7/5/1954-7/5/2004", "1954-05-07/2004-05-07",
     "interval"),
    ("Tự ý bỏ việc từ ngày 7/5/2001-20/7/2001.", "từ ngày 7/5/2001-20/7/2001", "2001-05-07/2001-07-20", "interval"),
    # a run of listed months is one interval (like "tháng 11, 12"); a year after the last applies to all
    ("Giá tăng nhanh, đặc biệt trong các tháng 5, 6 và 7-2005.", "tháng 5, 6 và 7-2005", "2005-05/2005-07",
     "interval"),
    ("Hợp đồng giao tháng 9, tháng 10 và tháng 11.", "tháng 9, tháng 10 và tháng 11", "2021-09/2021-11", "interval"),
    ("Khóa học khai giảng vào tháng 3, 5 và 9/2005.", "tháng 3", "2005-03", "month"),
    # an edge that is part of another word is no edge; an ordinal before a date is left out
    ("Bắt đầu tháng sau, bốn xe chia đều chuyến.", "tháng sau", "2021-09", "month"),
    ("Quốc hội bắt đầu năm 2005 với nhiều dự luật.", "năm 2005", "2005", "year"),
    ("Hai bị can bị gia hạn tạm giữ lần thứ hai, ngày 11-12.", "ngày 11-12", "2021-12-11", "day"),
    ("Giá dầu giảm so với phiên thứ 6 tuần trước.", "thứ 6 tuần trước", "2021-08-27", "day"),
    ("Hội thảo tổ chức lúc 19h ngày thứ ba (31/8) tại Hà Nội.", "19h ngày thứ ba (31/8)", "2021-08-31T19", "hour"),
    ("Vào ngày thứ Ba, đoàn đến Hà Nội.", "ngày thứ Ba", "2021-08-31", "day"),
    ("Cả nhà đi chơi ngày chủ nhật vừa qua.", "ngày chủ nhật vừa qua", "2021-08-29", "day"),
    ("Hôm nay mưa, ngày kia (1/9) mưa sẽ giảm.", "ngày kia (1/9)", "2021-09-01", "day"),
    # "N ngày trước" is a day counted back from publication, like "3 năm trước" (TIMEX3: a date, not a duration)
    ("Sự việc xảy ra 3 ngày trước đây.", "3 ngày trước đây", "2021-08-27", "day"),
    ("Vụ cháy xảy ra lúc 22h30 tối qua.", "22h30 tối qua", "2021-08-29T22:30", "minute"),
]


@pytest.mark.parametrize(("text", "span", "value", "grain"), POSITIVE, ids=[case[1] for case in POSITIVE])
def test_expression(text, span, value, grain):
    assert (span, value, grain) in dates_of(text)


NEGATIVE = [
    "GDP tăng 5,64% so với cùng kỳ.",
    "Chỉ số giá tiêu dùng tăng 5,2%.",
    "Tổng vốn đầu tư là 1.000 tỷ đồng.",
    "Nghị định 15/2020/NĐ-CP quy định xử phạt.",
    "Thực hiện Chỉ thị 34-CT/TW của Bộ Chính trị.",
    "Căn cứ Luật số 80/2015/QH13 ban hành văn bản quy phạm pháp luật.",
    "Quyết định 749/QĐ-TTg phê duyệt Chương trình chuyển đổi số.",
    "Luật Đầu tư 2020 có nhiều điểm mới.",
    "Năm APEC 2017 đã thành công tốt đẹp.",
    "Căn cứ Hiến pháp năm 2013;",
    "Luật Đất đai năm 2013 quy định rõ việc này.",
    "Theo Bộ luật Hình sự năm 2015, hành vi này bị xử lý.",
    "Tuân thủ Công ước quốc tế về đo dung tích tàu biển năm 1969.",
    "Thứ hai, phát động và tổ chức các phong trào thi đua.",
    "Thứ năm, người đứng đầu phải phát huy vai trò gương mẫu.",
    "Thứ tư, tiếp tục làm tốt công tác quản lý nhà nước.",
    "Dự luật đã được Quốc hội thông qua.",
    "Dự án được triển khai trong 3 năm.",
    "Sau 3 năm, công trình hoàn thành.",
    "Trong 24 giờ qua, cả nước ghi nhận 100 ca mắc mới.",
    "Phát huy kết quả của 70 năm xây dựng và phát triển.",
    "Ông Nguyễn Văn A, 45 tuổi, trú tại Hà Nội.",
    "Làn sóng dịch lần thứ 4 bùng phát.",
    "Hiện nay, tình hình sản xuất đã ổn định.",
    "Thời gian qua, ngành đạt nhiều thành tựu.",
    "Đến nay, đã có 20 tỉnh hoàn thành.",
    "Trận đấu kết thúc với tỷ số 2-1.",
    "Liên hệ số điện thoại 0912.345.678 hoặc (028) 3829 1234.",
    "Tàu đạt tốc độ 25 hải lý/giờ.",
    "Dự án chiếm 1/3 diện tích đất nông nghiệp.",
    "Học sinh có thể học từ 1-3 môn tự chọn.",
    "Những năm qua, ngành Công Thương phát triển mạnh.",
    "Trong những năm tới, cần tập trung cải cách.",
    "Trong 5 năm tới, tỉnh phấn đấu tăng trưởng 8%.",
    "Học sinh đã thi từ 3 năm trước đó.",
    "Lượng khách tăng từ 1500 lên 2000 người.",
    "Các nhóm sinh hoạt vào các ngày thứ bảy, chủ nhật hằng tuần.",
    "Mỗi cuối tuần, gia đình anh về quê.",
    "Quý khách vui lòng mang theo đồ quý giá.",
    "Ngày 20 tháng 11 hằng năm là ngày Nhà giáo Việt Nam.",
    "Tháng 3 hằng năm là Tháng Thanh niên.",
    "Lễ hội diễn ra vào ngày rằm tháng Giêng hằng năm.",
    "Xe chạy vào các ngày thứ năm, thứ sáu, thứ bảy.",
    "Đua xe bùng phát vào các tối thứ bảy và sáng chủ nhật.",
    "Con voi lớn có thể nặng đến 5-6 tấn.",
    "Mấy đêm nay không người dân nào dám ngủ.",
    "Diễn biến Cách mạng Tháng 8 được hỏi kỹ.",
    "Ở Trung Quốc, giá thường xuống 1/3 đến 1/4 giá.",
    "Anh là cán bộ nguồn trong 5-10 năm tới.",
    "Gia đình đã ở đây 5-6 năm nay.",
    "Việc xuất hiện loại giấy thứ hai này là do sơ suất.",
    "Tăng trưởng thấp hơn so với quý I của các năm trước.",
    "Số khách tăng từ 1995 lên 2000 lượt.",
    "Trợ cấp hằng tháng\n1. Người lao động bị suy giảm khả năng lao động.",
    "Báo cáo tài chính năm trước liền kề phải được kiểm toán.",
    "Sản lượng tăng 5-6 năm trước khi giảm.",
    "Chương trình GCSE (1-2) năm dành cho học sinh trên 14 tuổi.",
    "Nếu một ngày kia trở thành phi công, em sẽ về quê.",
    "Đây là ngày thứ tư của hội nghị.",
    "Giá cả tăng hết năm này qua năm khác.",
    "Hơn nửa tháng qua, công ty lỗ 20 tỷ đồng.",
    "Vấp phải phản đối, một ngày trước phiên chất vấn, Bộ rút đề án.",
    # ages, names and places in brackets, words that only look like dates
    "Ông A, 45 tuổi, trú tại Hà Nội.",
    "Bùi Đức Sơn (22 tuổi, ở xã Hòa An) là phụ xe.",
    "Kế hoạch sản xuất (2005) đã được duyệt.",
    "Hội nghị ở Hà Nội (2005) thành công.",
    "Kỳ tuyển sinh 2004 đã từng gây tranh cãi, học sinh 1990 người.",
    "Quốc hội bắt đầu tuần làm việc thứ hai của kỳ họp.",
    "Công ty dẫn đầu tuần lễ thương mại.",
    "Ngày kia, mẹ chàng ốm nằm viện.",
    "Ngày thứ 3, sau bữa sáng, đoàn đi tham quan.",
    "Ngày thứ hai xét xử vụ án buôn lậu.",
    "Đây đã là ngày thứ 3 sau cơn lũ.",
    "Kỳ thi bắt đầu lần thứ hai, các đợt thứ ba.",
    "Tỷ số là 5 - 6 sau hiệp phụ.",
    "Nghề này có từ hàng chục năm trước.",
    "Gần chục năm nay anh làm nghề đúc đồng.",
    "Làng nghề tồn tại hàng trăm năm nay.",
    "Công ty trả mỗi tháng 2-3 triệu đồng.",
    "Dịch bùng phát lẻ tẻ, mỗi ngày 7-10 điểm.",
    "Hàng nội rẻ hơn trung bình đến 2/3 giá.",
]


def test_day_without_year_in_january_is_last_december():
    found = dates_of("Ngày 28/12, Bộ họp tổng kết. Tháng 2 tới, Bộ sẽ họp.", published=datetime(2022, 1, 5))
    assert found == [("Ngày 28/12", "2021-12-28", "day"), ("Tháng 2 tới", "2022-02", "month")]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_a_date(text):
    assert dates_of(text) == []


def test_relative_dates_have_no_value_without_publication_date():
    found = dates_of("Hôm qua, Bộ họp. Ngày 30/8, đoàn đến. Ngày 30/8/2021, Bộ ký. Từ năm 1999 đến nay.",
                     published=None)
    assert found == [("Hôm qua", None, "day"), ("Ngày 30/8", None, "day"), ("Ngày 30/8/2021", "2021-08-30", "day"),
                     ("Từ năm 1999 đến nay", None, "interval")]


def test_guessed_years_keep_an_interval_in_order():
    """Read in mid-June, "31/12" alone would be last December; as the end of a range it follows its start."""
    found = dates_of("Từ 1/8 đến 31/12, trường tặng học bổng. Tàu cập cảng (12/12-20/12). "
                     "Từ ngày 1/10 đến nay, 3 triệu con gia cầm bị tiêu hủy.", published=datetime(2006, 6, 15))
    assert found == [("Từ 1/8 đến 31/12", "2006-08-01/2006-12-31", "interval"),
                     ("12/12-20/12", "2006-12-12/2006-12-20", "interval"),
                     ("Từ ngày 1/10 đến nay", "2005-10-01/2006-06-15", "interval")]


def test_tới_and_vừa_qua_after_a_day_belong_to_it_and_fix_its_year():
    """Read on 15 June 2006: "ngày 10/3 tới" is next March, "ngày 17/9 vừa qua" last September."""
    found = dates_of("Ngày 10/3 tới, Quốc hội họp. Ngày 17/9 vừa qua, giá dầu tăng. Hội nghị vào ngày 26-27/9 tới. "
                     "Từ ngày 1/7 tới nay giá tăng. Ngày 20/6 tới Hà Nội dự họp.", published=datetime(2006, 6, 15))
    assert found == [("Ngày 10/3 tới", "2007-03-10", "day"), ("Ngày 17/9 vừa qua", "2005-09-17", "day"),
                     ("ngày 26-27/9 tới", "2006-09-26/2006-09-27", "interval"),
                     ("Từ ngày 1/7 tới nay", "2005-07-01/2006-06-15", "interval"), ("Ngày 20/6", "2006-06-20", "day")]


def test_time_with_an_unresolved_day_keeps_its_grain():
    assert dates_of("Vụ cháy xảy ra lúc 22h30 tối qua. Sáng qua 8h đoàn đến.", published=None) == [
        ("22h30 tối qua", None, "minute"), ("Sáng qua 8h", None, "hour")]


# every value in one of RECORD.md's forms at its grain (the hour form is TIMEX3's "2005-12-13T15")
_POINT = {
    "minute": r"\d{4}-\d\d-\d\dT\d\d:\d\d", "hour": r"\d{4}-\d\d-\d\dT\d\d", "day": r"\d{4}-\d\d-\d\d",
    "week": r"\d{4}-W\d\d", "month": r"\d{4}-\d\d", "quarter": r"\d{4}-Q[1-4]", "half": r"\d{4}-H[12]", "year": r"\d{4}",
}
_ANY_POINT = "|".join(f"(?:{p})" for p in _POINT.values())
VALUE_FORMS = {grain: re.compile(p) for grain, p in _POINT.items()}
VALUE_FORMS["interval"] = re.compile(rf"(?:{_ANY_POINT})/(?:{_ANY_POINT})|(?:{_ANY_POINT})/|/(?:{_ANY_POINT})")


def test_values_match_their_grain_on_real_news(shared_data):
    """2,000 VNTC articles with a fixed publication date: every value parses and sits at its grain."""
    published = datetime(2005, 12, 13, 15, 0)
    checked = 0
    with gzip.open(shared_data / "vntc" / "vntc-test-phap-luat.jsonl.gz", "rt", encoding="utf-8") as lines:
        for _, line in zip(range(2000), lines):
            text = json.loads(line)["text"]
            for d in extract_dates(Document.from_text(text, published=published, segment=False)):
                assert text[d.start:d.end] == d.text
                if d.value is None:
                    continue  # lunar days only, when publication is known
                assert VALUE_FORMS[d.grain].fullmatch(d.value), (d.text, d.value, d.grain)
                for point in d.value.split("/"):
                    if point[4:5] == "-" and point[5:6].isdigit():
                        datetime.strptime(point[:10], "%Y-%m-%d" if len(point) >= 10 else "%Y-%m")
                checked += 1
    assert checked > 5000


def test_offsets_are_original_text_offsets():
    text = "Bộ họp.\u00a0\u00a0Chiều  30/8,\tđoàn đến;  từ ngày 10-12/10 hội chợ mở."  # odd spaces are folded
    doc = Document.from_text(text, published=PUBLISHED, segment=False)
    found = extract_dates(doc)
    assert [text[d.start:d.end] for d in found] == [d.text for d in found] == ["Chiều  30/8", "từ ngày 10-12/10"]


def test_decomposed_input_matches_and_keeps_its_own_characters():
    import unicodedata

    text = unicodedata.normalize("NFD", "Hôm qua, Bộ họp; cuối năm nay hoàn thành.")
    found = extract_dates(Document.from_text(text, published=PUBLISHED, segment=False))
    assert [(d.value, text[d.start:d.end] == d.text) for d in found] == [("2021-08-29", True), ("2021", True)]


def test_mentions_are_sorted_and_do_not_overlap():
    text = ("Sáng 30/8, từ năm 1999 đến nay, giai đoạn 2021 - 2026, quý III/2021, 6 tháng đầu năm, "
            "thứ Hai tuần trước, năm 2020-2021, tháng 9/2021.")
    found = extract_dates(Document.from_text(text, published=PUBLISHED, segment=False))
    assert len(found) == 8
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_seed_article(shared_data):
    text = (shared_data / "seed" / "moit-2021-08-30-thi-dua.txt").read_text(encoding="utf-8")
    title, date_line, body = text.split("\n", 2)
    found = dates_of(body)
    assert ("Chiều 30/8", "2021-08-30", "day") in found
    assert ("năm 2021", "2021", "year") in found
    assert ("giai đoạn 2021- 2026", "2021/2026", "interval") in found
    assert ("giai đoạn 5 năm 2021 - 2026", "2021/2026", "interval") in found
    assert ("từ cuối tháng 4", "2021-04/", "interval") in found
    # nothing from the task ordinals ("Thứ hai, ..."), "70 năm xây dựng", "lần thứ 4", "Chỉ thị 34-CT/TW"
    assert not [d for d in found if "thứ" in d[0].lower() or "70" in d[0] or "34" in d[0]]
    assert {d[1] for d in found} == {"2021-08-30", "2021", "2021/2026", "2021-04/"}
    # the date line, when a reader leaves it in the text, is a minute-grain date
    assert ("30/08/2021 - 20:01", "2021-08-30T20:01", "minute") in dates_of(text)


def _vntc_articles(shared_data, ids):
    path = shared_data / "vntc" / "vntc-test-chinh-tri-xa-hoi.jsonl.gz"
    articles = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article["id"] in ids:
                articles[article["id"]] = article["text"]
                if len(articles) == len(ids):
                    break
    return articles


def test_real_vntc_sentences(shared_data):
    """VNTC has no publication dates: written dates get values, relative ones and bare days do not."""
    articles = _vntc_articles(shared_data, {"XH_NLD_T_ (8965)", "XH_NLD_T_ (8977)", "XH_NLD_T_ (8983)",
                                            "XH_NLD_T_ (8992)", "XH_NLD_T_ (9066)"})

    def found(article_id):
        return dates_of(articles[article_id], published=None)

    tet = found("XH_NLD_T_ (8965)")  # Thai New Year tourism
    assert ("bắt đầu từ ngày 12 đến 14-4", None, "interval") in tet
    assert ("từ đầu năm 2005", "2005/", "interval") in tet
    assert ("kể từ tháng 10-2005 đến nay", None, "interval") in tet
    assert not [d for d in tet if d[0].startswith("5-6")]
    study_abroad = found("XH_NLD_T_ (8977)")
    assert ("đến hết năm 2005", "/2005", "interval") in study_abroad
    assert ("ngày 05/11/2005", "2005-11-05", "day") in study_abroad
    assert ("giai đoạn 2006-2014", "2006/2014", "interval") in study_abroad
    assert ("từ 19 đến 22-7-2006", "2006-07-19/2006-07-22", "interval") in found("XH_NLD_T_ (8983)")
    elective = found("XH_NLD_T_ (8992)")
    assert ("từ 25 đến 28-4", None, "interval") in elective
    assert not [d for d in elective if d[0].startswith("từ 1-3")]  # "học từ 1-3 môn": a count
    revolution = found("XH_NLD_T_ (9066)")
    assert ("trước ngày 1-1-1945", "/1945-01-01", "interval") in revolution
    assert ("19-8-1945", "1945-08-19", "day") in revolution


def test_law_header_and_entry_into_force(shared_data):
    with gzip.open(shared_data / "vlc-laws" / "vlc-laws.jsonl.gz", "rt", encoding="utf-8") as lines:
        law = json.loads(next(lines))  # Bộ luật Dân sự 2015
    found = dates_of(law["text"][:2000] + "\n" + law["text"][-3000:], published=None)
    assert ("ngày 24 tháng 11 năm 2015", "2015-11-24", "day") in found
    assert ("từ ngày 01 tháng 01 năm 2017", "2017-01-01/", "interval") in found
