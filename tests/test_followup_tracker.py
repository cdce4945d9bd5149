"""The follow-up tracker, without a browser: on the shipped sample at its documented instant,
choose people, notes and interviews, press the buttons, and look at the log and the list."""

from __future__ import annotations

import datetime
import html
import re

import ipywidgets as widgets
import pandas as pd
import pytest

import workbook
from workbook.habits.analysis import due_now
from workbook.sample import SAMPLE_NOW
from workbook.habits.followup_table import followups
from workbook.ui.followup_tracker import NO_INTERVIEWS, FollowupTracker
from workbook.vocabulary import CHANNELS, OUTCOMES
from workbook.wording import local_date, time_left

from .conftest import assert_same_log, capture_display, displayed, snapshot, widget_tree

NOW = pd.Timestamp(SAMPLE_NOW)
HOSTILE = "<img src=x onerror=alert(1)>"


def tracker_for(log, **kwargs) -> FollowupTracker:
    kwargs.setdefault("now", SAMPLE_NOW)
    return FollowupTracker(log, display=False, **kwargs)


def expected_due(log) -> pd.DataFrame:
    return due_now(followups(log, SAMPLE_NOW), NOW)


def html_values(tracker: FollowupTracker) -> list[str]:
    return [w.value for w in widget_tree(tracker.widget) if isinstance(w, (widgets.HTML, widgets.HTMLMath))]


def listed(tracker: FollowupTracker) -> list[int]:
    """The interviewer ids the person dropdown offers, in order."""
    return [value for _, value in tracker.controls["person"].options]


def table_rows(markup: str) -> int:
    return len(re.findall(r"<tr>", markup.split("<tbody>")[1])) if "<tbody>" in markup else 0


def drafts(log) -> pd.Series:
    """The latest draft's note id of each interviewer that has one."""
    notes = log.notes()
    return notes[notes["sent_at"].isna()].groupby("interviewer_id")["note_id"].max()


@pytest.fixture
def tracker(sample_log) -> FollowupTracker:
    return tracker_for(sample_log)


def without_draft(tracker, status="pending") -> int:
    """A person on the list with no draft note, of ``status``."""
    due = tracker.due
    has_draft = due["interviewer_id"].isin(drafts(tracker.log).index)
    return int(due.loc[~has_draft & (due["status"] == status), "interviewer_id"].iloc[0])


def with_draft(tracker, status="pending") -> int:
    due = tracker.due
    has_draft = due["interviewer_id"].isin(drafts(tracker.log).index)
    return int(due.loc[has_draft & (due["status"] == status), "interviewer_id"].iloc[0])


# -- the list -------------------------------------------------------------------------------

def test_the_list_holds_everyone_not_yet_thanked_most_urgent_first(sample_log, tracker):
    table = followups(sample_log, SAMPLE_NOW)
    open_ = table[table["status"].isin(["pending", "overdue"])]
    due = expected_due(sample_log)

    assert sorted(listed(tracker)) == sorted(open_["interviewer_id"].tolist())
    assert listed(tracker) == due["interviewer_id"].tolist()
    assert tracker.due["interviewer_id"].tolist() == due["interviewer_id"].tolist()
    assert tracker.due["hours_left"].is_monotonic_increasing
    assert table_rows(tracker.controls["list"].value) == len(due)
    overdue = int((open_["status"] == "overdue").sum())
    assert tracker.controls["summary"].value == (
        f"<b>{len(open_)} people still to thank: {overdue} overdue, {len(open_) - overdue} not due yet.</b>")
    # The most urgent is chosen first, with their timing.
    first = due.iloc[0]
    assert tracker.controls["person"].value == first["interviewer_id"]
    assert tracker.controls["person"].label.startswith(f"{first['interviewer']} — {first['company']}")
    assert time_left(first["hours_left"]) in tracker.controls["person"].label
    assert "overdue by" in tracker.controls["person_info"].value


def test_the_list_says_how_long_is_left_or_how_overdue(tracker):
    markup = tracker.controls["list"].value
    for row in tracker.due.itertuples():
        assert time_left(row.hours_left) in markup
    assert time_left(6.0) == "6 h left"
    assert time_left(-2057.5) == "overdue by 85 days 17 h"  # 85 days 17 h 30 min: the minutes are cut
    assert "<td>overdue by 85 days 17 h</td>" in markup  # the sample's most overdue, as the notebook's table says it


def test_now_comes_from_the_environment_by_default(sample_log):
    assert listed(FollowupTracker(sample_log, display=False)) == expected_due(sample_log)["interviewer_id"].tolist()


# -- marking a note sent --------------------------------------------------------------------

def test_mark_sent_now_without_a_draft_records_a_note(sample_log, tracker):
    person = without_draft(tracker)
    notes_before = sample_log.notes()
    tracker.controls["person"].value = person
    assert "No draft in the log" in tracker.controls["person_info"].value

    tracker.controls["mark_sent"].click()

    assert person not in listed(tracker) and person not in tracker.due["interviewer_id"].tolist()
    notes = sample_log.notes()
    assert len(notes) == len(notes_before) + 1
    new = notes.iloc[-1]
    assert (new["interviewer_id"], new["channel"], new["sent_at"]) == (person, "email", NOW)
    assert "Marked the email note to" in tracker.controls["sent_message"].value
    assert "⚠" not in tracker.controls["sent_message"].value
    assert listed(tracker) == [i for i in expected_due(sample_log)["interviewer_id"]]
    assert table_rows(tracker.controls["list"].value) == len(listed(tracker))


def test_mark_sent_at_a_local_time_with_a_channel(sample_log, tracker):
    person = without_draft(tracker)
    zone = tracker.due.set_index("interviewer_id").at[person, "timezone"]
    tracker.controls["person"].value = person
    tracker.controls["channel"].value = "handwritten"
    tracker.controls["sent_time"].value = "2026-11-20 08:15"

    sent_at = tracker.mark_sent()

    assert sent_at == pd.Timestamp("2026-11-20 08:15", tz=zone).tz_convert("UTC")
    new = sample_log.notes().iloc[-1]
    assert (new["interviewer_id"], new["channel"], new["sent_at"]) == (person, "handwritten", sent_at)
    assert tracker.controls["sent_time"].value == ""
    assert f"08:15 {zone}" in tracker.controls["sent_message"].value


def test_a_note_marked_sent_without_a_draft_has_no_text(sample_log, tracker):
    person = without_draft(tracker)
    tracker.controls["person"].value = person

    tracker.controls["mark_sent"].click()

    new = sample_log.notes().iloc[-1]
    assert new["interviewer_id"] == person and new["body"] == "" and pd.isna(new["subject"])
    name = sample_log.interviewers().set_index("interviewer_id").at[person, "name"]
    message = html.unescape(tracker.controls["sent_message"].value)
    assert f"Marked the email note to {name} sent (no draft was in the log: recorded without its text)" in message
    assert f"note {new['note_id']}" not in message  # people, not the log's ids


def test_a_person_with_a_draft_has_that_draft_marked_sent(sample_log, tracker):
    """The draft is named by the person and the note's subject, as they know it, not by the
    log's note id (issue 13, point 7)."""
    person = with_draft(tracker)
    assert person == 116  # Mei Alvarez, whose draft is "Thanks, Mei — Tessellate Cloudworks interview"
    draft = int(drafts(sample_log)[person])
    count = len(sample_log.notes())
    tracker.controls["person"].value = person
    info = html.unescape(tracker.controls["person_info"].value)
    assert ("“Mark note sent” marks your latest draft to Mei Alvarez, “Thanks, Mei — Tessellate Cloudworks "
            "interview”, as sent.") in info
    assert f"note {draft}" not in info
    row = tracker.due.index[tracker.due["interviewer_id"] == person][0]
    cells = re.findall(r"<td>(.*?)</td>", tracker.controls["list"].value.split("<tbody>")[1])
    draft_cell = cells[row * 7 + 6]  # the row's "Draft" column
    assert html.unescape(draft_cell) == "“Thanks, Mei — Tessellate Cloudworks interview”"
    assert not re.search(r"<td>note \d+</td>", tracker.controls["list"].value)

    tracker.controls["mark_sent"].click()

    notes = sample_log.notes().set_index("note_id")
    assert len(notes) == count  # no new note
    assert notes.at[draft, "sent_at"] == NOW
    assert person not in listed(tracker)
    message = html.unescape(tracker.controls["sent_message"].value)
    assert ("Marked the email note to Mei Alvarez sent (your draft “Thanks, Mei — Tessellate Cloudworks "
            "interview”)") in message
    assert f"note {draft}" not in message


def test_a_long_draft_or_one_without_a_subject_is_named_by_its_first_words(log):
    log.add_candidate("Maya Okafor")
    interview = log.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst", "2026-11-19T10:00",
                                  "2026-11-19T11:00", "Europe/Berlin",
                                  people=[{"name": "Ana Lima"}, {"name": "Bo Chen"}, {"name": "Cy Diaz"}])
    ana, bo, cy = log.interviewers().query("interview_id == @interview")["interviewer_id"].tolist()
    log.add_note(ana, body="Dear Ana,\n\nThank you so much for your time today. I enjoyed hearing about the team.")
    log.add_note(bo, subject="Thank you for the conversation about the customer health score work today", body="Hi")
    log.add_note(cy, body="")
    tracker = tracker_for(log, now="2026-11-19T12:00:00+00:00")
    words = {}
    for person in (ana, bo, cy):
        tracker.controls["person"].value = person
        words[person] = html.unescape(tracker.controls["person_info"].value).split("“Mark note sent” ")[1]
    assert words[ana] == ("marks your latest draft to Ana Lima, “Dear Ana, Thank you so much for your time "
                          "today…”, as sent.")
    assert words[bo] == ("marks your latest draft to Bo Chen, “Thank you for the conversation about the "
                         "customer…”, as sent.")
    assert words[cy] == "marks your latest draft to Cy Diaz (no text yet) as sent."
    assert "<td>draft, no text yet</td>" in tracker.controls["list"].value


def test_marking_a_draft_sent_takes_the_channel_chosen(sample_log, tracker):
    person = with_draft(tracker)
    draft = int(drafts(sample_log)[person])
    tracker.controls["person"].value = person
    assert tracker.controls["channel"].value == sample_log.notes().set_index("note_id").at[draft, "channel"]
    tracker.controls["channel"].value = "other"

    tracker.controls["mark_sent"].click()

    assert sample_log.notes().set_index("note_id").at[draft, "channel"] == "other"


@pytest.mark.parametrize("typed, reason", [
    ("yesterday", "'yesterday' is not a time of day (like 20:30 or 8:30 pm)"),
    ("8:30 pn", "'8:30 pn' is not a time of day (like 20:30 or 8:30 pm)"),
    ("2026-11-31 20:30", "has no such date"),
    ("2026-11-19 14:00", "before the interview ended"),      # it ended 15:00 Los Angeles time
    ("2026-11-20T10:00:00-08:00", "in the future"),           # 18:00 UTC, an hour after now
    ("2026-11-20 10:00", "in the future"),
])
@pytest.mark.parametrize("draft", [False, True], ids=["no draft", "draft"])
def test_a_refused_sent_time_is_a_message_and_changes_nothing(sample_log, tracker, typed, reason, draft):
    # Marcus Okafor's final at Tessellate Cloudworks, Los Angeles: some of the people met
    # there have a draft, some not.
    met = tracker.due[tracker.due["company"] == "Tessellate Cloudworks"]["interviewer_id"]
    has_draft = met.isin(drafts(sample_log).index)
    person = int(met[has_draft == draft].iloc[0])
    before = snapshot(sample_log)
    tracker.controls["person"].value = person
    # Another channel than the draft's: refused, the draft keeps its own.
    tracker.controls["channel"].value = next(c for c in CHANNELS if c != tracker.controls["channel"].value)
    tracker.controls["sent_time"].value = typed

    assert tracker.mark_sent() is None

    assert_same_log(before, snapshot(sample_log))
    message = html.unescape(tracker.controls["sent_message"].value)
    assert reason in message and "⚠" in message and "ISO 8601" not in message
    assert person in listed(tracker)
    # Corrected, it goes through.
    tracker.controls["sent_time"].value = "2026-11-20 08:30"
    tracker.controls["mark_sent"].click()
    assert person not in listed(tracker)


def test_sent_at_is_a_date_picker_and_a_time_of_day_in_the_interviews_zone(sample_log, tracker):
    """As the interview form takes it: the date picked, "8:30 pm" typed, on the wall clock of
    the interview's time zone, which is named beside the fields."""
    person = without_draft(tracker)
    zone = tracker.due.set_index("interviewer_id").at[person, "timezone"]
    c = tracker.controls
    c["person"].value = person
    today = NOW.tz_convert(zone).date()
    assert c["sent_date"].value == today and c["sent_time"].value == ""  # now, by default
    assert f"{zone} time" in c["sent_zone"].value
    c["sent_date"].value = today - datetime.timedelta(days=1)
    c["sent_time"].value = "8:30 pm"

    sent_at = tracker.mark_sent()

    assert sent_at == pd.Timestamp(f"{today - datetime.timedelta(days=1)} 20:30", tz=zone)
    assert sample_log.notes().iloc[-1]["sent_at"] == sent_at
    assert "⚠" not in c["sent_message"].value and "20:30" in c["sent_message"].value
    assert c["sent_time"].value == ""  # ready for the next one: now again
    assert c["sent_date"].value == NOW.tz_convert(c["sent_zone"].value.split(">")[1].split(" time")[0]).date()


@pytest.mark.parametrize("typed, at", [
    ("20:30", "2026-11-19 20:30"), ("9.30", "2026-11-19 09:30"), ("12:05 am", "2026-11-19 00:05"),
    ("2026-11-18 8:30 pm", "2026-11-18 20:30"), ("18.11.2026 20:30", "2026-11-18 20:30"),
    # ISO 8601 pasted with seconds and no offset, on the zone's wall clock like the rest.
    ("20:30:15", "2026-11-19 20:30:15"), ("2026-11-18T20:30:00", "2026-11-18 20:30"),
    ("2026-11-18T20:30:15.250", "2026-11-18 20:30:15"),
])
def test_sent_at_takes_the_times_of_day_the_form_takes(sample_log, tracker, typed, at):
    person = without_draft(tracker, "overdue")
    zone = tracker.due.set_index("interviewer_id").at[person, "timezone"]
    ended = tracker.due.set_index("interviewer_id").at[person, "ended_at"]
    tracker.controls["person"].value = person
    tracker.controls["sent_date"].value = datetime.date(2026, 11, 19)
    tracker.controls["sent_time"].value = typed
    expected = pd.Timestamp(at, tz=zone)

    sent_at = tracker.mark_sent()

    if expected < ended:  # the log's own rule, in its own words
        assert sent_at is None and "before the interview ended" in tracker.controls["sent_message"].value
    else:
        assert sent_at == expected, tracker.controls["sent_message"].value


@pytest.mark.parametrize("typed", ["20:30:60", "20:30:5", "20:30:15 pm"])
def test_seconds_that_are_none_are_refused(sample_log, tracker, typed):
    tracker.controls["person"].value = without_draft(tracker, "overdue")
    tracker.controls["sent_time"].value = typed
    before = snapshot(sample_log)
    assert tracker.mark_sent() is None
    assert f"{typed!r} is not a time of day" in html.unescape(tracker.controls["sent_message"].value)
    assert_same_log(before, snapshot(sample_log))


def berlin_evening_log(log):
    """Maya Okafor's interview in Berlin on Friday 27 Nov 2026, 15:00-16:00, with Ana Lima."""
    log.add_candidate("Maya Okafor")
    log.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst", "2026-11-27T15:00", "2026-11-27T16:00",
                      "Europe/Berlin", people=[{"name": "Ana Lima", "email": "ana@northwind.example"}])
    return int(log.interviewers()["interviewer_id"].iloc[0])


def test_a_time_typed_the_morning_after_is_that_morning_though_the_tracker_was_made_the_evening_before(
        log, monkeypatch):
    """The notebook stays open overnight: made Friday 20:00 in Berlin, "8:30" typed on Saturday
    at 09:00 is Saturday 08:30, not Friday's (the date picker was never touched)."""
    ana = berlin_evening_log(log)
    monkeypatch.setenv("WORKBOOK_NOW", "2026-11-27T19:00:00+00:00")  # Fri 20:00 in Berlin
    tracker = tracker_for(log, now=None)
    c = tracker.controls
    c["person"].value = ana
    assert c["sent_date"].value == datetime.date(2026, 11, 27)

    monkeypatch.setenv("WORKBOOK_NOW", "2026-11-28T08:00:00+00:00")  # Sat 09:00: the clock moved on
    c["sent_time"].value = "8:30"
    sent_at = tracker.mark_sent()

    assert sent_at == pd.Timestamp("2026-11-28 08:30", tz="Europe/Berlin"), c["sent_message"].value
    assert log.notes()["sent_at"].tolist() == [sent_at]
    assert "Sat 28 Nov 2026 08:30 Europe/Berlin" in c["sent_message"].value


def test_a_date_picked_stays_picked_when_the_clock_moves_on(log, monkeypatch):
    ana = berlin_evening_log(log)
    monkeypatch.setenv("WORKBOOK_NOW", "2026-11-27T19:00:00+00:00")
    tracker = tracker_for(log, now=None)
    c = tracker.controls
    c["person"].value = ana
    c["sent_date"].value = datetime.date(2026, 11, 26)  # the person's own choice: Thursday, then Friday again
    c["sent_date"].value = datetime.date(2026, 11, 27)
    monkeypatch.setenv("WORKBOOK_NOW", "2026-11-28T08:00:00+00:00")
    c["sent_time"].value = "18:45"

    assert tracker.mark_sent() == pd.Timestamp("2026-11-27 18:45", tz="Europe/Berlin"), c["sent_message"].value


def test_a_fixed_now_stays_fixed(log, monkeypatch):
    """now= given: "today" is its day, whatever the environment says meanwhile."""
    ana = berlin_evening_log(log)
    tracker = tracker_for(log, now="2026-11-27T19:00:00+00:00")
    tracker.controls["person"].value = ana
    monkeypatch.setenv("WORKBOOK_NOW", "2026-11-28T08:00:00+00:00")
    tracker.controls["sent_time"].value = "19:30"

    assert tracker.mark_sent() == pd.Timestamp("2026-11-27 19:30", tz="Europe/Berlin")


def test_a_day_picked_without_a_time_or_a_time_without_a_day_is_asked_for(sample_log, tracker):
    c = tracker.controls
    c["person"].value = without_draft(tracker, "overdue")
    before = snapshot(sample_log)
    c["sent_date"].value = datetime.date(2026, 11, 19)
    assert tracker.mark_sent() is None
    assert "type the time of day on Thu 19 Nov 2026 too (like 20:30 or 8:30 pm)" in c["sent_message"].value
    c["sent_date"].value = None
    c["sent_time"].value = "8:30"
    assert tracker.mark_sent() is None
    assert "choose the date in the date picker too" in c["sent_message"].value
    assert_same_log(before, snapshot(sample_log))
    for message in (c["sent_message"].value,):
        assert "ISO 8601" not in message


def test_the_time_fields_hint_and_buttons_have_room(tracker):
    """The hint of the time field is never cut off, nor a button's label beside a field."""
    c = tracker.controls
    assert c["sent_time"].placeholder == "now, or 8:30 pm" and c["sent_time"].layout.width == "11em"
    for name in ("sent_time", "replied_time", "sent_date", "replied_date", "mark_sent", "mark_replied", "refresh"):
        assert c[name].layout.flex == "0 0 auto", name  # never shrunk by what stands beside it
    row = next(w for w in widget_tree(tracker.widget) if isinstance(w, widgets.HBox) and c["sent_time"] in w.children)
    assert row.layout.flex_flow == "row wrap"  # a narrow notebook wraps the zone's name, not the hint


# -- replies --------------------------------------------------------------------------------

def test_record_a_reply_to_a_sent_note(sample_log, tracker):
    notes = sample_log.notes()
    waiting = notes[notes["sent_at"].notna() & notes["replied_at"].isna()]
    assert sorted(v for _, v in tracker.controls["note"].options) == sorted(waiting["note_id"].tolist())
    note = int(waiting.sort_values("sent_at").iloc[-1]["note_id"])  # the latest sent comes first
    assert tracker.controls["note"].value == note

    tracker.controls["mark_replied"].click()

    assert sample_log.notes().set_index("note_id").at[note, "replied_at"] == NOW
    assert note not in [v for _, v in tracker.controls["note"].options]
    name = sample_log.interviewers().set_index("interviewer_id").at[
        waiting.set_index("note_id").at[note, "interviewer_id"], "name"]
    message = html.unescape(tracker.controls["reply_message"].value)
    assert message == (f"Recorded {name}'s reply, Fri 20 Nov 2026 17:00 Europe/London, to your handwritten note "
                       "sent Fri 20 Nov 2026.")
    assert f"note {note}" not in message
    # The choices name the person and the note by its subject or first words, not by its id.
    assert not any(re.search(r"note \d", label) for label, _ in tracker.controls["note"].options)
    assert tracker.controls["note"].options[0][0] == (
        "Callum Marsden — Lanternfield Health Academy (Dana Whitfield), sent Fri 20 Nov 2026 07:18 Europe/London"
        " · “Thank you”")


def test_a_reply_at_a_local_time_and_one_before_the_note_went_out(sample_log, tracker):
    note = tracker.controls["note"].value
    sent_at = sample_log.notes().set_index("note_id").at[note, "sent_at"]
    interviewer = sample_log.notes().set_index("note_id").at[note, "interviewer_id"]
    interview = sample_log.interviewers().set_index("interviewer_id").at[interviewer, "interview_id"]
    zone = sample_log.interviews().set_index("interview_id").at[interview, "timezone"]
    before = snapshot(sample_log)

    assert f"{zone} time" in tracker.controls["replied_zone"].value
    tracker.controls["replied_time"].value = f"{(sent_at - pd.Timedelta(hours=1)).tz_convert(zone):%Y-%m-%d %H:%M}"
    tracker.controls["mark_replied"].click()

    assert_same_log(before, snapshot(sample_log))
    assert "before the note was sent" in tracker.controls["reply_message"].value

    tracker.controls["replied_time"].value = "8:30 pn"
    assert tracker.mark_replied() is None
    assert "'8:30 pn' is not a time of day (like 20:30 or 8:30 pm)" in html.unescape(tracker.controls["reply_message"].value)
    assert_same_log(before, snapshot(sample_log))

    reply = (sent_at + pd.Timedelta(minutes=30)).tz_convert(zone).floor("min")
    tracker.controls["replied_date"].value = reply.date()
    tracker.controls["replied_time"].value = f"{reply:%I:%M %p}"  # "08:30 PM"
    assert tracker.mark_replied() == reply.tz_convert("UTC")
    assert sample_log.notes().set_index("note_id").at[note, "replied_at"] == reply


# -- outcomes -------------------------------------------------------------------------------

def test_record_an_outcome_then_change_it(sample_log, tracker):
    interviews = sample_log.interviews()
    undecided = interviews[~interviews["interview_id"].isin(sample_log.outcomes()["interview_id"])]
    interview = undecided.sort_values("starts_at").iloc[-1]
    c = tracker.controls
    c["interview"].value = int(interview["interview_id"])
    assert c["record_outcome"].description == "Record outcome"
    assert interview["company"] in c["interview"].label and interview["candidate"] in c["interview"].label
    assert c["decided_on"].value == NOW.tz_convert(interview["timezone"]).date()

    c["outcome"].value = "next_round"
    c["record_outcome"].click()

    outcome = sample_log.outcomes().set_index("interview_id").loc[interview["interview_id"]]
    assert outcome["outcome"] == "next_round"
    assert outcome["decided_at"].tz_convert(interview["timezone"]).date() == c["decided_on"].value
    which = (f"the interview with {interview['company']} on "
             f"{local_date(interview['starts_at'], interview['timezone'])} ({interview['candidate']})")
    message = html.unescape(c["outcome_message"].value)
    assert message.startswith(f"Recorded the outcome of {which}: next round, decided ")
    assert f"interview {interview['interview_id']}" not in message
    assert c["interview"].value == interview["interview_id"]
    assert c["interview"].label.endswith("outcome: next round")
    assert c["record_outcome"].description == "Change outcome"

    c["outcome"].value = "offer"
    c["record_outcome"].click()

    assert sample_log.outcomes().set_index("interview_id").at[interview["interview_id"], "outcome"] == "offer"
    assert len(sample_log.outcomes()) == len(interviews) - len(undecided) + 1
    assert html.unescape(c["outcome_message"].value).startswith(
        f"Changed the outcome of {which} from next round to offer, decided ")


def test_an_outcome_recorded_elsewhere_meanwhile_is_changed_not_added_twice(sample_log, tracker):
    interviews = sample_log.interviews()
    undecided = interviews[~interviews["interview_id"].isin(sample_log.outcomes()["interview_id"])]
    latest = undecided.sort_values("starts_at").iloc[-1]
    interview = int(latest["interview_id"])
    c = tracker.controls
    c["interview"].value = interview
    assert c["record_outcome"].description == "Record outcome"
    # Another notebook records one after the tracker read the log.
    sample_log.add_outcome(interview, "no_response", f"{NOW.tz_convert(latest['timezone']):%Y-%m-%d}")

    c["outcome"].value = "rejected"
    c["record_outcome"].click()

    outcomes = sample_log.outcomes()
    assert outcomes.set_index("interview_id").at[interview, "outcome"] == "rejected"
    assert (outcomes["interview_id"] == interview).sum() == 1
    assert "from no response to rejected" in c["outcome_message"].value and "⚠" not in c["outcome_message"].value


def test_a_refused_change_of_an_outcome_keeps_the_one_recorded(sample_log, tracker):
    recorded = sample_log.outcomes().iloc[0]
    c = tracker.controls
    c["interview"].value = int(recorded["interview_id"])
    before = snapshot(sample_log)
    c["outcome"].value = next(o for o in OUTCOMES if o != recorded["outcome"])
    c["decided_on"].value = datetime.date(2026, 11, 22)

    assert tracker.record_outcome() is None

    assert_same_log(before, snapshot(sample_log))
    assert "is in the future" in c["outcome_message"].value and "⚠" in c["outcome_message"].value


def test_choosing_an_interview_with_an_outcome_shows_it(sample_log, tracker):
    recorded = sample_log.outcomes().iloc[0]
    tracker.controls["interview"].value = int(recorded["interview_id"])
    assert tracker.controls["outcome"].value == recorded["outcome"]
    assert tracker.controls["record_outcome"].description == "Change outcome"


@pytest.mark.parametrize("day, reason", [
    (None, "is missing"),
    (datetime.date(2026, 11, 22), "is in the future"),
    (datetime.date(2026, 1, 1), "is before the interview"),
])
def test_a_refused_outcome_date_is_a_message(sample_log, tracker, day, reason):
    before = snapshot(sample_log)
    tracker.controls["decided_on"].value = day

    assert tracker.record_outcome() is None

    assert_same_log(before, snapshot(sample_log))
    assert reason in tracker.controls["outcome_message"].value and "⚠" in tracker.controls["outcome_message"].value


# -- the candidate filter -------------------------------------------------------------------

def test_the_candidate_filter_narrows_the_list(sample_log, tracker):
    c = tracker.controls
    assert c["candidate"].options[0] == ("All candidates", "")
    assert [label for label, _ in c["candidate"].options[1:]] == sample_log.candidates()["candidate"].tolist()
    everyone = listed(tracker)

    c["candidate"].value = "Marcus Okafor"

    due = expected_due(sample_log)
    assert listed(tracker) == due.loc[due["candidate"] == "Marcus Okafor", "interviewer_id"].tolist()
    assert set(tracker.due["candidate"]) == {"Marcus Okafor"}
    assert table_rows(c["list"].value) == len(listed(tracker))
    assert all("(Marcus Okafor)" in label for label, _ in c["note"].options)
    assert all(label.split(" · ")[2].startswith("Marcus Okafor") for label, _ in c["interview"].options)

    c["candidate"].value = "Priya Raman"
    assert listed(tracker) == due.loc[due["candidate"] == "Priya Raman", "interviewer_id"].tolist()

    c["candidate"].value = ""
    assert listed(tracker) == everyone


def test_the_filter_stays_after_a_write(sample_log, tracker):
    tracker.controls["candidate"].value = "Marcus Okafor"
    tracker.controls["mark_sent"].click()
    assert tracker.controls["candidate"].value == "Marcus Okafor"
    assert set(tracker.due["candidate"]) == {"Marcus Okafor"}


def test_a_candidate_with_everyone_thanked(log):
    log.add_candidate("Maya Okafor")
    interview = log.add_interview("Maya Okafor", "Northwind", "Analyst", "2026-11-19T10:00", "2026-11-19T11:00",
                                  "America/New_York", people=[{"name": "Ana Lima"}])
    log.add_note(log.interviewers()["interviewer_id"].iloc[0], sent_at="2026-11-19T12:00")
    tracker = tracker_for(log)
    assert "Everyone you met has been thanked" in tracker.controls["summary"].value
    assert tracker.controls["list"].value == "" and tracker.controls["mark_sent"].disabled
    assert tracker.controls["interview"].value == interview


# -- escaping and the empty log -------------------------------------------------------------

def test_names_from_the_log_and_typed_text_are_escaped(log):
    log.add_candidate(HOSTILE)
    log.add_interview(HOSTILE, HOSTILE, HOSTILE, "2026-11-20T09:00", "2026-11-20T10:00", "Europe/Berlin",
                      stage=HOSTILE, people=[{"name": HOSTILE, "title": HOSTILE}, {"name": f"Bo {HOSTILE}"}])
    bo = int(log.interviewers()["interviewer_id"].iloc[1])
    tracker = tracker_for(log)
    c = tracker.controls

    c["sent_time"].value = HOSTILE
    c["mark_sent"].click()                                  # refused, quoting what was typed
    assert "&lt;img src=x onerror=alert(1)&gt;" in c["sent_message"].value
    values = html_values(tracker)
    c["person"].value = bo
    c["sent_time"].value = ""
    c["mark_sent"].click()                                  # a note sent: a message naming Bo
    assert "Marked the email note to Bo" in c["sent_message"].value
    c["mark_replied"].click()
    c["record_outcome"].click()

    for value in values + html_values(tracker):
        assert "<img" not in value, value
    assert c["list"].value.count("&lt;img") >= 3  # candidate, company, person
    assert "&lt;img" in c["person_info"].value and "&lt;img" in c["sent_message"].value
    assert "&lt;img" in c["reply_message"].value and "&lt;img" in c["outcome_message"].value
    # Plain-text places show the characters as they are.
    assert HOSTILE in c["person"].label and HOSTILE in c["interview"].label


def test_an_empty_log_shows_a_friendly_line(log):
    tracker = tracker_for(log)
    c = tracker.controls
    assert c["summary"].value == f"<b>{NO_INTERVIEWS}</b>"
    assert c["list"].value == "" and tracker.due.empty
    assert c["person"].options == () and c["note"].options == () and c["interview"].options == ()
    assert c["mark_sent"].disabled and c["mark_replied"].disabled and c["record_outcome"].disabled
    assert tracker.mark_sent() is None and "⚠" in c["sent_message"].value
    assert tracker.mark_replied() is None and tracker.record_outcome() is None
    assert repr(tracker) == "FollowupTracker(0 still to thank)"


def test_refresh_sees_what_another_notebook_wrote(log):
    tracker = tracker_for(log)
    log.add_candidate("Maya Okafor")
    log.add_interview("Maya Okafor", "Northwind", "Analyst", "2026-11-20T10:00", "2026-11-20T11:00",
                      "America/New_York", people=[{"name": "Ana Lima"}])
    tracker.refresh()
    assert tracker.controls["person"].label.startswith("Ana Lima — Northwind (Maya Okafor): ")
    assert "1 person still to thank: 0 overdue, 1 not due yet." in tracker.controls["summary"].value


@pytest.mark.backends("sqlite", "postgresql")
def test_a_choice_or_refresh_notices_what_another_notebook_wrote_and_keeps_what_is_typed(log_target):
    """Notebook 03 open, an interview logged meanwhile in notebook 01 (another Log on the same
    log): choosing someone in 03 reads the log again, and so does "Refresh"."""
    with workbook.open_log(log_target) as notebook_03, workbook.open_log(log_target) as notebook_01:
        notebook_01.add_candidate("Maya Okafor")
        notebook_01.add_interview("Maya Okafor", "Northwind", "Analyst", "2026-11-20T08:00", "2026-11-20T09:00",
                                  "America/New_York", people=[{"name": "Ana Lima"}, {"name": "Bo Chen"}])
        tracker = tracker_for(notebook_03)
        c = tracker.controls
        ana, bo = listed(tracker)
        c["person"].value = bo
        c["sent_time"].value = "9:45"  # being typed

        notebook_01.add_interview("Maya Okafor", "Cascade Robotics", "Analyst", "2026-11-20T10:00",
                                  "2026-11-20T11:00", "America/New_York", people=[{"name": "Chidi Eze"}])
        assert len(listed(tracker)) == 2  # not read yet
        c["person"].value = ana  # a choice: the log is read again
        assert [label.split(" — ")[0] for label, _ in c["person"].options] == ["Ana Lima", "Bo Chen", "Chidi Eze"]
        assert c["person"].value == ana and c["sent_time"].value == "9:45"
        assert any("Cascade Robotics" in label for label, _ in c["interview"].options)

        notebook_01.add_interview("Maya Okafor", "Tessellate", "Analyst", "2026-11-20T11:00", "2026-11-20T11:30",
                                  "America/New_York", people=[{"name": "Dana Ruiz"}])
        c["refresh"].click()
        assert "Dana Ruiz" in c["list"].value and "4 people still to thank" in c["summary"].value
        assert c["person"].value == ana and c["sent_time"].value == "9:45"
        revision = notebook_03.revision()
        c["refresh"].click()
        assert notebook_03.revision() == revision  # reading writes nothing


def test_it_is_displayed_by_default(log, monkeypatch):
    shown = capture_display(monkeypatch)
    tracker = FollowupTracker(log, now=SAMPLE_NOW)
    assert shown == [displayed(tracker.widget, "Follow-up tracker")]
