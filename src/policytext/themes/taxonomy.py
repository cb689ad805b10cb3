"""The theme taxonomy as data: load, validate (errors name file, line and field), merge, print.

A taxonomy file is YAML (``yaml`` safe loader: no tags, no code) with a top-level ``themes`` list;
see ``policytext/resources/themes.yaml`` for the format. ``load_taxonomy(None)`` returns the shipped
default; ``load_taxonomy(path)`` replaces it with an analyst's file; ``load_taxonomy(path,
extend=True)`` merges the analyst's file into the default (same id: labels and threshold override,
lexicon terms are added or re-weighted, weight 0 removes a term, cancel cues, names and name heads
are added).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..startcache import cached, compile_regex, text_key
from ..text.normalize import normalize_string

DEFAULT_THRESHOLD = 0.5
_ID = compile_regex(r"^[a-z][a-z0-9_]*$")
_THEME_KEYS = {"id", "label_vi", "label_en", "description", "definition", "include", "exclude", "lexicon", "cancel",
               "threshold"}
_TOP_KEYS = {"themes", "threshold", "min_matches", "version", "names", "name_heads", "not_name_heads"}
DEFAULT_MIN_MATCHES = 2


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; the message says file, line and field."""


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # normalised (NFC, old tone style) like Document.norm
    weight: float
    case_sensitive: bool  # written with a capital letter: "FTA", "Đảng" match only as written


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    label_vi: str = ""
    label_en: str = ""
    description: str = ""
    lexicon: tuple[Term, ...] = ()
    cancel: tuple[Term, ...] = ()  # weight unused; a lexicon match overlapping one is dropped
    threshold: float | None = None  # None: the taxonomy's threshold
    definition: str = ""  # when the theme is present, for annotators and analysts
    include: tuple[str, ...] = ()  # examples of what the theme covers
    exclude: tuple[str, ...] = ()  # examples of what it does not


@dataclass(frozen=True, slots=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    threshold: float = DEFAULT_THRESHOLD
    sources: tuple[str, ...] = field(default=())  # files it was built from, for messages
    min_matches: int = DEFAULT_MIN_MATCHES  # fewer lexicon matches than this: a passing mention
    # Names are never evidence: they say who speaks, not what about. ``names``: exact phrases
    # (newspapers: "Người Lao Động"); ``name_heads``: words that open an organisation's name
    # ("Sở", "Hội", "Viện"), so "Sở Lao động" or "Hội Nghiên cứu Khoa học" count for nothing.
    names: tuple[str, ...] = ()
    name_heads: tuple[str, ...] = ()
    not_name_heads: tuple[str, ...] = ()  # "Hội nghị", "Bộ luật": a head's first word, no name

    @property
    def ids(self) -> list[str]:
        return [theme.id for theme in self.themes]

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def threshold_of(self, theme: Theme) -> float:
        return self.threshold if theme.threshold is None else theme.threshold


# --- YAML with line numbers -------------------------------------------------------------------


class _Lined(dict):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]


@lru_cache(maxsize=1)
def _line_loader() -> type:
    """The safe loader, with mappings that know their lines: libyaml parses (5x faster than PyYAML's
    pure-Python parser), the safe constructors build. Made on first use: a warm start takes the
    default taxonomy from the start-up cache and never imports YAML."""
    import yaml

    class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it
        pass

    def construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> _Lined:
        loader.flatten_mapping(node)
        mapping = _Lined()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        duplicates: list[tuple[Any, int]] = []
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                key = repr(key)
            if key in mapping:
                duplicates.append((key, key_node.start_mark.line + 1))
            mapping[key] = loader.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        mapping.duplicates = duplicates  # type: ignore[attr-defined]
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return LineLoader


def _parse(text: str, name: str) -> Any:
    return cached(text_key("taxonomy", text), lambda: _parse_yaml(text, name), encode=_plain, decode=_lined)


def _parse_yaml(text: str, name: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_line_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f" line {mark.line + 1}" if mark else ""
        raise TaxonomyError(f"{name}{line}: not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{name}: not valid YAML: {exc}") from None


def _plain(value: Any) -> Any:
    """Parsed data as the start-up cache stores it: a line-numbered mapping becomes a tuple (YAML
    itself makes lists and mappings, never tuples); data the cache cannot keep (a date) is parsed
    every time."""
    if isinstance(value, _Lined):
        return (value.line, [(key, _plain(item)) for key, item in value.items()], list(value.key_lines.items()),
                list(getattr(value, "duplicates", [])))
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _lined(value: Any) -> Any:
    if isinstance(value, tuple):
        line, items, key_lines, duplicates = value
        mapping = _Lined((key, _lined(item)) for key, item in items)
        mapping.line = line
        mapping.key_lines = dict(key_lines)
        mapping.duplicates = [tuple(pair) for pair in duplicates]  # type: ignore[attr-defined]
        return mapping
    if isinstance(value, list):
        return [_lined(item) for item in value]
    return value


# --- validation ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Partial:
    """A theme as written in a file: fields it did not set stay None (for merging)."""

    id: str
    label_vi: str | None
    label_en: str | None
    description: str | None
    lexicon: dict[str, Term]  # normalised text -> term; weight 0 = remove when extending
    cancel: tuple[Term, ...]
    threshold: float | None
    definition: str | None = None
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None


def _where(name: str, line: int, theme_id: str | None = None) -> str:
    where = f"{name} line {line}"
    return f"{where}: theme '{theme_id}'" if theme_id else where


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _make_term(text: str, weight: float) -> Term:
    normalised = normalize_string(text.strip())
    return Term(normalised, float(weight), normalised != normalised.lower())


def _validate_theme(raw: Any, name: str, line: int, partial: bool) -> _Partial:
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{_where(name, line)}: each item of 'themes' must be a mapping with an 'id'")
    line = getattr(raw, "line", line)
    key_lines = getattr(raw, "key_lines", {})
    theme_id = raw.get("id")
    if theme_id is None:
        raise TaxonomyError(f"{_where(name, line)}: theme without an 'id'")
    if not isinstance(theme_id, str) or not _ID.match(theme_id):
        raise TaxonomyError(
            f"{_where(name, key_lines.get('id', line))}: 'id' must be snake_case letters, digits, '_' (got {theme_id!r})"
        )
    here = lambda key: _where(name, key_lines.get(key, line), theme_id)  # noqa: E731
    for key in raw:
        if key not in _THEME_KEYS:
            raise TaxonomyError(f"{here(key)}: unknown field '{key}' (known: {', '.join(sorted(_THEME_KEYS))})")
    for key in ("label_vi", "label_en", "description", "definition"):
        if key in raw and not isinstance(raw[key], str):
            raise TaxonomyError(f"{here(key)}: '{key}' must be text")
    for key in ("include", "exclude"):
        if key in raw and not (isinstance(raw[key], list) and all(isinstance(x, str) for x in raw[key])):
            raise TaxonomyError(f"{here(key)}: '{key}' must be a list of example texts")
    threshold = raw.get("threshold")
    if threshold is not None and (not _number(threshold) or not 0 < threshold <= 1):
        raise TaxonomyError(f"{here('threshold')}: 'threshold' must be a number in (0, 1]")

    lexicon: dict[str, Term] = {}
    raw_lexicon = raw.get("lexicon")
    if raw_lexicon is None and not partial:
        raise TaxonomyError(f"{here('id')}: 'lexicon' is missing")
    if raw_lexicon is not None:
        if not isinstance(raw_lexicon, dict) or (not raw_lexicon and not partial):
            raise TaxonomyError(f"{here('lexicon')}: 'lexicon' must be a non-empty mapping of term: weight")
        term_lines = getattr(raw_lexicon, "key_lines", {})
        for term, line_no in getattr(raw_lexicon, "duplicates", []):
            raise TaxonomyError(f"{_where(name, line_no, theme_id)}: lexicon term {term!r} is listed twice")
        for term, weight in raw_lexicon.items():
            at = _where(name, term_lines.get(term, line), theme_id)
            if not isinstance(term, str) or not term.strip():
                raise TaxonomyError(f"{at}: lexicon term must be text (got {term!r}; quote it in YAML)")
            if not _number(weight):
                raise TaxonomyError(f"{at}: lexicon term weight must be a number (term {term!r})")
            if weight < 0 or weight > 10 or (weight == 0 and not partial):
                raise TaxonomyError(f"{at}: lexicon term weight must be in (0, 10] (term {term!r})")
            made = _make_term(term, weight)
            lexicon[made.text] = made

    cancel: list[Term] = []
    raw_cancel = raw.get("cancel")
    if raw_cancel is not None:
        if not isinstance(raw_cancel, list):
            raise TaxonomyError(f"{here('cancel')}: 'cancel' must be a list of phrases")
        for cue in raw_cancel:
            if not isinstance(cue, str) or not cue.strip():
                raise TaxonomyError(f"{here('cancel')}: cancel cue must be text (got {cue!r})")
            cancel.append(_make_term(cue, 0))
    examples = {key: tuple(raw[key]) if key in raw else None for key in ("include", "exclude")}
    return _Partial(
        theme_id, raw.get("label_vi"), raw.get("label_en"), raw.get("description"), lexicon, tuple(cancel), threshold,
        raw.get("definition"), examples["include"], examples["exclude"],
    )


def _phrases(data: Any, key: str) -> tuple[str, ...]:
    return tuple(normalize_string(v.strip()) for v in (data.get(key) or ()))


def _validate(data: Any, name: str, partial: bool) -> tuple[list[_Partial], float | None, int | None]:
    if not isinstance(data, dict):
        raise TaxonomyError(f"{name} line 1: a taxonomy is a mapping with a 'themes' list")
    key_lines = getattr(data, "key_lines", {})
    for key in data:
        if key not in _TOP_KEYS:
            raise TaxonomyError(
                f"{_where(name, key_lines.get(key, 1))}: unknown field '{key}' "
                "(known: themes, threshold, min_matches, names, name_heads, not_name_heads)"
            )
    for key in ("names", "name_heads", "not_name_heads"):
        value = data.get(key)
        if value is not None and (not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value)):
            raise TaxonomyError(f"{_where(name, key_lines.get(key, 1))}: '{key}' must be a list of phrases")
    min_matches = data.get("min_matches")
    if min_matches is not None and (not isinstance(min_matches, int) or isinstance(min_matches, bool) or min_matches < 1):
        raise TaxonomyError(f"{_where(name, key_lines.get('min_matches', 1))}: 'min_matches' must be a whole number >= 1")
    threshold = data.get("threshold")
    if threshold is not None and (not _number(threshold) or not 0 < threshold <= 1):
        raise TaxonomyError(f"{_where(name, key_lines.get('threshold', 1))}: 'threshold' must be a number in (0, 1]")
    themes = data.get("themes")
    if not isinstance(themes, list) or not themes:
        raise TaxonomyError(f"{_where(name, key_lines.get('themes', 1))}: 'themes' must be a non-empty list")
    parsed: list[_Partial] = []
    seen: set[str] = set()
    for raw in themes:
        theme = _validate_theme(raw, name, key_lines.get("themes", 1), partial)
        if theme.id in seen:
            raise TaxonomyError(f"{_where(name, getattr(raw, 'line', 1), theme.id)}: id defined twice")
        seen.add(theme.id)
        parsed.append(theme)
    return parsed, threshold, min_matches


def _complete(theme: _Partial) -> Theme:
    return Theme(
        theme.id,
        theme.label_vi or "",
        theme.label_en or "",
        theme.description or "",
        tuple(term for term in theme.lexicon.values() if term.weight > 0),
        theme.cancel,
        theme.threshold,
        theme.definition or "",
        theme.include or (),
        theme.exclude or (),
    )


def _merge(base: Theme, extra: _Partial) -> Theme:
    lexicon = {term.text: term for term in base.lexicon}
    for text, term in extra.lexicon.items():
        if term.weight == 0:
            lexicon.pop(text, None)
        else:
            lexicon[text] = term
    cancel = base.cancel + tuple(cue for cue in extra.cancel if cue not in base.cancel)
    return replace(
        base,
        label_vi=extra.label_vi if extra.label_vi is not None else base.label_vi,
        label_en=extra.label_en if extra.label_en is not None else base.label_en,
        description=extra.description if extra.description is not None else base.description,
        lexicon=tuple(lexicon.values()),
        cancel=cancel,
        threshold=extra.threshold if extra.threshold is not None else base.threshold,
        definition=extra.definition if extra.definition is not None else base.definition,
        include=extra.include if extra.include is not None else base.include,
        exclude=extra.exclude if extra.exclude is not None else base.exclude,
    )


def parse_taxonomy(text: str, name: str = "<taxonomy>", base: Taxonomy | None = None) -> Taxonomy:
    """Validate taxonomy YAML ``text``; with ``base``, merge it into ``base`` (extend mode)."""
    partial = base is not None
    data = _parse(text, name)
    themes, threshold, min_matches = _validate(data, name, partial)
    names, heads, not_heads = _phrases(data, "names"), _phrases(data, "name_heads"), _phrases(data, "not_name_heads")
    if base is None:
        completed = tuple(_complete(theme) for theme in themes)
        for theme in completed:
            if not theme.lexicon:
                raise TaxonomyError(f"{name}: theme '{theme.id}': 'lexicon' has no term with a weight above 0")
        return Taxonomy(
            completed,
            DEFAULT_THRESHOLD if threshold is None else float(threshold),
            (name,),
            DEFAULT_MIN_MATCHES if min_matches is None else min_matches,
            names,
            heads,
            not_heads,
        )
    merged = {theme.id: theme for theme in base.themes}
    for theme in themes:
        merged[theme.id] = _merge(merged[theme.id], theme) if theme.id in merged else _complete(theme)
        if not merged[theme.id].lexicon:
            raise TaxonomyError(f"{name}: theme '{theme.id}': 'lexicon' has no term with a weight above 0")
    return Taxonomy(
        tuple(merged.values()),
        base.threshold if threshold is None else float(threshold),
        base.sources + (name,),
        base.min_matches if min_matches is None else min_matches,
        base.names + tuple(n for n in names if n not in base.names),
        base.name_heads + tuple(h for h in heads if h not in base.name_heads),
        base.not_name_heads + tuple(h for h in not_heads if h not in base.not_name_heads),
    )


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    text = resources.files("policytext.resources").joinpath("themes.yaml").read_text(encoding="utf-8")
    return parse_taxonomy(text, "themes.yaml")


def load_taxonomy(path: str | Path | None = None, extend: bool = False) -> Taxonomy:
    """The shipped taxonomy (``path=None``), an analyst's file instead of it, or merged into it."""
    if path is None:
        return default_taxonomy()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TaxonomyError(f"{path}: taxonomy file not found") from None
    except UnicodeDecodeError as exc:
        raise TaxonomyError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return parse_taxonomy(text, path.name, default_taxonomy() if extend else None)


def format_taxonomy(taxonomy: Taxonomy, terms: int = 6):
    """A rich Table of the active taxonomy for ``policytext themes`` (id, labels, threshold, terms)."""
    from rich.table import Table

    title = "Theme taxonomy: " + " + ".join(taxonomy.sources) if taxonomy.sources else "Theme taxonomy"
    title += f" (a theme needs score >= threshold and at least {taxonomy.min_matches} lexicon matches)"
    table = Table(title=title, show_lines=False)
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("label (vi)")
    table.add_column("label (en)")
    table.add_column("threshold", justify="right", no_wrap=True)
    table.add_column("terms", justify="right", no_wrap=True)
    table.add_column("strongest terms")
    for theme in taxonomy.themes:
        strongest = sorted(theme.lexicon, key=lambda term: (-term.weight, theme.lexicon.index(term)))[:terms]
        table.add_row(
            theme.id,
            theme.label_vi,
            theme.label_en,
            f"{taxonomy.threshold_of(theme):.2f}",
            str(len(theme.lexicon)),
            ", ".join(term.text for term in strongest),
        )
    return table
