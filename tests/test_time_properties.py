"""Hours to send and follow-up status agree with plain UTC arithmetic, in any time zone.

Hypothesis draws interviews in zones with daylight-saving changes, half- and quarter-hour
offsets, a date-line jump (Pacific/Apia skipped 30 December 2011) and none at all, ending near
the zone's clock changes, with notes sent at any delay (or never) and "now" anywhere around the
due time; interview end, send times and now fall on the edges that matter (exactly 24 hours,
local midnight, the due instant, one microsecond either side) as often as anywhere else.

The expected values are worked out here from the guideline alone (PRODUCT.md, and
``workbook.habits.followup_table``'s docstring): elapsed hours by subtracting UTC instants, the local
calendar date with :mod:`zoneinfo`, nothing from the package.
"""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workbook
from workbook.habits.followup_table import describe_timing, followups_from

UTC = timezone.utc
DAY = timedelta(hours=24)
MICROSECOND = timedelta(microseconds=1)
ZONES = (
    "UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu",
    "Pacific/Chatham", "America/St_Johns", "Pacific/Apia", "Europe/Dublin", "Africa/Casablanca",
    "America/Santiago", "America/Havana", "Asia/Tehran", "Antarctica/Troll", "Pacific/Kiritimati",
    "Pacific/Pago_Pago", "America/Sao_Paulo", "Australia/Adelaide", "Asia/Gaza", "Europe/Berlin",
)
# Interviews end in this span. Notes go out at most ~4 days later, before the tests' "now"
# (WORKBOOK_NOW, 2026-11-20): the log refuses a note sent in the future.
FIRST = datetime(2010, 1, 1, tzinfo=UTC)
LAST = datetime(2026, 11, 1, tzinfo=UTC)
LONGEST_DELAY = timedelta(hours=100)

SETTINGS = settings(derandomize=True, database=None, deadline=None)


# -- the guideline, worked out plainly ------------------------------------------------------

def expected_hours(ended: datetime, sent: datetime | None) -> float:
    return math.nan if sent is None else (sent - ended) / timedelta(hours=1)


def expected_status(zone: str, ended: datetime, sent: datetime | None, now: datetime) -> str:
    """The follow-up status of one person met, from UTC instants and the local date."""
    due = ended + DAY
    if sent is None:
        return "pending" if now <= due else "overdue"
    if sent > due:
        return "late"
    local = ZoneInfo(zone)
    same_date = sent.astimezone(local).date() == ended.astimezone(local).date()
    return "same_day" if same_date else "within_24h"


# -- what to draw -----------------------------------------------------------------------------

@lru_cache(maxsize=None)
def clock_changes(zone: str) -> tuple[datetime, ...]:
    """The instants the zone's UTC offset changed between FIRST and LAST (to the second)."""
    local = ZoneInfo(zone)
    offset = lambda seconds: datetime.fromtimestamp(seconds, UTC).astimezone(local).utcoffset()  # noqa: E731
    changes = []
    day = 86_400
    start, end = int(FIRST.timestamp()), int(LAST.timestamp())
    for before in range(start, end, day):
        if offset(before) == offset(before + day):
            continue
        low, high = before, before + day  # offset(low) is the old one, offset(high) the new one
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if offset(middle) == offset(before) else (low, middle)
        changes.append(datetime.fromtimestamp(high, UTC))
    return tuple(changes)


def near(instant: datetime):
    """An instant close to ``instant``: on it, a microsecond off, or within a day and a half."""
    edge = st.sampled_from([-MICROSECOND, timedelta(0), MICROSECOND])
    close = st.timedeltas(min_value=-timedelta(hours=36), max_value=timedelta(hours=36))
    return st.one_of(edge, close).map(lambda shift: instant + shift)


@st.composite
def ends(draw, zone: str) -> datetime:
    changes = clock_changes(zone)
    if changes and draw(st.booleans()):
        ended = draw(near(draw(st.sampled_from(changes))))
        return min(max(ended, FIRST), LAST)
    return draw(st.datetimes(min_value=FIRST.replace(tzinfo=None), max_value=LAST.replace(tzinfo=None),
                             timezones=st.just(UTC)))


@st.composite
def send_times(draw, zone: str, ended: datetime) -> datetime | None:
    """Never (None), or at a delay after the end: any, or on an edge of the rule."""
    kind = draw(st.sampled_from(["never", "any", "edge"]))
    if kind == "never":
        return None
    if kind == "any":
        return ended + draw(st.timedeltas(min_value=timedelta(0), max_value=LONGEST_DELAY))
    local = ZoneInfo(zone)
    midnights = [
        datetime.combine(ended.astimezone(local).date() + timedelta(days=days), time(0), tzinfo=local).astimezone(UTC)
        for days in (1, 2)
    ]
    edges = [ended + DAY, ended, *midnights]
    sent = draw(st.sampled_from(edges)) + draw(st.sampled_from([-MICROSECOND, timedelta(0), MICROSECOND]))
    return min(max(sent, ended), ended + LONGEST_DELAY)


@st.composite
def meetings(draw, most_people: int) -> dict:
    """One interview: its zone, end, and for each person met the notes written to them (a send
    time, or None for a draft)."""
    zone = draw(st.sampled_from(ZONES))
    ended = draw(ends(zone))
    people = draw(st.lists(st.lists(send_times(zone, ended), max_size=3), min_size=1, max_size=most_people))
    return {"zone": zone, "ended": ended, "length": draw(st.timedeltas(timedelta(minutes=1), timedelta(hours=9))),
            "people": people}


@st.composite
def nows(draw, interviews: list[dict]) -> datetime:
    """Now, near one interview's due instant (often exactly on it), or anywhere."""
    if draw(st.booleans()):
        return draw(near(draw(st.sampled_from(interviews))["ended"] + DAY))
    return draw(st.datetimes(min_value=FIRST.replace(tzinfo=None), max_value=(LAST + 2 * DAY).replace(tzinfo=None),
                             timezones=st.just(UTC)))


@st.composite
def cases(draw, interviews: int, people: int) -> tuple[list[dict], list[datetime]]:
    """Up to so many interviews with up to so many people met at each, and one or two nows."""
    drawn = draw(st.lists(meetings(people), min_size=1, max_size=interviews))
    return drawn, draw(st.lists(nows(drawn), min_size=1, max_size=2))


# -- checking ---------------------------------------------------------------------------------

def check(table: pd.DataFrame, people: dict[int, tuple[dict, list]], now: datetime) -> None:
    """Every person's row of ``followups`` against the guideline worked out plainly."""
    rows = table.set_index("interviewer_id")
    assert set(people) <= set(rows.index)
    for person, (interview, notes) in people.items():
        row = rows.loc[person]
        zone, ended = interview["zone"], interview["ended"]
        sent = min((t for t in notes if t is not None), default=None)
        seen = f"{zone}, ended {ended.isoformat()}, notes {[t and t.isoformat() for t in notes]}, now {now.isoformat()}"
        assert row["timezone"] == zone
        assert row["ended_at"] == ended, seen
        assert row["due_at"] == ended + DAY, seen
        assert (pd.isna(row["sent_at"]) and sent is None) or row["sent_at"] == sent, seen
        hours = expected_hours(ended, sent)
        assert row["hours_to_send"] == hours or (math.isnan(hours) and math.isnan(row["hours_to_send"])), seen
        status = expected_status(zone, ended, sent, now)
        assert row["status"] == status, seen
        # What the tracker shows beside each person says the same.
        line = describe_timing(row["ended_at"], zone, row["sent_at"], now=now)
        words = {"same_day": "the same day", "within_24h": "within 24 h", "late": "late",
                 "pending": "due in", "overdue": "overdue"}
        assert words[status] in line, (seen, line)


def tables(interviews: list[dict]):
    """The log's tables (as ``Log.interviews()`` etc. return them) for drawn interviews."""
    rows, met, notes, people = [], [], [], {}
    for number, interview in enumerate(interviews, start=1):
        rows.append({"interview_id": number, "candidate": "Zoë Ángel", "company": "Kōwhai Ltd", "role": "Analyst",
                     "timezone": interview["zone"], "ends_at": interview["ended"]})
        for sends in interview["people"]:
            person = len(met) + 1
            met.append({"interviewer_id": person, "interview_id": number, "name": f"Person {person}"})
            notes += [{"interviewer_id": person, "sent_at": sent} for sent in sends]
            people[person] = (interview, sends)
    as_utc = lambda frame, column: frame.assign(**{column: pd.to_datetime(frame[column], utc=True)})  # noqa: E731
    return (as_utc(pd.DataFrame(rows), "ends_at"), pd.DataFrame(met),
            as_utc(pd.DataFrame(notes, columns=["interviewer_id", "sent_at"]), "sent_at"), people)


# -- the properties ---------------------------------------------------------------------------

@pytest.mark.slow
@settings(SETTINGS, max_examples=150)
@given(cases(interviews=4, people=3))
def test_followups_of_any_interviews_agree_with_utc_arithmetic(case):
    interviews, instants = case
    interview_rows, met, notes, people = tables(interviews)
    for now in instants:
        check(followups_from(interview_rows, met, notes, now=now), people, now)


@pytest.fixture(scope="module")
def shared_log(tmp_path_factory):
    """One log for every example: each write is a checked transaction (~50 ms), so a new log
    per example, or many examples, would cost most of the time; the many cases are in the
    test above, this one is about the log's part."""
    with workbook.open_log(tmp_path_factory.mktemp("time-properties") / "log.sqlite") as log:
        yield log


@pytest.mark.slow
@settings(SETTINGS, max_examples=40)
@given(case=cases(interviews=1, people=2), mark_sent=st.booleans())
def test_followups_from_the_log_agree_with_utc_arithmetic(shared_log, case, mark_sent):
    """The same through the log: times stored and read back, the first sending found by the
    database. Notes are written with ``add_note(sent_at=...)``, or as drafts then
    ``mark_sent``."""
    log = shared_log
    (interview,), instants = case
    zone = ZoneInfo(interview["zone"])
    ended = interview["ended"]
    names = [f"Person {n}" for n in range(1, len(interview["people"]) + 1)]
    interview_id = log.add_interview(
        "Zoë Ángel", "Kōwhai Ltd", "Analyst", (ended - interview["length"]).astimezone(zone), ended.astimezone(zone),
        interview["zone"], people=[{"name": name} for name in names], new_candidate=True,
    )
    met = log.interviewers().query("interview_id == @interview_id").sort_values("interviewer_id")
    people = {}
    for person, sends in zip(met["interviewer_id"].tolist(), interview["people"]):
        for sent in sends:
            if sent is not None and mark_sent:
                log.mark_sent(log.add_note(person, "Thank you."), at=sent.astimezone(zone), now=sent)
            else:
                log.add_note(person, "Thank you.", sent_at=sent and sent.astimezone(zone))
        people[person] = (interview, sends)
    for now in instants:
        check(workbook.followups(log, now=now), people, now)


def test_the_drawn_zones_do_change_their_clocks():
    """The zones drawn from hold the changes the properties are about."""
    assert clock_changes("UTC") == () == clock_changes("Asia/Kathmandu")  # +05:45 all along
    # Spring and autumn from 2010 to 2026, but for 1 November 2026, after the span.
    assert len(clock_changes("America/New_York")) == 2 * 17 - 1
    assert datetime(2011, 12, 30, 10, tzinfo=UTC) in clock_changes("Pacific/Apia")  # the date-line jump
    lord_howe = clock_changes("Australia/Lord_Howe")[0]
    zone = ZoneInfo("Australia/Lord_Howe")
    assert abs((lord_howe.astimezone(zone).utcoffset() - (lord_howe - timedelta(seconds=1)).astimezone(zone).utcoffset())) \
        == timedelta(minutes=30)
