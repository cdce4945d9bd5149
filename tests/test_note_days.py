"""A note is never wrong about time: it says "today" only on the interview's own local date as
of when it is written, "yesterday" the next local day, the weekday within a week, the date
beyond; in every tone and in the subject. And a company whose name ends in a full stop does
not get a second one, in the note or in the advice."""

from __future__ import annotations

import pytest

import workbook
from workbook.ui import NoteBuilder


@pytest.fixture
def saturday(log):
    """Zoë Müller and Renée Çelik met on Saturday 28 November 2026, 14:00–15:00 in Berlin, at a
    company whose name ends in a full stop. Returns (log, [Zoë's id, Renée's id])."""
    log.add_candidate("Maya Okafor", email="maya@example.com", phone="+1 555 0100", skills=["SQL"])
    interview = log.add_interview("Maya Okafor", "Cascade Robotics Inc.", "Controls engineer", "2026-11-28T14:00",
                                  "2026-11-28T15:00", "Europe/Berlin",
                                  people=[{"name": "Zoë Müller", "talking_points": "the gripper calibration"},
                                          {"name": "Renée Çelik"}])
    people = log.interviewers().set_index("name")["interviewer_id"]
    assert log.interviews()["interview_id"].tolist() == [interview]
    return log, [int(people["Zoë Müller"]), int(people["Renée Çelik"])]


# (when the note is written, how the body says the day, how the formal subject says it)
WRITTEN = [
    ("2026-11-28T19:30+01:00", "today", "Thank you for today's Controls engineer interview"),
    # Sunday evening in Berlin: the guideline's "within 24 hours", and the common case.
    ("2026-11-29T20:00+01:00", "yesterday", "Thank you for yesterday's Controls engineer interview"),
    # Written in Los Angeles late on Saturday, already Sunday morning in Berlin.
    ("2026-11-28T23:30-08:00", "yesterday", "Thank you for yesterday's Controls engineer interview"),
    ("2026-12-02T09:00+01:00", "on Saturday", "Thank you for Saturday's Controls engineer interview"),
    ("2026-12-07T09:00+01:00", "on 28 November", "Thank you for the Controls engineer interview on 28 November"),
]


@pytest.mark.parametrize("now, day, formal_subject", WRITTEN)
def test_the_note_says_the_day_as_of_when_it_is_written_in_every_tone(saturday, now, day, formal_subject):
    log, [zoe, _] = saturday
    warm = workbook.compose_note(log, zoe, now=now)
    concise = workbook.compose_note(log, zoe, tone="concise", now=now)
    formal = workbook.compose_note(log, zoe, tone="formal", now=now)
    assert f"Thank you so much for your time {day} and for the chance" in warm.body
    assert f"Thank you for your time {day} and for the opportunity" in concise.body
    assert f"Thank you for taking the time to meet with me {day} and for the opportunity" in formal.body
    assert formal.subject == formal_subject
    for note in (warm, concise, formal):
        assert ("today" in note.body + note.subject) == (day == "today")


@pytest.mark.parametrize("now, day", [("2026-11-27T23:50+01:00", "today"), ("2026-11-28T10:00+01:00", "yesterday"),
                                      ("2026-12-10T10:00+01:00", "on 27 November")])
def test_an_interview_past_midnight_is_on_the_day_it_started_as_everywhere(log, now, day):
    log.add_candidate("Maya Okafor", email="maya@example.com", phone="+1 555 0100")
    interview = log.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst", "2026-11-27T23:15",
                                  "2026-11-28T00:20", "Europe/Berlin", people=[{"name": "Ana Lima"}])
    ana = int(log.interviewers()["interviewer_id"].iloc[0])
    interviews = log.interviews()
    assert workbook.ui.common.interview_label(interviews.iloc[0]).startswith("Fri 27 Nov 2026")
    assert interviews["interview_id"].tolist() == [interview]
    assert f"your time {day} and" in workbook.compose_note(log, ana, now=now).body


def test_without_now_the_note_is_written_as_of_workbook_now(saturday, monkeypatch):
    log, [zoe, _] = saturday
    monkeypatch.setenv("WORKBOOK_NOW", "2026-11-29T20:00+01:00")
    assert "your time yesterday" in workbook.compose_note(log, zoe).body


def test_a_company_ending_in_a_full_stop_gets_one_full_stop(saturday):
    log, [zoe, _] = saturday
    for tone in ("warm", "concise", "formal"):
        note = workbook.compose_note(log, zoe, tone=tone, now="2026-11-28T19:30+01:00")
        assert "Cascade Robotics Inc.." not in note.body
        assert "Cascade Robotics Inc." in note.body
    checks = workbook.review_note(log, zoe, "Dear Zoë,\n\nThanks.\n\nMaya")
    advice = {check.name: check.advice for check in checks}
    assert advice["enthusiasm"].endswith("helping Cascade Robotics Inc.")
    assert all(".." not in text.replace("...", "") for text in advice.values()), advice


def test_the_builder_writes_its_note_again_when_the_day_changes_under_it(saturday):
    log, [zoe, renee] = saturday
    builder = NoteBuilder(log, display=False, now="2026-11-28T23:58+01:00")
    zoes, renees = builder.controls["people"][zoe], builder.controls["people"][renee]
    assert "your time today" in zoes["body"].value
    renees["body"].value = "Dear Renée,\n\nThank you for your time today.\n\nMaya"  # written by hand
    builder.now = "2026-11-29T00:01+01:00"  # past midnight in Berlin, still writing
    zoes["channel"].value = "handwritten"  # any change refreshes the tab
    renees["channel"].value = "handwritten"
    assert "your time yesterday" in zoes["body"].value
    assert "today" not in zoes["body"].value
    assert renees["body"].value == "Dear Renée,\n\nThank you for your time today.\n\nMaya"  # theirs stays
