"""The numbers behind each chart of the report: pure pandas functions over ``policytext.load_tables``.

Each takes the run's tables (``{name: DataFrame}``) and returns a tidy DataFrame, or None when the table
it needs is not in the run. Every count is a number of ARTICLES (an article naming an organisation five
times counts once for it), except ``mentions``. Months are Vietnam calendar months (``articles.month``).
"""

from __future__ import annotations

from typing import Mapping
from urllib.parse import urlsplit

import pandas as pd

Tables = Mapping[str, pd.DataFrame]

NO_DATE = "no date"
OTHER = "other"


def _distinct(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return frame[columns].dropna().drop_duplicates()


def _all_months(months: pd.Series) -> list[str]:
    """Every month from the first to the last, in order ('YYYY-MM')."""
    months = months.dropna()
    if months.empty:
        return []
    return list(pd.period_range(min(months), max(months), freq="M").strftime("%Y-%m"))


def _by_volume(counts: pd.Series) -> list[str]:
    """Names ordered busiest first, ties by name."""
    return sorted(counts.index, key=lambda name: (-counts[name], str(name)))


def themes_by_month(tables: Tables) -> pd.DataFrame | None:
    """month, theme, articles (with the theme), month_articles (dated articles that month), share.

    Every month between the first and the last dated article is there (share NaN where a month has no
    article); themes busiest first. Articles without a publication date are in no month.
    """
    if "themes" not in tables:
        return None
    articles = tables["articles"]
    dated = articles[articles["month"].notna()]
    months = _all_months(dated["month"])
    per_month = dated.groupby("month").size().reindex(months, fill_value=0)
    labels = _distinct(tables["themes"], ["article_id", "theme"]).merge(
        dated[["id", "month"]], left_on="article_id", right_on="id")
    counts = labels.groupby(["month", "theme"]).size()
    themes = _by_volume(labels.groupby("theme").size())
    index = pd.MultiIndex.from_product([months, themes], names=["month", "theme"])
    frame = counts.reindex(index, fill_value=0).rename("articles").reset_index()
    frame["articles"] = frame["articles"].astype("int64")
    frame["month_articles"] = frame["month"].map(per_month).astype("int64")
    frame["share"] = (frame["articles"] / frame["month_articles"].where(frame["month_articles"] > 0)).astype(float)
    return frame


def _official_keys(tables: Tables) -> tuple[pd.DataFrame, str]:
    """(article_id, key, official) per official row, and what the key is: a person when the run links
    officials to persons (``person_id``), else the name as written."""
    officials = tables["officials"]
    if "persons" in tables and "person_id" in officials.columns:
        names = tables["persons"].set_index("person_id")["name"]
        linked = officials[officials["person_id"].notna()]
        frame = pd.DataFrame({"article_id": linked["article_id"], "key": linked["person_id"],
                              "official": linked["person_id"].map(names).fillna(linked["name"])})
        return frame, "person_id"
    return pd.DataFrame({"article_id": officials["article_id"], "key": officials["name"],
                         "official": officials["name"]}), "name"


def top_officials(tables: Tables, top: int = 15) -> pd.DataFrame | None:
    """The ``top`` officials by articles naming them: official, person_id (when the run links officials to
    persons), articles, then one column per theme (articles naming the official that carry the theme),
    themes busiest first; busiest officials first. Two persons of one name are told apart by their id."""
    if "officials" not in tables:
        return None
    keys, kind = _official_keys(tables)
    keys = keys.dropna(subset=["article_id", "key"])
    per_official = keys.groupby("key")["article_id"].nunique()
    chosen = _by_volume(per_official)[:top]
    names = keys.drop_duplicates("key").set_index("key")["official"]
    labels = [str(names[k]) for k in chosen]
    labels = [f"{label} · {key[:8]}" if labels.count(label) > 1 else label for label, key in zip(labels, chosen)]
    frame = pd.DataFrame({"official": labels})
    if kind == "person_id":
        frame["person_id"] = chosen
    frame["articles"] = [int(per_official[k]) for k in chosen]
    if "themes" in tables and chosen:
        pairs = _distinct(keys[keys["key"].isin(chosen)], ["article_id", "key"]).merge(
            _distinct(tables["themes"], ["article_id", "theme"]), on="article_id")
        if not pairs.empty:
            wide = pd.crosstab(pairs["key"], pairs["theme"]).reindex(chosen, fill_value=0)
            for theme in _by_volume(wide.sum(axis=0)):
                frame[theme] = wide[theme].astype("int64").to_numpy()
    return frame


def document_key(refs: pd.DataFrame) -> pd.Series:
    """The run's ``doc_key`` where it has one, else the key documents.parquet would give the reference:
    ``<type>|<code>``, or ``<type>|<text in lower case, spaces folded>`` for a named document."""
    kind = refs["doc_type"].fillna("Văn bản").astype(str)
    text = refs["text"].fillna("").astype(str).str.lower().str.split().str.join(" ")
    derived = kind + "|" + refs["code"].astype(object).where(refs["code"].notna(), text).astype(str)
    if "doc_key" in refs.columns:
        return refs["doc_key"].astype(object).where(refs["doc_key"].notna(), derived)
    return derived


def _document_label(doc_type: pd.Series, code: pd.Series, name: pd.Series, key: pd.Series) -> pd.Series:
    """'Nghị quyết 68/NQ-CP' (type and code: a bare 'Nghị quyết 66' says what 66 is), else the name as
    written ('Luật Xây dựng'), else the key."""
    coded = doc_type.fillna("").astype(str).str.cat(code.fillna("").astype(str), sep=" ").str.strip()
    label = coded.where(code.notna(), name.astype(object))
    return label.where(label.notna(), key).astype(str)


def most_cited_documents(tables: Tables, top: int = 15) -> pd.DataFrame | None:
    """The ``top`` documents by citing articles: document (type and code, else name), doc_type, code,
    doc_key, articles, mentions; from ``documents`` when the run has it, else counted over ``legal_refs``."""
    if "documents" in tables:
        docs = tables["documents"]
        names = docs["name"] if "name" in docs.columns else pd.Series(None, index=docs.index, dtype=object)
        frame = pd.DataFrame({"doc_type": docs["doc_type"], "code": docs["code"], "name": names,
                              "doc_key": docs["doc_key"], "articles": docs["n_articles"].astype("int64"),
                              "mentions": docs["n_mentions"].astype("int64")})
    elif "legal_refs" in tables:
        refs = tables["legal_refs"].assign(doc_key=lambda r: document_key(r))
        grouped = refs.groupby("doc_key")
        codes = refs.dropna(subset=["code"]).groupby("doc_key")["code"].agg(
            lambda values: max(values, key=lambda c: (len(c), c)))  # the fullest code any mention gives
        texts = refs.groupby("doc_key")["text"].agg(lambda values: values.value_counts().index[0])
        frame = pd.DataFrame({"doc_key": list(grouped.groups)})
        frame["doc_type"] = frame["doc_key"].map(grouped["doc_type"].first())
        frame["code"] = frame["doc_key"].map(codes)
        frame["name"] = frame["doc_key"].map(texts)
        frame["articles"] = frame["doc_key"].map(grouped["article_id"].nunique()).astype("int64")
        frame["mentions"] = frame["doc_key"].map(grouped.size()).astype("int64")
    else:
        return None
    frame["document"] = _document_label(frame["doc_type"], frame["code"], frame["name"], frame["doc_key"])
    frame = frame[["document", "doc_type", "code", "doc_key", "articles", "mentions"]]
    frame = frame.sort_values(["articles", "mentions", "doc_key"], ascending=[False, False, True])
    return frame.head(top).reset_index(drop=True)


def article_source(articles: pd.DataFrame) -> pd.Series:
    """Where an article comes from: its URL's host (without 'www.'), else its input file's name."""
    def one(url: object, path: object) -> str:
        if isinstance(url, str) and url:
            host = urlsplit(url).hostname or ""
            if host:
                return host.removeprefix("www.")
        if isinstance(path, str) and path:
            return path.replace("\\", "/").rsplit("/", 1)[-1]
        return "unknown"

    pairs = zip(articles["url"].astype(object), articles["source_path"].astype(object))
    return pd.Series([one(url, path) for url, path in pairs], index=articles.index, dtype=object)


def articles_by_source_month(tables: Tables, sources: int = 8) -> pd.DataFrame:
    """month ('no date' last for undated articles), source, articles; the ``sources`` biggest sources by
    name, the rest as 'other'. Sums to the number of articles."""
    articles = tables["articles"]
    source = article_source(articles)
    volume = source.value_counts()
    kept = set(_by_volume(volume)[:sources])
    frame = pd.DataFrame({"month": articles["month"].astype(object).where(articles["month"].notna(), NO_DATE),
                          "source": source.where(source.isin(kept), OTHER)})
    months = _all_months(articles["month"]) + ([NO_DATE] if (frame["month"] == NO_DATE).any() else [])
    order = [s for s in _by_volume(volume) if s in kept] + ([OTHER] if (frame["source"] == OTHER).any() else [])
    counts = frame.groupby(["month", "source"]).size()
    index = pd.MultiIndex.from_product([months, order], names=["month", "source"])
    out = counts.reindex(index, fill_value=0).rename("articles").reset_index()
    out["articles"] = out["articles"].astype("int64")
    return out


def _top_named(frame: pd.DataFrame, name: str, top: int) -> pd.DataFrame:
    """name, kind (the commonest), articles, mentions for the ``top`` names by articles."""
    frame = frame[frame[name].notna()]
    grouped = frame.groupby(name)
    counts = grouped["article_id"].nunique()
    chosen = _by_volume(counts)[:top]
    kinds = grouped["kind"].agg(lambda values: values.value_counts().index[0] if values.notna().any() else None)
    mentions = grouped["mentions"].sum()
    return pd.DataFrame({name: chosen, "kind": [kinds.get(n) for n in chosen],
                         "articles": [int(counts[n]) for n in chosen],
                         "mentions": [int(mentions[n]) for n in chosen]})


def top_organizations(tables: Tables, top: int = 15) -> pd.DataFrame | None:
    """organization (canonical name), kind, articles, mentions: the ``top`` organisations by articles."""
    if "organizations" not in tables:
        return None
    orgs = tables["organizations"]
    frame = pd.DataFrame({"article_id": orgs["article_id"], "organization": orgs["name"], "kind": orgs["kind"],
                          "mentions": orgs["n_mentions"].fillna(1)})
    return _top_named(frame, "organization", top)


def top_places(tables: Tables, top: int = 15) -> pd.DataFrame | None:
    """place (canonical name, else as written), kind, articles, mentions: the ``top`` places by articles;
    None when the run has no places table."""
    if "places" not in tables:
        return None
    places = tables["places"]
    name = places["canonical"] if "canonical" in places.columns else places["name"]
    if "name" in places.columns:
        name = name.astype(object).where(name.notna(), places["name"])
    frame = pd.DataFrame({"article_id": places["article_id"], "place": name,
                          "kind": places["kind"] if "kind" in places.columns else None, "mentions": 1})
    return _top_named(frame, "place", top)


def theme_evidence(tables: Tables, phrases: int = 5) -> pd.DataFrame | None:
    """theme, articles, mean_score, evidence (mean evidence spans per label), top_evidence (the commonest
    evidence phrases, lower case, with counts): what the theme labels rest on; themes busiest first."""
    if "themes" not in tables:
        return None
    themes = tables["themes"]
    rows = []
    for theme, group in themes.groupby("theme"):
        words = pd.Series([e.lower() for spans in group["evidence"] if isinstance(spans, list) for e in spans],
                          dtype=object)
        common = words.value_counts()
        common = common.loc[_by_volume(common)[:phrases]] if not common.empty else common
        rows.append({"theme": theme, "articles": int(group["article_id"].nunique()),
                     "mean_score": round(float(group["score"].mean()), 3),
                     "evidence": round(float(group["n_evidence"].astype(float).mean()), 1),
                     "top_evidence": ", ".join(f"{w} ({n})" for w, n in common.items())})
    frame = pd.DataFrame(rows, columns=["theme", "articles", "mean_score", "evidence", "top_evidence"])
    if frame.empty:
        return frame
    order = _by_volume(frame.set_index("theme")["articles"])
    return frame.set_index("theme").loc[order].reset_index()
