"""The tables the notebooks show, and the advice written from a person's own numbers."""

from __future__ import annotations

import pandas as pd

import workbook
from workbook import habits
from workbook.habits import views
from workbook.sample import SAMPLE_NOW


def test_log_overview_counts_what_the_log_holds(sample_log):
    table = views.log_overview(sample_log)
    total = table.loc["All candidates"]
    assert total["interviews"] == len(sample_log.interviews())
    assert total["people met"] == len(sample_log.interviewers())
    notes = sample_log.notes()
    assert total["notes sent"] == notes["sent_at"].notna().sum()
    assert total["drafts"] == notes["sent_at"].isna().sum()
    assert total["outcomes"] == len(sample_log.outcomes())
    assert table.drop("All candidates")["people met"].sum() == total["people met"]


def test_an_empty_log_shows_sentences_not_empty_tables(log):
    """A first run: what the log holds and the latest interviews are said, not shown as
    headings over nothing (in a notebook, as text and HTML)."""
    overview = views.log_overview(log)
    assert repr(overview) == "Nothing in your log yet: no interviews, no notes."
    assert overview._repr_html_() == "<p>Nothing in your log yet: no interviews, no notes.</p>"
    latest = views.recent_interviews(log)
    assert repr(latest).startswith("No interviews logged yet: log your first one with the interview form in "
                                   "01-log-an-interview")
    assert repr(views.readable_trend(habits.trend(workbook.followups(log)))).startswith("No interviews yet")


def test_the_welcome_on_an_empty_log_says_what_to_do_first(log):
    lines = views.welcome(log).splitlines()
    assert lines[0].startswith("Your log: ")
    assert lines[1].startswith("Your log is empty. Start with 01-log-an-interview: log the interview you just had")
    assert "below" not in views.welcome(log)  # printed in a terminal too, where nothing is below
    assert 'see "Try it on the sample cohort" in 00-start-here, or the README' in lines[2]


def test_the_welcome_of_a_log_with_a_candidate_and_no_interview_says_the_same_first_step(log):
    log.add_candidate("Maya Okafor")
    assert views.welcome(log).splitlines()[1].startswith("No interviews in it yet. Start with 01-log-an-interview")


def test_the_welcome_of_a_log_in_use_counts_it(sample_log):
    assert "It holds 53 interviews and 120 people met" in views.welcome(sample_log)


def test_still_to_thank_lists_the_unsent_in_local_time(one_interview):
    log, interview, [ana, bo] = one_interview
    log.add_note(ana, body="Dear Ana", sent_at="2026-09-14T12:00")
    table = views.still_to_thank(log, now="2026-09-15T13:00:00+00:00")
    assert table.to_dict("records") == [{
        "person": "Bo Chen", "company": "Northwind Analytics", "candidate": "Maya Okafor",
        "due (local)": "Tue 15 Sep 2026 11:00", "time left": "2 h left", "status": "not sent yet, not due",
    }]
    later = views.still_to_thank(log, now="2026-09-18T15:45:30+00:00")  # 3 days 0 h 45 min 30 s past due
    assert later.loc[1, ["time left", "status"]].tolist() == ["overdue by 3 days", "not yet thanked (overdue)"]
    log.record_outcome(interview, "rejected", "2026-09-18", now="2026-09-18T15:45:30+00:00")
    known = views.still_to_thank(log, now="2026-09-18T15:45:30+00:00")
    assert known.loc[1, "status"] == "never thanked"  # the outcome is known: the moment has gone


def test_the_summary_says_times_to_send_as_durations(one_interview):
    log, interview, [ana, bo] = one_interview  # the interview ended at 11:00 in New York
    none_sent = views.readable_summary(habits.summary(workbook.followups(log, now="2026-09-14T16:00:00+00:00")))
    assert none_sent.loc["Maya Okafor", "Median time to send"] == "—"
    log.add_note(ana, body="Dear Ana", sent_at="2026-09-14T12:10")  # 1 h 10 min after
    log.add_note(bo, body="Dear Bo", sent_at="2026-09-14T16:20")    # 5 h 20 min after
    summary = habits.summary(workbook.followups(log, now="2026-09-16T00:00:00+00:00"))
    shown = views.readable_summary(summary).loc["Maya Okafor"]
    assert shown["Coverage"] == "100%" and shown["Same day"] == "100%"
    assert shown["Median time to send"] == "3 h 15 min"  # (70 + 320) / 2 min
    assert shown["90% sent within"] == "4 h 55 min"      # 70 + 0.9 × 250 min


def test_recent_interviews_newest_first_with_people_met(sample_log):
    table = views.recent_interviews(sample_log, count=3)
    assert len(table) == 3
    ends = sample_log.interviews().set_index("interview_id").loc[table.index, "ends_at"]
    assert ends.is_monotonic_decreasing
    assert (table["people met"] >= 1).all()


def test_the_checklist_guide_explains_every_check():
    guide = views.checklist_guide()
    assert guide.index.tolist() == [c.__name__.removeprefix("check_") for c in workbook.notes.review.CHECKS]
    assert "150" in guide.loc["length", "rule"] and ":data:" not in guide.loc["length", "rule"]


def test_next_time_is_written_from_the_numbers(sample_log):
    followups = workbook.followups(sample_log, now=SAMPLE_NOW)
    skipper = followups[followups["candidate"] == "Elena Vasquez"]
    row = habits.summary(skipper).loc[habits.ALL]
    tips = habits.next_time(skipper)
    assert tips[0].startswith(f"{int(row['never_thanked'])} of the {int(row['due'])} people whose note is due were "
                              f"never thanked ({row['thanked'] / row['due']:.0%} thanked)")
    assert any("within 24 hours" in tip for tip in tips)
    thorough = followups[followups["candidate"] == "Priya Raman"]
    assert habits.next_time(thorough)[0] == "You thank everyone you meet, and on time: keep it up."
    assert "not proof" not in " ".join(habits.next_time(thorough, sample_log.outcomes()))


def test_next_time_with_nothing_due(log):
    assert habits.next_time(workbook.followups(log))[0].startswith("No note is due yet")


def test_the_summary_tells_not_yet_thanked_from_never_thanked(one_interview):
    log, interview, [ana, bo] = one_interview  # ended Mon 14 Sep 11:00 New York, due Tue 11:00
    log.add_note(ana, body="Dear Ana", sent_at="2026-09-14T12:10")
    shown = views.readable_summary(habits.summary(workbook.followups(log, now="2026-09-16T00:00Z")))
    assert shown.loc["Maya Okafor", ["Not yet thanked (overdue)", "Never thanked"]].tolist() == [1, 0]
    shown = views.readable_summary(habits.summary(workbook.followups(log, now="2026-09-30T00:00Z")))
    assert shown.loc["Maya Okafor", ["Not yet thanked (overdue)", "Never thanked"]].tolist() == [0, 1]


def test_the_cohorts_trend_reads_as_months_percentages_and_durations(sample_log):
    followups = workbook.followups(sample_log, now=SAMPLE_NOW)
    table = habits.trend(followups, "M", by_candidate=True)
    shown = views.readable_trend(table)
    assert shown.index.names == ["Candidate", "Month"]
    assert shown.index.get_level_values("Month").unique().tolist() == ["Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"]
    assert list(shown.columns) == ["People met", "Notes due", "Within 24 h", "Same day", "Median time to send",
                                   "Never thanked"]
    dana_august = shown.loc[("Dana Whitfield", "Aug 2026")]
    raw = table[(table["candidate"] == "Dana Whitfield") & (table["period"].astype(str) == "2026-08")].iloc[0]
    assert dana_august["Within 24 h"] == f"{raw['on_time_rate']:.0%}"
    assert dana_august["Median time to send"] == workbook.wording.duration(raw["median_hours"])  # "22 h 25 min"
    text = shown.to_string()
    assert "NaN" not in text and "0.8" not in text
    weekly = views.readable_trend(habits.trend(followups, "W"))
    assert weekly.index.name == "Week" and weekly.index[0].startswith("week of Mon ")


def test_a_month_with_nothing_sent_reads_a_dash(one_interview):
    log, _interview, _people = one_interview
    shown = views.readable_trend(habits.trend(workbook.followups(log, now="2026-09-30T00:00Z"), "M"))
    assert shown.loc["Sep 2026", ["Within 24 h", "Median time to send", "Never thanked"]].tolist() == ["0%", "—", 2]


def test_outcomes_after_each_kind_of_follow_up_read_in_words(sample_log):
    table = habits.outcomes_by_followup(workbook.followups(sample_log, now=SAMPLE_NOW), sample_log.outcomes())
    shown = views.readable_outcomes(table)
    assert shown.index.tolist() == ["everyone thanked within 24 h", "everyone thanked, some late",
                                    "someone never thanked"]
    first = shown.loc["everyone thanked within 24 h"]
    assert first.tolist() == [26, 22, "85%", "66% to 94%", "—"]
    assert shown.loc["someone never thanked", "Caution"] == "only 7 interviews: too few to read much into"


def test_overdue_statuses_are_told_apart_in_words():
    said = workbook.wording.standing_words(pd.Series(["overdue", "overdue", "pending", "late", None]),
                                           pd.Series([False, True, False, False, None], index=[5, 6, 7, 8, 9]))
    assert said.tolist() == ["not yet thanked (overdue)", "never thanked", "not sent yet, not due",
                             "sent late, after 24 h", "—"]
    assert [workbook.wording.number_word(n) for n in (0, 1, 2, 9, 10, 1200)] == [
        "none", "one", "two", "nine", "10", "1,200"]
