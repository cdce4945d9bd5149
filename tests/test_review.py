"""The guideline review and the note composer: each check passes on a good note and fails on
a note written to provoke it."""

from __future__ import annotations

import dataclasses
import re

import pytest

import workbook
from workbook.notes.compose import TONES, NoteParts, compose, compose_note
from workbook.notes.context import NamesInLog, names_in_log, note_context
from workbook.notes.review import MAX_WORDS, review, review_note, similarity

GOOD = """Dear Ana,

Thank you for your time today and for the opportunity to interview for the Data analyst role at \
Northwind Analytics. I especially enjoyed our conversation about rebuilding the churn dashboard in Looker. \
I am excited about the role, and my experience with SQL would help your team. I would be glad to contribute \
to the retention project. I look forward to hearing about the next steps.

Best,
Maya Okafor
+1 555 0100 | maya@example.com"""


@pytest.fixture
def writing(log):
    """Maya's interview at Northwind Analytics with Ana and Bo, and another at Bluefin Health."""
    log.add_candidate("Maya Okafor", email="maya@example.com", phone="+1 555 0100", skills="SQL; Python; Tableau")
    northwind = log.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst", "2026-09-14T10:00",
                                  "2026-09-14T11:00", "America/New_York")
    ana = log.add_interviewer(northwind, "Ana Lima", talking_points="rebuilding the churn dashboard in Looker")
    bo = log.add_interviewer(northwind, "Bo Chen", talking_points="dbt tests and the nightly pipeline")
    bluefin = log.add_interview("Maya Okafor", "Bluefin Health", "Analyst", "2026-09-16T10:00", "2026-09-16T11:00",
                                "Europe/London")
    log.add_interviewer(bluefin, "Carla Diaz", talking_points="claims data")
    return log, ana, bo


def results(log, person, body, subject="Thank you — Data analyst interview", channel="email"):
    return {c.name: c for c in review_note(log, person, body, subject=subject, channel=channel)}


def test_a_good_note_passes_every_check(writing):
    log, ana, _ = writing
    checks = review_note(log, ana, GOOD, subject="Thank you — Data analyst interview")
    assert [c.name for c in checks] == ["thanks", "detail", "next_steps", "contact", "recipient", "length",
                                        "distinct", "subject", "enthusiasm", "skills", "goals"]
    assert [c.name for c in checks if not c.passed] == []
    assert all(c.advice.endswith(".") for c in checks)


@pytest.mark.parametrize("check, old, new", [
    ("thanks", "Thank you for your time today and for the opportunity to interview",
     "I met you today to interview"),
    ("detail", "our conversation about rebuilding the churn dashboard in Looker", "our conversation"),
    ("next_steps", " I look forward to hearing about the next steps.", ""),
    ("contact", "+1 555 0100 | ", ""),
    ("contact", " | maya@example.com", ""),
    ("recipient", "Dear Ana,", "Dear Anna,"),            # misspelled
    ("recipient", "Dear Ana,", "Dear Bo,"),              # another person met that day
    ("recipient", "at Northwind Analytics", "at Bluefin Health"),  # the copy-paste mistake
    ("recipient", "at Northwind Analytics", "at your company"),
    ("recipient", "to the retention project", "to the retention project Carla Diaz described"),
    ("subject", None, None),
    ("enthusiasm", "I am excited about the role, and my", "My"),
    ("skills", "my experience with SQL would help your team", "I would fit in"),
    ("goals", " I would be glad to contribute to the retention project.", ""),
])
def test_each_check_fails_on_a_note_written_to_provoke_it(writing, check, old, new):
    log, ana, _ = writing
    body = GOOD.replace(old, new) if old else GOOD
    assert body != GOOD or check == "subject"
    found = results(log, ana, body, subject="" if check == "subject" else "Thanks")
    assert not found[check].passed, found[check]
    assert [name for name, c in found.items() if not c.passed] == [check]


def test_recipient_advice_names_the_mistake(writing):
    log, ana, _ = writing
    advice = results(log, ana, GOOD.replace("Northwind Analytics", "Bluefin Health"))["recipient"].advice
    assert advice == "It names Bluefin Health, another company: check you are writing to Northwind Analytics."
    advice = results(log, ana, GOOD.replace("Dear Ana,", "Dear Bo,"))["recipient"].advice
    assert advice == "It greets Bo Chen: this note is to Ana Lima."


def test_greeting_by_last_name_and_accents_typed_plainly_pass(writing):
    log, ana, _ = writing
    assert results(log, ana, GOOD.replace("Dear Ana,", "Dear Ms. Lima,"))["recipient"].passed
    log.change_interviewer(ana, name="Ána Lima")
    assert results(log, ana, GOOD)["recipient"].passed


def test_the_length_line_is_150_words(writing):
    log, ana, _ = writing
    at_the_line = "Dear Ana,\n\n" + " ".join(["thanks"] * (MAX_WORDS - 2))
    found = results(log, ana, at_the_line)["length"]
    assert found.passed and found.advice.startswith("150 words")
    over = results(log, ana, at_the_line + " again")["length"]
    assert not over.passed and over.advice.startswith("151 words")
    # Words are what a reader counts: an email address or a phone number is not ten words.
    assert results(log, ana, GOOD)["length"].advice.startswith(f"{len(GOOD.split()) - 1} words")  # not "|"


def test_distinct_compares_with_the_notes_to_the_others_met_that_day(writing):
    log, ana, bo = writing
    log.add_note(bo, body=GOOD.replace("Dear Ana,", "Dear Bo,"))
    same = results(log, ana, GOOD)["distinct"]
    assert not same.passed and "100%" in same.advice and "Bo Chen" in same.advice
    log.add_note(bo, body="Dear Bo,\n\nThank you for walking me through the nightly pipeline and your dbt tests. "
                          "I would love to help harden them.\n\nBest,\nMaya Okafor")
    assert results(log, ana, GOOD)["distinct"].passed  # the latest note to Bo counts


def test_similarity_is_shared_three_word_phrases_without_names():
    assert similarity("Dear Ana, thank you for today", "Dear Bo, thank you for today", ("Ana", "Bo")) == 1.0
    assert similarity("one two three four", "five six seven eight") == 0.0
    assert similarity("a b c d", "a b c e") == pytest.approx(1 / 3)


def test_handwritten_notes_need_no_subject(writing):
    log, ana, _ = writing
    assert results(log, ana, GOOD, subject=None, channel="handwritten")["subject"].passed
    assert not results(log, ana, GOOD, subject="  ", channel="email")["subject"].passed


def test_detail_asks_for_talking_points_when_none_are_logged(writing):
    log, ana, _ = writing
    log.change_interviewer(ana, talking_points="")
    found = results(log, ana, GOOD)["detail"]
    assert not found.passed and found.advice.startswith("Log what you talked about with Ana")


def test_review_is_deterministic_and_takes_a_loaded_context(writing):
    log, ana, _ = writing
    context = note_context(log, ana)
    slipped = GOOD.replace("at Northwind Analytics", "at Bluefin Health")
    for body in (GOOD, slipped):
        expected = review_note(log, ana, body, "Thanks")
        assert review_note(log, ana, body, "Thanks", context=context) == expected
        assert review(context, body, "Thanks") == expected
        # The log's names, read once, serve the contexts of everyone in it.
        assert review(note_context(log, ana, names=names_in_log(log)), body, "Thanks") == expected
    assert not {c.name: c for c in review(context, slipped, "Thanks")}["recipient"].passed


def test_the_company_as_logged_elsewhere_is_no_other_company(writing):
    """Another interview at the same company, logged in capitals or without accents, is no
    other company; a company of many words is found whole."""
    log, ana, _ = writing
    log.add_interview("Maya Okafor", "NORTHWIND ANALYTICS", "Analyst", "2026-10-01T10:00", "2026-10-01T11:00",
                      "Europe/London")
    log.add_interview("Maya Okafor", "The Bank of New York Mellon Corporation", "Analyst", "2026-10-02T10:00",
                      "2026-10-02T11:00", "Europe/London")
    assert results(log, ana, GOOD)["recipient"].passed
    assert results(log, ana, GOOD.replace("Northwind Analytics", "northwind analytics"))["recipient"].passed
    pasted = results(log, ana, GOOD.replace("the retention project", "the Bank of New York Mellon Corporation"))
    assert pasted["recipient"].advice.startswith("It names The Bank of New York Mellon Corporation, another company")


def test_reviewing_an_unknown_interviewer_is_a_clear_error(writing):
    log, *_ = writing
    with pytest.raises(workbook.UnknownRecordError, match="interviewer 99"):
        review_note(log, 99, GOOD)


@pytest.mark.parametrize("tone", TONES)
def test_a_note_composed_from_full_inputs_passes_every_check(writing, tone):
    log, ana, _ = writing
    note = compose_note(log, ana, detail="rebuilding the churn dashboard in Looker", skills="SQL and Looker",
                        goals="the retention project", next_steps="I will send the SQL work sample by Friday",
                        tone=tone)
    failed = [c for c in review_note(log, ana, note.body, note.subject) if not c.passed]
    assert failed == []
    assert "I will send the SQL work sample by Friday." in note.body
    assert note.body.endswith("Maya Okafor\n+1 555 0100\nmaya@example.com")
    assert len(note.body.split()) < 120


def test_compose_falls_back_to_the_log_and_leaves_out_empty_sentences(writing):
    log, ana, _ = writing
    note = compose(note_context(log, ana), NoteParts())
    assert "rebuilding the churn dashboard in Looker" in note.body  # the logged talking points
    assert "SQL and Python" in note.body                              # the first two logged skills
    assert "contribute" not in note.body                               # no goals typed: no goals sentence
    with pytest.raises(ValueError, match="tone"):
        compose(note_context(log, ana), NoteParts(tone="sarcastic"))


def test_the_sample_cohorts_mistakes_are_caught(sample_log):
    notes = sample_log.notes().set_index("note_id")

    def failed(note_id):
        note = notes.loc[note_id]
        subject = note["subject"] if isinstance(note["subject"], str) else None
        return {c.name for c in review_note(sample_log, int(note["interviewer_id"]), note["body"], subject,
                                            note["channel"]) if not c.passed}

    assert "recipient" in failed(49)  # names another company
    assert "recipient" in failed(28)  # greets another interviewer
    assert "length" in failed(53)     # 296 words
    assert failed(1) == set()         # a good one


def test_a_date_is_no_phone_number_and_a_short_skill_is_matched_exactly(writing):
    log, ana, _ = writing
    dated = GOOD.replace("+1 555 0100 | ", "").replace("the next steps.", "the next steps by 2026-09-18.")
    assert not results(log, ana, dated)["contact"].passed
    log.change_candidate("Maya Okafor", skills="R")
    assert not results(log, ana, GOOD.replace("SQL", "r&d"))["skills"].passed
    assert results(log, ana, GOOD.replace("SQL", "R"))["skills"].passed


def test_reviewing_stays_instant_with_many_people_in_the_log(writing):
    """The recipient check looks the note's words up among the log's names; it does not walk
    every name in the log. Many names, and the right one still found."""
    log, ana, _ = writing
    context = note_context(log, ana)
    crowd = [f"Person{i} Surname{i}" for i in range(50_000)]
    crowded = dataclasses.replace(context, names=NamesInLog(["Northwind Analytics", "Bluefin Health"],
                                                            [*crowd, "Ana Lima", "Carla Diaz"]))
    slipped = GOOD.replace("to the retention project", "to the retention project Carla Diaz described")
    found = {c.name: c for c in review(crowded, slipped, "Thanks")}
    assert found["recipient"].advice == "It names Carla Diaz: this note is to Ana Lima."
    assert {c.name: c for c in review(crowded, GOOD, "Thanks")}["recipient"].passed


def test_advice_names_people_and_companies_never_an_id(writing):
    """Every line of the checklist a person reads names whom it is about, not an internal id."""
    log, ana, bo = writing
    log.add_note(bo, body="Dear Bo, thank you for the chat about the nightly pipeline at Bluefin Health.")
    copied = "Dear Bo, thank you for the chat about the nightly pipeline at Bluefin Health. Carla Diaz says hi."
    for body in ("", "Hi", copied, GOOD.replace("Northwind Analytics", "Bluefin Health")):
        for check in review_note(log, ana, body, subject=None):
            assert not re.search(r"\b(interview(er)?|note|candidate|person) #?\d", check.advice), check
    advice = {c.name: c.advice for c in review_note(log, ana, copied, subject=None)}
    assert advice["recipient"] == "It greets Bo Chen: this note is to Ana Lima."
    assert advice["distinct"].startswith("It shares") and "your note to Bo Chen" in advice["distinct"]
    assert advice["thanks"] == "It thanks them: good."
