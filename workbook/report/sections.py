"""What the session report shows, section by section, as the report notebook displays it.

Each function reads the log or the habits' tables (:mod:`workbook.habits`,
:mod:`workbook.habits.views`) and returns what a notebook cell shows: a DataFrame, a
:class:`~workbook.habits.views.Message`, or :class:`Html` whose every value from the log or
typed by a coach is escaped. No drawing here: the report's charts are
:mod:`workbook.habits.charts`, as in notebook 04.
"""

from __future__ import annotations

import html

import pandas as pd

from . import ReportError
from ..habits import analysis
from ..habits.views import SUMMARY_HEADINGS, Message, readable_summary, still_to_thank
from ..wording import NO_VALUE, local_dates, local_time

#: What the guideline asks of each line of the habits summary (the others are counts).
GUIDELINE = {
    SUMMARY_HEADINGS["coverage"]: "100%: write to everyone you met",
    SUMMARY_HEADINGS["on_time_rate"]: "100%: within 24 hours of the interview",
    SUMMARY_HEADINGS["same_day_rate"]: "as many as you can: the same day is better",
    SUMMARY_HEADINGS["not_yet_thanked"]: "none: send these today",
    SUMMARY_HEADINGS["never_thanked"]: "none",
    SUMMARY_HEADINGS["median_hours"]: "under 24 h",
    SUMMARY_HEADINGS["p90_hours"]: "under 24 h",
}
#: What the report says where a candidate has no one to thank, or no draft waiting.
NOBODY_WAITING = "Nobody is waiting for a note: everyone met so far has been sent one."
NO_DRAFTS = "No drafts waiting: every note saved in the log has been sent."


class Html(str):
    """HTML a notebook shows as it is (built here, every value in it escaped)."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return "<the session report's HTML>"


def known_candidate(log, candidate: str) -> str:
    """``candidate`` if the log holds them; else a :class:`~workbook.report.ReportError`
    naming the candidates it holds."""
    names = log.candidates()["candidate"].tolist()
    if candidate not in names:
        raise ReportError(f"no candidate named {candidate!r} in the log (its candidates: "
                          f"{', '.join(names) if names else 'none yet'})")
    return candidate


def candidate_zone(log, candidate: str) -> str:
    """The time zone of the candidate's latest interview (where they are, most likely), UTC
    when they have none: the zone the report's date is written in."""
    interviews = log.interviews()
    interviews = interviews[interviews["candidate"] == candidate]
    if interviews.empty:
        return "UTC"
    return str(interviews.sort_values(["starts_at", "interview_id"])["timezone"].iloc[-1])


def title(candidate: str, now, zone: str = "UTC") -> Html:
    """The report's heading: whose report it is, and as of when, in the candidate's time."""
    when = local_time(pd.Timestamp(now), zone)
    return Html(f"<h1>Session report: {html.escape(candidate)}</h1>\n"
                f"<p class='as-of'>Your thank-you notes and follow-up habits as of {html.escape(when)}.</p>")


def habits_summary(followups: pd.DataFrame, candidate: str) -> pd.DataFrame:
    """One candidate's habits summary (:func:`workbook.habits.summary`, in the words of
    :func:`~workbook.habits.views.readable_summary`) as one line per measure, beside what the
    guideline asks: a table that reads down a printed page."""
    shown = readable_summary(analysis.summary(followups))
    row = shown.loc[candidate] if candidate in shown.index else shown.iloc[-1]
    return pd.DataFrame({
        "You": row.fillna(NO_VALUE).astype(str).to_numpy(),
        "The guideline": [GUIDELINE.get(name, "") for name in row.index],
    }, index=pd.Index(row.index))


def people_to_thank(log, candidate: str, now) -> pd.DataFrame | Message:
    """Everyone the candidate has still to thank, most urgent first, with the time left
    (:func:`~workbook.habits.views.still_to_thank`), or a :class:`Message` when nobody is."""
    table = still_to_thank(log, now=now, candidate=candidate).drop(columns="candidate")
    if table.empty:
        return Message(NOBODY_WAITING)
    return table.rename(columns=str.capitalize)


def drafts_waiting(log, followups: pd.DataFrame, candidate: str, now=None) -> pd.DataFrame | Message:
    """The candidate's notes saved as drafts and not marked sent, the ones written on the
    report's day (``now``, on each interview's local clock) first: to whom, where, when the
    interview was, when the draft was written ("today", a date, or unknown for a note saved
    before the log kept it), and the draft as its writer knows it (its subject or first words)."""
    from ..instants import local_wall_clock, resolve_now
    from ..ui.followup_tracker import note_words  # the tracker's words for a draft, not a copy

    now = resolve_now(now)
    notes = log.notes()
    drafts = notes[notes["sent_at"].isna()].merge(
        followups.loc[followups["candidate"] == candidate,
                      ["interviewer_id", "interviewer", "company", "started_at", "timezone", "status"]],
        on="interviewer_id")
    if drafts.empty:
        return Message(NO_DRAFTS)
    zones = drafts["timezone"].astype(str)
    written_day = local_wall_clock(drafts["written_at"], zones).dt.floor("D")
    today = local_wall_clock(pd.Series(now, index=drafts.index), zones).dt.floor("D")
    drafts["today"] = (written_day == today).fillna(False)
    written = local_dates(drafts["written_at"], zones).where(~drafts["today"], "today")
    drafts["written"] = written
    drafts = drafts.sort_values(["today", "started_at", "interviewer", "note_id"], ascending=[False, True, True, True],
                                kind="stable", ignore_index=True)
    thanked = ~drafts["status"].isin(["pending", "overdue"])
    return pd.DataFrame({
        "Person": drafts["interviewer"].to_numpy(),
        "Company": drafts["company"].to_numpy(),
        "Interview (local date)": local_dates(drafts["started_at"], drafts["timezone"]).to_numpy(),
        "Written": drafts["written"].to_numpy(),
        "Draft": [note_words(s, b) or "no text yet" for s, b in zip(drafts["subject"], drafts["body"])],
        "Channel": drafts["channel"].astype(str).to_numpy(),
        "Already thanked": ["yes, by another note" if t else "no" for t in thanked],
    }, index=pd.RangeIndex(1, len(drafts) + 1))


def bullets(lines: list[str]) -> Html:
    """Sentences as a bulleted list (the advice of :func:`workbook.habits.next_time`)."""
    return Html("<ul class='advice'>\n" + "".join(f"<li>{html.escape(line)}</li>\n" for line in lines) + "</ul>")


def coach_note(text: str | None) -> Html | None:
    """The coach's note under its heading, as text (line breaks kept, nothing in it read as
    HTML); None, so that nothing is shown, when there is none."""
    if text is None or not str(text).strip():
        return None
    paragraphs = [p.strip() for p in str(text).strip().split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return Html(f"<h2 id='a-note-from-your-coach'>A note from your coach</h2>\n<blockquote class='coach-note'>{body}</blockquote>")
