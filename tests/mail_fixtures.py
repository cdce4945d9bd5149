"""The small job search the mail fixtures in ``tests/data/mail/`` belong to, and a builder that
puts it in a log.

Maya Okafor (maya@example.com in the log; she also writes from maya.okafor@mail.example) had
three interviews. Before any mail is read, the log holds a draft to Ana Lima waiting to be
sent, and a note to José Ramírez that Maya marked sent with a click the next morning, hours
after the message really went out. Every other person met has no note yet.

``tests/data/mail/make_fixtures.py`` writes the messages from the same names and times, and
``tests/data/mail/README.md`` says what each message is and what an import makes of it.
"""

from __future__ import annotations

from dataclasses import dataclass

CANDIDATE = "Maya Okafor"
CANDIDATE_EMAIL = "maya@example.com"
OTHER_ADDRESS = "maya.okafor@mail.example"  # given with addresses=
NOW = "2026-11-20T17:00:00+00:00"  # after every message; the tests read with now=NOW


@dataclass(frozen=True)
class Interview:
    key: str
    company: str
    role: str
    stage: str
    starts_at: str  # local wall clock, in timezone
    ends_at: str
    timezone: str
    people: tuple[tuple[str, str, str | None], ...]  # (key, name, email)


INTERVIEWS = (
    # 10:00-11:00 in New York = 14:00-15:00 UTC
    Interview("northwind", "Northwind Analytics", "Data Analyst", "hiring manager",
              "2026-09-14T10:00", "2026-09-14T11:00", "America/New_York",
              (("ana", "Ana Lima", "ana.lima@northwind.example"),
               ("bo", "Bo Chen", "Bo.Chen@Northwind.example"),  # the log keeps the case she typed
               ("jose", "José Ramírez", "jose.ramirez@northwind.example"),
               ("lee", "Lee Park", None))),  # met, no address: nothing in mail can be theirs
    # 14:00-15:30 in Berlin = 12:00-13:30 UTC
    Interview("harbourline", "Harbourline Freight", "BI Developer", "panel",
              "2026-09-22T14:00", "2026-09-22T15:30", "Europe/Berlin",
              (("zoe", "Zoë Müller", "zoe.mueller@harbourline.example"),
               ("sam", "Sam Ortiz", "sam.ortiz@harbourline.example"))),
    # 09:00-09:45 in Chicago = 14:00-14:45 UTC
    Interview("kestrel", "Kestrel Bank", "Risk Analyst", "phone screen",
              "2026-10-01T09:00", "2026-10-01T09:45", "America/Chicago",
              (("aisha", "Aisha O'Connell", "aisha.oconnell@kestrelbank.example"),)),
)

#: Email of each person met, by key (lower case, as mail writes it; Bo's the log has in capitals).
EMAIL = {key: (email or "").lower() or None for i in INTERVIEWS for key, _, email in i.people}
NAME = {key: name for i in INTERVIEWS for key, name, _ in i.people}

#: Ana's draft, waiting in the log. The message that went out has a signature the draft has not:
#: marking it sent keeps the draft's text.
ANA_DRAFT_SUBJECT = "Thank you, Ana"
ANA_DRAFT_BODY = ("Dear Ana,\n\nThank you for meeting me today. Rebuilding the churn dashboard is the "
                  "project I would most like to start with.\n\nBest regards,\nMaya")

#: José's note, marked sent by a click the next morning (13:05 UTC); the message went out the
#: evening before, at 23:35 UTC: 13 h 30 min earlier.
JOSE_CLICKED_AT = "2026-09-15T13:05:00+00:00"
JOSE_NOTE_SUBJECT = "Thank you, José"
JOSE_NOTE_BODY = "Dear José,\n\nThank you for the walk through the data platform today.\n\nMaya"


def build_search(log) -> dict[str, int]:
    """Put Maya's search in ``log`` (an empty log); return ids by key: each person met's
    interviewer id (``"ana"``, ``"bo"``...), each interview's id (``"northwind"``...), and the
    two notes (``"ana_note"``, ``"jose_note"``)."""
    ids: dict[str, int] = {}
    log.add_candidate(CANDIDATE, email=CANDIDATE_EMAIL, phone="+1 555 0100", skills=["SQL", "Python"])
    for interview in INTERVIEWS:
        ids[interview.key] = log.add_interview(
            CANDIDATE, interview.company, interview.role, interview.starts_at, interview.ends_at,
            interview.timezone, stage=interview.stage)
        for key, name, email in interview.people:
            ids[key] = log.add_interviewer(ids[interview.key], name, email=email)
    ids["ana_note"] = log.add_note(ids["ana"], ANA_DRAFT_BODY, subject=ANA_DRAFT_SUBJECT)
    ids["jose_note"] = log.add_note(ids["jose"], JOSE_NOTE_BODY, subject=JOSE_NOTE_SUBJECT,
                                    sent_at=JOSE_CLICKED_AT)
    return ids
