"""How long ``import_csv`` takes on a large CSV folder, beside the floor: pandas reading the same
files plus a bare bulk insert of their rows into SQLite, with no checking at all.

The folder is a generated log (benchmarks/scale.py) exported with ``export_csv``. Target:
our import at most 2x the floor. Run:
``.venv/bin/python benchmarks/bench_import.py [INTERVIEWERS ...]`` (default 100000 1000000).
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402

import workbook  # noqa: E402
from workbook.csvio import KINDS  # noqa: E402

TARGET = 2.0
def floor(folder: Path, target: Path) -> float:
    """pandas.read_csv of every file, then a bare bulk insert of the rows into SQLite: no
    checks, no conversions, plain tables."""
    start = time.perf_counter()
    with sqlite3.connect(target) as db:
        for kind in KINDS:
            frame = pd.read_csv(folder / f"{kind}.csv", dtype=str, keep_default_na=False)
            frame.to_sql(kind, db, index=False, chunksize=100_000)
    return time.perf_counter() - start


def ours(folder: Path, target: Path) -> float:
    log = workbook.open_log(target)
    start = time.perf_counter()
    log.import_csv(folder)
    elapsed = time.perf_counter() - start
    log.close()
    return elapsed


def measure(interviewers: int, repeat: int = 3) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        source = scale.generate_log(work / "source.sqlite", interviewers)
        with workbook.open_log(source) as log:
            folder = log.export_csv(work / "csv")
        floors = [floor(folder, work / f"floor-{i}.sqlite") for i in range(repeat)]
        mine = [ours(folder, work / f"ours-{i}.sqlite") for i in range(repeat)]
    return {"interviewers": interviewers, "floor_s": statistics.median(floors), "ours_s": statistics.median(mine)}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sizes = [int(a) for a in argv] or [100_000, 1_000_000]
    print("import_csv against pandas.read_csv + a bare bulk insert (median of 3):")
    for size in sizes:
        f = measure(size, repeat=3 if size <= 100_000 else 1)
        print(f"  {f['interviewers']:>9,} interviewers: ours {f['ours_s']:7.2f} s, floor {f['floor_s']:7.2f} s, "
              f"ratio {f['ours_s'] / f['floor_s']:.2f} (target <= {TARGET})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
