"""Analysis at scale: what a person waits for when a notebook shows their habits, on generated
logs of 10,000, 100,000 and 1,000,000 interviewers, beside the floor: pandas alone reading the
same tables (candidates, interviews, interviewers, notes; ``SELECT *`` each) from the same
SQLite file.

Ours is :func:`workbook.open_log` + :func:`workbook.followups` + :func:`habits.summary
<workbook.habits.summary>` + :func:`habits.trend <workbook.habits.trend>` (weekly). Targets:
at 1,000,000 ours at most 1.5× the read, and the cost per interviewer not growing with the log
(linear or better).

Run: ``.venv/bin/python benchmarks/bench_analysis.py [INTERVIEWERS ...]`` (default 10000 100000
1000000).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402
from common import Figure, interleaved  # noqa: E402

import workbook  # noqa: E402
from workbook import habits  # noqa: E402

NOW = pd.Timestamp("2027-01-01T00:00Z")
TARGET = 1.5
#: Per-interviewer cost at the larger size over that at the smaller: 1 is linear. The margin
#: allows for the noise of a shared machine.
LINEAR = 1.2


def analyse(path: Path) -> pd.DataFrame:
    """Everything a person waits for: open the log, judge every follow-up, summarise, trend."""
    with workbook.open_log(path) as log:
        table = workbook.followups(log, now=NOW)
    habits.summary(table)
    habits.trend(table, "W")
    return table


def measure(folder: Path, sizes=(10_000, 100_000, 1_000_000), repeat: int = 3) -> list[Figure]:
    figures, ours = [], {}
    for size in sizes:
        path = scale.generated(folder, size)
        analyse(path)  # warm the file cache
        times = interleaved({"ours": lambda: analyse(path), "floor": lambda: scale.read_with_pandas(path)}, repeat)
        ours[size] = times["ours"]
        figures.append(Figure(
            "Analysis at scale", f"`open_log` + `followups` + `summary` + `trend`, {size:,} interviewers",
            times["ours"], "pandas reading the same tables from the same file", times["floor"], repeat,
            TARGET if size == max(sizes) else None))
    for small, large in zip(sizes, sizes[1:]):
        figures.append(Figure(
            "Analysis at scale", f"time per 1,000 interviewers at {large:,}", ours[large] / large * 1000,
            f"time per 1,000 interviewers at {small:,}", ours[small] / small * 1000, repeat, LINEAR,
            note="1× is linear; below 1× better than linear"))
    return figures


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sizes = [int(a) for a in argv] or [10_000, 100_000, 1_000_000]
    print("Analysis at scale (median of 3):")
    with tempfile.TemporaryDirectory() as folder:
        for figure in measure(Path(folder), sizes):
            print(figure.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
