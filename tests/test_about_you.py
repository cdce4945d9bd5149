"""About you, without a browser: the candidate keeps their own email address, phone number and
skills in the log from a widget, and the note builder points there when a note lacks them."""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbook
from workbook.ui import AboutYou, NoteBuilder
from workbook.ui.about_you import read_skills

from .conftest import assert_same_log, capture_display, displayed, snapshot, widget_tree

NEXT_MORNING = "2026-09-15T12:00:00+00:00"  # the day after one_interview's interview
HOSTILE = '<img src=x onerror="window.__pwned=1">'


def about(log, **kwargs) -> AboutYou:
    return AboutYou(log, display=False, **kwargs)


def shown(widget: AboutYou) -> dict[str, str]:
    """What the fields hold."""
    return {name: widget.controls[name].value for name in ("candidate", "email", "phone", "skills")}


def text(markup: str) -> str:
    """An HTML widget's value as a person reads it."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def beside(widget: AboutYou) -> dict[str, str]:
    """The message next to each field, as read."""
    return {name: text(html_widget.value) for name, html_widget in widget.controls["messages"].items()}


def candidates(log) -> list[dict]:
    return log.candidates().astype(object).where(log.candidates().notna(), None).to_dict("records")


# -- a new candidate ------------------------------------------------------------------------

def test_on_an_empty_log_a_name_typed_adds_the_candidate_with_their_details(log):
    widget = about(log)
    assert shown(widget) == {"candidate": "", "email": "", "phone": "", "skills": ""}

    widget.controls["candidate"].value = "Maya Okafor"
    assert beside(widget)["candidate"] == "New: Maya Okafor is added to the log when you save."
    widget.controls["email"].value = " maya@example.com "
    widget.controls["phone"].value = "+1 555 0100"
    widget.controls["skills"].value = "SQL, Python,  stakeholder interviews,"
    assert widget.controls["save"].click() is None  # (the button's own return)

    assert candidates(log) == [{"candidate": "Maya Okafor", "email": "maya@example.com", "phone": "+1 555 0100",
                                "skills": "SQL; Python; stakeholder interviews"}]
    assert widget.saved == ["Maya Okafor"]
    assert text(widget.controls["message"].value).startswith(
        "Added Maya Okafor to the log, with your email address, phone number and skills.")
    assert shown(widget)["skills"] == "SQL; Python; stakeholder interviews"  # as the log now holds them
    assert beside(widget)["candidate"] == ""  # no longer new
    assert "Maya Okafor" in widget.controls["candidate"].options


def test_a_name_left_empty_is_said_beside_it_and_nothing_is_saved(log):
    widget = about(log)
    widget.controls["email"].value = "maya@example.com"
    assert widget.save() is None
    assert beside(widget)["candidate"] == "⚠ type your name, or choose it from the list"
    assert text(widget.controls["message"].value) == "⚠ Nothing was saved: 1 problem, shown next to the fields."
    assert log.is_empty()


def test_a_new_candidate_with_a_bad_email_is_not_added_at_all(log):
    widget = about(log, candidate="Leo Park")
    widget.controls["email"].value = "leo at example"
    widget.controls["phone"].value = "+44 20 7946 0000"
    assert widget.save() is None
    assert beside(widget)["email"] == "⚠ is not an email address (like ana@example.com)"
    assert beside(widget)["phone"] == ""
    assert log.is_empty()
    assert shown(widget)["phone"] == "+44 20 7946 0000"  # nothing typed is lost

    widget.controls["email"].value = "leo@example.com"
    assert widget.save() == "Leo Park"
    assert beside(widget)["email"] == ""
    assert candidates(log)[0]["email"] == "leo@example.com"


# -- the candidate's own details ------------------------------------------------------------

def test_it_opens_on_the_latest_interviews_candidate_with_what_the_log_holds(one_interview):
    log = one_interview[0]
    log.add_candidate("Leo Park", email="leo@example.com")
    log.add_interview("Leo Park", "Fabrikam", "Analyst", "2026-10-01T10:00", "2026-10-01T11:00", "Europe/Berlin")

    widget = about(log)
    assert shown(widget) == {"candidate": "Leo Park", "email": "leo@example.com", "phone": "", "skills": ""}

    widget.controls["candidate"].value = "Maya Okafor"  # chosen from the list
    assert shown(widget) == {"candidate": "Maya Okafor", "email": "maya@example.com", "phone": "+1 555 0100",
                             "skills": "SQL; Python"}
    assert about(log, candidate="Maya Okafor").controls["email"].value == "maya@example.com"


def test_a_change_is_one_call_that_changes_only_what_was_changed(one_interview):
    log = one_interview[0]
    # A skill written with a comma in it (by Python or a CSV file) is kept whole unless edited.
    log.change_candidate("Maya Okafor", skills=["SQL", "Python (pandas, numpy)"])
    widget = about(log)
    widget.controls["phone"].value = "+1 555 0199"
    assert widget.save() == "Maya Okafor"

    assert candidates(log) == [{"candidate": "Maya Okafor", "email": "maya@example.com", "phone": "+1 555 0199",
                                "skills": "SQL; Python (pandas, numpy)"}]
    assert text(widget.controls["message"].value).startswith("Saved Maya Okafor's phone number.")

    widget.controls["email"].value = ""  # emptied: the log forgets it
    widget.controls["skills"].value = "SQL, dbt"
    assert widget.save() == "Maya Okafor"
    row = candidates(log)[0]
    assert (row["email"], row["skills"]) == (None, "SQL; dbt")
    assert text(widget.controls["message"].value).startswith("Saved Maya Okafor's email address and skills.")


@pytest.mark.parametrize("typed, skills", [
    ("SQL; Python", ["SQL", "Python"]),
    ("SQL, Python, stakeholder interviews,", ["SQL", "Python", "stakeholder interviews"]),
    # A ";" in the text: the skills are separated by ";" alone, commas stay inside them.
    ("SQL; Excel (pivot tables, VLOOKUP);", ["SQL", "Excel (pivot tables, VLOOKUP)"]),
    ("Communication, written and spoken; SQL", ["Communication, written and spoken", "SQL"]),
    # Commas alone: a comma inside brackets is part of the skill.
    ("Excel (pivot tables, VLOOKUP), SQL", ["Excel (pivot tables, VLOOKUP)", "SQL"]),
    ("Python [pandas, numpy]", ["Python [pandas, numpy]"]),
    (" ; , ", []), ("SQL; stakeholder interviews,", ["SQL", "stakeholder interviews"]),
])
def test_read_skills(typed, skills):
    assert read_skills(typed) == skills


def test_a_skill_with_a_comma_is_shown_whole_and_stays_whole_through_other_saves(one_interview):
    """The log keeps skills separated by ";": a skill with a comma in it is shown with "; "
    between skills, and a save of something else, or of one more skill, keeps it whole."""
    log = one_interview[0]
    log.change_candidate("Maya Okafor", skills=["SQL", "Excel (pivot tables, VLOOKUP)", "Python, mostly pandas"])
    widget = about(log)
    assert shown(widget)["skills"] == "SQL; Excel (pivot tables, VLOOKUP); Python, mostly pandas"

    widget.controls["phone"].value = "+1 555 0199"  # an unrelated save
    assert widget.save() == "Maya Okafor"
    assert candidates(log)[0]["skills"] == "SQL; Excel (pivot tables, VLOOKUP); Python, mostly pandas"

    widget.controls["skills"].value += "; Tableau"  # one more skill, typed after what is shown
    assert widget.save() == "Maya Okafor"
    assert candidates(log)[0]["skills"] == "SQL; Excel (pivot tables, VLOOKUP); Python, mostly pandas; Tableau"
    assert shown(widget)["skills"] == "SQL; Excel (pivot tables, VLOOKUP); Python, mostly pandas; Tableau"

    # A single skill with a comma shows no ";": one more added with a comma keeps it whole too.
    log.change_candidate("Maya Okafor", skills=["Excel (pivot tables, VLOOKUP)"])
    widget = about(log)
    assert shown(widget)["skills"] == "Excel (pivot tables, VLOOKUP)"
    widget.controls["skills"].value += ", SQL"
    assert widget.save() == "Maya Okafor"
    assert candidates(log)[0]["skills"] == "Excel (pivot tables, VLOOKUP); SQL"


def test_saving_nothing_changed_says_so_and_writes_nothing(one_interview):
    log = one_interview[0]
    widget = about(log)
    before = snapshot(log)
    widget.controls["email"].value = "maya@example.com "  # the same, but for a space
    assert widget.save() is None
    assert text(widget.controls["message"].value) == (
        "Nothing to save: the log already holds Maya Okafor's email address, phone number and skills as shown.")
    assert_same_log(before, snapshot(log))


def test_problems_are_shown_beside_their_fields_and_nothing_changes(one_interview):
    log = one_interview[0]
    widget = about(log)
    before = snapshot(log)
    widget.controls["email"].value = "maya@"
    widget.controls["phone"].value = "+1 555\x000100"
    assert widget.save() is None
    assert beside(widget)["email"] == "⚠ is not an email address (like ana@example.com)"
    assert beside(widget)["phone"].startswith("⚠ contains a line break or control character")
    assert text(widget.controls["message"].value) == "⚠ Nothing was saved: 2 problems, shown next to the fields."
    assert_same_log(before, snapshot(log))


def test_a_new_name_starts_empty_rather_than_with_someone_elses_details(one_interview):
    log = one_interview[0]
    widget = about(log)
    widget.controls["candidate"].value = "Maya"  # a new name being typed
    assert shown(widget) == {"candidate": "Maya", "email": "", "phone": "", "skills": ""}
    widget.controls["phone"].value = "+1 555 0142"
    widget.controls["candidate"].value = "Maya O."
    assert shown(widget)["phone"] == "+1 555 0142"  # what was typed for the new name stays


def test_hostile_names_are_text(log):
    widget = about(log, candidate=HOSTILE)
    assert HOSTILE not in widget.controls["messages"]["candidate"].value
    assert widget.save() == HOSTILE
    shown_as_html = [w.value for w in widget_tree(widget.widget) if isinstance(w, widgets.HTML)]
    assert any("&lt;img" in value for value in shown_as_html)  # the message names them, escaped
    assert not any("<img" in value for value in shown_as_html)
    assert candidates(log)[0]["candidate"] == HOSTILE


def test_it_is_displayed_as_about_you(log, monkeypatch):
    shown_now = capture_display(monkeypatch)
    widget = workbook.ui.AboutYou(log)
    assert shown_now == [displayed(widget.widget, "About you")]
    assert repr(widget) == "AboutYou(no name yet)"


# -- the note builder points here -----------------------------------------------------------

def contact_line(builder: NoteBuilder, interviewer_id: int) -> str:
    checklist = builder.controls["people"][interviewer_id]["checklist"].value
    return checklist.split("</ul>", 1)[1]


def test_the_builder_links_to_about_you_when_the_log_lacks_the_candidates_contact(one_interview):
    log, _, [ana, _] = one_interview
    log.change_candidate("Maya Okafor", email=None, phone=None)
    builder = NoteBuilder(log, now=NEXT_MORNING, display=False)
    contact = next(c for c in builder.people[ana].checks if c.name == "contact")
    assert not contact.passed
    line = contact_line(builder, ana)
    assert text(line) == ("ⓘ Your phone number and email address are not in the log: add them under About you in "
                          "01-log-an-interview, and each note you compose gives them.")
    assert re.findall(r"href='([^']*)'", line) == ["01-log-an-interview.ipynb"]

    # Given there, the next note gives them, and the line is gone.
    widget = about(log)
    widget.controls["email"].value = "maya@example.com"
    widget.controls["phone"].value = "+1 555 0100"
    widget.save()
    builder = NoteBuilder(log, now=NEXT_MORNING, display=False)
    assert next(c for c in builder.people[ana].checks if c.name == "contact").passed
    assert contact_line(builder, ana) == ""


def test_the_builder_names_only_what_is_missing_and_nothing_when_the_note_lacks_it_by_choice(one_interview):
    log, _, [ana, _] = one_interview
    log.change_candidate("Maya Okafor", phone=None)
    builder = NoteBuilder(log, now=NEXT_MORNING, display=False)
    assert text(contact_line(builder, ana)).startswith("ⓘ Your phone number is not in the log: add it under About you")

    # Both in the log, but typed out of the note: the checklist's advice says so; no line.
    log.change_candidate("Maya Okafor", phone="+1 555 0100")
    builder = NoteBuilder(log, now=NEXT_MORNING, display=False)
    builder.controls["people"][ana]["body"].value = "Dear Ana, thank you. Maya"
    assert not next(c for c in builder.people[ana].checks if c.name == "contact").passed
    assert contact_line(builder, ana) == ""


@pytest.mark.parametrize("name", ["Maya\nOkafor", "  "])
def test_a_name_the_log_refuses_is_said_beside_it(log, name):
    widget = about(log)
    widget.controls["candidate"].value = name
    widget.controls["email"].value = "maya@example.com"
    assert widget.save() is None
    assert beside(widget)["candidate"].startswith("⚠ ")
    assert log.is_empty()


# -- anything typed: saved exactly, or refused in the widget -----------------------------------

TYPED = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "Maya Okafor", " Maya Okafor ", HOSTILE, "\x00", "Maya\nOkafor", "a@b.co",
                     "maya@example.com", "+1 555 0100", "SQL, Python", "SQL;;Python ; ", "=SUM(1)", "\u202e",
                     "'; DROP TABLE candidates; --", "🙂" * 3, "Zä\u0308\u0301lgo"]),
)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(typed=st.fixed_dictionaries({"candidate": TYPED, "email": TYPED, "phone": TYPED, "skills": TYPED}))
def test_anything_typed_is_saved_exactly_or_refused_in_the_widget(typed):
    with tempfile.TemporaryDirectory() as folder, workbook.open_log(Path(folder) / "log.sqlite") as log:
        log.add_candidate("Maya Okafor", email="maya@example.com", phone="+1 555 0100", skills=["SQL", "Python"])
        log.add_candidate("Leo Park")
        widget = about(log)
        # The name first, as a person does: choosing a name shows what the log holds of them.
        for name in ("candidate", "email", "phone", "skills"):
            widget.controls[name].value = typed[name]
        typed_and_saved(log, widget, typed)


def typed_and_saved(log, widget: AboutYou, typed: dict) -> None:
    """Save what was typed: saved exactly (stripped, skills as the log lists them), or refused
    with a message in the widget and the log as it was."""
    before = snapshot(log)
    saved = widget.save()
    after = snapshot(log)
    message = widget.controls["message"].value
    if saved is None:
        assert_same_log(before, after)
        assert "⚠" in message or message.startswith("Nothing to save")
        return
    assert "⚠" not in message
    row = after["candidates"].set_index("candidate").loc[saved]
    assert saved == typed["candidate"].strip()
    for field in ("email", "phone"):
        assert (None if pd.isna(row[field]) else row[field]) == (typed[field].strip() or None), field
    skills = None if pd.isna(row["skills"]) else row["skills"]
    assert skills == ("; ".join(read_skills(typed["skills"])) or None)
    others = before["candidates"][before["candidates"]["candidate"] != saved].reset_index(drop=True)
    pd.testing.assert_frame_equal(others, after["candidates"][after["candidates"]["candidate"] != saved]
                                  .reset_index(drop=True))
    for kind in ("interviews", "interviewers", "notes", "outcomes"):
        pd.testing.assert_frame_equal(before[kind], after[kind])


@pytest.mark.parametrize("count, beside_fields, elsewhere, line", [
    (1, True, [], "⚠ Nothing was saved: 1 problem, shown next to the fields."),
    (3, True, ["Bo Chen has 1 note (sent)"], "⚠ Nothing was saved: 3 problems, shown next to the fields: "
                                              "Bo Chen has 1 note (sent)."),
    (2, False, ["a", "b"], "⚠ Nothing was saved: 2 problems: a; b."),
])
def test_the_line_of_a_form_that_saved_nothing(count, beside_fields, elsewhere, line):
    """Written once (ui.common) for About you and the interview form."""
    from workbook.ui.common import nothing_saved_html

    markup = nothing_saved_html(count, beside_fields, elsewhere)
    assert text(markup) == line and "color: #b00020" in markup
