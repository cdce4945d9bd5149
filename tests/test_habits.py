"""Follow-up habits, checked against answers worked out by hand on a small fixed log."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import workbook
from workbook import habits

NOW = "2026-09-20T12:00:00+00:00"


@pytest.fixture
def habits_log(log):
    """Two candidates, four interviews (all in UTC, so local and UTC dates agree), as of NOW:

    Ann, interview 1 (ends Mon 2026-09-07 11:00): p1 +2 h, p2 +20 h (next day), p3 +30 h.
    Ann, interview 2 (ends Mon 2026-09-14 11:00): p4 +5 h, p5 never thanked (overdue).
    Ben, interview 3 (ends Tue 2026-09-15 11:00): p6 +1 h.
    Ben, interview 4 (ends Sun 2026-09-20 10:00): p7 not yet due (pending), p8 +1 h.
    Outcomes: 1 next_round, 2 rejected, 3 offer; 4 none yet.
    """
    log.add_candidate("Ann")
    log.add_candidate("Ben")
    ends = {1: "2026-09-07T11:00Z", 2: "2026-09-14T11:00Z", 3: "2026-09-15T11:00Z", 4: "2026-09-20T10:00Z"}
    owner = {1: "Ann", 2: "Ann", 3: "Ben", 4: "Ben"}
    for interview, end in ends.items():
        start = pd.Timestamp(end) - pd.Timedelta(hours=1)
        log.add_interview(owner[interview], f"Company {interview}", "Analyst", start.isoformat(), end, "UTC",
                          interview_id=interview)
    sent_after = {1: [2, 20, 30], 2: [5, None], 3: [1], 4: [None, 1]}
    person = 0
    for interview, hours in sent_after.items():
        for h in hours:
            person += 1
            log.add_interviewer(interview, f"p{person}", interviewer_id=person)
            if h is not None:
                log.add_note(person, body="x", sent_at=pd.Timestamp(ends[interview]) + pd.Timedelta(hours=h))
    log.add_outcome(1, "next_round", "2026-09-10")
    log.add_outcome(2, "rejected", "2026-09-18")
    log.add_outcome(3, "offer", "2026-09-19")
    return log


@pytest.fixture
def followups(habits_log):
    return workbook.followups(habits_log, now=NOW)


def test_summary_per_candidate_and_overall(followups):
    table = habits.summary(followups)
    assert table.index.tolist() == ["Ann", "Ben", habits.ALL]
    counts = ["interviews", "people_met", "due", "thanked", "same_day", "within_24h", "late", "not_yet_thanked",
              "never_thanked", "pending"]
    # p5's interview has its outcome: p5 was never thanked, no longer "not yet".
    assert table.loc["Ann", counts].tolist() == [2, 5, 5, 4, 2, 1, 1, 0, 1, 0]
    assert table.loc["Ben", counts].tolist() == [2, 3, 2, 2, 2, 0, 0, 0, 0, 1]
    assert table.loc[habits.ALL, counts].tolist() == [4, 8, 7, 6, 4, 1, 1, 0, 1, 1]
    rates = ["coverage", "same_day_rate", "on_time_rate", "median_hours", "p90_hours"]
    assert table.loc["Ann", rates].tolist() == pytest.approx([4 / 5, 2 / 5, 3 / 5, 12.5, 27.0])
    # Ben's pending person counts in coverage (people met) but in no timeliness rate:
    # 2 of 2 due, both the same day.
    assert table.loc["Ben", rates].tolist() == pytest.approx([2 / 3, 1.0, 1.0, 1.0, 1.0])
    assert table.loc[habits.ALL, rates].tolist() == pytest.approx([6 / 8, 4 / 7, 5 / 7, 3.5, 25.0])


def test_summary_of_an_empty_log_is_one_row_of_zeros_and_no_rates(log):
    table = habits.summary(workbook.followups(log, now=NOW))
    assert table.index.tolist() == [habits.ALL]
    assert table.loc[habits.ALL, "people_met"] == 0
    assert math.isnan(table.loc[habits.ALL, "on_time_rate"])


def test_a_rate_with_nobody_due_is_nan_not_zero(log):
    log.add_candidate("Cy")
    interview = log.add_interview("Cy", "Co", "Analyst", "2026-09-20T09:00Z", "2026-09-20T10:00Z", "UTC")
    log.add_interviewer(interview, "Pending person")
    row = habits.summary(workbook.followups(log, now=NOW)).loc["Cy"]
    assert row["due"] == 0 and row["pending"] == 1
    assert math.isnan(row["on_time_rate"]) and math.isnan(row["same_day_rate"])
    assert row["coverage"] == 0  # met, not thanked yet


def test_weekly_trend(followups):
    table = habits.trend(followups, "W")
    assert [str(d) for d in table["period_start"]] == ["2026-09-07", "2026-09-14"]
    assert table["people_met"].tolist() == [3, 5]
    assert table["due"].tolist() == [3, 4]
    assert table["on_time_rate"].tolist() == pytest.approx([2 / 3, 3 / 4])
    assert table["same_day_rate"].tolist() == pytest.approx([1 / 3, 3 / 4])
    assert table["median_hours"].tolist() == pytest.approx([20.0, 1.0])


def test_monthly_trend_by_candidate(followups):
    table = habits.trend(followups, "M", by_candidate=True)
    assert table[["candidate", "people_met"]].values.tolist() == [["Ann", 5], ["Ben", 3]]
    assert str(table["period"].iloc[0]) == "2026-09"


def test_trend_periods_follow_the_interviews_local_calendar(log):
    """Sunday 20:00 in Los Angeles is already Monday in UTC: it belongs to the week before."""
    log.add_candidate("Dee")
    interview = log.add_interview("Dee", "Co", "Analyst", "2026-09-13T19:00", "2026-09-13T20:00",
                                  "America/Los_Angeles")
    log.add_interviewer(interview, "Someone")
    table = habits.trend(workbook.followups(log, now=NOW), "W")
    assert [str(d) for d in table["period_start"]] == ["2026-09-07"]


def test_each_interviews_follow_up_group(followups):
    table = habits.interview_followup(followups).set_index("interview_id")
    assert table["group"].astype(object).where(table["group"].notna(), None).tolist() == [
        "some_late", "someone_missed", "all_on_time", None,
    ]
    assert table.loc[4, ["people_met", "on_time", "pending"]].tolist() == [2, 1, 1]


def test_outcomes_by_follow_up_with_wilson_intervals_and_cautions(followups, habits_log):
    table = habits.outcomes_by_followup(followups, habits_log.outcomes()).set_index("group")
    assert table.index.tolist() == list(habits.FOLLOWUP_GROUPS)
    assert table["interviews"].tolist() == [1, 1, 1]
    assert table["positive"].tolist() == [1, 1, 0]  # offer, next_round, rejected
    z2 = habits.Z95 ** 2
    # For 1 of 1 the Wilson interval is [1 / (1 + z²), 1]; for 0 of 1, [0, z² / (1 + z²)].
    assert table.loc["all_on_time", ["share", "low", "high"]].tolist() == pytest.approx([1.0, 1 / (1 + z2), 1.0])
    assert table.loc["someone_missed", ["share", "low", "high"]].tolist() == pytest.approx([0.0, 0.0, z2 / (1 + z2)])
    assert table.loc["some_late", "caution"] == "only 1 interview: too few to read much into"


def test_wilson_interval_matches_a_textbook_value():
    # 8 successes in 10 trials: Wilson 95% interval [0.4902, 0.9433] (Newcombe 1998, method 3).
    low, high = habits.wilson_interval([8, 0], [10, 0])
    assert low[0] == pytest.approx(0.4902, abs=1e-4) and high[0] == pytest.approx(0.9433, abs=1e-4)
    assert np.isnan(low[1]) and np.isnan(high[1])


def test_outcomes_on_an_empty_log_say_so(log):
    table = habits.outcomes_by_followup(workbook.followups(log, now=NOW), log.outcomes())
    assert table["interviews"].tolist() == [0, 0, 0]
    assert set(table["caution"]) == {"no interviews with an outcome yet"}


def test_due_now_lists_the_unsent_most_urgent_first(followups):
    table = habits.due_now(followups, pd.Timestamp(NOW))
    assert table["interviewer"].tolist() == ["p5", "p7"]
    # p5 was due Tue 09-15 11:00 (five days and one hour ago); p7 is due Mon 09-21 10:00.
    assert table["hours_left"].tolist() == pytest.approx([-121.0, 22.0])


def test_the_sample_summary_adds_up(sample_log):
    followups = workbook.followups(sample_log, now=workbook.sample.SAMPLE_NOW)
    table = habits.summary(followups)
    overall = table.loc[habits.ALL]
    assert overall["people_met"] == len(followups) == table.drop(habits.ALL)["people_met"].sum()
    assert overall["due"] + overall["pending"] == overall["people_met"]
    assert overall["thanked"] == followups["sent_at"].notna().sum()


# -- an overdue note: not yet thanked, or never thanked ------------------------------------

@pytest.fixture
def overdue_log(log):
    """Cy's interviews in UTC, as of NOW (Sun 2026-09-20 12:00), each with one person never sent
    a note, and no outcome unless said:

    1. ended Thu 09-17 12:00, due Fri 09-18 12:00: two days overdue: not yet thanked.
    2. ended Thu 09-17 12:00, the same, but its outcome (rejected) is known: never thanked.
    3. ended Sat 09-12 12:00, due Sun 09-13 12:00: exactly a week past due: not yet thanked.
    4. ended Sat 09-12 11:59, a week and a minute past due: never thanked.
    """
    log.add_candidate("Cy")
    ends = {1: "2026-09-17T12:00Z", 2: "2026-09-17T12:00Z", 3: "2026-09-12T12:00Z", 4: "2026-09-12T11:59Z"}
    for interview, end in ends.items():
        start = pd.Timestamp(end) - pd.Timedelta(hours=1)
        log.add_interview("Cy", f"Company {interview}", "Analyst", start.isoformat(), end, "UTC",
                          interview_id=interview)
        log.add_interviewer(interview, f"Person {interview}", interviewer_id=interview)
    log.add_outcome(2, "rejected", "2026-09-19")
    return log


def test_an_overdue_note_is_not_yet_thanked_until_the_outcome_or_a_week_past_due(overdue_log):
    table = workbook.followups(overdue_log, now=NOW).set_index("interview_id").sort_index()
    assert (table["status"] == "overdue").all()  # the status rule is unchanged
    assert table["never_thanked"].tolist() == [False, True, False, True]
    row = habits.summary(table.reset_index()).loc["Cy"]
    assert row[["due", "not_yet_thanked", "never_thanked", "thanked"]].tolist() == [4, 2, 2, 0]
    # An outcome decided after "now" is not known yet.
    before = workbook.followups(overdue_log, now="2026-09-18T13:00Z").set_index("interview_id").sort_index()
    assert before.loc[2, "never_thanked"] == False  # noqa: E712 -- a numpy bool
    # People met with a note sent, or not yet due, are neither.
    interview = overdue_log.add_interview("Cy", "Company 5", "Analyst", "2026-09-20T09:00Z", "2026-09-20T10:00Z", "UTC")
    overdue_log.add_interviewer(interview, "Pending person")
    assert not workbook.followups(overdue_log, now=NOW).query("status == 'pending'")["never_thanked"].any()


def test_an_invitation_to_a_next_round_leaves_the_note_worth_sending(overdue_log):
    """A next round is no final outcome: the person met can (and should) still be thanked."""
    from workbook.habits.followup_table import followups_from

    overdue_log.add_outcome(1, "next_round", "2026-09-19")
    table = workbook.followups(overdue_log, now=NOW).set_index("interview_id").sort_index()
    assert table["never_thanked"].tolist() == [False, True, False, True]
    same = followups_from(overdue_log.interviews(), overdue_log.interviewers(), overdue_log.notes(), now=NOW,
                          outcomes=overdue_log.outcomes()).set_index("interview_id").sort_index()
    assert same["never_thanked"].tolist() == [False, True, False, True]


def test_an_interview_with_a_note_that_can_still_be_sent_is_not_settled(overdue_log):
    table = habits.interview_followup(workbook.followups(overdue_log, now=NOW)).set_index("interview_id")
    assert table[["overdue", "missed"]].values.tolist() == [[1, 0], [0, 1], [1, 0], [0, 1]]
    assert table["group"].astype(object).where(table["group"].notna(), None).tolist() == [
        None, "someone_missed", None, "someone_missed"]


def test_followups_date_each_interview_by_its_start(log):
    """An interview from 23:15 to 00:20 in Berlin: started Fri 27 Nov, ended Sat 28 Nov."""
    log.add_candidate("Zoë Müller")
    interview = log.add_interview("Zoë Müller", "Cascade Robotics Inc.", "Engineer", "2026-11-27T23:15",
                                  "2026-11-28T00:20", "Europe/Berlin")
    log.add_interviewer(interview, "Renée Çelik")
    table = workbook.followups(log, now="2026-11-28T12:00Z")
    assert table["started_at"].iloc[0] == pd.Timestamp("2026-11-27T22:15Z")
    assert table["ended_at"].iloc[0] == pd.Timestamp("2026-11-27T23:20Z")
    assert [str(p) for p in habits.trend(table, "W")["period_start"]] == ["2026-11-23"]
    assert habits.interview_followup(table)["started_at"].iloc[0] == pd.Timestamp("2026-11-27T22:15Z")


def test_monthly_trend_counts_an_interview_in_the_month_it_started(log):
    log.add_candidate("Zoë Müller")
    interview = log.add_interview("Zoë Müller", "Northwind", "Engineer", "2026-11-30T23:15", "2026-12-01T00:20",
                                  "Europe/Berlin")
    log.add_interviewer(interview, "Renée Çelik")
    table = habits.trend(workbook.followups(log, now="2026-12-01T12:00Z"), "M")
    assert [str(p) for p in table["period"]] == ["2026-11"]


# -- advice true of small numbers ----------------------------------------------------------

def two_notes(log, second_after_hours: float = 31.2, now: str = "2026-09-20T12:00Z"):
    """One interview in UTC (ended Mon 09-14 11:00), two people thanked 5.3 h and
    ``second_after_hours`` later."""
    log.add_candidate("Ann")
    interview = log.add_interview("Ann", "Northwind", "Analyst", "2026-09-14T10:00Z", "2026-09-14T11:00Z", "UTC")
    for name, hours in (("Ana Lima", 5.3), ("Bo Chen", second_after_hours)):
        person = log.add_interviewer(interview, name)
        log.add_note(person, body="x", sent_at=pd.Timestamp("2026-09-14T11:00Z") + pd.Timedelta(hours=hours))
    return workbook.followups(log, now=now)


def test_advice_on_two_notes_says_the_numbers_not_a_median(log):
    tips = habits.next_time(two_notes(log))
    assert tips[0] == ("One of the two people due a note was thanked within 24 hours; one of your two notes "
                       "took 31 h. Block half an hour right after each interview to write the notes while the "
                       "conversation is fresh.")
    assert "half of your notes" not in " ".join(tips) and "%" not in " ".join(tips)


def test_advice_on_enough_notes_gives_the_median(sample_log):
    followups = workbook.followups(sample_log, now=workbook.sample.SAMPLE_NOW)
    marcus = followups[followups["candidate"] == "Marcus Okafor"]
    row = habits.summary(marcus).loc[habits.ALL]
    assert row["thanked"] >= habits.SMALL_GROUP
    tips = habits.next_time(marcus)
    assert any(f"{row['on_time_rate']:.0%} of the people due a note were thanked within 24 hours" in tip
               and "half of your notes took 26 h or more" in tip for tip in tips)


def test_advice_names_whoever_can_still_be_thanked(overdue_log):
    tips = habits.next_time(workbook.followups(overdue_log, now=NOW))
    assert tips[0].startswith("Person 3 (Company 3) and Person 1 (Company 1) are still waiting for a note, "
                              "past the 24 hours: send it today.")
    assert tips[1].startswith("Two of the four people whose note is due were never thanked. Before you leave")
    assert "None of the four people due a note was thanked within 24 hours; none has been sent yet." in tips[2]


def test_advice_on_a_single_note_due(log):
    log.add_candidate("Ann")
    interview = log.add_interview("Ann", "Northwind", "Analyst", "2026-09-14T10:00Z", "2026-09-14T11:00Z", "UTC")
    person = log.add_interviewer(interview, "Ana Lima")
    log.add_note(person, body="x", sent_at="2026-09-16T11:30Z")  # 48 h 30 min after: late
    tips = habits.next_time(workbook.followups(log, now=NOW))
    assert tips[0].startswith("The only person due a note was not thanked within 24 hours; your only note took "
                              "2 days. Block half an hour")


def test_followups_from_tables_already_read_agree_with_the_log(overdue_log):
    from workbook.habits.followup_table import followups_from

    log = overdue_log
    expected = workbook.followups(log, now=NOW)
    got = followups_from(log.interviews(), log.interviewers(), log.notes(), now=NOW, outcomes=log.outcomes())
    pd.testing.assert_frame_equal(got, expected, check_categorical=False)
    # Without the outcomes, none is known: only the week past due makes a note "never".
    unknown = followups_from(log.interviews(), log.interviewers(), log.notes(), now=NOW)
    assert unknown.set_index("interview_id").sort_index()["never_thanked"].tolist() == [False, False, False, True]
