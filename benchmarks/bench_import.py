"""Import: how long ``import_csv`` takes on the CSV folder of a generated log (100,000 and
1,000,000 interviewers, exported with ``export_csv``), beside the floor: ``pandas.read_csv`` of
the same files plus a bare bulk insert of their rows into plain SQLite tables, with no checks
and no conversions at all.

Target: ours at most 2× the floor. Run:
``.venv/bin/python benchmarks/bench_import.py [INTERVIEWERS ...]`` (default 100000 1000000).
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402
from common import Figure, interleaved  # noqa: E402

import workbook  # noqa: E402
from workbook.store.csv_files import KINDS  # noqa: E402

TARGET = 2.0


def _fresh(path: Path) -> Path:
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    return path


def floor(folder: Path, target: Path) -> None:
    """pandas.read_csv of every file, then a bare bulk insert of the rows into SQLite."""
    with sqlite3.connect(_fresh(target)) as db:
        for kind in KINDS:
            frame = pd.read_csv(folder / f"{kind}.csv", dtype=str, keep_default_na=False)
            frame.to_sql(kind, db, index=False, chunksize=100_000)
    db.close()


def ours(folder: Path, target: Path) -> None:
    """A new, empty log, and ``import_csv`` of the folder into it."""
    with workbook.open_log(_fresh(target)) as log:
        log.import_csv(folder)


def measure(work: Path, sizes=(100_000, 1_000_000), repeat: int = 3) -> list[Figure]:
    figures = []
    for size in sizes:
        folder = scale.exported(work, size)
        times = interleaved({"ours": lambda: ours(folder, work / "import-ours.sqlite"),
                             "floor": lambda: floor(folder, work / "import-floor.sqlite")}, repeat)
        figures.append(Figure(
            "Import", f"`import_csv` of {size:,} interviewers (with their interviews, notes, outcomes)",
            times["ours"], "`pandas.read_csv` of the same files + a bare bulk insert", times["floor"],
            repeat, TARGET))
    return figures


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sizes = [int(a) for a in argv] or [100_000, 1_000_000]
    print("Import (median of 3):")
    with tempfile.TemporaryDirectory() as work:
        for figure in measure(Path(work), sizes):
            print(figure.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
