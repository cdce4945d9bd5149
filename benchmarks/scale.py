"""Large generated logs for the benchmarks: a coaching practice's years of interviews.

:func:`generate_log` writes a log of N interviewers (about 2.5 per interview, 90% of them sent
a note, a few drafts, outcomes for most interviews) straight into a new log's SQLite file,
vectorised with NumPy, so that a million interviewers take seconds to make. The rows obey every
rule the log enforces (end after start, no note before its interview ended).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd

import workbook

ZONES = np.array(["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London",
                  "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney", "UTC"])
OUTCOMES = np.array(workbook.OUTCOMES)
_STORED = "%Y-%m-%d %H:%M:%S.%f"  # how the log keeps a UTC instant in SQLite


def _stored(instants: pd.Series) -> pd.Series:
    return instants.dt.tz_convert("UTC").dt.strftime(_STORED).where(instants.notna(), None)


def generate_log(path: Path, interviewers: int, seed: int = 7, candidates: int | None = None) -> Path:
    """Write a new log at ``path`` holding about ``interviewers`` people met."""
    rng = np.random.default_rng(seed)
    log = workbook.open_log(path)  # creates the tables and the schema version
    log.close()
    interviews = max(interviewers * 2 // 5, 1)
    candidates = candidates or max(interviews // 40, 1)

    people = pd.DataFrame({
        "candidate_id": np.arange(1, candidates + 1),
        "name": [f"Candidate {i}" for i in range(1, candidates + 1)],
    })
    # Two years that end before the sample's "now", so that no note is sent in the future.
    start = pd.Timestamp("2024-01-01T08:00Z") + pd.to_timedelta(rng.integers(0, 2 * 365 * 24, interviews), unit="h")
    length = pd.to_timedelta(rng.choice([30, 45, 60, 90], interviews), unit="m")
    iv = pd.DataFrame({
        "interview_id": np.arange(1, interviews + 1),
        "candidate_id": rng.integers(1, candidates + 1, interviews),
        "company": np.char.add("Company ", rng.integers(1, 5000, interviews).astype(str)),
        "role": "Analyst",
        "stage": "panel",
        "timezone": rng.choice(ZONES, interviews),
        "starts_at": _stored(pd.Series(start)),
        "ends_at": _stored(pd.Series(start + length)),
    })
    ended = pd.Series(start + length)

    # Spread the people over the interviews: at least one each, exactly `interviewers` in all.
    extra = rng.integers(0, interviews, max(interviewers - interviews, 0))
    owner = np.sort(np.concatenate([np.arange(min(interviews, interviewers)), extra]))
    met = pd.DataFrame({
        "interviewer_id": np.arange(1, interviewers + 1),
        "interview_id": owner + 1,
        "name": np.char.add("Person ", np.arange(1, interviewers + 1).astype(str)),
        "title": "Engineer",
        "talking_points": "the roadmap",
    })

    thanked = rng.random(interviewers) < 0.9
    delay = pd.to_timedelta(rng.gamma(1.5, 10.0, interviewers) * 3600, unit="s").round("s")
    sent = (ended.iloc[owner].reset_index(drop=True) + delay).where(~pd.Series(rng.random(interviewers) < 0.03))
    notes = pd.DataFrame({
        "note_id": np.arange(1, thanked.sum() + 1),
        "interviewer_id": met["interviewer_id"][thanked].to_numpy(),
        "channel": "email",
        "subject": "Thank you",
        "body": "Dear colleague, thank you for your time today.",
        "sent_at": _stored(sent[thanked].reset_index(drop=True)),
        "replied_at": None,
    })
    decided = rng.random(interviews) < 0.8
    outcomes = pd.DataFrame({
        "interview_id": iv["interview_id"][decided].to_numpy(),
        "outcome": rng.choice(OUTCOMES, decided.sum()),
        "decided_at": _stored((ended + pd.Timedelta(days=7))[decided].reset_index(drop=True)),
    })

    with sqlite3.connect(path) as db:
        for table, frame in (("candidates", people), ("interviews", iv), ("interviewers", met),
                             ("notes", notes), ("outcomes", outcomes)):
            frame.to_sql(table, db, if_exists="append", index=False, chunksize=100_000)
    return path


def generated(folder: Path, interviewers: int) -> Path:
    """The generated log of ``interviewers`` in ``folder``, made on first use and kept for the
    other benchmarks of the same run."""
    path = Path(folder) / f"generated-{interviewers}.sqlite"
    if not path.exists():
        generate_log(path, interviewers)
    return path


def exported(folder: Path, interviewers: int) -> Path:
    """The CSV folder of the generated log of ``interviewers``, exported with ``export_csv``."""
    target = Path(folder) / f"generated-{interviewers}-csv"
    if not (target / "notes.csv").exists():
        with workbook.open_log(generated(folder, interviewers)) as log:
            log.export_csv(target)
    return target


def read_with_pandas(path: Path) -> dict[str, pd.DataFrame]:
    """The floor: pandas alone reading the tables the analysis needs from the same file."""
    with sqlite3.connect(path) as db:
        return {
            "candidates": pd.read_sql_query("SELECT * FROM candidates", db),
            "interviews": pd.read_sql_query("SELECT * FROM interviews", db),
            "interviewers": pd.read_sql_query("SELECT * FROM interviewers", db),
            "notes": pd.read_sql_query("SELECT * FROM notes", db),
        }
