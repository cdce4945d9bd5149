"""Shared fixtures: temporary logs and helpers to compare a log before and after a write.

The guard that no test touches the user's own log is in the root conftest.py."""

from __future__ import annotations


import pandas as pd
import pytest

import workbook

TABLES = ("candidates", "interviews", "interviewers", "notes", "outcomes")


@pytest.fixture
def log(tmp_path):
    """An empty log in a temporary file."""
    with workbook.open_log(tmp_path / "log.sqlite") as opened:
        yield opened


@pytest.fixture
def sample_log(tmp_path):
    """A temporary log holding the shipped sample cohort."""
    with workbook.open_log(tmp_path / "sample.sqlite") as opened:
        workbook.load_sample(opened)
        yield opened


@pytest.fixture
def one_interview(log):
    """A log with one candidate, one interview in New York (10:00–11:00 on 2026-09-14, which
    is 14:00–15:00 UTC) and two people met there. Returns (log, interview_id, [ids])."""
    log.add_candidate("Maya Okafor", email="maya@example.com", phone="+1 555 0100", skills=["SQL", "Python"])
    interview = log.add_interview(
        "Maya Okafor", "Northwind Analytics", "Data analyst",
        "2026-09-14T10:00", "2026-09-14T11:00", "America/New_York", stage="hiring manager",
    )
    ana = log.add_interviewer(interview, "Ana Lima", title="Analytics lead", email="ana@northwind.example",
                              talking_points="rebuilding the churn dashboard")
    bo = log.add_interviewer(interview, "Bo Chen", title="Data engineer", talking_points="dbt tests")
    return log, interview, [ana, bo]


def widget_tree(widget):
    """The widget and every widget inside it (box children and tab pages)."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widget_tree(child)


def snapshot(log) -> dict[str, pd.DataFrame]:
    """Every table of a log, to compare before and after a write."""
    return {name: getattr(log, name)() for name in TABLES}


def assert_same_log(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)


def capture_display(monkeypatch) -> list:
    """What the widgets hand to IPython's display, collected instead of shown."""
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objects, **options: shown.append((objects, options)))
    return shown


def displayed(widget, name: str):
    """How a widget of ours is displayed: its view, and one line of text in place of the long
    text form of every control (what a saved notebook and nbval keep)."""
    view = {"version_major": 2, "version_minor": 0, "model_id": widget.model_id}
    return ({"text/plain": name, "application/vnd.jupyter.widget-view+json": view},), {"raw": True}
