"""The notebooks in a real browser, used as a person uses them: JupyterLab in Chromium.

Every notebook runs from the Run menu's "Run All Cells" without an error and shows its widgets;
the coaching flow goes through the widgets only (typing, choosing, clicking) from logging an
interview to the habits dashboard, and the log on disk holds exactly what was done; a bad
entry in the interview form is shown and saves nothing; text typed by people is shown as
text, never run as HTML.

Fixtures (the server, the browser, a page) are in conftest.py; the server runs on a copy of the
notebooks and a fresh copy of the sample log, at the sample's instant
(2026-11-20T17:00:00+00:00). Each test logs its own candidate, so the tests do not depend on
one another's order.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import workbook
from workbook.sample import SAMPLE_NOW
from workbook.instants import resolve_now

from .lab import NOTEBOOKS, cell_problems, open_notebook, run_all, safe_name, snap_notebook, widget_outputs

pytestmark = pytest.mark.browser

TABLES = ("candidates", "interviews", "interviewers", "notes", "outcomes")
#: Pending at the sample's instant (17:00 UTC): it ended at 10:00 in New York (15:00 UTC).
DAY, START, END, ZONE = "2026-11-20", "09:00", "10:00", "America/New_York"
HOSTILE = '<img src=x onerror="window.__pwned=1">'


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


class Notebook:
    """One notebook of the server's copy, open in a page."""

    def __init__(self, page, server, screenshots, name: str):
        self.page, self.server, self.screenshots, self.name = page, server, screenshots, name

    def open(self) -> "Notebook":
        open_notebook(self.page, self.server, self.name)
        return self

    def run_all(self) -> "Notebook":
        """Run All Cells, then check what a person would see go wrong: a cell without an
        execution count, an error or anything on stderr, a widget not shown, a page error."""
        counts = run_all(self.page)
        assert cell_problems(self.page) == [], f"{self.name}: cells failed"
        assert all(isinstance(count, int) for count in counts), f"{self.name}: cells not run: {counts}"
        cells = self.page.locator(".jp-Notebook .jp-CodeCell")
        expect(cells).to_have_count(len(counts))
        for index in range(len(counts)):  # the prompts a person reads: [1]:, [2]:, ...
            expect(cells.nth(index).locator(".jp-InputPrompt")).to_have_text(re.compile(r"^\[\d+\]:$"))
        stderr = self.page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        expect(stderr).to_have_count(0)
        # Every widget view in the outputs is drawn (its box is there), none failed.
        expect(self.widgets).to_have_count(widget_outputs(self.page))
        expect(self.page.get_by_text("Error displaying widget")).to_have_count(0)
        self.assert_no_page_errors()
        return self

    @property
    def widgets(self):
        """The top widget of each widget output (each of ours is a box)."""
        return self.page.locator(".jp-Notebook .jp-OutputArea-output > .widget-box")

    def widget(self, index: int = 0):
        return self.widgets.nth(index)

    def widget_labelled(self, label: str):
        """The top widget holding a control labelled ``label`` ("Open a logged interview": the
        interview form)."""
        return self.widgets.filter(has=self.page.get_by_label(label, exact=True)).first

    def assert_no_page_errors(self) -> None:
        assert self.page.problems.page_errors == [], f"{self.name}: uncaught errors in the page\n{self.page.problems}"

    def snap(self, label: str = "") -> None:
        name = safe_name(f"{self.name}{'-' + label if label else ''}") + ".png"
        snap_notebook(self.page, self.screenshots / name)


@pytest.fixture
def notebook(page, lab_server, screenshots):
    """Open a notebook of the server's copy in this test's page: ``notebook("02-…")``."""
    return lambda name: Notebook(page, lab_server, screenshots, name).open()


def row_counts(path) -> dict[str, int]:
    with workbook.open_log(path) as log:
        return {name: len(getattr(log, name)()) for name in TABLES}


def checklist_passed(panel) -> int:
    """How many checks of the checklist in a note's tab pass ("Checklist: 7 of 11")."""
    text = panel.get_by_text(re.compile(r"^Checklist: \d+ of \d+$")).inner_text()
    return int(re.match(r"Checklist: (\d+) of", text)[1])


def expect_checklist_above(panel, passed: int) -> None:
    """Wait until more checks pass than ``passed``."""
    more = "|".join(str(n) for n in range(passed + 1, 100))
    expect(panel.get_by_text(re.compile(r"^Checklist: \d+ of \d+$"))).to_have_text(
        re.compile(rf"^Checklist: ({more}) of \d+$"))


def choose_option(select, containing: str) -> None:
    """Choose the option of a dropdown whose text contains ``containing``, as a person picks it."""
    option = select.locator("option", has_text=containing)
    expect(option).to_have_count(1)
    select.select_option(value=option.get_attribute("value"))


def html_table(table) -> list[dict[str, str]]:
    """The rows of an HTML table (pandas ``to_html``) as dicts by column heading; the index,
    if any, under its name."""
    return table.evaluate("""table => {
        const heads = Array.from(table.querySelectorAll('thead tr')).map(
            row => Array.from(row.children).map(cell => cell.textContent.trim()));
        const names = heads[0].map((head, i) => head || (heads[1] && heads[1][i]) || '');
        return Array.from(table.querySelectorAll('tbody tr')).map(row => Object.fromEntries(
            Array.from(row.children).map((cell, i) => [names[i], cell.textContent.trim()])));
    }""")


def fill_interview(form, candidate: str, company: str, role: str, people: list[dict],
                   start: str = START, end: str = END, zone: str = ZONE) -> None:
    """Fill the interview form as a person does, one field after the other."""
    form.get_by_label("Candidate", exact=True).fill(candidate)
    expect(form).to_contain_text(f"New candidate: {candidate} is added to the log with this interview.")
    form.get_by_label("Company", exact=True).fill(company)
    form.get_by_label("Role", exact=True).fill(role)
    form.get_by_label("Stage", exact=True).fill("hiring manager")
    form.get_by_label("Date", exact=True).fill(DAY)
    form.get_by_label("Start time", exact=True).fill(start)
    form.get_by_label("End time", exact=True).fill(end)
    form.get_by_label("Time zone", exact=True).fill(zone)
    for index, person in enumerate(people):
        if index:
            form.get_by_role("button", name="Add person").click()
        expect(form.get_by_label("Name", exact=True)).to_have_count(index + 1)
        expect(form.get_by_text(f"Person {index + 1}", exact=True)).to_be_visible()
        for label, value in person.items():
            form.get_by_label(label, exact=True).nth(index).fill(value)


def beside(page, form, label: str):
    """The message shown next to a field of the interview form."""
    row = form.locator(".widget-hbox").filter(has=page.get_by_label(label, exact=True))
    return row.locator(".widget-html-content")


# -- every notebook -----------------------------------------------------------------------

@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_notebook_runs_and_shows_its_widgets(notebook, name):
    nb = notebook(name).run_all()
    nb.snap()
    if name not in ("00-start-here", "05-coach-cohort-review"):  # the others are built around a widget
        expect(nb.widgets).not_to_have_count(0)
    nb.assert_no_page_errors()


# -- the coaching flow, through the widgets only ------------------------------------------

def test_coaching_flow_from_interview_to_habits(notebook, lab_server):
    candidate, company, role = "Jordan Flowers", "Brightwater Labs", "Data analyst"
    people = [
        {"Name": "Ana Lima", "Title": "Analytics lead", "Email": "ana@brightwater.example",
         "What we talked about": "rebuilding the churn dashboard"},
        {"Name": "Bo Chen", "Title": "Data engineer", "Email": "bo@brightwater.example",
         "What we talked about": "testing dbt models in CI"},
    ]
    parts = {
        "Ana Lima": {"Skills": "SQL and dashboard design", "Goals": "the customer health score",
                     "Next steps": "I will send my dashboard portfolio by Friday"},
        "Bo Chen": {"Skills": "Python and data testing", "Goals": "the move to streaming pipelines",
                    "Next steps": "I look forward to the technical round next week"},
    }

    # 01: log the interview and the two people met.
    nb = notebook("01-log-an-interview").run_all()
    form = nb.widget_labelled("Open a logged interview")
    fill_interview(form, candidate, company, role, people)
    form.get_by_role("button", name="Save interview").click()
    message = form.get_by_text(re.compile(r"^(Added candidate|Saved interview|⚠ Nothing was saved)"))
    expect(message).to_be_visible()
    said = message.inner_text()
    assert said.startswith(f"Added candidate {candidate}. Saved interview "), said
    assert "2 people met" in said
    interview_id = int(re.search(r"Saved interview (\d+)", said)[1])
    nb.snap("after-save")
    nb.assert_no_page_errors()

    # 02: a note to each, the checklist filling up as the parts are typed; saved as drafts.
    nb = notebook("02-write-thank-you-notes").run_all()
    builder = nb.widget()
    builder.get_by_label("Candidate", exact=True).select_option(label=candidate)
    choose_option(builder.get_by_label("Interview", exact=True),
                  f"Fri 20 Nov 2026 · {company} — {role} (hiring manager)")  # DAY, as the lists say a date
    tabs = builder.get_by_role("tab")
    expect(tabs).to_have_text(["○ Ana Lima", "○ Bo Chen"])
    expect(builder).to_contain_text("Not thanked yet: Ana Lima, Bo Chen")
    for name, typed in parts.items():
        builder.get_by_role("tab", name=f"○ {name}").click()
        panel = builder.locator(".widget-tab-contents > .widget-box").filter(visible=True)
        expect(panel).to_have_count(1)
        expect(panel).to_contain_text(f"{name} (")  # the heading: whom this note is to
        first = checklist_passed(panel)
        for label, value in typed.items():
            before = checklist_passed(panel)
            panel.get_by_label(label, exact=True).fill(value)
            expect(panel.get_by_label("Body", exact=True)).to_have_value(re.compile(re.escape(value)))
            if label in ("Skills", "Goals"):  # each of these passes a check more: one more ✓
                expect_checklist_above(panel, before)
            assert checklist_passed(panel) >= before, f"{label}: the checklist lost a ✓"
        assert checklist_passed(panel) >= first + 2
        panel.get_by_role("button", name="Save draft").click()
        expect(panel).to_contain_text(re.compile(r"Draft saved: your note to [^.]+\."))
        expect(builder.get_by_role("tab", name=f"✎ {name}")).to_be_visible()
    nb.snap("after-drafts")
    nb.assert_no_page_errors()

    # 03: the note to Ana went out (now: the sample's instant).
    nb = notebook("03-sent-notes-and-outcomes").run_all()
    tracker = nb.widget()
    tracker.get_by_label("Candidate", exact=True).select_option(label=candidate)
    expect(tracker).to_contain_text("2 people still to thank: 0 overdue, 2 not due yet.")
    choose_option(tracker.get_by_label("Person", exact=True), f"Ana Lima — {company} ({candidate})")
    expect(tracker).to_contain_text(re.compile(r"marks your latest draft to [^,]+, “[^”]+”, as sent"))
    tracker.get_by_role("button", name="Mark note sent").click()
    expect(tracker).to_contain_text("Marked the email note to Ana Lima sent")
    expect(tracker).to_contain_text("1 person still to thank: 0 overdue, 1 not due yet.")
    still = html_table(tracker.locator("table"))
    assert [(row["Person"], row["Status"]) for row in still] == [("Bo Chen", "not sent yet, not due")]
    nb.snap("after-sent")
    nb.assert_no_page_errors()

    # 04: the dashboard, for this candidate: two people met, one thanked, one not due yet.
    nb = notebook("04-my-follow-up-habits").run_all()
    dashboard = nb.widget_labelled("Candidates")  # the report's list above it is "Candidate"
    dashboard.get_by_label("Candidates", exact=True).select_option(label=[candidate])
    table = dashboard.locator("table")
    expect(table.locator("tbody th")).to_have_text([candidate, "All candidates"])
    rows = {row["Candidate"]: row for row in html_table(table)}
    mine = rows[candidate]
    assert (mine["Interviews"], mine["People met"], mine["Thanked"], mine["Not due yet"], mine["Never thanked"]) == (
        "1", "2", "1", "1", "0"), mine
    nb.snap("dashboard")
    nb.assert_no_page_errors()

    # And the log on disk holds exactly that.
    with workbook.open_log(lab_server.log_path) as log:
        interviews = log.interviews()
        interviews = interviews[interviews["candidate"] == candidate]
        assert list(interviews["interview_id"]) == [interview_id]
        row = interviews.iloc[0]
        assert (row["company"], row["role"], row["timezone"]) == (company, role, ZONE)
        assert row["starts_at"] == resolve_now("2026-11-20T14:00:00+00:00")
        assert row["ends_at"] == resolve_now("2026-11-20T15:00:00+00:00")
        met = log.interviewers()
        met = met[met["interview_id"] == interview_id].set_index("name")
        assert sorted(met.index) == ["Ana Lima", "Bo Chen"]
        assert met.loc["Bo Chen", "talking_points"] == "testing dbt models in CI"
        notes = log.notes()
        notes = notes[notes["interviewer_id"].isin(met["interviewer_id"])]
        by_person = notes.set_index(notes["interviewer_id"].map(dict(zip(met["interviewer_id"], met.index))))
        assert sorted(by_person.index) == ["Ana Lima", "Bo Chen"]
        assert by_person.loc["Ana Lima", "sent_at"] == resolve_now(SAMPLE_NOW)
        assert pd.isna(by_person.loc["Bo Chen", "sent_at"])
        for name, typed in parts.items():
            assert typed["Goals"] in by_person.loc[name, "body"]


# -- a bad entry ------------------------------------------------------------------------

def test_bad_interview_entry_is_shown_and_saves_nothing(notebook, lab_server):
    nb = notebook("01-log-an-interview").run_all()
    form = nb.widget_labelled("Open a logged interview")
    before = row_counts(lab_server.log_path)

    # The end before the start: said next to "End time", and nothing saved (no new candidate either).
    fill_interview(form, "Casey Morrow", "Fernbrook Health", "Nurse educator", [{"Name": "Pat Doyle"}],
                   start="10:00", end="09:00")
    form.get_by_role("button", name="Save interview").click()
    expect(beside(nb.page, form, "End time")).to_have_text(
        "⚠ 09:00 is before the start (10:00) on the same day: if the interview ended after midnight, "
        "set the End date to the next day, Sat 21 Nov 2026")
    expect(form.get_by_text("⚠ Nothing was saved: 1 problem, shown next to the fields.")).to_be_visible()
    assert row_counts(lab_server.log_path) == before

    # Corrected, but in a time zone that does not exist: said next to "Time zone".
    form.get_by_label("End time", exact=True).fill("11:00")
    form.get_by_label("Time zone", exact=True).fill("Mars/Olympus")
    form.get_by_role("button", name="Save interview").click()
    expect(beside(nb.page, form, "Time zone")).to_have_text(
        "⚠ 'Mars/Olympus' is not an IANA time zone (like Europe/Berlin or America/New_York)")
    expect(beside(nb.page, form, "End time")).to_have_text("")
    expect(form.get_by_text("⚠ Nothing was saved: 1 problem, shown next to the fields.")).to_be_visible()
    expect(form.get_by_label("Name", exact=True)).to_have_value("Pat Doyle")  # nothing typed is lost
    assert row_counts(lab_server.log_path) == before
    nb.snap("refused")
    nb.assert_no_page_errors()


# -- text typed by people is text --------------------------------------------------------

def test_hostile_names_are_shown_as_text_everywhere(notebook, lab_server):
    candidate = 'Eve <svg onload="window.__pwned=2">'
    company = "Acme <b>Bold</b> & Co"
    typed = '<img src=x onerror="window.__pwned=4"> the roadmap'
    with workbook.open_log(lab_server.log_path) as log:  # logged beforehand, as another notebook might
        log.add_candidate(candidate)
        log.add_interview(candidate, company, "Analyst", f"{DAY}T{START}", f"{DAY}T{END}", ZONE, stage="final",
                          people=[{"name": HOSTILE, "talking_points": "<script>window.__pwned=3</script> pricing"},
                                  {"name": "Quinn Lee"}])

    def assert_harmless(page):
        assert page.evaluate("window.__pwned") is None
        expect(page.locator("img[src='x'], svg[onload], b:text-is('Bold')")).to_have_count(0)

    # 02: the tab, its heading, the line of who is waiting, the preview and the checklist.
    nb = notebook("02-write-thank-you-notes").run_all()
    builder = nb.widget()
    builder.get_by_label("Candidate", exact=True).select_option(label=candidate)
    expect(builder.get_by_role("tab")).to_have_text([f"○ {HOSTILE}", "○ Quinn Lee"])
    expect(builder).to_contain_text(f"Not thanked yet: {HOSTILE}, Quinn Lee")
    builder.get_by_role("tab", name=f"○ {HOSTILE}").click()
    panel = builder.locator(".widget-tab-contents > .widget-box").filter(visible=True)
    expect(panel).to_contain_text(f"{HOSTILE} (no email address logged)")
    panel.get_by_label("Detail", exact=True).fill(typed)
    expect(panel).to_contain_text(f"I especially enjoyed our conversation about {typed}.")
    expect(panel).to_contain_text(f"It is addressed to {HOSTILE} at {company}")
    expect(panel).to_contain_text(f"role at {company}.")
    panel.get_by_role("button", name="Save draft").click()
    expect(panel).to_contain_text(re.compile(r"Draft saved: your note to [^.]+\."))
    expect(builder.get_by_role("tab", name=f"✎ {HOSTILE}")).to_be_visible()
    assert_harmless(nb.page)
    nb.snap("hostile")

    # 03: the table above the tracker, the tracker's list, the person chosen.
    nb = notebook("03-sent-notes-and-outcomes").run_all()
    expect(nb.page.locator(".jp-RenderedHTMLCommon table").first).to_contain_text(HOSTILE)
    tracker = nb.widget()
    tracker.get_by_label("Candidate", exact=True).select_option(label=candidate)
    expect(tracker).to_contain_text("2 people still to thank: 0 overdue, 2 not due yet.")
    # The list follows the count: read it once it has shown the candidate's two rows.
    expect(tracker.locator("table tbody tr")).to_have_count(2)
    rows = html_table(tracker.locator("table"))
    assert {(row["Person"], row["Company"], row["Candidate"]) for row in rows} == {
        (HOSTILE, company, candidate), ("Quinn Lee", company, candidate)}, rows
    choose_option(tracker.get_by_label("Person", exact=True), HOSTILE)
    expect(tracker).to_contain_text(f"{HOSTILE}, met for {candidate} at {company}")
    assert_harmless(nb.page)
    nb.snap("hostile")

    # 04: the dashboard names candidates.
    nb = notebook("04-my-follow-up-habits").run_all()
    dashboard = nb.widget_labelled("Candidates")  # the report's list above it is "Candidate"
    dashboard.get_by_label("Candidates", exact=True).select_option(label=[candidate])
    expect(dashboard.locator("table tbody th")).to_have_text([candidate, "All candidates"])
    assert_harmless(nb.page)
    nb.snap("hostile")
    nb.assert_no_page_errors()
