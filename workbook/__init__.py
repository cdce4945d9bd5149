"""Follow-up Workbook: send a good thank-you note to every person met in an interview, within
24 hours, and learn from your own follow-up habits.

The package holds the logic the notebooks call, in four parts, one concept each:

- :mod:`workbook.store` — the log: its database (SQLite or PostgreSQL), checks, reading, the
  one write transaction every way in uses, CSV and xlsx;
- :mod:`workbook.notes` — a note to one person: its context, composing, review, the mail program;
- :mod:`workbook.habits` — follow-up timing, the habits analysis, the tables and the charts;
- :mod:`workbook.ui` — the widgets (ipywidgets), a thin layer over the rest.

What a person calls most:

- :func:`open_log` opens the interview log (a SQLite file by default) as a :class:`Log`;
- :func:`compose_note` drafts a short, specific note to one person, and :func:`review_note`
  checks a note against the guideline, as a checklist with advice;
- :func:`read_calendar` reads interviews from calendar files (``.ics``), and
  :meth:`Log.import_calendar <workbook.store.log.Log.import_calendar>` brings them into the log;
- :func:`read_sent_mail` finds in the person's sent mail when each note really went out and
  who replied, and :meth:`Log.import_sent_mail <workbook.store.log.Log.import_sent_mail>`
  records it;
- :func:`followups` tells, for every person met, when the note is due, how fast it went out
  and its follow-up status;
- every error a user can cause is a :class:`WorkbookError` naming the row and the field.

Importing it loads neither matplotlib nor ipywidgets, and SQLAlchemy only with the first
:func:`open_log`: the charts, the widgets and the log load on first use.
"""

import importlib

from .errors import (
    CalendarImportError,
    CsvImportError,
    DuplicateIdError,
    InvalidTimeError,
    InvalidValueError,
    LogPermissionError,
    LogUnavailableError,
    LogUpgradeError,
    MailImportError,
    RecordInUseError,
    ReportError,
    SchemaVersionError,
    TimeOrderError,
    UnknownOutcomeError,
    UnknownRecordError,
    UnknownTimeZoneError,
    WorkbookError,
)
from . import habits, instants
from .habits.followup_table import STATUSES, followups
from .sample import load_sample, sample_log
from .vocabulary import CHANNELS, OUTCOMES, POSITIVE_OUTCOMES

# What needs SQLAlchemy (the log, and what reads a note's context from it) loads on first use,
# so that ``import workbook`` costs little more than ``import pandas``.
_LAZY = {
    "Log": ("store", "Log"),
    "open_log": ("store", "open_log"),
    "compose_note": ("notes", "compose_note"),
    "review_note": ("notes", "review_note"),
    "read_calendar": ("calendar", "read_calendar"),
    "read_sent_mail": ("mail", "read_sent_mail"),
}


def __getattr__(name: str):
    if name in _LAZY:
        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(f".{module}", __name__), attribute)
        globals()[name] = value
        return value
    if name in ("store", "notes", "ui", "sample", "calendar", "mail"):
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
    "CalendarImportError",
    "CsvImportError",
    "DuplicateIdError",
    "InvalidTimeError",
    "InvalidValueError",
    "Log",
    "LogPermissionError",
    "LogUnavailableError",
    "LogUpgradeError",
    "MailImportError",
    "RecordInUseError",
    "ReportError",
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
    "read_calendar",
    "read_sent_mail",
    "review_note",
]

