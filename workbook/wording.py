"""How the workbook says a time span, a local time, a follow-up status and a rate, in words
(and an interview and the notes to someone, as messages name them).

Every table, widget, chart and message writes these through this module, so the same gap
reads the same everywhere. Each rule has one vectorised form (a Series in, a Series of text
out) and a scalar form defined on top of it, so that the two cannot disagree.

**A duration** (``durations``, ``duration``) is cut down to the whole minute: the seconds are
dropped, never rounded up (so "2 h left" is never said while 1 h 59 min 40 s is left, and
85 days 17 h 30 min reads "85 days 17 h"). Then, by its size:

==========================  ================================  ====================
span (whole minutes)        written                           e.g.
==========================  ================================  ====================
under 1 h                   minutes                           "0 min", "59 min"
1 h to under 48 h           hours, and minutes unless none    "1 h", "47 h 59 min"
48 h and more               days, and hours unless none       "2 days", "85 days 17 h"
==========================  ================================  ====================

The short form (``short=True``, for a chart's labels) is the first part alone: "47 h",
"85 days"; it is never more than the long form says. A duration is a magnitude: the sign is
dropped, and the words around it say which way ("overdue by", "left": :func:`times_left`).
Spans may be Timedeltas, or numbers of hours (as ``hours_to_send`` and ``hours_left`` are),
read to the microsecond first so that 5.333… h is 5 h 20 min, not 5 h 19 min.

**A local time** is the wall clock where the interview took place, "Tue 15 Sep 2026 11:00"
(:data:`LOCAL_TIME`); in a sentence it is followed by the IANA zone, "Tue 15 Sep 2026 11:00
America/New_York", in a table the column's heading says "(local)". A date alone (a chart's
labels, an interview in a list, an outcome's day) is the first part, "Tue 15 Sep 2026"
(:data:`LOCAL_DATE`).

**A follow-up status** is said with :data:`STATUS_WORDS`; **a rate** as a whole percent, "83%".
**An interview**, in a message, is "the interview with Northwind Analytics on Mon 14 Sep 2026"
(:func:`interview_words`), **notes** "2 notes (1 sent)" (:func:`notes_words`).

Whatever is missing (NaN, NaT, None) is written :data:`NO_VALUE`, "—".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .instants import UNIT, local_wall_clock

#: What a missing duration, time, status or rate is written as.
NO_VALUE = "—"
#: A local time in tables and messages: "Tue 15 Sep 2026 11:00".
LOCAL_TIME = "%a %d %b %Y %H:%M"
#: A local date, the first part of :data:`LOCAL_TIME`, for a chart's labels: "Tue 15 Sep 2026".
LOCAL_DATE = "%a %d %b %Y"
#: The follow-up statuses (:data:`workbook.habits.STATUSES`) as a person reads them.
STATUS_WORDS = {
    "same_day": "sent the same day",
    "within_24h": "sent the next day, within 24 h",
    "late": "sent late, after 24 h",
    "pending": "not sent yet, not due",
    "overdue": "overdue, not sent",
}
#: An overdue note that can still be sent, and one that no longer can (the interview's outcome
#: is known, or it is over a week past due: :mod:`workbook.habits.followup_table`).
NOT_YET_THANKED = "not yet thanked (overdue)"
NEVER_THANKED = "never thanked"
_NUMBER_WORDS = ("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

_MINUTE = pd.Timedelta(minutes=1)
_MICROSECONDS_IN_AN_HOUR = 3_600_000_000


def _spans(values) -> pd.Series:
    """``values`` as a Series of Timedeltas: numbers are hours, read to the microsecond."""
    values = values if isinstance(values, pd.Series) else pd.Series(values)
    if pd.api.types.is_timedelta64_dtype(values.dtype):
        return values
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        micro = np.round(values.to_numpy(dtype=float) * _MICROSECONDS_IN_AN_HOUR)
        return pd.Series(pd.to_timedelta(micro, unit="us"), index=values.index)
    return pd.Series(pd.to_timedelta(values.to_numpy(dtype=object)), index=values.index)


def durations(spans, short: bool = False) -> pd.Series:
    """Spans of time as a person says them (the rule is in the module's docstring).

    Parameters
    ----------
    spans : Series of Timedelta, or of numbers of hours
    short : bool, default False
        Only the first part ("85 days", "47 h"), for a chart's labels.

    Returns
    -------
    Series of str
        Aligned with ``spans``: "45 min", "5 h 20 min", "3 days 4 h"; :data:`NO_VALUE` where
        a span is missing. The sign is dropped.
    """
    spans = _spans(spans)
    missing = spans.isna()
    minutes = (spans.abs() // _MINUTE).fillna(0).astype("int64")
    hours, days = minutes // 60, minutes // (24 * 60)
    in_minutes = minutes.astype(str) + " min"
    in_hours = hours.astype(str) + " h"
    in_days = days.astype(str) + " days"
    if not short:
        in_hours = in_hours.where(minutes % 60 == 0, in_hours + " " + (minutes % 60).astype(str) + " min")
        in_days = in_days.where(hours % 24 == 0, in_days + " " + (hours % 24).astype(str) + " h")
    text = in_minutes.where(minutes < 60, in_hours.where(minutes < 48 * 60, in_days))
    return text.where(~missing, NO_VALUE).astype(object)


def duration(span, short: bool = False) -> str:
    """One span of time (a Timedelta, or a number of hours) as :func:`durations` says it."""
    return durations(pd.Series([span]), short=short).iloc[0]


def times_left(hours_left, short: bool = False) -> pd.Series:
    """Time until each note is due: "6 h left", or "overdue by 3 days 4 h" once past due.

    ``hours_left`` are numbers of hours (negative when overdue), or Timedeltas. At exactly
    zero the note is still due, not overdue: "0 min left".
    """
    spans = _spans(hours_left)
    text = durations(spans, short=short)
    said = (text + " left").where(spans >= pd.Timedelta(0), "overdue by " + text)
    return said.where(spans.notna(), NO_VALUE).astype(object)


def time_left(hours_left, short: bool = False) -> str:
    """One :func:`times_left`: "6 h left", "overdue by 85 days 17 h"."""
    return times_left(pd.Series([hours_left]), short=short).iloc[0]


def local_times(instants: pd.Series, zones, with_zone: bool = False, date_only: bool = False) -> pd.Series:
    """Instants on the wall clock of each row's time zone: "Tue 15 Sep 2026 11:00".

    Parameters
    ----------
    instants : Series of aware datetimes
    zones : Series of IANA time zone names, aligned with ``instants``, or one name for all
    with_zone : bool, default False
        Follow each with its zone, "Tue 15 Sep 2026 11:00 America/New_York", where nothing
        around the time says which local time it is.
    date_only : bool, default False
        The date alone, "Tue 15 Sep 2026" (:data:`LOCAL_DATE`), for a chart's labels.

    Returns
    -------
    Series of str
        :data:`NO_VALUE` where an instant is missing.
    """
    instants = instants.astype(f"datetime64[{UNIT}, UTC]")
    if not isinstance(zones, pd.Series):
        zones = pd.Series(zones, index=instants.index, dtype=object)
    text = local_wall_clock(instants, zones).dt.strftime(LOCAL_DATE if date_only else LOCAL_TIME)
    if with_zone:
        text = text + " " + zones.astype(str).to_numpy()
    return text.where(instants.notna(), NO_VALUE).astype(object)


def local_time(instant, zone: str, with_zone: bool = True, date_only: bool = False) -> str:
    """One instant on the wall clock of ``zone``, as :func:`local_times` writes it; in a
    sentence, by default, with the zone: "Tue 15 Sep 2026 11:00 America/New_York"."""
    instant = pd.Timestamp(instant) if instant is not None else pd.NaT
    if pd.isna(instant):
        return NO_VALUE
    if instant.tzinfo is None:
        raise ValueError(f"{instant} has no time zone: a local time needs an aware instant")
    return local_times(pd.Series([instant]), pd.Series([zone]), with_zone=with_zone, date_only=date_only).iloc[0]


def local_dates(instants: pd.Series, zones) -> pd.Series:
    """The local calendar date of each instant, "Tue 15 Sep 2026" (:data:`LOCAL_DATE`)."""
    return local_times(instants, zones, date_only=True)


def local_date(instant, zone: str) -> str:
    """One instant's calendar date in ``zone``, as :func:`local_dates` writes it."""
    return local_time(instant, zone, with_zone=False, date_only=True)


def calendar_date(day) -> str:
    """A calendar date already local (a ``datetime.date``, as a date picker gives it), as
    :func:`local_dates` writes one: "Fri 20 Nov 2026"."""
    return NO_VALUE if day is None or pd.isna(day) else f"{pd.Timestamp(day):{LOCAL_DATE}}"


def interview_words(interview) -> str:
    """An interview as a message names it: "the interview with Northwind Analytics on Mon 14 Sep
    2026", on the local date it started, in its own time zone. ``interview`` is one row (a
    Series or a dict) with its ``company``, ``starts_at`` and ``timezone``."""
    return f"the interview with {interview['company']} on {local_date(interview['starts_at'], interview['timezone'])}"


def notes_words(count: int, sent: int, to: str = "") -> str:
    """Notes counted, and how many went out: "1 note (sent)", "1 note (a draft)", "2 notes (1
    sent)"; ``to`` says whom they were written to, "2 notes to them (1 sent)"."""
    counted = f"{count} {'note' if count == 1 else 'notes'}" + (f" to {to}" if to else "")
    if count == 1:
        return f"{counted} ({'sent' if sent else 'a draft'})"
    return f"{counted} ({sent} sent)"


def status_words(statuses) -> pd.Series:
    """Follow-up statuses (codes of :data:`workbook.habits.STATUSES`) in :data:`STATUS_WORDS`."""
    statuses = statuses if isinstance(statuses, pd.Series) else pd.Series(statuses, dtype=object)
    return statuses.astype(object).map(STATUS_WORDS).fillna(NO_VALUE).astype(object)


def standing_words(statuses, never_thanked) -> pd.Series:
    """:func:`status_words`, an overdue note told apart: :data:`NOT_YET_THANKED` while it can
    still be sent, :data:`NEVER_THANKED` once it no longer can (``never_thanked`` True)."""
    words = status_words(statuses)
    never = pd.Series(never_thanked, dtype=object).fillna(False).to_numpy(dtype=bool)
    overdue = (words == STATUS_WORDS["overdue"]).to_numpy()
    return words.mask(overdue & ~never, NOT_YET_THANKED).mask(overdue & never, NEVER_THANKED)


def listed(items: list[str]) -> str:
    """Words listed as a sentence lists them: "a", "a and b", "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def counted(count: int, thing: str, things: str | None = None) -> str:
    """A number of things: "1 interview", "3 interviews" (the plural in -s, or ``things``:
    "2 matches")."""
    return f"{count} {thing if count == 1 else things or thing + 's'}"


def number_word(count: int) -> str:
    """A small count in words, as a sentence says it: "one", "two" … "nine"; from 10, digits."""
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else f"{count:,}"


def percents(rates) -> pd.Series:
    """Rates (0 to 1) as whole percents, "83%" (half way rounds to even); :data:`NO_VALUE`
    where there is none (nothing due)."""
    rates = rates if isinstance(rates, pd.Series) else pd.Series(rates, dtype=float)
    text = rates.astype(float).mul(100).round().astype("Int64").astype("string") + "%"
    return text.fillna(NO_VALUE).astype(object)


def percent(rate) -> str:
    """One :func:`percents`: "83%"."""
    return percents(pd.Series([rate], dtype=float)).iloc[0]
