"""The notebooks on a person's own, still empty log: a friendly next step, never an error.

(Strict nbval checks them on the sample log; this runs them on an empty one.)
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_notebook_runs_on_an_empty_log(path, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_LOG", str(tmp_path / "empty.sqlite"))
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()  # raises on any error
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    text = "\n".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in outputs)
    if path.stem == "00-start-here":
        # What to do first, and what the log holds said in words: no table of headings over nothing.
        assert "Your log is empty. Start with 01-log-an-interview: log the interview you just had" in text
        assert "Nothing in your log yet: no interviews, no notes." in text
        assert "(see below)" not in text
    if path.stem == "01-log-an-interview":
        assert "No interviews logged yet: log your first one with the interview form" in text
    if path.stem == "04-my-follow-up-habits":
        assert "No note is due yet" in text
    if path.stem == "05-coach-cohort-review":
        assert "No interviews yet: the trend starts with your first interview." in text
        assert "NaN" not in text
