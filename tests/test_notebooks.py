"""The notebooks run headless, end to end, in a real kernel (nbclient), so they never rot; they are committed
without outputs. The numbered ones analyse data/raw plus a small sample of ../shared/data/modern when it
is there (POLICYTEXT_SAMPLE), and must draw their charts."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))
PLOTLY = "application/vnd.plotly.v1+json"


def test_the_notebooks_are_there():
    names = {path.name for path in ALL}
    assert {"explore_run.ipynb", "01_themes_over_time.ipynb", "02_officials_and_directives.ipynb"} <= names


@pytest.mark.parametrize("path", ALL, ids=lambda path: path.stem)
def test_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear its outputs"


@pytest.mark.parametrize("path", ALL, ids=lambda path: path.stem)
def test_runs_end_to_end(path, tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYTEXT_RUN", str(tmp_path / "run"))  # a fresh run for each notebook
    monkeypatch.setenv("POLICYTEXT_SAMPLE", "24")  # seconds, not minutes
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert (tmp_path / "run" / "summary.json").is_file()
    if path.name[:2].isdigit():
        charts = [o for o in outputs if PLOTLY in o.get("data", {})]
        assert len(charts) >= 2, f"{path.name} drew {len(charts)} charts"
        for chart in charts:
            assert chart.data[PLOTLY]["data"], f"{path.name}: a chart without data"
