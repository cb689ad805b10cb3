"""The report's sections: for each chart its title, a line on how to read it, its numbers (report.data),
the table shown and the figure (report.charts); a note instead of a chart when its table is missing."""

from __future__ import annotations

from typing import Callable

import pandas as pd

from . import charts, data
from .page import Section

Tables = data.Tables


def _missing(table: str) -> str:
    return (f"This run has no {table} table ({table}.parquet), so there is no chart here; "
            "it appears when a run has one.")


def _empty(what: str) -> str:
    return f"This run has no {what}."


def _no_months(tables: Tables) -> str:
    """Why the themes-over-time chart has nothing to draw."""
    if "themes" in tables and tables["themes"].empty:
        return _empty("theme labels")
    if tables["articles"]["month"].isna().all():
        return "No article of this run has a publication date, so there are no months to show."
    return "No dated article of this run carries a theme label."


def _document_keys(tables: Tables) -> str:
    """Where the report's documents come from, and so how short mentions count."""
    if "documents" in tables:
        return "documents as the run's documents.parquet counts them."
    if "legal_refs" in tables and "doc_key" in tables["legal_refs"].columns:
        return "short and pointing-back mentions count with the document they resolve to (legal_refs.doc_key)."
    return "short forms of one document ('Nghị định 15') count apart, as this run has no document keys."


def _themes_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per month: dated articles, then per theme 'articles (share %)'."""
    wide = frame.pivot(index="month", columns="theme", values="articles")
    shares = frame.pivot(index="month", columns="theme", values="share")
    themes = list(dict.fromkeys(frame["theme"]))
    table = pd.DataFrame({"month": wide.index,
                          "articles": frame.drop_duplicates("month").set_index("month")["month_articles"]
                          .reindex(wide.index).to_numpy()})
    for theme in themes:
        table[theme] = [f"{int(n)} ({100 * s:.0f}%)" if pd.notna(s) else "" for n, s in
                        zip(wide[theme], shares[theme])]
    return table


def _sources_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per month: all its articles, then per source."""
    wide = frame.pivot(index="month", columns="source", values="articles")
    wide = wide.reindex(index=list(dict.fromkeys(frame["month"])), columns=list(dict.fromkeys(frame["source"])))
    wide.columns.name = None
    table = wide.reset_index()
    table.insert(1, "articles", wide.sum(axis=1).to_numpy())
    return table


def _section(id: str, title: str, how: str, numbers: pd.DataFrame | None, figure: Callable,
             missing_note: str, empty_note: str, table: Callable | None = None) -> Section:
    if numbers is None:
        return Section(id, title, how, note=missing_note)
    if numbers.empty:
        return Section(id, title, how, numbers=numbers, note=empty_note)
    return Section(id, title, how, numbers=numbers, table=table(numbers) if table else numbers,
                   figure=figure(numbers))


def build_sections(tables: Tables, top: int = 15) -> list[Section]:
    articles = tables["articles"]
    undated = int(articles["month"].isna().sum())
    undated_note = f" {undated:,} article{'s' if undated != 1 else ''} without a publication date " \
                   f"{'are' if undated != 1 else 'is'} in no month." if undated else ""
    by_person = "persons" in tables and "person_id" in tables.get("officials", pd.DataFrame()).columns
    sections = [
        _section(
            "themes-over-time", "Themes over time",
            "each line is one theme: the share of the month's dated articles that carry it (an article can "
            "carry several themes, so the shares need not add up to 100%); hover for the counts. Months "
            "without any article leave a gap." + undated_note,
            data.themes_by_month(tables), charts.themes_over_time, _missing("themes"),
            _no_months(tables), _themes_table),
        _section(
            "officials", "Top officials and the themes around them",
            f"one row per official ({'a person linked across articles' if by_person else 'by name as written'})"
            f", the {top} named in most articles, with that number in brackets; each cell counts those "
            "articles that carry the theme (the themes of the article, not only of the sentences naming them).",
            data.top_officials(tables, top), charts.officials_themes, _missing("officials"),
            _empty("officials")),
        _section(
            "documents", "Most-cited documents",
            "each bar counts the articles that cite a legal or Party document at least once (hover: all its "
            "mentions); the colour is the document's type. A document is its type and code, or its name; "
            + _document_keys(tables),
            data.most_cited_documents(tables, top), charts.most_cited_documents, _missing("legal_refs"),
            _empty("legal references")),
        _section(
            "sources", "Articles by source and by month",
            f"each bar is one month's articles, coloured by source (the site of the article's URL, else its "
            f"input file); 'no date' collects the undated ones. The bars add up to all {len(articles):,} "
            "articles.",
            data.articles_by_source_month(tables), charts.articles_by_source, "", _empty("articles"),
            _sources_table),
        _section(
            "organizations", "Organisations",
            f"the {top} organisations named in most articles (canonical names: a ministry renamed or merged "
            "keeps the name valid when the article was published); the colour is the kind of body.",
            data.top_organizations(tables, top), charts.top_organizations, _missing("organizations"),
            _empty("organisations")),
        _section(
            "places", "Places",
            f"the {top} places named in most articles (canonical names, 'TP.HCM' is Hồ Chí Minh); the colour "
            "is the kind of place (province, city, district, commune, country).",
            data.top_places(tables, top), charts.top_places, _missing("places"), _empty("places")),
        _section(
            "theme-evidence", "What the theme labels rest on",
            "articles per theme; the colour is the mean score of its labels (0 to 1), and the table lists "
            "the evidence phrases found most often for it (hover the bars too).",
            data.theme_evidence(tables), charts.theme_evidence, _missing("themes"), _empty("theme labels")),
    ]
    return sections
