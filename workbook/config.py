"""Where things live and which settings the workbook reads from the environment.

One module owns the paths and the environment variables, so that the notebooks, the
tests and the package agree on them.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable naming the log to open when none is given (a path or a SQLAlchemy URL).
LOG_ENV = "WORKBOOK_LOG"
#: Environment variable fixing "now" (ISO 8601 with a UTC offset), for reproducible results.
NOW_ENV = "WORKBOOK_NOW"

#: The repository's root (the package is used from a checkout, installed in editable mode).
REPO_ROOT = Path(__file__).resolve().parent.parent
#: The sample coaching cohort shipped with the repository, in the CSV format.
SAMPLE_DIR = REPO_ROOT / "data" / "sample"

#: File name of the log inside the user's data folder.
LOG_FILE_NAME = "followup-log.sqlite"


def default_log_path() -> Path:
    """The log used when no target and no ``$WORKBOOK_LOG`` is given.

    It lives in the user's data folder, as platformdirs defines it: on Linux
    ``~/.local/share/followup-workbook/followup-log.sqlite``, on macOS
    ``~/Library/Application Support/followup-workbook/``, on Windows
    ``%LOCALAPPDATA%\\followup-workbook\\``.
    """
    from platformdirs import user_data_path

    return user_data_path("followup-workbook", appauthor=False) / LOG_FILE_NAME


def log_target_from_env() -> str | None:
    """The log named by ``$WORKBOOK_LOG``, or None when it is unset or empty."""
    return os.environ.get(LOG_ENV) or None


def now_from_env() -> str | None:
    """The fixed "now" named by ``$WORKBOOK_NOW``, or None when it is unset or empty."""
    return os.environ.get(NOW_ENV) or None
