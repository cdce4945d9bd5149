"""The interview log: candidates, interviews, the people met, thank-you notes and outcomes.

A log is a real database, a SQLite file by default (one portable file, transactional), reached
through SQLAlchemy so that a PostgreSQL URL can serve a coaching practice sharing one log.
People see it as pandas DataFrames; they change it through :class:`Log`'s methods, each of
which is one transaction: a write that is refused leaves the log exactly as it was.
"""

from __future__ import annotations

import operator
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

import pandas as pd
from sqlalchemy import (
    Engine,
    String,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
    type_coerce,
    update,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from .. import config
from . import schema
from ..errors import (
    InvalidTimeError,
    InvalidValueError,
    LogUnavailableError,
    Problem,
    RecordInUseError,
    SchemaVersionError,
    TimeOrderError,
    UnknownRecordError,
    WorkbookError,
    raise_problems,
)
from .checks import FIELDS, KEYS, SINGULAR, Context, prepare
from ..instants import UNIT, parse_instants, resolve_now

#: How long a write waits for another writer (another notebook) before giving up, in seconds.
BUSY_TIMEOUT = 30

_TABLES = {
    "candidates": schema.candidates,
    "interviews": schema.interviews,
    "interviewers": schema.interviewers,
    "notes": schema.notes,
    "outcomes": schema.outcomes,
}
# Which field of a kind's rows is stored in which column, where the names differ.
_COLUMN_OF = {"candidates": {"candidate": "name"}}
# Above this many keys a look-up reads the whole column instead of a long IN list.
_IN_LIST_LIMIT = 900


def open_log(target: str | Path | None = None) -> "Log":
    """Open (or create) an interview log.

    Parameters
    ----------
    target : str or Path, optional
        A file path (a SQLite file, created if missing) or a SQLAlchemy URL such as
        ``postgresql+psycopg://coach@host/practice``. When omitted: ``$WORKBOOK_LOG`` if set,
        else ``followup-log.sqlite`` in the user's data folder (see
        :func:`workbook.config.default_log_path`).

    Raises
    ------
    SchemaVersionError
        The database was written by a newer version of the workbook, or is not a log.
    """
    if target is None:
        target = config.log_target_from_env()
    if target is None:
        path = config.default_log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        target = path
    return Log(target)


def _url(target: str | Path) -> URL:
    text = str(target)
    if "://" in text:
        try:
            return make_url(text)
        except ArgumentError as error:
            raise InvalidValueError(f"{text!r} is not a database URL: {error}") from None
    path = Path(text).expanduser().resolve()
    if not path.parent.is_dir():
        raise InvalidValueError(f"cannot keep a log at {path}: the folder {path.parent} does not exist")
    return URL.create("sqlite", database=str(path))


def _sqlite_engine(url: URL) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, say when a transaction begins (see "begin").
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        # The write-ahead log lets a notebook read while another writes, and survives a crash.
        cursor.execute("PRAGMA journal_mode = WAL")
        # Each commit synced to disk before the call returns: a saved note survives a crash of
        # the machine, not only of the notebook (whatever the SQLite build's default is).
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT * 1000:d}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A write takes the write lock at once, so that what it checked is still true when it
        # writes, even with another notebook writing to the same log.
        if connection.get_execution_options().get("workbook_write"):
            _begin_writing(connection)
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def _begin_writing(connection) -> None:
    """Take the log's write lock, waiting for other writers as long as they make progress.

    SQLite's wait is no queue: a notebook saving one record after another can take the lock
    again and again before a waiting one wakes up. So a wait that times out while others
    committed (``PRAGMA data_version`` moved) starts again; a write fails only after
    BUSY_TIMEOUT seconds in which no one wrote anything, a log that is stuck.
    """
    seen = connection.exec_driver_sql("PRAGMA data_version").scalar()
    while True:
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as error:
            if not _is_busy(error):
                raise
            version = connection.exec_driver_sql("PRAGMA data_version").scalar()
            if version == seen:
                raise
            seen = version


def _is_busy(error: DBAPIError) -> bool:
    """Whether SQLite said the log is busy (or locked): another connection holds it."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)  # any extended code


class Log:
    """One interview log. Create it with :func:`open_log`.

    Reading: :meth:`candidates`, :meth:`interviews`, :meth:`interviewers`, :meth:`notes` and
    :meth:`outcomes` return DataFrames whose times are time-zone-aware UTC instants (each
    interview's ``timezone`` says where it happened).

    Writing: ``add_*``, ``change_*`` and ``remove_*`` for each kind of record, plus
    :meth:`mark_sent` and :meth:`mark_replied`. Times may be aware datetimes or ISO 8601
    text; a time without a UTC offset is a wall-clock time in the interview's time zone.
    Each call is one transaction; a refused one raises a :class:`~workbook.WorkbookError`
    naming the record and the field, and changes nothing.

    A log written by an older workbook is upgraded when it is opened (see
    :mod:`workbook.store.migrations`); ``backup_path`` is then the copy of the SQLite file made just
    before, otherwise None.
    """

    def __init__(self, target: str | Path):
        url = _url(target)
        self.url = url
        self.backup_path: Path | None = None
        try:
            if url.get_backend_name() == "sqlite":
                self._engine = _sqlite_engine(url)
            else:
                self._engine = create_engine(url)
            self._writer = self._engine.execution_options(workbook_write=True)
            self._prepare_schema()
        except DBAPIError as error:
            self._engine.dispose()
            where = url.render_as_string(hide_password=True)
            if _is_busy(error):  # another notebook holding the log: wait, not a wrong file
                raise LogUnavailableError(
                    f"cannot open {where} now: another notebook kept writing to it for {BUSY_TIMEOUT} s; "
                    "try again in a moment",
                    [Problem(where, "(database)", str(error.orig), LogUnavailableError)],
                ) from None
            raise SchemaVersionError(f"cannot open {where} as a log: {error.orig}") from None
        except BaseException:
            if hasattr(self, "_engine"):
                self._engine.dispose()
            raise

    def __repr__(self) -> str:
        return f"Log({self.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        """Release the database connections (the log itself stays on disk)."""
        self._engine.dispose()

    def __enter__(self) -> "Log":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------

    def _prepare_schema(self) -> None:
        with self._writer.begin() as conn:
            tables = set(inspect(conn).get_table_names())
            if not tables:
                schema.metadata.create_all(conn)
                conn.execute(
                    schema.workbook_meta.insert(),
                    [{"key": "schema_version", "value": str(schema.SCHEMA_VERSION)}],
                )
                return
            version = None
            if schema.workbook_meta.name in tables:
                version = conn.execute(
                    select(schema.workbook_meta.c.value).where(schema.workbook_meta.c.key == "schema_version")
                ).scalar()
            where = self.url.render_as_string(hide_password=True)
            if version is None or not str(version).isdigit():
                raise SchemaVersionError(f"{where} holds other tables; it is not a Follow-up Workbook log")
            if int(version) > schema.SCHEMA_VERSION:
                raise SchemaVersionError(
                    f"{where} was written by a newer Follow-up Workbook (log version {version}; "
                    f"this one reads up to {schema.SCHEMA_VERSION}). Update the workbook to open it."
                )
        if int(version) < schema.SCHEMA_VERSION:
            from . import migrations

            self.backup_path = migrations.upgrade(self._writer)

    @property
    def schema_version(self) -> int:
        """The version of the tables this log is stored in."""
        with self._engine.connect() as conn:
            return int(
                conn.execute(
                    select(schema.workbook_meta.c.value).where(schema.workbook_meta.c.key == "schema_version")
                ).scalar_one()
            )

    # -- reading --------------------------------------------------------------------------

    @contextmanager
    def reading(self):
        """A connection to read the log with SQLAlchemy Core (the tables are in
        :mod:`workbook.store.schema`), for a query of one's own: what the note builder reads of
        one person, say. Nothing written through it is kept."""
        with self._engine.connect() as conn:
            yield conn

    def _select(self, kind: str):
        """A SELECT of one kind's rows, with the fields :mod:`workbook.store.checks` uses."""
        table = _TABLES[kind]
        columns = []
        for name in FIELDS[kind]:
            if kind == "interviews" and name == "candidate":
                column = schema.candidates.c.name
            else:
                column = table.c[_COLUMN_OF.get(kind, {}).get(name, name)]
            if isinstance(column.type, schema.UTCDateTime):
                # Read the stored text as it is; pandas turns a whole column into instants
                # at once, much faster than one datetime object per value.
                column = type_coerce(column, String)
            columns.append(column.label(name))
        if kind == "candidates":
            columns.append(table.c.candidate_id)
            return select(*columns)
        if kind == "interviews":
            columns.append(table.c.candidate_id)
            return select(*columns).join_from(table, schema.candidates)
        return select(*columns)

    @staticmethod
    def _query(conn, statement) -> pd.DataFrame:
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

    @staticmethod
    def _as_instants(frame: pd.DataFrame, columns) -> pd.DataFrame:
        """Turn stored UTC instants (text in SQLite) into time-zone-aware columns, all at once."""
        for name in columns:
            frame[name] = pd.to_datetime(frame[name], utc=True, format="ISO8601").astype(f"datetime64[{UNIT}, UTC]")
        return frame

    def _frame(self, conn, statement, kind: str) -> pd.DataFrame:
        frame = self._query(conn, statement)
        self._as_instants(frame, [name for name in FIELDS[kind] if name.endswith("_at")])
        for name in FIELDS[kind]:
            if not name.endswith("_at") and not name.endswith("_id"):
                frame[name] = frame[name].astype("str")  # missing text reads as NaN throughout
        return frame

    def followup_rows(self) -> pd.DataFrame:
        """Each person met with their interview, candidate, and first sent note's time: what
        :func:`workbook.followups` needs, in one query (the earliest sending is found by the
        database)."""
        i, iv, c, n = schema.interviewers, schema.interviews, schema.candidates, schema.notes
        first_sent = (
            select(n.c.interviewer_id, func.min(n.c.sent_at).label("sent_at"))
            .where(n.c.sent_at.is_not(None))
            .group_by(n.c.interviewer_id)
            .subquery()
        )
        statement = (
            select(iv.c.interview_id, i.c.interviewer_id, c.c.name.label("candidate"), iv.c.company, iv.c.role,
                   i.c.name.label("interviewer"), iv.c.timezone,
                   type_coerce(iv.c.ends_at, String).label("ended_at"),
                   type_coerce(first_sent.c.sent_at, String).label("sent_at"))
            .join_from(i, iv).join(c)
            .outerjoin(first_sent, first_sent.c.interviewer_id == i.c.interviewer_id)
        )
        with self._engine.connect() as conn:
            return self._as_instants(self._query(conn, statement), ["ended_at", "sent_at"])

    def _lookup(self, conn):
        def lookup(kind: str, key_field: str, keys) -> pd.DataFrame:
            statement = self._select(kind)
            if len(keys) <= _IN_LIST_LIMIT:
                column = statement.selected_columns[key_field]
                statement = statement.where(column.in_([k.item() if hasattr(k, "item") else k for k in keys]))
                return self._frame(conn, statement, kind)
            frame = self._frame(conn, statement, kind)
            if not len(frame):  # nothing to pick from (and no table of the keys to build)
                return frame
            return frame[frame[key_field].isin(keys)]  # keys stay an array: no Python list of them

        return lookup

    def _read(self, kind: str) -> pd.DataFrame:
        table = _TABLES[kind]
        order = table.c.candidate_id if kind == "candidates" else table.c[KEYS[kind]]
        with self._engine.connect() as conn:
            frame = self._frame(conn, self._select(kind).order_by(order), kind)
        return frame[FIELDS[kind]]

    def candidates(self) -> pd.DataFrame:
        """The candidates: ``candidate`` (the name), ``email``, ``phone``, ``skills`` ("a; b")."""
        return self._read("candidates")

    def interviews(self) -> pd.DataFrame:
        """The interviews: ``interview_id, candidate, company, role, stage, timezone,
        starts_at, ends_at`` (instants in UTC)."""
        return self._read("interviews")

    def interviewers(self) -> pd.DataFrame:
        """The people met: ``interviewer_id, interview_id, name, title, email, phone,
        talking_points``."""
        return self._read("interviewers")

    def notes(self) -> pd.DataFrame:
        """The thank-you notes: ``note_id, interviewer_id, channel, subject, body, sent_at,
        replied_at`` (``sent_at`` is NaT for a draft)."""
        return self._read("notes")

    def outcomes(self) -> pd.DataFrame:
        """What happened next: ``interview_id, outcome, decided_at``."""
        return self._read("outcomes")

    def is_empty(self) -> bool:
        """Whether the log holds no candidate at all."""
        with self._engine.connect() as conn:
            return not conn.execute(select(func.count()).select_from(schema.candidates)).scalar()

    # -- writing --------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, now=None):
        """One write: a connection in a transaction, and a Context over it.

        A failure of the database itself (locked for longer than the busy timeout, a full disk,
        a lost connection) rolls the write back and is raised as a LogUnavailableError.
        """
        context = Context(None, now=resolve_now(now))
        try:
            with self._writer.begin() as conn:
                context.lookup = self._lookup(conn)
                context.next_ids = self._next_ids(conn)
                yield conn, context
        except DBAPIError as error:
            raise LogUnavailableError(
                f"the log could not be written, and nothing was changed: {error.orig}",
                [Problem(self.url.render_as_string(hide_password=True), "(database)", str(error.orig),
                         LogUnavailableError)],
            ) from error

    @staticmethod
    def _next_ids(conn) -> dict[str, int]:
        ids = {}
        for kind in ("interviews", "interviewers", "notes"):
            column = _TABLES[kind].c[KEYS[kind]]
            ids[kind] = (conn.execute(select(func.max(column))).scalar() or 0) + 1
        column = schema.candidates.c.candidate_id
        ids["candidates"] = (conn.execute(select(func.max(column))).scalar() or 0) + 1
        return ids

    @staticmethod
    def _records(kind: str, rows: pd.DataFrame) -> list[dict]:
        """Prepared rows as dicts of column values for an INSERT."""
        table = _TABLES[kind]
        renamed = rows.rename(columns=_COLUMN_OF.get(kind, {}))
        renamed = renamed[[c.name for c in table.columns if c.name in renamed.columns]]
        return renamed.astype(object).where(renamed.notna(), None).to_dict("records")

    def _insert(self, conn, kind: str, rows: pd.DataFrame) -> None:
        """Insert prepared rows, in the caller's transaction.

        On SQLite a large import spends its time in SQLite, not in Python:

        - the values reach the driver as plain Python values, converted a column at a time
          (the instants already written the way the UTC column stores them);
        - each INSERT carries as many rows as SQLite takes bound values (999 before SQLite
          3.32): SQLite does a statement's once-per-statement work (the list of allowed words
          behind a ``CHECK ... IN`` constraint, for one) once per batch instead of once per
          row, and notes take half the time to write;
        - the connection keeps up to 64 MiB of the tables' pages in memory while it writes
          (SQLite's default is 2 MiB), instead of writing them out and reading them back;
        - 10,000 rows or more into a table holding no more than that: the table's plain
          indexes (the unique ones, which enforce a rule, stay) are dropped first and built
          again after, in one sorted pass, instead of taking a million keys in random order
          (an interview's candidate) one at a time. Being in the caller's transaction, none
          of it shows unless the whole write is committed.

        Every constraint (unique, foreign key, check) still holds for every row.
        """
        import numpy as np

        if not len(rows):
            return
        table = _TABLES[kind]
        if conn.dialect.name != "sqlite":
            conn.execute(table.insert(), self._records(kind, rows))
            return
        renamed = rows.rename(columns=_COLUMN_OF.get(kind, {}))
        columns = [c for c in table.columns if c.name in renamed.columns]
        values = np.empty((len(renamed), len(columns)), dtype=object)
        for j, column in enumerate(columns):
            data = renamed[column.name]
            if isinstance(column.type, schema.UTCDateTime):
                data = schema.stored_instants(data)
            values[:, j] = data.to_numpy(dtype=object, na_value=None)
        statement = table.insert().compile(dialect=conn.dialect, column_keys=[c.name for c in columns])
        # "INSERT INTO notes (note_id, ...)" and "(?, ...)", the latter repeated for a batch.
        head, _, one_row = str(statement).partition(" VALUES ")
        per_batch = max(999 // len(columns), 1)
        whole = len(values) // per_batch * per_batch
        batches = [tuple(batch) for batch in values[:whole].reshape(-1, per_batch * len(columns)).tolist()]
        rest = tuple(values[whole:].ravel().tolist())

        rebuilt = []
        if len(rows) >= 10_000 and conn.execute(select(func.count()).select_from(table)).scalar() <= len(rows):
            present = {index["name"] for index in inspect(conn).get_indexes(table.name)}
            rebuilt = [index for index in table.indexes if not index.unique and index.name in present]
        cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        conn.exec_driver_sql("PRAGMA cache_size = -65536")  # KiB
        try:
            for index in rebuilt:
                index.drop(conn)
            if batches:
                conn.exec_driver_sql(f"{head} VALUES {', '.join([one_row] * per_batch)}", batches)
            if rest:
                conn.exec_driver_sql(f"{head} VALUES {', '.join([one_row] * (len(values) - whole))}", rest)
            for index in rebuilt:
                index.create(conn)
        finally:
            conn.exec_driver_sql(f"PRAGMA cache_size = {cache}")

    def _add(self, kind: str, values: dict) -> object:
        with self._transaction() as (conn, context):
            frame = pd.DataFrame([values], dtype=object)
            label = f"outcome of interview {values['interview_id']}" if kind == "outcomes" else f"new {SINGULAR[kind]}"
            where = pd.Series([label])
            rows, problems = prepare(kind, frame, where, context, assign_ids=True)
            raise_problems(problems)
            if kind == "candidates":
                rows["candidate_id"] = context.next_ids["candidates"]
            self._insert(conn, kind, rows)
            return rows[KEYS[kind]].iloc[0].item() if kind != "candidates" else rows["candidate"].iloc[0]

    def _current(self, context: Context, kind: str, key) -> pd.DataFrame:
        found = context.rows(kind, KEYS[kind], pd.Series([key]))
        if not len(found):
            raise UnknownRecordError(
                f"the log holds no {SINGULAR[kind]} {key!r}" if kind == "candidates" else f"the log holds no {SINGULAR[kind]} {key}",
                [Problem(f"{SINGULAR[kind]} {key}", KEYS[kind], "is not in the log", UnknownRecordError)],
            )
        return found.iloc[[0]].reset_index(drop=True)

    def _change(self, kind: str, key, changes: dict) -> None:
        key_field = KEYS[kind]
        allowed = {"name"} | set(FIELDS[kind]) if kind == "candidates" else set(FIELDS[kind])
        wrong = (set(changes) - allowed) | ({key_field} & set(changes))
        if wrong:
            fields = ", ".join(sorted(allowed - {key_field}))
            raise TypeError(f"cannot change {', '.join(sorted(wrong))} of a {SINGULAR[kind]}; the fields are {fields}")
        with self._transaction() as (conn, context):
            self._change_in(conn, context, kind, key, changes)

    def _change_in(self, conn, context: Context, kind: str, key, changes: dict) -> None:
        """A change inside a write already begun."""
        key_field = KEYS[kind]
        current = self._current(context, kind, key)
        merged = current.copy().astype(object)
        for name, value in changes.items():
            merged.at[0, "candidate" if kind == "candidates" and name == "name" else name] = value
        where = pd.Series([f"{SINGULAR[kind]} {key}"])
        renamed = kind == "candidates" and merged.at[0, "candidate"] != key
        rows, problems = prepare(kind, merged, where, context, existing=not renamed)
        if kind == "candidates":
            rows["candidate_id"] = current["candidate_id"].to_numpy()
        raise_problems(problems)
        context.add_pending(kind, rows)
        raise_problems(self._recheck_dependents(context, kind, key))
        table = _TABLES[kind]
        record = self._records(kind, rows)[0]
        id_column = table.c.candidate_id if kind == "candidates" else table.c[key_field]
        conn.execute(update(table).where(id_column == record[id_column.name]).values(record))

    def _dependents(self, context: Context, kind: str, key) -> dict[str, pd.DataFrame]:
        """The records that refer to one record, by kind."""
        found: dict[str, pd.DataFrame] = {}
        if kind == "candidates":
            found["interviews"] = context.rows("interviews", "candidate", pd.Series([key]))
            ids = found["interviews"]["interview_id"]
        elif kind == "interviews":
            ids = pd.Series([key])
        else:
            ids = None
        if ids is not None:
            found["interviewers"] = context.rows("interviewers", "interview_id", ids)
            found["outcomes"] = context.rows("outcomes", "interview_id", ids)
            people = found["interviewers"]["interviewer_id"]
        elif kind == "interviewers":
            people = pd.Series([key])
        else:
            return found
        found["notes"] = context.rows("notes", "interviewer_id", people)
        return {k: v for k, v in found.items() if len(v)}

    def _recheck_dependents(self, context: Context, kind: str, key) -> list[Problem]:
        """Problems a change causes in the records that depend on it (a note now "sent"
        before its interview ended, say)."""
        problems: list[Problem] = []
        if kind not in ("interviews", "interviewers"):
            return problems
        for dependent, rows in self._dependents(context, kind, key).items():
            if dependent not in ("notes", "outcomes"):
                continue
            where = rows[KEYS[dependent]].astype(str).radd(f"{SINGULAR[dependent]} ")
            where.index = rows.index
            _, found = prepare(dependent, rows.astype(object), where, context, existing=True)
            problems += [
                Problem(f"{SINGULAR[kind]} {key}", p.field, f"{p.row} would then be wrong: {p.reason}", p.kind)
                for p in found
            ]
        return problems

    def _remove(self, kind: str, key, cascade: bool) -> None:
        with self._transaction() as (conn, context):
            current = self._current(context, kind, key)
            dependents = self._dependents(context, kind, key)
            if dependents and not cascade:
                held = ", ".join(f"{len(rows)} {name if len(rows) > 1 else name[:-1]}" for name, rows in dependents.items())
                raise RecordInUseError(
                    f"{SINGULAR[kind]} {key} still has {held}; pass cascade=True to remove them too",
                    [Problem(f"{SINGULAR[kind]} {key}", KEYS[kind], f"still has {held}", RecordInUseError)],
                )
            # Children first, so that no foreign key is ever left dangling.
            for dependent in ("notes", "outcomes", "interviewers", "interviews"):
                if dependent in dependents:
                    table = _TABLES[dependent]
                    ids = dependents[dependent][KEYS[dependent]].tolist()
                    conn.execute(delete(table).where(table.c[KEYS[dependent]].in_(ids)))
            table = _TABLES[kind]
            if kind == "candidates":
                conn.execute(delete(table).where(table.c.candidate_id == int(current["candidate_id"].iloc[0])))
            else:
                conn.execute(delete(table).where(table.c[KEYS[kind]] == key))

    # Candidates

    def add_candidate(self, name: str, email: str | None = None, phone: str | None = None,
                      skills: str | Iterable[str] | None = None) -> str:
        """Add a candidate (a job seeker) and return their name, which identifies them.

        ``skills`` is a list or text separated by ";" ("SQL; stakeholder interviews").
        """
        return self._add("candidates", {"candidate": name, "email": email, "phone": phone, "skills": _skills_text(skills)})

    def change_candidate(self, candidate: str, /, **changes) -> None:
        """Change a candidate's ``name``, ``email``, ``phone`` or ``skills``."""
        if "skills" in changes:
            changes["skills"] = _skills_text(changes["skills"])
        self._change("candidates", candidate, changes)

    def remove_candidate(self, name: str, cascade: bool = False) -> None:
        """Remove a candidate; with ``cascade=True`` also their interviews and all that hangs on them."""
        self._remove("candidates", name, cascade)

    # Interviews

    def add_interview(self, candidate: str, company: str, role: str, starts_at, ends_at, timezone: str,
                      stage: str | None = None, interview_id: int | None = None,
                      people: Iterable[dict] | None = None, new_candidate: bool = False) -> int:
        """Log an interview, and the people met there, and return its id.

        ``starts_at`` and ``ends_at`` are aware datetimes or ISO 8601 text; without a UTC
        offset they are wall-clock times in ``timezone`` (an IANA name such as
        ``America/New_York``). ``people`` are dicts with the fields of :meth:`add_interviewer`
        (``name`` and optionally ``title, email, phone, talking_points``).

        With ``new_candidate=True`` a candidate not yet in the log is added with just the name
        (as an import does); otherwise the candidate must be in the log already.

        The interview, its people and a new candidate are saved together or not at all. A
        problem with a person names them as row ``person N`` (1 for the first person given).
        """
        people = [dict(p) for p in (people or [])]
        allowed = {"name", "title", "email", "phone", "talking_points"}
        for person in people:
            if set(person) - allowed:
                raise TypeError(f"a person met has the fields {', '.join(sorted(allowed))}, "
                                f"not {', '.join(sorted(set(person) - allowed))}")
        values = {"interview_id": interview_id, "candidate": candidate, "company": company, "role": role,
                  "stage": stage, "timezone": timezone, "starts_at": starts_at, "ends_at": ends_at}
        with self._transaction() as (conn, context):
            problems = []
            if new_candidate:
                problems += self._pending_candidate(context, candidate)
            interview, found = prepare("interviews", pd.DataFrame([values], dtype=object),
                                       pd.Series(["new interview"]), context, assign_ids=True)
            problems += found
            new_id = interview["interview_id"].iloc[0]
            met = pd.DataFrame(people, columns=sorted(allowed), dtype=object)
            if len(met):
                context.add_pending("interviews", interview)
                met["interview_id"] = new_id
                where = pd.Series([f"person {n}" for n in range(1, len(met) + 1)])
                met, found = prepare("interviewers", met, where, context, assign_ids=True)
                problems += found
            raise_problems(problems)
            if context.pending.get("candidates") is not None:
                self._insert(conn, "candidates", context.pending["candidates"])
            self._insert(conn, "interviews", interview)
            self._insert(conn, "interviewers", met)
        return int(new_id)

    @staticmethod
    def _pending_candidate(context: Context, name) -> list[Problem]:
        """Prepare the candidate ``name`` as a new one, unless the log holds them already."""
        name = name.strip() if isinstance(name, str) else name
        if not isinstance(name, str) or not name or len(context.rows("candidates", "candidate", pd.Series([name]))):
            return []  # no name is the interview's own problem; a known one needs nothing
        rows, problems = prepare("candidates", pd.DataFrame([{"candidate": name}], dtype=object),
                                 pd.Series(["new candidate"]), context, assign_ids=True)
        if not problems:
            rows["candidate_id"] = context.next_ids["candidates"]
            context.add_pending("candidates", rows)
        return problems

    def change_interview(self, interview_id: int, /, **changes) -> None:
        """Change an interview's ``candidate, company, role, stage, timezone, starts_at`` or ``ends_at``.

        Stored instants do not move when only the ``timezone`` changes; times given without
        an offset are read in the (new) time zone. Refused if a note to someone met there
        would then be sent before the interview ended.
        """
        self._change("interviews", interview_id, changes)

    def remove_interview(self, interview_id: int, cascade: bool = False) -> None:
        """Remove an interview; with ``cascade=True`` also its people, their notes and its outcome."""
        self._remove("interviews", interview_id, cascade)

    # Interviewers

    def add_interviewer(self, interview_id: int, name: str, title: str | None = None, email: str | None = None,
                        phone: str | None = None, talking_points: str | None = None,
                        interviewer_id: int | None = None) -> int:
        """Add a person met at an interview and return their id.

        ``talking_points`` is what you talked about with this person: the note to them should
        mention it.
        """
        return self._add("interviewers", {
            "interviewer_id": interviewer_id, "interview_id": interview_id, "name": name, "title": title,
            "email": email, "phone": phone, "talking_points": talking_points,
        })

    def change_interviewer(self, interviewer_id: int, /, **changes) -> None:
        """Change an interviewer's ``interview_id, name, title, email, phone`` or ``talking_points``."""
        self._change("interviewers", interviewer_id, changes)

    def remove_interviewer(self, interviewer_id: int, cascade: bool = False) -> None:
        """Remove a person met; with ``cascade=True`` also the notes to them."""
        self._remove("interviewers", interviewer_id, cascade)

    # Notes

    def add_note(self, interviewer_id: int, body: str = "", subject: str | None = None, channel: str = "email",
                 sent_at=None, replied_at=None, note_id: int | None = None) -> int:
        """Add a thank-you note to one interviewer and return its id.

        Without ``sent_at`` it is a draft. ``channel`` is ``email``, ``handwritten`` or ``other``.
        """
        return self._add("notes", {
            "note_id": note_id, "interviewer_id": interviewer_id, "channel": channel, "subject": subject,
            "body": body, "sent_at": sent_at, "replied_at": replied_at,
        })

    def change_note(self, note_id: int, /, **changes) -> None:
        """Change a note's ``interviewer_id, channel, subject, body, sent_at`` or ``replied_at``."""
        self._change("notes", note_id, changes)

    def remove_note(self, note_id: int) -> None:
        """Remove a note."""
        self._remove("notes", note_id, cascade=False)

    def mark_sent(self, note_id: int, at=None, now=None) -> pd.Timestamp:
        """Record that a note went out, ``at`` a given time or now, and return that instant.

        A note already marked sent keeps its time (use :meth:`change_note` to correct it);
        a time after now is refused.
        """
        return self._mark(note_id, "sent_at", "sent", at, now)

    def mark_replied(self, note_id: int, at=None, now=None) -> pd.Timestamp:
        """Record that the interviewer replied to a sent note, ``at`` a given time or now."""
        return self._mark(note_id, "replied_at", "replied to", at, now)

    def _mark(self, note_id, field: str, verb: str, at, now) -> pd.Timestamp:
        note_id = _record_id(note_id, "note")
        where = f"note {note_id}"
        # Read and write in one transaction: another notebook cannot mark it in between.
        with self._transaction(now) as (conn, context):
            note = self._current(context, "notes", note_id)
            if pd.notna(note.at[0, field]):
                raise_problems([Problem(where, field, f"was already {verb} at {note.at[0, field]:%Y-%m-%d %H:%M} UTC; "
                                        "use change_note to correct the time", InvalidValueError)])
            if at is None:
                at = context.now
            else:
                zone = self._zone_of_note(conn, note_id)
                instant, reason = parse_instants(pd.Series([at], dtype=object), pd.Series([zone]))
                if reason.iloc[0]:
                    raise_problems([Problem(where, field, reason.iloc[0], InvalidTimeError)])
                if pd.isna(instant.iloc[0]):
                    raise_problems([Problem(where, field, "is missing", InvalidTimeError)])
                at = instant.iloc[0]
            self._change_in(conn, context, "notes", note_id, {field: at})
        return pd.Timestamp(at).tz_convert("UTC")

    @staticmethod
    def _zone_of_note(conn, note_id: int) -> str:
        return conn.execute(
            select(schema.interviews.c.timezone)
            .join_from(schema.notes, schema.interviewers)
            .join(schema.interviews)
            .where(schema.notes.c.note_id == note_id)
        ).scalar_one()

    # Outcomes

    def add_outcome(self, interview_id: int, outcome: str, decided_at) -> None:
        """Record what happened after an interview: ``next_round``, ``offer``, ``rejected``,
        ``no_response`` or ``withdrew``, decided at a date or time."""
        self._add("outcomes", {"interview_id": interview_id, "outcome": outcome, "decided_at": decided_at})

    def change_outcome(self, interview_id: int, /, **changes) -> None:
        """Change an interview's ``outcome`` or ``decided_at``."""
        self._change("outcomes", interview_id, changes)

    def remove_outcome(self, interview_id: int) -> None:
        """Remove an interview's outcome."""
        self._remove("outcomes", interview_id, cascade=False)

    # CSV

    def export_csv(self, folder: str | Path) -> Path:
        """Write the log as CSV files (see :mod:`workbook.store.csv_files`) into ``folder``; return it."""
        from .csv_files import export_csv

        return export_csv(self, folder)

    def export_xlsx(self, path: str | Path) -> Path:
        """Write the log to one ``.xlsx`` file for a spreadsheet program, a sheet per table
        (see :mod:`workbook.store.xlsx_file`); return the path. No text ever becomes a formula."""
        from .xlsx_file import export_xlsx

        return export_xlsx(self, path)

    def import_csv(self, folder: str | Path) -> dict[str, int]:
        """Add the records in a folder of CSV files to the log, all or nothing.

        Returns how many records of each kind were added. Raises
        :class:`~workbook.errors.CsvImportError` listing every bad file, line and field, and
        then writes nothing.
        """
        from .csv_files import import_csv

        return import_csv(self, folder)


def _record_id(value, what: str) -> int:
    """An id as given (an int, a NumPy integer, "12") as a plain int, or a clear error."""
    try:
        number = int(str(value).strip()) if isinstance(value, str) else operator.index(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise_problems([Problem(f"{what} {value!r}", f"{what}_id", "is not a whole number above 0", InvalidValueError)])
    return number


def _skills_text(skills) -> str | None:
    if skills is None or isinstance(skills, str):
        return skills
    return "; ".join(str(s) for s in skills)
