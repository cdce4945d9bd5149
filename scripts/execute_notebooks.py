"""Run every notebook from top to bottom and store its outputs: the outputs strict nbval
compares against when the tests run.

They run as the tests run them: on a fresh copy of the sample log (``WORKBOOK_LOG``) with
"now" at the sample's documented instant (``WORKBOOK_NOW``). Run it after changing a notebook
or what a notebook shows:

    .venv/bin/python scripts/execute_notebooks.py [NOTEBOOK ...]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import workbook
from workbook.sample import SAMPLE_NOW

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def execute(paths: list[Path]) -> None:
    # The same folder name as the tests use, so that the sanitize file hides the same path.
    with tempfile.TemporaryDirectory(prefix="workbook-notebooks-") as folder:
        log_path = Path(folder) / "sample-log.sqlite"
        workbook.sample_log(log_path).close()
        os.environ["WORKBOOK_LOG"] = str(log_path)
        os.environ["WORKBOOK_NOW"] = SAMPLE_NOW
        os.environ.pop("MPLBACKEND", None)  # the kernel must draw inline, as under nbval
        for path in paths:
            print(f"running {path.name} ...", flush=True)
            notebook = nbformat.read(path, as_version=4)
            NotebookClient(notebook, timeout=600, kernel_name="python3",
                           resources={"metadata": {"path": str(path.parent)}}).execute()
            nbformat.write(notebook, path)


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    execute(paths)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
