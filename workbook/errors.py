"""The workbook's errors: one family, each naming the row and the field that is wrong.

Every error a user can cause (a malformed time, an unknown time zone, a note "sent" before its
interview ended, a broken CSV row) is a :class:`WorkbookError`. Its ``problems`` list says,
for each thing that is wrong, where (the row: ``interview 12``, ``interviews.csv line 7``, or
a person by name where a person reads it: ``Ana Lima``), which field, and why, in words a
coach understands. Widgets show ``str(error)``; programs read ``record``, ``key`` and
``field``, which keep the ids.
"""

from __future__ import annotations

from dataclasses import dataclass

#: How many problems an error message lists before it says "and N more".
MESSAGE_PROBLEMS = 20


class WorkbookError(Exception):
    """Base of every error the workbook raises about its input or its log.

    Attributes
    ----------
    problems : list of Problem
        Everything found wrong, in order. Empty for errors that are not about one row.
    row : str or None
        Where the first problem is (``"interview 12"``, ``"notes.csv line 9"``).
    field : str or None
        The field of the first problem (``"ends_at"``).
    record, key : str or None, object
        What the first problem is about, for a program (a widget) to point at it without
        reading the text: the kind of record and its id (``"interview", 12``), the position of
        a person given to :meth:`~workbook.store.log.Log.add_interview` (``"person", 2``), or
        the file and line of an import (``"notes.csv", 9``). None where not known.
    """

    def __init__(self, message: str, problems: list[Problem] | tuple[Problem, ...] = ()):
        super().__init__(message)
        self.problems = list(problems)

    @property
    def row(self) -> str | None:
        return self.problems[0].row if self.problems else None

    @property
    def field(self) -> str | None:
        return self.problems[0].field if self.problems else None

    @property
    def record(self) -> str | None:
        return self.problems[0].record if self.problems else None

    @property
    def key(self):
        return self.problems[0].key if self.problems else None


class InvalidValueError(WorkbookError):
    """A value is missing, malformed or not one of the allowed choices."""


class UnknownTimeZoneError(InvalidValueError):
    """A time zone is not an IANA name such as ``Europe/Berlin``."""


class InvalidTimeError(InvalidValueError):
    """A time is not ISO 8601, has no time zone where one is needed, or does not exist locally."""


class UnknownOutcomeError(InvalidValueError):
    """An outcome is not one of ``next_round, offer, rejected, no_response, withdrew``."""


class TimeOrderError(WorkbookError):
    """Times are in an impossible order: an interview ending before it starts, a note sent
    before its interview ended, a reply before the note was sent."""


class UnknownRecordError(WorkbookError):
    """A candidate, interview, interviewer or note that the log does not hold."""


class DuplicateIdError(WorkbookError):
    """An id (or a candidate's name) that the log or the same import already holds."""


class RecordInUseError(WorkbookError):
    """A removal that would also remove other records, asked for without ``cascade=True``."""


class CsvImportError(WorkbookError):
    """A CSV folder that cannot be imported; nothing was written. ``problems`` lists every
    bad file, line and field."""


class CalendarImportError(WorkbookError):
    """A calendar file (``.ics``) that cannot be read: unreadable, a broken date, an unknown
    time zone. Nothing was written. ``problems`` names the file, the event (its summary and
    UID) and the line where it can."""


class MailImportError(WorkbookError):
    """Mail that cannot be read at all: a source that does not exist or is not a mailbox, an
    IMAP server that cannot be reached, refuses the login or drops the connection, a
    certificate that cannot be verified. Nothing was written. The password is never in the
    message. (One message that cannot be read is skipped and counted, not an error.)"""


class ReportError(WorkbookError):
    """The session report could not be made: an unknown candidate, an unknown file type, the
    report notebook stopped, no Chromium to print a PDF with. The message is one line."""


class LogUnavailableError(WorkbookError):
    """The database could not do a write (locked by another writer for too long, a full disk,
    a lost connection); nothing was changed."""


class LogPermissionError(WorkbookError):
    """The database role the log is opened with may not do what was asked (create the log's
    tables in an empty database, write to them): a practice's database owner grants it."""


class SchemaVersionError(WorkbookError):
    """The log was written by a newer version of the workbook, or is not a workbook log."""


class LogUpgradeError(SchemaVersionError):
    """A log written by an older workbook could not be upgraded to today's tables; it is
    unchanged (and the copy made before trying is removed again). ``problems`` lists the
    records in the way, if records are what stands in the way."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, which field, why, and which error it is.

    ``row`` says where in words; ``record`` and ``key`` say it for a program (see
    :class:`WorkbookError`). ``text``, when given, is the whole problem as the sentence a
    person reads ("Ana Lima's email address is missing: ..."), where "row, field: reason"
    would not read well; ``str()`` gives it, and the other fields still say the same to a
    program.
    """

    row: str
    field: str
    reason: str
    kind: type[WorkbookError] = InvalidValueError
    record: str | None = None
    key: object = None
    text: str = ""

    def __str__(self) -> str:
        return self.text or f"{self.row}, {self.field}: {self.reason}"


def describe(problems: list[Problem], limit: int = MESSAGE_PROBLEMS) -> str:
    """Problems as lines of text, the first ``limit`` of them and a count of the rest."""
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit} more")
    return "\n".join(lines)


def raise_problems(problems: list[Problem]) -> None:
    """Raise the error for ``problems`` (of the first problem's kind), or return if none.

    One problem reads as one sentence; several are listed one per line.
    """
    if not problems:
        return
    if len(problems) == 1:
        message = str(problems[0])
    else:
        message = f"{len(problems)} problems:\n" + describe(problems)
    raise problems[0].kind(message, problems)
