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

import workbook
from workbook.store import migrations
from workbook.store import schema

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
        assert log.schema_version == schema.SCHEMA_VERSION == 2
        assert log.backup_path is not None
        notes = log.notes()
        people = log.interviewers()
    after = raw_tables(old_log)
    assert stored_version(old_log) == "2"
    for name in KEYS:
        if name == "workbook_meta":
            continue
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)
    # Read through the workbook as a person does: the text and the instants came through.
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


def test_a_new_log_refuses_a_reply_before_sending_too(one_interview):
    log, _, (ana, _) = one_interview
    note = log.add_note(ana, body="Dear Ana, thank you.", sent_at="2026-09-14T15:30")
    with sqlite3.connect(log.url.database) as db:
        with pytest.raises(sqlite3.IntegrityError, match="reply_after_sending"):
            db.execute("UPDATE notes SET replied_at = '2026-09-14 19:29:59.999999' WHERE note_id = ?", (note,))
    db.close()


def test_opening_an_upgraded_log_again_neither_upgrades_nor_backs_up(old_log):
    workbook.open_log(old_log).close()
    upgraded = raw_tables(old_log)
    with workbook.open_log(old_log) as log:
        assert log.backup_path is None
        assert log.schema_version == 2
    assert len(backups(old_log.parent)) == 1
    for name, rows in upgraded.items():
        pd.testing.assert_frame_equal(rows, raw_tables(old_log)[name], obj=name)


def test_foreign_keys_are_back_on_after_the_upgrade(old_log):
    with workbook.open_log(old_log) as log:
        for _ in range(3):  # whichever pooled connection comes back
            with log._engine.connect() as conn:
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
        assert log.schema_version == 2
        copy = log.backup_path
    assert backups(old_log.parent) == [copy]
    pd.testing.assert_frame_equal(raw_tables(copy)["notes"], corrected["notes"])
    pd.testing.assert_frame_equal(raw_tables(old_log)["notes"], raw_tables(FIXTURE)["notes"])


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
        assert log.schema_version == 2
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
    assert [version for version, _ in opened] == [2, 2, 2]
    made = [backup for _, backup in opened if backup is not None]
    assert len(made) == 1 and backups(old_log.parent) == made


def test_a_notebook_that_found_the_old_version_just_before_another_upgraded_it_does_nothing(old_log):
    with workbook.open_log(old_log) as log:
        upgraded = raw_tables(old_log)
        # What the slower of two notebooks opening the log at once does after reading version 1.
        assert migrations.upgrade(log._writer) is None
    assert len(backups(old_log.parent)) == 1
    for name, rows in upgraded.items():
        pd.testing.assert_frame_equal(rows, raw_tables(old_log)[name], obj=name)


def test_there_is_an_upgrade_step_from_every_older_version():
    assert sorted(migrations.STEPS) == list(range(1, schema.SCHEMA_VERSION))
