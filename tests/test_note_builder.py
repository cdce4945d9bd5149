"""The note builder widget, without a browser: set control values, click the buttons, and
look at the log and at what the widget shows."""

from __future__ import annotations

import datetime
import email
import email.policy
import html
from html.parser import HTMLParser
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import pytest

import workbook
from workbook.notes.mail import mailto_link
from workbook.notes.review import word_count
from workbook.sample import SAMPLE_NOW
from workbook.ui import NoteBuilder

from .conftest import assert_same_log, capture_display, displayed, snapshot, widget_tree

# The day after the one_interview fixture's interview (it ended 2026-09-14 15:00 UTC).
NEXT_MORNING = "2026-09-15T12:00:00+00:00"
HOSTILE = '<img src=x onerror="window.__pwned=1">'


def builder_for(log, **kwargs) -> NoteBuilder:
    kwargs.setdefault("now", NEXT_MORNING)
    return NoteBuilder(log, display=False, **kwargs)


def fill(controls: dict, **parts) -> None:
    for name, value in parts.items():
        controls[name].value = value


FULL_NOTE = dict(
    detail="rebuilding the churn dashboard",
    skills="SQL and Python",
    goals="the self-serve metrics project",
    next_steps="I will send my dashboard samples by Friday",
)


def html_values(builder: NoteBuilder) -> list[str]:
    return [w.value for w in widget_tree(builder.widget) if isinstance(w, (widgets.HTML, widgets.HTMLMath))]


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def hrefs(markup: str) -> list[str]:
    parser = _Anchors()
    parser.feed(markup)
    return parser.hrefs


# -- tabs, markers, "not thanked yet" --------------------------------------------------

def test_one_tab_per_person_met_with_markers(one_interview):
    log, interview, (ana, bo) = one_interview
    builder = builder_for(log)

    assert builder.controls["interview"].value == interview
    assert builder.controls["interview"].label == "Mon 14 Sep 2026 · Northwind Analytics — Data analyst (hiring manager)"
    assert list(builder.controls["people"]) == [ana, bo]
    assert builder.controls["tabs"].titles == ("○ Ana Lima", "○ Bo Chen")
    assert len(builder.controls["tabs"].children) == 2
    assert "Not thanked yet: Ana Lima, Bo Chen" in builder.controls["without_note"].value


def test_existing_notes_are_loaded_and_marked(one_interview):
    log, _, (ana, bo) = one_interview
    sent = log.add_note(ana, body="Dear Ana, thank you.", subject="Thanks", channel="email",
                        sent_at="2026-09-14T16:00:00+00:00")
    log.add_note(bo, body="Dear Bo, a draft.", subject=None, channel="handwritten")

    builder = builder_for(log)

    assert builder.controls["tabs"].titles == ("✓ Ana Lima", "✎ Bo Chen")
    assert "Not thanked yet: Bo Chen" in builder.controls["without_note"].value
    ana_tab, bo_tab = builder.controls["people"][ana], builder.controls["people"][bo]
    assert (ana_tab["subject"].value, ana_tab["body"].value) == ("Thanks", "Dear Ana, thank you.")
    assert (bo_tab["subject"].value, bo_tab["body"].value, bo_tab["channel"].value) == (
        "", "Dear Bo, a draft.", "handwritten")
    assert builder.people[ana].note_id == sent
    assert ana_tab["mark_sent"].disabled
    assert "sent 1 h after the interview, the same day" in ana_tab["timing"].value
    assert "overdue by" not in bo_tab["timing"].value and "due in 3 h" in bo_tab["timing"].value


def test_markers_follow_the_sample_statuses(sample_log):
    builder = NoteBuilder(sample_log, now=SAMPLE_NOW, display=False)
    statuses = workbook.followups(sample_log, now=SAMPLE_NOW).set_index("interviewer_id")["status"]
    for interview_id in [value for _, value in builder.controls["interview"].options]:
        builder.controls["interview"].value = interview_id
        for title, (interviewer_id, person) in zip(builder.controls["tabs"].titles, builder.people.items()):
            sent = statuses[interviewer_id] in ("same_day", "within_24h", "late")
            assert title.startswith("✓ " if sent else ("✎ " if person.note_id else "○ ")), title
            assert title.endswith(person.context.name)


# -- composing and reviewing ----------------------------------------------------------------

def test_parts_compose_the_note_and_a_full_note_passes_every_check(one_interview):
    log, _, (ana, _) = one_interview
    builder = builder_for(log)
    tab = builder.controls["people"][ana]

    fill(tab, **FULL_NOTE)

    body = tab["body"].value
    assert body.startswith("Dear Ana,")
    for typed in FULL_NOTE.values():
        assert typed in body
    assert "Northwind Analytics" in body and "maya@example.com" in body
    assert tab["subject"].value == "Thank you — Data analyst interview"
    assert [c.name for c in builder.people[ana].checks if not c.passed] == []
    assert tab["checklist"].value.count("✓") == 11 and "✗" not in tab["checklist"].value
    assert tab["words"].value == f"{workbook.notes.review.word_count(body)} words"
    assert "I will send my dashboard samples by Friday" in tab["preview"].value

    tab["tone"].value = "formal"
    assert tab["body"].value.startswith("Dear Ana Lima,")
    # Written the morning after the interview: "yesterday's", never "today's".
    assert tab["subject"].value == "Thank you for yesterday's Data analyst interview"


def test_checklist_follows_the_body_as_it_is_typed(one_interview):
    log, _, (ana, _) = one_interview
    builder = builder_for(log)
    tab = builder.controls["people"][ana]

    tab["body"].value = "Thanks for your time."

    failed = {c.name for c in builder.people[ana].checks if not c.passed}
    assert {"detail", "contact", "recipient", "goals"} <= failed
    assert "✗ <b>contact</b>" in tab["checklist"].value
    assert tab["words"].value == "4 words"


def test_typing_reads_nothing_from_the_log(one_interview):
    """A keystroke reviews the note and redraws its tab from what was read when the tab was
    shown: with the log's file no longer readable, typing still refreshes everything."""
    log, _, (ana, _) = one_interview
    builder = builder_for(log)
    tab = builder.controls["people"][ana]
    log.close()
    Path(log.url.database).write_bytes(b"no longer a log\n" * 1024)
    with pytest.raises(Exception):  # whichever error: the log cannot be read any more
        log.interviewers()

    fill(tab, **FULL_NOTE)  # each part recomposes the note
    assert [c.name for c in builder.people[ana].checks if not c.passed] == []
    tab["body"].value = tab["body"].value.replace("Dear Ana,", "Dear Bo,")

    recipient = {c.name: c for c in builder.people[ana].checks}["recipient"]
    assert not recipient.passed and recipient.advice == "It greets Bo Chen: this note is to Ana Lima."
    assert "✗ <b>recipient</b>" in tab["checklist"].value
    assert "Dear Bo," in tab["preview"].value
    assert tab["words"].value == f"{word_count(tab['body'].value)} words"
    [href] = hrefs(tab["mail_link"].value)
    assert href.startswith("mailto:ana%40northwind.example?") and "Dear%20Bo%2C" in href
    tab["channel"].value = "handwritten"
    assert hrefs(tab["mail_link"].value) == [] and "A handwritten note" in tab["preview"].value


def test_a_body_written_by_hand_is_kept_until_compose_again(one_interview):
    log, _, (ana, _) = one_interview
    builder = builder_for(log)
    tab = builder.controls["people"][ana]

    tab["body"].value = "Dear Ana, my own words."
    tab["goals"].value = "the self-serve metrics project"
    assert tab["body"].value == "Dear Ana, my own words."
    assert "Compose again" in tab["message"].value

    tab["compose_again"].click()
    assert "the self-serve metrics project" in tab["body"].value
    tab["next_steps"].value = "I will send samples"
    assert "I will send samples" in tab["body"].value


def test_the_distinct_check_sees_the_saved_note_to_another_person(one_interview):
    log, _, (ana, bo) = one_interview
    builder = builder_for(log)
    ana_tab, bo_tab = builder.controls["people"][ana], builder.controls["people"][bo]
    fill(ana_tab, **FULL_NOTE)
    ana_tab["save"].click()

    bo_tab["body"].value = ana_tab["body"].value.replace("Ana", "Bo")

    distinct = {c.name: c for c in builder.people[bo].checks}["distinct"]
    assert not distinct.passed and "Ana Lima" in distinct.advice


# -- saving and marking as sent -------------------------------------------------------------

def test_save_draft_adds_the_note_then_changes_it(one_interview):
    log, _, (ana, _) = one_interview
    builder = builder_for(log)
    tab = builder.controls["people"][ana]
    fill(tab, **FULL_NOTE)

    tab["save"].click()

    notes = log.notes()
    assert len(notes) == 1
    note = notes.iloc[0]
    assert (note["interviewer_id"], note["body"], note["subject"], note["channel"]) == (
        ana, tab["body"].value, tab["subject"].value, "email")
    assert pd.isna(note["sent_at"])
    assert builder.controls["tabs"].titles[0] == "✎ Ana Lima"
    assert "Not thanked yet: Ana Lima, Bo Chen" in builder.controls["without_note"].value
    assert "Draft saved: your note to Ana Lima." in tab["message"].value
    assert str(note["note_id"]) not in tab["message"].value  # a person, not an id

    tab["body"].value = "Dear Ana, shorter."
    tab["channel"].value = "handwritten"
    tab["save"].click()
    notes = log.notes()
    assert len(notes) == 1
    assert (notes["body"].iloc[0], notes["channel"].iloc[0]) == ("Dear Ana, shorter.", "handwritten")


def test_mark_as_sent_at_a_local_time(one_interview):
    log, _, (ana, _) = one_interview
    builder = builder_for(log)
    tab = builder.controls["people"][ana]
    fill(tab, **FULL_NOTE)

    tab["sent_time"].value = "2026-09-14 15:30"  # New York wall clock
    tab["mark_sent"].click()

    notes = log.notes()
    assert len(notes) == 1
    assert notes["sent_at"].iloc[0] == pd.Timestamp("2026-09-14T19:30:00Z")
    assert notes["body"].iloc[0] == tab["body"].value
    assert builder.controls["tabs"].titles == ("✓ Ana Lima", "○ Bo Chen")
    assert "Not thanked yet: Bo Chen" in builder.controls["without_note"].value
    assert "Ana Lima" not in builder.controls["without_note"].value
    assert "sent 4 h 30 min after the interview, the same day" in tab["timing"].value
    assert "Marked as sent" in tab["message"].value and "15:30 America/New_York" in tab["message"].value
    assert tab["mark_sent"].disabled


def test_sent_at_is_a_date_picker_and_a_time_of_day_on_the_interviews_clock(one_interview):
    """As the interview form takes it: the day picked, "3:30 pm" typed, New York's wall clock
    (named beside the fields); by default today there, and now."""
    log, _, (ana, _) = one_interview
    builder = builder_for(log)
    tab = builder.controls["people"][ana]
    assert tab["sent_date"].value == datetime.date(2026, 9, 15) and tab["sent_time"].value == ""
    assert "America/New_York time" in tab["sent_zone"].value
    fill(tab, **FULL_NOTE)

    tab["sent_date"].value = datetime.date(2026, 9, 14)
    tab["sent_time"].value = "3:30 pm"
    tab["mark_sent"].click()

    assert log.notes()["sent_at"].tolist() == [pd.Timestamp("2026-09-14T19:30:00Z")]
    assert "15:30 America/New_York" in tab["message"].value


def test_a_time_typed_the_morning_after_is_that_morning_though_the_tab_was_made_the_evening_before(
        one_interview, monkeypatch):
    """The notebook stays open overnight: the tab made Monday 20:00 in New York, "8:30" typed on
    Tuesday at 09:00 is Tuesday 08:30 (the date picker was never touched); the builder reads
    the clock ($WORKBOOK_NOW here) again when it sends."""
    log, _, (ana, _) = one_interview
    monkeypatch.setenv("WORKBOOK_NOW", "2026-09-15T00:00:00+00:00")  # Mon 14 Sep 20:00 in New York
    builder = builder_for(log, now=None)
    tab = builder.controls["people"][ana]
    assert tab["sent_date"].value == datetime.date(2026, 9, 14)
    fill(tab, **FULL_NOTE)

    monkeypatch.setenv("WORKBOOK_NOW", "2026-09-15T13:00:00+00:00")  # Tue 15 Sep 09:00: the clock moved on
    tab["sent_time"].value = "8:30"
    tab["mark_sent"].click()

    assert log.notes()["sent_at"].tolist() == [pd.Timestamp("2026-09-15T12:30:00Z")], tab["message"].value
    assert "Tue 15 Sep 2026 08:30 America/New_York" in tab["message"].value
    assert tab["sent_date"].value == datetime.date(2026, 9, 15)  # the day read is the day shown


def test_a_fixed_now_keeps_its_day(one_interview, monkeypatch):
    log, _, (ana, _) = one_interview
    builder = builder_for(log, now="2026-09-15T00:00:00+00:00")  # Mon 14 Sep 20:00 in New York, fixed
    tab = builder.controls["people"][ana]
    fill(tab, **FULL_NOTE)
    monkeypatch.setenv("WORKBOOK_NOW", "2026-09-15T13:00:00+00:00")
    tab["sent_time"].value = "7:15 pm"
    tab["mark_sent"].click()
    assert log.notes()["sent_at"].tolist() == [pd.Timestamp("2026-09-14T23:15:00Z")], tab["message"].value


def test_a_day_picked_without_a_time_is_asked_for_and_nothing_is_sent(one_interview):
    log, _, (ana, _) = one_interview
    tab = builder_for(log).controls["people"][ana]
    tab["sent_date"].value = datetime.date(2026, 9, 14)
    tab["mark_sent"].click()
    assert log.notes().empty
    assert "type the time of day on Mon 14 Sep 2026 too (like 20:30 or 8:30 pm)" in tab["message"].value


def test_download_and_mark_sent_keep_their_labels_beside_a_long_message(one_interview):
    """"Download .eml" beside a refusal of two lines stays whole; the refusal wraps."""
    log, _, (_, bo) = one_interview  # Bo has no email address: the link beside the button is a refusal
    tab = builder_for(log).controls["people"][bo]
    assert "email address is missing" in tab["mail_link"].value
    for name in ("download", "mark_sent", "compose_again", "save"):
        assert (tab[name].layout.flex, tab[name].layout.width) == ("0 0 auto", "auto"), name
    assert (tab["mail_link"].layout.flex, tab["mail_link"].layout.min_width) == ("1 1 auto", "0")
    assert tab["sent_time"].layout.flex == "0 0 auto" and tab["sent_time"].placeholder == "now, or 8:30 pm"


@pytest.mark.backends("sqlite", "postgresql")
def test_refresh_adds_what_another_notebook_logged_and_keeps_the_note_being_written(log_target):
    """Notebook 02 open while an interview is logged in notebook 01 (another Log on the same
    log): "Refresh", or choosing an interview or a tab, lists it; the note being written stays."""
    with workbook.open_log(log_target) as notebook_02, workbook.open_log(log_target) as notebook_01:
        notebook_01.add_candidate("Maya Okafor", email="maya@example.com")
        first = notebook_01.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst", "2026-09-14T10:00",
                                          "2026-09-14T11:00", "America/New_York",
                                          people=[{"name": "Ana Lima"}, {"name": "Bo Chen"}])
        builder = builder_for(notebook_02)
        c = builder.controls
        ana, bo = list(c["people"])
        c["people"][ana]["body"].value = "Dear Ana, half written"
        c["people"][bo]["detail"].value = "dbt tests"
        c["tabs"].selected_index = 1

        later = notebook_01.add_interview("Maya Okafor", "Cascade Robotics Inc.", "Analyst", "2026-09-15T09:00",
                                          "2026-09-15T10:00", "America/New_York", people=[{"name": "Chidi Eze"}])
        notebook_01.add_candidate("Lucía Gómez")
        chidi_at_first = notebook_01.add_interviewer(first, "Chidi Okoro")
        assert [i for _, i in c["interview"].options] == [first]  # not read yet

        c["refresh"].click()

        assert [i for _, i in c["interview"].options] == [later, first]
        assert "Lucía Gómez" in c["candidate"].options
        assert (c["candidate"].value, c["interview"].value) == ("Maya Okafor", first)  # the choice stays
        assert list(c["people"]) == [ana, bo, chidi_at_first]  # a tab for the one added
        assert c["people"][ana]["body"].value == "Dear Ana, half written"  # what is typed stays
        assert c["people"][bo]["detail"].value == "dbt tests" and c["tabs"].selected_index == 1
        assert c["tabs"].titles == ("○ Ana Lima", "○ Bo Chen", "○ Chidi Okoro")

        # A note sent from notebook 03 meanwhile: choosing a tab notices it.
        notebook_01.send_note(bo, body="Dear Bo, thank you.", at="2026-09-14T15:00")
        c["tabs"].selected_index = 0
        assert c["tabs"].titles[1] == "✓ Bo Chen" and c["people"][bo]["mark_sent"].disabled
        assert c["people"][ana]["body"].value == "Dear Ana, half written"
        revision = notebook_02.revision()
        c["refresh"].click()
        assert notebook_02.revision() == revision  # reading writes nothing

        # After a save of its own, another notebook's write is still noticed.
        c["people"][ana]["save"].click()
        c["people"][ana]["body"].value = "Dear Ana, still being written"
        notebook_01.change_interviewer(chidi_at_first, email="chidi@northwind.example")
        c["tabs"].selected_index = 2  # but another notebook's write is read
        assert "chidi@northwind.example" in c["people"][chidi_at_first]["heading"].value
        assert c["people"][ana]["body"].value == "Dear Ana, still being written"


def test_mark_as_sent_without_a_time_uses_now(one_interview):
    log, _, (ana, bo) = one_interview
    builder = builder_for(log)

    builder.controls["people"][bo]["mark_sent"].click()

    assert log.notes()["sent_at"].tolist() == [pd.Timestamp(NEXT_MORNING)]
    assert "Not thanked yet: Ana Lima" in builder.controls["without_note"].value
    builder.controls["people"][ana]["mark_sent"].click()
    assert "Every person you met has been sent a note" in builder.controls["without_note"].value


@pytest.mark.parametrize("typed, reason", [
    ("yesterday", "'yesterday' is not a time of day (like 20:30 or 8:30 pm)"),
    ("8:30 pn", "'8:30 pn' is not a time of day (like 20:30 or 8:30 pm)"),
    ("2026-09-14 10:30", "before the interview ended"),
    ("2026-09-16 10:00", "in the future"),
    ("2026-03-08 02:30", "does not exist"),
])
@pytest.mark.parametrize("draft_saved", [False, True])
def test_a_refused_sent_time_is_shown_and_changes_nothing(one_interview, typed, reason, draft_saved):
    log, _, (ana, _) = one_interview
    builder = builder_for(log)
    tab = builder.controls["people"][ana]
    if draft_saved:
        tab["save"].click()
    fill(tab, **FULL_NOTE)
    before = snapshot(log)

    tab["sent_time"].value = typed
    tab["mark_sent"].click()

    assert_same_log(before, snapshot(log))
    said = html.unescape(tab["message"].value)
    assert reason in said and "⚠" in said and "ISO 8601" not in said
    assert builder.controls["tabs"].titles[0] == ("✎ Ana Lima" if draft_saved else "○ Ana Lima")
    assert not tab["mark_sent"].disabled
    # The person can correct the time and go on.
    tab["sent_time"].value = "2026-09-14 15:30"
    tab["mark_sent"].click()
    assert log.notes()["sent_at"].tolist() == [pd.Timestamp("2026-09-14T19:30:00Z")]


def test_a_refused_send_leaves_the_saved_draft_as_it_was(one_interview):
    """The text and the sent time are one write: a subject the log refuses keeps the draft's
    old text in the log, not the new text without a sent time."""
    log, _, (ana, _) = one_interview
    builder = builder_for(log)
    tab = builder.controls["people"][ana]
    fill(tab, **FULL_NOTE)
    tab["save"].click()
    before = snapshot(log)

    tab["body"].value = "Dear Ana, a new text."
    tab["subject"].value = "Thanks\nBcc: everyone@example.com"
    tab["mark_sent"].click()

    assert_same_log(before, snapshot(log))
    assert "line break" in tab["message"].value and "⚠" in tab["message"].value
    assert builder.controls["tabs"].titles[0] == "✎ Ana Lima" and not tab["mark_sent"].disabled
    tab["subject"].value = "Thanks"
    tab["mark_sent"].click()
    [note] = log.notes().itertuples()
    assert (note.body, note.subject, note.sent_at) == ("Dear Ana, a new text.", "Thanks", pd.Timestamp(NEXT_MORNING))


def test_a_note_already_sent_is_not_marked_again(one_interview):
    log, _, (ana, _) = one_interview
    log.add_note(ana, body="Dear Ana, thank you.", sent_at="2026-09-14T16:00:00+00:00")
    builder = builder_for(log)
    before = snapshot(log)

    builder.mark_sent(ana)

    assert_same_log(before, snapshot(log))
    assert "already marked sent" in builder.controls["people"][ana]["message"].value


def test_a_subject_the_log_refuses_is_shown_not_raised(one_interview):
    log, _, (ana, _) = one_interview
    builder = builder_for(log)
    tab = builder.controls["people"][ana]
    before = snapshot(log)

    tab["subject"].value = "Thanks\nBcc: everyone@example.com"
    tab["save"].click()

    assert_same_log(before, snapshot(log))
    assert "line break" in tab["message"].value


# -- handing the note to a mail program -----------------------------------------------------

def test_download_eml_writes_the_note_into_the_downloads_folder(one_interview, tmp_path):
    log, _, (ana, bo) = one_interview
    folder = tmp_path / "downloads"
    builder = builder_for(log, downloads=folder)
    tab = builder.controls["people"][ana]
    fill(tab, **FULL_NOTE)

    tab["download"].click()

    [path] = folder.iterdir()
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["To"] == "Ana Lima <ana@northwind.example>"
    assert message["Subject"] == tab["subject"].value
    assert message.get_content().replace("\r\n", "\n").strip() == tab["body"].value.strip()
    assert str(path) in tab["message"].value

    builder.controls["people"][bo]["download"].click()  # Bo has no email address logged
    assert len(list(folder.iterdir())) == 1
    assert "Bo Chen&#x27;s email address is missing" in builder.controls["people"][bo]["message"].value


def test_the_mail_link_follows_the_note(one_interview):
    log, _, (ana, bo) = one_interview
    builder = builder_for(log)
    tab = builder.controls["people"][ana]

    tab["subject"].value = 'Thanks & "more" <soon>'
    tab["body"].value = "Dear Ana,\n<b>bold</b> & \"quoted\""

    [href] = hrefs(tab["mail_link"].value)
    assert href == mailto_link(log, ana, tab["body"].value, tab["subject"].value)
    assert href.startswith("mailto:ana%40northwind.example?subject=Thanks%20%26%20")
    assert "<b>" not in tab["mail_link"].value and '"quoted' not in tab["mail_link"].value
    assert "&amp;body=Dear%20Ana" in tab["mail_link"].value  # the attribute is escaped too

    assert hrefs(builder.controls["people"][bo]["mail_link"].value) == []
    assert "Bo Chen&#x27;s email address is missing" in builder.controls["people"][bo]["mail_link"].value

    tab["channel"].value = "handwritten"
    assert hrefs(tab["mail_link"].value) == [] and tab["download"].disabled
    assert {c.name: c.passed for c in builder.people[ana].checks}["subject"]


# -- escaping -------------------------------------------------------------------------------

def test_everything_from_the_log_or_typed_is_escaped(log, tmp_path):
    log.add_candidate("Maya Okafor", email="maya@example.com", phone="+1 555 0100", skills=[HOSTILE, "SQL"])
    interview = log.add_interview("Maya Okafor", HOSTILE, f"Analyst {HOSTILE}", "2026-09-14T10:00",
                                  "2026-09-14T11:00", "America/New_York", stage=HOSTILE)
    person = log.add_interviewer(interview, HOSTILE, title=HOSTILE, email="ana@northwind.example",
                                 talking_points=HOSTILE)
    quiet = log.add_interviewer(interview, f"Bo {HOSTILE}", talking_points="dbt tests")
    log.add_note(quiet, body=f"Dear Bo,\n{HOSTILE}", subject=HOSTILE)
    builder = builder_for(log, downloads=tmp_path)
    tab = builder.controls["people"][person]

    fill(tab, detail=HOSTILE, goals=HOSTILE, next_steps=HOSTILE)
    tab["sent_time"].value = HOSTILE
    tab["mark_sent"].click()                                       # an error that quotes what was typed
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in tab["message"].value
    assert "<img" not in tab["message"].value
    tab["download"].click()                                        # a path
    builder.controls["people"][quiet]["download"].click()          # an error: no email address

    values = html_values(builder)
    assert len(values) == 2 + 2 * 7  # above the tabs, and seven in each tab
    for value in values:
        assert "<img" not in value, value
    shown = "\n".join(values)
    for where in ("heading", "preview", "checklist"):
        assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in tab[where].value, where
    assert "&lt;img" in builder.controls["without_note"].value
    assert "&lt;img" in builder.controls["people"][quiet]["preview"].value
    assert shown.count("&lt;img") > 10
    # Plain-text places show the characters as they are.
    assert builder.controls["tabs"].titles == (f"○ {HOSTILE}", f"✎ Bo {HOSTILE}")
    assert HOSTILE in builder.controls["interview"].label


def test_an_unknown_interview_is_a_message_not_a_traceback(one_interview):
    log, interview, _ = one_interview
    builder = builder_for(log, interview_id=999)
    assert "The log holds no interview 999" in builder.controls["message"].value
    assert builder.controls["interview"].value == interview


# -- choosing candidate and interview -------------------------------------------------------

def test_choosing_another_interview_rebuilds_the_tabs(one_interview):
    log, first, (ana, _) = one_interview
    second = log.add_interview("Maya Okafor", "Contoso", "Analyst", "2026-09-16T09:00", "2026-09-16T10:00",
                               "Europe/Berlin", stage="final")
    cy = log.add_interviewer(second, "Cy Diaz", email="cy@contoso.example", talking_points="forecasting")
    builder = builder_for(log, interview_id=first)
    assert [label for label, _ in builder.controls["interview"].options] == [
        "Wed 16 Sep 2026 · Contoso — Analyst (final)",
        "Mon 14 Sep 2026 · Northwind Analytics — Data analyst (hiring manager)"]

    builder.controls["interview"].value = second

    assert list(builder.controls["people"]) == [cy]
    assert builder.controls["tabs"].titles == ("○ Cy Diaz",)
    assert "Not thanked yet: Cy Diaz" in builder.controls["without_note"].value
    assert "Contoso" in builder.controls["people"][cy]["body"].value
    builder.controls["people"][cy]["save"].click()
    assert log.notes()["interviewer_id"].tolist() == [cy]

    builder.controls["interview"].value = first
    assert builder.controls["tabs"].titles == ("○ Ana Lima", "○ Bo Chen")
    assert ana in builder.controls["people"]


def test_choosing_another_candidate_lists_their_interviews(one_interview):
    log, first, _ = one_interview
    log.add_candidate("Leo Park")
    builder = builder_for(log)
    assert builder.controls["candidate"].options == ("Maya Okafor", "Leo Park")

    builder.controls["candidate"].value = "Leo Park"
    assert builder.controls["interview"].options == ()
    assert builder.controls["tabs"].children == ()
    assert "No interviews for Leo Park in the log yet" in builder.controls["without_note"].value

    builder.controls["candidate"].value = "Maya Okafor"
    assert builder.controls["interview"].value == first
    assert len(builder.controls["tabs"].children) == 2


def test_the_sample_opens_on_the_latest_interview(sample_log):
    builder = NoteBuilder(sample_log, now=SAMPLE_NOW, display=False)
    interviews = sample_log.interviews()
    latest = interviews.sort_values("starts_at").iloc[-1]
    assert builder.controls["candidate"].value == latest["candidate"]
    assert builder.controls["interview"].value == latest["interview_id"]
    met = sample_log.interviewers()
    assert list(builder.people) == met.loc[met["interview_id"] == latest["interview_id"], "interviewer_id"].tolist()


def test_an_empty_log_shows_a_friendly_line(log):
    builder = builder_for(log)
    assert "No interviews in the log yet: log one first" in builder.controls["without_note"].value
    assert builder.controls["tabs"].children == ()
    assert builder.people == {}


def test_it_is_displayed_by_default(one_interview, monkeypatch):
    shown = capture_display(monkeypatch)
    builder = NoteBuilder(one_interview[0], now=NEXT_MORNING)
    assert shown == [displayed(builder.widget, "Note builder")]
