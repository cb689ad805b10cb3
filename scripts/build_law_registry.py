"""Build src/policytext/resources/laws.yaml, the registry of Vietnamese laws and codes that resolves named
references ("Luật Đầu tư 2020" -> 61/2020/QH14), from the 110 law texts of ../shared/data/vlc-laws.

    python scripts/build_law_registry.py [--vlc ../shared/data/vlc-laws/vlc-laws.jsonl.gz] [--check]

Two sources, both read from the texts, nothing typed in by hand:

1. each law's own header: its number ("Luật số: 91/2015/QH13", "Số: 100/2015/QH13"), its issue date ("Hà
   Nội, ngày 24 tháng 11 năm 2015") and its name from the enacting line ("Quốc hội ban hành Bộ luật dân sự.")
   or, failing it, the title lines in capitals ("BỘ LUẬT / HÌNH SỰ");
2. laws and codes that these texts cite by name and number ("Luật Doanh nghiệp số 68/2014/QH13", "Bộ luật Dân
   sự số 33/2005/QH11"): a number written next to its name in a promulgated law is verified by that law.

A number is never invented: an entry is a name, a code as written in a law text, the year of the code and
where it was read. Names are written as the texts write them (first letter of the name capitalised); when the
same code is read with two spellings of the name, the law's own header wins. ``--check`` prints the entries
and exits non-zero when the file on disk differs from what the texts give.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "policytext" / "resources" / "laws.yaml"
VLC = ROOT.parent / "shared" / "data" / "vlc-laws" / "vlc-laws.jsonl.gz"

NUMBER = re.compile(r"^\s*(?:(?:Bộ\s+)?[Ll]uật\s+)?[Ss]ố:+\s*([0-9]+(?:/[0-9]{4}/QH\s?[0-9]+|-[A-Z]+/[A-ZĐ0-9]+))",
                    re.MULTILINE)
ISSUED = re.compile(r"Hà Nội\s*,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
ENACTING = re.compile(r"Quốc hội ban hành\s+(Bộ luật|Luật)\s+(.+?)\s*\.\s*$", re.MULTILINE)
# the title: the line(s) in capitals after "LUẬT" / "BỘ LUẬT"
TITLE = re.compile(r"^\s*(BỘ LUẬT|LUẬT)\s*\n+\s*([^\na-zđ]+?)\s*\n", re.MULTILINE)
# the old style wraps the name: "CỦA QUỐC HỘI NƯỚC … SỐ 14/2003/QH11 NGÀY … VỀ DOANH NGHIỆP NHÀ NƯỚC", "SỐ 18-L/CTN
# NGÀY 06/07/1993 CỦA QUỐC HỘI VỀ DẦU KHÍ", "DOANH NGHIỆP TƯ NHÂN CỦA QUỐC HỘI SỐ 48-LCT/HĐNN8 NGÀY 21/12/1990"
OLD_STYLE = re.compile(r"^(?:.*?\s)?(?:về|VỀ)\s+(?:luật\s+|LUẬT\s+)?(.+)$")
OLD_STYLE_NUMBER = re.compile(r"^(?:số|SỐ)\s+\S+\s+(?:ngày|NGÀY)\s+\S+\s+(?:(?:của|CỦA)\s+\S+\s+\S+\s+)?")
OLD_STYLE_TAIL = re.compile(r"\s+(?:của|CỦA)\s+(?:quốc hội|QUỐC HỘI)\b.*$")
OLD_STYLE_HEAD = re.compile(r"^(?:của|CỦA)\s+(?:quốc hội|QUỐC HỘI)\s+(?:số|SỐ)\s+\S+\s+(?:ngày|NGÀY)\s+\S+(?:\s+\S+\s+\S+\s+\S+\s+\S+)?\s+")
CITED = re.compile(r"(?<![\w])(Bộ luật|Luật)\s+((?:[A-ZĐÀ-Ỹ][^\s,;()]*|[a-zđà-ỹ][^\s,;()]*)(?:[ ,]+[^\s,;()]+){0,12}?)"
                   r"\s+số\s+([0-9]+/[0-9]{4}/QH\s?[0-9]+)")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def tidy_name(name: str) -> str:
    """The name with one space between words and after commas, without the old style's "của Quốc hội … số …
    ngày … về" around it, its first letter capitalised ("dân sự" -> "Dân sự")."""
    name = " ".join(re.sub(r",(?=\S)", ", ", name).split()).strip(" ,;.")
    if re.search(r"\b(?:về|VỀ)\b", name) and re.search(r"(?i)quốc hội|\bsố\b", name):
        name = OLD_STYLE.match(name).group(1)
    name = OLD_STYLE_NUMBER.sub("", name)
    name = OLD_STYLE_HEAD.sub("", name)
    name = OLD_STYLE_TAIL.sub("", name).strip(" ,;.")
    name = re.sub(r"(?i)\s+số\s+\S+\s+ngày\s+\S+$", "", name)  # "… SỐ 23-L/CTN NGÀY 10/07/1993"
    name = re.sub(r"(?i)^về\s+", "", name)
    if name.isupper():
        name = name.lower()
    return name[:1].upper() + name[1:]


def code_of(raw: str) -> str:
    return raw.replace(" ", "")


def header_entry(row: dict) -> dict | None:
    text = nfc(row["text"])
    head = text[:3000]
    number = NUMBER.search(head)
    issued = ISSUED.search(head)
    enacting = ENACTING.search(text[:4000])
    title = TITLE.search(head)
    if enacting:
        kind, name = enacting.group(1), tidy_name(enacting.group(2))
    elif title:
        kind = "Bộ luật" if title.group(1) == "BỘ LUẬT" else "Luật"
        name = tidy_name(title.group(2))
    else:
        return None
    if not number:
        old = re.search(r"(?:SỐ|số)\s+([0-9]+-[A-Z]+/[A-ZĐ0-9.]+)", title.group(2) if title else "")
        if not old:
            return None  # no number written (the Constitution, a 1950s law): nothing to resolve to
        code = old.group(1)
    else:
        code = code_of(number.group(1))
    if name.lower().startswith(("sửa đổi", "sửa đổi, bổ sung")):
        return None  # an amending law: its code is not the code of the law it amends
    year = int(code.split("/")[1]) if re.match(r"\d+/\d{4}/", code) else int(issued.group(3)) if issued else None
    if year is None:
        return None
    entry = {"type": kind, "name": name, "code": code, "year": year, "source": f"vlc-laws {row['id']}: header"}
    if issued:
        day, month, y = (int(x) for x in issued.groups())
        entry["issued"] = f"{y:04d}-{month:02d}-{day:02d}"
    return entry


def cited_entries(row: dict) -> list[dict]:
    text = nfc(row["text"])
    out = []
    for match in CITED.finditer(text):
        kind, name, code = match.group(1), tidy_name(match.group(2)), code_of(match.group(3))
        if len(name.split()) > 14 or not name or name.lower().startswith(("số", "này", "sửa đổi")) \
                or " luật " in f" {name.lower()} ":
            continue  # "Thuế tiêu thụ đặc biệt và Luật thuế giá trị gia tăng": an amending law's title
        out.append({"type": kind, "name": name, "code": code, "year": int(code.split("/")[1]),
                    "source": f"vlc-laws {row['id']}: cited"})
    return out


def build(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
    by_code: dict[str, dict] = {}
    for row in rows:
        entry = header_entry(row)
        if entry:
            by_code[entry["code"]] = entry
    cited: dict[str, list[dict]] = {}
    for row in rows:
        for entry in cited_entries(row):
            cited.setdefault(entry["code"], []).append(entry)
    known = {(e["type"], e["name"].lower(), e["year"]) for e in by_code.values()}
    # a law cited under two codes in one year ("67/2014/QH13" and a misprinted "67/2014/QH14"): the code cited
    # most often; a law's own header wins over any citation
    for code, entries in sorted(cited.items(), key=lambda item: -len(item[1])):
        entry = entries[0]
        key = (entry["type"], entry["name"].lower(), entry["year"])
        if code in by_code or key in known:
            continue
        by_code[code] = entry
        known.add(key)
    return sorted(by_code.values(), key=lambda e: (e["type"], e["name"].lower(), e["year"], e["code"]))


HEADER = """# Registry of Vietnamese laws and codes: name, number (code) and year, read from law texts only.
# Built by scripts/build_law_registry.py from ../shared/data/vlc-laws (110 laws and codes, GPL-3.0,
# undertheseanlp/resources CP_Vietnamese-VLC): each law's own header (its number "Luật số: 91/2015/QH13", its
# issue date, its name from "Quốc hui ban hành …") and the laws these texts cite with name and number ("Luật
# Doanh nghiệp số 68/2014/QH13"). No number here was typed by hand; `source` says where each was read.
# Used by extract/legal_refs/resolution.py: a named reference with a year ("Luật Đầu tư 2020") takes the code of
# the entry with that type, name and year; a name without a year is not resolved here (which version is meant
# depends on the date, and the registry does not hold every version). Do not edit: rebuild.
"""


def to_yaml(entries: list[dict]) -> str:
    lines = [HEADER.replace("Quốc hui", "Quốc hội"), "laws:"]
    for e in entries:
        fields = [f"type: {e['type']}", f"name: {json.dumps(e['name'], ensure_ascii=False)}", f"code: {e['code']}",
                  f"year: {e['year']}"]
        if e.get("issued"):
            fields.append(f"issued: '{e['issued']}'")
        fields.append(f"source: {json.dumps(e['source'], ensure_ascii=False)}")
        lines.append("  - {" + ", ".join(fields) + "}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vlc", type=Path, default=VLC)
    parser.add_argument("--check", action="store_true", help="compare with the file on disk instead of writing")
    args = parser.parse_args(argv)
    if not args.vlc.is_file():
        sys.exit(f"VLC laws not found at {args.vlc}")
    text = to_yaml(build(args.vlc))
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print(text)
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10) + '  - ')} entries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
