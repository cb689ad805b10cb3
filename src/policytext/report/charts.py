"""One plotly figure per chart of the report, from the frames of ``report.data``.

Values go into the figures as plain Python lists (not NumPy arrays, which plotly would encode as
binary blobs), so the figure JSON in the page states the same numbers as the tables beside it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"


def _layout(fig: go.Figure, height: int, **kwargs) -> go.Figure:
    fig.update_layout(template="plotly_white", height=height, font={"family": FONT, "size": 13},
                      margin={"l": 10, "r": 10, "t": 30, "b": 10}, colorway=PALETTE,
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}, **kwargs)
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def _ints(values) -> list:
    return [int(v) for v in values]


def _count_axis(values) -> dict:
    """An axis of counts: whole-number ticks (no '0.5 articles' on a small run)."""
    top = max((int(v) for v in values), default=0)
    return {"rangemode": "tozero", "tickformat": ",d", **({"dtick": 1} if top <= 8 else {})}


def themes_over_time(frame: pd.DataFrame) -> go.Figure:
    """A line per theme: its share of each month's dated articles (%)."""
    fig = go.Figure()
    for theme, group in frame.groupby("theme", sort=False):
        fig.add_trace(go.Scatter(
            x=list(group["month"]), y=[None if pd.isna(s) else round(100 * s, 2) for s in group["share"]],
            customdata=[[int(a), int(m)] for a, m in zip(group["articles"], group["month_articles"])],
            name=theme, mode="lines+markers", connectgaps=False,
            hovertemplate="%{x} " + theme + ": %{y:.1f}% (%{customdata[0]} of %{customdata[1]} articles)"
                          "<extra></extra>"))
    return _layout(fig, 460, yaxis_title="% of the month's articles", xaxis_title=None,
                   xaxis={"type": "category"}, hovermode="closest")


def officials_themes(frame: pd.DataFrame) -> go.Figure:
    """A heat map: officials (rows, busiest on top) by the themes of the articles naming them."""
    themes = [c for c in frame.columns if c not in ("official", "person_id", "articles")]
    rows = [f"{name} ({n})" for name, n in zip(frame["official"], frame["articles"])]
    if not themes:  # no theme labels in the run: the articles per official alone
        fig = go.Figure(go.Bar(x=_ints(frame["articles"]), y=rows, orientation="h", name="articles",
                               hovertemplate="%{y}: %{x} articles<extra></extra>"))
        return _layout(fig, 120 + 26 * len(rows), yaxis={"autorange": "reversed"}, xaxis_title="articles",
                       xaxis=_count_axis(frame["articles"]))
    z = [_ints(frame.loc[i, themes]) for i in frame.index]
    fig = go.Figure(go.Heatmap(z=z, x=themes, y=rows, colorscale="Blues", texttemplate="%{z}", xgap=2, ygap=2,
                               hovertemplate="%{y} · %{x}: %{z} articles<extra></extra>",
                               colorbar={"title": {"text": "articles"}}))
    return _layout(fig, 160 + 28 * len(rows), yaxis={"autorange": "reversed"}, xaxis={"tickangle": -35})


def _horizontal_bars(frame: pd.DataFrame, label: str, value: str, group: str, hover: str) -> go.Figure:
    """Bars, biggest on top, one trace (colour) per value of ``group``."""
    order = list(frame[label])
    fig = go.Figure()
    groups = frame[group].astype(object).where(frame[group].notna(), "unknown")
    for kind in dict.fromkeys(groups):
        part = frame[groups == kind]
        fig.add_trace(go.Bar(x=_ints(part[value]), y=list(part[label]), orientation="h", name=str(kind),
                             customdata=_ints(part["mentions"]),
                             hovertemplate="%{y}: %{x} " + hover + ", %{customdata} mentions<extra></extra>"))
    return _layout(fig, 140 + 26 * len(order), barmode="stack", xaxis_title=hover, xaxis=_count_axis(frame[value]),
                   yaxis={"categoryorder": "array", "categoryarray": order, "autorange": "reversed"})


def most_cited_documents(frame: pd.DataFrame) -> go.Figure:
    return _horizontal_bars(frame, "document", "articles", "doc_type", "citing articles")


def articles_by_source(frame: pd.DataFrame) -> go.Figure:
    """Stacked bars: articles per month, one colour per source."""
    fig = go.Figure()
    for source, group in frame.groupby("source", sort=False):
        fig.add_trace(go.Bar(x=list(group["month"]), y=_ints(group["articles"]), name=source,
                             hovertemplate="%{x} " + source + ": %{y} articles<extra></extra>"))
    totals = frame.groupby("month", sort=False)["articles"].sum()
    return _layout(fig, 420, barmode="stack", yaxis_title="articles", xaxis={"type": "category"},
                   yaxis=_count_axis(totals))


def top_organizations(frame: pd.DataFrame) -> go.Figure:
    return _horizontal_bars(frame, "organization", "articles", "kind", "articles")


def top_places(frame: pd.DataFrame) -> go.Figure:
    return _horizontal_bars(frame, "place", "articles", "kind", "articles")


def theme_evidence(frame: pd.DataFrame) -> go.Figure:
    """Bars: articles per theme; the colour is the mean score of its labels."""
    fig = go.Figure(go.Bar(
        x=_ints(frame["articles"]), y=list(frame["theme"]), orientation="h",
        marker={"color": [float(s) for s in frame["mean_score"]], "colorscale": "Viridis", "cmin": 0, "cmax": 1,
                "colorbar": {"title": {"text": "mean score"}}},
        customdata=[[float(s), str(e)] for s, e in zip(frame["mean_score"], frame["top_evidence"])],
        hovertemplate="%{y}: %{x} articles, mean score %{customdata[0]:.2f}<br>%{customdata[1]}<extra></extra>"))
    return _layout(fig, 140 + 26 * len(frame), xaxis_title="articles", yaxis={"autorange": "reversed"},
                   xaxis=_count_axis(frame["articles"]))
