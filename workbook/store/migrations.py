"""Upgrades: a log written by an older workbook brought up to today's tables.

:data:`STEPS` holds one step per version, ``{from_version: step(conn)}``: the step for 1 turns a
version-1 log into a version-2 one. :func:`upgrade`, which :class:`~workbook.store.log.Log` runs when it
opens a log of an older version, runs the steps in order **in one transaction**, each followed
by its version bump: either the log comes out at today's version with every row kept, or it is
left exactly as it was and a :class:`~workbook.errors.LogUpgradeError` names the rows that stand
in the way. Columns a person added to a table themselves are kept with their values.

Before it changes a SQLite file, :func:`upgrade` copies it with SQLite's online backup API (a
consistent copy even while other notebooks have the log open) to a new file beside it, named
``<log file>.v<old version>-backup-<UTC time>`` (``followup-log.sqlite.v1-backup-20261127T151200Z``);
an existing file is never overwritten. ``Log.backup_path`` says where that copy is. Other
databases (PostgreSQL) are upgraded in one transaction too, but not copied: back them up with
the database's own tools.

The versions:

1. The first tables.
2. The database itself refuses a reply on a note that was never sent, or one before the
   sending (the ``reply_after_sending`` check on ``notes``), as the workbook always did.
3. Ids are 64-bit on PostgreSQL too (``bigint``; SQLite's ``INTEGER`` always was), so an id of
   up to 18 digits is kept exactly on both. Nothing changes in a SQLite file but its version.
4. An interview imported from a calendar keeps the event's ``calendar_uid`` and
   ``calendar_sequence`` (both empty for the interviews already in the log), so that importing
   the same invitation again changes nothing and an update is recognised.
5. A note's times read from the person's mail keep the messages they were read from
   (``notes.sent_message_id`` and ``reply_message_id``: a Message-ID, empty for every note
   already logged), so that importing the same mailbox again changes nothing.
6. A note keeps when its text was last saved (``notes.written_at``, empty for the notes
   already logged), so that a session report can show the drafts written that day.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from sqlalchemy import Connection, inspect, select, text, update
from sqlalchemy.exc import DBAPIError

from . import schema
from ..errors import LogPermissionError, LogUpgradeError, Problem, SchemaVersionError, WorkbookError, describe
from .engine import BUSY_TIMEOUT, Database

logger = logging.getLogger(__name__)

# -- version 1 -> 2: replies only after sending --------------------------------------------

_REPLY_AFTER_SENDING = "replied_at IS NULL OR (sent_at IS NOT NULL AND replied_at >= sent_at)"

# The notes table of version 2, written out as it was then (not taken from workbook.store.schema, which
# may move on): version 1's table and the new check. Instants are stored as text in one fixed
# form ("2026-09-14 15:00:00.000000"), so comparing the text compares the instants.
_NOTES_V2 = (
    "CREATE TABLE notes_v2 ("
    " note_id INTEGER NOT NULL,"
    " interviewer_id INTEGER NOT NULL,"
    " channel VARCHAR(16) NOT NULL,"
    " subject TEXT,"
    " body TEXT NOT NULL,"
    " sent_at DATETIME,"
    " replied_at DATETIME,"
    " PRIMARY KEY (note_id),"
    " CONSTRAINT known_channel CHECK (channel IN ('email', 'handwritten', 'other')),"
    " CONSTRAINT reply_after_sending CHECK (" + _REPLY_AFTER_SENDING + "),"
    " FOREIGN KEY(interviewer_id) REFERENCES interviewers (interviewer_id))"
)
_NOTE_COLUMNS = ("note_id", "interviewer_id", "channel", "subject", "body", "sent_at", "replied_at")
_BROKEN_NOTES = ("SELECT note_id, sent_at, replied_at FROM notes WHERE NOT (" + _REPLY_AFTER_SENDING + ")"
                 " ORDER BY note_id")
_ADD_CHECK = "ALTER TABLE notes ADD CONSTRAINT reply_after_sending CHECK (" + _REPLY_AFTER_SENDING + ")"


def _replies_after_sending(conn: Connection) -> None:
    """Version 1 -> 2: add the ``reply_after_sending`` check to ``notes``.

    SQLite cannot add a check to a table, so the table is rebuilt the way SQLite's manual
    says ("Making Other Kinds Of Table Schema Changes", https://sqlite.org/lang_altertable.html):
    a new table, the rows copied, the old one dropped, the new one renamed, its indexes and
    triggers made again; :func:`upgrade` has turned foreign keys off around it and checks them
    after. Rows that break the rule are reported first, by note.
    """
    broken = conn.execute(text(_BROKEN_NOTES)).all()
    if broken:
        raise LogUpgradeError("notes break the rule of version 2", [
            Problem(f"note {note_id}", "replied_at",
                    f"a reply is recorded ({str(replied_at)[:19]} UTC) but the note was never sent" if sent_at is None
                    else f"the reply ({str(replied_at)[:19]} UTC) is recorded before the note was sent "
                         f"({str(sent_at)[:19]} UTC)",
                    LogUpgradeError)
            for note_id, sent_at, replied_at in broken
        ])
    if conn.dialect.name != "sqlite":
        conn.execute(text(_ADD_CHECK))
        return
    _rebuild_sqlite_table(conn, "notes", _NOTES_V2, "notes_v2", _NOTE_COLUMNS)


def _rebuild_sqlite_table(conn: Connection, name: str, create: str, new_name: str, copied: tuple[str, ...],
                          also: tuple[str, ...] = ()) -> None:
    """Make SQLite's table ``name`` again as the statement ``create`` declares it (a table
    ``new_name``), its rows copied: the way SQLite's manual says ("Making Other Kinds Of Table
    Schema Changes", https://sqlite.org/lang_altertable.html). ``copied`` are the columns the
    old table has and the new one keeps; the new table's other columns start empty. Its
    indexes and triggers are made again, then ``also`` (statements of the new version).
    :func:`upgrade` has turned foreign keys off around it and checks them after.
    """
    # Step 3 of the manual: what else is built on the table (our index, and any a user added).
    built_on = conn.execute(text(
        "SELECT sql FROM sqlite_master WHERE tbl_name = :name AND type IN ('index', 'trigger')"
        " AND sql IS NOT NULL ORDER BY type, name"), {"name": name}).scalars().all()
    conn.execute(text(create))
    # Columns a person added to the table themselves (with any SQLite tool) come along, with
    # their values: an upgrade keeps everything in the log, not only what the workbook knows.
    # Their names and types are the ones SQLite stored, quoted as identifiers.
    columns = [_quoted(column) for column in copied]
    for _, column, declared, *_ in conn.exec_driver_sql(f"PRAGMA table_info({_quoted(name)})").all():
        if column not in copied:
            conn.exec_driver_sql(f"ALTER TABLE {_quoted(new_name)} ADD COLUMN {_quoted(column)} {declared}")
            columns.append(_quoted(column))
    listed = ", ".join(columns)
    conn.exec_driver_sql(f"INSERT INTO {_quoted(new_name)} ({listed}) SELECT {listed} FROM {_quoted(name)}")
    conn.exec_driver_sql(f"DROP TABLE {_quoted(name)}")
    # A view or trigger of a person's own that reads the table would stop the renaming (SQLite
    # checks them while the table is gone); the legacy renaming leaves them to find the new one.
    conn.exec_driver_sql("PRAGMA legacy_alter_table = ON")
    try:
        conn.exec_driver_sql(f"ALTER TABLE {_quoted(new_name)} RENAME TO {_quoted(name)}")
    finally:
        conn.exec_driver_sql("PRAGMA legacy_alter_table = OFF")
    for statement in (*built_on, *also):
        conn.exec_driver_sql(statement)


def _quoted(name: str) -> str:
    """A column's name as an SQL identifier, whatever it holds."""
    return '"' + name.replace('"', '""') + '"'


# -- version 2 -> 3: ids of 64 bits on PostgreSQL -------------------------------------------

_IDS_OF_64_BITS = (
    "ALTER TABLE candidates ALTER COLUMN candidate_id TYPE BIGINT",
    "ALTER TABLE interviews ALTER COLUMN interview_id TYPE BIGINT",
    "ALTER TABLE interviews ALTER COLUMN candidate_id TYPE BIGINT",
    "ALTER TABLE interviewers ALTER COLUMN interviewer_id TYPE BIGINT",
    "ALTER TABLE interviewers ALTER COLUMN interview_id TYPE BIGINT",
    "ALTER TABLE notes ALTER COLUMN note_id TYPE BIGINT",
    "ALTER TABLE notes ALTER COLUMN interviewer_id TYPE BIGINT",
    "ALTER TABLE outcomes ALTER COLUMN interview_id TYPE BIGINT",
)


def _ids_of_64_bits(conn: Connection) -> None:
    """Version 2 -> 3: PostgreSQL's id columns (and the columns referring to them) become
    ``bigint``. SQLite's ``INTEGER`` holds 64 bits already: nothing to do there."""
    if conn.dialect.name != "postgresql":
        return
    for statement in _IDS_OF_64_BITS:
        conn.execute(text(statement))


# -- version 3 -> 4: the calendar event an interview came from ------------------------------

# The interviews table of version 4, written out as it was then (not taken from
# workbook.store.schema, which may move on): version 3's table and the two new columns, in the
# place a new log has them, so that an upgraded log's tables read exactly as a new one's.
_INTERVIEWS_V4 = (
    "CREATE TABLE interviews_v4 ("
    " interview_id INTEGER NOT NULL,"
    " candidate_id INTEGER NOT NULL,"
    " company TEXT NOT NULL,"
    " role TEXT NOT NULL,"
    " stage TEXT,"
    " timezone TEXT NOT NULL,"
    " starts_at DATETIME NOT NULL,"
    " ends_at DATETIME NOT NULL,"
    " calendar_uid TEXT,"
    " calendar_sequence INTEGER,"
    " PRIMARY KEY (interview_id),"
    " CONSTRAINT ends_after_start CHECK (ends_at > starts_at),"
    " FOREIGN KEY(candidate_id) REFERENCES candidates (candidate_id))"
)
_INTERVIEW_COLUMNS = ("interview_id", "candidate_id", "company", "role", "stage", "timezone", "starts_at", "ends_at")
_CALENDAR_INDEX = "CREATE INDEX ix_interviews_calendar_uid ON interviews (calendar_uid)"
_CALENDAR_COLUMNS = (
    "ALTER TABLE interviews ADD COLUMN calendar_uid TEXT",
    "ALTER TABLE interviews ADD COLUMN calendar_sequence INTEGER",
    _CALENDAR_INDEX,
)


def _calendar_events(conn: Connection) -> None:
    """Version 3 -> 4: ``interviews`` gains ``calendar_uid`` and ``calendar_sequence`` (empty
    for every interview already logged) and an index on the first.

    PostgreSQL adds the columns in place. SQLite's ``ADD COLUMN`` would write them after the
    table's constraints in its stored statement, unlike a new log's; so the table is rebuilt as
    version 1's step rebuilds ``notes``, every row and a person's own columns kept.
    """
    if conn.dialect.name != "sqlite":
        for statement in _CALENDAR_COLUMNS:
            conn.execute(text(statement))
        return
    _rebuild_sqlite_table(conn, "interviews", _INTERVIEWS_V4, "interviews_v4", _INTERVIEW_COLUMNS,
                          also=(_CALENDAR_INDEX,))


# -- version 4 -> 5: the messages a note's times were read from -----------------------------

# The notes table of version 5, written out as it was then: version 2's table and the two new
# columns before its constraints, as a new log has them.
_NOTES_V5 = _NOTES_V2.replace("notes_v2", "notes_v5").replace(
    " replied_at DATETIME,", " replied_at DATETIME, sent_message_id TEXT, reply_message_id TEXT,")
_MESSAGE_COLUMNS = (
    "ALTER TABLE notes ADD COLUMN sent_message_id TEXT",
    "ALTER TABLE notes ADD COLUMN reply_message_id TEXT",
)


def _note_messages(conn: Connection) -> None:
    """Version 4 -> 5: ``notes`` gains ``sent_message_id`` and ``reply_message_id``, empty for
    every note already logged. PostgreSQL adds the columns in place; SQLite's table is rebuilt
    (as for version 4), every row and a person's own columns kept."""
    if conn.dialect.name != "sqlite":
        for statement in _MESSAGE_COLUMNS:
            conn.execute(text(statement))
        return
    _rebuild_sqlite_table(conn, "notes", _NOTES_V5, "notes_v5", _NOTE_COLUMNS)


# -- version 5 -> 6: when a note was written -------------------------------------------------

# The notes table of version 6, written out as it was then: version 5's and the new column.
_NOTES_V6 = _NOTES_V5.replace("notes_v5", "notes_v6").replace(
    " reply_message_id TEXT,", " reply_message_id TEXT, written_at DATETIME,")
_NOTE_COLUMNS_V5 = (*_NOTE_COLUMNS, "sent_message_id", "reply_message_id")
_WRITTEN_COLUMN = "ALTER TABLE notes ADD COLUMN written_at TIMESTAMP WITHOUT TIME ZONE"


def _note_written(conn: Connection) -> None:
    """Version 5 -> 6: ``notes`` gains ``written_at``, empty for every note already logged.
    PostgreSQL adds the column in place; SQLite's table is rebuilt, as for version 5."""
    if conn.dialect.name != "sqlite":
        conn.execute(text(_WRITTEN_COLUMN))
        return
    _rebuild_sqlite_table(conn, "notes", _NOTES_V6, "notes_v6", _NOTE_COLUMNS_V5)


#: ``{from_version: step}``: the step that takes a log of that version to the next one.
STEPS: dict[int, Callable[[Connection], None]] = {
    1: _replies_after_sending,
    2: _ids_of_64_bits,
    3: _calendar_events,
    4: _note_messages,
    5: _note_written,
}


# -- running the steps ---------------------------------------------------------------------

def _stored_version(conn: Connection) -> int:
    return int(conn.execute(
        select(schema.workbook_meta.c.value)
        .where(schema.workbook_meta.c.key == "schema_version")
        .with_for_update()  # PostgreSQL: two notebooks opening an old log upgrade it once
    ).scalar_one())


def open_schema(database: Database) -> Path | None:
    """Make the database ready as a log: create the tables in an empty one, refuse one that is
    not a log or is newer than this workbook, upgrade an older one (see :func:`upgrade`).
    Returns where the copy made before an upgrade is, else None.

    Raises
    ------
    SchemaVersionError
        The database holds other tables, or a log of a newer workbook.
    LogPermissionError
        The database is empty and the role may not create the log's tables in it.
    """
    with database.writing(doing="open") as conn:
        tables = set(inspect(conn).get_table_names())
        if not tables and database.backend == "postgresql" and conn.execute(text("SELECT current_schema()")).scalar() is None:
            # No schema this role may use: the log's tables, if any, are out of its sight.
            user = database.url.username or "this role"
            raise LogPermissionError(
                f"{database.where}: the database role {user!r} may use no schema of this database. Ask the "
                f"practice's database owner to grant it USAGE on the schema of the log's tables (see the README, "
                "\"Where your log lives\")",
                [Problem(database.where, "(database)", "no schema this role may use", LogPermissionError)],
            )
        if not tables:
            _create(database, conn)
            return None
        version = None
        if schema.workbook_meta.name in tables:
            version = conn.execute(
                select(schema.workbook_meta.c.value).where(schema.workbook_meta.c.key == "schema_version")
            ).scalar()
        if version is None or not str(version).isdigit():
            raise SchemaVersionError(f"{database.where} holds other tables; it is not a Follow-up Workbook log")
        if int(version) > schema.SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{database.where} was written by a newer Follow-up Workbook (log version {version}; "
                f"this one reads up to {schema.SCHEMA_VERSION}). Update the workbook to open it."
            )
    if int(version) < schema.SCHEMA_VERSION:
        return upgrade(database)
    return None


def _create(database: Database, conn: Connection) -> None:
    """The log's tables in an empty database, at today's version."""
    from sqlalchemy.exc import DBAPIError

    try:
        schema.metadata.create_all(conn)
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) == "42501":  # insufficient_privilege
            user = database.url.username or "this role"
            raise LogPermissionError(
                f"{database.where} holds no log yet, and the database role {user!r} may not create its tables. "
                "The practice's database owner (or a role with CREATE on the database's schema) must create "
                "them once, by opening the log with the workbook; then grant this role the use of them "
                "(see the README, \"Where your log lives\")",
                [Problem(database.where, "(database)", database.scrub(str(error.orig).strip().splitlines()[0]),
                         LogPermissionError)],
            ) from None
        raise
    conn.execute(schema.workbook_meta.insert(), [{"key": "schema_version", "value": str(schema.SCHEMA_VERSION)}])


def upgrade(database: Database) -> Path | None:
    """Bring the log up to :data:`workbook.store.schema.SCHEMA_VERSION`; return where the copy
    of the SQLite file made before is, or None if nothing needed upgrading (or the log is not a
    SQLite file: a PostgreSQL log is upgraded in one transaction too, and the practice's own
    backups of its database apply).

    Raises
    ------
    LogUpgradeError
        The log could not be upgraded; it is as it was (and no copy is left beside it).
        ``problems`` lists the rows in the way.
    """
    where = database.where
    sqlite = database.backend == "sqlite"
    with database.connection() as conn:
        driver = conn.connection.driver_connection
        if sqlite:
            # Foreign keys off around a table rebuild (step 1 of SQLite's procedure); the pragma
            # does nothing inside a transaction, so it is set before this one begins.
            driver.execute("PRAGMA foreign_keys = OFF")
        try:
            # The write begins as every write does, as the only writer: no other notebook
            # writes between the copy, the version read here and the upgrade.
            with conn.begin():
                version = _stored_version(conn)
                if version >= schema.SCHEMA_VERSION:
                    return None  # another notebook upgraded it in the meantime
                in_file = sqlite and database.url.database not in (None, "", ":memory:")
                backup = _back_up(Path(database.url.database), version) if in_file else None
                try:
                    for step in range(version, schema.SCHEMA_VERSION):
                        STEPS[step](conn)
                        conn.execute(update(schema.workbook_meta)
                                     .where(schema.workbook_meta.c.key == "schema_version")
                                     .values(value=str(step + 1)))
                    if sqlite:
                        _check_foreign_keys(conn)
                except (WorkbookError, DBAPIError) as error:
                    # The log stays as it was, so the copy adds nothing: trying again (each
                    # notebook that opens the log does) leaves no pile of copies behind.
                    if backup is not None:
                        backup.unlink(missing_ok=True)
                    raise _failed(where, version, error) from None
        finally:
            if sqlite:
                driver.execute("PRAGMA foreign_keys = ON")
    logger.info("upgraded %s from log version %d to %d%s", where, version, schema.SCHEMA_VERSION,
                f"; the log as it was is kept in {backup}" if backup else "")
    return backup


def _check_foreign_keys(conn: Connection) -> None:
    """Step 10 of SQLite's procedure: every reference still points at a row."""
    dangling = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    problems = []
    for table, rowid, parent, key in dangling:
        column = conn.execute(text('SELECT "from" FROM pragma_foreign_key_list(:table) WHERE id = :key'),
                              {"table": table, "key": key}).scalar()
        problems.append(Problem(f"{table} row {rowid}", column, f"refers to a missing row of {parent}", LogUpgradeError))
    if problems:
        raise LogUpgradeError("records refer to records the log does not hold", problems)


def _failed(where: str, version: int, error: Exception) -> WorkbookError:
    if getattr(getattr(error, "orig", None), "sqlstate", None) == "42501":  # insufficient_privilege
        return LogPermissionError(
            f"{where} is a log of version {version}, and this workbook uses version {schema.SCHEMA_VERSION}: "
            "its tables are upgraded when the database's owner (the role that owns the tables) opens it once "
            "with this workbook. The log is unchanged; until then, open it with the workbook that wrote it.",
            [Problem(where, "(database)", "only the owner of the tables may upgrade them", LogPermissionError)],
        )
    problems = getattr(error, "problems", [])
    start = f"{where} could not be upgraded from log version {version} to {schema.SCHEMA_VERSION}, and is unchanged."
    if problems:
        return LogUpgradeError(
            f"{start} Correct these records in it (with the workbook that wrote it, or any SQLite tool), "
            f"then open it again:\n{describe(problems)}",
            problems,
        )
    return LogUpgradeError(f"{start} The database said: {getattr(error, 'orig', error)}")


def backup_name(path: Path, version: int, at: datetime) -> Path:
    """Where the copy of the log file ``path`` of ``version`` made ``at`` goes."""
    return path.with_name(f"{path.name}.v{version}-backup-{at.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}")


def _back_up(path: Path, version: int) -> Path:
    """Copy the SQLite log at ``path`` to a new file beside it and return the new file.

    The copy is made by SQLite's online backup API through a connection of its own: it reads
    what is committed (the caller holds the write lock, so that is what will be upgraded),
    write-ahead log included. An existing file is never overwritten: a second copy in the same
    second gets ``-2``, and so on.
    """
    stem = backup_name(path, version, datetime.now(timezone.utc))
    for n in range(1, 1000):
        target = stem if n == 1 else stem.with_name(f"{stem.name}-{n}")
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            break
        except FileExistsError:
            continue
        except OSError as error:  # a folder that cannot be written to, a name too long
            raise LogUpgradeError(f"{path} was not upgraded: a copy of it could not be made at {target} "
                                  f"first ({error.strerror}); move the log to a folder you can write to") from None
    else:
        raise LogUpgradeError(f"cannot find a free name for a copy of {path} beside it")
    try:
        # The copy waits for another writer as a write does (BUSY_TIMEOUT).
        source = sqlite3.connect(path, timeout=BUSY_TIMEOUT)
        try:
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
        shutil.copymode(path, target)  # as private as the log itself
    except (sqlite3.Error, OSError) as error:
        target.unlink(missing_ok=True)
        raise LogUpgradeError(f"{path} was not upgraded: it could not be copied to {target} first ({error})") from None
    return target
