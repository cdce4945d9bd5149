"""Follow-up Workbook: send a good thank-you note to every person met in an interview, within
24 hours, and learn from your own follow-up habits.

The package holds the logic the notebooks call:

- :func:`open_log` opens the interview log (a SQLite file by default) as a :class:`Log`;
- :func:`compose_note` drafts a short, specific note to one person, and :func:`review_note`
  checks a note against the guideline, as a checklist with advice;
- :func:`followups` tells, for every person met, when the note is due, how fast it went out
  and its follow-up status;
- every error a user can cause is a :class:`WorkbookError` naming the row and the field.

Importing it loads neither matplotlib nor ipywidgets: the charts and widgets load on first use.
"""

from .errors import (
    CsvImportError,
    DuplicateIdError,
    InvalidTimeError,
    InvalidValueError,
    LogUnavailableError,
    RecordInUseError,
    SchemaVersionError,
    TimeOrderError,
    UnknownOutcomeError,
    UnknownRecordError,
    UnknownTimeZoneError,
    WorkbookError,
)
from . import habits, times, views
from .compose import compose_note
from .log import Log, open_log
from .review import review_note
from .schema import CHANNELS, OUTCOMES, POSITIVE_OUTCOMES
from .timing import STATUSES, followups

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


def sample_log(path) -> Log:
    """A new log at ``path`` holding the sample cohort (the file must not exist yet).

    What the tests and the notebooks' stored outputs run on:
    ``WORKBOOK_LOG=<path> WORKBOOK_NOW=2026-11-20T17:00:00+00:00``.
    """
    from pathlib import Path

    if Path(path).exists():
        raise InvalidValueError(f"{path} exists already: the sample goes into a new log (open the one "
                                "there with workbook.open_log, or choose another name)")
    log = open_log(path)
    load_sample(log)
    return log


def load_sample(log: Log) -> dict[str, int]:
    """Import the shipped sample coaching cohort (``data/sample``) into ``log``.

    ``workbook.load_sample(workbook.open_log("try.sqlite"))`` gives a log to explore; look at
    it with ``now`` set to ``workbook.sample.SAMPLE_NOW`` to see every follow-up status.
    """
    from .config import SAMPLE_DIR

    return log.import_csv(SAMPLE_DIR)
