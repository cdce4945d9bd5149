"""A log in a coaching practice's PostgreSQL, where a server differs from a file: a server that
is not there, a login refused, a connection lost, a role with fewer rights than the owner's, and
a password that must never show in a message, a repr or a notebook's traceback.

Everything else a log does runs on PostgreSQL too: the log, CSV, timing and upgrade tests are
marked ``backends("sqlite", "postgresql")``, and tests/test_crash_safety.py has two notebooks
adding 1,000 notes each at once, and notebooks killed in the middle of writes, on both.
"""

from __future__ import annotations

import os
import textwrap
import threading
import time
import traceback

import pandas as pd
import pytest

import workbook
from workbook.store import schema

from .conftest import TABLES, assert_same_log, run_sql, snapshot
from .postgres import free_port

pytestmark = pytest.mark.postgres

#: A password no message has any other reason to contain.
PASSWORD = "Sunflower-7391-secret"
WRONG_PASSWORD = "Marigold-2468-wrong"


def shown(error: BaseException) -> str:
    """Everything a notebook shows of an error: its traceback, message and the causes chained."""
    return "".join(traceback.format_exception(error))


def assert_no_password(error: BaseException, *passwords: str) -> None:
    for password in passwords:
        assert password not in str(error)
        assert password not in repr(error)
        assert password not in shown(error)
        assert all(password not in str(problem) for problem in getattr(error, "problems", []))


@pytest.fixture
def make_role(postgres_server):
    """Make login roles for one test (``make_role("coach", password=...)``); they, and the
    databases they own, are dropped after it."""
    made = []

    def make(prefix: str, password: str | None = None) -> str:
        name = f"{prefix}_{os.getpid()}_{len(made) + 1}"
        made.append(postgres_server.create_role(name, password))
        return name

    yield make
    for name in made:
        postgres_server.drop_role(name)


def table_names(url: str) -> list[str]:
    return [name for (name,) in run_sql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]


def add_maya_and_ana(log) -> int:
    """One candidate, one interview, one person met; returns the person's id."""
    log.add_candidate("Maya Okafor")
    interview = log.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst", "2026-09-14T10:00",
                                  "2026-09-14T11:00", "America/New_York", people=[{"name": "Ana Lima"}])
    return int(log.interviewers().set_index("interview_id").at[interview, "interviewer_id"])


# -- reaching the server ---------------------------------------------------------------------

def test_an_unreachable_server_says_to_try_again_and_never_shows_the_password(postgres_server):
    url = f"postgresql+psycopg://coach:{PASSWORD}@127.0.0.1:{free_port()}/practice"  # no one listens there
    with pytest.raises(workbook.LogUnavailableError) as raised:
        workbook.open_log(url)
    assert "try again" in str(raised.value)
    assert "127.0.0.1" in str(raised.value)  # which log it could not reach
    assert_no_password(raised.value, PASSWORD)


def test_a_refused_login_says_so_and_never_shows_either_password(postgres_server, make_role):
    coach = make_role("coach", password=PASSWORD)
    database = postgres_server.create_database(owner=coach)
    with pytest.raises(workbook.LogUnavailableError) as raised:
        workbook.open_log(postgres_server.url(database, coach, WRONG_PASSWORD))
    assert_no_password(raised.value, PASSWORD, WRONG_PASSWORD)
    assert table_names(postgres_server.url(database)) == []
    # The same role with its password opens (and, owning the database, creates) the log.
    with workbook.open_log(postgres_server.url(database, coach, PASSWORD)) as log:
        assert log.is_empty()


def test_a_role_that_does_not_exist_is_refused(postgres_server, postgres_database):
    with pytest.raises(workbook.LogUnavailableError) as raised:
        workbook.open_log(postgres_server.url(postgres_database, "nobody_here", WRONG_PASSWORD))
    assert_no_password(raised.value, WRONG_PASSWORD)
    assert table_names(postgres_server.url(postgres_database)) == []


def test_the_password_never_shows_in_the_log_its_url_or_its_errors(postgres_server, make_role):
    coach = make_role("coach", password=PASSWORD)
    database = postgres_server.create_database(owner=coach)
    url = postgres_server.url(database, coach, PASSWORD)
    with workbook.open_log(url) as log:
        ana = add_maya_and_ana(log)
        assert PASSWORD not in repr(log)
        assert PASSWORD not in str(log.url)
        assert coach in repr(log) and database in repr(log)  # which log it is, still
        with pytest.raises(workbook.UnknownRecordError) as refused:
            log.add_note(ana + 1, body="Dear nobody")
        assert_no_password(refused.value, PASSWORD)


@pytest.mark.parametrize("mistyped", [
    f"postgresql+psycopg://coach:{PASSWORD}@127.0.0.1:54x2/practice",  # a port that is no number
    f"postgresql+pyscopg://coach:{PASSWORD}@127.0.0.1:5432/practice",  # a driver that does not exist
    f"postgresql+psycopg//coach:{PASSWORD}@127.0.0.1/practice",  # no "://"
], ids=["port", "driver", "scheme"])
def test_a_mistyped_url_is_a_clear_error_without_the_password(postgres_server, mistyped):
    with pytest.raises(workbook.InvalidValueError) as raised:
        workbook.open_log(mistyped)
    assert_no_password(raised.value, PASSWORD)


# -- roles: the owner creates the tables, a coach's role uses them ----------------------------

def test_a_role_that_may_not_create_tables_opening_an_empty_database_is_told_who_must(
        postgres_server, postgres_database, make_role):
    clerk = make_role("clerk")
    url = postgres_server.url(postgres_database, clerk)
    with pytest.raises(workbook.LogPermissionError) as raised:
        workbook.open_log(url)
    message = str(raised.value)
    assert "owner" in message and "create" in message.lower() and "tables" in message, message
    assert isinstance(raised.value, workbook.WorkbookError)
    assert table_names(postgres_server.url(postgres_database)) == []  # nothing half-made


@pytest.fixture
def practice(postgres_server, postgres_database, make_role):
    """A practice's database as the README sets it up: owned by a role of its own (not a
    superuser), PUBLIC's default rights taken away, the log's tables made by the owner. Returns
    (owner's URL, a function granting a role what the README grants a coach)."""
    owner = make_role("owner")
    admin_url = postgres_server.url(postgres_database)
    run_sql(admin_url, f'ALTER DATABASE "{postgres_database}" OWNER TO {owner}')
    run_sql(admin_url, f"ALTER SCHEMA public OWNER TO {owner}")
    run_sql(admin_url, f'REVOKE ALL ON DATABASE "{postgres_database}" FROM PUBLIC')
    run_sql(admin_url, "REVOKE ALL ON SCHEMA public FROM PUBLIC")
    owner_url = postgres_server.url(postgres_database, owner)
    workbook.open_log(owner_url).close()  # the owner creates the tables

    def grant(coach, connect=True, usage=True, tables=True):
        # Exactly the README's lines ("Where your log lives"), each of which can be left out.
        if connect:
            run_sql(owner_url, f'GRANT CONNECT ON DATABASE "{postgres_database}" TO {coach}')
        if usage:
            run_sql(owner_url, f"GRANT USAGE ON SCHEMA public TO {coach}")
        if tables:
            run_sql(owner_url, f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {coach}")

    return owner_url, grant


def test_a_role_with_only_the_readmes_grants_can_keep_a_log_the_owner_created(
        postgres_server, postgres_database, practice, make_role, tmp_path):
    owner_url, grant = practice
    coach = make_role("coach", password=PASSWORD)
    grant(coach)

    with workbook.open_log(postgres_server.url(postgres_database, coach, PASSWORD)) as log:
        ana = add_maya_and_ana(log)
        chosen = log.add_interview("Maya Okafor", "Contoso", "Analyst", "2026-09-16T10:00", "2026-09-16T11:00",
                                   "Europe/Lisbon", interview_id=40, people=[{"name": "Rui Costa"}])
        rui = int(log.interviewers().set_index("interview_id").at[chosen, "interviewer_id"])
        note = log.add_note(ana, body="Dear Ana, thank you.", subject="Thank you")
        log.mark_sent(note, at="2026-09-14T15:00", now="2026-09-20T00:00Z", channel="handwritten")
        sent, _ = log.send_note(rui, "Dear Rui, thank you.", at="2026-09-16T12:00", now="2026-09-20T00:00Z")
        log.mark_replied(sent, at="2026-09-17T09:00", now="2026-09-20T00:00Z")
        log.change_candidate("Maya Okafor", email="maya@example.com")
        assert log.record_outcome(chosen, "next_round", "2026-09-18", now="2026-09-20T00:00Z") is None
        assert log.record_outcome(chosen, "offer", "2026-09-19", now="2026-09-20T00:00Z") == "next_round"
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "interviews.csv").write_text(textwrap.dedent("""\
            interview_id,candidate,company,role,stage,timezone,starts_at,ends_at
            50,Tom Becker,Alder Clinics,Nurse manager,,America/Chicago,2026-10-02T09:00,2026-10-02T10:00
            """), encoding="utf-8")
        assert log.import_csv(folder)["interviews"] == 1
        after_import = log.add_interview("Tom Becker", "Alder Clinics", "Nurse manager", "2026-10-09T09:00",
                                         "2026-10-09T10:00", "America/Chicago")
        assert after_import > 50
        table = workbook.followups(log, now="2026-09-20T00:00Z").set_index("interviewer")
        assert table.at["Ana Lima", "status"] == "same_day" and table.at["Rui Costa", "status"] == "same_day"
        log.remove_candidate("Tom Becker", cascade=True)
        exported = log.export_csv(tmp_path / "out")
        assert (exported / "notes.csv").read_text(encoding="utf-8").count("Dear Ana") == 1
    with workbook.open_log(owner_url) as owner:
        assert owner.candidates()["email"].tolist() == ["maya@example.com"]
        assert sorted(owner.interviews()["interview_id"]) == [1, 40]
        assert owner.notes().set_index("note_id").at[note, "channel"] == "handwritten"
        assert owner.outcomes()["outcome"].tolist() == ["offer"]


@pytest.mark.parametrize("missing", ["connect", "usage", "tables"])
def test_a_role_missing_one_of_the_readmes_grants_is_told_it_may_not(
        postgres_server, postgres_database, practice, make_role, missing):
    owner_url, grant = practice
    coach = make_role("coach", password=PASSWORD)
    grant(coach, **{missing: False})
    before = snapshot_of(owner_url)
    with pytest.raises(workbook.LogPermissionError) as raised:
        with workbook.open_log(postgres_server.url(postgres_database, coach, PASSWORD)) as log:
            add_maya_and_ana(log)
    assert "owner" in str(raised.value) or "grant" in str(raised.value), str(raised.value)
    assert_no_password(raised.value, PASSWORD)
    assert snapshot_of(owner_url) == before


def snapshot_of(url: str) -> dict:
    with workbook.open_log(url) as log:
        return {name: getattr(log, name)().to_dict("list") for name in TABLES}


def test_a_coach_opening_a_log_of_an_older_workbook_is_told_the_owner_upgrades_it(
        postgres_server, postgres_database, practice, make_role):
    owner_url, grant = practice
    coach = make_role("coach")
    grant(coach)
    # As version 3 left it: interviews without the calendar's columns.
    run_sql(owner_url, "DROP INDEX IF EXISTS ix_interviews_calendar_uid")
    run_sql(owner_url, "ALTER TABLE interviews DROP COLUMN calendar_uid, DROP COLUMN calendar_sequence")
    run_sql(owner_url, "ALTER TABLE notes DROP COLUMN sent_message_id, DROP COLUMN reply_message_id, "
                       "DROP COLUMN written_at")
    run_sql(owner_url, "UPDATE workbook_meta SET value = '3' WHERE key = 'schema_version'")
    with pytest.raises(workbook.LogPermissionError, match="owner"):
        workbook.open_log(postgres_server.url(postgres_database, coach))
    assert run_sql(owner_url, "SELECT value FROM workbook_meta WHERE key = 'schema_version'") == [("3",)]
    with workbook.open_log(owner_url) as log:  # the owner's opening upgrades it
        assert log.schema_version == schema.SCHEMA_VERSION
        assert "calendar_uid" in log.interviews().columns and "sent_message_id" in log.notes().columns


def test_writers_never_collide_whatever_the_databases_default_isolation(postgres_server, postgres_database):
    """A practice's database set to REPEATABLE READ by default: the log's writes still see
    every earlier write once their turn comes (no id taken twice, no note lost)."""
    url = postgres_server.url(postgres_database)
    run_sql(url, f'ALTER DATABASE "{postgres_database}" SET default_transaction_isolation = \'repeatable read\'')
    with workbook.open_log(url) as log:
        ana = add_maya_and_ana(log)
    failures = []

    def write_notes():
        try:
            with workbook.open_log(url) as mine:
                for n in range(40):
                    mine.add_note(ana, body=f"draft {n}")
        except Exception as error:  # noqa: BLE001 - every failure is what the test counts
            failures.append(error)

    writers = [threading.Thread(target=write_notes) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert failures == []
    with workbook.open_log(url) as log:
        assert len(log.notes()) == 80 and log.notes()["note_id"].is_unique


def test_a_password_given_as_a_parameter_of_the_url_never_shows(postgres_server, postgres_database, make_role):
    coach = make_role("coach", password=PASSWORD)
    url = postgres_server.url(postgres_database)
    run_sql(url, f"GRANT CREATE, USAGE ON SCHEMA public TO {coach}")
    with workbook.open_log(f"postgresql+psycopg://{coach}@127.0.0.1:{postgres_server.port}/{postgres_database}"
                           f"?password={PASSWORD}") as log:
        log.add_candidate("Maya Okafor")
        assert PASSWORD not in repr(log) and PASSWORD not in str(log.url) and PASSWORD not in repr(log.url)
    with pytest.raises(workbook.LogUnavailableError) as raised:
        workbook.open_log(f"postgresql+psycopg://{coach}@127.0.0.1:{free_port()}/{postgres_database}?password={PASSWORD}")
    assert_no_password(raised.value, PASSWORD)


def test_text_a_databases_encoding_cannot_hold_is_refused_by_name(postgres_server, make_role):
    """A practice's database made in LATIN1: a note with an emoji is refused as a value,
    the log unchanged (never a crash of the driver's encoding)."""
    name = f"latin_{os.getpid()}"
    with postgres_server.connect() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'LATIN1\' LC_COLLATE \'C\' LC_CTYPE \'C\'')
    try:
        with workbook.open_log(postgres_server.url(name)) as log:
            ana = add_maya_and_ana(log)
            log.add_note(ana, body="Merci, Zoë, à bientôt")  # in LATIN1: kept exactly
            before = snapshot(log)
            with pytest.raises(workbook.InvalidValueError):
                log.add_note(ana, body="Thank you 😀")
            assert_same_log(before, snapshot(log))
            assert log.notes()["body"].tolist() == ["Merci, Zoë, à bientôt"]
    finally:
        postgres_server.drop_database(name)


# -- a connection lost ------------------------------------------------------------------------

def other_sessions(admin, database: str) -> list[tuple[int, str | None]]:
    """The sessions on ``database`` other than ``admin``'s: (pid, what each waits for)."""
    return admin.execute("SELECT pid, wait_event_type FROM pg_stat_activity WHERE datname = %s "
                         "AND pid <> pg_backend_pid()", (database,)).fetchall()


def test_a_connection_dropped_while_the_notebook_sat_idle_is_replaced(postgres_server, postgres_database):
    """The server ended the log's sessions between two writes (a restart, an idle timeout):
    the next write opens a new connection, and both writes are kept."""
    with workbook.open_log(postgres_server.url(postgres_database)) as log:
        ana = add_maya_and_ana(log)
        with postgres_server.connect() as admin:
            sessions = other_sessions(admin, postgres_database)
            assert sessions, "the log keeps no connection open"
            for pid, _ in sessions:
                admin.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,))
        note = log.add_note(ana, body="Dear Ana, thank you.")
        assert log.notes()["note_id"].tolist() == [note]


def test_a_connection_dropped_in_the_middle_of_a_write_says_try_again_and_changes_nothing(
        postgres_server, postgres_database):
    """A write is cut off after it began: its session is ended while it waits for tables another
    session holds. Nothing of it is kept, the error says to try again, and trying again works."""
    url = postgres_server.url(postgres_database)
    with workbook.open_log(url) as log:
        ana = add_maya_and_ana(log)
        before = snapshot(log)
        ended: list = []

        def end_the_write(blocker):
            try:
                deadline = time.monotonic() + 30
                while not (waiting := [pid for pid, waits in other_sessions(blocker, postgres_database)
                                       if waits == "Lock"]):
                    assert time.monotonic() < deadline, "the write never waited for the tables"
                    time.sleep(0.02)
                with postgres_server.connect() as admin:
                    ended.extend(admin.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,)).fetchone()[0]
                                 for pid in waiting)
            finally:
                blocker.execute("ROLLBACK")
                blocker.close()

        blocker = postgres_server.connect(postgres_database)
        blocker.execute("BEGIN")
        blocker.execute(f"LOCK TABLE {', '.join(TABLES)} IN ACCESS EXCLUSIVE MODE")
        thread = threading.Thread(target=end_the_write, args=(blocker,))
        thread.start()
        try:
            with pytest.raises(workbook.LogUnavailableError) as raised:
                log.add_note(ana, body="Dear Ana, thank you.", sent_at="2026-09-14T15:00")
        finally:
            thread.join(60)
        assert ended == [True]
        assert "try again" in str(raised.value)
        assert_same_log(before, snapshot(log))
        note = log.add_note(ana, body="Dear Ana, thank you.", sent_at="2026-09-14T15:00")  # trying again
        assert log.notes()["note_id"].tolist() == [note]
        assert log.notes().at[0, "sent_at"] == pd.Timestamp("2026-09-14T19:00Z")
