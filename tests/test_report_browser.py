"""The report opens in headless Chromium with no network and every chart draws (Debian's chromium package;
.ci/run installs it; skipped with a message where it is absent)."""

from __future__ import annotations

import re

import pytest

from policytext.report import build_report
from policytext.report.browser import find_chromium, rendered_dom, screenshot

pytestmark = pytest.mark.skipif(find_chromium() is None,
                                reason="Chromium not installed (Debian: apt-get install chromium); .ci/run installs it")


def _charts_drawn(dom: str, charts: list[str]) -> None:
    assert "data-chart-error" not in dom, re.search(r'data-chart-error="[^"]*"', dom).group(0)
    assert f'data-charts-drawn="{len(charts)}"' in dom
    for chart in charts:
        start = dom.index(f'id="chart-{chart}"')
        end = dom.find('<div class="chart"', start + 1)
        drawn = dom[start:end if end > 0 else len(dom)]
        assert 'class="main-svg"' in drawn, chart  # plotly drew its SVG layers
        assert re.search(r'class="(?:trace|hm|point|scatterlayer)', drawn), chart  # and marks on them


def test_every_chart_draws_offline(raw_run, tmp_path):
    result = build_report(raw_run, tmp_path / "report.html")
    dom = rendered_dom(result.path)
    _charts_drawn(dom, result.charts)
    assert dom.count('class="point"') > 20  # bars and markers
    assert "Nguyễn Hồng Diên" in dom


def test_charts_of_tables_newer_runs_write_draw(future_run, tmp_path):
    result = build_report(future_run, tmp_path / "report.html")
    assert "places" in result.charts
    _charts_drawn(rendered_dom(result.path), result.charts)


def test_screenshot(raw_run, tmp_path):
    result = build_report(raw_run, tmp_path / "report.html")
    png = screenshot(result.path, tmp_path / "report.png", width=900, height=700)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
