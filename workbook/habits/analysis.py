"""Follow-up habits: how fast and how completely a candidate thanks the people they meet.

Pure pandas, no plotting: each function takes the table of :func:`workbook.followups` (one
row per person met) and returns a DataFrame. Who counts where:

- **people met**: every interviewer logged at an interview.
- **due** (the denominator of every rate): people whose note has been sent or is past due,
  that is every status but ``pending``. A person whose note is not yet due and not yet sent
  can still be thanked on time, so they count in no rate yet.
- **thanked**: people sent at least one note (the first sent note counts, once).
- **coverage** = thanked / people met (everyone, as the guideline asks for a note to each
  person). The timeliness rates: **same-day rate** = ``same_day`` / due; **on-time rate**
  = (``same_day`` + ``within_24h``) / due. A rate with nothing to count is NaN, not 0.
- **hours to send** statistics are over the people thanked.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..vocabulary import POSITIVE_OUTCOMES
from ..instants import local_wall_clock
from .followup_table import STATUSES
from ..wording import duration

#: Below this many interviews a group's share is called too small to read much into.
SMALL_GROUP = 10
#: The z value of a two-sided 95% interval.
Z95 = 1.959963984540054

#: How the follow-up to one interview went, from best to worst.
FOLLOWUP_GROUPS = ("all_on_time", "some_late", "someone_missed")
GROUP_LABELS = {
    "all_on_time": "everyone thanked within 24 h",
    "some_late": "everyone thanked, some late",
    "someone_missed": "someone never thanked",
}

SUMMARY_COLUMNS = [
    "interviews", "people_met", "due", "thanked", "coverage", "same_day", "within_24h", "late",
    "overdue", "pending", "same_day_rate", "on_time_rate", "median_hours", "p90_hours",
]
ALL = "All candidates"


def _counts(followups: pd.DataFrame, keys: list) -> pd.DataFrame:
    """The counts and rates of SUMMARY_COLUMNS for each group of ``keys`` (a list of columns
    or Series; empty for one group over everything)."""
    codes = _status_codes(followups)
    flags = pd.DataFrame({"people_met": 1}, index=followups.index)
    for name in ("same_day", "within_24h", "late", "overdue", "pending"):
        flags[name] = (codes == STATUSES.index(name)).astype(int)
    flags["interview_id"] = followups["interview_id"]
    flags["hours_to_send"] = followups["hours_to_send"]
    grouped = flags.groupby(keys if keys else np.zeros(len(flags), dtype=int), observed=True, sort=True)
    table = grouped[["people_met", "same_day", "within_24h", "late", "overdue", "pending"]].sum()
    table.insert(0, "interviews", grouped["interview_id"].nunique())
    table["due"] = table["people_met"] - table["pending"]
    table["thanked"] = table["same_day"] + table["within_24h"] + table["late"]
    due = table["due"].where(table["due"] > 0)
    table["coverage"] = table["thanked"] / table["people_met"].where(table["people_met"] > 0)
    table["same_day_rate"] = table["same_day"] / due
    table["on_time_rate"] = (table["same_day"] + table["within_24h"]) / due
    table["median_hours"] = grouped["hours_to_send"].median()
    table["p90_hours"] = grouped["hours_to_send"].quantile(0.9)
    return table[SUMMARY_COLUMNS]


def _status_codes(followups: pd.DataFrame) -> np.ndarray:
    """Each row's status as its position in STATUSES (comparing small integers, not text)."""
    status = followups["status"]
    if isinstance(status.dtype, pd.CategoricalDtype) and list(status.cat.categories) == list(STATUSES):
        return status.cat.codes.to_numpy()
    return pd.Categorical(status, categories=STATUSES).codes


def summary(followups: pd.DataFrame) -> pd.DataFrame:
    """Per candidate, and for all of them together: how the follow-up went.

    Returns
    -------
    DataFrame indexed by ``candidate`` (the last row, ``"All candidates"``, covers everyone),
    with ``interviews, people_met, due, thanked, coverage, same_day, within_24h, late,
    overdue, pending, same_day_rate, on_time_rate, median_hours, p90_hours``. See the module
    docstring for who counts in each denominator. An empty table gives the one "All" row
    with zero counts and NaN rates.
    """
    if followups.empty:
        rates = ("coverage", "same_day_rate", "on_time_rate", "median_hours", "p90_hours")
        empty = {c: (np.nan if c in rates else 0) for c in SUMMARY_COLUMNS}
        return pd.DataFrame([empty], index=pd.Index([ALL], name="candidate"))
    per_candidate = _counts(followups, [followups["candidate"].rename("candidate")])
    overall = _counts(followups, [])
    overall.index = pd.Index([ALL], name="candidate")
    return pd.concat([per_candidate, overall])


def trend(followups: pd.DataFrame, freq: str = "W", by_candidate: bool = False) -> pd.DataFrame:
    """The rates and the median hours to send, week by week (``freq="W"``) or month by month
    (``"M"``), for "am I getting better?".

    Periods are of the interview's end on its local calendar. Returns the columns of
    :func:`summary` plus ``period`` (a Period) and ``period_start`` (a date), and
    ``candidate`` when ``by_candidate``; one row per period that had interviews.
    """
    if freq not in ("W", "M"):
        raise ValueError('freq is "W" (weeks) or "M" (months)')
    columns = (["candidate"] if by_candidate else []) + ["period", "period_start"] + SUMMARY_COLUMNS
    if followups.empty:
        return pd.DataFrame(columns=columns)
    local_end = local_wall_clock(followups["ended_at"], followups["timezone"])
    period = local_end.dt.to_period("W-SUN" if freq == "W" else "M").rename("period")
    keys = ([followups["candidate"].rename("candidate")] if by_candidate else []) + [period]
    table = _counts(followups, keys).reset_index()
    table["period_start"] = table["period"].dt.start_time.dt.date
    return table[columns]


def wilson_interval(successes, trials, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of a proportion, element-wise (NaN where trials is 0).

    Better than "p ± 1.96·SE" for small groups and for shares near 0 or 1.
    """
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low, high = centre - half, centre + half
    low = np.where(n > 0, np.clip(low, 0, 1), np.nan)
    high = np.where(n > 0, np.clip(high, 0, 1), np.nan)
    return low, high


def interview_followup(followups: pd.DataFrame) -> pd.DataFrame:
    """One row per interview: how its follow-up went.

    ``group`` is ``all_on_time`` (every person met thanked within 24 h), ``some_late`` (every
    person thanked, some after 24 h) or ``someone_missed`` (someone's note is overdue), and NaN
    while anyone's note is still pending: that interview's follow-up is not settled yet.
    """
    codes = _status_codes(followups)
    on_time = (codes == STATUSES.index("same_day")) | (codes == STATUSES.index("within_24h"))
    flags = pd.DataFrame({
        "interview_id": followups["interview_id"],
        "candidate": followups["candidate"],
        "company": followups["company"],
        "timezone": followups["timezone"],
        "ended_at": followups["ended_at"],
        "people_met": 1,
        "on_time": on_time.astype(int),
        "late": (codes == STATUSES.index("late")).astype(int),
        "missed": (codes == STATUSES.index("overdue")).astype(int),
        "pending": (codes == STATUSES.index("pending")).astype(int),
    })
    table = flags.groupby("interview_id", sort=True).agg(
        candidate=("candidate", "first"), company=("company", "first"), timezone=("timezone", "first"),
        ended_at=("ended_at", "first"),
        people_met=("people_met", "sum"), on_time=("on_time", "sum"), late=("late", "sum"),
        missed=("missed", "sum"), pending=("pending", "sum"),
    )
    group = np.select(
        [table["pending"] > 0, table["missed"] > 0, table["late"] > 0],
        [None, "someone_missed", "some_late"], default="all_on_time",
    )
    table["group"] = pd.Categorical(group, categories=FOLLOWUP_GROUPS, ordered=True)
    return table.reset_index()


def outcomes_by_followup(followups: pd.DataFrame, outcomes: pd.DataFrame) -> pd.DataFrame:
    """The share of good outcomes (``next_round``, ``offer``) after each kind of follow-up.

    Only interviews with an outcome and a settled follow-up count (see
    :func:`interview_followup`). Returns one row per group of :data:`FOLLOWUP_GROUPS`:
    ``group, label, interviews, positive, share, low, high`` (the 95% Wilson interval) and
    ``caution``, a plain-words warning where the group is small. The numbers describe what
    went together in this log; they do not say that a note caused an outcome.
    """
    per_interview = interview_followup(followups)
    decided = per_interview.merge(outcomes[["interview_id", "outcome"]], on="interview_id", how="inner")
    decided = decided[decided["group"].notna()]
    decided = decided.assign(positive=decided["outcome"].isin(POSITIVE_OUTCOMES).astype(int))
    table = decided.groupby("group", observed=False).agg(interviews=("positive", "size"),
                                                         positive=("positive", "sum"))
    table = table.reindex(pd.CategoricalIndex(FOLLOWUP_GROUPS, categories=FOLLOWUP_GROUPS, ordered=True,
                                              name="group"), fill_value=0)
    table["share"] = table["positive"] / table["interviews"].where(table["interviews"] > 0)
    table["low"], table["high"] = wilson_interval(table["positive"], table["interviews"])
    table.insert(0, "label", [GROUP_LABELS[g] for g in FOLLOWUP_GROUPS])
    n = table["interviews"]
    table["caution"] = np.select(
        [n == 0, n < SMALL_GROUP],
        ["no interviews with an outcome yet",
         "only " + n.astype(str) + np.where(n == 1, " interview", " interviews") + ": too few to read much into"],
        default="",
    )
    return table.reset_index()


def due_now(followups: pd.DataFrame, now: pd.Timestamp) -> pd.DataFrame:
    """Every person still without a sent note, most urgent first, with the hours left until
    the note is due (negative when overdue)."""
    open_ = followups[followups["status"].isin(["pending", "overdue"])].copy()
    open_["hours_left"] = (open_["due_at"] - pd.Timestamp(now)) / pd.Timedelta(hours=1)
    return open_.sort_values(["hours_left", "interviewer_id"], kind="stable", ignore_index=True)


def next_time(followups: pd.DataFrame, outcomes: pd.DataFrame | None = None) -> list[str]:
    """What to try at the next interviews, in plain sentences written from these numbers.

    ``followups`` is usually one candidate's rows. Rules: coverage below 100% asks to collect
    every person's details and thank everyone; an on-time rate below 80% asks to write the
    notes straight after the interview; otherwise a same-day rate below half asks for the
    same day. With outcomes, the good-outcome shares are compared only where both groups hold
    at least :data:`SMALL_GROUP` interviews, and never as a cause.
    """
    row = summary(followups).loc[ALL]
    due, overdue, late = int(row["due"]), int(row["overdue"]), int(row["late"])
    if due == 0:
        return ["No note is due yet: log your interviews and the people you meet, and come back "
                "when the first notes have gone out."]
    tips = []
    if overdue:
        tips.append(
            f"{overdue} of the {due} people whose note is due never got one "
            f"({(due - overdue) / due:.0%} thanked). Before you leave an interview, collect every person's "
            "name and email address, and write to each of them, however it went.")
    if row["on_time_rate"] < 0.8:
        tips.append(
            f"{row['on_time_rate']:.0%} of the people due a note were thanked within 24 hours; "
            + (f"{late} went out late, and half of your notes took {duration(row['median_hours'])} or more. "
               if pd.notna(row["median_hours"]) else "none has been sent yet. ")
            + "Block half an hour right after each interview to write the notes while the conversation is fresh.")
    elif row["same_day_rate"] < 0.5:
        tips.append(
            f"{row['on_time_rate']:.0%} of your notes go out within 24 hours, {row['same_day_rate']:.0%} the same "
            "day. Try sending them the same day: an email arrives at once.")
    if outcomes is not None:
        table = outcomes_by_followup(followups, outcomes).set_index("group")
        on_time, missed = table.loc["all_on_time"], table.loc["someone_missed"]
        if min(on_time["interviews"], missed["interviews"]) >= SMALL_GROUP:
            tips.append(
                f"After interviews where everyone was thanked on time, {on_time['share']:.0%} led to a next "
                f"round or an offer, against {missed['share']:.0%} where someone was never thanked. That is "
                "what went together in your log, not proof that the notes caused it.")
        else:
            tips.append("Too few interviews with an outcome to compare outcomes after on-time and missed "
                        "notes yet.")
    if not overdue and row["on_time_rate"] >= 0.8:
        tips.insert(0, "You thank everyone you meet, and on time: keep it up.")
    return tips
