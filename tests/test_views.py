"""The tables the notebooks show, and the advice written from a person's own numbers."""

from __future__ import annotations

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


def test_log_overview_of_an_empty_log(log):
    table = views.log_overview(log)
    assert table.index.tolist() == ["All candidates"]
    assert (table.loc["All candidates"] == 0).all()


def test_still_to_thank_lists_the_unsent_in_local_time(one_interview):
    log, interview, [ana, bo] = one_interview
    log.add_note(ana, body="Dear Ana", sent_at="2026-09-14T12:00")
    table = views.still_to_thank(log, now="2026-09-15T13:00:00+00:00")
    assert table.to_dict("records") == [{
        "person": "Bo Chen", "company": "Northwind Analytics", "candidate": "Maya Okafor",
        "due (local)": "Tue 15 Sep 2026 11:00", "time left": "2 h left", "status": "not sent yet, not due",
    }]
    later = views.still_to_thank(log, now="2026-09-18T15:45:30+00:00")  # 3 days 0 h 45 min 30 s past due
    assert later.loc[1, ["time left", "status"]].tolist() == ["overdue by 3 days", "overdue, not sent"]  # from 1


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
    assert tips[0].startswith(f"{int(row['overdue'])} of the {int(row['due'])} people whose note is due never got one")
    assert any("within 24 hours" in tip for tip in tips)
    thorough = followups[followups["candidate"] == "Priya Raman"]
    assert habits.next_time(thorough)[0] == "You thank everyone you meet, and on time: keep it up."
    assert "not proof" not in " ".join(habits.next_time(thorough, sample_log.outcomes()))


def test_next_time_with_nothing_due(log):
    assert habits.next_time(workbook.followups(log))[0].startswith("No note is due yet")
