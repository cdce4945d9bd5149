"""Analysis at scale and Import on a real PostgreSQL server, each beside its floor on the same
server: what a coaching practice that shares one log waits for.

- **Analysis**: ours is :func:`workbook.open_log` + :func:`workbook.followups` +
  :func:`habits.summary <workbook.habits.summary>` + :func:`habits.trend <workbook.habits.trend>`
  (weekly) on a PostgreSQL log holding the generated log of N interviewers (the rows of
  :func:`scale.generated`, copied in with ``COPY``); the floor is ``pandas.read_sql`` of the
  same tables (candidates, interviews, interviewers, notes; ``SELECT *`` each) from the same
  database. Target at the largest size: ours at most 1.5× the floor.
- **Import**: ours is ``log.import_csv`` of the generated CSV folder (:func:`scale.exported`)
  into an empty PostgreSQL log; the floor is PostgreSQL's ``COPY ... FROM STDIN`` (psycopg's
  ``cursor.copy``) of the same files, in one transaction, into the tables the workbook creates,
  in an empty database. Target at the largest size: ours at most 2× the floor.

The server is the tests' own (:class:`tests.postgres.PostgresServer`: a throw-away cluster,
``fsync=off``), started here and stopped at the end. Where none can be started the benchmark
says why and records no figure.

Run: ``.venv/bin/python benchmarks/bench_postgres.py [INTERVIEWERS ...]`` (default 100000
1000000; both areas at each size).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))  # the repo root: tests.postgres starts the server

import scale  # noqa: E402
from bench_analysis import analyse  # noqa: E402  (the same work, on a URL)
from common import Figure, interleaved  # noqa: E402
from tests.postgres import PostgresServer, postgres_missing  # noqa: E402

import workbook  # noqa: E402
from workbook.store import schema  # noqa: E402
from workbook.store.kinds import KINDS  # noqa: E402

ANALYSIS_TARGET = 1.5
IMPORT_TARGET = 2.0
ANALYSIS = "Analysis at scale (PostgreSQL)"
IMPORT = "Import (PostgreSQL)"
#: The tables the analysis floor reads, as bench_analysis's floor reads them from SQLite.
READ_TABLES = ("candidates", "interviews", "interviewers", "notes")
#: How much of a CSV file the import floor sends to COPY at a time.
BLOCK = 1 << 20


def measure(work: Path, sizes=(100_000, 1_000_000), repeat: int = 3,
            server: PostgresServer | None = None) -> list[Figure]:
    """Both areas at each of ``sizes``, on ``server``, or on a server started here and stopped
    after. No server: the reason, printed, and no figure."""
    if server is None:
        reason = postgres_missing()
        if reason is None:
            try:
                server = PostgresServer.start()
            except RuntimeError as error:
                reason = str(error)
        if reason is not None:
            print(f"PostgreSQL benchmarks not run: {reason}", flush=True)
            return []
        with server:
            return measure(work, sizes, repeat, server)
    return analysis(server, work, sizes, repeat) + imports(server, work, sizes, repeat)


# -- analysis ------------------------------------------------------------------------------

def read_with_pandas(url: str) -> dict[str, pd.DataFrame]:
    """The floor: pandas alone reading the tables the analysis needs from the same database
    (through SQLAlchemy, the connection pandas supports for PostgreSQL)."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as conn:
            return {name: pd.read_sql(f"SELECT * FROM {name}", conn) for name in READ_TABLES}
    finally:
        engine.dispose()


def copy_generated(server: PostgresServer, database: str, path: Path) -> str:
    """A PostgreSQL log in ``database`` holding the rows of the generated SQLite log at ``path``
    (the workbook creates the tables; COPY fills them); returns its URL."""
    import sqlite3

    from psycopg import sql

    url = server.url(database)
    workbook.open_log(url).close()
    with sqlite3.connect(path) as source, server.connect(database) as conn:
        for name in KINDS:
            frame = pd.read_sql_query(f"SELECT * FROM {name}", source)  # the log's own table names
            statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv)").format(
                sql.Identifier(name), sql.SQL(", ").join(map(sql.Identifier, frame.columns)))
            with conn.transaction(), conn.cursor().copy(statement) as copy:
                copy.write(frame.to_csv(index=False, header=False, lineterminator="\n"))
        conn.execute("VACUUM ANALYZE")
    source.close()
    return url


def analysis(server: PostgresServer, work: Path, sizes, repeat: int) -> list[Figure]:
    figures = []
    for size in sizes:
        database = server.create_database()
        try:
            url = copy_generated(server, database, scale.generated(work, size))
            analyse(url)  # warm the server's cache
            times = interleaved({"ours": lambda: analyse(url), "floor": lambda: read_with_pandas(url)}, repeat)
        finally:
            server.drop_database(database)
        figures.append(Figure(
            ANALYSIS, f"`open_log` + `followups` + `summary` + `trend`, {size:,} interviewers",
            times["ours"], "`pandas.read_sql` of the same tables from the same database", times["floor"], repeat,
            ANALYSIS_TARGET if size == max(sizes) else None))
    return figures


# -- import --------------------------------------------------------------------------------

def empty_log(server: PostgresServer) -> tuple[str, str]:
    """A new database holding an empty log (the workbook's tables); its name and URL."""
    database = server.create_database()
    url = server.url(database)
    workbook.open_log(url).close()
    return database, url


def ours(url: str, folder: Path) -> None:
    """``import_csv`` of the folder into the empty log at ``url``."""
    with workbook.open_log(url) as log:
        log.import_csv(folder)


def floor_tables(server: PostgresServer) -> str:
    """A new database with the workbook's tables, made ready for the floor's COPY; its name.

    Two changes, both made before the clock starts, so that COPY takes the files as they are,
    as the SQLite floor (``to_sql`` of the text) does: interviews.csv names the candidate, not
    their id, so ``interviews`` gets a text column ``candidate`` and ``candidate_id`` may be
    empty (no look-up); and the times carry their offsets, which a ``timestamp without time
    zone`` column would silently drop, so the time columns become ``timestamptz`` and
    PostgreSQL itself turns each one into its instant (the same 8 bytes stored).
    """
    from psycopg import sql

    database, _ = empty_log(server)
    with server.connect(database) as conn:
        conn.execute("ALTER TABLE interviews ADD COLUMN candidate text, ALTER COLUMN candidate_id DROP NOT NULL")
        for name, table in schema.TABLES.items():
            for column in table.columns:
                if isinstance(column.type, schema.UTCDateTime):
                    conn.execute(sql.SQL("ALTER TABLE {} ALTER COLUMN {} TYPE timestamptz").format(
                        sql.Identifier(name), sql.Identifier(column.name)))
    return database


def floor(server: PostgresServer, database: str, folder: Path) -> None:
    """COPY of every CSV file, as it is, into its table, in one transaction."""
    from psycopg import sql

    with server.connect(database) as conn, conn.transaction():
        for name, kind in KINDS.items():
            path = folder / f"{name}.csv"
            with open(path, "rb") as file:
                header = file.readline().decode("utf-8-sig").strip().split(",")
                columns = [kind.column(field) if name == "candidates" else field for field in header]
                statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv)").format(
                    sql.Identifier(name), sql.SQL(", ").join(map(sql.Identifier, columns)))
                with conn.cursor().copy(statement) as copy:
                    while block := file.read(BLOCK):
                        copy.write(block)


def imports(server: PostgresServer, work: Path, sizes, repeat: int) -> list[Figure]:
    figures = []
    for size in sizes:
        folder = scale.exported(work, size)
        made: dict[str, str] = {}  # the database of each side's last run, dropped before its next

        def fresh(side: str, make) -> str:
            if side in made:
                server.drop_database(made.pop(side))
            made[side] = make()
            return made[side]

        def run_ours():
            url = server.url(fresh("ours", lambda: empty_log(server)[0]))
            return lambda: ours(url, folder)

        def run_floor():
            database = fresh("floor", lambda: floor_tables(server))
            return lambda: floor(server, database, folder)

        try:
            times = interleaved({"ours": run_ours, "floor": run_floor}, repeat, prepared=True)
        finally:
            for database in made.values():
                server.drop_database(database)
        figures.append(Figure(
            IMPORT, f"`import_csv` of {size:,} interviewers (with their interviews, notes, outcomes) into an empty log",
            times["ours"], "PostgreSQL's `COPY` of the same files into the same tables", times["floor"], repeat,
            IMPORT_TARGET if size == max(sizes) else None,
            note="the floor keeps the candidate's name as text and the times as `timestamptz`: see below"))
    return figures


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sizes = [int(a) for a in argv] or [100_000, 1_000_000]
    print("PostgreSQL (median of 3):")
    with tempfile.TemporaryDirectory() as work:
        area = None
        for figure in measure(Path(work), sizes):
            if figure.area != area:
                area = figure.area
                print(area)
            print(figure.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
