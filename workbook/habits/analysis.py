"""Follow-up habits: how fast and how completely a candidate thanks the people they meet.

Pure pandas, no plotting: each function takes the table of :func:`workbook.followups` (one
row per person met) and returns a DataFrame. Who counts where:

- **people met**: every interviewer logged at an interview.
- **due** (the denominator of every rate): people whose note has been sent or is past due,
  that is every status but ``pending``. A person whose note is not yet due and not yet sent
  can still be thanked on time, so they count in no rate yet.
- **thanked**: people sent at least one note (the first sent note counts, once).
- **not yet thanked (overdue)** and **never thanked** split the people whose note is overdue:
  the first can still be sent (no outcome known yet, at most a week past due), the second no
  longer (see :mod:`workbook.habits.followup_table`). Both count in the rates as not on time.
- **coverage** = thanked / people met (everyone, as the guideline asks for a note to each
  person). The timeliness rates: **same-day rate** = ``same_day`` / due; **on-time rate**
  = (``same_day`` + ``within_24h``) / due. A rate with nothing to count is NaN, not 0.
- **hours to send** statistics are over the people thanked.

The advice (:func:`next_time`) is true of small numbers: below :data:`SMALL_GROUP` notes it
says the counts and the times themselves ("one of your two notes took 31 h"), never a share or
a median of so few.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..vocabulary import POSITIVE_OUTCOMES
from ..instants import local_wall_clock
from .followup_table import STATUSES
from ..wording import duration, durations, listed, number_word

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
    "not_yet_thanked", "never_thanked", "pending", "same_day_rate", "on_time_rate", "median_hours", "p90_hours",
]
#: The counts of :data:`SUMMARY_COLUMNS` that split the people met: each person is in one.
STANDINGS = ("same_day", "within_24h", "late", "not_yet_thanked", "never_thanked", "pending")
ALL = "All candidates"


def _counts(followups: pd.DataFrame, keys: list) -> pd.DataFrame:
    """The counts and rates of SUMMARY_COLUMNS for each group of ``keys`` (a list of columns
    or Series; empty for one group over everything)."""
    flags = _standings(followups)
    flags.insert(0, "people_met", 1)
    flags["interview_id"] = followups["interview_id"]
    flags["hours_to_send"] = followups["hours_to_send"]
    grouped = flags.groupby(keys if keys else np.zeros(len(flags), dtype=int), observed=True, sort=True)
    table = grouped[["people_met", *STANDINGS]].sum()
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


def _standings(followups: pd.DataFrame) -> pd.DataFrame:
    """One 0/1 column per :data:`STANDINGS`: where each person met stands."""
    codes = _status_codes(followups)
    never = (followups["never_thanked"].fillna(False).to_numpy(dtype=bool) if "never_thanked" in followups
             else np.zeros(len(followups), dtype=bool))
    overdue = codes == STATUSES.index("overdue")
    flags = pd.DataFrame({name: (codes == STATUSES.index(name)).astype(int)
                          for name in ("same_day", "within_24h", "late")}, index=followups.index)
    flags["not_yet_thanked"] = (overdue & ~never).astype(int)
    flags["never_thanked"] = (overdue & never).astype(int)
    flags["pending"] = (codes == STATUSES.index("pending")).astype(int)
    return flags


def summary(followups: pd.DataFrame) -> pd.DataFrame:
    """Per candidate, and for all of them together: how the follow-up went.

    Returns
    -------
    DataFrame indexed by ``candidate`` (the last row, ``"All candidates"``, covers everyone),
    with ``interviews, people_met, due, thanked, coverage, same_day, within_24h, late,
    not_yet_thanked, never_thanked, pending, same_day_rate, on_time_rate, median_hours,
    p90_hours``. See the module
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

    Periods are of the interview's start on its local calendar (an interview is dated by the
    day it started, also when it ends after midnight). Returns the columns of
    :func:`summary` plus ``period`` (a Period) and ``period_start`` (a date), and
    ``candidate`` when ``by_candidate``; one row per period that had interviews.
    """
    if freq not in ("W", "M"):
        raise ValueError('freq is "W" (weeks) or "M" (months)')
    columns = (["candidate"] if by_candidate else []) + ["period", "period_start"] + SUMMARY_COLUMNS
    if followups.empty:
        return pd.DataFrame(columns=columns)
    local_start = local_wall_clock(followups["started_at"], followups["timezone"])
    period = local_start.dt.to_period("W-SUN" if freq == "W" else "M").rename("period")
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

    Counts per interview: ``people_met``, ``on_time``, ``late``, ``overdue`` (not yet thanked,
    overdue: can still be sent), ``missed`` (never thanked) and ``pending``. ``group`` is
    ``all_on_time`` (every person met thanked within 24 h), ``some_late`` (every person
    thanked, some after 24 h) or ``someone_missed`` (someone was never thanked), and NaN while
    anyone's note is still pending or can still be sent: that interview's follow-up is not
    settled yet.
    """
    standing = _standings(followups)
    flags = pd.DataFrame({
        "interview_id": followups["interview_id"],
        "candidate": followups["candidate"],
        "company": followups["company"],
        "timezone": followups["timezone"],
        "started_at": followups["started_at"],
        "ended_at": followups["ended_at"],
        "people_met": 1,
        "on_time": standing["same_day"] + standing["within_24h"],
        "late": standing["late"],
        "overdue": standing["not_yet_thanked"],
        "missed": standing["never_thanked"],
        "pending": standing["pending"],
    })
    table = flags.groupby("interview_id", sort=True).agg(
        candidate=("candidate", "first"), company=("company", "first"), timezone=("timezone", "first"),
        started_at=("started_at", "first"), ended_at=("ended_at", "first"),
        people_met=("people_met", "sum"), on_time=("on_time", "sum"), late=("late", "sum"),
        overdue=("overdue", "sum"), missed=("missed", "sum"), pending=("pending", "sum"),
    )
    group = np.select(
        [(table["pending"] > 0) | (table["overdue"] > 0), table["missed"] > 0, table["late"] > 0],
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

    ``followups`` is usually one candidate's rows. Rules: a note overdue that can still be sent
    names who is waiting, to send it today; someone never thanked asks to collect every
    person's details and thank everyone; an on-time rate below 80% asks to write the notes
    straight after the interview; otherwise a same-day rate below half asks for the same day.
    Below :data:`SMALL_GROUP` notes the sentences say the numbers themselves ("one of your two
    notes took 31 h"), a share or a median only from enough. With outcomes, the good-outcome
    shares are compared only where both groups hold at least :data:`SMALL_GROUP` interviews,
    and never as a cause.
    """
    row = summary(followups).loc[ALL]
    due, late, thanked = int(row["due"]), int(row["late"]), int(row["thanked"])
    waiting, never = int(row["not_yet_thanked"]), int(row["never_thanked"])
    on_time, same_day = int(row["same_day"] + row["within_24h"]), int(row["same_day"])
    if due == 0:
        return ["No note is due yet: log your interviews and the people you meet, and come back "
                "when the first notes have gone out."]
    tips = []
    if waiting:
        tips.append(
            f"{_who_is_waiting(followups)} {'is' if waiting == 1 else 'are'} still waiting for a note, past the "
            "24 hours: send it today. A late note still shows follow-through; no note does not.")
    if never:
        people, one = _of(never, due, "person whose note is due", "people whose note is due")
        share = f" ({thanked / due:.0%} thanked)" if due >= SMALL_GROUP else ""
        tips.append(
            f"{people} {'was' if one else 'were'} never thanked{share}. Before you leave an interview, collect "
            "every person's name and email address, and write to each of them, however it went.")
    if row["on_time_rate"] < 0.8:
        if due >= SMALL_GROUP:
            said = f"{row['on_time_rate']:.0%} of the people due a note were thanked within 24 hours"
        else:
            people, one = _of(on_time, due, "person due a note", "people due a note")
            said = f"{people} {'was' if one else 'were'}{' not' if due == 1 and not on_time else ''} thanked " \
                   "within 24 hours"
        tips.append(f"{said}; {_how_late(followups, late, thanked)}Block half an hour right after each interview to "
                    "write the notes while the conversation is fresh.")
    elif row["same_day_rate"] < 0.5:
        if due >= SMALL_GROUP:
            said = (f"{row['on_time_rate']:.0%} of your notes go out within 24 hours, {row['same_day_rate']:.0%} "
                    "the same day")
        else:
            notes, _ = _of(on_time, due, "note due", "notes due", whose="your")
            said = f"{notes} went out within 24 hours, {number_word(same_day) if same_day else 'none'} the same day"
        tips.append(f"{said}. Try sending them the same day: an email arrives at once.")
    if outcomes is not None:
        table = outcomes_by_followup(followups, outcomes).set_index("group")
        on_time_group, missed = table.loc["all_on_time"], table.loc["someone_missed"]
        if min(on_time_group["interviews"], missed["interviews"]) >= SMALL_GROUP:
            tips.append(
                f"After interviews where everyone was thanked on time, {on_time_group['share']:.0%} led to a next "
                f"round or an offer, against {missed['share']:.0%} where someone was never thanked. That is "
                "what went together in your log, not proof that the notes caused it.")
        else:
            tips.append("Too few interviews with an outcome to compare outcomes after on-time and missed "
                        "notes yet.")
    if not waiting and not never and row["on_time_rate"] >= 0.8:
        tips.insert(0, "You thank everyone you meet, and on time: keep it up.")
    return [tip[0].upper() + tip[1:] for tip in tips]


def _of(k: int, n: int, noun: str, nouns: str, whose: str = "the") -> tuple[str, bool]:
    """``k`` of ``n`` things as a sentence's subject, and whether its verb is singular: "3 of
    the 33 people"; below :data:`SMALL_GROUP` in words: "one of the two people", "both of
    your notes", "none of the three people", "the only person" (``n`` of 1: the caller says
    "not" when ``k`` is 0)."""
    if n >= SMALL_GROUP:
        return f"{k} of {whose} {n} {nouns}", k == 1
    if n == 1:
        return f"{whose} only {noun}", True
    if k == n:
        return (f"both of {whose} {nouns}" if n == 2 else f"all {number_word(n)} of {whose} {nouns}"), False
    if k == 0:
        return f"none of {whose} {number_word(n)} {nouns}", True
    return f"{number_word(k)} of {whose} {number_word(n)} {nouns}", k == 1


def _how_late(followups: pd.DataFrame, late: int, thanked: int) -> str:
    """How late the notes went out, true of the numbers there are: a median phrase from
    :data:`SMALL_GROUP` notes sent, below that the late notes' own times."""
    if not thanked:
        return "none has been sent yet. "
    if thanked >= SMALL_GROUP:
        median = followups["hours_to_send"].median()
        return f"{late} went out late, and half of your notes took {duration(median)} or more. "
    if not late:
        return "every note sent went out on time. "
    hours = followups.loc[_status_codes(followups) == STATUSES.index("late"), "hours_to_send"]
    notes, one = _of(late, thanked, "note", "notes", whose="your")
    if late <= 3:
        took = listed(durations(hours.sort_values(), short=True).tolist())
    else:
        took = f"over 24 hours, the longest {duration(hours.max(), short=True)}"
    return f"{notes} took {took}. "


def _who_is_waiting(followups: pd.DataFrame, most: int = 3) -> str:
    """Who is not yet thanked though overdue, by name: "Ana Lima (Northwind Analytics)", or
    how many when more than ``most``."""
    waiting = followups[_standings(followups)["not_yet_thanked"].astype(bool)]
    if len(waiting) > most:
        return f"{len(waiting)} people you met"
    names = (waiting["interviewer"].astype(str) + " (" + waiting["company"].astype(str) + ")").tolist()
    return listed(names)
