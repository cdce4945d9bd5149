"""The five kinds of record the log holds, each described once.

A :class:`Kind` says what a person sees of a record (its fields, in the order of the CSV
columns), which field identifies it, what must not be empty, how a message names one, and which
table and columns keep it. The checks, the reading, the writing and the CSV and xlsx files all
take these descriptions from here. No SQLAlchemy: the checks load without it.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field

from ..errors import InvalidValueError, Problem, raise_problems

#: Free text that may run over several lines; every other text field is one line.
MULTILINE = frozenset({"body", "talking_points"})
EMAIL_FIELDS = frozenset({"email"})
TIME_FIELDS = frozenset({"starts_at", "ends_at", "sent_at", "replied_at", "decided_at", "written_at"})
ID_FIELDS = frozenset({"interview_id", "interviewer_id", "note_id"})
#: Whole numbers that are not ids (0 is one): an imported calendar event's SEQUENCE.
NUMBER_FIELDS = frozenset({"calendar_sequence"})


@dataclass(frozen=True, eq=False)
class Kind:
    """One kind of record.

    Attributes
    ----------
    name : str
        The kind and its table (``"notes"``).
    singular : str
        How one record is named in messages, before its key (``"note"`` → "note 12").
    fields : list of str
        What a person sees and types, in the order of the CSV columns.
    key : str
        The field that identifies a record: an id the log gives, or a candidate's name.
    required : tuple of str
        Fields that must not be empty.
    columns : dict
        The column keeping a field, where its name differs from the field's.
    row_id : str
        The column the database identifies a row by (a candidate's number, not their name).
    gets_ids : bool
        Whether the log gives a new record its key (the next free number).
    later : tuple of str
        Fields a later workbook added (an interview's calendar event, a note's messages in
        the person's mail): a CSV file written
        before them may lack their columns, which then read as empty.
    """

    name: str
    singular: str
    fields: list[str]
    key: str
    required: tuple[str, ...]
    columns: dict[str, str] = field(default_factory=dict)
    row_id: str = ""
    gets_ids: bool = True
    later: tuple[str, ...] = ()

    def __post_init__(self):
        if not self.row_id:
            object.__setattr__(self, "row_id", self.key)

    def column(self, field_name: str) -> str:
        """The column that keeps ``field_name``."""
        return self.columns.get(field_name, field_name)

    @property
    def record(self) -> str:
        """What a problem's ``record`` calls one of these ("note", "outcome")."""
        return self.name.removesuffix("s")

    @property
    def times(self) -> tuple[str, ...]:
        return tuple(f for f in self.fields if f in TIME_FIELDS)

    def label(self, key) -> str:
        """One record as a message names it: "interview 12", "candidate 'Maya Okafor'"."""
        return f"{self.singular} {key!r}" if self.name == "candidates" else f"{self.singular} {key}"


CANDIDATES = Kind("candidates", "candidate", ["candidate", "email", "phone", "skills"], key="candidate",
                  required=("candidate",), columns={"candidate": "name"}, row_id="candidate_id", gets_ids=False)
INTERVIEWS = Kind("interviews", "interview",
                  ["interview_id", "candidate", "company", "role", "stage", "timezone", "starts_at", "ends_at",
                   "calendar_uid", "calendar_sequence"],
                  key="interview_id",
                  required=("candidate", "company", "role", "timezone", "starts_at", "ends_at"),
                  later=("calendar_uid", "calendar_sequence"))
INTERVIEWERS = Kind("interviewers", "interviewer",
                    ["interviewer_id", "interview_id", "name", "title", "email", "phone", "talking_points"],
                    key="interviewer_id", required=("interview_id", "name"))
NOTES = Kind("notes", "note", ["note_id", "interviewer_id", "channel", "subject", "body", "sent_at", "replied_at",
                               "sent_message_id", "reply_message_id", "written_at"],
             key="note_id", required=("interviewer_id", "channel"),
             later=("sent_message_id", "reply_message_id", "written_at"))
OUTCOMES = Kind("outcomes", "outcome of interview", ["interview_id", "outcome", "decided_at"], key="interview_id",
                required=("interview_id", "outcome", "decided_at"), gets_ids=False)

#: Every kind by name, in the order records must be written (a record before those that refer to it).
KINDS = {kind.name: kind for kind in (CANDIDATES, INTERVIEWS, INTERVIEWERS, NOTES, OUTCOMES)}


def record_id(value, what: str, text: bool = True) -> int:
    """An id as given (an int, a NumPy integer; with ``text``, also "12") as a plain int, or an
    :class:`~workbook.errors.InvalidValueError` naming ``what`` ("note", "interviewer")."""
    try:
        if isinstance(value, bool) or (isinstance(value, str) and not text):
            raise TypeError
        number = int(str(value).strip()) if isinstance(value, str) else operator.index(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise_problems([Problem(f"{what} {value!r}", f"{what}_id", "is not a whole number above 0",
                                InvalidValueError, what, value)])
    return number
