"""Follow-up Workbook: send a good thank-you note to every person met in an interview, within
24 hours, and learn from your own follow-up habits.

The package holds the logic the notebooks call:

- :func:`open_log` opens the interview log (a SQLite file by default) as a :class:`Log`;
- :func:`compose_note` drafts a short, specific note to one person, and :func:`review_note`
  checks a note against the guideline, as a checklist with advice;
- :func:`followups` tells, for every person met, when the note is due, how fast it went out
  and its follow-up status;
- every error a user can cause is a :class:`WorkbookError` naming the row and the field.

Importing it loads neither matplotlib nor ipywidgets, and SQLAlchemy only with the first
:func:`open_log`: the charts, the widgets and the log load on first use.
"""

import importlib

from .errors import (
    CsvImportError,
    DuplicateIdError,
    InvalidTimeError,
    InvalidValueError,
    LogUnavailableError,
    LogUpgradeError,
    RecordInUseError,
    SchemaVersionError,
    TimeOrderError,
    UnknownOutcomeError,
    UnknownRecordError,
    UnknownTimeZoneError,
    WorkbookError,
)
from . import habits, times
from .timing import STATUSES, followups
from .vocabulary import CHANNELS, OUTCOMES, POSITIVE_OUTCOMES

# What needs SQLAlchemy (the log, and what reads a note's context from it) loads on first use,
# so that ``import workbook`` costs little more than ``import pandas``.
_LAZY = {
    "Log": ("log", "Log"),
    "open_log": ("log", "open_log"),
    "compose_note": ("compose", "compose_note"),
    "review_note": ("review", "review_note"),
}


def __getattr__(name: str):
    if name in _LAZY:
        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(f".{module}", __name__), attribute)
        globals()[name] = value
        return value
    if name in ("views", "charts", "ui", "sample", "csvio", "handoff", "review", "compose", "log", "schema", "migrations"):
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))


__version__ = "0.1.0"

__all__ = [
    "CHANNELS",
    "OUTCOMES",
    "POSITIVE_OUTCOMES",
    "STATUSES",
    "CsvImportError",
    "DuplicateIdError",
    "InvalidTimeError",
    "InvalidValueError",
    "Log",
    "LogUnavailableError",
    "LogUpgradeError",
    "RecordInUseError",
    "SchemaVersionError",
    "TimeOrderError",
    "UnknownOutcomeError",
    "UnknownRecordError",
    "UnknownTimeZoneError",
    "WorkbookError",
    "compose_note",
    "followups",
    "load_sample",
    "sample_log",
    "open_log",
    "review_note",
]


def sample_log(path) -> "Log":
    """A new log at ``path`` holding the sample cohort (the file must not exist yet).

    What the tests and the notebooks' stored outputs run on:
    ``WORKBOOK_LOG=<path> WORKBOOK_NOW=2026-11-20T17:00:00+00:00``.
    """
    from pathlib import Path

    if Path(path).exists():
        raise InvalidValueError(f"{path} exists already: the sample goes into a new log (open the one "
                                "there with workbook.open_log, or choose another name)")
    from .log import open_log

    log = open_log(path)
    load_sample(log)
    return log


def load_sample(log: "Log") -> dict[str, int]:
    """Import the shipped sample coaching cohort (``data/sample``) into ``log``.

    ``workbook.load_sample(workbook.open_log("try.sqlite"))`` gives a log to explore; look at
    it with ``now`` set to ``workbook.sample.SAMPLE_NOW`` to see every follow-up status.
    """
    from .config import SAMPLE_DIR

    return log.import_csv(SAMPLE_DIR)
