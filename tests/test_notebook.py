"""The analysts' notebook runs end to end on a fresh run of data/raw (cells executed in order)."""

import json
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore_run.ipynb"


def test_notebook_runs_end_to_end(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYTEXT_RUN", str(tmp_path / "run"))
    monkeypatch.chdir(NOTEBOOK.parent)
    cells = [c for c in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    namespace: dict = {}
    for cell in cells:
        exec(compile("".join(cell["source"]), f"{NOTEBOOK.name}", "exec"), namespace)
    assert namespace["summary"]["records"] > 0 and namespace["summary"]["errors"] == 0
    assert len(namespace["articles"]) == namespace["summary"]["records"]
