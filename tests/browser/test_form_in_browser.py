"""The interview form of notebook 01 in a real browser, as a person uses it: an interview that
ends after midnight, a logged interview opened, corrected and saved, a time zone found by part
of its name, and nothing on the form cut off.

The server (conftest.py) runs on a copy of the notebooks and of the sample log, at the
sample's instant (2026-11-20T17:00:00+00:00); each test uses names of its own.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import workbook

from .test_notebooks_in_browser import Notebook, beside, choose_option, expect, row_counts

pytestmark = pytest.mark.browser


@pytest.fixture
def notebook(page, lab_server, screenshots):
    """Open a notebook of the server's copy in this test's page: ``notebook("01-…")``."""
    return lambda name: Notebook(page, lab_server, screenshots, name).open()

# Every placeholder and label of the form shown whole: how many were measured, and what is
# cut off, as [(what, text)].
_CUT_OFF = """form => {
    const cut = [];
    let measured = 0;
    const canvas = document.createElement('canvas').getContext('2d');
    form.querySelectorAll('input[placeholder], textarea[placeholder]').forEach(input => {
        if (!input.placeholder || input.offsetParent === null) return;
        const style = getComputedStyle(input);
        canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const lines = input.tagName === 'TEXTAREA' ? Math.max(1, input.rows) : 1;
        measured++;
        if (canvas.measureText(input.placeholder).width > room * lines) cut.push(['placeholder', input.placeholder]);
    });
    form.querySelectorAll('select:not([size]), select[size="1"]').forEach(select => {
        if (select.offsetParent === null || select.selectedIndex < 0) return;
        const style = getComputedStyle(select);
        canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const text = select.options[select.selectedIndex].text;
        measured++;
        if (canvas.measureText(text).width > room) cut.push(['choice', text]);
    });
    form.querySelectorAll('.widget-label, .widget-label-basic, button').forEach(label => {
        if (label.offsetParent !== null) measured++;
        if (label.offsetParent !== null && label.scrollWidth > label.clientWidth + 1) {
            cut.push(['label', label.textContent.trim()]);
        }
    });
    return {measured, cut};
}"""


def interview_form(nb):
    """The interview form among the notebook's widgets."""
    form = nb.widgets.filter(has=nb.page.get_by_label("Open a logged interview", exact=True))
    expect(form).to_have_count(1)
    return form


def save(form, name: str = "Save interview", then: str = r"⚠ Nothing was saved"):
    """Press the save button and return the summary line it leads to, once it starts with ``then``."""
    form.get_by_role("button", name=name).click()
    message = form.get_by_text(re.compile(f"^{then}"))
    expect(message).to_be_visible()
    return message


def test_an_interview_after_midnight_is_logged_and_dated_the_day_it_started(notebook, lab_server):
    nb = notebook("01-log-an-interview").run_all()
    form = interview_form(nb)
    shown = form.evaluate(_CUT_OFF)
    assert shown["cut"] == [] and shown["measured"] > 20, shown

    form.get_by_label("Candidate", exact=True).fill("Noor Haddad")
    expect(form).to_contain_text("New candidate: Noor Haddad is added to the log with this interview.")
    form.get_by_label("Company", exact=True).fill("Lindqvist Night Logistics")
    form.get_by_label("Role", exact=True).fill("Operations analyst")
    form.get_by_label("Date", exact=True).fill("2026-11-19")
    expect(form.get_by_label("End date", exact=True)).to_have_value("2026-11-19")  # it follows the date
    form.get_by_label("Start time", exact=True).fill("23:15")
    form.get_by_label("End time", exact=True).fill("24:20")
    form.get_by_label("Time zone", exact=True).fill("Europe/Berlin")
    form.get_by_label("Name", exact=True).fill("Ivo Santos")
    before = row_counts(lab_server.log_path)

    # "24:20" is not a time: the form says what to type instead.
    save(form)
    expect(beside(nb.page, form, "End time")).to_have_text(
        "⚠ '24:20' is not a time of day: after midnight the clock starts again at 00:20; type that, "
        "and set the End date to the next day")
    # 00:20 on the same day is before the start: the next day is suggested.
    form.get_by_label("End time", exact=True).fill("00:20")
    save(form)
    expect(beside(nb.page, form, "End time")).to_have_text(
        "⚠ 00:20 is before the start (23:15) on the same day: if the interview ended after midnight, "
        "set the End date to the next day, Fri 20 Nov 2026")
    assert row_counts(lab_server.log_path) == before

    form.get_by_label("End date", exact=True).fill("2026-11-20")
    said = save(form, then="Added candidate").inner_text()
    assert said.startswith("Added candidate Noor Haddad. Saved interview "), said
    assert "1 person met" in said
    interview_id = int(re.search(r"Saved interview (\d+)", said)[1])
    expect(beside(nb.page, form, "End time")).to_have_text("")

    with workbook.open_log(lab_server.log_path) as log:
        row = log.interviews().set_index("interview_id").loc[interview_id]
    assert (row["starts_at"], row["ends_at"]) == (pd.Timestamp("2026-11-19T22:15Z"), pd.Timestamp("2026-11-19T23:20Z"))
    # Listed under the day it started, and opened with its two dates.
    choose_option(form.get_by_label("Open a logged interview", exact=True),
                  "Thu 19 Nov 2026 · Lindqvist Night Logistics — Operations analyst · Noor Haddad")
    expect(form.get_by_label("Company", exact=True)).to_have_value("Lindqvist Night Logistics")
    expect(form.get_by_label("Date", exact=True)).to_have_value("2026-11-19")
    expect(form.get_by_label("End date", exact=True)).to_have_value("2026-11-20")
    expect(form.get_by_label("End time", exact=True)).to_have_value("00:20")
    expect(form.get_by_label("Name", exact=True)).to_have_value("Ivo Santos")
    nb.snap("after-midnight")
    nb.assert_no_page_errors()


def test_a_logged_interview_is_opened_corrected_and_saved_in_one_go(notebook, lab_server):
    with workbook.open_log(lab_server.log_path) as log:  # logged beforehand, with a typo and no email
        log.add_candidate("Rosa Quintero")
        interview_id = log.add_interview("Rosa Quintero", "Tagus Mobilty", "Product analyst", "2026-11-19T10:00",
                                         "2026-11-19T11:00", "Europe/Lisbon", stage="panel",
                                         people=[{"name": "Ana Sousa", "email": "ana@tagus.example"},
                                                 {"name": "Ben Okoye"}])
        ana, ben = log.interviewers().set_index("name").loc[["Ana Sousa", "Ben Okoye"], "interviewer_id"]
        log.add_note(int(ana), body="Dear Ana, a draft.")
        log.add_note(int(ana), body="Dear Ana, thank you.", sent_at="2026-11-19T15:00")
    nb = notebook("01-log-an-interview").run_all()
    form = interview_form(nb)

    choose_option(form.get_by_label("Open a logged interview", exact=True),
                  "Thu 19 Nov 2026 · Tagus Mobilty — Product analyst (panel) · Rosa Quintero")
    expect(form.get_by_label("Company", exact=True)).to_have_value("Tagus Mobilty")
    expect(form).to_contain_text("Opened the interview with Tagus Mobilty on Thu 19 Nov 2026")
    shown = form.evaluate(_CUT_OFF)
    assert shown["cut"] == [], shown  # the interview chosen is read whole
    names = form.get_by_label("Name", exact=True)
    expect(names).to_have_count(2)
    expect(names.nth(0)).to_have_value("Ana Sousa")
    expect(form.get_by_label("Time zone", exact=True)).to_have_value("Europe/Lisbon")
    expect(form.get_by_role("button", name="Save changes")).to_be_visible()

    form.get_by_label("Company", exact=True).fill("Tagus Mobility")
    form.get_by_label("Email", exact=True).nth(1).fill("ben@tagus.example")
    # Ana has notes: the first click says what would go with her, the second removes her row.
    form.get_by_role("button", name="Remove").first.click()
    expect(form).to_contain_text("⚠ Removing Ana Sousa also removes the 2 notes to them (1 sent). "
                                 "Click Remove anyway to do it; it happens when you save.")
    expect(names).to_have_count(2)
    form.get_by_role("button", name="Remove anyway").click()
    expect(names).to_have_count(1)
    expect(names.nth(0)).to_have_value("Ben Okoye")
    form.get_by_role("button", name="Add person").click()
    expect(names).to_have_count(2)
    names.nth(1).fill("Cleo Park")

    said = save(form, "Save changes", then="Saved the interview")
    expect(said).to_have_text("Saved the interview with Tagus Mobility on Thu 19 Nov 2026: changed its company; "
                              "added Cleo Park; changed Ben Okoye's email; removed Ana Sousa and the 2 notes to them "
                              "(1 sent).")
    with workbook.open_log(lab_server.log_path) as log:
        interviews = log.interviews().set_index("interview_id")
        assert interviews.at[interview_id, "company"] == "Tagus Mobility"
        met = log.interviewers()
        met = met[met["interview_id"] == interview_id].set_index("name")
        assert sorted(met.index) == ["Ben Okoye", "Cleo Park"]
        assert met.at["Ben Okoye", "interviewer_id"] == ben and met.at["Ben Okoye", "email"] == "ben@tagus.example"
        assert not log.notes()["interviewer_id"].isin([ana]).any()
    nb.snap("corrected")
    nb.assert_no_page_errors()


def test_a_time_zone_is_found_by_part_of_its_name(notebook, lab_server):
    nb = notebook("01-log-an-interview").run_all()
    form = interview_form(nb)
    zones = form.locator(".widget-select select")
    zone = form.get_by_label("Time zone", exact=True)
    # A full zone name does not hide the others (a Combobox's list would show only it).
    assert zones.locator("option").count() > 400

    zone.fill("kolk")
    expect(zones.locator("option")).to_have_text(["Asia/Kolkata"])
    zones.select_option("Asia/Kolkata")
    expect(zone).to_have_value("Asia/Kolkata")
    zone.fill("new york")
    expect(zones.locator("option")).to_have_text(["America/New_York"])
    nb.assert_no_page_errors()
