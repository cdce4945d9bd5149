"""Follow-up habits: when each note is due and how fast it went out, the analysis of a person's
habits, the tables the notebooks show, and the charts.

- :mod:`~workbook.habits.followup_table` — one row per person met: due, hours to send, status;
- :mod:`~workbook.habits.analysis` — summaries, trends, outcomes by follow-up (DataFrames in
  and out, no drawing); its functions are also here (``workbook.habits.summary``);
- :mod:`~workbook.habits.views` — those tables as a person reads them in a notebook;
- :mod:`~workbook.habits.charts` — matplotlib charts of them (loaded on first use).
"""

import importlib

from .analysis import (
    ALL,
    FOLLOWUP_GROUPS,
    GROUP_LABELS,
    SMALL_GROUP,
    SUMMARY_COLUMNS,
    Z95,
    due_now,
    interview_followup,
    next_time,
    outcomes_by_followup,
    summary,
    trend,
    wilson_interval,
)
from .followup_table import STATUSES, followups


def __getattr__(name: str):
    # The views read notes' checks and the log; the charts load matplotlib: both on first use.
    if name in ("views", "charts"):
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
