"""Follow-up timing: who still needs a note, and how fast the notes went out."""

from __future__ import annotations

import pandas as pd
import pytest

import workbook
from workbook.habits.followup_table import FOLLOWUP_COLUMNS, STATUSES

pytestmark = pytest.mark.backends("sqlite", "postgresql")


def status_of(log, now) -> dict[str, tuple[str, float]]:
    table = workbook.followups(log, now=now)
    return {row.interviewer: (row.status, row.hours_to_send) for row in table.itertuples()}


@pytest.fixture
def berlin_log(log):
    """One candidate; an interview in Berlin on Monday 2026-09-14, 14:00–15:00 local (13:00 UTC end)."""
    log.add_candidate("Maya Okafor")
    interview = log.add_interview("Maya Okafor", "Bluefin Health", "Analyst", "2026-09-14T14:00", "2026-09-14T15:00",
                                  "Europe/Berlin")
    return log, interview


def test_each_status_and_its_hours(berlin_log):
    log, interview = berlin_log
    people = {name: log.add_interviewer(interview, name) for name in ("Same", "Next", "Late", "Pending")}
    log.add_note(people["Same"], body="x", sent_at="2026-09-14T20:30")        # 5.5 h, same local date
    log.add_note(people["Next"], body="x", sent_at="2026-09-15T09:00")        # 18 h, next local day
    log.add_note(people["Late"], body="x", sent_at="2026-09-16T09:00")        # 42 h
    log.add_note(people["Pending"], body="draft, not sent")                    # a draft is not sent

    before_due = status_of(log, now="2026-09-15T12:00:00+02:00")
    assert before_due == {
        "Same": ("same_day", 5.5),
        "Next": ("within_24h", 18.0),
        "Late": ("late", 42.0),
        "Pending": ("pending", pytest.approx(float("nan"), nan_ok=True)),
    }
    after_due = status_of(log, now="2026-09-15T15:00:01+02:00")
    assert after_due["Pending"][0] == "overdue"
    assert after_due["Late"] == ("late", 42.0)  # a sent note's status does not depend on now


def test_the_columns_due_time_and_dtypes(berlin_log):
    log, interview = berlin_log
    person = log.add_interviewer(interview, "Ana Lima")
    log.add_note(person, body="x", sent_at="2026-09-14T16:00")
    table = workbook.followups(log, now="2026-09-20T00:00Z")
    assert list(table.columns) == FOLLOWUP_COLUMNS
    row = table.iloc[0]
    assert row["candidate"] == "Maya Okafor" and row["company"] == "Bluefin Health" and row["role"] == "Analyst"
    assert row["ended_at"] == pd.Timestamp("2026-09-14T13:00Z")
    assert row["due_at"] == pd.Timestamp("2026-09-15T13:00Z")
    assert row["sent_at"] == pd.Timestamp("2026-09-14T14:00Z")
    assert row["hours_to_send"] == 1.0
    assert list(table["status"].cat.categories) == list(STATUSES)
    assert str(table["due_at"].dt.tz) == "UTC"


def test_exactly_24_hours_is_still_within_24_hours(berlin_log):
    log, interview = berlin_log
    on_the_dot = log.add_interviewer(interview, "On the dot")
    a_second_over = log.add_interviewer(interview, "A second over")
    log.add_note(on_the_dot, body="x", sent_at="2026-09-15T15:00:00")
    log.add_note(a_second_over, body="x", sent_at="2026-09-15T15:00:01")
    statuses = status_of(log, now="2026-09-30T00:00Z")
    assert statuses["On the dot"] == ("within_24h", 24.0)
    assert statuses["A second over"][0] == "late"


def test_at_the_due_instant_an_unsent_note_is_still_pending(berlin_log):
    log, interview = berlin_log
    log.add_interviewer(interview, "Ana Lima")
    assert status_of(log, now="2026-09-15T13:00:00Z")["Ana Lima"][0] == "pending"
    assert status_of(log, now="2026-09-15T13:00:00.000001Z")["Ana Lima"][0] == "overdue"


def test_hours_are_elapsed_time_across_a_dst_change(log):
    """Berlin's clocks went back an hour in the night to Sunday 2026-10-25."""
    log.add_candidate("Maya Okafor")
    interview = log.add_interview("Maya Okafor", "Bluefin Health", "Analyst", "2026-10-24T10:00", "2026-10-24T11:00",
                                  "Europe/Berlin")
    wall_clock_23_5 = log.add_interviewer(interview, "Sunday 10:30")
    wall_clock_22_5 = log.add_interviewer(interview, "Sunday 09:30")
    log.add_note(wall_clock_23_5, body="x", sent_at="2026-10-25T10:30")
    log.add_note(wall_clock_22_5, body="x", sent_at="2026-10-25T09:30")
    statuses = status_of(log, now="2026-11-01T00:00Z")
    # 11:00 CEST to 10:30 CET the next day looks like 23.5 h on the wall clock but is 24.5 h.
    assert statuses["Sunday 10:30"] == ("late", 24.5)
    assert statuses["Sunday 09:30"] == ("within_24h", 23.5)
    due = workbook.followups(log, now="2026-11-01T00:00Z")["due_at"].iloc[0]
    assert due.tz_convert("Europe/Berlin") == pd.Timestamp("2026-10-25T10:00", tz="Europe/Berlin")


def test_same_day_means_the_interviews_calendar_date_not_the_candidates(log):
    """A New York candidate interviewing with a Tokyo team: the interview's zone decides."""
    log.add_candidate("Maya Okafor")
    interview = log.add_interview("Maya Okafor", "Kestrel Robotics", "Analyst", "2026-09-14T16:00", "2026-09-14T17:00",
                                  "Asia/Tokyo")
    person = log.add_interviewer(interview, "Haruto Sato")
    # 11:30 on the 14th in New York, but already 00:30 on the 15th in Tokyo.
    log.add_note(person, body="x", sent_at="2026-09-14T11:30:00-04:00")
    assert status_of(log, now="2026-09-20T00:00Z")["Haruto Sato"] == ("within_24h", 7.5)


def test_the_earliest_sent_note_to_a_person_counts(berlin_log):
    log, interview = berlin_log
    person = log.add_interviewer(interview, "Ana Lima")
    log.add_note(person, body="handwritten card", channel="handwritten", sent_at="2026-09-18T10:00")
    log.add_note(person, body="later draft")
    log.add_note(person, body="email", sent_at="2026-09-14T18:00")
    table = workbook.followups(log, now="2026-09-30T00:00Z")
    assert len(table) == 1  # one row per person met, however many notes
    assert table.loc[0, "sent_at"] == pd.Timestamp("2026-09-14T16:00Z")
    assert table.loc[0, ["status", "hours_to_send"]].tolist() == ["same_day", 3.0]


def test_people_at_an_interview_not_yet_over_are_pending(berlin_log):
    log, interview = berlin_log
    log.add_interviewer(interview, "Ana Lima")
    assert status_of(log, now="2026-09-14T12:00:00Z")["Ana Lima"][0] == "pending"


def test_several_candidates_and_interviews_sorted_by_end(log):
    log.add_candidate("Maya Okafor")
    log.add_candidate("Tom Becker")
    later = log.add_interview("Tom Becker", "Alder", "Nurse manager", "2026-09-16T09:00", "2026-09-16T10:00",
                              "America/Chicago")
    earlier = log.add_interview("Maya Okafor", "Bluefin", "Analyst", "2026-09-15T09:00", "2026-09-15T10:00",
                                "Europe/London")
    log.add_interviewer(later, "Zoe")
    log.add_interviewer(earlier, "Yan")
    log.add_interviewer(earlier, "Xia")
    table = workbook.followups(log, now="2026-09-15T12:00Z")
    assert table[["interview_id", "interviewer", "candidate"]].values.tolist() == [
        [earlier, "Yan", "Maya Okafor"], [earlier, "Xia", "Maya Okafor"], [later, "Zoe", "Tom Becker"],
    ]
    assert table["status"].tolist() == ["pending"] * 3


def test_an_empty_log_gives_an_empty_table_with_the_columns(log):
    table = workbook.followups(log, now="2026-09-15T12:00Z")
    assert table.empty
    assert list(table.columns) == FOLLOWUP_COLUMNS


def test_now_defaults_to_workbook_now_then_the_real_clock(berlin_log, monkeypatch):
    log, interview = berlin_log
    log.add_interviewer(interview, "Ana Lima")
    monkeypatch.setenv("WORKBOOK_NOW", "2026-09-14T20:00:00+00:00")
    assert workbook.followups(log)["status"].iloc[0] == "pending"
    monkeypatch.delenv("WORKBOOK_NOW")
    # The real clock is long past September 2026's due time.
    assert workbook.followups(log)["status"].iloc[0] == "overdue"


@pytest.mark.parametrize("now", ["2026-09-14T20:00", "yesterday", "2250-01-01T00:00Z", "1899-12-31T20:00-02:00"])
def test_a_now_without_an_offset_or_unreadable_is_refused(berlin_log, now, monkeypatch):
    log, _ = berlin_log
    with pytest.raises(workbook.InvalidTimeError, match="now"):
        workbook.followups(log, now=now)
    monkeypatch.setenv("WORKBOOK_NOW", now)
    with pytest.raises(workbook.InvalidTimeError, match="WORKBOOK_NOW"):
        workbook.followups(log)


def test_a_note_marked_sent_now_is_never_stored_at_a_time_the_log_refuses(one_interview, monkeypatch):
    log, _, [ana, _] = one_interview
    note = log.add_note(ana, body="Dear Ana, thank you.")
    before = log.notes()
    monkeypatch.setenv("WORKBOOK_NOW", "2250-01-01T00:00:00+00:00")  # a typing mistake for 2025
    with pytest.raises(workbook.InvalidTimeError, match="not between the years 1900 and 2199"):
        log.mark_sent(note)
    pd.testing.assert_frame_equal(log.notes(), before)


@pytest.mark.parametrize("at", ["9999-12-31T23:59", "0001-01-01T00:00", "2200-01-01T12:00", "9999-12-31T23:59-05:00"])
def test_a_sent_time_far_outside_the_years_the_log_keeps_is_refused_by_name(one_interview, at):
    log, _, [ana, _] = one_interview  # in America/New_York: the year 10000 in UTC for the first
    note = log.add_note(ana, body="Dear Ana, thank you.")
    before = log.notes()
    with pytest.raises(workbook.InvalidTimeError, match="not between the years 1900 and 2199") as error:
        log.mark_sent(note, at=at)
    assert error.value.field == "sent_at"
    pd.testing.assert_frame_equal(log.notes(), before)


@pytest.mark.parametrize("sent_at, now, expected", [
    (None, "2026-09-14T16:00Z", "due in 23 h (Tue 15 Sep 2026 11:00 America/New_York); same day until 23:59 local"),
    (None, "2026-09-15T09:40Z", "due in 5 h 20 min (Tue 15 Sep 2026 11:00 America/New_York)"),
    # 1 h 59 min 30 s: the seconds are dropped, not rounded up to 2 h.
    (None, "2026-09-15T13:00:30Z", "due in 1 h 59 min (Tue 15 Sep 2026 11:00 America/New_York)"),
    (None, "2026-09-14T12:00Z", "due in 27 h (Tue 15 Sep 2026 11:00 America/New_York)"),  # before the interview ended
    (None, "2026-09-15T18:00Z", "overdue by 3 h (was due Tue 15 Sep 2026 11:00 America/New_York)"),
    (None, "2026-09-17T14:59:59Z", "overdue by 47 h 59 min (was due Tue 15 Sep 2026 11:00 America/New_York)"),
    (None, "2026-09-18T15:00Z", "overdue by 3 days (was due Tue 15 Sep 2026 11:00 America/New_York)"),
    ("2026-09-14T19:30Z", None, "sent 4 h 30 min after the interview, the same day"),
    ("2026-09-15T05:00Z", None, "sent 14 h after the interview, within 24 h"),
    ("2026-09-15T21:00Z", None, "sent 30 h after the interview: 6 h late"),
])
def test_the_builders_timing_line(sent_at, now, expected):
    from workbook.habits.followup_table import describe_timing

    # The interview ended at 11:00 in New York (15:00 UTC) on Monday 2026-09-14.
    assert describe_timing("2026-09-14T15:00Z", "America/New_York", sent_at=sent_at, now=now) == expected


def test_the_machines_time_zone_is_read_from_tz(monkeypatch):
    from workbook.instants import machine_time_zone, time_zone_names

    monkeypatch.setenv("TZ", "Asia/Kolkata")
    assert machine_time_zone() == "Asia/Kolkata"
    monkeypatch.setenv("TZ", "Not/AZone")
    assert machine_time_zone() in time_zone_names() or machine_time_zone() == "UTC"
    assert "Europe/Berlin" in time_zone_names()
