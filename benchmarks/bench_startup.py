"""Start-up: how long ``import workbook`` takes in a fresh interpreter, beside ``import pandas``
(the floor: the workbook depends on pandas, so it can never start faster).

A second figure reports what the first :func:`workbook.open_log` adds, since SQLAlchemy loads
then: ``import workbook; workbook.open_log(path)`` beside ``import pandas, sqlalchemy`` and a
connection to the same file.

Run: ``.venv/bin/python benchmarks/bench_startup.py [REPEAT]``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, interleaved  # noqa: E402

TARGET = 1.15


def python(code: str, folder: Path):
    """A function running ``code`` in a fresh interpreter, in ``folder``."""
    return lambda: subprocess.run([sys.executable, "-c", code], cwd=folder, check=True)


def measure(repeat: int = 15) -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        log = folder / "start.sqlite"
        subprocess.run([sys.executable, "-c", f"import workbook; workbook.open_log({str(log)!r}).close()"], check=True)
        python("import workbook", folder)()  # warm the file cache and the bytecode
        times = interleaved({
            "workbook": python("import workbook", folder),
            "pandas": python("import pandas", folder),
            "open_log": python(f"import workbook; workbook.open_log({str(log)!r})", folder),
            "connect": python("import pandas, sqlalchemy; "
                              f"sqlalchemy.create_engine('sqlite:///{log}').connect().close()", folder),
        }, repeat)
    return [
        Figure("Start-up", "`python -c \"import workbook\"`", times["workbook"],
               "`python -c \"import pandas\"`", times["pandas"], repeat, TARGET),
        Figure("Start-up", "`import workbook; workbook.open_log(path)` (SQLAlchemy loads here)", times["open_log"],
               "`import pandas, sqlalchemy` and a connection to the same file", times["connect"], repeat,
               note="the first open_log pays for SQLAlchemy, which `import workbook` leaves out"),
    ]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    repeat = int(argv[0]) if argv else 15
    print(f"Start-up, median of {repeat} fresh interpreters:")
    for figure in measure(repeat):
        print(figure.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
