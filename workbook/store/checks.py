"""Checking rows before they enter the log: one set of rules for every way in.

Adding one interview from a widget, changing a note, and importing a CSV folder of thousands
of rows all pass through :func:`prepare`, which takes the rows as a DataFrame of what the person
gave (text, numbers, datetimes) and returns the rows ready for the database, plus every problem
found. The checks are vectorised: a loop, where there is one, runs over time zones or columns,
never over rows.

The rows' fields are the ones people see and type, the same as the CSV columns
(``candidate`` is a name, times are ISO 8601 text or datetimes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from ..errors import (
    DuplicateIdError,
    InvalidTimeError,
    InvalidValueError,
    Problem,
    TimeOrderError,
    UnknownOutcomeError,
    UnknownRecordError,
    UnknownTimeZoneError,
)
from ..patterns import CONTROL, CONTROL_MULTILINE, EMAIL
from ..vocabulary import CHANNELS, OUTCOMES
from .kinds import EMAIL_FIELDS, ID_FIELDS, KINDS, MULTILINE, NUMBER_FIELDS, TIME_FIELDS
from ..instants import UNIT, as_text, is_time_zone, local_wall_clock, parse_instants

# The patterns read alike in Python and in Arrow (see workbook.patterns): a whole column is
# checked in C.
_EMAIL, _CONTROL, _CONTROL_MULTILINE = EMAIL, CONTROL, CONTROL_MULTILINE


@dataclass
class Context:
    """What the log already holds that a check needs, plus the rows about to be written.

    ``lookup(kind, key_field, keys)`` returns the log's rows of ``kind`` whose ``key_field`` is
    in ``keys``, as a DataFrame with the same fields :func:`prepare` produces (UTC instants,
    ``candidate_id`` for candidates). ``pending`` holds rows prepared earlier in the same write;
    they take the place of the log's rows with the same key.
    """

    lookup: object
    pending: dict[str, pd.DataFrame] = field(default_factory=dict)
    next_ids: dict[str, int] = field(default_factory=dict)
    #: "Now" for this write: no note is sent, no reply comes and no outcome is decided after it.
    now: pd.Timestamp | None = None

    def rows(self, kind: str, key_field: str, keys: pd.Series) -> pd.DataFrame:
        """Rows of ``kind`` whose ``key_field`` is one of ``keys``, pending rows first."""
        wanted = pd.unique(keys.dropna())
        found = self.lookup(kind, key_field, wanted)
        pending = self.pending.get(kind)
        if pending is not None and len(pending):
            chosen = pending[key_field].isin(wanted)
            mine = pending if chosen.all() else pending[chosen]  # a large import wants them all
            if not len(found):  # a new log, or new records
                return mine.reset_index(drop=True)
            key = KINDS[kind].row_id
            found = found[~found[key].isin(pending[key])]
            found = pd.concat([mine, found[mine.columns.intersection(found.columns)]], ignore_index=True)
        return found

    def add_pending(self, kind: str, rows: pd.DataFrame) -> None:
        old = self.pending.get(kind)
        if old is None or not len(old):
            self.pending[kind] = rows
        else:
            key = KINDS[kind].row_id
            old = old[~old[key].isin(rows[key])]
            self.pending[kind] = pd.concat([old, rows], ignore_index=True)


def _problems(where: pd.Series, mask: pd.Series, field_name: str, reasons, kind, values=None) -> list[Problem]:
    """One Problem per row in ``mask``.

    ``reasons`` is one text, or a Series of texts aligned with the rows; with ``values`` it is
    a template that each wrong row's value fills (``"{!r} is not a time zone"``). Texts are
    only ever built for the wrong rows.
    """
    if not mask.any():
        return []
    rows = mask[mask].index
    if values is not None:
        texts = [reasons.format(v) for v in values[rows]]
    elif isinstance(reasons, str):
        texts = [reasons] * len(rows)
    else:
        texts = list(reasons[rows])
    return [Problem(w, field_name, t, kind) for w, t in zip(where[rows], texts)]


def _text(values: pd.Series) -> pd.Series:
    """Any column as text, '' where missing (numbers that are whole print without '.0')."""
    if values.dtype == "str" and not values.hasnans:  # already so: a CSV column, for one
        return values
    if pd.api.types.is_float_dtype(values) and values.dropna().mod(1).eq(0).all():
        values = values.astype("Int64")
    return values.astype(object).where(values.notna(), "").astype(str)


def _has_control(text: pd.Series, multiline: bool) -> pd.Series:
    """Which values hold a control character (for a one-line field, a line break too)."""
    if _plain_ascii(text):
        return pd.Series(False, index=text.index)
    return text.str.contains(_CONTROL_MULTILINE if multiline else _CONTROL, regex=True)


def _plain_ascii(text: pd.Series) -> bool:
    """Whether every character of a text column is printable ASCII, from space to tilde: no
    control character, no line break, nothing beyond ASCII.

    Told from the bytes of the whole column at once, where pandas keeps them in Arrow: a
    hundred thousand values take microseconds, where a regex takes milliseconds. False when
    it cannot be told so (text not kept in Arrow).
    """
    if getattr(text.dtype, "storage", None) != "pyarrow":
        return False
    values = pa.array(text.array)  # the column's own Arrow data, not a copy
    for chunk in values.chunks if isinstance(values, pa.ChunkedArray) else [values]:
        if not (pa.types.is_large_string(chunk.type) or pa.types.is_string(chunk.type)):
            return False
        data = chunk.buffers()[2]  # the UTF-8 text of all the values, one after another
        if data is not None and data.size:
            codes = np.frombuffer(data, dtype=np.uint8)
            if codes.min() < 0x20 or codes.max() > 0x7E:
                return False
    return True


def _ids(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Ids as integers (NA where missing or wrong) and a mask of the wrong ones."""
    text = _text(values).str.strip()
    good = text.str.fullmatch(r"\+?\d{1,18}")
    try:  # Arrow reads digits 0-9 at once, exactly
        numbers = text.where(good, None).str.removeprefix("+").astype("Int64")
    except (ValueError, TypeError):  # other digits Python knows ("٣"), as pandas reads them
        numbers = pd.to_numeric(text.where(good, None), errors="coerce").astype("Int64")
    wrong = (text != "") & (~good | (numbers < 1).fillna(False))
    return numbers.where(~wrong), wrong


#: The largest whole number a number field keeps (a 32-bit integer column, on both backends).
LARGEST_NUMBER = 2**31 - 1


def _whole_numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers from 0 to :data:`LARGEST_NUMBER` as integers (NA where missing or wrong)
    and a mask of the wrong ones."""
    text = _text(values).str.strip()
    good = text.str.fullmatch(r"\+?[0-9]{1,10}")
    numbers = pd.to_numeric(text.where(good, None).str.removeprefix("+"), errors="coerce")
    wrong = (text != "") & (numbers.isna() | (numbers > LARGEST_NUMBER))
    return numbers.where(~wrong).astype("Int64"), wrong


def prepare(
    kind: str,
    frame: pd.DataFrame,
    where: pd.Series,
    context: Context,
    *,
    existing: bool = False,
    assign_ids: bool = False,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check rows of one kind and turn them into what the log stores.

    Parameters
    ----------
    kind : {"candidates", "interviews", "interviewers", "notes", "outcomes"}
    frame : DataFrame
        The rows, with (some of) the fields in ``KINDS[kind].fields``; missing fields are empty.
    where : Series of str
        How each row is named in messages (``"interviews.csv line 7"``, ``"interview 12"``).
    context : Context
        The log's rows the checks refer to, and the rows written with these.
    existing : bool
        The rows replace records already in the log (a change), so their keys must exist
        instead of being new.
    assign_ids : bool
        Give rows without an id the next free ids instead of calling the id missing.

    Returns
    -------
    rows : DataFrame
        The rows to store: the ``KINDS[kind].fields``, typed (ids as integers, instants in UTC,
        optional text as None), plus ``candidate_id`` where the table needs it.
    problems : list of Problem
    """
    frame = frame.reindex(columns=KINDS[kind].fields)
    frame.index = where.index
    problems: list[Problem] = []
    rows = pd.DataFrame(index=frame.index)

    # Text: one-line fields are stripped; empty optional text is stored as None.
    for name in KINDS[kind].fields:
        if name in ID_FIELDS or name in TIME_FIELDS or name in NUMBER_FIELDS:
            continue
        text = _text(frame[name])
        if name not in MULTILINE:
            text = text.str.strip()
        bad = _has_control(text, multiline=name in MULTILINE)
        problems += _problems(where, bad, name, "contains a line break or control character; keep it on one line", InvalidValueError)
        if name in EMAIL_FIELDS:
            given = text != ""
            wrong = given & ~text.str.fullmatch(_EMAIL) if given.any() else given
            problems += _problems(where, wrong & ~bad, name, "is not an email address (like ana@example.com)", InvalidValueError)
        rows[name] = text
    for name in KINDS[kind].fields:
        if name in ID_FIELDS:
            rows[name], wrong = _ids(frame[name])
            problems += _problems(where, wrong, name, "is not a whole number above 0", InvalidValueError)
        elif name in NUMBER_FIELDS:
            rows[name], wrong = _whole_numbers(frame[name])
            problems += _problems(where, wrong, name, f"is not a whole number from 0 to {LARGEST_NUMBER}",
                                  InvalidValueError)

    # Missing required fields (times are checked once parsed).
    for name in KINDS[kind].required:
        if name in TIME_FIELDS:
            continue
        if name in ID_FIELDS:
            missing = rows[name].isna() & _text(frame[name]).str.strip().eq("")
        else:
            missing = rows[name].eq("")
        problems += _problems(where, missing, name, "is missing", InvalidValueError)

    key = KINDS[kind].key
    problems += _check_keys(kind, key, rows, where, context, existing, assign_ids)
    problems += CHECKS[kind](frame, rows, where, context)

    for name in KINDS[kind].fields:
        if name in ID_FIELDS or name in NUMBER_FIELDS:
            continue
        if name in TIME_FIELDS:
            continue
        if name not in KINDS[kind].required and name != "body":
            rows[name] = rows[name].where(rows[name] != "", None).astype(object)
    return rows, problems


def _check_keys(kind, key, rows, where, context, existing, assign_ids) -> list[Problem]:
    """Keys unique within the rows, and new (or, for a change, present) in the log."""
    problems: list[Problem] = []
    keys = rows[key]
    if kind == "candidates":
        keys = keys.where(keys != "")
    if assign_ids and KINDS[kind].gets_ids:
        blank = keys.isna()
        if blank.any():
            start = context.next_ids.get(kind, 1)
            rows.loc[blank, key] = np.arange(start, start + int(blank.sum()))
            keys = rows[key]
    given = keys.notna()
    repeated = given & keys.duplicated(keep=False)
    label = KINDS[kind].singular
    problems += _problems(where, repeated, key, f"{label} {{}} appears more than once", DuplicateIdError, keys)
    known = context.rows(kind, key, keys[given])[key] if given.any() else pd.Series([], dtype=object)
    in_log = given & keys.isin(known)
    if existing:
        problems += _problems(where, given & ~in_log, key, f"the log holds no {label} {{}}", UnknownRecordError, keys)
    else:
        problems += _problems(where, in_log & ~repeated, key, f"{label} {{}} is already in the log", DuplicateIdError, keys)
    return problems


def _check_candidates(frame, rows, where, context) -> list[Problem]:
    # "SQL;Python ; " is stored as "SQL; Python".
    parts = rows["skills"].str.split(";").explode().str.strip()
    parts = parts[parts != ""]
    rows["skills"] = parts.groupby(level=0).agg("; ".join).reindex(rows.index, fill_value="")
    return []


def _check_interviews(frame, rows, where, context) -> list[Problem]:
    problems: list[Problem] = []
    zone = rows["timezone"]
    bad_zone = (zone != "") & ~_are_time_zones(zone)
    problems += _problems(where, bad_zone, "timezone", "{!r} is not an IANA time zone (like Europe/Berlin or America/New_York)", UnknownTimeZoneError, zone)
    zones = zone.where(~bad_zone & (zone != ""))
    for name in ("starts_at", "ends_at"):
        rows[name], reasons = parse_instants(frame[name], zones)
        # Without a usable time zone a wall-clock time cannot be placed; the zone's own
        # problem says so already.
        problems += _problems(where, (reasons != "") & zones.notna(), name, reasons, InvalidTimeError)
        problems += _problems(where, as_text(frame[name]).eq(""), name, "is missing", InvalidTimeError)
    backwards = rows["ends_at"] <= rows["starts_at"]
    problems += _problems(where, backwards.fillna(False), "ends_at", "the interview ends before (or when) it starts; check the date and the times", TimeOrderError)

    # The candidate is named; the log refers to them by number. Unknown names are an error
    # here; an import creates them beforehand.
    names = rows["candidate"]
    found = context.rows("candidates", "candidate", names[names != ""])
    ids = names.map(dict(zip(found["candidate"], found["candidate_id"])))
    unknown = (names != "") & ids.isna()
    problems += _problems(where, unknown, "candidate", "the log holds no candidate named {!r}; add them first", UnknownRecordError, names)
    rows["candidate_id"] = ids.astype("Int64")
    # A calendar event's SEQUENCE says which version of the event was imported: of no event, none.
    orphan = rows["calendar_sequence"].notna() & rows["calendar_uid"].eq("")
    problems += _problems(where, orphan, "calendar_sequence", "is the version of a calendar event, but calendar_uid "
                          "(the event) is missing", InvalidValueError)
    return problems


def _interview_times(context: Context, interview_ids: pd.Series) -> pd.DataFrame:
    """The time zone, start and end of each interview in ``interview_ids``, aligned with it."""
    found = context.rows("interviews", "interview_id", interview_ids)
    found = found.drop_duplicates("interview_id").set_index("interview_id")
    return found[["timezone", "starts_at", "ends_at"]].reindex(interview_ids.to_numpy()).set_axis(interview_ids.index)


def _check_interviewers(frame, rows, where, context) -> list[Problem]:
    ids = rows["interview_id"]
    found = context.rows("interviews", "interview_id", ids)["interview_id"]
    unknown = ids.notna() & ~ids.isin(found)
    return _problems(where, unknown, "interview_id", "the log holds no interview {}", UnknownRecordError, ids)


def _check_notes(frame, rows, where, context) -> list[Problem]:
    problems: list[Problem] = []
    channel = rows["channel"]
    problems += _problems(where, (channel != "") & ~channel.isin(CHANNELS), "channel", "{!r} is not one of " + ", ".join(CHANNELS), InvalidValueError, channel)

    people = context.rows("interviewers", "interviewer_id", rows["interviewer_id"])
    people = people.drop_duplicates("interviewer_id").set_index("interviewer_id")["interview_id"]
    interview_ids = rows["interviewer_id"].map(people)
    unknown = rows["interviewer_id"].notna() & interview_ids.isna()
    problems += _problems(where, unknown, "interviewer_id", "the log holds no interviewer {}", UnknownRecordError, rows["interviewer_id"])
    interview = _interview_times(context, interview_ids.astype("Int64"))

    for name in ("sent_at", "replied_at", "written_at"):
        rows[name], reasons = parse_instants(frame[name], interview["timezone"])
        problems += _problems(where, (reasons != "") & ~unknown, name, reasons, InvalidTimeError)
    # (When a note was written is the log's own bookkeeping, by the clock of the write that
    # saved it, not a time a person claims: it is never refused as "in the future".)
    problems += _future(rows, ("sent_at", "replied_at"), where, context)
    early = (rows["sent_at"] < interview["ends_at"]).fillna(False)
    problems += _problems(where, early, "sent_at", _when("sent", rows["sent_at"], "the interview ended", interview["ends_at"], interview["timezone"]), TimeOrderError)
    reply_unsent = rows["replied_at"].notna() & rows["sent_at"].isna()
    problems += _problems(where, reply_unsent, "replied_at", "a reply is recorded but the note was never sent; mark it sent first", TimeOrderError)
    early_reply = (rows["replied_at"] < rows["sent_at"]).fillna(False)
    problems += _problems(where, early_reply, "replied_at", _when("the reply came", rows["replied_at"], "the note was sent", rows["sent_at"], interview["timezone"]), TimeOrderError)
    # The message a time was read from (the person's mail) goes with that time.
    for message, time, what in (("sent_message_id", "sent_at", "sent"), ("reply_message_id", "replied_at", "replied to")):
        orphan = rows[message].ne("") & rows[message].notna() & rows[time].isna()
        problems += _problems(where, orphan, message, f"names the message the note was {what} in, but {time} is missing",
                              InvalidValueError)
    return problems


def _check_outcomes(frame, rows, where, context) -> list[Problem]:
    problems: list[Problem] = []
    outcome = rows["outcome"]
    problems += _problems(where, (outcome != "") & ~outcome.isin(OUTCOMES), "outcome", "{!r} is not one of " + ", ".join(OUTCOMES), UnknownOutcomeError, outcome)
    interview = _interview_times(context, rows["interview_id"])
    unknown = rows["interview_id"].notna() & interview["timezone"].isna()
    problems += _problems(where, unknown, "interview_id", "the log holds no interview {}", UnknownRecordError, rows["interview_id"])
    rows["decided_at"], reasons = parse_instants(frame["decided_at"], interview["timezone"])
    problems += _problems(where, (reasons != "") & ~unknown, "decided_at", reasons, InvalidTimeError)
    problems += _problems(where, as_text(frame["decided_at"]).eq(""), "decided_at", "is missing", InvalidTimeError)
    problems += _future(rows, ("decided_at",), where, context)
    # An outcome is a date more than a moment: it may be dated the day the interview started.
    known = ~unknown & rows["decided_at"].notna() & rows["interview_id"].notna()
    if known.any():
        zones = _shown_zones(interview["timezone"][known])
        decided_day = local_wall_clock(rows["decided_at"][known], zones).dt.floor("D")
        start_day = local_wall_clock(interview["starts_at"][known].astype(f"datetime64[{UNIT}, UTC]"), zones).dt.floor("D")
        early = (decided_day < start_day).reindex(rows.index, fill_value=False)
        problems += _problems(where, early, "decided_at", "is before the interview's date", TimeOrderError)
    return problems


def _future(rows: pd.DataFrame, fields, where: pd.Series, context: Context) -> list[Problem]:
    """Times after now: a note cannot have gone out, nor an answer come, tomorrow."""
    if context.now is None:
        return []
    problems = []
    for name in fields:
        ahead = (rows[name] > context.now).fillna(False)
        problems += _problems(where, ahead, name,
                              f"{{:%Y-%m-%d %H:%M}} UTC is in the future (now is {context.now:%Y-%m-%d %H:%M} UTC)",
                              TimeOrderError, rows[name])
    return problems


def _are_time_zones(zones: pd.Series) -> pd.Series:
    """Which values are IANA time zones (False where missing), one look-up per zone, not per row."""
    known = {z: is_time_zone(z) for z in zones.dropna().unique()}
    return zones.map(known).fillna(False).astype(bool)


def _shown_zones(zones: pd.Series) -> pd.Series:
    """The time zones to show times in: each interview's own, or UTC where the interview's
    zone is not one (that mistake is reported on the interview's row)."""
    return zones.where(_are_time_zones(zones), "UTC")


def _when(what: str, times: pd.Series, before: str, limits: pd.Series, zones: pd.Series) -> pd.Series:
    """'sent 2026-09-14 09:00, before the interview ended (10:00 Europe/Berlin)' per row."""
    late = (times < limits).fillna(False)
    text = pd.Series("", index=times.index, dtype=object)
    if late.any():
        zones = _shown_zones(zones)
        local_times = local_wall_clock(times[late], zones[late])
        local_limits = local_wall_clock(limits[late].astype(f"datetime64[{UNIT}, UTC]"), zones[late])
        text[late] = [
            f"{what} {t:%Y-%m-%d %H:%M}, before {before} ({l:%Y-%m-%d %H:%M} {z})"
            for t, l, z in zip(local_times, local_limits, zones[late])
        ]
    return text


CHECKS = {
    "candidates": _check_candidates,
    "interviews": _check_interviews,
    "interviewers": _check_interviewers,
    "notes": _check_notes,
    "outcomes": _check_outcomes,
}
