"""The theme taxonomy as data: the shipped default, analyst files, validation messages, merging."""

from __future__ import annotations

import textwrap

import pytest
from rich.console import Console

from policytext.extract.themes import format_taxonomy, load_taxonomy
from policytext.themes.taxonomy import TaxonomyError

RECORD_IDS = [
    "digital_transformation", "trade_agreements", "covid_dual_goal", "covid_control", "energy_transition",
    "exports_imports", "domestic_trade", "institutional_reform", "emulation_awards", "party_building",
    "discipline_anticorruption", "personnel", "industry_development", "growth_investment", "social_welfare",
    "innovation_science",
]


def write(tmp_path, text: str, name: str = "mytax.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_default_taxonomy_has_the_record_themes_with_rich_lexicons():
    taxonomy = load_taxonomy(None)
    assert taxonomy.ids == RECORD_IDS
    for theme in taxonomy.themes:
        assert theme.label_vi and theme.label_en and theme.description, theme.id
        assert len(theme.lexicon) >= 30, theme.id
        assert any(term.weight >= 3 for term in theme.lexicon), theme.id


def test_acronyms_are_case_sensitive_and_words_are_not():
    terms = {term.text: term for term in load_taxonomy(None).theme("trade_agreements").lexicon}
    assert terms["FTA"].case_sensitive and terms["EVFTA"].case_sensitive
    assert not terms["hội nhập kinh tế quốc tế"].case_sensitive


def test_lexicon_entries_are_normalised_like_the_text(tmp_path):
    path = write(tmp_path, """
        themes:
          - id: t
            lexicon:
              "xã hội hoá": 2
              "Uỷ ban": 1
    """)
    texts = {term.text for term in load_taxonomy(path).theme("t").lexicon}
    assert texts == {"xã hội hóa", "Ủy ban"}  # old tone style, as Document.norm has it


def test_replacing_the_taxonomy(tmp_path):
    path = write(tmp_path, """
        threshold: 0.4
        themes:
          - id: water
            label_vi: Nước sạch
            lexicon: {nước sạch: 3, cấp nước: 2}
    """)
    taxonomy = load_taxonomy(path)
    assert taxonomy.ids == ["water"]
    assert taxonomy.threshold == 0.4


def test_extending_the_default(tmp_path):
    path = write(tmp_path, """
        themes:
          - id: digital_transformation
            lexicon:
              AI: 3            # added
              số hóa: 1        # re-weighted
              website: 0       # removed
            cancel: [tiền số]
          - id: water
            label_vi: Nước sạch
            lexicon: {nước sạch: 3}
    """)
    taxonomy = load_taxonomy(path, extend=True)
    assert taxonomy.ids == RECORD_IDS + ["water"]
    digital = {term.text: term.weight for term in taxonomy.theme("digital_transformation").lexicon}
    assert digital["AI"] == 3 and digital["số hóa"] == 1 and "website" not in digital
    assert digital["chuyển đổi số"] == 3  # the default terms stay
    assert taxonomy.theme("digital_transformation").label_vi == "Chuyển đổi số"
    assert "tiền số" in {cue.text for cue in taxonomy.theme("digital_transformation").cancel}
    assert load_taxonomy(None).theme("digital_transformation") is not taxonomy.theme("digital_transformation")


def test_names_and_name_heads_ship_with_the_default_and_extend(tmp_path):
    default = load_taxonomy(None)
    assert "Người Lao Động" in default.names  # a newspaper, not labour news
    assert {"Sở", "Hội", "Viện"} <= set(default.name_heads)
    path = write(tmp_path, """
        names: [Báo Mới]
        name_heads: [Nhà xuất bản, Sở]
        themes:
          - id: water
            lexicon: {nước sạch: 3}
    """)
    extended = load_taxonomy(path, extend=True)
    assert extended.names == default.names + ("Báo Mới",)
    assert extended.name_heads.count("Sở") == 1 and extended.name_heads[-1] == "Nhà xuất bản"
    assert load_taxonomy(path).names == ("Báo Mới",)  # a replacing file brings its own


def test_no_default_term_is_the_name_of_a_body():
    # bodies say who speaks, not what about ("Bộ Kế hoạch và Đầu tư" made growth_investment)
    default = load_taxonomy(None)
    heads, not_heads = set(default.name_heads), set(default.not_name_heads)
    for theme in default.themes:
        for term in theme.lexicon:
            words = term.text.split()
            opens_a_name = words[0] in heads and " ".join(words[:2]) not in not_heads
            assert not (term.case_sensitive and opens_a_name), (theme.id, term.text)


@pytest.mark.parametrize(
    "body, expected",
    [
        ("""
            themes:
              - id: x
                lexicon:
                  chuyển đổi số: 3
                  số hóa: high
         """, "mytax.yaml line 5: theme 'x': lexicon term weight must be a number (term 'số hóa')"),
        ("""
            themes:
              - id: x
                lexicon: {a: 1}
                colour: red
         """, "mytax.yaml line 4: theme 'x': unknown field 'colour'"),
        ("""
            themes:
              - label_vi: Không có id
                lexicon: {a: 1}
         """, "mytax.yaml line 2: theme without an 'id'"),
        ("""
            themes:
              - id: Bad-Id
                lexicon: {a: 1}
         """, "mytax.yaml line 2: 'id' must be snake_case"),
        ("""
            themes:
              - id: x
                label_vi: X
         """, "mytax.yaml line 2: theme 'x': 'lexicon' is missing"),
        ("""
            themes:
              - id: x
                lexicon:
                  a: 1
                  a: 2
         """, "mytax.yaml line 5: theme 'x': lexicon term 'a' is listed twice"),
        ("""
            themes:
              - id: x
                lexicon: {a: 1}
              - id: x
                lexicon: {b: 1}
         """, "mytax.yaml line 4: theme 'x': id defined twice"),
        ("""
            themes:
              - id: x
                lexicon: {a: 1}
                threshold: 2
         """, "mytax.yaml line 4: theme 'x': 'threshold' must be a number in (0, 1]"),
        ("""
            themes:
              - id: x
                lexicon: {yes: 1}
         """, "lexicon term must be text"),
        ("""
            themes:
              - id: x
                lexicon: {a: 1
         """, "mytax.yaml line 4: not valid YAML"),
        ("""
            themes: []
         """, "mytax.yaml line 1: 'themes' must be a non-empty list"),
        ("""
            min_matches: 0
            themes:
              - id: x
                lexicon: {a: 1}
         """, "mytax.yaml line 1: 'min_matches' must be a whole number >= 1"),
        ("""
            names: Người Lao Động
            themes:
              - id: x
                lexicon: {a: 1}
         """, "mytax.yaml line 1: 'names' must be a list of phrases"),
    ],
)
def test_errors_name_file_line_and_field(tmp_path, body, expected):
    path = write(tmp_path, body)
    with pytest.raises(TaxonomyError) as raised:
        load_taxonomy(path)
    assert expected in str(raised.value)


def test_yaml_tags_are_not_executed(tmp_path):
    path = write(tmp_path, """
        themes:
          - id: x
            lexicon: !!python/object/apply:os.system ["echo pwned"]
    """)
    with pytest.raises(TaxonomyError, match="mytax.yaml line 3: not valid YAML"):
        load_taxonomy(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(TaxonomyError, match="not found"):
        load_taxonomy(tmp_path / "nope.yaml")


def test_format_taxonomy_lists_every_theme():
    console = Console(width=250, record=True)
    console.print(format_taxonomy(load_taxonomy(None)))
    printed = console.export_text()
    for theme_id in RECORD_IDS:
        assert theme_id in printed
    assert "Thi đua, khen thưởng" in printed and "chuyển đổi số" in printed
