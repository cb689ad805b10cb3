"""Bytes to text for Vietnamese news files, whatever encoding they were saved in.

``decode_bytes`` recognises, in this order: a byte-order mark (UTF-8, UTF-16, UTF-32), UTF-16
without a mark (by where its NUL bytes fall), binary data (refused), UTF-8, and then the 8-bit
Vietnamese encodings Windows-1258, TCVN3 (ABC) and VNI, picking the one whose decoding reads as
Vietnamese syllables.

What "decoded text" means for the 8-bit encodings: they store a toned letter as one byte or as a
letter plus mark bytes because of their code pages' limits, not because the writer chose so. Like
every Vietnamese converter, we return precomposed (NFC) letters for all three, so the same article
gives the same ``str`` (and the same offsets) whichever encoding it came in. Unicode inputs
(UTF-8/16/32) are returned exactly as decoded, never normalised; UTF-8 with a few invalid bytes
(at most 1 per 100 non-ASCII characters) keeps its text with each bad byte as U+FFFD and says so
in the encoding name ("utf-8 (2 invalid bytes replaced)").
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from typing import Callable

from ..match.patterns import longest_phrase_first
from ..startcache import compile_regex
from ..resources import load_yaml

SAMPLE_BYTES = 1 << 16  # detection looks at this much; decoding covers everything
MIN_LEGACY_SCORE = 0.7  # share of non-ASCII words that must read as Vietnamese syllables
_MAX_BAD_UTF8_SHARE = 0.01  # more invalid bytes per non-ASCII character than this and UTF-8 is not the encoding
MAX_STRAY_SHARE = 0.02  # 8-bit bytes in otherwise ASCII text that are no Vietnamese encoding
_UNDECODABLE = ("undecodable: not UTF-8 or UTF-16, and not recognisably Windows-1258, TCVN3 or VNI "
                "Vietnamese text")

_MAGIC = {
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP or Office document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip data",
    b"\xd0\xcf\x11\xe0": "Office 97 document",
    b"Rar!": "RAR archive",
    b"7z\xbc\xaf": "7-Zip archive",
    b"\x7fELF": "executable",
}
_BOMS = (  # UTF-32 first: its LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1a\x1b")
LEGACY_ENCODINGS = ("windows-1258", "tcvn3", "vni")


class DecodeError(ValueError):
    """The bytes are not text we can decode; the message says why."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a whole file: returns ``(text, encoding name)`` or raises ``DecodeError``."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {name} byte-order mark but is not valid {name}: {exc.reason} "
                                  f"at byte {exc.start}") from None
    sample = data[:SAMPLE_BYTES]
    utf16 = _utf16_without_bom(sample)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError as exc:
            raise DecodeError(f"looks like {utf16} but is not valid: {exc.reason} at byte {exc.start}") from None
    binary = binary_reason(sample)
    if binary:
        raise DecodeError(binary)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    encoding = detect_legacy(sample)
    if encoding is None:
        raise DecodeError(_UNDECODABLE)
    return decode_as(data, encoding), encoding


def sniff_encoding(sample: bytes, *, complete: bool) -> str:
    """The encoding of a file from its first bytes, for decoding the rest line by line.

    ``complete`` says the sample is the whole file (else it may end inside a character).
    Raises ``DecodeError`` for binary or undecodable data.
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return utf16
    binary = binary_reason(sample)
    if binary:
        raise DecodeError(binary)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(sample) is not None:
        return "utf-8"  # the few bad lines are dealt with one by one
    if not complete:  # do not judge a character cut at the end of the sample
        sample = sample[:sample.rfind(b"\n") + 1] or sample
    encoding = detect_legacy(sample)
    if encoding is None:
        raise DecodeError(_UNDECODABLE)
    return encoding


def decode_as(data: bytes, encoding: str) -> str:
    """Decode with a known encoding (a name ``decode_bytes`` returned); raises ``DecodeError``."""
    decoder = _LEGACY_DECODERS.get(encoding)
    try:
        if decoder is not None:
            return decoder(data)
        if encoding.startswith("utf-8 ("):  # "utf-8 (N invalid bytes replaced)"
            return _utf8_replacing(data)[0]
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"not valid {encoding}: {exc}") from None


def binary_reason(sample: bytes) -> str | None:
    """Why ``sample`` (the start of a file) is binary data and not text, or None if it may be text."""
    for magic, kind in _MAGIC.items():
        if sample.startswith(magic):
            return f"binary file (looks like {kind})"
    head = sample[:8000]
    if b"\x00" in head:  # git's rule: text has no NUL bytes (UTF-16 was recognised before this)
        return "binary file (contains NUL bytes)"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls / len(head) > 0.1:
        return "binary file (mostly control bytes)"
    return None


def detect_legacy(sample: bytes) -> str | None:
    """The 8-bit Vietnamese encoding ``sample`` is written in, or None when none fits well.

    Each candidate decoding is scored by the share of its non-ASCII words that are well-formed
    Vietnamese syllables; mojibake (a wrong decoding) is not. Text whose only non-ASCII bytes are
    punctuation (no candidate has a non-ASCII word), or ASCII text with a few stray 8-bit bytes,
    is read as Windows-1252.
    """
    best, best_score, any_words = None, 0.0, False
    for encoding in LEGACY_ENCODINGS:
        try:
            text = _LEGACY_DECODERS[encoding](sample)
        except UnicodeDecodeError:
            continue
        words, valid = syllable_score(text)
        if words:
            any_words = True
            score = valid / words
            if score > best_score:
                best, best_score = encoding, score
    if not any_words:
        try:
            sample.decode("cp1252")
        except UnicodeDecodeError:
            return None
        return "windows-1252"
    if best_score >= MIN_LEGACY_SCORE:
        return best
    # essentially ASCII text with a few stray 8-bit characters: Windows-1252 alters nothing that matters
    stray = len(sample) - len(sample.translate(None, bytes(range(128))))
    if stray <= MAX_STRAY_SHARE * len(sample):
        try:
            sample.decode("cp1252")
            return "windows-1252"
        except UnicodeDecodeError:
            pass
    return None


def syllable_score(text: str) -> tuple[int, int]:
    """(non-ASCII words, of which well-formed Vietnamese syllables) in ``text``."""
    words = valid = 0
    is_syllable = _syllable_matcher()
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        words += 1
        valid += is_syllable(word)
    return words, valid


# --- UTF-8 with a few stray bytes, UTF-16 without a mark ----------------------------------------

def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 text with a handful of broken bytes (a cut character, one pasted Latin-1 quote)."""
    text, bad = _utf8_replacing(data)
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if multibyte >= 20 and bad <= _MAX_BAD_UTF8_SHARE * multibyte:
        return text, f"utf-8 ({bad} invalid bytes replaced)"
    return None


_ESCAPED_BYTES = dict.fromkeys(range(0xDC80, 0xDD00), "\ufffd")
_ESCAPED = compile_regex("[\udc80-\udcff]")


def _utf8_replacing(data: bytes) -> tuple[str, int]:
    """UTF-8 with each invalid byte replaced by U+FFFD, and how many there were."""
    escaped = data.decode("utf-8", errors="surrogateescape")  # invalid byte b -> U+DC00+b
    return escaped.translate(_ESCAPED_BYTES), len(_ESCAPED.findall(escaped))


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes sit at odd (LE) or even (BE) positions only."""
    head = sample[:4096]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_nuls = head[0:pairs * 2:2].count(0)
    odd_nuls = head[1:pairs * 2:2].count(0)
    # ASCII letters, digits, spaces and line ends are most of any Vietnamese text: in UTF-16 each
    # has a NUL high byte. Vietnamese letters (U+1Exx, U+00xx) never have a NUL low byte.
    if odd_nuls >= 0.2 * pairs and even_nuls <= 0.02 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.2 * pairs and odd_nuls <= 0.02 * pairs:
        return "utf-16-be"
    return None


# --- the legacy decoders -----------------------------------------------------------------------

def _latin_view(data: bytes) -> str:
    """One character per byte: Latin-1, with 0x80-0x9F read as Windows-1252 punctuation where defined."""
    return data.decode("latin-1").translate(_CP1252_C1)


_CP1252_C1 = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}


def _decode_cp1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258"))


def _decode_tcvn3(data: bytes) -> str:
    return _latin_view(data).translate(_tcvn3_table())


def _decode_vni(data: bytes) -> str:
    pattern, pairs, letters = _vni_tables()
    return pattern.sub(lambda m: pairs.get(m.group()) or letters[m.group()], _latin_view(data))


@lru_cache(maxsize=None)
def _tcvn3_table() -> dict[int, str]:
    return {code: char for code, char in load_yaml("legacy_encodings.yaml")["tcvn3"].items()}


@lru_cache(maxsize=None)
def _vni_tables() -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """(pattern finding VNI letters, vowel+mark -> letter, single byte -> letter)."""
    data = load_yaml("legacy_encodings.yaml")
    vni, combining = data["vni"], data["combining"]
    letters = {chr(code): char for code, char in vni["letters"].items()}
    by_char = {v: k for k, v in letters.items()}  # ơ ư are bytes of their own in VNI
    pairs: dict[str, str] = {}
    for name, (lower_byte, upper_byte) in vni["marks"].items():
        parts = name.split()
        shape = parts[0] if parts[0] in ("circumflex", "breve") else None
        vowels = vni["takes"][shape] if shape else vni["takes"]["tone"]
        accents = "".join(combining[p] for p in parts)
        for vowel in vowels:
            for case, mark in ((str.lower, lower_byte), (str.upper, upper_byte)):
                base = case(vowel)
                letter = unicodedata.normalize("NFC", base + accents)
                written = by_char.get(base, base)  # how VNI writes the bare vowel
                pairs[written + chr(mark)] = letter
                pairs[written + chr(lower_byte if mark == upper_byte else upper_byte)] = letter  # mixed case
    keys = sorted(pairs, key=longest_phrase_first) + sorted(letters)
    pattern = compile_regex("|".join(re.escape(k) for k in keys))
    return pattern, pairs, letters


_LEGACY_DECODERS: dict[str, Callable[[bytes], str]] = {
    "windows-1258": _decode_cp1258,
    "tcvn3": _decode_tcvn3,
    "vni": _decode_vni,
}


# --- the shape of a Vietnamese syllable --------------------------------------------------------

# a word: a run of characters that are not white space, ASCII punctuation or general punctuation
_WORD = compile_regex(r"[^\s!-/:-@\[-`{-~\u2010-\u206f]+")
_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


@lru_cache(maxsize=None)
def _syllable_matcher() -> Callable[[str], bool]:
    grammar = load_yaml("legacy_encodings.yaml")["syllable"]

    def alternatives(items):
        return "|".join(sorted(map(re.escape, items), key=longest_phrase_first))

    shape = compile_regex(f"(?:{alternatives(grammar['initials'])})?(?:{alternatives(grammar['nuclei'])})"
                       f"(?:{alternatives(grammar['finals'])})?")

    def is_syllable(word: str) -> bool:
        decomposed = unicodedata.normalize("NFD", word.lower())
        bare = decomposed.translate(_TONES)
        if len(decomposed) - len(bare) > 1:  # two tone marks: mojibake
            return False
        return shape.fullmatch(unicodedata.normalize("NFC", bare)) is not None

    return is_syllable
