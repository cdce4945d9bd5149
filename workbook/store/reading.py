"""Reading the log into DataFrames: each kind's rows with the fields a person sees, instants as
time-zone-aware UTC columns, and the few joined reads the rest of the workbook needs.

Every function takes an open connection (:meth:`Database.reading
<workbook.store.engine.Database.reading>`, or the one a write holds), so a write's checks read
what the write itself sees.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import String, func, select, type_coerce

from ..instants import UNIT
from ..vocabulary import FINAL_OUTCOMES
from . import schema
from .kinds import ID_FIELDS, KINDS, NUMBER_FIELDS, TIME_FIELDS

#: Above this many keys a look-up reads the whole column instead of a long IN list.
IN_LIST_LIMIT = 900


def select_kind(kind: str):
    """A SELECT of one kind's rows, with the fields of :data:`KINDS` (plus ``candidate_id`` for
    candidates and interviews)."""
    description, table = KINDS[kind], schema.TABLES[kind]
    columns = []
    for name in description.fields:
        if kind == "interviews" and name == "candidate":
            column = schema.candidates.c.name
        else:
            column = table.c[description.column(name)]
        if isinstance(column.type, schema.UTCDateTime):
            # Read the stored text as it is; pandas turns a whole column into instants
            # at once, much faster than one datetime object per value.
            column = type_coerce(column, String)
        columns.append(column.label(name))
    if kind == "candidates":
        return select(*columns, table.c.candidate_id)
    if kind == "interviews":
        return select(*columns, table.c.candidate_id).join_from(table, schema.candidates)
    return select(*columns)


def query(conn, statement) -> pd.DataFrame:
    """Run a SELECT into a DataFrame.

    On SQLite the statement, compiled by SQLAlchemy with its parameters bound, runs on the
    driver's own connection: pandas then reads rows without building SQLAlchemy row objects,
    twice as fast on large logs. Other databases go through SQLAlchemy.
    """
    if conn.dialect.name != "sqlite":
        return pd.read_sql(statement, conn)
    compiled = statement.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    return pd.read_sql_query(str(compiled), conn.connection.driver_connection, params=params)


def as_instants(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """Turn stored UTC instants (text in SQLite, naive timestamps in PostgreSQL) into
    time-zone-aware columns, all at once."""
    for name in columns:
        frame[name] = pd.to_datetime(frame[name], utc=True, format="ISO8601").astype(f"datetime64[{UNIT}, UTC]")
    return frame


def kind_frame(conn, statement, kind: str) -> pd.DataFrame:
    """The rows of a SELECT of :func:`select_kind`, typed as a person sees them."""
    frame = query(conn, statement)
    as_instants(frame, KINDS[kind].times)
    for name in KINDS[kind].fields:
        if name in NUMBER_FIELDS:
            frame[name] = frame[name].astype("Int64")
        elif name not in TIME_FIELDS and name not in ID_FIELDS:
            frame[name] = frame[name].astype("str")  # missing text reads as NaN throughout
    return frame


def read_kind(conn, kind: str) -> pd.DataFrame:
    """Every record of one kind, in the order the log gave them."""
    description, table = KINDS[kind], schema.TABLES[kind]
    statement = select_kind(kind).order_by(table.c[description.row_id] if kind == "candidates" else table.c[description.key])
    return kind_frame(conn, statement, kind)[description.fields]


def rows_where(conn, kind: str, key_field: str, keys) -> pd.DataFrame:
    """The records of ``kind`` whose ``key_field`` is one of ``keys`` (an array)."""
    statement = select_kind(kind)
    if len(keys) <= IN_LIST_LIMIT:
        column = statement.selected_columns[key_field]
        statement = statement.where(column.in_([k.item() if hasattr(k, "item") else k for k in keys]))
        return kind_frame(conn, statement, kind)
    frame = kind_frame(conn, statement, kind)
    if not len(frame):  # nothing to pick from (and no table of the keys to build)
        return frame
    return frame[frame[key_field].isin(keys)]  # keys stay an array: no Python list of them


def followup_rows(conn) -> pd.DataFrame:
    """Each person met with their interview, candidate, first sent note's time and the time of
    the interview's final outcome (if one is recorded; see :data:`~workbook.vocabulary.FINAL_OUTCOMES`): what
    :func:`workbook.followups` needs, in one query (the earliest sending is found by the
    database)."""
    i, iv, c, n = schema.interviewers, schema.interviews, schema.candidates, schema.notes
    first_sent = (
        select(n.c.interviewer_id, func.min(n.c.sent_at).label("sent_at"))
        .where(n.c.sent_at.is_not(None))
        .group_by(n.c.interviewer_id)
        .subquery()
    )
    o = schema.outcomes
    statement = (
        select(iv.c.interview_id, i.c.interviewer_id, c.c.name.label("candidate"), iv.c.company, iv.c.role,
               i.c.name.label("interviewer"), iv.c.timezone,
               type_coerce(iv.c.starts_at, String).label("started_at"),
               type_coerce(iv.c.ends_at, String).label("ended_at"),
               type_coerce(first_sent.c.sent_at, String).label("sent_at"),
               type_coerce(o.c.decided_at, String).label("outcome_at"))
        .join_from(i, iv).join(c)
        .outerjoin(first_sent, first_sent.c.interviewer_id == i.c.interviewer_id)
        .outerjoin(o, (o.c.interview_id == iv.c.interview_id) & o.c.outcome.in_(FINAL_OUTCOMES))
    )
    return as_instants(query(conn, statement), ["started_at", "ended_at", "sent_at", "outcome_at"])


def count(conn, kind: str) -> int:
    """How many records of ``kind`` the log holds."""
    return conn.execute(select(func.count()).select_from(schema.TABLES[kind])).scalar()


def zone_of_note(conn, note_id: int) -> str | None:
    """The time zone of the interview a note's person was met at."""
    return conn.execute(
        select(schema.interviews.c.timezone)
        .join_from(schema.notes, schema.interviewers)
        .join(schema.interviews)
        .where(schema.notes.c.note_id == note_id)
    ).scalar()


def schema_version(conn) -> int | None:
    """The version of the tables the log is stored in (None when it is not a log)."""
    value = conn.execute(
        select(schema.workbook_meta.c.value).where(schema.workbook_meta.c.key == "schema_version")
    ).scalar()
    return int(value) if value is not None and str(value).isdigit() else None
