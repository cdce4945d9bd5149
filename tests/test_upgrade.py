"""Upgrades: a log written by the first workbook (log version 1) opens with today's code,
upgraded, every row kept, and the file as it was backed up first.

The fixture ``tests/data/log-v1.sqlite`` (160 KB) was written by the version-1 workbook, commit
4196c16, and is never to be rewritten with later code. It holds the sample cohort (imported from
CSV, the bulk path) and, written one call at a time, a candidate, two interviews in
Asia/Kathmandu and Pacific/Chatham, three people met, a note sent and replied to, a handwritten
note, a draft and two outcomes, with non-ASCII text, empty optional fields and microseconds. It
was made with::

    git archive 4196c16 | tar -x -C /tmp/v1code && cd /tmp/v1code
    PYTHONPATH=/tmp/v1code python make_log_v1.py log-v1.sqlite

where ``make_log_v1.py`` is::

    import sqlite3, sys
    from datetime import datetime
    from pathlib import Path
    from zoneinfo import ZoneInfo
    import workbook

    path = Path(sys.argv[1])
    with workbook.open_log(path) as log:
        assert log.schema_version == 1
        workbook.load_sample(log)
        log.add_candidate("Zoë Ångström-Núñez", email="zoe@exämple.org", phone="+977 1 555 0199",
                          skills=["Python", "Ölçüm (measurement)", "日本語"])
        kathmandu = ZoneInfo("Asia/Kathmandu")
        first = log.add_interview("Zoë Ångström-Núñez", "Çafé Ürban GmbH", "Datenanalystin",
                                  datetime(2026, 10, 5, 9, 15, tzinfo=kathmandu),
                                  datetime(2026, 10, 5, 10, 40, 30, 250000, tzinfo=kathmandu),
                                  "Asia/Kathmandu", stage="hiring manager")
        josé = log.add_interviewer(first, "José Ñúñez", title="Jefe de análisis",
                                   email="jose@cafe-urban.example",
                                   talking_points="the café's loyalty data — “why did churn jump?”\\n"
                                                  "and a 🚲 courier pilot")
        mei = log.add_interviewer(first, "李梅")
        sent = log.add_note(josé, "Querido José,\\n\\nGracias por su tiempo — ¡hasta pronto!\\n\\nZoë",
                            subject="Gracias — Zoë", channel="email")
        log.mark_sent(sent, at=datetime(2026, 10, 5, 15, 2, 3, 123456, tzinfo=kathmandu))
        log.mark_replied(sent, at="2026-10-06T08:00")
        log.add_note(mei, "谢谢您的时间。", channel="handwritten", sent_at="2026-10-06T18:00+05:45")
        log.add_note(mei, "A draft, never sent.", channel="other")
        log.add_outcome(first, "next_round", "2026-10-09")
        chatham = log.add_interview("Zoë Ångström-Núñez", "Kiwi Ōtautahi Ltd", "Analyst",
                                    "2026-10-20T14:00", "2026-10-20T15:00", "Pacific/Chatham",
                                    people=[{"name": "Aroha Ngāta", "title": "Kaiwhakahaere"}])
        log.add_outcome(chatham, "no_response", "2026-11-10T12:00+13:45")
    # Closing the last connection checkpoints the write-ahead log into the file and removes it.
    assert not Path(f"{path}-wal").exists()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        db.execute("VACUUM")
    db.close()
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy

import workbook
from workbook.store import migrations
from workbook.store.engine import Database
from workbook.store import schema

from .conftest import raw_engine, run_sql

FIXTURE = Path(__file__).parent / "data" / "log-v1.sqlite"
KEYS = {"workbook_meta": "key", "candidates": "candidate_id", "interviews": "interview_id",
        "interviewers": "interviewer_id", "notes": "note_id", "outcomes": "interview_id"}
#: What the fixture holds, so that a fixture emptied by mistake fails here.
FIXTURE_ROWS = {"workbook_meta": 1, "candidates": 5, "interviews": 55, "interviewers": 123, "notes": 110, "outcomes": 48}


def raw_tables(path: Path) -> dict[str, pd.DataFrame]:
    """Every table of a log file as stored, read with sqlite3 alone (no workbook code)."""
    with sqlite3.connect(path) as db:
        tables = {name: pd.read_sql_query(f"SELECT * FROM {name} ORDER BY {key}", db) for name, key in KEYS.items()}
    db.close()
    return tables


def raw_schema(path: Path) -> dict[str, str]:
    """Each table's and index's CREATE statement, spaces and quoting evened out."""
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
    db.close()
    even = lambda sql: re.sub(r"\s*([(),])\s*", r"\1", re.sub(r"\s+", " ", sql.replace('"', "")))  # noqa: E731
    return {name: even(sql) for name, sql in rows}


def stored_version(path: Path) -> str:
    with sqlite3.connect(path) as db:
        version = db.execute("SELECT value FROM workbook_meta WHERE key = 'schema_version'").fetchone()[0]
    db.close()
    return version


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*-backup-*"))


@pytest.fixture
def old_log(tmp_path) -> Path:
    """A copy of the version-1 fixture, never opened by today's code yet."""
    path = tmp_path / "followup-log.sqlite"
    shutil.copyfile(FIXTURE, path)
    return path


def test_the_fixture_is_a_small_version_1_log_in_one_file():
    assert FIXTURE.stat().st_size < 300_000
    assert not Path(f"{FIXTURE}-wal").exists()
    assert stored_version(FIXTURE) == "1"
    assert {name: len(rows) for name, rows in raw_tables(FIXTURE).items()} == FIXTURE_ROWS
    assert "reply_after_sending" not in raw_schema(FIXTURE)["notes"]


def test_opening_a_version_1_log_upgrades_it_keeping_every_row(old_log):
    before = raw_tables(old_log)
    with workbook.open_log(old_log) as log:
        assert log.schema_version == schema.SCHEMA_VERSION == 6
        assert log.backup_path is not None
        notes = log.notes()
        people = log.interviewers()
    after = raw_tables(old_log)
    assert stored_version(old_log) == "6"
    for name in KEYS:
        if name == "workbook_meta":
            continue
        pd.testing.assert_frame_equal(before[name], after[name][before[name].columns], obj=name)
    # Version 4's columns: no interview logged before came from a calendar.
    assert list(after["interviews"].columns[-2:]) == ["calendar_uid", "calendar_sequence"]
    assert after["interviews"][["calendar_uid", "calendar_sequence"]].isna().all().all()
    # Version 5's and 6's: no note's times were read from mail, no note's writing time is known.
    assert list(after["notes"].columns[-3:]) == ["sent_message_id", "reply_message_id", "written_at"]
    assert after["notes"][["sent_message_id", "reply_message_id", "written_at"]].isna().all().all()
    # Read through the workbook as a person does: the text and the instants came through.
    assert_the_fixtures_text_and_instants_came_through(notes, people)


def assert_the_fixtures_text_and_instants_came_through(notes: pd.DataFrame, people: pd.DataFrame) -> None:
    """Read through the workbook as a person does: the version-1 fixture's text and instants."""
    replied = notes.set_index("note_id").loc[108]
    assert replied["body"].startswith("Querido José,\n\nGracias")
    assert replied["sent_at"] == pd.Timestamp("2026-10-05 09:17:03.123456", tz="UTC")
    assert replied["replied_at"] == pd.Timestamp("2026-10-06 02:15", tz="UTC")
    assert people.set_index("interviewer_id").loc[122, "name"] == "李梅"
    assert len(notes) == FIXTURE_ROWS["notes"] and notes["replied_at"].notna().sum() == 18


def test_an_upgraded_log_has_the_tables_of_a_new_one(old_log, tmp_path):
    workbook.open_log(old_log).close()
    workbook.open_log(tmp_path / "new.sqlite").close()
    assert raw_schema(old_log) == raw_schema(tmp_path / "new.sqlite")
    with sqlite3.connect(old_log) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_the_log_as_it_was_is_backed_up_beside_it_first(old_log):
    original = old_log.read_bytes()
    with workbook.open_log(old_log) as log:
        backup = log.backup_path
    assert backups(old_log.parent) == [backup]
    assert re.fullmatch(r"followup-log\.sqlite\.v1-backup-\d{8}T\d{6}Z", backup.name)
    copy = backup.read_bytes()
    # Page for page the same file; SQLite's backup only renumbers the header's change counters.
    assert len(copy) == len(original) and copy[100:] == original[100:]
    assert copy[:24] == original[:24]
    assert stored_version(backup) == "1"
    for name, rows in raw_tables(FIXTURE).items():
        pd.testing.assert_frame_equal(rows, raw_tables(backup)[name], obj=name)
    with sqlite3.connect(backup) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


def test_the_database_itself_refuses_a_reply_before_sending_after_the_upgrade(old_log):
    with workbook.open_log(old_log) as log:
        backup = log.backup_path
    early_reply = "UPDATE notes SET replied_at = '2026-10-05 09:17:03.000000' WHERE note_id = 108"
    unsent = "UPDATE notes SET sent_at = NULL WHERE note_id = 108"
    reply_to_draft = "UPDATE notes SET replied_at = '2026-10-07 00:00:00.000000' WHERE note_id = 110"
    with sqlite3.connect(old_log) as db:
        for statement in (early_reply, unsent, reply_to_draft):
            with pytest.raises(sqlite3.IntegrityError, match="reply_after_sending"):
                db.execute(statement)
        # A reply at or after the sending is fine.
        db.execute("UPDATE notes SET replied_at = sent_at WHERE note_id = 108")
        db.execute("UPDATE notes SET replied_at = NULL WHERE note_id = 108")
    db.close()
    # The version-1 file never refused it: the rule is the upgrade's doing.
    with sqlite3.connect(backup) as db:
        db.execute(early_reply)
        db.rollback()
    db.close()


@pytest.mark.backends("sqlite", "postgresql")
def test_a_new_log_refuses_a_reply_before_sending_too(one_interview):
    log, _, (ana, _) = one_interview
    note = log.add_note(ana, body="Dear Ana, thank you.", sent_at="2026-09-14T15:30")
    with pytest.raises(sqlalchemy.exc.IntegrityError, match="reply_after_sending"):
        run_sql(log, "UPDATE notes SET replied_at = '2026-09-14 19:29:59.999999' WHERE note_id = :note", {"note": note})


def test_opening_an_upgraded_log_again_neither_upgrades_nor_backs_up(old_log):
    workbook.open_log(old_log).close()
    upgraded = raw_tables(old_log)
    with workbook.open_log(old_log) as log:
        assert log.backup_path is None
        assert log.schema_version == schema.SCHEMA_VERSION
    assert len(backups(old_log.parent)) == 1
    for name, rows in upgraded.items():
        pd.testing.assert_frame_equal(rows, raw_tables(old_log)[name], obj=name)


def test_foreign_keys_are_back_on_after_the_upgrade(old_log):
    with workbook.open_log(old_log) as log:
        for _ in range(3):  # whichever pooled connection comes back
            with log.reading() as conn:
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_failed_upgrade_leaves_the_log_as_it_was_says_why_and_leaves_no_copy(old_log):
    # Rows the version-1 tables took (written around the workbook), that version 2 forbids.
    with sqlite3.connect(old_log) as db:
        db.execute("UPDATE notes SET replied_at = '2026-10-04 00:00:00.000000' WHERE note_id = 108")
        db.execute("UPDATE notes SET replied_at = '2026-10-07 00:00:00.000000' WHERE note_id = 110")
    db.close()
    broken = old_log.read_bytes()

    for _ in range(2):  # each notebook that opens it tries again; no copies pile up
        with pytest.raises(workbook.LogUpgradeError) as raised:
            workbook.open_log(old_log)
        assert backups(old_log.parent) == []
    error = raised.value
    assert isinstance(error, workbook.SchemaVersionError)
    assert [(p.row, p.field) for p in error.problems] == [("note 108", "replied_at"), ("note 110", "replied_at")]
    assert "before the note was sent" in error.problems[0].reason
    assert "never sent" in error.problems[1].reason
    assert "is unchanged" in str(error) and "Correct these records" in str(error)
    assert old_log.read_bytes() == broken
    assert not Path(f"{old_log}-wal").exists()
    assert stored_version(old_log) == "1"

    # Corrected, it upgrades, with a copy of the corrected log beside it.
    with sqlite3.connect(old_log) as db:
        db.execute("UPDATE notes SET replied_at = '2026-10-06 02:15:00.000000' WHERE note_id = 108")
        db.execute("UPDATE notes SET replied_at = NULL WHERE note_id = 110")
    db.close()
    corrected = raw_tables(old_log)
    with workbook.open_log(old_log) as log:
        assert log.schema_version == schema.SCHEMA_VERSION
        copy = log.backup_path
    assert backups(old_log.parent) == [copy]
    pd.testing.assert_frame_equal(raw_tables(copy)["notes"], corrected["notes"])
    fixture_notes = raw_tables(FIXTURE)["notes"]
    pd.testing.assert_frame_equal(raw_tables(old_log)["notes"][fixture_notes.columns], fixture_notes)


COMMENT = '"coach\'s ""comment"""'  # a column name that needs quoting twice over


def test_columns_views_and_triggers_a_person_added_survive_the_upgrade(old_log):
    with sqlite3.connect(old_log) as db:
        db.execute(f"ALTER TABLE notes ADD COLUMN {COMMENT} TEXT")
        db.execute(f"UPDATE notes SET {COMMENT} = 'good, specific' WHERE note_id = 108")
        db.execute("CREATE VIEW my_sent AS SELECT note_id FROM notes WHERE sent_at IS NOT NULL")
        db.execute("CREATE TABLE audit (note_count INTEGER)")
        db.execute("CREATE TRIGGER noted AFTER INSERT ON interviewers BEGIN "
                   "INSERT INTO audit SELECT count(*) FROM notes; END")
    db.close()
    sent = int(raw_tables(old_log)["notes"]["sent_at"].notna().sum())
    with workbook.open_log(old_log) as log:
        assert log.schema_version == schema.SCHEMA_VERSION
        log.add_interviewer(int(log.interviews()["interview_id"].iloc[0]), "Ines Duarte")  # fires the trigger
    with sqlite3.connect(old_log) as db:
        assert dict(db.execute(f"SELECT note_id, {COMMENT} FROM notes WHERE {COMMENT} IS NOT NULL")) == {
            108: "good, specific"}
        assert db.execute("SELECT count(*) FROM my_sent").fetchone() == (sent,)
        assert db.execute("SELECT note_count FROM audit").fetchall() == [(len(raw_tables(FIXTURE)["notes"]),)]
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


def test_a_log_whose_copy_cannot_be_made_is_not_upgraded_and_says_why(tmp_path):
    # A file name the file system takes, but not with the copy's ending added to it.
    long_name = tmp_path / ("l" * 240 + ".sqlite")
    shutil.copyfile(FIXTURE, long_name)
    before = long_name.read_bytes()
    with pytest.raises(workbook.LogUpgradeError, match="could not be made"):
        workbook.open_log(long_name)
    assert long_name.read_bytes() == before and stored_version(long_name) == "1"


def test_an_old_log_with_a_dangling_reference_is_not_upgraded(old_log):
    # Possible in version 1 only around the workbook: sqlite3 has foreign keys off by default.
    with sqlite3.connect(old_log) as db:
        db.execute("UPDATE notes SET interviewer_id = 999 WHERE note_id = 109")
    db.close()
    broken = old_log.read_bytes()
    with pytest.raises(workbook.LogUpgradeError) as raised:
        workbook.open_log(old_log)
    assert [(p.row, p.field) for p in raised.value.problems] == [("notes row 109", "interviewer_id")]  # rowid = id
    assert old_log.read_bytes() == broken


def test_two_notebooks_opening_an_old_log_at_once_upgrade_it_once(old_log):
    opened, failures = [], []
    start = threading.Barrier(3)

    def open_it():
        start.wait()
        try:
            with workbook.open_log(old_log) as log:
                opened.append((log.schema_version, log.backup_path))
        except Exception as error:  # noqa: BLE001  (reported below)
            failures.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert [version for version, _ in opened] == [schema.SCHEMA_VERSION] * 3
    made = [backup for _, backup in opened if backup is not None]
    assert len(made) == 1 and backups(old_log.parent) == made


def test_a_notebook_that_found_the_old_version_just_before_another_upgraded_it_does_nothing(old_log):
    with workbook.open_log(old_log) as log:
        upgraded = raw_tables(old_log)
        # What the slower of two notebooks opening the log at once does after reading version 1.
        assert migrations.upgrade(Database(log.url)) is None
    assert len(backups(old_log.parent)) == 1
    for name, rows in upgraded.items():
        pd.testing.assert_frame_equal(rows, raw_tables(old_log)[name], obj=name)


def version_3_log(path: Path) -> None:
    """Upgrade the version-1 log file at ``path`` to version 3 and no further, with the steps
    as they are (what the workbook of version 3 did when it opened it)."""
    engine = raw_engine(path)
    try:
        with engine.connect() as conn:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # before the transaction
            with conn.begin():
                for step in (1, 2):
                    migrations.STEPS[step](conn)
                conn.execute(sqlalchemy.text("UPDATE workbook_meta SET value = '3' WHERE key = 'schema_version'"))
    finally:
        engine.dispose()


def test_a_version_3_log_gains_the_calendar_columns_keeping_every_row_and_a_persons_own(old_log, tmp_path):
    version_3_log(old_log)
    assert stored_version(old_log) == "3"
    assert "calendar_uid" not in raw_schema(old_log)["interviews"]
    with sqlite3.connect(old_log) as db:
        db.execute("ALTER TABLE interviews ADD COLUMN my_rating INTEGER")
        db.execute("UPDATE interviews SET my_rating = 5 WHERE interview_id = 3")
        db.execute("CREATE VIEW berlin AS SELECT interview_id FROM interviews WHERE timezone = 'Europe/Berlin'")
        db.execute("CREATE TABLE moved (interview_id INTEGER)")
        db.execute("CREATE TRIGGER on_move AFTER UPDATE OF starts_at ON interviews BEGIN "
                   "INSERT INTO moved VALUES (new.interview_id); END")
    db.close()
    before = raw_tables(old_log)
    berlin = sqlite3.connect(old_log).execute("SELECT count(*) FROM berlin").fetchone()

    with workbook.open_log(old_log) as log:
        assert log.schema_version == schema.SCHEMA_VERSION
        assert re.fullmatch(r"followup-log\.sqlite\.v3-backup-\d{8}T\d{6}Z", log.backup_path.name)
        log.change_interview(3, starts_at="2026-08-05T09:00:00+00:00")  # fires the person's trigger
        interviews = log.interviews()
    after = raw_tables(old_log)
    for name in ("candidates", "interviewers", "notes", "outcomes"):
        pd.testing.assert_frame_equal(before[name], after[name][before[name].columns], obj=name)
    kept = [c for c in before["interviews"].columns if c != "starts_at"]
    pd.testing.assert_frame_equal(before["interviews"][kept], after["interviews"][kept])
    assert interviews[["calendar_uid", "calendar_sequence"]].isna().all().all()
    assert str(interviews["calendar_sequence"].dtype) == "Int64"
    with sqlite3.connect(old_log) as db:
        assert db.execute("SELECT my_rating FROM interviews WHERE interview_id = 3").fetchone() == (5,)
        assert db.execute("SELECT count(*) FROM berlin").fetchone() == berlin
        assert db.execute("SELECT interview_id FROM moved").fetchall() == [(3,)]
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()
    # Beyond the person's own column, the tables are a new log's.
    with sqlite3.connect(old_log) as db:
        db.execute("DROP TRIGGER on_move")
        db.execute("ALTER TABLE interviews DROP COLUMN my_rating")
    db.close()
    workbook.open_log(tmp_path / "new.sqlite").close()
    upgraded, new = raw_schema(old_log), raw_schema(tmp_path / "new.sqlite")
    assert {name: upgraded[name] for name in new} == new


def test_a_version_4_log_gains_the_message_columns_keeping_every_note_and_a_persons_own(old_log, tmp_path):
    engine = raw_engine(old_log)
    try:
        with engine.connect() as conn:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
            with conn.begin():
                for step in (1, 2, 3):
                    migrations.STEPS[step](conn)
                conn.execute(sqlalchemy.text("UPDATE workbook_meta SET value = '4' WHERE key = 'schema_version'"))
    finally:
        engine.dispose()
    assert "sent_message_id" not in raw_schema(old_log)["notes"]
    with sqlite3.connect(old_log) as db:
        db.execute("ALTER TABLE notes ADD COLUMN my_tag TEXT")
        db.execute("UPDATE notes SET my_tag = 'warm' WHERE note_id = 108")
    db.close()
    before = raw_tables(old_log)

    with workbook.open_log(old_log) as log:
        assert log.schema_version == schema.SCHEMA_VERSION
        assert re.fullmatch(r"followup-log\.sqlite\.v4-backup-\d{8}T\d{6}Z", log.backup_path.name)
        notes = log.notes()
        log.change_note(108, sent_message_id="<thanks-108@mail.example>")
    after = raw_tables(old_log)
    for name in ("candidates", "interviews", "interviewers", "outcomes"):
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)
    pd.testing.assert_frame_equal(before["notes"], after["notes"][before["notes"].columns], obj="notes")
    assert notes[["sent_message_id", "reply_message_id", "written_at"]].isna().all().all()
    with sqlite3.connect(old_log) as db:
        assert db.execute("SELECT my_tag, sent_message_id FROM notes WHERE note_id = 108").fetchone() == (
            "warm", "<thanks-108@mail.example>")
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()
    with sqlite3.connect(old_log) as db:
        db.execute("ALTER TABLE notes DROP COLUMN my_tag")
    db.close()
    workbook.open_log(tmp_path / "new.sqlite").close()
    upgraded, new = raw_schema(old_log), raw_schema(tmp_path / "new.sqlite")
    assert {name: upgraded[name] for name in new} == new


def test_there_is_an_upgrade_step_from_every_older_version():
    assert sorted(migrations.STEPS) == list(range(1, schema.SCHEMA_VERSION))


# -- PostgreSQL: the same version-1 log in a practice's database ------------------------------
# Upgraded in one transaction too; no copy is made (the practice's own backups of its database
# apply), so backup_path stays None.

#: The tables of version 1 as its code (SQLAlchemy's create_all) made them in PostgreSQL,
#: written out as they were (workbook.store.schema moves on): the tables of the SQLite fixture
#: above, in PostgreSQL's types. DATETIME is a timestamp without time zone (UTC); candidate_id,
#: the one key version 1 left to SQLAlchemy's default, a serial. No reply_after_sending check.
POSTGRES_V1_TABLES = """
CREATE TABLE workbook_meta (key VARCHAR(64) NOT NULL, value TEXT NOT NULL, PRIMARY KEY (key));
CREATE TABLE candidates (
    candidate_id SERIAL NOT NULL, name TEXT NOT NULL, email TEXT, phone TEXT, skills TEXT,
    PRIMARY KEY (candidate_id), UNIQUE (name));
CREATE TABLE interviews (
    interview_id INTEGER NOT NULL, candidate_id INTEGER NOT NULL, company TEXT NOT NULL, role TEXT NOT NULL,
    stage TEXT, timezone TEXT NOT NULL, starts_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    ends_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, PRIMARY KEY (interview_id),
    CONSTRAINT ends_after_start CHECK (ends_at > starts_at),
    FOREIGN KEY (candidate_id) REFERENCES candidates (candidate_id));
CREATE TABLE interviewers (
    interviewer_id INTEGER NOT NULL, interview_id INTEGER NOT NULL, name TEXT NOT NULL, title TEXT, email TEXT,
    phone TEXT, talking_points TEXT, PRIMARY KEY (interviewer_id),
    FOREIGN KEY (interview_id) REFERENCES interviews (interview_id));
CREATE TABLE outcomes (
    interview_id INTEGER NOT NULL, outcome VARCHAR(16) NOT NULL, decided_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (interview_id),
    CONSTRAINT known_outcome CHECK (outcome IN ('next_round', 'offer', 'rejected', 'no_response', 'withdrew')),
    FOREIGN KEY (interview_id) REFERENCES interviews (interview_id));
CREATE TABLE notes (
    note_id INTEGER NOT NULL, interviewer_id INTEGER NOT NULL, channel VARCHAR(16) NOT NULL, subject TEXT,
    body TEXT NOT NULL, sent_at TIMESTAMP WITHOUT TIME ZONE, replied_at TIMESTAMP WITHOUT TIME ZONE,
    PRIMARY KEY (note_id), CONSTRAINT known_channel CHECK (channel IN ('email', 'handwritten', 'other')),
    FOREIGN KEY (interviewer_id) REFERENCES interviewers (interviewer_id));
CREATE INDEX ix_interviews_candidate_id ON interviews (candidate_id);
CREATE INDEX ix_interviewers_interview_id ON interviewers (interview_id);
CREATE INDEX ix_notes_interviewer_id ON notes (interviewer_id);
"""


@pytest.fixture
def postgres_old_log(postgres_server, postgres_database) -> str:
    """A version-1 log in a fresh PostgreSQL database, holding every row of the version-1
    fixture (its ids and its stored UTC instants as they are), never opened by today's code
    yet. Returns its URL."""
    with sqlite3.connect(FIXTURE) as source:
        tables = {name: source.execute(f"SELECT * FROM {name} ORDER BY {key}") for name, key in KEYS.items()}
        rows = {name: ([column[0] for column in cursor.description], cursor.fetchall()) for name, cursor in tables.items()}
    source.close()
    with postgres_server.connect(postgres_database) as conn:
        with conn.transaction():
            conn.execute(POSTGRES_V1_TABLES)
            for name in ("workbook_meta", "candidates", "interviews", "interviewers", "notes", "outcomes"):
                columns, values = rows[name]
                listed = ", ".join(f'"{column}"' for column in columns)
                with conn.cursor() as cursor:
                    cursor.executemany(f"INSERT INTO {name} ({listed}) VALUES ({', '.join(['%s'] * len(columns))})",
                                       values)
    return postgres_server.url(postgres_database)


def postgres_tables(url: str) -> dict[str, pd.DataFrame]:
    """Every table of a PostgreSQL log as stored, in key order (no workbook code)."""
    engine = raw_engine(url)
    try:
        with engine.connect() as conn:
            return {name: pd.read_sql_query(f"SELECT * FROM {name} ORDER BY {key}", conn) for name, key in KEYS.items()}
    finally:
        engine.dispose()


def postgres_schema(url: str) -> dict[str, list]:
    """The tables' columns (type, null or not, value made by the database or not), constraints
    and indexes, as PostgreSQL describes them."""
    return {
        "columns": run_sql(url, """
            SELECT table_name, column_name, data_type, is_nullable, column_default IS NOT NULL OR is_identity = 'YES'
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2"""),
        "constraints": run_sql(url, """
            SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"""),
        "indexes": run_sql(url, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                                "ORDER BY 1, 2"),
    }


def postgres_version(url: str) -> str:
    [(version,)] = run_sql(url, "SELECT value FROM workbook_meta WHERE key = 'schema_version'")
    return version


def test_opening_a_version_1_log_on_postgresql_upgrades_it_keeping_every_row(postgres_old_log):
    before = postgres_tables(postgres_old_log)
    assert {name: len(rows) for name, rows in before.items()} == FIXTURE_ROWS
    assert postgres_version(postgres_old_log) == "1"
    with workbook.open_log(postgres_old_log) as log:
        assert log.schema_version == schema.SCHEMA_VERSION
        assert log.backup_path is None  # no file to copy: the practice's own backups apply
        notes = log.notes()
        people = log.interviewers()
    assert postgres_version(postgres_old_log) == str(schema.SCHEMA_VERSION)
    after = postgres_tables(postgres_old_log)
    for name in KEYS:
        if name != "workbook_meta":
            pd.testing.assert_frame_equal(before[name], after[name][before[name].columns], obj=name)
    assert_the_fixtures_text_and_instants_came_through(notes, people)


def test_an_upgraded_postgresql_log_has_the_tables_of_a_new_one(postgres_old_log, postgres_server):
    workbook.open_log(postgres_old_log).close()
    fresh = postgres_server.create_database()
    try:
        workbook.open_log(postgres_server.url(fresh)).close()
        new = postgres_schema(postgres_server.url(fresh))
    finally:
        postgres_server.drop_database(fresh)
    upgraded = postgres_schema(postgres_old_log)
    for part in ("columns", "constraints", "indexes"):
        assert upgraded[part] == new[part], part


def test_an_upgraded_postgresql_log_takes_new_records_and_refuses_a_reply_before_sending(postgres_old_log):
    with workbook.open_log(postgres_old_log) as log:
        held = {kind: int(getattr(log, kind)()[column].max())
                for kind, column in (("interviews", "interview_id"), ("interviewers", "interviewer_id"),
                                     ("notes", "note_id"))}
        log.add_candidate("Ines Duarte", email="ines@example.com")
        interview = log.add_interview("Ines Duarte", "Contoso", "Analyst", "2026-11-02T10:00", "2026-11-02T11:00",
                                      "Europe/Lisbon", people=[{"name": "Rui Costa"}])
        person = int(log.interviewers().set_index("interview_id").loc[interview, "interviewer_id"])
        note = log.add_note(person, body="Obrigada, Rui.", sent_at="2026-11-02T15:00")
        assert interview > held["interviews"] and person > held["interviewers"] and note > held["notes"]
        assert log.candidates().set_index("candidate").at["Ines Duarte", "email"] == "ines@example.com"
    with pytest.raises(sqlalchemy.exc.IntegrityError, match="reply_after_sending"):
        run_sql(postgres_old_log, "UPDATE notes SET replied_at = '2026-10-05 09:17:03' WHERE note_id = 108")


def test_a_failed_upgrade_on_postgresql_leaves_the_log_as_it_was_and_says_why(postgres_old_log):
    # Rows the version-1 tables took (written around the workbook), that version 2 forbids.
    run_sql(postgres_old_log, "UPDATE notes SET replied_at = '2026-10-04 00:00:00' WHERE note_id = 108")
    run_sql(postgres_old_log, "UPDATE notes SET replied_at = '2026-10-07 00:00:00' WHERE note_id = 110")
    rows, tables = postgres_tables(postgres_old_log), postgres_schema(postgres_old_log)

    with pytest.raises(workbook.LogUpgradeError) as raised:
        workbook.open_log(postgres_old_log)
    error = raised.value
    assert [(p.row, p.field) for p in error.problems] == [("note 108", "replied_at"), ("note 110", "replied_at")]
    assert "is unchanged" in str(error)
    assert postgres_version(postgres_old_log) == "1"
    assert postgres_schema(postgres_old_log) == tables
    for name, frame in postgres_tables(postgres_old_log).items():
        pd.testing.assert_frame_equal(frame, rows[name], obj=name)

    run_sql(postgres_old_log, "UPDATE notes SET replied_at = '2026-10-06 02:15:00' WHERE note_id = 108")
    run_sql(postgres_old_log, "UPDATE notes SET replied_at = NULL WHERE note_id = 110")
    with workbook.open_log(postgres_old_log) as log:
        assert log.schema_version == schema.SCHEMA_VERSION


def test_an_upgrade_on_postgresql_that_fails_half_way_changes_nothing(postgres_old_log):
    """The step and the version bump are one transaction: when the bump is refused (a trigger
    of the practice's own, here) after the step has changed the tables, the step is undone."""
    run_sql(postgres_old_log, """
        CREATE FUNCTION frozen() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'workbook_meta is frozen by the practice'; END $$""")
    run_sql(postgres_old_log, "CREATE TRIGGER frozen BEFORE UPDATE ON workbook_meta FOR EACH ROW EXECUTE FUNCTION frozen()")
    rows, tables = postgres_tables(postgres_old_log), postgres_schema(postgres_old_log)
    with pytest.raises(workbook.LogUpgradeError, match="is unchanged") as raised:
        workbook.open_log(postgres_old_log)
    assert "frozen by the practice" in str(raised.value)
    assert postgres_schema(postgres_old_log) == tables
    assert postgres_version(postgres_old_log) == "1"
    for name, frame in postgres_tables(postgres_old_log).items():
        pd.testing.assert_frame_equal(frame, rows[name], obj=name)
