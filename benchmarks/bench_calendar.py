"""Calendar: how long :func:`workbook.read_calendar` takes on a generated export of 10,000
events (the whole calendar a person exports from Google after months of searching), beside the
floor: icalendar's own parse of the same file, ``Calendar.from_ical``, and a walk over its
VEVENTs reading the properties any reader needs (UID, start, end, summary, attendees).

The export is written as Google writes one: ``X-WR-TIMEZONE``, single events in UTC, the
recurring ones with a ``TZID``, all-day events, organizer and attendees with accented names,
descriptions of a few hundred characters, every line folded at 75 octets. About one event in
four is an interview (in English, German, French or Spanish).

Target: ours at most 1.5× the floor. Run:
``.venv/bin/python benchmarks/bench_calendar.py [EVENTS ...]`` (default 10000).
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, interleaved  # noqa: E402

import workbook  # noqa: E402

TARGET = 1.5
CANDIDATE = "Maya Okafor"
CANDIDATE_EMAIL = "maya@example.com"

SUMMARIES = [
    ("Interview – {role} ({company})", True), ("Phone screen: {role}, {company}", True),
    ("Vorstellungsgespräch {role} – {company}", True), ("Entretien – {role} ({company})", True),
    ("Entrevista – {role}, {company}", True), ("Hiring manager conversation – {company}", True),
    ("Coffee with {first}", False), ("Dentist", False), ("Project review: {company}", False),
    ("1:1 with {first}", False), ("Yoga", False), ("Lunch with {first} {last}", False),
]
ROLES = ["Data Analyst", "Datenanalystin", "Analyste de données", "Analista de datos", "BI Developer",
         "Product Designer", "Backend Engineer"]
COMPANIES = ["Nordhafen Logistik", "Lumière Conseil", "Sol y Mar Turismo", "Harbourline Freight",
             "Cedar Point Outfitters", "Kestrel Bank", "Fjordlicht Energie"]
FIRST = ["Zoë", "Renée", "Jörg", "Élodie", "Íñigo", "Ingrid", "Tomás", "Grace", "Kwame", "Aisha", "Dmitri",
         "Bea"]
LAST = ["Müller", "Çelik", "Weiß", "Marchand", "Sáenz de Ugarte", "Solberg", "Ferreira", "Nakamura-Ellis",
        "Mensah-Boateng", "O'Connell", "Vasquez-Lindqvist", "Lindgren"]


def _fold(line: str) -> str:
    """The line folded at 75 octets, never inside a character, as Google folds."""
    pieces, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode())
        if size + n > 75:
            pieces.append(current)
            current, size = " ", 1
        current += ch
        size += n
    pieces.append(current)
    return "\r\n".join(pieces)


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def generate(path: Path, events: int, seed: int = 15) -> Path:
    """Write a Google-style export of ``events`` events to ``path``; return it."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, 8, tzinfo=timezone.utc)
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{CANDIDATE_EMAIL}", "X-WR-TIMEZONE:Europe/Berlin",
             "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "X-LIC-LOCATION:Europe/Berlin",
             "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
             "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
             "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
             "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE"]
    for i in range(events):
        begins = start + timedelta(minutes=30 * rng.randrange(0, 24 * 2 * 365))
        company = rng.choice(COMPANIES)
        domain = company.lower().replace(" ", "-").replace("è", "e").replace("é", "e") + ".example"
        first, last = rng.choice(FIRST), rng.choice(LAST)
        summary, interview = rng.choice(SUMMARIES)
        summary = summary.format(role=rng.choice(ROLES), company=company, first=first, last=last)
        lines += ["BEGIN:VEVENT"]
        if i % 15 == 7:  # an all-day event
            day = begins.date()
            lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}"]
        elif i % 20 == 3:  # a recurring one, in the calendar's zone
            local = begins.replace(tzinfo=None) + timedelta(hours=1)
            lines += [f"DTSTART;TZID=Europe/Berlin:{local:%Y%m%dT%H%M%S}",
                      f"DTEND;TZID=Europe/Berlin:{local + timedelta(minutes=15):%Y%m%dT%H%M%S}",
                      "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,TU,WE,TH,FR"]
        else:
            ends = begins + timedelta(minutes=rng.choice([30, 45, 60, 90]))
            lines += [f"DTSTART:{_utc(begins)}", f"DTEND:{_utc(ends)}"]
        lines += ["DTSTAMP:20261118T101500Z", f"UID:{rng.getrandbits(120):030x}@google.com"]
        if interview or rng.random() < 0.3:
            organizer = f"{first} {last}"
            email = f"{first.lower()}.{i}@{domain}"
            lines += [f"ORGANIZER;CN={organizer}:mailto:{email}",
                      f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN={organizer};"
                      f"X-NUM-GUESTS=0:mailto:{email}",
                      f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN={CANDIDATE};"
                      f"X-NUM-GUESTS=0:mailto:{CANDIDATE_EMAIL}"]
            for j in range(rng.randrange(0, 3)):
                other = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                lines.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;"
                             f"CN={other};X-NUM-GUESTS=0:mailto:person.{i}.{j}@{domain}")
        description = (f"{summary}.\n\nJoin with Google Meet: https://meet.google.example/{i:010d}\n\n"
                       + "Please reply to confirm. " * rng.randrange(1, 12))
        lines += ["CREATED:20261001T080000Z", f"DESCRIPTION:{_text(description)}", "LAST-MODIFIED:20261001T080000Z",
                  f"LOCATION:{_text(company + ', Berlin')}", "SEQUENCE:0", "STATUS:CONFIRMED",
                  f"SUMMARY:{_text(summary)}", "TRANSP:OPAQUE", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    path.write_bytes(("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8"))
    return path


def floor(path: Path) -> int:
    """icalendar's parse of the file and a walk over its events, reading what any reader needs."""
    from icalendar import Calendar

    calendar = Calendar.from_ical(path.read_bytes())
    seen = 0
    for event in calendar.walk("VEVENT"):
        event.get("UID"), event.decoded("DTSTART"), event.get("DTEND"), event.get("SUMMARY"), event.get("ATTENDEE")
        seen += 1
    return seen


def ours(path: Path, log) -> int:
    """:func:`workbook.read_calendar` of the file, with the candidate's log (the notebook's way)."""
    return len(workbook.read_calendar(path, log=log, candidate=CANDIDATE))


def measure(work: Path, sizes=(10_000,), repeat: int = 5) -> list[Figure]:
    figures = []
    with workbook.open_log(work / "calendar.sqlite") as log:
        if log.is_empty():
            log.add_candidate(CANDIDATE, email=CANDIDATE_EMAIL)
        for size in sizes:
            path = generate(work / f"export-{size}.ics", size)
            assert ours(path, log) == floor(path) == size  # the same events, and warm caches
            times = interleaved({"ours": lambda: ours(path, log), "floor": lambda: floor(path)}, repeat)
            figures.append(Figure(
                "Calendar", f"`read_calendar` of a {size:,}-event calendar export ({path.stat().st_size / 1e6:.1f} MB)",
                times["ours"], "icalendar's `Calendar.from_ical` of the same file + walking its VEVENTs",
                times["floor"], repeat, TARGET))
    return figures


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sizes = [int(a) for a in argv] or [10_000]
    print("Calendar (median of 5):")
    with tempfile.TemporaryDirectory() as work:
        for figure in measure(Path(work), sizes):
            print(figure.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
