"""Set before any test, and any notebook kernel pytest starts, runs: nothing here may ever read
or write the person's own log.

The notebooks run on a fresh copy of the sample log, with "now" at the sample's documented
instant, as their stored outputs were made (scripts/execute_notebooks.py does the same); the
kernels nbval starts inherit these variables.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import workbook
from workbook.sample import SAMPLE_NOW

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="workbook-notebooks-"))
atexit.register(shutil.rmtree, _SESSION_DIR, ignore_errors=True)
workbook.sample_log(_SESSION_DIR / "sample-log.sqlite").close()
os.environ["WORKBOOK_LOG"] = str(_SESSION_DIR / "sample-log.sqlite")
os.environ["WORKBOOK_NOW"] = SAMPLE_NOW
os.environ.pop("MPLBACKEND", None)  # the kernels must draw inline, as when the outputs were stored
