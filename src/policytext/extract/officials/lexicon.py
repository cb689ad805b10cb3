"""What the officials rules know beyond the shared layers (resources/titles.yaml): private-company and
state-company cues, clause ends, words that stop an organisation, and the small patterns the rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...startcache import compile_regex
from ...layers.names import foreign_name, name_lexicon
from ...layers.titles import TitleMatch, title_lexicon
from ...match.patterns import PatternBook, alternation
from ...model import Position
from ...resources import load_yaml
from ...text.normalize import normalize_string

# organisations whose title before "kiêm" holds the same office there ("Phó Chủ tịch kiêm Tổng Thư ký
# Hội X"); not local authorities or ministries ("Bí thư kiêm Chủ tịch UBND xã": the Party committee's)
_SHARED_KINDS = {"state_group", "mass", "international", None}


# organisations a "Ban cán sự Đảng" / "Đảng đoàn" of the same chain belongs to
_PARENT_KINDS = {"ministry", "state", "agency", "court", "mass"}


@dataclass(slots=True)
class _Lexicon:
    """The officials rules' cues; the name and title patterns come from the shared layers."""

    modifiers: re.Pattern[str]  # "nguyên", "quyền", "tân" before a title (titles layer)
    former: re.Pattern[str]  # "nguyên " / "cựu " right before a title (titles layer)
    former_period: re.Pattern[str]  # "trong thời gian giữ chức vụ " before a title (titles layer)
    honorific: re.Pattern[str]  # honorifics and degrees (names layer)
    not_name_start: re.Pattern[str]  # a body or a place starting here (names layer)
    places: frozenset[str]  # (places layer)
    aside: re.Pattern[str]  # "(sinh năm 1960)", "(bên trái)" between a name and its titles
    qualification: re.Pattern[str]  # "Bác sĩ, ", "Thạc sĩ Quản lý kinh tế, " between a name and its titles
    sentence_openers: frozenset[str]
    private_heads: re.Pattern[str]
    generic_end: re.Pattern[str]
    dash_clause: re.Pattern[str]  # lower-case words that go on with the sentence right after a dash
    name_not_after: re.Pattern[str]
    not_person_after: re.Pattern[str]  # "trên " before "Truth Social, Tổng thống Mỹ …": a medium, no person
    not_holder_before: re.Pattern[str]
    relative_before: re.Pattern[str]
    publication_before: re.Pattern[str]  # "tờ ", "hãng tin " right before a name: a publication's
    place_before: re.Pattern[str]
    not_office: re.Pattern[str]
    private_context: re.Pattern[str]
    private_markers: re.Pattern[str]
    private_companies: re.Pattern[str]  # "Vingroup", "ACB", "Tesla" opening an organisation
    private_institutions: re.Pattern[str]  # "Tâm Anh", "Vinmec" anywhere in an organisation
    unit_start: re.Pattern[str]
    unit_alone: re.Pattern[str]  # "nhà trường": a body named by its unit word alone, the clause going on after it
    foreign_unit: re.Pattern[str]  # "bang " before a capitalised word: a foreign federal state
    city_unit: re.Pattern[str]  # "thành phố ", "TP " before the city a mayor heads ("Thị trưởng thành phố New York")
    armed_force: re.Pattern[str]  # "hải quân ", "lực lượng vũ trang ": a foreign unit that is a body by itself
    foreign_place: re.Pattern[str]  # "California", "Điện Kremlin": a foreign body after an office
    place_name_opener: re.Pattern[str]  # "Saint", "San", "New": the first word of a foreign place's name
    place_opener: re.Pattern[str]  # "New", "San": a foreign place's word that never ends it (at a string's end)
    company_function: re.Pattern[str]  # " kinh doanh" after "giám đốc": a company's job
    body_stop: re.Pattern[str]  # lower-case words that end a foreign body's name ("gọi", "đăng", "viết")
    mission_body: re.Pattern[str]  # an embassy or a consulate, whose name goes on with "tại" and a country
    public_unit: re.Pattern[str]  # "Viện ", "Bệnh viện ": a public body opens here
    government_body: re.Pattern[str]  # "Cơ quan ", "Phòng Điều tra": a government's body opens here, no company's
    body_word: re.Pattern[str]  # "hiệp hội": a body's word, no name's end
    rank: re.Pattern[str]  # a rank and a space ("đại tướng "): titles.yaml's titles marked rank
    rank_before: re.Pattern[str]  # a rank (capitalised or not) right before a position: search it ending there
    state_company: _StateCompanyCues


@dataclass(frozen=True, slots=True)
class _StateCompanyCues:
    """What makes a company written after a title state-owned (titles.yaml ``state_company``)."""

    enterprise: re.Pattern[str]  # "Công ty", "Xí nghiệp" ...: the organisation is an enterprise
    owned: re.Pattern[str]  # an ownership form or a public-utility / state-monopoly sector in the name
    form: re.Pattern[str]  # an ownership form written in the rest of the sentence
    parent: re.Pattern[str]  # "thuộc Bộ Quốc phòng", "(Tổng công ty Xi măng)" right after the company
    inner_parent: re.Pattern[str]  # the same inside the organisation ("Xí nghiệp ... thuộc PTSC")
    owner_before: re.Pattern[str]  # "Tổng công ty X (Viglacera), "mẹ" của " right before the company
    named_group: re.Pattern[str]  # "Tập đoàn Viettel": an enterprise word, then a state group's name (fullmatch)
    single_member: re.Pattern[str]  # "TNHH MTV": neither a private nor a state cue alone
    private: re.Pattern[str]


def _clause_verbs(data: dict) -> str:
    """The clause verbs as an alternation, each verb that ends a compound noun ("Văn phòng Đăng ký đất đai": "ký"
    of "Đăng ký" is registration, not signing; titles.yaml clause_verb_compounds) not right after its first part."""
    compounds = data.get("clause_verb_compounds", ())
    plain, guarded = [], []
    for verb in data["clause_verbs"]:
        guards = "".join(f"(?<!{re.escape(c[:-len(verb)])})" for c in compounds if c.endswith(" " + verb))
        if guards:
            guarded.append(guards + alternation([verb]))
        else:
            plain.append(verb)
    return "|".join([alternation(plain)] + guarded)  # one alternation for the rest: the regex engine's fast path


def _state_company_cues(data: dict, org_data: dict) -> _StateCompanyCues:
    cues = data["state_company"]
    groups = [spelling for item in org_data["organizations"] if item.get("kind") == "state_group"
              for spelling in (item["name"], *item.get("aliases", []))]
    parents = alternation([*cues["parents"], *groups])
    sectors = alternation([*cues["forms"], *cues["sectors"]])
    link_word = r"(?:,? (?:trực thuộc|thuộc|của)| ?[(\-–]) ?"
    return _StateCompanyCues(
        enterprise=compile_regex(rf"(?<!\w)(?:{alternation(cues['heads'])})(?!\w)", re.IGNORECASE),
        owned=compile_regex(rf"(?<!\w)(?:{sectors}|{'|'.join(cues['sector_patterns'])})(?!\w)", re.IGNORECASE),
        form=compile_regex(rf"(?<!\w)(?:{alternation(cues['forms'])})(?!\w)", re.IGNORECASE),
        parent=compile_regex(rf"{link_word}(?:{parents})(?!\w)"),
        inner_parent=compile_regex(rf"(?<!\w)(?:trực thuộc|thuộc|của) (?:{parents})(?!\w)"),
        owner_before=compile_regex(rf"(?<!\w)(?:{parents})(?!\w)[^.;!?\n]{{0,100}}?(?<!\w)"
                                rf"(?:{alternation(cues['owner_words'])})[\"”]? của $"),
        named_group=compile_regex(rf"(?i:{alternation(cues['heads'])}) (?:{alternation(groups)})"),
        single_member=compile_regex(rf"(?<!\w)(?:{alternation(cues['single_member'])})(?!\w)", re.IGNORECASE),
        private=compile_regex(rf"(?<!\w)(?:{alternation(cues['private'])})(?!\w)", re.IGNORECASE),
    )


# units named by a number: "Quân khu 2.", "Học viện Chính trị khu vực 2." end a sentence, no list item opens
_NUMBERED_UNITS = ")(?<!".join(("khu", "vực", "đoàn", "quận", "Quận", "phường", "Phường", "vùng", "Vùng", "đội"))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_yaml("titles.yaml")
    org_data = load_yaml("organizations.yaml")
    names, titles = name_lexicon(), title_lexicon()
    return _Lexicon(
        modifiers=titles.modifiers,
        former=titles.former,
        former_period=titles.former_period,
        honorific=names.honorific,
        not_name_start=names.not_name_start,
        places=names.places,
        aside=compile_regex(rf" \((?:\d|(?:{alternation(data['name_asides'])})(?!\w))[^()\n]{{0,40}}\)"
                         # or a copula follows ("bà A (em ruột ông B) là phó phòng")
                         rf"(?:\s*(?:,|[-–](?= ))\s*|(?= (?:hiện |đang |nay )?là ))"),
        qualification=compile_regex(rf"(?:{alternation(data['qualifications'])})(?!\w)(?: [^\W\d_][^,;.()\n]{{0,40}})?, "),
        sentence_openers=frozenset(normalize_string(w) for w in data["sentence_openers"]),
        private_heads=compile_regex(rf"^(?:(?:Hội đồng quản trị|HĐQT|Hội đồng thành viên|HĐTV) )?"
                                 rf"(?:{alternation(data['private_org_heads'])})(?!\w)"
                                 rf"|^(?:{alternation(data['private_boards'])}) "
                                 rf"(?!{alternation(data['state_firms'])})",
                                 re.IGNORECASE),
        private_context=compile_regex(rf"(?<!\w)(?:{alternation(data['private_context'])})(?!\w)", re.IGNORECASE),
        private_markers=compile_regex(rf"(?<!\w)(?:{alternation(data['private_markers'])})(?!\w)", re.IGNORECASE),
        private_companies=compile_regex(rf"(?:{alternation(data['private_companies'])})(?![\w-])"),
        private_institutions=compile_regex(rf"(?<!\w)(?:{alternation(data['private_institutions'])})(?![\w-])"),
        # (not the second syllable of a word: "Sở tài nguyên Môi trường Trần Thế Ngọc" names no school)
        name_not_after=compile_regex(rf"(?<!\w){_not_after_syllables(data['name_not_after_words'], data['name_not_after'])}"
                                     rf"(?:{alternation(data['name_not_after'])}) $", re.IGNORECASE),
        not_person_after=compile_regex(rf"(?<!\w)(?:{alternation(data['not_person_after'])}) $", re.IGNORECASE),
        not_office=compile_regex(rf"^(?:{alternation(data['not_office_units'])})(?!\w)", re.IGNORECASE),
        place_before=compile_regex(rf"(?<!\w)(?:{alternation(data['place_words'])}) $", re.IGNORECASE),
        not_holder_before=compile_regex(rf"(?<!\w)(?:{alternation(data['not_holder_before'])}) $"),
        relative_before=compile_regex(rf"(?<!\w)(?:{alternation(data['relative_before'])}) $"),
        publication_before=compile_regex(rf"(?<!\w)(?:{alternation(data['publication_words'])}) $", re.IGNORECASE),
        generic_end=compile_regex(rf"[,;:!?()\"“”\n]|\.(?!\w)|(?<=\w{{3}})\."  # not the dot of "TP.HCM"
                               # "ký" signs, "ký sinh" is a parasite; "từ" before a number opens a sentence's range
                               # ("nguyên chủ tịch huyện từ 11 đến 12 năm tù"), in the same group: one branch fewer to
                               # try; "không" of "Cục Hàng không", "Quân chủng Phòng không" is a body's word, no
                               # negation
                               rf"| (?:{_clause_verbs(data)}|từ(?= \d))(?!\w)(?! sinh)"
                               rf"(?<![Hh]àng không)(?<![Pp]hòng không)"
                               # "và", a number and a lower-case word: people counted next ("Chi cục Hải quan
                               # cảng 2 và 6 cựu cán bộ"), no more of the body
                               rf"| và (?=\d+ [^\W\dA-ZĐ])"
                               # a list's next number ("… 2. …"), unless a unit that is numbered precedes it
                               rf"|(?<!{_NUMBERED_UNITS}) (?=\d+\.)"
                               # "cho VnExpress biết", "cho phóng viên Tuổi Trẻ hay"
                               rf"| cho (?:[^\s,.;:]+ ){{1,3}}(?:{alternation(data['told_verbs'])})(?!\w)"),
        dash_clause=compile_regex(rf"(?:{alternation(data['dash_clause_words'])})(?!\w)"),
        unit_start=compile_regex(rf"(?:{alternation(data['unit_words'])})(?!\w)"),
        unit_alone=compile_regex(rf"(?:{alternation(data['units_named_alone'])})(?!\w)"),
        body_stop=compile_regex(rf"(?:{alternation(data['body_stop_words'])})(?!\w)"),
        mission_body=compile_regex(rf"(?:{alternation(data['mission_bodies'])})(?!\w)"),
        company_function=compile_regex(rf" (?:{alternation(data['company_functions'])})(?!\w)"),
        foreign_place=compile_regex(rf"(?:Điện |Nhà )?(?:{alternation(data['foreign_places'])})(?!\w)"),
        place_name_opener=compile_regex(rf"(?:{alternation(data['place_name_openers'])})(?!\w)"),
        place_opener=compile_regex(rf"(?<!\w)(?:{alternation(data['foreign_place_openers'])})$"),
        foreign_unit=compile_regex(
            rf"(?:{alternation(data['foreign_unit_words'] + data['armed_force_words'])}) (?=[^\W\d_])"),
        armed_force=compile_regex(rf"(?:{alternation(data['armed_force_words'])}) (?=[^\W\d_])"),
        city_unit=compile_regex(rf"(?:{alternation(data['city_unit_words'])}) (?=[^\W\d_])"),
        body_word=compile_regex(rf"(?:{alternation(data['body_words_in_names'])})(?!\w)"),
        public_unit=compile_regex(rf"(?:{alternation(data['public_unit_words'])}) (?=[^\W\d_])"),
        government_body=compile_regex(rf"(?:{alternation(data['government_body_words'])}) (?=[^\W\d_])"),
        rank=compile_regex(rf"(?:{alternation([t['title'] for t in data['titles'] if t.get('rank')])}) ",
                        re.IGNORECASE),
        rank_before=compile_regex(rf"(?<!\w)(?:{alternation([t['title'] for t in data['titles'] if t.get('rank')])}) $",
                                  re.IGNORECASE),
        state_company=_state_company_cues(data, org_data),
    )


@dataclass(slots=True)
class _Link:
    """One title of a chain and the organisation written with it (normalised offsets)."""

    title: TitleMatch
    org_start: int | None = None
    org_end: int | None = None
    org_name: str | None = None  # gazetteer name, when the organisation is one
    kind: str | None = None
    after_kiem: bool = False  # joined to the title before by "kiêm"
    abroad: bool = False  # a foreign country's ministry named by its field ("Ngoại giao Hoa Kỳ")


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    positions: list[Position] = field(default_factory=list)


# verbs of saying that close a name or a body written before them ("… - Đặng Minh Đức khẳng định", "…, Bộ Y tế,
# cho biết")
SAYING_VERBS = "cho biết|khẳng định|nói|cho rằng|nhấn mạnh|chia sẻ|thông tin"


# "Tổng công ty Điện lực VN (EVN) Đặng Hùng", "chủ tịch UBND xã này là Lý Kông Sinh"
# between a chain and its holder: a short aside or the body's name at another time ("Sở Tài nguyên và Môi trường
# tỉnh Thanh Hóa (nay là Sở Nông nghiệp và Môi trường Thanh Hóa) Hoàng Văn Thế"), a copula ("Bộ trưởng Dân tộc
# và Tôn giáo hiện là ông Đào Ngọc Dung", "Chủ tịch UBND tỉnh lúc đó là ông Nguyễn Văn Sơn"), a comma or a space
_BEFORE_NAME = compile_regex(r"(?: \((?:[^()\n]{1,20}|(?:nay|trước đây|trước là|tên cũ|sau này)[^()\n]{1,80})\))?"
                          r"(?: (?:này |đó |hiện |hiện nay |hiện tại |nay |đương nhiệm |đương kim |khi đó |lúc đó |khi ấy |"
                          r"lúc ấy |thời đó |thời điểm đó |thời điểm ấy )?là |"
                          # "Thị trưởng thị trấn Cogorno – bà Enrica Sommariva –": a dash, then the honorific
                          # or a name closed by a dash ("Giám đốc Sở Xây dựng TP. Cần Thơ - Mai Văn Tân - cho biết"); a
                          # capital "Ông" after a dash opens a list item
                          r" [-–] (?=(?:ông|bà|đồng chí) |"
                          r"(?!(?:Ông|Bà|Đồng|Anh|Chị|Cô|Thầy) )(?:[A-ZĐ]\S* ){1,3}[A-ZĐ]\S*"
                          # or by a verb of saying ("Giám đốc Sở Tài nguyên Môi trường Đồng Nai - Đặng Minh Đức
                          # khẳng định")
                          rf"(?: [-–] | (?:{SAYING_VERBS})(?!\w)))|"
                          # "Giám đốc Mật vụ lúc đó, Kimberly Cheatle", "giám đốc MI6 đương nhiệm, ông Richard Moore": the time
                          # the office was held, then the name
                          r"(?: (?:khi đó|lúc đó|khi ấy|lúc ấy|thời điểm đó|lúc bấy giờ|đương nhiệm|hiện tại))?,? )")


# between two titles of one person ("Đà Nẵng- Hiệu trưởng" too); ";" separates people in lists
# ("Phó sư đoàn trưởng rồi Sư đoàn trưởng Sư đoàn 5": "rồi", then, joins two offices held in turn)
_SEPARATOR = compile_regex(r"\s*(?:,|\bkiêm\b|\bđồng thời là\b|\brồi\b| - | – |(?<=\w)[-–](?= ))\s*")


# "Nguyễn Văn Sáng- Phó Chủ tịch" too, and a dash glued on both sides ("trung tướng Boonsin Padklang-tư lệnh Quân khu 2"):
# a title must follow it (extract/officials/chains.py _trailing_chain)
_AFTER_NAME = compile_regex(r"\s*(?:,|\(|[-–](?= )|[-–](?=[^\W\d_]))\s*")


# "ông A được bổ nhiệm giữ chức Thứ trưởng ...", "ông B thôi giữ chức Chủ tịch ...", "ông C là Giám đốc ..." (the
# longer verbs first: "bầu" alone would match before "bầu lại" and leave "lại" where the title is looked for)
_APPOINTED = compile_regex(r" (?:(?:trong thời gian|khi còn|khi|lúc còn|lúc) (?:giữ chức vụ|giữ chức|làm|là) |"
                        r"(?:đã |vừa |sẽ |chính thức )?được (?:bầu lại|tái cử|bầu bổ sung|bầu giữ chức|bầu|bổ nhiệm|"
                        r"tái bổ nhiệm|điều động|luân chuyển|phân công|giao|chỉ định|cử)"
                        r"(?: (?:giữ chức vụ|giữ chức|làm|là))? |"
                        r"(?=thôi giữ chức)|giữ chức danh |giữ chức vụ |giữ chức |là |hiện là |làm |"
                        r"đồng thời là |đồng thời giữ chức |(?=(?:nguyên|cựu) ))")
# ("…; Nguyễn Thành Trung đồng thời là Chủ tịch Hội Nông dân"; "ông Triệu Quốc Kế nguyên Cục trưởng Cục cảnh sát điều
# tra": a former office with no comma)


_OF = compile_regex(r" (?:của|thuộc) ")


_BRACKET_LEAD = compile_regex(r"(?:(?:khi đó|khi ấy|lúc đó|lúc ấy|lúc này|thời điểm đó|hồi đó|lúc bấy giờ),? )?"
                           r"(?:giữ chức vụ|giữ chức|từng giữ chức|từng là|hiện là|hiện giữ chức vụ|hiện giữ chức|"
                           r"hiện đang giữ chức|"
                           r"là|khi còn làm|khi còn là|khi làm|"
                           r"lúc còn làm|thời làm|cùng là|đều là|cùng giữ chức) ")  # ("…, ông C (cùng là Phó Viện trưởng …)")


_REGION = compile_regex(r" khu vực (?:[IVXL]+|\d{1,2})(?!\w)")


_TAI = compile_regex(r"(?: (\([^()\n]{1,15}\)))? tại ")  # "Quỹ Nhi đồng Liên hợp quốc (UNICEF) tại Việt Nam"


# a dot after an abbreviation goes on ("TP.HCM", "Q.Bình Thạnh"), one glued to a word ends ("Ninh Bình.Bị cáo")
_CLAUSE_END = compile_regex(r"[,;:!?()\"“”\n]|\.(?!\w)|(?<=\w{3})\.")


_PRIVATE = "\x00private"  # organisation of a position held in a private company (dropped at the end)


_CONNECTORS = {"và", "của", "thuộc", "tại", "về", "-", "–", "&"}


_ADMIN_WORDS = {"tỉnh", "thành", "phố", "TP", "TP.", "quận", "huyện", "xã", "phường", "trấn", "thị"}


_BRACKETED = compile_regex(r" \([^()\n]{1,15}\)(?= )")


_NAME_START = compile_regex(r"(?<![\w.])[^\W\d_]")


def _foreign_name(norm: str, pos: int, org_starts) -> tuple[int, int] | None:
    """A foreign name at ``pos`` (names layer), cut before a Vietnamese clause word glued to it by a hyphen."""
    return foreign_name(norm, pos, org_starts, _lexicon().generic_end)


@lru_cache(maxsize=None)
def officials_pattern(name: str) -> re.Pattern[str]:
    """A named pattern of resources/patterns/officials.yaml, compiled once."""
    return PatternBook(load_yaml("patterns/officials.yaml")["fragments"], name="patterns/officials.yaml").compile(name)


def _not_after_syllables(words: list[str], not_after: list[str]) -> str:
    """Lookbehinds for the first syllables of words that end with a name_not_after word: "môi" of "môi trường", "giáo
    dục" of "giáo dục đại học" (the longest such ending is the name_not_after word)."""
    endings = {w.lower() for w in not_after}
    lookbehinds = []
    for word in words:
        syllables = word.split(" ")
        cut = next((i for i in range(1, len(syllables)) if " ".join(syllables[i:]).lower() in endings),
                   len(syllables) - 1)
        lookbehinds.append(f"(?<!{re.escape(' '.join(syllables[:cut]))} )")
    return "".join(lookbehinds)
