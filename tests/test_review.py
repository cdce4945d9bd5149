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
from workbook.notes.structure import read_note

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


def test_the_length_line_is_150_words_of_the_message(writing):
    log, ana, _ = writing
    signed = "\n\nBest,\nMaya Okafor\n+1 555 0100 | maya@example.com"
    at_the_line = "Dear Ana,\n\n" + " ".join(["thanks"] * MAX_WORDS)
    found = results(log, ana, at_the_line + signed)["length"]
    assert found.passed and found.advice.startswith("150 words")
    over = results(log, ana, at_the_line + " again" + signed)["length"]
    assert not over.passed and over.advice.startswith("151 words")
    # What a reader counts is the message: not the greeting, the closing or the signature.
    assert results(log, ana, GOOD)["length"].advice.startswith(f"{len(GOOD.split(chr(10) * 2)[1].split())} words")
    # Nor a letter's address blocks and date line, nor a legal footer under the signature.
    blocks = "Maya Okafor\n12 Elm Street\nSpringfield, IL 62701\n\nSeptember 14, 2026\n\nMs. Ana Lima\n" \
             "Northwind Analytics\n400 Harbor Way\nBoston, MA 02110\n\n"
    footer = "\n\nThis email and any attachments are confidential and meant only for the addressee. " * 5
    assert results(log, ana, blocks + at_the_line + signed + footer)["length"].advice.startswith("150 words")


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


LETTER = """Maya Okafor
12 Elm Street
Springfield, IL 62701
+1 555 0100
maya@example.com

September 14, 2026

Ms. Ana Lima
Head of Analytics
Northwind Analytics, Inc.
400 Harbor Way
Boston, MA 02110

Dear Ms. Lima:

""" + GOOD.split("\n\n")[1] + """

Sincerely,

Maya Okafor"""


def company_context(log, person, company, *others):
    """The person's context as if their company were logged as ``company``, and the log held
    the ``others`` too."""
    context = note_context(log, person)
    return dataclasses.replace(context, company=company,
                               names=NamesInLog([company, *others], ["Ana Lima", "Bo Chen", "Carla Diaz"]))


def test_a_formal_letter_greets_after_its_address_blocks(writing):
    log, ana, _ = writing
    found = results(log, ana, LETTER, subject=None, channel="other")
    assert [name for name, c in found.items() if not c.passed] == []
    assert found["recipient"].advice == "It is addressed to Ana Lima at Northwind Analytics, and to no one else."
    # The inside address naming another company is the letter going to the wrong address.
    wrong = LETTER.replace("Northwind Analytics, Inc.\n", "Bluefin Health\n")
    assert results(log, ana, wrong, subject=None, channel="other")["recipient"].advice == (
        "It names Bluefin Health, another company: check you are writing to Northwind Analytics.")


@pytest.mark.parametrize("greeting", ["Dear Ms. Lima:", "Dear Dr. Lima,", "Hi Ana,", "Hello Ana Lima,", "Dear ANA,",
                                      "Dear Ana and team,"])
def test_the_person_greeted_formally_or_not_passes(writing, greeting):
    log, ana, _ = writing
    assert results(log, ana, GOOD.replace("Dear Ana,", greeting))["recipient"].passed


@pytest.mark.parametrize("greeting, advice", [
    ("Dear Anna,", 'It greets "Anna": check the spelling, the log has "Ana" (Ana Lima).'),
    ("Dear Hiring Manager,", '"Dear Hiring Manager," greets no one by name: greet Ana Lima ("Dear Ana," or, in a '
                             'formal letter, "Dear Ms./Mr./Dr. Lima:").'),
    ("Dear Ms. Diaz:", "It greets Ms. Diaz: this note is to Ana Lima."),
    ("Dear Ana and Bo,", "It greets Bo Chen too: write to Ana Lima alone, and to each person in a note of their own."),
    ("", 'Open with a greeting that names Ana Lima ("Dear Ana," or, in a formal letter, "Dear Ms./Mr./Dr. Lima:").'),
])
def test_a_greeting_to_no_one_someone_else_or_misspelled_fails_and_says_why(writing, greeting, advice):
    log, ana, _ = writing
    found = results(log, ana, GOOD.replace("Dear Ana,", greeting))["recipient"]
    assert not found.passed and found.advice == advice


@pytest.mark.parametrize("company, written", [
    ("Northwind Analytics, Inc.", "Northwind Analytics"),       # without its legal form
    ("Northwind Analytics Inc.", "Northwind Analytics, Inc"),   # other punctuation
    ("Harper & Lowe LLP", "Harper and Lowe"),                   # "and" for "&"
    ("Grupo Alameda S.A. de C.V.", "Grupo Alameda"),
    ("Northwind Analytics, Inc.", "Northwind"),                 # the short name everyone uses
    ("Harbor Point Software, Inc.", "Harbor Point's"),
    ("St. Brigid's Children's Hospital", "St. Brigid's"),
])
def test_the_company_named_as_people_write_it_passes(writing, company, written):
    log, ana, _ = writing
    context = company_context(log, ana, company, "Bluefin Health Ltd.")
    body = GOOD.replace("Northwind Analytics", written)
    assert {c.name: c for c in review(context, body, "Thanks")}["recipient"].passed


@pytest.mark.parametrize("body", [
    GOOD.replace("at Northwind Analytics", "at Bluefin Health"),            # without its legal form
    GOOD.replace("the retention project", "the Bluefin Health retention project"),
    GOOD.replace("the retention project", "the retention project at St. Brigid's Children's Hospital"),
    GOOD.replace("Dear Ana,", "Dear Carla,"),                                # a person met elsewhere
    GOOD.replace("the retention project", "the retention project Carla Diaz described"),
])
def test_another_company_or_person_from_the_log_is_caught_however_written(writing, body):
    log, ana, _ = writing
    context = company_context(log, ana, "Northwind Analytics, Inc.", "Bluefin Health Ltd.",
                              "St. Brigid's Children's Hospital")
    assert not {c.name: c for c in review(context, body, "Thanks")}["recipient"].passed
    # In the subject too.
    subject = "Thank you from the Bluefin Health interview"
    assert not {c.name: c for c in review(context, GOOD, subject)}["recipient"].passed


def test_a_one_word_company_is_named_only_with_its_capital(writing):
    log, ana, _ = writing
    context = company_context(log, ana, "Northwind Analytics, Inc.", "Target Corp.")
    aimed = GOOD.replace("the retention project", "the retention project and its target")
    assert {c.name: c for c in review(context, aimed, "Thanks")}["recipient"].passed
    slipped = GOOD.replace("the retention project", "the retention project at Target")
    assert {c.name: c for c in review(context, slipped, "Thanks")}["recipient"].advice == (
        "It names Target Corp., another company: check you are writing to Northwind Analytics, Inc.")


def test_colleagues_met_the_same_day_and_a_signature_are_no_copy_paste_mistake(writing):
    log, ana, _ = writing
    body = GOOD.replace("I look forward", "It was good to meet Bo Chen too. I look forward")
    assert results(log, ana, body)["recipient"].passed
    signed = GOOD + "\nData Analyst, Bluefin Health\ncc: Carla Diaz"
    assert results(log, ana, signed)["recipient"].passed
    # A short name inside another name is not the company: "West Northwind" is a place.
    context = company_context(log, ana, "Northwind Analytics, Inc.")
    placed = GOOD.replace("at Northwind Analytics", "in West Northwind")
    assert not {c.name: c for c in review(context, placed, "Thanks")}["recipient"].passed


def test_detail_counts_only_what_the_message_says_of_the_talk(writing):
    log, ana, bo = writing
    log.change_interviewer(ana, talking_points="the Harbor Way office move; analytics hiring")
    # "Harbor Way" stands only in the inside address, "analytics" only as the company's name.
    letter = LETTER.replace("our conversation about rebuilding the churn dashboard in Looker", "our conversation")
    found = results(log, ana, letter, subject=None, channel="other")["detail"]
    assert not found.passed
    assert found.advice.startswith('"analytics" is a word of the role or the company\'s name, not of your talk')
    moved = letter.replace("I am excited", "Good luck with the office move. I am excited")
    assert results(log, ana, moved, subject=None, channel="other")["detail"].passed
    # The note to Bo copied to Ana: its words are his talk, not hers.
    log.change_interviewer(ana, talking_points="nightly pipelines")
    to_bo = GOOD.replace("Dear Ana,", "Dear Bo,").replace("rebuilding the churn dashboard in Looker",
                                                          "the nightly pipeline")
    log.add_note(bo, body=to_bo)
    found = results(log, ana, to_bo.replace("Dear Bo,", "Dear Ana,"))["detail"]
    assert not found.passed and found.advice.startswith('"nightly" and "pipelines" are from your note to Bo Chen: ')
    # A note of her own may share a topic with his.
    own = ("Hi Ana,\n\nThanks for showing me how your dashboards wait on the nightly pipeline; I would like "
           "to help make them refresh sooner.\n\nMaya")
    assert results(log, ana, own)["detail"].passed


def test_contact_reads_a_letterhead_and_never_a_street_number_or_zip_as_a_phone(writing):
    log, ana, _ = writing
    no_phone = LETTER.replace("+1 555 0100\n", "")
    found = results(log, ana, no_phone, subject=None, channel="other")["contact"]
    assert not found.passed and found.advice == "Add your phone number under your name: +1 555 0100."
    assert results(log, ana, LETTER, subject=None, channel="other")["contact"].passed
    # Asking for the email shows the email, once, without doubled brackets.
    log.change_candidate("Maya Okafor", phone="(703) 555-6805", email="maya@example.com")
    found = results(log, ana, GOOD.replace(" | maya@example.com", ""))["contact"]
    assert found.advice == "Add your email address under your name: maya@example.com."
    log.change_candidate("Maya Okafor", email=None)
    found = results(log, ana, GOOD.replace(" | maya@example.com", ""))["contact"]
    assert found.advice == "Add your email address under your name."


def test_next_steps_read_across_wrapped_lines(writing):
    log, ana, _ = writing
    wrapped = GOOD.replace("I look forward to hearing about the next steps.", "I look forward to\nhearing from you.")
    assert results(log, ana, wrapped)["next_steps"].passed
    for then in ("I understand you will decide by mid-October.", "I look forward to the next conversation.",
                 "I understand the panel will make its recommendation by December 11."):
        assert results(log, ana, GOOD.replace("I look forward to hearing about the next steps.", then))[
            "next_steps"].passed, then


def test_a_keystroke_reads_the_note_once(writing):
    """Every check judges the parts of the note; they are read once per keystroke, not once
    per check."""
    log, ana, bo = writing
    log.add_note(bo, body=GOOD.replace("Dear Ana,", "Dear Bo,"))
    context = note_context(log, ana)
    review(context, GOOD, "Thanks")  # the note to Bo is read once, too
    before = read_note.cache_info()
    review(context, GOOD + " x", "Thanks")
    after = read_note.cache_info()
    assert after.misses - before.misses == 1 and after.hits > before.hits


def test_advice_has_one_full_stop_after_a_company_ending_in_one(writing):
    log, ana, _ = writing
    context = company_context(log, ana, "Texas Oil & Investments, Inc.")
    for check in review(context, "Hi", None):
        assert not re.search(r"(?<!\.)\.\.(?!\.)", check.advice) and "((" not in check.advice, check


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


def test_enthusiasm_skills_and_goals_say_what_they_found(writing):
    log, ana, _ = writing
    advice = {name: c.advice for name, c in results(log, ana, GOOD).items()}
    assert advice["enthusiasm"] == "It shows you want the role (\"excited\")."
    assert advice["skills"] == "It restates your skills (SQL)."
    assert advice["goals"] == "It names something you would like to take on (\"contribute to the retention project\")."
    assert not any("((" in a or "))" in a or re.search(r"(?<!\.)\.\.(?!\.)", a) for a in advice.values())


def test_enthusiasm_skills_and_goals_said_in_other_words_pass(writing):
    log, ana, _ = writing
    log.change_candidate("Maya Okafor", skills="social media campaigns; Tableau")
    body = GOOD.replace("I am excited about the role, and my experience with SQL would help your team.",
                        "I am very much interested in the role, and my experience running social campaigns "
                        "fits what you described.").replace(
        "I would be glad to contribute to the retention project.", "I'd love to help plan the Looker migration.")
    found = results(log, ana, body)
    assert found["enthusiasm"].advice == "It shows you want the role (\"very much interested\")."
    assert found["skills"].advice == "It restates your skills (social media campaigns)."
    assert found["goals"].advice == "It names something you would like to take on (\"help plan the Looker migration\")."


def test_a_skill_only_in_the_roles_title_or_the_signature_is_not_restated(writing):
    log, ana, _ = writing
    log.change_candidate("Maya Okafor", skills="data analysis; SQL")
    body = GOOD.replace("my experience with SQL would help your team", "I would fit in").replace(
        "Maya Okafor\n", "Maya Okafor\nSenior SQL Developer\n")
    assert "Data analyst role" in body and "SQL" in body
    found = results(log, ana, body)["skills"]
    assert not found.passed
    assert found.advice == "Restate the skill that fits this role best, such as data analysis, and why."


@pytest.mark.parametrize("goal", [
    " My experience aligns well with the goals of your team.",            # the team's goals
    " I am eager to contribute to your projects and goals.",               # none named
    " I would love to join your team and meet the rest of the analysts.",  # courtesies
])
def test_goals_are_the_candidates_own_and_named(writing, goal):
    log, ana, _ = writing
    found = results(log, ana, GOOD.replace(" I would be glad to contribute to the retention project.", goal))
    assert not found["goals"].passed
    assert found["goals"].advice == "Name one project or goal you are excited to take part in."


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
