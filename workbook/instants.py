"""Time rules: reading times people type, the injectable "now", and local calendar dates.

Every instant the workbook keeps is time-zone aware (UTC inside the log). A time written
with an offset (``2026-09-14T10:00:00-04:00``) is that instant. A time written without one
(``2026-09-14 10:00``) is a wall-clock time in the interview's IANA time zone: a wall-clock
time that does not exist there (skipped when clocks spring forward) is an error, and one
that happens twice (when clocks fall back) is taken at its first occurrence.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from . import config
from .errors import InvalidTimeError, Problem, raise_problems
from .patterns import SPACE

#: The resolution of every datetime column the workbook hands out.
UNIT = "us"

# An offset only counts after a time of day; "2026-09-14" ends in "-14" but has none.
# (Written to read alike in Python and Arrow, see workbook.patterns.)
_OFFSET_AT_END = r"\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?" + f"[{SPACE}]*" + r"(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$"

ISO_EXAMPLE = "like 2026-09-14T10:00 or 2026-09-14T10:00:00-04:00"
#: The instants the log keeps (UTC): from 1900 up to 2200, not included. Beyond, a time is a
#: typing mistake, and a year 0 or 10000 in UTC would not even read back from the log.
EARLIEST, LATEST = pd.Timestamp("1900-01-01", tz="UTC"), pd.Timestamp("2200-01-01", tz="UTC")


@lru_cache(maxsize=1)
def _iana_names() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones()) - {"localtime", "Factory"}


@lru_cache(maxsize=1024)
def is_time_zone(name: object) -> bool:
    """Whether ``name`` is an IANA time zone name known to this machine (``Europe/Berlin``)."""
    if not isinstance(name, str) or not name.strip() or name != name.strip():
        return False
    if name not in _iana_names():  # "localtime" and "Factory" are files, not places
        return False
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def _as_text(value: object) -> str:
    """One time value as the text it would be typed as ('' for a missing value)."""
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, float) and np.isnan(value):
        return ""
    if isinstance(value, (datetime, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def as_text(values: pd.Series) -> pd.Series:
    """Time values (text, datetimes, missing) as stripped text, '' where missing."""
    if not pd.api.types.is_string_dtype(values) or values.isna().any():
        values = values.map(_as_text)
    return values.astype(str).str.strip()


def parse_instants(values: pd.Series, zones: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Read times as UTC instants; wall-clock times are placed in the row's time zone.

    Parameters
    ----------
    values : Series
        ISO 8601 text, datetimes or missing values ('' or None means "no time").
    zones : Series
        The IANA time zone of each row, aligned with ``values``.

    Returns
    -------
    instants : Series of datetime64[us, UTC]
        NaT where the value is missing or wrong.
    reasons : Series of str
        Why each wrong value is wrong, '' for the good and the missing ones.
    """
    text = as_text(values)
    index = text.index
    instants = pd.Series(pd.NaT, index=index, dtype=f"datetime64[{UNIT}, UTC]")
    reasons = pd.Series("", index=index, dtype=object)
    given = text != ""
    # pandas reads "now" and "today" as the machine's clock: only dates written out count.
    dated = text.str.match(r"\d{4}-\d{2}-\d{2}")
    with_offset = given & dated & text.str.contains(_OFFSET_AT_END, regex=True)
    wall_clock = given & dated & ~with_offset

    if with_offset.any():
        parsed = pd.to_datetime(text[with_offset], format="ISO8601", utc=True, errors="coerce")
        instants[with_offset] = parsed.dt.as_unit(UNIT)
    if wall_clock.any():
        local = pd.to_datetime(text[wall_clock], format="ISO8601", errors="coerce")
        if isinstance(local.dtype, pd.DatetimeTZDtype):  # cannot happen: no offsets here
            local = local.dt.tz_localize(None)
        # Far outside the years the log keeps, a wall-clock time cannot always be placed in its
        # zone at all (pandas refuses to near the year 10000): it is refused before trying.
        margin = pd.Timedelta(days=1)
        far = (local < EARLIEST.tz_localize(None) - margin) | (local >= LATEST.tz_localize(None) + margin)
        reasons[far[far].index] = [_far_reason(t) for t in text[far[far].index]]
        local = local.where(~far)
        row_zones = zones.reindex(local.index)
        for zone, rows in local.groupby(row_zones, sort=False).groups.items():
            if not is_time_zone(zone):
                reasons[rows] = "a time without a UTC offset needs a valid time zone"
                continue
            wall = local[rows]
            placed = wall.dt.tz_localize(
                zone, ambiguous=np.ones(len(wall), dtype=bool), nonexistent="NaT"
            )
            skipped = wall.notna() & placed.isna()
            reasons[skipped[skipped].index] = [
                f"{t:%Y-%m-%d %H:%M} does not exist in {zone} (the clocks skip it)"
                for t in wall[skipped]
            ]
            instants[rows] = placed.dt.tz_convert("UTC").dt.as_unit(UNIT)
        no_zone = wall_clock & zones.isna()
        reasons[no_zone] = "a time without a UTC offset needs a time zone"

    far = (instants < EARLIEST) | (instants >= LATEST)
    reasons[far] = [_far_reason(t) for t in text[far]]
    instants[far] = pd.NaT
    unreadable = given & instants.isna() & (reasons == "")
    reasons[unreadable] = [f"{t!r} is not an ISO 8601 time ({ISO_EXAMPLE})" for t in text[unreadable]]
    return instants, reasons


def _far_reason(text: str) -> str:
    return f"{text!r} is not between the years 1900 and 2199"


def local_wall_clock(instants: pd.Series, zones: pd.Series) -> pd.Series:
    """Each instant as the (naive) wall-clock time in its row's time zone.

    Rows in one time zone are converted together: the loop runs over time zones, not rows.
    ``zones`` may be categorical, which saves sorting out the zones again on large tables.
    """
    codes, names = (zones.cat.codes.to_numpy(), zones.cat.categories) if isinstance(zones.dtype, pd.CategoricalDtype) \
        else pd.factorize(zones)
    values = instants.astype(f"datetime64[{UNIT}, UTC]").array
    wall = np.full(len(instants), np.datetime64("NaT"), dtype=f"datetime64[{UNIT}]")
    for code, zone in enumerate(names):
        rows = codes == code
        wall[rows] = values[rows].tz_convert(zone).tz_localize(None).to_numpy()
    return pd.Series(wall, index=instants.index)


def resolve_now(now: object = None) -> pd.Timestamp:
    """The instant to treat as "now", as a UTC Timestamp.

    ``now`` may be an aware datetime or ISO 8601 text with an offset. When it is None,
    ``$WORKBOOK_NOW`` is used if set, else the real clock.
    """
    if now is None:
        now = config.now_from_env()
        where = f"${config.NOW_ENV}"
        if now is None:
            return pd.Timestamp(datetime.now(timezone.utc)).as_unit(UNIT)
    else:
        where = "the now= argument"
    if isinstance(now, datetime) and now.tzinfo is not None:
        return _within_range(pd.Timestamp(now).tz_convert("UTC").as_unit(UNIT), where)
    text = _as_text(now).strip()
    try:  # the common case, read at once; anything else gets the full reading and its message
        quick = datetime.fromisoformat(text)
        # Python 3.11's reader stops at a NUL after a "Z" ("...Z\x00junk"): such text is not a time.
        if quick.tzinfo is not None and text[:4].isdigit() and text.isprintable():
            return _within_range(pd.Timestamp(quick).tz_convert("UTC").as_unit(UNIT), where)
    except ValueError:
        pass
    instant, reason = parse_instants(pd.Series([text]), pd.Series([None], dtype=object))
    if reason.iloc[0] or pd.isna(instant.iloc[0]):
        why = reason.iloc[0] or "is missing"
        if "needs a time zone" in why:
            why = f"{text!r} has no UTC offset; write it like 2026-11-20T17:00:00+00:00"
        raise_problems([Problem(where, "now", why, InvalidTimeError)])
    return instant.iloc[0]


def _within_range(instant: pd.Timestamp, where: str) -> pd.Timestamp:
    """``instant`` if the log could keep it (see :data:`EARLIEST`): "now" is what a note
    marked sent without a time is stored as."""
    if not EARLIEST <= instant < LATEST:
        raise_problems([Problem(where, "now", f"{instant:%Y-%m-%d %H:%M} UTC is not between the years 1900 and 2199",
                                InvalidTimeError)])
    return instant


def format_local(instants: pd.Series, zones: pd.Series) -> pd.Series:
    """Instants as ISO 8601 text in each row's time zone, with the offset.

    ``2026-09-14T10:00:00-04:00``, as ``datetime.isoformat`` writes it (fractions of a second
    only where there are some); '' where the instant is missing.
    """
    instants = instants.astype(f"datetime64[{UNIT}, UTC]")
    utc = instants.dt.tz_localize(None)
    wall = local_wall_clock(instants, zones)
    # A zone on local mean time (before it took standard time) is offset by seconds, like
    # -04:56:02, which the offset written here cannot say: such instants are written in UTC.
    wall = wall.where((wall - utc) % pd.Timedelta(minutes=1) == pd.Timedelta(0), utc)
    offset = ((wall - utc) // pd.Timedelta(minutes=1)).fillna(0).astype(int)
    micro = wall.dt.microsecond.fillna(0).astype(int)
    fraction = ("." + micro.astype(str).str.zfill(6)).where(micro != 0, "")
    sign = pd.Series(np.where(offset < 0, "-", "+"), index=offset.index)
    hours = (offset.abs() // 60).astype(str).str.zfill(2)
    minutes = (offset.abs() % 60).astype(str).str.zfill(2)
    text = wall.dt.strftime("%Y-%m-%dT%H:%M:%S") + fraction + sign + hours + ":" + minutes
    return text.where(instants.notna(), "").astype(object)


def machine_time_zone() -> str:
    """The IANA name of this machine's time zone (``$TZ``, else /etc/localtime), or "UTC"
    when it cannot be told: the default for a newly logged interview."""
    named = (os.environ.get("TZ") or "").lstrip(":")
    if is_time_zone(named):
        return named
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo" + os.sep in target:
            named = target.split("zoneinfo" + os.sep, 1)[1]
            if is_time_zone(named):
                return named
        with open("/etc/timezone", encoding="utf-8") as file:
            named = file.read().strip()
        if is_time_zone(named):
            return named
    except OSError:
        pass
    return "UTC"


def time_zone_names() -> list[str]:
    """Every IANA time zone name this machine knows, sorted, for a searchable list."""
    return sorted(_iana_names())
