"""Legal references (RECORD.md "Legal references"): what an analyst filtering by code or type relies on."""

from __future__ import annotations

import gzip
import json
import re
import unicodedata

import pytest

from policytext.document import Document
from policytext.extract.legal_refs import extract_legal_refs


def refs(text: str):
    return extract_legal_refs(Document.from_text(text, segment=False))


def fields(ref):
    return (ref.text, ref.doc_type, ref.code, ref.number, ref.year, ref.issuer)


# (sentence, expected (text, doc_type, code, number, year, issuer) of its one reference)
POSITIVE = [
    # state documents number/[year/]TYPE-ISSUER, type words and "số" in the span
    ("Theo Nghị định số 15/2020/NĐ-CP của Chính phủ.",
     ("Nghị định số 15/2020/NĐ-CP", "Nghị định", "15/2020/NĐ-CP", "15", 2020, "CP")),
    ("Thủ tướng ký Quyết định 749/QĐ-TTg ngày 3/6/2020.",
     ("Quyết định 749/QĐ-TTg", "Quyết định", "749/QĐ-TTg", "749", None, "TTg")),
    ("Chính phủ ban hành Nghị quyết số 66.7/2025/NQ-CP về thủ tục.",
     ("Nghị quyết số 66.7/2025/NQ-CP", "Nghị quyết", "66.7/2025/NQ-CP", "66.7", 2025, "CP")),
    ("Thực hiện Thông tư 01/2021/TT-BCT của Bộ Công Thương.",
     ("Thông tư 01/2021/TT-BCT", "Thông tư", "01/2021/TT-BCT", "01", 2021, "BCT")),
    ("Căn cứ Quyết định số 12/2019/QĐ-UBND của tỉnh.",
     ("Quyết định số 12/2019/QĐ-UBND", "Quyết định", "12/2019/QĐ-UBND", "12", 2019, "UBND")),
    ("Theo Nghị quyết 05/2022/NQ-HĐND tỉnh Nghệ An.",
     ("Nghị quyết 05/2022/NQ-HĐND", "Nghị quyết", "05/2022/NQ-HĐND", "05", 2022, "HĐND")),
    ("Thông tư liên tịch số 16/2014/TTLT-BTC-BNV hướng dẫn.",
     ("Thông tư liên tịch số 16/2014/TTLT-BTC-BNV", "Thông tư liên tịch", "16/2014/TTLT-BTC-BNV", "16", 2014,
      "BTC-BNV")),
    ("Văn bản hợp nhất 91/2026/VBHN-BXD đã được đăng.",
     ("Văn bản hợp nhất 91/2026/VBHN-BXD", "Văn bản hợp nhất", "91/2026/VBHN-BXD", "91", 2026, "BXD")),
    ("Pháp lệnh số 02/2002/PL-UBTVQH11 hết hiệu lực.",
     ("Pháp lệnh số 02/2002/PL-UBTVQH11", "Pháp lệnh", "02/2002/PL-UBTVQH11", "02", 2002, "UBTVQH11")),
    # no type word before: the type comes from the abbreviation
    ("Thực hiện 15/2020/NĐ-CP từ ngày 1/4.",
     ("15/2020/NĐ-CP", "Nghị định", "15/2020/NĐ-CP", "15", 2020, "CP")),
    ("Công điện 1280/CĐ-TTg yêu cầu các bộ.",
     ("Công điện 1280/CĐ-TTg", "Công điện", "1280/CĐ-TTg", "1280", None, "TTg")),
    ("Theo 12/TB-VPCP ngày 5/1.",
     ("12/TB-VPCP", "Thông báo", "12/TB-VPCP", "12", None, "VPCP")),
    ("UBND tỉnh ban hành 45/KH-UBND.",
     ("45/KH-UBND", "Kế hoạch", "45/KH-UBND", "45", None, "UBND")),
    # laws: the code has no type abbreviation, the words before give the type
    ("Luật số 80/2015/QH13 quy định trình tự ban hành.",
     ("Luật số 80/2015/QH13", "Luật", "80/2015/QH13", "80", 2015, "QH13")),
    ("Luật Ngân sách nhà nước số 83/2015/QH13 có hiệu lực.",
     ("Luật Ngân sách nhà nước số 83/2015/QH13", "Luật", "83/2015/QH13", "83", 2015, "QH13")),
    ("theo quy định của Bộ luật dân sự số 33/2005/QH11 và",
     ("Bộ luật dân sự số 33/2005/QH11", "Bộ luật", "33/2005/QH11", "33", 2005, "QH11")),
    ("Nghị quyết số 724/2009/UBTVQH12 của Ủy ban thường vụ Quốc hội.",
     ("Nghị quyết số 724/2009/UBTVQH12", "Nghị quyết", "724/2009/UBTVQH12", "724", 2009, "UBTVQH12")),
    ("Luật số: 73/2006/QH 11", ("Luật số: 73/2006/QH 11", "Luật", "73/2006/QH11", "73", 2006, "QH11")),
    ("Số: 100/2015/QH13", ("100/2015/QH13", None, "100/2015/QH13", "100", 2015, "QH13")),
    # Party documents number-TYPE/ISSUER
    ("quán triệt Chỉ thị 34-CT/TW của Bộ Chính trị",
     ("Chỉ thị 34-CT/TW", "Chỉ thị", "34-CT/TW", "34", None, "TW")),
    ("theo Quy định 08-QĐi/TW về trách nhiệm nêu gương",
     ("Quy định 08-QĐi/TW", "Quy định", "08-QĐi/TW", "08", None, "TW")),
    ("thực hiện 35-NQ/TW về bảo vệ nền tảng tư tưởng",
     ("35-NQ/TW", "Nghị quyết", "35-NQ/TW", "35", None, "TW")),
    ("Kết luận số 05-KL/TW của Ban Bí thư",
     ("Kết luận số 05-KL/TW", "Kết luận", "05-KL/TW", "05", None, "TW")),
    ("ban hành kèm theo 126-QĐ/TW", ("126-QĐ/TW", "Quyết định", "126-QĐ/TW", "126", None, "TW")),
    ("Số: 18-L/CTN", ("18-L/CTN", "Luật", "18-L/CTN", "18", None, "CTN")),
    # công văn: no type code, an agency-unit pair; the issuer is the agency
    ("Văn phòng Chính phủ có Công văn số 5432/VPCP-KGVX gửi các bộ.",
     ("Công văn số 5432/VPCP-KGVX", "Công văn", "5432/VPCP-KGVX", "5432", None, "VPCP")),
    ("Bộ gửi văn bản 1234/BCT-KH tới các tỉnh.",
     ("văn bản 1234/BCT-KH", "Công văn", "1234/BCT-KH", "1234", None, "BCT")),
    ("theo 3665/CV-UB-QLĐT ngày 27-9-1997", ("3665/CV-UB-QLĐT", "Công văn", "3665/CV-UB-QLĐT", "3665", None, "UB-QLĐT")),
    # messy typing: spaces, diacritic-free and miscased parts, look-alike letters -> canonical code
    ("Theo Nghị định 15/2020/ NĐ - CP của Chính phủ.",
     ("Nghị định 15/2020/ NĐ - CP", "Nghị định", "15/2020/NĐ-CP", "15", 2020, "CP")),
    ("Theo 15/2020/ND-CP.", ("15/2020/ND-CP", "Nghị định", "15/2020/NĐ-CP", "15", 2020, "CP")),
    ("Theo 15/2020/nđ-cp.", ("15/2020/nđ-cp", "Nghị định", "15/2020/NĐ-CP", "15", 2020, "CP")),
    ("Theo 100/QD-TTG.", ("100/QD-TTG", "Quyết định", "100/QĐ-TTg", "100", None, "TTg")),
    ("Theo 08-QDi/TW.", ("08-QDi/TW", "Quy định", "08-QĐi/TW", "08", None, "TW")),
    ("Theo Nghị định 15/2020/N\u00d0-CP.",  # Icelandic eth for Đ
     ("Nghị định 15/2020/N\u00d0-CP", "Nghị định", "15/2020/NĐ-CP", "15", 2020, "CP")),
    ("Theo Nghị định 15/2020/NĐ-\u0421P.",  # Cyrillic Es
     ("Nghị định 15/2020/NĐ-\u0421P", "Nghị định", "15/2020/NĐ-CP", "15", 2020, "CP")),
    # the 1980s-90s form number-ISSUER, only after a type word; one-part symbols of known issuers
    ("theo Nghị định số 139-HĐBT ban hành ngày", ("Nghị định số 139-HĐBT", "Nghị định", "139-HĐBT", "139", None, "HĐBT")),
    ("hướng dẫn Quyết định số 477-TTg ngày 3/7/1997",
     ("Quyết định số 477-TTg", "Quyết định", "477-TTg", "477", None, "TTg")),
    ("nhà hóa giá theo NĐ 61/CP nên", ("NĐ 61/CP", "Nghị định", "61/CP", "61", None, "CP")),
    ("Trong văn bản 175/TTg, Thủ tướng yêu cầu", ("văn bản 175/TTg", None, "175/TTg", "175", None, "TTg")),
    # numbered without a symbol: the code is the number as written
    ("Quyết định 1880 của Thủ tướng đã nêu rõ.", ("Quyết định 1880", "Quyết định", "1880", "1880", None, None)),
    ("thực hiện Nghị quyết số 21 của Chính phủ", ("Nghị quyết số 21", "Nghị quyết", "21", "21", None, None)),
    ("theo Chỉ thị số 15 của UBND thành phố", ("Chỉ thị số 15", "Chỉ thị", "15", "15", None, None)),
    ("Tổng cục Thuế vừa ban hành công văn số 4331 quy định",
     ("công văn số 4331", "Công văn", "4331", "4331", None, None)),
    ("thay thế Nghị định 54/2003 của Chính phủ", ("Nghị định 54/2003", "Nghị định", "54/2003", "54", 2003, None)),
    # named, no number: code null, the name in the text
    ("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII của Đảng",
     ("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", "Nghị quyết", None, None, None, None)),
    ("tiến tới thực hiện thắng lợi Nghị quyết Đại hội toàn quốc lần thứ XIII của Đảng.",
     ("Nghị quyết Đại hội toàn quốc lần thứ XIII của Đảng", "Nghị quyết", None, None, None, None)),
    ("thực hiện Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng",
     ("Nghị quyết Trung ương 4 khóa XII", "Nghị quyết", None, None, None, None)),
    ("Thực hiện Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng về tinh gọn bộ máy",
     ("Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng", "Nghị quyết", None, None, None, None)),
    ("Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2020-2025",
     ("Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX", "Nghị quyết", None, None, None, None)),
    ("theo Luật Đầu tư 2020, nhà đầu tư", ("Luật Đầu tư 2020", "Luật", None, None, 2020, None)),
    ("theo Luật Đầu tư năm 2020, nhà đầu tư", ("Luật Đầu tư năm 2020", "Luật", None, None, 2020, None)),
    ("Luật Đầu tư công quy định rõ thẩm quyền", ("Luật Đầu tư công", "Luật", None, None, None, None)),
    ("Hiến pháp năm 2013 khẳng định", ("Hiến pháp năm 2013", "Hiến pháp", None, None, 2013, None)),
    ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
     ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "Hiến pháp", None, None, None, None)),
    ("theo Điều 116 Bộ luật Hình sự.", ("Bộ luật Hình sự", "Bộ luật", None, None, None, None)),
    ("hoạt động theo Luật Doanh nghiệp.", ("Luật Doanh nghiệp", "Luật", None, None, None, None)),
    ("sửa đổi Luật Thi đua, khen thưởng.", ("Luật Thi đua, khen thưởng", "Luật", None, None, None, None)),
    ("theo Pháp lệnh Ưu đãi người có công với cách mạng.",
     ("Pháp lệnh Ưu đãi người có công với cách mạng", "Pháp lệnh", None, None, None, None)),
    ("Luật Bảo vệ môi trường đã có hiệu lực", ("Luật Bảo vệ môi trường", "Luật", None, None, None, None)),
    ("theo quy định của Luật hôn nhân và gia đình.",  # the gazette's old lower-case style
     ("Luật hôn nhân và gia đình", "Luật", None, None, None, None)),
    ("Luật sửa đổi, bổ sung một số điều của Luật Đầu tư công có hiệu lực.",
     ("Luật sửa đổi, bổ sung một số điều của Luật Đầu tư công", "Luật", None, None, None, None)),
    ("Quốc hội sửa đổi luật Đất đai lần này", ("luật Đất đai", "Luật", None, None, None, None)),
    # a name not in the gazetteer: capitalised first word, up to a stop word or punctuation
    ("Quốc hội thông qua Luật Phòng, chống bạo lực học đường, và các nghị quyết",
     ("Luật Phòng, chống bạo lực học đường", "Luật", None, None, None, None)),
    ("Luật An toàn hồ đập đã có hiệu lực", ("Luật An toàn hồ đập", "Luật", None, None, None, None)),
    ("theo quy định của Luật Phòng, chống mua bán người.",
     ("Luật Phòng, chống mua bán người", "Luật", None, None, None, None)),
    ("Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp đã được thông qua",
     ("Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp", "Luật", None, None, None, None)),
    ("Luật Hôn nhân và gia đình năm 2014 quy định", ("Luật Hôn nhân và gia đình năm 2014", "Luật", None, None, 2014, None)),
    # news style: lower-case type words with a bare number of two digits or more, no "số"
    ("Vào năm 1983, UBND tỉnh ra quyết định 132 tạm giao 480 ha đất.",
     ("quyết định 132", "Quyết định", "132", "132", None, None)),
    ("Nói về giấy cấp theo nghị định 95 vừa được ban hành", ("nghị định 95", "Nghị định", "95", "95", None, None)),
    ("còn theo thông tư 06 của Bộ Tài chính", ("thông tư 06", "Thông tư", "06", "06", None, None)),
    ("Chính phủ ra chỉ thị 17 về việc chấn chỉnh", ("chỉ thị 17", "Chỉ thị", "17", "17", None, None)),
    ("Trước đó, nghị quyết 08 năm 2002 lại nhắc", ("nghị quyết 08", "Nghị quyết", "08", "08", None, None)),
    # an issue date after the number is no count ("3 ngày" is)
    ("Nhằm cụ thể hoá một số điều của Nghị định 19 ngày 28/2, Bộ hướng dẫn",
     ("Nghị định 19", "Nghị định", "19", "19", None, None)),
    ("cán bộ nghỉ việc theo quyết định 130 ngày 20/6/1975 của Hội đồng Chính phủ",
     ("quyết định 130", "Quyết định", "130", "130", None, None)),
    ("Chính phủ vừa ban hành Nghị định số 31 điều chỉnh mức lương", ("Nghị định số 31", "Nghị định", "31", "31", None, None)),
    # a generic word with a number: a back-reference, doc_type "Văn bản" (dev gold README)
    ("điều chỉnh một số điều khoản trong văn bản 3665. Cụ thể:", ("văn bản 3665", "Văn bản", "3665", "3665", None, None)),
    ("theo nghị định đó và văn bản số 832 yêu cầu kiểm điểm",
     ("văn bản số 832", "Văn bản", "832", "832", None, None)),
    # type abbreviations with a bare number; code abbreviations (dev gold README: "BLHS")
    ("các chính sách đã quy định trong NĐ 17 rất rõ ràng", ("NĐ 17", "Nghị định", "17", "17", None, None)),
    ("bồi thường oan sai theo NQ 388 khi họ bị truy tố", ("NQ 388", "Nghị quyết", "388", "388", None, None)),
    ("gây hậu quả nghiêm trọng (điều 165 BLHS).", ("BLHS", "Bộ luật", None, None, None, None)),
    ("tuyên truyền, học tập BLTTHS năm 2003 đến cán bộ", ("BLTTHS năm 2003", "Bộ luật", None, None, 2003, None)),
    # urgency words between type word and "số"; an urgent telegram is a công điện
    ("Văn phòng Chính phủ đã có công văn khẩn số 201 gửi các bộ.",
     ("công văn khẩn số 201", "Công văn", "201", "201", None, None)),
    ("Thủ tướng đã có Điện khẩn số 441/TTg-NN gửi các tỉnh.",
     ("Điện khẩn số 441/TTg-NN", "Công điện", "441/TTg-NN", "441", None, "TTg")),
    ("giá đất theo Quỵết định số 316/2004/QĐ-UB ngày 24/12",  # a typing slip keeps its text
     ("Quỵết định số 316/2004/QĐ-UB", "Quyết định", "316/2004/QĐ-UB", "316", 2004, "UB")),
    # named by a qualifier (về / hướng dẫn / quy định chi tiết), up to punctuation or a clause word
    ("Thứ hai, theo điều 17 Nghị định về đầu tư quản lý công trình xây dựng, tư vấn, giám sát có thể",
     ("Nghị định về đầu tư quản lý công trình xây dựng", "Nghị định", None, None, None, None)),
    ("bộ đề nghị sớm ban hành Thông tư hướng dẫn nhập khẩu phế liệu (trong đó có phế liệu nhựa)",
     ("Thông tư hướng dẫn nhập khẩu phế liệu", "Thông tư", None, None, None, None)),
    ("Đây là điểm mới trong dự thảo Nghị định về bồi thường, hỗ trợ và tái định cư khi Nhà nước thu hồi đất.",
     ("Nghị định về bồi thường, hỗ trợ và tái định cư", "Nghị định", None, None, None, None)),
    ("Quốc hội sẽ thông qua Nghị quyết về dự án tổng thể đường Hồ Chí Minh.",
     ("Nghị quyết về dự án tổng thể đường Hồ Chí Minh", "Nghị quyết", None, None, None, None)),
    ("cuộc họp xem xét tờ trình của Chính phủ về dự án Luật về luật sư.",
     ("Luật về luật sư", "Luật", None, None, None, None)),
    ("Liên quan đến dự thảo Luật Về Luật sư, nhằm chế tài mạnh hơn",
     ("Luật Về Luật sư", "Luật", None, None, None, None)),
    ("là trái với Pháp lệnh về vệ sinh an toàn thực phẩm.",
     ("Pháp lệnh về vệ sinh an toàn thực phẩm", "Pháp lệnh", None, None, None, None)),
    # laws in lower case, with abbreviations, with a lower-case subject word, under discussion
    ("giải quyết theo hướng có lợi cho dân và đúng luật đất đai.", ("luật đất đai", "Luật", None, None, None, None)),
    ("vi phạm luật doanh nghiệp nhiều lần", ("luật doanh nghiệp", "Luật", None, None, None, None)),
    ("Theo Luật tổ chức HĐND và UBND, kỳ họp thứ nhất được triệu tập",
     ("Luật tổ chức HĐND và UBND", "Luật", None, None, None, None)),
    ("khi các bộ ngành bàn về Luật đăng ký bất động sản, người dân lo",
     ("Luật đăng ký bất động sản", "Luật", None, None, None, None)),
    ("khi Luật thực hành tiết kiệm - chống lãng phí có hiệu lực",  # a dash for the comma
     ("Luật thực hành tiết kiệm - chống lãng phí", "Luật", None, None, None, None)),
    ("Kể từ lúc Luật thuế VAT có hiệu lực", ("Luật thuế VAT", "Luật", None, None, None, None)),
    ("Hôm nay, dự án luật Giáo dục sửa đổi được đưa ra Quốc hội.",
     ("luật Giáo dục sửa đổi", "Luật", None, None, None, None)),
    ("Quốc hội thảo luận dự thảo Luật Đất đai (sửa đổi).", ("Luật Đất đai (sửa đổi)", "Luật", None, None, None, None)),
    ("Các đại biểu cho ý kiến về dự án Luật Thủ đô.", ("Luật Thủ đô", "Luật", None, None, None, None)),
]

NEGATIVE = [
    "Các đơn vị thực hiện theo quy định của pháp luật.",
    "Bộ đã ban hành văn bản chỉ đạo các nghị định, thông tư liên quan.",
    "Luật pháp Việt Nam nghiêm cấm hành vi này.",
    "Luật này có hiệu lực từ ngày 1/1/2021.",
    "Việt Nam thực thi Hiệp định EVFTA từ ngày 1/8/2020.",
    "Công ước của Liên hợp quốc về Luật biển năm 1982.",
    "Luật Giảm lạm phát của Mỹ gây tranh cãi.",
    "Ông là giảng viên Trường Đại học Luật Hà Nội.",
    "Hai bên ký Bản ghi nhớ hợp tác về năng lượng.",
    "Hội đồng quyết định 3 vấn đề quan trọng.",
    "Bị cáo Phạm Duy Luật 17 năm tù.",
    "Ngày 30/8/2021, tỷ lệ 24/7 và 3/5 số xã.",
    "Hợp chất 1,4-Bis (2-chloroethyl) được liệt kê; 1- Các cơ quan y tế.",
    "Luật sư Nguyễn Văn A bào chữa cho bị cáo.",
    "Quán triệt Nghị quyết Trung ương Đảng và các nghị quyết của Chính phủ.",
    "Hiến pháp EU bị Pháp và Hà Lan bác bỏ.",
    "Sinh viên năm thứ 3 ĐH Luật TP HCM thi tốt (Theo Pháp Luật TP HCM).",
    "Ông tạm trú quận 1 - TPHCM; khởi tố bị can số 140/ANĐT; bản án số 1006/DSPT.",
    "Hoàn thiện pháp luật Đất đai và dự luật Đất đai.",
    "Thiết bị dự định đầu tư: DSR- PD 150/DSR- TD 150P.",
    "Theo cáo trạng số 11/VKSTC-V2 ra ngày 25/4, bị cáo đã nhận tội.",
    "tôn trọng luật pháp Việt Nam, theo yêu cầu tại giấy báo thi hành án số 185/THA.",
    "Bộ Công Thương quy định việc này; quy định của Đảng.",
    # lower-case type words as verbs with a count, or with one digit only
    "Hội đồng quyết định 15 tỷ đồng cho dự án.",
    "Hội nghị quyết định 10 năm tới sẽ đầu tư mạnh.",
    "Đoàn kiểm tra thông báo 12 trường hợp vi phạm.",
    "Kế hoạch 5 năm vẫn nặng tư tưởng xin - cho.",
    "Hội đồng quyết định 10 ngày nữa sẽ họp lại.",
    # generic, plural or anaphoric qualifiers; sentences whose subject is "Luật"
    "Các Nghị định hướng dẫn thi hành đã được ban hành.",
    "HĐND thành phố thông qua 5 Nghị quyết về nhiệm vụ kinh tế - xã hội.",
    "Theo quy định về phòng cháy, các hộ phải trang bị bình chữa cháy.",
    "Thông tư hướng dẫn về vấn đề này vẫn đang được soạn.",
    "Luật quy định về chữ ký điện tử là chữ ký được tạo lập.",
    "Luật khuyến khích các nhà đầu tư tham gia vận tải.",
    "Quyết định về lãi suất của FED sẽ được công bố tối nay.",
    "Doanh nghiệp nộp thuế theo các Luật thuế hiện hành.",
    # lower-case "luật" that is another word or a field of law; a university major
    "Nhiều lao động vi phạm kỷ luật lao động.",
    "Học viên được bổ sung kiến thức về luật lao động, luật hình sự nước sở tại.",
    "Trường tuyển sinh các chuyên ngành mới gồm: Luật kinh doanh; Tin học quản lý.",
    # a ferry's and a centre's numbers; "CT", "TT" carry no bare number
    "Chiếc phà ký hiệu CT 2831 chạy từ bến Cái Vồn; TT số 101 Nguyễn Cửu Vân.",
    # a judge's decision in a case carries a court symbol
    "Thẩm phán đã ký Quyết định số 01/HSST-QĐ, đình chỉ vụ án.",
]


@pytest.mark.parametrize("text, expected", POSITIVE, ids=[e[0] for _, e in POSITIVE])
def test_reference_fields(text, expected):
    found = refs(text)
    assert [fields(r) for r in found] == [expected]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_a_reference(text):
    assert refs(text) == []


def test_table_is_large_enough():
    assert len(POSITIVE) + len(NEGATIVE) >= 50


def test_several_references_sorted_and_disjoint():
    text = ("Căn cứ Luật Đầu tư số 61/2020/QH14; Nghị định 31/2021/NĐ-CP; Chỉ thị 34-CT/TW "
            "và Quyết định 1880, Hiến pháp năm 2013.")
    found = refs(text)
    assert [r.code for r in found] == ["61/2020/QH14", "31/2021/NĐ-CP", "34-CT/TW", "1880", None]
    assert found[0].text == "Luật Đầu tư số 61/2020/QH14" and found[0].doc_type == "Luật"
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def test_offsets_index_the_original_text():
    # NFD input, a no-break space and a zero-width space: normalisation changes lengths
    text = unicodedata.normalize("NFD", "Tiếp\u00a0\u00a0theo, Nghị\u200b định số 15/2020/NĐ-CP và Chỉ thị 34-CT/TW.")
    found = refs(text)
    assert [r.code for r in found] == ["15/2020/NĐ-CP", "34-CT/TW"]
    for r in found:
        assert text[r.start:r.end] == r.text
    assert unicodedata.normalize("NFC", found[1].text) == "Chỉ thị 34-CT/TW"


def test_qualifier_stops_before_the_document_it_guides():
    # the guided law is its own reference, so the decree's qualifier ends before it
    found = refs("Chính phủ vừa ban hành Nghị định quy định chi tiết thi hành Luật Cạnh tranh.")
    assert [(r.text, r.doc_type, r.code) for r in found] == [
        ("Nghị định quy định chi tiết thi hành", "Nghị định", None), ("Luật Cạnh tranh", "Luật", None)]


def test_abbreviation_restating_a_name_is_not_a_second_reference():
    found = refs("Đó là điểm mới đưa vào Bộ luật Dân sự (BLDS) trong kỳ họp tới.")
    assert [(r.text, r.doc_type) for r in found] == [("Bộ luật Dân sự", "Bộ luật")]


def test_lower_case_back_references_keep_their_own_number():
    # the dev gold: "nghị định 95/CP" and a later "nghị định 95" are two references
    found = refs("Giấy cấp theo nghị định 95/CP của Chính phủ. Theo nghị định 95 vừa được ban hành, giấy còn giá trị.")
    assert [(r.text, r.code) for r in found] == [("nghị định 95/CP", "95/CP"), ("nghị định 95", "95")]


def test_no_year_inside_code_becomes_part_of_a_name():
    # "Luật Đầu tư năm 2020 số 61/2020/QH14": one reference, the code's
    found = refs("Theo Luật Đầu tư năm 2020 số 61/2020/QH14, nhà đầu tư")
    assert [fields(r) for r in found] == [
        ("Luật Đầu tư năm 2020 số 61/2020/QH14", "Luật", "61/2020/QH14", "61", 2020, "QH14")]


# VLC-style law text (written for this test in the gazette's conventions)
LAW_HEADER = """QUỐC HỘI
--------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Luật số: 12/2099/QH19

Hà Nội, ngày 24 tháng 11 năm 2099

LUẬT

THỬ NGHIỆM

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;

Quốc hội ban hành Luật thử nghiệm.
"""


def test_law_header_own_number_and_constitution():
    found = refs(LAW_HEADER)
    assert fields(found[0]) == ("Luật số: 12/2099/QH19", "Luật", "12/2099/QH19", "12", 2099, "QH19")
    assert found[1].doc_type == "Hiến pháp" and found[1].code is None
    assert len(found) == 2  # "Luật thử nghiệm": lower-case, not a known name -> not guessed


def test_law_cross_references():
    text = ("Điều 10. Sửa đổi, bổ sung một số điều của Luật Điện ảnh số 62/2006/QH11 đã được sửa đổi, "
            "bổ sung một số điều theo Luật số 31/2009/QH12; Pháp lệnh Công an xã số 06/2008/PL-UBTVQH12 "
            "hết hiệu lực; chế độ theo Nghị quyết số 26/2008/QH12 của Quốc hội, Nghị quyết số "
            "725/2009/UBTVQH12.")
    found = refs(text)
    assert [(r.text, r.doc_type, r.code) for r in found] == [
        ("Luật Điện ảnh số 62/2006/QH11", "Luật", "62/2006/QH11"),
        ("Luật số 31/2009/QH12", "Luật", "31/2009/QH12"),
        ("Pháp lệnh Công an xã số 06/2008/PL-UBTVQH12", "Pháp lệnh", "06/2008/PL-UBTVQH12"),
        ("Nghị quyết số 26/2008/QH12", "Nghị quyết", "26/2008/QH12"),
        ("Nghị quyết số 725/2009/UBTVQH12", "Nghị quyết", "725/2009/UBTVQH12"),
    ]


def test_seed_article(shared_data):
    text = (shared_data / "seed" / "moit-2021-08-30-thi-dua.txt").read_text(encoding="utf-8")
    found = refs(text)
    assert [(r.text, r.doc_type, r.code, r.number, r.year, r.issuer) for r in found] == [
        ("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", "Nghị quyết", None, None, None, None),
        ("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", "Nghị quyết", None, None, None, None),
        ("Chỉ thị 34-CT/TW", "Chỉ thị", "34-CT/TW", "34", None, "TW"),
        ("Nghị quyết Đại hội toàn quốc lần thứ XIII của Đảng", "Nghị quyết", None, None, None, None),
    ]
    for r in found:
        assert text[r.start:r.end] == r.text


def test_vlc_laws_own_numbers(shared_data):
    """Each of the first 25 VLC laws' own header number is found with its exact code."""
    path = shared_data / "vlc-laws" / "vlc-laws.jsonl.gz"
    header = re.compile(r"(?:Luật số|Bộ luật số|Số)\s*:+\s*(\d+/\d{4}/[A-ZĐ]+ ?\d*)")
    checked = 0
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line, _ in zip(lines, range(25)):
            law = json.loads(line)
            own = header.search(law["text"][:1500])
            if not own:
                continue
            head = law["text"][:3000]  # the header is enough; keeps the test fast
            assert own.group(1).replace(" ", "") in {r.code for r in refs(head)}, law["id"]
            checked += 1
    assert checked >= 20
