"""Shared fixtures: temporary logs, on SQLite and on a real PostgreSQL, and helpers to compare a
log before and after a write.

The log fixtures (``log``, ``sample_log``, ``one_interview``) open a fresh ``log_target``: a
SQLite file in ``tmp_path``, unless the test (or its module, with ``pytestmark``) is marked
``@pytest.mark.backends("sqlite", "postgresql")``, in which case it runs once on each: the
``postgresql`` run on a fresh database of the session's own PostgreSQL server
(:mod:`tests.postgres`), marked ``postgres``. ``-m "not postgres"`` leaves those out; without
a PostgreSQL server they fail, unless ``WORKBOOK_SKIP_POSTGRES=1`` skips them.

The guard that no test touches the user's own log is in the root conftest.py."""

from __future__ import annotations

import os

import pandas as pd
import pytest

import workbook

from .imap_server import ImapServer, dovecot_missing
from .postgres import PostgresServer, postgres_missing

TABLES = ("candidates", "interviews", "interviewers", "notes", "outcomes")
BACKENDS = ("sqlite", "postgresql")
SKIP_POSTGRES = "WORKBOOK_SKIP_POSTGRES"
SKIP_IMAP = "WORKBOOK_SKIP_IMAP"


# -- the backends: SQLite files, and a PostgreSQL server of the session's own --------------

def pytest_generate_tests(metafunc):
    """A test marked ``backends(...)`` that uses a log runs once per backend named."""
    marker = metafunc.definition.get_closest_marker("backends")
    if marker is None or "log_target" not in metafunc.fixturenames:
        return
    unknown = set(marker.args) - set(BACKENDS)
    if unknown or not marker.args:
        raise pytest.UsageError(f"backends({', '.join(marker.args)}): name one or more of {', '.join(BACKENDS)}")
    metafunc.parametrize("log_target", [
        pytest.param(name, id=name, marks=[pytest.mark.postgres] if name == "postgresql" else [])
        for name in marker.args
    ], indirect=True)


def pytest_collection_modifyitems(items):
    """Every test that uses the PostgreSQL server directly is a ``postgres`` test too."""
    for item in items:
        if "postgres_server" in getattr(item, "fixturenames", ()) and item.get_closest_marker("postgres") is None:
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def postgres_server():
    """The session's PostgreSQL server (:class:`tests.postgres.PostgresServer`), started at the
    first test that needs it and stopped, its folder removed, at the end.

    Without one the test fails, saying why. ``WORKBOOK_SKIP_POSTGRES=1``, set by the person
    running the tests, skips the PostgreSQL tests instead (and, said explicitly, also where a
    server could start).
    """
    skip = os.environ.get(SKIP_POSTGRES) == "1"
    reason = postgres_missing()
    if skip:
        pytest.skip(f"PostgreSQL tests skipped ({SKIP_POSTGRES}=1)" + (f": {reason}" if reason else ""))
    if reason is not None:
        pytest.fail(f"the PostgreSQL tests need a PostgreSQL server: {reason}. "
                    f"Set {SKIP_POSTGRES}=1 to skip them, or leave them out with -m 'not postgres'.",
                    pytrace=False)
    server = PostgresServer.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def imap_server():
    """The session's IMAP server (:class:`tests.imap_server.ImapServer`: Debian's dovecot, plain
    IMAP and IMAPS on loopback, user ``maya@example.com``), started at the first test that needs
    it and stopped, its folder removed, at the end. Tests mark themselves ``imap``.

    Without dovecot the test fails, saying why; ``WORKBOOK_SKIP_IMAP=1`` skips it instead.
    """
    skip = os.environ.get(SKIP_IMAP) == "1"
    reason = dovecot_missing()
    if skip:
        pytest.skip(f"IMAP tests skipped ({SKIP_IMAP}=1)" + (f": {reason}" if reason else ""))
    if reason is not None:
        pytest.fail(f"the IMAP tests need an IMAP server: {reason}. "
                    f"Set {SKIP_IMAP}=1 to skip them, or leave them out with -m 'not imap'.", pytrace=False)
    server = ImapServer.start()
    yield server
    server.stop()


@pytest.fixture
def postgres_database(postgres_server):
    """A fresh, empty database on the session's server, owned by its superuser; yields its
    name. Dropped after the test (any session still on it ended)."""
    name = postgres_server.create_database()
    yield name
    postgres_server.drop_database(name)


@pytest.fixture
def log_target(request, tmp_path):
    """Where a fresh log goes: ``tmp_path / "log.sqlite"``, or (in a test marked
    ``backends(..., "postgresql")``) the URL of a fresh PostgreSQL database,
    ``postgresql+psycopg://wb@127.0.0.1:PORT/NAME``. Give it to ``workbook.open_log``;
    opening it again opens the same log."""
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        return tmp_path / "log.sqlite"
    server = request.getfixturevalue("postgres_server")
    return server.url(request.getfixturevalue("postgres_database"))


def backend_of(log) -> str:
    """``"sqlite"`` or ``"postgresql"``."""
    return log.url.get_backend_name()


def raw_engine(target):
    """A SQLAlchemy engine of the log's database of its own, no workbook code in between: to
    read or write behind the log's back, as another tool could. Dispose of it after use."""
    import sqlalchemy

    if isinstance(target, workbook.Log):
        target = target.url.render_as_string(hide_password=False)
    text = str(target)
    return sqlalchemy.create_engine(text if "://" in text else f"sqlite:///{text}")


def run_sql(target, statement: str, parameters: dict | None = None) -> list:
    """Run one statement on the log's database in a transaction of its own; the rows it returns."""
    import sqlalchemy

    engine = raw_engine(target)
    try:
        with engine.begin() as conn:
            result = conn.execute(sqlalchemy.text(statement), parameters or {})
            return result.all() if result.returns_rows else []
    finally:
        engine.dispose()


# -- logs ----------------------------------------------------------------------------------

@pytest.fixture
def log(log_target):
    """An empty log (see ``log_target``: a temporary file, or a fresh PostgreSQL database)."""
    with workbook.open_log(log_target) as opened:
        yield opened


@pytest.fixture
def sample_log(log_target):
    """A temporary log holding the shipped sample cohort."""
    with workbook.open_log(log_target) as opened:
        workbook.load_sample(opened)
        yield opened


@pytest.fixture
def one_interview(log):
    """A log with one candidate, one interview in New York (10:00–11:00 on 2026-09-14, which
    is 14:00–15:00 UTC) and two people met there. Returns (log, interview_id, [ids])."""
    log.add_candidate("Maya Okafor", email="maya@example.com", phone="+1 555 0100", skills=["SQL", "Python"])
    interview = log.add_interview(
        "Maya Okafor", "Northwind Analytics", "Data analyst",
        "2026-09-14T10:00", "2026-09-14T11:00", "America/New_York", stage="hiring manager",
    )
    ana = log.add_interviewer(interview, "Ana Lima", title="Analytics lead", email="ana@northwind.example",
                              talking_points="rebuilding the churn dashboard")
    bo = log.add_interviewer(interview, "Bo Chen", title="Data engineer", talking_points="dbt tests")
    return log, interview, [ana, bo]


def widget_tree(widget):
    """The widget and every widget inside it (box children and tab pages)."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widget_tree(child)


def snapshot(log) -> dict[str, pd.DataFrame]:
    """Every table of a log, to compare before and after a write."""
    return {name: getattr(log, name)() for name in TABLES}


def assert_same_log(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)


def capture_display(monkeypatch) -> list:
    """What the widgets hand to IPython's display, collected instead of shown."""
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objects, **options: shown.append((objects, options)))
    return shown


def displayed(widget, name: str):
    """How a widget of ours is displayed: its view, and one line of text in place of the long
    text form of every control (what a saved notebook and nbval keep)."""
    view = {"version_major": 2, "version_minor": 0, "model_id": widget.model_id}
    return ({"text/plain": name, "application/vnd.jupyter.widget-view+json": view},), {"raw": True}
