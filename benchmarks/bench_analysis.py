"""How long the habits analysis takes on a large log, beside pandas alone reading the tables.

For a generated log of N interviewers (default 1,000,000) it prints the median over repeated
runs of:

- the floor: pandas alone reading the candidates, interviews, interviewers and notes tables
  from the same SQLite file (``SELECT *`` each);
- ``followups(log)``: reading what it needs and judging every person's status;
- ``summary`` + ``trend`` (weekly) on that table;
- the analysis alone: everything above but the reading.

Target: the analysis costs less than the read. Run:
``.venv/bin/python benchmarks/bench_analysis.py [INTERVIEWERS] [REPEAT]``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402

import workbook  # noqa: E402
from workbook import habits  # noqa: E402
from workbook.timing import _judge  # noqa: E402

NOW = pd.Timestamp("2027-01-01T00:00Z")


def timed(action, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(interviewers: int, repeat: int = 3) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = scale.generate_log(Path(folder) / "large.sqlite", interviewers)
        log = workbook.open_log(path)
        floor, _ = timed(lambda: scale.read_with_pandas(path), repeat)
        read_ours, rows = timed(log.followup_rows, repeat)
        judge, table = timed(lambda: _judge(rows, NOW), repeat)
        followups, _ = timed(lambda: workbook.followups(log, now=NOW), repeat)
        stats, _ = timed(lambda: (habits.summary(table), habits.trend(table, "W")), repeat)
        log.close()
    return {
        "interviewers": len(table),
        "floor_read_s": floor,
        "our_read_s": read_ours,
        "followups_s": followups,
        "summary_trend_s": stats,
        "analysis_only_s": judge + stats,
        "total_s": followups + stats,
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    interviewers = int(argv[0]) if argv else 1_000_000
    repeat = int(argv[1]) if len(argv) > 1 else 3
    f = measure(interviewers, repeat)
    print(f"Habits analysis on a generated log of {f['interviewers']:,} interviewers (median of {repeat}):")
    print(f"  floor: pandas alone reading the tables   {f['floor_read_s']:7.3f} s")
    print(f"  followups (our read + statuses)         {f['followups_s']:7.3f} s  (of which the read {f['our_read_s']:.3f} s)")
    print(f"  summary + weekly trend                  {f['summary_trend_s']:7.3f} s")
    print(f"  the analysis alone (no reading)          {f['analysis_only_s']:7.3f} s  "
          f"= {f['analysis_only_s'] / f['floor_read_s']:.2f} x the read (target < 1)")
    print(f"  everything a person waits for           {f['total_s']:7.3f} s  "
          f"= {f['total_s'] / f['floor_read_s']:.2f} x the read")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
