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
#: Environment variable giving the IMAP password of a sent-mail import when none is typed
#: (read at the import, never stored).
IMAP_PASSWORD_ENV = "WORKBOOK_IMAP_PASSWORD"

#: The repository's root (the package is used from a checkout, installed in editable mode).
REPO_ROOT = Path(__file__).resolve().parent.parent
#: The sample coaching cohort shipped with the repository, in the CSV format.
SAMPLE_DIR = REPO_ROOT / "data" / "sample"
#: The project's notebooks: templates (and tests, stored executed) that a person's workspace
#: is copied from, never opened by ``./open-workbook`` itself.
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
#: Settings of the workbook's own JupyterLab (no news question), shipped with the repository.
LAB_SETTINGS_FILE = REPO_ROOT / "jupyterlab-settings" / "followup-workbook.json"

#: File name of the log inside the user's data folder.
LOG_FILE_NAME = "followup-log.sqlite"
#: Folder name of the person's own notebooks (their workspace) inside the user's data folder.
WORKSPACE_DIR_NAME = "notebooks"


def data_folder() -> Path:
    """The user's data folder, as platformdirs defines it: on Linux
    ``~/.local/share/followup-workbook`` (or under ``$XDG_DATA_HOME``), on macOS
    ``~/Library/Application Support/followup-workbook``, on Windows
    ``%LOCALAPPDATA%\\followup-workbook``."""
    from platformdirs import user_data_path

    return user_data_path("followup-workbook", appauthor=False)


def default_log_path() -> Path:
    """The log used when no target and no ``$WORKBOOK_LOG`` is given.

    It lives in the user's data folder, as platformdirs defines it: on Linux
    ``~/.local/share/followup-workbook/followup-log.sqlite``, on macOS
    ``~/Library/Application Support/followup-workbook/``, on Windows
    ``%LOCALAPPDATA%\\followup-workbook\\``.
    """
    return data_folder() / LOG_FILE_NAME


def default_workspace_path() -> Path:
    """The person's own notebooks when ``./open-workbook`` is given no ``--workspace``: the
    folder ``notebooks`` in the user's data folder, beside the default log.

    It stays there when ``$WORKBOOK_LOG`` names another file or a PostgreSQL URL: a log can
    be anywhere (even in this repository, or on a server), the person's notebooks stay in
    their data folder, never among the project's files.
    """
    return data_folder() / WORKSPACE_DIR_NAME


def log_target_from_env() -> str | None:
    """The log named by ``$WORKBOOK_LOG``, or None when it is unset or empty."""
    return os.environ.get(LOG_ENV) or None


def now_from_env() -> str | None:
    """The fixed "now" named by ``$WORKBOOK_NOW``, or None when it is unset or empty."""
    return os.environ.get(NOW_ENV) or None
