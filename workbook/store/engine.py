"""Reaching the log's database: a SQLite file, or PostgreSQL for a coaching practice.

:class:`Database` owns the SQLAlchemy engine. It hands out connections to read and
transactions to write, and says the database's failures in the workbook's words:

- **One writer at a time**, on both backends, so that every read-then-write (the next id, "is
  this note sent already?", the dependents of a record being removed) sees everything written
  before it and nothing slips in between. SQLite: ``BEGIN IMMEDIATE`` takes the file's write
  lock. PostgreSQL: each write begins by taking a transaction-level advisory lock (released
  by its commit or rollback, also when the client dies), so two coaches' notebooks writing at
  once queue instead of colliding; readers never wait.
- **Waiting, then "try again".** A write waits for another writer as long as that one keeps
  writing (SQLite) or up to :data:`BUSY_TIMEOUT` seconds (PostgreSQL's ``lock_timeout``), then
  is refused with a :class:`~workbook.errors.LogUnavailableError`, nothing changed.
- **The database's failures** become the workbook's errors: a server that cannot be reached, a
  refused login, a connection lost mid-write → :class:`~workbook.errors.LogUnavailableError`;
  a role without the privileges it needs → :class:`~workbook.errors.LogPermissionError`. No
  message, and no repr, ever holds the URL's password.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from ..errors import (
    InvalidValueError,
    LogPermissionError,
    LogUnavailableError,
    Problem,
    SchemaVersionError,
    WorkbookError,
)

#: How long a write waits for another writer (another notebook) before giving up, in seconds.
BUSY_TIMEOUT = 30
#: How long opening a connection to a database server may take, in seconds.
CONNECT_TIMEOUT = 10
#: The advisory lock every write on PostgreSQL takes first ("FUWB" in ASCII): one writer at a time.
WRITE_LOCK = 0x46555742

# SQLSTATE classes and codes of PostgreSQL that mean "the database is not there for us now".
# A server that cannot be reached or refuses the login: connection exceptions, bad logins.
_UNREACHABLE_CLASSES = ("08",)
_UNREACHABLE_CODES = ("28000", "28P01")
# The server is there but could not do it now: no resources, operator intervention, a lock
# wait over, a serialisation failure, a deadlock.
_TRY_AGAIN_CLASSES = ("53", "57")
_TRY_AGAIN_CODES = ("55P03", "40001", "40P01")
_PRIVILEGE_CODES = ("42501",)  # insufficient_privilege
# A value the database cannot keep: a number out of range, text the database's encoding cannot hold.
_VALUE_CODES = ("22003", "22P05", "22021")
# Words of a login the server refused for want of a privilege (psycopg gives no SQLSTATE then).
_REFUSED_FOR_PRIVILEGE = ("permission denied", "must be owner")


def database_url(target: str | Path) -> URL:
    """The SQLAlchemy URL of a log: a database URL as given, or a SQLite file's path."""
    text = str(target)
    if "://" in text:
        try:
            return make_url(text)
        except (ArgumentError, ValueError) as error:  # ValueError: a port that is no number
            raise InvalidValueError(f"{_without_password(text)!r} is not a database URL: {error}") from None
    if _LOOKS_LIKE_A_URL.match(text):  # "postgresql+psycopg//coach:secret@host/db": not a file name
        raise InvalidValueError(f"{_without_password(text)!r} is not a database URL: it must begin "
                                "with the database's name and \"://\" (postgresql+psycopg://coach@host/practice)")
    path = Path(text).expanduser().resolve()
    if not path.parent.is_dir():
        raise InvalidValueError(f"cannot keep a log at {path}: the folder {path.parent} does not exist")
    return URL.create("sqlite", database=str(path))


# A database URL with its "://" mistyped ("postgresql+psycopg//coach@host/db", "postgresql:/host"):
# a database's name, maybe a driver, then ":" or "//". Any other text is a file's path.
_LOOKS_LIKE_A_URL = re.compile(r"^(?:postgres(?:ql)?|sqlite|mysql|mariadb)(?:\+\w+)?(?::|//)", re.I)


def without_password(url: URL) -> URL:
    """``url`` without a password given as a parameter (libpq's ``?password=``); the one in
    front of the host is hidden whenever a URL is shown (``render_as_string``)."""
    return url.difference_update_query(["password"])


def _without_password(text: str) -> str:
    """A URL typed by a person, with any password in it hidden."""
    try:
        return without_password(make_url(text)).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        head, at, tail = text.rpartition("@")
        if not at:
            return text
        scheme, slashes, user = head.rpartition("//") if "//" in head else ("", "", head)
        return f"{scheme}{slashes}{user.partition(':')[0]}:***@{tail}"


class Database:
    """The log's database: an engine, connections to read, transactions to write.

    ``where`` names it in messages (the URL without its password).
    """

    def __init__(self, url: URL):
        self.url = url
        self.where = without_password(url).render_as_string(hide_password=True)
        self.backend = url.get_backend_name()
        # libpq also takes the password as a parameter of the URL (?password=...).
        self._secret = url.password or url.query.get("password")
        try:
            if self.backend == "sqlite":
                self._engine = _sqlite_engine(url)
            elif self.backend == "postgresql":
                self._engine = _postgresql_engine(url)
            else:
                self._engine = create_engine(url)
        except (ArgumentError, ImportError) as error:  # a database or driver unknown, or not installed
            raise InvalidValueError(
                f"cannot open {self.where}: no database driver {url.drivername!r} here ({self.scrub(str(error))}); "
                "for PostgreSQL, pip install -e '.[postgres]' and give postgresql+psycopg://..."
            ) from None
        self._writer = self._engine.execution_options(workbook_write=True)

    def __repr__(self) -> str:
        return f"Database({self.where!r})"

    def dispose(self) -> None:
        """Close every connection the engine holds."""
        self._engine.dispose()

    @contextmanager
    def reading(self):
        """A connection to read with; the database's failures as the workbook's errors."""
        with self._translated("read"):
            with self._engine.connect() as conn:
                yield conn

    @contextmanager
    def writing(self, doing: str = "write"):
        """One write transaction, the only writer while it lasts: committed when the block ends,
        rolled back (nothing changed) when it raises. ``doing="open"``: the first one, that
        tells whether the database is a log at all."""
        with self._translated(doing):
            with self._writer.begin() as conn:
                yield conn

    @contextmanager
    def connection(self):
        """A connection outside any transaction, for work that manages its own (upgrades)."""
        with self._translated("write"):
            with self._writer.connect() as conn:
                yield conn

    @contextmanager
    def _translated(self, doing: str):
        try:
            yield
        except DBAPIError as error:
            raise self.error(error, doing) from None
        except WorkbookError:
            raise
        except Exception as error:
            # pandas.read_sql wraps the database's error in its own DatabaseError.
            if isinstance(error.__cause__, DBAPIError):
                raise self.error(error.__cause__, doing) from None
            raise

    def error(self, error: DBAPIError, doing: str = "write") -> WorkbookError:
        """The workbook's error for a failure of the database; its text never holds the password."""
        said = self.scrub(str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else type(error.orig).__name__)
        code = getattr(error.orig, "sqlstate", None) or ""
        if code in _VALUE_CODES:
            return InvalidValueError(f"{self.where} cannot keep a value given: {said}",
                                     [Problem(self.where, "(database)", said, InvalidValueError)])
        if code in _PRIVILEGE_CODES or (not code and any(words in said for words in _REFUSED_FOR_PRIVILEGE)):
            user = self.url.username or "this role"
            return LogPermissionError(
                f"{self.where}: the database role {user!r} may not do this ({said}). Ask the practice's "
                "database owner to grant it the use of the log's tables (see the README, \"Where your log lives\")",
                [Problem(self.where, "(database)", said, LogPermissionError)],
            )
        # A server that cannot be reached, or refuses the login, fails the connection itself
        # (psycopg gives such an error no SQLSTATE); SQLite reaches no server.
        unreachable = (error.connection_invalidated or code[:2] in _UNREACHABLE_CLASSES or code in _UNREACHABLE_CODES
                       or (self.backend != "sqlite" and isinstance(error, OperationalError) and not code))
        refused_now = code[:2] in _TRY_AGAIN_CLASSES or code in _TRY_AGAIN_CODES
        if _is_busy(error) and doing == "open":  # another notebook holding the log: wait, not a wrong file
            message = (f"cannot open {self.where} now: another notebook kept writing to it for {BUSY_TIMEOUT} s; "
                       "try again in a moment")
        elif unreachable:
            message = (f"cannot reach the log {self.where} ({said}); nothing was changed: check the connection "
                       "and try again")
        elif refused_now and not _is_busy(error):
            message = f"the database could not do it now ({said}); nothing was changed: try again in a moment"
        elif doing == "open":
            return SchemaVersionError(f"cannot open {self.where} as a log: {said}")
        elif doing == "read":
            message = f"the log could not be read: {said}; try again in a moment"
        else:
            message = f"the log could not be written, and nothing was changed: {said}; try again"
        return LogUnavailableError(message, [Problem(self.where, "(database)", said, LogUnavailableError)])

    def scrub(self, text: str) -> str:
        """``text`` with the URL's password, should the database repeat it, hidden."""
        if self._secret:
            text = text.replace(self._secret, "***")
        return text


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
    """Take the SQLite log's write lock, waiting for other writers as long as they make progress.

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
    """Whether the database said the log is busy: SQLite locked, or PostgreSQL's lock wait over."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)  # any extended code
    return getattr(error.orig, "sqlstate", None) == "55P03"


def _postgresql_engine(url: URL) -> Engine:
    # pool_pre_ping: a connection the server dropped while the notebook sat idle is replaced
    # before use instead of failing the next write.
    # READ COMMITTED whatever the database's default: each statement of a write sees what was
    # committed before it, so once the write lock is granted the write sees every earlier write
    # (under REPEATABLE READ its snapshot would predate the lock, and ids would collide).
    # UTF-8 on the wire whatever the server's own encoding: the server, not the driver, then
    # refuses text its encoding cannot hold, as a value error.
    engine = create_engine(url, pool_pre_ping=True, isolation_level="READ COMMITTED",
                           connect_args={"connect_timeout": CONNECT_TIMEOUT, "client_encoding": "utf8"})

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        if connection.get_execution_options().get("workbook_write"):
            # Both settings end with the transaction. The lock is the writers' queue.
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT:d}s'")
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK:d})")

    return engine
