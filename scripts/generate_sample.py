"""Generate the sample coaching cohort shipped in ``data/sample``.

Four fictional candidates, about fifty interviews from August to November 2026 in
eight time zones, the people met at each, the thank-you notes written to them and
what happened next. Everything is drawn from a seeded :class:`random.Random`, so the
same seed always writes byte-identical CSV files. The sample is meant to be looked
at as of :data:`SAMPLE_NOW`.

Run ``python scripts/generate_sample.py [FOLDER]`` to (re)write the files. It lives outside the
installed package: only the files it writes are shipped.
"""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from workbook.config import SAMPLE_DIR
from workbook.sample import SAMPLE_NOW

__all__ = ["SAMPLE_SEED", "DEFAULT_FOLDER", "write_sample", "main"]

#: Seed of the shipped sample.
SAMPLE_SEED = 20261120
#: Where ``python scripts/generate_sample.py`` writes by default.
DEFAULT_FOLDER = SAMPLE_DIR

HEADERS = {
    "candidates": ["candidate", "email", "phone", "skills"],
    "interviews": [
        "interview_id", "candidate", "company", "role", "stage",
        "timezone", "starts_at", "ends_at",
    ],
    "interviewers": [
        "interviewer_id", "interview_id", "name", "title", "email", "phone",
        "talking_points",
    ],
    "notes": [
        "note_id", "interviewer_id", "channel", "subject", "body", "sent_at",
        "replied_at",
    ],
    "outcomes": ["interview_id", "outcome", "decided_at"],
}

# --------------------------------------------------------------------------- #
# Candidates and their habits
# --------------------------------------------------------------------------- #
# timing: weights of (same_day, within_24h, late) for a person they decide to thank;
# never: weight of skipping (first person met, everyone else), which is how the
# "skips people" habit shows up: the senior person gets a note, the rest do not.
CANDIDATES = {
    "Priya Raman": {
        "track": "analyst",
        "email": "priya.raman@example.com",
        "phone": "312-555-0142",
        "skills": ["SQL", "Python (pandas)", "Tableau", "A/B testing", "dbt",
                   "stakeholder reporting"],
        "wins": [
            "I cut our month-end reporting from four days to one",
            "I built the churn model my current team still relies on",
            "I moved forty spreadsheet reports into tested dbt models",
        ],
        "timing": (85, 12, 3), "never": (0, 0), "good": 0.88,
        "channels": {"email": 88, "handwritten": 7, "other": 5}, "draft": 0.6,
    },
    "Marcus Okafor": {
        "track": "backend",
        "email": "marcus.okafor@example.org",
        "phone": "212-555-0178",
        "skills": ["Python", "Go", "PostgreSQL", "Kafka", "distributed systems", "AWS"],
        "wins": [
            "I led the move of our order service off the monolith",
            "I brought our checkout API's p99 latency down by sixty percent",
            "I ran the incident reviews for our payments team for two years",
        ],
        "timing": (10, 20, 60), "never": (12, 15), "good": 0.5,
        "channels": {"email": 92, "handwritten": 0, "other": 8}, "draft": 0.5,
    },
    "Elena Vasquez": {
        "track": "ux",
        "email": "elena.vasquez@example.com",
        "phone": "213-555-0116",
        "skills": ["Figma", "usability testing", "design systems",
                   "accessibility (WCAG 2.2)", "prototyping", "user research"],
        "wins": [
            "I redesigned a sign-up flow that lifted completion by a third",
            "I set up the design system our four product teams now share",
            "I ran monthly usability sessions with real customers for two years",
        ],
        "timing": (32, 18, 10), "never": (10, 70), "good": 0.65,
        "channels": {"email": 80, "handwritten": 0, "other": 20}, "draft": 0.3,
    },
    "Dana Whitfield": {
        "track": "edtech",
        "email": "dana.whitfield@example.org",
        "phone": "303-555-0193",
        "skills": ["clinical education", "curriculum design", "Articulate Storyline",
                   "staff training", "patient safety", "team leadership"],
        "wins": [
            "I rebuilt our unit's orientation program for new graduate nurses",
            "I led medication-safety training for a staff of forty nurses",
            "I wrote the simulation scenarios our hospital still uses for onboarding",
        ],
        "timing": (35, 35, 20), "never": (8, 10), "good": 0.66,
        "channels": {"email": 60, "handwritten": 35, "other": 5}, "draft": 0.5,
    },
}

# Shift the timing weights by how the interview turned out, so that on-time notes go
# with better outcomes in the charts, but only somewhat (habits still dominate).
TILTS = {
    "warm": (1.4, 1.2, 0.6, 0.5),
    "cold": (0.7, 0.9, 1.5, 1.6),
    "neutral": (1.0, 1.0, 1.0, 1.0),
}
OUTCOME_TILT = {"next_round": "warm", "offer": "warm", "rejected": "cold",
                "no_response": "cold"}

# --------------------------------------------------------------------------- #
# Companies, roles and the interview calendar
# --------------------------------------------------------------------------- #
COMPANIES = {
    # name: (time zone, e-mail domain label, what the candidate would help them do)
    "Larkspur Metrics": ("America/Chicago", "larkspur",
                         "make sense of shopper data for regional retailers"),
    "Quillfeather Health": ("America/New_York", "quillfeather",
                            "make hospital bills easier to understand"),
    "Ottoline Grocers": ("America/Denver", "ottoline",
                         "keep grocery prices fair across the Mountain West"),
    "Cobaltline Freight": ("America/Chicago", "cobaltline",
                           "move freight with fewer empty miles"),
    "Brackenridge Payments": ("America/New_York", "brackenridge",
                              "make small-business payments boring and reliable"),
    "Saffronleaf Software": ("Asia/Kolkata", "saffronleaf",
                             "build accounting software for small manufacturers"),
    "Halloway & Pike": ("Europe/London", "hallowaypike",
                        "keep insurance claims moving"),
    "Nordlicht Mobility": ("Europe/Berlin", "nordlicht",
                           "run on-demand shuttles across German cities"),
    "Tessellate Cloudworks": ("America/Los_Angeles", "tessellate",
                              "give game studios a simpler build pipeline"),
    "Quarry Lane Robotics": ("America/Chicago", "quarrylane",
                             "automate picking in mid-sized warehouses"),
    "Wrenfield Studio": ("America/Los_Angeles", "wrenfield",
                         "build booking software for independent salons"),
    "Meridale Clinics": ("America/Denver", "meridale",
                         "give patients a portal they actually like using"),
    "Southerly Bay Energy": ("Australia/Sydney", "southerlybay",
                             "help households make the most of their solar panels"),
    "Brambleworth & Co.": ("Europe/London", "brambleworth",
                           "sell secondhand furniture online"),
    "Tinsmith Outdoor Gear": ("America/Los_Angeles", "tinsmith",
                              "outfit weekend hikers"),
    "Glasswing Finance": ("America/New_York", "glasswing",
                          "take the dread out of taxes for freelancers"),
    "Brightpath Learning": ("America/Chicago", "brightpath",
                            "train the next generation of nurses"),
    "Pinecrest Learning": ("America/Denver", "pinecrest",
                           "support nursing schools with online coursework"),
    "Kindlewood Simulation Labs": ("America/Chicago", "kindlewood",
                                   "bring realistic clinical simulation to every "
                                   "nursing program"),
    "Ashgrove Learning Systems": ("Asia/Kolkata", "ashgrove",
                                  "build nursing curricula for hospital academies"),
    "Lanternfield Health Academy": ("Europe/London", "lanternfield",
                                    "offer continuing education to nurses across "
                                    "the UK"),
}


class Stage(NamedTuple):
    """One scheduled interview of a pipeline; unset fields are drawn at random."""

    stage: str
    day: str
    start: str | None = None
    minutes: int | None = None
    people: int | None = None
    special: str | None = None


# (candidate, company, role, outcome of the last stage logged, stages). Earlier
# stages of a pipeline always end in next_round; None means no decision yet.
PIPELINES = [
    ("Priya Raman", "Larkspur Metrics", "Data Analyst", "rejected", [
        Stage("phone screen", "2026-08-04"), Stage("hiring manager", "2026-08-12"),
        Stage("technical", "2026-08-20"), Stage("panel", "2026-08-27")]),
    ("Priya Raman", "Quillfeather Health", "Healthcare Data Analyst", "no_response", [
        Stage("phone screen", "2026-08-18"), Stage("hiring manager", "2026-08-26")]),
    ("Priya Raman", "Ottoline Grocers", "Pricing Analyst", "withdrew", [
        Stage("phone screen", "2026-09-08"), Stage("technical", "2026-09-15"),
        Stage("final", "2026-09-24")]),
    ("Priya Raman", "Cobaltline Freight", "Senior Data Analyst", "offer", [
        Stage("phone screen", "2026-09-29"), Stage("hiring manager", "2026-10-06"),
        Stage("technical", "2026-10-14", special="two_notes"),
        Stage("final", "2026-10-22")]),
    ("Marcus Okafor", "Brackenridge Payments", "Backend Engineer", "rejected", [
        Stage("phone screen", "2026-08-05"), Stage("technical", "2026-08-13"),
        Stage("panel", "2026-08-21")]),
    ("Marcus Okafor", "Saffronleaf Software", "Senior Backend Engineer", "no_response", [
        Stage("phone screen", "2026-08-25"),
        Stage("technical", "2026-09-02", special="exactly_24h"),
        Stage("final", "2026-09-10")]),
    ("Marcus Okafor", "Halloway & Pike", "Platform Engineer", "withdrew", [
        Stage("phone screen", "2026-09-09"),
        Stage("technical", "2026-09-16", special="wrong_company"),
        Stage("panel", "2026-09-23")]),
    ("Marcus Okafor", "Nordlicht Mobility", "Backend Engineer, Payments", None, [
        Stage("phone screen", "2026-10-14"),
        # A Saturday hiring day on the weekend the clocks go back in Europe.
        Stage("hiring day", "2026-10-24", "10:00", 60, 3, special="dst_berlin")]),
    ("Marcus Okafor", "Tessellate Cloudworks", "Backend Engineer II", None, [
        Stage("phone screen", "2026-10-28"), Stage("technical", "2026-11-05"),
        # Ends Thursday 23:00 UTC: still pending at SAMPLE_NOW.
        Stage("final", "2026-11-19", "14:00", 60)]),
    ("Marcus Okafor", "Quarry Lane Robotics", "Software Engineer, Fleet Services", None, [
        Stage("phone screen", "2026-11-03")]),
    ("Elena Vasquez", "Wrenfield Studio", "Product Designer", "rejected", [
        Stage("phone screen", "2026-08-07"), Stage("portfolio review", "2026-08-14"),
        Stage("panel", "2026-08-25", special="wrong_name")]),
    ("Elena Vasquez", "Meridale Clinics", "UX Designer, Patient Portal", "no_response", [
        Stage("phone screen", "2026-08-20"), Stage("hiring manager", "2026-08-28")]),
    ("Elena Vasquez", "Southerly Bay Energy", "Senior UX Designer", "withdrew", [
        Stage("phone screen", "2026-09-17"), Stage("portfolio review", "2026-10-08")]),
    ("Elena Vasquez", "Brambleworth & Co.", "UX Researcher", "no_response", [
        Stage("phone screen", "2026-10-01"), Stage("panel", "2026-10-12")]),
    ("Elena Vasquez", "Tinsmith Outdoor Gear", "Senior Product Designer", None, [
        Stage("phone screen", "2026-10-20"), Stage("portfolio review", "2026-10-29"),
        Stage("panel", "2026-11-10")]),
    ("Elena Vasquez", "Glasswing Finance", "Product Designer", None, [
        Stage("phone screen", "2026-11-20", "09:00", 30)]),
    ("Dana Whitfield", "Brightpath Learning", "Clinical Education Specialist", "rejected", [
        Stage("phone screen", "2026-08-10"), Stage("hiring manager", "2026-08-18")]),
    ("Dana Whitfield", "Pinecrest Learning", "Customer Success Manager, Nursing Programs",
     "offer", [
         Stage("phone screen", "2026-08-31"), Stage("hiring manager", "2026-09-09"),
         Stage("panel", "2026-09-21", special="long_note")]),
    ("Dana Whitfield", "Kindlewood Simulation Labs", "Clinical Simulation Designer",
     "next_round", [
         Stage("phone screen", "2026-10-19"),
         # Saturday teaching demo: its 24 hours cross the US change back to CST.
         Stage("teaching demo", "2026-10-31", "10:00", 90, 2, special="dst_chicago"),
         Stage("final", "2026-11-12")]),
    ("Dana Whitfield", "Ashgrove Learning Systems", "Nursing Curriculum Consultant", None, [
        Stage("phone screen", "2026-11-05"),
        Stage("hiring manager", "2026-11-20", "11:00", 60)]),
    ("Dana Whitfield", "Lanternfield Health Academy", "Clinical Content Lead", None, [
        Stage("phone screen", "2026-11-09"),
        # Ends 17:30 UTC on Thursday: due half an hour after SAMPLE_NOW.
        Stage("panel", "2026-11-19", "16:00", 90)]),
]

# stage: (possible lengths in minutes, possible numbers of interviewers)
STAGE_SHAPES = {
    "phone screen": ([30, 30, 45], [1, 1, 2]),
    "hiring manager": ([45, 60], [1, 2, 2]),
    "technical": ([60, 90], [2, 3, 3]),
    "portfolio review": ([60, 75, 90], [2, 3, 3]),
    "panel": ([90], [3, 4, 4]),
    "final": ([60, 90], [2, 3, 4]),
    "hiring day": ([60], [3]),
    "teaching demo": ([90], [2]),
}

# --------------------------------------------------------------------------- #
# The people met
# --------------------------------------------------------------------------- #
NAMES = {
    "us": (
        [("Olivia", "f"), ("James", "m"), ("Aaliyah", "f"), ("Mateo", "m"),
         ("Grace", "f"), ("Daniel", "m"), ("Sofia", "f"), ("Ethan", "m"),
         ("Mei", "f"), ("Andre", "m"), ("Rachel", "f"), ("Tomas", "m"),
         ("Naomi", "f"), ("Caleb", "m"), ("Hannah", "f"), ("Jamal", "m"),
         ("Lucia", "f"), ("Owen", "m"), ("Keisha", "f"), ("Ryan", "m"),
         ("Ingrid", "f"), ("Victor", "m"), ("Tessa", "f"), ("Wesley", "m")],
        ["Alvarez", "Brennan", "Castillo", "Delgado", "Ellison", "Fairbanks",
         "Gallagher", "Hendricks", "Iwasaki", "Jablonski", "Kowalczyk", "Lindqvist",
         "Moreno", "Nakamura", "Osei", "Pritchard", "Quintero", "Rasmussen",
         "Sandoval", "Thibodeaux", "Underwood", "Valenzuela", "Whitaker", "Zielinski"],
    ),
    "uk": (
        [("Oliver", "m"), ("Amelia", "f"), ("Harriet", "f"), ("Rhys", "m"),
         ("Imogen", "f"), ("Callum", "m"), ("Priyanka", "f"), ("Tobias", "m"),
         ("Eleanor", "f"), ("Declan", "m"), ("Fiona", "f"), ("Gareth", "m")],
        ["Ashworth", "Pemberton", "Hollis", "Okonkwo", "Fairweather", "Gillespie",
         "Marsden", "Thackeray", "Haldane", "Whitcombe", "Rowntree", "Lockhart"],
    ),
    "de": (
        [("Jonas", "m"), ("Lena", "f"), ("Friederike", "f"), ("Matthias", "m"),
         ("Anke", "f"), ("Felix", "m"), ("Katrin", "f"), ("Henrik", "m"),
         ("Sabine", "f"), ("Lukas", "m")],
        ["Albrecht", "Brandt", "Hoffmann", "Kessler", "Lindner", "Vogt", "Ziegler",
         "Schumacher", "Engel", "Krause"],
    ),
    "in": (
        [("Ananya", "f"), ("Rohan", "m"), ("Kavya", "f"), ("Arjun", "m"),
         ("Meera", "f"), ("Vikram", "m"), ("Ishita", "f"), ("Sandeep", "m"),
         ("Pooja", "f"), ("Aditya", "m")],
        ["Banerjee", "Chatterjee", "Iyer", "Mukherjee", "Nair", "Sengupta",
         "Deshpande", "Bose", "Reddy", "Ghosh"],
    ),
    "au": (
        [("Chloe", "f"), ("Lachlan", "m"), ("Matilda", "f"), ("Hamish", "m"),
         ("Zoe", "f"), ("Angus", "m"), ("Ruby", "f"), ("Jack", "m")],
        ["McAllister", "Thornton", "Nguyen", "Fitzgerald", "Harcourt", "O'Keefe",
         "Papadakis", "Galloway"],
    ),
}
REGION_OF_ZONE = {
    "Europe/London": "uk", "Europe/Berlin": "de", "Asia/Kolkata": "in",
    "Australia/Sydney": "au",
}  # every America/* zone is "us"
AREA_CODES = {"America/New_York": "212", "America/Chicago": "312",
              "America/Denver": "303", "America/Los_Angeles": "213"}
PRONOUNS = {"f": ("she", "her", "Ms."), "m": ("he", "his", "Mr.")}

RECRUITER_TITLES = ["Recruiter", "Technical Recruiter", "Talent Acquisition Partner",
                    "Recruiting Coordinator"]
RECRUITER_TOPICS = [
    "the interview process and timeline",
    "the hybrid schedule of three office days",
    "relocation support for the role",
    "the benefits package and learning budget",
    "why the role is open now",
    "the team's hiring plans for next year",
]
EXECUTIVE_TOPICS = [
    "the company's plans for next year",
    "how the team measures success",
    "the product roadmap for the coming year",
    "expanding into two new markets",
]

TRACKS = {
    "analyst": {
        "manager": ["Analytics Manager", "Director of Analytics"],
        "executive": ["VP of Data", "Chief Financial Officer"],
        "partner": ["Product Manager", "Finance Business Partner"],
        "peers": ["Senior Data Analyst", "Analytics Engineer", "Data Scientist",
                  "BI Developer", "Data Analyst"],
        "topics": [
            "rebuilding the weekly revenue dashboard",
            "cleaning up duplicate customer records",
            "A/B test design for the checkout page",
            "forecasting seasonal demand",
            "moving reporting from spreadsheets to dbt models",
            "agreeing on one definition of churn",
            "the SQL exercise on order cohorts",
            "self-serve reporting for the sales team",
            "data quality alerts on the nightly loads",
            "pricing experiments across regions",
            "explaining uncertainty to executives",
            "the backlog of ad-hoc requests",
        ],
        "goals": ["building one source of truth for revenue metrics",
                  "speeding up month-end reporting",
                  "building a demand forecast the buyers can trust",
                  "turning the weekly dashboards into something people read"],
        "samples": "the dashboard samples",
    },
    "backend": {
        "manager": ["Engineering Manager", "Head of Platform"],
        "executive": ["VP of Engineering", "CTO"],
        "partner": ["Product Manager", "Site Reliability Engineer"],
        "peers": ["Senior Software Engineer", "Staff Engineer", "Backend Engineer",
                  "Principal Engineer", "Software Engineer"],
        "topics": [
            "migrating the billing pipeline to event sourcing",
            "splitting the order service out of the monolith",
            "cutting p99 latency on the search API",
            "partitioning the largest Postgres tables",
            "rate limiting for the public API",
            "making payment webhooks idempotent",
            "moving batch jobs onto a message queue",
            "the incident review after last spring's outage",
            "the system design exercise on ride matching",
            "contract tests between services",
            "tracing requests with OpenTelemetry",
            "code review habits on the platform team",
        ],
        "goals": ["making on-call calmer",
                  "rewriting the ledger as an event-driven service",
                  "shipping the new public API",
                  "making deploys faster and safer"],
        "samples": "the design document from my last project",
    },
    "ux": {
        "manager": ["Design Manager", "Head of Design"],
        "executive": ["Chief Product Officer", "VP of Product"],
        "partner": ["Product Manager", "Frontend Engineer"],
        "peers": ["Senior Product Designer", "UX Researcher", "Content Designer",
                  "Design Systems Lead", "Product Designer"],
        "topics": [
            "redesigning onboarding for first-time users",
            "the accessibility audit of the mobile app",
            "building a shared design system in Figma",
            "usability testing with field technicians",
            "the checkout-friction case study in my portfolio",
            "simplifying the settings page",
            "recruiting participants for research",
            "dark mode across the app",
            "design critiques with engineers in the room",
            "turning research findings into roadmap decisions",
            "content design for error messages",
            "the whiteboard exercise on a booking flow",
        ],
        "goals": ["shipping the new onboarding flow",
                  "growing a design system every team can use",
                  "making the product fully accessible",
                  "setting up a regular rhythm of usability testing"],
        "samples": "the two case studies",
    },
    "edtech": {
        "manager": ["Director of Clinical Education", "Head of Customer Success"],
        "executive": ["Chief Learning Officer", "Chief Executive Officer"],
        "partner": ["Product Manager", "Instructional Designer"],
        "peers": ["Nurse Educator", "Instructional Designer", "Curriculum Lead",
                  "Customer Success Manager", "Clinical Content Writer"],
        "topics": [
            "clinical simulation modules for nursing students",
            "onboarding new hospital customers",
            "course design for continuing education credits",
            "the teaching demo on medication safety",
            "supporting faculty at nursing schools",
            "measuring learner outcomes after graduation",
            "a library of case-based scenarios",
            "training instructors on the platform",
            "turning bedside experience into course content",
            "captions and transcripts for video lectures",
            "renewals and customer health scores",
            "preceptor programs for new graduate nurses",
        ],
        "goals": ["building the new simulation library",
                  "smoothing the first semester for partner schools",
                  "creating courses that count toward continuing education",
                  "gathering better outcomes data for nursing programs"],
        "samples": "the sample lesson plan",
    },
}

# (talking-point phrase, the sentence a good note uses to pick it up again)
PERSONAL_POINTS = [
    ("{poss} team's on-call rotation",
     "Thank you as well for being so candid about your team's on-call rotation."),
    ("a shared interest in trail running",
     "It was also fun to trade trail running stories."),
    ("{poss} first year at the company",
     "I also enjoyed hearing how your first year at the company has gone."),
    ("the mentoring program {subj} started",
     "The mentoring program you started is exactly the culture I am looking for."),
    ("a shared love of sourdough baking",
     "It was a pleasure to meet a fellow sourdough baker."),
    ("working across time zones",
     "Your tips on working across time zones were very helpful."),
    ("{poss} volunteer work with a coding club for teenagers",
     "I loved hearing about your volunteer work with the coding club for teenagers."),
    ("a book on team habits {subj} recommended",
     "I have already ordered the book on team habits you recommended."),
    ("the team's Friday demo sessions",
     "The team's Friday demo sessions sound like a great habit."),
]

# --------------------------------------------------------------------------- #
# Note templates
# --------------------------------------------------------------------------- #
THANKS = [
    "Thank you for taking the time to speak with me {when} about the {role} role at "
    "{company}. I appreciated the opportunity to learn more about your team.",
    "Thank you for meeting with me {when} and for the opportunity to interview for "
    "the {role} position at {company}.",
    "Thank you for your time {when} and for the chance to talk about the {role} role "
    "at {company}.",
]
ENTHUSIASM = [
    "I am excited about the role and about helping {company} {mission}.",
    "Our conversation made me even more enthusiastic about helping {company} "
    "{mission}.",
    "I left even more keen to help {company} {mission}.",
]
DETAILS = [
    "I especially enjoyed our conversation about {topic}.",
    "Hearing about {topic} made the role feel very concrete to me.",
    "Thank you for walking me through {topic}.",
    "Our discussion of {topic} has stayed with me since.",
    "I appreciated your candour about {topic}.",
]
SKILL_LINES = [
    "My experience in {skill} is a close fit for this role: in my current job {win}.",
    "I believe my background in {skill} would help the team; for example, {win}.",
    "I would bring solid {skill} experience as well: {win}.",
]
GOAL_LINES = [
    "I would be especially excited to help with {goal}.",
    "One project I would love to take on is {goal}.",
    "{Goal} is the project I would most like to contribute to.",
]
NEXT_STEPS = [
    "I look forward to hearing about next steps.",
    "As we discussed, I will send {samples} by Friday.",
    "I look forward to hearing from you about the next round.",
    # Only used when the recruiter is someone else, see _Writer.good.
    "{recruiter} mentioned the team will decide by the end of next week, and I look "
    "forward to hearing from you.",
    "I will send {samples} we discussed by Monday, and I look forward to hearing "
    "about next steps.",
]
CLOSINGS = ["Best regards", "Kind regards", "Warm regards", "Sincerely", "With thanks"]
SUBJECTS = [
    "Thank you — {role} interview",
    "Thank you for your time {when}",
    "Thanks, {first} — {company} interview",
    "Following up on the {role} interview",
    "Thank you from {candidate}",
]
WEAK_SUBJECTS = ["Thank you", "Thanks!", "Interview", "Follow-up"]
# Generic notes, the kind the guideline warns about; some drop the contact details.
WEAK_BODIES = [
    "Dear {first},\n\nThank you for your time today. I enjoyed our conversation and "
    "hope to hear from you.\n\nBest,\n{cand_first}",
    "Hi {first},\n\nThanks for meeting with me about the {role} position. It was great "
    "to learn more about {company}, and I am still very interested. Please let me "
    "know if you need anything else from me.\n\nThanks,\n{candidate}\n{email}",
    "Dear {honorific} {last},\n\nThank you for taking the time to interview me for the "
    "{role} role. I enjoyed learning about the team and I believe my skills would be "
    "a great fit. I hope to hear from you soon.\n\nSincerely,\n{candidate}\n{phone}\n"
    "{email}",
]
# Redoing the interview in writing: the "keep it short" mistake.
RAMBLE = [
    "As I mentioned, I would like to say a little more about {topic}, because I do "
    "not think I did it justice when we talked. My experience in {skill} goes back "
    "many years, and {win}. I know we covered some of this already, but I wanted to "
    "make sure it came across properly, since it is really the heart of why I applied "
    "and why I think I could make a difference on your team from the very first week.",
    "I have also been taking an evening course in instructional design, I am about "
    "halfway through a certificate in learning experience design, and I have built "
    "two sample modules in my spare time, one on sepsis recognition and one on safe "
    "patient handoffs. I would be very happy to walk you through them, to send them "
    "over, or to present them to the wider team if that would be useful at any point "
    "in the process.",
]

# Interviews whose follow-up is pinned to show one case of the guideline each:
# interviewer index -> (timing or local send time, body kind).
SPECIALS = {
    # Clocks go back on Sunday 25 October in Berlin: 10:30 Sunday is 24.5 elapsed
    # hours after 11:00 Saturday, so late, although the wall clock says 23.5 h.
    "dst_berlin": {0: ("2026-10-25T10:30", "good"), 1: ("2026-10-25T10:41", "good"),
                   2: ("2026-10-24T18:20", "good")},
    # US clocks go back on Sunday 1 November: 10:15 CST is 23.75 h after 11:30 CDT
    # Saturday (within 24 h), 11:00 CST is 24.5 h (late, wall clock says 23.5 h).
    "dst_chicago": {0: ("2026-11-01T10:15", "good"), 1: ("2026-11-01T11:00", "good")},
    "exactly_24h": {0: ("exactly_24h", "good")},
    "two_notes": {0: ("same_day", "good_then_card")},
    "wrong_company": {0: ("within_24h", "wrong_company")},
    "wrong_name": {1: ("same_day", "wrong_name")},
    "long_note": {0: ("same_day", "long")},
}

TIMINGS = ("same_day", "within_24h", "late", "never")
_UTC = timezone.utc
_NOW = datetime.fromisoformat(SAMPLE_NOW)


# --------------------------------------------------------------------------- #
# Small helpers
# --------------------------------------------------------------------------- #
def _stream(seed: int, name: str) -> random.Random:
    # One stream per concern, so that tweaking the note texts does not move
    # every interview time as well.
    return random.Random(f"{seed}:{name}")


def _local(day: date, hour: int, minute: int, zone: ZoneInfo) -> datetime:
    """Return the UTC instant of a wall-clock time on ``day`` in ``zone``."""
    return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(_UTC)


def _between(rng: random.Random, lo: datetime, hi: datetime) -> datetime:
    """Return a whole minute drawn uniformly from ``[lo, hi]`` (UTC)."""
    span = max(0, int((hi - lo).total_seconds() // 60))
    return lo + timedelta(minutes=rng.randint(0, span))


def _awake(rng: random.Random, moment: datetime, zone: ZoneInfo) -> datetime:
    """Move ``moment`` forward, if needed, to a waking hour (07-22) in ``zone``."""
    wall = moment.astimezone(zone)
    if wall.hour < 7:
        return _local(wall.date(), 7 + rng.randint(0, 2), rng.randrange(0, 60, 5), zone)
    if wall.hour >= 22:
        return _local(wall.date() + timedelta(days=1), 8 + rng.randint(0, 2),
                      rng.randrange(0, 60, 5), zone)
    return moment


def _weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _iso(moment: datetime | None, zone: ZoneInfo) -> str:
    return "" if moment is None else moment.astimezone(zone).isoformat(timespec="seconds")


def _when(end: datetime, sent: datetime | None, zone: ZoneInfo) -> str:
    """How a note written at ``sent`` refers to the interview day."""
    if sent is None:
        return "today"
    days = (sent.astimezone(zone).date() - end.astimezone(zone).date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return "on " + end.astimezone(zone).strftime("%A")


# --------------------------------------------------------------------------- #
# Calendar
# --------------------------------------------------------------------------- #
@dataclass
class _Interview:
    candidate: str
    company: str
    role: str
    stage: str
    zone: ZoneInfo
    start: datetime
    end: datetime
    people: int
    special: str | None
    outcome: str | None
    next_start: datetime | None = None
    interview_id: int = 0


def _schedule(rng: random.Random) -> list[_Interview]:
    """Place every pipeline stage at a time of day, in chronological order."""
    interviews = []
    for candidate, company, role, last_outcome, stages in PIPELINES:
        zone = ZoneInfo(COMPANIES[company][0])
        pipeline = []
        for number, spec in enumerate(stages):
            lengths, sizes = STAGE_SHAPES[spec.stage]
            minutes = spec.minutes or rng.choice(lengths)
            if spec.start:
                hour, minute = map(int, spec.start.split(":"))
            else:
                # Half-hour slots between 09:00 and an end no later than 17:30.
                slot = rng.randrange(0, (17 * 60 + 30 - minutes - 9 * 60) // 30 + 1)
                hour, minute = divmod(9 * 60 + 30 * slot, 60)
            start = _local(date.fromisoformat(spec.day), hour, minute, zone)
            last = number == len(stages) - 1
            pipeline.append(_Interview(
                candidate, company, role, spec.stage, zone, start,
                start + timedelta(minutes=minutes),
                spec.people or rng.choice(sizes), spec.special,
                last_outcome if last else "next_round"))
        for earlier, later in zip(pipeline, pipeline[1:]):
            earlier.next_start = later.start
        interviews.extend(pipeline)
    interviews.sort(key=lambda i: i.start)
    for number, interview in enumerate(interviews, start=1):
        interview.interview_id = number
    return interviews


def _decision(rng: random.Random, interview: _Interview) -> datetime | None:
    """When the outcome was known, or None if it is not known by SAMPLE_NOW."""
    if interview.outcome is None:
        return None
    end_day = interview.end.astimezone(interview.zone).date()
    if interview.next_start is not None:
        # Invited to the next round a few days later, always before it happens.
        gap = (interview.next_start.astimezone(interview.zone).date() - end_day).days
        days = [d for d in range(1, min(gap, 6))
                if (end_day + timedelta(days=d)).weekday() < 5] or [1]
        day = end_day + timedelta(days=rng.choice(days))
    else:
        delay = {"offer": (4, 10), "rejected": (3, 16), "no_response": (21, 21),
                 "withdrew": (2, 7), "next_round": (3, 5)}[interview.outcome]
        day = _weekday_on_or_after(end_day + timedelta(days=rng.randint(*delay)))
    decided = _local(day, rng.randint(9, 16), rng.choice([0, 15, 30, 45]),
                     interview.zone)
    return decided if decided <= _NOW else None


# --------------------------------------------------------------------------- #
# People
# --------------------------------------------------------------------------- #
@dataclass
class _Person:
    first: str
    last: str
    gender: str
    title: str
    email: str
    phone: str
    role: str  # recruiter, manager, executive, partner or peer


class _Directory:
    """Invents each company's staff the first time the company is met."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.staff: dict[str, dict[str, list[_Person]]] = {}
        self.used_names: set[tuple[str, str]] = set()
        reserved = {c["phone"][-4:] for c in CANDIDATES.values()}
        self.us_numbers = [f"01{n:02d}" for n in range(100) if f"01{n:02d}" not in reserved]
        rng.shuffle(self.us_numbers)
        self.uk_numbers = [f"0{n:03d}" for n in range(1000)]
        rng.shuffle(self.uk_numbers)

    def roster(self, company: str, track: str) -> dict[str, list[_Person]]:
        if company not in self.staff:
            self.staff[company] = self._invent(company, track)
        return self.staff[company]

    def _invent(self, company: str, track: str) -> dict[str, list[_Person]]:
        rng, titles = self.rng, TRACKS[track]
        zone, label, _ = COMPANIES[company]
        firsts, lasts = NAMES[REGION_OF_ZONE.get(zone, "us")]
        taken: set[str] = set()

        def person(role: str, title: str, phone_odds: float, email_odds: float) -> _Person:
            while True:
                first, gender = rng.choice(firsts)
                last = rng.choice(lasts)
                # Names unique within a company keep greetings unambiguous.
                if ((first, last) not in self.used_names
                        and first not in taken and last not in taken):
                    break
            self.used_names.add((first, last))
            taken.update((first, last))
            handle = "".join(ch for ch in f"{first}.{last}".lower() if ch.isalpha() or ch == ".")
            email = f"{handle}@{label}.example.com" if rng.random() < email_odds else ""
            phone = ""
            if rng.random() < phone_odds:
                # Only ranges reserved for fiction: 555-01xx in North America,
                # Ofcom's 020 7946 0xxx drama numbers in the UK.
                if zone in AREA_CODES:
                    phone = f"{AREA_CODES[zone]}-555-{self.us_numbers.pop()}"
                elif zone == "Europe/London":
                    phone = f"+44 20 7946 {self.uk_numbers.pop()}"
            return _Person(first, last, gender, title, email, phone, role)

        recruiter_title = rng.choice(RECRUITER_TITLES)
        return {
            "recruiter": [person("recruiter", recruiter_title, 0.8, 1.0)],
            "manager": [person("manager", rng.choice(titles["manager"]), 0.5, 1.0)],
            "executive": [person("executive", rng.choice(titles["executive"]), 0.1, 0.9)],
            "partner": [person("partner", rng.choice(titles["partner"]), 0.1, 0.85)],
            "peers": [person("peer", title, 0.1, 0.85)
                      for title in rng.sample(titles["peers"], 4)],
        }


def _panel(rng: random.Random, stage: str, size: int,
           staff: dict[str, list[_Person]]) -> list[_Person]:
    """Who sits in on an interview of this stage, most senior first."""
    recruiter, manager = staff["recruiter"][0], staff["manager"][0]
    peers = staff["peers"]
    if stage == "phone screen":
        people = [recruiter, manager]
    elif stage == "hiring manager":
        people = [manager] + rng.sample(peers, 2)
    elif stage == "panel":
        people = [manager] + rng.sample(peers + staff["partner"], 3)
    elif stage == "final":
        people = staff["executive"] + [manager] + rng.sample(peers, 2)
    elif stage == "hiring day":
        people = rng.sample(peers, 2) + [manager]
    else:  # technical, portfolio review, teaching demo
        people = rng.sample(peers, 3)
    return people[:size]


def _talking_points(rng: random.Random, people: list[_Person], track: str,
                    used: set[str]) -> list[tuple[str, int | None]]:
    """Pick a distinct topic per person, and sometimes a personal aside.

    Returns (talking points text, index into PERSONAL_POINTS or None) per person.
    ``used`` holds the company's topics so far, so later rounds move on.
    """
    result, here = [], set()
    for person in people:
        pool = {"recruiter": RECRUITER_TOPICS,
                "executive": EXECUTIVE_TOPICS}.get(person.role, TRACKS[track]["topics"])
        fresh = [t for t in pool if t not in used] or [t for t in pool if t not in here]
        topic = rng.choice(fresh)
        used.add(topic)
        here.add(topic)
        aside = None
        if rng.random() < 0.45:
            aside = rng.randrange(len(PERSONAL_POINTS))
            subj, poss, _ = PRONOUNS[person.gender]
            topic = topic + "; " + PERSONAL_POINTS[aside][0].format(subj=subj, poss=poss)
        result.append((topic, aside))
    return result


# --------------------------------------------------------------------------- #
# Notes
# --------------------------------------------------------------------------- #
def _send_time(rng: random.Random, timing: str, interview: _Interview) -> datetime:
    """The UTC instant of a first note sent with the given timing."""
    # All arithmetic is done in UTC: adding 24 hours to an aware local datetime
    # would add wall-clock hours and get DST weekends wrong.
    end, zone = interview.end, interview.zone
    end_day = end.astimezone(zone).date()
    next_day = end_day + timedelta(days=1)
    if timing == "exactly_24h":
        return end + timedelta(hours=24)
    if timing == "same_day":
        latest = min(end + timedelta(hours=6), _local(next_day, 0, 0, zone)
                     - timedelta(minutes=45))
        return _between(rng, end + timedelta(minutes=20), latest)
    if timing == "within_24h":
        lo = _local(next_day, 7, 0, zone)
        hi = min(_local(next_day, 21, 0, zone), end + timedelta(hours=24))
        return _between(rng, lo, hi)
    if timing == "late":
        hours = rng.uniform(26, 56) if rng.random() < 0.7 else rng.uniform(56, 140)
        moment = end + timedelta(minutes=round(hours * 60))
        return _awake(rng, moment, zone)
    # A wall-clock time pinned by SPECIALS, in the interview's zone.
    return datetime.fromisoformat(timing).replace(tzinfo=zone).astimezone(_UTC)


class _Writer:
    """Writes the note bodies of one candidate."""

    def __init__(self, rng: random.Random, candidate: str) -> None:
        self.rng = rng
        self.name = candidate
        self.info = CANDIDATES[candidate]
        self.track = TRACKS[self.info["track"]]

    def signature(self) -> str:
        closing = self.rng.choice(CLOSINGS)
        return f"{closing},\n{self.name}\n{self.info['phone']}\n{self.info['email']}"

    def good(self, person: _Person, greet: _Person, interview: _Interview,
             company: str, topic: str, aside: int | None, when: str,
             recruiter: str) -> str:
        rng = self.rng
        _, _, honorific = PRONOUNS[greet.gender]
        greeting = (f"Dear {greet.first}," if rng.random() < 0.6
                    else f"Dear {honorific} {greet.last},")
        mission = COMPANIES[company][2]
        fields = {"when": when, "role": interview.role, "company": company,
                  "mission": mission}
        opening = (rng.choice(THANKS).format(**fields) + " "
                   + rng.choice(ENTHUSIASM).format(**fields))
        goal = rng.choice(self.track["goals"])
        detail = [rng.choice(DETAILS).format(topic=topic)]
        if aside is not None:
            detail.append(PERSONAL_POINTS[aside][1])
        detail.append(rng.choice(SKILL_LINES).format(
            skill=rng.choice(self.info["skills"]), win=rng.choice(self.info["wins"])))
        detail.append(rng.choice(GOAL_LINES).format(goal=goal, Goal=goal[0].upper()
                                                    + goal[1:]))
        steps = [s for s in NEXT_STEPS if "{recruiter}" not in s or recruiter != person.first]
        next_steps = rng.choice(steps).format(samples=self.track["samples"],
                                              recruiter=recruiter)
        return "\n\n".join([greeting, opening, " ".join(detail), next_steps,
                            self.signature()])

    def weak(self, person: _Person, interview: _Interview) -> str:
        _, _, honorific = PRONOUNS[person.gender]
        return self.rng.choice(WEAK_BODIES).format(
            first=person.first, last=person.last, honorific=honorific,
            role=interview.role, company=interview.company, candidate=self.name,
            cand_first=self.name.split()[0], email=self.info["email"],
            phone=self.info["phone"])

    def ramble(self, topic: str) -> str:
        return "\n\n".join(p.format(topic=topic, skill=self.rng.choice(self.info["skills"]),
                                    win=self.rng.choice(self.info["wins"]))
                           for p in RAMBLE)

    def card(self, person: _Person, interview: _Interview) -> str:
        weekday = interview.end.astimezone(interview.zone).strftime("%A")
        return (f"Dear {person.first},\n\nA proper note to say thank you again for our "
                f"conversation at {interview.company} on {weekday}. I enjoyed meeting "
                f"you and the team, and I hope we will be working together soon.\n\n"
                f"Warmly,\n{self.name.split()[0]}")

    def subject(self, person: _Person, interview: _Interview, when: str,
                good: bool) -> str:
        if not good:
            return self.rng.choice(WEAK_SUBJECTS)
        return self.rng.choice(SUBJECTS).format(
            role=interview.role, when=when, first=person.first,
            company=interview.company, candidate=self.name)


def _reply_time(rng: random.Random, sent: datetime, zone: ZoneInfo) -> datetime | None:
    replied = _awake(rng, sent + timedelta(minutes=rng.randint(90, 50 * 60)), zone)
    return replied if replied <= _NOW else None


# --------------------------------------------------------------------------- #
# Putting it together
# --------------------------------------------------------------------------- #
def _build(seed: int) -> dict[str, list[list[str]]]:
    """Return the rows (without header) of every table."""
    rng_people, rng_notes = _stream(seed, "people"), _stream(seed, "notes")
    rng_outcomes = _stream(seed, "outcomes")
    interviews = _schedule(_stream(seed, "calendar"))
    directory = _Directory(rng_people)
    writers = {name: _Writer(rng_notes, name) for name in CANDIDATES}
    topics_used: dict[str, set[str]] = {}
    companies_seen: dict[str, list[str]] = {name: [] for name in CANDIDATES}
    tables: dict[str, list[list[str]]] = {name: [] for name in HEADERS}
    candidate_order: list[str] = []

    for interview in interviews:
        candidate, zone = interview.candidate, interview.zone
        info, writer = CANDIDATES[candidate], writers[candidate]
        if candidate not in candidate_order:
            candidate_order.append(candidate)
        tables["interviews"].append([
            str(interview.interview_id), candidate, interview.company, interview.role,
            interview.stage, zone.key, _iso(interview.start, zone),
            _iso(interview.end, zone)])
        decided = _decision(rng_outcomes, interview)
        if decided is not None:
            tables["outcomes"].append([str(interview.interview_id), interview.outcome,
                                       _iso(decided, zone)])

        staff = directory.roster(interview.company, info["track"])
        people = _panel(rng_people, interview.stage, interview.people, staff)
        points = _talking_points(rng_people, people, info["track"],
                                 topics_used.setdefault(interview.company, set()))
        specials = SPECIALS.get(interview.special or "", {})
        tilt = TILTS[OUTCOME_TILT.get(interview.outcome or "", "neutral")]
        for index, (person, (talking, aside)) in enumerate(zip(people, points)):
            interviewer_id = len(tables["interviewers"]) + 1
            tables["interviewers"].append([
                str(interviewer_id), str(interview.interview_id),
                f"{person.first} {person.last}", person.title, person.email,
                person.phone, talking])
            weights = list(info["timing"]) + [info["never"][min(index, 1)]]
            timing = rng_notes.choices(TIMINGS, [w * t for w, t in zip(weights, tilt)])[0]
            kind = "good" if rng_notes.random() < info["good"] else "weak"
            if index in specials:
                timing, kind = specials[index]
            channel = rng_notes.choices(list(info["channels"]),
                                        list(info["channels"].values()))[0]
            if index in specials:
                channel = "email"  # the cases are easiest to read as e-mails
            if channel == "email" and not person.email:
                channel = "other"  # no address on the card: a LinkedIn message

            sent = None if timing == "never" else _send_time(rng_notes, timing, interview)
            due = interview.end + timedelta(hours=24)
            if sent is not None and sent > _NOW:
                sent = None  # not written yet at the moment the sample shows
            wants_draft = rng_notes.random() < (0.5 if due > _NOW else info["draft"])
            if sent is None and not wants_draft:
                continue  # never thanked, not even a draft

            when = _when(interview.end, sent, zone)
            topic = talking.split("; ")[0]
            recruiter = staff["recruiter"][0].first
            greet, company = person, interview.company
            if kind == "wrong_name":
                greet = people[0]
            if kind == "wrong_company":
                company = [c for c in companies_seen[candidate]
                           if c != interview.company][-1]
            if kind == "weak":
                body = writer.weak(person, interview)
            else:
                body = writer.good(person, greet, interview, company, topic, aside,
                                   when, recruiter)
                if kind == "long":
                    head, _, tail = body.rpartition("\n\n")
                    body = "\n\n".join([head, writer.ramble(topic), tail])
            subject = (writer.subject(person, interview, when, kind != "weak")
                       if channel == "email" else "")
            replied = None
            if sent is not None and rng_notes.random() < (0.25 if kind != "weak" else 0.08):
                replied = _reply_time(rng_notes, sent, zone)
            tables["notes"].append([
                str(len(tables["notes"]) + 1), str(interviewer_id), channel, subject,
                body, _iso(sent, zone), _iso(replied, zone)])

            if kind == "good_then_card" and sent is not None:
                posted = _local(sent.astimezone(zone).date() + timedelta(days=3),
                                11, rng_notes.randrange(0, 60, 5), zone)
                if posted <= _NOW:
                    tables["notes"].append([
                        str(len(tables["notes"]) + 1), str(interviewer_id),
                        "handwritten", "", writer.card(person, interview),
                        _iso(posted, zone), ""])
        if interview.company not in companies_seen[candidate]:
            companies_seen[candidate].append(interview.company)

    tables["candidates"] = [
        [name, CANDIDATES[name]["email"], CANDIDATES[name]["phone"],
         "; ".join(CANDIDATES[name]["skills"])]
        for name in candidate_order]
    return tables


def write_sample(folder: str | Path = DEFAULT_FOLDER, seed: int = SAMPLE_SEED) -> Path:
    """Write the sample cohort as CSV files.

    Parameters
    ----------
    folder : str or Path, optional
        Folder to write ``candidates.csv``, ``interviews.csv``, ``interviewers.csv``,
        ``notes.csv`` and ``outcomes.csv`` into; created if missing, existing files
        are overwritten. Defaults to ``data/sample`` in the repository.
    seed : int, optional
        Seed of the random draws. The same seed always gives byte-identical files.

    Returns
    -------
    Path
        The folder written to.

    Examples
    --------
    >>> import tempfile
    >>> folder = write_sample(tempfile.mkdtemp())
    >>> sorted(p.name for p in folder.glob("*.csv"))[:2]
    ['candidates.csv', 'interviewers.csv']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in _build(seed).items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(HEADERS[name])
            writer.writerows(rows)
    return folder


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: ``python scripts/generate_sample.py [FOLDER]``.

    Parameters
    ----------
    argv : list of str, optional
        Arguments after the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        Exit status (0 on success, 2 on a usage error).
    """
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print("usage: python scripts/generate_sample.py [FOLDER]", file=sys.stderr)
        return 2
    folder = write_sample(args[0] if args else DEFAULT_FOLDER)
    print(f"wrote sample data to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
