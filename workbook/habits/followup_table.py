"""Follow-up timing: when each thank-you note is due, how fast it went out, and its status.

The guideline: a note to every person met, within 24 hours of the interview's end, the same
day better still. For every interviewer met:

- **due** is the interview's end + 24 hours (elapsed time: a daylight-saving change in between
  does not stretch or shrink it);
- **hours to send** is the elapsed hours from the interview's end to the first *sent* note to
  that person (a draft is not sent; later notes do not count);
- **status** is one of

  ``same_day``   sent within 24 h and on the interview's local calendar date;
  ``within_24h`` sent within 24 h, on a later local date;
  ``late``       sent more than 24 h after the end;
  ``pending``    not sent, and not yet due;
  ``overdue``    not sent, and past due.

Exactly 24 hours still counts as within 24 hours; at the due instant itself an unsent note is
still pending.

An ``overdue`` note is one of two things, told apart by **never_thanked**:

- **not yet thanked (overdue)**: it can still be sent, and a late note still shows
  follow-through. That is so until the interview's final outcome is known (an offer, a
  rejection, no response, withdrawn; not an invitation to a next round), and for at most
  :data:`STILL_WORTH_SENDING` (a week) after the note was due.
- **never thanked**: the interview's final outcome is recorded (decided by ``now``), or the note is
  more than a week past due. The moment for that note has gone.

The status stays ``overdue`` for both; ``never_thanked`` says which.

Every interview is dated by the local date it **started** (``started_at`` in its time zone),
wherever it is shown; the timing rules above run from its end.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..instants import UNIT, local_wall_clock, resolve_now
from ..wording import duration, local_time
from ..vocabulary import FINAL_OUTCOMES

#: How long the guideline gives for a thank-you note.
DUE_AFTER = pd.Timedelta(hours=24)
#: How long after its due time an unsent note can still be sent (when no outcome is known yet):
#: past this the person met was never thanked.
STILL_WORTH_SENDING = pd.Timedelta(days=7)
#: The follow-up statuses, from best to worst.
STATUSES = ("same_day", "within_24h", "late", "pending", "overdue")
#: The columns of :func:`followups`, in order.
FOLLOWUP_COLUMNS = [
    "interview_id", "interviewer_id", "candidate", "company", "role", "interviewer",
    "timezone", "started_at", "ended_at", "due_at", "sent_at", "hours_to_send", "status", "never_thanked",
]


def followups(log, now=None) -> pd.DataFrame:
    """One row per interviewer met: when their note is due, when it went out, and its status.

    Parameters
    ----------
    log : Log
        The interview log.
    now : datetime or str, optional
        The instant to judge ``pending`` against ``overdue`` (aware datetime, or ISO 8601 with
        an offset). Defaults to ``$WORKBOOK_NOW`` if set, else the real clock.

    Returns
    -------
    DataFrame
        Columns ``interview_id, interviewer_id, candidate, company, role, interviewer,
        timezone, started_at, ended_at, due_at, sent_at, hours_to_send, status,
        never_thanked``: instants in UTC (``timezone`` is the interview's), ``hours_to_send`` a
        float (NaN while unsent), ``status`` a categorical of :data:`STATUSES`,
        ``never_thanked`` True for an overdue note that can no longer be sent (see the module's
        docstring). Sorted by interview end, then interviewer.
    """
    return _judge(log.followup_rows(), resolve_now(now))


def followups_from(interviews: pd.DataFrame, interviewers: pd.DataFrame, notes: pd.DataFrame,
                   now=None, outcomes: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`followups` on tables already read from a log (as ``Log.interviews()`` etc. return).

    Without ``outcomes`` no outcome is known; without a ``starts_at`` column in ``interviews``
    the ``started_at`` column is empty (NaT)."""
    first_sent = (
        notes.loc[notes["sent_at"].notna(), ["interviewer_id", "sent_at"]]
        .groupby("interviewer_id")["sent_at"].min()
    )
    people = interviewers[["interviewer_id", "interview_id", "name"]].rename(columns={"name": "interviewer"})
    if "starts_at" not in interviews:
        interviews = interviews.assign(starts_at=pd.Series(pd.NaT, index=interviews.index,
                                                           dtype=f"datetime64[{UNIT}, UTC]"))
    table = people.merge(
        interviews[["interview_id", "candidate", "company", "role", "timezone", "starts_at", "ends_at"]],
        on="interview_id", how="inner", validate="many_to_one",
    ).rename(columns={"starts_at": "started_at", "ends_at": "ended_at"})
    table = table.merge(first_sent, left_on="interviewer_id", right_index=True, how="left")
    if outcomes is None:
        table["outcome_at"] = pd.Series(pd.NaT, index=table.index, dtype=f"datetime64[{UNIT}, UTC]")
    else:
        final = outcomes[outcomes["outcome"].isin(FINAL_OUTCOMES)]
        decided = final[["interview_id", "decided_at"]].rename(columns={"decided_at": "outcome_at"})
        table = table.merge(decided, on="interview_id", how="left", validate="many_to_one")
    return _judge(table, resolve_now(now))


def _judge(table: pd.DataFrame, now: pd.Timestamp) -> pd.DataFrame:
    """Due time, hours to send, status and never_thanked for rows of people met with
    ``started_at``, ``ended_at``, the first ``sent_at`` and the outcome's ``outcome_at``;
    vectorised, the loop in local_wall_clock runs over time zones."""
    table = table.copy()
    for column in ("started_at", "ended_at", "sent_at", "outcome_at"):
        table[column] = table[column].astype(f"datetime64[{UNIT}, UTC]")
    table["due_at"] = table["ended_at"] + DUE_AFTER

    table["hours_to_send"] = (table["sent_at"] - table["ended_at"]) / pd.Timedelta(hours=1)
    # Few distinct zones and candidates: categories make grouping by them cheap downstream.
    table["timezone"] = table["timezone"].astype("category")
    table["candidate"] = table["candidate"].astype("category")
    sent = table["sent_at"].notna().to_numpy()
    in_time = sent & (table["sent_at"] <= table["due_at"]).to_numpy()
    same_date = (
        local_wall_clock(table["sent_at"], table["timezone"]).dt.normalize()
        == local_wall_clock(table["ended_at"], table["timezone"]).dt.normalize()
    ).to_numpy()
    not_due = (now <= table["due_at"]).to_numpy()
    codes = np.select(
        [in_time & same_date, in_time, sent, not_due],
        [STATUSES.index("same_day"), STATUSES.index("within_24h"), STATUSES.index("late"),
         STATUSES.index("pending")],
        default=STATUSES.index("overdue"),
    )
    table["status"] = pd.Categorical.from_codes(codes, categories=STATUSES, ordered=True)
    gone = (table["outcome_at"] <= now).to_numpy() | (now > table["due_at"] + STILL_WORTH_SENDING).to_numpy()
    table["never_thanked"] = (codes == STATUSES.index("overdue")) & gone

    table = table.sort_values(["ended_at", "interview_id", "interviewer_id"], kind="stable", ignore_index=True)
    return table[FOLLOWUP_COLUMNS]


def describe_timing(ended_at, timezone: str, sent_at=None, now=None) -> str:
    """One line on a person's note: when it is due and how long is left, or how it went.

    "due in 5 h (Tue 15 Sep 2026 11:00 America/New_York); same day until 23:59 local",
    "overdue by 3 h (was due Tue 15 Sep 2026 11:00 America/New_York)", "sent 4 h 30 min after
    the interview, the same day", "sent 30 h after the interview: 6 h late". Durations and
    times are written by :mod:`workbook.wording`.
    """
    ended = pd.Timestamp(ended_at).tz_convert("UTC")
    due = ended + DUE_AFTER
    local = lambda t: pd.Timestamp(t).tz_convert(timezone)  # noqa: E731
    if sent_at is not None and not pd.isna(sent_at):
        sent = pd.Timestamp(sent_at).tz_convert("UTC")
        after = duration(sent - ended)
        if sent > due:
            return f"sent {after} after the interview: {duration(sent - due)} late"
        if local(sent).date() == local(ended).date():
            return f"sent {after} after the interview, the same day"
        return f"sent {after} after the interview, within 24 h"
    now = resolve_now(now)
    when = local_time(due, timezone)
    if now > due:
        return f"overdue by {duration(now - due)} (was due {when})"
    line = f"due in {duration(due - now)} ({when})"
    if now >= ended and local(now).date() == local(ended).date():
        line += "; same day until 23:59 local"
    return line
