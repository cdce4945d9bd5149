"""The log as a person relies on it: kept on disk, one transaction per write, clear refusals
that change nothing, and a schema version; on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

import workbook
from workbook import config
from workbook.store import schema

from .conftest import assert_same_log, run_sql, snapshot

pytestmark = pytest.mark.backends("sqlite", "postgresql")


def utc(text_: str) -> pd.Timestamp:
    return pd.Timestamp(text_).tz_convert("UTC")


def test_records_survive_closing_and_reopening(log_target):
    path = log_target
    with workbook.open_log(path) as log:
        log.add_candidate("Maya Okafor", email="maya@example.com", skills="SQL; Python")
        interview = log.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst",
                                      "2026-09-14T10:00", "2026-09-14T11:00", "America/New_York")
        person = log.add_interviewer(interview, "Ana Lima")
        note = log.add_note(person, body="Dear Ana, thank you.", subject="Thank you", sent_at="2026-09-14T15:30")
        log.add_outcome(interview, "next_round", "2026-09-18")
    with workbook.open_log(path) as log:
        assert log.candidates().to_dict("records") == [
            {"candidate": "Maya Okafor", "email": "maya@example.com", "phone": pytest.approx(float("nan"), nan_ok=True),
             "skills": "SQL; Python"}
        ]
        interviews = log.interviews()
        assert interviews.loc[0, "starts_at"] == utc("2026-09-14T14:00Z")
        assert interviews.loc[0, "timezone"] == "America/New_York"
        assert log.notes().loc[0, ["note_id", "interviewer_id"]].tolist() == [note, person]
        assert log.notes().loc[0, "sent_at"] == utc("2026-09-14T19:30Z")
        assert log.outcomes().loc[0, "outcome"] == "next_round"


def test_times_are_utc_instants_in_time_zone_aware_columns(one_interview):
    log, interview, _ = one_interview
    frame = log.interviews()
    assert str(frame["starts_at"].dt.tz) == "UTC"
    assert frame.loc[0, "ends_at"] == utc("2026-09-14T15:00Z")
    # In the database itself the instant is stored as UTC (text in SQLite, a timestamp without
    # time zone in PostgreSQL), so any tool reads the same instant.
    [(stored,)] = run_sql(log, "SELECT ends_at FROM interviews")
    assert str(stored).startswith("2026-09-14 15:00:00")


def test_aware_datetimes_and_text_with_offsets_are_the_same_instant(one_interview):
    log, interview, [ana, _] = one_interview
    berlin = datetime(2026, 9, 14, 21, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    first = log.add_note(ana, sent_at=berlin)
    second = log.add_note(ana, sent_at="2026-09-14T19:00:00+00:00")
    notes = log.notes().set_index("note_id")
    assert notes.at[first, "sent_at"] == notes.at[second, "sent_at"] == utc("2026-09-14T19:00Z")


def test_ids_are_given_in_order_and_can_be_chosen(log):
    log.add_candidate("Maya Okafor")
    first = log.add_interview("Maya Okafor", "A Co", "Analyst", "2026-09-14T10:00Z", "2026-09-14T11:00Z", "UTC")
    chosen = log.add_interview("Maya Okafor", "B Co", "Analyst", "2026-09-15T10:00Z", "2026-09-15T11:00Z", "UTC",
                               interview_id=40)
    after = log.add_interview("Maya Okafor", "C Co", "Analyst", "2026-09-16T10:00Z", "2026-09-16T11:00Z", "UTC")
    assert (first, chosen, after) == (1, 40, 41)


def test_change_and_remove_each_kind(one_interview):
    log, interview, [ana, bo] = one_interview
    note = log.add_note(ana, body="draft")
    log.add_outcome(interview, "rejected", "2026-09-20")

    log.change_candidate("Maya Okafor", name="Maya O. Okafor", phone="+1 555 0199")
    log.change_interview(interview, company="Northwind", stage="final")
    log.change_interviewer(bo, title="Senior data engineer")
    log.change_note(note, body="Dear Ana, thank you.", subject="Thanks")
    log.change_outcome(interview, outcome="offer")

    assert log.candidates().loc[0, ["candidate", "phone"]].tolist() == ["Maya O. Okafor", "+1 555 0199"]
    assert log.interviews().loc[0, ["candidate", "company", "stage"]].tolist() == ["Maya O. Okafor", "Northwind", "final"]
    assert log.interviewers().set_index("interviewer_id").at[bo, "title"] == "Senior data engineer"
    assert log.notes().loc[0, ["body", "subject"]].tolist() == ["Dear Ana, thank you.", "Thanks"]
    assert log.outcomes().loc[0, "outcome"] == "offer"

    log.remove_note(note)
    log.remove_outcome(interview)
    log.remove_interviewer(bo)
    assert log.notes().empty and log.outcomes().empty
    assert log.interviewers()["interviewer_id"].tolist() == [ana]


def test_removing_a_record_others_hang_on_needs_cascade(one_interview):
    log, interview, [ana, _] = one_interview
    log.add_note(ana, body="Dear Ana")
    before = snapshot(log)
    with pytest.raises(workbook.RecordInUseError, match="2 interviewers, 1 note; pass cascade=True"):
        log.remove_interview(interview)
    with pytest.raises(workbook.RecordInUseError):
        log.remove_candidate("Maya Okafor")
    assert_same_log(before, snapshot(log))

    log.remove_candidate("Maya Okafor", cascade=True)
    assert all(frame.empty for frame in snapshot(log).values())


def test_mark_sent_now_or_at_a_chosen_time_and_replied(one_interview):
    log, interview, [ana, bo] = one_interview
    to_ana = log.add_note(ana, body="Dear Ana")
    to_bo = log.add_note(bo, body="Dear Bo")
    now = "2026-09-14T20:00:00+00:00"
    assert log.mark_sent(to_ana, now=now) == utc(now)
    assert log.mark_sent(to_bo, at="2026-09-14T12:30", now=now) == utc("2026-09-14T16:30Z")
    log.mark_replied(to_bo, at="2026-09-14T15:00:00-04:00", now=now)
    notes = log.notes().set_index("note_id")
    assert notes.at[to_ana, "sent_at"] == utc(now)
    assert notes.at[to_bo, "replied_at"] == utc("2026-09-14T19:00Z")


def test_mark_sent_keeps_a_sent_time_and_refuses_the_future(one_interview):
    log, interview, [ana, _] = one_interview
    note = log.add_note(ana, body="Dear Ana", sent_at="2026-09-14T12:00")
    before = snapshot(log)
    with pytest.raises(workbook.InvalidValueError, match="already sent"):
        log.mark_sent(note, now="2026-09-15T00:00Z")
    draft = log.add_note(ana, body="card")
    before = snapshot(log)
    with pytest.raises(workbook.TimeOrderError, match="in the future"):
        log.mark_sent(draft, at="2026-09-16T12:00", now="2026-09-15T00:00Z")
    with pytest.raises(workbook.TimeOrderError, match="never sent"):
        log.mark_replied(draft, now="2026-09-15T00:00Z")
    assert_same_log(before, snapshot(log))


# -- refusals: a clear error of ours, naming the record and the field; nothing changed ------

REFUSED_INTERVIEWS = [
    ({"timezone": "Europe/Pariss"}, workbook.UnknownTimeZoneError, "timezone", "not an IANA time zone"),
    ({"timezone": ""}, workbook.InvalidValueError, "timezone", "is missing"),
    ({"ends_at": "2026-09-14T09:00"}, workbook.TimeOrderError, "ends_at", "ends before"),
    ({"ends_at": "2026-09-14T10:00"}, workbook.TimeOrderError, "ends_at", "ends before"),
    ({"starts_at": "14/09/2026 10:00"}, workbook.InvalidTimeError, "starts_at", "not an ISO 8601 time"),
    ({"starts_at": "2026-03-08T02:30", "ends_at": "2026-03-08T04:00"}, workbook.InvalidTimeError, "starts_at",
     "does not exist in America/New_York"),
    ({"candidate": "Somebody Else"}, workbook.UnknownRecordError, "candidate", "no candidate named 'Somebody Else'"),
    ({"company": "  "}, workbook.InvalidValueError, "company", "is missing"),
    ({"role": "Analyst\nBcc: x@evil.example"}, workbook.InvalidValueError, "role", "line break"),
]


@pytest.mark.parametrize("changes, error, field, words", REFUSED_INTERVIEWS)
def test_a_bad_interview_is_refused_and_the_log_is_unchanged(one_interview, changes, error, field, words):
    log, interview, _ = one_interview
    before = snapshot(log)
    with pytest.raises(error, match=words) as refused:
        log.change_interview(interview, **changes)
    assert refused.value.field == field
    assert refused.value.row == f"interview {interview}"
    assert_same_log(before, snapshot(log))

    values = {"candidate": "Maya Okafor", "company": "Bluefin", "role": "Analyst", "starts_at": "2026-09-14T10:00",
              "ends_at": "2026-09-14T11:00", "timezone": "America/New_York", **changes}
    with pytest.raises(error, match=words) as refused:
        log.add_interview(**values)
    assert refused.value.field == field
    assert_same_log(before, snapshot(log))


def test_every_error_is_a_workbook_error_with_a_message_naming_row_and_field(one_interview):
    log, interview, _ = one_interview
    with pytest.raises(workbook.WorkbookError) as refused:
        log.change_interview(interview, timezone="Mars/Olympus_Mons")
    assert str(refused.value) == (
        "interview 1, timezone: 'Mars/Olympus_Mons' is not an IANA time zone (like Europe/Berlin or America/New_York)"
    )


def test_several_problems_are_all_listed(log):
    log.add_candidate("Maya Okafor")
    with pytest.raises(workbook.WorkbookError) as refused:
        log.add_interview("Maya Okafor", "", "", "soon", "later", "Nowhere/City")
    fields = [p.field for p in refused.value.problems]
    assert fields == ["company", "role", "timezone"]  # times in an unknown zone are not judged twice
    assert str(refused.value).startswith("3 problems:\n")


def test_a_note_cannot_be_sent_before_its_interview_ended(one_interview):
    log, interview, [ana, _] = one_interview
    before = snapshot(log)
    with pytest.raises(workbook.TimeOrderError) as refused:
        log.add_note(ana, body="Dear Ana", sent_at="2026-09-14T10:45")
    assert str(refused.value) == (
        "new note, sent_at: sent 2026-09-14 10:45, before the interview ended (2026-09-14 11:00 America/New_York)"
    )
    assert_same_log(before, snapshot(log))


def test_moving_an_interview_later_than_a_sent_note_is_refused(one_interview):
    log, interview, [ana, _] = one_interview
    log.add_note(ana, body="Dear Ana", sent_at="2026-09-14T11:30")
    before = snapshot(log)
    with pytest.raises(workbook.TimeOrderError, match="note 1 would then be wrong: sent 2026-09-14 11:30"):
        log.change_interview(interview, ends_at="2026-09-14T12:00")
    assert_same_log(before, snapshot(log))


def test_a_reply_needs_a_sent_note_and_comes_after_it(one_interview):
    log, interview, [ana, _] = one_interview
    before = snapshot(log)
    with pytest.raises(workbook.TimeOrderError, match="never sent"):
        log.add_note(ana, replied_at="2026-09-15T09:00")
    with pytest.raises(workbook.TimeOrderError, match="before the note was sent"):
        log.add_note(ana, sent_at="2026-09-15T09:00", replied_at="2026-09-15T08:00")
    assert_same_log(before, snapshot(log))


@pytest.mark.parametrize("call, error, field", [
    (lambda log: log.add_interviewer(99, "Nobody"), workbook.UnknownRecordError, "interview_id"),
    (lambda log: log.add_note(99, body="x"), workbook.UnknownRecordError, "interviewer_id"),
    (lambda log: log.add_outcome(99, "offer", "2026-09-20"), workbook.UnknownRecordError, "interview_id"),
    (lambda log: log.change_note(99, body="x"), workbook.UnknownRecordError, "note_id"),
    (lambda log: log.remove_interview(99), workbook.UnknownRecordError, "interview_id"),
    (lambda log: log.add_interviewer(1, "Ana again", interviewer_id=1), workbook.DuplicateIdError, "interviewer_id"),
    (lambda log: log.add_candidate("Maya Okafor"), workbook.DuplicateIdError, "candidate"),
    (lambda log: log.add_outcome(1, "hired", "2026-09-20"), workbook.UnknownOutcomeError, "outcome"),
    (lambda log: log.add_outcome(1, "offer", "2026-09-13"), workbook.TimeOrderError, "decided_at"),
    (lambda log: log.add_note(1, channel="pigeon"), workbook.InvalidValueError, "channel"),
    (lambda log: log.add_interviewer(1, "Cy", email="cy at example"), workbook.InvalidValueError, "email"),
    (lambda log: log.add_interviewer(1, "Cy", interviewer_id=-3), workbook.InvalidValueError, "interviewer_id"),
    (lambda log: log.add_candidate("Dee\r\nBcc: all@example.com"), workbook.InvalidValueError, "candidate"),
])
def test_unknown_duplicate_and_invalid_records_are_refused(one_interview, call, error, field):
    log, *_ = one_interview
    before = snapshot(log)
    with pytest.raises(error) as refused:
        call(log)
    assert refused.value.field == field
    assert_same_log(before, snapshot(log))


def test_an_outcome_may_be_dated_the_day_of_the_interview(one_interview):
    log, interview, _ = one_interview
    log.add_outcome(interview, "next_round", "2026-09-14")
    assert log.outcomes().loc[0, "decided_at"] == utc("2026-09-14T04:00Z")  # midnight in New York


def test_a_write_that_fails_in_the_database_leaves_nothing_behind(one_interview, monkeypatch):
    """Even past our own checks, a write is one transaction: a failure mid-way rolls it back."""
    log, interview, [ana, bo] = one_interview
    log.add_note(ana, body="Dear Ana")
    before = snapshot(log)
    deleted = []
    import sqlalchemy

    real_execute = sqlalchemy.engine.Connection.execute

    def failing_execute(self, statement, *args, **kwargs):
        if getattr(statement, "is_delete", False):
            deleted.append(statement)
            if len(deleted) == 2:  # after the notes are gone, before the interview is
                raise sqlalchemy.exc.OperationalError("DELETE", {}, Exception("disk I/O error"))
        return real_execute(self, statement, *args, **kwargs)

    monkeypatch.setattr(sqlalchemy.engine.Connection, "execute", failing_execute)
    with pytest.raises(workbook.LogUnavailableError, match="nothing was changed") as refused:
        log.remove_interview(interview, cascade=True)
    monkeypatch.undo()
    assert "disk I/O error" in str(refused.value)  # what the database said
    assert len(deleted) == 2
    assert_same_log(before, snapshot(log))


def test_change_refuses_unknown_field_names(one_interview):
    log, interview, _ = one_interview
    with pytest.raises(TypeError, match="cannot change compnay"):
        log.change_interview(interview, compnay="Bluefin")


# -- where the log lives, and its schema version -------------------------------------------

def test_open_log_uses_workbook_log_then_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_LOG", str(tmp_path / "from-env.sqlite"))
    with workbook.open_log() as log:
        assert log.url.database == str(tmp_path / "from-env.sqlite")
    monkeypatch.delenv("WORKBOOK_LOG")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    with workbook.open_log() as log:
        expected = tmp_path / "data-home" / "followup-workbook" / "followup-log.sqlite"
        assert log.url.database == str(expected)
        assert config.default_log_path() == expected
    assert expected.is_file()


def test_open_log_takes_a_database_url_from_workbook_log(log_target, monkeypatch):
    monkeypatch.setenv("WORKBOOK_LOG", str(log_target))
    with workbook.open_log() as log:
        log.add_candidate("Maya Okafor")
    monkeypatch.delenv("WORKBOOK_LOG")
    with workbook.open_log(log_target) as log:
        assert log.candidates()["candidate"].tolist() == ["Maya Okafor"]


def test_open_log_takes_a_sqlalchemy_url(tmp_path):
    with workbook.open_log(f"sqlite:///{tmp_path / 'by-url.sqlite'}") as log:
        log.add_candidate("Maya Okafor")
    with workbook.open_log(tmp_path / "by-url.sqlite") as log:
        assert log.candidates()["candidate"].tolist() == ["Maya Okafor"]


def test_the_schema_version_is_stored(log):
    assert log.schema_version == schema.SCHEMA_VERSION
    stored = run_sql(log, "SELECT value FROM workbook_meta WHERE key = 'schema_version'")
    assert stored == [(str(schema.SCHEMA_VERSION),)]


def test_every_write_from_any_notebook_raises_the_revision_another_one_reads(log_target):
    """Two notebooks on one log: the second tells, by one tiny read, that the first wrote."""
    with workbook.open_log(log_target) as first, workbook.open_log(log_target) as second:
        assert second.revision() == 0  # a new log, never written to
        first.add_candidate("Maya Okafor")
        assert second.revision() == 1
        interview = first.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst",
                                        "2026-09-14T10:00", "2026-09-14T11:00", "America/New_York",
                                        people=[{"name": "Ana Lima"}])
        assert second.revision() == 2  # the interview and its people: one write, one step
        seen = second.revision()
        with pytest.raises(workbook.WorkbookError):
            first.add_interviewer(interview + 99, "Nobody")
        assert second.revision() == seen  # a refused write changes nothing, the revision neither
        with first.write() as w:  # an import: many records, one transaction
            w.add("candidates", {"candidate": "Lucía Gómez"})
            w.add("candidates", {"candidate": "Zoë Müller"})
        assert second.revision() == seen + 1
        second.change_candidate("Zoë Müller", email="zoe@example.com")
        assert first.revision() == seen + 2
    assert run_sql(log_target, "SELECT value FROM workbook_meta WHERE key = 'revision'") == [(str(seen + 2),)]


def test_a_log_made_before_revisions_gets_one_at_its_first_write(log_target):
    with workbook.open_log(log_target) as log:
        log.add_candidate("Maya Okafor")
    run_sql(log_target, "DELETE FROM workbook_meta WHERE key = 'revision'")  # as an older workbook left it
    with workbook.open_log(log_target) as log:
        assert log.revision() == 0
        log.add_candidate("Lucía Gómez")
        assert log.revision() == 1
        assert log.schema_version == schema.SCHEMA_VERSION


def test_a_log_from_a_newer_workbook_is_refused_untouched(log_target):
    with workbook.open_log(log_target) as log:
        log.add_candidate("Maya Okafor")
    run_sql(log_target, "UPDATE workbook_meta SET value = :newer WHERE key = 'schema_version'",
            {"newer": str(schema.SCHEMA_VERSION + 1)})
    with pytest.raises(workbook.SchemaVersionError, match="newer Follow-up Workbook"):
        workbook.open_log(log_target)
    assert run_sql(log_target, "SELECT name FROM candidates") == [("Maya Okafor",)]


def test_a_database_that_is_not_a_log_is_refused_untouched(log_target):
    run_sql(log_target, "CREATE TABLE recipes (name TEXT)")
    with pytest.raises(workbook.SchemaVersionError, match="not a Follow-up Workbook log"):
        workbook.open_log(log_target)
    assert run_sql(log_target, "SELECT count(*) FROM recipes") == [(0,)]


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(workbook.SchemaVersionError, match="cannot open"):
        workbook.open_log(garbage)


def test_a_log_in_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(workbook.InvalidValueError, match="does not exist"):
        workbook.open_log(tmp_path / "no" / "such" / "log.sqlite")


def test_an_interview_and_the_people_met_are_saved_together(log):
    log.add_candidate("Maya Okafor")
    interview = log.add_interview(
        "Maya Okafor", "Northwind Analytics", "Data analyst", "2026-09-14T10:00", "2026-09-14T11:00",
        "America/New_York", people=[{"name": "Ana Lima", "email": "ana@northwind.example"},
                                    {"name": "Bo Chen", "talking_points": "dbt tests"}],
    )
    people = log.interviewers()
    assert people[["interview_id", "name"]].values.tolist() == [[interview, "Ana Lima"], [interview, "Bo Chen"]]
    assert people.loc[1, "talking_points"] == "dbt tests"


def test_one_bad_person_met_saves_neither_the_interview_nor_the_others(log):
    log.add_candidate("Maya Okafor")
    before = snapshot(log)
    with pytest.raises(workbook.WorkbookError) as refused:
        log.add_interview(
            "Maya Okafor", "Northwind Analytics", "Data analyst", "2026-09-14T10:00", "2026-09-14T11:00",
            "America/New_York", people=[{"name": "Ana Lima"}, {"name": "", "email": "not an address"}],
        )
    assert [(p.row, p.field) for p in refused.value.problems] == [("person 2", "email"), ("person 2", "name")]
    assert_same_log(before, snapshot(log))


def test_a_new_candidate_is_saved_with_their_first_interview_or_not_at_all(log):
    log.add_candidate("Maya Okafor")
    times = ("2026-09-14T10:00", "2026-09-14T11:00", "America/New_York")
    before = snapshot(log)
    with pytest.raises(workbook.WorkbookError) as refused:
        log.add_interview("Leo Park", "Northwind Analytics", "Data analyst", *times,
                          people=[{"name": ""}], new_candidate=True)
    assert [(p.row, p.field) for p in refused.value.problems] == [("person 1", "name")]
    assert_same_log(before, snapshot(log))  # no candidate without the interview

    with pytest.raises(workbook.InvalidValueError) as refused:
        log.add_interview("Leo\nPark", "Northwind Analytics", "Data analyst", *times, new_candidate=True)
    assert [(p.row, p.field) for p in refused.value.problems][0] == ("new candidate", "candidate")
    assert_same_log(before, snapshot(log))

    first = log.add_interview("Leo Park", "Northwind Analytics", "Data analyst", *times, new_candidate=True)
    second = log.add_interview("Leo Park", "Contoso", "Analyst", *times, new_candidate=True)
    assert log.candidates()["candidate"].tolist() == ["Maya Okafor", "Leo Park"]  # added once
    assert log.interviews().set_index("interview_id").loc[[first, second], "candidate"].tolist() == ["Leo Park"] * 2
    with pytest.raises(workbook.UnknownRecordError, match="no candidate named 'Ada Byron'"):
        log.add_interview("Ada Byron", "Contoso", "Analyst", *times)  # without new_candidate


def test_ids_may_come_as_numpy_integers_or_text(one_interview):
    log, interview, [ana, _] = one_interview
    log.add_note(ana, body="Dear Ana")
    note = log.notes()["note_id"].iloc[0]  # a NumPy integer, as a DataFrame gives it
    assert log.mark_sent(note, now="2026-09-14T16:00:00Z") == utc("2026-09-14T16:00Z")
    assert log.mark_replied(str(note), at="2026-09-15T09:00", now="2026-09-16T00:00Z") == utc("2026-09-15T13:00Z")
    with pytest.raises(workbook.InvalidValueError, match="not a whole number"):
        log.mark_sent("first", now="2026-09-16T00:00Z")


def test_nothing_is_sent_replied_or_decided_in_the_future(one_interview, monkeypatch):
    log, interview, [ana, _] = one_interview
    monkeypatch.setenv("WORKBOOK_NOW", "2026-09-15T00:00:00+00:00")
    before = snapshot(log)
    with pytest.raises(workbook.TimeOrderError, match="in the future") as refused:
        log.add_note(ana, body="Dear Ana", sent_at="2026-09-16T09:00")
    assert refused.value.field == "sent_at"
    with pytest.raises(workbook.TimeOrderError, match="in the future"):
        log.add_outcome(interview, "offer", "2026-09-20")
    assert_same_log(before, snapshot(log))


def test_a_sent_note_keeps_its_time_even_if_another_notebook_marks_it_meanwhile(one_interview, log_target):
    """The check and the write of mark_sent are one transaction: a second Log on the same
    log (another notebook) sees the first mark and is refused."""
    log, interview, [ana, _] = one_interview
    note = log.add_note(ana, body="Dear Ana")
    with workbook.open_log(log_target) as other:
        other.mark_sent(note, at="2026-09-14T12:00", now="2026-09-20T00:00Z")
        with pytest.raises(workbook.InvalidValueError, match="already sent"):
            log.mark_sent(note, at="2026-09-16T12:00", now="2026-09-20T00:00Z")
    assert log.notes().loc[0, "sent_at"] == utc("2026-09-14T16:00Z")


def test_instants_are_stored_as_sqlalchemy_stores_a_datetime():
    """A bulk insert writes the UTC text itself; it must be what SQLAlchemy writes for one."""
    from sqlalchemy.dialects import sqlite

    written_by_sqlalchemy = sqlite.DATETIME().bind_processor(sqlite.dialect())
    instants = pd.Series(pd.to_datetime(
        ["2026-09-14T10:00:00-04:00", "2026-09-14T15:00:00.123456Z", None, "0999-01-01T00:00Z"],
        format="ISO8601", utc=True)).astype("datetime64[us, UTC]")
    expected = [None if pd.isna(t) else written_by_sqlalchemy(t.tz_convert(None).to_pydatetime()) for t in instants]
    assert schema.stored_instants(instants).tolist() == expected
    assert expected[:2] == ["2026-09-14 14:00:00.000000", "2026-09-14 15:00:00.123456"]


@pytest.mark.parametrize("name", ["logs//log.sqlite", "logs/sqlite+backup.sqlite", "logs/postgres:notes.sqlite"])
def test_a_file_path_that_merely_looks_odd_is_a_file(tmp_path, monkeypatch, name):
    """A doubled slash ("$DIR/log.sqlite" with DIR ending in "/"), or a database's name in a
    file's name, is still a SQLite file, not a mistyped URL."""
    (tmp_path / "logs").mkdir()
    monkeypatch.chdir(tmp_path)
    with workbook.open_log(name) as log:
        log.add_candidate("Maya Okafor")
    assert (tmp_path / "logs" / name.split("/")[-1]).is_file()


@pytest.mark.backends("sqlite", "postgresql")
def test_records_added_one_by_one_in_one_write_each_get_their_own_id(one_interview):
    """What the imports do: several records added in one transaction, each checked as it comes."""
    log, interview, (ana, bo) = one_interview
    with log.write() as w:
        first = w.add("notes", {"interviewer_id": ana, "channel": "email", "body": "Dear Ana"})
        second = w.add("notes", {"interviewer_id": bo, "channel": "email", "body": "Dear Bo"})
        cy = w.add("interviewers", {"interview_id": interview, "name": "Cy Diaz"})
        third = w.add("notes", {"interviewer_id": cy, "channel": "email", "body": "Dear Cy"})
    assert len({first, second, third}) == 3
    assert log.notes().set_index("note_id").loc[[first, second, third], "body"].tolist() == [
        "Dear Ana", "Dear Bo", "Dear Cy"]


@pytest.mark.backends("sqlite", "postgresql")
def test_a_note_keeps_when_its_words_were_last_saved(one_interview):
    log, interview, (ana, bo) = one_interview
    with log.write(now="2026-09-14T16:00:00+00:00") as w:
        note = w.add("notes", {"interviewer_id": ana, "channel": "email", "body": "Dear Ana"})
    written = lambda: log.notes().set_index("note_id").at[note, "written_at"]  # noqa: E731
    assert written() == pd.Timestamp("2026-09-14 16:00", tz="UTC")
    with log.write(now="2026-09-14T17:00:00+00:00") as w:
        w.change("notes", note, {"body": "Dear Ana"})  # the same words: not written again
        w.mark(note, "sent_at")  # sending is not writing
    assert written() == pd.Timestamp("2026-09-14 16:00", tz="UTC")
    with log.write(now="2026-09-14T18:00:00+00:00") as w:
        w.change("notes", note, {"subject": "Thank you"})
    assert written() == pd.Timestamp("2026-09-14 18:00", tz="UTC")
