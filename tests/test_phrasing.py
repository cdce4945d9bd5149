"""The language knowledge of the review (workbook.notes.phrasing): word forms, skills said in
other words, the usual phrasings of enthusiasm, and goals the candidate wants to take on."""

from __future__ import annotations

import subprocess
import sys

import pytest

import workbook
from workbook.notes.phrasing import (enthusiasm_in, experience_in, goal_in, near_word, offer_in, own_experience_in,
                                     part_stems, same_word, skills_named, specific_words, stem, stems)

ROLE, COMPANY = "Data Analyst", "Northwind Analytics, Inc."


# -- word forms -------------------------------------------------------------------------------

def test_words_in_any_form_share_a_stem():
    assert stems("Campaigns running; Interviewing STAKEHOLDERS") == stems("campaign run interview stakeholder")
    assert stem("fernway's") == stem("fernway")  # a possessive is the word it belongs to


@pytest.mark.parametrize("a, b", [("preceptor", "precepting"), ("written", "writing"), ("analysis", "analyst")])
def test_forms_the_stemmer_leaves_apart_are_one_word(a, b):
    assert same_word(stem(a), stem(b))


@pytest.mark.parametrize("a, b", [("sales", "salesforce"), ("data", "date"), ("plan", "play")])
def test_different_words_are_not_one_word(a, b):
    assert not same_word(stem(a), stem(b))


def test_a_word_is_stemmed_once_however_often_it_is_reviewed():
    stem.cache_clear()
    for _ in range(3):
        stems("the social media campaigns we ran")
        stems("the social media campaigns we ran, typed on")  # the next keystroke
    assert stem.cache_info().misses == len(set("the social media campaigns we ran typed on".split()))


def test_import_workbook_leaves_the_stemmer_unloaded():
    code = "import sys, workbook; print('snowballstemmer' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"


# -- skills -----------------------------------------------------------------------------------

@pytest.mark.parametrize("note, skill", [
    ("My experience running social campaigns for a climbing gym", "social media campaigns"),
    ("I have spent two years interviewing stakeholders in public services", "stakeholder interviews"),
    ("I have mapped more than twenty customer journeys", "journey mapping"),
    ("I have written grants that brought in $1.2 million", "grant writing"),
    ("as a preceptor for six new nurses", "precepting new nurses"),
    ("Coordinating 200 volunteers taught me", "volunteer coordination"),
    ("I rebuilt our customer\nonboarding checklist", "customer onboarding"),  # a line broken inside it
    ("I have run A/B testing programs", "A/B testing"),
])
def test_a_skill_is_restated_in_other_words(note, skill):
    assert skills_named(note, [skill, "Canva"], ignore=(ROLE, COMPANY)) == [skill]


def test_a_skill_in_the_roles_title_or_the_companys_name_alone_is_not_restated():
    note = "Thank you for interviewing me for the Social Media Campaigns Coordinator position."
    assert skills_named(note, ["social media campaigns"], ignore=("Social Media Campaigns Coordinator",)) == []
    assert skills_named("I enjoyed my visit to Brightwave Marketing.", ["marketing analytics", "marketing"],
                        ignore=("Digital Marketing Specialist", "Brightwave Marketing")) == []
    # ... but said again in the candidate's own words it is.
    assert skills_named(note + " I ran social media campaigns for five years.", ["social media campaigns"],
                        ignore=("Social Media Campaigns Coordinator",)) == ["social media campaigns"]


def test_a_skills_words_far_apart_or_too_few_are_not_the_skill():
    assert skills_named("I ran our social and email campaigns.",
                        ["social media campaigns"]) == ["social media campaigns"]  # two of three, close
    assert skills_named("Your social room was lovely. The whole office talked for hours about last year's "
                        "marketing campaigns.", ["social media campaigns"]) == []
    assert skills_named("I enjoyed our talk about media.", ["social media campaigns"]) == []
    assert skills_named("I know Salesforce well.", ["sales"]) == []


def test_a_skill_of_one_or_two_letters_counts_only_as_written():
    assert skills_named("I wrote the R scripts", ["R"]) == ["R"]
    assert skills_named("our r&d budget, and a good read", ["R"]) == []


def test_hyphenated_and_slashed_words_are_their_words():
    assert part_stems("the incident-response rotas") == part_stems("the incident response rota")
    assert skills_named("after three years on the incident-response rota", ["incident response"]) == [
        "incident response"]
    assert skills_named("I wrote the payroll/HR reports every month", ["HR reports"]) == ["HR reports"]
    assert skills_named("I rebuilt the rotas and planned the cover", ["rota planning"]) == ["rota planning"]


def test_a_skills_word_with_a_small_typo_is_the_word():
    assert near_word(stem("schedual"), stem("scheduling"))
    assert skills_named("I make the staff schedual for 25 associates", ["staff scheduling"]) == ["staff scheduling"]
    assert skills_named("I led the visual merchandizing of four stores", ["visual merchandising"]) == [
        "visual merchandising"]
    assert skills_named("I handled NEC complaince checks", ["code compliance", "NEC compliance"]) == [
        "NEC compliance"]
    # Only words of five letters or more, with the same first letter: "plan" is not "plat",
    # "data" not "date", "sales" still not "Salesforce".
    assert not near_word(stem("plat"), stem("plan"))
    assert not near_word(stem("date"), stem("data"))
    assert not near_word(stem("salesforce"), stem("sales"))
    assert not near_word(stem("meeting"), stem("marketing"))


def test_a_long_skill_is_restated_by_its_most_specific_words():
    assert specific_words("pediatric IV insertion") == ("IV",)
    assert specific_words("NEC code compliance") == ("NEC",)
    assert specific_words("GIS mapping") == ()  # two words: both are needed
    assert specific_words("patient and family education") == ()  # no word in capitals
    assert skills_named("For five years I have placed IVs in toddlers.", ["pediatric IV insertion"]) == [
        "pediatric IV insertion"]
    assert skills_named("I keep every panel to the NEC.", ["NEC code compliance"]) == ["NEC code compliance"]
    # ... as written: a roman numeral is no IV, and the role's title restates nothing.
    assert skills_named("see part iv of the handbook", ["pediatric IV insertion"]) == []
    assert skills_named("Thank you for the IV Team Nurse interview.", ["pediatric IV insertion"],
                        ignore=("IV Team Nurse",)) == []


@pytest.mark.parametrize("note, found", [
    ("at my current store I rebuilt the rotas so that weekend staff get every third Saturday off",
     "rebuilt the rotas"),
    ("For five years I have placed IVs in toddlers and taught parents", "placed IVs in toddlers"),
    ("I ran conduit through two occupied clinics for my last contractor",
     "ran conduit through two occupied clinics…"),
    ("at my last store I brought it from 2.8% to 1.1% in a year", "brought it from 2.8% to 1.1%…"),
    ("I have spent six years teaching six-year-olds to read.", "spent six years teaching six-year-olds to…"),
    ("In my current job I handle the weekly inventory counts.", "handle the weekly inventory counts"),
    ("With nine years of residential service work, I am confident", "nine years of residential service work"),
    ("I've also led the spring food drive.", "led the spring food drive"),
])
def test_the_candidates_own_concrete_experience(note, found):
    assert own_experience_in(note, ignore=(ROLE, COMPANY)) == found


@pytest.mark.parametrize("note, ignore", [
    ("I enjoyed our discussion of the slow shipment-tracking API.", ()),  # a courtesy, not work done
    ("I noted your aim of shortening the month-end close to five working days.", ()),
    ("I applied for the Senior Python Developer position at Tidewater.", ()),
    ("I have attached my portfolio and included two references.", ()),
    ("I sent the samples yesterday, and I met Rahul at lunch.", ()),
    ("I enjoyed learning about Ridgeline and its forty years in the valley.", ()),  # the company's years
    ("My skills and experience make me a strong fit for your team.", ()),
    ("I believe my qualifications match the requirements of the position well.", ()),
    ("I would be glad to help set up the evening front desk.", ()),  # an offer, not experience
    ("I have five years of experience.", ()),  # nothing specific
    ("I have worked on the Data Analyst team at Northwind Analytics.", (ROLE, COMPANY, "Northwind Analytics")),
    # Preparing for this interview is no experience.
    ("I researched Northwind before our call and reviewed the job description.", (COMPANY, "Northwind")),
    ("I worked hard on my answers to your 3 questions.", ()),
])
def test_no_concrete_experience_of_the_candidates_own(note, ignore):
    assert own_experience_in(note, ignore=ignore) is None


def _review_skills(tmp_path, body, skills, role="Store Manager", company="Hartwell & Sons Ltd"):
    with workbook.open_log(tmp_path / "log.sqlite") as log:
        log.add_candidate("Priya Wells", email="priya@example.com", phone="(555) 555-0100", skills=skills)
        interview = log.add_interview("Priya Wells", company, role, "2026-11-27T10:00", "2026-11-27T11:00",
                                      "Europe/London")
        person = log.add_interviewer(interview, "Gareth Hale")
        return {c.name: c for c in workbook.review_note(log, person, body, subject="Thanks")}["skills"]


def test_the_skills_check_quotes_the_experience_it_found(tmp_path):
    found = _review_skills(tmp_path, "Dear Gareth,\n\nAt my current store I rebuilt the rotas so that weekend "
                                     "staff get every third Saturday off.\n\nPriya", ["visual merchandising"])
    assert found.passed and found.advice == 'It describes your experience ("rebuilt the rotas").'


def test_a_skill_only_in_the_roles_title_still_fails_with_experience_looked_for(tmp_path):
    found = _review_skills(tmp_path, "Hi Megan,\n\nThank you for the interview for the Senior Python Developer "
                                     "position at Tidewater. I enjoyed our discussion of the slow API and would "
                                     "love to help speed it up.\n\nArjun", ["Python", "Django"],
                           role="Senior Python Developer", company="Tidewater Logistics Software, Inc.")
    assert not found.passed and "such as Python" in found.advice


def test_experience_is_found_when_no_skill_is_logged():
    assert experience_in("I have a background in front-desk work") == "background in"
    assert experience_in("I have five years of Java") == "five years of"
    assert experience_in("My skills and experience make me a strong fit for your team.") is None


# -- enthusiasm -------------------------------------------------------------------------------

@pytest.mark.parametrize("note, found", [
    ("it made clear to me that this is the role I most want as my next step", "role I most want"),
    ("I am very much interested in the Development Officer position", "very much interested"),
    ("left me particularly drawn to joining your team", "particularly drawn to"),
    ("I can't wait to get started", "can't wait"),
    ("I can’t wait to get started", "can’t wait"),
    ("I'd love to help with the launch", "I'd love"),
    ("I am excited about the role", "excited"),
    ("I am certain this is where I want to be", "where I want"),
    ("Looking forward to joining the team", "Looking forward to joining"),
])
def test_enthusiasm_in_the_words_people_use(note, found):
    assert enthusiasm_in(note) == found


@pytest.mark.parametrize("note", [
    "I enjoyed discussing the slow queries. I look forward to hearing from you.",
    "It was a pleasure to learn more about the position. I believe I would be a great fit for the team.",
    "I noted your aim of shortening the close. I could take on the reconciliation part.",
    "I look forward to speaking with you again.",
])
def test_courtesies_are_not_enthusiasm(note):
    assert enthusiasm_in(note) is None


@pytest.mark.parametrize("note, found", [
    ("I would welcome the chance to serve Brookhaven's residents in this role.",
     "I would welcome the chance to serve"),
    ("Whitmore is exactly the kind of college where I hope to build my teaching career.",
     "hope to build my teaching career"),
    ("I would be happy to join your crew.", "I would be happy to join"),
    ("I would be honoured to be part of the team.", "I would be honoured to be part"),
    ("Count me in for the robotics club.", "Count me in"),
    ("I would jump at the chance to get the club running again.", "I would jump at the chance"),
    ("I'd relish the chance to lead the Cheltenham team.", "I'd relish the chance"),
    ("I'd really like to work for Keystone Electric.", "I'd really like to work for"),
    ("I'd be glad to start in January.", "I'd be glad to start"),
])
def test_enthusiasm_in_frames_of_wanting_the_role(note, found):
    assert enthusiasm_in(note) == found


@pytest.mark.parametrize("note", [
    "I would be happy to provide references.",
    "I would be glad to answer any other questions.",
    "I hope to hear from you soon.",
    "I would welcome the opportunity to discuss my application further.",
    "I would like to take a moment to thank you.",
    "I would like to start by thanking you.",
    "I would be glad to contribute to the retention project.",  # a goal, not wanting the role
    "They count on me in my current job.",
])
def test_frames_of_wanting_lead_to_joining_not_to_courtesies(note):
    assert enthusiasm_in(note) is None


# -- next steps: an offer -------------------------------------------------------------------

@pytest.mark.parametrize("note, found", [
    ("Whatever you need next — references, a sample lesson — just say the word.", "Whatever you need"),
    ("If you need anything more from me, I can send it today.", "If you need anything"),
    ("References are ready: just say the word.", "just say the word"),
    ("I am happy to send the case study.", "happy to send"),
])
def test_an_offer_of_what_they_need_next(note, found):
    assert offer_in(note) == found


@pytest.mark.parametrize("note", ["Thank you again for your time.", "I hope you need a chemistry teacher.",
                                  "Your team needs a new rota."])
def test_no_offer_of_what_they_need_next(note):
    assert offer_in(note) is None


# -- goals ------------------------------------------------------------------------------------

@pytest.mark.parametrize("note, found", [
    ("I'd love to help plan the launch content.", "help plan the launch content"),
    ("I would be glad to take on the test coverage work you mentioned.",
     "take on the test coverage work you mentioned"),
    ("I'd love to pair with you on the grid and to help set up the screen reader testing.",
     "pair with you on the grid"),
    ("I would be delighted to join Maison Aubert and help put together the press kit.",
     "help put together the press kit"),
    ("Your plan sounds like exactly the project I would love to contribute to, and I'm excited.", "contribute to"),
    ("Finding a new catering partner is work I would enjoy taking on.", "taking on"),
    ("The plan to automate refunds: I would love to work on that.", "work on that"),
    ("I can already picture myself leading the spring food drive.", "leading the spring food drive"),
    ("I could take on the reconciliation part of the NetSuite migration next spring.",
     "take on the reconciliation part of the NetSuite migration next…"),
    ("I would like to bring the same approach to the onboarding work.",
     "bring the same approach to the onboarding work"),
    ("I coached a FIRST team and would jump at the chance to get the Lincoln Heights club running again.",
     "get the Lincoln Heights club running again"),
])
def test_a_goal_the_candidate_wants_to_take_on(note, found):
    assert goal_in(note, ignore=(ROLE, COMPANY)) == found


@pytest.mark.parametrize("note, ignore", [
    ("I believe my incident response experience aligns well with the goals of your team.", ()),
    ("I understand the team's goal is to split the ledger service this year.", ()),
    ("Thank you for meeting with me about the project management position.", ("Project Manager",)),
    ("I am excited about the role and eager to contribute to your projects and goals.", ()),
    ("I am keen to bring that discipline to Westbrook.", ("Westbrook Construction Group, Inc.",)),
    ("I would love to join your team. I'm really excited to meet the rest of the team.", ()),
    ("I look forward to hearing from you. I'll send you the samples by Friday.", ()),
    ("I would be a great addition to the team, and I would be happy to provide references.", ()),
    ("My experience with Kafka and Python would help the team.", ()),
    ("I would love to help Northwind Analytics grow.", (COMPANY, "Northwind Analytics")),
    ("I would be glad to come in for another interview; I can start on Monday.", ()),
    ("I would like to reiterate my interest in the position. I'd be thrilled to be considered.", ()),
    ("I could hit the ground running, and I would welcome the opportunity to work with you.", ()),
])
def test_no_goal_of_the_candidates_own(note, ignore):
    assert goal_in(note, ignore=ignore) is None
