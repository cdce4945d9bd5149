"""Notes in a real browser, as a person writes and sends them: JupyterLab in Chromium.

- A note written the day after the interview thanks the person for "yesterday", never
  "today", in the body and the subject (issue 13, point 1).
- "Sent at" in the tracker is a date picker and a time of day typed as people type one
  ("8:30 pm"), on the interview's clock; a time that is none is said in the widget and saves
  nothing (point 9).
- The note builder, open in notebook 02, finds an interview logged meanwhile in notebook 01
  when "Refresh" is pressed, and keeps the note being written (point 11).
- Buttons and hints are never cut off beside a long message (point 14).

The server, its log and its clock (WORKBOOK_NOW, the sample's instant 2026-11-20T17:00:00+00:00)
are shared with the other browser tests: every name logged here is this file's own.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import workbook
from workbook.instants import resolve_now
from workbook.sample import SAMPLE_NOW

from .conftest import PageProblems
from .test_notebooks_in_browser import Notebook, choose_option, expect, row_counts

pytestmark = pytest.mark.browser

#: The day before the server's now (17:00 UTC on Fri 20 Nov 2026), where the interviews below were.
YESTERDAY = "2026-11-19"

# Whether an element's text (a button's label, an input's placeholder) fits inside it, or is cut.
_TEXT_FITS = """element => {
    const style = getComputedStyle(element);
    const text = element.placeholder || element.textContent.trim();
    const canvas = document.createElement('canvas').getContext('2d');
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const icon = element.querySelector('i');
    const iconWidth = icon ? icon.getBoundingClientRect().width + 4 : 0;
    return canvas.measureText(text).width + iconWidth <= room + 1;
}"""


@pytest.fixture
def notebook(page, lab_server, screenshots):
    """Open a notebook of the server's copy in this test's page: ``notebook("02-…")``."""
    return lambda name, in_page=None: Notebook(in_page or page, lab_server, screenshots, name).open()


def widget_with(nb: Notebook, button: str):
    """The widget of a notebook that has the button ``button`` (notebook 01 shows more than one)."""
    found = nb.page.locator(".jp-Notebook .jp-OutputArea-output").filter(
        has=nb.page.get_by_role("button", name=button))  # the name holds the icon's glyph too
    expect(found).to_have_count(1)
    return found


def visible_tab(builder):
    panel = builder.locator(".widget-tab-contents > .widget-box").filter(visible=True)
    expect(panel).to_have_count(1)
    return panel


def log_interview_in_the_form(form, candidate: str, company: str, day: str, start: str, end: str, zone: str,
                              person: str, new_candidate: bool = True) -> int:
    """Fill and save notebook 01's form as a person does; the id of the interview saved."""
    form.get_by_label("Candidate", exact=True).fill(candidate)
    if new_candidate:
        expect(form).to_contain_text(f"New candidate: {candidate} is added to the log with this interview.")
    form.get_by_label("Company", exact=True).fill(company)
    form.get_by_label("Role", exact=True).fill("Data analyst")
    form.get_by_label("Date", exact=True).fill(day)
    form.get_by_label("Start time", exact=True).fill(start)
    form.get_by_label("End time", exact=True).fill(end)
    form.get_by_label("Time zone", exact=True).fill(zone)
    form.get_by_label("Name", exact=True).first.fill(person)
    form.get_by_role("button", name="Save interview").click()
    message = form.get_by_text(re.compile(r"^(Added candidate|Saved interview|⚠ Nothing was saved)"))
    expect(message).to_be_visible()
    said = message.inner_text()
    assert "Saved interview" in said, said
    return int(re.search(r"Saved interview (\d+)", said)[1])


# -- point 1: the note written the next day says "yesterday" -------------------------------

def test_a_note_written_the_day_after_says_yesterday_in_body_and_subject(notebook, lab_server):
    candidate, company, person = "Ilse Vandermeer", "Quillfeather Analytics", "Oskar Lindqvist"
    # 01: yesterday afternoon in Berlin (14:00-15:00 on Thu 19 Nov); now it is 18:00 there on Fri 20 Nov.
    nb = notebook("01-log-an-interview").run_all()
    interview_id = log_interview_in_the_form(widget_with(nb, "Save interview"), candidate, company, YESTERDAY, "14:00", "15:00",
                                             "Europe/Berlin", person)
    nb.assert_no_page_errors()

    # 02: choose the person: the note the builder writes says "yesterday", never "today".
    nb = notebook("02-write-thank-you-notes").run_all()
    builder = widget_with(nb, "Refresh")
    builder.get_by_label("Candidate", exact=True).select_option(label=candidate)
    choose_option(builder.get_by_label("Interview", exact=True), f"Thu 19 Nov 2026 · {company}")
    expect(builder.get_by_role("tab")).to_have_text([f"○ {person}"])
    panel = visible_tab(builder)
    body = panel.get_by_label("Body", exact=True)
    subject = panel.get_by_label("Subject", exact=True)
    expect(body).to_have_value(re.compile(r"Thank you so much for your time yesterday and for the chance"))
    assert "today" not in body.input_value()
    # The formal tone says the day in the subject too.
    panel.get_by_role("button", name="formal").click()
    expect(subject).to_have_value("Thank you for yesterday's Data analyst interview")
    expect(body).to_have_value(re.compile(r"Thank you for taking the time to meet with me yesterday and"))
    assert "today" not in body.input_value() and "today" not in subject.input_value()
    expect(panel).to_contain_text("Thank you for taking the time to meet with me yesterday")  # the preview

    # Point 14: beside the refusal of a person without an email address, "Download .eml" is whole.
    expect(panel).to_contain_text("email address is missing")
    download = panel.get_by_role("button", name="Download .eml")
    assert download.evaluate(_TEXT_FITS), "the label of “Download .eml” is cut off"
    assert panel.get_by_role("button", name="Mark as sent").evaluate(_TEXT_FITS)
    nb.snap("yesterday")
    nb.assert_no_page_errors()
    with workbook.open_log(lab_server.log_path) as log:
        assert log.interviews().set_index("interview_id").at[interview_id, "company"] == company


# -- point 9: "Sent at" as a date and a time of day ----------------------------------------

def test_the_tracker_marks_a_note_sent_at_a_date_and_8_30_pm(notebook, lab_server):
    candidate, company, person = "Tamsin Achterberg", "Gullwing Freight", "Ravi Subramanian"
    with workbook.open_log(lab_server.log_path) as log:  # logged beforehand, in notebook 01 say
        log.add_candidate(candidate)
        log.add_interview(candidate, company, "Data analyst", f"{YESTERDAY}T09:00", f"{YESTERDAY}T10:00",
                          "America/New_York", people=[{"name": person, "email": "ravi@gullwing.example"}])

    nb = notebook("03-sent-notes-and-outcomes").run_all()
    tracker = widget_with(nb, "Mark note sent")
    tracker.get_by_label("Candidate", exact=True).select_option(label=candidate)
    expect(tracker).to_contain_text("1 person still to thank: 1 overdue, 0 not due yet.")  # their list, no one else's
    choose_option(tracker.get_by_label("Person", exact=True), f"{person} — {company} ({candidate})")
    expect(tracker.get_by_label("Person", exact=True)).to_have_value(re.compile(person))
    sent_on = tracker.get_by_label("Sent at", exact=True)
    time_of_day = tracker.locator(".widget-hbox").filter(
        has=nb.page.get_by_role("button", name="Mark note sent")).get_by_placeholder("now, or 8:30 pm")
    expect(sent_on).to_have_value("2026-11-20")  # today in New York: now, by default
    expect(tracker).to_contain_text("America/New_York time")  # the zone, beside the fields
    assert time_of_day.evaluate(_TEXT_FITS), "the hint of the time field is cut off"
    for button in ("Mark note sent", "Refresh"):
        assert tracker.get_by_role("button", name=button).evaluate(_TEXT_FITS), button

    # A time of day that is none: said in the widget, for people; nothing saved.
    before = row_counts(lab_server.log_path)
    sent_on.fill(YESTERDAY)
    time_of_day.fill("8:30 pn")
    tracker.get_by_role("button", name="Mark note sent").click()
    expect(tracker.get_by_text("⚠ Not marked sent: '8:30 pn' is not a time of day (like 20:30 or 8:30 pm).")
           ).to_be_visible()
    expect(tracker).not_to_contain_text("ISO 8601")
    assert row_counts(lab_server.log_path) == before
    nb.snap("bad-time")

    # Corrected: 8:30 pm yesterday in New York, which is 01:30 UTC today.
    time_of_day.fill("8:30 pm")
    tracker.get_by_role("button", name="Mark note sent").click()
    expect(tracker).to_contain_text(f"Marked the email note to {person} sent")
    expect(tracker).to_contain_text("20:30 America/New_York")
    # The note is named by the person it went to, never by the log's id (issue 13, point 7).
    expect(tracker).to_contain_text("(no draft was in the log: recorded without its text)")
    expect(tracker).not_to_contain_text(re.compile(r"note \d"))
    nb.snap("sent-at-8-30-pm")
    nb.assert_no_page_errors()
    with workbook.open_log(lab_server.log_path) as log:
        people = log.interviewers()
        [interviewer_id] = people.loc[people["name"] == person, "interviewer_id"]
        notes = log.notes()
        sent = notes.loc[notes["interviewer_id"] == interviewer_id, "sent_at"].tolist()
    assert sent == [pd.Timestamp("2026-11-20T01:30:00Z")]
    assert sent[0] < resolve_now(SAMPLE_NOW)


# -- point 11: notebook 02 finds what notebook 01 logged meanwhile ---------------------------

def test_refresh_in_02_finds_an_interview_logged_in_01_meanwhile(notebook, page, lab_server):
    candidate, person = "Wendeline Osei-Bonsu", "Halvard Brekke"
    with workbook.open_log(lab_server.log_path) as log:  # an earlier interview of theirs
        log.add_candidate(candidate)
        log.add_interview(candidate, "Larkspur Mobility", "Data analyst", f"{YESTERDAY}T09:00",
                          f"{YESTERDAY}T10:00", "America/New_York", people=[{"name": person}])

    # 02 open on their earlier interview, a note being written.
    nb02 = notebook("02-write-thank-you-notes").run_all()
    builder = widget_with(nb02, "Refresh")
    builder.get_by_label("Candidate", exact=True).select_option(label=candidate)
    choose_option(builder.get_by_label("Interview", exact=True), "Larkspur Mobility")
    expect(builder.get_by_role("tab")).to_have_text([f"○ {person}"])
    typed = "the fleet telemetry dashboards"
    visible_tab(builder).get_by_label("Detail", exact=True).fill(typed)
    expect(visible_tab(builder).get_by_label("Body", exact=True)).to_have_value(re.compile(typed))
    expect(builder.get_by_label("Interview", exact=True).locator("option")).to_have_count(1)

    # 01, in another browser tab: an interview logged a minute ago.
    other = page.context.new_page()
    other.problems = PageProblems(other)
    nb01 = notebook("01-log-an-interview", in_page=other).run_all()
    interview_id = log_interview_in_the_form(widget_with(nb01, "Save interview"), candidate, "Stonechat Energy", "2026-11-20", "09:00",
                                             "10:00", "America/New_York", "Mirela Kovač", new_candidate=False)
    nb01.assert_no_page_errors()

    # Back in 02: "Refresh" lists it; the candidate, the interview and the note typed stay.
    page.bring_to_front()
    builder.get_by_role("button", name="Refresh").click()
    interviews = builder.get_by_label("Interview", exact=True)
    expect(interviews.locator("option")).to_have_count(2)
    expect(interviews.locator("option").first).to_contain_text("Fri 20 Nov 2026 · Stonechat Energy")
    expect(interviews.locator("option:checked")).to_contain_text("Larkspur Mobility")
    expect(visible_tab(builder).get_by_label("Detail", exact=True)).to_have_value(typed)
    expect(visible_tab(builder).get_by_label("Body", exact=True)).to_have_value(re.compile(typed))
    # And it is there to write to: its person met has a tab.
    choose_option(interviews, "Stonechat Energy")
    expect(builder.get_by_role("tab")).to_have_text(["○ Mirela Kovač"])
    nb02.snap("after-refresh")
    nb02.assert_no_page_errors()
    with workbook.open_log(lab_server.log_path) as log:
        assert log.interviews().set_index("interview_id").at[interview_id, "candidate"] == candidate
