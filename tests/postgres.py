"""A PostgreSQL server of the test session's own: Debian's ``postgresql`` package, a cluster
made with ``initdb`` in a temporary folder, listening on a free loopback port, stopped and
removed at the end. Never the machine's own PostgreSQL service.

PostgreSQL refuses to run as root: when the tests run as root, ``initdb`` and ``pg_ctl`` run as
the ``postgres`` OS user (``runuser``), on a folder that user owns. The cluster trusts every
connection from loopback (``-A trust``, superuser ``wb``), except for roles in the group
:data:`PASSWORD_GROUP`, which must log in over TCP with their password (scram-sha-256): that
is how a refused login is tested. It runs with ``fsync=off``: it is thrown away at the end,
and what the tests check is what a client sees, not the server's durability.

Used by ``tests/conftest.py``; importable on its own (no pytest in here)::

    from tests.postgres import PostgresServer
    with PostgresServer.start() as server:
        print(server.url(server.create_database()))
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

#: The superuser of the test cluster (``initdb -U``); it owns every test database.
SUPERUSER = "wb"
#: Members of this role must give their password to log in over TCP.
PASSWORD_GROUP = "password_login"
#: The OS user PostgreSQL runs as when the tests run as root (Debian's package makes it).
OS_USER = "postgres"
STARTUP_TIMEOUT = 60  # seconds
# Settings of the throw-away server: nothing waits for the disk.
SERVER_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
                   "max_connections": "200"}


def bin_dir() -> Path | None:
    """Where PostgreSQL's server programs are: ``$WORKBOOK_POSTGRES_BIN``, else the newest of
    Debian's ``/usr/lib/postgresql/<version>/bin``, else the folder of ``initdb`` on the PATH."""
    chosen = os.environ.get("WORKBOOK_POSTGRES_BIN")
    if chosen:
        return Path(chosen)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda path: [int(part) if part.isdigit() else 0 for part in path.split("/")[4].split(".")])
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def postgres_missing() -> str | None:
    """Why a PostgreSQL server cannot be started here, or None when it can."""
    try:
        import psycopg  # noqa: F401
    except ImportError as error:
        return f"psycopg is not importable ({error}; pip install -e '.[postgres]')"
    folder = bin_dir()
    if folder is None or not all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
        where = folder or "/usr/lib/postgresql/*/bin or on the PATH"
        return f"no PostgreSQL server programs (initdb, pg_ctl) in {where} (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(OS_USER)
        except KeyError:
            return f"running as root, and there is no {OS_USER!r} OS user to run PostgreSQL as"
        if shutil.which("runuser") is None:
            return "running as root, and there is no runuser to run PostgreSQL as another user"
    return None


def free_port() -> int:
    """A loopback TCP port no one listens on (at the moment of asking)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass
class PostgresServer:
    """A running cluster of our own: its folder, port and server programs."""

    folder: Path
    port: int
    bin: Path
    _names: itertools.count = field(default_factory=lambda: itertools.count(1), repr=False)

    @classmethod
    def start(cls) -> "PostgresServer":
        """Make a cluster in a new temporary folder and start it on a free loopback port."""
        reason = postgres_missing()
        if reason is not None:
            raise RuntimeError(f"cannot start PostgreSQL: {reason}")
        folder = Path(tempfile.mkdtemp(prefix="workbook-postgres-"))
        try:
            if os.geteuid() == 0:
                user = pwd.getpwnam(OS_USER)
                os.chown(folder, user.pw_uid, user.pw_gid)
            folder.chmod(0o700)
            server = cls(folder, 0, bin_dir())
            server._run("initdb", "-D", str(server.data), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8",
                        "--locale=C.UTF-8", "--no-sync")
            hba = server.data / "pg_hba.conf"
            # The first line that matches decides: members of the group give their password.
            rule = f"host all +{PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256\n"
            hba.write_text(rule + hba.read_text())  # the file keeps its owner
            for _ in range(3):  # another program may take the port between asking and starting
                server.port = free_port()
                if server._start():
                    break
            else:
                raise RuntimeError(f"PostgreSQL did not start; its log:\n{server.log_text()}")
            with server.connect() as conn:
                conn.execute(f"CREATE ROLE {PASSWORD_GROUP} NOLOGIN")
            return server
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def log_text(self) -> str:
        path = self.folder / "postgres.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else "(no log)"

    def _command(self, program: str, *args: str) -> list[str]:
        prefix = ["runuser", "-u", OS_USER, "--"] if os.geteuid() == 0 else []
        return [*prefix, str(self.bin / program), *args]

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(self._command(program, *args), capture_output=True, text=True,
                              timeout=STARTUP_TIMEOUT, cwd=self.folder)
        if check and done.returncode != 0:
            raise RuntimeError(f"{program} {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
        return done

    def _start(self) -> bool:
        settings = " ".join(f"-c {name}={value}" for name, value in SERVER_SETTINGS.items())
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 {settings}"
        done = self._run("pg_ctl", "-D", str(self.data), "-w", "-t", str(STARTUP_TIMEOUT), "-o", options,
                         "-l", str(self.folder / "postgres.log"), "start", check=False)
        return done.returncode == 0

    def stop(self) -> None:
        """Stop the server (fast: open sessions are ended) and remove its folder."""
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "PostgresServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- connections, databases, roles -----------------------------------------------------

    def url(self, database: str, user: str = SUPERUSER, password: str | None = None, port: int | None = None) -> str:
        """The SQLAlchemy URL a coach would give ``open_log``: ``postgresql+psycopg://...``."""
        login = user if password is None else f"{user}:{password}"
        return f"postgresql+psycopg://{login}@127.0.0.1:{port or self.port}/{database}"

    def connect(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = None):
        """A psycopg connection in autocommit mode (CREATE DATABASE needs it)."""
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.port, dbname=database, user=user, password=password,
                               autocommit=True, connect_timeout=10)

    def create_database(self, owner: str = SUPERUSER) -> str:
        """A new, empty database; returns its name.

        ``STRATEGY = FILE_COPY`` (copy the template's files, after a checkpoint) instead of
        PostgreSQL 15's default WAL_LOG: on this server, with ``fsync=off``, it was the quicker
        in every measurement (medians 23.6 against 25.7 ms idle, 47 against 53 and 129 against
        171 ms on a busy machine); with fsync on it is twice as slow, its checkpoint waiting
        for the disk. ``template0`` rather than ``template1`` made no measurable difference;
        it is the pristine one.
        """
        name = f"log_{os.getpid()}_{next(self._names)}"
        with self.connect() as conn:
            conn.execute(f"CREATE DATABASE {name} OWNER {_quoted(owner)} TEMPLATE template0 STRATEGY = FILE_COPY")
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any session still connected to it."""
        with self.connect() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")

    def create_role(self, name: str, password: str | None = None) -> str:
        """A login role; with a password, one that must give it to log in over TCP."""
        with self.connect() as conn:
            if password is None:
                conn.execute(f"CREATE ROLE {_quoted(name)} LOGIN")
            else:
                from psycopg import sql

                conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                    sql.Identifier(name), sql.Literal(password), sql.Identifier(PASSWORD_GROUP)))
        return name

    def drop_role(self, name: str) -> None:
        """Drop a role, the databases it owns, and what it owns or was granted in the others."""
        with self.connect() as conn:
            databases = [row[0] for row in conn.execute(
                "SELECT datname FROM pg_database WHERE datallowconn AND datname NOT IN ('template0', 'template1')")]
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        if not exists:
            return
        with self.connect() as conn:
            owned = [row[0] for row in conn.execute(
                "SELECT datname FROM pg_database JOIN pg_roles ON datdba = pg_roles.oid WHERE rolname = %s", (name,))]
        for database in owned:
            self.drop_database(database)
        for database in set(databases) - set(owned):
            with self.connect(database) as conn:
                conn.execute(f"DROP OWNED BY {_quoted(name)}")
        with self.connect() as conn:
            conn.execute(f"DROP ROLE {_quoted(name)}")
