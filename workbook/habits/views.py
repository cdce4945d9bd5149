"""Tables as a person reads them in a notebook: local times written out, plain column names.

The analytics keep instants in UTC and statuses as codes; these views turn them into what a
coach and a client read together, in the words of :mod:`workbook.wording`. Pure pandas,
vectorised; no widgets, no plotting.
"""

from __future__ import annotations

import html
import re
import textwrap

import pandas as pd

from . import analysis
from ..notes.review import CHECKS
from .followup_table import followups as _followups
from ..instants import resolve_now
from ..wording import (
    NO_VALUE, calendar_date, durations, local_times, percents, standing_words, times_left,
)

#: What an empty log's tables say instead of headings over nothing.
FIRST_STEP = ("Start with 01-log-an-interview: log the interview you just had (or your "
              "latest one) and everyone you met there; 02-write-thank-you-notes then writes a note to each.")
#: Where to try the workbook without touching one's own log.
TRY_THE_SAMPLE = ('To try the workbook on a sample cohort first, without touching your log: see "Try it on the '
                  'sample cohort" in 00-start-here, or the README.')


class Message(str):
    """Text a notebook shows as it is (not quoted), where a table would have nothing to show."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self)}</p>"


def log_overview(log) -> pd.DataFrame | Message:
    """What the log holds, counted: candidates, interviews, people met, notes (sent and
    drafts), replies and outcomes; one row per candidate and a total. On an empty log, a
    :class:`Message` saying what to do first."""
    if log.is_empty():
        return Message("Nothing in your log yet: no interviews, no notes.")
    followups = _followups(log, now="2000-01-01T00:00:00+00:00")  # statuses are not used here
    notes = log.notes().merge(followups[["interviewer_id", "candidate"]], on="interviewer_id")
    counts = pd.DataFrame({
        "interviews": followups.groupby("candidate", observed=True)["interview_id"].nunique(),
        "people met": followups.groupby("candidate", observed=True).size(),
        "notes sent": notes[notes["sent_at"].notna()].groupby("candidate", observed=True).size(),
        "drafts": notes[notes["sent_at"].isna()].groupby("candidate", observed=True).size(),
        "replies": notes[notes["replied_at"].notna()].groupby("candidate", observed=True).size(),
    })
    outcomes = log.outcomes().merge(log.interviews()[["interview_id", "candidate"]], on="interview_id")
    counts["outcomes"] = outcomes.groupby("candidate").size()
    candidates = pd.Index(log.candidates()["candidate"], name="candidate")
    counts = counts.reindex(candidates).fillna(0).astype(int)
    counts.loc["All candidates"] = counts.sum()
    return counts


def recent_interviews(log, count: int = 5) -> pd.DataFrame | Message:
    """The latest interviews, newest first, in their local time, with how many people were met;
    a :class:`Message` when none is logged yet."""
    interviews = log.interviews()
    if interviews.empty:
        return Message("No interviews logged yet: log your first one with the interview form in "
                       "01-log-an-interview, with everyone you met there.")
    interviews = interviews.sort_values("ends_at", ascending=False).head(count)
    met = log.interviewers()["interview_id"].value_counts()
    return pd.DataFrame({
        "interview": interviews["interview_id"].to_numpy(),
        "candidate": interviews["candidate"].to_numpy(),
        "company": interviews["company"].to_numpy(),
        "role": interviews["role"].to_numpy(),
        "stage": interviews["stage"].fillna("").to_numpy(),
        "when (local)": local_times(interviews["starts_at"], interviews["timezone"]).to_numpy(),
        "time zone": interviews["timezone"].to_numpy(),
        "people met": interviews["interview_id"].map(met).fillna(0).astype(int).to_numpy(),
    }).set_index("interview")


def still_to_thank(log, now=None, candidate: str | None = None) -> pd.DataFrame:
    """Everyone not yet sent a note, most urgent first: who, where, due when, time left, and
    whether an overdue note can still be sent ("not yet thanked (overdue)") or not ("never
    thanked")."""
    now = resolve_now(now)
    table = analysis.due_now(_followups(log, now=now), now)
    if candidate is not None:
        table = table[table["candidate"] == candidate]
    return pd.DataFrame({
        "person": table["interviewer"].to_numpy(),
        "company": table["company"].to_numpy(),
        "candidate": table["candidate"].astype(str).to_numpy(),
        "due (local)": local_times(table["due_at"], table["timezone"]).to_numpy(),
        "time left": times_left(table["hours_left"]).to_numpy(),
        "status": standing_words(table["status"], table["never_thanked"]).to_numpy(),
    }, index=pd.RangeIndex(1, len(table) + 1))


def checklist_guide() -> pd.DataFrame:
    """The review's checks and the rule each applies, in the words of its documentation."""
    rows = []
    for check in CHECKS:
        name, _, rule = check.__doc__.strip().partition(":")
        rule = re.sub(r":\w+:`~?(?:[\w.]*\.)?([^`]+)`", r"\1", rule).replace("``", "")
        rule = re.sub(r"\b[A-Z][A-Z_]{2,} \(([^)]+)\)", r"\1", rule)  # "MAX_WORDS (150)" reads "150"
        rows.append({"check": name.strip("` "), "rule": " ".join(rule.split())})
    return pd.DataFrame(rows).set_index("check")


def welcome(log) -> str:
    """Where the log is, what it holds and what to do next, in a few plain lines."""
    # A SQLite log is a file, named by its path; a database by its URL, without the password.
    where = log.url.database if log.url.get_backend_name() == "sqlite" else log.where
    lines = [f"Your log: {where}"]
    total = None if log.is_empty() else log_overview(log).loc["All candidates"]
    if total is None or not total["interviews"]:
        lines += [("Your log is empty. " if total is None else "No interviews in it yet. ") + FIRST_STEP,
                  TRY_THE_SAMPLE]
    else:
        lines += [
            f"It holds {total['interviews']} interviews and {total['people met']} people met, "
            f"{total['notes sent']} notes sent and {total['drafts']} drafts, {total['outcomes']} outcomes.",
            "Next: 03-sent-notes-and-outcomes shows who is still waiting for a note.",
        ]
    return "\n".join(lines)


def pick_candidate(log, preferred: str | None = None) -> str | None:
    """``preferred`` if the log holds that candidate, else the first candidate, else None."""
    names = log.candidates()["candidate"].tolist()
    if preferred in names:
        return preferred
    return names[0] if names else None


#: The columns of :func:`workbook.habits.summary` as a person reads them.
SUMMARY_HEADINGS = {
    "interviews": "Interviews", "people_met": "People met", "due": "Notes due", "thanked": "Thanked",
    "coverage": "Coverage", "same_day_rate": "Same day", "on_time_rate": "Within 24 h",
    "late": "Late", "not_yet_thanked": "Not yet thanked (overdue)", "never_thanked": "Never thanked",
    "pending": "Not due yet", "median_hours": "Median time to send", "p90_hours": "90% sent within",
}


def readable_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """A table of :func:`workbook.habits.summary` as a person reads it: headings in words,
    rates in percent, times to send as durations ("4 h 12 min"), "—" where there is none."""
    shown = summary[list(SUMMARY_HEADINGS)].astype(object)
    for column in ("coverage", "same_day_rate", "on_time_rate"):
        shown[column] = percents(summary[column])
    for column in ("median_hours", "p90_hours"):
        shown[column] = durations(summary[column])
    shown = shown.rename(columns=SUMMARY_HEADINGS)
    shown.index.name = "Candidate"
    return shown


def checklist_text() -> str:
    """The review's checks and their rules as plain lines, to print in a notebook."""
    guide = checklist_guide()
    return "\n\n".join(textwrap.fill(f"{name}: {rule}", width=100, subsequent_indent="    ")
                       for name, rule in guide["rule"].items())


def readable_trend(trend_table: pd.DataFrame) -> pd.DataFrame | Message:
    """A table of :func:`workbook.habits.trend` as a person reads it: each month ("Nov 2026")
    or week ("week of Mon 16 Nov 2026"), per candidate when it has them, with the notes due,
    the rates in percent and the median time to send as a duration; "—" where there is none.
    A :class:`Message` when there are no interviews."""
    if trend_table.empty:
        return Message("No interviews yet: the trend starts with your first interview.")
    monthly = str(trend_table["period"].dtype).startswith("period[M")
    starts = pd.to_datetime(trend_table["period_start"])
    period = starts.dt.strftime("%b %Y") if monthly else "week of " + starts.map(calendar_date)
    shown = pd.DataFrame({
        "Month" if monthly else "Week": period.to_numpy(),
        "People met": trend_table["people_met"].to_numpy(),
        "Notes due": trend_table["due"].to_numpy(),
        "Within 24 h": percents(trend_table["on_time_rate"]).to_numpy(),
        "Same day": percents(trend_table["same_day_rate"]).to_numpy(),
        "Median time to send": durations(trend_table["median_hours"]).to_numpy(),
        "Never thanked": trend_table["never_thanked"].to_numpy(),
    })
    keys = ["Month" if monthly else "Week"]
    if "candidate" in trend_table:
        shown.insert(0, "Candidate", trend_table["candidate"].astype(str).to_numpy())
        keys.insert(0, "Candidate")
    return shown.set_index(keys)


def readable_outcomes(table: pd.DataFrame) -> pd.DataFrame:
    """A table of :func:`workbook.habits.outcomes_by_followup` as a person reads it: how the
    follow-up went in words, the interviews with an outcome, how many led to a next round or
    an offer, the share and its 95% interval in percent, and the caution ("—" if none)."""
    interval = percents(table["low"]) + " to " + percents(table["high"])
    shown = pd.DataFrame({
        "How the follow-up went": table["label"].to_numpy(),
        "Interviews with an outcome": table["interviews"].to_numpy(),
        "Next round or offer": table["positive"].to_numpy(),
        "Share": percents(table["share"]).to_numpy(),
        "95% interval": interval.where(table["interviews"] > 0, NO_VALUE).to_numpy(),
        "Caution": table["caution"].where(table["caution"] != "", NO_VALUE).to_numpy(),
    })
    return shown.set_index("How the follow-up went")


def calendar_events(events: pd.DataFrame) -> pd.DataFrame | Message:
    """The events of :func:`workbook.read_calendar`, as a person checks them before an import:
    when (local), the event, the guessed company, role and stage, the people met, and whether
    it looks like an interview (or why not); with a log, whether it is in it already."""
    if events.empty:
        return Message("No events in these calendar files.")
    people = events["people"].map(lambda met: ", ".join(p["name"] for p in met) or NO_VALUE)
    table = pd.DataFrame({
        "when (local)": local_times(events["starts_at"], events["timezone"].fillna("UTC"), with_zone=True).to_numpy(),
        "event": events["summary"].fillna(NO_VALUE).to_numpy(),
        "company": events["company"].fillna(NO_VALUE).to_numpy(),
        "role": events["role"].fillna(NO_VALUE).to_numpy(),
        "stage": events["stage"].fillna(NO_VALUE).to_numpy(),
        "people met": people.to_numpy(),
        "an interview?": events["looks_like_interview"].map({True: "yes"}).fillna("no: " + events["reason"].astype(str))
        .to_numpy(),
    }, index=pd.RangeIndex(1, len(events) + 1))
    if "in_log" in events:
        table["in the log"] = events["in_log"].fillna(NO_VALUE).to_numpy()
    return table


#: What each match of a sent-mail import does, before the import and after it.
MAIL_WILL_DO = {"marked_sent": "mark the draft as sent", "added_note": "record a new note",
                "already_recorded": "already recorded", "reply": "record the reply"}
MAIL_DID = {"marked_sent": "marked the draft as sent", "added_note": "recorded a new note",
            "already_recorded": "already recorded", "reply": "recorded the reply"}


def sent_mail_matches(matches: pd.DataFrame, log, done: bool = False) -> pd.DataFrame | Message:
    """The matches of :func:`workbook.read_sent_mail` (or, ``done``, of an import) as a person
    reads them: who, the company, when the message went out on the interview's own clock, its
    subject, and what the import does with it; for a note already recorded, how far the
    recorded time was from the message ("already recorded (your click was 3 h later)")."""
    if matches.empty:
        return Message("No thank-you note or reply to the people met was found in this mail.")
    people = log.interviewers().set_index("interviewer_id")["interview_id"]
    zones = log.interviews().set_index("interview_id")["timezone"]
    zone = matches["interviewer_id"].map(people).map(zones).fillna("UTC").astype(str)
    words = matches["action"].map(MAIL_DID if done else MAIL_WILL_DO).fillna(matches["action"]).astype(object)
    difference = pd.to_timedelta(matches["difference"])
    off = (matches["action"] == "already_recorded") & (difference.abs() >= pd.Timedelta(minutes=1))
    if off.any():
        # The difference is the message's time minus the time the log had.
        way = (difference[off] < pd.Timedelta(0)).map({True: "later", False: "earlier"})
        words[off] = words[off] + " (your click was " + durations(difference[off].abs()) + " " + way + ")"
    subject = matches["subject"].fillna("").astype(str)
    return pd.DataFrame({
        "person met": matches["interviewer"].to_numpy(),
        "company": matches["company"].to_numpy(),
        "message sent (local)": local_times(matches["sent_at"], zone, with_zone=True).to_numpy(),
        "subject": subject.where(subject != "", "(no subject)").to_numpy(),
        "what the import did" if done else "what the import will do": words.to_numpy(),
    }, index=pd.RangeIndex(1, len(matches) + 1))


#: The sample cohort's candidate whose sent mail ships with the sample (``data/sample/mail``).
SAMPLE_MAIL_CANDIDATE = "Marcus Okafor"


def sample_sent_mail(log, now=None) -> pd.DataFrame | Message:
    """What importing the sample's mailbox (Marcus Okafor's sent mail and replies) would do in
    ``log``, read only; on a log without the sample cohort, a :class:`Message` saying so."""
    from .. import config
    from ..mail import read_sent_mail

    if SAMPLE_MAIL_CANDIDATE not in set(log.candidates()["candidate"]):
        return Message(f"The sample's mailbox is {SAMPLE_MAIL_CANDIDATE}'s, of the sample cohort: open the sample "
                       "log to see what it finds (00-start-here, \"Try it on the sample cohort\").")
    found = read_sent_mail(config.SAMPLE_DIR / "mail" / "Sent.mbox", log, SAMPLE_MAIL_CANDIDATE, now=now)
    print(found.attrs["summary"])
    return sent_mail_matches(found, log)
