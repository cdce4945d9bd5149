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
    counts = ["interviews", "people_met", "due", "thanked", "same_day", "within_24h", "late", "overdue", "pending"]
    assert table.loc["Ann", counts].tolist() == [2, 5, 5, 4, 2, 1, 1, 1, 0]
    assert table.loc["Ben", counts].tolist() == [2, 3, 2, 2, 2, 0, 0, 0, 1]
    assert table.loc[habits.ALL, counts].tolist() == [4, 8, 7, 6, 4, 1, 1, 1, 1]
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
