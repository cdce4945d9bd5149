"""The log's tables, declared once with SQLAlchemy Core.

Instants are stored as UTC (timezone-naive columns that always mean UTC, which reads the same
in SQLite and PostgreSQL); each interview keeps its IANA time zone, so local dates and wall-clock
times are derived, never stored. ``workbook_meta`` holds the schema version and the log's
revision (a number every write transaction raises by one, so that a notebook can tell cheaply
whether another one wrote since it last read).
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    BigInteger,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

from ..vocabulary import CHANNELS, OUTCOMES, POSITIVE_OUTCOMES  # noqa: F401  (the log's words)

#: The version of the tables below. A log written with a higher number is refused; one with a
#: lower number is upgraded when opened (see workbook.store.migrations, which lists the versions).
SCHEMA_VERSION = 6


class UTCDateTime(TypeDecorator):
    """An aware instant, stored as naive UTC and read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the log stores time-zone-aware instants only")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=timezone.utc)


def stored_instants(instants):
    """A column of aware instants as the UTC column stores them in SQLite, all at once
    ("2026-09-14 15:00:00.000000", the text SQLAlchemy's DateTime writes); None where missing.

    Arrow writes a microsecond timestamp as text in exactly that form, in C.
    """
    import pandas as pd
    import pyarrow as pa

    instants = pd.Series(instants)
    utc = instants.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[us]")
    text = pa.array(utc, type=pa.timestamp("us"), from_pandas=True).cast(pa.string())
    return pd.Series(text.to_numpy(zero_copy_only=False), index=instants.index, dtype=object)


#: An id: 64 bits on both backends (SQLite's INTEGER is; PostgreSQL's integer is 32), so an id
#: of up to 18 digits, imported from elsewhere, is kept exactly.
ID = Integer().with_variant(BigInteger(), "postgresql")

metadata = MetaData()

#: The key of the log's revision in ``workbook_meta``: raised by one by every write transaction
#: (a log that has never been written to since this key was introduced has none: revision 0).
REVISION_KEY = "revision"

workbook_meta = Table(
    "workbook_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

candidates = Table(
    "candidates",
    metadata,
    Column("candidate_id", ID, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("email", Text),
    Column("phone", Text),
    # Skills as the person lists them, separated by ";".
    Column("skills", Text),
)

interviews = Table(
    "interviews",
    metadata,
    Column("interview_id", ID, primary_key=True, autoincrement=False),
    Column("candidate_id", ID, ForeignKey("candidates.candidate_id"), nullable=False, index=True),
    Column("company", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("stage", Text),
    Column("timezone", Text, nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime, nullable=False),
    # Since version 4: the calendar event the interview was imported from (its UID, kept so
    # that importing the same invitation again changes nothing) and the event's SEQUENCE as
    # imported (a higher one is an update: the meeting was moved). Both empty for an interview
    # typed in.
    Column("calendar_uid", Text, index=True),
    Column("calendar_sequence", Integer),
    CheckConstraint("ends_at > starts_at", name="ends_after_start"),
)

interviewers = Table(
    "interviewers",
    metadata,
    Column("interviewer_id", ID, primary_key=True, autoincrement=False),
    Column("interview_id", ID, ForeignKey("interviews.interview_id"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("title", Text),
    Column("email", Text),
    Column("phone", Text),
    Column("talking_points", Text),
)

notes = Table(
    "notes",
    metadata,
    Column("note_id", ID, primary_key=True, autoincrement=False),
    Column("interviewer_id", ID, ForeignKey("interviewers.interviewer_id"), nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("subject", Text),
    Column("body", Text, nullable=False),
    Column("sent_at", UTCDateTime),
    Column("replied_at", UTCDateTime),
    # Since version 5: the sent message a note's sending time was measured from (its
    # Message-ID, or a digest of a message without one), and the reply's, when they were read
    # from the person's mail; empty for times a person recorded by hand.
    Column("sent_message_id", Text),
    Column("reply_message_id", Text),
    # Since version 6: when the note's text was last saved (empty for notes saved before, and
    # for notes imported from CSV without it), so that a session can show the drafts written
    # that day.
    Column("written_at", UTCDateTime),
    CheckConstraint(f"channel IN {CHANNELS!r}", name="known_channel"),
    # Since version 2 the database itself keeps the rule the workbook checks: a reply only to
    # a sent note, and never before it was sent. (Instants are text of one fixed form in
    # SQLite, so the text compares as the instants do.)
    CheckConstraint("replied_at IS NULL OR (sent_at IS NOT NULL AND replied_at >= sent_at)",
                    name="reply_after_sending"),
)

outcomes = Table(
    "outcomes",
    metadata,
    Column("interview_id", ID, ForeignKey("interviews.interview_id"), primary_key=True, autoincrement=False),
    Column("outcome", String(16), nullable=False),
    Column("decided_at", UTCDateTime, nullable=False),
    CheckConstraint(f"outcome IN {OUTCOMES!r}", name="known_outcome"),
)

#: The table of each kind of record (see :mod:`workbook.store.kinds`).
TABLES = {
    "candidates": candidates,
    "interviews": interviews,
    "interviewers": interviewers,
    "notes": notes,
    "outcomes": outcomes,
}
