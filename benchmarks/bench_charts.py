"""Charts: each chart of :mod:`workbook.habits.charts` on the generated log of 100,000 interviewers,
from the follow-up table to a PNG, beside the floor: an empty figure of the same size rendered
to PNG the same way (what matplotlib costs before anything is drawn).

Each figure includes the analysis that makes the chart's table from ``followups`` (the
per-interview table, the trend, ...), since a person waits for both. Target: under 1 s each.

Run: ``.venv/bin/python benchmarks/bench_charts.py [INTERVIEWERS] [REPEAT]`` (default 100000, 3).
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402
from common import Figure, interleaved  # noqa: E402

import workbook  # noqa: E402
from workbook import habits  # noqa: E402

TARGET = 1.0
NOW = pd.Timestamp("2026-01-01T00:00Z")  # inside the generated log's two years: some notes are due
DPI = 80


def chart_inputs(log, now) -> dict:
    """For each chart, a function making its data from the follow-up table."""
    table = workbook.followups(log, now=now)
    outcomes = log.outcomes()
    latest = int(table["interview_id"].iloc[table["ended_at"].argmax()])
    return {
        "hours_to_send": lambda: table,
        "interview_timeline": lambda: (table, latest),
        "trend": lambda: habits.trend(table, "W"),
        "outcomes_by_followup": lambda: habits.outcomes_by_followup(table, outcomes),
        "coverage_by_interview": lambda: habits.interview_followup(table),
        "due_now": lambda: habits.due_now(table, now),
        "coach_view": lambda: habits.summary(table),
    }


def render(name: str, make) -> None:
    from matplotlib.figure import Figure as MplFigure

    from workbook.habits import charts

    figure = MplFigure(figsize=charts.FIGSIZE[name], layout="constrained")
    ax = figure.add_subplot()
    data = make()
    if name == "interview_timeline":
        charts.interview_timeline(data[0], data[1], ax=ax)
    else:
        getattr(charts, name)(data, ax=ax)
    figure.savefig(io.BytesIO(), format="png", dpi=DPI)


def render_empty(name: str) -> None:
    from matplotlib.figure import Figure as MplFigure

    from workbook.habits import charts

    figure = MplFigure(figsize=charts.FIGSIZE[name], layout="constrained")
    figure.add_subplot()
    figure.savefig(io.BytesIO(), format="png", dpi=DPI)


def measure(folder: Path, interviewers: int = 100_000, repeat: int = 3) -> list[Figure]:
    figures = []
    with workbook.open_log(scale.generated(folder, interviewers)) as log:
        inputs = chart_inputs(log, NOW)
    for name, make in inputs.items():
        render(name, make)  # warm up: fonts, the first draw of each kind
        times = interleaved({"ours": lambda: render(name, make), "floor": lambda: render_empty(name)}, repeat)
        figures.append(Figure("Charts", f"`charts.{name}`, {interviewers:,} interviewers, to PNG", times["ours"],
                              "an empty figure of the same size to PNG", times["floor"], repeat, TARGET, on="time"))
    return figures


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    interviewers = int(argv[0]) if argv else 100_000
    repeat = int(argv[1]) if len(argv) > 1 else 3
    print(f"Charts (median of {repeat}):")
    with tempfile.TemporaryDirectory() as folder:
        for figure in measure(Path(folder), interviewers, repeat):
            print(figure.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
